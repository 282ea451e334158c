// SPDX-License-Identifier: AGPL-3.0-only
//! Projects, phases and the permission engine through GraphQL, on every database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn an_administrator_sets_up_a_project_residents_see_what_they_may_do() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();

        let create =
            "mutation($i: ProjectInput!) { createProject(input: $i) { id slug status title(locale: \"nl\") } }";
        let input = json!({ "i": { "slug": "parks", "title": { "en": "Parks", "nl": "Parken" }, "description": { "en": "Green" } } });
        let denied = server.graphql_as(&ana, create, input.clone()).await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
        let created = server.graphql_as(&admin, create, input).await;
        assert_eq!(created["data"]["createProject"]["title"], "Parken", "{created}");
        assert_eq!(created["data"]["createProject"]["status"], "draft");
        let id = created["data"]["createProject"]["id"].as_str().unwrap().to_owned();

        let phase = "mutation($p: ID!, $i: PhaseInput!) { createPhase(projectId: $p, input: $i) { id method } }";
        let now = Utc::now();
        let first = json!({ "p": id, "i": { "title": { "en": "Ideas" }, "method": "ideation", "startAt": now - Duration::days(1), "endAt": now + Duration::days(30) } });
        let created = server.graphql_as(&admin, phase, first).await;
        let phase_id = created["data"]["createPhase"]["id"].as_str().unwrap().to_owned();
        let overlapping = json!({ "p": id, "i": { "title": { "en": "More" }, "method": "ideation", "startAt": now + Duration::days(3) } });
        let refused = server.graphql_as(&admin, phase, overlapping).await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "phase_overlaps");

        assert!(
            server.graphql("{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"].is_null(),
            "drafts are hidden"
        );
        let publish = server
            .graphql_as(&admin, "mutation($id: ID!) { publishProject(id: $id) { status } }", json!({ "id": id }))
            .await;
        assert_eq!(publish["data"]["publishProject"]["status"], "published");

        let set = "mutation($ph: ID!) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: confirmed_users) }";
        assert_eq!(server.graphql_as(&admin, set, json!({ "ph": phase_id })).await["data"]["setPhasePermission"], true);
        // Actions are an open set (a scalar): a variable names one as a string, and an action
        // the phase's method does not offer is refused, not stored.
        let set_as =
            "mutation($ph: ID!, $a: Action!) { setPhasePermission(phaseId: $ph, action: $a, permittedBy: users) }";
        let again = server.graphql_as(&admin, set_as, json!({ "ph": phase_id, "a": "commenting_idea" })).await;
        assert_eq!(again["data"]["setPhasePermission"], true, "{again}");
        for (wrong, why) in [(json!("dancing"), "method_disallows"), (json!("taking_poll"), "method_disallows")] {
            let refused = server.graphql_as(&admin, set_as, json!({ "ph": phase_id, "a": wrong })).await;
            assert_eq!(refused["errors"][0]["extensions"]["code"], why, "{refused}");
        }
        let not_a_name = server.graphql_as(&admin, set_as, json!({ "ph": phase_id, "a": 7 })).await;
        assert!(not_a_name["errors"].is_array() && not_a_name["data"].is_null(), "{not_a_name}");

        let ask =
            "{ project(slug: \"parks\") { phases { method permissions { action permittedBy allowed reason } } } }";
        let as_anonymous = server.graphql(ask, Value::Null).await;
        let perms = &as_anonymous["data"]["project"]["phases"][0]["permissions"];
        assert_eq!(
            perms[0],
            json!({ "action": "posting_idea", "permittedBy": "confirmed_users", "allowed": false, "reason": "not_signed_in" }),
            "{}: {as_anonymous}",
            db.name()
        );
        let as_ana = server.graphql_as(&ana, ask, Value::Null).await;
        let perms = &as_ana["data"]["project"]["phases"][0]["permissions"];
        assert_eq!(perms[0]["reason"], "not_confirmed", "{as_ana}");
        assert_eq!(
            perms[1],
            json!({ "action": "commenting_idea", "permittedBy": "users", "allowed": true, "reason": null })
        );
        let as_admin = server.graphql_as(&admin, ask, Value::Null).await;
        assert_eq!(as_admin["data"]["project"]["phases"][0]["permissions"][0]["allowed"], true);

        let methods = server.graphql("{ participationMethods }", Value::Null).await;
        let methods = methods["data"]["participationMethods"].as_array().unwrap().clone();
        for core in ["information", "ideation", "voting", "poll", "volunteering"] {
            assert!(methods.contains(&json!(core)), "{core} is offered: {methods:?}");
        }
    }
}

#[tokio::test]
async fn the_back_office_builds_a_project_residents_find_on_the_home_page() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let payload = "<script>document.title='owned'</script><img src=x onerror=alert(1)>Parks";
    let description = "Where should the new benches go?\n\n<script>alert('x')</script><b onclick=alert(1)>Bold</b>";
    let id = project_through_forms(&server, &admin, payload, description).await;

    let overlapping = server
        .post_form(
            &admin,
            &format!("/admin/projects/{id}/phases"),
            &[("phase_title_en", "More"), ("method", "ideation"), ("start", "2099-01-01")],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(overlapping.contains("Phases of a project cannot overlap"));

    let home = server.get("/").await.text().await.unwrap();
    assert!(home.contains("/projects/parks") || home.contains("&#x2f;projects&#x2f;parks"), "{home}");
    assert!(!home.contains("<script>document") && !home.contains("<img src=x"), "titles are escaped");
    let page = server.get("/projects/parks").await.text().await.unwrap();
    assert!(page.contains("Share your ideas") && page.contains("open now"), "{page}");
    assert!(page.contains("<p>Where should the new benches go?</p>"), "{page}");
    for raw in ["<script>", "<img src=x", "<b onclick"] {
        assert!(!page.contains(raw), "{raw} must not reach the page raw");
    }
    let dutch = server.get("/projects/parks?lang=nl").await.text().await.unwrap();
    assert!(dutch.contains("<h1 id=\"project-title\">Parken</h1>"));

    let permissions =
        [("posting_idea", "confirmed_users"), ("commenting_idea", "users"), ("reacting_idea", "everyone")];
    let admin_page = server.get_as(&admin, &format!("/admin/projects/{id}")).await.text().await.unwrap();
    let start = admin_page.find("/phases/").map(|i| i + "/phases/".len()).expect("a phase in the back office");
    let phase_id: String = admin_page[start..].chars().take_while(char::is_ascii_digit).collect();
    let r =
        server.post_form(&admin, &format!("/admin/projects/{id}/phases/{phase_id}/permissions"), &permissions).await;
    assert_eq!(r.status(), 303);
    let ask = "{ project(slug: \"parks\") { phases { permissions { action permittedBy } } } }";
    let answer = server.graphql(ask, Value::Null).await;
    assert_eq!(answer["data"]["project"]["phases"][0]["permissions"][0]["permittedBy"], "confirmed_users", "{answer}");
    assert_eq!(answer["data"]["project"]["phases"][0]["permissions"][2]["permittedBy"], "everyone");

    assert_eq!(
        server.post_form(&admin, &format!("/admin/projects/{id}/status"), &[("status", "draft")]).await.status(),
        303
    );
    assert_eq!(server.get("/projects/parks").await.status(), 404, "drafts are not public");
}

#[tokio::test]
async fn the_home_page_shows_projects_a_page_at_a_time() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let create = "mutation($i: ProjectInput!) { createProject(input: $i) { id } }";
        let publish = "mutation($id: ID!) { publishProject(id: $id) { status } }";
        for n in 0..30 {
            let input =
                json!({ "i": { "slug": format!("project-{n:02}"), "title": { "en": format!("Project {n:02}") } } });
            let created = server.graphql_as(&admin, create, input).await;
            let id = created["data"]["createProject"]["id"].clone();
            server.graphql_as(&admin, publish, json!({ "id": id })).await;
        }
        let page = |path: &'static str| {
            let server = &server;
            async move {
                let answer = server.get(path).await;
                assert_eq!(answer.status(), 200, "{path}");
                let html = answer.text().await.unwrap().replace("&#x2f;", "/");
                let cards = (0..30).filter(|n| html.contains(&format!("/projects/project-{n:02}\""))).count();
                (html, cards)
            }
        };
        let (first, cards) = page("/").await;
        assert_eq!(cards, 24, "{}", db.name());
        assert!(first.contains("href=\"/?page=2#projects-title\""), "a link to the next page");
        assert!(first.contains("Page 1 of 2"));
        let (second, cards) = page("/?page=2").await;
        assert_eq!(cards, 6);
        assert!(second.contains("href=\"/?page=1#projects-title\"") && !second.contains("page=3"));
        assert_eq!(page("/?page=99").await.1, 6, "past the end: the last page");
        assert_eq!(page("/?page=nonsense").await.1, 24, "not a number: the first page");
    }
}
