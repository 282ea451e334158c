// SPDX-License-Identifier: AGPL-3.0-only
//! Polls on the project page (answering, results) and in the back office (questions, CSV).
use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use townhall_core::modules::polls::QuestionInput;
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use crate::ui::Ctx;
use townhall_core::web::{PageError, PageResult};

type Pairs = Vec<(String, String)>;

/// What the poll panel shows.
pub async fn panel(
    platform: &Platform,
    actor: &Actor,
    found: &phase::Model,
    locale: &str,
    error: Option<&CoreError>,
) -> Value {
    let Ok(view) = platform.poll(actor, found.id).await else { return Value::from(()) };
    let total = view.responses.max(1);
    minijinja::context! {
        phase => found.id,
        answered => view.answered,
        results_visible => view.results_visible,
        responses => view.responses,
        questions => view.questions.iter().map(|q| minijinja::context! {
            id => q.question.id,
            title => Multiloc::parse(&q.question.title).text(locale),
            kind => q.question.kind.clone(),
            min => q.question.min_choices,
            max => q.question.max_choices,
            options => q.options.iter().map(|o| minijinja::context! {
                id => o.id,
                title => Multiloc::parse(&o.title).text(locale),
                votes => o.votes,
                percent => (u64::try_from(o.votes).unwrap_or(0) * 100 / total),
            }).collect::<Vec<_>>(),
        }).collect::<Vec<_>>(),
        error => error.map(error_value),
    }
}

/// A resident's answers: fields `q<question>` holding option ids.
pub async fn answer(
    State(state): State<AppState>,
    req: Ctx,
    Path(phase_id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let mut answers: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for (key, value) in &pairs {
        if let (Some(q), Ok(option)) = (key.strip_prefix('q').and_then(|q| q.parse::<i32>().ok()), value.parse::<i32>())
        {
            answers.entry(q).or_default().push(option);
        }
    }
    let answers: Vec<(i32, Vec<i32>)> = answers.into_iter().collect();
    let result = state.platform.answer_poll(&req.actor, phase_id, &answers).await;
    let slug = state.platform.project_slug_of_phase(phase_id).await.ok().flatten();
    let Some(slug) = slug else { return super::pages::not_found(State(state), req).await };
    match result {
        Ok(()) => Redirect::to(&format!("/projects/{slug}#poll")).into_response(),
        Err(e) => super::projects::render_with_vote_error(&state, &req, &slug, &e).await,
    }
}

/// A question from the back office: title, kind, bounds, one option per line.
pub async fn add_question(
    State(state): State<AppState>,
    req: Ctx,
    Path((project, phase_id)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let value = |k: &str| pairs.iter().find(|(key, _)| key == k).map_or("", |(_, v)| v.as_str());
    // Written in the language the back office is shown in.
    let en = |text: &str| BTreeMap::from([(req.locale.code.to_owned(), text.to_owned())]);
    let input = QuestionInput {
        title: en(value("title")),
        kind: value("kind").to_owned(),
        min_choices: value("min").parse().unwrap_or(1),
        max_choices: value("max").parse().unwrap_or(1),
        options: value("options").lines().map(str::trim).filter(|l| !l.is_empty()).map(en).collect(),
    };
    let result = state.platform.add_poll_question(&req.actor, phase_id, input).await.map(drop);
    super::admin::finish_project(&state, &req, project, result).await
}

pub async fn delete_question(
    State(state): State<AppState>,
    req: Ctx,
    Path((project, question)): Path<(i32, i32)>,
) -> Response {
    let result = state.platform.delete_poll_question(&req.actor, question).await;
    super::admin::finish_project(&state, &req, project, result).await
}

/// A poll's results on their own page, reachable after the phase ends.
pub async fn results(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>) -> PageResult {
    let found = state.platform.phase_of(phase_id).await?;
    let panel = panel(&state.platform, &req.actor, &found, req.locale.code, None).await;
    if panel.is_none() || found.method != "poll" {
        return Err(PageError::NotFound);
    }
    let slug = state.platform.project_slug_of_phase(phase_id).await?;
    if !panel.get_attr("results_visible").is_ok_and(|v| v.is_true()) {
        let ctx = minijinja::context! {
            title => "results-closed-title", body => "results-closed-body",
            link => slug.map(|s| format!("/projects/{s}")), link_label => "survey-back-to-project",
        };
        return Ok(state.ui.page(&state.platform, &req, "message.html", ctx).await);
    }
    let ctx = minijinja::context! { phase => super::projects::phase_value(&found, &req), slug => slug, p => panel };
    Ok(state.ui.page(&state.platform, &req, "poll_results.html", ctx).await)
}

/// The responses as CSV, for the project's moderators.
pub async fn csv(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>) -> PageResult {
    let text = state.platform.poll_csv(&req.actor, phase_id, req.locale.code).await?;
    Ok(super::forms::download("text/csv; charset=utf-8", &format!("poll-{phase_id}.csv"), text))
}
