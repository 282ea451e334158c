// SPDX-License-Identifier: AGPL-3.0-only
//! Polls through the back office and the project page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

#[tokio::test]
async fn a_poll_is_set_up_answered_once_and_exported() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let (project, phase) = poll_project(&server, &admin).await;
    let add = format!("/admin/projects/{project}/phases/{phase}/poll");
    let one = [("title", "Which day?"), ("kind", "single"), ("options", "Saturday\nSunday\n")];
    assert_eq!(server.post_form(&admin, &add, &one).await.status(), 303);
    let bad = [("title", "Only one option"), ("kind", "single"), ("options", "Alone")];
    assert!(
        server.post_form(&admin, &add, &bad).await.text().await.unwrap().contains("A question needs 2 to 20 options")
    );
    let two = [
        ("title", "What to sell?"),
        ("kind", "multiple"),
        ("min", "1"),
        ("max", "2"),
        ("options", "Bread\nFish\nFlowers"),
    ];
    server.post_form(&admin, &add, &two).await;

    let ana = server.cookie_for("ana@example.org").await;
    let page = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
    assert!(
        page.contains("Which day?") && page.contains("type=\"radio\"") && page.contains("Choose 1 to 2."),
        "{page}"
    );
    let read = server
        .graphql(
            "query($p: ID!) { poll(phaseId: $p) { questions { id options { id } } } }",
            serde_json::json!({ "p": phase }),
        )
        .await;
    let q = &read["data"]["poll"]["questions"];
    let (q1, q2) = (q[0]["id"].as_str().unwrap(), q[1]["id"].as_str().unwrap());
    let (o1, o2a, o2b) = (
        q[0]["options"][1]["id"].as_str().unwrap(),
        q[1]["options"][0]["id"].as_str().unwrap(),
        q[1]["options"][2]["id"].as_str().unwrap(),
    );
    let answer = format!("/phases/{phase}/poll");
    let (k1, k2) = (format!("q{q1}"), format!("q{q2}"));
    let missing = server.post_form(&ana, &answer, &[(k1.as_str(), o1)]).await.text().await.unwrap();
    assert!(missing.contains("Answer every question"), "{missing}");
    let r = server.post_form(&ana, &answer, &[(k1.as_str(), o1), (k2.as_str(), o2a), (k2.as_str(), o2b)]).await;
    assert_eq!(r.status(), 303);
    let after = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
    assert!(after.contains("your answers are recorded"));
    let again = server.post_form(&ana, &answer, &[(k1.as_str(), o1), (k2.as_str(), o2a)]).await.text().await.unwrap();
    assert!(again.contains("You have answered this poll already"));

    let csv = server.get_as(&admin, &format!("/admin/phases/{phase}/poll.csv")).await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("Which day?") && csv.contains("Sunday") && csv.contains("Bread; Flowers"), "{csv}");
    assert!(!csv.contains("Ana") && !csv.contains("ana@example.org"), "no names in the export");
    // Who may not have the export is told why, in words: a resident is not allowed, a visitor
    // is sent to sign in and back.
    let refused = server.get_as(&ana, &format!("/admin/phases/{phase}/poll.csv")).await;
    assert_eq!(refused.status(), 403);
    assert!(refused.text().await.unwrap().contains("Not allowed"));
    let visitor = server.get(&format!("/admin/phases/{phase}/poll.csv")).await;
    assert_eq!(visitor.status(), 303);
    let to = visitor.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(to, format!("/sign-in?next=%2Fadmin%2Fphases%2F{phase}%2Fpoll.csv"));
    assert_eq!(server.get("/phases/999999/poll/results").await.status(), 404);
    let editor = server.get_as(&admin, &format!("/admin/projects/{project}")).await.text().await.unwrap();
    assert!(editor.contains("Sunday: 1") && !editor.contains("Add the question"), "questions freeze once answered");

    // Its own results page: for moderators now, for everyone once a public poll has ended.
    let results = format!("/phases/{phase}/poll/results");
    assert!(server.get_as(&ana, &results).await.text().await.unwrap().contains("The results are not public"));
    let staff = server.get_as(&admin, &results).await.text().await.unwrap();
    assert!(staff.contains("Results of 1 response") || staff.contains("1 response"), "{staff}");
    let today = chrono::Utc::now().date_naive();
    let settings = [("results_public", "on")];
    let r = server.post_form(&admin, &format!("/admin/projects/{project}/phases/{phase}/settings"), &settings).await;
    assert_eq!(r.status(), 303);
    let token = server.login("boss@example.org", PASSWORD).await.unwrap();
    let end = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Your opinion\" }, method: \"poll\", startAt: $s, endAt: $e }) { id } }";
    let start = (today - chrono::Days::new(3)).and_hms_opt(0, 0, 0).unwrap().and_utc();
    let r = server
        .graphql_as(
            &token,
            end,
            serde_json::json!({ "id": phase, "s": start, "e": chrono::Utc::now() - chrono::Duration::minutes(5) }),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let public = server.get(&results).await.text().await.unwrap();
    assert!(public.contains("Sunday") && public.contains("Bread"), "{public}");
    let project_page = server.get("/projects/parks").await.text().await.unwrap();
    assert!(project_page.contains(&format!("&#x2f;phases&#x2f;{phase}&#x2f;poll&#x2f;results")), "{project_page}");
}
