// SPDX-License-Identifier: AGPL-3.0-only
//! The voting panel of a project page: the ideas to choose from, the voter's basket with what
//! it spends, submitting it and its receipt, and the results once they are open. Every action
//! is a plain form; the page shows the engine's next step when voting is not open to the
//! visitor.
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use townhall_core::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::voting::VotingMethod;
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use crate::ui::Ctx;

fn method_name(m: VotingMethod) -> &'static str {
    match m {
        VotingMethod::Single => "single",
        VotingMethod::Multiple => "multiple",
        VotingMethod::Budgeting => "budgeting",
    }
}

/// Everything the voting panel shows.
pub async fn panel(platform: &Platform, actor: &Actor, found: &phase::Model, error: Option<&CoreError>) -> Value {
    let page = platform
        .list_ideas(actor, IdeaScope::Project(found.project_id), IdeaSort::Newest, &IdeaFilter::default(), 100, None)
        .await;
    let basket = platform.basket(actor, found.id).await.ok();
    let chosen: Vec<(i32, i64)> =
        basket.as_ref().map(|b| b.items.iter().map(|(i, v)| (i.id, *v)).collect()).unwrap_or_default();
    let ideas: Vec<Value> = page
        .map(|p| p.ideas)
        .unwrap_or_default()
        .iter()
        .map(|v| {
            let votes = chosen.iter().find(|(id, _)| *id == v.idea.id).map(|(_, n)| *n);
            minijinja::context! {
                id => v.idea.id, title => v.idea.title.clone(), cost => v.idea.cost, votes => votes,
                excerpt => super::projects::excerpt(&v.idea.body, 120),
            }
        })
        .collect();
    let results = platform.voting_results(actor, found.id).await.ok().map(|r| {
        minijinja::context! {
            ballots => r.ballots,
            final_hash => r.final_hash,
            ended => r.ended,
            rows => r.rows.iter().map(|row| minijinja::context! {
                title => row.idea.title.clone(), votes => row.votes, voters => row.voters, cost => row.idea.cost, fits => row.fits,
            }).collect::<Vec<_>>(),
        }
    });
    minijinja::context! {
        phase => found.id,
        ideas => ideas,
        basket => basket.map(|b| minijinja::context! {
            method => method_name(b.rules.method),
            budget => b.rules.budget,
            spent => b.spent,
            left => b.rules.budget - b.spent,
            max_votes => b.rules.max_votes,
            max_per_idea => b.rules.max_per_idea,
            used_votes => b.items.iter().map(|(_, v)| *v).sum::<i64>(),
            count => b.items.len(),
            receipt => b.receipt,
            submitted_at => b.submitted_at.map(|t| crate::ui::time::moment(t, platform.time_zone())),
            changed => b.changed_since_submission,
        }),
        results => results,
        error => error.map(error_value),
    }
}

#[derive(Debug, Deserialize)]
pub struct BasketForm {
    idea_id: i32,
    #[serde(default)]
    action: String,
    #[serde(default)]
    votes: Option<i64>,
}

async fn back(state: &AppState, req: &Ctx, phase_id: i32, result: Result<(), CoreError>) -> Response {
    let slug = state.platform.project_slug_of_phase(phase_id).await.ok().flatten();
    let Some(slug) = slug else { return super::pages::not_found(State(state.clone()), req.clone()).await };
    match result {
        Ok(()) => Redirect::to(&format!("/projects/{slug}#basket")).into_response(),
        Err(e) => super::projects::render_with_vote_error(state, req, &slug, &e).await,
    }
}

pub async fn change(
    State(state): State<AppState>,
    req: Ctx,
    Path(phase_id): Path<i32>,
    Form(form): Form<BasketForm>,
) -> Response {
    let p = &state.platform;
    let result = if form.action == "remove" {
        p.remove_from_basket(&req.actor, phase_id, form.idea_id).await.map(drop)
    } else {
        p.add_to_basket(&req.actor, phase_id, form.idea_id, form.votes.unwrap_or(1)).await.map(drop)
    };
    back(&state, &req, phase_id, result).await
}

pub async fn submit(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>) -> Response {
    let result = state.platform.submit_basket(&req.actor, phase_id).await.map(drop);
    back(&state, &req, phase_id, result).await
}
