// SPDX-License-Identifier: AGPL-3.0-only
//! The reads and writes of a basket change and a submission, each in one statement. They run
//! inside the single writer on SQLite, where every statement is a round trip to the
//! connection's thread while every other writer waits: the fewer, the more ballots a second.
use std::collections::BTreeMap;

use rand::RngCore;
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, JoinType, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

use super::model::{basket_item, phase_secret, vote_total};
use crate::modules::ideas::model::idea;
use crate::{CoreResult, db};

/// A basket's rows and their ideas, read on `conn` (inside the change's transaction), in one
/// statement: the ideas joined with the rows, ordered by idea.
pub(super) async fn contents(
    conn: &impl ConnectionTrait,
    basket_id: i32,
) -> CoreResult<(Vec<basket_item::Model>, Vec<idea::Model>)> {
    let mut select = idea::Entity::find()
        .column_as(Expr::col((basket_item::Entity, basket_item::Column::Votes)), "basket_votes")
        .filter(basket_item::Column::BasketId.eq(basket_id))
        .order_by_asc(idea::Column::Id);
    QuerySelect::query(&mut select).join(
        JoinType::InnerJoin,
        basket_item::Entity,
        Expr::col((basket_item::Entity, basket_item::Column::IdeaId)).equals((idea::Entity, idea::Column::Id)),
    );
    let found = conn.query_all_raw(select.build(conn.get_database_backend())).await?;
    let (mut rows, mut ideas) = (Vec::with_capacity(found.len()), Vec::with_capacity(found.len()));
    for row in found {
        let idea = idea::Model::from_query_result(&row, "")?;
        rows.push(basket_item::Model { basket_id, idea_id: idea.id, votes: row.try_get("", "basket_votes")? });
        ideas.push(idea);
    }
    Ok((rows, ideas))
}

/// Moves the phase's totals from the voter's `old` ballot (empty for a first submission) to
/// `new`, in one upsert: each idea by the difference of its votes, and of its voters.
pub(super) async fn move_totals(
    txn: &DatabaseTransaction,
    phase_id: i32,
    old: &[(i32, i64)],
    new: &[(i32, i64)],
) -> CoreResult<()> {
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
        return Ok(());
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
    vote_total::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([vote_total::Column::PhaseId, vote_total::Column::IdeaId])
                .value(vote_total::Column::Votes, moved(vote_total::Column::Votes, by_votes))
                .value(vote_total::Column::Voters, moved(vote_total::Column::Voters, by_voters))
                .to_owned(),
        )
        .exec(txn)
        .await?;
    Ok(())
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

pub(super) async fn chain_head(txn: &DatabaseTransaction, phase_id: i32) -> Result<ChainHead, DbErr> {
    let backend = txn.get_database_backend();
    let sql = "SELECT last.seq AS seq, last.hash AS hash, \
               (SELECT secret FROM phase_secrets WHERE phase_id = ?) AS secret \
               FROM (SELECT 1 AS one) AS always \
               LEFT JOIN (SELECT seq, hash FROM ballot_chain WHERE phase_id = ? ORDER BY seq DESC LIMIT 1) AS last \
               ON 1 = 1";
    let row = HeadRow::find_by_statement(db::statement(backend, sql, vec![phase_id.into(), phase_id.into()]))
        .one(txn)
        .await?;
    let row = row.unwrap_or(HeadRow { seq: None, hash: None, secret: None });
    Ok(ChainHead { last: row.seq.zip(row.hash), secret: row.secret })
}

/// Makes the phase's pseudonym secret (on its first ballot).
pub(super) async fn new_phase_secret(txn: &DatabaseTransaction, phase_id: i32) -> Result<String, DbErr> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    phase_secret::ActiveModel { phase_id: Set(phase_id), secret: Set(secret.clone()) }.insert(txn).await?;
    Ok(secret)
}
