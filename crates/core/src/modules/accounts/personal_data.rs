// SPDX-License-Identifier: AGPL-3.0-only
//! GDPR: everything stored about a user as one JSON document, and deleting the account. Every
//! module contributes through `Module::export_personal_data` and `Module::erase_personal_data`.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Map, Value, json};

use super::model::{audit, role, token, user};
use super::password;
use crate::db::WriteTxn;
use crate::{Actor, CoreError, CoreResult, Erasure, Platform, db};

/// Shown instead of a deleted user in the audit log.
pub const DELETED_USER: &str = "deleted user";

impl Platform {
    /// The signed-in user's data from every module.
    pub async fn export_my_data(&self, actor: &Actor) -> CoreResult<Value> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let mut modules = Map::new();
        for module in self.registry().modules() {
            if let Some(data) = module.export_personal_data(self.db(), id).await? {
                modules.insert(module.id().to_owned(), data);
            }
        }
        Ok(json!({
            "format": "townhall-personal-data/1",
            "exported_at": Utc::now(),
            "platform": self.base_url(),
            "data": modules,
        }))
    }

    /// Deletes the signed-in user's account after checking the password. Personal data goes;
    /// content is deleted or kept without the author, as the user chose.
    pub async fn delete_my_account(&self, actor: &Actor, password_text: &str, mode: Erasure) -> CoreResult<()> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let found = user::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotSignedIn)?;
        if !password::verify(password_text, &found.password_hash).await {
            return Err(CoreError::Field { field: "password", code: "password_wrong" });
        }
        let txn = db::begin_write(self.db()).await?;
        // Modules registered later may point at earlier ones' rows: erase them first.
        for module in self.registry().modules().iter().rev() {
            module.erase_personal_data(&txn, id, mode).await?;
        }
        txn.commit().await?;
        self.forget_file(found.avatar).await;
        tracing::info!(user = id, ?mode, "account deleted");
        Ok(())
    }
}

pub(super) async fn export(db: &DatabaseConnection, id: i32) -> Result<Option<Value>, DbErr> {
    let Some(u) = user::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let roles = role::Entity::find().filter(role::Column::UserId.eq(id)).all(db).await?;
    let tokens =
        token::Entity::find().filter(token::Column::UserId.eq(id)).order_by_asc(token::Column::Id).all(db).await?;
    let about = Condition::any().add(audit::Column::ActorId.eq(id)).add(
        Condition::all().add(audit::Column::TargetType.eq("user")).add(audit::Column::TargetId.eq(id.to_string())),
    );
    let audit = audit::Entity::find().filter(about).order_by_asc(audit::Column::Id).all(db).await?;
    Ok(Some(json!({
        "profile": {
            "id": u.id, "email": u.email, "email_confirmed_at": u.email_confirmed_at,
            "display_name": u.display_name, "first_name": u.first_name, "last_name": u.last_name,
            "bio": u.bio, "avatar": u.avatar, "locale": u.locale,
            "blocked_at": u.blocked_at, "blocked_reason": u.blocked_reason, "blocked_until": u.blocked_until,
            "created_at": u.created_at, "updated_at": u.updated_at,
        },
        "roles": roles.iter().map(|r| json!({ "role": r.role, "scope": r.scope, "since": r.created_at })).collect::<Vec<_>>(),
        "links_sent": tokens.iter().map(|t| json!({
            "purpose": t.purpose, "created_at": t.created_at, "expires_at": t.expires_at, "used_at": t.used_at,
        })).collect::<Vec<_>>(),
        "audit_entries": audit.iter().map(|a| json!({
            "at": a.created_at, "actor": a.actor_label, "action": a.action,
            "target": format!("{} {}", a.target_type, a.target_id.clone().unwrap_or_default()).trim(),
            "details": serde_json::from_str::<Value>(&a.details).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
    })))
}

pub(super) async fn erase(txn: &WriteTxn, id: i32) -> Result<(), DbErr> {
    // The audit log keeps what happened, without who it happened to or by.
    audit::Entity::update_many()
        .col_expr(audit::Column::ActorLabel, Expr::value(DELETED_USER))
        .filter(audit::Column::ActorId.eq(id))
        .exec(txn)
        .await?;
    audit::Entity::update_many()
        .col_expr(audit::Column::Details, Expr::value("{}"))
        .col_expr(audit::Column::TargetId, Expr::value(Option::<String>::None))
        .filter(audit::Column::TargetType.eq("user"))
        .filter(audit::Column::TargetId.eq(id.to_string()))
        .exec(txn)
        .await?;
    // Roles and tokens go with the row (ON DELETE CASCADE); audit actor ids become NULL.
    user::Entity::delete_by_id(id).exec(txn).await?;
    Ok(())
}
