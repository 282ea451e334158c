// SPDX-License-Identifier: AGPL-3.0-only
//! Comments, statuses with official feedback, follows, and idea lists (orders, filters, search)
//! through GraphQL on every database, plus a burst of parallel comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

async fn post_idea(server: &TestServer, token: &str, phase: &str, title: &str, body: &str, extra: Value) -> String {
    let r = server
        .graphql_as(
            token,
            "mutation($ph: ID!, $t: String!, $b: String!, $topics: [ID!], $area: ID) { postIdea(phaseId: $ph, title: $t, body: $b, topicIds: $topics, areaId: $area) { id } }",
            json!({ "ph": phase, "t": title, "b": body, "topics": extra["topics"], "area": extra["area"] }),
        )
        .await;
    r["data"]["postIdea"]["id"].as_str().unwrap_or_else(|| panic!("{r}")).to_owned()
}

#[tokio::test]
async fn residents_discuss_and_the_organisation_answers() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        server.register("ben@example.org", "Ben").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let idea = post_idea(&server, &ana, &phase, "Benches", "By the pond", Value::Null).await;

        let comment = "mutation($i: ID!, $p: ID, $b: String!) { postComment(ideaId: $i, parentId: $p, body: $b) { id parentId authorName } }";
        let denied = server.graphql(comment, json!({ "i": idea, "b": "Hi" })).await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "not_signed_in", "{denied}");
        let top = server.graphql_as(&ben, comment, json!({ "i": idea, "b": "Yes please" })).await;
        let top_id = top["data"]["postComment"]["id"].as_str().unwrap().to_owned();
        assert_eq!(top["data"]["postComment"]["authorName"], "Ben");
        let reply = server.graphql_as(&ana, comment, json!({ "i": idea, "p": top_id, "b": "Thanks" })).await;
        let reply_id = reply["data"]["postComment"]["id"].as_str().unwrap().to_owned();
        assert_eq!(reply["data"]["postComment"]["parentId"], top_id.as_str());

        let remove = "mutation($c: ID!, $r: String) { deleteComment(id: $c, reason: $r) { state body removalReason } }";
        let refused = server.graphql_as(&ben, remove, json!({ "c": reply_id, "r": "mine now" })).await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "forbidden", "{refused}");
        let removed = server.graphql_as(&admin, remove, json!({ "c": reply_id, "r": "Off topic" })).await;
        assert_eq!(
            removed["data"]["deleteComment"],
            json!({ "state": "removed", "body": null, "removalReason": "Off topic" }),
            "{removed}"
        );

        let statuses = server.graphql("{ ideaStatuses { id code title(locale: \"fr\") } }", Value::Null).await;
        let accepted = statuses["data"]["ideaStatuses"][2].clone();
        assert_eq!(accepted["code"], "accepted");
        assert_eq!(accepted["title"], "Acceptée");
        let set = "mutation($i: ID!, $s: ID!, $f: String) { setIdeaStatus(ideaId: $i, statusId: $s, feedback: $f) { statusCode } }";
        let refused = server.graphql_as(&ana, set, json!({ "i": idea, "s": accepted["id"] })).await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "forbidden");
        let set = server
            .graphql_as(&admin, set, json!({ "i": idea, "s": accepted["id"], "f": "Three benches in May." }))
            .await;
        assert_eq!(set["data"]["setIdeaStatus"]["statusCode"], "accepted", "{set}");
        server
            .graphql_as(
                &admin,
                "mutation($i: ID!) { postOfficialFeedback(ideaId: $i, body: \"Ordered.\") { id } }",
                json!({ "i": idea }),
            )
            .await;

        let unfollow = server
            .graphql_as(&ben, "mutation($i: ID!) { unfollow(targetType: IDEA, targetId: $i) }", json!({ "i": idea }))
            .await;
        assert_eq!(unfollow["data"]["unfollow"], false, "{unfollow}");

        let read = "query($i: ID!) { idea(id: $i) { commentsCount following status { code } officialFeedback { body statusCode } permissions { action allowed reason } } comments(ideaId: $i) { nodes { body authorName replies { state removalReason } } } }";
        let seen = server.graphql_as(&ana, read, json!({ "i": idea })).await;
        let i = &seen["data"]["idea"];
        assert_eq!(i["commentsCount"], 1, "the removed reply no longer counts: {seen}");
        assert_eq!(i["following"], true, "posting followed the idea");
        assert_eq!(i["status"]["code"], "accepted");
        assert_eq!(
            i["officialFeedback"],
            json!([{ "body": "Ordered.", "statusCode": null }, { "body": "Three benches in May.", "statusCode": "accepted" }])
        );
        assert!(
            i["permissions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["action"] == "commenting_idea" && p["allowed"] == true)
        );
        let thread = &seen["data"]["comments"]["nodes"][0];
        assert_eq!(thread["body"], "Yes please");
        assert_eq!(thread["replies"], json!([{ "state": "removed", "removalReason": "Off topic" }]));
        let bens = server.graphql_as(&ben, "query($i: ID!) { idea(id: $i) { following } }", json!({ "i": idea })).await;
        assert_eq!(bens["data"]["idea"]["following"], false, "{bens}");
    }
}

#[tokio::test]
async fn parallel_comments_keep_the_count_true() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let idea = post_idea(&server, &admin, &phase, "Benches", "By the pond", Value::Null).await;

        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..60 {
            let (client, token, idea) = (server.graphql_client(), admin.clone(), idea.clone());
            tasks.spawn(async move {
                let post = "mutation($i: ID!, $b: String!) { postComment(ideaId: $i, body: $b) { id } }";
                let posted = client.run(&token, post, json!({ "i": idea, "b": format!("Comment {i}") })).await;
                // Every third comment is deleted again right away.
                if i % 3 == 0 {
                    let delete = "mutation($c: ID!) { deleteComment(id: $c) { state } }";
                    client.run(&token, delete, json!({ "c": posted["data"]["postComment"]["id"] })).await;
                }
                posted
            });
        }
        while let Some(answer) = tasks.join_next().await {
            let answer = answer.unwrap();
            assert!(answer.get("errors").is_none(), "{} {answer}", db.name());
        }
        let seen = server
            .graphql(
                "query($i: ID!) { idea(id: $i) { commentsCount } comments(ideaId: $i, first: 100) { nodes { state } } }",
                json!({ "i": idea }),
            )
            .await;
        let published =
            seen["data"]["comments"]["nodes"].as_array().unwrap().iter().filter(|c| c["state"] == "published").count();
        assert_eq!(published, 40, "{}", db.name());
        assert_eq!(seen["data"]["idea"]["commentsCount"], 40, "{} the counter equals the rows", db.name());
    }
}

#[tokio::test]
async fn lists_order_filter_and_search_on_every_backend() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let term = "mutation($k: Taxonomy!, $t: JSON!) { createTerm(kind: $k, title: $t) { id } }";
        let green = server.graphql_as(&admin, term, json!({ "k": "TOPIC", "t": { "en": "Green" } })).await;
        let green = green["data"]["createTerm"]["id"].as_str().unwrap_or_else(|| panic!("{green}")).to_owned();
        let north = server.graphql_as(&admin, term, json!({ "k": "AREA", "t": { "en": "North" } })).await;
        let north = north["data"]["createTerm"]["id"].as_str().unwrap().to_owned();
        let denied = server.graphql(term, json!({ "k": "TOPIC", "t": { "en": "Mine" } })).await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "not_signed_in");
        let topics = server.graphql("{ topics { title } areas { title } }", Value::Null).await;
        assert_eq!(topics["data"], json!({ "topics": [{ "title": "Green" }], "areas": [{ "title": "North" }] }));

        let trees = post_idea(
            &server,
            &admin,
            &phase,
            "More trees",
            "Shade on the square",
            json!({ "topics": [green], "area": north }),
        )
        .await;
        let bikes =
            post_idea(&server, &admin, &phase, "Bike lanes", "Safer cycling to school", json!({ "topics": [green] }))
                .await;
        let cafe =
            post_idea(&server, &admin, &phase, "Café terrace", "Chairs on the square", json!({ "area": north })).await;
        server
            .graphql_as(
                &admin,
                "mutation($i: ID!) { postComment(ideaId: $i, body: \"Yes\") { id } }",
                json!({ "i": bikes }),
            )
            .await;

        let list = |args: &'static str| {
            let server = &server;
            let phase = phase.clone();
            async move {
                let q = format!("query($ph: ID!) {{ ideas(phaseId: $ph, {args}) {{ nodes {{ id }} }} }}");
                let r = server.graphql(&q, json!({ "ph": phase })).await;
                r["data"]["ideas"]["nodes"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{r}"))
                    .iter()
                    .map(|n| n["id"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(list("sort: NEWEST").await, [cafe.clone(), bikes.clone(), trees.clone()]);
        assert_eq!(list("sort: MOST_DISCUSSED").await[0], bikes);
        assert_eq!(list("search: \"square\", sort: NEWEST").await, [cafe.clone(), trees.clone()], "{}", db.name());
        assert_eq!(list("search: \"cafe\"").await, vec![cafe.clone()], "accents fold on {}", db.name());
        assert_eq!(list("search: \"cycl school\"").await, vec![bikes.clone()], "prefixes, all words on {}", db.name());

        let filtered = server
            .graphql(
                "query($ph: ID!, $t: [ID!], $a: [ID!]) { ideas(phaseId: $ph, topicIds: $t, areaIds: $a, sort: NEWEST) { nodes { id topicIds areaId } } }",
                json!({ "ph": phase, "t": [green], "a": [north] }),
            )
            .await;
        assert_eq!(filtered["data"]["ideas"]["nodes"], json!([{ "id": trees, "topicIds": [green], "areaId": north }]));

        let random = "query($ph: ID!, $a: String) { ideas(phaseId: $ph, sort: RANDOM, seed: 42, first: 2, after: $a) { nodes { id } pageInfo { endCursor } } }";
        let first = server.graphql(random, json!({ "ph": phase })).await;
        let rest =
            server.graphql(random, json!({ "ph": phase, "a": first["data"]["ideas"]["pageInfo"]["endCursor"] })).await;
        let mut all: Vec<String> = [&first, &rest]
            .iter()
            .flat_map(|r| r["data"]["ideas"]["nodes"].as_array().unwrap().clone())
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect();
        all.sort();
        let mut expected = vec![trees.clone(), bikes.clone(), cafe.clone()];
        expected.sort();
        assert_eq!(all, expected, "the shuffle pages through every idea once on {}", db.name());

        let bad = server
            .graphql("query($ph: ID!) { ideas(phaseId: $ph, after: \"zz\") { nodes { id } } }", json!({ "ph": phase }))
            .await;
        assert_eq!(bad["errors"][0]["extensions"]["code"], "cursor_invalid");
    }
}

/// The idea's id in a `/ideas/N` location header.
fn idea_path(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().split('#').next().unwrap().to_owned()
}

#[tokio::test]
async fn discussion_and_answers_work_as_plain_forms() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    server.register("ben@example.org", "Ben").await;
    let admin = server.cookie_for("boss@example.org").await;
    project_through_forms(&server, &admin, "Parks", "Where should the new benches go?").await;
    let ana = server.cookie_for("ana@example.org").await;
    let ben = server.cookie_for("ben@example.org").await;
    let page = server.get_as(&ana, "/projects/parks").await.text().await.unwrap().replace("&#x2f;", "/");
    let start = page.find("action=\"/phases/").expect("the idea form") + "action=\"/phases/".len();
    let phase: String = page[start..].chars().take_while(char::is_ascii_digit).collect();
    let r = server
        .post_multipart(&ana, &format!("/phases/{phase}/ideas"), &[("title", "Benches"), ("body", "By the pond")], &[])
        .await;
    let idea = idea_path(&r);
    server
        .post_multipart(&ana, &format!("/phases/{phase}/ideas"), &[("title", "Fountain"), ("body", "Cool water")], &[])
        .await;

    // Comments, a reply, an edit and an empty comment that comes back with its error.
    let empty = server.post_form(&ben, &format!("{idea}/comments"), &[("body", " ")]).await.text().await.unwrap();
    assert!(empty.contains("A comment needs 1 to 5,000 characters"), "{empty}");
    let r = server.post_form(&ben, &format!("{idea}/comments"), &[("body", "Yes, near the <b>pond</b>")]).await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let comment: String = location.rsplit("comment-").next().unwrap().to_owned();
    let r =
        server.post_form(&ana, &format!("{idea}/comments"), &[("body", "Thanks Ben"), ("parent_id", &comment)]).await;
    assert_eq!(r.status(), 303);
    server.post_form(&ben, &format!("/comments/{comment}/edit"), &[("body", "Yes, near the pond!")]).await;
    let seen = server.get(&idea).await.text().await.unwrap();
    assert!(
        seen.contains("2 comments") && seen.contains("Yes, near the pond!") && seen.contains("Thanks Ben"),
        "{seen}"
    );
    assert!(seen.contains("edited"));
    // A "more comments" address that does not read says so, not "no comments yet".
    let broken = server.get(&format!("{idea}?comments_after=nonsense")).await;
    assert_eq!(broken.status(), 200, "a broken cursor is a message, not an error page");
    let broken = broken.text().await.unwrap();
    assert!(broken.contains("This list cannot be shown") && !broken.contains("No comments yet"), "{broken}");

    // A moderator removes the reply with a reason that shows in its place, and answers.
    let reply = seen
        .rfind("id=\"comment-")
        .map(|at| seen[at + 12..].chars().take_while(char::is_ascii_digit).collect::<String>())
        .unwrap();
    let no_reason =
        server.post_form(&admin, &format!("/comments/{reply}/delete"), &[("reason", "")]).await.text().await.unwrap();
    assert!(no_reason.contains("role=\"alert\""), "a removal needs a reason");
    server.post_form(&admin, &format!("/comments/{reply}/delete"), &[("reason", "Personal details")]).await;
    let statuses = server.graphql("{ ideaStatuses { id code } }", serde_json::Value::Null).await;
    let accepted = statuses["data"]["ideaStatuses"][2]["id"].as_str().unwrap().to_owned();
    let r = server
        .post_form(
            &admin,
            &format!("{idea}/answer"),
            &[("status_id", &accepted), ("feedback", "Three benches in May.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let refused =
        server.post_form(&ana, &format!("{idea}/answer"), &[("status_id", ""), ("feedback", "I decide")]).await;
    assert!(refused.text().await.unwrap().contains("role=\"alert\""));
    let seen = server.get(&idea).await.text().await.unwrap();
    assert!(
        seen.contains("A moderator removed this comment: Personal details") && !seen.contains("Thanks Ben"),
        "{seen}"
    );
    assert!(seen.contains("Three benches in May.") && seen.contains("Accepted"), "{seen}");
    assert!(seen.contains("1 comment"));

    // Following: Ben commented, so he follows; he stops.
    let bens = server.get_as(&ben, &idea).await.text().await.unwrap();
    assert!(bens.contains("You follow this idea"));
    server.post_form(&ben, &format!("{idea}/follow"), &[("follow", "no")]).await;
    assert!(server.get_as(&ben, &idea).await.text().await.unwrap().contains("Follow this idea to hear"));

    // The project page filters by status and searches.
    let accepted_only = server.get(&format!("/projects/parks?status={accepted}")).await.text().await.unwrap();
    assert!(accepted_only.contains("Benches") && !accepted_only.contains("Fountain"), "{accepted_only}");
    let searched = server.get("/projects/parks?q=water&sort=newest").await.text().await.unwrap();
    assert!(searched.contains("Fountain") && !searched.contains(">Benches<"), "{searched}");
    let nothing = server.get("/projects/parks?q=zebra").await.text().await.unwrap();
    assert!(nothing.contains("No idea matches"));
    let broken = server.get("/projects/parks?after=nonsense").await;
    assert_eq!(broken.status(), 200, "a broken cursor is a message, not an error page");
    assert!(broken.text().await.unwrap().contains("This list cannot be shown"));
}
