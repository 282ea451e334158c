// SPDX-License-Identifier: AGPL-3.0-only
//! The change feed (issue #15), tried from outside as a city's data warehouse would, on every
//! database: each change to an idea, a comment, an event or a vote's results appears once, in
//! order, with its kind and action (removals too, without content); `since` and `kinds`
//! filter; pages follow `endCursor`; a draft project's changes stay with those who may see it;
//! bad paging arguments and a `since` older than what is kept are refused with their codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::*;
use serde_json::{Value, json};

const FEED: &str = "query($since: DateTime, $kinds: [ChangeKind!], $first: Int, $after: String) { \
    changes(since: $since, kinds: $kinds, first: $first, after: $after) { \
      edges { cursor node { id kind action projectId changedAt } } \
      nodes { id } pageInfo { hasNextPage endCursor } } }";

/// The whole feed as (kind, action, id), read as `token` (anonymous when empty), page by page.
async fn all_changes(server: &TestServer, token: &str, variables: Value) -> Vec<(String, String, String)> {
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let mut vars = variables.clone();
        vars["after"] = after.clone();
        let page = read(server, token, vars).await;
        let connection = &page["data"]["changes"];
        for edge in connection["edges"].as_array().unwrap_or_else(|| panic!("{page}")) {
            let node = &edge["node"];
            seen.push((str_of(&node["kind"]), str_of(&node["action"]), str_of(&node["id"])));
        }
        if connection["pageInfo"]["hasNextPage"] != true {
            return seen;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
}

async fn read(server: &TestServer, token: &str, variables: Value) -> Value {
    if token.is_empty() {
        server.graphql(FEED, variables).await
    } else {
        server.graphql_as(token, FEED, variables).await
    }
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_owned()
}

fn change(kind: &str, action: &str, id: &str) -> (String, String, String) {
    (kind.to_owned(), action.to_owned(), id.to_owned())
}

const POST_IDEA: &str = "mutation($ph: ID!, $t: String!, $d: Boolean) { postIdea(phaseId: $ph, title: $t, body: \"Shade for the square\", draft: $d) { id } }";
const POST_COMMENT: &str = "mutation($i: ID!, $b: String!) { postComment(ideaId: $i, body: $b) { id } }";
const HIDE: &str =
    "mutation($t: String!, $id: ID!) { hideContent(targetType: $t, targetId: $id, reason: \"Off topic\") }";

async fn post_idea(server: &TestServer, token: &str, phase: &str, title: &str) -> String {
    str_of(&server.data_as(token, POST_IDEA, json!({ "ph": phase, "t": title, "d": false }), "postIdea").await["id"])
}

async fn post_comment(server: &TestServer, token: &str, idea: &str, body: &str) -> String {
    str_of(&server.data_as(token, POST_COMMENT, json!({ "i": idea, "b": body }), "postComment").await["id"])
}

#[tokio::test]
async fn ideas_comments_and_events_appear_in_order_with_their_actions() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let project =
            str_of(&server.graphql("{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"]["id"]);

        let trees = post_idea(&server, &ana, &phase, "Trees").await;
        let edit =
            "mutation($id: ID!) { updateIdea(id: $id, title: \"More trees\", body: \"Shade for the square\") { id } }";
        server.data_as(&ana, edit, json!({ "id": trees }), "updateIdea").await;
        let benches = post_idea(&server, &ana, &phase, "Benches").await;
        // A draft is nobody's business until it is published.
        server.data_as(&ana, POST_IDEA, json!({ "ph": phase, "t": "Later", "d": true }), "postIdea").await;
        let first = post_comment(&server, &ana, &trees, "Oaks, please").await;
        let edit = "mutation($id: ID!) { updateComment(id: $id, body: \"Oaks or limes\") { id } }";
        server.data_as(&ana, edit, json!({ "id": first }), "updateComment").await;
        let deleted = post_comment(&server, &ana, &trees, "Never mind").await;
        let delete = "mutation($id: ID!) { deleteComment(id: $id) { id } }";
        server.data_as(&ana, delete, json!({ "id": deleted }), "deleteComment").await;
        let hidden = post_comment(&server, &ana, &trees, "Buy my shoes").await;
        server.data_as(&admin, HIDE, json!({ "t": "comment", "id": hidden }), "hideContent").await;
        server.data_as(&admin, HIDE, json!({ "t": "idea", "id": benches }), "hideContent").await;
        server.data_as(&ana, "mutation($id: ID!) { deleteIdea(id: $id) }", json!({ "id": trees }), "deleteIdea").await;
        let create = "mutation($p: ID!, $s: DateTime!, $e: DateTime!) { createEvent(projectId: $p, title: { en: \"Walk\" }, startsAt: $s, endsAt: $e, capacity: 10) }";
        let starts = Utc::now() + Duration::days(3);
        let vars = json!({ "p": project, "s": starts, "e": starts + Duration::hours(2) });
        let event = str_of(&server.data_as(&admin, create, vars, "createEvent").await);
        let register = "mutation($id: ID!) { registerForEvent(eventId: $id) { id } }";
        server.data_as(&ana, register, json!({ "id": event }), "registerForEvent").await;
        server
            .data_as(&admin, "mutation($id: ID!) { deleteEvent(id: $id) }", json!({ "id": event }), "deleteEvent")
            .await;

        let expected = vec![
            change("IDEA", "CREATED", &trees),
            change("IDEA", "UPDATED", &trees),
            change("IDEA", "CREATED", &benches),
            change("COMMENT", "CREATED", &first),
            change("COMMENT", "UPDATED", &first),
            change("COMMENT", "CREATED", &deleted),
            change("COMMENT", "REMOVED", &deleted),
            change("COMMENT", "CREATED", &hidden),
            change("COMMENT", "REMOVED", &hidden),
            change("IDEA", "REMOVED", &benches),
            change("IDEA", "REMOVED", &trees),
            change("EVENT", "CREATED", &event),
            change("EVENT", "UPDATED", &event),
            change("EVENT", "REMOVED", &event),
        ];
        assert_eq!(all_changes(&server, "", json!({ "first": 100 })).await, expected, "{}", db.name());

        // Each change names its project and time only; the edges and the nodes agree.
        let page = read(&server, "", json!({ "first": 3 })).await;
        let connection = &page["data"]["changes"];
        assert_eq!(connection["edges"][0]["node"]["projectId"], project.as_str(), "{page}");
        assert!(connection["edges"][0]["node"]["changedAt"].as_str().is_some(), "{page}");
        let nodes: Vec<&Value> = connection["nodes"].as_array().unwrap().iter().map(|n| &n["id"]).collect();
        let edges: Vec<&Value> = connection["edges"].as_array().unwrap().iter().map(|e| &e["node"]["id"]).collect();
        assert_eq!(nodes, edges);
        assert_eq!(connection["pageInfo"]["hasNextPage"], true);

        // `kinds` keeps the kinds asked for.
        let events = all_changes(&server, "", json!({ "first": 2, "kinds": ["EVENT"] })).await;
        assert_eq!(events, expected[11..].to_vec(), "{}", db.name());
        let talk = all_changes(&server, "", json!({ "first": 100, "kinds": ["COMMENT", "EVENT"] })).await;
        assert_eq!(talk.len(), 9, "{talk:?}");
    }
}

#[tokio::test]
async fn a_sealed_vote_appears_and_pages_and_since_follow_the_feed() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        // Three ideas posted, then costed.
        let (phase, ideas) = budgeting(&server, &admin, &ana).await;
        let ballot = cast_ballot(&server, &ana, &phase, &[&ideas[0]]).await;
        assert!(ballot.get("errors").is_none(), "{ballot}");
        let before_close = Utc::now();
        let close = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Vote\" }, method: \"voting\", startAt: $s, endAt: $e }) { id } }";
        let vars = json!({ "id": phase, "s": Utc::now() - Duration::days(4), "e": Utc::now() });
        server.data_as(&admin, close, vars, "updatePhase").await;

        // The budget helper posts and costs each idea in turn; closing the vote seals it.
        let mut in_order = Vec::new();
        for i in &ideas {
            in_order.push(change("IDEA", "CREATED", i));
            in_order.push(change("IDEA", "UPDATED", i));
        }
        in_order.push(change("VOTING_RESULTS", "CREATED", &phase));

        // A list one longer than a page: the first page says more follows, its end cursor
        // leads to the last change and the end.
        let n = in_order.len() as i64;
        let page = read(&server, "", json!({ "first": n - 1 })).await;
        let info = &page["data"]["changes"]["pageInfo"];
        assert_eq!(info["hasNextPage"], true, "{}: {page}", db.name());
        let rest = read(&server, "", json!({ "first": n - 1, "after": info["endCursor"] })).await;
        let rest = &rest["data"]["changes"];
        assert_eq!(rest["edges"].as_array().unwrap().len(), 1, "{rest}");
        assert_eq!(rest["edges"][0]["node"]["kind"], "VOTING_RESULTS", "{rest}");
        assert_eq!(rest["edges"][0]["node"]["id"], phase.as_str(), "{rest}");
        assert_eq!(rest["pageInfo"]["hasNextPage"], false, "{rest}");
        assert_eq!(all_changes(&server, "", json!({ "first": 2 })).await, in_order, "{}", db.name());

        // `since` keeps what changed from then on; `kinds` only the vote's results.
        let since = all_changes(&server, "", json!({ "first": 10, "since": before_close })).await;
        assert_eq!(since, vec![change("VOTING_RESULTS", "CREATED", &phase)], "{}", db.name());
        let results = all_changes(&server, "", json!({ "first": 10, "kinds": ["VOTING_RESULTS"] })).await;
        assert_eq!(results, vec![change("VOTING_RESULTS", "CREATED", &phase)], "{}", db.name());
    }
}

#[tokio::test]
async fn a_draft_projects_changes_stay_hidden_and_bad_arguments_are_refused() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let project =
            str_of(&server.graphql("{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"]["id"]);
        let idea = post_idea(&server, &ana, &phase, "Trees").await;
        assert_eq!(all_changes(&server, "", json!({ "first": 10 })).await, vec![change("IDEA", "CREATED", &idea)]);

        // Back to draft: neither an anonymous client nor a resident sees its changes; its
        // administrator still does.
        let boss = server.cookie_for("boss@example.org").await;
        let status = format!("/admin/projects/{project}/status");
        assert_eq!(server.post_form(&boss, &status, &[("status", "draft")]).await.status(), 303);
        let anonymous = read(&server, "", json!({ "first": 10 })).await;
        assert_eq!(anonymous["data"]["changes"]["edges"], json!([]), "{}: {anonymous}", db.name());
        assert_eq!(anonymous["data"]["changes"]["pageInfo"]["hasNextPage"], false, "{anonymous}");
        assert_eq!(all_changes(&server, &ana, json!({ "first": 10 })).await, vec![], "{}", db.name());
        assert_eq!(all_changes(&server, &admin, json!({ "first": 10 })).await, vec![change("IDEA", "CREATED", &idea)]);

        // Paging arguments out of range and a `since` older than what is kept.
        for first in [0, -1, 101] {
            let refused = read(&server, "", json!({ "first": first })).await;
            assert_eq!(error_code(&refused), "first_out_of_range", "{}: {refused}", db.name());
        }
        for after in ["nonsense", "Y2hhbmdlOng6eQ"] {
            let refused = read(&server, "", json!({ "first": 10, "after": after })).await;
            assert_eq!(error_code(&refused), "cursor_invalid", "{after}: {refused}");
        }
        let old = Utc::now() - Duration::days(120);
        let refused = read(&server, "", json!({ "first": 10, "since": old })).await;
        assert_eq!(error_code(&refused), "changes_pruned", "{}: {refused}", db.name());
        let message = refused["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty() && !message.contains("changes_pruned"), "{refused}");
    }
}
