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
