// SPDX-License-Identifier: AGPL-3.0-only
//! Comments on ideas: top-level comments and one level of replies. Authors edit and delete their
//! own; moderators remove others' with a reason shown in place. The idea's comment count changes
//! in the same transaction as the comment.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::counters::recount;
use super::follows::{FollowTarget, follow_in};
use super::model::comment;
use crate::modules::accounts::model::user;
use crate::modules::ideas::COMMENTING_IDEA;
use crate::modules::notifications::Notice;
use crate::modules::platform::changes::{ChangeAction, ChangeKind, ProjectOf, record};
use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform};

pub const PUBLISHED: &str = "published";
/// Deleted by its author: the text is gone, the place stays so replies keep their context.
pub const DELETED: &str = "deleted";
/// Removed by a moderator: the text is kept for the record but not shown; the reason is.
pub const REMOVED: &str = "removed";

/// A comment with its author's public name and, for top-level comments, its replies.
#[derive(Debug, Clone)]
pub struct CommentView {
    pub comment: comment::Model,
    pub author: Option<String>,
    pub replies: Vec<CommentView>,
}

impl CommentView {
    /// The text to show: none unless the comment is published.
    pub fn visible_body(&self) -> Option<&str> {
        (self.comment.state == PUBLISHED).then_some(self.comment.body.as_str())
    }
}

/// A page of top-level comments, oldest first, each with all its replies.
#[derive(Debug, Clone)]
pub struct CommentPage {
    pub comments: Vec<CommentView>,
    pub next: Option<String>,
}

fn check_body(body: &str) -> CoreResult<String> {
    let body = body.trim();
    if !(1..=5_000).contains(&body.chars().count()) {
        return Err(CoreError::Field { field: "body", code: "comment_length" });
    }
    Ok(body.to_owned())
}

impl Platform {
    pub async fn post_comment(
        &self,
        actor: &Actor,
        idea_id: i32,
        parent_id: Option<i32>,
        body: &str,
    ) -> CoreResult<comment::Model> {
        let target = self.idea_by_id(actor, idea_id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        self.require_permission(actor, COMMENTING_IDEA, &self.phase_by_id(target.phase_id).await?).await?;
        let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let body = check_body(body)?;
        self.refuse_profanity("body", &body).await?;
        // A reply to a reply joins its thread: threads are one level deep.
        let (parent, replied_to) = match parent_id {
            None => (None, None),
            Some(id) => {
                let found = comment::Entity::find_by_id(id)
                    .one(self.db())
                    .await?
                    .filter(|c| c.idea_id == idea_id)
                    .ok_or(CoreError::Field { field: "parent", code: "comment_parent_invalid" })?;
                (Some(found.parent_id.unwrap_or(found.id)), found.author_id)
            }
        };
        let now = Utc::now();
        let txn = self.lock_idea(idea_id).await?;
        let saved = comment::ActiveModel {
            idea_id: Set(idea_id),
            parent_id: Set(parent),
            author_id: Set(Some(user_id)),
            body: Set(body),
            state: Set(PUBLISHED.into()),
            removal_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        recount(&txn, idea_id).await?;
        follow_in(&txn, user_id, FollowTarget::Idea, idea_id).await?;
        // The person replied to hears of the reply; the idea's author of the comment, unless
        // they are that person (one notification each, never two).
        let actor_name = actor.viewer().map(|v| v.display_name.clone()).unwrap_or_default();
        let link = format!("/ideas/{idea_id}#comment-{}", saved.id);
        let values = vec![("idea", target.title.clone()), ("actor", actor_name)];
        if let Some(replied) = replied_to {
            let notice = Notice { kind: "reply_to_comment", link: link.clone(), values: values.clone() };
            self.notify(&txn, actor, [replied], &notice).await?;
        }
        let author = target.author_id.filter(|a| Some(*a) != replied_to);
        let data = serde_json::json!({
            "id": saved.id, "idea_id": idea_id, "parent_id": saved.parent_id, "url": self.public_url(&link),
        });
        let notice = Notice { kind: "comment_on_idea", link, values };
        self.notify(&txn, actor, author, &notice).await?;
        self.publish(&txn, crate::events::PlatformEvent { kind: "comment.posted", data }).await?;
        if target.published_at.is_some() && target.hidden_at.is_none() {
            let project = ProjectOf::Project(target.project_id);
            record(&txn, ChangeKind::Comment, ChangeAction::Created, saved.id, project).await?;
        }
        txn.commit().await?;
        Ok(saved)
    }

    /// The author edits a published comment while commenting is open to them.
    pub async fn update_comment(&self, actor: &Actor, id: i32, body: &str) -> CoreResult<comment::Model> {
        let found = self.comment_by_id(actor, id).await?;
        if actor.user_id().is_none() {
            return Err(CoreError::NotSignedIn);
        }
        if found.author_id != actor.user_id() || found.state != PUBLISHED {
            return Err(CoreError::Forbidden);
        }
        let target = self.idea_by_id(actor, found.idea_id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        self.require_permission(actor, COMMENTING_IDEA, &self.phase_by_id(target.phase_id).await?).await?;
        let body = check_body(body)?;
        self.refuse_profanity("body", &body).await?;
        let txn = crate::db::begin_write(self.db()).await?;
        let mut active: comment::ActiveModel = found.into();
        active.body = Set(body);
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        record(&txn, ChangeKind::Comment, ChangeAction::Updated, saved.id, ProjectOf::Idea(saved.idea_id)).await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// Authors delete their own comments at any time. Moderators remove other people's, and
    /// must say why: the reason is shown where the comment was, and goes to the audit log.
    pub async fn delete_comment(&self, actor: &Actor, id: i32, reason: Option<&str>) -> CoreResult<comment::Model> {
        let found = self.comment_by_id(actor, id).await?;
        let own = actor.user_id().is_some() && found.author_id == actor.user_id();
        let idea = self.idea_by_id(actor, found.idea_id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let (state, reason) = if own {
            (DELETED, None)
        } else if moderates(actor, idea.project_id) {
            let reason = reason.ok_or(CoreError::Field { field: "reason", code: "reason_required" })?;
            if reason.chars().count() > 500 {
                return Err(CoreError::Field { field: "reason", code: "text_too_long" });
            }
            (REMOVED, Some(reason.to_owned()))
        } else if actor.user_id().is_none() {
            return Err(CoreError::NotSignedIn);
        } else {
            return Err(CoreError::Forbidden);
        };
        if found.state != PUBLISHED {
            return Ok(found);
        }
        self.change_comment_state(actor, found, state, reason).await
    }

    /// A moderator removes a comment (their own too), with a reason shown in its place.
    pub(crate) async fn remove_comment_as_moderator(&self, actor: &Actor, id: i32, reason: &str) -> CoreResult<()> {
        let found = self.comment_by_id(actor, id).await?;
        if found.state != PUBLISHED {
            return Ok(());
        }
        self.change_comment_state(actor, found, REMOVED, Some(reason.to_owned())).await.map(drop)
    }

    /// A moderator shows a removed comment again.
    pub(crate) async fn restore_comment(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = self.comment_by_id(actor, id).await?;
        if found.state != REMOVED {
            return Ok(());
        }
        self.change_comment_state(actor, found, PUBLISHED, None).await.map(drop)
    }

    /// Writes a comment's new state with the idea locked, recounts it, and logs moderators'
    /// removals and restorations.
    async fn change_comment_state(
        &self,
        actor: &Actor,
        found: comment::Model,
        state: &str,
        reason: Option<String>,
    ) -> CoreResult<comment::Model> {
        let id = found.id;
        let was = found.state.clone();
        let txn = self.lock_idea(found.idea_id).await?;
        let mut active: comment::ActiveModel = found.clone().into();
        active.state = Set(state.to_owned());
        active.removal_reason = Set(reason.clone());
        if state == DELETED {
            active.body = Set(String::new());
        }
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        recount(&txn, found.idea_id).await?;
        let action = match (was.as_str(), state) {
            (_, REMOVED) => Some("comment.remove"),
            (REMOVED, PUBLISHED) => Some("comment.restore"),
            _ => None,
        };
        if let Some(action) = action {
            let details = serde_json::json!({ "idea": found.idea_id, "reason": reason });
            crate::modules::accounts::audit::record(&txn, actor, action, "comment", Some(id.to_string()), details)
                .await?;
        }
        // Deleted or removed, a comment leaves the copies; restored, it comes back.
        let change = match (was.as_str(), state) {
            (PUBLISHED, DELETED | REMOVED) => Some(ChangeAction::Removed),
            (REMOVED, PUBLISHED) => Some(ChangeAction::Created),
            _ => None,
        };
        if let Some(change) = change {
            record(&txn, ChangeKind::Comment, change, id, ProjectOf::Idea(found.idea_id)).await?;
        }
        txn.commit().await?;
        Ok(saved)
    }

    /// A comment whose idea `actor` can see.
    async fn comment_by_id(&self, actor: &Actor, id: i32) -> CoreResult<comment::Model> {
        let found = comment::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("comment"))?;
        self.idea_by_id(actor, found.idea_id).await?.ok_or(CoreError::NotFound("comment"))?;
        Ok(found)
    }

    /// A page of an idea's discussion in three queries whatever its size: the top-level
    /// comments, their replies, and the authors of both.
    pub async fn comments(
        &self,
        actor: &Actor,
        idea_id: i32,
        first: u64,
        after: Option<&str>,
    ) -> CoreResult<CommentPage> {
        self.idea_by_id(actor, idea_id).await?.ok_or(CoreError::NotFound("idea"))?;
        let first = first.clamp(1, 100);
        let mut query = comment::Entity::find()
            .filter(comment::Column::IdeaId.eq(idea_id))
            .filter(comment::Column::ParentId.is_null());
        if let Some(after) = after {
            let id = after.parse::<i32>().map_err(|_| CoreError::Field { field: "after", code: "cursor_invalid" })?;
            query = query.filter(comment::Column::Id.gt(id));
        }
        let mut top = query.order_by_asc(comment::Column::Id).limit(first + 1).all(self.db()).await?;
        let next = if top.len() as u64 > first {
            top.truncate(first as usize);
            top.last().map(|c| c.id.to_string())
        } else {
            None
        };
        let ids: Vec<i32> = top.iter().map(|c| c.id).collect();
        let replies = if ids.is_empty() {
            Vec::new()
        } else {
            comment::Entity::find()
                .filter(comment::Column::ParentId.is_in(ids))
                .order_by_asc(comment::Column::Id)
                .all(self.db())
                .await?
        };
        let author_ids: Vec<i32> = top.iter().chain(&replies).filter_map(|c| c.author_id).collect();
        let authors = if author_ids.is_empty() {
            Vec::new()
        } else {
            user::Entity::find().filter(user::Column::Id.is_in(author_ids)).all(self.db()).await?
        };
        let view = |c: comment::Model| {
            let author = c.author_id.and_then(|a| authors.iter().find(|u| u.id == a)).map(|u| u.display_name.clone());
            CommentView { comment: c, author, replies: Vec::new() }
        };
        let mut replies: Vec<CommentView> = replies.into_iter().map(view).collect();
        let comments = top
            .into_iter()
            .map(|c| {
                let id = c.id;
                let mut v = view(c);
                let (mine, rest): (Vec<_>, Vec<_>) =
                    std::mem::take(&mut replies).into_iter().partition(|r| r.comment.parent_id == Some(id));
                v.replies = mine;
                replies = rest;
                v
            })
            .collect();
        Ok(CommentPage { comments, next })
    }
}

impl Platform {
    /// The idea a comment belongs to, if `actor` can see it.
    pub async fn comment_idea(&self, actor: &Actor, comment_id: i32) -> CoreResult<i32> {
        Ok(self.comment_by_id(actor, comment_id).await?.idea_id)
    }
}
