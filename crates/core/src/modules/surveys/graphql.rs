// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys in GraphQL: `survey(phaseId)`, `submitSurveyResponse`, and the builder mutations.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};

use super::answers::AnswerInput;
use super::questions::{QuestionInput, QuestionKind, SurveyQuestion as Question};
use super::results::QuestionResults;
use crate::CoreError;
use crate::graphql::{actor, platform, to_gql};
use crate::modules::projects::locale_of;
use crate::modules::projects::multiloc::Multiloc;

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

#[derive(SimpleObject)]
pub struct SurveyQuestionResults {
    answered: u64,
    /// Choice questions: a count per option. Scale: a count per point, from the lowest.
    counts: Vec<u64>,
    /// Matrix: a count per point for each row.
    matrix: Vec<Vec<u64>>,
    mean: Option<f64>,
    row_means: Vec<Option<f64>>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    first_date: Option<String>,
    last_date: Option<String>,
    /// The latest text answers, for the project's moderators only.
    texts: Vec<String>,
}

impl From<QuestionResults> for SurveyQuestionResults {
    fn from(r: QuestionResults) -> Self {
        SurveyQuestionResults {
            answered: r.answered,
            counts: r.counts,
            matrix: r.matrix,
            mean: r.mean,
            row_means: r.row_means,
            minimum: r.minimum,
            maximum: r.maximum,
            first_date: r.first_date,
            last_date: r.last_date,
            texts: r.texts,
        }
    }
}

#[derive(SimpleObject)]
pub struct SurveyQuestion {
    id: ID,
    /// short_text, long_text, single, multiple, number, scale, matrix, date or page_break.
    kind: String,
    title: String,
    help: String,
    required: bool,
    /// The page the question is on, from 0.
    page: i32,
    /// Choice questions: the options, answered by their index.
    options: Vec<String>,
    /// Matrix: the rows, answered in order.
    rows: Vec<String>,
    /// Multiple choice: fewest and most choices. Number: bounds. Scale and matrix: the ends.
    min: Option<f64>,
    max: Option<f64>,
    min_label: String,
    max_label: String,
    /// Null unless the results are open to the asker.
    results: Option<SurveyQuestionResults>,
}

fn question_object(q: &Question, locale: &str, results: Option<QuestionResults>) -> SurveyQuestion {
    let text = |m: &Multiloc| m.text(locale);
    SurveyQuestion {
        id: ID(q.model.id.to_string()),
        kind: q.kind.as_str().to_owned(),
        title: text(&Multiloc::parse(&q.model.title)),
        help: text(&Multiloc::parse(&q.model.help)),
        required: q.model.required,
        page: q.page as i32,
        options: q.config.options.iter().map(text).collect(),
        rows: q.config.rows.iter().map(text).collect(),
        min: q.config.min,
        max: q.config.max,
        min_label: text(&q.config.min_label),
        max_label: text(&q.config.max_label),
        results: results.map(Into::into),
    }
}

#[derive(SimpleObject)]
pub struct Survey {
    questions: Vec<SurveyQuestion>,
    pages: i32,
    /// Whether the signed-in asker has responded.
    answered: bool,
    results_visible: bool,
    responses: u64,
}

#[derive(InputObject)]
pub struct SurveyAnswerInput {
    question_id: ID,
    /// Short and long text.
    text: Option<String>,
    /// Single and multiple choice: option indexes.
    #[graphql(default)]
    choices: Vec<i32>,
    number: Option<f64>,
    /// A point on a scale.
    value: Option<i32>,
    /// YYYY-MM-DD.
    date: Option<String>,
    /// Matrix: a point per row, in row order (null for a row left out).
    #[graphql(default)]
    rows: Vec<Option<i32>>,
}

#[derive(InputObject)]
pub struct SurveyQuestionInput {
    kind: String,
    /// Text per language, such as {"en": "…", "nl": "…"}.
    title: Json<BTreeMap<String, String>>,
    help: Option<Json<BTreeMap<String, String>>>,
    #[graphql(default)]
    required: bool,
    #[graphql(default)]
    options: Vec<Json<BTreeMap<String, String>>>,
    #[graphql(default)]
    rows: Vec<Json<BTreeMap<String, String>>>,
    min: Option<f64>,
    max: Option<f64>,
    min_label: Option<Json<BTreeMap<String, String>>>,
    max_label: Option<Json<BTreeMap<String, String>>>,
}

impl From<SurveyQuestionInput> for QuestionInput {
    fn from(i: SurveyQuestionInput) -> Self {
        let texts = |list: Vec<Json<BTreeMap<String, String>>>| list.into_iter().map(|t| t.0).collect();
        QuestionInput {
            kind: i.kind,
            title: i.title.0,
            help: i.help.map(|h| h.0).unwrap_or_default(),
            required: i.required,
            options: texts(i.options),
            rows: texts(i.rows),
            min: i.min,
            max: i.max,
            min_label: i.min_label.map(|h| h.0).unwrap_or_default(),
            max_label: i.max_label.map(|h| h.0).unwrap_or_default(),
        }
    }
}

#[derive(Default)]
pub struct SurveysQuery;

#[Object]
impl SurveysQuery {
    /// A survey phase's questions, and their results when they are open to the asker.
    async fn survey(&self, ctx: &Context<'_>, phase_id: ID, locale: Option<String>) -> async_graphql::Result<Survey> {
        let (platform, actor) = (platform(ctx)?, actor(ctx));
        let phase_id = id_of(&phase_id, "phase")?;
        let view = platform.survey(actor, phase_id).await.map_err(to_gql)?;
        let mut results = if view.results_visible {
            platform.survey_results(actor, phase_id).await.map_err(to_gql)?.questions
        } else {
            Vec::new()
        };
        let locale = locale_of(ctx, locale);
        let questions = view
            .questions
            .iter()
            .map(|q| {
                let mine = results.iter().position(|r| r.question_id == q.model.id).map(|at| results.swap_remove(at));
                question_object(q, &locale, mine.filter(|_| q.kind != QuestionKind::PageBreak))
            })
            .collect();
        Ok(Survey {
            questions,
            pages: view.pages() as i32,
            answered: view.answered,
            results_visible: view.results_visible,
            responses: view.responses,
        })
    }
}

#[derive(Default)]
pub struct SurveysMutation;

#[Object]
impl SurveysMutation {
    /// Responds to a survey, all questions at once. Problems come back together in the error's
    /// `problems` extension, each with its `questionId` and `code`.
    async fn submit_survey_response(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        answers: Vec<SurveyAnswerInput>,
    ) -> async_graphql::Result<bool> {
        let mut parsed = Vec::with_capacity(answers.len());
        for a in answers {
            parsed.push(AnswerInput {
                question_id: id_of(&a.question_id, "question")?,
                text: a.text,
                choices: a.choices,
                number: a.number,
                value: a.value,
                date: a.date,
                rows: a.rows,
            });
        }
        platform(ctx)?.submit_survey_response(actor(ctx), id_of(&phase_id, "phase")?, &parsed).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Adds a question at the end of a survey (administrators and the project's moderators).
    async fn add_survey_question(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        input: SurveyQuestionInput,
    ) -> async_graphql::Result<ID> {
        let saved = platform(ctx)?
            .add_survey_question(actor(ctx), id_of(&phase_id, "phase")?, input.into())
            .await
            .map_err(to_gql)?;
        Ok(ID(saved.id.to_string()))
    }

    /// Changes a question; once people responded, only its wording.
    async fn update_survey_question(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: SurveyQuestionInput,
    ) -> async_graphql::Result<bool> {
        platform(ctx)?
            .update_survey_question(actor(ctx), id_of(&id, "question")?, input.into())
            .await
            .map_err(to_gql)?;
        Ok(true)
    }

    async fn delete_survey_question(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.delete_survey_question(actor(ctx), id_of(&id, "question")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Moves a question one place up (`up: true`) or down.
    async fn move_survey_question(&self, ctx: &Context<'_>, id: ID, up: bool) -> async_graphql::Result<bool> {
        platform(ctx)?.move_survey_question(actor(ctx), id_of(&id, "question")?, up).await.map_err(to_gql)?;
        Ok(true)
    }
}
