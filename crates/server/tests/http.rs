// SPDX-License-Identifier: AGPL-3.0-only
//! The HTTP surface of a running server on each database: health, readiness, pages, headers,
//! GraphQL and its limits, assets, shutdown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn health_pages_and_headers_on_every_backend() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        assert_eq!(server.get("/healthz").await.status(), 200);
        assert_eq!(server.get("/readyz").await.status(), 200, "{}", db.name());

        let home = server.get("/").await;
        assert_eq!(home.status(), 200);
        let h = home.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'")
                && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline")
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h.contains_key("referrer-policy"));
        assert!(h.contains_key("x-request-id"));
        let body = home.text().await.unwrap();
        assert!(body.contains("<h1 id=\"hero-title\">Townhall</h1>"), "{body}");

        let platform = server.platform().await;
        assert_eq!(platform["name"], "Townhall");
    }
}

#[tokio::test]
async fn home_page_speaks_the_visitors_language() {
    let server = TestServer::start(&Db::Sqlite).await;
    let cases = [("nl-BE,nl;q=0.9", "nl", "Projecten"), ("fr-FR", "fr", "Projets"), ("de", "en", "Projects")];
    for (accept, lang, heading) in cases {
        let r = server.http.get(server.url("/")).header("accept-language", accept).send().await.unwrap();
        assert_eq!(r.headers()["content-language"], lang);
        let body = r.text().await.unwrap();
        assert!(body.contains(&format!("<html lang=\"{lang}\">")), "{accept}");
        assert!(body.contains(heading), "{accept}");
    }
    // An explicit choice wins over the header and is remembered in a cookie.
    let r = server.http.get(server.url("/?lang=fr")).header("accept-language", "nl").send().await.unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("townhall_lang=fr"), "{cookie}");
    assert!(r.text().await.unwrap().contains("<html lang=\"fr\">"));
    let r = server
        .http
        .get(server.url("/"))
        .header("accept-language", "nl")
        .header("cookie", "townhall_lang=fr")
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("<html lang=\"fr\">"));
}

#[tokio::test]
async fn unknown_pages_get_a_translated_404() {
    let server = TestServer::start(&Db::Sqlite).await;
    let r = server.http.get(server.url("/no/such/page")).header("accept-language", "nl").send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Pagina niet gevonden"));
    // Addresses whose number is not a number name nothing either.
    for path in ["/ideas/abc", "/phases/1x/survey", "/events/99999999999/calendar.ics"] {
        let r = server.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert!(r.text().await.unwrap().contains("<html"), "{path}");
    }
}

#[tokio::test]
async fn graphql_limits_and_schema() {
    let server = TestServer::start(&Db::Sqlite).await;
    let sdl = server.get("/graphql/schema.graphql").await.text().await.unwrap();
    assert!(sdl.contains("platform: Platform!"), "{sdl}");

    // Too costly: refused before running, as a GraphQL error, not a 500.
    let many: String = (0..600).map(|i| format!("a{i}: platform {{ name edition }} ")).collect();
    let refused = server.graphql(&format!("{{ {many} }}"), json!(null)).await;
    let message = refused["errors"][0]["message"].as_str().unwrap_or_default().to_lowercase();
    assert!(message.contains("complex"), "{refused}");
    assert!(refused["data"].is_null(), "{refused}");

    let bad = server
        .http
        .post(server.url("/graphql"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(bad.status().is_client_error(), "{}", bad.status());
    // Bodies over the limit: tests/limits.rs.
}

#[tokio::test]
async fn explorer_runs_queries_without_javascript_and_can_be_switched_off() {
    let server = TestServer::start(&Db::Sqlite).await;
    let page = server.get("/graphql?query=%7Bplatform%7Bedition%7D%7D").await.text().await.unwrap();
    assert!(page.contains("&quot;edition&quot;"), "{page}");
    let page = server
        .get("/graphql?query=mutation%7BreplaceLicense(key%3A%22x%22)%7Bstatus%7D%7D")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("mutations must be sent with POST"), "{page}");

    let out = cli(
        server.dir.path(),
        &["--database-url", &server.database_url, "features", "disable", "graphql_explorer"],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Another process changed the switch: the server trusts its copy for five seconds at most.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while server.get("/graphql").await.status() != 404 {
        assert!(std::time::Instant::now() < deadline, "the explorer stayed on");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // The API itself stays available.
    assert_eq!(server.platform().await["features"][0]["active"], false);
}

#[tokio::test]
async fn assets_are_cached_by_content_hash() {
    let server = TestServer::start(&Db::Sqlite).await;
    let home = server.get("/").await.text().await.unwrap();
    let start = home
        .find("/assets/css/townhall.css?v=")
        .or_else(|| home.find("&#x2f;assets&#x2f;css&#x2f;townhall.css?v="))
        .unwrap();
    let href: String = home[start..].chars().take_while(|c| *c != '"').collect();
    let href = href.replace("&#x2f;", "/");
    let r = server.get(&href).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let stale = server.get("/assets/css/townhall.css?v=old").await;
    assert_eq!(stale.headers()["cache-control"], "no-cache");
    assert_eq!(server.get("/assets/nope.css").await.status(), 404);
}

/// Text is compressed for clients that take it (issue #15): brotli first, else gzip; never
/// for a client that does not ask, and never pictures.
#[tokio::test]
async fn text_is_compressed_for_clients_that_take_it() {
    let server = TestServer::start(&Db::Sqlite).await;
    let get = |path: &'static str, accepts: Option<&'static str>| {
        let mut r = server.http.get(server.url(path));
        if let Some(a) = accepts {
            r = r.header("accept-encoding", a);
        }
        r.send()
    };
    let plain = get("/", None).await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.bytes().await.unwrap();
    let br = get("/", Some("gzip, deflate, br")).await.unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    let vary: Vec<String> = br.headers().get_all("vary").iter().map(|v| v.to_str().unwrap().to_lowercase()).collect();
    assert!(vary.iter().any(|v| v.contains("accept-encoding")), "{vary:?}");
    let br = br.bytes().await.unwrap();
    assert!(br.len() * 2 < plain.len(), "{} → {} bytes", plain.len(), br.len());
    let gzip = get("/", Some("gzip")).await.unwrap();
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gzip.bytes().await.unwrap().as_ref()), &mut unzipped)
        .unwrap();
    assert_eq!(unzipped.len(), plain.len(), "the same page");
    let css = get("/assets/css/townhall.css", Some("br")).await.unwrap();
    assert_eq!(css.headers()["content-encoding"], "br");
    let schema = get("/graphql/schema.graphql", Some("gzip")).await.unwrap();
    assert_eq!(schema.headers()["content-encoding"], "gzip");
}

// Readiness while the database goes away and comes back: tests/availability.rs.

#[tokio::test]
async fn sigterm_shuts_down_gracefully() {
    let mut server = TestServer::start(&Db::Sqlite).await;
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
    let log = server.log();
    assert!(log.contains("SIGTERM received") && log.contains("in-flight requests finished"), "{log}");
}

#[tokio::test]
async fn metrics_count_requests_per_route_pattern() {
    let server = TestServer::start(&Db::Sqlite).await;
    for _ in 0..3 {
        assert_eq!(server.get("/graphql/schema.graphql").await.status(), 200);
    }
    server.get("/ideas/41").await;
    server.get("/ideas/42").await;
    let r = server.get("/metrics").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = r.text().await.unwrap();
    let schema = r#"townhall_http_requests_total{route="/graphql/schema.graphql",method="GET",status="2xx"} 3"#;
    assert!(text.contains(schema), "{text}");
    assert!(
        text.contains(r#"townhall_http_requests_total{route="/ideas/{id}",method="GET",status="4xx"} 2"#),
        "patterns, not addresses: {text}"
    );
    assert!(!text.contains("/ideas/41"));
    assert!(
        text.contains(
            r#"townhall_http_request_duration_seconds_count{route="/graphql/schema.graphql",method="GET"} 3"#
        )
    );
    assert!(text.contains("townhall_db_pool_connections{state=\"idle\"}"));
    assert!(text.contains("townhall_outbox_backlog 0"));
    assert!(text.contains("townhall_license_status{status=\"missing\"} 1"), "{text}");
}

/// The access log is off by default; on, each request gets one line with its request id and
/// without the values of its query (which may carry e-mail addresses or tokens), in the log
/// format configured (issue #15).
#[tokio::test]
async fn the_access_log_writes_one_line_per_request_without_personal_data() {
    let secret = "anna.vermeulen@example.org";
    let path = format!("/projects/no-such-project?q={secret}&token=s3cr3t-t0ken&page=2");
    let ask = |server: &TestServer| {
        let request = server.http.get(server.url(&path)).header("cookie", "townhall_session=cookie-value");
        async move {
            let answer = request.send().await.unwrap();
            assert_eq!(answer.status(), 404);
            answer.headers()["x-request-id"].to_str().unwrap().to_owned()
        }
    };
    // Waits (bounded) until the server's log has a line with `needle`, and returns that line.
    async fn line_with(server: &TestServer, needle: &str) -> String {
        for _ in 0..200 {
            if let Some(line) = server.log().lines().find(|l| l.contains(needle) && l.contains("access")) {
                return line.to_owned();
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("no access line with {needle}; log:\n{}", server.log());
    }
    let json = ("TOWNHALL_LOG_FORMAT", "json".to_owned());

    let quiet = TestServer::start_with(&Db::Sqlite, Options { env: vec![json.clone()], ..Options::default() }).await;
    let id = ask(&quiet).await;
    assert!(quiet.get("/healthz").await.status().is_success());
    assert!(!quiet.log().contains("townhall::access"), "off by default:\n{}", quiet.log());
    assert!(!quiet.log().contains(&id), "{}", quiet.log());

    let env = vec![json, ("TOWNHALL_ACCESS_LOG", "true".to_owned())];
    let server = TestServer::start_with(&Db::Sqlite, Options { env, ..Options::default() }).await;
    let id = ask(&server).await;
    let line: serde_json::Value = serde_json::from_str(&line_with(&server, &id).await).unwrap();
    assert_eq!(line["target"], "townhall::access", "{line}");
    assert_eq!(line["request_id"], id.as_str(), "{line}");
    assert_eq!(line["method"], "GET", "{line}");
    assert_eq!(line["path"], "/projects/no-such-project", "{line}");
    assert_eq!(line["query"], "q&token&page", "{line}");
    assert_eq!(line["status"], 404, "{line}");
    assert!(line["duration_ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{line}");
    let log = server.log();
    for private in [secret, "s3cr3t-t0ken", "cookie-value", "127.0.0.1:", "reqwest"] {
        let lines: Vec<&str> = log.lines().filter(|l| l.contains("townhall::access")).collect();
        assert!(lines.iter().all(|l| !l.contains(private)), "`{private}` in the access log:\n{lines:?}");
    }
    assert!(!log.contains(secret), "{log}");

    // The pretty format writes the same fields.
    let env = vec![("TOWNHALL_ACCESS_LOG", "true".to_owned())];
    let pretty = TestServer::start_with(&Db::Sqlite, Options { env, ..Options::default() }).await;
    let id = ask(&pretty).await;
    let line = line_with(&pretty, &id).await;
    assert!(line.contains("status=404") && line.contains("path=/projects/no-such-project"), "{line}");
    assert!(line.contains("query=q&token&page") && !line.contains(secret), "{line}");
}
