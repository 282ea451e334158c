// SPDX-License-Identifier: AGPL-3.0-only
//! Smart groups (Premium, issue #8): groups defined by rules, usable wherever manual groups
//! are; membership follows changes of the rules and of users at once; without the licence
//! nobody is in them and what they opened stays closed.
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const CREATE: &str = "mutation($n: JSON!, $r: SmartGroupRulesInput!) { createSmartGroup(name: $n, rules: $r) { id rules { emailDomains verified tookPartInProjectId } } }";
const UPDATE: &str =
    "mutation($i: ID!, $n: JSON!, $r: SmartGroupRulesInput!) { updateSmartGroup(id: $i, name: $n, rules: $r) { id } }";
const MEMBERS: &str = "query($i: ID!) { smartGroup(id: $i) { members { totalCount nodes { email } } } }";
const POST: &str =
    "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"More benches\", body: \"By the pond\") { id } }";

async fn groups_of(server: &TestServer, token: &str) -> Value {
    server.graphql_as(token, "{ viewer { groupIds } }", Value::Null).await["data"]["viewer"]["groupIds"].clone()
}

async fn emails(server: &TestServer, admin: &str, group: &str) -> Vec<String> {
    let answer = server.graphql_as(admin, MEMBERS, json!({ "i": group })).await;
    let nodes = answer["data"]["smartGroup"]["members"]["nodes"].as_array().cloned().unwrap_or_default();
    nodes.iter().map(|n| n["email"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn membership_follows_the_rules_and_the_users() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Premium).await;
        for (email, name) in [("ana@city.example.org", "Ana"), ("ben@example.org", "Ben")] {
            server.register(email, name).await;
            server.confirm_email(email).await;
        }
        // Anyone can sign up with an address of the domain; until they confirm it, it proves
        // nothing.
        server.register("eve@city.example.org", "Eve").await;
        let eve = server.login("eve@city.example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@city.example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        let staff = json!({ "n": { "en": "City staff" }, "r": { "emailDomains": ["@City.Example.org"] } });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, staff.clone()).await), "feature_disabled");
        enable_feature(&server, &admin, "smart_groups").await;
        assert_eq!(error_code(&server.graphql_as(&ana, CREATE, staff.clone()).await), "forbidden");
        let empty = server.graphql_as(&admin, CREATE, json!({ "n": { "en": "All" }, "r": {} })).await;
        assert_eq!(error_code(&empty), "smart_group_rules_required");
        let created = server.graphql_as(&admin, CREATE, staff).await;
        let group = created["data"]["createSmartGroup"]["id"].as_str().unwrap().to_owned();
        assert_eq!(created["data"]["createSmartGroup"]["rules"]["emailDomains"], json!(["city.example.org"]));
        assert_eq!(emails(&server, &admin, &group).await, ["ana@city.example.org"]);
        assert_eq!(groups_of(&server, &ana).await, json!([group]));
        assert_eq!(groups_of(&server, &ben).await, json!([]));
        assert_eq!(groups_of(&server, &eve).await, json!([]), "an unconfirmed address of the domain");

        // Usable wherever manual groups are: posting open to the group only.
        let phase = open_ideation(&server, &admin).await;
        let restrict = "mutation($ph: ID!, $g: [ID!]) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: groups, groupIds: $g) }";
        let set = server.graphql_as(&admin, restrict, json!({ "ph": phase, "g": [group] })).await;
        assert_eq!(set["data"]["setPhasePermission"], true, "{set}");
        let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
        let idea = posted["data"]["postIdea"]["id"].as_str().unwrap_or_else(|| panic!("{posted}")).to_owned();
        assert_eq!(error_code(&server.graphql_as(&ben, POST, json!({ "ph": phase })).await), "not_in_group");
        assert_eq!(error_code(&server.graphql_as(&eve, POST, json!({ "ph": phase })).await), "not_in_group");
        server.confirm_email("eve@city.example.org").await;
        assert_eq!(groups_of(&server, &eve).await, json!([group]), "once confirmed");

        // A change of the rules counts at once.
        let project =
            server.graphql_as(&admin, "{ projects { id } }", Value::Null).await["data"]["projects"][0]["id"].clone();
        let wider = json!({ "i": group, "n": { "en": "City staff" }, "r": { "emailDomains": ["city.example.org", "example.org"] } });
        assert!(server.graphql_as(&admin, UPDATE, wider).await["data"]["updateSmartGroup"].is_object());
        assert_eq!(groups_of(&server, &ben).await, json!([group]));
        let posted = server.graphql_as(&ben, POST, json!({ "ph": phase })).await;
        assert!(posted["data"]["postIdea"]["id"].is_string(), "{posted}");

        // A change of a user counts at once: taking part in the project.
        let took_part =
            json!({ "n": { "en": "Took part" }, "r": { "tookPartInProjectId": project, "verified": false } });
        let took_part = server.graphql_as(&admin, CREATE, took_part).await;
        let took_part = took_part["data"]["createSmartGroup"]["id"].as_str().unwrap().to_owned();
        server.register("cleo@example.net", "Cleo").await;
        let cleo = server.login("cleo@example.net", PASSWORD).await.unwrap();
        assert_eq!(groups_of(&server, &cleo).await, json!([]));
        let comment = "mutation($i: ID!) { postComment(ideaId: $i, body: \"Yes please\") { id } }";
        let commented = server.graphql_as(&cleo, comment, json!({ "i": idea })).await;
        assert!(commented["data"]["postComment"]["id"].is_string(), "{commented}");
        assert_eq!(groups_of(&server, &cleo).await, json!([took_part]));
        let mut members = emails(&server, &admin, &took_part).await;
        members.sort();
        assert_eq!(members, ["ana@city.example.org", "ben@example.org", "cleo@example.net"]);

        // Manual groups do not list smart ones; deleting one closes what only it opened.
        enable_feature(&server, &admin, "user_groups").await;
        let manual = server.graphql_as(&admin, "{ userGroups { id } }", Value::Null).await;
        assert_eq!(manual["data"]["userGroups"], json!([]), "{manual}");
        let delete = "mutation($i: ID!) { deleteSmartGroup(id: $i) }";
        assert_eq!(server.graphql_as(&admin, delete, json!({ "i": group })).await["data"]["deleteSmartGroup"], true);
        assert_eq!(error_code(&server.graphql_as(&ana, POST, json!({ "ph": phase })).await), "not_permitted");
    }
}

#[tokio::test]
async fn without_the_licence_nobody_is_in_a_smart_group() {
    let (licensed, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&licensed, &admin, "smart_groups").await;
    licensed.register("ana@city.example.org", "Ana").await;
    licensed.confirm_email("ana@city.example.org").await;
    let created = licensed
        .graphql_as(&admin, CREATE, json!({ "n": { "en": "Staff" }, "r": { "emailDomains": ["city.example.org"] } }))
        .await;
    let group = created["data"]["createSmartGroup"]["id"].as_str().unwrap().to_owned();
    let phase = open_ideation(&licensed, &admin).await;
    let restrict = "mutation($ph: ID!, $g: [ID!]) { setPhasePermission(phaseId: $ph, action: posting_idea, permittedBy: groups, groupIds: $g) }";
    licensed.graphql_as(&admin, restrict, json!({ "ph": phase, "g": [group] })).await;
    let url = licensed.database_url.clone();
    let mut licensed = licensed;
    licensed.kill();

    let tampered = tamper(&dev_key(&claims(Plan::Premium, 30)), 1);
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir, url, Options { license: Some(&tampered), ..Options::default() }).await;
    let ana = server.login("ana@city.example.org", PASSWORD).await.unwrap();
    assert_eq!(groups_of(&server, &ana).await, json!([]));
    assert_eq!(error_code(&server.graphql_as(&ana, POST, json!({ "ph": phase })).await), "not_in_group");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    assert_eq!(error_code(&server.graphql_as(&admin, "{ smartGroups { id } }", Value::Null).await), "license_required");
    let cookie = server.cookie_for("boss@example.org").await;
    assert_eq!(server.get_as(&cookie, "/admin/smart-groups").await.status(), 403);
}

#[tokio::test]
async fn the_back_office_keeps_smart_groups() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    enable_feature(&server, &admin, "smart_groups").await;
    server.register("ana@city.example.org", "Ana").await;
    server.confirm_email("ana@city.example.org").await;
    let boss = server.cookie_for("boss@example.org").await;
    let ana = server.cookie_for("ana@city.example.org").await;
    assert_eq!(server.get_as(&ana, "/admin/smart-groups").await.status(), 403);

    let none = server.post_form(&boss, "/admin/smart-groups", &[("name_en", "Everyone")]).await;
    assert_eq!(none.status(), 422);
    assert!(none.text().await.unwrap().contains("Set at least one rule."));
    let bad = server
        .post_form(&boss, "/admin/smart-groups", &[("name_en", "Staff"), ("email_domains", "not a domain!")])
        .await;
    assert!(bad.text().await.unwrap().contains("Write domains like city.example.org."));
    let form =
        [("name_en", "Staff"), ("name_fr", "Personnel"), ("email_domains", "city.example.org"), ("verified", "")];
    let created = server.post_form(&boss, "/admin/smart-groups", &form).await;
    assert_eq!(created.status(), 303);
    let page = created.headers()["location"].to_str().unwrap().to_owned();
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    assert!(detail.contains("One member now.") && detail.contains("ana@city.example.org"), "{detail}");
    let french = server.get_as(&boss, &format!("{page}?lang=fr")).await.text().await.unwrap();
    assert!(french.contains("<h1>Personnel</h1>"), "{french}");
    let narrower = [("name_en", "Staff"), ("email_domains", "hall.example.org")];
    assert_eq!(server.post_form(&boss, &page, &narrower).await.status(), 303);
    let detail = server.get_as(&boss, &page).await.text().await.unwrap();
    assert!(detail.contains("Nobody meets these rules now."), "{detail}");
    assert_eq!(server.post_form(&boss, &format!("{page}/delete"), &[]).await.status(), 303);
    assert_eq!(server.get_as(&boss, &page).await.status(), 404);
}

#[tokio::test]
async fn rules_on_registration_answers_year_of_birth_and_area() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Premium).await;
        enable_feature(&server, &admin, "smart_groups").await;
        enable_feature(&server, &admin, "custom_registration_fields").await;
        let area = "mutation { createTerm(kind: AREA, title: { en: \"North\" }) { id } }";
        let north = server.graphql_as(&admin, area, Value::Null).await["data"]["createTerm"]["id"].clone();
        let field = "mutation($i: RegistrationFieldInput!) { createRegistrationField(input: $i) { name } }";
        for kind in ["gender", "birth_year", "area"] {
            let input = json!({ "i": { "kind": kind, "title": { "en": kind } } });
            assert!(server.graphql_as(&admin, field, input).await["data"]["createRegistrationField"].is_object());
        }
        let register = "mutation($i: RegisterInput!) { register(input: $i) }";
        for (email, answers) in [
            ("ana@example.org", json!({ "field_1": "female", "field_2": "1990", "field_3": north })),
            ("ben@example.org", json!({ "field_1": "male", "field_2": "1970" })),
        ] {
            let input = json!({ "i": { "email": email, "password": PASSWORD, "displayName": "X", "locale": "en", "answers": answers } });
            assert_eq!(server.graphql(register, input).await["data"]["register"], true);
        }
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        let create = |rules: Value| json!({ "n": { "en": "G" }, "r": rules });
        let mut ids = Vec::new();
        for rules in [
            json!({ "answerRules": [{ "fieldId": "1", "values": ["female"] }] }),
            json!({ "bornFrom": 1980, "bornTo": 2000 }),
            json!({ "bornTo": 1975 }),
            json!({ "areaIds": [north] }),
        ] {
            let created = server.graphql_as(&admin, CREATE, create(rules)).await;
            ids.push(
                created["data"]["createSmartGroup"]["id"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned(),
            );
        }
        assert_eq!(groups_of(&server, &ana).await, json!([ids[0], ids[1], ids[3]]), "{}", db.name());
        assert_eq!(groups_of(&server, &ben).await, json!([ids[2]]));
        let backwards = server.graphql_as(&admin, CREATE, create(json!({ "bornFrom": 2000, "bornTo": 1990 }))).await;
        assert_eq!(error_code(&backwards), "smart_group_years_invalid");
        let unknown = create(json!({ "answerRules": [{ "fieldId": "99", "values": ["x"] }] }));
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, unknown).await), "question_unknown");

        // Ben changes an answer: the group follows at once.
        let save = "mutation($a: JSON!) { saveRegistrationAnswers(answers: $a) }";
        let changed = json!({ "a": { "field_1": "female", "field_2": "1970" } });
        assert_eq!(server.graphql_as(&ben, save, changed).await["data"]["saveRegistrationAnswers"], true);
        assert_eq!(groups_of(&server, &ben).await, json!([ids[0], ids[2]]));
    }
}
