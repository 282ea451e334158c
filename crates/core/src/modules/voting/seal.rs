// SPDX-License-Identifier: AGPL-3.0-only
//! Sealed results: when a voting phase with ballots ends, its chain's length and final hash are
//! written once, in the transaction that closes the phase (an administrator moving the end to
//! now) or by the scheduler for a phase that ends by the clock, catching up after downtime.
//! The seal never changes; the database refuses ballots for a sealed phase and new dates for
//! it (migration m0024), and `townhall check` compares every chain with its seal.
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::LockType;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryTrait};

use super::freeze::locked_phase;
use super::model::seal;
use super::statements::{chain_head_of, chain_head_read};
use crate::modules::platform::changes::{ChangeAction, ChangeKind, ProjectOf, record};
use crate::{CoreResult, Platform, db};

/// Seals the phase now if it holds ballots and has no seal yet (its seal if it has one). `conn`
/// is a transaction that holds the phase's lock, so no submission can slip in between the
/// read of the chain and the seal, or the migration that runs alone.
pub(crate) async fn seal_in(
    conn: &impl ConnectionTrait,
    phase_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<seal::Model>, DbErr> {
    let (sealed, new) = seal_unrecorded(conn, phase_id, now).await?;
    if new {
        let project = ProjectOf::Phase(phase_id);
        record(conn, ChangeKind::VotingResults, ChangeAction::Created, phase_id, project).await?;
    }
    Ok(sealed)
}

/// [`seal_in`] without telling the change feed (migration m0024 runs before the feed's table
/// exists); whether the seal is new.
async fn seal_unrecorded(
    conn: &impl ConnectionTrait,
    phase_id: i32,
    now: DateTime<Utc>,
) -> Result<(Option<seal::Model>, bool), DbErr> {
    let backend = conn.get_database_backend();
    let [head, existing, count] = db::batch(
        conn,
        [
            chain_head_read(backend, phase_id),
            seal::Entity::find_by_id(phase_id).build(backend),
            db::statement(backend, "SELECT COUNT(*) AS n FROM ballot_chain WHERE phase_id = ?", vec![phase_id.into()]),
        ],
    )
    .await?;
    if let Some(found) = existing.first().map(|row| seal::Model::from_query_result(row, "")).transpose()? {
        return Ok((Some(found), false));
    }
    let Some((_, final_hash)) = chain_head_of(&head)?.last else { return Ok((None, false)) };
    let entries: i64 = count.first().map(|row| row.try_get("", "n")).transpose()?.unwrap_or_default();
    let sealed = seal::Model { phase_id, entries, final_hash, sealed_at: now };
    let row = seal::ActiveModel {
        phase_id: Set(sealed.phase_id),
        entries: Set(sealed.entries),
        final_hash: Set(sealed.final_hash.clone()),
        sealed_at: Set(sealed.sealed_at),
    };
    seal::Entity::insert(row).exec_without_returning(conn).await?;
    Ok((Some(sealed), true))
}

#[derive(FromQueryResult)]
struct Due {
    id: i32,
}

/// The voting phases that ended by `now` with ballots and have no seal.
async fn due(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<i32>, DbErr> {
    let sql = "SELECT p.id AS id FROM phases p WHERE p.method = ? AND p.end_at <= ? \
               AND NOT EXISTS (SELECT 1 FROM voting_seals s WHERE s.phase_id = p.id) \
               AND EXISTS (SELECT 1 FROM ballot_chain c WHERE c.phase_id = p.id) ORDER BY p.id";
    let read = db::statement(conn.get_database_backend(), sql, vec![super::VOTING.into(), now.into()]);
    Ok(Due::find_by_statement(read).all(conn).await?.into_iter().map(|d| d.id).collect())
}

/// Seals every vote that had ended when migration m0024 ran (it runs alone).
pub(crate) async fn seal_all_ended(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    for phase_id in due(conn, now).await? {
        seal_unrecorded(conn, phase_id, now).await?;
    }
    Ok(())
}

impl Platform {
    /// A voting phase's seal, once it has one.
    pub async fn seal_of(&self, phase_id: i32) -> CoreResult<Option<seal::Model>> {
        Ok(seal::Entity::find_by_id(phase_id).one(self.db()).await?)
    }

    /// Seals every voting phase that has ended with ballots and has no seal yet; returns how
    /// many were sealed. Run by the scheduler, so a phase that ended while no server ran is
    /// sealed as soon as one starts.
    pub async fn seal_ended_votes(&self, now: DateTime<Utc>) -> CoreResult<usize> {
        let mut sealed = 0;
        for phase_id in due(self.db(), now).await? {
            if self.seal_if_ended(phase_id, now).await?.is_some() {
                sealed += 1;
            }
        }
        Ok(sealed)
    }

    /// Seals one phase if it has ended with ballots (its seal if it had one already).
    pub(crate) async fn seal_if_ended(&self, phase_id: i32, now: DateTime<Utc>) -> CoreResult<Option<seal::Model>> {
        let txn = db::begin_write(self.db()).await?;
        let found = locked_phase(&txn, phase_id, LockType::Update).await?;
        if found.method != super::VOTING || !found.has_ended(now) {
            return Ok(None);
        }
        let sealed = seal_in(&txn, phase_id, now).await?;
        txn.commit().await?;
        Ok(sealed)
    }
}
