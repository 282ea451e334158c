// SPDX-License-Identifier: AGPL-3.0-only
//! The optional access log (`access_log = true`): one line per request under the tracing target
//! `townhall::access`, in the configured log format. It holds what an operator needs to follow
//! traffic and match a complaint to a request (method, path, the query's parameter names,
//! status, duration, request id) and nothing that identifies a person: no query values (they
//! carry search words, sign-in links' tokens, e-mail addresses), no address, no cookie, no
//! user agent.
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use super::REQUEST_ID;

/// The tracing target of the access lines.
pub const TARGET: &str = "townhall::access";
/// Longer paths are cut (a client decides what it sends; the log stays readable).
const MAX_PATH: usize = 256;

pub(super) async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = cut(request.uri().path(), MAX_PATH).to_owned();
    let query = request.uri().query().map(parameter_names).unwrap_or_default();
    let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let response = next.run(request).await;
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    tracing::info!(
        target: TARGET,
        method = %method,
        path = %path,
        query = %query,
        status = response.status().as_u16(),
        duration_ms = micros as f64 / 1000.0,
        request_id = %id,
        "access"
    );
    response
}

/// The names of a query's parameters without their values: `q=tree&page=2` → `q&page`.
fn parameter_names(query: &str) -> String {
    let names: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty()).map(|p| cut(p.split('=').next().unwrap_or(""), 32)).collect();
    cut(&names.join("&"), MAX_PATH).to_owned()
}

/// At most `max` bytes of `text`, on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_names_of_parameters_are_kept() {
        assert_eq!(parameter_names("q=anna%40example.org&page=2"), "q&page");
        assert_eq!(parameter_names("token=abc&&flag"), "token&flag");
        assert_eq!(parameter_names(""), "");
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        assert_eq!(cut("ééé", 3), "é");
        assert_eq!(cut("abc", 5), "abc");
    }
}
