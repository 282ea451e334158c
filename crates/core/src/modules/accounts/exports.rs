// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts' export: the users, with their e-mail addresses (administrators who confirm).
use async_trait::async_trait;
use sea_orm::{Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_id, next, opt, time};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::accounts::model::user;
use crate::{CoreResult, Platform};

/// Every account, for administrators who confirm they need the personal data.
pub struct Users;

#[async_trait]
impl ExportSource for Users {
    fn id(&self) -> &'static str {
        "users"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec!["id", "name", "email", "locale", "confirmed_at", "created_at", "blocked_at"]
    }

    fn has_personal_data(&self) -> bool {
        true
    }

    fn people_register(&self) -> bool {
        true
    }

    fn condition(&self, _scope: Scope<'_>) -> Condition {
        Condition::all()
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(user::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, _scope: Scope<'_>, _c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        users(p, cursor).await
    }
}

async fn users(p: &Platform, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = user::Entity::find()
        .filter(after_id(user::Column::Id, cursor))
        .order_by_asc(user::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let rows = list
        .iter()
        .map(|u| {
            vec![
                u.id.to_string(),
                u.display_name.clone(),
                u.email.clone(),
                u.locale.clone(),
                opt(u.email_confirmed_at.map(time)),
                time(u.created_at),
                opt(u.blocked_at.map(time)),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|u| Cursor::After(u.id)))))
}
