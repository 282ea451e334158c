// SPDX-License-Identifier: AGPL-3.0-only
//! The voting panel of a project page: the voter's basket with what it spends and the chosen
//! ideas (on every page of the list), the ideas to choose from a page at a time
//! (`vote_list.rs`), submitting the basket and its receipt, and the results once they are open.
//! Every action is a plain form that comes back to the same page of the same list; the page
//! shows the engine's next step when voting is not open to the visitor.
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use townhall_core::actor::ClientAddr;
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::voting::rules::Rules;
use townhall_core::modules::voting::{BasketView, VotingMethod};
use townhall_core::web::local_path;
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use super::idea_list::ListQuery;
use super::vote_list::{self, PanelList};
use crate::ui::Ctx;

fn method_name(m: VotingMethod) -> &'static str {
    match m {
        VotingMethod::Single => "single",
        VotingMethod::Multiple => "multiple",
        VotingMethod::Budgeting => "budgeting",
    }
}

/// The phase's voting method: the basket's rules for a voter, else the phase's settings.
fn method_of(found: &phase::Model, basket: Option<&BasketView>) -> VotingMethod {
    basket.map(|b| b.rules.method).unwrap_or_else(|| {
        let settings = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&found.settings);
        Rules::from_settings(&settings.unwrap_or_default()).method
    })
}

/// Everything the voting panel shows: the basket with the chosen ideas (on every page of the
/// list), a page of the ideas to choose from, and the results once the visitor may see them.
pub async fn panel(
    platform: &Platform,
    actor: &Actor,
    client: Option<&ClientAddr>,
    locale: &str,
    found: &phase::Model,
    query: &ListQuery,
    error: Option<&CoreError>,
) -> Value {
    let basket = platform.basket(actor, found.id).await.ok();
    let budgeting = method_of(found, basket.as_ref()) == VotingMethod::Budgeting;
    let chosen: Vec<(i32, i64)> =
        basket.as_ref().map(|b| b.items.iter().map(|(i, v)| (i.id, *v)).collect()).unwrap_or_default();
    let list = PanelList::read(found, budgeting, query, actor, client);
    let ideas = vote_list::list_value(platform, actor, locale, found, &list, budgeting, &chosen).await;
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
        list => ideas,
        basket => basket.map(|b| minijinja::context! {
            method => method_name(b.rules.method),
            budget => b.rules.budget,
            spent => b.spent,
            left => b.rules.budget - b.spent,
            max_votes => b.rules.max_votes,
            max_per_idea => b.rules.max_per_idea,
            used_votes => b.items.iter().map(|(_, v)| *v).sum::<i64>(),
            count => b.items.len(),
            items => b.items.iter().map(|(i, v)| minijinja::context! {
                id => i.id, title => i.title.clone(), cost => i.cost, votes => v,
            }).collect::<Vec<_>>(),
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
    /// The panel's list the form was on (its query string), to come back to.
    #[serde(default)]
    list: Option<String>,
}

/// The list a basket form came from, read like the page's own query string (anything else in
/// it is dropped).
fn list_of(sent: Option<&str>) -> ListQuery {
    sent.map(|s| ListQuery::from_query(s.trim_start_matches('?'))).unwrap_or_default()
}

/// After a change: back to the same page of the same list, at `anchor` (a redirect, so that
/// reloading does not post again); after a refusal, that page with the error in the panel.
async fn back(
    state: &AppState,
    req: &Ctx,
    phase_id: i32,
    sent: Option<&str>,
    anchor: &str,
    result: Result<(), CoreError>,
) -> Response {
    let found = state.platform.phase_of(phase_id).await.ok();
    let slug = state.platform.project_slug_of_phase(phase_id).await.ok().flatten();
    let (Some(found), Some(slug)) = (found, slug) else {
        return super::pages::not_found(State(state.clone()), req.clone()).await;
    };
    let query = list_of(sent);
    match result {
        Ok(()) => {
            // The list is written again from the values it parsed to, never echoed as sent.
            let budgeting = method_of(&found, None) == VotingMethod::Budgeting;
            let list = PanelList::read(&found, budgeting, &query, &req.actor, None);
            let target = format!("/projects/{slug}?{}#{anchor}", list.query(list.page));
            townhall_core::web::see_other(&local_path(Some(&target)).unwrap_or_else(|| "/".to_owned()))
        }
        Err(e) => super::projects::render_with_vote_error_on(state, req, &slug, &query, &e).await,
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
    let anchor = format!("idea-{}", form.idea_id);
    back(&state, &req, phase_id, form.list.as_deref(), &anchor, result).await
}

/// Submits the basket. The form carries only the list to come back to (`list`), so its body is
/// read as a form whatever its content type says.
pub async fn submit(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>, body: Bytes) -> Response {
    let list = form_urlencoded::parse(&body).find(|(k, _)| k == "list").map(|(_, v)| v.into_owned());
    let result = state.platform.submit_basket(&req.actor, phase_id).await.map(drop);
    back(&state, &req, phase_id, list.as_deref(), "basket", result).await
}
