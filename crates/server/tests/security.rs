// SPDX-License-Identifier: AGPL-3.0-only
//! What an outside security test found (issue #10), tried again from outside: another site
//! signing a visitor in (login CSRF), redirects after sign-in that leave the site, sign-in
//! attempts raced in parallel, and a signed-out session that kept working.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";

#[tokio::test]
async fn another_site_cannot_sign_a_visitor_in() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.register("eve@example.org", "Eve").await;
    let credentials = [("email", "eve@example.org"), ("password", PASSWORD)];

    // A form on another site posting to the sign-in page, without any cookie.
    let foreign = server.http.post(server.url("/sign-in")).header("origin", "http://evil.example");
    let refused = foreign.form(&credentials).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.headers().get("set-cookie").is_none());
    let sandboxed = server.http.post(server.url("/sign-in")).header("origin", "null").form(&credentials);
    assert_eq!(sandboxed.send().await.unwrap().status(), 403);
    let by_referer = server.http.post(server.url("/sign-in")).header("referer", "http://evil.example/trap.html");
    assert_eq!(by_referer.form(&credentials).send().await.unwrap().status(), 403);

    // The login mutation sent as a form would send it (`text/plain`, no preflight).
    let body = json!({ "query": LOGIN, "variables": { "e": "eve@example.org", "p": PASSWORD } }).to_string();
    let plain = |origin: Option<&str>| {
        let mut r = server.http.post(server.url("/graphql")).header("content-type", "text/plain").body(body.clone());
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    let answer = plain(Some("http://evil.example")).await.unwrap();
    assert_eq!(answer.status(), 403);
    assert!(answer.headers().get("set-cookie").is_none());
    let answer = plain(None).await.unwrap();
    assert_eq!(answer.status(), 415, "GraphQL takes JSON only");
    assert!(answer.headers().get("set-cookie").is_none());
    let urlencoded =
        server.http.post(server.url("/graphql")).header("content-type", "application/x-www-form-urlencoded");
    assert_eq!(urlencoded.body(body.clone()).send().await.unwrap().status(), 415);
    // JSON from another site's script, without a cookie.
    let json_foreign = server.http.post(server.url("/graphql")).header("origin", "http://evil.example");
    let answer = json_foreign.json(&json!({ "query": LOGIN, "variables": { "e": "eve@example.org", "p": PASSWORD } }));
    assert_eq!(answer.send().await.unwrap().status(), 403);

    // Our own pages and programs (which name no page) still sign in.
    let ours = server.http.post(server.url("/sign-in")).header("origin", &server.base).form(&credentials);
    assert_eq!(ours.send().await.unwrap().status(), 303);
    assert!(server.login("eve@example.org", PASSWORD).await.is_ok());
    let json_charset =
        server.http.post(server.url("/graphql")).header("content-type", "application/json; charset=utf-8").body(body);
    let answer: Value = json_charset.send().await.unwrap().json().await.unwrap();
    assert!(answer["data"]["login"]["token"].is_string(), "{answer}");
}

#[tokio::test]
async fn sign_in_goes_back_only_to_pages_of_this_site() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.register("ana@example.org", "Ana").await;
    let sign_in = |query: &str, form_next: Option<&str>| {
        let mut form = vec![("email", "ana@example.org"), ("password", PASSWORD)];
        if let Some(next) = form_next {
            form.push(("next", next));
        }
        server.http.post(server.url(&format!("/sign-in{query}"))).form(&form).send()
    };
    for (query, form_next, expected) in [
        ("?next=/%09/evil.example", None, "/"),
        ("?next=/%0A/evil.example", None, "/"),
        ("?next=%2F%0D%0ASet-Cookie:%20x=1", None, "/"),
        ("?next=//evil.example", None, "/"),
        ("?next=/%5Cevil.example", None, "/"),
        ("?next=https://evil.example/", None, "/"),
        ("", Some("/\t/evil.example"), "/"),
        ("", Some("/\n/evil.example"), "/"),
        ("?next=/projects/parks%3Fsort=newest", None, "/projects/parks?sort=newest"),
        ("", Some("/account"), "/account"),
    ] {
        let answer = sign_in(query, form_next).await.unwrap();
        assert_eq!(answer.status(), 303, "{query} {form_next:?}");
        assert_eq!(answer.headers()["location"], expected, "{query} {form_next:?}");
    }

    // The sign-in page keeps where the visitor came from (and nothing that leaves the site).
    let page = server.get("/sign-in?next=/account/notifications").await.text().await.unwrap();
    // (The template escapes `/` as `&#x2f;`.)
    assert!(page.contains(r#"name="next" value="&#x2f;account&#x2f;notifications""#), "{page}");
    let page = server.get("/sign-in?next=/%09/evil.example").await.text().await.unwrap();
    assert!(!page.contains(r#"name="next""#), "{page}");
}

#[tokio::test]
async fn parallel_wrong_passwords_get_five_checks() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        let client = server.graphql_client();
        let attempts: Vec<_> = (0..30)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    let variables = json!({ "e": "ana@example.org", "p": "not the password at all" });
                    client.run("", LOGIN, variables).await
                })
            })
            .collect();
        let mut codes = Vec::new();
        for attempt in attempts {
            codes.push(error_code(&attempt.await.unwrap()).to_owned());
        }
        let checked = codes.iter().filter(|c| *c == "invalid_credentials").count();
        let throttled = codes.iter().filter(|c| *c == "throttled").count();
        assert_eq!((checked, throttled), (5, 25), "{}: {codes:?}", db.name());
    }
}

#[tokio::test]
async fn signing_out_ends_that_session_on_the_server() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        let first = server.cookie_for("ana@example.org").await;
        let second = server.cookie_for("ana@example.org").await;
        let bearer = server.login("ana@example.org", PASSWORD).await.unwrap();
        let other_bearer = server.login("ana@example.org", PASSWORD).await.unwrap();
        let signed_in = |cookie: String| {
            let server = &server;
            async move { server.get_as(&cookie, "/account").await.status() == 200 }
        };
        assert!(signed_in(first.clone()).await && signed_in(second.clone()).await);

        // Signing out of one browser: its cookie, replayed, no longer works; the other does.
        let out = server.post_form(&first, "/sign-out", &[]).await;
        assert_eq!(out.status(), 303);
        assert!(!signed_in(first.clone()).await, "{}: the signed-out cookie still works", db.name());
        assert!(signed_in(second.clone()).await, "{}: another browser was signed out", db.name());

        // The same through GraphQL with a bearer token.
        let viewer = "{ viewer { email } }";
        assert_eq!(server.graphql_as(&bearer, "mutation { logout }", Value::Null).await["data"]["logout"], true);
        assert_eq!(server.graphql_as(&bearer, viewer, Value::Null).await["data"]["viewer"], Value::Null);
        let still = server.graphql_as(&other_bearer, viewer, Value::Null).await;
        assert_eq!(still["data"]["viewer"]["email"], "ana@example.org", "{}: {still}", db.name());
    }
}
