// SPDX-License-Identifier: AGPL-3.0-only
//! What a survey question is: its kind, and the settings that kind needs (options, bounds,
//! scale labels, matrix rows), checked when an administrator saves the question.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::question;
use crate::modules::projects::multiloc::Multiloc;
use crate::{CoreError, CoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    ShortText,
    LongText,
    Single,
    Multiple,
    Number,
    Scale,
    Matrix,
    Date,
    /// Not a question: the questions after it are on the next page.
    PageBreak,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 9] = [
        QuestionKind::ShortText,
        QuestionKind::LongText,
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::Number,
        QuestionKind::Scale,
        QuestionKind::Matrix,
        QuestionKind::Date,
        QuestionKind::PageBreak,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::ShortText => "short_text",
            QuestionKind::LongText => "long_text",
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Number => "number",
            QuestionKind::Scale => "scale",
            QuestionKind::Matrix => "matrix",
            QuestionKind::Date => "date",
            QuestionKind::PageBreak => "page_break",
        }
    }

    pub fn parse(text: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The longest text answer of a text kind.
    pub fn max_text(self) -> usize {
        if self == QuestionKind::LongText { 5000 } else { 300 }
    }
}

/// The settings of a question; which fields mean something depends on the kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionConfig {
    /// Single and multiple choice: the options, answered by index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Multiloc>,
    /// Matrix: the statements each rated on the scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Multiloc>,
    /// Multiple choice: the fewest and most choices. Number: the bounds. Scale and matrix: the
    /// ends of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Scale and matrix: what the ends mean ("Not at all", "Very much").
    #[serde(default, skip_serializing_if = "is_empty")]
    pub min_label: Multiloc,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub max_label: Multiloc,
}

fn is_empty(text: &Multiloc) -> bool {
    text.0.is_empty()
}

impl QuestionConfig {
    /// The ends of a scale as whole numbers.
    pub fn scale(&self) -> (i32, i32) {
        (self.min.unwrap_or(1.0) as i32, self.max.unwrap_or(5.0) as i32)
    }

    /// The points of a scale, each with its label in `locale`: the end labels on the first and
    /// last, "" on the others.
    pub fn points(&self, locale: &str) -> Vec<(i32, String)> {
        let (low, high) = self.scale();
        (low..=high)
            .map(|v| match v {
                _ if v == low => (v, self.min_label.text(locale)),
                _ if v == high => (v, self.max_label.text(locale)),
                _ => (v, String::new()),
            })
            .collect()
    }

    /// The fewest and most choices of a multiple-choice question.
    pub fn choice_bounds(&self) -> (usize, usize) {
        (self.min.unwrap_or(0.0) as usize, self.max.map_or(self.options.len(), |m| m as usize))
    }
}

/// A stored question with its kind and settings read, and the page it is on (from 0).
#[derive(Debug, Clone)]
pub struct SurveyQuestion {
    pub model: question::Model,
    pub kind: QuestionKind,
    pub config: QuestionConfig,
    pub page: usize,
}

impl SurveyQuestion {
    /// Reads stored questions in their order and numbers their pages.
    pub fn read_all(models: Vec<question::Model>) -> Vec<SurveyQuestion> {
        let mut page = 0;
        models
            .into_iter()
            .filter_map(|model| {
                let kind = QuestionKind::parse(&model.kind)?;
                if kind == QuestionKind::PageBreak {
                    page += 1;
                }
                let config = serde_json::from_str(&model.config).unwrap_or_default();
                Some(SurveyQuestion { model, kind, config, page })
            })
            .collect()
    }
}

/// A question as an administrator writes it.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub kind: String,
    pub title: BTreeMap<String, String>,
    pub help: BTreeMap<String, String>,
    pub required: bool,
    pub options: Vec<BTreeMap<String, String>>,
    pub rows: Vec<BTreeMap<String, String>>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub min_label: BTreeMap<String, String>,
    pub max_label: BTreeMap<String, String>,
}

/// A question definition that passed its rules.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedQuestion {
    pub kind: QuestionKind,
    pub title: Multiloc,
    pub help: Multiloc,
    pub required: bool,
    pub config: QuestionConfig,
}

fn field(field: &'static str, code: &'static str) -> CoreError {
    CoreError::Field { field, code }
}

fn texts(raw: Vec<BTreeMap<String, String>>, name: &'static str) -> CoreResult<Vec<Multiloc>> {
    raw.into_iter().map(|t| Multiloc::checked(t, name, true, 200)).collect()
}

/// Checks a definition and keeps only the settings its kind uses.
pub fn check_question(input: QuestionInput) -> CoreResult<CheckedQuestion> {
    let kind = QuestionKind::parse(&input.kind).ok_or(field("kind", "survey_kind_invalid"))?;
    let is_break = kind == QuestionKind::PageBreak;
    let title = Multiloc::checked(input.title, "title", !is_break, 500)?;
    let help = Multiloc::checked(input.help, "help", false, 1000)?;
    let mut config = QuestionConfig::default();
    match kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            config.options = texts(input.options, "options")?;
            if !(2..=30).contains(&config.options.len()) {
                return Err(field("options", "survey_options_count"));
            }
            if kind == QuestionKind::Multiple {
                let n = config.options.len() as f64;
                let (min, max) = (input.min.unwrap_or(0.0), input.max.unwrap_or(n));
                if min.fract() != 0.0 || max.fract() != 0.0 || min < 0.0 || max < 1.0 || min > max || max > n {
                    return Err(field("max", "survey_bounds_invalid"));
                }
                (config.min, config.max) = (Some(min), Some(max));
            }
        }
        QuestionKind::Number => {
            if [input.min, input.max].iter().flatten().any(|b| !b.is_finite())
                || matches!((input.min, input.max), (Some(min), Some(max)) if min > max)
            {
                return Err(field("max", "survey_bounds_invalid"));
            }
            (config.min, config.max) = (input.min, input.max);
        }
        QuestionKind::Scale | QuestionKind::Matrix => {
            let (min, max) = (input.min.unwrap_or(1.0), input.max.unwrap_or(5.0));
            if !(min == 0.0 || min == 1.0) || max.fract() != 0.0 || !(2.0..=11.0).contains(&max) {
                return Err(field("max", "survey_scale_invalid"));
            }
            (config.min, config.max) = (Some(min), Some(max));
            config.min_label = Multiloc::checked(input.min_label, "min_label", false, 100)?;
            config.max_label = Multiloc::checked(input.max_label, "max_label", false, 100)?;
            if kind == QuestionKind::Matrix {
                config.rows = texts(input.rows, "rows")?;
                if !(1..=20).contains(&config.rows.len()) {
                    return Err(field("rows", "survey_rows_count"));
                }
            }
        }
        QuestionKind::ShortText | QuestionKind::LongText | QuestionKind::Date | QuestionKind::PageBreak => {}
    }
    Ok(CheckedQuestion { kind, title, help, required: input.required && !is_break, config })
}

/// Whether a change keeps the shape people answered: the same kind, as many options and rows,
/// and the same bounds. Only wording may change once a survey has responses.
pub fn same_shape(old: &SurveyQuestion, new: &CheckedQuestion) -> bool {
    old.kind == new.kind
        && old.config.options.len() == new.config.options.len()
        && old.config.rows.len() == new.config.rows.len()
        && old.config.min == new.config.min
        && old.config.max == new.config.max
        && old.model.required == new.required
}
