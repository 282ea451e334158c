// SPDX-License-Identifier: AGPL-3.0-only
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::CoreError;

use super::{AdminOnly, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

async fn render(state: &AppState, req: &Ctx, error: Option<&CoreError>) -> Response {
    let license = state.platform.license();
    let ctx = minijinja::context! {
        status => license.status.as_str(),
        plan => license.plan().map(|p| p.as_str()),
        licensee => license.licensee(),
        key_id => license.key_id(),
        reason => license.reason.clone(),
        edition => state.platform.edition().as_str(),
        error => error.map(error_value),
        refused => match error { Some(CoreError::LicenseRefused(why)) => Some(why.clone()), _ => None },
    };
    page(state, req, "admin/license.html", "license", ctx).await
}

pub async fn show(State(state): State<AppState>, _: AdminOnly, req: Ctx) -> Response {
    render(&state, &req, None).await
}

#[derive(Debug, Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    key: String,
}

pub async fn replace(State(state): State<AppState>, _: AdminOnly, req: Ctx, Form(form): Form<KeyForm>) -> Response {
    match state.platform.replace_license(&req.actor, &form.key).await {
        Ok(_) => Redirect::to("/admin/license").into_response(),
        Err(e) => render(&state, &req, Some(&e)).await,
    }
}
