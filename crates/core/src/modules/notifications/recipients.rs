// SPDX-License-Identifier: AGPL-3.0-only
//! Who hears about what: an idea's followers, a project's moderators.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::actor::PROJECT_MODERATOR;
use crate::modules::accounts::model::role;
use crate::modules::ideas::model::follow;

/// The people following an idea (`idea`) or a project (`project`).
pub(crate) async fn followers(db: &impl ConnectionTrait, target: &str, id: i32) -> Result<Vec<i32>, sea_orm::DbErr> {
    follow::Entity::find()
        .select_only()
        .column(follow::Column::UserId)
        .filter(follow::Column::TargetType.eq(target))
        .filter(follow::Column::TargetId.eq(id))
        .into_tuple()
        .all(db)
        .await
}

/// The moderators of a project (not the platform's administrators).
pub(crate) async fn moderators(db: &impl ConnectionTrait, project: i32) -> Result<Vec<i32>, sea_orm::DbErr> {
    role::Entity::find()
        .select_only()
        .column(role::Column::UserId)
        .filter(role::Column::Role.eq(PROJECT_MODERATOR))
        .filter(role::Column::Scope.eq(format!("project:{project}")))
        .into_tuple()
        .all(db)
        .await
}
