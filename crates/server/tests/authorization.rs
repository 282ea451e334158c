// SPDX-License-Identifier: AGPL-3.0-only
//! Every mutation and every back-office page, tried by every role (issue #7): the schema and
//! the routers (the server's own and every module's, `http::own_route_paths` and
//! `http::module_route_paths`) are read, not listed by hand, so a new mutation or page is swept
//! the day it is added, whichever crate adds it. Nothing may answer with a server error; a mutation may succeed for an anonymous
//! visitor or a resident only when it is on the lists below; no back-office page or form may
//! answer an anonymous visitor or a resident with success.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::{Value, json};
use townhall_license::Edition;

/// Mutations anyone may run (with made-up arguments they may still fail, which is fine).
const PUBLIC: &[&str] = &["register", "login", "logout", "requestPasswordReset"];
/// Mutations a signed-in resident may run besides those.
const RESIDENT: &[&str] = &[
    "updateProfile",
    "markNotificationsRead",
    "updateNotificationPreferences",
    "resendConfirmation",
    "logoutEverywhere",
    "react",
    "removeReaction",
    "follow",
    "unfollow",
    "report",
    "deleteMyAccount",
    "exportMyData",
    "changePassword",
    "changeEmail",
    "postIdea",
    "updateIdea",
    "deleteIdea",
    "publishIdea",
    "postComment",
    "updateComment",
    "deleteComment",
    "addToBasket",
    "removeFromBasket",
    "submitBasket",
    "answerPoll",
    "submitSurveyResponse",
    "volunteer",
    "withdrawVolunteer",
    "registerForEvent",
    "cancelEventRegistration",
];

const INTROSPECTION: &str = r#"{ __schema { mutationType { fields { name args { name type { ...T } } type { ...T } } }
  types { name kind inputFields { name type { ...T } } enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// A made-up value of a GraphQL input type, required fields filled.
fn value_of(ty: &Value, types: &BTreeMap<String, Value>, depth: usize) -> Value {
    match ty["kind"].as_str() {
        Some("NON_NULL") => value_of(&ty["ofType"], types, depth),
        Some("LIST") => json!([value_of(&ty["ofType"], types, depth)]),
        Some("ENUM") => {
            let name = ty["name"].as_str().unwrap_or_default();
            types.get(name).and_then(|t| t["enumValues"][0]["name"].as_str()).map_or(Value::Null, |v| json!(v))
        }
        Some("INPUT_OBJECT") if depth < 4 => {
            let name = ty["name"].as_str().unwrap_or_default();
            let mut out = serde_json::Map::new();
            for field in types.get(name).and_then(|t| t["inputFields"].as_array()).into_iter().flatten() {
                if field["type"]["kind"] == "NON_NULL" {
                    out.insert(field["name"].as_str().unwrap().to_owned(), value_of(&field["type"], types, depth + 1));
                }
            }
            Value::Object(out)
        }
        Some("SCALAR") => match ty["name"].as_str() {
            Some("ID") => json!("1"),
            Some("Int") => json!(1),
            Some("Float") => json!(1.0),
            Some("Boolean") => json!(true),
            Some("DateTime") => json!("2030-01-01T10:00:00Z"),
            Some("NaiveDate") => json!("2030-01-01"),
            Some("JSON") => json!({ "en": "A made-up text" }),
            _ => json!("A made-up text"),
        },
        _ => Value::Null,
    }
}

/// The type's name as a variable declaration needs it (`[ID!]!`).
fn type_text(ty: &Value) -> String {
    match ty["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_text(&ty["ofType"])),
        Some("LIST") => format!("[{}]", type_text(&ty["ofType"])),
        _ => ty["name"].as_str().unwrap_or_default().to_owned(),
    }
}

/// The innermost kind of an output type: objects need a selection.
fn needs_selection(ty: &Value) -> bool {
    match ty["kind"].as_str() {
        Some("NON_NULL" | "LIST") => needs_selection(&ty["ofType"]),
        Some("OBJECT" | "INTERFACE" | "UNION") => true,
        _ => false,
    }
}

#[tokio::test]
async fn every_mutation_and_back_office_page_by_every_role() {
    let server = TestServer::start(&Db::Sqlite).await;
    let mut paths = townhall_server::http::own_route_paths();
    assert!(paths.len() > 90, "the server's routes were read: {paths:?}");
    paths.extend(module_paths(|edition| edition == Edition::Core));
    let (mutations, pages) = sweep(&server, &[], &paths).await;
    assert!(mutations > 40 && pages > 50, "{mutations} mutations, {pages} pages");
}

/// The same with every paid module active: their mutations and back-office pages too.
#[cfg(feature = "premium")]
#[tokio::test]
async fn every_module_mutation_and_page_by_every_role() {
    let key = dev_key(&claims(townhall_license::Plan::Premium, 30));
    let server = TestServer::start_with(&Db::Sqlite, Options { license: Some(&key), ..Options::default() }).await;
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    for feature in paid_features() {
        enable_feature(&server, &admin, feature).await;
    }
    let paths = module_paths(|edition| edition != Edition::Core);
    let (mutations, pages) = sweep(&server, &["verifyIdentity", "saveRegistrationAnswers"], &paths).await;
    assert!(mutations > 60 && pages > 30, "{mutations} mutations, {pages} pages");
}

/// `method` (GET, or POST with an empty form) on `path`, with a session cookie or none.
async fn request(server: &TestServer, method: &str, path: &str, cookie: Option<&String>) -> reqwest::Response {
    match (method, cookie) {
        ("GET", Some(c)) => server.get_as(c, path).await,
        ("GET", None) => server.get(path).await,
        (_, Some(c)) => server.post_form(c, path, &[]).await,
        (_, None) => server.post_form("", path, &[]).await,
    }
}

/// The paths of the compiled-in modules of the editions that `wanted` picks, read from their
/// routers.
fn module_paths(wanted: impl Fn(Edition) -> bool) -> Vec<String> {
    let modules = townhall_server::editions::modules();
    modules
        .iter()
        .filter(|m| wanted(m.edition()))
        .flat_map(|m| townhall_server::http::module_route_paths(&**m))
        .collect()
}

/// Tries every mutation as a visitor and as a resident, and every `/admin` path of `paths` (read
/// from the routers) by every role, with each method the path answers; fails on anything
/// unexpected. `resident_too` are mutations a resident may run besides [`RESIDENT`]. Returns
/// how many mutations and pages (a path with a method) were tried.
async fn sweep(server: &TestServer, resident_too: &[&str], paths: &[String]) -> (usize, usize) {
    // Objects with id 1 of most kinds, so made-up ids point at something real.
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    let resident_allowed: Vec<&str> = [PUBLIC, RESIDENT, resident_too].concat();
    let phase = open_ideation(server, &admin).await;
    server.register("ana@example.org", "Ana").await;
    let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
    let post = "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"Benches\", body: \"By the pond\") { id } }";
    let idea = server.graphql_as(&ana, post, json!({ "ph": phase })).await;
    let idea = idea["data"]["postIdea"]["id"].as_str().unwrap().to_owned();
    server
        .graphql_as(&ana, "mutation($i: ID!) { postComment(ideaId: $i, body: \"Yes\") { id } }", json!({ "i": idea }))
        .await;

    let schema = server.graphql(INTROSPECTION, Value::Null).await;
    let types: BTreeMap<String, Value> = schema["data"]["__schema"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap().to_owned(), t.clone()))
        .collect();
    let mutations = schema["data"]["__schema"]["mutationType"]["fields"].as_array().unwrap().clone();
    let names: Vec<&str> = mutations.iter().filter_map(|m| m["name"].as_str()).collect();
    let stale: Vec<&&str> = resident_allowed.iter().filter(|n| !names.contains(n)).collect();
    assert!(stale.is_empty(), "listed but not in the schema: {stale:?}");

    let mut unexpected = Vec::new();
    // One resident for the sweep, signed in again (or made again) when a mutation ended the
    // session or the account; sign-ups from one address are limited.
    let mut accounts = 0;
    let mut resident = String::new();
    for m in &mutations {
        let name = m["name"].as_str().unwrap();
        let args = m["args"].as_array().unwrap();
        let declared: Vec<String> =
            args.iter().map(|a| format!("${}: {}", a["name"].as_str().unwrap(), type_text(&a["type"]))).collect();
        let passed: Vec<String> = args.iter().map(|a| format!("{0}: ${0}", a["name"].as_str().unwrap())).collect();
        let variables: serde_json::Map<String, Value> =
            args.iter().map(|a| (a["name"].as_str().unwrap().to_owned(), value_of(&a["type"], &types, 0))).collect();
        let selection = if needs_selection(&m["type"]) { " { __typename }" } else { "" };
        let operation = format!(
            "mutation{} {{ {name}{}{selection} }}",
            if declared.is_empty() { String::new() } else { format!("({})", declared.join(", ")) },
            if passed.is_empty() { String::new() } else { format!("({})", passed.join(", ")) },
        );
        let signed_in = server.graphql_as(&resident, "{ viewer { id } }", Value::Null).await;
        if signed_in["data"]["viewer"].is_null() {
            let email = format!("sweep{accounts}@example.org");
            resident = match server.login(&email, PASSWORD).await {
                Ok(token) => token,
                Err(_) => {
                    accounts += 1;
                    let email = format!("sweep{accounts}@example.org");
                    server.register(&email, "Sweep").await;
                    server.login(&email, PASSWORD).await.unwrap()
                }
            };
        }
        for (role, token, allowed) in
            [("anonymous", None, PUBLIC.to_vec()), ("resident", Some(resident.clone()), resident_allowed.clone())]
        {
            let request =
                server.http.post(server.url("/graphql")).json(&json!({ "query": operation, "variables": variables }));
            let request = match &token {
                Some(t) => request.bearer_auth(t),
                None => request,
            };
            let answer = request.send().await.unwrap();
            let status = answer.status();
            let body: Value = answer.json().await.unwrap_or(Value::Null);
            let code = body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
            if status.is_server_error() || code == "internal" {
                unexpected.push(format!("{name} as {role}: server error {status} {body}"));
            } else if body.get("errors").is_none() && !allowed.contains(&name) {
                unexpected.push(format!("{name} as {role}: succeeded ({body})"));
            }
        }
    }

    // The back office, from the routers' own lists of paths; a method the path does not answer
    // (405 to the administrator) is not tried.
    let resident = server.cookie_for("ana@example.org").await;
    let boss = server.cookie_for("boss@example.org").await;
    let mut pages = 0;
    for path in paths.iter().filter(|p| p.starts_with("/admin")) {
        let path = path
            .replace("{list}", "topics")
            .split('/')
            .map(|part| if part.starts_with('{') { "1".to_owned() } else { part.to_owned() })
            .collect::<Vec<_>>()
            .join("/");
        for method in ["GET", "POST"] {
            if request(server, method, &path, Some(&boss)).await.status() == 405 {
                continue;
            }
            pages += 1;
            for (role, cookie) in [("anonymous", None), ("resident", Some(&resident)), ("administrator", Some(&boss))] {
                let answer = request(server, method, &path, cookie).await;
                let status = answer.status();
                let location = answer.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_owned();
                if status.is_server_error() {
                    unexpected.push(format!("{method} {path} as {role}: {status}"));
                } else if role != "administrator"
                    && (status.is_success()
                        || (status.is_redirection() && !location.starts_with("/sign-in") && path != "/admin"))
                {
                    unexpected.push(format!("{method} {path} as {role}: {status} {location}"));
                } else if role == "administrator"
                    && method == "GET"
                    && !(status.is_success() || status.is_redirection() || status == 404)
                {
                    unexpected.push(format!("{method} {path} as {role}: {status}"));
                }
            }
        }
    }
    assert!(unexpected.is_empty(), "{} unexpected answers:\n{}", unexpected.len(), unexpected.join("\n"));
    (mutations.len(), pages)
}
