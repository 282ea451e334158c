// SPDX-License-Identifier: AGPL-3.0-only
//! Following ideas and projects. Posting an idea or commenting on one follows it; the
//! notifications that use these rows come with issue #6.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::model::follow;
use crate::db::WriteTxn;
use crate::modules::projects::can_see;
use crate::permissions::Denial;
use crate::{Actor, CoreError, CoreResult, Platform, db};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, async_graphql::Enum)]
pub enum FollowTarget {
    Idea,
    Project,
}

impl FollowTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowTarget::Idea => "idea",
            FollowTarget::Project => "project",
        }
    }
}

/// Records a follow inside a caller's transaction; following twice is one follow.
pub(super) async fn follow_in(
    txn: &WriteTxn,
    user_id: i32,
    target: FollowTarget,
    id: i32,
) -> Result<(), sea_orm::DbErr> {
    follow::Entity::insert(follow::ActiveModel {
        user_id: Set(user_id),
        target_type: Set(target.as_str().to_owned()),
        target_id: Set(id),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing()
    .exec(txn)
    .await?;
    Ok(())
}

impl Platform {
    /// Following is open to every signed-in resident who can see the target.
    async fn check_followable(&self, actor: &Actor, target: FollowTarget, id: i32) -> CoreResult<i32> {
        let visible = match target {
            FollowTarget::Idea => self.idea_by_id(actor, id).await?.is_some(),
            FollowTarget::Project => self.snapshot().await?.project(id).is_some_and(|p| can_see(actor, p)),
        };
        if !visible {
            return Err(CoreError::NotFound(target.as_str()));
        }
        actor.user_id().ok_or(CoreError::Denied(Denial::NotSignedIn))
    }

    pub async fn follow(&self, actor: &Actor, target: FollowTarget, id: i32) -> CoreResult<()> {
        let user_id = self.check_followable(actor, target, id).await?;
        let txn = db::begin_write(self.db()).await?;
        follow_in(&txn, user_id, target, id).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn unfollow(&self, actor: &Actor, target: FollowTarget, id: i32) -> CoreResult<()> {
        let user_id = self.check_followable(actor, target, id).await?;
        let txn = db::begin_write(self.db()).await?;
        follow::Entity::delete_many()
            .filter(follow::Column::UserId.eq(user_id))
            .filter(follow::Column::TargetType.eq(target.as_str()))
            .filter(follow::Column::TargetId.eq(id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Which of `ids` the actor follows (one query for a whole list).
    pub async fn followed(&self, actor: &Actor, target: FollowTarget, ids: &[i32]) -> CoreResult<Vec<i32>> {
        let Some(user_id) = actor.user_id() else { return Ok(Vec::new()) };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(follow::Entity::find()
            .filter(follow::Column::UserId.eq(user_id))
            .filter(follow::Column::TargetType.eq(target.as_str()))
            .filter(follow::Column::TargetId.is_in(ids.to_vec()))
            .all(self.db())
            .await?
            .into_iter()
            .map(|f| f.target_id)
            .collect())
    }
}
