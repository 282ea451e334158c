// SPDX-License-Identifier: AGPL-3.0-only
//! Server-rendered HTML: embedded minijinja templates, Fluent translations and hashed asset URLs.
use std::collections::HashMap;
use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use fluent_args::to_fluent_args;
use minijinja::value::Kwargs;
use minijinja::{Environment, State, Value};
use rust_embed::RustEmbed;
use townhall_core::Platform;
use townhall_core::i18n::I18n;

mod context;
mod fluent_args;
pub mod locale;
pub mod money;
mod pictures;
pub mod rich_text;
pub use townhall_core::web::time;

pub use context::Ctx;
pub use locale::Locale;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct Templates;

/// CSS, JS and images served under `/assets/`.
#[derive(RustEmbed)]
#[folder = "assets/"]
pub struct Assets;

/// The server's own UI strings, per locale.
pub const UI_TRANSLATIONS: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/ui.ftl")),
    ("nl", include_str!("../../locales/nl/ui.ftl")),
    ("fr", include_str!("../../locales/fr/ui.ftl")),
];

/// Each locale's name in its own language, for the switcher.
const LOCALE_NAMES: &[(&str, &str)] = &[("en", "English"), ("nl", "Nederlands"), ("fr", "Français")];

pub struct Ui {
    env: Environment<'static>,
    versions: HashMap<String, String>,
    i18n: Arc<I18n>,
}

impl Ui {
    /// Loads the templates and wires `t()` (translations) and `asset()` (hashed URLs).
    pub fn new(platform: &Platform) -> Self {
        let mut resources: Vec<(&'static str, &'static str)> = platform.registry().translations();
        resources.extend_from_slice(UI_TRANSLATIONS);
        let i18n = Arc::new(I18n::new(&resources));
        let texts = i18n.clone();
        let versions: HashMap<String, String> = Assets::iter()
            .filter_map(|path| {
                let file = Assets::get(&path)?;
                let hash: String = file.metadata.sha256_hash().iter().take(6).map(|b| format!("{b:02x}")).collect();
                Some((path.into_owned(), hash))
            })
            .collect();

        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        for path in Templates::iter() {
            if let Some(file) = Templates::get(&path) {
                let source = String::from_utf8_lossy(&file.data).into_owned();
                if let Err(e) = env.add_template_owned(path.into_owned(), source) {
                    tracing::error!(error = %e, "a template does not compile");
                }
            }
        }
        for (name, source) in platform.registry().templates() {
            if let Err(e) = env.add_template(name, source) {
                tracing::error!(template = name, error = %e, "a module's template does not compile");
            }
        }
        env.add_function("t", move |state: &State, id: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
            let locale = state.lookup("locale").map(|v| v.to_string()).unwrap_or_default();
            let args = to_fluent_args(&kwargs)?;
            Ok(i18n.text(&locale, id, Some(&args)))
        });
        // `{{ amount | money }}`: an amount of a budget in the platform's currency and the page's
        // language.
        env.add_filter("money", |state: &State, amount: i64| -> String {
            let locale = state.lookup("locale").map(|v| v.to_string()).unwrap_or_default();
            let currency = state.lookup("currency").map(|v| v.to_string()).unwrap_or_else(|| "EUR".into());
            money::format(amount, &currency, &locale)
        });
        let asset_versions = versions.clone();
        env.add_function("asset", move |path: &str| -> String {
            let version = asset_versions.get(path).map(String::as_str).unwrap_or("0");
            format!("/assets/{path}?v={version}")
        });
        // `picture_sources(url, width, height)`: a stored picture's variants for `picture.html`.
        env.add_function("picture_sources", |url: &str, width: Option<u32>, height: Option<u32>| -> Value {
            Value::from_serialize(pictures::sources(url, width.zip(height)))
        });
        Self { env, versions, i18n: texts }
    }

    /// A message of the UI or of a module, in `locale`, for answers rendered without a template.
    pub fn text(&self, locale: &str, id: &str) -> String {
        self.i18n.text(locale, id, None)
    }

    /// The translations, for messages with arguments rendered outside a template.
    pub fn i18n(&self) -> &I18n {
        &self.i18n
    }

    /// The content hash that makes an asset URL cacheable for a year.
    pub fn asset_version(&self, path: &str) -> String {
        self.versions.get(path).cloned().unwrap_or_default()
    }

    /// Renders a page inside the layout, with the platform's name and the locale switcher.
    pub async fn page(&self, platform: &Platform, req: &Ctx, template: &str, ctx: Value) -> Response {
        let locale = &req.locale;
        let name = match platform.name().await {
            Ok(name) => name,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the platform name");
                return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response();
            }
        };
        let appearance = platform.appearance();
        // The bell's count: one indexed count per page for signed-in residents.
        let unread = if req.actor.user_id().is_some() {
            platform.unread_notification_count(&req.actor).await.unwrap_or(0)
        } else {
            0
        };
        // The theme's URL changes with the brand colour and the added statuses' colours.
        let statuses = platform.idea_statuses().await.unwrap_or_default();
        let locales: Vec<Value> = appearance
            .locales
            .iter()
            .map(|code| {
                let name = LOCALE_NAMES.iter().find(|(c, _)| c == code).map_or(*code, |(_, n)| *n);
                minijinja::context! { code => code, name => name }
            })
            .collect();
        let base = minijinja::context! {
            locale => locale.code,
            locales => locales,
            path => locale.path.clone(),
            platform_name => name,
            edition => platform.edition().as_str(),
            all_locales => townhall_core::i18n::LOCALES.iter().map(|code| {
                let name = LOCALE_NAMES.iter().find(|(c, _)| c == code).map_or(*code, |(_, n)| *n);
                minijinja::context! { code => code, name => name }
            }).collect::<Vec<_>>(),
            logo => appearance.logo.as_ref().map(|k| format!("/files/{k}")),
            theme_version => theme_version(&appearance.brand_color, &statuses),
            currency => appearance.currency.clone(),
            // Times typed into forms are read in the platform's zone; forms name it.
            time_zone => req.tz.name(),
            viewer => req.actor.viewer().map(|v| minijinja::context! {
                display_name => v.display_name.clone(),
                email_confirmed => v.email_confirmed,
            }),
            is_admin => req.actor.is_admin(),
            unread => unread,
            // Administrators, and residents who moderate at least one project.
            is_staff => req.actor.is_admin()
                || !townhall_core::modules::projects::moderated_projects(&req.actor).is_empty(),
        };
        let rendered = self.env.get_template(template).and_then(|t| t.render(minijinja::context! { ..ctx, ..base }));
        match rendered {
            Ok(html) => {
                let mut response = Html(html).into_response();
                if let Ok(v) = HeaderValue::from_str(locale.code) {
                    response.headers_mut().insert(header::CONTENT_LANGUAGE, v);
                }
                response
            }
            Err(e) => {
                tracing::error!(template, error = %e, "template failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be rendered").into_response()
            }
        }
    }
}

/// The version in the theme's URL: a hash of what `/theme.css` says.
fn theme_version(brand: &str, statuses: &[townhall_core::modules::ideas::model::idea_status::Model]) -> String {
    let rules = crate::http::status_rules(statuses);
    let hash = rules.bytes().fold(2_166_136_261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619));
    format!("{}-{hash:08x}", brand.trim_start_matches('#'))
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use std::collections::BTreeSet;

    use townhall_core::i18n::LOCALES;

    use super::UI_TRANSLATIONS;
    use crate::editions;

    /// Every template compiles (a broken one would otherwise only show as an error page).
    #[test]
    fn every_template_compiles() {
        let mut env = minijinja::Environment::new();
        for path in super::Templates::iter() {
            let Some(file) = super::Templates::get(&path) else { panic!("{path} is listed but not embedded") };
            let source = String::from_utf8_lossy(&file.data).into_owned();
            if let Err(e) = env.add_template_owned(path.to_string(), source) {
                panic!("{path}: {e}");
            }
        }
        for (name, source) in editions::modules().iter().flat_map(|m| m.templates()) {
            if let Err(e) = env.add_template(name, source) {
                panic!("{name}: {e}");
            }
        }
    }

    /// Every message a template names literally (`t('id'…)`) exists in English; the test
    /// below carries it to the other languages.
    #[test]
    fn every_message_a_template_names_exists() {
        let mut resources: Vec<(&str, &str)> = editions::modules().iter().flat_map(|m| m.translations()).collect();
        resources.extend_from_slice(UI_TRANSLATIONS);
        let english: BTreeSet<String> =
            resources.iter().filter(|(l, _)| *l == "en").flat_map(|(_, s)| ids(s)).collect();
        let mut sources: Vec<(String, String)> = super::Templates::iter()
            .filter_map(|p| {
                Some((p.to_string(), String::from_utf8_lossy(&super::Templates::get(&p)?.data).into_owned()))
            })
            .collect();
        sources
            .extend(editions::modules().iter().flat_map(|m| m.templates()).map(|(n, s)| (n.to_owned(), s.to_owned())));
        let mut missing = Vec::new();
        for (name, source) in &sources {
            let calls = source.match_indices("t('").filter(|(at, _)| {
                // `t(` itself, not the end of `asset(` or `chart(`.
                !source[..*at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            for (at, _) in calls {
                let Some((id, rest)) = source[at + 3..].split_once('\'') else { continue };
                // `t('prefix-' ~ value)` builds the id at run time.
                if rest.trim_start().starts_with('~') || id.ends_with('-') {
                    continue;
                }
                if !english.contains(id) {
                    missing.push(format!("{name}: {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "messages missing in English: {missing:?}");
    }

    /// Message ids defined at the start of a line (`id = …`) in a Fluent source.
    fn ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id)
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_language_has_every_message() {
        let mut resources: Vec<(&str, &str)> = editions::modules().iter().flat_map(|m| m.translations()).collect();
        resources.extend_from_slice(UI_TRANSLATIONS);
        let per_locale = |locale: &str| -> BTreeSet<String> {
            resources.iter().filter(|(l, _)| *l == locale).flat_map(|(_, s)| ids(s)).collect()
        };
        let english = per_locale("en");
        assert!(english.len() > 20, "{english:?}");
        for locale in LOCALES {
            let have = per_locale(locale);
            let missing: Vec<_> = english.difference(&have).collect();
            let extra: Vec<_> = have.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{locale}: missing {missing:?}, extra {extra:?}");
        }
    }

    /// Every resource parses and no message is defined twice in a language (the bundle would
    /// keep going without the broken or repeated messages, and only log it).
    #[test]
    fn every_resource_parses_and_defines_each_message_once() {
        let mut resources: Vec<(&str, &str)> = editions::modules().iter().flat_map(|m| m.translations()).collect();
        resources.extend_from_slice(UI_TRANSLATIONS);
        for locale in LOCALES {
            let mut bundle = fluent_bundle::FluentBundle::new(vec![locale.parse().expect("a language tag")]);
            for (_, source) in resources.iter().filter(|(l, _)| l == locale) {
                let resource = fluent_bundle::FluentResource::try_new((*source).to_owned());
                let resource = resource.unwrap_or_else(|(_, errors)| panic!("{locale}: {errors:?}"));
                bundle.add_resource(resource).unwrap_or_else(|errors| panic!("{locale}: {errors:?}"));
            }
        }
    }

    /// The back office labels each phase setting with `setting-KEY` (and each choice with
    /// `setting-KEY-OPTION`): every setting of every compiled-in method has them in English,
    /// and the test above carries them to the other languages.
    #[test]
    fn every_method_setting_has_a_label() {
        use townhall_core::permissions::SettingKind;
        let mut resources: Vec<(&str, &str)> = editions::modules().iter().flat_map(|m| m.translations()).collect();
        resources.extend_from_slice(UI_TRANSLATIONS);
        let english: BTreeSet<String> =
            resources.iter().filter(|(l, _)| *l == "en").flat_map(|(_, s)| ids(s)).collect();
        let mut missing = Vec::new();
        for method in editions::modules().iter().flat_map(|m| m.participation_methods()) {
            for setting in method.def().settings {
                let mut wanted = vec![format!("setting-{}", setting.key)];
                if let SettingKind::Choice(options, _) = setting.kind {
                    wanted.extend(options.iter().map(|o| format!("setting-{}-{o}", setting.key)));
                }
                missing.extend(wanted.into_iter().filter(|id| !english.contains(id)));
            }
        }
        assert!(missing.is_empty(), "settings without a label: {missing:?}");
    }
}
