// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Verification through an identity provider: a signed-in resident goes to a provider that
//! administrators configured for verification (`/verify/oidc/<slug>`), signs in there, and the
//! provider's checked answer (Standard's flows: PKCE, state, nonce, the ID token against its
//! keys) verifies their account. The provider's person is kept only as a keyed hash; one
//! person verifies one account; the claims the administrator chose answer registration
//! questions (a year of birth, an area), which smart groups can then count on.
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use townhall_core::actor::ClientAddr;
use townhall_core::web::{local_path, refuse, see_other};
use townhall_core::{Actor, CoreError, Platform, throttle};
use townhall_standard::single_sign_on::flow::{self, Callback, FlowError, Purpose};
use townhall_standard::single_sign_on::providers::{self, VERIFICATION};
use townhall_standard::single_sign_on::{failure_page, service as sso};

use super::{methods, service};

pub fn routes() -> Router<Platform> {
    Router::new().route("/verify/oidc/{slug}", get(start)).route("/verify/oidc/{slug}/callback", get(callback))
}

/// The providers a resident can verify with: (label, where to start).
pub async fn choices(platform: &Platform, next: Option<&str>) -> Vec<(String, String)> {
    let next = next.map(|n| format!("?next={}", form_urlencoded::byte_serialize(n.as_bytes()).collect::<String>()));
    providers::for_purpose(platform, VERIFICATION)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.label, format!("/verify/oidc/{}{}", p.slug, next.as_deref().unwrap_or_default())))
        .collect()
}

fn failed(code: &str, slug: &str) -> Response {
    let retry = (code != "not_found").then(|| format!("/verify/oidc/{slug}"));
    failure_page("verification-failed-title", code, retry, None)
}

#[derive(Debug, Default, serde::Deserialize)]
struct Next {
    next: Option<String>,
}

async fn start(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(q): Query<Next>,
) -> Response {
    let next = local_path(q.next.as_deref());
    let Some(user_id) = actor.user_id() else {
        return refuse(&actor, &format!("/verify/oidc/{slug}"));
    };
    let found = match providers::by_slug(&platform, &slug).await {
        Ok(Some(found)) if found.purpose == VERIFICATION => found,
        Ok(_) => return failed("not_found", &slug),
        Err(e) => return failed(e.code(), &slug),
    };
    if service::verification_of(&platform, user_id).await.ok().flatten().is_some() {
        return see_other(next.as_deref().unwrap_or("/verify"));
    }
    if platform.throttle().reserve(&format!("sso-start\n{}", client.0), throttle::SIGN_UPS).is_err() {
        return failed("throttled", &slug);
    }
    let browser = flow::cookie_value(&headers);
    match flow::start(&platform, &found, Purpose::Verify, Some(user_id), next, browser.as_deref()).await {
        Ok(started) => {
            let mut response = see_other(&started.location);
            if let Ok(cookie) = axum::http::HeaderValue::from_str(&started.cookie) {
                response.headers_mut().append(axum::http::header::SET_COOKIE, cookie);
            }
            response
        }
        Err(e) => {
            tracing::warn!(provider = %slug, error = %e, "a verification could not start");
            failed(e.code(), &slug)
        }
    }
}

async fn callback(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(answer): Query<Callback>,
) -> Response {
    let browser = flow::cookie_value(&headers);
    match finish(&platform, &actor, &slug, &answer, browser.as_deref()).await {
        Ok(next) => see_other(&next),
        Err(e) => {
            tracing::info!(provider = %slug, error = %e, "a verification through a provider failed");
            failed(e.code(), &slug)
        }
    }
}

/// Verifies the flow's account with the provider's answer; returns where to go next.
async fn finish(
    platform: &Platform,
    actor: &Actor,
    slug: &str,
    answer: &Callback,
    browser: Option<&str>,
) -> Result<String, FlowError> {
    let returned = flow::take(platform, slug, &[Purpose::Verify], answer, browser).await?;
    // A verification is for the account that asked for it, still signed in.
    if returned.flow.user_id.is_none() || returned.flow.user_id != actor.user_id() {
        return Err(FlowError::Core(CoreError::Field { field: "state", code: "sso_flow_invalid" }));
    }
    let identity = flow::identity(platform, &returned, answer).await?;
    let key = methods::provider_identity(platform, &identity.issuer, &identity.subject);
    let answers = sso::answers_from(&returned.provider, &identity);
    let method = methods::provider_method(&returned.provider.slug);
    service::record(platform, actor, &method, key, &answers).await?;
    Ok(returned.flow.next.unwrap_or_else(|| "/verify".to_owned()))
}
