// SPDX-License-Identifier: AGPL-3.0-only
//! Open data (issue #15): the page listing the datasets with their dictionary, and the
//! downloads, for anyone without signing in. What goes in is core's business
//! (`townhall_core::open_data`); this only renders and streams.
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use minijinja::Value;
use townhall_core::open_data::Format;
use townhall_core::web::{PageError, PageResult};

use super::AppState;
use crate::ui::Ctx;

/// How long a download may be kept by browsers and proxies: the data changes, but an
/// open-data portal that fetches it every few minutes needs no fresher copy.
const CACHE: &str = "public, max-age=300";

pub async fn page(State(state): State<AppState>, req: Ctx) -> Response {
    let locale = req.locale.code;
    let i18n = state.ui.i18n();
    let datasets: Vec<Value> = state
        .platform
        .datasets()
        .iter()
        .map(|d| {
            let fields: Vec<Value> = d
                .fields()
                .iter()
                .map(|f| {
                    minijinja::context! {
                        name => f.name,
                        type => i18n.text(locale, &f.kind.message(), None),
                        meaning => f.meaning_in(i18n, locale),
                    }
                })
                .collect();
            minijinja::context! {
                name => d.as_str(),
                title => i18n.text(locale, &d.title_message(), None),
                summary => i18n.text(locale, &d.summary_message(), None),
                fields => fields,
            }
        })
        .collect();
    state.ui.page(&state.platform, &req, "open_data.html", minijinja::context! { datasets => datasets }).await
}

/// `/open-data/ideas.csv`, `/open-data/voting-results.json`…: anything else is not found.
pub async fn download(State(state): State<AppState>, Path(file): Path<String>) -> PageResult {
    let chosen =
        file.rsplit_once('.').and_then(|(name, ext)| Some((state.platform.dataset(name)?, Format::parse(ext)?)));
    let (dataset, format) = chosen.ok_or(PageError::NotFound)?;
    let data = state.platform.open_data(dataset, format).await?;
    let name = data.file_name();
    let mut response = super::forms::download(format.content_type(), &name, super::forms::chunked(data));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    Ok(response)
}
