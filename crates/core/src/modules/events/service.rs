// SPDX-License-Identifier: AGPL-3.0-only
//! Events of projects: administrators and the project's moderators plan them; residents
//! register and cancel. The capacity holds under any timing: the event row is locked, the
//! count checked and raised in one transaction.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;

use super::model::{event, registration};
use crate::modules::accounts::audit;
use crate::modules::platform::changes::{ChangeAction, ChangeKind, ProjectOf, record};
use crate::modules::projects::PUBLISHED;
use crate::modules::projects::model::project;
use crate::modules::projects::multiloc::Multiloc;
use crate::{Actor, CoreError, CoreResult, Platform, db};

#[derive(Debug, Clone, Default)]
pub struct EventInput {
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub location: String,
    pub online_link: Option<String>,
    pub capacity: Option<i32>,
}

fn field(field: &'static str, code: &'static str) -> CoreError {
    CoreError::Field { field, code }
}

impl Platform {
    pub async fn create_event(&self, actor: &Actor, project_id: i32, input: EventInput) -> CoreResult<event::Model> {
        self.project_for_change(actor, project_id).await?;
        let title = Multiloc::checked(input.title, "title", true, 200)?;
        let description = Multiloc::checked(input.description, "description", false, 10_000)?;
        let starts = input.starts_at.ok_or(field("starts_at", "date_invalid"))?;
        let ends = input.ends_at.ok_or(field("ends_at", "date_invalid"))?;
        if ends <= starts {
            return Err(field("ends_at", "end_before_start"));
        }
        let link = input.online_link.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
        if link.as_ref().is_some_and(|l| !(l.starts_with("https://") || l.starts_with("http://")) || l.len() > 500) {
            return Err(field("online_link", "link_invalid"));
        }
        if input.capacity.is_some_and(|c| c < 1) {
            return Err(field("capacity", "capacity_invalid"));
        }
        let location = input.location.trim().chars().take(300).collect::<String>();
        let txn = db::begin_write(self.db()).await?;
        let saved = event::ActiveModel {
            project_id: Set(project_id),
            title: Set(title.to_json()),
            description: Set(description.to_json()),
            starts_at: Set(starts),
            ends_at: Set(ends),
            location: Set(location),
            online_link: Set(link),
            capacity: Set(input.capacity),
            registered: Set(0),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            actor,
            "event.create",
            "project",
            Some(project_id.to_string()),
            json!({ "event": saved.id }),
        )
        .await?;
        record(&txn, ChangeKind::Event, ChangeAction::Created, saved.id, ProjectOf::Project(project_id)).await?;
        txn.commit().await?;
        Ok(saved)
    }

    pub async fn delete_event(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = event::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("event"))?;
        self.project_for_change(actor, found.project_id).await?;
        let txn = db::begin_write(self.db()).await?;
        event::Entity::delete_by_id(id).exec(&txn).await?;
        audit::record(
            &txn,
            actor,
            "event.delete",
            "project",
            Some(found.project_id.to_string()),
            json!({ "event": id }),
        )
        .await?;
        record(&txn, ChangeKind::Event, ChangeAction::Removed, id, ProjectOf::Project(found.project_id)).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A project's events, soonest first.
    pub async fn events_of(&self, actor: &Actor, project_id: i32) -> CoreResult<Vec<event::Model>> {
        if self.project_by_id(actor, project_id).await?.is_none() {
            return Err(CoreError::NotFound("project"));
        }
        Ok(event::Entity::find()
            .filter(event::Column::ProjectId.eq(project_id))
            .order_by_asc(event::Column::StartsAt)
            .all(self.db())
            .await?)
    }

    /// Events that have not ended, in published projects the actor can see, soonest first.
    pub async fn upcoming_events(&self, actor: &Actor, limit: u64) -> CoreResult<Vec<(event::Model, project::Model)>> {
        // The visible projects first (a short list), so the limit applies to events shown.
        let projects: Vec<project::Model> =
            self.projects(actor).await?.into_iter().filter(|p| p.status == PUBLISHED).collect();
        let rows = event::Entity::find()
            .filter(event::Column::EndsAt.gt(Utc::now()))
            .filter(event::Column::ProjectId.is_in(projects.iter().map(|p| p.id).collect::<Vec<_>>()))
            .order_by_asc(event::Column::StartsAt)
            .order_by_asc(event::Column::Id)
            .limit(limit.clamp(1, 200))
            .all(self.db())
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|e| {
                let p = projects.iter().find(|p| p.id == e.project_id)?;
                Some((e, p.clone()))
            })
            .collect())
    }

    /// Which of `events` the actor is registered for.
    pub async fn my_registrations(&self, actor: &Actor, events: &[i32]) -> CoreResult<Vec<i32>> {
        let Some(user) = actor.user_id() else { return Ok(Vec::new()) };
        Ok(registration::Entity::find()
            .filter(registration::Column::UserId.eq(user))
            .filter(registration::Column::EventId.is_in(events.to_vec()))
            .all(self.db())
            .await?
            .into_iter()
            .map(|r| r.event_id)
            .collect())
    }

    /// An event a resident may register for: visible, in a published project, not over.
    async fn event_for_resident(&self, actor: &Actor, id: i32) -> CoreResult<(event::Model, i32)> {
        let found = event::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("event"))?;
        let owner = self.project_by_id(actor, found.project_id).await?.ok_or(CoreError::NotFound("event"))?;
        if owner.status != PUBLISHED {
            return Err(CoreError::Denied(crate::permissions::Denial::ProjectNotPublished));
        }
        if found.ends_at <= Utc::now() {
            return Err(field("event", "event_over"));
        }
        let user = actor.user_id().ok_or(CoreError::Denied(crate::permissions::Denial::NotSignedIn))?;
        Ok((found, user))
    }

    /// Registers the actor; registering twice is one registration. Refused when the event is
    /// full, whatever the timing of the requests.
    pub async fn register_for_event(&self, actor: &Actor, id: i32) -> CoreResult<event::Model> {
        let (_, user) = self.event_for_resident(actor, id).await?;
        let txn = db::begin_write(self.db()).await?;
        let mut query = event::Entity::find_by_id(id);
        if txn.get_database_backend() == DbBackend::Postgres {
            query = query.lock_exclusive();
        }
        let locked = query.one(&txn).await?.ok_or(CoreError::NotFound("event"))?;
        let already = registration::Entity::find_by_id((id, user)).one(&txn).await?.is_some();
        if already {
            return Ok(locked);
        }
        if locked.capacity.is_some_and(|c| locked.registered >= c) {
            return Err(field("event", "event_full"));
        }
        registration::ActiveModel { event_id: Set(id), user_id: Set(user), created_at: Set(Utc::now()) }
            .insert(&txn)
            .await?;
        event::Entity::update_many()
            .col_expr(event::Column::Registered, Expr::col(event::Column::Registered).add(1))
            .filter(event::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        // The places left changed (who registered is not told).
        record(&txn, ChangeKind::Event, ChangeAction::Updated, id, ProjectOf::Project(locked.project_id)).await?;
        txn.commit().await?;
        Ok(event::Model { registered: locked.registered + 1, ..locked })
    }

    pub async fn cancel_event_registration(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let user = actor.user_id().ok_or(CoreError::Denied(crate::permissions::Denial::NotSignedIn))?;
        let txn = db::begin_write(self.db()).await?;
        let mut query = event::Entity::find_by_id(id);
        if txn.get_database_backend() == DbBackend::Postgres {
            query = query.lock_exclusive();
        }
        let locked = query.one(&txn).await?.ok_or(CoreError::NotFound("event"))?;
        let gone = registration::Entity::delete_many()
            .filter(registration::Column::EventId.eq(id))
            .filter(registration::Column::UserId.eq(user))
            .exec(&txn)
            .await?;
        if gone.rows_affected > 0 {
            event::Entity::update_many()
                .col_expr(event::Column::Registered, Expr::col(event::Column::Registered).sub(1))
                .filter(event::Column::Id.eq(id))
                .exec(&txn)
                .await?;
            record(&txn, ChangeKind::Event, ChangeAction::Updated, id, ProjectOf::Project(locked.project_id)).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// One event, or all of a project's, as an iCalendar file.
    /// One event's calendar file, past or upcoming, if its project is visible to `actor`.
    pub async fn event_ics(&self, actor: &Actor, id: i32, locale: &str) -> CoreResult<String> {
        let found = event::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("event"))?;
        self.events_ics(actor, found.project_id, Some(id), locale).await
    }

    pub async fn events_ics(
        &self,
        actor: &Actor,
        project_id: i32,
        only: Option<i32>,
        locale: &str,
    ) -> CoreResult<String> {
        let events: Vec<event::Model> =
            self.events_of(actor, project_id).await?.into_iter().filter(|e| only.is_none_or(|id| e.id == id)).collect();
        if only.is_some() && events.is_empty() {
            return Err(CoreError::NotFound("event"));
        }
        let host = self.base_url().split("://").nth(1).unwrap_or("localhost").trim_end_matches('/').to_owned();
        Ok(super::ics::calendar(&events, &host, self.base_url(), locale))
    }
}
