// SPDX-License-Identifier: AGPL-3.0-only
//! Who is asking: the session cookie or a bearer token becomes the request's [`Actor`]. Cookie
//! sessions are renewed silently when half spent, and every state-changing request that carries
//! the cookie must come from our own origin (CSRF protection by a strict Origin check).
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use townhall_core::actor::{ApiClient, ClientAddr};
use townhall_core::sessions::{COOKIE, clear_cookie, cookie};
use townhall_core::{Actor, CoreError};

use super::AppState;

pub async fn identify(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let platform = state.platform.clone();
    let client =
        request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_default();
    request.extensions_mut().insert(ClientAddr(client.clone()));
    request.extensions_mut().insert(platform.time_zone());

    // Assets, uploads and health checks never depend on who asks: skip the session lookup
    // (two queries) on these hot paths.
    if request.method() == Method::GET && is_anonymous_path(request.uri().path()) {
        request.extensions_mut().insert(Actor::Anonymous);
        return next.run(request).await;
    }
    let bearer = bearer_token(request.headers());
    let from_cookie = if bearer.is_none() { cookie_token(request.headers()) } else { None };
    if is_unsafe(request.method()) && !origin_allows(request.headers(), platform.base_url(), from_cookie.is_some()) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    // API tokens run GraphQL requests; the explorer's page (`GET /graphql`) is for browsers.
    let api_allowed = bearer.is_some() && request.method() == Method::POST && request.uri().path() == "/graphql";
    let token = bearer.or(from_cookie.clone());
    let (actor, renewed, stale_cookie) = match token {
        None => (Actor::Anonymous, None, false),
        Some(token) => match platform.actor_for_token(&token).await {
            Ok(Some((actor, renewed))) => (actor, renewed, false),
            Ok(None) if api_allowed => match api_client(&platform, &token, &client).await {
                Ok(Some((actor, api))) => {
                    request.extensions_mut().insert(api);
                    (actor, None, false)
                }
                Ok(None) => (Actor::Anonymous, None, false),
                Err(refused) => return refused,
            },
            Ok(None) => (Actor::Anonymous, None, from_cookie.is_some()),
            Err(e) => return unavailable(&e),
        },
    };
    request.extensions_mut().insert(actor);
    let mut response = next.run(request).await;
    let set = if stale_cookie {
        Some(clear_cookie(platform.is_https()))
    } else if from_cookie.is_some() {
        renewed.map(|t| cookie(&t, platform.is_https()))
    } else {
        None
    };
    // A response that signs in or out sets its own cookie; leave that one alone.
    let value = set.filter(|_| !response.headers().contains_key(header::SET_COOKIE));
    if let Some(v) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// An API token's actor (Premium), or the answer that refuses it: 401 for a revoked or
/// unknown token of a module, 429 over its rate.
async fn api_client(
    platform: &townhall_core::Platform,
    token: &str,
    client: &str,
) -> Result<Option<(Actor, ApiClient)>, Response> {
    match platform.actor_for_api_token(token, client).await {
        Ok(found) => Ok(found),
        Err(CoreError::TokenInvalid) => Err((
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
            "the API token is unknown or revoked",
        )
            .into_response()),
        Err(CoreError::Throttled { retry_after_secs }) => Err((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_secs.to_string())],
            "too many requests with this API token; try again later",
        )
            .into_response()),
        Err(e) => Err(unavailable(&e)),
    }
}

fn unavailable(e: &CoreError) -> Response {
    tracing::error!(error = %e, "cannot read the session's user");
    (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
}

fn is_anonymous_path(path: &str) -> bool {
    // Idea files are not here: whether they may be seen depends on their project.
    ["/assets/", "/files/avatars/", "/files/logos/"].iter().any(|p| path.starts_with(p))
        || matches!(path, "/theme.css" | "/healthz" | "/readyz" | "/metrics")
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The session cookie's value, if the request carries one.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('=').map(str::to_owned))
        .filter(|t| !t.is_empty())
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether an unsafe request may go on. A browser names the page that sent it (`Origin`, or
/// `Referer` when it sends no `Origin`), and that page must be one of ours, whether or not the
/// request carries the session cookie: a form on another site must neither act as a signed-in
/// resident nor sign a visitor into someone else's account. A request that names no page comes
/// from a program, not a browser, and may go on only without the cookie.
fn origin_allows(headers: &HeaderMap, base_url: &str, with_cookie: bool) -> bool {
    let Ok(ours) = url::Url::parse(base_url).map(|u| u.origin()) else { return false };
    let same = |value: &HeaderValue| {
        value.to_str().ok().and_then(|v| url::Url::parse(v).ok()).is_some_and(|u| u.origin() == ours)
    };
    match (headers.get(header::ORIGIN), headers.get(header::REFERER)) {
        (Some(origin), _) => same(origin),
        (None, Some(referer)) => same(referer),
        (None, None) => !with_cookie,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hot_paths_skip_the_session() {
        assert!(is_anonymous_path("/assets/css/townhall.css") && is_anonymous_path("/theme.css"));
        assert!(!is_anonymous_path("/account") && !is_anonymous_path("/assetsx"));
        assert!(!is_anonymous_path("/files/ideas/1/a.jpg"), "idea files follow their project's visibility");
    }

    #[test]
    fn origins() {
        let ours = "http://127.0.0.1:3000";
        let with = |pairs: &[(header::HeaderName, &'static str)]| {
            let mut h = HeaderMap::new();
            for (name, value) in pairs {
                h.insert(name.clone(), HeaderValue::from_static(value));
            }
            h
        };
        // Without a cookie: a program that names no page may go on; a page must be ours.
        assert!(origin_allows(&with(&[]), ours, false));
        assert!(!origin_allows(&with(&[]), ours, true));
        assert!(origin_allows(&with(&[(header::REFERER, "http://127.0.0.1:3000/sign-in")]), ours, true));
        assert!(origin_allows(&with(&[(header::ORIGIN, "http://127.0.0.1:3000")]), ours, false));
        for refused in ["http://evil.example", "null", "http://127.0.0.1:3001", "https://127.0.0.1:3000"] {
            assert!(!origin_allows(&with(&[(header::ORIGIN, refused)]), ours, false), "{refused}");
            assert!(!origin_allows(&with(&[(header::ORIGIN, refused)]), ours, true), "{refused}");
        }
        let foreign_page = with(&[(header::REFERER, "http://127.0.0.1.evil.example/")]);
        assert!(!origin_allows(&foreign_page, ours, false));
        // `Origin` wins over a `Referer` that a page could shape.
        let both = with(&[(header::ORIGIN, "http://evil.example"), (header::REFERER, "http://127.0.0.1:3000/")]);
        assert!(!origin_allows(&both, ours, false));
        assert!(origin_allows(&with(&[(header::ORIGIN, "http://127.0.0.1:80")]), "http://127.0.0.1", true));
    }
}
