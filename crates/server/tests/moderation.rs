// SPDX-License-Identifier: AGPL-3.0-only
//! Moderation through the pages and GraphQL on every database: reports from the idea page, the
//! queue in the back office, hiding and restoring, and the profanity filter.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn reports_go_to_the_queue_where_moderators_hide_and_restore() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        for (email, name) in [("ana@example.org", "Ana"), ("ben@example.org", "Ben"), ("mo@example.org", "Mo")] {
            server.register(email, name).await;
        }
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let ana_token = server.login("ana@example.org", PASSWORD).await.unwrap();
        let post = "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"Parking on the square\", body: \"Cars first\") { id projectId } }";
        let posted = server.graphql_as(&ana_token, post, json!({ "ph": phase })).await;
        let idea = posted["data"]["postIdea"]["id"].as_str().unwrap_or_else(|| panic!("{posted}")).to_owned();
        let project = posted["data"]["postIdea"]["projectId"].as_str().unwrap().to_owned();
        let boss = server.cookie_for("boss@example.org").await;
        let r = server
            .post_form(
                &boss,
                &format!("/admin/projects/{project}/moderators"),
                &[("email", "mo@example.org"), ("moderator", "yes")],
            )
            .await;
        assert_eq!(r.status(), 303);

        // A resident reports from the idea page.
        let ben = server.cookie_for("ben@example.org").await;
        let page = server.get_as(&ben, &format!("/ideas/{idea}")).await.text().await.unwrap();
        assert!(page.contains(&format!("action=\"&#x2f;ideas&#x2f;{idea}&#x2f;report\"")), "{page}");
        let refused = server.post_form(&ben, &format!("/ideas/{idea}/report"), &[("reason", "other")]).await;
        assert!(refused.text().await.unwrap().contains("Tell the moderators what is wrong."));
        let r = server.post_form(&ben, &format!("/ideas/{idea}/report"), &[("reason", "spam")]).await;
        assert_eq!(r.status(), 303);
        let thanks = server.get_as(&ben, r.headers()["location"].to_str().unwrap()).await.text().await.unwrap();
        assert!(thanks.contains("the moderators will look at it"));

        // The project's moderator works the queue; residents have none.
        assert_eq!(server.get_as(&ben, "/admin/moderation").await.status(), 403);
        let mo = server.cookie_for("mo@example.org").await;
        let queue = server.get_as(&mo, "/admin/moderation").await.text().await.unwrap();
        assert!(queue.contains("Parking on the square") && queue.contains("Spam or advertising"), "{queue}");
        let hide = [
            ("target_type", "idea"),
            ("target_id", idea.as_str()),
            ("reason", "Advertising"),
            ("back", "/admin/moderation"),
        ];
        assert_eq!(server.post_form(&mo, "/admin/moderation/hide", &hide).await.status(), 303);
        assert_eq!(server.get_as(&ben, &format!("/ideas/{idea}")).await.status(), 404, "{}", db.name());
        let ana = server.cookie_for("ana@example.org").await;
        let own = server.get_as(&ana, &format!("/ideas/{idea}")).await.text().await.unwrap();
        assert!(own.contains("A moderator hid this idea: Advertising."), "{own}");
        let list = server.get("/projects/parks").await.text().await.unwrap();
        assert!(!list.contains("Parking on the square"));
        let handled = server.get_as(&mo, "/admin/moderation?status=handled").await.text().await.unwrap();
        assert!(handled.contains("Show it again"), "{handled}");
        let restore =
            [("target_type", "idea"), ("target_id", idea.as_str()), ("back", "/admin/moderation?status=handled")];
        let r = server.post_form(&mo, "/admin/moderation/restore", &restore).await;
        assert_eq!(r.headers()["location"], "/admin/moderation?status=handled");
        assert_eq!(server.get_as(&ben, &format!("/ideas/{idea}")).await.status(), 200);

        // GraphQL: a comment reported, hidden and the queue read, with the issue's names.
        let ben_token = server.login("ben@example.org", PASSWORD).await.unwrap();
        let comment = server
            .graphql_as(
                &ana_token,
                "mutation($i: ID!) { postComment(ideaId: $i, body: \"Honk!\") { id } }",
                json!({ "i": idea }),
            )
            .await;
        let comment = comment["data"]["postComment"]["id"].as_str().unwrap_or_else(|| panic!("{comment}")).to_owned();
        let report = "mutation($t: ID!) { report(targetType: \"comment\", targetId: $t, reason: \"inappropriate\") }";
        let reported = server.graphql_as(&ben_token, report, json!({ "t": comment })).await;
        assert!(reported["data"]["report"].is_string(), "{reported}");
        let mo_token = server.login("mo@example.org", PASSWORD).await.unwrap();
        let queue =
            "{ moderationQueue(status: \"new\") { nodes { targetType excerpt reason } pageInfo { hasNextPage } } }";
        let read = server.graphql_as(&mo_token, queue, serde_json::Value::Null).await;
        assert_eq!(read["data"]["moderationQueue"]["nodes"][0]["targetType"], "comment", "{read}");
        let hide = "mutation($t: ID!) { hideContent(targetType: \"comment\", targetId: $t, reason: \"Rude\") }";
        assert_eq!(server.graphql_as(&mo_token, hide, json!({ "t": comment })).await["data"]["hideContent"], true);
        let denied = server.graphql_as(&ben_token, hide, json!({ "t": comment })).await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
        let page = server.get(&format!("/ideas/{idea}")).await.text().await.unwrap();
        assert!(page.contains("Rude") && !page.contains("Honk!"), "{page}");
        let restore = "mutation($t: ID!) { restoreContent(targetType: \"comment\", targetId: $t) }";
        assert_eq!(
            server.graphql_as(&mo_token, restore, json!({ "t": comment })).await["data"]["restoreContent"],
            true
        );
        assert!(server.get(&format!("/ideas/{idea}")).await.text().await.unwrap().contains("Honk!"));

        // Two new reports, read a page at a time in one project; one dismissed.
        server.graphql_as(&ben_token, report, json!({ "t": comment })).await;
        let other =
            "mutation($t: ID!) { report(targetType: \"idea\", targetId: $t, reason: \"other\", text: \"Off topic\") }";
        let on_idea = server.graphql_as(&ben_token, other, json!({ "t": idea })).await;
        let on_idea = on_idea["data"]["report"].as_str().unwrap_or_else(|| panic!("{on_idea}")).to_owned();
        let paged = "query($p: ID, $a: String) { moderationQueue(status: \"new\", projectId: $p, first: 1, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }";
        let first = server.graphql_as(&mo_token, paged, json!({ "p": project, "a": null })).await;
        let first = &first["data"]["moderationQueue"];
        assert_eq!(first["nodes"].as_array().map(Vec::len), Some(1), "{first}");
        let second =
            server.graphql_as(&mo_token, paged, json!({ "p": project, "a": first["pageInfo"]["endCursor"] })).await;
        let second = &second["data"]["moderationQueue"];
        assert_eq!(second["nodes"].as_array().map(Vec::len), Some(1), "{second}");
        assert_ne!(first["nodes"][0]["id"], second["nodes"][0]["id"]);
        let dismiss = "mutation($r: ID!) { dismissReport(id: $r) }";
        assert_eq!(
            server.graphql_as(&ben_token, dismiss, json!({ "r": on_idea })).await["errors"][0]["extensions"]["code"],
            "forbidden"
        );
        assert_eq!(server.graphql_as(&mo_token, dismiss, json!({ "r": on_idea })).await["data"]["dismissReport"], true);
        let left = server.graphql_as(&mo_token, paged, json!({ "p": project, "a": null })).await;
        let left = &left["data"]["moderationQueue"];
        assert_eq!(left["nodes"].as_array().map(Vec::len), Some(1), "{left}");
        assert_eq!(left["pageInfo"]["hasNextPage"], false, "only the comment's report is left: {left}");
        assert!(
            server.get(&format!("/ideas/{idea}")).await.status().is_success(),
            "a dismissed report leaves the idea"
        );
    }
}

#[tokio::test]
async fn the_profanity_filter_answers_with_a_clear_message() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    let phase = open_ideation(&server, &admin).await;
    let ana = server.cookie_for("ana@example.org").await;
    let r = server
        .post_multipart(
            &ana,
            &format!("/phases/{phase}/ideas"),
            &[("title", "This bullshit road"), ("body", "Fix it")],
            &[],
        )
        .await;
    let page = r.text().await.unwrap();
    assert!(page.contains("This text contains a word that is not accepted here"), "{page}");
    let boss = server.cookie_for("boss@example.org").await;
    let features = server.get_as(&boss, "/admin/features").await.text().await.unwrap();
    assert!(features.contains("Profanity filter: French words"), "{features}");
}
