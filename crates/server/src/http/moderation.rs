// SPDX-License-Identifier: AGPL-3.0-only
//! Moderation in the pages: residents report an idea or a comment from the idea page; staff
//! work the queue in the back office (hide with a reason, restore, dismiss, block the author).
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::modules::moderation::{HANDLED, NEW, REASONS, Target};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::permissions::moderates;
use townhall_core::web::PageResult;

use super::AppState;
use super::admin::Staff;
use super::forms::error_value;
use super::ideas::Section;
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    text: String,
}

async fn reported(state: &AppState, req: &Ctx, idea: i32, target: Target, form: ReportForm) -> Response {
    match state.platform.report(&req.actor, target, &form.reason, &form.text).await {
        Ok(_) => Redirect::to(&format!("/ideas/{idea}?reported=1#reported")).into_response(),
        Err(CoreError::NotSignedIn) => super::auth::require_sign_in(&format!("/ideas/{idea}")),
        Err(e) => super::ideas::render(state, req, idea, Some((Section::Report, &e))).await,
    }
}

/// Reports an idea.
pub async fn report_idea(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<ReportForm>,
) -> Response {
    reported(&state, &req, id, Target::Idea(id), form).await
}

/// Reports a comment.
pub async fn report_comment(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<ReportForm>,
) -> PageResult {
    let idea = state.platform.comment_idea(&req.actor, id).await?;
    Ok(reported(&state, &req, idea, Target::Comment(id), form).await)
}

/// The reasons for the report form.
pub fn reasons() -> Vec<&'static str> {
    REASONS.to_vec()
}

#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    project: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    after: String,
}

impl QueueQuery {
    fn back(&self) -> String {
        let pairs = [("status", &self.status), ("project", &self.project), ("kind", &self.kind)];
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (*k, v.as_str())))
            .finish();
        format!("/admin/moderation?{query}")
    }
}

async fn render_queue(state: &AppState, req: &Ctx, query: &QueueQuery, error: Option<&CoreError>) -> PageResult {
    let status = if query.status == HANDLED { HANDLED } else { NEW };
    let project = query.project.parse().ok();
    let kind = Some(query.kind.as_str()).filter(|k| ["idea", "comment"].contains(k));
    let after = query.after.parse().ok();
    let page = state.platform.moderation_queue(&req.actor, status, project, kind, 25, after).await?;
    let projects = state.platform.projects(&req.actor).await?;
    let titles: Vec<(i32, String)> = projects
        .iter()
        .filter(|p| moderates(&req.actor, p.id))
        .map(|p| (p.id, Multiloc::parse(&p.title).text(req.locale.code)))
        .collect();
    let items: Vec<minijinja::Value> = page
        .items
        .iter()
        .map(|i| {
            minijinja::context! {
                id => i.report.id,
                target_type => i.report.target_type.clone(),
                target_id => i.report.target_id,
                idea_id => i.idea_id,
                project => titles.iter().find(|(id, _)| *id == i.report.project_id).map(|(_, t)| t.clone()),
                excerpt => super::projects::excerpt(&i.excerpt, 200),
                reason => i.report.reason.clone(),
                text => i.report.text.clone(),
                outcome => i.report.outcome.clone(),
                hidden => i.hidden,
                has_author => i.author_id.is_some(),
                date => crate::ui::time::moment(i.report.created_at, req.tz),
            }
        })
        .collect();
    let ctx = minijinja::context! {
        items => items,
        next => page.next,
        projects => titles.iter().map(|(id, t)| minijinja::context! { id => id, title => t }).collect::<Vec<_>>(),
        chosen => minijinja::context! { status => status, project => query.project.clone(), kind => query.kind.clone() },
        back => query.back(),
        error => error.map(error_value),
    };
    Ok(super::admin::page(state, req, "admin/moderation.html", "moderation", ctx).await)
}

pub async fn queue(State(state): State<AppState>, _: Staff, req: Ctx, Query(query): Query<QueueQuery>) -> PageResult {
    render_queue(&state, &req, &query, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    target_type: String,
    #[serde(default)]
    target_id: i32,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

/// Back to the queue as it was filtered, or the queue with the error.
async fn after_action(state: &AppState, req: &Ctx, form: &ActionForm, result: Result<(), CoreError>) -> PageResult {
    match result {
        Ok(()) => {
            let back =
                if form.back.starts_with("/admin/moderation") { form.back.as_str() } else { "/admin/moderation" };
            Ok(Redirect::to(back).into_response())
        }
        Err(e) => render_queue(state, req, &QueueQuery::default(), Some(&e)).await,
    }
}

pub async fn hide(State(state): State<AppState>, _: Staff, req: Ctx, Form(form): Form<ActionForm>) -> PageResult {
    let result = match Target::parse(&form.target_type, form.target_id) {
        Ok(target) => state.platform.hide_content(&req.actor, target, &form.reason).await,
        Err(e) => Err(e),
    };
    after_action(&state, &req, &form, result).await
}

pub async fn restore(State(state): State<AppState>, _: Staff, req: Ctx, Form(form): Form<ActionForm>) -> PageResult {
    let result = match Target::parse(&form.target_type, form.target_id) {
        Ok(target) => state.platform.restore_content(&req.actor, target).await,
        Err(e) => Err(e),
    };
    after_action(&state, &req, &form, result).await
}

pub async fn dismiss(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    let result = state.platform.dismiss_report(&req.actor, id).await;
    after_action(&state, &req, &form, result).await
}

pub async fn block(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    let result = state.platform.block_reported_author(&req.actor, id, &form.reason).await;
    after_action(&state, &req, &form, result).await
}
