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
    if from_cookie.is_some() && is_unsafe(request.method()) && !same_origin(request.headers(), platform.base_url()) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    let api_allowed = bearer.is_some() && request.uri().path() == "/graphql";
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

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// Whether the request says it comes from the platform's own origin (`Origin`, or `Referer`
/// when a browser sends no `Origin`).
fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    let ours = origin_of(base_url);
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return origin == ours;
    }
    headers.get(header::REFERER).and_then(|v| v.to_str().ok()).is_some_and(|r| origin_of(r) == ours)
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
        assert_eq!(origin_of("https://a.example/x/y"), "https://a.example");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        let mut h = HeaderMap::new();
        assert!(!same_origin(&h, "http://127.0.0.1:3000"));
        h.insert(header::REFERER, HeaderValue::from_static("http://127.0.0.1:3000/sign-in"));
        assert!(same_origin(&h, "http://127.0.0.1:3000"));
        h.insert(header::ORIGIN, HeaderValue::from_static("http://evil.example"));
        assert!(!same_origin(&h, "http://127.0.0.1:3000"));
    }
}
