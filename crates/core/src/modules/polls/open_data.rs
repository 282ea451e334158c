// SPDX-License-Identifier: AGPL-3.0-only
//! Polls' open data: the totals of the polls whose results anyone may see.
use super::POLL;
use crate::open_data::FieldType::Integer;
use crate::open_data::dictionary::{field, in_language};
use crate::open_data::rows::{of_method, per_language};
use crate::open_data::{Cell, Cursor, DatasetSource, Field, Page, Scope};
use crate::{Actor, CoreResult, Platform};

const POLL_RESULTS: &[Field] = &[
    field("phase_id", Integer, "open-data-results-phase-id"),
    field("question_id", Integer, "open-data-poll-question-id"),
    in_language("question_en", "en", "open-data-poll-question-in"),
    in_language("question_nl", "nl", "open-data-poll-question-in"),
    in_language("question_fr", "fr", "open-data-poll-question-in"),
    field("option_id", Integer, "open-data-poll-option-id"),
    in_language("option_en", "en", "open-data-poll-option-in"),
    in_language("option_nl", "nl", "open-data-poll-option-in"),
    in_language("option_fr", "fr", "open-data-poll-option-in"),
    field("votes", Integer, "open-data-poll-votes"),
    field("responses", Integer, "open-data-poll-responses"),
];

pub(super) struct PollResults;

#[async_trait::async_trait]
impl DatasetSource for PollResults {
    fn name(&self) -> &'static str {
        "poll-results"
    }

    fn fields(&self) -> &'static [Field] {
        POLL_RESULTS
    }

    async fn count(&self, _platform: &Platform, scope: &Scope) -> CoreResult<u64> {
        Ok(of_method(scope, POLL, Cursor::Start).count() as u64)
    }

    async fn page(&self, platform: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
        poll_results(platform, scope, cursor).await
    }
}

/// The totals of the next poll whose results anyone may see (the poll results page's rule).
async fn poll_results(p: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    let mut steps = 0;
    for ph in of_method(scope, POLL, cursor) {
        steps += 1;
        let poll = p.polls().get(&Actor::Anonymous, ph.id).await?;
        if !poll.results_visible {
            continue;
        }
        let responses = i64::try_from(poll.responses).unwrap_or(i64::MAX);
        let mut rows = Vec::new();
        for q in &poll.questions {
            for o in &q.options {
                let mut row = vec![Cell::from(ph.id), Cell::from(q.question.id)];
                row.extend(per_language(&q.question.title));
                row.push(Cell::from(o.id));
                row.extend(per_language(&o.title));
                row.extend([Cell::from(o.votes), Cell::from(responses)]);
                rows.push(row);
            }
        }
        return Ok(Page { rows, next: Cursor::After(ph.id), steps });
    }
    Ok(Page { rows: Vec::new(), next: Cursor::Done, steps })
}
