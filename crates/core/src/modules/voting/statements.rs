// SPDX-License-Identifier: AGPL-3.0-only
//! The statements of a basket change and of a submission. They run inside the single writer on
//! SQLite, where every request to the connection's thread is a round trip while every other
//! writer waits, so they are built here and sent together with [`db::batch`]: the reads of a
//! change with its writes, the reads of a submission, then its writes. The basket is named by
//! its phase and voter, so a statement needs nothing from an earlier one's answer.
use std::collections::BTreeMap;

use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, JoinType, OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QueryResult, QuerySelect, QueryTrait, Statement,
};

use super::model::{ballot, basket, basket_item, phase_secret, vote_total};
use crate::db;
use crate::modules::ideas::model::idea;

/// The voter's basket, created when missing (while its phase exists), marked changed and
/// returned. The upsert takes the row lock on PostgreSQL, and the unique index on phase and
/// voter makes two racing creations end in one basket.
pub(super) fn lock_basket(backend: DbBackend, phase_id: i32, user: i32) -> Statement {
    db::statement(
        backend,
        "INSERT INTO baskets (phase_id, user_id, updated_at) SELECT ?, ?, ? \
         WHERE EXISTS (SELECT 1 FROM phases WHERE id = ?) \
         ON CONFLICT (phase_id, user_id) DO UPDATE SET updated_at = excluded.updated_at \
         RETURNING id, phase_id, user_id, submitted_seq, submitted_at, updated_at",
        vec![phase_id.into(), user.into(), Utc::now().into(), phase_id.into()],
    )
}

/// Puts `votes` votes on an idea in the voter's basket, replacing what it had on it.
pub(super) fn put_item(backend: DbBackend, phase_id: i32, user: i32, idea_id: i32, votes: i32) -> Statement {
    db::statement(
        backend,
        "INSERT INTO basket_items (basket_id, idea_id, votes) \
         SELECT id, ?, ? FROM baskets WHERE phase_id = ? AND user_id = ? \
         ON CONFLICT (basket_id, idea_id) DO UPDATE SET votes = excluded.votes",
        vec![idea_id.into(), votes.into(), phase_id.into(), user.into()],
    )
}

/// Takes an idea out of the voter's basket.
pub(super) fn remove_item(backend: DbBackend, phase_id: i32, user: i32, idea_id: i32) -> Statement {
    db::statement(
        backend,
        "DELETE FROM basket_items WHERE idea_id = ? \
         AND basket_id = (SELECT id FROM baskets WHERE phase_id = ? AND user_id = ?)",
        vec![idea_id.into(), phase_id.into(), user.into()],
    )
}

/// The voter's basket rows with their ideas, ordered by idea; read with [`contents_of`].
pub(super) fn contents_read(backend: DbBackend, phase_id: i32, user: i32) -> Statement {
    let mut select = idea::Entity::find()
        .column_as(Expr::col((basket_item::Entity, basket_item::Column::Votes)), "basket_votes")
        .filter(basket_item::Column::BasketId.in_subquery(of_basket(basket::Column::Id, phase_id, user)))
        .order_by_asc(idea::Column::Id);
    QuerySelect::query(&mut select).join(
        JoinType::InnerJoin,
        basket_item::Entity,
        Expr::col((basket_item::Entity, basket_item::Column::IdeaId)).equals((idea::Entity, idea::Column::Id)),
    );
    select.build(backend)
}

/// The rows of [`contents_read`] as the basket `basket_id`'s rows and their ideas.
pub(super) fn contents_of(
    basket_id: i32,
    found: &[QueryResult],
) -> Result<(Vec<basket_item::Model>, Vec<idea::Model>), DbErr> {
    let (mut rows, mut ideas) = (Vec::with_capacity(found.len()), Vec::with_capacity(found.len()));
    for row in found {
        let idea = idea::Model::from_query_result(row, "")?;
        rows.push(basket_item::Model { basket_id, idea_id: idea.id, votes: row.try_get("", "basket_votes")? });
        ideas.push(idea);
    }
    Ok((rows, ideas))
}

/// The voter's latest submitted ballot in the phase (no row before the first submission).
pub(super) fn latest_ballot_read(backend: DbBackend, phase_id: i32, user: i32) -> Statement {
    ballot::Entity::find()
        .filter(ballot::Column::PhaseId.eq(phase_id))
        .filter(ballot::Column::Seq.in_subquery(of_basket(basket::Column::SubmittedSeq, phase_id, user)))
        .build(backend)
}

/// `column` of the voter's basket, as a subquery.
fn of_basket(column: basket::Column, phase_id: i32, user: i32) -> SelectStatement {
    Query::select()
        .column(column)
        .from(basket::Entity)
        .and_where(basket::Column::PhaseId.eq(phase_id))
        .and_where(basket::Column::UserId.eq(user))
        .to_owned()
}

/// The one row a read returns, as `T` (`None` when there is none).
pub(super) fn one_of<T: FromQueryResult>(rows: &[QueryResult]) -> Result<Option<T>, DbErr> {
    rows.first().map(|row| T::from_query_result(row, "")).transpose()
}

/// Moves the phase's totals from the voter's `old` ballot (empty for a first submission) to
/// `new`, in one upsert: each idea by the difference of its votes, and of its voters. `None`
/// when nothing moves.
pub(super) fn move_totals(
    backend: DbBackend,
    phase_id: i32,
    old: &[(i32, i64)],
    new: &[(i32, i64)],
) -> Option<Statement> {
    let mut moves: BTreeMap<i32, (i64, i32)> = BTreeMap::new();
    for (ballot, sign) in [(old, -1), (new, 1)] {
        for (idea_id, votes) in ballot {
            let (by_votes, by_voters) = moves.entry(*idea_id).or_default();
            *by_votes += i64::from(sign) * votes;
            *by_voters += sign;
        }
    }
    moves.retain(|_, moved| *moved != (0, 0));
    if moves.is_empty() {
        return None;
    }
    // A new total starts at its move (a ballot only leaves totals it entered, so a new one
    // never moves down); an existing one moves by it. The inserted values must pass the
    // columns' checks even when the row exists, so the moves come in a CASE on the idea.
    let rows = moves.iter().map(|(idea_id, (votes, voters))| vote_total::ActiveModel {
        phase_id: Set(phase_id),
        idea_id: Set(*idea_id),
        votes: Set(Ord::max(*votes, 0)),
        voters: Set(Ord::max(*voters, 0)),
    });
    let excluded_idea = || Expr::col((Alias::new("excluded"), vote_total::Column::IdeaId));
    let (mut by_votes, mut by_voters) = (CaseStatement::new(), CaseStatement::new());
    for (idea_id, (votes, voters)) in &moves {
        by_votes = by_votes.case(excluded_idea().eq(*idea_id), Expr::val(*votes));
        by_voters = by_voters.case(excluded_idea().eq(*idea_id), Expr::val(*voters));
    }
    let moved = |column: vote_total::Column, by: CaseStatement| Expr::col((vote_total::Entity, column)).add(by);
    Some(
        vote_total::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([vote_total::Column::PhaseId, vote_total::Column::IdeaId])
                    .value(vote_total::Column::Votes, moved(vote_total::Column::Votes, by_votes))
                    .value(vote_total::Column::Voters, moved(vote_total::Column::Voters, by_voters))
                    .to_owned(),
            )
            .build(backend),
    )
}

/// The end of a phase's chain and its pseudonym secret, as one read.
pub(super) struct ChainHead {
    /// The last entry's position and hash (`None` before the first ballot).
    pub last: Option<(i32, String)>,
    /// `None` until the first ballot makes it (see [`new_phase_secret`]).
    pub secret: Option<String>,
}

#[derive(FromQueryResult)]
struct HeadRow {
    seq: Option<i32>,
    hash: Option<String>,
    secret: Option<String>,
}

/// The read of [`ChainHead`]; its rows are read with [`chain_head_of`].
pub(super) fn chain_head_read(backend: DbBackend, phase_id: i32) -> Statement {
    let sql = "SELECT last.seq AS seq, last.hash AS hash, \
               (SELECT secret FROM phase_secrets WHERE phase_id = ?) AS secret \
               FROM (SELECT 1 AS one) AS always \
               LEFT JOIN (SELECT seq, hash FROM ballot_chain WHERE phase_id = ? ORDER BY seq DESC LIMIT 1) AS last \
               ON 1 = 1";
    db::statement(backend, sql, vec![phase_id.into(), phase_id.into()])
}

pub(super) fn chain_head_of(rows: &[QueryResult]) -> Result<ChainHead, DbErr> {
    let row = one_of::<HeadRow>(rows)?.unwrap_or(HeadRow { seq: None, hash: None, secret: None });
    Ok(ChainHead { last: row.seq.zip(row.hash), secret: row.secret })
}

/// A new pseudonym secret for the phase (on its first ballot) and the statement that keeps it.
pub(super) fn new_phase_secret(backend: DbBackend, phase_id: i32) -> (String, Statement) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let row = phase_secret::ActiveModel { phase_id: Set(phase_id), secret: Set(secret.clone()) };
    (secret, phase_secret::Entity::insert(row).build(backend))
}

/// Appends a ballot to the chain.
pub(super) fn append_ballot(backend: DbBackend, entry: &ballot::Model) -> Statement {
    let row = ballot::ActiveModel {
        phase_id: Set(entry.phase_id),
        seq: Set(entry.seq),
        prev_hash: Set(entry.prev_hash.clone()),
        voter: Set(entry.voter.clone()),
        ballot: Set(entry.ballot.clone()),
        submitted_at: Set(entry.submitted_at.clone()),
        hash: Set(entry.hash.clone()),
    };
    ballot::Entity::insert(row).build(backend)
}

/// Marks the voter's basket as submitted as the chain's entry `seq`.
pub(super) fn mark_submitted(backend: DbBackend, basket_id: i32, seq: i32) -> Statement {
    basket::Entity::update_many()
        .col_expr(basket::Column::SubmittedSeq, Expr::val(seq))
        .col_expr(basket::Column::SubmittedAt, Expr::val(Utc::now()))
        .filter(basket::Column::Id.eq(basket_id))
        .build(backend)
}
