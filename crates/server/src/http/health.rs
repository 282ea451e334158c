// SPDX-License-Identifier: AGPL-3.0-only
use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use super::availability::database_answers;

/// 200 while the process lives.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 when the database answers (and, for SQLite, its file is still in place), else 503.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if database_answers(&state.platform, state.sqlite_file.as_ref()).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
