// SPDX-License-Identifier: AGPL-3.0-only
//! `GET /metrics` in the Prometheus text format: requests and their latency per route, the
//! database pool, the outbox backlog and the licence status. Routes are the router's patterns
//! (`/ideas/{id}`), never the addresses asked for, so the number of series stays bounded.
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Debug, Default, Clone)]
struct Route {
    /// Responses per status class (`2xx`…).
    statuses: BTreeMap<&'static str, u64>,
    /// Requests at or under each bucket's bound (the last slot is +Inf).
    buckets: [u64; BUCKETS.len() + 1],
    seconds: f64,
    count: u64,
}

/// What the server has answered since it started.
#[derive(Debug, Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(String, String), Route>>,
}

fn class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

impl Metrics {
    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut routes) = self.routes.lock() else { return };
        let r = routes.entry((route.to_owned(), method.to_owned())).or_default();
        *r.statuses.entry(class(status)).or_default() += 1;
        let slot = BUCKETS.iter().position(|b| seconds <= *b).unwrap_or(BUCKETS.len());
        for bucket in &mut r.buckets[slot..] {
            *bucket += 1;
        }
        r.seconds += seconds;
        r.count += 1;
    }

    fn render(&self, out: &mut String) {
        let Ok(routes) = self.routes.lock() else { return };
        out.push_str("# HELP townhall_http_requests_total Requests answered, by route, method and status class.\n");
        out.push_str("# TYPE townhall_http_requests_total counter\n");
        for ((route, method), r) in routes.iter() {
            for (status, n) in &r.statuses {
                let _ = writeln!(
                    out,
                    "townhall_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP townhall_http_request_duration_seconds Time to answer, by route and method.\n");
        out.push_str("# TYPE townhall_http_request_duration_seconds histogram\n");
        for ((route, method), r) in routes.iter() {
            let labels = format!("route=\"{route}\",method=\"{method}\"");
            for (bound, n) in BUCKETS.iter().zip(r.buckets.iter()) {
                let _ = writeln!(out, "townhall_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "townhall_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", r.count);
            let _ = writeln!(out, "townhall_http_request_duration_seconds_sum{{{labels}}} {}", r.seconds);
            let _ = writeln!(out, "townhall_http_request_duration_seconds_count{{{labels}}} {}", r.count);
        }
    }
}

/// Times every request and counts it under its route's pattern.
pub async fn measure(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let response = next.run(request).await;
    state.metrics.record(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut out = String::with_capacity(4096);
    state.metrics.render(&mut out);
    let (size, idle) = state.platform.pool_usage();
    out.push_str("# HELP townhall_db_pool_connections Database connections by state.\n");
    out.push_str("# TYPE townhall_db_pool_connections gauge\n");
    let _ = writeln!(out, "townhall_db_pool_connections{{state=\"idle\"}} {idle}");
    let _ = writeln!(out, "townhall_db_pool_connections{{state=\"in_use\"}} {}", (size as usize).saturating_sub(idle));
    out.push_str("# HELP townhall_outbox_backlog E-mails waiting in the outbox.\n");
    out.push_str("# TYPE townhall_outbox_backlog gauge\n");
    match state.platform.outbox_backlog().await {
        Ok(n) => {
            let _ = writeln!(out, "townhall_outbox_backlog {n}");
        }
        Err(e) => tracing::warn!(error = %e, "cannot count the outbox for /metrics"),
    }
    out.push_str("# HELP townhall_license_status The licence's status (1 for the current one).\n");
    out.push_str("# TYPE townhall_license_status gauge\n");
    let _ = writeln!(out, "townhall_license_status{{status=\"{}\"}} 1", state.platform.license().status.as_str());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}

#[cfg(test)]
mod tests {
    use super::Metrics;

    #[test]
    fn requests_are_counted_per_route_with_cumulative_buckets() {
        let m = Metrics::default();
        m.record("GET", "/ideas/{id}", 200, 0.003);
        m.record("GET", "/ideas/{id}", 404, 0.2);
        let mut out = String::new();
        m.render(&mut out);
        assert!(
            out.contains(r#"townhall_http_requests_total{route="/ideas/{id}",method="GET",status="2xx"} 1"#),
            "{out}"
        );
        assert!(out.contains(r#"townhall_http_requests_total{route="/ideas/{id}",method="GET",status="4xx"} 1"#));
        assert!(out.contains(r#"le="0.005"} 1"#) && out.contains(r#"le="0.25"} 2"#) && out.contains(r#"le="+Inf"} 2"#));
        assert!(out.contains(r#"townhall_http_request_duration_seconds_count{route="/ideas/{id}",method="GET"} 2"#));
    }
}
