// SPDX-License-Identifier: AGPL-3.0-only
//! The data dictionary: every dataset's fields, in the order of their columns, with a type and
//! the Fluent message that says what the field means. The rows, the `/open-data` page and
//! `docs/open-data.md` are all checked against this one table.
use fluent_bundle::FluentArgs;

use crate::i18n::I18n;

/// What the values of a field are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A whole number.
    Integer,
    /// A decimal number (a coordinate).
    Number,
    /// `true` or `false`.
    Boolean,
    Text,
    /// A moment in UTC, RFC 3339 (`2026-05-01T09:30:00Z`).
    DateTime,
}

impl FieldType {
    /// The name written in the dictionary: `integer`, `number`, `boolean`, `text`, `datetime`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Text => "text",
            FieldType::DateTime => "datetime",
        }
    }

    /// The message naming the type in the UI's language.
    pub fn message(self) -> String {
        format!("open-data-type-{}", self.as_str())
    }
}

/// One column of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldType,
    /// The Fluent message saying what it means (see `locales/*/open_data.ftl`).
    pub meaning: &'static str,
    /// For a field in one language (`title_nl`): that language, given to the message.
    pub language: Option<&'static str>,
}

impl Field {
    /// What the field means, in `locale`.
    pub fn meaning_in(&self, i18n: &I18n, locale: &str) -> String {
        let mut args = FluentArgs::new();
        if let Some(language) = self.language {
            args.set("language", language);
        }
        i18n.text(locale, self.meaning, Some(&args))
    }
}

const fn field(name: &'static str, kind: FieldType, meaning: &'static str) -> Field {
    Field { name, kind, meaning, language: None }
}

const fn in_language(name: &'static str, language: &'static str, meaning: &'static str) -> Field {
    Field { name, kind: FieldType::Text, meaning, language: Some(language) }
}

use FieldType::{Boolean, DateTime, Integer, Number, Text};

pub(super) const PROJECTS: &[Field] = &[
    field("id", Integer, "open-data-projects-id"),
    field("slug", Text, "open-data-projects-slug"),
    in_language("title_en", "en", "open-data-title-in"),
    in_language("title_nl", "nl", "open-data-title-in"),
    in_language("title_fr", "fr", "open-data-title-in"),
    field("status", Text, "open-data-projects-status"),
    field("starts_at", DateTime, "open-data-projects-starts-at"),
    field("ends_at", DateTime, "open-data-projects-ends-at"),
    field("created_at", DateTime, "open-data-projects-created-at"),
    field("url", Text, "open-data-projects-url"),
];

pub(super) const PHASES: &[Field] = &[
    field("id", Integer, "open-data-phases-id"),
    field("project_id", Integer, "open-data-project-id"),
    in_language("title_en", "en", "open-data-title-in"),
    in_language("title_nl", "nl", "open-data-title-in"),
    in_language("title_fr", "fr", "open-data-title-in"),
    field("method", Text, "open-data-phases-method"),
    field("starts_at", DateTime, "open-data-phases-starts-at"),
    field("ends_at", DateTime, "open-data-phases-ends-at"),
    field("results_public", Boolean, "open-data-phases-results-public"),
];

pub(super) const IDEAS: &[Field] = &[
    field("id", Integer, "open-data-ideas-id"),
    field("project_id", Integer, "open-data-project-id"),
    field("phase_id", Integer, "open-data-ideas-phase-id"),
    field("title", Text, "open-data-ideas-title"),
    field("body", Text, "open-data-ideas-body"),
    field("status", Text, "open-data-ideas-status"),
    field("status_category", Text, "open-data-ideas-status-category"),
    field("topics", Text, "open-data-ideas-topics"),
    field("area", Text, "open-data-ideas-area"),
    field("published_at", DateTime, "open-data-ideas-published-at"),
    field("supports", Integer, "open-data-ideas-supports"),
    field("dislikes", Integer, "open-data-ideas-dislikes"),
    field("comments", Integer, "open-data-ideas-comments"),
    field("cost", Integer, "open-data-ideas-cost"),
    field("latitude", Number, "open-data-ideas-latitude"),
    field("longitude", Number, "open-data-ideas-longitude"),
    field("url", Text, "open-data-ideas-url"),
];

pub(super) const VOTING_RESULTS: &[Field] = &[
    field("phase_id", Integer, "open-data-results-phase-id"),
    field("voting_method", Text, "open-data-voting-method"),
    field("idea_id", Integer, "open-data-voting-idea-id"),
    field("rank", Integer, "open-data-voting-rank"),
    field("votes", Integer, "open-data-voting-votes"),
    field("voters", Integer, "open-data-voting-voters"),
    field("within_budget", Boolean, "open-data-voting-within-budget"),
];

pub(super) const POLL_RESULTS: &[Field] = &[
    field("phase_id", Integer, "open-data-results-phase-id"),
    field("question_id", Integer, "open-data-poll-question-id"),
    in_language("question_en", "en", "open-data-poll-question-in"),
    in_language("question_nl", "nl", "open-data-poll-question-in"),
    in_language("question_fr", "fr", "open-data-poll-question-in"),
    field("option_id", Integer, "open-data-poll-option-id"),
    in_language("option_en", "en", "open-data-poll-option-in"),
    in_language("option_nl", "nl", "open-data-poll-option-in"),
    in_language("option_fr", "fr", "open-data-poll-option-in"),
    field("votes", Integer, "open-data-poll-votes"),
    field("responses", Integer, "open-data-poll-responses"),
];

/// Every message the dictionary uses, for the translation checks.
pub fn messages() -> Vec<String> {
    let mut ids: Vec<String> = super::Dataset::ALL
        .iter()
        .flat_map(|d| d.fields().iter().map(|f| f.meaning.to_owned()).chain([d.title_message(), d.summary_message()]))
        .chain([Integer, Number, Boolean, Text, DateTime].map(FieldType::message))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The dictionary as Markdown, one table per dataset, in `locale` (English for the docs).
pub fn markdown(i18n: &I18n, locale: &str) -> String {
    let mut out = String::new();
    for dataset in super::Dataset::ALL {
        out.push_str(&format!(
            "### `{}` — {}\n\n{}\n\n| field | type | meaning |\n| --- | --- | --- |\n",
            dataset.as_str(),
            i18n.text(locale, &dataset.title_message(), None),
            i18n.text(locale, &dataset.summary_message(), None),
        ));
        for f in dataset.fields() {
            let meaning = f.meaning_in(i18n, locale).replace('|', "\\|");
            out.push_str(&format!("| `{}` | {} | {} |\n", f.name, f.kind.as_str(), meaning));
        }
        out.push('\n');
    }
    out
}
