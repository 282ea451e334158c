// SPDX-License-Identifier: AGPL-3.0-only
//! The back office for participation: a phase's settings, topics and areas, and the idea table.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

async fn phase_of(server: &TestServer) -> String {
    let r = server.graphql("{ project(slug: \"parks\") { phases { id } } }", serde_json::Value::Null).await;
    r["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn administrators_shape_phases_lists_and_ideas() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    let project = project_through_forms(&server, &admin, "Parks", "Benches").await;
    let phase = phase_of(&server).await;

    // Topics and areas.
    let r = server.post_form(&admin, "/admin/taxonomy/topics", &[("title_en", "Green"), ("title_fr", "Vert")]).await;
    assert_eq!(r.status(), 303);
    server.post_form(&admin, "/admin/taxonomy/areas", &[("title_en", "North"), ("position", "2")]).await;
    let empty = server.post_form(&admin, "/admin/taxonomy/topics", &[("title_en", " ")]).await.text().await.unwrap();
    assert!(empty.contains("Write it in at least one language"), "{empty}");
    let listed = server.get_as(&admin, "/admin/taxonomy").await.text().await.unwrap();
    assert!(listed.contains("Green") && listed.contains("North"));
    let terms = server.graphql("{ topics { id } areas { id } }", serde_json::Value::Null).await;
    let topic = terms["data"]["topics"][0]["id"].as_str().unwrap().to_owned();
    server
        .post_form(&admin, &format!("/admin/taxonomy/topics/{topic}"), &[("title_en", "Greenery"), ("position", "1")])
        .await;
    let area = terms["data"]["areas"][0]["id"].as_str().unwrap().to_owned();
    server.post_form(&admin, &format!("/admin/taxonomy/areas/{area}/delete"), &[]).await;
    let after = server.graphql("{ topics { title } areas { title } }", serde_json::Value::Null).await;
    assert_eq!(after["data"], serde_json::json!({ "topics": [{ "title": "Greenery" }], "areas": [] }));
    let refused = server.post_form(&ana, "/admin/taxonomy/topics", &[("title_en", "Mine")]).await;
    assert_eq!(refused.status(), 403);

    // Settings: no comments, but dislikes, in a compact list.
    let settings = format!("/admin/projects/{project}/phases/{phase}/settings");
    let r = server
        .post_form(
            &admin,
            &settings,
            &[("posting", "on"), ("reacting", "on"), ("dislikes", "on"), ("default_sort", "newest"), ("view", "list")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let read = server.graphql("{ project(slug: \"parks\") { phases { settings } } }", serde_json::Value::Null).await;
    let saved = &read["data"]["project"]["phases"][0]["settings"];
    assert_eq!(saved["commenting"], false, "{read}");
    assert_eq!(
        (saved["dislikes"].clone(), saved["view"].clone()),
        (serde_json::json!(true), serde_json::json!("list"))
    );
    let bad = server.post_form(&admin, &settings, &[("default_sort", "loudest")]).await.text().await.unwrap();
    assert!(bad.contains("This value does not fit the setting"), "{bad}");

    let r = server
        .post_multipart(&ana, &format!("/phases/{phase}/ideas"), &[("title", "More trees"), ("body", "Shade")], &[])
        .await;
    let idea_path = r.headers()["location"].to_str().unwrap().to_owned();
    let idea = idea_path.rsplit('/').next().unwrap().to_owned();
    let page = server.get_as(&ana, &idea_path).await.text().await.unwrap();
    assert!(page.contains("This phase does not offer that") && page.contains("Oppose this idea"), "{page}");
    let list = server.get("/projects/parks").await.text().await.unwrap();
    assert!(list.contains("idea-list-list") && list.contains("value=\"newest\" selected"), "{list}");

    // The idea table: filter, change the status, delete.
    let table = server.get_as(&admin, &format!("/admin/ideas?project={project}")).await.text().await.unwrap();
    assert!(table.contains("More trees"), "{table}");
    let none = server.get_as(&admin, "/admin/ideas?q=zebra").await.text().await.unwrap();
    assert!(none.contains("No idea matches"));
    let r = server
        .post_form(
            &admin,
            &format!("/admin/ideas/{idea}/status"),
            &[("status_id", "4"), ("back", "/admin/ideas?status=4")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/admin/ideas?status=4");
    let implemented = server.get_as(&admin, "/admin/ideas?status=4").await.text().await.unwrap();
    assert!(implemented.contains("More trees"));
    assert_eq!(server.get_as(&ana, "/admin/ideas").await.status(), 403);
    server.post_form(&admin, &format!("/admin/ideas/{idea}/delete"), &[("back", "/admin/ideas")]).await;
    assert!(!server.get_as(&admin, "/admin/ideas").await.text().await.unwrap().contains("More trees"));
}

#[tokio::test]
async fn project_moderators_manage_their_project_only() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let parks = project_through_forms(&server, &admin, "Parks", "Benches").await;
    let other = server.post_form(&admin, "/admin/projects", &[("title_en", "Streets"), ("slug", "streets")]).await;
    let other = other.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_owned();

    let missing = server
        .post_form(
            &admin,
            &format!("/admin/projects/{parks}/moderators"),
            &[("email", "nobody@example.org"), ("moderator", "yes")],
        )
        .await;
    assert!(missing.text().await.unwrap().contains("No account has this e-mail address"));
    let r = server
        .post_form(
            &admin,
            &format!("/admin/projects/{parks}/moderators"),
            &[("email", "ana@example.org"), ("moderator", "yes")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let token = server.login("boss@example.org", PASSWORD).await.unwrap();
    let listed =
        server.graphql_as(&token, "{ project(slug: \"parks\") { moderatorEmails } }", serde_json::Value::Null).await;
    assert_eq!(listed["data"]["project"]["moderatorEmails"], serde_json::json!(["ana@example.org"]));

    let ana = server.cookie_for("ana@example.org").await;
    let home = server.get_as(&ana, "/").await.text().await.unwrap();
    assert!(home.contains("href=\"&#x2f;admin\"") || home.contains("href=\"/admin\""), "the back office is linked");
    let list = server.get_as(&ana, "/admin/projects").await.text().await.unwrap();
    assert!(list.contains("Parks") && !list.contains("Streets") && !list.contains("new-project-title"), "{list}");
    assert_eq!(server.get_as(&ana, &format!("/admin/projects/{parks}")).await.status(), 200);
    assert_eq!(server.get_as(&ana, &format!("/admin/projects/{other}")).await.status(), 404);
    assert_eq!(server.get_as(&ana, "/admin/users").await.status(), 403);
    assert_eq!(server.get_as(&ana, "/admin/taxonomy").await.status(), 403);
    let refused = server.post_form(&ana, "/admin/projects", &[("title_en", "Mine"), ("slug", "mine")]).await;
    assert_eq!(refused.status(), 403);

    // She answers ideas of her project from the table, which lists only hers.
    let phase = server.graphql("{ project(slug: \"parks\") { phases { id } } }", serde_json::Value::Null).await;
    let phase = phase["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned();
    let r = server
        .post_multipart(&admin, &format!("/phases/{phase}/ideas"), &[("title", "More trees"), ("body", "Shade")], &[])
        .await;
    let idea = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let table = server.get_as(&ana, "/admin/ideas").await.text().await.unwrap();
    assert!(table.contains("More trees"), "{table}");
    let r = server
        .post_form(&ana, &format!("/admin/ideas/{idea}/status"), &[("status_id", "3"), ("back", "/admin/ideas")])
        .await;
    assert_eq!(r.status(), 303);
    let page = server.get(&format!("/ideas/{idea}")).await.text().await.unwrap();
    assert!(page.contains("Accepted"));

    server
        .post_form(
            &admin,
            &format!("/admin/projects/{parks}/moderators"),
            &[("email", "ana@example.org"), ("moderator", "no")],
        )
        .await;
    assert_eq!(server.get_as(&ana, "/admin/projects").await.status(), 403, "the role ends at once");
}

#[tokio::test]
async fn projects_get_a_header_picture_topics_and_areas() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let id = project_through_forms(&server, &admin, "Parks", "Benches").await;
    server.post_form(&admin, "/admin/taxonomy/topics", &[("title_en", "Green")]).await;
    server.post_form(&admin, "/admin/taxonomy/areas", &[("title_en", "North")]).await;

    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(2400, 800).write_to(&mut png, image::ImageFormat::Png).unwrap();
    let r = server
        .post_multipart(
            &admin,
            &format!("/admin/projects/{id}/header"),
            &[],
            &[("header_image", "h.png", png.into_inner())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let bad = server
        .post_multipart(
            &admin,
            &format!("/admin/projects/{id}/header"),
            &[],
            &[("header_image", "h.png", b"<svg/>".to_vec())],
        )
        .await;
    assert!(bad.text().await.unwrap().contains("role=\"alert\""));
    server.post_form(&admin, &format!("/admin/projects/{id}/terms"), &[("topics", "1"), ("areas", "1")]).await;
    // Topics and areas are one change: an unknown area is refused and leaves the topics (which
    // this form would empty) as they were.
    let refused = server.post_form(&admin, &format!("/admin/projects/{id}/terms"), &[("areas", "999")]).await;
    assert!(refused.text().await.unwrap().contains("role=\"alert\""));

    let read = server.graphql("{ projects { headerImageUrl topicIds areaIds } }", serde_json::Value::Null).await;
    let p = &read["data"]["projects"][0];
    assert_eq!((p["topicIds"].clone(), p["areaIds"].clone()), (serde_json::json!(["1"]), serde_json::json!(["1"])));
    let url = p["headerImageUrl"].as_str().unwrap().to_owned();
    let picture = server.get(&url).await;
    assert_eq!(picture.headers()["content-type"], "image/jpeg");
    let home = server.get("/").await.text().await.unwrap().replace("&#x2f;", "/");
    assert!(home.contains(&url), "the card shows the header");
    server.post_form(&admin, &format!("/admin/projects/{id}/header/remove"), &[]).await;
    assert_eq!(server.get(&url).await.status(), 404);
}

#[tokio::test]
async fn residents_follow_projects_and_admins_order_them() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let id = project_through_forms(&server, &admin, "Parks", "Benches").await;
    let ana = server.cookie_for("ana@example.org").await;
    assert_eq!(server.post_form(&ana, "/projects/parks/follow", &[("follow", "yes")]).await.status(), 303);
    let page = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
    assert!(page.contains("Stop following this project"), "{page}");
    let anonymous = server.post_form("", "/projects/parks/follow", &[("follow", "yes")]).await;
    assert_eq!(anonymous.status(), 303);
    assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/sign-in"));

    let update = [("title_en", "Parks"), ("slug", "parks"), ("visibility", "public"), ("position", "7")];
    server.post_form(&admin, &format!("/admin/projects/{id}"), &update).await;
    let edit = server.get_as(&admin, &format!("/admin/projects/{id}")).await.text().await.unwrap();
    assert!(edit.contains("name=\"position\" type=\"number\" value=\"7\""), "{edit}");
}
