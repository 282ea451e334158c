// SPDX-License-Identifier: AGPL-3.0-only
//! Voting pages besides the basket on the project page: the results (for moderators during the
//! phase, for everyone after it if the phase says so), the published ballot file, and the
//! receipt check that the receipt e-mail links to.
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use townhall_core::web::{PageError, PageResult};

use super::AppState;
use crate::ui::Ctx;
use townhall_core::web::charts::{Bar, bar_chart};

/// The tallies, ranked, with a chart; for budgets, each idea's cost and whether it fits.
pub async fn results(State(state): State<AppState>, req: Ctx, Path(phase): Path<i32>) -> PageResult {
    let found = state.platform.phase_of(phase).await?;
    let results = match state.platform.voting_results(&req.actor, phase).await {
        Ok(results) => results,
        Err(townhall_core::CoreError::Field { code: "results_not_public", .. }) => {
            let ctx = minijinja::context! {
                title => "results-closed-title", body => "results-closed-body",
                link => state.platform.project_slug_of_phase(phase).await?.map(|s| format!("/projects/{s}")),
                link_label => "back-to-project",
            };
            return Ok(state.ui.page(&state.platform, &req, "message.html", ctx).await);
        }
        Err(e) => return Err(e.into()),
    };
    let budgeting = results.method == townhall_core::modules::voting::rules::VotingMethod::Budgeting;
    let bars: Vec<Bar> = results
        .rows
        .iter()
        .map(|r| Bar { label: r.idea.title.clone(), value: r.votes as f64, shown: r.votes.to_string() })
        .collect();
    let ctx = minijinja::context! {
        phase => super::projects::phase_value(&found, &req),
        slug => state.platform.project_slug_of_phase(phase).await?,
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
    Ok(state.ui.page(&state.platform, &req, "voting_results.html", ctx).await)
}

/// The anonymised ballots of a phase as JSON lines, for `townhall verify-results`.
pub async fn ballot_file(req: Ctx, State(state): State<AppState>, Path(phase): Path<i32>) -> PageResult {
    // Whoever may not read the file learns nothing of it, not even that it exists.
    let file = state.platform.open_ballot_file(&req.actor, phase).await.map_err(|e| match PageError::from(e) {
        PageError::Forbidden | PageError::SignIn | PageError::Refused(_) => PageError::NotFound,
        other => other,
    })?;
    Ok(super::forms::download(
        "application/jsonl; charset=utf-8",
        &format!("ballots-phase-{phase}.jsonl"),
        super::forms::chunked(file),
    ))
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
) -> PageResult {
    let receipt = q.receipt.trim().to_owned();
    let outcome = if receipt.is_empty() {
        None
    } else {
        Some(match state.platform.verify_receipt(phase, &receipt).await? {
            Some((seq, false)) => minijinja::context! { state => "counted", seq => seq },
            Some((seq, true)) => minijinja::context! { state => "superseded", seq => seq },
            None => minijinja::context! { state => "unknown" },
        })
    };
    let ctx = minijinja::context! { phase => phase, receipt => receipt, outcome => outcome };
    Ok(state.ui.page(&state.platform, &req, "verify_receipt.html", ctx).await)
}
