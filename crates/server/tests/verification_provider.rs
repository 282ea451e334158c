// SPDX-License-Identifier: AGPL-3.0-only
//! Premium's identity verification through an identity provider (an eID), against the same
//! real provider as the sign-in tests, on both databases: one person verifies one account, the
//! provider's subject is kept only as a keyed hash, its claims answer registration questions,
//! and a forged answer verifies nothing.
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "support/oidc.rs"]
mod oidc;

use common::*;
use oidc::{CLIENT_ID, CLIENT_SECRET, OidcProvider};
use serde_json::{Value, json};
use townhall_core::sea_orm::{ConnectionTrait, Statement};
use townhall_license::Plan;

async fn rows(server: &TestServer, sql: &str) -> Vec<String> {
    let conn = townhall_core::db::connect(&server.database_url).await.unwrap();
    let backend = conn.get_database_backend();
    let found = conn.query_all_raw(Statement::from_string(backend, sql.to_owned())).await.unwrap();
    conn.close().await.ok();
    found.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect()
}

/// Starts a verification for the signed-in `session` and signs in at the provider as `login`:
/// the provider's answer and the browser's cookies.
async fn authorized(server: &TestServer, provider: &OidcProvider, session: &str, login: &str) -> (String, String) {
    let r = server.get_as(session, "/verify/oidc/eid?next=/projects/parks").await;
    assert_eq!(r.status(), 303);
    let flow = r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    provider.forget_session();
    let back = provider.authorize(r.headers()["location"].to_str().unwrap(), login).await;
    assert!(back.starts_with(&server.url("/verify/oidc/eid/callback?")), "{back}");
    (back, format!("{session}; {flow}"))
}

/// Opens the provider's answer (an absolute address) with `cookies`.
async fn answer(server: &TestServer, cookies: &str, url: &str) -> reqwest::Response {
    server.http.get(url).header("cookie", cookies).send().await.unwrap()
}

async fn verified(server: &TestServer, token: &str) -> bool {
    server.graphql_as(token, "{ viewer { verified } }", Value::Null).await["data"]["viewer"]["verified"] == true
}

#[tokio::test]
async fn residents_verify_once_through_an_identity_provider() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Premium).await;
        let Some(provider) = OidcProvider::start(&[server.url("/verify/oidc/eid/callback")]) else { return };
        for feature in ["single_sign_on", "identity_verification", "custom_registration_fields", "smart_groups"] {
            enable_feature(&server, &admin, feature).await;
        }
        let boss = server.cookie_for("boss@example.org").await;
        let born = [("kind", "birth_year"), ("title_en", "Year of birth")];
        assert_eq!(server.post_form(&boss, "/admin/registration-fields", &born).await.status(), 303);
        let eid = [
            ("label", "City eID"),
            ("slug", "eid"),
            ("purpose", "verification"),
            ("issuer", provider.issuer.as_str()),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("scopes", "openid profile city"),
            ("claim_field_1", "birth_year"),
        ];
        let r = server.post_form(&boss, "/admin/sign-in-providers", &eid).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let page = server.get_as(&boss, r.headers()["location"].to_str().unwrap()).await.text().await.unwrap();
        assert!(page.contains("&#x2f;verify&#x2f;oidc&#x2f;eid&#x2f;callback"), "the address to register");
        // A verification provider is no way to sign in.
        assert!(!server.get("/sign-in").await.text().await.unwrap().contains("City eID"));
        assert_eq!(server.get("/auth/oidc/eid").await.status(), 404);

        server.register("ana@example.org", "Ana").await;
        server.register("ben@example.org", "Ben").await;
        let ana = server.cookie_for("ana@example.org").await;
        let ana_token = server.login("ana@example.org", PASSWORD).await.unwrap();
        let offer = server.get_as(&ana, "/verify").await.text().await.unwrap();
        assert!(offer.contains("Verify with City eID"), "{offer}");

        // A forged answer verifies nothing.
        let (back, cookies) = authorized(&server, &provider, &ana, "carla-sub").await;
        provider.tamper("key", None).await;
        let r = answer(&server, &cookies, &back).await;
        assert_eq!(r.status(), 400, "{}", db.name());
        assert!(r.text().await.unwrap().contains("Verification did not work"));
        assert!(!verified(&server, &ana_token).await);
        assert!(rows(&server, "SELECT method FROM identity_verifications").await.is_empty());

        // The real answer verifies Ana, with the claims' year of birth.
        let (back, cookies) = authorized(&server, &provider, &ana, "carla-sub").await;
        let r = answer(&server, &cookies, &back).await;
        assert_eq!(r.headers()["location"], "/projects/parks", "{}", db.name());
        assert!(verified(&server, &ana_token).await);
        assert_eq!(rows(&server, "SELECT method FROM identity_verifications").await, ["oidc:eid"]);
        let kept = rows(&server, "SELECT identity_hash FROM identity_verifications").await;
        assert_eq!(kept[0].len(), 64, "a keyed hash: {kept:?}");
        assert!(!kept[0].contains("carla"), "the subject itself is not stored");
        let answers = server.graphql_as(&ana_token, "{ myRegistrationAnswers }", Value::Null).await;
        assert_eq!(answers["data"]["myRegistrationAnswers"], json!({ "field_1": ["1985"] }), "{answers}");
        // A smart group of verified residents born in the eighties counts what the provider proved.
        let create = "mutation($n: JSON!, $r: SmartGroupRulesInput!) { createSmartGroup(name: $n, rules: $r) { id } }";
        let rules = json!({ "n": { "en": "Verified, born 1980-1989" }, "r": { "verified": true, "bornFrom": 1980, "bornTo": 1989 } });
        let group = server.graphql_as(&admin, create, rules).await;
        let group = group["data"]["createSmartGroup"]["id"].clone();
        let groups = server.graphql_as(&ana_token, "{ viewer { groupIds } }", Value::Null).await;
        assert_eq!(groups["data"]["viewer"]["groupIds"], json!([group]), "{groups}");
        // The answer replayed verifies no one else, and once verified there is nothing to start.
        let ben = server.cookie_for("ben@example.org").await;
        assert_eq!(
            answer(&server, &format!("{ben}; {}", cookies.split("; ").nth(1).unwrap()), &back).await.status(),
            400
        );
        assert_eq!(server.get_as(&ana, "/verify/oidc/eid").await.headers()["location"], "/verify");

        // The same person cannot verify Ben's account too.
        let (back, cookies) = authorized(&server, &provider, &ben, "carla-sub").await;
        let r = answer(&server, &cookies, &back).await;
        assert_eq!(r.status(), 403);
        assert!(r.text().await.unwrap().contains("already verified another account"));
        let ben_token = server.login("ben@example.org", PASSWORD).await.unwrap();
        assert!(!verified(&server, &ben_token).await);
        assert_eq!(rows(&server, "SELECT method FROM identity_verifications").await.len(), 1);

        // A verification started by one account cannot finish in another's session.
        let (back, cookies) = authorized(&server, &provider, &ben, "alice-sub").await;
        let flow = cookies.split("; ").nth(1).unwrap();
        let r = answer(&server, &format!("{ana}; {flow}"), &back).await;
        assert_eq!(r.status(), 400);
        assert_eq!(rows(&server, "SELECT method FROM identity_verifications").await.len(), 1);

        // Ana's data names the method; deleting her account frees the identity for Ben.
        let data = server.get_as(&ana, "/account/data.json").await.text().await.unwrap();
        assert!(data.contains("oidc:eid"), "{data}");
        let r =
            server.post_form(&ana, "/account/delete", &[("content", "anonymize"), ("delete_password", PASSWORD)]).await;
        assert_eq!(r.status(), 303);
        let (back, cookies) = authorized(&server, &provider, &ben, "carla-sub").await;
        assert_eq!(answer(&server, &cookies, &back).await.headers()["location"], "/projects/parks");
        assert!(verified(&server, &ben_token).await);
    }
}
