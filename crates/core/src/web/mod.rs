// SPDX-License-Identifier: AGPL-3.0-only
//! Pages of modules. A module's handler answers with a [`Page`]: one of the templates the
//! module contributed (`Module::templates`) and the data for it. The server renders it in the
//! site's layout, in the request's language, with the navigation and the signed-in person, so a
//! module in another crate has pages that look and behave like core's.
//!
//! What the server puts into every request's extensions for module handlers: the
//! [`crate::Platform`], the [`crate::Actor`], the [`Lang`] and the time zone (`chrono_tz::Tz`).
use std::collections::BTreeMap;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use crate::{Actor, CoreError};

pub mod charts;
mod files;
mod page_error;
mod reshow;
pub mod time;
pub use files::{chunked, download, picture, single_file};
pub use page_error::{FailedPage, FailureKind, PageError, PageResult};
pub use reshow::{HostPage, Reshow, back_to_admin_project};

/// The request's language code (`en`, `nl`, `fr`), as the server resolved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(pub &'static str);

/// A page to render: the server turns it into HTML.
#[derive(Debug, Clone)]
pub struct Page {
    pub template: &'static str,
    pub data: Value,
    /// For back-office pages: the current section of the navigation (the page then also gets
    /// the licence warning the other back-office pages show).
    pub admin_section: Option<&'static str>,
    pub status: StatusCode,
    /// The phase the page is about: the server then gives the template `phase` (its title,
    /// dates and state in the reader's language and time zone) and `can` (what the visitor
    /// may do there), as it does for a method's panel.
    pub phase: Option<crate::modules::projects::model::phase::Model>,
}

impl Page {
    /// A page of the public site.
    pub fn new(template: &'static str, data: Value) -> Self {
        Self { template, data, admin_section: None, status: StatusCode::OK, phase: None }
    }

    /// A page of the back office, in `section` of its navigation.
    pub fn admin(template: &'static str, section: &'static str, data: Value) -> Self {
        Self { template, data, admin_section: Some(section), status: StatusCode::OK, phase: None }
    }

    /// 422 when the page answers a form that failed (`failed`), else as it is.
    pub fn failed_if(self, failed: bool) -> Self {
        if failed { self.with_status(StatusCode::UNPROCESSABLE_ENTITY) } else { self }
    }

    /// The page is about `phase` (see [`Page::phase`]).
    pub fn about_phase(mut self, phase: crate::modules::projects::model::phase::Model) -> Self {
        self.phase = Some(phase);
        self
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl IntoResponse for Page {
    /// An empty answer carrying the page; the server's renderer fills in the body. Without that
    /// renderer (a router used on its own) the answer stays empty with the page's status.
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
        response.extensions_mut().insert(self);
        response
    }
}

/// A submitted form, field by field in order (a repeated field, such as ticked checkboxes,
/// comes once per value).
pub type Pairs = Vec<(String, String)>;

/// The first value of `key`, or "".
pub fn field<'a>(pairs: &'a Pairs, key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

/// `title_en`, `title_nl`, … into a multilingual map.
pub fn multiloc_field(pairs: &Pairs, prefix: &str) -> BTreeMap<String, String> {
    pairs
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(prefix).and_then(|l| l.strip_prefix('_')).map(|l| (l.to_owned(), v.clone()))
        })
        .collect()
}

/// `{ field, code }` of a service error for a form: the templates show `t('error-<code>')`
/// next to the field (or at the top).
pub fn error_data(e: &CoreError) -> Value {
    if let CoreError::Database(db) = e {
        tracing::error!(error = %db, "database error in a form");
    }
    let field = match e {
        CoreError::Field { field, .. } => Some((*field).to_owned()),
        CoreError::Answer { question, .. } => Some(question.clone()),
        _ => None,
    };
    json!({ "field": field, "code": e.code() })
}

/// The answer for someone who may not use a back-office page: visitors are sent to sign in
/// (and back here afterwards), signed-in residents get a 403 page.
pub fn refuse(actor: &Actor, path: &str) -> Response {
    if actor.viewer().is_none() && !actor.is_admin() {
        let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
        return Redirect::to(&format!("/sign-in?next={next}")).into_response();
    }
    let data = json!({
        "title": "admin-forbidden-title", "body": "admin-forbidden-body", "link": "/", "link_label": "notfound-home",
    });
    Page::new("message.html", data).with_status(StatusCode::FORBIDDEN).into_response()
}

/// Nothing for administrators; otherwise the answer for the others (see [`refuse`]).
pub fn admins_only(actor: &Actor, path: &str) -> Option<Response> {
    (!actor.is_admin()).then(|| refuse(actor, path))
}

/// A redirect after a form was handled (303, so the browser follows with a GET).
pub fn see_other(to: &str) -> Response {
    // `Redirect::to` panics on a value that cannot be a header; such a target goes home.
    match header::HeaderValue::try_from(to) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => Redirect::to("/").into_response(),
    }
}

/// A moment for a page: `text` in the platform's time zone to the second, `iso` for the
/// `datetime` of a `<time>` element; null for none.
pub fn moment(platform: &crate::Platform, at: Option<chrono::DateTime<chrono::Utc>>) -> Value {
    at.map_or(Value::Null, |at| {
        let local = at.with_timezone(&platform.time_zone());
        json!({ "iso": at.to_rfc3339(), "text": local.format("%Y-%m-%d %H:%M:%S").to_string() })
    })
}

/// A "page not found" answer with a link back to `back`, labelled `t(label)`.
pub fn not_found(back: &str, label: &str) -> Response {
    let data = json!({ "title": "notfound-title", "body": "notfound-body", "link": back, "link_label": label });
    Page::new("message.html", data).with_status(StatusCode::NOT_FOUND).into_response()
}

/// `next` as a path of this site to go back to, or `None` when it could lead anywhere else.
///
/// It is resolved as a browser would resolve it against this site and kept only when it stays
/// on this site; whitespace, control characters and backslashes are refused before that,
/// because browsers drop or rewrite them (`/\t/evil.example` is followed as `//evil.example`).
/// The answer is the resolved path, query and fragment, percent-encoded, so it is always a
/// valid `Location` header.
pub fn local_path(next: Option<&str>) -> Option<String> {
    const HERE: &str = "http://townhall.invalid/";
    let next = next?;
    let plain = next.starts_with('/')
        && !next.starts_with("//")
        && !next.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if !plain {
        return None;
    }
    let base = url::Url::parse(HERE).ok()?;
    let resolved = base.join(next).ok()?;
    if resolved.origin() != base.origin() || !resolved.username().is_empty() || resolved.password().is_some() {
        return None;
    }
    Some(resolved[url::Position::BeforePath..].to_owned())
}

/// Text without tags, cut at a word near `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.chars().count() <= max {
        return plain;
    }
    let cut: String = plain.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn local_paths_stay_on_this_site() {
        for (next, kept) in [
            ("/projects/parks?sort=newest#ideas", Some("/projects/parks?sort=newest#ideas")),
            ("/", Some("/")),
            ("/a/../b", Some("/b")),
            ("/projets/été", Some("/projets/%C3%A9t%C3%A9")),
            ("/%09/evil.example", Some("/%09/evil.example")),
            ("//evil.example", None),
            ("/\t/evil.example", None),
            ("/\n/evil.example", None),
            ("/\r\nSet-Cookie: x=1", None),
            ("/ /evil.example", None),
            ("/\\evil.example", None),
            ("\\/evil.example", None),
            ("https://evil.example/", None),
            ("evil.example", None),
            ("", None),
            ("/\u{0}", None),
            ("/\u{a0}/evil.example", None),
        ] {
            assert_eq!(local_path(Some(next)).as_deref(), kept, "{next:?}");
        }
        assert_eq!(local_path(None), None);
    }
}
