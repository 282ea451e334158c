// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas on the project page and on their own page: posting and reacting as plain forms.
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use townhall_core::modules::ideas::{IdeaSort, IdeaView, ReactionMode};
use townhall_core::modules::projects::model::phase;
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use super::projects::excerpt;
use crate::ui::{Ctx, rich_text};

/// What the asking user may do in a phase: `{ allowed, reason }` per action of its method.
pub async fn abilities(platform: &Platform, actor: &Actor, found: &phase::Model) -> Value {
    let answers = platform.phase_abilities(actor, found).await.unwrap_or_default();
    let out: std::collections::BTreeMap<&str, Value> = answers
        .into_iter()
        .map(|(action, _, answer)| {
            (
                action.as_str(),
                minijinja::context! { allowed => answer.is_ok(), reason => answer.err().map(|d| d.code()) },
            )
        })
        .collect();
    Value::from_serialize(&out)
}

pub fn idea_value(v: &IdeaView, mine: Option<&str>) -> Value {
    minijinja::context! {
        id => v.idea.id,
        title => v.idea.title.clone(),
        excerpt => excerpt(&v.idea.body, 140),
        body_html => Value::from_safe_string(rich_text::to_html(&v.idea.body)),
        author => v.author.clone(),
        up => v.idea.reactions_up,
        comments => v.idea.comments_count,
        mine => mine,
        date => v.idea.created_at.format("%Y-%m-%d").to_string(),
    }
}

/// The ideas of a phase with the asking user's reactions (a fixed number of queries).
pub async fn ideas_of(platform: &Platform, actor: &Actor, phase_id: i32) -> Vec<Value> {
    let Ok(page) = platform.ideas(actor, phase_id, IdeaSort::Newest, 24, None).await else { return Vec::new() };
    let ids: Vec<i32> = page.ideas.iter().map(|v| v.idea.id).collect();
    let mine = platform.my_reactions(actor, &ids).await.unwrap_or_default();
    page.ideas
        .iter()
        .map(|v| idea_value(v, mine.iter().find(|(id, _)| *id == v.idea.id).map(|(_, m)| m.as_str())))
        .collect()
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct IdeaForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

pub async fn post(
    State(state): State<AppState>,
    req: Ctx,
    Path(phase_id): Path<i32>,
    Form(form): Form<IdeaForm>,
) -> Response {
    match state.platform.post_idea(&req.actor, phase_id, &form.title, &form.body).await {
        Ok(saved) => Redirect::to(&format!("/ideas/{}", saved.id)).into_response(),
        Err(e) => {
            let project = state.platform.project_slug_of_phase(phase_id).await.ok().flatten();
            let Some(slug) = project else { return super::pages::not_found(State(state), req).await };
            super::projects::render(&state, &req, &slug, Some((&form, &e))).await
        }
    }
}

pub async fn show(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> Response {
    render(&state, &req, id, None).await
}

async fn render(state: &AppState, req: &Ctx, id: i32, error: Option<&CoreError>) -> Response {
    let Ok(Some(view)) = state.platform.idea_by_id(&req.actor, id).await else {
        return super::pages::not_found(State(state.clone()), req.clone()).await;
    };
    let mine = state.platform.my_reactions(&req.actor, &[id]).await.unwrap_or_default();
    let found = state.platform.phase_of(view.idea.phase_id).await.ok();
    let can = match &found {
        Some(ph) => abilities(&state.platform, &req.actor, ph).await,
        None => Value::from(()),
    };
    let project = state.platform.project_slug_of_phase(view.idea.phase_id).await.ok().flatten();
    let ctx = minijinja::context! {
        idea => idea_value(&view, mine.first().map(|(_, m)| m.as_str())),
        can => can,
        project_slug => project,
        error => error.map(error_value),
    };
    state.ui.page(&state.platform, req, "idea.html", ctx).await
}

#[derive(Debug, Deserialize)]
pub struct ReactForm {
    #[serde(default)]
    mode: String,
}

pub async fn react(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<ReactForm>,
) -> Response {
    let result = match form.mode.as_str() {
        "up" => state.platform.react(&req.actor, id, ReactionMode::Up).await.map(drop),
        "down" => state.platform.react(&req.actor, id, ReactionMode::Down).await.map(drop),
        _ => state.platform.remove_reaction(&req.actor, id).await.map(drop),
    };
    match result {
        Ok(()) => Redirect::to(&format!("/ideas/{id}#reactions")).into_response(),
        Err(e) => render(&state, &req, id, Some(&e)).await,
    }
}
