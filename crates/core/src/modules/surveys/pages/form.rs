// SPDX-License-Identifier: AGPL-3.0-only
//! The survey form residents answer, asked page by page without JavaScript: the answers of the
//! other pages travel along as hidden fields, so nothing is kept on the server until the whole
//! response is sent. Then the thanks.
use std::collections::BTreeSet;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde_json::{Value, json};

use crate::modules::projects::multiloc::Multiloc;
use crate::modules::surveys::answers::check_answers;
use crate::modules::surveys::{AnswerInput, QuestionKind, SurveyQuestion, SurveyView};
use crate::web::{Lang, Page, PageResult, Pairs, error_data, see_other};
use crate::{Actor, CoreError, Platform};

/// The question a form field belongs to: `q12` and the matrix rows `q12r0`, `q12r1`…
fn question_of_field(key: &str) -> Option<i32> {
    let rest = key.strip_prefix('q')?;
    let id = rest.split('r').next()?;
    id.parse().ok()
}

fn values<'a>(pairs: &'a Pairs, key: &str) -> impl Iterator<Item = &'a str> {
    pairs.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Reads the submitted fields as answers. Text that is not a number where a number is asked
/// becomes a value the rules refuse, so the resident is told instead of the answer vanishing.
fn answers_from_form(questions: &[SurveyQuestion], pairs: &Pairs) -> Vec<AnswerInput> {
    let mut out = Vec::new();
    for q in questions.iter().filter(|q| q.kind != QuestionKind::PageBreak) {
        let key = format!("q{}", q.model.id);
        let first = values(pairs, &key).next().map(str::trim).filter(|v| !v.is_empty());
        let mut answer = AnswerInput { question_id: q.model.id, ..Default::default() };
        match q.kind {
            QuestionKind::ShortText | QuestionKind::LongText => answer.text = first.map(str::to_owned),
            QuestionKind::Date => answer.date = first.map(str::to_owned),
            QuestionKind::Single | QuestionKind::Multiple => {
                answer.choices = values(pairs, &key).map(|v| v.trim().parse().unwrap_or(-1)).collect();
            }
            QuestionKind::Number => {
                answer.number = first.map(|v| v.replace(',', ".").parse::<f64>().unwrap_or(f64::NAN));
            }
            QuestionKind::Scale => answer.value = first.map(|v| v.parse().unwrap_or(-1)),
            QuestionKind::Matrix => {
                answer.rows = (0..q.config.rows.len())
                    .map(|row| {
                        let field = format!("q{}r{row}", q.model.id);
                        values(pairs, &field).next().map(|v| v.trim().parse().unwrap_or(-1))
                    })
                    .collect();
            }
            QuestionKind::PageBreak => {}
        }
        out.push(answer);
    }
    out
}

/// The points of a scale, with the end labels on the first and last.
fn points(q: &SurveyQuestion, locale: &str) -> Vec<Value> {
    q.config.points(locale).into_iter().map(|(v, label)| json!({ "value": v, "label": label })).collect()
}

/// One question for the form, with what was answered and its problem if any.
fn question_value(q: &SurveyQuestion, locale: &str, answer: Option<&AnswerInput>, problem: Option<&str>) -> Value {
    let chosen: BTreeSet<i32> = answer.map(|a| a.choices.iter().copied().collect()).unwrap_or_default();
    let value = answer.and_then(|a| match q.kind {
        QuestionKind::Number => a.number.filter(|n| n.is_finite()).map(|n| n.to_string()),
        QuestionKind::Scale => a.value.map(|v| v.to_string()),
        QuestionKind::Date => a.date.clone(),
        _ => a.text.clone(),
    });
    let options: Vec<Value> = q
        .config
        .options
        .iter()
        .enumerate()
        .map(|(k, o)| json!({ "index": k, "title": o.text(locale), "chosen": chosen.contains(&(k as i32)) }))
        .collect();
    let rows: Vec<Value> = q
        .config
        .rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let chosen = answer.and_then(|a| a.rows.get(k).copied().flatten());
            json!({ "index": k, "title": r.text(locale), "chosen": chosen })
        })
        .collect();
    json!({
        "id": q.model.id,
        "kind": q.kind.as_str(),
        "title": Multiloc::parse(&q.model.title).text(locale),
        "help": Multiloc::parse(&q.model.help).text(locale),
        "required": q.model.required,
        "options": options,
        "rows": rows,
        "points": points(q, locale),
        "min": q.config.min,
        "max": q.config.max,
        "value": value,
        "problem": problem,
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    done: Option<String>,
}

/// What a page of the form needs besides the survey.
struct FormState<'a> {
    page: usize,
    pairs: &'a Pairs,
    problems: &'a [(i32, &'static str)],
    error: Option<&'a CoreError>,
}

async fn render(platform: &Platform, locale: &str, view: &SurveyView, form: FormState<'_>, thanks: bool) -> Response {
    let answers = answers_from_form(&view.questions, form.pairs);
    let page = form.page.min(view.pages() - 1);
    let shown: Vec<Value> = view
        .questions
        .iter()
        .filter(|q| q.page == page && q.kind != QuestionKind::PageBreak)
        .map(|q| {
            let answer = answers.iter().find(|a| a.question_id == q.model.id);
            let problem = form.problems.iter().find(|(id, _)| *id == q.model.id).map(|(_, code)| *code);
            question_value(q, locale, answer, problem)
        })
        .collect();
    // The page's own heading is the title of the page break that opens it.
    let heading = view
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::PageBreak && q.page == page)
        .map(|q| Multiloc::parse(&q.model.title).text(locale))
        .filter(|t| !t.is_empty());
    let other_pages: BTreeSet<i32> = view.questions.iter().filter(|q| q.page != page).map(|q| q.model.id).collect();
    let carried: Vec<Value> = form
        .pairs
        .iter()
        .filter(|(k, _)| question_of_field(k).is_some_and(|id| other_pages.contains(&id)))
        .map(|(k, v)| json!({ "name": k, "value": v }))
        .collect();
    let problems: Vec<Value> = form
        .problems
        .iter()
        .map(|(id, code)| {
            let title =
                view.questions.iter().find(|q| q.model.id == *id).map(|q| Multiloc::parse(&q.model.title).text(locale));
            json!({ "id": id, "code": code, "title": title })
        })
        .collect();
    let data = json!({
        "slug": platform.project_slug_of_phase(view.phase.id).await.ok().flatten(),
        "answered": view.answered,
        "thanks": thanks,
        "results_visible": view.results_visible,
        "page": page,
        "pages": view.pages(),
        "heading": heading,
        "questions": shown,
        "carried": carried,
        "problems": problems,
        "error": form.error.map(error_data),
    });
    Page::new("surveys/form.html", data).about_phase(view.phase.clone()).into_response()
}

/// The form's first page, or the thanks once answered.
pub async fn show(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase_id): Path<i32>,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let view = platform.survey(&actor, phase_id).await?;
    let form = FormState { page: 0, pairs: &Vec::new(), problems: &[], error: None };
    Ok(render(&platform, locale, &view, form, query.done.is_some()).await)
}

/// Next, back or send: fields `page` (the page shown), `go` and the answers.
pub async fn submit(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase_id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let view = platform.survey(&actor, phase_id).await?;
    let field = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let page = field("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(0).min(view.pages() - 1);
    let answers = answers_from_form(&view.questions, &pairs);
    Ok(match field("go").unwrap_or("send") {
        "back" => {
            let form = FormState { page: page.saturating_sub(1), pairs: &pairs, problems: &[], error: None };
            render(&platform, locale, &view, form, false).await
        }
        "next" if page + 1 < view.pages() => {
            let problems = check_answers(&view.questions, &answers, Some(page)).err().unwrap_or_default();
            let page = if problems.is_empty() { page + 1 } else { page };
            let form = FormState { page, pairs: &pairs, problems: &problems, error: None };
            render(&platform, locale, &view, form, false).await
        }
        _ => match platform.submit_survey_response(&actor, phase_id, &answers).await {
            Ok(_) => see_other(&format!("/phases/{phase_id}/survey?done=1")),
            Err(CoreError::Answers(problems)) => {
                // Back to the first page with a problem; the others are listed there too.
                let first = problems
                    .iter()
                    .filter_map(|(id, _)| view.questions.iter().find(|q| q.model.id == *id).map(|q| q.page))
                    .min()
                    .unwrap_or(page);
                let form = FormState { page: first, pairs: &pairs, problems: &problems, error: None };
                render(&platform, locale, &view, form, false).await
            }
            Err(e) => {
                let form = FormState { page, pairs: &pairs, problems: &[], error: Some(&e) };
                render(&platform, locale, &view, form, false).await
            }
        },
    })
}
