// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas with pictures and documents through the forms: posting, serving, editing, deleting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(w, h).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn ideas_carry_pictures_and_documents() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    server.register("ben@example.org", "Ben").await;
    let admin = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    let ben = server.cookie_for("ben@example.org").await;
    project_through_forms(&server, &admin, "Parks", "Benches").await;
    server.post_form(&admin, "/admin/taxonomy/topics", &[("title_en", "Green")]).await;
    let phase = server.graphql("{ project(slug: \"parks\") { phases { id } } }", serde_json::Value::Null).await;
    let phase = phase["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned();
    let post = format!("/phases/{phase}/ideas");

    // A program disguised as a PDF is refused, and the form comes back filled in.
    let fields = [("title", "More trees"), ("body", "Shade"), ("address", "Station Street 4"), ("topics", "1")];
    let refused =
        server.post_multipart(&ana, &post, &fields, &[("attachments", "plan.pdf", b"MZ\x90\x00".to_vec())]).await;
    let page = refused.text().await.unwrap();
    assert!(page.contains("Attach a PDF, an office document") && page.contains("Station Street 4"), "{page}");
    let none = server.graphql("{ ideas(projectId: \"1\") { nodes { id } } }", serde_json::Value::Null).await;
    assert_eq!(none["data"]["ideas"]["nodes"], serde_json::json!([]), "nothing was written");
    // A picture declaring 64 megapixels in a small file is refused from its header.
    let huge = [("images", "huge.png", black_png(8_000, 8_000))];
    let refused = server.post_multipart(&ana, &post, &fields, &huge).await;
    let page = refused.text().await.unwrap();
    assert!(page.contains("The picture has more than 25 megapixels") && page.contains("Station Street 4"), "{page}");

    let files =
        [("images", "me at the park.png", png(2000, 1000)), ("attachments", "plan.pdf", b"%PDF-1.7 plan".to_vec())];
    let r = server.post_multipart(&ana, &post, &fields, &files).await;
    assert_eq!(r.status(), 303);
    let idea_path = r.headers()["location"].to_str().unwrap().to_owned();
    let idea = idea_path.rsplit('/').next().unwrap().to_owned();
    let read = server
        .graphql(
            "query($i: ID!) { idea(id: $i) { topicIds location { address } images { url width height contentType } attachments { url name contentType } } }",
            serde_json::json!({ "i": idea }),
        )
        .await;
    let i = &read["data"]["idea"];
    assert_eq!(i["topicIds"], serde_json::json!(["1"]));
    assert_eq!(i["location"]["address"], "Station Street 4");
    assert_eq!(
        (i["images"][0]["width"].as_i64(), i["images"][0]["contentType"].as_str()),
        (Some(1600), Some("image/jpeg"))
    );
    let picture = server.get(i["images"][0]["url"].as_str().unwrap()).await;
    assert_eq!(picture.headers()["content-type"], "image/jpeg");
    let document = server.get(i["attachments"][0]["url"].as_str().unwrap()).await;
    assert_eq!(document.headers()["content-type"], "application/pdf");
    assert!(
        document.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"plan.pdf\"")
    );

    let shown = server.get(&idea_path).await.text().await.unwrap();
    assert!(shown.contains("plan.pdf") && shown.contains("<img"), "{shown}");
    assert!(!shown.contains("Edit or delete"), "only the author sees the edit link");
    assert_eq!(server.get_as(&ben, &format!("{idea_path}/edit")).await.status(), 404);

    // The author edits: new title, the document removed, a picture added.
    let edit_page = server.get_as(&ana, &format!("{idea_path}/edit")).await.text().await.unwrap();
    let file_id =
        edit_page.split("name=\"remove_file\" value=\"").nth(2).unwrap().split('"').next().unwrap().to_owned();
    let r = server
        .post_multipart(
            &ana,
            &format!("{idea_path}/edit"),
            &[("title", "More oaks"), ("body", "Shade"), ("remove_file", &file_id)],
            &[("images", "second.png", png(300, 200))],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let read = server
        .graphql(
            "query($i: ID!) { idea(id: $i) { title images { url } attachments { url } } }",
            serde_json::json!({ "i": idea }),
        )
        .await;
    assert_eq!(read["data"]["idea"]["title"], "More oaks");
    assert_eq!(read["data"]["idea"]["images"].as_array().unwrap().len(), 2);
    assert_eq!(read["data"]["idea"]["attachments"], serde_json::json!([]));
    assert_eq!(server.get(i["attachments"][0]["url"].as_str().unwrap()).await.status(), 404);

    // Files follow their project's visibility.
    let url = read["data"]["idea"]["images"][0]["url"].as_str().unwrap().to_owned();
    server
        .post_form(&admin, "/admin/projects/1", &[("title_en", "Parks"), ("slug", "parks"), ("visibility", "admins")])
        .await;
    assert_eq!(server.get(&url).await.status(), 404);
    assert_eq!(server.get_as(&admin, &url).await.status(), 200);

    let r = server.post_form(&admin, &format!("{idea_path}/delete"), &[]).await;
    assert_eq!(r.headers()["location"], "/projects/parks");
    assert_eq!(server.get_as(&admin, &url).await.status(), 404);
}
