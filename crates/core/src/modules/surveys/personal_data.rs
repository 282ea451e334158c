// SPDX-License-Identifier: AGPL-3.0-only
//! A resident's survey responses. On account deletion they stay in the results without the
//! link to the account, like an anonymous response.
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::model::{answer, question, response};
use super::questions::SurveyQuestion;
use crate::db::WriteTxn;
use crate::modules::projects::multiloc::Multiloc;

pub(super) async fn export(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Value>, DbErr> {
    let responses = response::Entity::find().filter(response::Column::UserId.eq(user_id)).all(db).await?;
    if responses.is_empty() {
        return Ok(None);
    }
    let answers = answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(responses.iter().map(|r| r.id).collect::<Vec<_>>()))
        .order_by_asc(answer::Column::Id)
        .all(db)
        .await?;
    let models = question::Entity::find()
        .filter(question::Column::Id.is_in(answers.iter().map(|a| a.question_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let questions = SurveyQuestion::read_all(models);
    let out: Vec<Value> = responses
        .iter()
        .map(|r| {
            let given: Vec<Value> = answers
                .iter()
                .filter(|a| a.response_id == r.id)
                .map(|a| {
                    let q = questions.iter().find(|q| q.model.id == a.question_id);
                    let option = q.and_then(|q| a.choice.and_then(|c| q.config.options.get(c as usize)));
                    json!({
                        "question": q.map(|q| Multiloc::parse(&q.model.title).0),
                        "row": q.and_then(|q| q.config.rows.get(a.row_index as usize)).map(|r| r.0.clone()),
                        "option": option.map(|o| o.0.clone()),
                        "value": a.choice, "number": a.number, "text": a.text,
                    })
                })
                .collect();
            json!({ "phase": r.phase_id, "submitted_at": r.created_at, "answers": given })
        })
        .collect();
    Ok(Some(json!({ "responses": out })))
}

pub(super) async fn erase(txn: &WriteTxn, user_id: i32) -> Result<(), DbErr> {
    response::Entity::update_many()
        .col_expr(response::Column::UserId, Expr::value(Option::<i32>::None))
        .filter(response::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}
