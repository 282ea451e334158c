// SPDX-License-Identifier: AGPL-3.0-only
//! Survey results, per question: grouped counts from the answer index (a handful of queries
//! whatever the number of responses), averages, and for the project's moderators the latest
//! free-text answers. Also the CSV of every response.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::model::{answer, response};
use super::questions::{QuestionKind, SurveyQuestion};
use crate::exports::CsvText;
use crate::modules::projects::multiloc::Multiloc;
use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform};

/// How many recent free-text answers the results list.
pub const TEXTS_SHOWN: u64 = 20;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionResults {
    pub question_id: i32,
    /// Responses that answered the question.
    pub answered: u64,
    /// Choice kinds: a count per option. Scale: a count per point, from the lowest.
    pub counts: Vec<u64>,
    /// Matrix: a count per point for each row.
    pub matrix: Vec<Vec<u64>>,
    /// Number and scale: the mean; matrix: the mean of each row in `row_means`.
    pub mean: Option<f64>,
    pub row_means: Vec<Option<f64>>,
    /// Number: the smallest and largest answer.
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// Date: the earliest and latest answer.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Text: the latest answers, newest first; only for the project's moderators.
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SurveyResults {
    pub responses: u64,
    pub questions: Vec<QuestionResults>,
}

/// A number question's mean, minimum and maximum.
type NumberStats = (i32, Option<f64>, Option<f64>, Option<f64>);

/// The mean of a count per point on a scale starting at `low`.
fn mean_of(counts: &[u64], low: i32) -> Option<f64> {
    let n: u64 = counts.iter().sum();
    let sum: f64 = counts.iter().enumerate().map(|(k, c)| (f64::from(low) + k as f64) * *c as f64).sum();
    (n > 0).then(|| sum / n as f64)
}

impl Platform {
    pub async fn survey_results(&self, actor: &Actor, phase_id: i32) -> CoreResult<SurveyResults> {
        let view = self.survey(actor, phase_id).await?;
        if !view.results_visible {
            return Err(CoreError::Forbidden);
        }
        let questions: Vec<&SurveyQuestion> =
            view.questions.iter().filter(|q| q.kind != QuestionKind::PageBreak).collect();
        let ids: Vec<i32> = questions.iter().map(|q| q.model.id).collect();
        let counted: Vec<(i32, i32, i32, i64)> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column(answer::Column::RowIndex)
            .column(answer::Column::Choice)
            .column_as(Expr::col(answer::Column::Id).count(), "n")
            .filter(answer::Column::QuestionId.is_in(ids.clone()))
            .filter(answer::Column::Choice.is_not_null())
            .group_by(answer::Column::QuestionId)
            .group_by(answer::Column::RowIndex)
            .group_by(answer::Column::Choice)
            .into_tuple()
            .all(self.db())
            .await?;
        let answered: Vec<(i32, i64)> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column_as(Expr::col(answer::Column::ResponseId).count_distinct(), "n")
            .filter(answer::Column::QuestionId.is_in(ids.clone()))
            .group_by(answer::Column::QuestionId)
            .into_tuple()
            .all(self.db())
            .await?;
        let numbers: Vec<NumberStats> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column_as(Expr::col(answer::Column::Number).avg(), "mean")
            .column_as(Expr::col(answer::Column::Number).min(), "low")
            .column_as(Expr::col(answer::Column::Number).max(), "high")
            .filter(answer::Column::QuestionId.is_in(ids.clone()))
            .filter(answer::Column::Number.is_not_null())
            .group_by(answer::Column::QuestionId)
            .into_tuple()
            .all(self.db())
            .await?;
        let date_ids: Vec<i32> =
            questions.iter().filter(|q| q.kind == QuestionKind::Date).map(|q| q.model.id).collect();
        let dates: Vec<(i32, Option<String>, Option<String>)> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column_as(Expr::col(answer::Column::Text).min(), "first")
            .column_as(Expr::col(answer::Column::Text).max(), "last")
            .filter(answer::Column::QuestionId.is_in(date_ids))
            .group_by(answer::Column::QuestionId)
            .into_tuple()
            .all(self.db())
            .await?;
        let staff = moderates(actor, view.phase.project_id);
        let mut out = Vec::new();
        for q in questions {
            let id = q.model.id;
            let count_of = |row: i32, choice: i32| {
                counted.iter().find(|c| c.0 == id && c.1 == row && c.2 == choice).map_or(0, |c| c.3 as u64)
            };
            let (low, high) = q.config.scale();
            let mut r = QuestionResults {
                question_id: id,
                answered: answered.iter().find(|a| a.0 == id).map_or(0, |a| a.1 as u64),
                ..Default::default()
            };
            match q.kind {
                QuestionKind::Single | QuestionKind::Multiple => {
                    r.counts = (0..q.config.options.len() as i32).map(|k| count_of(0, k)).collect();
                }
                QuestionKind::Scale => {
                    r.counts = (low..=high).map(|v| count_of(0, v)).collect();
                    r.mean = mean_of(&r.counts, low);
                }
                QuestionKind::Matrix => {
                    r.matrix = (0..q.config.rows.len() as i32)
                        .map(|row| (low..=high).map(|v| count_of(row, v)).collect())
                        .collect();
                    r.row_means = r.matrix.iter().map(|counts| mean_of(counts, low)).collect();
                }
                QuestionKind::Number => {
                    if let Some((_, mean, min, max)) = numbers.iter().find(|n| n.0 == id) {
                        (r.mean, r.minimum, r.maximum) = (*mean, *min, *max);
                    }
                }
                QuestionKind::Date => {
                    if let Some((_, first, last)) = dates.iter().find(|d| d.0 == id) {
                        (r.first_date, r.last_date) = (first.clone(), last.clone());
                    }
                }
                QuestionKind::ShortText | QuestionKind::LongText if staff => {
                    r.texts = answer::Entity::find()
                        .select_only()
                        .column(answer::Column::Text)
                        .filter(answer::Column::QuestionId.eq(id))
                        .order_by_desc(answer::Column::Id)
                        .limit(TEXTS_SHOWN)
                        .into_tuple::<Option<String>>()
                        .all(self.db())
                        .await?
                        .into_iter()
                        .flatten()
                        .collect();
                }
                _ => {}
            }
            out.push(r);
        }
        Ok(SurveyResults { responses: view.responses, questions: out })
    }

    /// Every response as CSV (no names): one column per question, one per matrix row.
    pub async fn survey_csv(&self, actor: &Actor, phase_id: i32, locale: &str) -> CoreResult<String> {
        let found = self.survey_phase(phase_id).await?;
        self.project_for_change(actor, found.project_id).await?;
        let questions: Vec<SurveyQuestion> =
            self.survey_questions(phase_id).await?.into_iter().filter(|q| q.kind != QuestionKind::PageBreak).collect();
        let text = |m: &Multiloc| m.text(locale);
        let mut header = vec!["response".to_owned(), "submitted_at".to_owned()];
        for q in &questions {
            let title = text(&Multiloc::parse(&q.model.title));
            if q.kind == QuestionKind::Matrix {
                header.extend(q.config.rows.iter().map(|row| format!("{title} — {}", text(row))));
            } else {
                header.push(title);
            }
        }
        let mut out = CsvText::new();
        out.row(header)?;
        let responses = response::Entity::find()
            .filter(response::Column::PhaseId.eq(phase_id))
            .order_by_asc(response::Column::Id)
            .all(self.db())
            .await?;
        // A page of responses at a time, with their answers in one query per page.
        for page in responses.chunks(500) {
            let ids: Vec<i32> = page.iter().map(|r| r.id).collect();
            let answers = answer::Entity::find()
                .filter(answer::Column::ResponseId.is_in(ids))
                .order_by_asc(answer::Column::Id)
                .all(self.db())
                .await?;
            for r in page {
                let mine: Vec<&answer::Model> = answers.iter().filter(|a| a.response_id == r.id).collect();
                let mut cells = vec![r.id.to_string(), r.created_at.to_rfc3339()];
                for q in &questions {
                    let of_q: Vec<&&answer::Model> = mine.iter().filter(|a| a.question_id == q.model.id).collect();
                    match q.kind {
                        QuestionKind::Matrix => cells.extend((0..q.config.rows.len() as i32).map(|row| {
                            of_q.iter()
                                .find(|a| a.row_index == row)
                                .and_then(|a| a.choice)
                                .map(|v| v.to_string())
                                .unwrap_or_default()
                        })),
                        QuestionKind::Single | QuestionKind::Multiple => cells.push(
                            of_q.iter()
                                .filter_map(|a| a.choice.and_then(|c| q.config.options.get(c as usize)))
                                .map(text)
                                .collect::<Vec<_>>()
                                .join("; "),
                        ),
                        QuestionKind::Scale => {
                            cells.push(of_q.first().and_then(|a| a.choice).map(|v| v.to_string()).unwrap_or_default())
                        }
                        QuestionKind::Number => {
                            cells.push(of_q.first().and_then(|a| a.number).map(|n| n.to_string()).unwrap_or_default())
                        }
                        _ => cells.push(of_q.first().and_then(|a| a.text.clone()).unwrap_or_default()),
                    }
                }
                out.row(cells)?;
            }
        }
        out.finish()
    }
}
