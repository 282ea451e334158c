// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The residents' side: starting a sign-in (or a link) with a provider, the provider's answer,
//! and removing a linked provider. A failed answer shows a page that says what went wrong and
//! writes nothing but the end of the flow.
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::json;
use townhall_core::actor::ClientAddr;
use townhall_core::web::{Lang, Page, local_path, refuse, see_other};
use townhall_core::{Actor, CoreError, Platform, throttle};

use super::flow::{self, Callback, FlowError, Purpose};
use super::providers::{self, SIGN_IN};
use super::service;

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/auth/oidc/{slug}", get(start))
        .route("/auth/oidc/{slug}/callback", get(callback))
        .route("/account/sign-in-providers/{id}/remove", post(remove))
}

#[derive(Debug, Default, serde::Deserialize)]
struct StartQuery {
    next: Option<String>,
    /// Present when a signed-in resident adds the provider to their account.
    link: Option<String>,
}

/// The page that says why a sign-in through `slug` failed, with a way on.
pub fn failed(code: &str, slug: &str) -> Response {
    let link_path = format!("/auth/oidc/{slug}?link=1");
    let sign_in_then_link: String = form_urlencoded::byte_serialize(link_path.as_bytes()).collect();
    let retry = (!slug.is_empty() && code != "not_found").then(|| format!("/auth/oidc/{slug}"));
    let then_link = (code == "sso_email_unverified").then(|| format!("/sign-in?next={sign_in_then_link}"));
    failure_page("sso-failed-title", code, retry, then_link)
}

/// A page that says why a flow with a provider failed (`title` and `code` are messages),
/// with `retry` to start again and `then_link` to sign in with a password and link.
pub fn failure_page(title: &str, code: &str, retry: Option<String>, then_link: Option<String>) -> Response {
    let status = match code {
        "sso_provider_unreachable" | "sso_provider_refused" => StatusCode::BAD_GATEWAY,
        "sso_email_unverified"
        | "sso_subject_taken"
        | "sso_account_linked_elsewhere"
        | "blocked"
        | "sso_last_way_in"
        | "identity_taken" => StatusCode::FORBIDDEN,
        "throttled" => StatusCode::TOO_MANY_REQUESTS,
        "not_found" => StatusCode::NOT_FOUND,
        "sso_cancelled" => StatusCode::OK,
        _ => StatusCode::BAD_REQUEST,
    };
    let data = json!({ "title": title, "code": code, "retry": retry, "sign_in_then_link": then_link });
    Page::new("single_sign_on/failed.html", data).with_status(status).into_response()
}

fn with_cookies(mut response: Response, cookies: &[String]) -> Response {
    for c in cookies {
        if let Ok(value) = HeaderValue::from_str(c) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

async fn start(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<StartQuery>,
) -> Response {
    let found = match providers::by_slug(&platform, &slug).await {
        Ok(Some(found)) if found.purpose == SIGN_IN => found,
        Ok(_) => return failed("not_found", &slug),
        Err(e) => return failed(e.code(), &slug),
    };
    let linking = q.link.is_some();
    if linking && actor.user_id().is_none() {
        return refuse(&actor, &format!("/auth/oidc/{slug}?link=1"));
    }
    // Each start asks the provider twice (discovery, keys) and keeps a row for ten minutes.
    if platform.throttle().reserve(&format!("sso-start\n{}", client.0), throttle::SIGN_UPS).is_err() {
        return failed("throttled", &slug);
    }
    let (purpose, user_id) = if linking { (Purpose::Link, actor.user_id()) } else { (Purpose::SignIn, None) };
    let next = local_path(q.next.as_deref());
    let browser = flow::cookie_value(&headers);
    match flow::start(&platform, &found, purpose, user_id, next, browser.as_deref()).await {
        Ok(started) => with_cookies(see_other(&started.location), &[started.cookie]),
        Err(e) => {
            tracing::warn!(provider = %slug, error = %e, "a sign-in could not start");
            failed(e.code(), &slug)
        }
    }
}

async fn callback(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(client): Extension<ClientAddr>,
    lang: Extension<Lang>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(answer): Query<Callback>,
) -> Response {
    // A client whose answers keep failing waits, as after failed passwords.
    let key = format!("sso-callback\n{}", client.0);
    if platform.throttle().check(&key, throttle::SIGN_IN_CLIENT).is_err() {
        return failed("throttled", &slug);
    }
    let browser = flow::cookie_value(&headers);
    match finish(&platform, &actor, lang.0, &slug, &answer, browser.as_deref()).await {
        Ok(response) => response,
        Err(e) => {
            if !matches!(e, FlowError::Core(CoreError::Field { code: "sso_cancelled", .. })) {
                platform.throttle().fail(&key, throttle::SIGN_IN_CLIENT);
            }
            tracing::info!(provider = %slug, error = %e, "a sign-in through a provider failed");
            failed(e.code(), &slug)
        }
    }
}

async fn finish(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    slug: &str,
    answer: &Callback,
    browser: Option<&str>,
) -> Result<Response, FlowError> {
    let returned = flow::take(platform, slug, &[Purpose::SignIn, Purpose::Link], answer, browser).await?;
    let linking = returned.flow.purpose == Purpose::Link.as_str();
    // A link is for the account that asked for it, still signed in.
    if linking && (returned.flow.user_id.is_none() || returned.flow.user_id != actor.user_id()) {
        return Err(FlowError::Core(CoreError::Field { field: "state", code: "sso_flow_invalid" }));
    }
    let identity = flow::identity(platform, &returned, answer).await?;
    if linking {
        service::link(platform, actor, &returned.provider, &identity).await?;
        return Ok(see_other("/account?linked=1"));
    }
    let signed_in = service::sign_in(platform, &returned.provider, &identity, lang.0).await?;
    let next = returned.flow.next.clone().unwrap_or_else(|| "/".to_owned());
    let to = if signed_in.registration_incomplete {
        let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        format!("/account/registration?next={next}")
    } else {
        next
    };
    let session = townhall_core::sessions::cookie(&signed_in.token, platform.is_https());
    Ok(with_cookies(see_other(&to), &[session]))
}

async fn remove(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    match service::unlink(&platform, &actor, id).await {
        Ok(()) => see_other("/account?saved=1"),
        Err(CoreError::NotSignedIn) => refuse(&actor, "/account"),
        Err(e) => failed(e.code(), ""),
    }
}
