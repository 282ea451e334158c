// SPDX-License-Identifier: AGPL-3.0-only
//! Voting's open data: the results of the votes whose results anyone may see.
use super::{VOTING, VotingMethod};
use crate::open_data::FieldType::{Boolean, Integer, Text};
use crate::open_data::dictionary::field;
use crate::open_data::rows::{not_public, of_method};
use crate::open_data::{Cell, Cursor, DatasetSource, Field, Page, Scope};
use crate::{Actor, CoreResult, Platform};

const VOTING_RESULTS: &[Field] = &[
    field("phase_id", Integer, "open-data-results-phase-id"),
    field("voting_method", Text, "open-data-voting-method"),
    field("idea_id", Integer, "open-data-voting-idea-id"),
    field("rank", Integer, "open-data-voting-rank"),
    field("votes", Integer, "open-data-voting-votes"),
    field("voters", Integer, "open-data-voting-voters"),
    field("within_budget", Boolean, "open-data-voting-within-budget"),
];

pub(super) struct VotingResults;

#[async_trait::async_trait]
impl DatasetSource for VotingResults {
    fn name(&self) -> &'static str {
        "voting-results"
    }

    fn fields(&self) -> &'static [Field] {
        VOTING_RESULTS
    }

    async fn count(&self, _platform: &Platform, scope: &Scope) -> CoreResult<u64> {
        Ok(of_method(scope, VOTING, Cursor::Start).count() as u64)
    }

    async fn page(&self, platform: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
        voting_results(platform, scope, cursor).await
    }
}

/// The results of the next voting phase whose results anyone may see (the results page's
/// rule: ended, and its results public). Each idea with votes, by rank, by id only: an idea
/// hidden since is not named here either.
async fn voting_results(p: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    let mut steps = 0;
    for ph in of_method(scope, VOTING, cursor) {
        steps += 1;
        let results = match p.voting_results(&Actor::Anonymous, ph.id).await {
            Ok(r) => r,
            Err(e) if not_public(&e) => continue,
            Err(e) => return Err(e),
        };
        let method = match results.method {
            VotingMethod::Single => "single",
            VotingMethod::Multiple => "multiple",
            VotingMethod::Budgeting => "budgeting",
        };
        let budgeting = results.method == VotingMethod::Budgeting;
        let rows = results
            .rows
            .iter()
            .enumerate()
            .map(|(rank, r)| {
                vec![
                    Cell::from(ph.id),
                    Cell::from(method.to_owned()),
                    Cell::from(r.idea.id),
                    Cell::from(rank as i64 + 1),
                    Cell::from(r.votes),
                    Cell::from(r.voters),
                    Cell::from(budgeting.then_some(r.fits)),
                ]
            })
            .collect();
        return Ok(Page { rows, next: Cursor::After(ph.id), steps });
    }
    Ok(Page { rows: Vec::new(), next: Cursor::Done, steps })
}
