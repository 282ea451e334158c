// SPDX-License-Identifier: AGPL-3.0-only
//! Voting pages besides the basket on the project page: the results (for moderators during the
//! phase, for everyone after it if the phase says so), the published ballot file, and the
//! receipt check that the receipt e-mail links to.
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::AppState;
use crate::ui::Ctx;
use crate::ui::charts::{Bar, bar_chart};

/// The tallies, ranked, with a chart; for budgets, each idea's cost and whether it fits.
pub async fn results(State(state): State<AppState>, req: Ctx, Path(phase): Path<i32>) -> Response {
    let Ok(found) = state.platform.phase_of(phase).await else {
        return super::pages::not_found(State(state), req).await;
    };
    let results = match state.platform.voting_results(&req.actor, phase).await {
        Ok(results) => results,
        Err(townhall_core::CoreError::Field { code: "results_not_public", .. }) => {
            let ctx = minijinja::context! {
                title => "results-closed-title", body => "results-closed-body",
                link => state.platform.project_slug_of_phase(phase).await.ok().flatten().map(|s| format!("/projects/{s}")),
                link_label => "survey-back-to-project",
            };
            return state.ui.page(&state.platform, &req, "message.html", ctx).await;
        }
        Err(_) => return super::pages::not_found(State(state), req).await,
    };
    let budgeting = results.method == townhall_core::modules::voting::rules::VotingMethod::Budgeting;
    let bars: Vec<Bar> = results
        .rows
        .iter()
        .map(|r| Bar { label: r.idea.title.clone(), value: r.votes as f64, shown: r.votes.to_string() })
        .collect();
    let ctx = minijinja::context! {
        phase => super::projects::phase_value(&found, &req),
        slug => state.platform.project_slug_of_phase(phase).await.ok().flatten(),
        budgeting => budgeting,
        budget => results.budget,
        ended => results.ended,
        ballots => results.ballots,
        final_hash => results.final_hash,
        seal => results.seal.as_ref().map(|sealed| minijinja::context! {
            entries => sealed.entries,
            final_hash => sealed.final_hash.clone(),
            at => minijinja::Value::from_serialize(townhall_core::web::moment(&state.platform, Some(sealed.sealed_at))),
        }),
        chart => (!bars.is_empty()).then(|| minijinja::Value::from_safe_string(bar_chart(&bars))),
        rows => results.rows.iter().enumerate().map(|(k, r)| minijinja::context! {
            rank => k + 1, id => r.idea.id, title => r.idea.title.clone(), votes => r.votes, voters => r.voters,
            cost => r.idea.cost, fits => r.fits,
        }).collect::<Vec<_>>(),
    };
    state.ui.page(&state.platform, &req, "voting_results.html", ctx).await
}

/// The anonymised ballots of a phase as JSON lines, for `townhall verify-results`.
pub async fn ballot_file(State(state): State<AppState>, req: Ctx, Path(phase): Path<i32>) -> Response {
    match state.platform.open_ballot_file(&req.actor, phase).await {
        Ok(file) => super::forms::download(
            "application/jsonl; charset=utf-8",
            &format!("ballots-phase-{phase}.jsonl"),
            super::forms::chunked(file),
        ),
        Err(_) => super::pages::not_found(State(state), req).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    receipt: String,
}

/// Where a receipt stands in the phase's chain.
pub async fn verify(
    State(state): State<AppState>,
    req: Ctx,
    Path(phase): Path<i32>,
    Query(q): Query<VerifyQuery>,
) -> Response {
    let receipt = q.receipt.trim().to_owned();
    let outcome = if receipt.is_empty() {
        None
    } else {
        Some(match state.platform.verify_receipt(phase, &receipt).await {
            Ok(Some((seq, false))) => minijinja::context! { state => "counted", seq => seq },
            Ok(Some((seq, true))) => minijinja::context! { state => "superseded", seq => seq },
            _ => minijinja::context! { state => "unknown" },
        })
    };
    let ctx = minijinja::context! { phase => phase, receipt => receipt, outcome => outcome };
    state.ui.page(&state.platform, &req, "verify_receipt.html", ctx).await
}
