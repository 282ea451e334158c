// SPDX-License-Identifier: AGPL-3.0-only
//! A voter's data: their baskets, with the receipt of the submission that counts. On account
//! deletion the baskets go, while the submitted ballots stay counted in the published chain
//! under their pseudonym, which nobody can link back to the deleted account.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::model::{ballot, basket, basket_item};
use crate::db::WriteTxn;

pub(super) async fn export(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Value>, DbErr> {
    let baskets = basket::Entity::find().filter(basket::Column::UserId.eq(user_id)).all(db).await?;
    if baskets.is_empty() {
        return Ok(None);
    }
    let items = basket_item::Entity::find()
        .filter(basket_item::Column::BasketId.is_in(baskets.iter().map(|b| b.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let mut out = Vec::new();
    for b in &baskets {
        let receipt = match b.submitted_seq {
            Some(seq) => ballot::Entity::find_by_id((b.phase_id, seq)).one(db).await?.map(|e| e.hash),
            None => None,
        };
        let chosen: Vec<Value> = items
            .iter()
            .filter(|i| i.basket_id == b.id)
            .map(|i| json!({ "idea": i.idea_id, "votes": i.votes }))
            .collect();
        out.push(json!({
            "phase": b.phase_id, "items": chosen, "submitted_at": b.submitted_at, "receipt": receipt,
        }));
    }
    Ok(Some(json!({ "baskets": out })))
}

pub(super) async fn erase(txn: &WriteTxn, user_id: i32) -> Result<(), DbErr> {
    // Items go with their basket (foreign key); the totals keep the submitted ballots.
    basket::Entity::delete_many().filter(basket::Column::UserId.eq(user_id)).exec(txn).await?;
    Ok(())
}
