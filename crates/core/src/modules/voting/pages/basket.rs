// SPDX-License-Identifier: AGPL-3.0-only
//! The voting panel of a project page: the voter's basket with what it spends and the chosen
//! ideas (on every page of the list), the ideas to choose from a page at a time (`list.rs`),
//! submitting the basket and its receipt, and the results once they are open. Every action is
//! a plain form that comes back to the same page of the same list; the panel shows the engine's
//! next step when voting is not open to the visitor.
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::{Value, json};

use super::list::{self, PanelList};
use crate::methods::PanelRequest;
use crate::modules::ideas::list_query::ListQuery;
use crate::modules::projects::model::phase;
use crate::modules::voting::rules::Rules;
use crate::modules::voting::{BasketView, VotingMethod};
use crate::web::time::moment;
use crate::web::{HostPage, PageError, PageResult, Reshow, error_data, local_path, see_other};
use crate::{Actor, CoreError, CoreResult, Platform};

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
        let settings = serde_json::from_str::<serde_json::Map<String, Value>>(&found.settings);
        Rules::from_settings(&settings.unwrap_or_default()).method
    })
}

fn basket_value(platform: &Platform, b: &BasketView) -> Value {
    let items: Vec<Value> =
        b.items.iter().map(|(i, v)| json!({ "id": i.id, "title": i.title, "cost": i.cost, "votes": v })).collect();
    json!({
        "method": method_name(b.rules.method),
        "budget": b.rules.budget,
        "spent": b.spent,
        "left": b.rules.budget - b.spent,
        "max_votes": b.rules.max_votes,
        "max_per_idea": b.rules.max_per_idea,
        "used_votes": b.items.iter().map(|(_, v)| *v).sum::<i64>(),
        "count": b.items.len(),
        "items": items,
        "receipt": b.receipt,
        "submitted_at": b.submitted_at.map(|t| moment(t, platform.time_zone())),
        "changed": b.changed_since_submission,
    })
}

/// Everything the voting panel shows: the basket with the chosen ideas (on every page of the
/// list), a page of the ideas to choose from, and the results once the visitor may see them.
pub async fn panel(r: PanelRequest<'_>) -> CoreResult<Value> {
    // A visitor who may not vote has no basket; the panel then shows the next step instead.
    let basket = r.platform.basket(r.actor, r.phase.id).await.ok();
    let budgeting = method_of(r.phase, basket.as_ref()) == VotingMethod::Budgeting;
    let chosen: Vec<(i32, i64)> =
        basket.as_ref().map(|b| b.items.iter().map(|(i, v)| (i.id, *v)).collect()).unwrap_or_default();
    let list = PanelList::read(r.phase, budgeting, &ListQuery::from_query(r.query), r.actor, r.client);
    let ideas = list::list_value(r.platform, r.actor, r.locale, r.phase, &list, budgeting, &chosen).await?;
    // Results stay out of the panel until the visitor may see them.
    let results = r.platform.voting_results(r.actor, r.phase.id).await.ok().map(|results| {
        let rows: Vec<Value> = results
            .rows
            .iter()
            .map(|row| {
                json!({
                    "title": row.idea.title, "votes": row.votes, "voters": row.voters,
                    "cost": row.idea.cost, "fits": row.fits,
                })
            })
            .collect();
        json!({ "ballots": results.ballots, "final_hash": results.final_hash, "ended": results.ended, "rows": rows })
    });
    Ok(json!({
        "phase": r.phase.id,
        "list": ideas,
        "basket": basket.map(|b| basket_value(r.platform, &b)),
        "results": results,
        "error": r.error.map(error_data),
    }))
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

/// After a change: back to the same page of the same list, at `anchor` (a redirect, so that
/// reloading does not post again); after a refusal, that page with the error in the panel. The
/// list is written again from the values it parsed to, never echoed as sent.
async fn back(
    platform: &Platform,
    actor: &Actor,
    phase_id: i32,
    sent: Option<&str>,
    anchor: &str,
    result: Result<(), CoreError>,
) -> PageResult {
    let found = platform.phase_of(phase_id).await?;
    let slug = platform.project_slug_of_phase(phase_id).await?.ok_or(PageError::NotFound)?;
    let query = sent.map(|s| ListQuery::from_query(s.trim_start_matches('?'))).unwrap_or_default();
    let budgeting = method_of(&found, None) == VotingMethod::Budgeting;
    let list = PanelList::read(&found, budgeting, &query, actor, None);
    let kept = list.query(list.page);
    Ok(match result {
        Ok(()) => {
            let target = format!("/projects/{slug}?{kept}#{anchor}");
            see_other(&local_path(Some(&target)).unwrap_or_else(|| "/".to_owned()))
        }
        Err(e) => Reshow::new(HostPage::Project(slug), e).on_list(kept).into_response(),
    })
}

pub async fn change(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(phase_id): Path<i32>,
    axum::Form(form): axum::Form<BasketForm>,
) -> PageResult {
    let result = if form.action == "remove" {
        platform.remove_from_basket(&actor, phase_id, form.idea_id).await.map(drop)
    } else {
        platform.add_to_basket(&actor, phase_id, form.idea_id, form.votes.unwrap_or(1)).await.map(drop)
    };
    let anchor = format!("idea-{}", form.idea_id);
    back(&platform, &actor, phase_id, form.list.as_deref(), &anchor, result).await
}

/// Submits the basket. The form carries only the list to come back to (`list`), so its body is
/// read as a form whatever its content type says.
pub async fn submit(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(phase_id): Path<i32>,
    body: Bytes,
) -> PageResult {
    let list = form_urlencoded::parse(&body).find(|(k, _)| k == "list").map(|(_, v)| v.into_owned());
    let result = platform.submit_basket(&actor, phase_id).await.map(drop);
    back(&platform, &actor, phase_id, list.as_deref(), "basket", result).await
}
