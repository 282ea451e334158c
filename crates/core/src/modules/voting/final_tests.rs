// SPDX-License-Identifier: AGPL-3.0-only
//! Votes are final (issue #9): a phase with ballots is neither deleted nor reopened, it is
//! sealed when it ends, and one person has one counted ballot whatever accounts they use.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, Statement};
use townhall_license::Edition;

use super::chain;
use super::tests::budgeting;
use crate::modules::ideas::tests::resident;
use crate::modules::projects::PhaseInput;
use crate::testing::platform;
use crate::{Actor, CoreError, Erasure, Platform};

const PASSWORD: &str = crate::modules::ideas::tests::PASSWORD;

async fn sql(p: &Platform, sql: &str) -> Result<(), sea_orm::DbErr> {
    let backend = p.db().get_database_backend();
    p.db().execute_raw(Statement::from_string(backend, sql.to_owned())).await.map(drop)
}

/// `sql` with bound values (times as the database keeps them).
async fn sql_with(p: &Platform, sql: &str, values: Vec<sea_orm::Value>) {
    p.db().execute_raw(crate::db::statement(p.db().get_database_backend(), sql, values)).await.unwrap();
}

/// The phase's dates as they are, with `end` instead.
async fn dates(
    p: &Platform,
    phase: i32,
    start: Option<chrono::DateTime<Utc>>,
    end: Option<chrono::DateTime<Utc>>,
) -> PhaseInput {
    let found = p.phase_of(phase).await.unwrap();
    PhaseInput {
        title: BTreeMap::from([("en".to_owned(), "Budget".to_owned())]),
        description: BTreeMap::new(),
        method: found.method,
        start_at: start.or(Some(found.start_at)),
        end_at: end,
    }
}

async fn vote(p: &Platform, who: &Actor, phase: i32, ideas: &[i32]) -> super::Receipt {
    for idea in ideas {
        p.add_to_basket(who, phase, *idea, 1).await.unwrap();
    }
    p.submit_basket(who, phase).await.unwrap()
}

#[tokio::test]
async fn a_vote_with_ballots_is_neither_deleted_nor_reopened_and_is_sealed_when_it_ends() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    let op = &Actor::Operator;
    let public = serde_json::json!({ "results_public": true });
    p.update_phase_settings(op, phase, public.as_object().unwrap()).await.unwrap();
    let ana = resident(&p, "ana@example.org").await;
    vote(&p, &ana, phase, &[ideas[0], ideas[2]]).await;

    let deleted = p.delete_phase(op, phase).await;
    assert!(matches!(deleted, Err(CoreError::Field { code: "votes_exist", .. })), "{deleted:?}");
    // The start may not move past the first ballot (earlier is harmless while it is open).
    let moved = p.update_phase(op, phase, dates(&p, phase, Some(Utc::now() + Duration::minutes(1)), None).await).await;
    assert!(matches!(moved, Err(CoreError::Field { code: "voting_dates_locked", .. })), "{moved:?}");
    p.update_phase(op, phase, dates(&p, phase, Some(Utc::now() - Duration::days(5)), None).await).await.unwrap();
    // While it is open its end can move; moving it to now closes and seals it at once.
    let later = Utc::now() + Duration::days(3);
    p.update_phase(op, phase, dates(&p, phase, None, Some(later)).await).await.unwrap();
    assert!(p.seal_of(phase).await.unwrap().is_none());
    let end = Utc::now() - Duration::seconds(1);
    p.update_phase(op, phase, dates(&p, phase, None, Some(end)).await).await.unwrap();
    let sealed = p.seal_of(phase).await.unwrap().expect("closing the vote seals it");
    let results = p.voting_results(&Actor::Anonymous, phase).await.unwrap();
    assert_eq!((sealed.entries, sealed.final_hash.as_str()), (1, results.final_hash.as_str()));
    assert_eq!(results.seal.as_ref().map(|s| s.final_hash.clone()), Some(sealed.final_hash.clone()));

    // Reopened: refused, whether the end is removed or moved later.
    for reopened in [None, Some(Utc::now() + Duration::days(1)), Some(end - Duration::hours(1))] {
        let refused = p.update_phase(op, phase, dates(&p, phase, None, reopened).await).await;
        assert!(matches!(refused, Err(CoreError::Field { code: "voting_dates_locked", .. })), "{refused:?}");
    }
    let hidden = serde_json::json!({ "results_public": false });
    let hidden = p.update_phase_settings(op, phase, hidden.as_object().unwrap()).await;
    assert!(matches!(hidden, Err(CoreError::Field { code: "results_stay_public", .. })), "{hidden:?}");
    let late = p.submit_basket(&ana, phase).await;
    assert!(matches!(late, Err(CoreError::Denied(_))), "{late:?}");

    // The ballot file says it is sealed; the database itself refuses what the services refuse.
    let file = p.ballot_file(&Actor::Anonymous, phase).await.unwrap();
    let checked = chain::verify(&file).unwrap();
    assert!(checked.sealed_at.is_some() && checked.final_hash == sealed.final_hash, "{file}");
    for forbidden in [
        format!("DELETE FROM phases WHERE id = {phase}"),
        format!("DELETE FROM ballot_chain WHERE phase_id = {phase}"),
        format!("UPDATE phases SET end_at = NULL WHERE id = {phase}"),
        format!("DELETE FROM voting_seals WHERE phase_id = {phase}"),
        format!("UPDATE voting_seals SET entries = 2 WHERE phase_id = {phase}"),
    ] {
        assert!(sql(&p, &forbidden).await.is_err(), "the database allowed {forbidden}");
    }
    assert!(p.check_integrity().await.unwrap().is_sound());
}

#[tokio::test]
async fn a_phase_without_ballots_can_still_be_deleted_and_moved() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    let op = &Actor::Operator;
    // A basket that was never submitted is no ballot.
    let ana = resident(&p, "ana@example.org").await;
    p.add_to_basket(&ana, phase, ideas[0], 1).await.unwrap();
    p.update_phase(op, phase, dates(&p, phase, Some(Utc::now() - Duration::days(1)), None).await).await.unwrap();
    p.delete_phase(op, phase).await.unwrap();
    assert!(matches!(p.phase_of(phase).await, Err(CoreError::NotFound(_))));
}

#[tokio::test]
async fn votes_that_end_by_the_clock_are_sealed_and_check_notices_a_missing_or_broken_seal() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    let op = &Actor::Operator;
    let ends = Utc::now() + Duration::hours(1);
    p.update_phase(op, phase, dates(&p, phase, None, Some(ends)).await).await.unwrap();
    let ana = resident(&p, "ana@example.org").await;
    vote(&p, &ana, phase, &[ideas[0], ideas[2]]).await;
    assert_eq!(p.seal_ended_votes(Utc::now()).await.unwrap(), 0, "still open");
    assert!(p.check_integrity().await.unwrap().is_sound());

    // Seen from well after the end, as after a server's downtime: the seal is missing, then
    // the scheduler's catch-up writes it, once.
    let after = ends + Duration::days(2);
    sql_with(
        &p,
        "UPDATE phases SET end_at = ? WHERE id = ?",
        vec![(Utc::now() - Duration::days(2)).into(), phase.into()],
    )
    .await;
    let missing = p.check_integrity().await.unwrap();
    assert!(missing.check("voting chains").unwrap().problems.iter().any(|e| e.contains("has no seal")), "{missing:?}");
    assert_eq!(p.seal_ended_votes(after).await.unwrap(), 1);
    assert_eq!(p.seal_ended_votes(after).await.unwrap(), 0);
    assert!(p.check_integrity().await.unwrap().is_sound());

    // A chain that no longer ends where it was sealed (guards dropped, a ballot added).
    sql(&p, "DROP TRIGGER ballot_chain_closed_when_sealed").await.unwrap();
    let head = p.chain_entries(phase).await.unwrap();
    let last = head.last().unwrap();
    sql(
        &p,
        &format!(
            "INSERT INTO ballot_chain (phase_id, seq, prev_hash, voter, ballot, submitted_at, hash) \
             VALUES ({phase}, {}, '{}', 'x', '[]', 'now', 'added')",
            last.seq + 1,
            last.hash
        ),
    )
    .await
    .unwrap();
    let broken = p.check_integrity().await.unwrap();
    assert!(
        broken.check("voting chains").unwrap().problems.iter().any(|e| e.contains("sealed with 1 entries")),
        "{broken:?}"
    );
}

/// Re-signs in, so the actor carries the account as it is now.
async fn again(p: &Platform, email: &str) -> Actor {
    let (_, token) = p.sign_in(email, PASSWORD, "x").await.unwrap();
    p.actor_for_token(&token).await.unwrap().unwrap().0
}

async fn confirm(p: &Platform, email: &str) -> Actor {
    sql_with(p, "UPDATE users SET email_confirmed_at = ? WHERE email = ?", vec![Utc::now().into(), email.into()]).await;
    again(p, email).await
}

#[tokio::test]
async fn one_person_has_one_counted_ballot_whatever_their_accounts() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let (phase, ideas) = budgeting(&p).await;
    let counted = |p: Platform| async move {
        let results = p.voting_results(&Actor::Operator, phase).await.unwrap();
        (results.ballots, results.rows.iter().map(|r| (r.idea.id, r.votes)).collect::<Vec<_>>())
    };

    // Ana votes, deletes her account (the ballot stays counted), signs up again, votes again.
    for mode in [Erasure::Delete, Erasure::Anonymize] {
        resident(&p, "ana@example.org").await;
        let ana = confirm(&p, "ana@example.org").await;
        vote(&p, &ana, phase, &[ideas[1]]).await;
        p.delete_my_account(&ana, PASSWORD, mode).await.unwrap();
        assert_eq!(counted(p.clone()).await.0, 1, "the deleted account's ballot still counts");
        // Signed up again, not yet confirmed: the address alone proves nothing yet.
        let back = resident(&p, "ana@example.org").await;
        p.add_to_basket(&back, phase, ideas[0], 1).await.unwrap();
        p.add_to_basket(&back, phase, ideas[2], 1).await.unwrap();
        let refused = p.submit_basket(&back, phase).await;
        assert!(matches!(refused, Err(CoreError::Field { code: "confirm_email_to_vote", .. })), "{refused:?}");
        let back = confirm(&p, "ana@example.org").await;
        p.submit_basket(&back, phase).await.unwrap();
        assert_eq!(
            counted(p.clone()).await,
            (1, vec![(ideas[0], 1), (ideas[2], 1)]),
            "{mode:?}: one ballot, the newest"
        );
        p.delete_my_account(&back, PASSWORD, mode).await.unwrap();
    }

    // An address change keeps the voter; the address left behind belongs to someone else now.
    resident(&p, "ben@example.org").await;
    let ben = confirm(&p, "ben@example.org").await;
    vote(&p, &ben, phase, &[ideas[1]]).await;
    sql(&p, "UPDATE users SET email = 'ben@new.example.org' WHERE email = 'ben@example.org'").await.unwrap();
    let ben = again(&p, "ben@new.example.org").await;
    p.remove_from_basket(&ben, phase, ideas[1]).await.unwrap();
    vote(&p, &ben, phase, &[ideas[0], ideas[2]]).await;
    resident(&p, "ben@example.org").await;
    let other = confirm(&p, "ben@example.org").await;
    vote(&p, &other, phase, &[ideas[1]]).await;
    let (ballots, _) = counted(p.clone()).await;
    assert_eq!(ballots, 3, "ana's last ballot, ben's newest, and the new owner of ben's old address");

    let file = p.ballot_file(&Actor::Operator, phase).await.unwrap();
    let verified = chain::verify(&file).unwrap();
    assert_eq!((verified.entries, verified.voters), (7, 3), "{file}");
    assert!(!file.contains("example.org"), "no address in the file");
    assert!(p.check_integrity().await.unwrap().is_sound());
}

#[tokio::test]
async fn a_write_pointing_at_a_row_deleted_meanwhile_is_not_found() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    // What a basket change racing the idea's deletion meets inside its transaction: the
    // foreign key refuses the row, which the user sees as the idea being gone.
    let refused = sql(&p, "INSERT INTO basket_items (basket_id, idea_id, votes) VALUES (999999, 999999, 1)").await;
    let refused = CoreError::from(refused.unwrap_err());
    assert!(matches!(refused, CoreError::NotFound(_)), "{refused:?}");
    assert_eq!(refused.code(), "not_found");
}
