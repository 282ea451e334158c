// SPDX-License-Identifier: AGPL-3.0-only
//! Reports and the moderation queue. Residents report an idea or a comment; administrators and
//! the project's moderators hide it (with a reason its author sees), restore it, dismiss the
//! reports, or (administrators) block the author. Every action is in the audit log.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use super::model::report;
use crate::modules::accounts::Block;
use crate::modules::accounts::audit;
use crate::modules::ideas::model::{comment, idea};
use crate::modules::platform::changes;
use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const REASONS: [&str; 3] = ["spam", "inappropriate", "other"];
pub const NEW: &str = "new";
pub const HANDLED: &str = "handled";

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Idea(i32),
    Comment(i32),
}

impl Target {
    pub fn parse(kind: &str, id: i32) -> CoreResult<Target> {
        match kind {
            "idea" => Ok(Target::Idea(id)),
            "comment" => Ok(Target::Comment(id)),
            _ => Err(CoreError::Field { field: "target_type", code: "report_target_invalid" }),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Target::Idea(_) => "idea",
            Target::Comment(_) => "comment",
        }
    }

    pub fn id(self) -> i32 {
        match self {
            Target::Idea(id) | Target::Comment(id) => id,
        }
    }
}

/// A report in the queue with what it is about.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub report: report::Model,
    /// The idea's title, or the comment's text.
    pub excerpt: String,
    /// The idea the content is on (for links).
    pub idea_id: Option<i32>,
    pub author_id: Option<i32>,
    /// Whether the content is hidden now.
    pub hidden: bool,
}

#[derive(Debug, Clone, Default)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    /// Pass as `after` for the next page.
    pub next: Option<i32>,
}

fn field(field: &'static str, code: &'static str) -> CoreError {
    CoreError::Field { field, code }
}

impl Platform {
    /// The target's project and author, if `actor` can see it.
    async fn target_of(&self, actor: &Actor, target: Target) -> CoreResult<(i32, Option<i32>, i32)> {
        let idea_id = match target {
            Target::Idea(id) => id,
            Target::Comment(id) => {
                comment::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("comment"))?.idea_id
            }
        };
        let view = self.idea_by_id(actor, idea_id).await?.ok_or(CoreError::NotFound(target.kind()))?;
        let author = match target {
            Target::Idea(_) => view.idea.author_id,
            Target::Comment(id) => comment::Entity::find_by_id(id).one(self.db()).await?.and_then(|c| c.author_id),
        };
        Ok((view.idea.project_id, author, idea_id))
    }

    /// A resident reports content; reporting the same thing again while it waits is one report.
    pub async fn report(&self, actor: &Actor, target: Target, reason: &str, text: &str) -> CoreResult<report::Model> {
        let reporter = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        if !REASONS.contains(&reason) {
            return Err(field("reason", "report_reason_invalid"));
        }
        let text = text.trim();
        if text.chars().count() > 1000 {
            return Err(field("text", "text_too_long"));
        }
        if reason == "other" && text.is_empty() {
            return Err(field("text", "report_text_required"));
        }
        let (project_id, _, _) = self.target_of(actor, target).await?;
        let txn = db::begin_write(self.db()).await?;
        let open = report::Entity::find()
            .filter(report::Column::TargetType.eq(target.kind()))
            .filter(report::Column::TargetId.eq(target.id()))
            .filter(report::Column::ReporterId.eq(reporter))
            .filter(report::Column::Status.eq(NEW))
            .one(&txn)
            .await?;
        if let Some(open) = open {
            return Ok(open);
        }
        let saved = report::ActiveModel {
            target_type: Set(target.kind().to_owned()),
            target_id: Set(target.id()),
            project_id: Set(project_id),
            reporter_id: Set(Some(reporter)),
            reason: Set(reason.to_owned()),
            text: Set(text.to_owned()),
            status: Set(NEW.to_owned()),
            outcome: Set(None),
            handled_by: Set(None),
            handled_at: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// The reports of the projects `actor` moderates, newest first.
    pub async fn moderation_queue(
        &self,
        actor: &Actor,
        status: &str,
        project: Option<i32>,
        target_type: Option<&str>,
        first: u64,
        after: Option<i32>,
    ) -> CoreResult<QueuePage> {
        if actor.viewer().is_none() && !actor.is_admin() {
            return Err(CoreError::NotSignedIn);
        }
        let mut query = report::Entity::find().filter(report::Column::Status.eq(status));
        match project {
            Some(p) if moderates(actor, p) => query = query.filter(report::Column::ProjectId.eq(p)),
            Some(_) => return Err(CoreError::Forbidden),
            None if actor.is_admin() => {}
            None => {
                let mine = crate::modules::projects::moderated_projects(actor);
                if mine.is_empty() {
                    return Err(CoreError::Forbidden);
                }
                query = query.filter(report::Column::ProjectId.is_in(mine));
            }
        }
        if let Some(kind) = target_type {
            query = query.filter(report::Column::TargetType.eq(kind));
        }
        if let Some(after) = after {
            query = query.filter(report::Column::Id.lt(after));
        }
        let first = first.clamp(1, 100);
        let mut reports = query.order_by_desc(report::Column::Id).limit(first + 1).all(self.db()).await?;
        let more = reports.len() as u64 > first;
        reports.truncate(first as usize);
        let idea_ids: Vec<i32> = reports.iter().filter(|r| r.target_type == "idea").map(|r| r.target_id).collect();
        let comment_ids: Vec<i32> =
            reports.iter().filter(|r| r.target_type == "comment").map(|r| r.target_id).collect();
        let ideas = idea::Entity::find().filter(idea::Column::Id.is_in(idea_ids)).all(self.db()).await?;
        let comments = comment::Entity::find().filter(comment::Column::Id.is_in(comment_ids)).all(self.db()).await?;
        let items = reports
            .into_iter()
            .map(|r| {
                let (excerpt, idea_id, author_id, hidden) = if r.target_type == "idea" {
                    ideas.iter().find(|i| i.id == r.target_id).map_or((String::new(), None, None, false), |i| {
                        (i.title.clone(), Some(i.id), i.author_id, i.hidden_at.is_some())
                    })
                } else {
                    comments.iter().find(|c| c.id == r.target_id).map_or((String::new(), None, None, false), |c| {
                        (c.body.clone(), Some(c.idea_id), c.author_id, c.state == crate::modules::ideas::REMOVED)
                    })
                };
                QueueItem { report: r, excerpt, idea_id, author_id, hidden }
            })
            .collect::<Vec<_>>();
        let next = if more { items.last().map(|i| i.report.id) } else { None };
        Ok(QueuePage { items, next })
    }

    /// Marks the open reports on a target handled, with what was done.
    async fn close_reports(
        &self,
        txn: &crate::db::WriteTxn,
        actor: &Actor,
        target: Target,
        outcome: &str,
    ) -> CoreResult<()> {
        report::Entity::update_many()
            .col_expr(report::Column::Status, Expr::value(HANDLED))
            .col_expr(report::Column::Outcome, Expr::value(outcome))
            .col_expr(report::Column::HandledBy, Expr::value(actor.user_id()))
            .col_expr(report::Column::HandledAt, Expr::value(Utc::now()))
            .filter(report::Column::TargetType.eq(target.kind()))
            .filter(report::Column::TargetId.eq(target.id()))
            .filter(report::Column::Status.eq(NEW))
            .exec(txn)
            .await?;
        Ok(())
    }

    async fn require_moderator_of(&self, actor: &Actor, target: Target) -> CoreResult<()> {
        let (project, _, _) = self.target_of(actor, target).await?;
        if moderates(actor, project) {
            Ok(())
        } else if actor.viewer().is_none() && !actor.is_admin() {
            Err(CoreError::NotSignedIn)
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// Hides content with a reason its author sees; its open reports are handled.
    pub async fn hide_content(&self, actor: &Actor, target: Target, reason: &str) -> CoreResult<()> {
        self.require_moderator_of(actor, target).await?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(field("reason", "reason_required"));
        }
        if reason.chars().count() > 500 {
            return Err(field("reason", "text_too_long"));
        }
        match target {
            Target::Comment(id) => {
                self.remove_comment_as_moderator(actor, id, reason).await?;
                let txn = db::begin_write(self.db()).await?;
                self.close_reports(&txn, actor, target, "hidden").await?;
                self.tell_author_hidden(&txn, actor, target, reason).await?;
                txn.commit().await?;
            }
            Target::Idea(id) => {
                let txn = db::begin_write(self.db()).await?;
                let before = idea::Entity::find_by_id(id).one(&txn).await?;
                idea::Entity::update_many()
                    .col_expr(idea::Column::HiddenAt, Expr::value(Utc::now()))
                    .col_expr(idea::Column::HiddenReason, Expr::value(reason))
                    .filter(idea::Column::Id.eq(id))
                    .exec(&txn)
                    .await?;
                self.close_reports(&txn, actor, target, "hidden").await?;
                audit::record(&txn, actor, "idea.hide", "idea", Some(id.to_string()), json!({ "reason": reason }))
                    .await?;
                self.tell_author_hidden(&txn, actor, target, reason).await?;
                // Hidden, the idea leaves the copies (it was in them only if it was public).
                if let Some(before) = before {
                    changes::record_idea(&txn, &before, changes::ChangeAction::Removed).await?;
                }
                txn.commit().await?;
            }
        }
        Ok(())
    }

    /// The author of hidden content hears of it, with the reason.
    async fn tell_author_hidden(
        &self,
        txn: &crate::db::WriteTxn,
        actor: &Actor,
        target: Target,
        reason: &str,
    ) -> CoreResult<()> {
        let (author, idea_id) = match target {
            Target::Idea(id) => (idea::Entity::find_by_id(id).one(txn).await?.and_then(|i| i.author_id), id),
            Target::Comment(id) => match comment::Entity::find_by_id(id).one(txn).await? {
                Some(c) => (c.author_id, c.idea_id),
                None => (None, 0),
            },
        };
        let title = idea::Entity::find_by_id(idea_id).one(txn).await?.map(|i| i.title).unwrap_or_default();
        let notice = crate::modules::notifications::Notice {
            kind: "content_hidden",
            link: format!("/ideas/{idea_id}"),
            values: vec![("idea", title), ("reason", reason.to_owned()), ("what", target.kind().to_owned())],
        };
        self.notify(txn, actor, author, &notice).await
    }

    /// Shows hidden content again.
    pub async fn restore_content(&self, actor: &Actor, target: Target) -> CoreResult<()> {
        self.require_moderator_of(actor, target).await?;
        match target {
            Target::Comment(id) => self.restore_comment(actor, id).await?,
            Target::Idea(id) => {
                let txn = db::begin_write(self.db()).await?;
                idea::Entity::update_many()
                    .col_expr(idea::Column::HiddenAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
                    .col_expr(idea::Column::HiddenReason, Expr::value(Option::<String>::None))
                    .filter(idea::Column::Id.eq(id))
                    .exec(&txn)
                    .await?;
                audit::record(&txn, actor, "idea.restore", "idea", Some(id.to_string()), json!({})).await?;
                self.close_reports(&txn, actor, target, "restored").await?;
                if let Some(shown) = idea::Entity::find_by_id(id).one(&txn).await? {
                    changes::record_idea(&txn, &shown, changes::ChangeAction::Created).await?;
                }
                txn.commit().await?;
            }
        }
        Ok(())
    }

    /// Dismisses the open reports on a report's target: the content stays.
    pub async fn dismiss_report(&self, actor: &Actor, report_id: i32) -> CoreResult<()> {
        let found = report::Entity::find_by_id(report_id).one(self.db()).await?.ok_or(CoreError::NotFound("report"))?;
        let target = Target::parse(&found.target_type, found.target_id)?;
        if !moderates(actor, found.project_id) {
            return Err(if actor.viewer().is_none() { CoreError::NotSignedIn } else { CoreError::Forbidden });
        }
        let txn = db::begin_write(self.db()).await?;
        self.close_reports(&txn, actor, target, "dismissed").await?;
        let detail = json!({ "target": target.kind(), "id": target.id() });
        audit::record(&txn, actor, "report.dismiss", "report", Some(report_id.to_string()), detail).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Blocks the author of a report's target (administrators) and hides the content.
    pub async fn block_reported_author(&self, actor: &Actor, report_id: i32, reason: &str) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let found = report::Entity::find_by_id(report_id).one(self.db()).await?.ok_or(CoreError::NotFound("report"))?;
        let target = Target::parse(&found.target_type, found.target_id)?;
        let (_, author, _) = self.target_of(actor, target).await?;
        let author = author.ok_or(field("reason", "report_author_gone"))?;
        self.block_user(actor, author, Block { reason: reason.to_owned(), until: None }).await?;
        self.hide_content(actor, target, reason).await?;
        let txn = db::begin_write(self.db()).await?;
        report::Entity::update_many()
            .col_expr(report::Column::Outcome, Expr::value("blocked"))
            .filter(report::Column::TargetType.eq(target.kind()))
            .filter(report::Column::TargetId.eq(target.id()))
            .filter(report::Column::Outcome.eq("hidden"))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }
}
