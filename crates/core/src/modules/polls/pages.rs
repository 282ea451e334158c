// SPDX-License-Identifier: AGPL-3.0-only
//! Polls' pages: the panel on the project page (answer, then the results when public), the
//! results on their own page, the questions in the project's back-office page, and the CSV.
use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};

use super::service::{POLL, QuestionInput};
use crate::methods::{Panel, PanelRequest, ParticipationMethod};
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::permissions::MethodDef;
use crate::web::{
    HostPage, Lang, Page, PageError, PageResult, Pairs, Reshow, back_to_admin_project, download, error_data, field,
    see_other,
};
use crate::{Actor, CoreResult, Platform};

/// Polls as a participation method: its definition, its panels and its results page.
#[derive(Debug, Default)]
pub struct Poll;

#[async_trait::async_trait]
impl ParticipationMethod for Poll {
    fn def(&self) -> MethodDef {
        super::POLL_METHOD
    }

    async fn panel(
        &self,
        PanelRequest { platform, actor, phase, locale, error, .. }: PanelRequest<'_>,
    ) -> CoreResult<Option<Panel>> {
        let mut data = poll(platform, actor, phase.id, locale).await?;
        data["error"] = error.map_or(Value::Null, error_data);
        Ok(Some(Panel::new("polls/panel.html", data)))
    }

    async fn admin_panel(
        &self,
        platform: &Platform,
        actor: &Actor,
        phase: &phase::Model,
        locale: &'static str,
    ) -> CoreResult<Option<Panel>> {
        Ok(Some(Panel::new("polls/admin_panel.html", poll(platform, actor, phase.id, locale).await?)))
    }

    fn results_page(&self, phase_id: i32) -> Option<String> {
        Some(format!("/phases/{phase_id}/{POLL}/results"))
    }
}

/// The poll's questions and options in `locale`, with counts and shares when they are shown.
async fn poll(platform: &Platform, actor: &Actor, phase_id: i32, locale: &str) -> CoreResult<Value> {
    let view = platform.polls().get(actor, phase_id).await?;
    let total = view.responses.max(1);
    let questions: Vec<Value> = view
        .questions
        .iter()
        .map(|q| {
            let options: Vec<Value> = q
                .options
                .iter()
                .map(|o| {
                    json!({
                        "id": o.id,
                        "title": Multiloc::parse(&o.title).text(locale),
                        "votes": o.votes,
                        "percent": u64::try_from(o.votes).unwrap_or(0) * 100 / total,
                    })
                })
                .collect();
            json!({
                "id": q.question.id,
                "title": Multiloc::parse(&q.question.title).text(locale),
                "kind": q.question.kind,
                "min": q.question.min_choices,
                "max": q.question.max_choices,
                "options": options,
            })
        })
        .collect();
    Ok(json!({
        "phase": phase_id,
        "answered": view.answered,
        "results_visible": view.results_visible,
        "responses": view.responses,
        "questions": questions,
    }))
}

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/phases/{id}/poll", post(answer))
        .route("/phases/{id}/poll/results", get(results))
        .route("/admin/projects/{id}/phases/{phase}/poll", post(add_question))
        .route("/admin/projects/{id}/poll-questions/{question}/delete", post(delete_question))
        .route("/admin/phases/{id}/poll.csv", get(csv))
}

/// A resident's answers: fields `q<question>` holding option ids.
async fn answer(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(phase_id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let slug = platform.project_slug_of_phase(phase_id).await?.ok_or(PageError::NotFound)?;
    let mut answers: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for (key, value) in &pairs {
        let question = key.strip_prefix('q').and_then(|q| q.parse::<i32>().ok());
        if let (Some(question), Ok(option)) = (question, value.parse::<i32>()) {
            answers.entry(question).or_default().push(option);
        }
    }
    let answers: Vec<(i32, Vec<i32>)> = answers.into_iter().collect();
    Ok(match platform.polls().answer(&actor, phase_id, &answers).await {
        Ok(()) => see_other(&format!("/projects/{slug}#{POLL}")),
        Err(e) => Reshow::new(HostPage::Project(slug), e).into_response(),
    })
}

/// A poll's results on their own page, reachable after the phase ends.
async fn results(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase_id): Path<i32>,
) -> PageResult {
    let found = platform.phase_of(phase_id).await?;
    if found.method != POLL {
        return Err(PageError::NotFound);
    }
    let data = poll(&platform, &actor, phase_id, locale).await?;
    let slug = platform.project_slug_of_phase(phase_id).await?;
    if data["results_visible"] != Value::Bool(true) {
        let message = json!({
            "title": "results-closed-title", "body": "results-closed-body",
            "link": slug.map(|s| format!("/projects/{s}")), "link_label": "back-to-project",
        });
        return Ok(Page::new("message.html", message).into_response());
    }
    let title = Multiloc::parse(&found.title).text(locale);
    Ok(Page::new("polls/results.html", json!({ "title": title, "slug": slug, "p": data })).into_response())
}

/// A question from the back office: title, kind, bounds, one option per line.
async fn add_question(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path((project, phase_id)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    // Written in the language the back office is shown in.
    let text = |text: &str| BTreeMap::from([(locale.to_owned(), text.to_owned())]);
    let input = QuestionInput {
        title: text(field(&pairs, "title")),
        kind: field(&pairs, "kind").to_owned(),
        min_choices: field(&pairs, "min").parse().unwrap_or(1),
        max_choices: field(&pairs, "max").parse().unwrap_or(1),
        options: field(&pairs, "options").lines().map(str::trim).filter(|l| !l.is_empty()).map(text).collect(),
    };
    back_to_admin_project(project, platform.polls().add_question(&actor, phase_id, input).await.map(drop))
}

async fn delete_question(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path((project, question)): Path<(i32, i32)>,
) -> Response {
    back_to_admin_project(project, platform.polls().delete_question(&actor, question).await)
}

/// The responses as CSV, for the project's moderators.
async fn csv(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase_id): Path<i32>,
) -> PageResult {
    let text = platform.polls().csv(&actor, phase_id, locale).await?;
    Ok(download("text/csv; charset=utf-8", &format!("poll-{phase_id}.csv"), text))
}
