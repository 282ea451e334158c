// SPDX-License-Identifier: AGPL-3.0-only
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::web::PageResult;

use super::{AdminOnly, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

async fn render(state: &AppState, req: &Ctx, error: Option<&CoreError>) -> PageResult {
    let features = state.platform.features().await?;
    let rows: Vec<_> = features
        .iter()
        .map(|f| {
            minijinja::context! {
                id => f.id.clone(), edition => f.edition.as_str(), allowed => f.allowed,
                enabled => f.enabled, active => f.active,
            }
        })
        .collect();
    let ctx = minijinja::context! { features => rows, error => error.map(error_value) };
    Ok(page(state, req, "admin/features.html", "features", ctx).await)
}

pub async fn list(State(state): State<AppState>, _: AdminOnly, req: Ctx) -> PageResult {
    render(&state, &req, None).await
}

#[derive(Debug, Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    enabled: String,
}

pub async fn switch(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SwitchForm>,
) -> PageResult {
    match state.platform.set_feature_enabled(&req.actor, &id, form.enabled == "true").await {
        Ok(_) => Ok(Redirect::to("/admin/features").into_response()),
        Err(e) => render(&state, &req, Some(&e)).await,
    }
}
