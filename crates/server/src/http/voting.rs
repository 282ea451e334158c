// SPDX-License-Identifier: AGPL-3.0-only
//! Voting pages that exist so far: the published ballot file and the receipt check that the
//! receipt e-mail links to. (The basket page comes next; until then voting is through GraphQL.)
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::AppState;
use crate::ui::Ctx;

/// The anonymised ballots of a phase as JSON lines, for `townhall verify-results`.
pub async fn ballot_file(State(state): State<AppState>, req: Ctx, Path(phase): Path<i32>) -> Response {
    match state.platform.ballot_file(&req.actor, phase).await {
        Ok(text) => {
            super::forms::download("application/jsonl; charset=utf-8", &format!("ballots-phase-{phase}.jsonl"), text)
        }
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
