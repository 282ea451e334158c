// SPDX-License-Identifier: AGPL-3.0-only
//! User groups (Standard, issue #8): administrators keep groups and their members; a project
//! can be visible to chosen groups only and a phase action open to chosen groups. Without the
//! licence the module is inactive and the core keeps working; deleting a group never opens
//! what was restricted to it.
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const POST: &str =
    "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"More benches\", body: \"By the pond\") { id } }";

async fn project_id(server: &TestServer, admin: &str) -> String {
    let answer = server.graphql_as(admin, "{ projects { id slug } }", Value::Null).await;
    answer["data"]["projects"][0]["id"].as_str().unwrap().to_owned()
}

async fn sees_parks(server: &TestServer, token: &str) -> bool {
    let answer = server.graphql_as(token, "{ project(slug: \"parks\") { id } }", Value::Null).await;
    !answer["data"]["project"].is_null()
}

#[tokio::test]
async fn groups_restrict_who_sees_a_project_and_who_acts_in_a_phase() {
    for db in backends() {
        let key = dev_key(&claims(Plan::Standard, 30));
        let server = TestServer::start_with(&db, Options { license: Some(&key), ..Options::default() }).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        for (email, name) in [("ana@example.org", "Ana"), ("ben@example.org", "Ben")] {
            server.register(email, name).await;
        }
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();

        // Paid features start switched off.
        let create = "mutation { createUserGroup(name: { en: \"Youth council\", nl: \"Jongerenraad\" }) { id name membersCount } }";
        assert_eq!(error_code(&server.graphql_as(&admin, create, Value::Null).await), "feature_disabled");
        enable_feature(&server, &admin, "user_groups").await;
        assert_eq!(error_code(&server.graphql_as(&ana, create, Value::Null).await), "forbidden", "{}", db.name());
        let created = server.graphql_as(&admin, create, Value::Null).await;
        let group = created["data"]["createUserGroup"]["id"].as_str().unwrap().to_owned();
        let untitled =
            server.graphql_as(&admin, "mutation { createUserGroup(name: { en: \"  \" }) { id } }", Value::Null).await;
        assert_eq!(error_code(&untitled), "text_required");

        // Members by a pasted list: known, unknown and malformed addresses are told apart.
        let add = "mutation($g: ID!, $e: String!) { addUserGroupMembers(groupId: $g, emails: $e) { added alreadyMembers unknownEmails invalidEmails } }";
        let list = "ANA@example.org, nobody@example.org;\nnot-an-address ana@example.org";
        let report = server.graphql_as(&admin, add, json!({ "g": group, "e": list })).await;
        let report = &report["data"]["addUserGroupMembers"];
        assert_eq!(report["added"], 1, "{report}");
        assert_eq!(report["unknownEmails"], json!(["nobody@example.org"]));
        assert_eq!(report["invalidEmails"], json!(["not-an-address"]));
        let again = server.graphql_as(&admin, add, json!({ "g": group, "e": "ana@example.org" })).await;
        assert_eq!(again["data"]["addUserGroupMembers"]["alreadyMembers"], 1, "{again}");
        let read = "query($g: ID!) { userGroup(id: $g) { membersCount members { nodes { email } } } }";
        let read = server.graphql_as(&admin, read, json!({ "g": group })).await;
        assert_eq!(read["data"]["userGroup"]["membersCount"], 1);
        assert_eq!(read["data"]["userGroup"]["members"]["nodes"][0]["email"], "ana@example.org");

        // Posting open to the group only.
        let phase = open_ideation(&server, &admin).await;
        let restrict = "mutation($ph: ID!, $g: [ID!]) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: groups, groupIds: $g) }";
        let none = server.graphql_as(&admin, restrict, json!({ "ph": phase, "g": [] })).await;
        assert_eq!(error_code(&none), "groups_required");
        let stranger = server.graphql_as(&admin, restrict, json!({ "ph": phase, "g": ["999"] })).await;
        assert_eq!(error_code(&stranger), "group_unknown");
        let set = server.graphql_as(&admin, restrict, json!({ "ph": phase, "g": [group] })).await;
        assert_eq!(set["data"]["setPhasePermission"], true, "{set}");
        let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
        assert!(posted["data"]["postIdea"]["id"].is_string(), "{posted}");
        assert_eq!(error_code(&server.graphql_as(&ben, POST, json!({ "ph": phase })).await), "not_in_group");

        // The project visible to the group only.
        let project = project_id(&server, &admin).await;
        let hide = "mutation($p: ID!, $g: [ID!]) { updateProject(id: $p, input: { visibility: \"groups\", visibleGroupIds: $g }) { visibility visibleGroupIds } }";
        let hidden = server.graphql_as(&admin, hide, json!({ "p": project, "g": [group] })).await;
        assert_eq!(hidden["data"]["updateProject"]["visibleGroupIds"], json!([group]), "{hidden}");
        assert!(sees_parks(&server, &ana).await);
        assert!(!sees_parks(&server, &ben).await);
        assert!(!sees_parks(&server, "").await);
        assert_eq!(server.get("/projects/parks").await.status(), 404);

        // Removing Ana takes effect on her next request.
        let remove = "mutation($g: ID!, $u: ID!) { removeUserGroupMember(groupId: $g, userId: $u) }";
        let ana_id = server.graphql_as(&ana, "{ viewer { id } }", Value::Null).await["data"]["viewer"]["id"].clone();
        let removed = server.graphql_as(&admin, remove, json!({ "g": group, "u": ana_id })).await;
        assert_eq!(removed["data"]["removeUserGroupMember"], true, "{removed}");
        assert!(!sees_parks(&server, &ana).await);
        server.graphql_as(&admin, add, json!({ "g": group, "e": "ana@example.org" })).await;
        assert!(sees_parks(&server, &ana).await);

        // Deleting the group closes what only it could reach; nothing opens to everyone.
        let delete =
            server.graphql_as(&admin, "mutation($g: ID!) { deleteUserGroup(id: $g) }", json!({ "g": group })).await;
        assert_eq!(delete["data"]["deleteUserGroup"], true, "{delete}");
        assert!(!sees_parks(&server, &ana).await);
        let after = server.graphql_as(&admin, "{ projects { visibility } }", Value::Null).await;
        assert_eq!(after["data"]["projects"][0]["visibility"], "admins", "{after}");
        let perms = "{ projects { phases { permissions { action permittedBy } } } }";
        let perms = server.graphql_as(&admin, perms, Value::Null).await;
        let posting = perms["data"]["projects"][0]["phases"][0]["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["action"] == "posting_idea")
            .cloned()
            .unwrap();
        assert_eq!(posting["permittedBy"], "admins_moderators", "{perms}");
    }
}

#[tokio::test]
async fn without_a_valid_licence_groups_stay_inactive_and_the_core_works() {
    let key = dev_key(&claims(Plan::Standard, 30));
    let licensed = TestServer::start_with(&Db::Sqlite, Options { license: Some(&key), ..Options::default() }).await;
    licensed.make_admin("boss@example.org");
    let admin = licensed.login("boss@example.org", PASSWORD).await.unwrap();
    licensed.register("ana@example.org", "Ana").await;
    enable_feature(&licensed, &admin, "user_groups").await;
    let created =
        licensed.graphql_as(&admin, "mutation { createUserGroup(name: { en: \"Youth\" }) { id } }", Value::Null).await;
    let group = created["data"]["createUserGroup"]["id"].as_str().unwrap().to_owned();
    let add = "mutation($g: ID!) { addUserGroupMembers(groupId: $g, emails: \"ana@example.org\") { added } }";
    licensed.graphql_as(&admin, add, json!({ "g": group })).await;
    let phase = open_ideation(&licensed, &admin).await;
    let restrict = "mutation($ph: ID!, $g: [ID!]) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: groups, groupIds: $g) }";
    licensed.graphql_as(&admin, restrict, json!({ "ph": phase, "g": [group] })).await;
    let admin_page = licensed.get_as(&licensed.cookie_for("boss@example.org").await, "/admin/projects").await;
    assert!(admin_page.text().await.unwrap().contains(">User groups</a>"), "the back office links the groups");
    let url = licensed.database_url.clone();

    // The same database with a tampered key, then an expired one, then none (the stored
    // expired key; a valid stored key would win over an older configured one, decision 0002).
    let expired = dev_key(&claims(Plan::Standard, -45));
    let tampered = tamper(&key, 1);
    for license in [Some(tampered.as_str()), Some(expired.as_str()), None] {
        let dir = tempfile::tempdir().unwrap();
        let server = TestServer::start_in(dir, url.clone(), Options { license, ..Options::default() }).await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let listed = server.graphql_as(&admin, "{ userGroups { id } }", Value::Null).await;
        assert_eq!(error_code(&listed), "license_required", "{listed}");
        // Membership no longer counts: the restricted action stays closed, never opens.
        assert_eq!(error_code(&server.graphql_as(&ana, POST, json!({ "ph": phase })).await), "not_in_group");
        assert!(sees_parks(&server, &ana).await, "a public project stays visible");
        let cookie = server.cookie_for("boss@example.org").await;
        assert_eq!(server.get_as(&cookie, "/admin/groups").await.status(), 403);
        let page = server.get_as(&cookie, "/admin/projects").await.text().await.unwrap();
        assert!(!page.contains(">User groups</a>"), "no link to an inactive module");
        let set = server.graphql_as(&admin, restrict, json!({ "ph": phase, "g": [group] })).await;
        assert_eq!(error_code(&set), "group_unknown", "{set}");
        // The core still works: the administrator opens posting to every resident again.
        let open = "mutation($ph: ID!) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: users) }";
        assert_eq!(server.graphql_as(&admin, open, json!({ "ph": phase })).await["data"]["setPhasePermission"], true);
        let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
        assert!(posted["data"]["postIdea"]["id"].is_string(), "{posted}");
        let close = "mutation($ph: ID!, $g: [ID!]) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: groups, groupIds: $g) }";
        // Without the module, `groups` is not a choice at all.
        assert_eq!(
            error_code(&server.graphql_as(&admin, close, json!({ "ph": phase, "g": [] })).await),
            "groups_required"
        );
        drop(server);
        // Put the restriction back for the next round, through the licensed server.
        licensed.graphql_as(&admin_token(&licensed).await, restrict, json!({ "ph": phase, "g": [group] })).await;
    }
}

async fn admin_token(server: &TestServer) -> String {
    server.login("boss@example.org", PASSWORD).await.unwrap()
}

#[tokio::test]
async fn the_back_office_pages_manage_groups_without_javascript() {
    let key = dev_key(&claims(Plan::Standard, 30));
    let server = TestServer::start_with(&Db::Sqlite, Options { license: Some(&key), ..Options::default() }).await;
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    enable_feature(&server, &admin, "user_groups").await;
    server.register("ana@example.org", "Ana").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@example.org").await;

    // Visitors sign in first; residents are refused.
    let anonymous = server.get("/admin/groups").await;
    assert_eq!(anonymous.status(), 303);
    assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/sign-in?next="));
    assert_eq!(server.get_as(&ana, "/admin/groups").await.status(), 403);
    assert_eq!(server.post_form(&ana, "/admin/groups", &[("name_en", "Sneaky")]).await.status(), 403);

    let empty = server.post_form(&boss, "/admin/groups", &[("name_en", "")]).await;
    assert_eq!(empty.status(), 200);
    assert!(empty.text().await.unwrap().contains("Write it in at least one language."));
    let created = server.post_form(&boss, "/admin/groups", &[("name_en", "Neighbours"), ("name_fr", "Voisins")]).await;
    assert_eq!(created.status(), 303);
    let detail = created.headers()["location"].to_str().unwrap().to_owned();
    let french = server.get_as(&boss, &format!("{detail}?lang=fr")).await.text().await.unwrap();
    assert!(french.contains("<h1>Voisins</h1>") && french.contains("Ajouter des membres"), "{french}");

    let added = server
        .post_form(&boss, &format!("{detail}/members"), &[("emails", "ana@example.org\nghost@example.org")])
        .await
        .text()
        .await
        .unwrap();
    assert!(added.contains("One member added.") && added.contains("ghost@example.org"), "{added}");
    let page = server.get_as(&boss, &detail).await.text().await.unwrap();
    assert!(page.contains("ana@example.org") && page.contains("One member."), "{page}");
    let list = server.get_as(&boss, "/admin/groups").await.text().await.unwrap();
    assert!(list.contains("Neighbours") && list.contains("aria-current=\"page\""), "{list}");

    // The project page offers the group for visibility and for each action.
    let phase = open_ideation(&server, &admin).await;
    let project = project_id(&server, &admin).await;
    let edit = server.get_as(&boss, &format!("/admin/projects/{project}")).await.text().await.unwrap();
    assert!(edit.contains("value=\"groups\"") && edit.contains("name=\"visible_groups\""), "{edit}");
    assert!(edit.contains("name=\"groups-posting_idea\""), "{edit}");
    let group_id = detail.rsplit('/').next().unwrap();
    let form = [("posting_idea", "groups"), ("groups-posting_idea", group_id), ("commenting_idea", "users")];
    let saved = server.post_form(&boss, &format!("/admin/projects/{project}/phases/{phase}/permissions"), &form).await;
    assert_eq!(saved.status(), 303);
    let edit = server.get_as(&boss, &format!("/admin/projects/{project}")).await.text().await.unwrap();
    assert!(edit.contains(&format!("name=\"groups-posting_idea\" value=\"{group_id}\" checked")), "{edit}");

    let removed = server.post_form(&boss, &format!("{detail}/members/2/remove"), &[]).await;
    assert_eq!(removed.status(), 303);
    let gone = server.post_form(&boss, &format!("{detail}/delete"), &[]).await;
    assert_eq!(gone.status(), 303);
    assert_eq!(server.get_as(&boss, &detail).await.status(), 404);
}
