// SPDX-License-Identifier: AGPL-3.0-only
//! An idea's counters (reactions up and down, comments) and its trending score, recomputed from
//! the rows they count inside the transaction that changed those rows, while the idea is locked.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, QueryTrait,
    Statement,
};

use super::model::idea;
use crate::db::WriteTxn;
use crate::{CoreError, CoreResult, Platform, db};

/// Days after which a new idea needs twice the engagement to rank level with an older one.
pub const TRENDING_DOUBLING_DAYS: f64 = 3.0;

/// The trending score (see `docs/algorithms.md`): log2 of the engagement plus the age bonus.
/// It depends only on the counters and the posting time, so it is stored and indexed, and it
/// changes only when a counter does.
pub fn trending_score(up: i32, down: i32, comments: i32, posted: DateTime<Utc>) -> f64 {
    let engagement = f64::from(up) + 2.0 * f64::from(comments) - f64::from(down);
    let weight = engagement.signum() * (1.0 + engagement.abs()).log2();
    let days = posted.timestamp() as f64 / 86_400.0;
    weight + days / TRENDING_DOUBLING_DAYS
}

impl Platform {
    /// A write transaction holding the idea: IMMEDIATE on SQLite (one writer), a row lock on
    /// PostgreSQL, so concurrent changes to one idea's counters apply one after the other.
    pub(crate) async fn lock_idea(&self, idea_id: i32) -> CoreResult<db::WriteTxn> {
        let txn = db::begin_write(self.db()).await?;
        let mut query = idea::Entity::find_by_id(idea_id);
        if self.db().get_database_backend() == DbBackend::Postgres {
            query = query.lock_exclusive();
        }
        query.one(&txn).await?.ok_or(CoreError::NotFound("idea"))?;
        Ok(txn)
    }
}

/// Sets the idea's counters and score from the rows and returns the updated idea.
pub(super) async fn recount(txn: &WriteTxn, idea_id: i32) -> CoreResult<idea::Model> {
    let (saved, update) = recounted(txn, idea_id).await?;
    txn.execute_raw(update).await?;
    Ok(saved)
}

/// The idea with its counters and score counted again from the rows, and the statement that
/// stores them, for a caller that sends it with its commit ([`WriteTxn::commit_with`]). The
/// counts and the idea are read in one trip.
pub(super) async fn recounted(txn: &WriteTxn, idea_id: i32) -> CoreResult<(idea::Model, Statement)> {
    let backend = txn.get_database_backend();
    let sql = "SELECT \
        (SELECT COUNT(*) FROM reactions WHERE idea_id = ? AND mode = 'up') AS up, \
        (SELECT COUNT(*) FROM reactions WHERE idea_id = ? AND mode = 'down') AS down, \
        (SELECT COUNT(*) FROM comments WHERE idea_id = ? AND state = ?) AS comments";
    let values = vec![idea_id.into(), idea_id.into(), idea_id.into(), super::comments::PUBLISHED.into()];
    let [counts, found] =
        db::batch(txn, [db::statement(backend, sql, values), idea::Entity::find_by_id(idea_id).build(backend)]).await?;
    let row = counts.first().ok_or(CoreError::NotFound("idea"))?;
    let count = |name: &str| -> CoreResult<i32> { Ok(row.try_get::<i64>("", name)? as i32) };
    let (up, down, comments) = (count("up")?, count("down")?, count("comments")?);
    let found = match found.first() {
        Some(row) => idea::Model::from_query_result(row, "")?,
        None => return Err(CoreError::NotFound("idea")),
    };
    let score = trending_score(up, down, comments, found.created_at);
    let update = idea::Entity::update_many()
        .col_expr(idea::Column::ReactionsUp, Expr::value(up))
        .col_expr(idea::Column::ReactionsDown, Expr::value(down))
        .col_expr(idea::Column::CommentsCount, Expr::value(comments))
        .col_expr(idea::Column::TrendingScore, Expr::value(score))
        .filter(idea::Column::Id.eq(idea_id))
        .build(backend);
    let saved = idea::Model {
        reactions_up: up,
        reactions_down: down,
        comments_count: comments,
        trending_score: score,
        ..found
    };
    Ok((saved, update))
}

/// The recount for callers that hold a transaction and speak `DbErr` (account erasure).
pub(crate) async fn recount_in(txn: &WriteTxn, idea_id: i32) -> Result<(), sea_orm::DbErr> {
    match recount(txn, idea_id).await {
        Ok(_) | Err(CoreError::NotFound(_)) => Ok(()),
        Err(CoreError::Database(e)) => Err(e),
        Err(e) => Err(sea_orm::DbErr::Custom(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[test]
    fn engagement_doubles_to_match_a_newer_idea() {
        let new = Utc::now();
        let old = new - Duration::days(3);
        // Three days older needs (1 + engagement) twice as large: 1 + 7 against 1 + 3.
        assert!((trending_score(7, 0, 0, old) - trending_score(3, 0, 0, new)).abs() < 1e-9);
        assert!(trending_score(0, 0, 1, new) > trending_score(1, 0, 0, new), "a comment weighs more than a like");
        assert!(trending_score(0, 3, 0, new) < trending_score(0, 0, 0, new), "dislikes lower the score");
    }
}
