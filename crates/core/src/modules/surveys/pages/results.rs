// SPDX-License-Identifier: AGPL-3.0-only
//! A survey's results page: per question a chart, the same numbers as a table, and the summary
//! its kind has (a mean, a range, the latest text answers); and the CSV of every response.
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use serde_json::{Value, json};

use crate::modules::projects::multiloc::Multiloc;
use crate::modules::surveys::{QuestionKind, QuestionResults, SurveyQuestion};
use crate::web::charts::{Bar, bar_chart};
use crate::web::{Lang, Page, PageResult, download};
use crate::{Actor, Platform};

/// The results, or the page saying they are not public (yet).
pub async fn show(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase_id): Path<i32>,
) -> PageResult {
    let view = platform.survey(&actor, phase_id).await?;
    let Ok(results) = platform.survey_results(&actor, phase_id).await else {
        let data = json!({
            "title": "survey-results-closed-title", "body": "survey-results-closed-body",
            "link": format!("/phases/{phase_id}/survey"), "link_label": "survey-back",
        });
        return Ok(Page::new("message.html", data).into_response());
    };
    let questions: Vec<Value> = view
        .questions
        .iter()
        .filter(|q| q.kind != QuestionKind::PageBreak)
        .filter_map(|q| {
            let r = results.questions.iter().find(|r| r.question_id == q.model.id)?;
            Some(question_results(q, r, locale))
        })
        .collect();
    let data = json!({
        "slug": platform.project_slug_of_phase(phase_id).await?,
        "responses": results.responses,
        "questions": questions,
        "staff": crate::permissions::moderates(&actor, view.phase.project_id),
    });
    Ok(Page::new("surveys/results.html", data).about_phase(view.phase).into_response())
}

/// Every response as CSV, for the project's moderators.
pub async fn csv(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(phase_id): Path<i32>,
) -> PageResult {
    let text = platform.survey_csv(&actor, phase_id, locale).await?;
    Ok(download("text/csv; charset=utf-8", &format!("survey-{phase_id}.csv"), text))
}

/// A share of `total` as a whole percentage.
fn percent(count: u64, total: u64) -> u64 {
    (count * 100 + total / 2).checked_div(total).unwrap_or(0)
}

fn one_decimal(n: f64) -> String {
    format!("{n:.1}")
}

/// A table row: its heading and its cells.
fn row(heading: String, cells: Vec<String>) -> Value {
    json!({ "heading": heading, "cells": cells })
}

/// Counts as bars and table rows, each with its share of the responses that answered.
fn counted(labels: Vec<String>, counts: &[u64], answered: u64) -> (String, Vec<Value>) {
    let bars: Vec<Bar> = labels
        .iter()
        .zip(counts)
        .map(|(label, n)| Bar {
            label: label.clone(),
            value: *n as f64,
            shown: format!("{n} ({}%)", percent(*n, answered)),
        })
        .collect();
    let rows = labels
        .into_iter()
        .zip(counts)
        .map(|(label, n)| row(label, vec![n.to_string(), format!("{}%", percent(*n, answered))]))
        .collect();
    (bar_chart(&bars), rows)
}

/// The labels of a scale's points: the number, with the end labels where set.
fn point_labels(q: &SurveyQuestion, locale: &str) -> Vec<String> {
    let label = |(v, end): (i32, String)| if end.is_empty() { v.to_string() } else { format!("{v} – {end}") };
    q.config.points(locale).into_iter().map(label).collect()
}

fn question_results(q: &SurveyQuestion, r: &QuestionResults, locale: &str) -> Value {
    let text = |m: &Multiloc| m.text(locale);
    let (chart, columns, rows): (Option<String>, Vec<&str>, Vec<Value>) = match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            let (chart, rows) = counted(q.config.options.iter().map(text).collect(), &r.counts, r.answered);
            (Some(chart), vec!["survey-col-answers", "survey-col-share"], rows)
        }
        QuestionKind::Scale => {
            let (chart, rows) = counted(point_labels(q, locale), &r.counts, r.answered);
            (Some(chart), vec!["survey-col-answers", "survey-col-share"], rows)
        }
        QuestionKind::Matrix => {
            let means: Vec<Bar> = q
                .config
                .rows
                .iter()
                .zip(&r.row_means)
                .map(|(label, mean)| Bar {
                    label: text(label),
                    value: mean.unwrap_or(0.0),
                    shown: mean.map(one_decimal).unwrap_or_else(|| "–".into()),
                })
                .collect();
            let rows = q
                .config
                .rows
                .iter()
                .zip(r.matrix.iter().zip(&r.row_means))
                .map(|(label, (counts, mean))| {
                    let mut cells: Vec<String> = counts.iter().map(u64::to_string).collect();
                    cells.push(mean.map(one_decimal).unwrap_or_else(|| "–".into()));
                    row(text(label), cells)
                })
                .collect();
            (Some(bar_chart(&means)), Vec::new(), rows)
        }
        _ => (None, Vec::new(), Vec::new()),
    };
    let (low, high) = q.config.scale();
    // A matrix's columns are the points of its scale, then the mean.
    let points = (q.kind == QuestionKind::Matrix).then(|| (low..=high).map(|v| v.to_string()).collect::<Vec<_>>());
    json!({
        "id": q.model.id,
        "kind": q.kind.as_str(),
        "title": text(&Multiloc::parse(&q.model.title)),
        "answered": r.answered,
        // Drawn by `bar_chart` from escaped labels: the template shows it as markup.
        "chart": chart,
        "columns": columns,
        "points": points,
        "rows": rows,
        "mean": r.mean.map(one_decimal),
        "minimum": r.minimum,
        "maximum": r.maximum,
        "first_date": r.first_date,
        "last_date": r.last_date,
        "texts": r.texts,
    })
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_round_to_the_nearest_whole() {
        assert_eq!((percent(1, 3), percent(2, 3), percent(0, 0), percent(5, 5)), (33, 67, 0, 100));
    }
}
