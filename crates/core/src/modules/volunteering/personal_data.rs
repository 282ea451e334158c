// SPDX-License-Identifier: AGPL-3.0-only
//! The causes a resident volunteers for. On account deletion they withdraw, and the causes'
//! counters are recounted in the same transaction.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::model::{cause, volunteer};
use crate::db::WriteTxn;
use crate::modules::projects::multiloc::Multiloc;

pub(super) async fn export(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Value>, DbErr> {
    let mine = volunteer::Entity::find().filter(volunteer::Column::UserId.eq(user_id)).all(db).await?;
    if mine.is_empty() {
        return Ok(None);
    }
    let causes = cause::Entity::find()
        .filter(cause::Column::Id.is_in(mine.iter().map(|v| v.cause_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let out: Vec<Value> = mine
        .iter()
        .map(|v| {
            let c = causes.iter().find(|c| c.id == v.cause_id);
            json!({ "cause": v.cause_id, "title": c.map(|c| Multiloc::parse(&c.title).0), "since": v.created_at })
        })
        .collect();
    Ok(Some(json!({ "volunteering": out })))
}

pub(super) async fn erase(txn: &WriteTxn, user_id: i32) -> Result<(), DbErr> {
    let mine = volunteer::Entity::find().filter(volunteer::Column::UserId.eq(user_id)).all(txn).await?;
    volunteer::Entity::delete_many().filter(volunteer::Column::UserId.eq(user_id)).exec(txn).await?;
    for v in mine {
        let count = volunteer::Entity::find().filter(volunteer::Column::CauseId.eq(v.cause_id)).count(txn).await?;
        cause::Entity::update_many()
            .col_expr(cause::Column::Volunteers, Expr::value(count as i32))
            .filter(cause::Column::Id.eq(v.cause_id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
