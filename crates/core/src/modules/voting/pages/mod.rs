// SPDX-License-Identifier: AGPL-3.0-only
//! Voting's pages: the panel on the project page (the basket and the ideas to choose from), the
//! basket's forms, the results, the ballot file and the receipt check.
use axum::Router;
use axum::routing::{get, post};

use crate::methods::{ClockRequest, Panel, PanelRequest, ParticipationMethod};
use crate::permissions::MethodDef;
use crate::{CoreResult, Platform};

mod basket;
mod list;
mod results;

/// Voting as a participation method: its definition, its panel and its results page.
#[derive(Debug, Default)]
pub struct Voting;

#[async_trait::async_trait]
impl ParticipationMethod for Voting {
    fn def(&self) -> MethodDef {
        super::VOTING_METHOD
    }

    async fn panel(&self, request: PanelRequest<'_>) -> CoreResult<Option<Panel>> {
        Ok(Some(Panel::new("voting/panel.html", basket::panel(request).await?)))
    }

    async fn clock_notices(&self, request: ClockRequest<'_>) -> CoreResult<usize> {
        super::notices::clock_notices(request).await
    }

    fn results_page(&self, phase_id: i32) -> Option<String> {
        Some(format!("/phases/{phase_id}/results"))
    }
}

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/phases/{id}/ballots.jsonl", get(results::ballot_file))
        .route("/phases/{id}/basket", post(basket::change))
        .route("/phases/{id}/basket/submit", post(basket::submit))
        .route("/phases/{id}/verify", get(results::verify))
        .route("/phases/{id}/results", get(results::show))
}
