// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! What each kind of field asks and accepts. Built-ins have their own choices: gender (fixed,
//! translated), year of birth (a number within a lifetime) and area of residence (the
//! platform's areas).
use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use townhall_core::modules::projects::Taxonomy;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{CoreResult, Platform, Question, QuestionOption};

use super::model::field;

pub const KINDS: [&str; 9] =
    ["text", "number", "select", "multiselect", "checkbox", "date", "gender", "birth_year", "area"];
/// The answers of a gender field.
pub const GENDERS: [&str; 3] = ["female", "male", "other"];
const TEXT_LIMIT: usize = 500;

/// A choice of a select field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    /// Multilingual JSON object.
    pub title: std::collections::BTreeMap<String, String>,
}

pub fn choices(f: &field::Model) -> Vec<Choice> {
    serde_json::from_str(&f.options).unwrap_or_default()
}

/// The form field's name of a field.
pub fn name(f: &field::Model) -> String {
    format!("field_{}", f.id)
}

/// How the form asks it.
fn input_kind(kind: &str) -> &'static str {
    match kind {
        "number" | "birth_year" => "number",
        "select" | "gender" | "area" => "select",
        "multiselect" => "multiselect",
        "checkbox" => "checkbox",
        "date" => "date",
        _ => "text",
    }
}

/// The allowed answers of a field with choices, with their labels in `locale`.
pub async fn options(platform: &Platform, f: &field::Model, locale: &str) -> CoreResult<Vec<QuestionOption>> {
    Ok(match f.kind.as_str() {
        "select" | "multiselect" => choices(f)
            .into_iter()
            .map(|c| QuestionOption { value: c.key, label: Multiloc(c.title).text(locale) })
            .collect(),
        "gender" => GENDERS
            .iter()
            .map(|g| QuestionOption {
                value: (*g).to_owned(),
                label: platform.i18n().text(locale, &format!("registration-gender-{g}"), None),
            })
            .collect(),
        "area" => platform
            .terms(Taxonomy::Area)
            .await?
            .iter()
            .map(|t| QuestionOption { value: t.id.to_string(), label: t.text(locale) })
            .collect(),
        _ => Vec::new(),
    })
}

pub async fn question(platform: &Platform, f: &field::Model, locale: &str) -> CoreResult<Question> {
    Ok(Question {
        name: name(f),
        label: Multiloc::parse(&f.title).text(locale),
        kind: input_kind(&f.kind),
        required: f.required,
        options: options(platform, f, locale).await?,
    })
}

/// A value from another service (a sign-in provider's claim) as this question's answers are
/// written: a date's year for a year of birth, the value of a choice named by its label, `yes`
/// for a true checkbox. Anything else stays as it is, for [`checked_answer`] to judge.
pub async fn from_outside(platform: &Platform, f: &field::Model, raw: &str) -> String {
    let raw = raw.trim();
    match f.kind.as_str() {
        "birth_year" if raw.len() >= 4 && raw.is_char_boundary(4) && raw[..4].chars().all(|c| c.is_ascii_digit()) => {
            raw[..4].to_owned()
        }
        "checkbox" if matches!(raw.to_lowercase().as_str(), "true" | "yes" | "1") => "yes".to_owned(),
        "select" | "gender" | "area" | "multiselect" => {
            for locale in townhall_core::i18n::LOCALES {
                let Ok(found) = options(platform, f, locale).await else { continue };
                if let Some(o) = found.iter().find(|o| o.value == raw || o.label.eq_ignore_ascii_case(raw)) {
                    return o.value.clone();
                }
            }
            raw.to_owned()
        }
        _ => raw.to_owned(),
    }
}

/// The answer to `f` from `given` (its values, empty ones left out), checked; an empty list
/// means no answer.
pub async fn checked_answer(
    platform: &Platform,
    f: &field::Model,
    given: &[String],
) -> Result<Vec<String>, &'static str> {
    let values: Vec<String> = given.iter().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
    if values.is_empty() {
        return if f.required { Err("answer_required") } else { Ok(values) };
    }
    let one = || if values.len() == 1 { Ok(values[0].clone()) } else { Err("answer_invalid") };
    match f.kind.as_str() {
        "text" => {
            let v = one()?;
            if v.chars().count() > TEXT_LIMIT { Err("text_too_long") } else { Ok(vec![v]) }
        }
        "number" => one()?.parse::<i64>().map(|n| vec![n.to_string()]).map_err(|_| "number_invalid"),
        "birth_year" => {
            let year: i32 = one()?.parse().map_err(|_| "birth_year_invalid")?;
            if (1900..=Utc::now().year()).contains(&year) {
                Ok(vec![year.to_string()])
            } else {
                Err("birth_year_invalid")
            }
        }
        "date" => {
            NaiveDate::parse_from_str(&one()?, "%Y-%m-%d").map(|d| vec![d.to_string()]).map_err(|_| "date_invalid")
        }
        "checkbox" => match one()?.as_str() {
            "yes" => Ok(vec!["yes".into()]),
            _ => Err("answer_invalid"),
        },
        "select" | "gender" | "area" | "multiselect" => {
            let allowed = options(platform, f, "en").await.map_err(|_| "answer_invalid")?;
            if f.kind != "multiselect" {
                one()?;
            }
            let mut picked: Vec<String> = Vec::new();
            for v in values {
                if !allowed.iter().any(|o| o.value == v) {
                    return Err("answer_invalid");
                }
                if !picked.contains(&v) {
                    picked.push(v);
                }
            }
            Ok(picked)
        }
        _ => Err("answer_invalid"),
    }
}
