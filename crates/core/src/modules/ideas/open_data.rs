// SPDX-License-Identifier: AGPL-3.0-only
//! The ideas module's open data: the public ideas of the projects anyone may see.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::model::{idea, idea_topic};
use super::public_condition;
use crate::modules::projects::Taxonomy;
use crate::open_data::FieldType::{DateTime, Integer, Number, Text};
use crate::open_data::dictionary::field;
use crate::open_data::rows::base;
use crate::open_data::{Cell, Cursor, DatasetSource, Field, PAGE_ROWS, Page, Scope};
use crate::{CoreResult, Platform};

const IDEAS: &[Field] = &[
    field("id", Integer, "open-data-ideas-id"),
    field("project_id", Integer, "open-data-project-id"),
    field("phase_id", Integer, "open-data-ideas-phase-id"),
    field("title", Text, "open-data-ideas-title"),
    field("body", Text, "open-data-ideas-body"),
    field("status", Text, "open-data-ideas-status"),
    field("status_category", Text, "open-data-ideas-status-category"),
    field("topics", Text, "open-data-ideas-topics"),
    field("area", Text, "open-data-ideas-area"),
    field("published_at", DateTime, "open-data-ideas-published-at"),
    field("supports", Integer, "open-data-ideas-supports"),
    field("dislikes", Integer, "open-data-ideas-dislikes"),
    field("comments", Integer, "open-data-ideas-comments"),
    field("cost", Integer, "open-data-ideas-cost"),
    field("latitude", Number, "open-data-ideas-latitude"),
    field("longitude", Number, "open-data-ideas-longitude"),
    field("url", Text, "open-data-ideas-url"),
];

pub(super) struct Ideas;

#[async_trait::async_trait]
impl DatasetSource for Ideas {
    fn name(&self) -> &'static str {
        "ideas"
    }

    fn fields(&self) -> &'static [Field] {
        IDEAS
    }

    async fn count(&self, platform: &Platform, scope: &Scope) -> CoreResult<u64> {
        Ok(public_ideas(scope).count(platform.db()).await?)
    }

    async fn page(&self, platform: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
        ideas(platform, scope, cursor).await
    }
}

/// The public ideas of the projects anyone may see.
fn public_ideas(scope: &Scope) -> sea_orm::Select<idea::Entity> {
    let projects: Vec<i32> = scope.projects.iter().map(|p| p.id).collect();
    idea::Entity::find().filter(public_condition()).filter(idea::Column::ProjectId.is_in(projects))
}

/// A page of public ideas by id. The page is read along the primary key and the projects are
/// checked here: with the projects in the query, the database would read every remaining
/// idea of each project for every page (quadratic on a platform of 200,000 ideas). A page
/// may then hold fewer rows than it read; reading goes on while pages come back full.
async fn ideas(p: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    let mut query = idea::Entity::find().filter(public_condition());
    if let Cursor::After(id) = cursor {
        query = query.filter(idea::Column::Id.gt(id));
    }
    let mut list = query.order_by_asc(idea::Column::Id).limit(PAGE_ROWS).all(p.db()).await?;
    let next = match list.last() {
        Some(last) if list.len() as u64 == PAGE_ROWS => Cursor::After(last.id),
        _ => Cursor::Done,
    };
    let projects: HashSet<i32> = scope.projects.iter().map(|p| p.id).collect();
    list.retain(|i| projects.contains(&i.project_id));
    let ids: Vec<i32> = list.iter().map(|i| i.id).collect();
    let tags = idea_topic::Entity::find().filter(idea_topic::Column::IdeaId.is_in(ids)).all(p.db()).await?;
    let topics: HashMap<i32, String> =
        p.terms(Taxonomy::Topic).await?.into_iter().map(|t| (t.id, t.text(scope.locale))).collect();
    let areas: HashMap<i32, String> =
        p.terms(Taxonomy::Area).await?.into_iter().map(|t| (t.id, t.text(scope.locale))).collect();
    let categories: HashMap<String, String> =
        p.idea_statuses().await?.into_iter().map(|s| (s.code, s.category)).collect();
    let rows = list
        .iter()
        .map(|i| {
            let names: Vec<&str> = tags
                .iter()
                .filter(|t| t.idea_id == i.id)
                .filter_map(|t| topics.get(&t.topic_id).map(String::as_str))
                .collect();
            vec![
                Cell::from(i.id),
                Cell::from(i.project_id),
                Cell::from(i.phase_id),
                Cell::from(i.title.clone()),
                Cell::from(crate::exports::plain(&i.body)),
                Cell::from(i.status.clone()),
                // The core status it counts as, the same on every platform.
                Cell::from(categories.get(&i.status).cloned().unwrap_or_else(|| i.status.clone())),
                Cell::from((!names.is_empty()).then(|| names.join("; "))),
                Cell::from(i.area_id.and_then(|a| areas.get(&a).cloned())),
                Cell::from(i.published_at),
                Cell::from(i.reactions_up),
                Cell::from(i.reactions_down),
                Cell::from(i.comments_count),
                Cell::from(i.cost),
                Cell::from(i.location_lat),
                Cell::from(i.location_lng),
                Cell::from(format!("{}/ideas/{}", base(p), i.id)),
            ]
        })
        .collect();
    Ok(Page { rows, next, steps: list.len() as u64 })
}
