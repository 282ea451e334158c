// SPDX-License-Identifier: AGPL-3.0-only
//! Project moderators: residents an administrator trusts with one project. They manage that
//! project's phases, answer its ideas and moderate its discussion, and nothing else. The role is
//! a row in `user_roles` with the scope `project:<id>`; sessions pick it up on their next request.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::model::project;
use super::multiloc::Multiloc;
use crate::actor::PROJECT_MODERATOR;
use crate::modules::accounts::audit;
use crate::modules::accounts::model::{role, user};
use crate::modules::accounts::normalize_email;
use crate::{Actor, CoreError, CoreResult, Platform, db};

fn scope_of(project_id: i32) -> String {
    format!("project:{project_id}")
}

/// The projects an actor moderates (every project for administrators is not listed here).
pub fn moderated_projects(actor: &Actor) -> Vec<i32> {
    let prefix = format!("{PROJECT_MODERATOR}:project:");
    actor
        .viewer()
        .map(|v| v.roles.iter().filter_map(|r| r.strip_prefix(&prefix)?.parse().ok()).collect())
        .unwrap_or_default()
}

impl Platform {
    fn require_admin_for_roles(actor: &Actor) -> CoreResult<()> {
        match actor {
            a if a.is_admin() => Ok(()),
            a if a.viewer().is_none() => Err(CoreError::NotSignedIn),
            _ => Err(CoreError::Forbidden),
        }
    }

    /// The moderators of a project, by name.
    pub async fn project_moderators(&self, actor: &Actor, project_id: i32) -> CoreResult<Vec<user::Model>> {
        Self::require_admin_for_roles(actor)?;
        let ids: Vec<i32> = role::Entity::find()
            .filter(role::Column::Role.eq(PROJECT_MODERATOR))
            .filter(role::Column::Scope.eq(scope_of(project_id)))
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .order_by_asc(user::Column::DisplayName)
            .all(self.db())
            .await?)
    }

    /// Makes the account with `email` a moderator of the project, or takes the role away.
    pub async fn set_project_moderator(
        &self,
        actor: &Actor,
        project_id: i32,
        email: &str,
        moderator: bool,
    ) -> CoreResult<user::Model> {
        Self::require_admin_for_roles(actor)?;
        project::Entity::find_by_id(project_id).one(self.db()).await?.ok_or(CoreError::NotFound("project"))?;
        let email = normalize_email(email)?;
        let found = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(self.db())
            .await?
            .ok_or(CoreError::Field { field: "email", code: "user_unknown" })?;
        let txn = db::begin_write(self.db()).await?;
        if moderator {
            role::Entity::insert(role::ActiveModel {
                user_id: Set(found.id),
                role: Set(PROJECT_MODERATOR.to_owned()),
                scope: Set(scope_of(project_id)),
                created_at: Set(Utc::now()),
            })
            .on_conflict_do_nothing_on([role::Column::UserId, role::Column::Role, role::Column::Scope])
            .exec(&txn)
            .await?;
        } else {
            role::Entity::delete_many()
                .filter(role::Column::UserId.eq(found.id))
                .filter(role::Column::Role.eq(PROJECT_MODERATOR))
                .filter(role::Column::Scope.eq(scope_of(project_id)))
                .exec(&txn)
                .await?;
        }
        let action = if moderator { "project.grant_moderator" } else { "project.revoke_moderator" };
        let details = json!({ "user": found.id });
        audit::record(&txn, actor, action, "project", Some(project_id.to_string()), details).await?;
        if moderator {
            let title = project::Entity::find_by_id(project_id).one(&txn).await?.map(|p| p.title).unwrap_or_default();
            let project = Multiloc::parse(&title).text(self.appearance().default_locale);
            let notice = crate::modules::notifications::Notice {
                kind: "rights_received",
                link: format!("/admin/projects/{project_id}"),
                values: vec![("role", "moderator".to_owned()), ("project", project)],
            };
            self.notify(&txn, actor, [found.id], &notice).await?;
        }
        txn.commit().await?;
        Ok(found)
    }
}
