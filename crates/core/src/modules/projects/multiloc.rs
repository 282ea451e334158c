// SPDX-License-Identifier: AGPL-3.0-only
//! Text in several languages, stored as a JSON object keyed by locale.
use std::collections::BTreeMap;

use crate::i18n::{DEFAULT_LOCALE, I18n};
use crate::{CoreError, CoreResult};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Multiloc(pub BTreeMap<String, String>);

impl Multiloc {
    /// Checks a submitted value: known locales only, trimmed, at least one non-empty text when
    /// `required`, each at most `max` characters.
    pub fn checked(
        raw: BTreeMap<String, String>,
        field: &'static str,
        required: bool,
        max: usize,
    ) -> CoreResult<Multiloc> {
        let mut out = BTreeMap::new();
        for (locale, text) in raw {
            let locale = I18n::supported(&locale).ok_or(CoreError::Field { field, code: "locale_invalid" })?;
            let text = text.trim().to_owned();
            if text.chars().count() > max {
                return Err(CoreError::Field { field, code: "text_too_long" });
            }
            if !text.is_empty() {
                out.insert(locale.to_owned(), text);
            }
        }
        if required && out.is_empty() {
            return Err(CoreError::Field { field, code: "text_required" });
        }
        Ok(Multiloc(out))
    }

    pub fn parse(stored: &str) -> Multiloc {
        serde_json::from_str(stored).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }

    /// The text in `locale`, else in the default language, else in any language.
    pub fn text(&self, locale: &str) -> String {
        self.0
            .get(locale)
            .or_else(|| self.0.get(DEFAULT_LOCALE))
            .or_else(|| self.0.values().next())
            .cloned()
            .unwrap_or_default()
    }
}
