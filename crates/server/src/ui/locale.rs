// SPDX-License-Identifier: AGPL-3.0-only
//! The language of a request: `?lang=` (remembered in a cookie), then the cookie, then
//! `Accept-Language`, then English.
use std::convert::Infallible;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use townhall_core::Platform;
use townhall_core::i18n::{DEFAULT_LOCALE, I18n, LOCALES};

pub const COOKIE: &str = "townhall_lang";

/// The request's locale and path (the switcher links back to the same page).
#[derive(Debug, Clone)]
pub struct Locale {
    pub code: &'static str,
    pub path: String,
}

/// The languages this platform offers and its default (all, English, when unknown).
fn offered(parts: &Parts) -> (Vec<&'static str>, &'static str) {
    match parts.extensions.get::<Platform>() {
        Some(p) => {
            let a = p.appearance();
            (a.locales, a.default_locale)
        }
        None => (LOCALES.to_vec(), DEFAULT_LOCALE),
    }
}

fn from_query(parts: &Parts, offered: &[&'static str]) -> Option<&'static str> {
    parts.uri.query()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == "lang").then(|| I18n::supported(value)).flatten().filter(|l| offered.contains(l))
    })
}

fn from_cookie(parts: &Parts, offered: &[&'static str]) -> Option<&'static str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('=').and_then(I18n::supported))
        .filter(|l| offered.contains(l))
}

fn from_header(parts: &Parts, offered: &[&'static str], default: &'static str) -> &'static str {
    let accept = parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    I18n::negotiate_among(accept, offered, default)
}

fn resolve_parts(parts: &Parts) -> (&'static str, Option<&'static str>) {
    let (offered, default) = offered(parts);
    let chosen = from_query(parts, &offered);
    let code = chosen.or_else(|| from_cookie(parts, &offered)).unwrap_or_else(|| from_header(parts, &offered, default));
    (code, chosen)
}

/// Middleware: resolves the locale once and remembers an explicit choice in a cookie.
pub async fn resolve(request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let (code, chosen) = resolve_parts(&parts);
    parts.extensions.insert(Locale { code, path: parts.uri.path().to_owned() });
    // Module handlers, in other crates, read the language from core's type.
    parts.extensions.insert(townhall_core::web::Lang(code));
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let headers = response.headers_mut();
    if let Some(code) = chosen {
        let cookie = format!("{COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Locale>()
            .cloned()
            .unwrap_or_else(|| Locale { code: resolve_parts(parts).0, path: parts.uri.path().to_owned() }))
    }
}
