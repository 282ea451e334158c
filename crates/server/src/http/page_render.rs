// SPDX-License-Identifier: AGPL-3.0-only
//! Renders what page handlers answer with: a [`Page`] (core's and the modules' pages) in the
//! site's layout and language, and, for back-office pages, with its navigation; a
//! [`FailedPage`] (a handler's [`townhall_core::web::PageError`]) as the page that says what
//! happened: not found, sign in first, not allowed, refused by a rule, or a failure of the
//! server, logged with the request id that the page shows as its reference; a [`Reshow`] (a
//! module's form on the project page or its back-office page was refused) as that page again
//! with the error. An address whose path does not parse gets the not-found page too.
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use townhall_core::web::{FailedPage, FailureKind, HostPage, Page, PageError, Reshow};

use super::AppState;
use crate::ui::Ctx;

pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(ctx) = Ctx::from_request_parts(&mut parts, &state).await;
    let address = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    let request_id = parts.headers.get(super::REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let mut response =
        super::pages::unparsable_path_as_not_found(next.run(Request::from_parts(parts, body)).await).await;
    if let Some(reshow) = response.extensions().get::<Reshow>().cloned() {
        response = match &reshow.page {
            HostPage::Project(slug) => {
                super::projects::render_with_panel_error(&state, &ctx, slug, &reshow.query, &reshow.error).await
            }
            HostPage::AdminProject(id) => super::admin::project_with_error(&state, &ctx, *id, &reshow.error).await,
        };
    }
    if let Some(failed) = response.extensions().get::<FailedPage>().cloned() {
        return failure(&state, &ctx, &failed, &address, &request_id).await;
    }
    let Some(page) = response.extensions().get::<Page>().cloned() else { return response };
    let mut data = Value::from_serialize(&page.data);
    if let Some(phase) = &page.phase {
        let can = match super::ideas::abilities(&state.platform, &ctx.actor, phase).await {
            Ok(can) => can,
            Err(e) => return failure(&state, &ctx, &PageError::from(e).failed_page(), &address, &request_id).await,
        };
        data = minijinja::context! { phase => super::projects::phase_value(phase, &ctx), can => can, ..data };
    }
    let mut rendered = match page.admin_section {
        Some(section) => super::admin::page(&state, &ctx, page.template, section, data).await,
        None => state.ui.page(&state.platform, &ctx, page.template, data).await,
    };
    // A page that failed to render keeps its error status; otherwise the handler's status wins.
    if rendered.status() == StatusCode::OK {
        *rendered.status_mut() = page.status;
    }
    // Headers the handler set (a cookie, a cache rule) travel with the page.
    for (name, value) in response.headers() {
        if name != axum::http::header::CONTENT_LENGTH && name != axum::http::header::CONTENT_TYPE {
            rendered.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rendered
}

/// The page for a handler's failure.
async fn failure(state: &AppState, ctx: &Ctx, failed: &FailedPage, address: &str, request_id: &str) -> Response {
    let message = |title: &str, body: String, reference: Option<&str>| {
        minijinja::context! { title => title, body => body, link => "/", link_label => "notfound-home", reference => reference }
    };
    let data = match failed.kind {
        FailureKind::SignIn => return super::auth::require_sign_in(address),
        FailureKind::NotFound => {
            let page = state.ui.page(&state.platform, ctx, "not_found.html", minijinja::context! {}).await;
            return (StatusCode::NOT_FOUND, page).into_response();
        }
        FailureKind::Forbidden => message("page-forbidden-title", "page-forbidden-body".into(), None),
        FailureKind::Refused => {
            tracing::info!(code = failed.code, "a page was refused by a rule");
            message("page-refused-title", format!("error-{}", failed.code), None)
        }
        FailureKind::Failed => {
            tracing::error!(request_id, status = failed.status.as_u16(), error = %failed.detail, "a page failed");
            message("page-failed-title", "page-failed-body".into(), Some(request_id))
        }
    };
    let mut page = state.ui.page(&state.platform, ctx, "message.html", data).await;
    if page.status() == StatusCode::OK {
        *page.status_mut() = failed.status;
    }
    page
}
