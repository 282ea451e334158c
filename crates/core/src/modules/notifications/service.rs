// SPDX-License-Identifier: AGPL-3.0-only
//! A resident's notifications: the list, the unread count, marking read, the preferences per
//! kind, and unsubscribing from an e-mail's link without signing in.
use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::model::{notification, preference};
use super::notify::{KINDS, unsubscribe_message};
use crate::{Actor, CoreError, CoreResult, Platform, db};

#[derive(Debug, Clone, Default)]
pub struct NotificationPage {
    pub items: Vec<notification::Model>,
    /// Pass as `after` for the next page.
    pub next: Option<i32>,
}

/// What a resident chose for one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preference {
    pub kind: &'static str,
    pub in_app: bool,
    pub email: bool,
}

impl Platform {
    pub async fn notifications(&self, actor: &Actor, first: u64, after: Option<i32>) -> CoreResult<NotificationPage> {
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let first = first.clamp(1, 100);
        let mut query = notification::Entity::find().filter(notification::Column::UserId.eq(user));
        if let Some(after) = after {
            query = query.filter(notification::Column::Id.lt(after));
        }
        let mut items = query.order_by_desc(notification::Column::Id).limit(first + 1).all(self.db()).await?;
        let more = items.len() as u64 > first;
        items.truncate(first as usize);
        let next = if more { items.last().map(|n| n.id) } else { None };
        Ok(NotificationPage { items, next })
    }

    /// A notification's text in `locale`, written from its stored values.
    pub fn notification_text(&self, locale: &str, kind: &str, values: &serde_json::Value) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        if let Some(map) = values.as_object() {
            for (k, v) in map {
                args.set(k.clone(), v.as_str().unwrap_or_default().to_owned());
            }
        }
        self.i18n().text(locale, &format!("notification-{kind}"), Some(&args))
    }

    /// Marks one of the asker's notifications read and returns where it leads.
    pub async fn open_notification(&self, actor: &Actor, id: i32) -> CoreResult<String> {
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let found = notification::Entity::find_by_id(id)
            .filter(notification::Column::UserId.eq(user))
            .one(self.db())
            .await?
            .ok_or(CoreError::NotFound("notification"))?;
        self.mark_notifications_read(actor, Some(&[id])).await?;
        Ok(found.link)
    }

    pub async fn unread_notification_count(&self, actor: &Actor) -> CoreResult<u64> {
        let Some(user) = actor.user_id() else { return Ok(0) };
        Ok(notification::Entity::find()
            .filter(notification::Column::UserId.eq(user))
            .filter(notification::Column::ReadAt.is_null())
            .count(self.db())
            .await?)
    }

    /// Marks some (or, with `None`, all) of the asker's notifications read.
    pub async fn mark_notifications_read(&self, actor: &Actor, ids: Option<&[i32]>) -> CoreResult<()> {
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let mut update = notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
            .filter(notification::Column::UserId.eq(user))
            .filter(notification::Column::ReadAt.is_null());
        if let Some(ids) = ids {
            update = update.filter(notification::Column::Id.is_in(ids.to_vec()));
        }
        let txn = crate::db::begin_write(self.db()).await?;
        update.exec(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn notification_preferences(&self, actor: &Actor) -> CoreResult<Vec<Preference>> {
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let stored = preference::Entity::find().filter(preference::Column::UserId.eq(user)).all(self.db()).await?;
        Ok(KINDS
            .iter()
            .map(|kind| {
                let found = stored.iter().find(|p| p.kind == *kind);
                Preference { kind, in_app: found.is_none_or(|p| p.in_app), email: found.is_none_or(|p| p.email) }
            })
            .collect())
    }

    /// Changes the asker's choices for the kinds given; unknown kinds are refused.
    pub async fn update_notification_preferences(
        &self,
        actor: &Actor,
        changes: &[(String, bool, bool)],
    ) -> CoreResult<()> {
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        if changes.iter().any(|(kind, _, _)| !KINDS.contains(&kind.as_str())) {
            return Err(CoreError::Field { field: "kind", code: "notification_kind_unknown" });
        }
        let txn = db::begin_write(self.db()).await?;
        for (kind, in_app, email) in changes {
            store_preference(&txn, user, kind, Some(*in_app), Some(*email)).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Stops e-mails of `kind` for `user`, from a signed link (no session needed).
    /// Whether an unsubscribe link is one this platform signed.
    pub fn unsubscribe_link_valid(&self, user: i32, kind: &str, signature: &str) -> bool {
        KINDS.contains(&kind) && self.sessions().check("unsubscribe", &unsubscribe_message(user, kind), signature)
    }

    pub async fn unsubscribe(&self, user: i32, kind: &str, signature: &str) -> CoreResult<()> {
        if !self.unsubscribe_link_valid(user, kind, signature) {
            return Err(CoreError::TokenInvalid);
        }
        let txn = db::begin_write(self.db()).await?;
        store_preference(&txn, user, kind, None, Some(false)).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Writes one choice; `None` keeps what was there (or the default, on).
async fn store_preference(
    txn: &crate::db::WriteTxn,
    user: i32,
    kind: &str,
    in_app: Option<bool>,
    email: Option<bool>,
) -> CoreResult<()> {
    let current = preference::Entity::find_by_id((user, kind.to_owned())).one(txn).await?;
    let row = preference::ActiveModel {
        user_id: sea_orm::ActiveValue::Set(user),
        kind: sea_orm::ActiveValue::Set(kind.to_owned()),
        in_app: sea_orm::ActiveValue::Set(in_app.unwrap_or(current.as_ref().is_none_or(|c| c.in_app))),
        email: sea_orm::ActiveValue::Set(email.unwrap_or(current.as_ref().is_none_or(|c| c.email))),
    };
    preference::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([preference::Column::UserId, preference::Column::Kind])
                .update_columns([preference::Column::InApp, preference::Column::Email])
                .to_owned(),
        )
        .exec(txn)
        .await?;
    Ok(())
}
