// SPDX-License-Identifier: AGPL-3.0-only
//! Sign up, sign in, sign out.
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use townhall_core::actor::ClientAddr;
use townhall_core::modules::accounts::Registration;
use townhall_core::sessions::{clear_cookie, cookie};
use townhall_core::web::PageResult;
use townhall_core::{Answers, CoreError, PasswordSignIn, SignInOption};

use super::AppState;
use super::forms::{error_value, redirect_with_cookie, safe_next};
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct SignUpForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default)]
    locale: String,
}

pub async fn sign_up_page(State(state): State<AppState>, req: Ctx) -> PageResult {
    render_sign_up(&state, &req, &SignUpForm::default(), &Answers::new(), None).await
}

/// The form with the modules' questions, as sent, with the error if any.
async fn render_sign_up(
    state: &AppState,
    req: &Ctx,
    form: &SignUpForm,
    answers: &Answers,
    error: Option<&CoreError>,
) -> PageResult {
    let asked = state.platform.registration_questions(req.locale.code).await?;
    let (options, password) = other_ways(state, None).await?;
    let ctx = minijinja::context! {
        form => form, asked => asked, answers => answers, error => error.map(error_value),
        options => options, password => password,
    };
    Ok(state.ui.page(&state.platform, req, "sign_up.html", ctx).await)
}

/// The other ways to sign in that modules offer (each a link carrying `next`), and who may
/// still use a password.
async fn other_ways(state: &AppState, next: Option<&str>) -> Result<(Vec<SignInOption>, PasswordSignIn), CoreError> {
    // Deliberately kept: when a module cannot list its ways to sign in, the page still offers
    // the password (where allowed) rather than no way in at all; the failure is logged.
    let options = state.platform.sign_in_options(next).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot list the other ways to sign in");
        Vec::new()
    });
    Ok((options, state.platform.password_sign_in().await?))
}

pub async fn sign_up(
    State(state): State<AppState>,
    req: Ctx,
    Extension(client): Extension<ClientAddr>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let form = SignUpForm {
        email: value("email"),
        display_name: value("display_name"),
        password: value("password"),
        locale: value("locale"),
    };
    // Everything else answers a module's question (`field_12`), several values for a
    // multiple choice.
    let mut answers = Answers::new();
    for (key, v) in
        pairs.iter().filter(|(k, _)| !matches!(k.as_str(), "email" | "display_name" | "password" | "locale"))
    {
        answers.entry(key.clone()).or_default().push(v.clone());
    }
    let input = Registration {
        email: form.email.clone(),
        password: form.password.clone(),
        display_name: form.display_name.clone(),
        locale: if form.locale.is_empty() { req.locale.code.to_owned() } else { form.locale.clone() },
        answers: answers.clone(),
    };
    match state.platform.register_from(&client.0, input).await {
        Ok(()) => {
            let ctx = minijinja::context! { title => "signup-done-title", body => "signup-done-body", link => "/sign-in", link_label => "nav-sign-in" };
            Ok(state.ui.page(&state.platform, &req, "message.html", ctx).await)
        }
        Err(e) => render_sign_up(&state, &req, &form, &answers, Some(&e)).await,
    }
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default, skip_serializing)]
    password: String,
    /// Where to go back to afterwards (a local path; see `safe_next`).
    #[serde(default)]
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn sign_in_page(State(state): State<AppState>, req: Ctx, Query(next): Query<Next>) -> PageResult {
    let form = SignInForm { next: townhall_core::web::local_path(next.next.as_deref()), ..SignInForm::default() };
    render_sign_in(&state, &req, &form, None).await
}

async fn render_sign_in(state: &AppState, req: &Ctx, form: &SignInForm, error: Option<&CoreError>) -> PageResult {
    let (options, password) = other_ways(state, form.next.as_deref()).await?;
    let ctx = minijinja::context! {
        form => form, error => error.map(error_value), options => options, password => password,
    };
    Ok(state.ui.page(&state.platform, req, "sign_in.html", ctx).await)
}

pub async fn sign_in(
    State(state): State<AppState>,
    req: Ctx,
    Extension(client): Extension<ClientAddr>,
    Query(query): Query<Next>,
    Form(mut form): Form<SignInForm>,
) -> PageResult {
    // The form carries `next` since the page keeps it; an older link may have it in the URL.
    form.next = townhall_core::web::local_path(form.next.as_deref().or(query.next.as_deref()));
    match state.platform.sign_in(&form.email, &form.password, &client.0).await {
        Ok((_, token)) => {
            Ok(redirect_with_cookie(&safe_next(form.next.as_deref()), cookie(&token, state.platform.is_https())))
        }
        Err(e) => render_sign_in(&state, &req, &form, Some(&e)).await,
    }
}

/// Ends the session on the server (its token stops working at once), then clears the cookie.
pub async fn sign_out(State(state): State<AppState>, Extension(actor): Extension<townhall_core::Actor>) -> Response {
    if let Err(e) = state.platform.sign_out(&actor).await {
        tracing::error!(error = %e, "cannot end a session");
        return (axum::http::StatusCode::SERVICE_UNAVAILABLE, "the session could not be ended; try again")
            .into_response();
    }
    redirect_with_cookie("/", clear_cookie(state.platform.is_https()))
}

/// Pages that need a signed-in user send others to the sign-in page, and back afterwards.
pub fn require_sign_in(path: &str) -> Response {
    let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    Redirect::to(&format!("/sign-in?next={next}")).into_response()
}
