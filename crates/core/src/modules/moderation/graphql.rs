// SPDX-License-Identifier: AGPL-3.0-only
//! Moderation in GraphQL: `report`, `moderationQueue`, `hideContent`, `restoreContent`,
//! `dismissReport`.
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::service::{QueueItem, Target};
use crate::graphql::{Page, actor, id_cursor, page_size, paged, platform, to_gql};

use crate::graphql::id_number as id_of;

fn target(kind: &str, id: &ID) -> async_graphql::Result<Target> {
    Target::parse(kind, id_of(id, "target")?).map_err(to_gql)
}

#[derive(SimpleObject)]
pub struct Report {
    id: ID,
    /// `idea` or `comment`.
    target_type: String,
    target_id: ID,
    project_id: ID,
    /// `spam`, `inappropriate` or `other`.
    reason: String,
    text: String,
    /// `new` or `handled`.
    status: String,
    /// `hidden`, `dismissed`, `restored` or `blocked`.
    outcome: Option<String>,
    created_at: DateTime<Utc>,
    /// The idea's title or the comment's text.
    excerpt: String,
    /// The idea the content is on.
    idea_id: Option<ID>,
    /// Whether the content is hidden now.
    hidden: bool,
}

impl From<QueueItem> for Report {
    fn from(item: QueueItem) -> Self {
        let r = item.report;
        Report {
            id: ID(r.id.to_string()),
            target_type: r.target_type,
            target_id: ID(r.target_id.to_string()),
            project_id: ID(r.project_id.to_string()),
            reason: r.reason,
            text: r.text,
            status: r.status,
            outcome: r.outcome,
            created_at: r.created_at,
            excerpt: item.excerpt,
            idea_id: item.idea_id.map(|i| ID(i.to_string())),
            hidden: item.hidden,
        }
    }
}

#[derive(Default)]
pub struct ModerationQuery;

#[Object]
impl ModerationQuery {
    /// Reports for the projects the asker moderates, newest first; `status` is `new` (default)
    /// or `handled`.
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
        project_id: Option<ID>,
        target_type: Option<String>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Report>> {
        let first = page_size(first)?;
        let project = project_id.as_ref().map(|p| id_of(p, "project")).transpose()?;
        let after = id_cursor(after.as_deref())?;
        let status = status.unwrap_or_else(|| super::NEW.to_owned());
        let page = platform(ctx)?
            .moderation_queue(actor(ctx), &status, project, target_type.as_deref(), first, after)
            .await
            .map_err(to_gql)?;
        let more = page.next.is_some();
        Ok(paged(page.items.into_iter().map(|item| (item.report.id.to_string(), Report::from(item))), more))
    }
}

#[derive(Default)]
pub struct ModerationMutation;

#[Object]
impl ModerationMutation {
    /// Reports an idea or a comment (`targetType`: `idea` or `comment`); `reason` is `spam`,
    /// `inappropriate` or `other` (then `text` is required).
    async fn report(
        &self,
        ctx: &Context<'_>,
        target_type: String,
        target_id: ID,
        reason: String,
        #[graphql(default)] text: String,
    ) -> async_graphql::Result<ID> {
        let saved = platform(ctx)?
            .report(actor(ctx), target(&target_type, &target_id)?, &reason, &text)
            .await
            .map_err(to_gql)?;
        Ok(ID(saved.id.to_string()))
    }

    /// Hides an idea or a comment with a reason its author sees.
    async fn hide_content(
        &self,
        ctx: &Context<'_>,
        target_type: String,
        target_id: ID,
        reason: String,
    ) -> async_graphql::Result<bool> {
        platform(ctx)?.hide_content(actor(ctx), target(&target_type, &target_id)?, &reason).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn restore_content(
        &self,
        ctx: &Context<'_>,
        target_type: String,
        target_id: ID,
    ) -> async_graphql::Result<bool> {
        platform(ctx)?.restore_content(actor(ctx), target(&target_type, &target_id)?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Closes the open reports on the report's content, which stays as it is.
    async fn dismiss_report(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.dismiss_report(actor(ctx), id_of(&id, "report")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Blocks the author of the report's content and hides it (administrators).
    async fn block_reported_author(&self, ctx: &Context<'_>, id: ID, reason: String) -> async_graphql::Result<bool> {
        platform(ctx)?.block_reported_author(actor(ctx), id_of(&id, "report")?, &reason).await.map_err(to_gql)?;
        Ok(true)
    }
}
