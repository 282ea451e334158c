// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys' export: every answer of every response.
use async_trait::async_trait;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_id, by_id, next, of_phase_rows, opt, time};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::surveys::SurveyQuestion;
use crate::modules::surveys::model as survey;
use crate::{CoreResult, Platform};

/// Every answer of every survey response.
pub struct SurveyResponses;

#[async_trait]
impl ExportSource for SurveyResponses {
    fn id(&self) -> &'static str {
        "survey-responses"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec!["response", "phase", "submitted_at", "question", "row", "answer"]
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        match scope.project() {
            Some(_) => {
                let (id, phase) = (survey::response::Column::Id, survey::response::Column::PhaseId);
                let rows = of_phase_rows(
                    survey::answer::Column::ResponseId,
                    survey::response::Entity,
                    id,
                    phase,
                    scope.phases(),
                );
                Condition::all().add(rows)
            }
            None => Condition::all(),
        }
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(survey::answer::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        survey_answers(p, scope, c, cursor).await
    }
}

async fn survey_answers(p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    use survey::{answer, question, response};
    let list = answer::Entity::find()
        .filter(c.add(after_id(answer::Column::Id, cursor)))
        .order_by_asc(answer::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let responses =
        by_id::<response::Entity>(p, response::Column::Id, list.iter().map(|a| a.response_id), |x| x.id).await?;
    let models = question::Entity::find()
        .filter(question::Column::Id.is_in(list.iter().map(|a| a.question_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?;
    let questions = SurveyQuestion::read_all(models);
    let locale = scope.locale();
    let rows = list
        .iter()
        .map(|a| {
            let resp = responses.get(&a.response_id);
            let q = questions.iter().find(|q| q.model.id == a.question_id);
            let option = q.and_then(|q| a.choice.and_then(|k| q.config.options.get(k as usize)));
            let answer = match (option, a.choice, a.number, &a.text) {
                (Some(o), _, _, _) => o.text(locale),
                (None, Some(v), _, _) => v.to_string(),
                (None, None, Some(n), _) => n.to_string(),
                (None, None, None, t) => t.clone().unwrap_or_default(),
            };
            let row = q.and_then(|q| q.config.rows.get(a.row_index as usize)).map(|m| m.text(locale));
            vec![
                a.response_id.to_string(),
                opt(resp.map(|x| x.phase_id)),
                opt(resp.map(|x| time(x.created_at))),
                opt(q.map(|q| Multiloc::parse(&q.model.title).text(locale))),
                row.unwrap_or_default(),
                answer,
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|a| Cursor::After(a.id)))))
}
