// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys: administrators and the project's moderators build the questions; residents (or,
//! where the phase permits everyone, visitors) respond once; nothing of a response is written
//! unless all of it passes the rules.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TryInsertResult,
};
use serde_json::json;

use super::answers::{AnswerInput, check_answers};
use super::model::{answer, question, response};
use super::questions::{CheckedQuestion, QuestionInput, QuestionKind, SurveyQuestion, check_question, same_shape};
use crate::modules::accounts::audit;
use crate::modules::projects::model::phase;
use crate::modules::surveys::TAKING_SURVEY;
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const SURVEY: &str = "survey";

/// What a resident sees of a survey.
#[derive(Debug, Clone)]
pub struct SurveyView {
    pub phase: phase::Model,
    pub questions: Vec<SurveyQuestion>,
    /// Whether the signed-in asker has responded.
    pub answered: bool,
    pub results_visible: bool,
    pub responses: u64,
}

impl SurveyView {
    /// How many pages the form has.
    pub fn pages(&self) -> usize {
        self.questions.last().map_or(1, |q| q.page + 1)
    }
}

fn field(code: &'static str) -> CoreError {
    CoreError::Field { field: "survey", code }
}

impl Platform {
    pub(crate) async fn survey_phase(&self, phase_id: i32) -> CoreResult<phase::Model> {
        let found = self.phase_of(phase_id).await?;
        if found.method != SURVEY {
            return Err(field("not_a_survey_phase"));
        }
        Ok(found)
    }

    pub(crate) async fn survey_questions(&self, phase_id: i32) -> CoreResult<Vec<SurveyQuestion>> {
        let models = question::Entity::find()
            .filter(question::Column::PhaseId.eq(phase_id))
            .order_by_asc(question::Column::Position)
            .order_by_asc(question::Column::Id)
            .all(self.db())
            .await?;
        Ok(SurveyQuestion::read_all(models))
    }

    async fn survey_responses(&self, phase_id: i32) -> CoreResult<u64> {
        Ok(response::Entity::find().filter(response::Column::PhaseId.eq(phase_id)).count(self.db()).await?)
    }

    pub async fn survey(&self, actor: &Actor, phase_id: i32) -> CoreResult<SurveyView> {
        let found = self.survey_phase(phase_id).await?;
        if self.project_by_id(actor, found.project_id).await?.is_none() {
            return Err(CoreError::NotFound("phase"));
        }
        let questions = self.survey_questions(phase_id).await?;
        let answered = match actor.user_id() {
            Some(user) => response::Entity::find()
                .filter(response::Column::PhaseId.eq(phase_id))
                .filter(response::Column::UserId.eq(user))
                .one(self.db())
                .await?
                .is_some(),
            None => false,
        };
        let results_visible = self.phase_results_open(actor, &found).await;
        let responses = self.survey_responses(phase_id).await?;
        Ok(SurveyView { phase: found, questions, answered, results_visible, responses })
    }

    /// Records a response; `answers` must pass every question's rules. Returns the response id.
    pub async fn submit_survey_response(
        &self,
        actor: &Actor,
        phase_id: i32,
        answers: &[AnswerInput],
    ) -> CoreResult<i32> {
        let found = self.survey_phase(phase_id).await?;
        self.require_permission(actor, TAKING_SURVEY, &found).await?;
        let questions = self.survey_questions(phase_id).await?;
        if !questions.iter().any(|q| q.kind != QuestionKind::PageBreak) {
            return Err(field("survey_empty"));
        }
        let values = check_answers(&questions, answers, None).map_err(CoreError::Answers)?;
        let keys = self.respondent_keys(phase_id, actor.viewer());
        let txn = db::begin_write(self.db()).await?;
        // The same person's response from a deleted account is replaced, not added to.
        super::respondents::replace_earlier(&txn, phase_id, &keys).await?;
        let inserted = response::Entity::insert(response::ActiveModel {
            phase_id: Set(phase_id),
            user_id: Set(actor.user_id()),
            created_at: Set(Utc::now()),
            email_key: Set(keys.email.clone()),
            identity_key: Set(keys.identity.clone()),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([response::Column::PhaseId, response::Column::UserId])
        .exec(&txn)
        .await?;
        let TryInsertResult::Inserted(saved) = inserted else { return Err(field("survey_already_answered")) };
        let response_id = saved.last_insert_id;
        let rows: Vec<answer::ActiveModel> = values
            .into_iter()
            .map(|v| answer::ActiveModel {
                response_id: Set(response_id),
                question_id: Set(v.question_id),
                row_index: Set(v.row),
                choice: Set(v.choice),
                number: Set(v.number),
                text: Set(v.text),
                ..Default::default()
            })
            .collect();
        // Kept well under the databases' limits on bound parameters per statement.
        for chunk in rows.chunks(100) {
            answer::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
        }
        txn.commit().await?;
        Ok(response_id)
    }

    /// The phase of a survey for a builder change, after checking `actor` moderates its project.
    async fn survey_for_change(&self, actor: &Actor, phase_id: i32) -> CoreResult<phase::Model> {
        let found = self.survey_phase(phase_id).await?;
        self.project_for_change(actor, found.project_id).await?;
        Ok(found)
    }

    async fn survey_question_for_change(&self, actor: &Actor, id: i32) -> CoreResult<question::Model> {
        let found = question::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("question"))?;
        self.survey_for_change(actor, found.phase_id).await?;
        Ok(found)
    }

    /// Adds a question at the end (administrators and the project's moderators), before
    /// anyone responded.
    pub async fn add_survey_question(
        &self,
        actor: &Actor,
        phase_id: i32,
        input: QuestionInput,
    ) -> CoreResult<question::Model> {
        self.survey_for_change(actor, phase_id).await?;
        let checked = check_question(input)?;
        if self.survey_responses(phase_id).await? > 0 {
            return Err(field("survey_has_responses"));
        }
        let last = question::Entity::find()
            .filter(question::Column::PhaseId.eq(phase_id))
            .order_by_desc(question::Column::Position)
            .one(self.db())
            .await?;
        let position = last.map_or(0, |q| q.position + 1);
        let txn = db::begin_write(self.db()).await?;
        let mut row = question_row(&checked);
        row.phase_id = Set(phase_id);
        row.position = Set(position);
        let saved = row.insert(&txn).await?;
        audit::record(
            &txn,
            actor,
            "survey.question",
            "phase",
            Some(phase_id.to_string()),
            json!({ "question": saved.id }),
        )
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// Changes a question. Once people responded only its wording may change.
    pub async fn update_survey_question(
        &self,
        actor: &Actor,
        id: i32,
        input: QuestionInput,
    ) -> CoreResult<question::Model> {
        let found = self.survey_question_for_change(actor, id).await?;
        let checked = check_question(input)?;
        if self.survey_responses(found.phase_id).await? > 0 {
            let old = SurveyQuestion::read_all(vec![found.clone()]);
            if !old.first().is_some_and(|old| same_shape(old, &checked)) {
                return Err(field("survey_shape_locked"));
            }
        }
        let txn = db::begin_write(self.db()).await?;
        let mut row = question_row(&checked);
        row.id = Set(id);
        row.phase_id = Set(found.phase_id);
        row.position = Set(found.position);
        let saved = row.update(&txn).await?;
        audit::record(
            &txn,
            actor,
            "survey.question.update",
            "phase",
            Some(found.phase_id.to_string()),
            json!({ "question": id }),
        )
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// Deletes a question, before anyone responded (afterwards it would delete answers).
    pub async fn delete_survey_question(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = self.survey_question_for_change(actor, id).await?;
        if self.survey_responses(found.phase_id).await? > 0 {
            return Err(field("survey_has_responses"));
        }
        let txn = db::begin_write(self.db()).await?;
        question::Entity::delete_by_id(id).exec(&txn).await?;
        audit::record(
            &txn,
            actor,
            "survey.question.delete",
            "phase",
            Some(found.phase_id.to_string()),
            json!({ "question": id }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Swaps a question with the one before (`up`) or after it. Order changes keep answers, so
    /// they stay possible after responses.
    pub async fn move_survey_question(&self, actor: &Actor, id: i32, up: bool) -> CoreResult<()> {
        let found = self.survey_question_for_change(actor, id).await?;
        let questions = self.survey_questions(found.phase_id).await?;
        let at = questions.iter().position(|q| q.model.id == id).ok_or(CoreError::NotFound("question"))?;
        let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|n| *n < questions.len()) };
        let Some(other) = other else { return Ok(()) };
        let txn = db::begin_write(self.db()).await?;
        // Positions are renumbered in order, so equal positions from concurrent additions heal.
        let mut order: Vec<i32> = questions.iter().map(|q| q.model.id).collect();
        order.swap(at, other);
        for (position, qid) in order.iter().enumerate() {
            question::ActiveModel { id: Set(*qid), position: Set(position as i32), ..Default::default() }
                .update(&txn)
                .await?;
        }
        audit::record(
            &txn,
            actor,
            "survey.question.move",
            "phase",
            Some(found.phase_id.to_string()),
            json!({ "question": id, "up": up }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The stored answer rows of a survey: tests check that refused responses wrote none.
    #[cfg(test)]
    pub(crate) async fn survey_answer_rows(&self, phase_id: i32) -> CoreResult<u64> {
        let ids: Vec<i32> = self.survey_questions(phase_id).await?.iter().map(|q| q.model.id).collect();
        Ok(answer::Entity::find().filter(answer::Column::QuestionId.is_in(ids)).count(self.db()).await?)
    }
}

/// The columns a question definition sets.
fn question_row(checked: &CheckedQuestion) -> question::ActiveModel {
    question::ActiveModel {
        kind: Set(checked.kind.as_str().to_owned()),
        title: Set(checked.title.to_json()),
        help: Set(checked.help.to_json()),
        required: Set(checked.required),
        config: Set(serde_json::to_string(&checked.config).unwrap_or_else(|_| "{}".into())),
        ..Default::default()
    }
}
