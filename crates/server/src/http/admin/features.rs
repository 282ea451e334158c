// SPDX-License-Identifier: AGPL-3.0-only
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::CoreError;

use super::{guard, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

async fn render(state: &AppState, req: &Ctx, error: Option<&CoreError>) -> Response {
    if let Err(r) = guard(state, req).await {
        return r;
    }
    match state.platform.features().await {
        Ok(features) => {
            let rows: Vec<_> = features
                .iter()
                .map(|f| {
                    minijinja::context! {
                        id => f.id.clone(), edition => f.edition.as_str(), allowed => f.allowed,
                        enabled => f.enabled, active => f.active,
                    }
                })
                .collect();
            page(
                state,
                req,
                "admin/features.html",
                "features",
                minijinja::context! { features => rows, error => error.map(error_value) },
            )
            .await
        }
        Err(e) => {
            page(state, req, "admin/features.html", "features", minijinja::context! { error => error_value(&e) }).await
        }
    }
}

pub async fn list(State(state): State<AppState>, req: Ctx) -> Response {
    render(&state, &req, None).await
}

#[derive(Debug, Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    enabled: String,
}

pub async fn switch(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SwitchForm>,
) -> Response {
    if let Err(r) = guard(&state, &req).await {
        return r;
    }
    match state.platform.set_feature_enabled(&req.actor, &id, form.enabled == "true").await {
        Ok(_) => Redirect::to("/admin/features").into_response(),
        Err(e) => render(&state, &req, Some(&e)).await,
    }
}
