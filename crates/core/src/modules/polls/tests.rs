// SPDX-License-Identifier: AGPL-3.0-only
//! Polls through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use super::QuestionInput;
use crate::modules::ideas::tests::resident;
use crate::modules::projects::{PUBLISHED, PhaseInput, ProjectChanges};
use crate::testing::platform;
use crate::{Actor, CoreError};

fn en(text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_owned(), text.to_owned())])
}

#[tokio::test]
async fn residents_answer_once_within_the_bounds() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let op = &Actor::Operator;
    let project = p
        .create_project(op, ProjectChanges { slug: Some("poll".into()), title: Some(en("Poll")), ..Default::default() })
        .await
        .unwrap();
    let input = PhaseInput {
        title: en("Poll"),
        description: BTreeMap::new(),
        method: "poll".into(),
        start_at: Some(Utc::now() - Duration::days(1)),
        end_at: None,
    };
    let phase = p.create_phase(op, project.id, input).await.unwrap().id;
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    let single = QuestionInput {
        title: en("Which day for the market?"),
        kind: "single".into(),
        options: vec![en("Saturday"), en("Sunday")],
        ..Default::default()
    };
    let q1 = p.polls().add_question(op, phase, single).await.unwrap().id;
    let bad = QuestionInput {
        title: en("x"),
        kind: "multiple".into(),
        min_choices: 3,
        max_choices: 2,
        options: vec![en("a"), en("b")],
    };
    assert!(matches!(
        p.polls().add_question(op, phase, bad).await,
        Err(CoreError::Field { code: "poll_choices_invalid", .. })
    ));
    let multiple = QuestionInput {
        title: en("What should it sell?"),
        kind: "multiple".into(),
        min_choices: 1,
        max_choices: 2,
        options: vec![en("Vegetables"), en("Bread"), en("=cmd|' /C calc'!A0")],
    };
    let q2 = p.polls().add_question(op, phase, multiple).await.unwrap().id;
    let view = p.polls().get(&Actor::Anonymous, phase).await.unwrap();
    let o1: Vec<i32> = view.questions[0].options.iter().map(|o| o.id).collect();
    let o2: Vec<i32> = view.questions[1].options.iter().map(|o| o.id).collect();

    let ana = resident(&p, "ana@example.org").await;
    let too_many = p.polls().answer(&ana, phase, &[(q1, vec![o1[0]]), (q2, o2.clone())]).await;
    assert!(matches!(too_many, Err(CoreError::Field { code: "poll_answer_count", .. })));
    let missing = p.polls().answer(&ana, phase, &[(q2, vec![o2[0]])]).await;
    assert!(matches!(missing, Err(CoreError::Field { code: "poll_answer_count", .. })), "every question is answered");
    let foreign = p.polls().answer(&ana, phase, &[(q1, vec![o2[0]]), (q2, vec![o2[0]])]).await;
    assert!(matches!(foreign, Err(CoreError::Field { code: "poll_answer_invalid", .. })));
    p.polls().answer(&ana, phase, &[(q1, vec![o1[1]]), (q2, vec![o2[0], o2[2]])]).await.unwrap();
    let again = p.polls().answer(&ana, phase, &[(q1, vec![o1[0]]), (q2, vec![o2[1]])]).await;
    assert!(matches!(again, Err(CoreError::Field { code: "poll_already_answered", .. })));

    let hidden = p.polls().get(&ana, phase).await.unwrap();
    assert!(hidden.answered && !hidden.results_visible);
    assert!(
        hidden.questions.iter().flat_map(|q| &q.options).all(|o| o.votes == 0),
        "no counts before the results are open"
    );
    let seen = p.polls().get(op, phase).await.unwrap();
    assert_eq!(seen.questions[0].options[1].votes, 1);
    assert_eq!(seen.questions[1].options.iter().map(|o| o.votes).collect::<Vec<_>>(), [1, 0, 1]);
    assert!(matches!(
        p.polls()
            .add_question(
                op,
                phase,
                QuestionInput {
                    title: en("Late"),
                    kind: "single".into(),
                    options: vec![en("a"), en("b")],
                    ..Default::default()
                }
            )
            .await,
        Err(CoreError::Field { code: "poll_has_responses", .. })
    ));

    let csv = p.polls().csv(op, phase, "en").await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "response,answered_at,Which day for the market?,What should it sell?");
    assert!(lines[1].ends_with(",Sunday,Vegetables; =cmd|' /C calc'!A0"), "{}", lines[1]);
    assert_eq!(
        crate::exports::csv_text([["=cmd|' /C calc'!A0"]]).unwrap(),
        "'=cmd|' /C calc'!A0\r\n",
        "formulas are defused"
    );
    assert_eq!(crate::exports::csv_text([["a,b", "say \"hi\""]]).unwrap(), "\"a,b\",\"say \"\"hi\"\"\"\r\n");
}
