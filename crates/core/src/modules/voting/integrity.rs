// SPDX-License-Identifier: AGPL-3.0-only
//! Voting's part of `townhall check`: every voting phase's chain of ballots is recomputed and
//! checked against its hashes, its totals and its seal.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::chain;
use super::model::{seal, vote_total};
use crate::integrity::ModuleCheck;
use crate::modules::projects::model::phase;
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
    report: &mut ModuleCheck,
) {
    let last = entries.last().map_or(chain::GENESIS, |e| e.hash.as_str());
    match sealed {
        None => {
            let overdue = ph.end_at.is_some_and(|end| end + Duration::seconds(SEAL_GRACE_SECS) <= now);
            if overdue && !entries.is_empty() {
                report.problems.push(format!(
                    "phase {}: ended at {} with {} entries but has no seal",
                    ph.id,
                    ph.end_at.map(|e| e.to_rfc3339()).unwrap_or_default(),
                    entries.len()
                ));
            }
        }
        Some(sealed) if sealed.entries != entries.len() as i64 || sealed.final_hash != last => {
            report.problems.push(format!(
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

/// Every voting phase's chain, and every seal whose phase is gone.
pub(super) async fn check(p: &Platform) -> CoreResult<ModuleCheck> {
    let mut report = ModuleCheck::new("voting chains", "ballots");
    let votes = phase::Entity::find()
        .filter(phase::Column::Method.eq(super::VOTING))
        .order_by_asc(phase::Column::Id)
        .all(p.db())
        .await?;
    let mut seals: BTreeMap<i32, seal::Model> =
        seal::Entity::find().all(p.db()).await?.into_iter().map(|s| (s.phase_id, s)).collect();
    let now = Utc::now();
    for ph in votes {
        report.checked += 1;
        let entries = p.chain_entries(ph.id).await?;
        check_seal(&ph, &entries, seals.remove(&ph.id), now, &mut report);
        check_chain(p, ph.id, entries, &mut report).await?;
    }
    for (phase_id, sealed) in seals {
        report.problems.push(format!(
            "phase {phase_id}: sealed with {} entries ending in {}, but the phase is gone",
            sealed.entries, sealed.final_hash
        ));
    }
    Ok(report)
}

/// Recomputes a phase's chain from its rows and compares its tallies with the totals.
async fn check_chain(
    p: &Platform,
    phase_id: i32,
    entries: Vec<chain::Entry>,
    report: &mut ModuleCheck,
) -> CoreResult<()> {
    let file = chain::ballot_file(phase_id, &entries);
    let tallies = match chain::verify(&file) {
        Ok(v) => {
            report.counted += v.voters;
            v.tallies
        }
        Err(broken) => {
            let entry = broken.line.saturating_sub(1);
            report.problems.push(format!("phase {phase_id}: entry {entry}: {}", broken.reason));
            return Ok(());
        }
    };
    let totals: BTreeMap<i32, (i64, i64)> = vote_total::Entity::find()
        .filter(vote_total::Column::PhaseId.eq(phase_id))
        .all(p.db())
        .await?
        .into_iter()
        .filter(|t| t.votes != 0 || t.voters != 0)
        .map(|t| (t.idea_id, (t.votes, i64::from(t.voters))))
        .collect();
    if totals != tallies {
        for idea in totals.keys().chain(tallies.keys()).collect::<std::collections::BTreeSet<_>>() {
            let (stored, counted) = (totals.get(idea), tallies.get(idea));
            if stored != counted {
                report.problems.push(format!(
                    "phase {phase_id}: idea {idea}: the totals say {:?} (votes, voters), the ballots {:?}",
                    stored.copied().unwrap_or_default(),
                    counted.copied().unwrap_or_default()
                ));
            }
        }
    }
    Ok(())
}
