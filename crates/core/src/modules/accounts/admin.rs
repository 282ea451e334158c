// SPDX-License-Identifier: AGPL-3.0-only
//! What administrators do with accounts, and how the first administrator comes to be.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;

use super::audit;
use super::model::{role, user};
use super::password;
use super::register::{check_display_name, normalize_email};
use super::tokens::{self, Purpose};
use crate::actor::ADMIN;
use crate::i18n::DEFAULT_LOCALE;
use crate::{Actor, CoreError, CoreResult, Platform, db};

/// A page of users for the back office.
#[derive(Debug, Clone)]
pub struct UserPage {
    pub users: Vec<(user::Model, bool)>,
    pub next: Option<i32>,
    pub total: u64,
}

/// Why and until when a user is blocked.
#[derive(Debug, Clone)]
pub struct Block {
    pub reason: String,
    pub until: Option<DateTime<Utc>>,
}

impl Platform {
    /// Users by id, optionally searched by e-mail or name; `is_admin` beside each.
    pub async fn users(
        &self,
        actor: &Actor,
        search: Option<&str>,
        first: u64,
        after: Option<i32>,
    ) -> CoreResult<UserPage> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let first = first.clamp(1, 100);
        let mut filter = Condition::all();
        if let Some(term) = search.map(str::trim).filter(|t| !t.is_empty()) {
            let pattern = format!("%{}%", term.to_lowercase().replace('%', "\\%").replace('_', "\\_"));
            filter = filter.add(
                Condition::any()
                    .add(user::Column::Email.like(pattern.clone()))
                    .add(Expr::expr(Func::lower(Expr::col(user::Column::DisplayName))).like(pattern)),
            );
        }
        let total = user::Entity::find().filter(filter.clone()).count(self.db()).await?;
        let mut query = user::Entity::find().filter(filter).order_by_asc(user::Column::Id).limit(first + 1);
        if let Some(after) = after {
            query = query.filter(user::Column::Id.gt(after));
        }
        let mut users = query.all(self.db()).await?;
        let next = if users.len() as u64 > first {
            users.truncate(first as usize);
            users.last().map(|u| u.id)
        } else {
            None
        };
        let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
        let admins: Vec<i32> = role::Entity::find()
            .filter(role::Column::UserId.is_in(ids))
            .filter(role::Column::Role.eq(ADMIN))
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        let users = users.into_iter().map(|u| {
            let admin = admins.contains(&u.id);
            (u, admin)
        });
        Ok(UserPage { users: users.collect(), next, total })
    }

    pub async fn block_user(&self, actor: &Actor, id: i32, block: Block) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        if actor.user_id() == Some(id) {
            return Err(CoreError::Invalid { field: "id".into(), message: "you cannot block yourself".into() });
        }
        let reason = block.reason.trim().to_owned();
        if reason.is_empty() {
            return Err(CoreError::Field { field: "reason", code: "reason_required" });
        }
        let txn = db::begin_write(self.db()).await?;
        let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("user"))?;
        let version = found.session_version + 1;
        let mut active: user::ActiveModel = found.into();
        active.blocked_at = Set(Some(Utc::now()));
        active.blocked_reason = Set(Some(reason.clone()));
        active.blocked_until = Set(block.until);
        // Ends every session of the blocked user at once.
        active.session_version = Set(version);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        audit::record(
            &txn,
            actor,
            "user.block",
            "user",
            Some(id.to_string()),
            json!({ "reason": reason, "until": block.until }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn unblock_user(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let txn = db::begin_write(self.db()).await?;
        let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("user"))?;
        let mut active: user::ActiveModel = found.into();
        active.blocked_at = Set(None);
        active.blocked_reason = Set(None);
        active.blocked_until = Set(None);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        audit::record(&txn, actor, "user.unblock", "user", Some(id.to_string()), json!({})).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Grants or revokes the administrator role. An administrator cannot revoke their own.
    pub async fn set_admin(&self, actor: &Actor, id: i32, admin: bool) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        if !admin && actor.user_id() == Some(id) {
            return Err(CoreError::Invalid {
                field: "id".into(),
                message: "you cannot revoke your own administrator role".into(),
            });
        }
        let txn = db::begin_write(self.db()).await?;
        user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("user"))?;
        if admin {
            grant(&txn, id, ADMIN).await?;
        } else {
            role::Entity::delete_many()
                .filter(role::Column::UserId.eq(id))
                .filter(role::Column::Role.eq(ADMIN))
                .exec(&txn)
                .await?;
        }
        let action = if admin { "user.grant_admin" } else { "user.revoke_admin" };
        audit::record(&txn, actor, action, "user", Some(id.to_string()), json!({})).await?;
        if admin {
            let notice = crate::modules::notifications::Notice {
                kind: "rights_received",
                link: "/admin".to_owned(),
                values: vec![("role", "admin".to_owned()), ("project", String::new())],
            };
            self.notify(&txn, actor, [id], &notice).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Whether any administrator exists.
    pub async fn has_admin(&self) -> CoreResult<bool> {
        Ok(role::Entity::find().filter(role::Column::Role.eq(ADMIN)).one(self.db()).await?.is_some())
    }

    /// A one-time link to create the first administrator, while there is none.
    pub async fn first_admin_setup_link(&self) -> CoreResult<Option<String>> {
        if self.has_admin().await? {
            return Ok(None);
        }
        let txn = db::begin_write(self.db()).await?;
        tokens::revoke_setup(&txn).await?;
        let secret = tokens::issue(&txn, None, Purpose::SetupAdmin, None).await?;
        txn.commit().await?;
        Ok(Some(format!("{}/setup?token={secret}", self.base_url())))
    }

    /// Whether a setup link is usable (for the setup page).
    pub async fn setup_link_valid(&self, secret: &str) -> CoreResult<bool> {
        Ok(!self.has_admin().await? && tokens::peek(self.db(), Purpose::SetupAdmin, secret).await.is_ok())
    }

    /// Creates the first administrator from the setup link (confirmed, since the operator set it up).
    pub async fn complete_setup(
        &self,
        secret: &str,
        email: &str,
        display_name: &str,
        password: &str,
    ) -> CoreResult<i32> {
        if !self.setup_link_valid(secret).await? {
            return Err(CoreError::TokenInvalid);
        }
        let id = self.create_admin(&Actor::Operator, email, display_name, password, Some(secret)).await?;
        Ok(id)
    }

    /// Creates an administrator, or makes an existing account one (its password unchanged).
    /// From the CLI the actor is the operator; `setup_secret` consumes a setup link in the same
    /// transaction.
    pub async fn create_admin(
        &self,
        actor: &Actor,
        email: &str,
        display_name: &str,
        new_password: &str,
        setup_secret: Option<&str>,
    ) -> CoreResult<i32> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let email = normalize_email(email)?;
        let existing = user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(self.db()).await?;
        let hash = match &existing {
            Some(_) => None,
            None => {
                let name = check_display_name(display_name)?;
                password::check(new_password, &[&email, &name])?;
                Some((password::hash(new_password).await?, name))
            }
        };
        let txn = db::begin_write(self.db()).await?;
        if let Some(secret) = setup_secret {
            tokens::consume(&txn, Purpose::SetupAdmin, secret).await?;
        }
        let id = match (existing, hash) {
            (Some(found), _) => found.id,
            (None, Some((hash, name))) => {
                let now = Utc::now();
                user::Entity::insert(user::ActiveModel {
                    email: Set(email.clone()),
                    email_confirmed_at: Set(Some(now)),
                    password_hash: Set(hash),
                    display_name: Set(name),
                    locale: Set(DEFAULT_LOCALE.to_owned()),
                    session_version: Set(0),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .exec(&txn)
                .await?
                .last_insert_id
            }
            (None, None) => return Err(CoreError::NotFound("user")),
        };
        grant(&txn, id, ADMIN).await?;
        audit::record(&txn, actor, "user.grant_admin", "user", Some(id.to_string()), json!({ "email": email })).await?;
        txn.commit().await?;
        Ok(id)
    }
}

async fn grant<C: sea_orm::ConnectionTrait>(db: &C, user_id: i32, name: &str) -> CoreResult<()> {
    role::Entity::insert(role::ActiveModel {
        user_id: Set(user_id),
        role: Set(name.to_owned()),
        scope: Set(String::new()),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([role::Column::UserId, role::Column::Role, role::Column::Scope])
    .exec(db)
    .await?;
    Ok(())
}

impl Platform {
    /// One user and whether they are an administrator, for the back office.
    pub async fn user_for_admin(&self, actor: &Actor, id: i32) -> CoreResult<(user::Model, bool)> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let found = user::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("user"))?;
        let admin = role::Entity::find()
            .filter(role::Column::UserId.eq(id))
            .filter(role::Column::Role.eq(ADMIN))
            .one(self.db())
            .await?
            .is_some();
        Ok((found, admin))
    }

    /// One user by id (public fields are chosen by the caller).
    pub async fn user_by_id(&self, id: i32) -> CoreResult<Option<user::Model>> {
        Ok(user::Entity::find_by_id(id).one(self.db()).await?)
    }
}
