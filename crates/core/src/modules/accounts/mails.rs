// SPDX-License-Identifier: AGPL-3.0-only
//! The account e-mails, in the recipient's language, with text and HTML parts.
use fluent_bundle::FluentArgs;

use crate::Platform;
use crate::mail::Mail;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A mail made of a greeting, one paragraph, an optional button link and a closing line.
fn compose(
    platform: &Platform,
    site: &str,
    locale: &str,
    kind: &str,
    name: &str,
    to: &str,
    link: Option<&str>,
) -> Mail {
    compose_with(platform, site, locale, kind, name, to, link, &[])
}

/// The same, with more values for the messages (`extra`: Fluent variable, value).
#[allow(clippy::too_many_arguments)]
pub(crate) fn compose_with(
    platform: &Platform,
    site: &str,
    locale: &str,
    kind: &str,
    name: &str,
    to: &str,
    link: Option<&str>,
    extra: &[(&'static str, String)],
) -> Mail {
    let i18n = platform.i18n();
    let mut args = FluentArgs::new();
    args.set("name", name.to_owned());
    args.set("platform", site.to_owned());
    for (key, value) in extra {
        args.set(*key, value.clone());
    }
    let t = |id: &str| i18n.text(locale, &format!("mail-{kind}-{id}"), Some(&args));
    let greeting = i18n.text(locale, "mail-greeting", Some(&args));
    let closing = i18n.text(locale, "mail-closing", Some(&args));
    let (subject, body) = (t("subject"), t("body"));
    let mut text = format!("{greeting}\n\n{body}\n\n");
    let mut html = format!("<p>{}</p><p>{}</p>", escape(&greeting), escape(&body));
    if let Some(link) = link {
        let action = t("action");
        text.push_str(&format!("{action}: {link}\n\n"));
        html.push_str(&format!("<p><a href=\"{}\">{}</a></p>", escape(link), escape(&action)));
    }
    text.push_str(&closing);
    html.push_str(&format!("<p>{}</p>", escape(&closing)));
    Mail {
        to: to.to_owned(),
        unsubscribe: None,
        message_id: None,
        subject,
        text,
        html: format!("<!doctype html><html lang=\"{locale}\"><body>{html}</body></html>"),
    }
}

pub(crate) fn confirm(platform: &Platform, site: &str, locale: &str, name: &str, to: &str, secret: &str) -> Mail {
    let link = format!("{}/confirm-email?token={secret}", platform.base_url());
    compose(platform, site, locale, "confirm", name, to, Some(&link))
}

pub(crate) fn already_registered(platform: &Platform, site: &str, locale: &str, name: &str, to: &str) -> Mail {
    let link = format!("{}/forgot-password", platform.base_url());
    compose(platform, site, locale, "registered", name, to, Some(&link))
}

pub(crate) fn reset(platform: &Platform, site: &str, locale: &str, name: &str, to: &str, secret: &str) -> Mail {
    let link = format!("{}/reset-password?token={secret}", platform.base_url());
    compose(platform, site, locale, "reset", name, to, Some(&link))
}

pub(crate) fn password_changed(platform: &Platform, site: &str, locale: &str, name: &str, to: &str) -> Mail {
    compose(platform, site, locale, "password-changed", name, to, None)
}

pub(crate) fn confirm_new_address(
    platform: &Platform,
    site: &str,
    locale: &str,
    name: &str,
    to: &str,
    secret: &str,
) -> Mail {
    let link = format!("{}/confirm-email?token={secret}", platform.base_url());
    compose(platform, site, locale, "change", name, to, Some(&link))
}
