// SPDX-License-Identifier: AGPL-3.0-only
//! Custom idea statuses (Standard, issue #8): administrators add statuses that count as one of
//! the five core ones, rename, recolour and reorder every status, and delete an added one no
//! idea has. Without the licence nothing can change, and ideas keep showing their status.
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const CREATE: &str =
    "mutation($i: IdeaStatusInput!) { createIdeaStatus(input: $i) { id code title category color position } }";
const SET: &str = "mutation($i: ID!, $s: ID!) { setIdeaStatus(ideaId: $i, statusId: $s) { statusCode } }";

async fn licensed(db: &Db) -> (TestServer, String) {
    licensed_admin(db, Plan::Standard).await
}

async fn enable(server: &TestServer, admin: &str) {
    enable_feature(server, admin, "custom_idea_statuses").await;
}

#[tokio::test]
async fn administrators_add_and_change_statuses_that_ideas_then_show() {
    for db in backends() {
        let (server, admin) = licensed(&db).await;
        let budgeted = json!({ "i": { "title": { "en": "Budgeted", "fr": "Budgétée" }, "color": "#1D4F91", "category": "accepted" } });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, budgeted.clone()).await), "feature_disabled");
        enable(&server, &admin).await;
        server.register("ana@example.org", "Ana").await;
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        assert_eq!(error_code(&server.graphql_as(&ana, CREATE, budgeted.clone()).await), "forbidden");

        let pale = json!({ "i": { "title": { "en": "Pale" }, "color": "#ffcc00", "category": "accepted" } });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, pale).await), "color_low_contrast");
        let nowhere = json!({ "i": { "title": { "en": "Odd" }, "color": "#1d4f91", "category": "maybe" } });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, nowhere).await), "status_category_invalid");
        let created = server.graphql_as(&admin, CREATE, budgeted).await;
        let status = created["data"]["createIdeaStatus"].clone();
        assert_eq!(status["category"], "accepted", "{created}");
        assert_eq!(status["color"], "#1d4f91");
        assert_eq!(status["position"], 5, "added after the five core statuses (0 to 4)");
        let status_code = status["code"].as_str().unwrap().to_owned();
        assert!(status_code.starts_with("custom_"), "{status_code}");

        // An idea moves to it and shows it, in the visitor's language, with its colour.
        let phase = open_ideation(&server, &admin).await;
        let post =
            "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"Shade trees\", body: \"On the square\") { id } }";
        let idea = server.graphql_as(&ana, post, json!({ "ph": phase })).await["data"]["postIdea"]["id"].clone();
        let moved = server.graphql_as(&admin, SET, json!({ "i": idea, "s": status["id"] })).await;
        assert_eq!(moved["data"]["setIdeaStatus"]["statusCode"], status_code.as_str(), "{moved}");
        let page = server.get(&format!("/ideas/{}?lang=fr", idea.as_str().unwrap())).await.text().await.unwrap();
        assert!(page.contains(&format!("status-{status_code}\">Budgétée")), "{page}");
        let start = page.find("/theme.css?v=").unwrap();
        let theme_url = page[start..].split('"').next().unwrap().replace("&amp;", "&");
        let css = server.get(&theme_url).await.text().await.unwrap();
        assert!(css.contains(&format!(".status-{status_code} {{ background: #fff; color: #1d4f91;")), "{css}");

        // Core statuses can be renamed and recoloured, never recategorised or deleted.
        let statuses = server.graphql("{ ideaStatuses { id code category } }", Value::Null).await;
        let proposed = statuses["data"]["ideaStatuses"][0].clone();
        assert_eq!(proposed["category"], "proposed");
        let update = "mutation($id: ID!, $i: IdeaStatusInput!) { updateIdeaStatus(id: $id, input: $i) { title color category } }";
        let renamed = server
            .graphql_as(
                &admin,
                update,
                json!({ "id": proposed["id"], "i": { "title": { "en": "New" }, "color": "#333333" } }),
            )
            .await;
        assert_eq!(renamed["data"]["updateIdeaStatus"]["title"], "New", "{renamed}");
        let moved =
            server.graphql_as(&admin, update, json!({ "id": proposed["id"], "i": { "category": "accepted" } })).await;
        assert_eq!(error_code(&moved), "status_category_fixed");
        let delete = "mutation($id: ID!) { deleteIdeaStatus(id: $id) }";
        assert_eq!(
            error_code(&server.graphql_as(&admin, delete, json!({ "id": proposed["id"] })).await),
            "status_is_core"
        );

        // An added status goes only once no idea has it.
        assert_eq!(
            error_code(&server.graphql_as(&admin, delete, json!({ "id": status["id"] })).await),
            "status_in_use"
        );
        server.graphql_as(&admin, SET, json!({ "i": idea, "s": proposed["id"] })).await;
        let gone = server.graphql_as(&admin, delete, json!({ "id": status["id"] })).await;
        assert_eq!(gone["data"]["deleteIdeaStatus"], true, "{gone}");
        let left = server.graphql("{ ideaStatuses { code } }", Value::Null).await;
        assert_eq!(left["data"]["ideaStatuses"].as_array().unwrap().len(), 5, "{}", db.name());
    }
}

#[tokio::test]
async fn the_back_office_page_adds_statuses() {
    let (server, admin) = licensed(&Db::Sqlite).await;
    enable(&server, &admin).await;
    server.register("ana@example.org", "Ana").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;
    assert_eq!(server.get_as(&ana, "/admin/statuses").await.status(), 403);
    assert_eq!(server.post_form(&ana, "/admin/statuses", &[("title_en", "Sneaky")]).await.status(), 403);

    let pale = [("title_en", "Pale"), ("color", "#ffee88"), ("category", "accepted"), ("position", "")];
    let refused = server.post_form(&boss, "/admin/statuses", &pale).await.text().await.unwrap();
    assert!(refused.contains("hard to read"), "{refused}");
    let form = [
        ("title_en", "In the council"),
        ("title_nl", "In de raad"),
        ("color", "#6b3900"),
        ("category", "under_consideration"),
        ("position", ""),
    ];
    assert_eq!(server.post_form(&boss, "/admin/statuses", &form).await.status(), 303);
    let page = server.get_as(&boss, "/admin/statuses?lang=nl").await.text().await.unwrap();
    assert!(page.contains("In de raad") && page.contains("Telt als"), "{page}");
}

/// The licence lapses: the status stays in the list (and on ideas), changing it is refused.
#[tokio::test]
async fn lapsed_licence_keeps_statuses() {
    let (server, admin) = licensed(&Db::Sqlite).await;
    enable(&server, &admin).await;
    let added = json!({ "i": { "title": { "en": "Budgeted" }, "color": "#1d4f91", "category": "accepted" } });
    let status = server.graphql_as(&admin, CREATE, added).await["data"]["createIdeaStatus"]["id"].clone();
    let url = server.database_url.clone();
    let tampered = tamper(&dev_key(&claims(Plan::Standard, 30)), 1);
    let lapsed = TestServer::start_in(
        tempfile::tempdir().unwrap(),
        url,
        Options { license: Some(&tampered), ..Options::default() },
    )
    .await;
    let admin = lapsed.login("boss@example.org", PASSWORD).await.unwrap();
    let listed = lapsed.graphql("{ ideaStatuses { title } }", Value::Null).await;
    assert_eq!(listed["data"]["ideaStatuses"][5]["title"], "Budgeted", "{listed}");
    let update = "mutation($id: ID!) { updateIdeaStatus(id: $id, input: { title: { en: \"Renamed\" } }) { title } }";
    assert_eq!(error_code(&lapsed.graphql_as(&admin, update, json!({ "id": status })).await), "license_required");
    let cookie = lapsed.cookie_for("boss@example.org").await;
    assert_eq!(lapsed.get_as(&cookie, "/admin/statuses").await.status(), 403);
}
