// SPDX-License-Identifier: AGPL-3.0-only
//! Webhooks (Premium, issue #8): administrators register endpoints for events; each event is
//! posted as signed JSON (checked here with an HMAC-SHA256 written from its definition, RFC
//! 2104), a failing receiver is retried with back-off and the delivery log shows it; paused
//! endpoints and a lapsed licence send nothing; addresses that are not public are refused
//! unless the operator allows them (issue #10).
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode};
use common::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use townhall_license::Plan;

/// HMAC-SHA256 from its definition: H((K ^ opad) || H((K ^ ipad) || m)).
fn reference_hmac(key: &[u8], message: &[u8]) -> String {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner: Vec<u8> = block.iter().map(|b| b ^ 0x36).chain(message.iter().copied()).collect();
    let inner = Sha256::digest(&inner);
    let outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).chain(inner.iter().copied()).collect();
    hex::encode(Sha256::digest(&outer))
}

/// What the receiver got: the headers and the body of each request.
type Received = Arc<Mutex<Vec<(HeaderMap, String)>>>;

/// A receiver on this machine that refuses its first `failures` requests with 503.
async fn receiver(failures: usize) -> (String, Received) {
    let got: Received = Arc::default();
    let seen = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let mut all = seen.lock().unwrap();
                all.push((headers, body));
                if all.len() <= failures { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::NO_CONTENT }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

async fn wait_for(got: &Received, n: usize) -> Vec<(HeaderMap, String)> {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let all = got.lock().unwrap().clone();
        if all.len() >= n {
            return all;
        }
        assert!(Instant::now() < deadline, "the receiver got {} of {n} requests", all.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Checks the signature of a request with the endpoint's secret; returns the body as JSON.
fn verified(secret: &str, (headers, body): &(HeaderMap, String)) -> Value {
    let signature = headers["townhall-signature"].to_str().unwrap();
    let (t, v1) = signature.split_once(',').unwrap();
    let t = t.strip_prefix("t=").unwrap();
    let expected = reference_hmac(secret.as_bytes(), format!("{t}.{body}").as_bytes());
    assert_eq!(v1.strip_prefix("v1=").unwrap(), expected, "the signature verifies");
    let age = chrono::Utc::now().timestamp() - t.parse::<i64>().unwrap();
    assert!((0..300).contains(&age), "a fresh timestamp");
    assert_eq!(headers["content-type"], "application/json");
    serde_json::from_str(body).unwrap()
}

const CREATE: &str =
    "mutation($u: String!, $e: [String!]!) { createWebhook(url: $u, events: $e) { id secret events active } }";
const DELIVERIES: &str =
    "query($i: ID!) { webhook(id: $i) { deliveries { event status attempts lastStatusCode lastError } } }";
const POST: &str =
    "mutation($ph: ID!, $t: String!) { postIdea(phaseId: $ph, title: $t, body: \"By the pond\") { id } }";

/// Retries after 2 s instead of 2 min; with `private`, receivers on this machine are allowed.
fn env(private: bool) -> Vec<(&'static str, String)> {
    let mut env = vec![("TOWNHALL_RETRY_UNIT_SECONDS", "1".to_owned())];
    if private {
        env.push(("TOWNHALL_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true".to_owned()));
    }
    env
}

/// A Premium server whose webhooks may reach the test's receivers on 127.0.0.1.
async fn start(db: &Db) -> (TestServer, String) {
    let key = dev_key(&claims(Plan::Premium, 30));
    let server =
        TestServer::start_with(db, Options { license: Some(&key), env: env(true), ..Options::default() }).await;
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    (server, admin)
}

#[tokio::test]
async fn events_arrive_signed_and_a_failing_receiver_is_retried() {
    for db in backends() {
        let (server, admin) = start(&db).await;
        let (url, got) = receiver(1).await;
        let events = json!(["idea.published", "comment.posted", "idea.status_changed"]);
        let args = json!({ "u": url, "e": events });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, args.clone()).await), "feature_disabled");
        enable_feature(&server, &admin, "webhooks").await;
        let plain = server.graphql_as(&admin, CREATE, json!({ "u": "http://crm.example.org/hook", "e": events })).await;
        assert_eq!(error_code(&plain), "webhook_url_invalid");
        let none = server.graphql_as(&admin, CREATE, json!({ "u": url, "e": [] })).await;
        assert_eq!(error_code(&none), "webhook_events_required");
        let created = server.graphql_as(&admin, CREATE, args).await;
        let hook = &created["data"]["createWebhook"];
        let (id, secret) = (hook["id"].as_str().unwrap().to_owned(), hook["secret"].as_str().unwrap().to_owned());
        assert!(secret.starts_with("whsec_"), "{created}");

        // The first attempt fails (503); the retry, seconds later here, succeeds.
        let phase = open_ideation(&server, &admin).await;
        let idea = server.graphql_as(&admin, POST, json!({ "ph": phase, "t": "More benches" })).await;
        let idea = idea["data"]["postIdea"]["id"].as_str().unwrap().to_owned();
        let requests = wait_for(&got, 2).await;
        assert_eq!(requests[0].1, requests[1].1, "the retry sends the same body");
        assert_eq!(requests[0].0["townhall-delivery"], requests[1].0["townhall-delivery"]);
        let body = verified(&secret, &requests[1]);
        assert_eq!(body["event"], "idea.published");
        assert_eq!(body["data"]["id"].to_string(), idea);
        assert_eq!(body["data"]["title"], "More benches");
        assert_eq!(requests[1].0["townhall-event"], "idea.published");
        let log = server.graphql_as(&admin, DELIVERIES, json!({ "i": id })).await;
        let first = &log["data"]["webhook"]["deliveries"][0];
        assert_eq!((first["status"].as_str(), first["attempts"].as_i64()), (Some("delivered"), Some(2)), "{log}");
        assert_eq!(first["lastStatusCode"], 204);

        // A comment and a status change follow, in order.
        let comment = "mutation($i: ID!) { postComment(ideaId: $i, body: \"Yes please\") { id } }";
        server.graphql_as(&admin, comment, json!({ "i": idea })).await;
        let statuses = server.graphql("{ ideaStatuses { id code } }", Value::Null).await;
        let accepted = statuses["data"]["ideaStatuses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == "accepted")
            .unwrap()["id"]
            .clone();
        let set = "mutation($i: ID!, $s: ID!) { setIdeaStatus(ideaId: $i, statusId: $s) { statusCode } }";
        server.graphql_as(&admin, set, json!({ "i": idea, "s": accepted })).await;
        let requests = wait_for(&got, 4).await;
        let kinds: Vec<Value> = requests[2..].iter().map(|r| verified(&secret, r)["event"].clone()).collect();
        assert_eq!(kinds, [json!("comment.posted"), json!("idea.status_changed")]);
        assert_eq!(verified(&secret, &requests[3])["data"]["to"], "accepted");

        // A paused endpoint gets nothing new.
        let pause = "mutation($i: ID!) { setWebhookActive(id: $i, active: false) { active } }";
        server.graphql_as(&admin, pause, json!({ "i": id })).await;
        server.graphql_as(&admin, POST, json!({ "ph": phase, "t": "Shade trees" })).await;
        let log = server.graphql_as(&admin, DELIVERIES, json!({ "i": id })).await;
        assert_eq!(log["data"]["webhook"]["deliveries"].as_array().unwrap().len(), 3, "{log}");
    }
}

#[tokio::test]
async fn without_the_licence_nothing_is_sent_and_the_core_works() {
    let (licensed, admin) = start(&Db::Sqlite).await;
    enable_feature(&licensed, &admin, "webhooks").await;
    let (url, got) = receiver(0).await;
    licensed.graphql_as(&admin, CREATE, json!({ "u": url, "e": ["idea.published"] })).await;
    let phase = open_ideation(&licensed, &admin).await;
    let url_db = licensed.database_url.clone();
    // Stopped, its directory kept: the database lives there.
    let mut licensed = licensed;
    licensed.kill();
    // A tampered key is used as given (decision 0002): the licence is invalid.
    let tampered = tamper(&dev_key(&claims(Plan::Premium, 30)), 1);
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir, url_db, Options { license: Some(&tampered), ..Options::default() }).await;
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    let posted = server.graphql_as(&admin, POST, json!({ "ph": phase, "t": "Benches" })).await;
    assert!(posted["data"]["postIdea"]["id"].is_string(), "the core works: {posted}");
    assert_eq!(error_code(&server.graphql_as(&admin, "{ webhooks { id } }", Value::Null).await), "license_required");
    let cookie = server.cookie_for("boss@example.org").await;
    assert_eq!(server.get_as(&cookie, "/admin/webhooks").await.status(), 403);
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(got.lock().unwrap().is_empty(), "nothing is sent while the licence has lapsed");
}

#[tokio::test]
async fn the_back_office_registers_an_endpoint_and_shows_its_deliveries() {
    let (server, admin) = start(&Db::Sqlite).await;
    enable_feature(&server, &admin, "webhooks").await;
    server.register("ana@example.org", "Ana").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    assert_eq!(server.get_as(&ana, "/admin/webhooks").await.status(), 403);
    let (url, got) = receiver(usize::MAX).await;

    let bad = server.post_form(&boss, "/admin/webhooks", &[("url", "ftp://x"), ("events", "idea.published")]).await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("Enter an https:"));
    let bad = server.post_form(&boss, "/admin/webhooks", &[("url", &url)]).await;
    assert!(bad.text().await.unwrap().contains("Choose at least one event."));
    let form =
        [("url", url.as_str()), ("description", "CRM"), ("events", "idea.published"), ("events", "phase.started")];
    let created = server.post_form(&boss, "/admin/webhooks", &form).await;
    assert_eq!(created.status(), 303);
    let page = created.headers()["location"].to_str().unwrap().to_owned();
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    assert!(detail.contains("whsec_") && detail.contains("A phase starts"), "{detail}");

    // A receiver that always fails: the page shows the failure and offers to try again.
    let phase = open_ideation(&server, &admin).await;
    server.graphql_as(&admin, POST, json!({ "ph": phase, "t": "Benches" })).await;
    wait_for(&got, 1).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let detail = loop {
        let detail = server.get_as(&boss, &format!("{page}?lang=fr")).await.text().await.unwrap();
        if detail.contains("Réessayer maintenant") || Instant::now() > deadline {
            break detail;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(detail.contains("(503)") && detail.contains("Réessayer maintenant"), "{detail}");
    let retry = format!("{page}/deliveries/1/retry");
    assert_eq!(server.post_form(&boss, &retry, &[]).await.status(), 303);
    wait_for(&got, 2).await;
    let paused = server.post_form(&boss, &format!("{page}/active"), &[("active", "false")]).await;
    assert_eq!(paused.status(), 303);
    assert!(server.get_as(&boss, "/admin/webhooks").await.text().await.unwrap().contains("paused"));
    assert_eq!(server.post_form(&boss, &format!("{page}/delete"), &[]).await.status(), 303);
    assert_eq!(server.get_as(&boss, &page).await.status(), 404);
}

/// The deliveries of endpoint `id` once none is pending any more.
async fn settled(server: &TestServer, admin: &str, id: &str) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let log = server.graphql_as(admin, DELIVERIES, json!({ "i": id })).await;
        let all = log["data"]["webhook"]["deliveries"].as_array().cloned().unwrap_or_default();
        if !all.is_empty() && all.iter().all(|d| d["status"] != "pending") {
            return all;
        }
        assert!(Instant::now() < deadline, "still pending: {log}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn private_targets_are_refused_unless_the_operator_allows_them() {
    for db in backends() {
        // An endpoint on this machine, registered while the operator allowed it…
        let (allowed, admin) = start(&db).await;
        enable_feature(&allowed, &admin, "webhooks").await;
        let (url, got) = receiver(0).await;
        let created = allowed.graphql_as(&admin, CREATE, json!({ "u": url, "e": ["idea.published"] })).await;
        let written = created["data"]["createWebhook"]["id"].as_str().unwrap().to_owned();
        let phase = open_ideation(&allowed, &admin).await;
        let database_url = allowed.database_url.clone();
        let mut allowed = allowed;
        allowed.kill();

        // …then the same platform with the switch off (the default).
        let key = dev_key(&claims(Plan::Premium, 30));
        let options = Options { license: Some(&key), env: env(false), ..Options::default() };
        let server = TestServer::start_in(tempfile::tempdir().unwrap(), database_url, options).await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        for private in ["https://10.0.0.1/hook", "https://[::ffff:169.254.169.254]/latest", url.as_str()] {
            let refused = server.graphql_as(&admin, CREATE, json!({ "u": private, "e": ["idea.published"] })).await;
            assert_eq!(error_code(&refused), "webhook_url_private", "{private} on {}", db.name());
        }
        let boss = server.cookie_for("boss@example.org").await;
        let form = [("url", "https://192.168.1.1/hook"), ("events", "idea.published")];
        let page = server.post_form(&boss, "/admin/webhooks", &form).await;
        assert_eq!(page.status(), 422);
        assert!(page.text().await.unwrap().contains("This address is not on the public internet"));
        // A name is accepted when registered, and resolved at each delivery.
        let port = url.trim_start_matches("http://127.0.0.1:").trim_end_matches("/hook");
        let named = format!("https://localhost:{port}/hook");
        let created = server.graphql_as(&admin, CREATE, json!({ "u": named, "e": ["idea.published"] })).await;
        let named_id = created["data"]["createWebhook"]["id"].as_str().unwrap().to_owned();

        server.graphql_as(&admin, POST, json!({ "ph": phase, "t": "Benches" })).await;
        let written = settled(&server, &admin, &written).await;
        assert_eq!(written[0]["status"], "dead", "given up at once: {written:?}");
        assert_eq!(written[0]["attempts"], 1);
        assert_eq!(written[0]["lastError"], "not a public address: 127.0.0.1 (loopback)");
        let named = settled(&server, &admin, &named_id).await;
        assert_eq!((named[0]["status"].as_str(), named[0]["attempts"].as_i64()), (Some("dead"), Some(1)));
        let error = named[0]["lastError"].as_str().unwrap();
        assert!(error.starts_with("not a public address: localhost → ") && error.ends_with("(loopback)"), "{error}");
        assert!(got.lock().unwrap().is_empty(), "nothing reached the receiver");
        let detail = server.get_as(&boss, &format!("/admin/webhooks/{named_id}?lang=nl")).await.text().await.unwrap();
        assert!(detail.contains("Niet verstuurd: localhost → "), "{detail}");
    }
}
