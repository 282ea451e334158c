// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering through the back office and the project page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

#[tokio::test]
async fn residents_volunteer_for_causes_the_city_lists() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let r = server.post_form(&admin, "/admin/projects", &[("title_en", "Help"), ("slug", "help")]).await;
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let project = location.rsplit('/').next().unwrap().to_owned();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let phase = [("phase_title_en", "Lend a hand"), ("method", "volunteering"), ("start", today.as_str())];
    server.post_form(&admin, &format!("{location}/phases"), &phase).await;
    server.post_form(&admin, &format!("{location}/status"), &[("status", "published")]).await;
    let read = server.graphql("{ project(slug: \"help\") { phases { id } } }", serde_json::Value::Null).await;
    let phase = read["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned();
    let add = format!("/admin/projects/{project}/phases/{phase}/causes");
    assert_eq!(
        server.post_form(&admin, &add, &[("title", "Clean the park"), ("description", "Saturday")]).await.status(),
        303
    );
    assert!(server.post_form(&admin, &add, &[("title", "")]).await.text().await.unwrap().contains("role=\"alert\""));

    let anonymous = server.get("/projects/help").await.text().await.unwrap();
    assert!(anonymous.contains("Clean the park") && anonymous.contains("Sign in to volunteer."), "{anonymous}");
    let ana = server.cookie_for("ana@example.org").await;
    let causes =
        server.graphql("query($p: ID!) { causes(phaseId: $p) { id } }", serde_json::json!({ "p": phase })).await;
    let cause = causes["data"]["causes"][0]["id"].as_str().unwrap().to_owned();
    let r =
        server.post_form(&ana, &format!("/causes/{cause}/volunteer"), &[("phase", &phase), ("volunteer", "yes")]).await;
    assert_eq!(r.status(), 303);
    assert!(server.get_as(&ana, "/projects/help").await.text().await.unwrap().contains("1 volunteer"));
    let csv = server.get_as(&admin, &format!("/admin/phases/{phase}/volunteers.csv")).await.text().await.unwrap();
    assert!(csv.contains("Clean the park,Ana,ana@example.org"), "{csv}");
    assert_eq!(server.get_as(&ana, &format!("/admin/phases/{phase}/volunteers.csv")).await.status(), 404);
    server.post_form(&ana, &format!("/causes/{cause}/volunteer"), &[("phase", &phase), ("volunteer", "no")]).await;
    assert!(server.get_as(&ana, "/projects/help").await.text().await.unwrap().contains("No volunteer yet"));
}
