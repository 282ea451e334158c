// SPDX-License-Identifier: AGPL-3.0-only
//! Posting, editing, deleting and listing ideas. Every write asks the permission engine.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::model::idea;
use crate::modules::accounts::model::user;
use crate::modules::projects::model::phase;
use crate::permissions::{Action, moderates};
use crate::{Actor, CoreError, CoreResult, Platform, db};

/// How a list of ideas is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum IdeaSort {
    Newest,
    MostReacted,
}

/// An idea with its author's public name (read in the same query batch as the list).
#[derive(Debug, Clone)]
pub struct IdeaView {
    pub idea: idea::Model,
    pub author: Option<String>,
}

/// A page of ideas.
#[derive(Debug, Clone)]
pub struct IdeaPage {
    pub ideas: Vec<IdeaView>,
    /// Pass as `after` for the next page.
    pub next: Option<String>,
}

fn check_text(title: &str, body: &str) -> CoreResult<(String, String)> {
    let (title, body) = (title.trim(), body.trim());
    if !(3..=120).contains(&title.chars().count()) {
        return Err(CoreError::Field { field: "title", code: "title_length" });
    }
    if !(1..=10_000).contains(&body.chars().count()) {
        return Err(CoreError::Field { field: "body", code: "body_length" });
    }
    Ok((title.to_owned(), body.to_owned()))
}

impl Platform {
    pub(crate) async fn phase_by_id(&self, id: i32) -> CoreResult<phase::Model> {
        phase::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("phase"))
    }

    /// Fails with the engine's reason unless `actor` may do `action` in the phase.
    pub(crate) async fn require_permission(
        &self,
        actor: &Actor,
        action: Action,
        found: &phase::Model,
    ) -> CoreResult<()> {
        self.permission(actor, action, found).await?.map_err(CoreError::Denied)
    }

    pub async fn post_idea(&self, actor: &Actor, phase_id: i32, title: &str, body: &str) -> CoreResult<idea::Model> {
        let found = self.phase_by_id(phase_id).await?;
        self.require_permission(actor, Action::PostingIdea, &found).await?;
        let (title, body) = check_text(title, body)?;
        let now = Utc::now();
        let txn = db::begin_write(self.db()).await?;
        let saved = idea::ActiveModel {
            project_id: Set(found.project_id),
            phase_id: Set(found.id),
            author_id: Set(actor.user_id()),
            title: Set(title),
            body: Set(body),
            status: Set("proposed".into()),
            reactions_up: Set(0),
            reactions_down: Set(0),
            comments_count: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// The author may edit and delete while the phase still lets them post; moderators always.
    async fn idea_for_change(&self, actor: &Actor, id: i32) -> CoreResult<idea::Model> {
        let found = self.idea_by_id(actor, id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        if moderates(actor, found.project_id) {
            return Ok(found);
        }
        if actor.user_id().is_none() {
            return Err(CoreError::NotSignedIn);
        }
        if found.author_id != actor.user_id() {
            return Err(CoreError::Forbidden);
        }
        self.require_permission(actor, Action::PostingIdea, &self.phase_by_id(found.phase_id).await?).await?;
        Ok(found)
    }

    pub async fn update_idea(&self, actor: &Actor, id: i32, title: &str, body: &str) -> CoreResult<idea::Model> {
        let found = self.idea_for_change(actor, id).await?;
        let (title, body) = check_text(title, body)?;
        let txn = db::begin_write(self.db()).await?;
        let mut active: idea::ActiveModel = found.into();
        active.title = Set(title);
        active.body = Set(body);
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        txn.commit().await?;
        Ok(saved)
    }

    pub async fn delete_idea(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = self.idea_for_change(actor, id).await?;
        let txn = db::begin_write(self.db()).await?;
        idea::Entity::delete_by_id(found.id).exec(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// One idea, if its project is visible to `actor`.
    pub async fn idea_by_id(&self, actor: &Actor, id: i32) -> CoreResult<Option<IdeaView>> {
        let Some(found) = idea::Entity::find_by_id(id).one(self.db()).await? else { return Ok(None) };
        let project =
            crate::modules::projects::model::project::Entity::find_by_id(found.project_id).one(self.db()).await?;
        if !project.is_some_and(|p| crate::modules::projects::can_see(actor, &p)) {
            return Ok(None);
        }
        Ok(self.with_authors(vec![found]).await?.pop())
    }

    /// A page of a phase's ideas: `first` at a time (at most 100), in two queries whatever the
    /// page size (the ideas, then their authors). The cursor is the last idea's sort key, so
    /// pages stay right while ideas are added (keyset paging).
    pub async fn ideas(
        &self,
        actor: &Actor,
        phase_id: i32,
        sort: IdeaSort,
        first: u64,
        after: Option<&str>,
    ) -> CoreResult<IdeaPage> {
        let found = self.phase_by_id(phase_id).await?;
        let project =
            crate::modules::projects::model::project::Entity::find_by_id(found.project_id).one(self.db()).await?;
        if !project.is_some_and(|p| crate::modules::projects::can_see(actor, &p)) {
            return Err(CoreError::NotFound("phase"));
        }
        let first = first.clamp(1, 100);
        let mut query = idea::Entity::find().filter(idea::Column::PhaseId.eq(phase_id));
        query = match sort {
            // Ids grow with time, so the newest have the highest ids.
            IdeaSort::Newest => {
                if let Some(id) = after.and_then(|a| a.parse::<i32>().ok()) {
                    query = query.filter(idea::Column::Id.lt(id));
                }
                query.order_by_desc(idea::Column::Id)
            }
            IdeaSort::MostReacted => {
                let key = after
                    .and_then(|a| a.split_once('.'))
                    .and_then(|(u, i)| Some((u.parse::<i32>().ok()?, i.parse::<i32>().ok()?)));
                if let Some((up, id)) = key {
                    query = query.filter(
                        Condition::any()
                            .add(idea::Column::ReactionsUp.lt(up))
                            .add(Condition::all().add(idea::Column::ReactionsUp.eq(up)).add(idea::Column::Id.lt(id))),
                    );
                }
                query.order_by_desc(idea::Column::ReactionsUp).order_by_desc(idea::Column::Id)
            }
        };
        let mut rows = query.limit(first + 1).all(self.db()).await?;
        let next = if rows.len() as u64 > first {
            rows.truncate(first as usize);
            rows.last().map(|last| match sort {
                IdeaSort::Newest => last.id.to_string(),
                IdeaSort::MostReacted => format!("{}.{}", last.reactions_up, last.id),
            })
        } else {
            None
        };
        Ok(IdeaPage { ideas: self.with_authors(rows).await?, next })
    }

    async fn with_authors(&self, ideas: Vec<idea::Model>) -> CoreResult<Vec<IdeaView>> {
        let ids: Vec<i32> = ideas.iter().filter_map(|i| i.author_id).collect();
        let authors = if ids.is_empty() {
            Vec::new()
        } else {
            user::Entity::find().filter(user::Column::Id.is_in(ids)).all(self.db()).await?
        };
        Ok(ideas
            .into_iter()
            .map(|idea| {
                let author =
                    idea.author_id.and_then(|a| authors.iter().find(|u| u.id == a)).map(|u| u.display_name.clone());
                IdeaView { idea, author }
            })
            .collect())
    }
}

impl Platform {
    /// A phase by id (for pages that start from an idea).
    pub async fn phase_of(&self, id: i32) -> CoreResult<phase::Model> {
        self.phase_by_id(id).await
    }

    /// The slug of the project a phase belongs to.
    pub async fn project_slug_of_phase(&self, phase_id: i32) -> CoreResult<Option<String>> {
        let found = self.phase_by_id(phase_id).await?;
        let project =
            crate::modules::projects::model::project::Entity::find_by_id(found.project_id).one(self.db()).await?;
        Ok(project.map(|p| p.slug))
    }
}
