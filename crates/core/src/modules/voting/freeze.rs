// SPDX-License-Identifier: AGPL-3.0-only
//! What may no longer change once residents vote: the phase's voting rules and the cost of an
//! idea in a basket (else a basket that kept the rules could break them afterwards), and an idea
//! counted in the totals cannot be deleted (else the results page and the published ballot
//! file would disagree). The checks run inside the transaction that makes the change, after
//! the row it changes is locked, so a vote that races with it is either seen or waits.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::LockType;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Map, Value};

use super::model::{ballot, basket, basket_item, vote_total};
use crate::db::WriteTxn;
use crate::modules::ideas::model::idea;
use crate::modules::projects::model::phase;
use crate::{CoreError, CoreResult};

/// Settings that only change who sees the results, not what a basket may hold.
const NOT_A_RULE: &[&str] = &["results_public"];

/// On PostgreSQL, takes `lock` on the phase's row for this transaction (SQLite's single writer
/// already orders every write transaction) and reads it.
pub(crate) async fn locked_phase(txn: &WriteTxn, phase_id: i32, lock: LockType) -> CoreResult<phase::Model> {
    let read = phase_read(txn.get_database_backend(), phase_id, lock);
    phase::Model::find_by_statement(read).one(txn).await?.ok_or(CoreError::NotFound("phase"))
}

/// The read of [`locked_phase`], for a caller that sends it in a [`crate::db::batch`].
pub(crate) fn phase_read(backend: DbBackend, phase_id: i32, lock: LockType) -> sea_orm::Statement {
    let mut query = phase::Entity::find_by_id(phase_id);
    if backend == DbBackend::Postgres {
        query = query.lock(lock);
    }
    sea_orm::QueryTrait::build(&query, backend)
}

/// Whether any resident has a vote in a basket of the phase (submitted or not).
pub(crate) async fn phase_has_votes(txn: &WriteTxn, phase_id: i32) -> CoreResult<bool> {
    let baskets =
        basket::Entity::find().select_only().column(basket::Column::Id).filter(basket::Column::PhaseId.eq(phase_id));
    let items = basket_item::Entity::find()
        .filter(basket_item::Column::BasketId.in_subquery(sea_orm::QueryTrait::into_query(baskets)))
        .count(txn)
        .await?;
    Ok(items > 0)
}

/// When the phase's first ballot joined its chain (`None` before any): from then on the phase
/// cannot be deleted, its start cannot move past that ballot, and once it has ended neither
/// its start nor its end can move (issue #9).
pub(crate) async fn first_ballot_at(txn: &WriteTxn, phase_id: i32) -> CoreResult<Option<DateTime<Utc>>> {
    let first = ballot::Entity::find()
        .filter(ballot::Column::PhaseId.eq(phase_id))
        .order_by_asc(ballot::Column::Seq)
        .one(txn)
        .await?;
    // Written by `chain` as RFC 3339; a row that does not parse counts from the start of time.
    Ok(first.map(|b| DateTime::parse_from_rfc3339(&b.submitted_at).map_or(DateTime::<Utc>::MIN_UTC, |t| t.to_utc())))
}

/// Refuses new dates for a phase with ballots (`first` is when the first came): the start
/// never moves past that ballot, and once the vote has ended neither the start nor the end
/// move at all.
pub(crate) fn check_dates_change(
    found: &phase::Model,
    first: DateTime<Utc>,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let ended = found.has_ended(now);
    if start > first || (ended && start != found.start_at) {
        return Err(CoreError::Field { field: "start_at", code: "voting_dates_locked" });
    }
    if ended && end != found.end_at {
        return Err(CoreError::Field { field: "end_at", code: "voting_dates_locked" });
    }
    Ok(())
}

/// Refuses to hide the results of a vote that has ended with them public: what was published
/// stays published.
pub(crate) fn check_results_stay_public(
    found: &phase::Model,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let public = |settings: &Map<String, Value>| settings.get("results_public").and_then(Value::as_bool) == Some(true);
    if found.has_ended(now) && public(before) && !public(after) {
        return Err(CoreError::Field { field: "settings", code: "results_stay_public" });
    }
    Ok(())
}

/// Refuses a change of a voting phase's rules once residents have votes in its baskets.
pub(crate) async fn check_rules_change(
    txn: &WriteTxn,
    phase_id: i32,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> CoreResult<()> {
    let changed =
        after.iter().any(|(key, value)| !NOT_A_RULE.contains(&key.as_str()) && before.get(key) != Some(value));
    if changed && phase_has_votes(txn, phase_id).await? {
        return Err(CoreError::Field { field: "settings", code: "voting_rules_locked" });
    }
    Ok(())
}

/// Locks the idea (PostgreSQL) and refuses a new cost once the idea is in a basket.
pub(crate) async fn check_cost_change(txn: &WriteTxn, found: &idea::Model, cost: Option<i64>) -> CoreResult<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        idea::Entity::find_by_id(found.id).lock(LockType::Update).one(txn).await?;
    }
    let current = idea::Entity::find_by_id(found.id).one(txn).await?.ok_or(CoreError::NotFound("idea"))?;
    if current.cost == cost {
        return Ok(());
    }
    let in_baskets = basket_item::Entity::find().filter(basket_item::Column::IdeaId.eq(found.id)).count(txn).await?;
    if in_baskets > 0 {
        return Err(CoreError::Field { field: "cost", code: "cost_locked" });
    }
    Ok(())
}

/// The ideas among `ids` that are counted in a voting phase's totals.
pub(crate) async fn counted_ideas(txn: &WriteTxn, ids: &[i32]) -> Result<Vec<i32>, sea_orm::DbErr> {
    let mut counted: Vec<i32> = vote_total::Entity::find()
        .filter(vote_total::Column::IdeaId.is_in(ids.to_vec()))
        .filter(vote_total::Column::Votes.gt(0))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| t.idea_id)
        .collect();
    counted.sort_unstable();
    counted.dedup();
    Ok(counted)
}
