// SPDX-License-Identifier: AGPL-3.0-only
//! Idea statuses and official feedback. Administrators and the project's moderators move an idea
//! through the statuses, optionally with feedback; feedback can also be posted alone. Feedback is
//! shown as coming from the organisation, not from the person who wrote it.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::model::{idea, idea_status, official_feedback};
use crate::modules::accounts::audit;
use crate::modules::projects::multiloc::Multiloc;
use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform, db};

fn check_feedback(body: &str) -> CoreResult<String> {
    let body = body.trim();
    if !(1..=10_000).contains(&body.chars().count()) {
        return Err(CoreError::Field { field: "feedback", code: "body_length" });
    }
    Ok(body.to_owned())
}

/// The statuses every platform has; every other status counts as one of them (its category).
pub const CORE_STATUSES: [&str; 5] = ["proposed", "under_consideration", "accepted", "implemented", "rejected"];

impl Platform {
    /// Forgets the statuses kept in memory, after a module changed them.
    pub fn forget_idea_statuses(&self) {
        self.reference().idea_statuses.forget();
    }

    /// The statuses in display order (kept in memory, see `cache`).
    pub async fn idea_statuses(&self) -> CoreResult<Vec<idea_status::Model>> {
        let load = || async {
            Ok(idea_status::Entity::find().order_by_asc(idea_status::Column::Position).all(self.db()).await?)
        };
        Ok(self.reference().idea_statuses.get_or_load(load).await?.as_ref().clone())
    }

    /// The idea, when `actor` may answer for the organisation on it.
    async fn idea_to_answer(&self, actor: &Actor, idea_id: i32) -> CoreResult<idea::Model> {
        let found = self.idea_by_id(actor, idea_id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        if actor.user_id().is_none() && !actor.is_admin() {
            return Err(CoreError::NotSignedIn);
        }
        if !moderates(actor, found.project_id) {
            return Err(CoreError::Forbidden);
        }
        Ok(found)
    }

    /// Moves an idea to a status; a non-empty `feedback` is published with the change.
    pub async fn set_idea_status(
        &self,
        actor: &Actor,
        idea_id: i32,
        status_id: i32,
        feedback: Option<&str>,
    ) -> CoreResult<idea::Model> {
        let found = self.idea_to_answer(actor, idea_id).await?;
        let status = idea_status::Entity::find_by_id(status_id)
            .one(self.db())
            .await?
            .ok_or(CoreError::Field { field: "status", code: "idea_status_unknown" })?;
        let feedback = feedback.filter(|f| !f.trim().is_empty()).map(check_feedback).transpose()?;
        let txn = db::begin_write(self.db()).await?;
        let previous = found.status.clone();
        let mut active: idea::ActiveModel = found.into();
        active.status = Set(status.code.clone());
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        if let Some(body) = feedback {
            insert_feedback(&txn, actor, idea_id, body, Some(status.code.clone())).await?;
        }
        let details = json!({ "from": &previous, "to": status.code });
        audit::record(&txn, actor, "idea.status", "idea", Some(idea_id.to_string()), details).await?;
        let title = Multiloc::parse(&status.title).text(self.appearance().default_locale);
        self.tell_followers(&txn, actor, &saved, vec![("changed", "status".to_owned()), ("status", title)]).await?;
        let data = json!({
            "id": idea_id, "title": saved.title, "project_id": saved.project_id, "from": previous,
            "to": status.code, "category": status.category, "url": self.public_url(&format!("/ideas/{idea_id}")),
        });
        self.publish(&txn, crate::events::PlatformEvent { kind: "idea.status_changed", data }).await?;
        crate::modules::platform::changes::record_idea(
            &txn,
            &saved,
            crate::modules::platform::changes::ChangeAction::Updated,
        )
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    pub async fn post_official_feedback(
        &self,
        actor: &Actor,
        idea_id: i32,
        body: &str,
    ) -> CoreResult<official_feedback::Model> {
        self.idea_to_answer(actor, idea_id).await?;
        let body = check_feedback(body)?;
        let txn = db::begin_write(self.db()).await?;
        let saved = insert_feedback(&txn, actor, idea_id, body, None).await?;
        audit::record(&txn, actor, "idea.feedback", "idea", Some(idea_id.to_string()), json!({})).await?;
        if let Some(found) = idea::Entity::find_by_id(idea_id).one(&txn).await? {
            let values = vec![("changed", "answer".to_owned()), ("status", String::new())];
            self.tell_followers(&txn, actor, &found, values).await?;
        }
        txn.commit().await?;
        Ok(saved)
    }

    /// The idea's followers hear that the organisation answered (with the new status, if any).
    async fn tell_followers(
        &self,
        txn: &crate::db::WriteTxn,
        actor: &Actor,
        found: &idea::Model,
        mut values: Vec<(&'static str, String)>,
    ) -> CoreResult<()> {
        values.push(("idea", found.title.clone()));
        let followers = crate::modules::notifications::followers_of(txn, "idea", found.id).await?;
        let notice = crate::modules::notifications::Notice {
            kind: "idea_update",
            link: format!("/ideas/{}#official-feedback", found.id),
            values,
        };
        self.notify(txn, actor, followers, &notice).await
    }

    /// The official feedback on several ideas, newest first, in one query.
    pub async fn official_feedback_of(&self, ideas: &[i32]) -> CoreResult<Vec<official_feedback::Model>> {
        if ideas.is_empty() {
            return Ok(Vec::new());
        }
        Ok(official_feedback::Entity::find()
            .filter(official_feedback::Column::IdeaId.is_in(ideas.to_vec()))
            .order_by_desc(official_feedback::Column::Id)
            .all(self.db())
            .await?)
    }
}

async fn insert_feedback(
    txn: &crate::db::WriteTxn,
    actor: &Actor,
    idea_id: i32,
    body: String,
    status: Option<String>,
) -> CoreResult<official_feedback::Model> {
    Ok(official_feedback::ActiveModel {
        idea_id: Set(idea_id),
        author_id: Set(actor.user_id()),
        body: Set(body),
        status: Set(status),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}
