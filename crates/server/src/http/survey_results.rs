// SPDX-License-Identifier: AGPL-3.0-only
//! What the results page shows of one survey question: a chart, the same numbers as a table,
//! and the summary its kind has (a mean, a range, the latest text answers).
use minijinja::Value;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::modules::surveys::{QuestionKind, QuestionResults, SurveyQuestion};

use crate::ui::charts::{Bar, bar_chart};

/// A share of `total` as a whole percentage.
fn percent(count: u64, total: u64) -> u64 {
    (count * 100 + total / 2).checked_div(total).unwrap_or(0)
}

fn one_decimal(n: f64) -> String {
    format!("{n:.1}")
}

/// A table row: its heading and its cells.
fn row(heading: String, cells: Vec<String>) -> Value {
    minijinja::context! { heading => heading, cells => cells }
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
    let (low, high) = q.config.scale();
    (low..=high)
        .map(|v| {
            let end = if v == low {
                q.config.min_label.text(locale)
            } else if v == high {
                q.config.max_label.text(locale)
            } else {
                String::new()
            };
            if end.is_empty() { v.to_string() } else { format!("{v} – {end}") }
        })
        .collect()
}

pub fn question_results(q: &SurveyQuestion, r: &QuestionResults, locale: &str) -> Value {
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
    minijinja::context! {
        id => q.model.id,
        kind => q.kind.as_str(),
        title => text(&Multiloc::parse(&q.model.title)),
        answered => r.answered,
        chart => chart.map(Value::from_safe_string),
        columns => columns,
        // A matrix's columns are the points of its scale, then the mean.
        points => (q.kind == QuestionKind::Matrix).then(|| (low..=high).map(|v| v.to_string()).collect::<Vec<_>>()),
        rows => rows,
        mean => r.mean.map(one_decimal),
        minimum => r.minimum,
        maximum => r.maximum,
        first_date => r.first_date.clone(),
        last_date => r.last_date.clone(),
        texts => r.texts.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_round_to_the_nearest_whole() {
        assert_eq!((percent(1, 3), percent(2, 3), percent(0, 0), percent(5, 5)), (33, 67, 0, 100));
    }
}
