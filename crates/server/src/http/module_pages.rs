// SPDX-License-Identifier: AGPL-3.0-only
//! Renders the pages that module handlers answer with (`townhall_core::web::Page`): in the
//! site's layout and language, and, for back-office pages, with its navigation.
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use minijinja::Value;
use townhall_core::web::Page;

use super::AppState;
use crate::ui::Ctx;

pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(ctx) = Ctx::from_request_parts(&mut parts, &state).await;
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(page) = response.extensions().get::<Page>().cloned() else { return response };
    let data = Value::from_serialize(&page.data);
    let mut rendered = match page.admin_section {
        Some(section) => super::admin::page(&state, &ctx, page.template, section, data).await,
        None => state.ui.page(&state.platform, &ctx, page.template, data).await,
    };
    // A page that failed to render keeps its error status; otherwise the module's status wins.
    if rendered.status() == StatusCode::OK {
        *rendered.status_mut() = page.status;
    }
    // Headers the module set (a cookie, a cache rule) travel with the page.
    for (name, value) in response.headers() {
        if name != axum::http::header::CONTENT_LENGTH && name != axum::http::header::CONTENT_TYPE {
            rendered.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rendered
}
