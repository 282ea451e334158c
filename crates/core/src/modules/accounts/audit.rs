// SPDX-License-Identifier: AGPL-3.0-only
//! The audit log: who did what, on what, when. Written in the same transaction as the change.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;

use super::model::audit;
use crate::{Actor, CoreError, CoreResult, Platform};

pub use audit::Model as AuditEntry;

/// Records an action by `actor` on `target_type`/`target_id`.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: &str,
    target_type: &str,
    target_id: Option<String>,
    details: Value,
) -> CoreResult<()> {
    audit::Entity::insert(audit::ActiveModel {
        actor_id: Set(actor.user_id()),
        actor_label: Set(actor.label()),
        action: Set(action.to_owned()),
        target_type: Set(target_type.to_owned()),
        target_id: Set(target_id),
        details: Set(details.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `after` for the next page.
    pub next: Option<i32>,
}

impl Platform {
    /// Administrators read the log newest first, `first` at a time (at most 100).
    pub async fn audit_log(&self, actor: &Actor, first: u64, after: Option<i32>) -> CoreResult<AuditPage> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let first = first.clamp(1, 100);
        let mut query = audit::Entity::find().order_by_desc(audit::Column::Id).limit(first + 1);
        if let Some(after) = after {
            query = query.filter(audit::Column::Id.lt(after));
        }
        let mut entries = query.all(self.db()).await?;
        let next = if entries.len() as u64 > first {
            entries.truncate(first as usize);
            entries.last().map(|e| e.id)
        } else {
            None
        };
        Ok(AuditPage { entries, next })
    }
}
