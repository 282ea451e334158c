// SPDX-License-Identifier: AGPL-3.0-only
//! The rules of answers. A response is checked whole (or one page of it, for a form that asks
//! page by page) and every problem is reported at once, next to its question.
use chrono::NaiveDate;

use super::questions::{QuestionKind, SurveyQuestion};

/// One question's answer as submitted; a kind reads only its own field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerInput {
    pub question_id: i32,
    /// Short and long text.
    pub text: Option<String>,
    /// Single and multiple choice: option indexes.
    pub choices: Vec<i32>,
    pub number: Option<f64>,
    /// A point on a scale.
    pub value: Option<i32>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// Matrix: a point on the scale per row, in row order.
    pub rows: Vec<Option<i32>>,
}

/// One stored value: a row of `survey_answers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub question_id: i32,
    pub row: i32,
    pub choice: Option<i32>,
    pub number: Option<f64>,
    pub text: Option<String>,
}

impl Value {
    fn choice(question_id: i32, row: i32, choice: i32) -> Value {
        Value { question_id, row, choice: Some(choice), number: None, text: None }
    }
}

pub type Problem = (i32, &'static str);

/// Checks the answers to the questions on `page` (every page when `None`) and returns the
/// values to store, or every problem found.
pub fn check_answers(
    questions: &[SurveyQuestion],
    answers: &[AnswerInput],
    page: Option<usize>,
) -> Result<Vec<Value>, Vec<Problem>> {
    let mut problems = Vec::new();
    for a in answers {
        let known = questions.iter().any(|q| q.model.id == a.question_id && q.kind != QuestionKind::PageBreak);
        if !known {
            problems.push((a.question_id, "answer_unknown_question"));
        } else if answers.iter().filter(|b| b.question_id == a.question_id).count() > 1 {
            problems.push((a.question_id, "answer_repeated"));
        }
    }
    problems.dedup();
    let mut values = Vec::new();
    for q in questions.iter().filter(|q| page.is_none_or(|p| q.page == p)) {
        let given = answers.iter().find(|a| a.question_id == q.model.id);
        match given.map(|a| values_of(q, a)).unwrap_or(Ok(Vec::new())) {
            Ok(v) if v.is_empty() && q.model.required => problems.push((q.model.id, "answer_required")),
            Ok(v) => values.extend(v),
            Err(code) => problems.push((q.model.id, code)),
        }
    }
    if problems.is_empty() { Ok(values) } else { Err(problems) }
}

/// The values of one answer; empty when it was left blank.
fn values_of(q: &SurveyQuestion, a: &AnswerInput) -> Result<Vec<Value>, &'static str> {
    let id = q.model.id;
    match q.kind {
        QuestionKind::ShortText | QuestionKind::LongText => {
            let text = a.text.as_deref().map(str::trim).unwrap_or("");
            if text.is_empty() {
                return Ok(Vec::new());
            }
            if text.chars().count() > q.kind.max_text() {
                return Err("answer_too_long");
            }
            Ok(vec![Value { question_id: id, row: 0, choice: None, number: None, text: Some(text.to_owned()) }])
        }
        QuestionKind::Single | QuestionKind::Multiple => {
            let mut chosen = a.choices.clone();
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.iter().any(|c| *c < 0 || *c as usize >= q.config.options.len()) {
                return Err("answer_choice_invalid");
            }
            if chosen.is_empty() {
                return Ok(Vec::new());
            }
            let (min, max) = if q.kind == QuestionKind::Single { (1, 1) } else { q.config.choice_bounds() };
            if chosen.len() < min || chosen.len() > max {
                return Err("answer_choice_count");
            }
            Ok(chosen.into_iter().map(|c| Value::choice(id, 0, c)).collect())
        }
        QuestionKind::Number => {
            let Some(n) = a.number else { return Ok(Vec::new()) };
            if !n.is_finite() {
                return Err("answer_number_invalid");
            }
            if q.config.min.is_some_and(|min| n < min) || q.config.max.is_some_and(|max| n > max) {
                return Err("answer_number_range");
            }
            Ok(vec![Value { question_id: id, row: 0, choice: None, number: Some(n), text: None }])
        }
        QuestionKind::Scale => {
            let Some(v) = a.value else { return Ok(Vec::new()) };
            let (min, max) = q.config.scale();
            if !(min..=max).contains(&v) {
                return Err("answer_scale_invalid");
            }
            Ok(vec![Value::choice(id, 0, v)])
        }
        QuestionKind::Matrix => {
            let (min, max) = q.config.scale();
            if a.rows.len() > q.config.rows.len() || a.rows.iter().flatten().any(|v| !(min..=max).contains(v)) {
                return Err("answer_scale_invalid");
            }
            let given: Vec<Value> =
                a.rows.iter().enumerate().filter_map(|(row, v)| v.map(|v| Value::choice(id, row as i32, v))).collect();
            if q.model.required && !given.is_empty() && given.len() < q.config.rows.len() {
                return Err("answer_matrix_incomplete");
            }
            Ok(given)
        }
        QuestionKind::Date => {
            let text = a.date.as_deref().map(str::trim).unwrap_or("");
            if text.is_empty() {
                return Ok(Vec::new());
            }
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "answer_date_invalid")?;
            let text = date.format("%Y-%m-%d").to_string();
            Ok(vec![Value { question_id: id, row: 0, choice: None, number: None, text: Some(text) }])
        }
        QuestionKind::PageBreak => Ok(Vec::new()),
    }
}
