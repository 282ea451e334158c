// SPDX-License-Identifier: AGPL-3.0-only
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::ui::Ctx;

pub async fn not_found(State(state): State<AppState>, req: Ctx) -> Response {
    let page = state.ui.page(&state.platform, &req, "not_found.html", minijinja::context! {}).await;
    (StatusCode::NOT_FOUND, page).into_response()
}

/// Turns axum's plain-text answer to a path that does not parse (`/ideas/abc`) into the
/// not-found page, as for any other address that names nothing (rendered by `page_render`).
pub async fn unparsable_path_as_not_found(response: Response) -> Response {
    if response.status() != StatusCode::BAD_REQUEST {
        return response;
    }
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !plain {
        return response;
    }
    let (head, body) = response.into_parts();
    // Rejections are short; anything long is not one of them and passes unchanged.
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if bytes.starts_with(b"Invalid URL") {
        return townhall_core::web::PageError::NotFound.into_response();
    }
    Response::from_parts(head, axum::body::Body::from(bytes))
}
