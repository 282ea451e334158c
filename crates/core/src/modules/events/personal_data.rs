// SPDX-License-Identifier: AGPL-3.0-only
//! The events a resident registered for. On account deletion the registrations go and the
//! events' counters are recounted in the same transaction, which frees the places.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::model::{event, registration};
use crate::db::WriteTxn;
use crate::modules::projects::multiloc::Multiloc;

pub(super) async fn export(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Value>, DbErr> {
    let mine = registration::Entity::find().filter(registration::Column::UserId.eq(user_id)).all(db).await?;
    if mine.is_empty() {
        return Ok(None);
    }
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(mine.iter().map(|r| r.event_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let out: Vec<Value> = mine
        .iter()
        .map(|r| {
            let e = events.iter().find(|e| e.id == r.event_id);
            json!({
                "event": r.event_id,
                "title": e.map(|e| Multiloc::parse(&e.title).0),
                "starts_at": e.map(|e| e.starts_at),
                "registered_at": r.created_at,
            })
        })
        .collect();
    Ok(Some(json!({ "registrations": out })))
}

pub(super) async fn erase(txn: &WriteTxn, user_id: i32) -> Result<(), DbErr> {
    let mine = registration::Entity::find().filter(registration::Column::UserId.eq(user_id)).all(txn).await?;
    registration::Entity::delete_many().filter(registration::Column::UserId.eq(user_id)).exec(txn).await?;
    for r in mine {
        let count =
            registration::Entity::find().filter(registration::Column::EventId.eq(r.event_id)).count(txn).await?;
        event::Entity::update_many()
            .col_expr(event::Column::Registered, Expr::value(count as i32))
            .filter(event::Column::Id.eq(r.event_id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
