// SPDX-License-Identifier: AGPL-3.0-only
//! The back office's topics and areas: add, rename, reorder and remove.
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use townhall_core::CoreError;
use townhall_core::modules::projects::Taxonomy;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{PageError, PageResult};

use super::projects::{Pairs, multiloc, value};
use super::{AdminOnly, page};
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

pub async fn list(State(state): State<AppState>, _: AdminOnly, req: Ctx) -> PageResult {
    render(&state, &req, None).await
}

async fn render(state: &AppState, req: &Ctx, error: Option<(&str, &CoreError)>) -> PageResult {
    let mut lists = Vec::new();
    for (name, kind) in [("topics", Taxonomy::Topic), ("areas", Taxonomy::Area)] {
        let terms = state.platform.terms(kind).await?;
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
    Ok(page(state, req, "admin/taxonomy.html", "taxonomy", ctx).await)
}

fn position(pairs: &Pairs) -> i32 {
    value(pairs, "position").trim().parse().unwrap_or(0)
}

async fn finish(state: &AppState, req: &Ctx, list: &str, result: Result<(), CoreError>) -> PageResult {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/taxonomy#{list}")).into_response()),
        Err(e) => render(state, req, Some((list, &e))).await,
    }
}

pub async fn create(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Path(list): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let kind = kind_of(&list).ok_or(PageError::NotFound)?;
    let result = state.platform.create_term(&req.actor, kind, multiloc(&pairs, "title"), position(&pairs)).await;
    finish(&state, &req, &list, result.map(drop)).await
}

pub async fn update(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Path((list, id)): Path<(String, i32)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let kind = kind_of(&list).ok_or(PageError::NotFound)?;
    let result = state.platform.update_term(&req.actor, kind, id, multiloc(&pairs, "title"), position(&pairs)).await;
    finish(&state, &req, &list, result.map(drop)).await
}

pub async fn delete(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Path((list, id)): Path<(String, i32)>,
) -> PageResult {
    let kind = kind_of(&list).ok_or(PageError::NotFound)?;
    let result = state.platform.delete_term(&req.actor, kind, id).await;
    finish(&state, &req, &list, result).await
}
