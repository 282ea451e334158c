// SPDX-License-Identifier: AGPL-3.0-only
//! Custom registration fields (Standard, issue #8): questions asked at sign-up, checked before
//! anything is written, answered again before taking part when a required question was added
//! later, and part of the resident's data; without the licence nothing is asked.
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

const CREATE: &str = "mutation($i: RegistrationFieldInput!) { createRegistrationField(input: $i) { id name kind } }";
const REGISTER: &str = "mutation($i: RegisterInput!) { register(input: $i) }";
const POST: &str =
    "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"More benches\", body: \"By the pond\") { id } }";

fn sign_up(email: &str, answers: Value) -> Value {
    json!({ "i": { "email": email, "password": PASSWORD, "displayName": "Ana", "locale": "en", "answers": answers } })
}

async fn field(server: &TestServer, admin: &str, input: Value) -> String {
    let created = server.graphql_as(admin, CREATE, json!({ "i": input })).await;
    created["data"]["createRegistrationField"]["name"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned()
}

#[tokio::test]
async fn sign_up_asks_the_questions_and_a_later_required_one_comes_before_taking_part() {
    for db in backends() {
        let (server, admin) = licensed_admin(&db, Plan::Standard).await;
        let gender = json!({ "kind": "gender", "title": { "en": "Gender" }, "required": true });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, json!({ "i": gender })).await), "feature_disabled");
        enable_feature(&server, &admin, "custom_registration_fields").await;
        let few = json!({ "kind": "select", "title": { "en": "Travel" }, "choices": [{ "en": "Bike" }] });
        assert_eq!(error_code(&server.graphql_as(&admin, CREATE, json!({ "i": few })).await), "choices_too_few");
        let gender = field(&server, &admin, gender).await;
        let travel = json!({ "kind": "multiselect", "title": { "en": "How do you travel?" }, "choices": [{ "en": "Bike" }, { "en": "Bus" }, { "en": "Car" }] });
        let travel = field(&server, &admin, travel).await;
        let born = field(&server, &admin, json!({ "kind": "birth_year", "title": { "en": "Year of birth" } })).await;
        let asked = server
            .graphql(
                "{ registrationQuestions(locale: \"fr\") { name kind required options { value label } } }",
                Value::Null,
            )
            .await;
        let asked = asked["data"]["registrationQuestions"].as_array().unwrap().clone();
        assert_eq!(asked.len(), 3);
        assert_eq!(asked[0]["options"][0], json!({ "value": "female", "label": "Femme" }));
        assert_eq!(asked[1]["kind"], "multiselect");

        // Checked before anything is written: no account without the required answer.
        let missing = server.graphql(REGISTER, sign_up("ana@example.org", json!({ travel.clone(): ["c1"] }))).await;
        assert_eq!(error_code(&missing), "answer_required", "{missing}");
        assert_eq!(missing["errors"][0]["extensions"]["field"], gender.as_str());
        assert!(server.login("ana@example.org", PASSWORD).await.is_err(), "nothing half-written");
        let old = server
            .graphql(REGISTER, sign_up("ana@example.org", json!({ gender.clone(): "female", born.clone(): "1850" })))
            .await;
        assert_eq!(error_code(&old), "birth_year_invalid");
        let odd = server.graphql(REGISTER, sign_up("ana@example.org", json!({ gender.clone(): "robot" }))).await;
        assert_eq!(error_code(&odd), "answer_invalid");
        let answers = json!({ gender.clone(): "female", travel.clone(): ["c1", "c3"], born.clone(): 1990 });
        let done = server.graphql(REGISTER, sign_up("ana@example.org", answers)).await;
        assert_eq!(done["data"]["register"], true, "{done}");
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let mine = server.graphql_as(&ana, "{ myRegistrationAnswers }", Value::Null).await;
        assert_eq!(mine["data"]["myRegistrationAnswers"][&travel], json!(["c1", "c3"]), "{mine}");
        assert_eq!(mine["data"]["myRegistrationAnswers"][&born], json!(["1990"]));

        // A required question added later is answered before taking part.
        let phase = open_ideation(&server, &admin).await;
        let resident =
            field(&server, &admin, json!({ "kind": "checkbox", "title": { "en": "I live here" }, "required": true }))
                .await;
        let incomplete = server.graphql_as(&ana, "{ viewer { registrationIncomplete } }", Value::Null).await;
        assert_eq!(incomplete["data"]["viewer"]["registrationIncomplete"], true);
        assert_eq!(error_code(&server.graphql_as(&ana, POST, json!({ "ph": phase })).await), "registration_incomplete");
        let save = "mutation($a: JSON!) { saveRegistrationAnswers(answers: $a) }";
        let all = json!({ "a": { gender.clone(): "female", travel.clone(): ["c2"], resident.clone(): "yes" } });
        assert_eq!(server.graphql_as(&ana, save, all).await["data"]["saveRegistrationAnswers"], true);
        let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
        assert!(posted["data"]["postIdea"]["id"].is_string(), "{posted}");
        assert_eq!(
            error_code(&server.graphql_as(&admin, POST, json!({ "ph": phase })).await),
            "",
            "moderators act without"
        );

        // Answers are the resident's data; residents cannot change the questions.
        let cookie = server.cookie_for("ana@example.org").await;
        let data = server.get_as(&cookie, "/account/data.json").await.text().await.unwrap();
        assert!(data.contains("registration_answers") && data.contains("I live here"), "{data}");
        let sneaky = server.graphql_as(&ana, CREATE, json!({ "i": { "kind": "text", "title": { "en": "X" } } })).await;
        assert_eq!(error_code(&sneaky), "forbidden");
    }
}

#[tokio::test]
async fn without_the_licence_nothing_is_asked() {
    let (licensed, admin) = licensed_admin(&Db::Sqlite, Plan::Standard).await;
    enable_feature(&licensed, &admin, "custom_registration_fields").await;
    licensed.register("ana@example.org", "Ana").await;
    let phase = open_ideation(&licensed, &admin).await;
    field(&licensed, &admin, json!({ "kind": "text", "title": { "en": "Street" }, "required": true })).await;
    let url = licensed.database_url.clone();
    let mut licensed = licensed;
    licensed.kill();

    let tampered = tamper(&dev_key(&claims(Plan::Standard, 30)), 1);
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir, url, Options { license: Some(&tampered), ..Options::default() }).await;
    let asked = server.graphql("{ registrationQuestions { name } }", Value::Null).await;
    assert_eq!(asked["data"]["registrationQuestions"], json!([]));
    let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
    let posted = server.graphql_as(&ana, POST, json!({ "ph": phase })).await;
    assert!(posted["data"]["postIdea"]["id"].is_string(), "the core works: {posted}");
    let done = server.graphql(REGISTER, sign_up("ben@example.org", Value::Null)).await;
    assert_eq!(done["data"]["register"], true, "{done}");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    assert_eq!(
        error_code(&server.graphql_as(&admin, "{ registrationFields { id } }", Value::Null).await),
        "license_required"
    );
}

#[tokio::test]
async fn the_pages_ask_at_sign_up_and_before_taking_part() {
    let (server, admin) = licensed_admin(&Db::Sqlite, Plan::Standard).await;
    enable_feature(&server, &admin, "custom_registration_fields").await;
    let boss = server.cookie_for("boss@example.org").await;
    let few = [("kind", "select"), ("title_en", "Travel"), ("choices_en", "Bike")];
    let refused = server.post_form(&boss, "/admin/registration-fields", &few).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Give at least two choices."));
    let travel = [
        ("kind", "select"),
        ("title_en", "How do you travel?"),
        ("title_nl", "Hoe reis je?"),
        ("choices_en", "Bike\nBus"),
        ("choices_nl", "Fiets\nBus"),
        ("required", "yes"),
    ];
    assert_eq!(server.post_form(&boss, "/admin/registration-fields", &travel).await.status(), 303);
    let list = server.get_as(&boss, "/admin/registration-fields").await.text().await.unwrap();
    assert!(list.contains("How do you travel?") && list.contains("Single choice"), "{list}");

    let page = server.get("/sign-up?lang=nl").await.text().await.unwrap();
    assert!(page.contains("Hoe reis je?") && page.contains("Fiets"), "{page}");
    let form = [("email", "ana@example.org"), ("display_name", "Ana"), ("password", PASSWORD), ("locale", "en")];
    let missing = server.post_form("", "/sign-up", &form).await.text().await.unwrap();
    assert!(missing.contains("Answer this question."), "{missing}");
    let answered = [&form[..], &[("field_1", "c2")]].concat();
    let done = server.post_form("", "/sign-up", &answered).await.text().await.unwrap();
    assert!(!done.contains("Answer this question."), "{done}");
    let ana_token = server.login("ana@example.org", PASSWORD).await.unwrap();
    let mine = server.graphql_as(&ana_token, "{ myRegistrationAnswers }", Value::Null).await;
    assert_eq!(mine["data"]["myRegistrationAnswers"]["field_1"], json!(["c2"]));

    // A later required question: the project page says so and the answers page comes next.
    open_ideation(&server, &admin).await;
    let later = [("kind", "text"), ("title_en", "Your street"), ("required", "yes")];
    assert_eq!(server.post_form(&boss, "/admin/registration-fields", &later).await.status(), 303);
    let ana = server.cookie_for("ana@example.org").await;
    let project = server.get_as(&ana, "/projects/parks").await.text().await.unwrap().replace("&#x2f;", "/");
    assert!(
        project.contains("Answer the registration questions first.") && project.contains("/account/registration?next="),
        "{project}"
    );
    let answers = server.get_as(&ana, "/account/registration?next=/projects/parks").await.text().await.unwrap();
    assert!(answers.contains("Your street") && answers.contains("value=\"c2\" selected"), "{answers}");
    let save = [("next", "/projects/parks"), ("field_1", "c1"), ("field_2", "Lindenlaan")];
    let saved = server.post_form(&ana, "/account/registration", &save).await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], "/projects/parks");
    let project = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
    assert!(!project.contains("Answer the registration questions first."));

    // Change, then delete a question with its answers.
    let edited = [("title_en", "Your street name"), ("required", "")];
    assert_eq!(server.post_form(&boss, "/admin/registration-fields/2", &edited).await.status(), 303);
    assert!(
        server.get_as(&boss, "/admin/registration-fields/2").await.text().await.unwrap().contains("Your street name")
    );
    assert_eq!(server.post_form(&boss, "/admin/registration-fields/2/delete", &[]).await.status(), 303);
    assert_eq!(server.get_as(&boss, "/admin/registration-fields/2").await.status(), 404);
}
