// SPDX-License-Identifier: AGPL-3.0-only
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;

/// 200 while the process lives.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 when the database answers (and, for SQLite, its file is still in place), else 503.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.sqlite_file.as_ref().is_some_and(|file| !file.exists()) {
        return (StatusCode::SERVICE_UNAVAILABLE, "database file missing");
    }
    match tokio::time::timeout(Duration::from_secs(2), state.platform.ping()).await {
        Ok(true) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
