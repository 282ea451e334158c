// SPDX-License-Identifier: AGPL-3.0-only
//! Embedded CSS, JS and images. URLs carry a content hash (`?v=…`, see [`crate::ui::Assets`]) so
//! they are cached for a year; a request with an old or no hash is served with `no-cache`.
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use crate::ui::Assets;

pub const ASSET_CACHE_SECONDS: u64 = 365 * 24 * 3600;

#[derive(Deserialize)]
pub struct Version {
    v: Option<String>,
}

pub async fn serve(State(state): State<AppState>, Path(path): Path<String>, Query(q): Query<Version>) -> Response {
    let Some(file) = Assets::get(&path) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let fresh = q.v.as_deref() == Some(state.ui.asset_version(&path).as_str());
    let cache = if fresh { format!("public, max-age={ASSET_CACHE_SECONDS}, immutable") } else { "no-cache".to_owned() };
    let mime = file.metadata.mimetype().to_owned();
    let mut response = file.data.into_owned().into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&cache) {
        headers.insert(header::CACHE_CONTROL, v);
    }
    response
}

/// The brand colours as CSS custom properties (the CSP allows no inline styles). The URL
/// carries the colour, so the answer can be cached for a year.
pub async fn theme(State(state): State<AppState>) -> Response {
    let (brand, strong, soft) = state.platform.appearance().palette();
    let mut css = format!(":root {{ --brand: {brand}; --brand-strong: {strong}; --brand-soft: {soft}; }}\n");
    css.push_str(&status_rules(&state.platform.idea_statuses().await.unwrap_or_default()));
    let headers = [
        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
    ];
    (headers, css).into_response()
}

/// Badges of the statuses administrators added (the core ones have their own tints in the
/// stylesheet): text and outline in the status's colour, which passes 4.5:1 on white. Rules are
/// written only for codes and colours of the expected shape.
pub fn status_rules(statuses: &[townhall_core::modules::ideas::model::idea_status::Model]) -> String {
    use townhall_core::modules::ideas::CORE_STATUSES;
    statuses
        .iter()
        .filter(|s| !CORE_STATUSES.contains(&s.code.as_str()))
        .filter(|s| s.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        .filter(|s| townhall_core::appearance::parse_hex(&s.color).is_some())
        .map(|s| {
            format!(
                ".status-{0} {{ background: #fff; color: {1}; box-shadow: inset 0 0 0 1px {1}; }}\n",
                s.code, s.color
            )
        })
        .collect()
}
