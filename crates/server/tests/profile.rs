// SPDX-License-Identifier: AGPL-3.0-only
//! Profile, avatar, "download my data" and "delete my account", through HTTP and GraphQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

/// A JPEG carrying an EXIF segment with a marker we can look for afterwards.
fn jpeg_with_exif() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(640, 480).write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let plain = out.into_inner();
    let payload = b"Exif\0\0MM\0*\0\0\0\x08GPS-SECRET-51.05N-3.72E";
    let len = (payload.len() + 2) as u16;
    let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
    with_exif.extend_from_slice(&len.to_be_bytes());
    with_exif.extend_from_slice(payload);
    with_exif.extend_from_slice(&plain[2..]);
    with_exif
}

async fn upload(server: &TestServer, cookie: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("avatar", part);
    server
        .http
        .post(server.url("/account/avatar"))
        .header("cookie", cookie)
        .header("origin", &server.base)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn avatars_are_checked_by_content_resized_and_stripped() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        let cookie = server.cookie_for("ana@example.org").await;

        let refused =
            upload(&server, &cookie, "holiday.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()).await;
        assert!(refused.text().await.unwrap().contains("Upload a PNG, JPEG, WebP or GIF picture"));

        let original = jpeg_with_exif();
        assert!(original.windows(10).any(|w| w == b"GPS-SECRET"));
        let r = upload(&server, &cookie, "me.png", original).await;
        assert_eq!(r.status(), 303, "{}", db.name());
        let page = server.get_as(&cookie, "/account").await.text().await.unwrap().replace("&#x2f;", "/");
        let start = page.find("/files/avatars/").expect("the avatar on the account page");
        let src: String = page[start..].chars().take_while(|c| *c != '"').collect();
        let served = server.get(&src).await;
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        let bytes = served.bytes().await.unwrap();
        assert!(!bytes.windows(10).any(|w| w == b"GPS-SECRET"), "metadata removed");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"));
        let picture = image::load_from_memory(&bytes).unwrap();
        assert_eq!((picture.width(), picture.height()), (256, 256));

        let token = server.login("ana@example.org", PASSWORD).await.unwrap();
        let me = server.graphql_as(&token, "{ viewer { id } }", Value::Null).await;
        let id = me["data"]["viewer"]["id"].as_str().unwrap().to_owned();
        let public = server.graphql("query($id: ID!) { user(id: $id) { avatarUrl } }", json!({ "id": id })).await;
        assert_eq!(public["data"]["user"]["avatarUrl"], src.as_str());

        // Too large for the upload limit: refused before it is read, without a 500.
        let headers = [
            ("cookie", cookie.as_str()),
            ("origin", server.base.as_str()),
            ("content-type", "multipart/form-data; boundary=x"),
        ];
        let status = server.status_for_announced_body("/account/avatar", 7 * 1024 * 1024, &headers).await;
        assert!(status.starts_with("HTTP/1.1 413"), "{status}");
        // Within the upload limit but over the limit of every other route.
        let status = server.status_for_announced_body("/account/profile", 2 * 1024 * 1024, &headers).await;
        assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    }
}

#[tokio::test]
async fn profile_export_and_deletion_through_graphql() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        let token = server.login("ana@example.org", PASSWORD).await.unwrap();

        let update = "mutation($i: ProfileInput!) { updateProfile(input: $i) { displayName locale } }";
        let r = server
            .graphql_as(&token, update, json!({ "i": { "displayName": "Ana M.", "bio": "Cyclist.", "locale": "nl" } }))
            .await;
        assert_eq!(r["data"]["updateProfile"], json!({ "displayName": "Ana M.", "locale": "nl" }), "{r}");
        let bad = server.graphql_as(&token, update, json!({ "i": { "locale": "xx" } })).await;
        assert_eq!(bad["errors"][0]["extensions"]["code"], "locale_invalid");
        let anonymous = server.graphql(update, json!({ "i": { "bio": "x" } })).await;
        assert_eq!(anonymous["errors"][0]["extensions"]["code"], "not_signed_in");

        let data = server.graphql_as(&token, "mutation { exportMyData }", Value::Null).await;
        let profile = &data["data"]["exportMyData"]["data"]["accounts"]["profile"];
        assert_eq!(profile["bio"], "Cyclist.", "{data}");
        assert_eq!(profile["email"], "ana@example.org");

        let cookie = server.cookie_for("ana@example.org").await;
        let file = server.get_as(&cookie, "/account/data.json").await;
        assert!(file.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
        let json: Value = file.json().await.unwrap();
        assert_eq!(json["format"], "townhall-personal-data/1");

        let delete = "mutation($p: String!) { deleteMyAccount(password: $p, content: ANONYMIZE) }";
        let wrong = server.graphql_as(&token, delete, json!({ "p": "not my password really" })).await;
        assert_eq!(wrong["errors"][0]["extensions"]["code"], "password_wrong");
        let ok = server.graphql_as(&token, delete, json!({ "p": PASSWORD })).await;
        assert_eq!(ok["data"]["deleteMyAccount"], true, "{} {ok}", db.name());
        assert!(server.graphql_as(&token, "{ viewer { id } }", Value::Null).await["data"]["viewer"].is_null());
        assert!(server.login("ana@example.org", PASSWORD).await.is_err());
    }
}

#[tokio::test]
async fn deleting_through_the_account_page() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.register("ana@example.org", "Ana").await;
    let cookie = server.cookie_for("ana@example.org").await;
    let wrong = server
        .post_form(&cookie, "/account/delete", &[("content", "delete"), ("delete_password", "nope nope nope")])
        .await;
    assert!(wrong.text().await.unwrap().contains("The current password is not right"));
    let r = server.post_form(&cookie, "/account/delete", &[("content", "delete"), ("delete_password", PASSWORD)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account-deleted");
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert!(server.login("ana@example.org", PASSWORD).await.is_err());
}

#[tokio::test]
async fn avatars_over_the_pixel_bound_and_over_the_hourly_limit_are_refused() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        server.register("ben@example.org", "Ben").await;
        let ana = server.cookie_for("ana@example.org").await;

        // 64 megapixels in a small file: refused from its header; the form comes back with the
        // field's error.
        let huge = black_png(8_000, 8_000);
        assert!(huge.len() < 1024 * 1024, "{} bytes", huge.len());
        let r = upload(&server, &ana, "huge.png", huge).await;
        assert_eq!(r.status(), 200, "{}", db.name());
        let page = r.text().await.unwrap();
        assert!(page.contains("The picture has more than 12 megapixels"), "{page}");
        let account = server.get_as(&ana, "/account").await.text().await.unwrap().replace("&#x2f;", "/");
        assert!(!account.contains("/files/avatars/"), "no avatar was stored");

        // 30 pictures an hour per account: the refused one counted, 29 more pass, then no more.
        for _ in 0..29 {
            assert_eq!(upload(&server, &ana, "me.png", black_png(64, 64)).await.status(), 303);
        }
        let r = upload(&server, &ana, "me.png", black_png(64, 64)).await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        assert!(page.contains("You have uploaded many pictures in the last hour"), "{page}");
        let nl = server
            .http
            .post(server.url("/account/avatar?lang=nl"))
            .header("cookie", &ana)
            .header("origin", &server.base)
            .multipart(reqwest::multipart::Form::new().part("avatar", reqwest::multipart::Part::bytes(black_png(8, 8))))
            .send()
            .await
            .unwrap();
        assert!(nl.text().await.unwrap().contains("Je hebt het afgelopen uur veel afbeeldingen geüpload"));
        // Each account counts on its own.
        let ben = server.cookie_for("ben@example.org").await;
        assert_eq!(upload(&server, &ben, "me.png", black_png(64, 64)).await.status(), 303);
    }
}
