// SPDX-License-Identifier: AGPL-3.0-only
//! Every paged list of the API has one shape (a Relay connection: `edges { cursor node }`,
//! `nodes`, `pageInfo`), takes `first` and `after`, and refuses a `first` outside 1 to 100;
//! a list one row longer than a page pages right through its cursors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

/// Six wrappers deep: enough for `[[T!]!]!` and beyond.
const TYPE_REF: &str = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }";

fn types_query() -> String {
    format!(
        "{{ __schema {{ types {{ name kind fields {{ name args {{ name type {{ {TYPE_REF} }} }} type {{ {TYPE_REF} }} }} }} }} }}"
    )
}

/// The named type under any NON_NULL and LIST wrappers (as deep as the query asks).
fn named(mut ty: &Value) -> (&str, bool) {
    let mut list = false;
    while ty.is_object() && ty["name"].is_null() {
        list |= ty["kind"] == "LIST";
        ty = &ty["ofType"];
    }
    (ty["name"].as_str().expect("a type nested deeper than the query asks"), list)
}

#[tokio::test]
async fn every_paged_list_is_a_connection() {
    let db = backends().remove(0);
    let server = TestServer::start(&db).await;
    let schema = server.graphql(&types_query(), Value::Null).await;
    let types = schema["data"]["__schema"]["types"].as_array().expect("introspection");
    let by_name = |name: &str| types.iter().find(|t| t["name"] == name).cloned().unwrap_or(Value::Null);
    let field_names = |t: &Value| -> Vec<String> {
        t["fields"]
            .as_array()
            .map(|f| f.iter().map(|f| f["name"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    };
    let mut paged_fields = Vec::new();
    let mut problems = Vec::new();
    for t in types.iter().filter(|t| t["kind"] == "OBJECT" && !t["name"].as_str().unwrap().starts_with("__")) {
        for field in t["fields"].as_array().into_iter().flatten() {
            let args: Vec<&str> =
                field["args"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
            let (returns, list) = named(&field["type"]);
            let where_ = format!("{}.{}", t["name"].as_str().unwrap(), field["name"].as_str().unwrap());
            let pages = args.contains(&"first") || args.contains(&"after");
            if pages {
                paged_fields.push(where_.clone());
                if !(args.contains(&"first") && args.contains(&"after")) {
                    problems.push(format!("{where_} takes only one of first and after"));
                }
                if !returns.ends_with("Connection") || list {
                    problems.push(format!("{where_} pages but returns {returns}, not a connection"));
                }
                for arg in field["args"].as_array().unwrap() {
                    let (ty, _) = named(&arg["type"]);
                    match arg["name"].as_str() {
                        Some("first") if ty != "Int" => problems.push(format!("{where_}: first is {ty}")),
                        Some("after") if ty != "String" => problems.push(format!("{where_}: after is {ty}")),
                        _ => {}
                    }
                }
            }
            if returns.ends_with("Connection") && !pages {
                problems.push(format!("{where_} returns {returns} without first and after"));
            }
        }
    }
    for t in types.iter().filter(|t| t["name"].as_str().unwrap().ends_with("Connection")) {
        let fields = field_names(t);
        for needed in ["edges", "nodes", "pageInfo"] {
            if !fields.iter().any(|f| f == needed) {
                problems.push(format!("{} has no {needed}", t["name"]));
            }
        }
        for old in ["hasNextPage", "endCursor", "next", "nextCursor", "total"] {
            if fields.iter().any(|f| f == old) {
                problems.push(format!("{} still has {old} outside pageInfo", t["name"]));
            }
        }
    }
    let page_info = field_names(&by_name("PageInfo"));
    for needed in ["hasNextPage", "endCursor"] {
        assert!(page_info.iter().any(|f| f == needed), "PageInfo lacks {needed}: {page_info:?}");
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The lists this build has: core's, plus the paid modules' when compiled in.
    let query_root = schema_query_root(&server).await;
    for list in ["ideas", "comments", "users", "auditLog", "notifications", "moderationQueue", "changes"] {
        let expected = format!("{query_root}.{list}");
        assert!(paged_fields.contains(&expected), "{expected} not found among {paged_fields:?}");
    }
}

/// The name of the query root type (the server names it; the test does not guess).
async fn schema_query_root(server: &TestServer) -> String {
    let root = server.graphql("{ __schema { queryType { name } } }", Value::Null).await;
    root["data"]["__schema"]["queryType"]["name"].as_str().expect("the query root").to_owned()
}

#[tokio::test]
async fn first_outside_one_to_a_hundred_is_refused() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let post = "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"Shade\", body: \"Trees.\") { id } }";
        server.graphql_as(&admin, post, json!({ "ph": phase })).await;
        let ideas = "query($ph: ID!, $f: Int) { ideas(phaseId: $ph, first: $f) { nodes { id } } }";
        for bad in [0, -1, 101] {
            let answer = server.graphql_as(&admin, ideas, json!({ "ph": phase, "f": bad })).await;
            assert_eq!(error_code(&answer), "first_out_of_range", "first: {bad} on {}: {answer}", db.name());
            assert!(answer["data"].is_null() || answer["data"]["ideas"].is_null(), "no idea comes back: {answer}");
        }
        let users = server.graphql_as(&admin, "{ users(first: 0) { totalCount } }", Value::Null).await;
        assert_eq!(error_code(&users), "first_out_of_range", "{users}");
        let notes = server.graphql_as(&admin, "{ notifications(first: 1000) { nodes { id } } }", Value::Null).await;
        assert_eq!(error_code(&notes), "first_out_of_range", "{notes}");
        let broken = server.graphql_as(&admin, "{ auditLog(after: \"x\") { nodes { id } } }", Value::Null).await;
        assert_eq!(error_code(&broken), "cursor_invalid", "{broken}");
        let fine = server.graphql_as(&admin, ideas, json!({ "ph": phase, "f": 100 })).await;
        assert_eq!(fine["data"]["ideas"]["nodes"].as_array().map(Vec::len), Some(1), "{fine}");
    }
}

#[tokio::test]
async fn a_list_one_row_longer_than_a_page_pages_by_its_cursors() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let post = "mutation($ph: ID!, $t: String!) { postIdea(phaseId: $ph, title: $t, body: \"Why not.\") { id } }";
        for n in 0..25 {
            let posted = server.graphql_as(&admin, post, json!({ "ph": phase, "t": format!("Idea {n}") })).await;
            assert!(posted["errors"].is_null(), "{posted}");
        }
        let list = "query($ph: ID!, $a: String) { ideas(phaseId: $ph, sort: NEWEST, after: $a) { \
            edges { cursor node { title } } nodes { title } pageInfo { hasNextPage endCursor } } }";
        let first = server.graphql_as(&admin, list, json!({ "ph": phase })).await;
        let first = &first["data"]["ideas"];
        let edges = first["edges"].as_array().expect("edges");
        assert_eq!(edges.len(), 24, "the default page on {}: {first}", db.name());
        assert_eq!(first["nodes"][0], edges[0]["node"], "nodes and edges agree");
        assert_eq!(first["pageInfo"]["hasNextPage"], true);
        assert_eq!(first["pageInfo"]["endCursor"], edges[23]["cursor"]);
        let rest = server.graphql_as(&admin, list, json!({ "ph": phase, "a": first["pageInfo"]["endCursor"] })).await;
        let rest = &rest["data"]["ideas"];
        assert_eq!(rest["nodes"], json!([{ "title": "Idea 0" }]), "the 25th idea alone: {rest}");
        assert_eq!(rest["pageInfo"]["hasNextPage"], false);
        // Any edge's cursor continues after that edge.
        let middle = server.graphql_as(&admin, list, json!({ "ph": phase, "a": edges[21]["cursor"] })).await;
        let titles: Vec<&str> =
            middle["data"]["ideas"]["nodes"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Idea 2", "Idea 1", "Idea 0"], "{middle}");
    }
}
