// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys for residents: the form, asked page by page without JavaScript (the answers of the
//! other pages travel along as hidden fields, so nothing is kept on the server until the whole
//! response is sent), the thanks, and the results with charts and tables.
use std::collections::BTreeSet;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::modules::surveys::answers::check_answers;
use townhall_core::modules::surveys::{AnswerInput, QuestionKind, SurveyQuestion, SurveyView};
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use super::projects::phase_value;
use crate::ui::Ctx;
use townhall_core::web::PageResult;

pub type Pairs = Vec<(String, String)>;

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
pub fn answers_from_form(questions: &[SurveyQuestion], pairs: &Pairs) -> Vec<AnswerInput> {
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
    let (low, high) = q.config.scale();
    (low..=high)
        .map(|v| {
            let label = if v == low {
                q.config.min_label.text(locale)
            } else if v == high {
                q.config.max_label.text(locale)
            } else {
                String::new()
            };
            minijinja::context! { value => v, label => label }
        })
        .collect()
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
    minijinja::context! {
        id => q.model.id,
        kind => q.kind.as_str(),
        title => Multiloc::parse(&q.model.title).text(locale),
        help => Multiloc::parse(&q.model.help).text(locale),
        required => q.model.required,
        options => q.config.options.iter().enumerate().map(|(k, o)| minijinja::context! {
            index => k, title => o.text(locale), chosen => chosen.contains(&(k as i32)),
        }).collect::<Vec<_>>(),
        rows => q.config.rows.iter().enumerate().map(|(k, r)| minijinja::context! {
            index => k, title => r.text(locale),
            chosen => answer.and_then(|a| a.rows.get(k).copied().flatten()),
        }).collect::<Vec<_>>(),
        points => points(q, locale),
        min => q.config.min,
        max => q.config.max,
        value => value,
        problem => problem,
    }
}

/// The survey panel of the project page: what the survey is and where to answer it.
pub async fn panel(platform: &Platform, actor: &Actor, found: &phase::Model) -> Value {
    let Ok(view) = platform.survey(actor, found.id).await else { return Value::from(()) };
    minijinja::context! {
        phase => found.id,
        questions => view.questions.iter().filter(|q| q.kind != QuestionKind::PageBreak).count(),
        pages => view.pages(),
        answered => view.answered,
        results_visible => view.results_visible,
        responses => view.responses,
    }
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

async fn render(state: &AppState, req: &Ctx, view: &SurveyView, form: FormState<'_>, thanks: bool) -> Response {
    let locale = req.locale.code;
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
        .map(|(k, v)| minijinja::context! { name => k, value => v })
        .collect();
    let problems: Vec<Value> = form
        .problems
        .iter()
        .map(|(id, code)| {
            let title =
                view.questions.iter().find(|q| q.model.id == *id).map(|q| Multiloc::parse(&q.model.title).text(locale));
            minijinja::context! { id => id, code => code, title => title }
        })
        .collect();
    let ctx = minijinja::context! {
        phase => phase_value(&view.phase, req),
        slug => state.platform.project_slug_of_phase(view.phase.id).await.ok().flatten(),
        can => super::ideas::abilities(&state.platform, &req.actor, &view.phase).await,
        answered => view.answered,
        thanks => thanks,
        results_visible => view.results_visible,
        page => page,
        pages => view.pages(),
        heading => heading,
        questions => shown,
        carried => carried,
        problems => problems,
        error => form.error.map(error_value),
    };
    state.ui.page(&state.platform, req, "survey.html", ctx).await
}

/// The form's first page, or the thanks once answered.
pub async fn show(
    State(state): State<AppState>,
    req: Ctx,
    Path(phase_id): Path<i32>,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let view = state.platform.survey(&req.actor, phase_id).await?;
    let form = FormState { page: 0, pairs: &Vec::new(), problems: &[], error: None };
    Ok(render(&state, &req, &view, form, query.done.is_some()).await)
}

/// Next, back or send: fields `page` (the page shown), `go` and the answers.
pub async fn submit(
    State(state): State<AppState>,
    req: Ctx,
    Path(phase_id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let view = state.platform.survey(&req.actor, phase_id).await?;
    let field = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let page = field("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(0).min(view.pages() - 1);
    let answers = answers_from_form(&view.questions, &pairs);
    Ok(match field("go").unwrap_or("send") {
        "back" => {
            let form = FormState { page: page.saturating_sub(1), pairs: &pairs, problems: &[], error: None };
            render(&state, &req, &view, form, false).await
        }
        "next" if page + 1 < view.pages() => {
            let problems = check_answers(&view.questions, &answers, Some(page)).err().unwrap_or_default();
            let page = if problems.is_empty() { page + 1 } else { page };
            let form = FormState { page, pairs: &pairs, problems: &problems, error: None };
            render(&state, &req, &view, form, false).await
        }
        _ => match state.platform.submit_survey_response(&req.actor, phase_id, &answers).await {
            Ok(_) => Redirect::to(&format!("/phases/{phase_id}/survey?done=1")).into_response(),
            Err(CoreError::Answers(problems)) => {
                // Back to the first page with a problem; the others are listed there too.
                let first = problems
                    .iter()
                    .filter_map(|(id, _)| view.questions.iter().find(|q| q.model.id == *id).map(|q| q.page))
                    .min()
                    .unwrap_or(page);
                let form = FormState { page: first, pairs: &pairs, problems: &problems, error: None };
                render(&state, &req, &view, form, false).await
            }
            Err(e) => {
                let form = FormState { page, pairs: &pairs, problems: &[], error: Some(&e) };
                render(&state, &req, &view, form, false).await
            }
        },
    })
}

/// The results: per question a chart and a table, the latest text answers for moderators, and
/// the CSV link for them.
pub async fn results(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>) -> PageResult {
    let view = state.platform.survey(&req.actor, phase_id).await?;
    let results = match state.platform.survey_results(&req.actor, phase_id).await {
        Ok(results) => results,
        Err(_) => {
            let ctx = minijinja::context! {
                title => "survey-results-closed-title", body => "survey-results-closed-body",
                link => format!("/phases/{phase_id}/survey"), link_label => "survey-back",
            };
            return Ok(state.ui.page(&state.platform, &req, "message.html", ctx).await);
        }
    };
    let locale = req.locale.code;
    let questions: Vec<Value> = view
        .questions
        .iter()
        .filter(|q| q.kind != QuestionKind::PageBreak)
        .filter_map(|q| {
            let r = results.questions.iter().find(|r| r.question_id == q.model.id)?;
            Some(super::survey_results::question_results(q, r, locale))
        })
        .collect();
    let ctx = minijinja::context! {
        phase => phase_value(&view.phase, &req),
        slug => state.platform.project_slug_of_phase(phase_id).await?,
        responses => results.responses,
        questions => questions,
        staff => townhall_core::permissions::moderates(&req.actor, view.phase.project_id),
    };
    Ok(state.ui.page(&state.platform, &req, "survey_results.html", ctx).await)
}

/// Every response as CSV, for the project's moderators.
pub async fn csv(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>) -> PageResult {
    let text = state.platform.survey_csv(&req.actor, phase_id, req.locale.code).await?;
    Ok(super::forms::download("text/csv; charset=utf-8", &format!("survey-{phase_id}.csv"), text))
}
