// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts end to end: a real server, a real SMTP server, links followed from received mail,
//! sessions by cookie and by bearer token, CSRF, and who may call what.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

async fn server_with_smtp(db: &Db) -> Option<(TestServer, SmtpServer)> {
    let smtp = SmtpServer::start()?;
    let server = TestServer::start_with(db, Options { env: smtp.env(), ..Options::default() }).await;
    Some((server, smtp))
}

#[tokio::test]
async fn sign_up_confirm_from_the_mail_and_sign_in() {
    for db in backends() {
        let Some((server, smtp)) = server_with_smtp(&db).await else { return };
        server.register("ana@example.org", "Ana").await;
        let mail = smtp.wait_for("ana@example.org", 1).await;
        assert_eq!(mail.subject, "Confirm your e-mail address");
        let link = link_in(&mail.text, &server.base);
        assert!(link.contains("/confirm-email?token="), "{link}");

        let token = server.login("ana@example.org", PASSWORD).await.unwrap();
        let viewer =
            server.graphql_as(&token, "{ viewer { email displayName emailConfirmed roles } }", Value::Null).await;
        assert_eq!(viewer["data"]["viewer"]["emailConfirmed"], false, "{viewer}");

        let page = server.http.get(&link).send().await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("Your e-mail address is confirmed"));
        let viewer = server.graphql_as(&token, "{ viewer { email emailConfirmed } }", Value::Null).await;
        assert_eq!(
            viewer["data"]["viewer"],
            json!({ "email": "ana@example.org", "emailConfirmed": true }),
            "{}",
            db.name()
        );

        // The link works once.
        let again = server.http.get(&link).send().await.unwrap().text().await.unwrap();
        assert!(again.contains("This link does not work"));

        // Same answer for a registered address; the owner is told by mail instead.
        server.register("ana@example.org", "Someone").await;
        let warning = smtp.wait_for("ana@example.org", 2).await;
        assert!(warning.subject.contains("tried to sign up"), "{warning:?}");
    }
}

#[tokio::test]
async fn password_reset_from_the_mail_ends_other_sessions() {
    let Some((server, smtp)) = server_with_smtp(&Db::Sqlite).await else { return };
    server.register("ana@example.org", "Ana").await;
    let old = server.login("ana@example.org", PASSWORD).await.unwrap();

    let ask = "mutation($e: String!) { requestPasswordReset(email: $e) }";
    assert_eq!(server.graphql(ask, json!({ "e": "nobody@example.org" })).await["data"]["requestPasswordReset"], true);
    assert_eq!(server.graphql(ask, json!({ "e": "ana@example.org" })).await["data"]["requestPasswordReset"], true);
    let mail = smtp.wait_for("ana@example.org", 2).await;
    let link = link_in(&mail.text, "/reset-password?token=");
    let token = link.split("token=").nth(1).unwrap();

    let reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }";
    let weak = server.graphql(reset, json!({ "t": token, "p": "password123" })).await;
    assert_eq!(weak["errors"][0]["extensions"]["code"], "password_too_common", "{weak}");
    let ok = server.graphql(reset, json!({ "t": token, "p": "a brand new passphrase here" })).await;
    assert_eq!(ok["data"]["resetPassword"], true, "{ok}");

    assert!(server.graphql_as(&old, "{ viewer { id } }", Value::Null).await["data"]["viewer"].is_null());
    assert!(server.login("ana@example.org", PASSWORD).await.is_err());
    assert!(server.login("ana@example.org", "a brand new passphrase here").await.is_ok());
    assert!(smtp.messages().iter().all(|m| m.to != "nobody@example.org"));
}

#[tokio::test]
async fn cookie_sessions_need_our_origin_for_writes() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.register("ana@example.org", "Ana").await;
    let login = server
        .http
        .post(server.url("/graphql"))
        .json(&json!({ "query": "mutation { login(email: \"ana@example.org\", password: \"violet tram crosses the river\") { token } }" }))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let session = cookie.split(';').next().unwrap().to_owned();

    let post = |origin: Option<&str>| {
        let mut r = server
            .http
            .post(server.url("/graphql"))
            .header("cookie", &session)
            .json(&json!({ "query": "{ viewer { email } }" }));
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    assert_eq!(post(None).await.unwrap().status(), 403);
    assert_eq!(post(Some("http://evil.example")).await.unwrap().status(), 403);
    let ok: Value = post(Some(&server.base)).await.unwrap().json().await.unwrap();
    assert_eq!(ok["data"]["viewer"]["email"], "ana@example.org");
    // Reading with the cookie needs no origin.
    let page = server.http.get(server.url("/account")).header("cookie", &session).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("ana@example.org"));
}

#[tokio::test]
async fn sign_in_failures_are_throttled_with_a_clear_message() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.register("ana@example.org", "Ana").await;
    for _ in 0..5 {
        let e = server.login("ana@example.org", "not the password at all").await.unwrap_err();
        assert_eq!(e["errors"][0]["extensions"]["code"], "invalid_credentials", "{e}");
    }
    let e = server.login("ana@example.org", PASSWORD).await.unwrap_err();
    assert_eq!(e["errors"][0]["extensions"]["code"], "throttled", "{e}");
    assert!(e["errors"][0]["message"].as_str().unwrap().contains("try again in"), "{e}");
}

/// Who may call what: anonymous, a resident, another resident, a blocked resident, an admin.
/// "Permitted" means the call was not refused for who made it (it may still fail on its input,
/// as the wrong passwords below do on purpose).
#[tokio::test]
async fn authorisation_table() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        let people = [
            ("ana@example.org", "Ana"),
            ("ben@example.org", "Ben"),
            ("cas@example.org", "Cas"),
            ("dan@example.org", "Dan"),
        ];
        for (email, name) in people {
            server.register(email, name).await;
        }
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        let cas = server.login("cas@example.org", PASSWORD).await.unwrap();
        let users = server
            .graphql_as(&admin, "{ users(search: \"example\") { totalCount nodes { id email } } }", Value::Null)
            .await;
        assert_eq!(users["data"]["users"]["totalCount"], 5, "{users}");
        let id_of = |email: &str| -> String {
            users["data"]["users"]["nodes"].as_array().unwrap().iter().find(|u| u["email"] == email).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (ana_id, cas_id, dan_id) = (id_of("ana@example.org"), id_of("cas@example.org"), id_of("dan@example.org"));
        let block = server
            .graphql_as(&admin, "mutation($id: ID!) { blockUser(id: $id, reason: \"spam\") }", json!({ "id": cas_id }))
            .await;
        assert_eq!(block["data"]["blockUser"], true, "{block}");

        let actors: Vec<(&str, Option<&str>)> = vec![
            ("anonymous", None),
            ("resident", Some(&ana)),
            ("other resident", Some(&ben)),
            ("blocked", Some(&cas)),
            ("admin", Some(&admin)),
        ];
        const EVERYONE: &[&str] = &["anonymous", "resident", "other resident", "blocked", "admin"];
        const SIGNED_IN: &[&str] = &["resident", "other resident", "admin"];
        const ADMIN: &[&str] = &["admin"];
        let wrong = "not the password at all";
        // (operation, variables, who is permitted); logout and logoutEverywhere last, since they
        // end sessions.
        let cases: Vec<(&str, Value, &[&str])> = vec![
            ("{ platform { name } }", Value::Null, EVERYONE),
            ("query($id: ID!) { user(id: $id) { displayName } }", json!({ "id": ana_id }), EVERYONE),
            ("mutation { confirmEmail(token: \"bogus\") }", Value::Null, EVERYONE),
            ("mutation { resetPassword(token: \"bogus\", password: \"whatever it is\") }", Value::Null, EVERYONE),
            ("mutation { requestPasswordReset(email: \"nobody@example.org\") }", Value::Null, EVERYONE),
            ("mutation { resendConfirmation }", Value::Null, SIGNED_IN),
            ("mutation { updateProfile(input: { bio: \"Hello\" }) { id } }", Value::Null, SIGNED_IN),
            (
                "mutation($p: String!) { changePassword(currentPassword: $p, newPassword: \"a new passphrase here\") }",
                json!({ "p": wrong }),
                SIGNED_IN,
            ),
            (
                "mutation($p: String!) { changeEmail(newEmail: \"new@example.org\", password: $p) }",
                json!({ "p": wrong }),
                SIGNED_IN,
            ),
            ("mutation { exportMyData }", Value::Null, SIGNED_IN),
            (
                "mutation($p: String!) { deleteMyAccount(password: $p, content: ANONYMIZE) }",
                json!({ "p": wrong }),
                SIGNED_IN,
            ),
            ("{ users { totalCount } }", Value::Null, ADMIN),
            ("{ auditLog { nodes { action } } }", Value::Null, ADMIN),
            ("mutation($id: ID!) { grantAdmin(id: $id) }", json!({ "id": dan_id }), ADMIN),
            ("mutation($id: ID!) { revokeAdmin(id: $id) }", json!({ "id": dan_id }), ADMIN),
            ("mutation($id: ID!) { blockUser(id: $id, reason: \"test\") }", json!({ "id": dan_id }), ADMIN),
            ("mutation($id: ID!) { unblockUser(id: $id) }", json!({ "id": dan_id }), ADMIN),
            ("mutation { setFeatureEnabled(id: \"graphql_explorer\", enabled: true) { id } }", Value::Null, ADMIN),
            ("mutation { replaceLicense(key: \"not a key\") { status } }", Value::Null, ADMIN),
            ("mutation { updatePlatformSettings(input: { name: \"Townhall\" }) { name } }", Value::Null, ADMIN),
            ("mutation { logoutEverywhere }", Value::Null, SIGNED_IN),
            ("mutation { logout }", Value::Null, EVERYONE),
        ];
        for (query, vars, permitted) in &cases {
            for (who, token) in &actors {
                let answer = match token {
                    Some(t) => server.graphql_as(t, query, vars.clone()).await,
                    None => server.graphql(query, vars.clone()).await,
                };
                let code = answer["errors"][0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
                let refused = matches!(code.as_str(), "forbidden" | "not_signed_in");
                assert_eq!(!refused, permitted.contains(who), "{} `{query}` as {who}: {answer}", db.name());
                assert!(answer["errors"][0]["message"].as_str().is_none_or(|m| !m.contains("database")), "{answer}");
            }
        }
        // Public profiles show the e-mail address only to its owner and to administrators.
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        let profile = "query($id: ID!) { user(id: $id) { displayName email } }";
        let own = server.graphql_as(&ana, profile, json!({ "id": ana_id })).await;
        assert_eq!(own["data"]["user"]["email"], "ana@example.org");
        let other = server.graphql_as(&ben, profile, json!({ "id": ana_id })).await;
        assert!(other["data"]["user"]["email"].is_null(), "{other}");
        assert_eq!(other["data"]["user"]["displayName"], "Ana");
        let by_admin = server.graphql_as(&admin, profile, json!({ "id": ana_id })).await;
        assert_eq!(by_admin["data"]["user"]["email"], "ana@example.org");
        assert!(server.graphql(profile, json!({ "id": ana_id })).await["data"]["user"]["email"].is_null());

        // The blocked user's session ended; signing in tells them why.
        assert!(server.graphql_as(&cas, "{ viewer { id } }", Value::Null).await["data"]["viewer"].is_null());
        let e = server.login("cas@example.org", PASSWORD).await.unwrap_err();
        assert_eq!(e["errors"][0]["extensions"]["code"], "blocked");

        let log =
            server.graphql_as(&admin, "{ auditLog(first: 50) { nodes { action actorLabel } } }", Value::Null).await;
        let actions: Vec<&str> =
            log["data"]["auditLog"]["nodes"].as_array().unwrap().iter().filter_map(|n| n["action"].as_str()).collect();
        for action in
            ["user.block", "user.unblock", "user.grant_admin", "user.revoke_admin", "feature.enable", "settings.name"]
        {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
    }
}

#[tokio::test]
async fn the_first_administrator_comes_from_the_logged_setup_link() {
    let server = TestServer::start(&Db::Sqlite).await;
    let log = server.log();
    let link = link_in(&log, "/setup?token=");
    let token = link.split("token=").nth(1).unwrap().to_owned();
    assert_eq!(server.get(&link).await.status(), 200);
    let form =
        [("token", token.as_str()), ("email", "boss@example.org"), ("display_name", "Boss"), ("password", PASSWORD)];
    let r = server.http.post(server.url("/setup")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let session = r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let me: Value = server
        .http
        .post(server.url("/graphql"))
        .header("cookie", &session)
        .header("origin", &server.base)
        .json(&json!({ "query": "{ viewer { roles emailConfirmed } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["data"]["viewer"], json!({ "roles": ["admin"], "emailConfirmed": true }), "{me}");
    // Used once; no second first administrator.
    let again = server.get(&link).await.text().await.unwrap();
    assert!(again.contains("This link does not work"));
}

#[tokio::test]
async fn changing_the_email_address_waits_for_the_new_address() {
    let Some((server, smtp)) = server_with_smtp(&Db::Sqlite).await else { return };
    server.register("ana@example.org", "Ana").await;
    server.register("ben@example.org", "Ben").await;
    let token = server.login("ana@example.org", PASSWORD).await.unwrap();
    let change = "mutation($e: String!, $p: String!) { changeEmail(newEmail: $e, password: $p) }";

    let wrong = server.graphql_as(&token, change, json!({ "e": "ana@new.example", "p": "not my password here" })).await;
    assert_eq!(wrong["errors"][0]["extensions"]["code"], "password_wrong");
    // An address with an account: same answer, and its owner is told instead.
    let taken = server.graphql_as(&token, change, json!({ "e": "ben@example.org", "p": PASSWORD })).await;
    assert_eq!(taken["data"]["changeEmail"], true);
    assert!(smtp.wait_for("ben@example.org", 2).await.subject.contains("tried"));

    let ok = server.graphql_as(&token, change, json!({ "e": "Ana@New.example", "p": PASSWORD })).await;
    assert_eq!(ok["data"]["changeEmail"], true, "{ok}");
    let viewer = server.graphql_as(&token, "{ viewer { email } }", Value::Null).await;
    assert_eq!(viewer["data"]["viewer"]["email"], "ana@example.org", "unchanged until confirmed");
    let mail = smtp.wait_for("ana@new.example", 1).await;
    assert_eq!(mail.subject, "Confirm your new e-mail address");
    let link = link_in(&mail.text, &server.base);
    assert!(server.http.get(&link).send().await.unwrap().text().await.unwrap().contains("confirmed"));
    let viewer = server.graphql_as(&token, "{ viewer { email emailConfirmed } }", Value::Null).await;
    assert_eq!(viewer["data"]["viewer"], json!({ "email": "ana@new.example", "emailConfirmed": true }));
    assert!(server.login("ana@new.example", PASSWORD).await.is_ok());
}
