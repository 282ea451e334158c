// SPDX-License-Identifier: AGPL-3.0-only
//! The signed-in user's account page, and the first administrator's setup page.
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::sessions::{clear_cookie, cookie};
use townhall_core::web::PageResult;

use super::AppState;
use super::auth::require_sign_in;
use super::forms::{error_value, redirect_with_cookie};
use super::recovery::TokenQuery;
use crate::ui::Ctx;

/// The account page; `notice` is a message id to confirm what just happened.
pub async fn render(state: &AppState, req: &Ctx, notice: Option<&str>, error: Option<&CoreError>) -> PageResult {
    let Some(viewer) = req.actor.viewer() else { return Ok(require_sign_in("/account")) };
    // An empty profile form would be saved over the real one: a profile that cannot be read is
    // the page's failure.
    let profile = match state.platform.user_by_id(viewer.id).await? {
        Some(u) => minijinja::context! {
            display_name => u.display_name, first_name => u.first_name, last_name => u.last_name,
            bio => u.bio, locale => u.locale, avatar => u.avatar.map(|k| format!("/files/{k}")),
        },
        // The account went away during this request (deleted elsewhere): nothing to fill in.
        None => minijinja::context! {},
    };
    // Deliberately kept: a module that cannot add its section (linked sign-in providers…)
    // leaves the rest of the account page usable, such as changing the password; it is logged.
    let sections = state.platform.account_sections(viewer, req.locale.code).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot read the account page's sections");
        Vec::new()
    });
    let has_password = state.platform.has_password(viewer.id).await?;
    let ctx = minijinja::context! {
        email => viewer.email.clone(),
        confirmed => viewer.email_confirmed,
        sections => sections,
        has_password => has_password,
        profile => profile,
        notice => notice,
        error => error.map(error_value),
    };
    Ok(state.ui.page(&state.platform, req, "account.html", ctx).await)
}

#[derive(Debug, Deserialize)]
pub struct Changed {
    changed: Option<String>,
    saved: Option<String>,
}

pub async fn page(State(state): State<AppState>, req: Ctx, Query(q): Query<Changed>) -> PageResult {
    let notice = if q.changed.is_some() {
        Some("account-password-changed")
    } else {
        q.saved.is_some().then_some("account-saved")
    };
    render(&state, &req, notice, None).await
}

pub async fn resend_confirmation(State(state): State<AppState>, req: Ctx) -> PageResult {
    match state.platform.resend_confirmation(&req.actor).await {
        Ok(()) => render(&state, &req, Some("account-resent"), None).await,
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
}

pub async fn change_password(State(state): State<AppState>, req: Ctx, Form(form): Form<PasswordForm>) -> PageResult {
    match state.platform.change_password(&req.actor, &form.current_password, &form.password).await {
        Ok(token) => Ok(redirect_with_cookie("/account?changed=1", cookie(&token, state.platform.is_https()))),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

pub async fn sign_out_everywhere(State(state): State<AppState>, req: Ctx) -> PageResult {
    match state.platform.sign_out_everywhere(&req.actor).await {
        Ok(()) => Ok(redirect_with_cookie("/", clear_cookie(state.platform.is_https()))),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default, skip_serializing)]
    password: String,
}

pub async fn setup_page(State(state): State<AppState>, req: Ctx, Query(q): Query<TokenQuery>) -> PageResult {
    let token = q.token.clone();
    if state.platform.setup_link_valid(&token).await? {
        let ctx = minijinja::context! { token => token, form => SetupForm::default() };
        Ok(state.ui.page(&state.platform, &req, "setup.html", ctx).await)
    } else {
        let ctx = minijinja::context! { title => "link-invalid-title", body => "setup-invalid-body", link => "/", link_label => "notfound-home" };
        Ok(state.ui.page(&state.platform, &req, "message.html", ctx).await)
    }
}

pub async fn setup(State(state): State<AppState>, req: Ctx, Form(form): Form<SetupForm>) -> Response {
    let p = &state.platform;
    match p.complete_setup(&form.token, &form.email, &form.display_name, &form.password).await {
        Ok(_) => match p.sign_in(&form.email, &form.password, "setup").await {
            Ok((_, token)) => redirect_with_cookie("/account", cookie(&token, p.is_https())),
            // The account is made; if signing in at once fails, the sign-in page is the way on.
            Err(_) => Redirect::to("/sign-in").into_response(),
        },
        Err(e) => {
            let ctx = minijinja::context! { token => form.token.clone(), form => form, error => error_value(&e) };
            state.ui.page(p, &req, "setup.html", ctx).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    email_password: String,
}

pub async fn change_email(State(state): State<AppState>, req: Ctx, Form(form): Form<EmailForm>) -> PageResult {
    match state.platform.change_email(&req.actor, &form.new_email, &form.email_password).await {
        Ok(()) => render(&state, &req, Some("account-email-sent"), None).await,
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}
