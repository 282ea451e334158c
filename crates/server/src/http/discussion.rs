// SPDX-License-Identifier: AGPL-3.0-only
//! The forms under an idea: comments and replies, editing and deleting them, moderators'
//! removals, and the organisation's answers (status changes and official feedback).
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::web::PageResult;

use super::AppState;
use super::ideas::{Section, render};
use crate::ui::Ctx;

#[derive(Debug, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: Option<String>,
}

pub async fn post(
    State(state): State<AppState>,
    req: Ctx,
    Path(idea_id): Path<i32>,
    Form(form): Form<CommentForm>,
) -> Response {
    let parent = form.parent_id.as_deref().and_then(|p| p.parse().ok());
    match state.platform.post_comment(&req.actor, idea_id, parent, &form.body).await {
        Ok(saved) => Redirect::to(&format!("/ideas/{idea_id}#comment-{}", saved.id)).into_response(),
        Err(e) => render(&state, &req, idea_id, Some((Section::Comments, &e))).await,
    }
}

pub async fn edit(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<CommentForm>,
) -> PageResult {
    // Where the comment's page is (an unknown comment is the not-found page).
    let idea_id = state.platform.comment_idea(&req.actor, id).await?;
    match state.platform.update_comment(&req.actor, id, &form.body).await {
        Ok(_) => Ok(Redirect::to(&format!("/ideas/{idea_id}#comment-{id}")).into_response()),
        Err(e) => Ok(render(&state, &req, idea_id, Some((Section::Comments, &e))).await),
    }
}

#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    reason: Option<String>,
}

pub async fn delete(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<DeleteForm>,
) -> PageResult {
    // Where the comment's page is (an unknown comment is the not-found page).
    let idea_id = state.platform.comment_idea(&req.actor, id).await?;
    match state.platform.delete_comment(&req.actor, id, form.reason.as_deref()).await {
        Ok(_) => Ok(Redirect::to(&format!("/ideas/{idea_id}#comment-{id}")).into_response()),
        Err(e) => Ok(render(&state, &req, idea_id, Some((Section::Comments, &e))).await),
    }
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    status_id: Option<String>,
    #[serde(default)]
    feedback: String,
}

/// A moderator's answer: a new status (with optional feedback), or feedback alone when the
/// status is left as it is.
pub async fn answer(
    State(state): State<AppState>,
    req: Ctx,
    Path(idea_id): Path<i32>,
    Form(form): Form<AnswerForm>,
) -> Response {
    let p = &state.platform;
    let status = form.status_id.as_deref().and_then(|s| s.parse::<i32>().ok());
    let result = match status {
        Some(status) => p.set_idea_status(&req.actor, idea_id, status, Some(&form.feedback)).await.map(drop),
        None => p.post_official_feedback(&req.actor, idea_id, &form.feedback).await.map(drop),
    };
    match result {
        Ok(()) => Redirect::to(&format!("/ideas/{idea_id}#official-feedback")).into_response(),
        Err(e) => render(&state, &req, idea_id, Some((Section::Answer, &e))).await,
    }
}
