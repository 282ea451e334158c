// SPDX-License-Identifier: AGPL-3.0-only
//! The back office's topics and areas: add, rename, reorder and remove.
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use townhall_core::CoreError;
use townhall_core::modules::projects::Taxonomy;
use townhall_core::modules::projects::multiloc::Multiloc;

use super::projects::{Pairs, multiloc, value};
use super::{guard, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

fn kind_of(text: &str) -> Option<Taxonomy> {
    match text {
        "topics" => Some(Taxonomy::Topic),
        "areas" => Some(Taxonomy::Area),
        _ => None,
    }
}

pub async fn list(State(state): State<AppState>, req: Ctx) -> Response {
    render(&state, &req, None).await
}

async fn render(state: &AppState, req: &Ctx, error: Option<(&str, &CoreError)>) -> Response {
    if let Err(r) = guard(state, req).await {
        return r;
    }
    let mut lists = Vec::new();
    for (name, kind) in [("topics", Taxonomy::Topic), ("areas", Taxonomy::Area)] {
        let terms = state.platform.terms(kind).await.unwrap_or_default();
        let rows: Vec<_> = terms
            .iter()
            .map(|t| {
                minijinja::context! {
                    id => t.id, position => t.position, label => t.text(req.locale.code),
                    title => Multiloc::parse(&t.title).0,
                }
            })
            .collect();
        lists.push(minijinja::context! { name => name, terms => rows });
    }
    let ctx = minijinja::context! {
        lists => lists,
        error => error.map(|(_, e)| error_value(e)),
        error_in => error.map(|(list, _)| list),
    };
    page(state, req, "admin/taxonomy.html", "taxonomy", ctx).await
}

fn position(pairs: &Pairs) -> i32 {
    value(pairs, "position").trim().parse().unwrap_or(0)
}

async fn finish(state: &AppState, req: &Ctx, list: &str, result: Result<(), CoreError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/admin/taxonomy#{list}")).into_response(),
        Err(e) => render(state, req, Some((list, &e))).await,
    }
}

pub async fn create(
    State(state): State<AppState>,
    req: Ctx,
    Path(list): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(kind) = kind_of(&list) else { return crate::http::pages::not_found(State(state), req).await };
    let result = state.platform.create_term(&req.actor, kind, multiloc(&pairs, "title"), position(&pairs)).await;
    finish(&state, &req, &list, result.map(drop)).await
}

pub async fn update(
    State(state): State<AppState>,
    req: Ctx,
    Path((list, id)): Path<(String, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let Some(kind) = kind_of(&list) else { return crate::http::pages::not_found(State(state), req).await };
    let result = state.platform.update_term(&req.actor, kind, id, multiloc(&pairs, "title"), position(&pairs)).await;
    finish(&state, &req, &list, result.map(drop)).await
}

pub async fn delete(State(state): State<AppState>, req: Ctx, Path((list, id)): Path<(String, i32)>) -> Response {
    let Some(kind) = kind_of(&list) else { return crate::http::pages::not_found(State(state), req).await };
    let result = state.platform.delete_term(&req.actor, kind, id).await;
    finish(&state, &req, &list, result).await
}
