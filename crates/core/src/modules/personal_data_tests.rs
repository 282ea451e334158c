// SPDX-License-Identifier: AGPL-3.0-only
//! One resident takes part in every participation method, downloads their data, and deletes
//! their account: each method's data is in the download, and afterwards every counter still
//! equals its rows, ballots stay counted, and survey answers stay without a name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use townhall_license::Edition;

use crate::modules::events::EventInput;
use crate::modules::ideas::tests::{PASSWORD, resident};
use crate::modules::projects::{PUBLISHED, PhaseInput, ProjectChanges};
use crate::modules::surveys::{AnswerInput, QuestionInput};
use crate::modules::{events, polls, surveys, volunteering, voting};
use crate::testing::platform;
use crate::{Actor, Erasure, Platform};

fn en(text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_owned(), text.to_owned())])
}

/// A published project with one running phase of `method`: (project, phase).
async fn running(p: &Platform, slug: &str, method: &str) -> (i32, i32) {
    let op = &Actor::Operator;
    let changes = ProjectChanges { slug: Some(slug.into()), title: Some(en(slug)), ..Default::default() };
    let project = p.create_project(op, changes).await.unwrap();
    let input = PhaseInput {
        title: en(slug),
        description: BTreeMap::new(),
        method: method.into(),
        start_at: Some(Utc::now() - Duration::days(1)),
        end_at: None,
    };
    let phase = p.create_phase(op, project.id, input).await.unwrap();
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    (project.id, phase.id)
}

#[tokio::test]
async fn every_method_exports_and_erases_a_residents_part() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let op = &Actor::Operator;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;

    let (vote_phase, ideas) = voting::tests::budgeting(&p).await;
    for voter in [&ana, &ben] {
        p.add_to_basket(voter, vote_phase, ideas[0], 1).await.unwrap();
        p.add_to_basket(voter, vote_phase, ideas[2], 1).await.unwrap();
        p.submit_basket(voter, vote_phase).await.unwrap();
    }
    let (_, poll_phase) = running(&p, "poll", "poll").await;
    let poll_question = polls::QuestionInput {
        title: en("Which day?"),
        kind: "single".into(),
        options: vec![en("Saturday"), en("Sunday")],
        ..Default::default()
    };
    let q = p.polls().add_question(op, poll_phase, poll_question).await.unwrap().id;
    let sunday = p.polls().get(op, poll_phase).await.unwrap().questions[0].options[1].id;
    for who in [&ana, &ben] {
        p.polls().answer(who, poll_phase, &[(q, vec![sunday])]).await.unwrap();
    }
    let survey_phase = surveys::tests::survey_phase(&p).await;
    let scale = QuestionInput { kind: "scale".into(), title: en("How safe?"), required: true, ..Default::default() };
    let sq = p.add_survey_question(op, survey_phase, scale).await.unwrap().id;
    p.submit_survey_response(
        &ana,
        survey_phase,
        &[AnswerInput { question_id: sq, value: Some(4), ..Default::default() }],
    )
    .await
    .unwrap();
    let (_, help_phase) = running(&p, "help", "volunteering").await;
    let cause = p.volunteering().add_cause(op, help_phase, en("Clean the park"), BTreeMap::new()).await.unwrap().id;
    let (meet, _) = running(&p, "meet", "information").await;
    let event = EventInput {
        title: en("Walk"),
        starts_at: Some(Utc::now() + Duration::days(2)),
        ends_at: Some(Utc::now() + Duration::days(2) + Duration::hours(1)),
        location: "Square".into(),
        ..Default::default()
    };
    let event = p.create_event(op, meet, event).await.unwrap().id;
    for who in [&ana, &ben] {
        p.volunteering().sign_up(who, cause).await.unwrap();
        p.register_for_event(who, event).await.unwrap();
    }

    let data = p.export_my_data(&ana).await.unwrap();
    let data = &data["data"];
    assert_eq!(data["voting"]["baskets"][0]["items"].as_array().unwrap().len(), 2, "{data}");
    assert!(data["voting"]["baskets"][0]["receipt"].as_str().is_some_and(|r| r.len() == 64));
    assert_eq!(data["polls"]["responses"][0]["answers"][0]["option"]["en"], "Sunday");
    assert_eq!(data["surveys"]["responses"][0]["answers"][0]["value"], 4);
    assert_eq!(data["volunteering"]["volunteering"][0]["title"]["en"], "Clean the park");
    assert_eq!(data["events"]["registrations"][0]["title"]["en"], "Walk");

    let totals_before = p.voting_results(op, vote_phase).await.unwrap().rows;
    p.delete_my_account(&ana, PASSWORD, Erasure::Delete).await.unwrap();

    // Counters equal their rows again: one voter, answer, volunteer and registration left.
    let db = p.db();
    let option = polls::model::option::Entity::find_by_id(sunday).one(db).await.unwrap().unwrap();
    let answers =
        polls::model::answer::Entity::find().filter(polls::model::answer::Column::OptionId.eq(sunday)).count(db).await;
    assert_eq!((option.votes, answers.unwrap()), (1, 1));
    let cause = volunteering::model::cause::Entity::find_by_id(cause).one(db).await.unwrap().unwrap();
    assert_eq!(cause.volunteers, 1);
    let event = events::model::event::Entity::find_by_id(event).one(db).await.unwrap().unwrap();
    assert_eq!(event.registered, 1);
    // Ballots stay counted, as the published chain holds them; the basket itself is gone.
    let totals_after = p.voting_results(op, vote_phase).await.unwrap().rows;
    assert_eq!(
        totals_before.iter().map(|r| r.votes).collect::<Vec<_>>(),
        totals_after.iter().map(|r| r.votes).collect::<Vec<_>>()
    );
    assert_eq!(voting::model::basket::Entity::find().count(db).await.unwrap(), 1);
    // The survey response stays in the results, linked to nobody.
    let responses = surveys::model::response::Entity::find().all(db).await.unwrap();
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0].user_id, None);
    assert_eq!(p.survey_results(op, survey_phase).await.unwrap().questions[0].counts[3], 1);
}
