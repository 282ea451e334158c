// SPDX-License-Identifier: AGPL-3.0-only
//! Links from e-mails: confirm the address, forgot and reset the password.
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::web::PageResult;

use super::AppState;
use super::forms::error_value;
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
}

async fn message(state: &AppState, req: &Ctx, title: &str, body: &str, link: &str, label: &str) -> Response {
    let ctx = minijinja::context! { title => title, body => body, link => link, link_label => label };
    state.ui.page(&state.platform, req, "message.html", ctx).await
}

pub async fn confirm_email(State(state): State<AppState>, req: Ctx, Query(q): Query<TokenQuery>) -> PageResult {
    match state.platform.confirm_email(&q.token).await {
        Ok(()) => Ok(message(&state, &req, "confirmed-title", "confirmed-body", "/", "notfound-home").await),
        Err(CoreError::TokenInvalid) => {
            Ok(message(&state, &req, "link-invalid-title", "error-token_invalid", "/account", "account-title").await)
        }
        // The link may be fine; the server could not use it now.
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn forgot_page(State(state): State<AppState>, req: Ctx) -> Response {
    state
        .ui
        .page(&state.platform, &req, "forgot_password.html", minijinja::context! { form => EmailForm::default() })
        .await
}

pub async fn forgot(State(state): State<AppState>, req: Ctx, Form(form): Form<EmailForm>) -> Response {
    match state.platform.request_password_reset(&form.email).await {
        Ok(()) => message(&state, &req, "forgot-sent-title", "forgot-sent-body", "/sign-in", "nav-sign-in").await,
        Err(e) => {
            let ctx = minijinja::context! { form => form, error => error_value(&e) };
            state.ui.page(&state.platform, &req, "forgot_password.html", ctx).await
        }
    }
}

pub async fn reset_page(State(state): State<AppState>, req: Ctx, Query(q): Query<TokenQuery>) -> Response {
    state.ui.page(&state.platform, &req, "reset_password.html", minijinja::context! { token => q.token }).await
}

#[derive(Debug, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    password: String,
}

pub async fn reset(State(state): State<AppState>, req: Ctx, Form(form): Form<ResetForm>) -> Response {
    match state.platform.reset_password(&form.token, &form.password).await {
        Ok(()) => message(&state, &req, "reset-done-title", "reset-done-body", "/sign-in", "nav-sign-in").await,
        Err(e) => {
            let ctx = minijinja::context! { token => form.token, error => error_value(&e) };
            state.ui.page(&state.platform, &req, "reset_password.html", ctx).await
        }
    }
}
