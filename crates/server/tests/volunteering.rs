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
    // A refused form shows the project page again, with the reason in the volunteering panel.
    let toggle = format!("/causes/{cause}/volunteer");
    let refused = server.post_form("", &toggle, &[("phase", &phase), ("volunteer", "yes")]).await;
    let page = refused.text().await.unwrap();
    let panel = &page[page.find("id=\"volunteering\"").expect("the panel")..];
    assert!(panel.contains("role=\"alert\"") && panel.contains("Clean the park"), "{page}");
    // A form naming no phase of a project finds nothing, and changes nothing.
    let unknown = server.post_form(&ana, &toggle, &[("phase", "999999"), ("volunteer", "no")]).await;
    assert_eq!(unknown.status(), 404);
    assert!(server.get_as(&ana, "/projects/help").await.text().await.unwrap().contains("1 volunteer"));
    let csv = server.get_as(&admin, &format!("/admin/phases/{phase}/volunteers.csv")).await.text().await.unwrap();
    assert!(csv.contains("Clean the park,Ana,ana@example.org"), "{csv}");
    assert_eq!(server.get_as(&ana, &format!("/admin/phases/{phase}/volunteers.csv")).await.status(), 403);
    // The back office lists who volunteers for each cause; residents see counts only.
    let back_office = server.get_as(&admin, &location).await.text().await.unwrap();
    assert!(back_office.contains("Who volunteers for “Clean the park”"), "{back_office}");
    assert!(back_office.contains("mailto:ana@example.org"), "{back_office}");
    assert!(!server.get_as(&ana, "/projects/help").await.text().await.unwrap().contains("mailto:ana@example.org"));
    let who = "query($p: ID!) { volunteers(phaseId: $p) { causeId name email } }";
    let boss = server.login("boss@example.org", PASSWORD).await.unwrap();
    let listed = server.graphql_as(&boss, who, serde_json::json!({ "p": phase })).await;
    assert_eq!(
        listed["data"]["volunteers"],
        serde_json::json!([{ "causeId": cause, "name": "Ana", "email": "ana@example.org" }])
    );
    let resident = server.login("ana@example.org", PASSWORD).await.unwrap();
    let refused = server.graphql_as(&resident, who, serde_json::json!({ "p": phase })).await;
    assert!(refused["errors"].is_array() && refused["data"].is_null(), "{refused}");
    server.post_form(&ana, &format!("/causes/{cause}/volunteer"), &[("phase", &phase), ("volunteer", "no")]).await;
    assert!(server.get_as(&ana, "/projects/help").await.text().await.unwrap().contains("No volunteer yet"));
}

#[tokio::test]
async fn a_cause_has_a_picture_checked_scaled_and_shown_to_those_who_see_it() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let (project, phase) = method_project(&server, &admin, "volunteering").await;
    server
        .post_form(&admin, &format!("/admin/projects/{project}/phases/{phase}/causes"), &[("title", "Plant trees")])
        .await;
    let read = "query($p: ID!) { causes(phaseId: $p) { id image } }";
    let causes = server.graphql(read, serde_json::json!({ "p": phase })).await;
    let cause = causes["data"]["causes"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(causes["data"]["causes"][0]["image"], serde_json::Value::Null);
    let upload = format!("/admin/projects/{project}/causes/{cause}/image");
    let refused =
        server.post_multipart(&admin, &upload, &[], &[("image", "notes.png", b"not a picture".to_vec())]).await;
    assert!(refused.text().await.unwrap().contains("role=\"alert\""));
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(3000, 1000).write_to(&mut png, image::ImageFormat::Png).unwrap();
    let r = server.post_multipart(&admin, &upload, &[], &[("image", "trees.png", png.into_inner())]).await;
    assert_eq!(r.status(), 303);
    let causes = server.graphql(read, serde_json::json!({ "p": phase })).await;
    let address = causes["data"]["causes"][0]["image"].as_str().unwrap().to_owned();
    assert!(address.starts_with("/files/causes/"), "{address}");
    let page = server.get("/projects/parks").await.text().await.unwrap();
    assert!(page.contains(&format!("src=\"{}\"", address.replace('/', "&#x2f;"))), "{page}");
    let picture = server.get(&address).await;
    assert_eq!(picture.headers()["content-type"], "image/jpeg");
    let picture = image::load_from_memory(&picture.bytes().await.unwrap()).unwrap();
    assert_eq!((picture.width(), picture.height()), (1200, 400));
    // Its smaller copies (made on first request) and its WebP follow the same rule.
    let stem = address.trim_end_matches(".jpg").to_owned();
    assert!(page.contains(&format!("{stem}.w480.webp 480w").replace('/', "&#x2f;")), "{page}");
    let small = server.get(&format!("{stem}.w480.webp")).await;
    assert_eq!(small.headers()["content-type"], "image/webp");
    let small = image::load_from_memory(&small.bytes().await.unwrap()).unwrap();
    assert_eq!((small.width(), small.height()), (480, 160));
    let variants = [format!("{stem}.w480.webp"), format!("{stem}.w960.jpg"), format!("{stem}.webp")];
    // A draft project's pictures are not for visitors.
    server.post_form(&admin, &format!("/admin/projects/{project}/status"), &[("status", "draft")]).await;
    assert_eq!(server.get(&address).await.status(), 404);
    assert_eq!(server.get_as(&admin, &address).await.status(), 200);
    for variant in &variants {
        assert_eq!(server.get(variant).await.status(), 404, "{variant}");
        assert_eq!(server.get_as(&admin, variant).await.status(), 200, "{variant}");
    }
    let stored = |url: &str| server.dir.path().join("files").join(url.trim_start_matches("/files/"));
    assert!(variants.iter().all(|v| stored(v).is_file()));
    let r = server.post_form(&admin, &format!("{upload}/remove"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(server.get_as(&admin, &address).await.status(), 404);
    // The picture's copies went with it.
    assert!(variants.iter().chain([&address]).all(|v| !stored(v).exists()));
}
