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

/// A field with one meaning.
pub const fn field(name: &'static str, kind: FieldType, meaning: &'static str) -> Field {
    Field { name, kind, meaning, language: None }
}

/// A field holding a text in one language, whose meaning is given the language.
pub const fn in_language(name: &'static str, language: &'static str, meaning: &'static str) -> Field {
    Field { name, kind: FieldType::Text, meaning, language: Some(language) }
}

use FieldType::{Boolean, DateTime, Integer, Number, Text};

/// Every message the dictionary of `datasets` uses, for the translation checks.
pub fn messages(datasets: &[super::Dataset]) -> Vec<String> {
    let mut ids: Vec<String> = datasets
        .iter()
        .flat_map(|d| d.fields().iter().map(|f| f.meaning.to_owned()).chain([d.title_message(), d.summary_message()]))
        .chain([Integer, Number, Boolean, Text, DateTime].map(FieldType::message))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The dictionary of `datasets` as Markdown, one table per dataset, in `locale` (English for
/// the docs).
pub fn markdown(datasets: &[super::Dataset], i18n: &I18n, locale: &str) -> String {
    let mut out = String::new();
    for dataset in datasets {
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
