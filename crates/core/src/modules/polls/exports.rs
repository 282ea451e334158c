// SPDX-License-Identifier: AGPL-3.0-only
//! Polls' export: every chosen option of every response.
use async_trait::async_trait;
use sea_orm::{Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_pair, by_id, next, of_phase_rows, opt, time};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::polls::model as poll;
use crate::modules::projects::multiloc::Multiloc;
use crate::{CoreResult, Platform};

/// Every chosen option of every poll response.
pub struct PollResponses;

#[async_trait]
impl ExportSource for PollResponses {
    fn id(&self) -> &'static str {
        "poll-responses"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec!["response", "phase", "answered_at", "question", "option"]
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        match scope.project() {
            Some(_) => {
                let (id, phase) = (poll::response::Column::Id, poll::response::Column::PhaseId);
                let rows =
                    of_phase_rows(poll::answer::Column::ResponseId, poll::response::Entity, id, phase, scope.phases());
                Condition::all().add(rows)
            }
            None => Condition::all(),
        }
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(poll::answer::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        poll_answers(p, scope, c, cursor).await
    }
}

async fn poll_answers(p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    use poll::{answer, option, question, response};
    let list = answer::Entity::find()
        .filter(c.add(after_pair(answer::Column::ResponseId, answer::Column::OptionId, cursor)))
        .order_by_asc(answer::Column::ResponseId)
        .order_by_asc(answer::Column::OptionId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let responses =
        by_id::<response::Entity>(p, response::Column::Id, list.iter().map(|a| a.response_id), |x| x.id).await?;
    let options = by_id::<option::Entity>(p, option::Column::Id, list.iter().map(|a| a.option_id), |x| x.id).await?;
    let questions =
        by_id::<question::Entity>(p, question::Column::Id, options.values().map(|o| o.question_id), |x| x.id).await?;
    let text = |json: &str| Multiloc::parse(json).text(scope.locale());
    let rows = list
        .iter()
        .map(|a| {
            let resp = responses.get(&a.response_id);
            let option = options.get(&a.option_id);
            let q = option.and_then(|o| questions.get(&o.question_id));
            vec![
                a.response_id.to_string(),
                opt(resp.map(|x| x.phase_id)),
                opt(resp.map(|x| time(x.created_at))),
                opt(q.map(|q| text(&q.title))),
                opt(option.map(|o| text(&o.title))),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|a| Cursor::AfterPair(a.response_id, a.option_id)))))
}
