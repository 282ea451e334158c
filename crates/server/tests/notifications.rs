// SPDX-License-Identifier: AGPL-3.0-only
//! Notifications end to end on every database: a comment reaches the idea's author in the
//! bell and, through the outbox worker, by e-mail over real SMTP with a one-click unsubscribe
//! that works without signing in and cannot be forged; settings and GraphQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

async fn confirmed(server: &TestServer, smtp: &SmtpServer, email: &str, name: &str) -> String {
    server.register(email, name).await;
    let mail = smtp.wait_for(email, 1).await;
    let link = link_in(&mail.text, &server.base);
    assert_eq!(server.http.get(&link).send().await.unwrap().status(), 200);
    server.login(email, PASSWORD).await.unwrap()
}

#[tokio::test]
async fn a_comment_reaches_the_author_in_the_bell_and_by_mail() {
    for db in backends() {
        let Some(smtp) = SmtpServer::start() else { return };
        let server = TestServer::start_with(&db, Options { env: smtp.env(), ..Options::default() }).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let ana = confirmed(&server, &smtp, "ana@example.org", "Ana").await;
        let ben = confirmed(&server, &smtp, "ben@example.org", "Ben").await;
        let post = "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"A quiet street\", body: \"No cars\") { id } }";
        let idea = server.graphql_as(&ana, post, json!({ "ph": phase })).await;
        let idea = idea["data"]["postIdea"]["id"].as_str().unwrap_or_else(|| panic!("{idea}")).to_owned();
        let comment = "mutation($i: ID!) { postComment(ideaId: $i, body: \"Lovely\") { id } }";
        server.graphql_as(&ben, comment, json!({ "i": idea })).await;

        // In the platform: the bell counts it, the list shows it, opening it marks it read.
        let count = server.graphql_as(&ana, "{ unreadNotificationCount }", Value::Null).await;
        assert_eq!(count["data"]["unreadNotificationCount"], 1, "{} {count}", db.name());
        assert_eq!(
            server.graphql_as(&ben, "{ unreadNotificationCount }", Value::Null).await["data"]["unreadNotificationCount"],
            0
        );
        let cookie = server.cookie_for("ana@example.org").await;
        let home = server.get_as(&cookie, "/").await.text().await.unwrap();
        assert!(home.contains("1 unread"), "{home}");
        let list = server.get_as(&cookie, "/notifications").await.text().await.unwrap();
        assert!(list.contains("Ben commented on your idea “A quiet street”."), "{list}");
        let read = server
            .graphql_as(
                &ana,
                "{ notifications(first: 5) { nodes { id kind read link } pageInfo { hasNextPage endCursor } } }",
                Value::Null,
            )
            .await;
        let first = &read["data"]["notifications"]["nodes"][0];
        assert_eq!((first["kind"].as_str(), first["read"].as_bool()), (Some("comment_on_idea"), Some(false)));
        let open = server.get_as(&cookie, &format!("/notifications/{}", first["id"].as_str().unwrap())).await;
        assert_eq!(open.status(), 303);
        assert!(open.headers()["location"].to_str().unwrap().starts_with(&format!("/ideas/{idea}")));
        assert_eq!(
            server.graphql_as(&ana, "{ unreadNotificationCount }", Value::Null).await["data"]["unreadNotificationCount"],
            0
        );

        // By e-mail, through the outbox worker, with the unsubscribe headers.
        let mail = smtp.wait_for("ana@example.org", 2).await;
        assert_eq!(mail.subject, "New comment on “A quiet street”");
        assert!(mail.raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{}", mail.raw);
        let unsubscribe = link_in(&mail.text, &format!("{}/unsubscribe", server.base));
        // The link shows a button (no session needed); a forged one is refused.
        let page = server.http.get(&unsubscribe).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Stop these e-mails"), "{page}");
        let forged = unsubscribe.replace("signature=", "signature=00");
        assert_eq!(server.http.post(&forged).send().await.unwrap().status(), 400);
        let page = server.http.get(&forged).send().await.unwrap();
        assert_eq!(page.status(), 400, "a forged link shows no button");
        let page = page.text().await.unwrap();
        assert!(page.contains("This link is not valid") && !page.contains("action=\"/unsubscribe"), "{page}");
        let done = server.http.post(&unsubscribe).body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(done.status(), 200);
        let prefs = server.graphql_as(&ana, "{ notificationPreferences { kind inApp email } }", Value::Null).await;
        let row = prefs["data"]["notificationPreferences"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == "comment_on_idea")
            .cloned()
            .unwrap();
        assert_eq!(row, json!({ "kind": "comment_on_idea", "inApp": true, "email": false }));

        // The settings page turns kinds on and off.
        let saved = server.post_form(&cookie, "/account/notifications", &[("idea_update.in_app", "on")]).await;
        assert_eq!(saved.status(), 303);
        let page = server.get_as(&cookie, "/account/notifications").await.text().await.unwrap();
        assert!(page.contains("Answers and status changes on ideas I follow"), "{page}");
        let prefs = server.graphql_as(&ana, "{ notificationPreferences { kind inApp email } }", Value::Null).await;
        let on: Vec<&str> = prefs["data"]["notificationPreferences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["inApp"] == true)
            .map(|p| p["kind"].as_str().unwrap())
            .collect();
        assert_eq!(on, ["idea_update"]);
        let update = "mutation { updateNotificationPreferences(preferences: [{ kind: \"comment_on_idea\", inApp: true, email: true }]) { kind inApp email } }";
        let r = server.graphql_as(&ana, update, Value::Null).await;
        assert!(r.get("errors").is_none(), "{r}");
        let r = server.graphql_as(&ana, "mutation { markNotificationsRead }", Value::Null).await;
        assert_eq!(r["data"]["markNotificationsRead"], true);

        // The list pages with a cursor, newest first.
        for body in ["Second", "Third"] {
            let more = "mutation($i: ID!, $b: String!) { postComment(ideaId: $i, body: $b) { id } }";
            server.graphql_as(&ben, more, json!({ "i": idea, "b": body })).await;
        }
        let paged = "query($a: String) { notifications(first: 2, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }";
        let first = server.graphql_as(&ana, paged, json!({ "a": null })).await;
        let first = &first["data"]["notifications"];
        assert_eq!(first["nodes"].as_array().map(Vec::len), Some(2), "{first}");
        let rest = server.graphql_as(&ana, paged, json!({ "a": first["pageInfo"]["endCursor"] })).await;
        let rest = &rest["data"]["notifications"];
        assert_eq!(rest["nodes"].as_array().map(Vec::len), Some(1), "{} {rest}", db.name());
        assert_eq!(rest["pageInfo"]["hasNextPage"], false, "{rest}");
        let ids: Vec<&Value> = first["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .chain(rest["nodes"].as_array().unwrap())
            .map(|n| &n["id"])
            .collect();
        assert!(ids.windows(2).all(|w| w[0] != w[1]), "{ids:?}");
    }
}
