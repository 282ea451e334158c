// SPDX-License-Identifier: AGPL-3.0-only
//! Open data (issue #15): the page listing the datasets with their dictionary, and the
//! downloads, for anyone without signing in. What goes in is core's business
//! (`townhall_core::open_data`); this only renders and streams.
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use townhall_core::open_data::{Dataset, Format};

use super::AppState;
use crate::ui::Ctx;

/// How long a download may be kept by browsers and proxies: the data changes, but an
/// open-data portal that fetches it every few minutes needs no fresher copy.
const CACHE: &str = "public, max-age=300";

pub async fn page(State(state): State<AppState>, req: Ctx) -> Response {
    let locale = req.locale.code;
    let i18n = state.ui.i18n();
    let datasets: Vec<Value> = Dataset::ALL
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
pub async fn download(State(state): State<AppState>, req: Ctx, Path(file): Path<String>) -> Response {
    let chosen = file.rsplit_once('.').and_then(|(name, ext)| Some((Dataset::parse(name)?, Format::parse(ext)?)));
    let Some((dataset, format)) = chosen else {
        return super::pages::not_found(State(state), req).await;
    };
    match state.platform.open_data(dataset, format).await {
        Ok(data) => {
            let name = data.file_name();
            let mut response = super::forms::download(format.content_type(), &name, super::forms::chunked(data));
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
            response
        }
        Err(e) => {
            tracing::error!(error = %e, dataset = dataset.as_str(), "an open-data download could not start");
            let ctx = minijinja::context! { title => "open-data-title", body => "error-internal" };
            let page = state.ui.page(&state.platform, &req, "message.html", ctx).await;
            (StatusCode::SERVICE_UNAVAILABLE, page).into_response()
        }
    }
}
