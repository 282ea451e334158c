// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas and reactions through GraphQL on every database, including a burst of parallel
//! reaction toggles by one resident.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn post_list_and_react_on_every_backend() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;

        let post = "mutation($ph: ID!, $t: String!) { postIdea(phaseId: $ph, title: $t, body: \"Because shade.\") { id authorName } }";
        let denied = server.graphql(post, json!({ "ph": phase, "t": "More trees" })).await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "not_signed_in", "{denied}");
        let mut ids = Vec::new();
        for t in ["More trees", "A fountain", "Night lights"] {
            let r = server.graphql_as(&ana, post, json!({ "ph": phase, "t": t })).await;
            assert_eq!(r["data"]["postIdea"]["authorName"], "Ana", "{} {r}", db.name());
            ids.push(r["data"]["postIdea"]["id"].as_str().unwrap().to_owned());
        }

        let react = "mutation($i: ID!) { react(ideaId: $i, mode: UP) { reactionsUp myReaction } }";
        let r = server.graphql_as(&admin, react, json!({ "i": ids[1] })).await;
        assert_eq!(r["data"]["react"], json!({ "reactionsUp": 1, "myReaction": "UP".to_lowercase() }), "{r}");
        let down = server
            .graphql_as(&admin, "mutation($i: ID!) { react(ideaId: $i, mode: DOWN) { id } }", json!({ "i": ids[1] }))
            .await;
        assert_eq!(down["errors"][0]["extensions"]["code"], "method_disallows");

        let list = "query($ph: ID!, $a: String) { ideas(phaseId: $ph, sort: MOST_REACTED, first: 2, after: $a) { nodes { title reactionsUp myReaction } pageInfo { hasNextPage endCursor } } }";
        let page = server.graphql_as(&admin, list, json!({ "ph": phase })).await;
        let nodes = &page["data"]["ideas"]["nodes"];
        assert_eq!(nodes[0], json!({ "title": "A fountain", "reactionsUp": 1, "myReaction": "up" }), "{page}");
        assert_eq!(page["data"]["ideas"]["pageInfo"]["hasNextPage"], true);
        let cursor = page["data"]["ideas"]["pageInfo"]["endCursor"].clone();
        let rest = server.graphql(list, json!({ "ph": phase, "a": cursor })).await;
        assert_eq!(rest["data"]["ideas"]["nodes"].as_array().unwrap().len(), 1);
        assert_eq!(rest["data"]["ideas"]["pageInfo"]["hasNextPage"], false);
    }
}

#[tokio::test]
async fn parallel_toggles_leave_one_reaction_and_true_counters() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let r = server
            .graphql_as(
                &admin,
                "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"Benches\", body: \"By the pond\") { id } }",
                json!({ "ph": phase }),
            )
            .await;
        let idea = r["data"]["postIdea"]["id"].as_str().unwrap().to_owned();

        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..100 {
            let (client, token, idea) = (server.graphql_client(), admin.clone(), idea.clone());
            tasks.spawn(async move {
                let query = if i % 2 == 0 {
                    "mutation($i: ID!) { react(ideaId: $i, mode: UP) { id } }"
                } else {
                    "mutation($i: ID!) { removeReaction(ideaId: $i) { id } }"
                };
                client.run(&token, query, json!({ "i": idea })).await
            });
        }
        while let Some(answer) = tasks.join_next().await {
            let answer = answer.unwrap();
            assert!(answer.get("errors").is_none(), "{} {answer}", db.name());
        }
        let after = server
            .graphql_as(&admin, "query($i: ID!) { idea(id: $i) { reactionsUp myReaction } }", json!({ "i": idea }))
            .await;
        let up = after["data"]["idea"]["reactionsUp"].as_i64().unwrap();
        let mine = after["data"]["idea"]["myReaction"].clone();
        assert!(up <= 1, "{} at most one reaction: {after}", db.name());
        assert_eq!(up == 1, mine == json!("up"), "the counter equals the rows: {after}");
    }
}

#[tokio::test]
async fn residents_post_and_support_ideas_with_plain_forms() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    project_through_forms(&server, &admin, "Parks", "Where should the new benches go?").await;

    let anonymous = server.get("/projects/parks").await.text().await.unwrap();
    assert!(anonymous.contains("Sign in to post an idea."), "{anonymous}");
    assert!(anonymous.contains("No ideas yet"));

    let ana = server.cookie_for("ana@example.org").await;
    let page = server.get_as(&ana, "/projects/parks").await.text().await.unwrap().replace("&#x2f;", "/");
    let start = page.find("action=\"/phases/").expect("the idea form") + "action=\"/phases/".len();
    let phase: String = page[start..].chars().take_while(char::is_ascii_digit).collect();

    let short = server
        .post_multipart(&ana, &format!("/phases/{phase}/ideas"), &[("title", "No"), ("body", "x")], &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(short.contains("The title needs 3 to 120 characters"), "the form comes back with the error");
    let xss = "<script>alert(1)</script>Shade";
    let r = server
        .post_multipart(&ana, &format!("/phases/{phase}/ideas"), &[("title", "More trees"), ("body", xss)], &[])
        .await;
    assert_eq!(r.status(), 303);
    let idea_path = r.headers()["location"].to_str().unwrap().to_owned();
    let idea = server.get(&idea_path).await.text().await.unwrap();
    assert!(idea.contains("More trees") && idea.contains("Shade") && !idea.contains("<script>"), "{idea}");
    assert!(idea.contains("No support yet"), "{idea}");

    let r = server.post_form(&ana, &format!("{idea_path}/react"), &[("mode", "up")]).await;
    assert_eq!(r.status(), 303);
    let supported = server.get_as(&ana, &idea_path).await.text().await.unwrap();
    assert!(
        supported.contains("One person supports this idea") && supported.contains("aria-pressed=\"true\""),
        "{supported}"
    );
    server.post_form(&ana, &format!("{idea_path}/react"), &[("mode", "none")]).await;
    assert!(server.get(&idea_path).await.text().await.unwrap().contains("No support yet"));

    let list = server.get("/projects/parks").await.text().await.unwrap();
    assert!(list.contains("More trees") && list.contains("Ana"));
}

#[tokio::test]
async fn closed_phases_say_when_they_open_or_ended() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    project_through_forms(&server, &admin, "Parks", "Benches").await;
    let phase = server.graphql("{ project(slug: \"parks\") { phases { id } } }", serde_json::Value::Null).await;
    let phase = phase["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned();
    let token = server.login("boss@example.org", PASSWORD).await.unwrap();
    let update = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Ideas\" }, method: \"ideation\", startAt: $s, endAt: $e }) { id } }";
    let r = server.graphql_as(&token, update, json!({ "id": phase, "s": "2099-03-01T00:00:00Z" })).await;
    assert!(r.get("errors").is_none(), "{r}");
    // A phase not open yet: the engine's reason; then the page's wording on a past phase's idea.
    let api = server
        .graphql_as(
            &token,
            "query($s: String!) { project(slug: $s) { phases { permissions { action reason } } } }",
            json!({ "s": "parks" }),
        )
        .await;
    assert_eq!(api["data"]["project"]["phases"][0]["permissions"][0]["reason"], "phase_not_active");

    let r = server.graphql_as(&token, update, json!({ "id": phase, "s": "2020-01-01T00:00:00Z" })).await;
    assert!(r.get("errors").is_none(), "{r}");
    let post = "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"Benches\", body: \"By the pond\") { id } }";
    let idea = server.graphql_as(&token, post, json!({ "ph": phase })).await;
    let idea = idea["data"]["postIdea"]["id"].as_str().unwrap().to_owned();
    let r = server
        .graphql_as(&token, update, json!({ "id": phase, "s": "2020-01-01T00:00:00Z", "e": "2020-03-01T00:00:00Z" }))
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    server.register("ana@example.org", "Ana").await;
    let ana = server.cookie_for("ana@example.org").await;
    let page = server.get_as(&ana, &format!("/ideas/{idea}")).await.text().await.unwrap();
    assert!(page.contains("This phase ended on 2020-02-29."), "{page}");
}

#[tokio::test]
async fn drafts_wait_for_their_author() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    project_through_forms(&server, &admin, "Parks", "Benches").await;
    let phase = server.graphql("{ project(slug: \"parks\") { phases { id } } }", serde_json::Value::Null).await;
    let phase = phase["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned();
    let ana = server.cookie_for("ana@example.org").await;
    let fields = [("title", "Half an idea"), ("body", "To be continued"), ("draft", "yes")];
    let r = server.post_multipart(&ana, &format!("/phases/{phase}/ideas"), &fields, &[]).await;
    let path = r.headers()["location"].to_str().unwrap().to_owned();
    let own = server.get_as(&ana, &path).await.text().await.unwrap();
    assert!(own.contains("This is a draft"), "{own}");
    assert_eq!(server.get(&path).await.status(), 404);
    let project = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
    assert!(project.contains("Your drafts") && project.contains("Half an idea"));
    assert!(!server.get("/projects/parks").await.text().await.unwrap().contains("Half an idea"));
    assert_eq!(server.post_form(&ana, &format!("{path}/publish"), &[]).await.status(), 303);
    assert!(server.get("/projects/parks").await.text().await.unwrap().contains("Half an idea"));
}
