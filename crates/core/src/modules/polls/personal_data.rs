// SPDX-License-Identifier: AGPL-3.0-only
//! A resident's poll answers. On account deletion they go, and the option counters they added
//! to are lowered in the same transaction, so every counter still equals its rows.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::model::{answer, option, question, response};
use crate::db::WriteTxn;
use crate::modules::projects::multiloc::Multiloc;

pub(super) async fn export(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Value>, DbErr> {
    let responses = response::Entity::find().filter(response::Column::UserId.eq(user_id)).all(db).await?;
    if responses.is_empty() {
        return Ok(None);
    }
    let answers = answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(responses.iter().map(|r| r.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let options = option::Entity::find()
        .filter(option::Column::Id.is_in(answers.iter().map(|a| a.option_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let questions = question::Entity::find()
        .filter(question::Column::Id.is_in(options.iter().map(|o| o.question_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let out: Vec<Value> = responses
        .iter()
        .map(|r| {
            let chosen: Vec<Value> = answers
                .iter()
                .filter(|a| a.response_id == r.id)
                .filter_map(|a| options.iter().find(|o| o.id == a.option_id))
                .map(|o| {
                    let q = questions.iter().find(|q| q.id == o.question_id);
                    json!({
                        "question": q.map(|q| Multiloc::parse(&q.title).0),
                        "option": Multiloc::parse(&o.title).0,
                    })
                })
                .collect();
            json!({ "phase": r.phase_id, "answered_at": r.created_at, "answers": chosen })
        })
        .collect();
    Ok(Some(json!({ "responses": out })))
}

pub(super) async fn erase(txn: &WriteTxn, user_id: i32) -> Result<(), DbErr> {
    let responses = response::Entity::find().filter(response::Column::UserId.eq(user_id)).all(txn).await?;
    let ids: Vec<i32> = responses.iter().map(|r| r.id).collect();
    let answers = answer::Entity::find().filter(answer::Column::ResponseId.is_in(ids.clone())).all(txn).await?;
    for a in &answers {
        option::Entity::update_many()
            .col_expr(option::Column::Votes, Expr::col(option::Column::Votes).sub(1))
            .filter(option::Column::Id.eq(a.option_id))
            .exec(txn)
            .await?;
    }
    response::Entity::delete_many().filter(response::Column::Id.is_in(ids)).exec(txn).await?;
    Ok(())
}
