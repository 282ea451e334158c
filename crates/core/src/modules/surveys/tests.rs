// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys through the services: the builder's rules, every question kind's answer rules,
//! anonymous responses, results and the CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use super::{AnswerInput, QuestionInput};
use crate::modules::ideas::tests::resident;
use crate::modules::projects::{PUBLISHED, PhaseInput, ProjectChanges};
use crate::permissions::PermittedBy;
use crate::testing::platform;
use crate::{Actor, CoreError, Platform};

fn en(text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_owned(), text.to_owned())])
}

fn question(kind: &str, title: &str) -> QuestionInput {
    QuestionInput { kind: kind.into(), title: en(title), required: true, ..Default::default() }
}

/// A published project with a running survey phase; returns the phase.
pub(crate) async fn survey_phase(p: &Platform) -> i32 {
    let op = &Actor::Operator;
    let project = p
        .create_project(
            op,
            ProjectChanges { slug: Some("survey".into()), title: Some(en("Survey")), ..Default::default() },
        )
        .await
        .unwrap();
    let input = PhaseInput {
        title: en("Tell us"),
        description: BTreeMap::new(),
        method: "survey".into(),
        start_at: Some(Utc::now() - Duration::days(1)),
        end_at: None,
    };
    let phase = p.create_phase(op, project.id, input).await.unwrap().id;
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    phase
}

/// One question of every kind, over two pages; returns their ids in order (page break included).
async fn every_kind(p: &Platform, phase: i32) -> Vec<i32> {
    let op = &Actor::Operator;
    let inputs = vec![
        question("short_text", "Your street"),
        QuestionInput { required: false, ..question("long_text", "Anything else?") },
        QuestionInput { options: vec![en("Bike"), en("Bus"), en("Car")], ..question("single", "How do you come?") },
        QuestionInput {
            options: vec![en("=HYPERLINK(\"x\")"), en("Benches"), en("Trees")],
            min: Some(1.0),
            max: Some(2.0),
            ..question("multiple", "What is missing?")
        },
        QuestionInput { kind: "page_break".into(), ..Default::default() },
        QuestionInput { min: Some(0.0), max: Some(120.0), ..question("number", "Your age") },
        QuestionInput {
            min: Some(1.0),
            max: Some(5.0),
            min_label: en("Poor"),
            ..question("scale", "The square today")
        },
        QuestionInput { rows: vec![en("Light"), en("Noise")], ..question("matrix", "Rate these") },
        question("date", "When did you last go?"),
    ];
    let mut ids = Vec::new();
    for input in inputs {
        ids.push(p.add_survey_question(op, phase, input).await.unwrap().id);
    }
    ids
}

fn full_answers(ids: &[i32]) -> Vec<AnswerInput> {
    let a = |k: usize| AnswerInput { question_id: ids[k], ..Default::default() };
    vec![
        AnswerInput { text: Some("Market street".into()), ..a(0) },
        AnswerInput { choices: vec![1], ..a(2) },
        AnswerInput { choices: vec![0, 2], ..a(3) },
        AnswerInput { number: Some(41.0), ..a(5) },
        AnswerInput { value: Some(4), ..a(6) },
        AnswerInput { rows: vec![Some(2), Some(5)], ..a(7) },
        AnswerInput { date: Some("2026-05-01".into()), ..a(8) },
    ]
}

#[tokio::test]
async fn the_builder_checks_each_kind() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = survey_phase(&p).await;
    let op = &Actor::Operator;
    let refused = [
        (question("essay", "x"), "survey_kind_invalid"),
        (QuestionInput { options: vec![en("Only one")], ..question("single", "x") }, "survey_options_count"),
        (
            QuestionInput {
                options: vec![en("a"), en("b")],
                min: Some(2.0),
                max: Some(3.0),
                ..question("multiple", "x")
            },
            "survey_bounds_invalid",
        ),
        (QuestionInput { min: Some(10.0), max: Some(1.0), ..question("number", "x") }, "survey_bounds_invalid"),
        (QuestionInput { min: Some(2.0), ..question("scale", "x") }, "survey_scale_invalid"),
        (QuestionInput { max: Some(12.0), ..question("scale", "x") }, "survey_scale_invalid"),
        (question("matrix", "x"), "survey_rows_count"),
        (question("short_text", " "), "text_required"),
    ];
    for (input, code) in refused {
        let got = p.add_survey_question(op, phase, input).await;
        assert!(matches!(got, Err(CoreError::Field { code: c, .. }) if c == code), "{code}: {got:?}");
    }
    let ana = resident(&p, "ana@example.org").await;
    assert!(matches!(p.add_survey_question(&ana, phase, question("date", "x")).await, Err(CoreError::Forbidden)));
    let ids = every_kind(&p, phase).await;
    let view = p.survey(&Actor::Anonymous, phase).await.unwrap();
    assert_eq!(view.pages(), 2);
    assert_eq!(view.questions.iter().map(|q| q.page).collect::<Vec<_>>(), [0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // A page break is never required, whatever was asked.
    assert!(!view.questions[4].model.required);

    // Moving renumbers; the first question cannot go further up.
    p.move_survey_question(op, ids[1], true).await.unwrap();
    p.move_survey_question(op, ids[1], true).await.unwrap();
    let order: Vec<i32> = p.survey(op, phase).await.unwrap().questions.iter().map(|q| q.model.id).collect();
    assert_eq!(&order[..3], &[ids[1], ids[0], ids[2]]);
}

#[tokio::test]
async fn a_response_is_checked_whole_and_stored_once() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = survey_phase(&p).await;
    let ids = every_kind(&p, phase).await;
    let ana = resident(&p, "ana@example.org").await;
    let a = |k: usize| AnswerInput { question_id: ids[k], ..Default::default() };

    // Every rule at once, each reported next to its question; nothing is written.
    let mut bad = vec![
        AnswerInput { text: Some("x".repeat(301)), ..a(0) },
        AnswerInput { choices: vec![3], ..a(2) },
        AnswerInput { choices: vec![0, 1, 2], ..a(3) },
        AnswerInput { number: Some(121.0), ..a(5) },
        AnswerInput { value: Some(6), ..a(6) },
        AnswerInput { rows: vec![Some(3)], ..a(7) },
        AnswerInput { date: Some("2026-02-30".into()), ..a(8) },
        AnswerInput { text: Some("x".into()), ..a(4) },
    ];
    let Err(CoreError::Answers(problems)) = p.submit_survey_response(&ana, phase, &bad).await else {
        panic!("expected answer problems")
    };
    let expected = [
        (ids[4], "answer_unknown_question"),
        (ids[0], "answer_too_long"),
        (ids[2], "answer_choice_invalid"),
        (ids[3], "answer_choice_count"),
        (ids[5], "answer_number_range"),
        (ids[6], "answer_scale_invalid"),
        (ids[7], "answer_matrix_incomplete"),
        (ids[8], "answer_date_invalid"),
    ];
    assert_eq!(problems, expected);
    bad.truncate(0);
    let Err(CoreError::Answers(problems)) = p.submit_survey_response(&ana, phase, &bad).await else {
        panic!("expected answer problems")
    };
    // Everything but the optional long text is required.
    assert_eq!(problems.len(), 7);
    assert!(problems.iter().all(|(_, code)| *code == "answer_required"));
    assert_eq!(p.survey_answer_rows(phase).await.unwrap(), 0);
    assert_eq!(p.survey(&ana, phase).await.unwrap().responses, 0);

    p.submit_survey_response(&ana, phase, &full_answers(&ids)).await.unwrap();
    // Short text, single, two choices, number, scale, two matrix rows, date.
    assert_eq!(p.survey_answer_rows(phase).await.unwrap(), 9);
    assert!(p.survey(&ana, phase).await.unwrap().answered);
    assert!(matches!(
        p.submit_survey_response(&ana, phase, &full_answers(&ids)).await,
        Err(CoreError::Field { code: "survey_already_answered", .. })
    ));
    // Signed-out visitors need the phase to be open to everyone.
    assert!(matches!(
        p.submit_survey_response(&Actor::Anonymous, phase, &full_answers(&ids)).await,
        Err(CoreError::Denied(_))
    ));
}

#[tokio::test]
async fn everyone_may_answer_anonymously_when_the_phase_allows() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = survey_phase(&p).await;
    let ids = every_kind(&p, phase).await;
    p.set_phase_permission(
        &Actor::Operator,
        phase,
        crate::modules::surveys::TAKING_SURVEY.as_str(),
        PermittedBy::Everyone,
        &[],
    )
    .await
    .unwrap();
    for _ in 0..3 {
        p.submit_survey_response(&Actor::Anonymous, phase, &full_answers(&ids)).await.unwrap();
    }
    assert_eq!(p.survey(&Actor::Operator, phase).await.unwrap().responses, 3);
}

#[tokio::test]
async fn results_count_every_kind_and_stay_private_until_allowed() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = survey_phase(&p).await;
    let ids = every_kind(&p, phase).await;
    let op = &Actor::Operator;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    p.submit_survey_response(&ana, phase, &full_answers(&ids)).await.unwrap();
    let mut other = full_answers(&ids);
    other[2].choices = vec![0];
    other[3].number = Some(20.0);
    other[4].value = Some(2);
    other[5].rows = vec![Some(4), Some(5)];
    other[6].date = Some("2025-12-24".into());
    p.submit_survey_response(&ben, phase, &other).await.unwrap();

    assert!(matches!(p.survey_results(&ana, phase).await, Err(CoreError::Forbidden)));
    let results = p.survey_results(op, phase).await.unwrap();
    assert_eq!(results.responses, 2);
    let of = |k: usize| results.questions.iter().find(|r| r.question_id == ids[k]).unwrap();
    assert_eq!(of(0).texts, ["Market street", "Market street"]);
    assert_eq!(of(1).answered, 0);
    assert_eq!(of(2).counts, [0, 2, 0]);
    assert_eq!(of(3).counts, [2, 0, 1]);
    assert_eq!((of(5).mean, of(5).minimum, of(5).maximum), (Some(30.5), Some(20.0), Some(41.0)));
    assert_eq!(of(6).counts, [0, 1, 0, 1, 0]);
    assert_eq!(of(6).mean, Some(3.0));
    assert_eq!(of(7).matrix, [vec![0, 1, 0, 1, 0], vec![0, 0, 0, 0, 2]]);
    assert_eq!(of(7).row_means, [Some(3.0), Some(5.0)]);
    assert_eq!((of(8).first_date.as_deref(), of(8).last_date.as_deref()), (Some("2025-12-24"), Some("2026-05-01")));
    assert!(results.questions.iter().all(|r| r.question_id != ids[4]), "page breaks have no results");

    // Once answered, only wording may change, and nothing can be added or deleted.
    let reworded = QuestionInput { options: vec![en("Cycling"), en("Bus"), en("Car")], ..question("single", "How?") };
    p.update_survey_question(op, ids[2], reworded).await.unwrap();
    let reshaped = QuestionInput { options: vec![en("Cycling"), en("Bus")], ..question("single", "How?") };
    assert!(matches!(
        p.update_survey_question(op, ids[2], reshaped).await,
        Err(CoreError::Field { code: "survey_shape_locked", .. })
    ));
    assert!(matches!(
        p.delete_survey_question(op, ids[1]).await,
        Err(CoreError::Field { code: "survey_has_responses", .. })
    ));

    // The CSV: a column per question and matrix row, formulas defused, no names.
    let csv = p.survey_csv(op, phase, "en").await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("Rate these — Light,Rate these — Noise"), "{}", lines[0]);
    assert!(
        lines[1].contains("Market street,,Bus,\"'=HYPERLINK(\"\"x\"\"); Trees\",41,4,2,5,2026-05-01"),
        "{}",
        lines[1]
    );
    assert!(!csv.contains("ana@example.org"));
    assert!(matches!(p.survey_csv(&ana, phase, "en").await, Err(CoreError::Forbidden)));
}

/// One person, one response (issue #9): answering again from a new account after deleting the
/// old one replaces the response the old account left; an address that moved to someone else
/// does not.
#[tokio::test]
async fn a_person_who_signs_up_again_replaces_their_earlier_response() {
    use sea_orm::ConnectionTrait;
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = survey_phase(&p).await;
    let op = &Actor::Operator;
    let q = p.add_survey_question(op, phase, question("short_text", "Your street")).await.unwrap().id;
    let answer = |text: &str| vec![AnswerInput { question_id: q, text: Some(text.into()), ..Default::default() }];
    let confirm = |email: &'static str| {
        let p = p.clone();
        async move {
            let sql = "UPDATE users SET email_confirmed_at = ? WHERE email = ?";
            let values = vec![Utc::now().into(), email.into()];
            p.db().execute_raw(crate::db::statement(p.db().get_database_backend(), sql, values)).await.unwrap();
            let (_, token) = p.sign_in(email, crate::modules::ideas::tests::PASSWORD, "x").await.unwrap();
            p.actor_for_token(&token).await.unwrap().unwrap().0
        }
    };
    let count = |p: Platform| async move { p.survey(&Actor::Operator, phase).await.unwrap().responses };

    resident(&p, "ana@example.org").await;
    let ana = confirm("ana@example.org").await;
    p.submit_survey_response(&ana, phase, &answer("Market street")).await.unwrap();
    p.delete_my_account(&ana, crate::modules::ideas::tests::PASSWORD, crate::Erasure::Anonymize).await.unwrap();
    assert_eq!(count(p.clone()).await, 1, "the response stays, anonymous");

    let back = resident(&p, "ana@example.org").await;
    let refused = p.submit_survey_response(&back, phase, &answer("Station road")).await;
    assert!(matches!(refused, Err(CoreError::Field { code: "confirm_email_to_answer", .. })), "{refused:?}");
    let back = confirm("ana@example.org").await;
    p.submit_survey_response(&back, phase, &answer("Station road")).await.unwrap();
    assert_eq!(count(p.clone()).await, 1, "the new response replaced the old one");
    let again = p.submit_survey_response(&back, phase, &answer("Elsewhere")).await;
    assert!(matches!(again, Err(CoreError::Field { code: "survey_already_answered", .. })), "{again:?}");
    let csv = p.survey_csv(op, phase, "en").await.unwrap();
    assert!(csv.contains("Station road") && !csv.contains("Market street"), "{csv}");
}
