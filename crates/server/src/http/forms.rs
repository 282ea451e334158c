// SPDX-License-Identifier: AGPL-3.0-only
//! Shared by the form pages: turning a service error into what the template shows.
use axum::http::header;
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use townhall_core::CoreError;

/// `{ field, code }` for the error summary and the field; the template translates `error-<code>`.
pub fn error_value(e: &CoreError) -> Value {
    Value::from_serialize(townhall_core::web::error_data(e))
}

/// A 303 to `to` that also sets a cookie.
pub fn redirect_with_cookie(to: &str, cookie: String) -> Response {
    ([(header::SET_COOKIE, cookie)], townhall_core::web::see_other(to)).into_response()
}

/// Only local paths are followed after signing in (see `townhall_core::web::local_path`).
pub fn safe_next(next: Option<&str>) -> String {
    townhall_core::web::local_path(next).unwrap_or_else(|| "/".to_owned())
}

pub use townhall_core::web::{chunked, download, single_file};
