// SPDX-License-Identifier: AGPL-3.0-only
//! Translations with Fluent. Every module contributes `(locale, source)` resources; the UI asks
//! [`I18n::text`] with a message id and arguments.
use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::LanguageIdentifier;
use fluent_langneg::{NegotiationStrategy, convert_vec_str_to_langids_lossy, negotiate_languages};

/// The languages the UI is translated into; the first is the fallback.
pub const LOCALES: &[&str] = &["en", "nl", "fr"];
pub const DEFAULT_LOCALE: &str = "en";

pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("locales", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

impl I18n {
    /// Builds a bundle per locale from `resources`. A resource that does not parse, or a message
    /// defined twice, is a build mistake: it is logged and the rest is kept.
    pub fn new(resources: &[(&'static str, &'static str)]) -> Self {
        let mut bundles = HashMap::new();
        for locale in LOCALES {
            let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().unwrap_or_default()]);
            // Isolation marks around arguments would show up in plain-text outputs.
            bundle.set_use_isolating(false);
            for (_, source) in resources.iter().filter(|(l, _)| l == locale) {
                let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(res, errors)| {
                    tracing::error!(locale, ?errors, "a Fluent resource has syntax errors");
                    res
                });
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(locale, ?errors, "a Fluent resource redefines messages");
                }
            }
            bundles.insert(*locale, bundle);
        }
        Self { bundles }
    }

    /// The supported locale matching `tag` exactly, if any (for `?lang=` and cookies).
    pub fn supported(tag: &str) -> Option<&'static str> {
        LOCALES.iter().copied().find(|l| l.eq_ignore_ascii_case(tag))
    }

    /// The best supported locale for an `Accept-Language` header.
    pub fn negotiate(accept_language: &str) -> &'static str {
        Self::negotiate_among(accept_language, LOCALES, DEFAULT_LOCALE)
    }

    /// The best of `offered` for an `Accept-Language` header, else `default`.
    pub fn negotiate_among(accept_language: &str, offered: &[&'static str], default: &'static str) -> &'static str {
        let requested: Vec<LanguageIdentifier> = fluent_langneg::accepted_languages::parse(accept_language);
        let available = convert_vec_str_to_langids_lossy(offered);
        let default_id: LanguageIdentifier = default.parse().unwrap_or_default();
        let chosen = negotiate_languages(&requested, &available, Some(&default_id), NegotiationStrategy::Lookup);
        chosen
            .first()
            .and_then(|l| Self::supported(l.language.as_str()))
            .filter(|l| offered.contains(l))
            .unwrap_or(default)
    }

    /// The message `id` in `locale` (falling back to English, then to the id itself).
    pub fn text(&self, locale: &str, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        [locale, DEFAULT_LOCALE]
            .iter()
            .filter_map(|l| self.bundles.get(l))
            .find_map(|bundle| {
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                Some(bundle.format_pattern(pattern, args, &mut errors).into_owned())
            })
            .unwrap_or_else(|| {
                tracing::warn!(locale, id, "missing translation");
                id.to_owned()
            })
    }

    /// Message ids defined in `locale`, to check that every language has every message.
    pub fn has(&self, locale: &str, id: &str) -> bool {
        self.bundles.get(locale).is_some_and(|b| b.has_message(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_accept_language() {
        assert_eq!(I18n::negotiate("nl-BE,nl;q=0.9,en;q=0.5"), "nl");
        assert_eq!(I18n::negotiate("fr-CA"), "fr");
        assert_eq!(I18n::negotiate("de-DE,de;q=0.9"), "en");
        assert_eq!(I18n::negotiate(""), "en");
        assert_eq!(I18n::negotiate("de, fr;q=0.3"), "fr");
        assert_eq!(I18n::negotiate_among("fr-FR", &["nl", "en"], "nl"), "nl");
        assert_eq!(I18n::negotiate_among("en", &["nl", "en"], "nl"), "en");
    }

    #[test]
    fn falls_back_to_english_then_id() {
        let i18n = I18n::new(&[("en", "hello = Hello { $name }\nonly-en = Only"), ("nl", "hello = Hallo { $name }")]);
        let mut args = FluentArgs::new();
        args.set("name", "Ana");
        assert_eq!(i18n.text("nl", "hello", Some(&args)), "Hallo Ana");
        assert_eq!(i18n.text("nl", "only-en", None), "Only");
        assert_eq!(i18n.text("fr", "nope", None), "nope");
    }
}
