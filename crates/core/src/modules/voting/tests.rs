// SPDX-License-Identifier: AGPL-3.0-only
//! Baskets, submissions, totals and the chain through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use super::chain;
use crate::modules::ideas::tests::{resident, text};
use crate::modules::projects::{PUBLISHED, PhaseInput, ProjectChanges};
use crate::testing::{platform, sent_mail};
use crate::{Actor, CoreError, Platform};

/// A published project with three costed ideas and an open budgeting phase (budget 1,000).
pub(crate) async fn budgeting(p: &Platform) -> (i32, Vec<i32>) {
    let op = &Actor::Operator;
    let title = BTreeMap::from([("en".to_owned(), "Budget".to_owned())]);
    let project = p
        .create_project(
            op,
            ProjectChanges { slug: Some("budget".into()), title: Some(title.clone()), ..Default::default() },
        )
        .await
        .unwrap();
    let ideation = PhaseInput {
        title: title.clone(),
        description: BTreeMap::new(),
        method: "ideation".into(),
        start_at: Some(Utc::now() - Duration::days(10)),
        end_at: Some(Utc::now() - Duration::days(5)),
    };
    let collecting = p.create_phase(op, project.id, ideation.clone()).await.unwrap();
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    // Ideas were posted while collecting was open: open it for a moment.
    p.update_phase(op, collecting.id, PhaseInput { end_at: None, ..ideation.clone() }).await.unwrap();
    let author = resident(p, "author@example.org").await;
    let mut ideas = Vec::new();
    for (title, cost) in [("Benches", 300), ("Trees", 600), ("Fountain", 500)] {
        let idea = p.post_idea(&author, collecting.id, text(title, "x")).await.unwrap();
        p.set_idea_cost(op, idea.id, Some(cost)).await.unwrap();
        ideas.push(idea.id);
    }
    p.update_phase(op, collecting.id, ideation).await.unwrap();
    let voting = PhaseInput {
        title,
        description: BTreeMap::new(),
        method: "voting".into(),
        start_at: Some(Utc::now() - Duration::days(4)),
        end_at: None,
    };
    let phase = p.create_phase(op, project.id, voting).await.unwrap();
    let settings = serde_json::json!({ "voting_method": "budgeting", "budget": 1000, "min_spend": 400 });
    p.update_phase_settings(op, phase.id, settings.as_object().unwrap()).await.unwrap();
    (phase.id, ideas)
}

#[tokio::test]
async fn baskets_keep_to_the_budget_and_submissions_form_a_chain() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;

    assert!(matches!(p.add_to_basket(&Actor::Anonymous, phase, ideas[0], 1).await, Err(CoreError::Denied(_))));
    p.add_to_basket(&ana, phase, ideas[1], 1).await.unwrap();
    let over = p.add_to_basket(&ana, phase, ideas[2], 1).await;
    assert!(matches!(over, Err(CoreError::Field { code: "over_budget", .. })), "{over:?}");
    assert_eq!(p.basket(&ana, phase).await.unwrap().spent, 600, "the refused change left nothing behind");
    assert!(matches!(p.submit_basket(&ben, phase).await, Err(CoreError::Field { code: "basket_empty", .. })));
    p.add_to_basket(&ben, phase, ideas[0], 1).await.unwrap();
    assert!(matches!(p.submit_basket(&ben, phase).await, Err(CoreError::Field { code: "under_minimum_spend", .. })));
    p.add_to_basket(&ben, phase, ideas[2], 1).await.unwrap();

    let first = p.submit_basket(&ana, phase).await.unwrap();
    let bens = p.submit_basket(&ben, phase).await.unwrap();
    // Ana changes her mind: trees out, benches and the fountain in; the old ballot is replaced.
    p.remove_from_basket(&ana, phase, ideas[1]).await.unwrap();
    p.add_to_basket(&ana, phase, ideas[0], 1).await.unwrap();
    p.add_to_basket(&ana, phase, ideas[2], 1).await.unwrap();
    assert!(p.basket(&ana, phase).await.unwrap().changed_since_submission);
    let second = p.submit_basket(&ana, phase).await.unwrap();
    assert_eq!((first.seq, bens.seq, second.seq), (1, 2, 3));

    assert_eq!(p.verify_receipt(phase, &first.hash).await.unwrap(), Some((1, true)));
    assert_eq!(p.verify_receipt(phase, &second.hash).await.unwrap(), Some((3, false)));
    assert_eq!(p.verify_receipt(phase, "nonsense").await.unwrap(), None);

    let results = p.voting_results(&Actor::Operator, phase).await.unwrap();
    let votes: Vec<(i32, i64)> = results.rows.iter().map(|r| (r.idea.id, r.votes)).collect();
    assert_eq!(votes, vec![(ideas[0], 2), (ideas[2], 2)], "the replaced ballot no longer counts");
    assert!(results.rows.iter().all(|r| r.fits), "300 + 500 fit in 1,000");
    assert!(matches!(p.voting_results(&ana, phase).await, Err(CoreError::Field { code: "results_not_public", .. })));

    let file = p.ballot_file(&Actor::Operator, phase).await.unwrap();
    let whole = chain::ballot_file(phase, &p.chain_entries(phase).await.unwrap());
    assert_eq!(file, whole, "read a page at a time, the file is the chain's");
    let checked = chain::verify(&file).unwrap();
    assert_eq!((checked.entries, checked.voters), (3, 2));
    assert_eq!(checked.final_hash, results.final_hash);
    assert_eq!(checked.tallies.get(&ideas[0]), Some(&(2, 2)));
    assert!(
        !file.contains("ana@example.org") && !file.contains(&format!("\"voter\":\"{}\"", 1)),
        "voters are pseudonyms"
    );
    let mails = sent_mail(&p, &dir).await;
    assert!(mails.iter().any(|m| m.contains("Your vote is recorded") && m.contains(&second.hash)), "{mails:?}");
}

/// A fresh platform's budgeting phase switched to `settings` before anyone votes.
async fn with_rules(settings: serde_json::Value) -> (Platform, tempfile::TempDir, i32, Vec<i32>) {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    p.update_phase_settings(&Actor::Operator, phase, settings.as_object().unwrap()).await.unwrap();
    (p, dir, phase, ideas)
}

#[tokio::test]
async fn a_single_vote_is_one_vote() {
    let (p, _dir, phase, ideas) = with_rules(serde_json::json!({ "voting_method": "single" })).await;
    let ana = resident(&p, "ana@example.org").await;
    let more = p.add_to_basket(&ana, phase, ideas[0], 2).await;
    assert!(matches!(more, Err(CoreError::Field { code: "too_many_votes", .. })), "{more:?}");
    p.add_to_basket(&ana, phase, ideas[0], 1).await.unwrap();
    let second = p.add_to_basket(&ana, phase, ideas[1], 1).await;
    assert!(matches!(second, Err(CoreError::Field { code: "too_many_votes", .. })), "{second:?}");
    p.submit_basket(&ana, phase).await.unwrap();
    let results = p.voting_results(&Actor::Operator, phase).await.unwrap();
    assert_eq!(results.rows.iter().map(|r| (r.idea.id, r.votes)).collect::<Vec<_>>(), vec![(ideas[0], 1)]);
}

#[tokio::test]
async fn multiple_votes_keep_to_the_limits_and_can_pile_up() {
    let rules = serde_json::json!({ "voting_method": "multiple", "max_votes": 4, "max_per_idea": 3, "max_ideas": 2, "min_ideas": 2 });
    let (p, _dir, phase, ideas) = with_rules(rules).await;
    let ana = resident(&p, "ana@example.org").await;
    let piled = p.add_to_basket(&ana, phase, ideas[0], 4).await;
    assert!(matches!(piled, Err(CoreError::Field { code: "too_many_votes_for_idea", .. })), "{piled:?}");
    p.add_to_basket(&ana, phase, ideas[0], 3).await.unwrap();
    let few = p.submit_basket(&ana, phase).await;
    assert!(matches!(few, Err(CoreError::Field { code: "too_few_ideas", .. })), "{few:?}");
    let over = p.add_to_basket(&ana, phase, ideas[1], 2).await;
    assert!(matches!(over, Err(CoreError::Field { code: "too_many_votes", .. })), "{over:?}");
    p.add_to_basket(&ana, phase, ideas[1], 1).await.unwrap();
    let third = p.add_to_basket(&ana, phase, ideas[2], 1).await;
    assert!(matches!(third, Err(CoreError::Field { code: "too_many_ideas", .. })), "{third:?}");
    p.submit_basket(&ana, phase).await.unwrap();
    let results = p.voting_results(&Actor::Operator, phase).await.unwrap();
    let votes: Vec<(i32, i64, i32)> = results.rows.iter().map(|r| (r.idea.id, r.votes, r.voters)).collect();
    assert_eq!(votes, vec![(ideas[0], 3, 1), (ideas[1], 1, 1)]);
}

#[tokio::test]
async fn votes_freeze_the_rules_and_the_costs_and_keep_their_ideas() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    let op = &Actor::Operator;
    // Before anyone votes, everything can change.
    p.set_idea_cost(op, ideas[1], Some(600)).await.unwrap();
    let budget = serde_json::json!({ "budget": 1000 });
    p.update_phase_settings(op, phase, budget.as_object().unwrap()).await.unwrap();

    let (ana, ben, cleo) = (
        resident(&p, "ana@example.org").await,
        resident(&p, "ben@example.org").await,
        resident(&p, "cleo@example.org").await,
    );
    p.add_to_basket(&ana, phase, ideas[1], 1).await.unwrap();
    let smaller = serde_json::json!({ "budget": 500 });
    let refused = p.update_phase_settings(op, phase, smaller.as_object().unwrap()).await;
    assert!(matches!(refused, Err(CoreError::Field { code: "voting_rules_locked", .. })), "{refused:?}");
    let public = serde_json::json!({ "results_public": true, "budget": 1000 });
    p.update_phase_settings(op, phase, public.as_object().unwrap()).await.unwrap();
    let cost = p.set_idea_cost(op, ideas[1], Some(100)).await;
    assert!(matches!(cost, Err(CoreError::Field { code: "cost_locked", .. })), "{cost:?}");
    p.set_idea_cost(op, ideas[1], Some(600)).await.unwrap();
    p.set_idea_cost(op, ideas[2], Some(500)).await.unwrap();
    let phases = p.phases(p.phase_of(phase).await.unwrap().project_id).await.unwrap();
    let current = phases.iter().find(|ph| ph.id == phase).unwrap();
    let input = PhaseInput {
        title: BTreeMap::from([("en".to_owned(), "Budget".to_owned())]),
        description: BTreeMap::new(),
        method: "poll".into(),
        start_at: Some(current.start_at),
        end_at: current.end_at,
    };
    let method = p.update_phase(op, phase, input).await;
    assert!(matches!(method, Err(CoreError::Field { code: "voting_rules_locked", .. })), "{method:?}");

    // Benches 300 and trees 600 get two votes each, the fountain 500 one: the fountain is the
    // idea that no longer fits in 1,000.
    p.add_to_basket(&ana, phase, ideas[0], 1).await.unwrap();
    p.add_to_basket(&ben, phase, ideas[1], 1).await.unwrap();
    p.add_to_basket(&cleo, phase, ideas[2], 1).await.unwrap();
    p.add_to_basket(&cleo, phase, ideas[0], 1).await.unwrap();
    for voter in [&ana, &ben, &cleo] {
        p.submit_basket(voter, phase).await.unwrap();
    }
    let results = p.voting_results(op, phase).await.unwrap();
    let rows: Vec<(i32, i64, bool)> = results.rows.iter().map(|r| (r.idea.id, r.votes, r.fits)).collect();
    assert_eq!(rows, vec![(ideas[0], 2, true), (ideas[1], 2, true), (ideas[2], 1, false)]);

    let deleted = p.delete_idea(op, ideas[2]).await;
    assert!(matches!(deleted, Err(CoreError::Field { code: "idea_has_votes", .. })), "{deleted:?}");
    let file = p.ballot_file(op, phase).await.unwrap();
    let tallies = chain::verify(&file).unwrap().tallies;
    for row in &p.voting_results(op, phase).await.unwrap().rows {
        assert_eq!(tallies.get(&row.idea.id).map(|t| t.0), Some(row.votes), "the page and the file agree");
    }
}
