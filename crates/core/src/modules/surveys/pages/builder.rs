// SPDX-License-Identifier: AGPL-3.0-only
//! The survey builder: a back-office page per survey phase where its project's moderators add,
//! edit, move and delete questions, see the number of responses, and download them. Texts are
//! written in the language the back office is shown in; the other languages of a text are kept.
use std::collections::{BTreeMap, HashMap};

use axum::Form;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::modules::projects::moderated_projects;
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::surveys::{QuestionInput, QuestionKind, SurveyQuestion};
use crate::permissions::moderates;
use crate::web::{Lang, Page, PageError, PageResult, Pairs, error_data, field, refuse, see_other};
use crate::{Actor, CoreError, Platform};

fn builder_path(project: i32, phase: i32) -> String {
    format!("/admin/projects/{project}/phases/{phase}/survey")
}

/// A request to the builder of `phase` in `project`, from one of the project's moderators.
/// Anyone else never reaches the handler: visitors sign in first, residents are refused as in
/// the rest of the back office, and a moderator of another project finds nothing.
pub struct Builder {
    platform: Platform,
    actor: Actor,
    locale: &'static str,
    project: i32,
    phase: i32,
}

impl FromRequestParts<Platform> for Builder {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, platform: &Platform) -> Result<Self, Self::Rejection> {
        let Path(params) = Path::<HashMap<String, i32>>::from_request_parts(parts, platform)
            .await
            .map_err(|_| PageError::NotFound.into_response())?;
        let (Some(&project), Some(&phase)) = (params.get("id"), params.get("phase")) else {
            return Err(PageError::NotFound.into_response());
        };
        let actor = parts.extensions.get::<Actor>().cloned().unwrap_or(Actor::Anonymous);
        let locale = parts.extensions.get::<Lang>().map_or("en", |l| l.0);
        if !moderates(&actor, project) {
            if !moderated_projects(&actor).is_empty() {
                return Err(PageError::NotFound.into_response());
            }
            return Err(refuse(&actor, &builder_path(project, phase)));
        }
        Ok(Self { platform: platform.clone(), actor, locale, project, phase })
    }
}

impl Builder {
    /// The builder, with `error` when a change was refused.
    async fn render(&self, error: Option<&CoreError>) -> PageResult {
        let view = self.platform.survey(&self.actor, self.phase).await?;
        // A phase of another project is nothing here.
        if view.phase.project_id != self.project {
            return Err(PageError::NotFound);
        }
        let data = json!({
            "project": self.project,
            "questions": view.questions.iter().map(|q| question_value(q, self.locale)).collect::<Vec<_>>(),
            "kinds": QuestionKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "responses": view.responses,
            "error": error.map(error_data),
        });
        Ok(Page::admin("surveys/builder.html", "projects", data).about_phase(view.phase).into_response())
    }

    /// Back to the builder, or the builder again with the refusal.
    async fn finish(&self, result: Result<(), CoreError>) -> PageResult {
        match result {
            Ok(()) => Ok(see_other(&builder_path(self.project, self.phase))),
            Err(e) => self.render(Some(&e)).await,
        }
    }

    async fn question(&self, id: i32) -> Result<SurveyQuestion, PageError> {
        let view = self.platform.survey(&self.actor, self.phase).await?;
        view.questions.into_iter().find(|q| q.model.id == id).ok_or(PageError::NotFound)
    }
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
    json!({
        "id": q.model.id,
        "kind": q.kind.as_str(),
        "page": q.page + 1,
        "title": text(&Multiloc::parse(&q.model.title)),
        "help": text(&Multiloc::parse(&q.model.help)),
        "required": q.model.required,
        "options": lines(&q.config.options),
        "rows": lines(&q.config.rows),
        "min": q.config.min,
        "max": q.config.max,
        "min_label": text(&q.config.min_label),
        "max_label": text(&q.config.max_label),
    })
}

pub async fn show(builder: Builder) -> PageResult {
    builder.render(None).await
}

pub async fn add(b: Builder, Form(pairs): Form<Pairs>) -> PageResult {
    let input = input_from(&pairs, b.locale, None);
    b.finish(b.platform.add_survey_question(&b.actor, b.phase, input).await.map(drop)).await
}

/// The question's id is the last part of the address.
type Question = Path<(i32, i32, i32)>;

pub async fn update(b: Builder, Path((_, _, id)): Question, Form(pairs): Form<Pairs>) -> PageResult {
    let old = b.question(id).await?;
    let input = input_from(&pairs, b.locale, Some(&old));
    b.finish(b.platform.update_survey_question(&b.actor, id, input).await.map(drop)).await
}

pub async fn delete(b: Builder, Path((_, _, id)): Question) -> PageResult {
    b.finish(b.platform.delete_survey_question(&b.actor, id).await).await
}

pub async fn move_question(b: Builder, Path((_, _, id)): Question, Form(pairs): Form<Pairs>) -> PageResult {
    b.finish(b.platform.move_survey_question(&b.actor, id, field(&pairs, "direction") == "up").await).await
}
