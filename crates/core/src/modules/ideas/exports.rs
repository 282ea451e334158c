// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas' exports: the published ideas, the comments and the reactions.
use std::collections::HashMap;

use async_trait::async_trait;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_id, after_pair, names, next, of_project_ideas, opt, plain, time};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::ideas::model::{comment, idea, idea_topic, reaction};
use crate::modules::projects::Taxonomy;
use crate::modules::projects::model::project;
use crate::modules::projects::multiloc::Multiloc;
use crate::{CoreResult, Platform};

/// The published ideas, with their counts, terms and place.
pub struct Ideas;

#[async_trait]
impl ExportSource for Ideas {
    fn id(&self) -> &'static str {
        "ideas"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec![
            "id",
            "project",
            "title",
            "author",
            "status",
            "status_category",
            "published_at",
            "supports",
            "dislikes",
            "comments",
            "topics",
            "area",
            "address",
            "latitude",
            "longitude",
            "cost",
            "url",
        ]
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        let mut c = Condition::all().add(idea::Column::PublishedAt.is_not_null());
        if let Some(p) = scope.project() {
            c = c.add(idea::Column::ProjectId.eq(p));
        }
        c
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(idea::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        ideas(p, scope, c, cursor).await
    }
}

/// Every comment, its words gone when it was deleted.
pub struct Comments;

#[async_trait]
impl ExportSource for Comments {
    fn id(&self) -> &'static str {
        "comments"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec!["id", "idea", "reply_to", "author", "body", "state", "created_at"]
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        match scope.project() {
            Some(p) => Condition::all().add(of_project_ideas(comment::Column::IdeaId, p)),
            None => Condition::all(),
        }
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(comment::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, _scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        comments(p, c, cursor).await
    }
}

/// Who supported or disliked which idea, without their names.
pub struct Reactions;

#[async_trait]
impl ExportSource for Reactions {
    fn id(&self) -> &'static str {
        "reactions"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec!["idea", "reaction", "at"]
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        match scope.project() {
            Some(p) => Condition::all().add(of_project_ideas(reaction::Column::IdeaId, p)),
            None => Condition::all(),
        }
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(reaction::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, _scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        reactions(p, c, cursor).await
    }
}

async fn ideas(p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = idea::Entity::find()
        .filter(c.add(after_id(idea::Column::Id, cursor)))
        .order_by_asc(idea::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let ids: Vec<i32> = list.iter().map(|i| i.id).collect();
    let authors = names(p, list.iter().filter_map(|i| i.author_id)).await?;
    let tags = idea_topic::Entity::find().filter(idea_topic::Column::IdeaId.is_in(ids)).all(p.db()).await?;
    let topics = p.terms(Taxonomy::Topic).await?;
    let areas = p.terms(Taxonomy::Area).await?;
    let statuses = p.idea_statuses().await?;
    let projects: HashMap<i32, String> = project::Entity::find()
        .filter(project::Column::Id.is_in(list.iter().map(|i| i.project_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|pr| (pr.id, pr.slug))
        .collect();
    let locale = scope.locale();
    let rows = list
        .iter()
        .map(|i| {
            let topic_names: Vec<String> = tags
                .iter()
                .filter(|t| t.idea_id == i.id)
                .filter_map(|t| topics.iter().find(|term| term.id == t.topic_id))
                .map(|term| term.text(locale))
                .collect();
            let status = statuses.iter().find(|s| s.code == i.status);
            vec![
                i.id.to_string(),
                projects.get(&i.project_id).cloned().unwrap_or_default(),
                i.title.clone(),
                opt(i.author_id.and_then(|a| authors.get(&a)).map(|u| u.display_name.clone())),
                status.map(|s| Multiloc::parse(&s.title).text(locale)).unwrap_or_else(|| i.status.clone()),
                // The core status it counts as, the same on every platform.
                status.map(|s| s.category.clone()).unwrap_or_else(|| i.status.clone()),
                opt(i.published_at.map(time)),
                i.reactions_up.to_string(),
                i.reactions_down.to_string(),
                i.comments_count.to_string(),
                topic_names.join("; "),
                opt(i.area_id.and_then(|a| areas.iter().find(|t| t.id == a)).map(|t| t.text(locale))),
                i.location_address.clone().unwrap_or_default(),
                opt(i.location_lat),
                opt(i.location_lng),
                opt(i.cost),
                format!("{}/ideas/{}", p.base_url().trim_end_matches('/'), i.id),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|i| Cursor::After(i.id)))))
}

async fn comments(p: &Platform, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = comment::Entity::find()
        .filter(c.add(after_id(comment::Column::Id, cursor)))
        .order_by_asc(comment::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let authors = names(p, list.iter().filter_map(|c| c.author_id)).await?;
    let rows = list
        .iter()
        .map(|c| {
            // Deleted comments keep their place in a thread, not their words.
            let body = if c.state == "deleted" { String::new() } else { plain(&c.body) };
            vec![
                c.id.to_string(),
                c.idea_id.to_string(),
                opt(c.parent_id),
                opt(c.author_id.and_then(|a| authors.get(&a)).map(|u| u.display_name.clone())),
                body,
                c.state.clone(),
                time(c.created_at),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|c| Cursor::After(c.id)))))
}

async fn reactions(p: &Platform, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = reaction::Entity::find()
        .filter(c.add(after_pair(reaction::Column::IdeaId, reaction::Column::UserId, cursor)))
        .order_by_asc(reaction::Column::IdeaId)
        .order_by_asc(reaction::Column::UserId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let rows = list.iter().map(|x| vec![x.idea_id.to_string(), x.mode.clone(), time(x.created_at)]).collect();
    Ok((rows, next(list.len(), list.last().map(|x| Cursor::AfterPair(x.idea_id, x.user_id)))))
}
