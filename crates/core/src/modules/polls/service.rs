// SPDX-License-Identifier: AGPL-3.0-only
//! Polls: administrators set the questions; each resident answers once, all questions at once;
//! the option counters move in the response's transaction. Results are for administrators and
//! the project's moderators during the phase, and for everyone after it if the phase says so.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TryInsertResult,
};
use serde_json::json;

use super::model::{answer, option, question, response};
use crate::exports::CsvText;
use crate::modules::accounts::audit;
use crate::modules::polls::TAKING_POLL;
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const POLL: &str = "poll";

#[derive(Debug, Clone)]
pub struct PollQuestion {
    pub question: question::Model,
    pub options: Vec<option::Model>,
}

#[derive(Debug, Clone)]
pub struct PollView {
    pub questions: Vec<PollQuestion>,
    /// Whether the asking resident has answered.
    pub answered: bool,
    /// Whether the counts are shown (they are zero otherwise).
    pub results_visible: bool,
    pub responses: u64,
}

/// A new question: its title, `single` or `multiple`, the bounds of choices, the options.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub title: BTreeMap<String, String>,
    pub kind: String,
    pub min_choices: i32,
    pub max_choices: i32,
    pub options: Vec<BTreeMap<String, String>>,
}

fn field(code: &'static str) -> CoreError {
    CoreError::Field { field: "poll", code }
}

/// The polls' services, as `platform.polls()` offers them (decision 0032).
#[derive(Clone, Copy)]
pub struct PollsService<'a>(&'a Platform);

impl Platform {
    pub fn polls(&self) -> PollsService<'_> {
        PollsService(self)
    }
}

/// The platform's own services (the database, permissions, projects) stay at hand as `self.…`.
impl std::ops::Deref for PollsService<'_> {
    type Target = Platform;

    fn deref(&self) -> &Platform {
        self.0
    }
}

impl PollsService<'_> {
    async fn poll_phase(&self, phase_id: i32) -> CoreResult<phase::Model> {
        let found = self.phase_of(phase_id).await?;
        if found.method != POLL {
            return Err(field("not_a_poll_phase"));
        }
        Ok(found)
    }

    async fn poll_questions(&self, phase_id: i32) -> CoreResult<Vec<PollQuestion>> {
        let questions = question::Entity::find()
            .filter(question::Column::PhaseId.eq(phase_id))
            .order_by_asc(question::Column::Position)
            .order_by_asc(question::Column::Id)
            .all(self.db())
            .await?;
        let options = option::Entity::find()
            .filter(option::Column::QuestionId.is_in(questions.iter().map(|q| q.id).collect::<Vec<_>>()))
            .order_by_asc(option::Column::Position)
            .order_by_asc(option::Column::Id)
            .all(self.db())
            .await?;
        Ok(questions
            .into_iter()
            .map(|q| {
                let mine = options.iter().filter(|o| o.question_id == q.id).cloned().collect();
                PollQuestion { question: q, options: mine }
            })
            .collect())
    }

    /// The poll of a phase as `actor` sees it: its questions, whether they answered, and the
    /// counts when the results are open to them.
    pub async fn get(&self, actor: &Actor, phase_id: i32) -> CoreResult<PollView> {
        let found = self.poll_phase(phase_id).await?;
        if self.project_by_id(actor, found.project_id).await?.is_none() {
            return Err(CoreError::NotFound("phase"));
        }
        let mut questions = self.poll_questions(phase_id).await?;
        let results_visible = self.phase_results_open(actor, &found).await;
        if !results_visible {
            for q in &mut questions {
                for o in &mut q.options {
                    o.votes = 0;
                }
            }
        }
        let answered = match actor.user_id() {
            Some(user) => response::Entity::find()
                .filter(response::Column::PhaseId.eq(phase_id))
                .filter(response::Column::UserId.eq(user))
                .one(self.db())
                .await?
                .is_some(),
            None => false,
        };
        let responses =
            response::Entity::find().filter(response::Column::PhaseId.eq(phase_id)).count(self.db()).await?;
        Ok(PollView { questions, answered, results_visible, responses })
    }

    /// Adds a question (administrators and the project's moderators), before anyone answered.
    pub async fn add_question(
        &self,
        actor: &Actor,
        phase_id: i32,
        input: QuestionInput,
    ) -> CoreResult<question::Model> {
        let found = self.poll_phase(phase_id).await?;
        self.project_for_change(actor, found.project_id).await?;
        self.refuse_once_answered(phase_id).await?;
        let title = Multiloc::checked(input.title, "title", true, 300)?;
        let options: Vec<Multiloc> =
            input.options.into_iter().map(|o| Multiloc::checked(o, "options", true, 200)).collect::<CoreResult<_>>()?;
        if !(2..=20).contains(&options.len()) {
            return Err(CoreError::Field { field: "options", code: "poll_options_count" });
        }
        let (min, max) = match input.kind.as_str() {
            "single" => (1, 1),
            "multiple" => (input.min_choices, input.max_choices),
            _ => return Err(CoreError::Field { field: "kind", code: "poll_kind_invalid" }),
        };
        if min < 0 || max < 1 || min > max || max as usize > options.len() {
            return Err(CoreError::Field { field: "max_choices", code: "poll_choices_invalid" });
        }
        let position =
            question::Entity::find().filter(question::Column::PhaseId.eq(phase_id)).count(self.db()).await? as i32;
        let txn = db::begin_write(self.db()).await?;
        let saved = question::ActiveModel {
            phase_id: Set(phase_id),
            title: Set(title.to_json()),
            kind: Set(input.kind.clone()),
            min_choices: Set(min),
            max_choices: Set(max),
            position: Set(position),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (k, o) in options.iter().enumerate() {
            option::ActiveModel {
                question_id: Set(saved.id),
                title: Set(o.to_json()),
                position: Set(k as i32),
                votes: Set(0),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        audit::record(
            &txn,
            actor,
            "poll.question",
            "phase",
            Some(phase_id.to_string()),
            json!({ "question": saved.id }),
        )
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    pub async fn delete_question(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = question::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("question"))?;
        let owner = self.poll_phase(found.phase_id).await?;
        self.project_for_change(actor, owner.project_id).await?;
        self.refuse_once_answered(found.phase_id).await?;
        let txn = db::begin_write(self.db()).await?;
        question::Entity::delete_by_id(id).exec(&txn).await?;
        audit::record(
            &txn,
            actor,
            "poll.question.delete",
            "phase",
            Some(found.phase_id.to_string()),
            json!({ "question": id }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Questions stay as they were answered: changing them would change what people said.
    async fn refuse_once_answered(&self, phase_id: i32) -> CoreResult<()> {
        let answered = response::Entity::find().filter(response::Column::PhaseId.eq(phase_id)).count(self.db()).await?;
        if answered > 0 { Err(field("poll_has_responses")) } else { Ok(()) }
    }

    /// Records a resident's answers to every question, once.
    pub async fn answer(&self, actor: &Actor, phase_id: i32, answers: &[(i32, Vec<i32>)]) -> CoreResult<()> {
        let found = self.poll_phase(phase_id).await?;
        self.require_permission(actor, TAKING_POLL, &found).await?;
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let questions = self.poll_questions(phase_id).await?;
        if answers.iter().any(|(q, _)| !questions.iter().any(|pq| pq.question.id == *q)) {
            return Err(field("poll_answer_invalid"));
        }
        let mut chosen_options = Vec::new();
        for q in &questions {
            let mut chosen: Vec<i32> =
                answers.iter().filter(|(id, _)| *id == q.question.id).flat_map(|(_, o)| o.clone()).collect();
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.iter().any(|o| !q.options.iter().any(|opt| opt.id == *o)) {
                return Err(field("poll_answer_invalid"));
            }
            let n = chosen.len() as i32;
            if n < q.question.min_choices || n > q.question.max_choices {
                return Err(CoreError::Field { field: "poll", code: "poll_answer_count" });
            }
            chosen_options.extend(chosen);
        }
        let txn = db::begin_write(self.db()).await?;
        let inserted = response::Entity::insert(response::ActiveModel {
            phase_id: Set(phase_id),
            user_id: Set(user),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([response::Column::PhaseId, response::Column::UserId])
        .exec(&txn)
        .await?;
        let TryInsertResult::Inserted(saved) = inserted else { return Err(field("poll_already_answered")) };
        for option_id in &chosen_options {
            answer::ActiveModel { response_id: Set(saved.last_insert_id), option_id: Set(*option_id) }
                .insert(&txn)
                .await?;
        }
        if !chosen_options.is_empty() {
            option::Entity::update_many()
                .col_expr(option::Column::Votes, Expr::col(option::Column::Votes).add(1))
                .filter(option::Column::Id.is_in(chosen_options))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// The responses as CSV (one row per response, no names), for the project's moderators.
    pub async fn csv(&self, actor: &Actor, phase_id: i32, locale: &str) -> CoreResult<String> {
        let found = self.poll_phase(phase_id).await?;
        self.project_for_change(actor, found.project_id).await?;
        let questions = self.poll_questions(phase_id).await?;
        let responses = response::Entity::find()
            .filter(response::Column::PhaseId.eq(phase_id))
            .order_by_asc(response::Column::Id)
            .all(self.db())
            .await?;
        let answers = answer::Entity::find()
            .filter(answer::Column::ResponseId.is_in(responses.iter().map(|r| r.id).collect::<Vec<_>>()))
            .all(self.db())
            .await?;
        let mut out = CsvText::new();
        out.row(
            std::iter::once("response".to_owned())
                .chain(std::iter::once("answered_at".to_owned()))
                .chain(questions.iter().map(|q| Multiloc::parse(&q.question.title).text(locale))),
        )?;
        for r in &responses {
            let cells = questions.iter().map(|q| {
                q.options
                    .iter()
                    .filter(|o| answers.iter().any(|a| a.response_id == r.id && a.option_id == o.id))
                    .map(|o| Multiloc::parse(&o.title).text(locale))
                    .collect::<Vec<_>>()
                    .join("; ")
            });
            let row = [r.id.to_string(), r.created_at.to_rfc3339()].into_iter().chain(cells);
            out.row(row)?;
        }
        out.finish()
    }
}
