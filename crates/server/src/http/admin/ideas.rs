// SPDX-License-Identifier: AGPL-3.0-only
//! The back office's idea table: every project's ideas, filtered by project, status and text,
//! with the status changed or the idea deleted from the row. Feedback is written on the idea
//! page, where residents will read it.
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::PageResult;

use super::projects::{Pairs, value};
use super::{Staff, page};
use crate::http::AppState;
use crate::http::forms::{error_value, safe_next};
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize)]
pub struct TableQuery {
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

fn number(v: &Option<String>) -> Option<i32> {
    v.as_deref().and_then(|v| v.parse().ok())
}

pub async fn list(State(state): State<AppState>, _: Staff, req: Ctx, Query(q): Query<TableQuery>) -> PageResult {
    render(&state, &req, &q, None).await
}

async fn render(state: &AppState, req: &Ctx, q: &TableQuery, error: Option<&CoreError>) -> PageResult {
    let p = &state.platform;
    let locale = req.locale.code;
    let scope = number(&q.project).map_or(IdeaScope::Moderated, IdeaScope::Project);
    let filter = IdeaFilter {
        status_ids: number(&q.status).into_iter().collect(),
        search: q.q.clone().filter(|s| !s.trim().is_empty()),
        ..IdeaFilter::default()
    };
    let found = p.list_ideas(&req.actor, scope, IdeaSort::Newest, &filter, 50, q.after.as_deref()).await?;
    // The projects this person answers for (all of them for administrators).
    let projects: Vec<_> = p
        .projects(&req.actor)
        .await?
        .into_iter()
        .filter(|pr| townhall_core::permissions::moderates(&req.actor, pr.id))
        .collect();
    let statuses = p.idea_statuses().await?;
    let rows: Vec<_> = found
        .ideas
        .iter()
        .map(|v| {
            let project = projects.iter().find(|pr| pr.id == v.idea.project_id);
            minijinja::context! {
                id => v.idea.id,
                title => v.idea.title.clone(),
                author => v.author.clone(),
                project => project.map(|pr| Multiloc::parse(&pr.title).text(locale)),
                status => v.idea.status.clone(),
                cost => v.idea.cost,
                up => v.idea.reactions_up,
                comments => v.idea.comments_count,
                date => v.idea.created_at.format("%Y-%m-%d").to_string(),
            }
        })
        .collect();
    let here = format!(
        "/admin/ideas?project={}&status={}&q={}",
        number(&q.project).map(|n| n.to_string()).unwrap_or_default(),
        number(&q.status).map(|n| n.to_string()).unwrap_or_default(),
        form_urlencoded::byte_serialize(q.q.as_deref().unwrap_or_default().as_bytes()).collect::<String>(),
    );
    let next = found.next.map(|cursor| {
        format!("{here}&after={}", form_urlencoded::byte_serialize(cursor.as_bytes()).collect::<String>())
    });
    let ctx = minijinja::context! {
        ideas => rows,
        projects => projects.iter().map(|pr| minijinja::context! { id => pr.id, title => Multiloc::parse(&pr.title).text(locale) }).collect::<Vec<_>>(),
        statuses => statuses.iter().map(|s| minijinja::context! { id => s.id, code => s.code.clone(), title => Multiloc::parse(&s.title).text(locale) }).collect::<Vec<_>>(),
        chosen => minijinja::context! { project => number(&q.project), status => number(&q.status), q => q.q.clone().unwrap_or_default() },
        here => here,
        next => next,
        error => error.map(error_value),
    };
    Ok(page(state, req, "admin/ideas.html", "ideas", ctx).await)
}

/// After a row action: back to the same filtered table, or the table with the error.
async fn finish(state: &AppState, req: &Ctx, pairs: &Pairs, result: Result<(), CoreError>) -> PageResult {
    match result {
        Ok(()) => Ok(Redirect::to(&safe_next(Some(value(pairs, "back")))).into_response()),
        Err(e) => render(state, req, &TableQuery::default(), Some(&e)).await,
    }
}

pub async fn set_status(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let status = value(&pairs, "status_id").parse::<i32>().unwrap_or(0);
    let result = state.platform.set_idea_status(&req.actor, id, status, None).await.map(drop);
    finish(&state, &req, &pairs, result).await
}

/// Sets or clears what an idea costs (for participatory budgeting).
pub async fn set_cost(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let text = value(&pairs, "cost").trim();
    let result = if text.is_empty() {
        state.platform.set_idea_cost(&req.actor, id, None).await.map(drop)
    } else {
        match text.parse::<i64>() {
            Ok(cost) => state.platform.set_idea_cost(&req.actor, id, Some(cost)).await.map(drop),
            Err(_) => Err(CoreError::Field { field: "cost", code: "cost_invalid" }),
        }
    };
    finish(&state, &req, &pairs, result).await
}

pub async fn delete(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let result = state.platform.delete_idea(&req.actor, id).await;
    finish(&state, &req, &pairs, result).await
}
