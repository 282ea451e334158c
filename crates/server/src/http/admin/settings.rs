// SPDX-License-Identifier: AGPL-3.0-only
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::CoreError;

use super::{guard, page as render_page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

async fn render(state: &AppState, req: &Ctx, name: Option<String>, error: Option<&CoreError>) -> Response {
    if let Err(r) = guard(state, req).await {
        return r;
    }
    let name = match name {
        Some(n) => n,
        None => state.platform.name().await.unwrap_or_default(),
    };
    let ctx = minijinja::context! { form => minijinja::context! { name => name }, error => error.map(error_value) };
    render_page(state, req, "admin/settings.html", "settings", ctx).await
}

pub async fn page(State(state): State<AppState>, req: Ctx) -> Response {
    render(&state, &req, None, None).await
}

#[derive(Debug, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    name: String,
}

pub async fn save(State(state): State<AppState>, req: Ctx, Form(form): Form<SettingsForm>) -> Response {
    if let Err(r) = guard(&state, &req).await {
        return r;
    }
    match state.platform.set_name(&req.actor, &form.name).await {
        Ok(()) => Redirect::to("/admin/settings").into_response(),
        Err(e) => render(&state, &req, Some(form.name), Some(&e)).await,
    }
}
