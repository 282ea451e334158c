// SPDX-License-Identifier: AGPL-3.0-only
//! API tokens (Premium, issue #8): administrators create named tokens with read or read-write
//! scope; a token authenticates GraphQL requests as its creator, is refused once revoked or
//! when the licence lapses, is limited per minute, and its use is logged. A `read_public` token,
//! the default since issue #15, reads no personal data; `read` tokens made before keep theirs.
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const CREATE: &str = "mutation($n: String!, $s: ApiTokenScope!, $r: Int) { createApiToken(name: $n, scope: $s, requestsPerMinute: $r) { secret token { id name scope hint requestsPerMinute createdBy revokedAt } } }";

async fn create(server: &TestServer, admin: &str, name: &str, scope: &str, rate: Option<i32>) -> (String, String) {
    let answer = server.graphql_as(admin, CREATE, json!({ "n": name, "s": scope, "r": rate })).await;
    let created = &answer["data"]["createApiToken"];
    let secret = created["secret"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned();
    (created["token"]["id"].as_str().unwrap().to_owned(), secret)
}

async fn post_status(server: &TestServer, token: &str, query: &str) -> (u16, Option<String>) {
    let answer = reqwest::Client::new()
        .post(server.url("/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap();
    let retry = answer.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    (answer.status().as_u16(), retry)
}

#[tokio::test]
async fn a_token_reads_and_writes_as_its_creator_within_its_scope_and_rate() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Premium).await;
        server.register("ana@example.org", "Ana").await;
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let args = json!({ "n": "Open data portal", "s": "READ" });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, args.clone()).await), "feature_disabled");
        enable_feature(&server, &admin, "api_tokens").await;
        assert_eq!(error_code(&server.graphql_as(&ana, CREATE, args).await), "forbidden", "{}", db.name());
        let blank = server.graphql_as(&admin, CREATE, json!({ "n": "  ", "s": "READ" })).await;
        assert_eq!(error_code(&blank), "token_name_length");
        let fast = server.graphql_as(&admin, CREATE, json!({ "n": "Fast", "s": "READ", "r": 6001 })).await;
        assert_eq!(error_code(&fast), "token_rate_invalid");

        let (reader_id, reader) = create(&server, &admin, "Open data portal", "READ", None).await;
        let (_, writer) = create(&server, &admin, "City CRM", "READ_WRITE", Some(1000)).await;
        assert!(reader.starts_with("th_api_") && reader.len() > 60, "{reader}");
        let viewer = server.graphql_as(&reader, "{ viewer { email } }", Value::Null).await;
        assert_eq!(viewer["data"]["viewer"]["email"], "boss@example.org", "the token acts as its creator: {viewer}");

        // A read token runs no mutation; a read-write one does, but never manages tokens.
        let switch = "mutation { setFeatureEnabled(id: \"webhooks\", enabled: true) { active } }";
        assert_eq!(error_code(&server.graphql_as(&reader, switch, Value::Null).await), "read_only_token");
        let mixed =
            "query Q { viewer { id } } mutation M { setFeatureEnabled(id: \"webhooks\", enabled: true) { active } }";
        assert_eq!(error_code(&server.graphql_as(&reader, mixed, Value::Null).await), "read_only_token");
        let switched = server.graphql_as(&writer, switch, Value::Null).await;
        assert_eq!(switched["data"]["setFeatureEnabled"]["active"], true, "{switched}");
        let by_token = server.graphql_as(&writer, CREATE, json!({ "n": "Child", "s": "READ" })).await;
        assert_eq!(error_code(&by_token), "forbidden", "{by_token}");
        assert_eq!(error_code(&server.graphql_as(&writer, "{ apiTokens { id } }", Value::Null).await), "forbidden");

        // Tokens open the GraphQL endpoint only, not the pages.
        let page = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let admin_page = page.get(server.url("/admin/users")).bearer_auth(&writer).send().await.unwrap();
        assert_eq!(admin_page.status(), 303, "a token is no session for the back office");

        // Each accepted request is logged.
        let read = "query($i: ID!) { apiToken(id: $i) { lastUsedAt uses { nodes { usedAt client } } } }";
        let read = server.graphql_as(&admin, read, json!({ "i": reader_id })).await;
        let uses = read["data"]["apiToken"]["uses"]["nodes"].as_array().unwrap();
        assert_eq!(uses.len(), 3, "{read}");
        assert_eq!(uses[0]["client"], "127.0.0.1");
        assert!(read["data"]["apiToken"]["lastUsedAt"].is_string());

        // Over its rate a token waits for the next minute.
        let (_, slow) = create(&server, &admin, "Slow", "READ", Some(2)).await;
        for _ in 0..2 {
            assert_eq!(post_status(&server, &slow, "{ viewer { id } }").await.0, 200);
        }
        let (status, retry) = post_status(&server, &slow, "{ viewer { id } }").await;
        assert_eq!(status, 429);
        assert!(retry.unwrap().parse::<u64>().unwrap() >= 1);

        // Revoked and unknown tokens are refused, not taken as a visitor.
        let revoke = "mutation($i: ID!) { revokeApiToken(id: $i) { revokedAt } }";
        let revoked = server.graphql_as(&admin, revoke, json!({ "i": reader_id })).await;
        assert!(revoked["data"]["revokeApiToken"]["revokedAt"].is_string(), "{revoked}");
        assert_eq!(post_status(&server, &reader, "{ viewer { id } }").await.0, 401);
        assert_eq!(post_status(&server, "th_api_0000", "{ viewer { id } }").await.0, 401);
        let listed = server.graphql_as(&admin, "{ apiTokens { name createdBy revokedAt } }", Value::Null).await;
        let listed = listed["data"]["apiTokens"].as_array().unwrap().clone();
        assert_eq!(listed.len(), 3);
        assert_eq!(listed[2]["name"], "Open data portal");
        assert!(listed[2]["createdBy"].is_string() && listed[2]["revokedAt"].is_string(), "{listed:?}");
        let audit = server.graphql_as(&admin, "{ auditLog { nodes { action } } }", Value::Null).await;
        assert!(audit.to_string().contains("api_token.revoke"), "{audit}");
    }
}

#[tokio::test]
async fn a_token_stops_when_the_licence_lapses_and_the_core_works() {
    let (licensed, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&licensed, &admin, "api_tokens").await;
    let (_, secret) = create(&licensed, &admin, "Reporting", "READ", None).await;
    assert_eq!(post_status(&licensed, &secret, "{ viewer { id } }").await.0, 200);
    let url = licensed.database_url.clone();
    let expired = dev_key(&claims(Plan::Premium, -45));
    let standard = dev_key(&claims(Plan::Standard, 30));
    for license in [Some(standard.as_str()), Some(expired.as_str())] {
        let dir = tempfile::tempdir().unwrap();
        let server = TestServer::start_in(dir, url.clone(), Options { license, ..Options::default() }).await;
        assert_eq!(post_status(&server, &secret, "{ viewer { id } }").await.0, 401);
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let listed = server.graphql_as(&admin, "{ apiTokens { id } }", Value::Null).await;
        assert_eq!(error_code(&listed), "license_required", "{listed}");
        let viewer = server.graphql_as(&admin, "{ viewer { email } }", Value::Null).await;
        assert_eq!(viewer["data"]["viewer"]["email"], "boss@example.org", "sessions still work");
        let cookie = server.cookie_for("boss@example.org").await;
        assert_eq!(server.get_as(&cookie, "/admin/api-tokens").await.status(), 403);
    }
}

#[tokio::test]
async fn the_back_office_shows_a_new_secret_once_and_revokes() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&server, &admin, "api_tokens").await;
    server.register("ana@example.org", "Ana").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    assert_eq!(server.get_as(&ana, "/admin/api-tokens").await.status(), 403);
    let form = [("name", "Sneaky"), ("scope", "read_write"), ("requests_per_minute", "10")];
    assert_eq!(server.post_form(&ana, "/admin/api-tokens", &form).await.status(), 403);

    let bad = server.post_form(&boss, "/admin/api-tokens", &[("name", ""), ("scope", "read")]).await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("The name needs 1 to 80 characters."));
    let bad = server
        .post_form(&boss, "/admin/api-tokens", &[("name", "X"), ("scope", "read"), ("requests_per_minute", "lots")])
        .await;
    assert!(bad.text().await.unwrap().contains("Enter a number from 1 to 6,000."));

    let form = [("name", "Dashboard"), ("scope", "read"), ("requests_per_minute", "60")];
    let created = server.post_form(&boss, "/admin/api-tokens", &form).await;
    assert_eq!(created.status(), 200);
    let page = created.text().await.unwrap();
    let start = page.find("value=\"th_api_").expect("the secret is on the page") + "value=\"".len();
    let secret = &page[start..start + page[start..].find('"').unwrap()];
    assert_eq!(post_status(&server, secret, "{ viewer { id } }").await.0, 200);
    let list = server.get_as(&boss, "/admin/api-tokens").await.text().await.unwrap();
    assert!(list.contains("Dashboard") && list.contains(&secret[..13]), "{list}");
    assert!(!list.contains(secret), "the secret is shown once only");

    let detail = server.get_as(&boss, "/admin/api-tokens/1?lang=fr").await.text().await.unwrap();
    assert!(detail.contains("127.0.0.1") && detail.contains("Révoquer"), "{detail}");
    let revoked = server.post_form(&boss, "/admin/api-tokens/1/revoke", &[]).await;
    assert_eq!(revoked.status(), 303);
    assert_eq!(post_status(&server, secret, "{ viewer { id } }").await.0, 401);
    let detail = server.get_as(&boss, "/admin/api-tokens/1").await.text().await.unwrap();
    assert!(detail.contains("revoked on") && !detail.contains("/revoke\""), "{detail}");
    assert_eq!(server.get_as(&boss, "/admin/api-tokens/99").await.status(), 404);
}

/// API tokens are for `POST /graphql`: the explorer's page (`GET /graphql`) is a browser's
/// page and runs its query as a visitor, whatever token comes with it.
#[tokio::test]
async fn a_token_does_not_open_the_explorer_page() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&server, &admin, "api_tokens").await;
    let (_, reader) = create(&server, &admin, "Open data portal", "READ", None).await;
    let posted = server.graphql_as(&reader, "{ viewer { email } }", Value::Null).await;
    assert_eq!(posted["data"]["viewer"]["email"], "boss@example.org", "{posted}");
    let page = server
        .http
        .get(server.url("/graphql?query=%7B%20viewer%20%7B%20email%20%7D%20%7D"))
        .bearer_auth(&reader)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("viewer") && !page.contains("boss@example.org"), "{page}");
}

#[tokio::test]
async fn a_read_public_token_reads_no_personal_data_and_is_the_default() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Premium).await;
        enable_feature(&server, &admin, "api_tokens").await;
        server.register("ana@example.org", "Ana").await;
        let (_, read) = create(&server, &admin, "Old style reader", "READ", None).await;
        let default = "mutation { createApiToken(name: \"Open data\") { secret token { scope } } }";
        let made = server.graphql_as(&admin, default, Value::Null).await;
        assert_eq!(made["data"]["createApiToken"]["token"]["scope"], "READ_PUBLIC", "the default scope: {made}");
        let public = made["data"]["createApiToken"]["secret"].as_str().unwrap().to_owned();
        let (_, explicit) = create(&server, &admin, "Explicit", "READ_PUBLIC", None).await;

        let users = "{ users(search: \"ana\") { totalCount nodes { id email displayName } } }";
        let listed = server.graphql_as(&read, users, Value::Null).await;
        assert_eq!(listed["data"]["users"]["nodes"][0]["email"], "ana@example.org", "a read token as before: {listed}");
        let ana = listed["data"]["users"]["nodes"][0]["id"].as_str().unwrap().to_owned();
        let profile = "query($i: ID!) { user(id: $i) { id displayName email } }";
        let as_reader = server.graphql_as(&read, profile, json!({ "i": ana })).await;
        assert_eq!(as_reader["data"]["user"]["email"], "ana@example.org", "{as_reader}");

        for token in [&public, &explicit] {
            // A field that may be null answers null, as to a visitor without the right…
            let seen = server.graphql_as(token, profile, json!({ "i": ana })).await;
            assert_eq!(seen["data"]["user"]["displayName"], "Ana", "public profiles stay readable: {seen}");
            assert!(seen["data"]["user"]["email"].is_null() && seen["errors"].is_null(), "{seen}");
            // …one that cannot is refused with a clear error, and nothing of it is given.
            let listed = server.graphql_as(token, users, Value::Null).await;
            assert_eq!(error_code(&listed), "personal_data_scope", "{listed}");
            assert!(!listed.to_string().contains("ana@example.org"), "{listed}");
            let me = server.graphql_as(token, "{ viewer { id email } }", Value::Null).await;
            assert_eq!(error_code(&me), "personal_data_scope", "the account it acts as: {me}");
            assert!(!me.to_string().contains("boss@example.org"));
            let audit = server.graphql_as(token, "{ auditLog { nodes { action actorLabel } } }", Value::Null).await;
            assert_eq!(error_code(&audit), "personal_data_scope", "{audit}");
            // What is not personal reads as with any token.
            let open = server.graphql_as(token, "{ viewer { id } platform { name } }", Value::Null).await;
            assert!(open["errors"].is_null() && open["data"]["viewer"]["id"].is_string(), "{open}");
            let switch = "mutation { setFeatureEnabled(id: \"webhooks\", enabled: true) { active } }";
            assert_eq!(error_code(&server.graphql_as(token, switch, Value::Null).await), "read_only_token");
        }
        // Sessions are not tokens: the administrator reads what they read before.
        let me = server.graphql_as(&admin, "{ viewer { email } }", Value::Null).await;
        assert_eq!(me["data"]["viewer"]["email"], "boss@example.org");
    }
}

#[tokio::test]
async fn the_back_office_offers_read_public_first() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&server, &admin, "api_tokens").await;
    let boss = server.cookie_for("boss@example.org").await;
    let page = server.get_as(&boss, "/admin/api-tokens").await.text().await.unwrap();
    assert!(page.contains("id=\"scope-read_public\" name=\"scope\" value=\"read_public\" checked"), "{page}");
    assert!(page.contains("id=\"scope-read\" name=\"scope\" value=\"read\">"), "{page}");
    for (lang, label) in [("nl", "Openbare gegevens lezen"), ("fr", "Lecture des données publiques")] {
        let translated = server.get_as(&boss, &format!("/admin/api-tokens?lang={lang}")).await.text().await.unwrap();
        assert!(translated.contains(label), "{lang}");
    }
    let form = [("name", "Open data"), ("scope", "read_public"), ("requests_per_minute", "60")];
    let created = server.post_form(&boss, "/admin/api-tokens", &form).await.text().await.unwrap();
    let start = created.find("value=\"th_api_").unwrap() + "value=\"".len();
    let secret = &created[start..start + created[start..].find('"').unwrap()];
    let me = server.graphql_as(secret, "{ viewer { email } }", Value::Null).await;
    assert_eq!(error_code(&me), "personal_data_scope", "{me}");
    let listed = server.graphql_as(&admin, "{ apiTokens { scope } }", Value::Null).await;
    assert_eq!(listed["data"]["apiTokens"][0]["scope"], "READ_PUBLIC");
    let detail = server.get_as(&boss, "/admin/api-tokens/1").await.text().await.unwrap();
    assert!(detail.contains("Read public data"), "{detail}");
}
