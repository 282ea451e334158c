// SPDX-License-Identifier: AGPL-3.0-only
//! The ballot file read a page of entries at a time, so that its memory stays flat however many
//! ballots a phase has (the whole chain in memory took 290 MB for 83,000 entries). The file is
//! the chain as it stood when the download began: entries submitted while it is read are left
//! for the next download, so the header's count and final hash stay true.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::chain::{self, GENESIS};
use super::model::{ballot, seal};
use crate::{CoreError, CoreResult, Platform, db};

/// Entries a chunk holds (two in unit tests, so that their few ballots take several pages).
#[cfg(not(test))]
const PAGE: u64 = 2_000;
#[cfg(test)]
const PAGE: u64 = 2;

/// A ballot file being read; see [`BallotFile::next_chunk`].
pub struct BallotFile {
    db: DatabaseConnection,
    phase_id: i32,
    header: Option<String>,
    /// The last entry this file holds, and the last one written so far.
    last_seq: i32,
    after: i32,
    /// Each voter's latest entry (up to `last_seq`): the others are superseded.
    latest_of: HashMap<String, i32>,
}

#[derive(FromQueryResult)]
struct Latest {
    voter: String,
    seq: i32,
}

impl BallotFile {
    pub(super) async fn open(platform: &Platform, phase_id: i32) -> CoreResult<BallotFile> {
        let db = platform.db().clone();
        let (last_seq, final_hash) =
            last_entry(&db, phase_id).await?.map_or((0, GENESIS.to_owned()), |l| (l.seq, l.hash));
        let sql = "SELECT voter, MAX(seq) AS seq FROM ballot_chain WHERE phase_id = ? AND seq <= ? GROUP BY voter";
        let latest = Latest::find_by_statement(db::statement(
            db.get_database_backend(),
            sql,
            vec![phase_id.into(), last_seq.into()],
        ))
        .all(&db)
        .await?;
        let entries = ballot::Entity::find()
            .filter(ballot::Column::PhaseId.eq(phase_id))
            .filter(ballot::Column::Seq.lte(last_seq))
            .count(&db)
            .await?;
        let sealed_at = seal::Entity::find_by_id(phase_id)
            .one(&db)
            .await?
            .map(|s| s.sealed_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
        let entries = i64::try_from(entries).unwrap_or(i64::MAX);
        Ok(BallotFile {
            header: Some(chain::header_line(phase_id, entries, &final_hash, sealed_at)),
            db,
            phase_id,
            last_seq,
            after: 0,
            latest_of: latest.into_iter().map(|l| (l.voter, l.seq)).collect(),
        })
    }

    /// The next piece of the file: the header first, then a page of entries at a time.
    pub async fn next_chunk(&mut self) -> CoreResult<Option<String>> {
        if let Some(header) = self.header.take() {
            return Ok(Some(header));
        }
        if self.after >= self.last_seq {
            return Ok(None);
        }
        let rows = ballot::Entity::find()
            .filter(ballot::Column::PhaseId.eq(self.phase_id))
            .filter(ballot::Column::Seq.gt(self.after))
            .filter(ballot::Column::Seq.lte(self.last_seq))
            .order_by_asc(ballot::Column::Seq)
            .limit(PAGE)
            .all(&self.db)
            .await?;
        let Some(last) = rows.last().map(|r| r.seq) else { return Ok(None) };
        self.after = last;
        let mut out = String::new();
        for row in rows {
            let entry = chain::Entry {
                superseded: self.latest_of.get(&row.voter) != Some(&row.seq),
                seq: i64::from(row.seq),
                prev: row.prev_hash,
                voter: row.voter,
                ballot: serde_json::from_str(&row.ballot).unwrap_or_default(),
                at: row.submitted_at,
                hash: row.hash,
            };
            out.push_str(&chain::entry_line(&entry));
        }
        Ok(Some(out))
    }

    /// The whole file at once (for tests and small phases).
    pub async fn into_string(mut self) -> CoreResult<String> {
        let mut out = String::new();
        while let Some(chunk) = self.next_chunk().await? {
            out.push_str(&chunk);
        }
        Ok(out)
    }
}

impl crate::ChunkSource for BallotFile {
    async fn next_chunk(&mut self) -> CoreResult<Option<String>> {
        BallotFile::next_chunk(self).await
    }
}

/// How many ballots count (each voter's latest) and the chain's final hash, without reading
/// the chain.
pub(super) async fn counted_ballots(db: &DatabaseConnection, phase_id: i32) -> CoreResult<(usize, String)> {
    #[derive(FromQueryResult)]
    struct Summary {
        voters: i64,
    }
    let sql = "SELECT COUNT(DISTINCT voter) AS voters FROM ballot_chain WHERE phase_id = ?";
    let summary = Summary::find_by_statement(db::statement(db.get_database_backend(), sql, vec![phase_id.into()]))
        .one(db)
        .await?
        .ok_or(CoreError::NotFound("phase"))?;
    let final_hash = last_entry(db, phase_id).await?.map_or_else(|| GENESIS.to_owned(), |l| l.hash);
    Ok((usize::try_from(summary.voters).unwrap_or_default(), final_hash))
}

/// The last entry of a phase's chain (`None` before the first ballot).
async fn last_entry(db: &DatabaseConnection, phase_id: i32) -> Result<Option<ballot::Model>, sea_orm::DbErr> {
    ballot::Entity::find().filter(ballot::Column::PhaseId.eq(phase_id)).order_by_desc(ballot::Column::Seq).one(db).await
}
