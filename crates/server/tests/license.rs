// SPDX-License-Identifier: AGPL-3.0-only
//! The licence table at a running server: for each kind of key, the status the server reports,
//! which paid features it allows, and that the core keeps serving.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use townhall_license::{DEV_KID, Plan};

struct Case {
    name: &'static str,
    key: Option<String>,
    base_url: Option<&'static str>,
    status: &'static str,
    paid_allowed: bool,
}

fn cases() -> Vec<Case> {
    let valid = dev_key(&claims(Plan::Premium, 365));
    let mut not_yet = claims(Plan::Premium, 365);
    not_yet.nbf = chrono::Utc::now().timestamp() + 86_400;
    let mut wrong_issuer = claims(Plan::Premium, 365);
    wrong_issuer.iss = "not-townhall".into();
    let mut hosted = claims(Plan::Premium, 365);
    hosted.hosts = vec!["participate.example.org".into()];
    let hosted = dev_key(&hosted);
    let case =
        |name, key: Option<String>, base_url, status, paid_allowed| Case { name, key, base_url, status, paid_allowed };
    vec![
        case("valid", Some(valid.clone()), None, "valid", true),
        case("grace", Some(dev_key(&claims(Plan::Premium, -5))), None, "grace", true),
        case("expired", Some(dev_key(&claims(Plan::Premium, -45))), None, "expired", false),
        case("not yet valid", Some(dev_key(&not_yet)), None, "not_yet_valid", false),
        case("tampered payload", Some(tamper(&valid, 1)), None, "invalid", false),
        case("tampered signature", Some(tamper(&valid, 2)), None, "invalid", false),
        case("unknown kid", Some(dev_key_with_kid(&claims(Plan::Premium, 365), "stranger")), None, "invalid", false),
        case("wrong issuer", Some(dev_key(&wrong_issuer)), None, "invalid", false),
        case("right host", Some(hosted.clone()), Some("https://participate.example.org"), "valid", true),
        case("wrong host", Some(hosted), Some("https://elsewhere.example.org"), "wrong_host", false),
        case("garbage", Some("not.a.key".into()), None, "invalid", false),
        case("missing", None, None, "missing", false),
    ]
}

#[tokio::test]
async fn licence_table_at_a_running_server() {
    for case in cases() {
        let server = TestServer::start_with(
            &Db::Sqlite,
            Options { license: case.key.as_deref(), base_url: case.base_url, ..Options::default() },
        )
        .await;
        let platform = server.platform().await;
        assert_eq!(platform["license"]["status"], case.status, "case `{}`: {platform}", case.name);
        // The signing key is shown once the signature was checked, whatever the dates say.
        let signed = matches!(case.status, "valid" | "grace" | "expired" | "not_yet_valid" | "wrong_host");
        let key_id = if signed { serde_json::json!(DEV_KID) } else { serde_json::Value::Null };
        assert_eq!(platform["license"]["keyId"], key_id, "case `{}`: {platform}", case.name);

        let allowed = features_where(&platform, "allowed");
        for paid in paid_features() {
            assert_eq!(
                allowed.contains(&paid.to_owned()),
                case.paid_allowed,
                "case `{}`: {paid} in {allowed:?}",
                case.name
            );
        }
        // Paid features start switched off even when allowed: none is active yet.
        let active = features_where(&platform, "active");
        assert!(paid_features().iter().all(|p| !active.contains(&(*p).to_owned())), "{active:?}");
        // The core keeps serving whatever the licence.
        assert!(active.contains(&"graphql_explorer".to_owned()));
        assert_eq!(server.get("/healthz").await.status(), 200, "case `{}`", case.name);
        assert_eq!(server.get("/").await.status(), 200, "case `{}`", case.name);
        let log = server.log();
        assert!(log.contains(&format!("licence {}", case.status)), "case `{}` logs its outcome:\n{log}", case.name);
    }
}

#[tokio::test]
async fn edition_is_reported_and_only_compiled_features_are_listed() {
    let key = dev_key(&claims(Plan::Premium, 30));
    let server = TestServer::start_with(&Db::Sqlite, Options { license: Some(&key), ..Options::default() }).await;
    let platform = server.platform().await;
    let expected = if cfg!(feature = "premium") {
        "premium"
    } else if cfg!(feature = "standard") {
        "standard"
    } else {
        "core"
    };
    assert_eq!(platform["edition"], expected);
    let listed: Vec<String> =
        platform["features"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect();
    let mut want: Vec<String> = CORE_FEATURES.iter().map(|f| (*f).to_owned()).collect();
    want.extend(paid_features().into_iter().map(str::to_owned));
    assert_eq!(listed, want, "a premium key activates only what is compiled in");
}

#[tokio::test]
async fn a_standard_plan_allows_standard_features_and_listed_extras_only() {
    let mut c = claims(Plan::Standard, 30);
    c.features = vec!["webhooks".into()];
    let server =
        TestServer::start_with(&Db::Sqlite, Options { license: Some(&dev_key(&c)), ..Options::default() }).await;
    let allowed = features_where(&server.platform().await, "allowed");
    for paid in paid_features() {
        let expect = matches!(
            paid,
            "project_folders"
                | "user_groups"
                | "custom_registration_fields"
                | "custom_idea_statuses"
                | "xlsx_export"
                | "single_sign_on"
                | "webhooks"
        );
        assert_eq!(allowed.contains(&paid.to_owned()), expect, "{paid}");
    }
}

#[tokio::test]
async fn license_status_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let key = dev_key(&claims(Plan::Premium, 30));
    let out = cli(dir.path(), &["license", "status", "--json"], &[("TOWNHALL_LICENSE", &key)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["edition"].is_string());
    assert_eq!(json["license"]["status"], "valid");
    assert_eq!(json["license"]["plan"], "premium");
    assert_eq!(json["license"]["licensee"], "City of Testing");
    assert!(json["license"]["expires_at"].is_string());
    assert_eq!(json["license"]["key_id"], DEV_KID);
    for f in json["features"].as_array().unwrap() {
        for field in ["id", "edition", "allowed", "enabled", "active"] {
            assert!(!f[field].is_null(), "{f}");
        }
    }
    let premium: Vec<_> = json["features"].as_array().unwrap().iter().filter(|f| f["edition"] == "premium").collect();
    assert_eq!(premium.len(), if cfg!(feature = "premium") { 4 } else { 0 });
    assert!(premium.iter().all(|f| f["allowed"] == true));

    // One character changed: paid features inactive, the command still answers.
    let out = cli(dir.path(), &["license", "status", "--json"], &[("TOWNHALL_LICENSE", &tamper(&key, 2))]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["license"]["status"], "invalid");
    assert!(json["license"]["key_id"].is_null(), "no key is named for a bad signature: {json}");
    assert!(
        json["features"].as_array().unwrap().iter().filter(|f| f["edition"] != "core").all(|f| f["allowed"] == false)
    );
}

#[tokio::test]
async fn replacing_the_licence_checks_the_key_and_its_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let long = dev_key(&claims(Plan::Premium, 365));
    let short = dev_key(&claims(Plan::Premium, 30));
    let write = |name: &str, key: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, key).unwrap();
        path.display().to_string()
    };
    let (long_file, short_file, bad_file) =
        (write("long.key", &long), write("short.key", &short), write("bad.key", &tamper(&long, 2)));

    let out = cli(dir.path(), &["license", "replace", &short_file], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = cli(dir.path(), &["license", "replace", &bad_file], &[]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("invalid"), "{}", text(&out.stderr));
    let out = cli(dir.path(), &["license", "replace", &long_file], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = cli(dir.path(), &["license", "replace", &short_file], &[]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("expires earlier"), "{}", text(&out.stderr));

    // The stored key survives a restart, even with the older key still configured.
    let out = cli(dir.path(), &["license", "status", "--json"], &[("TOWNHALL_LICENSE", &short)]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expires = json["license"]["expires_at"].as_str().unwrap().to_owned();
    let out = cli(dir.path(), &["license", "status", "--json"], &[]);
    let json2: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json2["license"]["expires_at"].as_str().unwrap(), expires);
    assert_eq!(json["license"]["status"], "valid");
}

#[tokio::test]
async fn graphql_replace_license_needs_an_administrator() {
    let server = TestServer::start(&Db::Sqlite).await;
    let key = dev_key(&claims(Plan::Premium, 30));
    let answer = server
        .graphql("mutation($k: String!) { replaceLicense(key: $k) { status } }", serde_json::json!({ "k": key }))
        .await;
    assert_eq!(answer["errors"][0]["extensions"]["code"], "forbidden", "{answer}");
    assert_eq!(server.platform().await["license"]["status"], "missing");
}

#[tokio::test]
async fn license_status_names_the_signing_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = dev_key(&claims(Plan::Premium, 30));
    let out = cli(dir.path(), &["license", "status"], &[("TOWNHALL_LICENSE", &key)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("licence valid for City of Testing"), "{shown}");
    assert!(shown.contains(&format!("signed with key {DEV_KID}")), "{shown}");
}

#[tokio::test]
async fn a_licence_under_the_retired_2026_key_id_is_refused() {
    // No licence was ever issued with the 2026 production key; its id is no longer trusted,
    // whatever key signed the licence.
    let dir = tempfile::tempdir().unwrap();
    let retired = dev_key_with_kid(&claims(Plan::Premium, 365), "townhall-prod-2026");
    let out = cli(dir.path(), &["license", "status"], &[("TOWNHALL_LICENSE", &retired)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("licence invalid: unknown key id `townhall-prod-2026`"), "{shown}");
    assert!(!shown.contains("signed with key"), "{shown}");

    let out = cli(dir.path(), &["license", "status", "--json"], &[("TOWNHALL_LICENSE", &retired)]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["license"]["status"], "invalid");
    assert!(json["license"]["key_id"].is_null(), "{json}");
    assert!(
        json["features"].as_array().unwrap().iter().filter(|f| f["edition"] != "core").all(|f| f["allowed"] == false)
    );

    let file = dir.path().join("retired.key");
    std::fs::write(&file, &retired).unwrap();
    let out = cli(dir.path(), &["license", "replace", file.to_str().unwrap()], &[]);
    assert!(!out.status.success(), "installing it is refused");
    assert!(text(&out.stderr).contains("unknown key id `townhall-prod-2026`"), "{}", text(&out.stderr));
}
