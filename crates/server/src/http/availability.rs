// SPDX-License-Identifier: AGPL-3.0-only
//! When the database goes away (a PostgreSQL restart, a network cut, the SQLite file removed)
//! every request gets a clear 503 at once, instead of errors page by page or, worse with
//! SQLite, writes to a file that is no longer there; service resumes by itself when the
//! database is back. A task checks the database every second; the guard reads its verdict.
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use townhall_core::Platform;

use super::AppState;
use crate::ui::locale::Locale;

/// The monitor's latest verdict.
#[derive(Debug)]
pub struct Availability {
    up: AtomicBool,
}

impl Default for Availability {
    fn default() -> Self {
        Self { up: AtomicBool::new(true) }
    }
}

impl Availability {
    pub fn is_up(&self) -> bool {
        self.up.load(Ordering::Relaxed)
    }
}

/// Whether the database answers now (and, for SQLite, its file is in place).
pub async fn database_answers(platform: &Platform, sqlite_file: Option<&PathBuf>) -> bool {
    if sqlite_file.is_some_and(|file| !file.exists()) {
        return false;
    }
    tokio::time::timeout(Duration::from_secs(2), platform.ping()).await.unwrap_or(false)
}

/// Checks the database every second until `stop` turns true, logging each change.
pub fn spawn_monitor(state: &AppState, mut stop: tokio::sync::watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    let (platform, file, availability) =
        (state.platform.clone(), state.sqlite_file.clone(), state.availability.clone());
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                _ = stop.changed() => return,
            }
            let up = database_answers(&platform, file.as_ref()).await;
            if availability.up.swap(up, Ordering::Relaxed) != up {
                if up {
                    tracing::info!("the database answers again: serving");
                } else {
                    tracing::error!("the database does not answer: every request gets 503 until it is back");
                }
            }
        }
    })
}

/// Paths that work without the database.
fn without_database(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics" | "/theme.css") || path.starts_with("/assets/")
}

/// Answers 503 while the database is away: a short page for browsers, a GraphQL error for the API.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.availability.is_up() || without_database(request.uri().path()) {
        return next.run(request).await;
    }
    let locale = request.extensions().get::<Locale>().map_or("en", |l| l.code);
    let text = |key: &str| state.ui.text(locale, key);
    let mut response = if request.uri().path() == "/graphql" {
        let body = serde_json::json!({
            "data": null,
            "errors": [{ "message": text("unavailable-lead"), "extensions": { "code": "unavailable" } }],
        });
        (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
    } else {
        let page = format!(
            "<!doctype html><html lang=\"{locale}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{lead}</p></main></body></html>",
            title = escape(&text("unavailable-title")),
            lead = escape(&text("unavailable-lead")),
        );
        (StatusCode::SERVICE_UNAVAILABLE, Html(page)).into_response()
    };
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
