// SPDX-License-Identifier: AGPL-3.0-only
//! The GraphQL types of ideas and their discussion. Per-idea fields that need other rows go
//! through the request's batch loader, so a list of ideas costs the same queries as one idea.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::comments::CommentView;
use super::loaders::{FeedbackOf, FilesOf, Follows, MyReaction, StatusCode, TopicsOf};
use super::model::{idea_file, idea_status, official_feedback};
use super::{FollowTarget, IdeaView};
use crate::graphql::loader;
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::projects::{ActionPermission, locale_of};

pub fn gid(id: i32) -> ID {
    ID(id.to_string())
}

pub struct Idea(pub IdeaView);

#[derive(SimpleObject)]
pub struct Location {
    lat: Option<f64>,
    lng: Option<f64>,
    address: Option<String>,
}

#[Object]
impl Idea {
    async fn id(&self) -> ID {
        gid(self.0.idea.id)
    }

    async fn project_id(&self) -> ID {
        gid(self.0.idea.project_id)
    }

    async fn phase_id(&self) -> ID {
        gid(self.0.idea.phase_id)
    }

    async fn title(&self) -> &str {
        &self.0.idea.title
    }

    /// As written; pages clean it for display.
    async fn body(&self) -> &str {
        &self.0.idea.body
    }

    /// The author's public name; null once the author deleted their account.
    async fn author_name(&self) -> Option<&str> {
        self.0.author.as_deref()
    }

    /// The status code, such as `proposed` or `accepted`.
    async fn status_code(&self) -> &str {
        &self.0.idea.status
    }

    async fn status(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<IdeaStatus>> {
        Ok(loader(ctx)?.load_one(StatusCode(self.0.idea.status.clone())).await?.map(IdeaStatus))
    }

    async fn reactions_up(&self) -> i32 {
        self.0.idea.reactions_up
    }

    async fn reactions_down(&self) -> i32 {
        self.0.idea.reactions_down
    }

    async fn comments_count(&self) -> i32 {
        self.0.idea.comments_count
    }

    /// Whether it is a draft (seen only by its author and moderators).
    async fn draft(&self) -> bool {
        self.0.idea.published_at.is_none()
    }

    async fn trending_score(&self) -> f64 {
        self.0.idea.trending_score
    }

    async fn area_id(&self) -> Option<ID> {
        self.0.idea.area_id.map(gid)
    }

    async fn topic_ids(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ID>> {
        Ok(loader(ctx)?.load_one(TopicsOf(self.0.idea.id)).await?.unwrap_or_default().into_iter().map(gid).collect())
    }

    async fn location(&self) -> Option<Location> {
        let i = &self.0.idea;
        let l = Location { lat: i.location_lat, lng: i.location_lng, address: i.location_address.clone() };
        (l.lat.is_some() || l.address.is_some()).then_some(l)
    }

    /// `up`, `down` or null: the asking user's reaction.
    async fn my_reaction(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        loader(ctx)?.load_one(MyReaction(self.0.idea.id)).await
    }

    /// Whether the asking user follows this idea.
    async fn following(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(loader(ctx)?.load_one(Follows(FollowTarget::Idea, self.0.idea.id)).await?.unwrap_or(false))
    }

    /// What the asking user may do with this idea (the engine's answers in its phase).
    async fn permissions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActionPermission>> {
        ActionPermission::of_phase(ctx, self.0.idea.phase_id).await
    }

    /// The organisation's answers, newest first.
    async fn official_feedback(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<OfficialFeedback>> {
        let rows = loader(ctx)?.load_one(FeedbackOf(self.0.idea.id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(OfficialFeedback).collect())
    }

    /// Pictures, in upload order.
    async fn images(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<IdeaFile>> {
        self.files(ctx, "image").await
    }

    /// Attached documents, in upload order.
    async fn attachments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<IdeaFile>> {
        self.files(ctx, "attachment").await
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.idea.created_at
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.idea.updated_at
    }
}

impl Idea {
    async fn files(&self, ctx: &Context<'_>, kind: &str) -> async_graphql::Result<Vec<IdeaFile>> {
        let all = loader(ctx)?.load_one(FilesOf(self.0.idea.id)).await?.unwrap_or_default();
        Ok(all.into_iter().filter(|f| f.kind == kind).map(IdeaFile).collect())
    }
}

/// A picture or an attached document.
pub struct IdeaFile(pub idea_file::Model);

#[Object]
impl IdeaFile {
    async fn id(&self) -> ID {
        gid(self.0.id)
    }

    /// Where to fetch it (relative to the platform's address).
    async fn url(&self) -> String {
        format!("/files/{}", self.0.key)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn content_type(&self) -> &str {
        &self.0.content_type
    }

    /// Bytes.
    async fn size(&self) -> i64 {
        self.0.size
    }

    async fn width(&self) -> Option<i32> {
        self.0.width
    }

    async fn height(&self) -> Option<i32> {
        self.0.height
    }
}

pub struct IdeaStatus(pub idea_status::Model);

#[Object]
impl IdeaStatus {
    async fn id(&self) -> ID {
        gid(self.0.id)
    }

    async fn code(&self) -> &str {
        &self.0.code
    }

    async fn title(&self, ctx: &Context<'_>, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.title).text(&locale_of(ctx, locale))
    }

    async fn title_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.title).0)
    }

    /// `#rrggbb`.
    async fn color(&self) -> &str {
        &self.0.color
    }

    /// The core status this one counts as (a core status is its own).
    async fn category(&self) -> &str {
        &self.0.category
    }

    /// Statuses are listed by this number, lowest first.
    async fn position(&self) -> i32 {
        self.0.position
    }
}

/// An answer from the organisation (its writer is not shown).
pub struct OfficialFeedback(pub official_feedback::Model);

#[Object]
impl OfficialFeedback {
    async fn id(&self) -> ID {
        gid(self.0.id)
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    /// The status code the idea moved to with this answer, if it moved.
    async fn status_code(&self) -> Option<&str> {
        self.0.status.as_deref()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct Comment(pub CommentView);

#[Object]
impl Comment {
    async fn id(&self) -> ID {
        gid(self.0.comment.id)
    }

    async fn idea_id(&self) -> ID {
        gid(self.0.comment.idea_id)
    }

    async fn parent_id(&self) -> Option<ID> {
        self.0.comment.parent_id.map(gid)
    }

    /// The text; null when the comment was deleted or removed.
    async fn body(&self) -> Option<&str> {
        self.0.visible_body()
    }

    /// `published`, `deleted` (by its author) or `removed` (by a moderator).
    async fn state(&self) -> &str {
        &self.0.comment.state
    }

    /// Why a moderator removed it.
    async fn removal_reason(&self) -> Option<&str> {
        self.0.comment.removal_reason.as_deref()
    }

    async fn author_name(&self) -> Option<&str> {
        if self.0.comment.state == super::comments::PUBLISHED { self.0.author.as_deref() } else { None }
    }

    async fn replies(&self) -> Vec<Comment> {
        self.0.replies.iter().cloned().map(Comment).collect()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.comment.created_at
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.comment.updated_at
    }
}
