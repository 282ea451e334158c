// SPDX-License-Identifier: AGPL-3.0-only
//! Webhooks (Premium, issue #8): administrators register endpoints for events; each event is
//! posted as signed JSON (checked here with an HMAC-SHA256 written from its definition, RFC
//! 2104), a failing receiver is retried with back-off and the delivery log shows it; paused
//! endpoints and a lapsed licence send nothing; addresses that are not public are refused
//! unless the operator allows them (issue #10). Test events, redeliveries and secret rotation
//! with its grace period (issue #15), checked also by the verifying samples of docs/webhooks.md
//! in Python, JavaScript and Rust, run as printed there.
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "support/verify_webhook.rs"]
mod verify_webhook;

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

/// The `t` and the `v1` values of a request's `Townhall-Signature`.
fn signature_of(headers: &HeaderMap) -> (String, Vec<String>) {
    let header = headers["townhall-signature"].to_str().unwrap();
    let mut items = header.split(',');
    let t = items.next().unwrap().strip_prefix("t=").unwrap().to_owned();
    (t, items.map(|v| v.strip_prefix("v1=").unwrap().to_owned()).collect())
}

/// Whether one of the request's signatures is the endpoint's `secret`'s, with a fresh time.
fn signed_with(secret: &str, (headers, body): &(HeaderMap, String)) -> bool {
    let (t, signatures) = signature_of(headers);
    let age = chrono::Utc::now().timestamp() - t.parse::<i64>().unwrap();
    assert!((0..300).contains(&age), "a fresh timestamp");
    let expected = reference_hmac(secret.as_bytes(), format!("{t}.{body}").as_bytes());
    signatures.contains(&expected)
}

/// Checks the signature of a request with the endpoint's secret; returns the body as JSON.
fn verified(secret: &str, request: &(HeaderMap, String)) -> Value {
    assert!(signed_with(secret, request), "the signature verifies");
    assert_eq!(request.0["content-type"], "application/json");
    serde_json::from_str(&request.1).unwrap()
}

const CREATE: &str =
    "mutation($u: String!, $e: [String!]!) { createWebhook(url: $u, events: $e) { id secret events active } }";
const DELIVERIES: &str =
    "query($i: ID!) { webhook(id: $i) { deliveries { nodes { event status attempts lastStatusCode lastError } } } }";
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
        let first = &log["data"]["webhook"]["deliveries"]["nodes"][0];
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
        assert_eq!(log["data"]["webhook"]["deliveries"]["nodes"].as_array().unwrap().len(), 3, "{log}");
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
        let all = log["data"]["webhook"]["deliveries"]["nodes"].as_array().cloned().unwrap_or_default();
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

const DELIVERY_IDS: &str =
    "query($i: ID!) { webhook(id: $i) { deliveries { nodes { id event status redeliveryOf } } } }";
const TEST_EVENT: &str = "mutation($i: ID!) { sendWebhookTestEvent(id: $i) { id event status } }";
const REDELIVER: &str = "mutation($i: ID!) { redeliverWebhookDelivery(id: $i) { id event redeliveryOf } }";
const ROTATE: &str = "mutation($i: ID!) { rotateWebhookSecret(id: $i) { secret previousSecretExpiresAt } }";

/// docs/webhooks.md, whose samples the tests run as printed.
const DOC: &str = include_str!("../../../docs/webhooks.md");

/// The code block of `language` in docs/webhooks.md.
fn doc_sample(language: &str) -> &'static str {
    let fence = format!("```{language}\n");
    let start = DOC.find(&fence).unwrap_or_else(|| panic!("no {language} sample")) + fence.len();
    &DOC[start..start + DOC[start..].find("```").unwrap()]
}

/// Whether the Python, the JavaScript and the Rust samples of the docs accept `request` with
/// `secret`.
fn samples_accept(secret: &str, (headers, body): &(HeaderMap, String)) -> [bool; 3] {
    let header = headers["townhall-signature"].to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let body_file = dir.path().join("body");
    std::fs::write(&body_file, body).unwrap();
    let python = format!(
        "{}\nimport os, sys\nbody = open(os.environ['TH_BODY'], 'rb').read()\n\
         sys.exit(0 if verify_townhall_signature(os.environ['TH_SECRET'], os.environ['TH_HEADER'], body) else 3)\n",
        doc_sample("python")
    );
    let node = format!(
        "{}\nconst body = require('node:fs').readFileSync(process.env.TH_BODY);\n\
         process.exit(verifyTownhallSignature(process.env.TH_SECRET, process.env.TH_HEADER, body) ? 0 : 3);\n",
        doc_sample("javascript")
    );
    let run = |program: &str, file: &str, code: String| {
        let path = dir.path().join(file);
        std::fs::write(&path, code).unwrap();
        let out = std::process::Command::new(program)
            .arg(&path)
            .env("TH_SECRET", secret)
            .env("TH_HEADER", header)
            .env("TH_BODY", &body_file)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        match out.status.code() {
            Some(0) => true,
            Some(3) => false,
            _ => panic!("{program} failed: {}", String::from_utf8_lossy(&out.stderr)),
        }
    };
    let now = chrono::Utc::now().timestamp();
    [
        run("python3", "verify.py", python),
        run("node", "verify.js", node),
        verify_webhook::verify_townhall_signature(secret, header, body.as_bytes(), now, 300),
    ]
}

#[test]
fn the_rust_sample_is_the_one_printed_in_the_docs() {
    let file = include_str!("support/verify_webhook.rs");
    let code: String = file.split_inclusive('\n').skip(3).collect();
    assert_eq!(doc_sample("rust"), code, "docs/webhooks.md and tests/support/verify_webhook.rs differ");
}

fn string(value: &Value) -> String {
    value.as_str().unwrap_or_else(|| panic!("not a string: {value}")).to_owned()
}

#[tokio::test]
async fn test_events_redeliveries_and_secret_rotation() {
    for db in backends() {
        let (server, admin) = start(&db).await;
        enable_feature(&server, &admin, "webhooks").await;
        let (url, got) = receiver(0).await;
        let created = server.graphql_as(&admin, CREATE, json!({ "u": url, "e": ["phase.started"] })).await;
        let (id, first) =
            (string(&created["data"]["createWebhook"]["id"]), string(&created["data"]["createWebhook"]["secret"]));

        // A test event: a ping to this endpoint, whatever it hears, signed like any event.
        let ping = server.graphql_as(&admin, TEST_EVENT, json!({ "i": id })).await;
        assert_eq!(ping["data"]["sendWebhookTestEvent"]["event"], "ping", "{ping}");
        let ping_id = string(&ping["data"]["sendWebhookTestEvent"]["id"]);
        let requests = wait_for(&got, 1).await;
        let body = verified(&first, &requests[0]);
        assert_eq!((body["event"].as_str(), body["data"]["webhook_id"].to_string()), (Some("ping"), id.clone()));
        assert_eq!(requests[0].0["townhall-event"], "ping");
        assert_eq!(requests[0].0["townhall-delivery"].to_str().unwrap(), ping_id);
        assert_eq!(signature_of(&requests[0].0).1.len(), 1, "one secret, one signature");
        assert_eq!(samples_accept(&first, &requests[0]), [true; 3], "the documented verifiers accept it");
        assert_eq!(samples_accept("whsec_other", &requests[0]), [false; 3], "and refuse another secret");
        let log = settled(&server, &admin, &id).await;
        assert_eq!((log[0]["event"].as_str(), log[0]["status"].as_str()), (Some("ping"), Some("delivered")));

        // A redelivery: the same body under a new delivery id, signed afresh.
        let again = server.graphql_as(&admin, REDELIVER, json!({ "i": ping_id })).await;
        let again = &again["data"]["redeliverWebhookDelivery"];
        assert_eq!((again["event"].as_str(), again["redeliveryOf"].as_str()), (Some("ping"), Some(ping_id.as_str())));
        let requests = wait_for(&got, 2).await;
        assert_eq!(requests[1].1, requests[0].1, "the same body, event id included");
        assert_eq!(requests[1].0["townhall-delivery"].to_str().unwrap(), string(&again["id"]));
        verified(&first, &requests[1]);
        let log = server.graphql_as(&admin, DELIVERY_IDS, json!({ "i": id })).await;
        assert_eq!(log["data"]["webhook"]["deliveries"]["nodes"][0]["redeliveryOf"], ping_id.as_str(), "{log}");

        // A rotation: for the grace period, each request is signed with both secrets.
        let rotated = server.graphql_as(&admin, ROTATE, json!({ "i": id })).await;
        let second = string(&rotated["data"]["rotateWebhookSecret"]["secret"]);
        assert!(second.starts_with("whsec_") && second != first, "{rotated}");
        let until = string(&rotated["data"]["rotateWebhookSecret"]["previousSecretExpiresAt"]);
        let hours = (chrono::DateTime::parse_from_rfc3339(&until).unwrap().timestamp() - chrono::Utc::now().timestamp())
            as f64
            / 3600.0;
        assert!((23.9..=24.0).contains(&hours), "a day of grace: {until}");
        server.graphql_as(&admin, TEST_EVENT, json!({ "i": id })).await;
        let requests = wait_for(&got, 3).await;
        let during = &requests[2];
        assert_eq!(signature_of(&during.0).1.len(), 2, "{:?}", during.0);
        assert!(signed_with(&second, during) && signed_with(&first, during), "either secret verifies");
        assert_eq!(samples_accept(&second, during), [true; 3]);
        assert_eq!(samples_accept(&first, during), [true; 3]);

        // A second rotation within the grace replaces the previous secret: the first is gone.
        let rotated = server.graphql_as(&admin, ROTATE, json!({ "i": id })).await;
        let third = string(&rotated["data"]["rotateWebhookSecret"]["secret"]);
        server.graphql_as(&admin, TEST_EVENT, json!({ "i": id })).await;
        let requests = wait_for(&got, 4).await;
        let again = &requests[3];
        assert!(signed_with(&third, again) && signed_with(&second, again) && !signed_with(&first, again));
        assert_eq!(samples_accept(&first, again), [false; 3], "the first secret no longer signs");

        // After the grace period only the newest secret signs.
        let past = format!("UPDATE webhooks SET previous_secret_expires_at = created_at WHERE id = {id}");
        server.execute_sql(&past).await;
        let state = server
            .graphql_as(&admin, "query($i: ID!) { webhook(id: $i) { previousSecretExpiresAt } }", json!({ "i": id }))
            .await;
        assert!(state["data"]["webhook"]["previousSecretExpiresAt"].is_null(), "{state}");
        server.graphql_as(&admin, TEST_EVENT, json!({ "i": id })).await;
        let requests = wait_for(&got, 5).await;
        let after = &requests[4];
        assert_eq!(signature_of(&after.0).1.len(), 1);
        assert!(signed_with(&third, after) && !signed_with(&second, after), "{}", db.name());
        assert_eq!(samples_accept(&third, after), [true; 3]);
        assert_eq!(samples_accept(&second, after), [false; 3]);
    }
}

#[tokio::test]
async fn the_back_office_sends_a_test_event_sends_again_and_rotates_the_secret() {
    let (server, admin) = start(&Db::Sqlite).await;
    enable_feature(&server, &admin, "webhooks").await;
    server.register("ana@example.org", "Ana").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    let (url, got) = receiver(0).await;
    let created =
        server.post_form(&boss, "/admin/webhooks", &[("url", url.as_str()), ("events", "idea.published")]).await;
    let page = created.headers()["location"].to_str().unwrap().to_owned();
    let id = page.rsplit('/').next().unwrap().to_owned();
    let secret_of = |html: &str| {
        let start = html.find("value=\"whsec_").unwrap() + "value=\"".len();
        html[start..start + html[start..].find('"').unwrap()].to_owned()
    };
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    assert!(detail.contains("Send a test event") && detail.contains("Rotate the secret"), "{detail}");
    for (lang, label) in [("nl", "Een testgebeurtenis versturen"), ("fr", "Renouveler le secret")] {
        let translated = server.get_as(&boss, &format!("{page}?lang={lang}")).await.text().await.unwrap();
        assert!(translated.contains(label), "{lang}");
    }
    let first = secret_of(&detail);

    assert_eq!(server.post_form(&ana, &format!("{page}/test"), &[]).await.status(), 403);
    assert_eq!(server.post_form(&boss, &format!("{page}/test"), &[]).await.status(), 303);
    let requests = wait_for(&got, 1).await;
    assert_eq!(verified(&first, &requests[0])["event"], "ping");
    settled(&server, &admin, &id).await;
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    assert!(detail.contains("Test event") && detail.contains("Send again"), "{detail}");

    let delivery = requests[0].0["townhall-delivery"].to_str().unwrap().to_owned();
    let again = server.post_form(&boss, &format!("{page}/deliveries/{delivery}/redeliver"), &[]).await;
    assert_eq!(again.status(), 303);
    let requests = wait_for(&got, 2).await;
    assert_eq!(requests[1].1, requests[0].1);
    settled(&server, &admin, &id).await;
    assert!(server.get_as(&boss, &page).await.text().await.unwrap().contains("sent again"));

    assert_eq!(server.post_form(&ana, &format!("{page}/rotate"), &[]).await.status(), 403);
    assert_eq!(server.post_form(&boss, &format!("{page}/rotate"), &[]).await.status(), 303);
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    let second = secret_of(&detail);
    assert_ne!(second, first);
    assert!(detail.contains("The previous secret still signs"), "{detail}");
    server.post_form(&boss, &format!("{page}/test"), &[]).await;
    let requests = wait_for(&got, 3).await;
    assert!(signed_with(&first, &requests[2]) && signed_with(&second, &requests[2]));
}
