// SPDX-License-Identifier: AGPL-3.0-only
//! Pages that cannot be shown say why (issue #11), on every database: a failure of the server
//! is the "something went wrong" page with its reference, not an empty list; a request the
//! rules refuse or a project the moderator does not answer for is refused, not an empty page;
//! and the back office's extractors send visitors to sign in and refuse residents before a
//! handler runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;

/// A published project with `slug`, made through GraphQL; returns its id.
async fn project(server: &TestServer, admin: &str, slug: &str) -> String {
    let created = server
        .graphql_as(
            admin,
            "mutation($s: String!) { createProject(input: { slug: $s, title: { en: $s } }) { id } }",
            json!({ "s": slug }),
        )
        .await;
    created["data"]["createProject"]["id"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned()
}

#[tokio::test]
async fn a_failing_service_shows_the_failure_page_with_its_reference_not_an_empty_list() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        let ana = server.cookie_for("ana@example.org").await;
        assert_eq!(server.get_as(&ana, "/notifications").await.status(), 200, "{}", db.name());

        // The notifications can no longer be read: the page says so instead of "no notifications".
        server.execute_sql("DROP TABLE notifications").await;
        let answer = server.get_as(&ana, "/notifications").await;
        assert_eq!(answer.status(), 500, "{}", db.name());
        let reference = answer.headers()["x-request-id"].to_str().unwrap().to_owned();
        let page = answer.text().await.unwrap();
        assert!(page.contains("Something went wrong") && page.contains(&reference), "{}: {page}", db.name());
        assert!(server.log().contains(&reference), "the failure is logged with its reference");
    }
}

#[tokio::test]
async fn back_office_lists_refuse_what_they_cannot_show_instead_of_an_empty_page() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("mo@example.org", "Mo").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let parks = project(&server, &admin, "parks").await;
        let roads = project(&server, &admin, "roads").await;
        let boss = server.cookie_for("boss@example.org").await;
        let made_moderator = server
            .post_form(
                &boss,
                &format!("/admin/projects/{parks}/moderators"),
                &[("email", "mo@example.org"), ("moderator", "yes")],
            )
            .await;
        assert_eq!(made_moderator.status(), 303);

        // A moderator's dashboard of their own project opens; of another project it is refused.
        let mo = server.cookie_for("mo@example.org").await;
        assert_eq!(server.get_as(&mo, &format!("/admin/dashboard?project={parks}")).await.status(), 200);
        let other = server.get_as(&mo, &format!("/admin/dashboard?project={roads}")).await;
        assert_eq!(other.status(), 403, "{}", db.name());
        // A range the dashboard refuses stays the filter form's error on the page.
        let range = server.get_as(&mo, "/admin/dashboard?from=2020-01-01&to=2019-01-01").await;
        assert_eq!(range.status(), 200, "{}", db.name());

        // A cursor that does not read is a refused request, not an empty idea table.
        let table = server.get_as(&boss, "/admin/ideas?after=not-a-cursor").await;
        assert_eq!(table.status(), 400, "{}", db.name());
        assert_eq!(server.get_as(&boss, "/admin/ideas").await.status(), 200);

        // An unknown user is the not-found page.
        assert_eq!(server.get_as(&boss, "/admin/users/987654").await.status(), 404);

        // A project's back-office page that cannot read a part of it (its areas) fails with its
        // reference instead of showing the part empty; other projects' pages are not found.
        assert_eq!(server.get_as(&boss, &format!("/admin/projects/{parks}")).await.status(), 200);
        assert_eq!(server.get_as(&boss, "/admin/projects/987654").await.status(), 404);
        server.execute_sql("DROP TABLE project_areas").await;
        let answer = server.get_as(&boss, &format!("/admin/projects/{parks}")).await;
        assert_eq!(answer.status(), 500, "{}", db.name());
        let reference = answer.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert!(answer.text().await.unwrap().contains(&reference), "{}", db.name());
    }
}

#[tokio::test]
async fn back_office_extractors_send_visitors_to_sign_in_and_refuse_residents() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let boss = server.cookie_for("boss@example.org").await;
        let ana = server.cookie_for("ana@example.org").await;

        for page in ["/admin/taxonomy", "/admin/users", "/admin/settings", "/admin/dashboard", "/admin/moderation"] {
            let visitor = server.get(page).await;
            assert_eq!(visitor.status(), 303, "{page}");
            let next = form_urlencoded::byte_serialize(page.as_bytes()).collect::<String>();
            assert_eq!(visitor.headers()["location"], format!("/sign-in?next={next}").as_str(), "{page}");
            let resident = server.get_as(&ana, page).await;
            assert_eq!(resident.status(), 403, "{page}");
            assert!(resident.text().await.unwrap().contains("Administrators only"), "{page}");
            assert_eq!(server.get_as(&boss, page).await.status(), 200, "{}: {page}", db.name());
        }

        // A form is refused before it is read: the resident's topic is never made.
        let refused = server.post_form(&ana, "/admin/taxonomy/topics", &[("title_en", "Sneaky")]).await;
        assert_eq!(refused.status(), 403);
        let made = server.post_form(&boss, "/admin/taxonomy/topics", &[("title_en", "Trees")]).await;
        assert_eq!(made.status(), 303, "{}", db.name());
        let list = server.get_as(&boss, "/admin/taxonomy").await.text().await.unwrap();
        assert!(list.contains("Trees") && !list.contains("Sneaky"), "{list}");
    }
}
