// SPDX-License-Identifier: AGPL-3.0-only
//! Voting pages besides the panel: the results (for moderators during the phase, for everyone
//! after it if the phase says so), the published ballot file, and the receipt check that the
//! receipt e-mail links to.
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::modules::voting::rules::VotingMethod;
use crate::web::charts::{Bar, bar_chart};
use crate::web::{Page, PageError, PageResult, chunked, download, moment};
use crate::{Actor, CoreError, Platform};

/// The tallies, ranked, with a chart; for budgets, each idea's cost and whether it fits.
pub async fn show(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(phase): Path<i32>,
) -> PageResult {
    let found = platform.phase_of(phase).await?;
    let slug = platform.project_slug_of_phase(phase).await?;
    let results = match platform.voting_results(&actor, phase).await {
        Ok(results) => results,
        Err(CoreError::Field { code: "results_not_public", .. }) => {
            let data = json!({
                "title": "results-closed-title", "body": "results-closed-body",
                "link": slug.map(|s| format!("/projects/{s}")), "link_label": "back-to-project",
            });
            return Ok(Page::new("message.html", data).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let bars: Vec<Bar> = results
        .rows
        .iter()
        .map(|r| Bar { label: r.idea.title.clone(), value: r.votes as f64, shown: r.votes.to_string() })
        .collect();
    let rows: Vec<Value> = results
        .rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            json!({
                "rank": k + 1, "id": r.idea.id, "title": r.idea.title, "votes": r.votes, "voters": r.voters,
                "cost": r.idea.cost, "fits": r.fits,
            })
        })
        .collect();
    let seal = results.seal.as_ref().map(|sealed| {
        json!({ "entries": sealed.entries, "final_hash": sealed.final_hash, "at": moment(&platform, Some(sealed.sealed_at)) })
    });
    let data = json!({
        "slug": slug,
        "budgeting": results.method == VotingMethod::Budgeting,
        "budget": results.budget,
        "ended": results.ended,
        "ballots": results.ballots,
        "final_hash": results.final_hash,
        "seal": seal,
        // Drawn by `bar_chart` from escaped labels: the template shows it as markup.
        "chart": (!bars.is_empty()).then(|| bar_chart(&bars)),
        "rows": rows,
    });
    Ok(Page::new("voting/results.html", data).about_phase(found).into_response())
}

/// The anonymised ballots of a phase as JSON lines, for `townhall verify-results`.
pub async fn ballot_file(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(phase): Path<i32>,
) -> PageResult {
    // Whoever may not read the file learns nothing of it, not even that it exists.
    let file = platform.open_ballot_file(&actor, phase).await.map_err(|e| match PageError::from(e) {
        PageError::Forbidden | PageError::SignIn | PageError::Refused(_) => PageError::NotFound,
        other => other,
    })?;
    Ok(download("application/jsonl; charset=utf-8", &format!("ballots-phase-{phase}.jsonl"), chunked(file)))
}

#[derive(Debug, Default, Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    receipt: String,
}

/// Where a receipt stands in the phase's chain.
pub async fn verify(
    State(platform): State<Platform>,
    Path(phase): Path<i32>,
    Query(q): Query<VerifyQuery>,
) -> PageResult {
    let receipt = q.receipt.trim().to_owned();
    let outcome = if receipt.is_empty() {
        None
    } else {
        Some(match platform.verify_receipt(phase, &receipt).await? {
            Some((seq, false)) => json!({ "state": "counted", "seq": seq }),
            Some((seq, true)) => json!({ "state": "superseded", "seq": seq }),
            None => json!({ "state": "unknown" }),
        })
    };
    let data = json!({ "phase": phase, "receipt": receipt, "outcome": outcome });
    Ok(Page::new("voting/verify.html", data).into_response())
}
