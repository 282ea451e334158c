// SPDX-License-Identifier: AGPL-3.0-only
//! Identity verification (Premium, issue #8): administrators replace the census list (checked
//! whole first); a resident verifies with an identifier and a date of birth; one identity
//! verifies one account; a phase action can require `verified`; without the licence the
//! requirement stays closed and the core works.
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const CENSUS: &str =
    "national_number;birth_date\n85.07.30-033.61;1985-07-30\n90010112345;01/01/1990\n85.07.30-033.61;1985-07-30\n";
const REPLACE: &str = "mutation($c: String!) { replaceCensus(csv: $c) { identities repeated } }";
const VERIFY: &str = "mutation($a: JSON!) { verifyIdentity(method: \"census\", answers: $a) { method verifiedAt } }";
const POST: &str =
    "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"More benches\", body: \"By the pond\") { id } }";

fn answers(identifier: &str, born: &str) -> Value {
    json!({ "a": { "identifier": identifier, "date_of_birth": born } })
}

async fn verified(server: &TestServer, token: &str) -> bool {
    server.graphql_as(token, "{ viewer { verified } }", Value::Null).await["data"]["viewer"]["verified"] == true
}

#[tokio::test]
async fn residents_verify_against_the_census_once_and_verified_actions_open_to_them() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Premium).await;
        for (email, name) in [("ana@example.org", "Ana"), ("ben@example.org", "Ben")] {
            server.register(email, name).await;
        }
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        assert_eq!(error_code(&server.graphql_as(&admin, REPLACE, json!({ "c": CENSUS })).await), "feature_disabled");
        enable_feature(&server, &admin, "identity_verification").await;
        assert_eq!(error_code(&server.graphql_as(&ana, REPLACE, json!({ "c": CENSUS })).await), "forbidden");

        // A file with a bad line changes nothing and names the line.
        let bad = server.graphql_as(&admin, REPLACE, json!({ "c": "id,born\nA1,2001-01-01\nA2,someday\n" })).await;
        assert_eq!(error_code(&bad), "census_invalid_lines", "{bad}");
        assert_eq!(bad["errors"][0]["extensions"]["lines"], json!([3]));
        let state = server.graphql_as(&admin, "{ census { identities verifiedAccounts } }", Value::Null).await;
        assert_eq!(state["data"]["census"]["identities"], 0, "{state}");
        let stored = server.graphql_as(&admin, REPLACE, json!({ "c": CENSUS })).await;
        assert_eq!(stored["data"]["replaceCensus"], json!({ "identities": 2, "repeated": 1 }), "{stored}");

        // Wrong data is refused; the identifier may be written any way.
        let wrong = server.graphql_as(&ana, VERIFY, answers("85073003361", "1985-07-31")).await;
        assert_eq!(error_code(&wrong), "identity_not_found");
        assert!(!verified(&server, &ana).await);
        let right = server.graphql_as(&ana, VERIFY, answers("85 07 30 033 61", "1985-07-30")).await;
        assert_eq!(right["data"]["verifyIdentity"]["method"], "census", "{right}");
        assert!(verified(&server, &ana).await);
        let again = server.graphql_as(&ben, VERIFY, answers("85.07.30-033.61", "1985-07-30")).await;
        assert_eq!(error_code(&again), "identity_taken", "one identity, one account");
        assert_eq!(error_code(&server.graphql_as("", VERIFY, answers("x", "1990-01-01")).await), "not_signed_in");

        // Posting open to verified residents only.
        let phase = open_ideation(&server, &admin).await;
        let require =
            "mutation($ph: ID!) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: verified) }";
        let set = server.graphql_as(&admin, require, json!({ "ph": phase })).await;
        assert_eq!(set["data"]["setPhasePermission"], true, "{set}");
        let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
        assert!(posted["data"]["postIdea"]["id"].is_string(), "{posted}");
        assert_eq!(error_code(&server.graphql_as(&ben, POST, json!({ "ph": phase })).await), "not_verified");

        // Guessing is slowed down like signing in.
        let mut codes = Vec::new();
        for n in 0..7 {
            let guess = server.graphql_as(&ben, VERIFY, answers(&format!("9000000000{n}"), "1990-01-01")).await;
            codes.push(error_code(&guess).to_owned());
        }
        assert_eq!(codes.last().map(String::as_str), Some("throttled"), "{codes:?}");

        // What the platform keeps about Ana's verification is in her data.
        let cookie = server.cookie_for("ana@example.org").await;
        let data = server.get_as(&cookie, "/account/data.json").await.text().await.unwrap();
        assert!(data.contains("\"identity_verification\"") && data.contains("\"census\""), "{data}");
        assert!(!data.contains("85073003361"), "the identifier is never stored");
        let census = server.graphql_as(&admin, "{ census { identities verifiedAccounts } }", Value::Null).await;
        assert_eq!(census["data"]["census"]["verifiedAccounts"], 1);
    }
}

#[tokio::test]
async fn without_the_licence_verified_actions_stay_closed_and_the_core_works() {
    let (licensed, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&licensed, &admin, "identity_verification").await;
    licensed.register("ana@example.org", "Ana").await;
    let ana = licensed.login("ana@example.org", PASSWORD).await.unwrap();
    licensed.graphql_as(&admin, REPLACE, json!({ "c": CENSUS })).await;
    licensed.graphql_as(&ana, VERIFY, answers("90010112345", "1990-01-01")).await;
    assert!(verified(&licensed, &ana).await);
    let phase = open_ideation(&licensed, &admin).await;
    let require =
        "mutation($ph: ID!) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: verified) }";
    licensed.graphql_as(&admin, require, json!({ "ph": phase })).await;
    let url = licensed.database_url.clone();
    let mut licensed = licensed;
    licensed.kill();

    let tampered = tamper(&dev_key(&claims(Plan::Premium, 30)), 1);
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir, url, Options { license: Some(&tampered), ..Options::default() }).await;
    let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
    assert!(!verified(&server, &ana).await, "verification counts only while the module is active");
    assert_eq!(error_code(&server.graphql_as(&ana, POST, json!({ "ph": phase })).await), "not_verified");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    assert_eq!(
        error_code(&server.graphql_as(&admin, "{ census { identities } }", Value::Null).await),
        "license_required"
    );
    let cookie = server.cookie_for("ana@example.org").await;
    assert_eq!(server.get_as(&cookie, "/verify").await.status(), 403);
    let open = "mutation($ph: ID!) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: users) }";
    assert_eq!(server.graphql_as(&admin, open, json!({ "ph": phase })).await["data"]["setPhasePermission"], true);
    let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
    assert!(posted["data"]["postIdea"]["id"].is_string(), "the core works: {posted}");
}

#[tokio::test]
async fn the_pages_take_a_census_file_and_verify_a_resident() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&server, &admin, "identity_verification").await;
    server.register("ana@example.org", "Ana").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    assert_eq!(server.get_as(&ana, "/admin/verification").await.status(), 403);
    let file = |text: &str| vec![("census", "census.csv", text.as_bytes().to_vec())];
    let refused = server.post_multipart(&ana, "/admin/verification/census", &[], &file(CENSUS)).await;
    assert_eq!(refused.status(), 403);

    let bad = server.post_multipart(&boss, "/admin/verification/census", &[], &file("A1,2001-01-01\nA2,never\n")).await;
    assert_eq!(bad.status(), 422);
    let bad = bad.text().await.unwrap();
    assert!(
        bad.contains("One line is not a number and a date of birth: line 2") && bad.contains("Nothing was changed."),
        "{bad}"
    );
    let empty = server.post_multipart(&boss, "/admin/verification/census", &[], &file("")).await;
    assert!(empty.text().await.unwrap().contains("Choose a file with at least one person."));
    let stored = server.post_multipart(&boss, "/admin/verification/census", &[], &file(CENSUS)).await;
    assert_eq!(stored.status(), 200);
    let stored = stored.text().await.unwrap();
    assert!(
        stored.contains("The list now holds 2 people.") && stored.contains("One line repeated a person"),
        "{stored}"
    );

    // A visitor signs in first; a resident verifies and goes back where she was.
    let visitor = server.get("/verify?next=/projects/parks").await;
    assert_eq!(visitor.status(), 303);
    assert!(visitor.headers()["location"].to_str().unwrap().starts_with("/sign-in?next=%2Fverify"));
    let page = server.get_as(&ana, "/verify?next=/projects/parks&lang=nl").await.text().await.unwrap();
    assert!(
        page.contains("Identificatienummer") && page.contains("name=\"next\" value=\"&#x2f;projects&#x2f;parks\""),
        "{page}"
    );
    let form = [
        ("method", "census"),
        ("next", "/projects/parks"),
        ("identifier", "90010112345"),
        ("date_of_birth", "1990-01-02"),
    ];
    let wrong = server.post_form(&ana, "/verify", &form).await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong.text().await.unwrap().contains("are not on the census list"));
    let form = [
        ("method", "census"),
        ("next", "/projects/parks"),
        ("identifier", "90010112345"),
        ("date_of_birth", "1990-01-01"),
    ];
    let done = server.post_form(&ana, "/verify", &form).await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/projects/parks");
    let page = server.get_as(&ana, "/verify").await.text().await.unwrap();
    assert!(page.contains("Your identity was verified on"), "{page}");
    let admin_page = server.get_as(&boss, "/admin/verification").await.text().await.unwrap();
    assert!(admin_page.contains("Verified accounts</dt><dd>1</dd>"), "{admin_page}");
}
