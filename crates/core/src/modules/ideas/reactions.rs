// SPDX-License-Identifier: AGPL-3.0-only
//! Up and down reactions: one per user per idea (the primary key), switchable, with the idea's
//! counters recounted in the same transaction while the idea row is locked.
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::counters::recounted;
use super::model::{idea, reaction};
use crate::modules::ideas::REACTING_IDEA;
use crate::modules::projects::model::phase;
use crate::permissions::Denial;
use crate::{Actor, CoreError, CoreResult, Platform};

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum ReactionMode {
    Up,
    Down,
}

impl ReactionMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReactionMode::Up => "up",
            ReactionMode::Down => "down",
        }
    }
}

/// Whether the phase's settings allow down reactions (`{"dislikes": true}`); off by default.
pub fn dislikes_allowed(found: &phase::Model) -> bool {
    serde_json::from_str::<serde_json::Value>(&found.settings)
        .ok()
        .and_then(|s| s["dislikes"].as_bool())
        .unwrap_or(false)
}

impl Platform {
    /// Reacts to an idea, or switches the reaction; the same reaction twice changes nothing.
    pub async fn react(&self, actor: &Actor, idea_id: i32, mode: ReactionMode) -> CoreResult<idea::Model> {
        let target = self.idea_by_id(actor, idea_id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        let found = self.phase_by_id(target.phase_id).await?;
        self.require_permission(actor, REACTING_IDEA, &found).await?;
        if mode == ReactionMode::Down && !dislikes_allowed(&found) {
            return Err(CoreError::Denied(Denial::MethodDisallows));
        }
        let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let txn = self.lock_idea(idea_id).await?;
        reaction::Entity::insert(reaction::ActiveModel {
            idea_id: Set(idea_id),
            user_id: Set(user_id),
            mode: Set(mode.as_str().to_owned()),
            created_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::columns([reaction::Column::IdeaId, reaction::Column::UserId])
                .update_column(reaction::Column::Mode)
                .to_owned(),
        )
        .exec(&txn)
        .await?;
        let (saved, update) = recounted(&txn, idea_id).await?;
        txn.commit_with(vec![update]).await?;
        Ok(saved)
    }

    pub async fn remove_reaction(&self, actor: &Actor, idea_id: i32) -> CoreResult<idea::Model> {
        let target = self.idea_by_id(actor, idea_id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        self.require_permission(actor, REACTING_IDEA, &self.phase_by_id(target.phase_id).await?).await?;
        let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let txn = self.lock_idea(idea_id).await?;
        reaction::Entity::delete_many()
            .filter(reaction::Column::IdeaId.eq(idea_id))
            .filter(reaction::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        let (saved, update) = recounted(&txn, idea_id).await?;
        txn.commit_with(vec![update]).await?;
        Ok(saved)
    }

    /// The actor's reaction to each of `ideas` (one query for a whole list).
    pub async fn my_reactions(&self, actor: &Actor, ideas: &[i32]) -> CoreResult<Vec<(i32, String)>> {
        let Some(user_id) = actor.user_id() else { return Ok(Vec::new()) };
        if ideas.is_empty() {
            return Ok(Vec::new());
        }
        let rows = reaction::Entity::find()
            .filter(reaction::Column::UserId.eq(user_id))
            .filter(reaction::Column::IdeaId.is_in(ideas.to_vec()))
            .all(self.db())
            .await?;
        Ok(rows.into_iter().map(|r| (r.idea_id, r.mode)).collect())
    }
}
