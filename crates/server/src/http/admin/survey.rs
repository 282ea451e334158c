// SPDX-License-Identifier: AGPL-3.0-only
//! The survey builder: a page per survey phase where its project's moderators add, edit, move
//! and delete questions, see the number of responses, and download them. Texts are written in
//! the language the back office is shown in; the other languages of a text are kept.
use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use minijinja::Value;
use townhall_core::CoreError;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::modules::surveys::{QuestionInput, QuestionKind, SurveyQuestion};
use townhall_core::web::{PageError, PageResult};

use super::{Staff, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::http::projects::phase_value;
use crate::ui::Ctx;

type Pairs = Vec<(String, String)>;

fn field<'a>(pairs: &'a Pairs, key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

/// `text` as the `locale` version of `old`, keeping its other languages.
fn merged(old: &Multiloc, locale: &str, text: &str) -> BTreeMap<String, String> {
    let mut out = old.0.clone();
    out.insert(locale.to_owned(), text.trim().to_owned());
    out
}

/// One text per non-blank line, each merged into the text at the same place before.
fn merged_lines(old: &[Multiloc], locale: &str, lines: &str) -> Vec<BTreeMap<String, String>> {
    lines
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(k, line)| merged(old.get(k).unwrap_or(&Multiloc::default()), locale, line))
        .collect()
}

fn bound(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() { None } else { Some(text.replace(',', ".").parse().unwrap_or(f64::NAN)) }
}

/// The submitted question, over `old` when it is an edit.
fn input_from(pairs: &Pairs, locale: &str, old: Option<&SurveyQuestion>) -> QuestionInput {
    let parse = |json: &str| Multiloc::parse(json);
    let (title, help) = old.map(|q| (parse(&q.model.title), parse(&q.model.help))).unwrap_or_default();
    let config = old.map(|q| q.config.clone()).unwrap_or_default();
    QuestionInput {
        kind: field(pairs, "kind").to_owned(),
        title: merged(&title, locale, field(pairs, "title")),
        help: merged(&help, locale, field(pairs, "help")),
        required: field(pairs, "required") == "yes",
        options: merged_lines(&config.options, locale, field(pairs, "options")),
        rows: merged_lines(&config.rows, locale, field(pairs, "rows")),
        min: bound(field(pairs, "min")),
        max: bound(field(pairs, "max")),
        min_label: merged(&config.min_label, locale, field(pairs, "min_label")),
        max_label: merged(&config.max_label, locale, field(pairs, "max_label")),
    }
}

fn question_value(q: &SurveyQuestion, locale: &str) -> Value {
    let text = |m: &Multiloc| m.text(locale);
    let lines = |list: &[Multiloc]| list.iter().map(text).collect::<Vec<_>>().join("\n");
    minijinja::context! {
        id => q.model.id,
        kind => q.kind.as_str(),
        page => q.page + 1,
        title => text(&Multiloc::parse(&q.model.title)),
        help => text(&Multiloc::parse(&q.model.help)),
        required => q.model.required,
        options => lines(&q.config.options),
        rows => lines(&q.config.rows),
        min => q.config.min,
        max => q.config.max,
        min_label => text(&q.config.min_label),
        max_label => text(&q.config.max_label),
    }
}

async fn render(state: &AppState, req: &Ctx, project: i32, phase_id: i32, error: Option<&CoreError>) -> PageResult {
    let view = state.platform.survey(&req.actor, phase_id).await?;
    // A phase of another project, or one this moderator does not answer for, is nothing here.
    if view.phase.project_id != project || !townhall_core::permissions::moderates(&req.actor, project) {
        return Err(PageError::NotFound);
    }
    let locale = req.locale.code;
    let ctx = minijinja::context! {
        project => project,
        phase => phase_value(&view.phase, req),
        questions => view.questions.iter().map(|q| question_value(q, locale)).collect::<Vec<_>>(),
        kinds => QuestionKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        responses => view.responses,
        error => error.map(error_value),
    };
    Ok(page(state, req, "admin/survey.html", "projects", ctx).await)
}

pub async fn show(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path((project, phase)): Path<(i32, i32)>,
) -> PageResult {
    render(&state, &req, project, phase, None).await
}

async fn finish(state: &AppState, req: &Ctx, project: i32, phase: i32, result: Result<(), CoreError>) -> PageResult {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/projects/{project}/phases/{phase}/survey")).into_response()),
        Err(e) => render(state, req, project, phase, Some(&e)).await,
    }
}

async fn question_of(state: &AppState, req: &Ctx, phase: i32, id: i32) -> Result<SurveyQuestion, PageError> {
    let view = state.platform.survey(&req.actor, phase).await?;
    view.questions.into_iter().find(|q| q.model.id == id).ok_or(PageError::NotFound)
}

pub async fn add(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path((project, phase)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let input = input_from(&pairs, req.locale.code, None);
    let result = state.platform.add_survey_question(&req.actor, phase, input).await.map(drop);
    finish(&state, &req, project, phase, result).await
}

pub async fn update(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path((project, phase, id)): Path<(i32, i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let old = question_of(&state, &req, phase, id).await?;
    let input = input_from(&pairs, req.locale.code, Some(&old));
    let result = state.platform.update_survey_question(&req.actor, id, input).await.map(drop);
    finish(&state, &req, project, phase, result).await
}

pub async fn delete(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path((project, phase, id)): Path<(i32, i32, i32)>,
) -> PageResult {
    let result = state.platform.delete_survey_question(&req.actor, id).await;
    finish(&state, &req, project, phase, result).await
}

pub async fn move_question(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Path((project, phase, id)): Path<(i32, i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let result = state.platform.move_survey_question(&req.actor, id, field(&pairs, "direction") == "up").await;
    finish(&state, &req, project, phase, result).await
}
