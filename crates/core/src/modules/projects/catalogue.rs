// SPDX-License-Identifier: AGPL-3.0-only
//! Projects: created by administrators, managed by them and the project's moderators, seen by
//! residents once published (and public).
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::model::project;
use super::multiloc::Multiloc;
use crate::modules::accounts::audit;
use crate::permissions::{ProjectState, moderates};
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const DRAFT: &str = "draft";
pub const PUBLISHED: &str = "published";
pub const ARCHIVED: &str = "archived";
pub const PUBLIC: &str = "public";
pub const ADMINS_ONLY: &str = "admins";
/// Visible to the members of chosen user groups (and to moderators).
pub const GROUPS: &str = "groups";

/// A new project or a change to one; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProjectChanges {
    pub slug: Option<String>,
    pub title: Option<BTreeMap<String, String>>,
    pub description: Option<BTreeMap<String, String>>,
    pub visibility: Option<String>,
    /// With `groups` visibility: the groups whose members see the project.
    pub visible_groups: Option<Vec<i32>>,
    pub position: Option<i32>,
}

pub fn state_of(p: &project::Model) -> ProjectState {
    match p.status.as_str() {
        PUBLISHED => ProjectState::Published,
        ARCHIVED => ProjectState::Archived,
        _ => ProjectState::Draft,
    }
}

/// Whether `actor` may see `p` at all.
pub fn can_see(actor: &Actor, p: &project::Model) -> bool {
    if moderates(actor, p.id) {
        return true;
    }
    p.status != DRAFT
        && match p.visibility.as_str() {
            PUBLIC => true,
            GROUPS => actor.viewer().is_some_and(|v| {
                let chosen = p.visible_group_ids();
                v.groups.iter().any(|g| chosen.contains(g))
            }),
            _ => false,
        }
}

fn check_slug(raw: &str) -> CoreResult<String> {
    let slug = raw.trim().to_lowercase();
    let valid = (1..=80).contains(&slug.len())
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if valid { Ok(slug) } else { Err(CoreError::Field { field: "slug", code: "slug_invalid" }) }
}

fn check_visibility(raw: &str) -> CoreResult<String> {
    match raw {
        PUBLIC | ADMINS_ONLY | GROUPS => Ok(raw.to_owned()),
        _ => Err(CoreError::Field { field: "visibility", code: "visibility_invalid" }),
    }
}

impl Platform {
    /// The groups of a restriction to groups, sorted: at least one, each known to the edition's
    /// modules (`required`); none when the restriction is not to groups.
    pub(crate) async fn check_group_restriction(
        &self,
        required: bool,
        groups: &[i32],
        field: &'static str,
    ) -> CoreResult<Vec<i32>> {
        if !required {
            return Ok(Vec::new());
        }
        let mut groups = groups.to_vec();
        groups.sort_unstable();
        groups.dedup();
        if groups.is_empty() {
            return Err(CoreError::Field { field, code: "groups_required" });
        }
        let known = self.group_choices("en").await?;
        if groups.iter().any(|g| !known.iter().any(|k| k.id == *g)) {
            return Err(CoreError::Field { field, code: "group_unknown" });
        }
        Ok(groups)
    }

    /// Projects `actor` may see, in home-page order.
    pub async fn projects(&self, actor: &Actor) -> CoreResult<Vec<project::Model>> {
        Ok(self.snapshot().await?.projects().iter().filter(|p| can_see(actor, p)).cloned().collect())
    }

    /// The ids of the projects the home page lists for `actor` (visible, not archived), in
    /// home-page order, without copying the projects: a page then reads only its own.
    pub async fn listed_project_ids(&self, actor: &Actor) -> CoreResult<Vec<i32>> {
        let snapshot = self.snapshot().await?;
        Ok(snapshot.projects().iter().filter(|p| p.status != ARCHIVED && can_see(actor, p)).map(|p| p.id).collect())
    }

    /// The projects of `ids` that `actor` may see, in the order of `ids`.
    pub async fn projects_by_ids(&self, actor: &Actor, ids: &[i32]) -> CoreResult<Vec<project::Model>> {
        let snapshot = self.snapshot().await?;
        Ok(ids.iter().filter_map(|id| snapshot.project(*id)).filter(|p| can_see(actor, p)).cloned().collect())
    }

    /// One project by id, if `actor` may see it.
    pub async fn project_by_id(&self, actor: &Actor, id: i32) -> CoreResult<Option<project::Model>> {
        Ok(self.snapshot().await?.project(id).filter(|p| can_see(actor, p)).cloned())
    }

    /// One project by slug, if `actor` may see it.
    pub async fn project_by_slug(&self, actor: &Actor, slug: &str) -> CoreResult<Option<project::Model>> {
        let snapshot = self.snapshot().await?;
        Ok(snapshot.project_by_slug(&slug.trim().to_lowercase()).filter(|p| can_see(actor, p)).cloned())
    }

    pub(crate) async fn project_for_change(&self, actor: &Actor, id: i32) -> CoreResult<project::Model> {
        let found = project::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("project"))?;
        if !moderates(actor, found.id) {
            return Err(if actor.viewer().is_none() && !actor.is_admin() {
                CoreError::NotSignedIn
            } else {
                CoreError::Forbidden
            });
        }
        Ok(found)
    }

    /// Creates a draft project (administrators).
    pub async fn create_project(&self, actor: &Actor, input: ProjectChanges) -> CoreResult<project::Model> {
        if !actor.is_admin() {
            return Err(if actor.viewer().is_none() { CoreError::NotSignedIn } else { CoreError::Forbidden });
        }
        let slug = check_slug(input.slug.as_deref().unwrap_or_default())?;
        let title = Multiloc::checked(input.title.unwrap_or_default(), "title", true, 120)?;
        let description = Multiloc::checked(input.description.unwrap_or_default(), "description", false, 50_000)?;
        let visibility = check_visibility(input.visibility.as_deref().unwrap_or(PUBLIC))?;
        let groups = input.visible_groups.unwrap_or_default();
        let groups = self.check_group_restriction(visibility == GROUPS, &groups, "visible_groups").await?;
        let txn = db::begin_write(self.db()).await?;
        if project::Entity::find().filter(project::Column::Slug.eq(slug.clone())).one(&txn).await?.is_some() {
            return Err(CoreError::Field { field: "slug", code: "slug_taken" });
        }
        let now = Utc::now();
        let created = project::ActiveModel {
            slug: Set(slug.clone()),
            title: Set(title.to_json()),
            description: Set(description.to_json()),
            status: Set(DRAFT.into()),
            visibility: Set(visibility),
            visible_groups: Set(json!(groups).to_string()),
            position: Set(input.position.unwrap_or(0)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(&txn, actor, "project.create", "project", Some(created.id.to_string()), json!({ "slug": slug }))
            .await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(created)
    }

    /// Changes a project (administrators and its moderators).
    pub async fn update_project(&self, actor: &Actor, id: i32, changes: ProjectChanges) -> CoreResult<project::Model> {
        let found = self.project_for_change(actor, id).await?;
        let slug = changes.slug.as_deref().map(check_slug).transpose()?;
        let title = changes.title.map(|t| Multiloc::checked(t, "title", true, 120)).transpose()?;
        let description =
            changes.description.map(|d| Multiloc::checked(d, "description", false, 50_000)).transpose()?;
        let visibility = changes.visibility.as_deref().map(check_visibility).transpose()?;
        let groups = match (&visibility, changes.visible_groups) {
            (None, None) => None,
            (v, chosen) => {
                let to_groups = v.as_deref().unwrap_or(&found.visibility) == GROUPS;
                let chosen = chosen.unwrap_or_else(|| found.visible_group_ids());
                Some(self.check_group_restriction(to_groups, &chosen, "visible_groups").await?)
            }
        };
        let txn = db::begin_write(self.db()).await?;
        if let Some(slug) = &slug {
            let taken = project::Entity::find()
                .filter(project::Column::Slug.eq(slug.clone()))
                .filter(project::Column::Id.ne(id))
                .one(&txn)
                .await?;
            if taken.is_some() {
                return Err(CoreError::Field { field: "slug", code: "slug_taken" });
            }
        }
        let mut active: project::ActiveModel = found.into();
        if let Some(v) = slug {
            active.slug = Set(v);
        }
        if let Some(v) = title {
            active.title = Set(v.to_json());
        }
        if let Some(v) = description {
            active.description = Set(v.to_json());
        }
        if let Some(v) = visibility {
            active.visibility = Set(v);
        }
        if let Some(groups) = groups {
            active.visible_groups = Set(json!(groups).to_string());
        }
        if let Some(v) = changes.position {
            active.position = Set(v);
        }
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        audit::record(&txn, actor, "project.update", "project", Some(id.to_string()), json!({})).await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(saved)
    }

    /// Publishes or archives a project (administrators and its moderators).
    pub async fn set_project_status(&self, actor: &Actor, id: i32, status: &str) -> CoreResult<project::Model> {
        let found = self.project_for_change(actor, id).await?;
        if ![PUBLISHED, ARCHIVED, DRAFT].contains(&status) {
            return Err(CoreError::Field { field: "status", code: "status_invalid" });
        }
        let txn = db::begin_write(self.db()).await?;
        let mut active: project::ActiveModel = found.into();
        active.status = Set(status.to_owned());
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        audit::record(&txn, actor, &format!("project.{status}"), "project", Some(id.to_string()), json!({})).await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(saved)
    }
}
