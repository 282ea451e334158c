// SPDX-License-Identifier: AGPL-3.0-only
//! Polls in GraphQL.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};

use super::service::{PollView, QuestionInput};
use crate::CoreError;
use crate::graphql::{actor, platform, to_gql};
use crate::modules::projects::locale_of;
use crate::modules::projects::multiloc::Multiloc;

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

#[derive(SimpleObject)]
pub struct PollOption {
    id: ID,
    title: String,
    /// Zero unless the results are visible to the asker.
    votes: i32,
}

#[derive(SimpleObject)]
pub struct PollQuestion {
    id: ID,
    title: String,
    /// `single` or `multiple`.
    kind: String,
    min_choices: i32,
    max_choices: i32,
    options: Vec<PollOption>,
}

#[derive(SimpleObject)]
pub struct Poll {
    questions: Vec<PollQuestion>,
    answered: bool,
    results_visible: bool,
    responses: u64,
}

fn poll_object(view: PollView, locale: &str) -> Poll {
    Poll {
        questions: view
            .questions
            .into_iter()
            .map(|q| PollQuestion {
                id: ID(q.question.id.to_string()),
                title: Multiloc::parse(&q.question.title).text(locale),
                kind: q.question.kind.clone(),
                min_choices: q.question.min_choices,
                max_choices: q.question.max_choices,
                options: q
                    .options
                    .iter()
                    .map(|o| PollOption {
                        id: ID(o.id.to_string()),
                        title: Multiloc::parse(&o.title).text(locale),
                        votes: o.votes,
                    })
                    .collect(),
            })
            .collect(),
        answered: view.answered,
        results_visible: view.results_visible,
        responses: view.responses,
    }
}

#[derive(InputObject)]
pub struct PollAnswer {
    question_id: ID,
    option_ids: Vec<ID>,
}

#[derive(Default)]
pub struct PollsQuery;

#[Object]
impl PollsQuery {
    async fn poll(&self, ctx: &Context<'_>, phase_id: ID, locale: Option<String>) -> async_graphql::Result<Poll> {
        let view = platform(ctx)?.polls().get(actor(ctx), id_of(&phase_id, "phase")?).await.map_err(to_gql)?;
        Ok(poll_object(view, &locale_of(ctx, locale)))
    }
}

#[derive(Default)]
pub struct PollsMutation;

#[Object]
impl PollsMutation {
    /// Answers every question of a poll, once.
    async fn answer_poll(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        answers: Vec<PollAnswer>,
    ) -> async_graphql::Result<bool> {
        let mut parsed = Vec::new();
        for a in &answers {
            let options = a.option_ids.iter().map(|o| id_of(o, "option")).collect::<Result<Vec<_>, _>>()?;
            parsed.push((id_of(&a.question_id, "question")?, options));
        }
        platform(ctx)?.polls().answer(actor(ctx), id_of(&phase_id, "phase")?, &parsed).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Adds a question to a poll (administrators and the project's moderators).
    #[allow(clippy::too_many_arguments)]
    async fn add_poll_question(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        title: Json<BTreeMap<String, String>>,
        kind: String,
        #[graphql(default = 1)] min_choices: i32,
        #[graphql(default = 1)] max_choices: i32,
        options: Vec<Json<BTreeMap<String, String>>>,
    ) -> async_graphql::Result<ID> {
        let input = QuestionInput {
            title: title.0,
            kind,
            min_choices,
            max_choices,
            options: options.into_iter().map(|o| o.0).collect(),
        };
        let saved =
            platform(ctx)?.polls().add_question(actor(ctx), id_of(&phase_id, "phase")?, input).await.map_err(to_gql)?;
        Ok(ID(saved.id.to_string()))
    }

    async fn delete_poll_question(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.polls().delete_question(actor(ctx), id_of(&id, "question")?).await.map_err(to_gql)?;
        Ok(true)
    }
}
