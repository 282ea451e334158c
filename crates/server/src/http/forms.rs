// SPDX-License-Identifier: AGPL-3.0-only
//! Shared by the form pages: turning a service error into what the template shows.
use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use townhall_core::{ChunkSource, CoreError};

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

pub use townhall_core::web::{download, single_file};

/// A download's pieces as a response body, each sent as it is read; a failure mid-way ends the
/// body with an error, so the client sees an incomplete download instead of a silently short
/// file.
pub fn chunked(source: impl ChunkSource) -> Body {
    let chunks = futures_util::stream::unfold(Some(source), |state| async move {
        let mut source = state?;
        match source.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(Bytes::from(chunk)), Some(source))),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "a download failed part-way");
                Some((Err(std::io::Error::other("the download failed")), None))
            }
        }
    });
    Body::from_stream(chunks)
}
/// For a part of a page whose caller cannot fail on it yet: the failure is logged and the part
/// is left empty. Only for the few helpers that pages not yet converted still call; a handler
/// uses `?`.
pub fn logged<T: Default>(part: &str, result: Result<T, CoreError>) -> T {
    result.unwrap_or_else(|e| {
        tracing::error!(part, error = %e, detail = ?e, "a part of a page failed");
        T::default()
    })
}
