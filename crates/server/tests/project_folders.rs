// SPDX-License-Identifier: AGPL-3.0-only
//! Project folders (Standard, issue #8): a folder's page gathers projects, the home page shows
//! the folder instead of them, and folder moderators moderate every project in their folder;
//! without the licence folders are gone and the projects show as before.
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const CREATE: &str = "mutation($i: ProjectFolderInput!) { createProjectFolder(input: $i) { id slug } }";
const SET: &str = "mutation($f: ID!, $p: [ID!]!) { setProjectFolderProjects(id: $f, projectIds: $p) { projectIds } }";
const MODERATOR: &str = "mutation($f: ID!, $e: String!) { addProjectFolderModerator(id: $f, email: $e) { id } }";

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(w, h).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A second published project; returns its id.
async fn roads(server: &TestServer, admin: &str) -> String {
    let created = "mutation { createProject(input: { slug: \"roads\", title: { en: \"Roads\" } }) { id } }";
    let id = server.graphql_as(admin, created, Value::Null).await["data"]["createProject"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    server.graphql_as(admin, "mutation($p: ID!) { publishProject(id: $p) { status } }", json!({ "p": id })).await;
    id
}

async fn roles(server: &TestServer, token: &str) -> Vec<String> {
    let answer = server.graphql_as(token, "{ viewer { roles } }", Value::Null).await;
    serde_json::from_value(answer["data"]["viewer"]["roles"].clone()).unwrap_or_default()
}

#[tokio::test]
async fn folders_gather_projects_and_their_moderators_moderate_them() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Standard).await;
        let phase = open_ideation(&server, &admin).await;
        let parks = server.graphql_as(&admin, "{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let roads = roads(&server, &admin).await;
        let green = json!({ "i": { "slug": "green", "title": { "en": "Green city", "fr": "Ville verte" }, "description": { "en": "Parks and trees." } } });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, green.clone()).await), "feature_disabled");
        enable_feature(&server, &admin, "project_folders").await;
        let bad = server.graphql_as(&admin, CREATE, json!({ "i": { "slug": "Not ok", "title": { "en": "X" } } })).await;
        assert_eq!(error_code(&bad), "slug_invalid");
        let folder = server.graphql_as(&admin, CREATE, green.clone()).await["data"]["createProjectFolder"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, green).await), "folder_slug_taken");
        let set = server.graphql_as(&admin, SET, json!({ "f": folder, "p": [parks] })).await;
        assert_eq!(set["data"]["setProjectFolderProjects"]["projectIds"], json!([parks]), "{set}");

        // The home page shows the folder instead of its project; the folder's page shows it.
        // Addresses from modules come escaped (`&#x2f;` for `/`).
        let home = server.get("/").await.text().await.unwrap().replace("&#x2f;", "/");
        assert!(home.contains("href=\"/folders/green\"") && home.contains("One project"), "{home}");
        assert!(!home.contains("href=\"/projects/parks\"") && home.contains("href=\"/projects/roads\""), "{home}");
        let page = server.get("/folders/green?lang=fr").await.text().await.unwrap();
        assert!(page.contains("Ville verte") && page.contains("href=\"/projects/parks\""), "{page}");
        let read = server.graphql("{ projectFolder(slug: \"green\") { title projectIds } }", Value::Null).await;
        assert_eq!(read["data"]["projectFolder"]["projectIds"], json!([parks]), "{read}");

        // A folder moderator moderates the folder's projects, also one added later.
        server.register("mo@example.org", "Mo").await;
        server.register("ana@example.org", "Ana").await;
        let mo = server.login("mo@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let unknown = server.graphql_as(&admin, MODERATOR, json!({ "f": folder, "e": "nobody@example.org" })).await;
        assert_eq!(error_code(&unknown), "user_unknown");
        server.graphql_as(&admin, MODERATOR, json!({ "f": folder, "e": "mo@example.org" })).await;
        assert!(roles(&server, &mo).await.contains(&format!("project_moderator:project:{parks}")));
        let listed =
            server.graphql_as(&admin, "{ projectFolders { slug projectIds moderators { email } } }", Value::Null).await;
        let listed = &listed["data"]["projectFolders"][0];
        assert_eq!(
            (listed["slug"].as_str(), listed["projectIds"].clone()),
            (Some("green"), json!([parks])),
            "{listed}"
        );
        assert_eq!(listed["moderators"][0]["email"], "mo@example.org");
        let post =
            "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"More benches\", body: \"By the pond\") { id } }";
        let idea = server.graphql_as(&ana, post, json!({ "ph": phase })).await["data"]["postIdea"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let heard = server.graphql_as(&mo, "{ notifications(first: 5) { nodes { kind } } }", Value::Null).await;
        assert_eq!(
            heard["data"]["notifications"]["nodes"][0]["kind"], "new_idea",
            "folder moderators hear of new ideas: {heard}"
        );
        let feedback = "mutation($i: ID!) { postOfficialFeedback(ideaId: $i, body: \"We will look at it.\") { id } }";
        let answered = server.graphql_as(&mo, feedback, json!({ "i": idea })).await;
        assert!(answered["data"]["postOfficialFeedback"]["id"].is_string(), "{answered}");
        assert!(!roles(&server, &mo).await.contains(&format!("project_moderator:project:{roads}")));
        server.graphql_as(&admin, SET, json!({ "f": folder, "p": [parks, roads] })).await;
        assert!(roles(&server, &mo).await.contains(&format!("project_moderator:project:{roads}")));

        // Deleting the folder: the projects stay and show again; the moderator's reach goes.
        let delete = "mutation($f: ID!) { deleteProjectFolder(id: $f) }";
        assert_eq!(
            server.graphql_as(&admin, delete, json!({ "f": folder })).await["data"]["deleteProjectFolder"],
            true
        );
        let home = server.get("/").await.text().await.unwrap().replace("&#x2f;", "/");
        assert!(home.contains("href=\"/projects/parks\"") && !home.contains("/folders/green"), "{home}");
        assert_eq!(error_code(&server.graphql_as(&mo, feedback, json!({ "i": idea })).await), "forbidden");
    }
}

#[tokio::test]
async fn without_the_licence_projects_show_outside_their_folders() {
    let (licensed, admin) = licensed_admin(&Db::Sqlite, Plan::Standard).await;
    open_ideation(&licensed, &admin).await;
    enable_feature(&licensed, &admin, "project_folders").await;
    let parks =
        licensed.graphql_as(&admin, "{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"]["id"]
            .clone();
    let folder = json!({ "i": { "slug": "green", "title": { "en": "Green city" } } });
    let folder = licensed.graphql_as(&admin, CREATE, folder).await["data"]["createProjectFolder"]["id"].clone();
    licensed.graphql_as(&admin, SET, json!({ "f": folder, "p": [parks] })).await;
    let url = licensed.database_url.clone();
    let mut licensed = licensed;
    licensed.kill();

    let tampered = tamper(&dev_key(&claims(Plan::Standard, 30)), 1);
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir, url, Options { license: Some(&tampered), ..Options::default() }).await;
    let home = server.get("/").await.text().await.unwrap().replace("&#x2f;", "/");
    assert!(home.contains("href=\"/projects/parks\"") && !home.contains("/folders/green"), "{home}");
    assert_ne!(server.get("/folders/green").await.status(), 200);
    let read = server.graphql("{ projectFolder(slug: \"green\") { title } }", Value::Null).await;
    assert_eq!(error_code(&read), "license_required");
}

#[tokio::test]
async fn the_back_office_keeps_folders() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Standard).await;
    open_ideation(&server, &admin).await;
    enable_feature(&server, &admin, "project_folders").await;
    server.register("mo@example.org", "Mo").await;
    let boss = server.cookie_for("boss@example.org").await;
    let mo = server.cookie_for("mo@example.org").await;
    assert_eq!(server.get_as(&mo, "/admin/folders").await.status(), 403);

    let bad = server.post_form(&boss, "/admin/folders", &[("slug", "green"), ("title_en", "")]).await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("Write it in at least one language."));
    let form = [("slug", "green"), ("title_en", "Green city"), ("description_en", "Parks and trees.")];
    let created = server.post_form(&boss, "/admin/folders", &form).await;
    assert_eq!(created.status(), 303);
    let page = created.headers()["location"].to_str().unwrap().to_owned();
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    assert!(detail.contains("<h1>Green city</h1>") && detail.contains("name=\"projects\""), "{detail}");

    let chosen = server.post_form(&boss, &format!("{page}/projects"), &[("projects", "1")]).await;
    assert_eq!(chosen.status(), 303);
    let added = server.post_form(&boss, &format!("{page}/moderators"), &[("email", "mo@example.org")]).await;
    assert_eq!(added.status(), 303);
    let unknown = server.post_form(&boss, &format!("{page}/moderators"), &[("email", "ghost@example.org")]).await;
    assert_eq!(unknown.status(), 422);
    let not_a_picture =
        server.post_multipart(&boss, &format!("{page}/image"), &[], &[("image", "x.png", b"nope".to_vec())]).await;
    assert_eq!(not_a_picture.status(), 422);
    let pictured =
        server.post_multipart(&boss, &format!("{page}/image"), &[], &[("image", "a.png", png(40, 30))]).await;
    assert_eq!(pictured.status(), 303);
    let detail = server.get_as(&boss, &page).await.text().await.unwrap().replace("&#x2f;", "/");
    assert!(detail.contains("mo@example.org") && detail.contains("value=\"1\" checked"), "{detail}");
    let picture = detail.split("src=\"/files/folders/").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let served = server.get(&format!("/files/folders/{picture}")).await;
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let public = server.get("/folders/green").await.text().await.unwrap().replace("&#x2f;", "/");
    assert!(public.contains("Parks and trees.") && public.contains("/files/folders/"), "{public}");

    let updated = server.post_form(&boss, &page, &[("slug", "green-city"), ("title_en", "Greener city")]).await;
    assert_eq!(updated.status(), 303);
    assert_eq!(server.get("/folders/green-city").await.status(), 200);
    let removed = server.post_form(&boss, &format!("{page}/moderators/2/remove"), &[]).await;
    assert_eq!(removed.status(), 303);
    assert_eq!(server.post_form(&boss, &format!("{page}/delete"), &[]).await.status(), 303);
    assert_eq!(server.get_as(&boss, &page).await.status(), 404);
}
