// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys through the builder, the paged form, the results page, the CSV and GraphQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

/// Builds a survey of every kind over two pages through the builder's forms.
async fn build(server: &TestServer, admin: &str, project: &str, phase: &str) {
    let add = format!("/admin/projects/{project}/phases/{phase}/survey");
    let questions: Vec<Vec<(&str, &str)>> = vec![
        vec![("kind", "short_text"), ("title", "Your street"), ("required", "yes")],
        vec![("kind", "long_text"), ("title", "Anything else?"), ("help", "Tell us freely")],
        vec![("kind", "single"), ("title", "How do you come?"), ("required", "yes"), ("options", "Bike\nBus\n\nCar")],
        vec![
            ("kind", "multiple"),
            ("title", "What is missing?"),
            ("options", "Trees\nBenches\nShade"),
            ("min", "1"),
            ("max", "2"),
        ],
        vec![("kind", "page_break"), ("title", "About you")],
        vec![("kind", "number"), ("title", "Your age"), ("required", "yes"), ("min", "0"), ("max", "120")],
        vec![
            ("kind", "scale"),
            ("title", "The square today"),
            ("required", "yes"),
            ("min", "1"),
            ("max", "5"),
            ("min_label", "Poor"),
            ("max_label", "Great"),
        ],
        vec![("kind", "matrix"), ("title", "Rate these"), ("required", "yes"), ("rows", "Light\nNoise"), ("max", "3")],
        vec![("kind", "date"), ("title", "Last visit")],
    ];
    for form in questions {
        let r = server.post_form(admin, &add, &form).await;
        assert_eq!(r.status(), 303, "{form:?}: {}", r.text().await.unwrap());
    }
}

fn field_values(page: &str, name: &str) -> Vec<String> {
    let needle = format!("name=\"{name}\" value=\"");
    page.match_indices(&needle).map(|(at, _)| page[at + needle.len()..].split('"').next().unwrap().to_owned()).collect()
}

async fn question_ids(server: &TestServer, phase: &str) -> Vec<String> {
    let read =
        server.graphql("query($p: ID!) { survey(phaseId: $p) { questions { id } } }", json!({ "p": phase })).await;
    read["data"]["survey"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_survey_is_built_answered_page_by_page_and_reported() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.cookie_for("boss@example.org").await;
        let (project, phase) = method_project(&server, &admin, "survey").await;
        let builder = format!("/admin/projects/{project}/phases/{phase}/survey");
        let bad = server.post_form(&admin, &builder, &[("kind", "single"), ("title", "x"), ("options", "Alone")]).await;
        assert!(bad.text().await.unwrap().contains("A choice question needs 2 to 30 options"));
        build(&server, &admin, &project, &phase).await;
        let page = server.get_as(&admin, &builder).await.text().await.unwrap();
        assert!(page.contains("Your street") && page.contains("Page break") && page.contains("page 2"), "{page}");
        let q = question_ids(&server, &phase).await;
        assert_eq!(q.len(), 9);

        // Page one: the required questions are refused together, next to each question.
        let ana = server.cookie_for("ana@example.org").await;
        let project_page = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
        assert!(project_page.contains("8 questions on 2 pages."), "{project_page}");
        let form = format!("/phases/{phase}/survey");
        let first = server.get_as(&ana, &form).await.text().await.unwrap();
        assert!(first.contains("Page 1 of 2") && first.contains("Tell us freely") && !first.contains("Your age"));
        let (q0, q2, q3) = (format!("q{}", q[0]), format!("q{}", q[2]), format!("q{}", q[3]));
        let refused = server.post_form(&ana, &form, &[("page", "0"), ("go", "next")]).await.text().await.unwrap();
        assert_eq!(refused.matches("Answer this question.").count(), 2 * 2, "summary and field: {refused}");
        assert!(refused.contains("Page 1 of 2"));
        let too_many = [(q3.as_str(), "0"), (q3.as_str(), "1"), (q3.as_str(), "2")];
        let page1 = [("page", "0"), ("go", "next"), (q0.as_str(), "Market <b>street</b>"), (q2.as_str(), "1")];
        let over: Vec<(&str, &str)> = page1.iter().chain(too_many.iter()).copied().collect();
        let refused = server.post_form(&ana, &form, &over).await.text().await.unwrap();
        assert!(refused.contains("Choose as many options as the question asks."));

        // Page two carries page one along, hidden; its own problems come back on it.
        let page1: Vec<(&str, &str)> = page1.iter().chain([(q3.as_str(), "2")].iter()).copied().collect();
        let second = server.post_form(&ana, &form, &page1).await.text().await.unwrap();
        assert!(second.contains("Page 2 of 2") && second.contains("About you") && second.contains("Poor"), "{second}");
        assert_eq!(field_values(&second, &q0), ["Market &lt;b&gt;street&lt;&#x2f;b&gt;"]);
        let (q5, q6, q8) = (format!("q{}", q[5]), format!("q{}", q[6]), format!("q{}", q[8]));
        let (r0, r1) = (format!("q{}r0", q[7]), format!("q{}r1", q[7]));
        let mut answers: Vec<(&str, &str)> = vec![
            ("page", "1"),
            ("go", "send"),
            (q0.as_str(), "Market <b>street</b>"),
            (q2.as_str(), "1"),
            (q3.as_str(), "2"),
            (q5.as_str(), "forty"),
            (q6.as_str(), "4"),
            (r0.as_str(), "3"),
            (q8.as_str(), "2026-04-31"),
        ];
        let refused = server.post_form(&ana, &form, &answers).await.text().await.unwrap();
        for message in ["Enter a number, such as 12 or 3.5.", "Rate every row.", "Enter a date as YYYY-MM-DD."] {
            assert!(refused.contains(message), "{message}: {refused}");
        }
        answers[5].1 = "41,5";
        answers[8].1 = "2026-04-30";
        answers.push((r1.as_str(), "1"));
        let sent = server.post_form(&ana, &form, &answers).await;
        assert_eq!(sent.status(), 303);
        let thanks = server.get_as(&ana, sent.headers()["location"].to_str().unwrap()).await.text().await.unwrap();
        assert!(thanks.contains("your answers are recorded"));
        let again = server.post_form(&ana, &form, &answers).await.text().await.unwrap();
        assert!(again.contains("your answers are recorded"), "an answered survey shows its thanks");

        // Results: closed to residents during the phase, charts and tables for its moderators.
        let results = format!("/phases/{phase}/survey/results");
        let closed = server.get_as(&ana, &results).await.text().await.unwrap();
        assert!(closed.contains("The results are not public"));
        let open = server.get_as(&admin, &results).await.text().await.unwrap();
        assert!(open.contains("1 response") && open.contains("<svg class=\"chart\""), "{open}");
        assert!(open.contains("<th scope=\"row\">Bus</th><td>1</td><td>100%</td>"), "{open}");
        assert!(open.contains("average 4.0") && open.contains("41.5") && open.contains("2026-04-30"));
        assert!(open.contains("Market &lt;b&gt;street&lt;&#x2f;b&gt;"), "text answers are escaped: {open}");
        let csv = server.get_as(&admin, &format!("/admin/phases/{phase}/survey.csv")).await;
        assert_eq!(csv.status(), 200);
        let csv = csv.text().await.unwrap();
        assert!(csv.contains("Rate these — Light,Rate these — Noise"), "{csv}");
        assert!(csv.contains("Market <b>street</b>,,Bus,Shade,41.5,4,3,1,2026-04-30"), "{csv}");
        assert_eq!(server.get_as(&ana, &format!("/admin/phases/{phase}/survey.csv")).await.status(), 403);

        // Once answered, the builder only rewords and reorders.
        let page = server.get_as(&admin, &builder).await.text().await.unwrap();
        assert!(page.contains("People have responded") && !page.contains("Add the question"));
        let reword = [
            ("kind", "single"),
            ("title", "How do you travel?"),
            ("required", "yes"),
            ("options", "Cycling\nBus\nCar"),
        ];
        assert_eq!(server.post_form(&admin, &format!("{builder}/{}", q[2]), &reword).await.status(), 303);
        let reshape = [("kind", "single"), ("title", "How?"), ("required", "yes"), ("options", "Cycling\nBus")];
        let refused = server.post_form(&admin, &format!("{builder}/{}", q[2]), &reshape).await.text().await.unwrap();
        assert!(refused.contains("only the wording of a question can change"));
        let csv = server.get_as(&admin, &format!("/admin/phases/{phase}/survey.csv")).await.text().await.unwrap();
        assert!(csv.contains("How do you travel?"));
    }
}

#[tokio::test]
async fn graphql_reports_every_problem_and_takes_anonymous_responses_when_open_to_everyone() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let (project, phase) = method_project(&server, &admin, "survey").await;
    let token = server.login("boss@example.org", PASSWORD).await.unwrap();
    let add = "mutation($p: ID!, $i: SurveyQuestionInput!) { addSurveyQuestion(phaseId: $p, input: $i) }";
    let mut ids = Vec::new();
    for input in [
        json!({ "kind": "scale", "title": { "en": "How safe do you feel?", "nl": "Hoe veilig voel je je?" }, "required": true, "min": 0, "max": 10 }),
        json!({ "kind": "multiple", "title": { "en": "Which?" }, "options": [{ "en": "A" }, { "en": "B" }, { "en": "C" }], "min": 2 }),
    ] {
        let r = server.graphql_as(&token, add, json!({ "p": phase, "i": input })).await;
        ids.push(r["data"]["addSurveyQuestion"].as_str().unwrap_or_else(|| panic!("{r}")).to_owned());
    }
    let submit = "mutation($p: ID!, $a: [SurveyAnswerInput!]!) { submitSurveyResponse(phaseId: $p, answers: $a) }";
    let bad = json!([{ "questionId": ids[0], "value": 11 }, { "questionId": ids[1], "choices": [0] }]);
    let r = server.graphql_as(&token, submit, json!({ "p": phase, "a": bad })).await;
    assert_eq!(r["errors"][0]["extensions"]["code"], "answers_invalid", "{r}");
    let problems: Vec<(String, String)> = r["errors"][0]["extensions"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["questionId"].as_str().unwrap().to_owned(), p["code"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        problems,
        [(ids[0].clone(), "answer_scale_invalid".to_owned()), (ids[1].clone(), "answer_choice_count".to_owned())]
    );
    let good = json!([{ "questionId": ids[0], "value": 7 }, { "questionId": ids[1], "choices": [0, 2] }]);
    let anonymous = server.graphql(submit, json!({ "p": phase, "a": good })).await;
    assert_eq!(anonymous["errors"][0]["extensions"]["code"], "not_signed_in", "{anonymous}");

    let everyone = [("taking_survey", "everyone")];
    let r = server.post_form(&admin, &format!("/admin/projects/{project}/phases/{phase}/permissions"), &everyone).await;
    assert_eq!(r.status(), 303);
    for _ in 0..2 {
        let r = server.graphql(submit, json!({ "p": phase, "a": good })).await;
        assert_eq!(r["data"]["submitSurveyResponse"], true, "{r}");
    }
    let read = "query($p: ID!) { survey(phaseId: $p, locale: \"nl\") { responses resultsVisible pages questions { title results { answered counts mean } } } }";
    let staff: Value = server.graphql_as(&token, read, json!({ "p": phase })).await;
    let survey = &staff["data"]["survey"];
    assert_eq!(survey["responses"], 2);
    assert_eq!(survey["questions"][0]["title"], "Hoe veilig voel je je?");
    assert_eq!(survey["questions"][0]["results"]["counts"][7], 2);
    assert_eq!(survey["questions"][0]["results"]["mean"], 7.0);
    assert_eq!(survey["questions"][1]["results"]["counts"], json!([2, 0, 2]));
    let public = server.graphql(read, json!({ "p": phase })).await;
    assert_eq!(public["data"]["survey"]["resultsVisible"], false);
    assert_eq!(public["data"]["survey"]["questions"][0]["results"], Value::Null);
}
