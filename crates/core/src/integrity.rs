// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall check`: whether the database is sound and agrees with itself. The storage itself
//! (`PRAGMA integrity_check` on SQLite), every counter against the rows it counts, and every
//! voting phase's chain of ballots against its hashes and its totals. The reliability drills run
//! it after each crash; operators run it after a restore or an incident.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, Statement};

use crate::modules::projects::model::phase;
use crate::modules::voting::chain;
use crate::modules::voting::model::{seal, vote_total};
use crate::{CoreResult, Platform};

/// How long after its end a vote may wait for its seal before `check` calls it missing (the
/// server's job seals ended votes every 30 seconds).
const SEAL_GRACE_SECS: i64 = 120;

/// A vote that has ended with ballots has a seal, and a seal matches its chain: the same number
/// of entries, ending in the same hash (nothing was added, changed or removed since).
fn check_seal(
    ph: &phase::Model,
    entries: &[chain::Entry],
    sealed: Option<seal::Model>,
    now: DateTime<Utc>,
    report: &mut IntegrityReport,
) {
    let last = entries.last().map_or(chain::GENESIS, |e| e.hash.as_str());
    match sealed {
        None => {
            let overdue = ph.end_at.is_some_and(|end| end + Duration::seconds(SEAL_GRACE_SECS) <= now);
            if overdue && !entries.is_empty() {
                report.chain_errors.push(format!(
                    "phase {}: ended at {} with {} entries but has no seal",
                    ph.id,
                    ph.end_at.map(|e| e.to_rfc3339()).unwrap_or_default(),
                    entries.len()
                ));
            }
        }
        Some(sealed) if sealed.entries != entries.len() as i64 || sealed.final_hash != last => {
            report.chain_errors.push(format!(
                "phase {}: sealed with {} entries ending in {}, but the chain has {} ending in {last}",
                ph.id,
                sealed.entries,
                sealed.final_hash,
                entries.len()
            ));
        }
        Some(_) => {}
    }
}

/// A counter kept beside the rows it counts (`ideas.comments_count` counts the published
/// `comments` whose `idea_id` is the idea). Each module declares its own
/// (`Module::counter_checks`), so `townhall check` names no module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterCheck {
    /// The table holding the counter, and the counter's column.
    pub table: &'static str,
    pub column: &'static str,
    /// The table of the counted rows, and its column pointing to the counter's row.
    pub rows: &'static str,
    pub points_to: &'static str,
    /// Which of those rows count, as a condition on them (aliased `r`), if not all.
    pub counted_if: Option<&'static str>,
}

impl CounterCheck {
    pub const fn new(table: &'static str, column: &'static str, rows: &'static str, points_to: &'static str) -> Self {
        Self { table, column, rows, points_to, counted_if: None }
    }

    pub const fn counting_only(self, condition: &'static str) -> Self {
        Self { counted_if: Some(condition), ..self }
    }

    pub fn name(&self) -> String {
        format!("{}.{}", self.table, self.column)
    }

    /// `(id, stored, counted)` for every row whose counter is wrong.
    fn sql(&self) -> String {
        let only = self.counted_if.map_or(String::new(), |c| format!(" AND {c}"));
        let count = format!("(SELECT COUNT(*) FROM {} r WHERE r.{} = x.id{only})", self.rows, self.points_to);
        format!(
            "SELECT x.id, x.{column}, {count} AS n FROM {table} x WHERE x.{column} <> {count}",
            column = self.column,
            table = self.table
        )
    }
}

/// What `check_integrity` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IntegrityReport {
    /// The storage's own check (`ok`, or what SQLite reported; PostgreSQL has none to run).
    pub storage: String,
    /// Counters checked, and every one that disagrees with its rows.
    pub counters_checked: usize,
    pub counter_errors: Vec<String>,
    /// Voting phases whose chain was recomputed, and every problem found.
    pub chains_checked: usize,
    pub chain_errors: Vec<String>,
    /// Ballots counted across those chains.
    pub ballots: usize,
}

impl IntegrityReport {
    pub fn is_sound(&self) -> bool {
        self.storage == "ok" && self.counter_errors.is_empty() && self.chain_errors.is_empty()
    }
}

impl Platform {
    pub async fn check_integrity(&self) -> CoreResult<IntegrityReport> {
        let backend = self.db().get_database_backend();
        let mut report = IntegrityReport { storage: "ok".into(), ..Default::default() };
        if backend == DbBackend::Sqlite {
            let rows = self.db().query_all_raw(Statement::from_string(backend, "PRAGMA integrity_check")).await?;
            let said: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
            report.storage = if said == ["ok"] { "ok".into() } else { said.join("; ") };
        }
        for counter in self.registry().modules().iter().flat_map(|m| m.counter_checks()) {
            report.counters_checked += 1;
            let name = counter.name();
            for row in self.db().query_all_raw(Statement::from_string(backend, counter.sql())).await? {
                let id = row.try_get_by_index::<i32>(0).unwrap_or_default();
                let stored = row.try_get_by_index::<i32>(1).map(i64::from).unwrap_or_default();
                let counted = row.try_get_by_index::<i64>(2).unwrap_or_default();
                report.counter_errors.push(format!("{name} of {id} is {stored}, but {counted} rows"));
            }
        }
        let votes = phase::Entity::find()
            .filter(phase::Column::Method.eq(crate::modules::voting::VOTING))
            .order_by_asc(phase::Column::Id)
            .all(self.db())
            .await?;
        let mut seals: BTreeMap<i32, seal::Model> =
            seal::Entity::find().all(self.db()).await?.into_iter().map(|s| (s.phase_id, s)).collect();
        let now = Utc::now();
        for ph in votes {
            report.chains_checked += 1;
            let entries = self.chain_entries(ph.id).await?;
            check_seal(&ph, &entries, seals.remove(&ph.id), now, &mut report);
            self.check_chain(ph.id, entries, &mut report).await?;
        }
        for (phase_id, sealed) in seals {
            report.chain_errors.push(format!(
                "phase {phase_id}: sealed with {} entries ending in {}, but the phase is gone",
                sealed.entries, sealed.final_hash
            ));
        }
        Ok(report)
    }

    /// Recomputes a phase's chain from its rows and compares its tallies with the totals.
    async fn check_chain(
        &self,
        phase_id: i32,
        entries: Vec<chain::Entry>,
        report: &mut IntegrityReport,
    ) -> CoreResult<()> {
        let file = chain::ballot_file(phase_id, &entries);
        let tallies = match chain::verify(&file) {
            Ok(v) => {
                report.ballots += v.voters;
                v.tallies
            }
            Err(broken) => {
                let entry = broken.line.saturating_sub(1);
                report.chain_errors.push(format!("phase {phase_id}: entry {entry}: {}", broken.reason));
                return Ok(());
            }
        };
        let totals: BTreeMap<i32, (i64, i64)> = vote_total::Entity::find()
            .filter(vote_total::Column::PhaseId.eq(phase_id))
            .all(self.db())
            .await?
            .into_iter()
            .filter(|t| t.votes != 0 || t.voters != 0)
            .map(|t| (t.idea_id, (t.votes, i64::from(t.voters))))
            .collect();
        if totals != tallies {
            for idea in totals.keys().chain(tallies.keys()).collect::<std::collections::BTreeSet<_>>() {
                let (stored, counted) = (totals.get(idea), tallies.get(idea));
                if stored != counted {
                    report.chain_errors.push(format!(
                        "phase {phase_id}: idea {idea}: the totals say {:?} (votes, voters), the ballots {:?}",
                        stored.copied().unwrap_or_default(),
                        counted.copied().unwrap_or_default()
                    ));
                }
            }
        }
        Ok(())
    }
}
