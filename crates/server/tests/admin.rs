// SPDX-License-Identifier: AGPL-3.0-only
//! The back office through its HTML pages: who may open them, and what its forms do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use townhall_license::{DEV_KID, Plan};

const PAGES: &[&str] =
    &["/admin/projects", "/admin/users", "/admin/audit", "/admin/features", "/admin/license", "/admin/settings"];

/// Every page that needs someone: anonymous, a resident, another resident, a blocked resident,
/// an administrator.
#[tokio::test]
async fn only_administrators_open_the_back_office() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        for (email, name) in [("ana@example.org", "Ana"), ("ben@example.org", "Ben"), ("cas@example.org", "Cas")] {
            server.register(email, name).await;
        }
        server.make_admin("boss@example.org");
        let resident = server.cookie_for("ana@example.org").await;
        let other = server.cookie_for("ben@example.org").await;
        let blocked = server.cookie_for("cas@example.org").await;
        let admin = server.cookie_for("boss@example.org").await;
        let token = server.login("boss@example.org", PASSWORD).await.unwrap();
        let users =
            server.graphql_as(&token, "{ users(search: \"cas\") { nodes { id } } }", serde_json::Value::Null).await;
        let cas = users["data"]["users"]["nodes"][0]["id"].as_str().unwrap().to_owned();
        let r =
            server.post_form(&admin, &format!("/admin/users/{cas}/block"), &[("reason", "spam"), ("until", "")]).await;
        assert_eq!(r.status(), 303);

        let mut pages: Vec<String> = PAGES.iter().map(|p| (*p).to_owned()).collect();
        pages.push(format!("/admin/users/{cas}"));
        for page in &pages {
            let anonymous = server.get(page).await;
            assert_eq!(anonymous.status(), 303, "{page}");
            let next: String = form_urlencoded::byte_serialize(page.as_bytes()).collect();
            assert_eq!(anonymous.headers()["location"], format!("/sign-in?next={next}"));
            assert_eq!(server.get_as(&blocked, page).await.status(), 303, "a blocked session is no session: {page}");
            assert_eq!(server.get_as(&resident, page).await.status(), 403, "{page}");
            assert_eq!(server.get_as(&other, page).await.status(), 403, "{page}");
            let ok = server.get_as(&admin, page).await;
            assert_eq!(ok.status(), 200, "{} {page}", db.name());
            let html = ok.text().await.unwrap();
            let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
            assert!(!title.is_empty() && !title.contains('<'), "{page} has a plain title: {title}");
        }
        // The account page needs a signed-in, unblocked user.
        assert_eq!(server.get("/account").await.status(), 303);
        assert_eq!(server.get_as(&blocked, "/account").await.status(), 303);
        for cookie in [&resident, &other, &admin] {
            assert_eq!(server.get_as(cookie, "/account").await.status(), 200);
        }
        // Forms refuse residents too, not only the pages.
        let r = server.post_form(&resident, "/admin/settings", &[("name", "Hijacked")]).await;
        assert_eq!(r.status(), 403);
        assert_eq!(server.platform().await["name"], "Townhall");
    }
}

#[tokio::test]
async fn administrators_block_rename_switch_and_install_a_licence() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.register("ana@example.org", "Ana").await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let resident = server.cookie_for("ana@example.org").await;

    let list = server.get_as(&admin, "/admin/users?search=ana").await.text().await.unwrap();
    let start = list.find("/admin/users/").unwrap() + "/admin/users/".len();
    let id: String = list[start..].chars().take_while(char::is_ascii_digit).collect();

    let r = server.post_form(&admin, &format!("/admin/users/{id}/block"), &[("reason", ""), ("until", "")]).await;
    assert!(r.text().await.unwrap().contains("Give a reason"));
    let r = server
        .post_form(&admin, &format!("/admin/users/{id}/block"), &[("reason", "spam"), ("until", "2099-01-01")])
        .await;
    assert_eq!(r.status(), 303);
    let detail = server.get_as(&admin, &format!("/admin/users/{id}")).await.text().await.unwrap();
    assert!(detail.contains("Blocked: spam.") && detail.contains("2099-01-01"), "{detail}");
    assert!(!server.get_as(&resident, "/account").await.status().is_success(), "the block ended the session");

    let r = server.post_form(&admin, "/admin/settings", &[("name", "Participate Ghent")]).await;
    assert_eq!(r.status(), 303);
    assert!(server.get("/").await.text().await.unwrap().contains("Participate Ghent"));

    let r = server.post_form(&admin, "/admin/features/graphql_explorer", &[("enabled", "false")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(server.get("/graphql").await.status(), 404);

    let key = dev_key(&claims(Plan::Premium, 60));
    let bad = server.post_form(&admin, "/admin/license", &[("key", &tamper(&key, 2))]).await.text().await.unwrap();
    assert!(bad.contains("The licence key was refused"), "{bad}");
    let r = server.post_form(&admin, "/admin/license", &[("key", &key)]).await;
    assert_eq!(r.status(), 303);
    let page = server.get_as(&admin, "/admin/license").await.text().await.unwrap();
    assert!(page.contains("City of Testing") && page.contains("Valid"), "{page}");
    assert!(page.contains("Signed with key") && page.contains(&format!("<code>{DEV_KID}</code>")), "{page}");
    if let Some(paid) = paid_features().first() {
        let r = server.post_form(&admin, &format!("/admin/features/{paid}"), &[("enabled", "true")]).await;
        assert_eq!(r.status(), 303);
        assert!(features_where(&server.platform().await, "active").contains(&(*paid).to_owned()));
    }

    let audit = server.get_as(&admin, "/admin/audit").await.text().await.unwrap();
    for action in ["user.block", "settings.name", "feature.disable", "license.replace"] {
        assert!(audit.contains(action), "{action} in the audit log");
    }
}

#[tokio::test]
async fn brand_colour_and_languages() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let form = |color: &'static str, locales: &[&'static str], default: &'static str| {
        let mut f: Vec<(&str, &str)> = vec![("name", "Townhall"), ("brand_color", color), ("default_locale", default)];
        f.extend(locales.iter().map(|l| ("locales", *l)));
        f
    };
    let pale = server.post_form(&admin, "/admin/settings", &form("#ffcc00", &["en", "nl"], "nl")).await;
    assert!(pale.text().await.unwrap().contains("hard to read"));
    let none = server.post_form(&admin, "/admin/settings", &form("#336699", &[], "nl")).await;
    assert!(none.text().await.unwrap().contains("at least one language"));
    let r = server.post_form(&admin, "/admin/settings", &form("#336699", &["en", "nl"], "nl")).await;
    assert_eq!(r.status(), 303);

    let home =
        server.http.get(server.url("/")).header("accept-language", "fr").send().await.unwrap().text().await.unwrap();
    assert!(home.contains("<html lang=\"nl\">"), "French is not offered: the default language is used");
    assert!(!home.contains("hreflang=\"fr\""), "the switcher offers only the chosen languages");
    assert!(home.contains("/theme.css?v=336699"));
    let css = server.get("/theme.css?v=336699").await.text().await.unwrap();
    assert!(css.contains("--brand: #336699") && css.contains("--brand-strong: #264d73"), "{css}");

    let platform = server.graphql("{ platform { brandColor locales defaultLocale } }", serde_json::Value::Null).await;
    assert_eq!(
        platform["data"]["platform"],
        serde_json::json!({ "brandColor": "#336699", "locales": ["en", "nl"], "defaultLocale": "nl" })
    );
    let denied = server
        .graphql(
            "mutation { updatePlatformSettings(input: { brandColor: \"#000000\" }) { brandColor } }",
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
}

#[tokio::test]
async fn the_logo_replaces_the_name_in_the_header() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let resident = server.cookie_for("ana@example.org").await;
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgba8(1200, 300).write_to(&mut png, image::ImageFormat::Png).unwrap();
    let png = png.into_inner();
    let send = |cookie: String, bytes: Vec<u8>| {
        let form =
            reqwest::multipart::Form::new().part("logo", reqwest::multipart::Part::bytes(bytes).file_name("logo.png"));
        server
            .http
            .post(server.url("/admin/settings/logo"))
            .header("cookie", cookie)
            .header("origin", &server.base)
            .multipart(form)
            .send()
    };
    assert_eq!(send(resident, png.clone()).await.unwrap().status(), 403);
    let refused = send(admin.clone(), b"not a picture".to_vec()).await.unwrap().text().await.unwrap();
    assert!(refused.contains("Upload a PNG, JPEG, WebP or GIF picture"));
    assert_eq!(send(admin.clone(), png).await.unwrap().status(), 303);

    let home = server.get("/").await.text().await.unwrap().replace("&#x2f;", "/");
    let start = home.find("<img class=\"logo\" src=\"").expect("a logo in the header") + 23;
    let src: String = home[start..].chars().take_while(|c| *c != '"').collect();
    assert!(home.contains("alt=\"Townhall\""), "the logo's text alternative is the platform name");
    let logo = server.get(&src).await;
    assert_eq!(logo.headers()["content-type"], "image/png");
    let picture = image::load_from_memory(&logo.bytes().await.unwrap()).unwrap();
    assert_eq!((picture.width(), picture.height()), (480, 120));

    assert_eq!(server.post_form(&admin, "/admin/settings/logo/remove", &[]).await.status(), 303);
    assert!(!server.get("/").await.text().await.unwrap().contains("class=\"logo\""));
    assert_eq!(server.get(&src).await.status(), 404);
}
