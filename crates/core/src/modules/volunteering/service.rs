// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering: administrators list causes in a phase; residents volunteer and withdraw; the
//! project's moderators see who volunteered for what, and export it.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TryInsertResult,
};
use serde_json::json;

use super::model::{cause, volunteer};
use crate::db::WriteTxn;
use crate::exports::CsvText;
use crate::modules::accounts::audit;
use crate::modules::accounts::model::user;
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::volunteering::VOLUNTEER;
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const VOLUNTEERING: &str = "volunteering";

/// One resident volunteering for one cause, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerRow {
    pub cause_id: i32,
    pub name: String,
    pub email: String,
    pub since: chrono::DateTime<Utc>,
}

/// The volunteering services, as `platform.volunteering()` offers them (decision 0032).
#[derive(Clone, Copy)]
pub struct VolunteeringService<'a>(&'a Platform);

impl Platform {
    pub fn volunteering(&self) -> VolunteeringService<'_> {
        VolunteeringService(self)
    }
}

/// The platform's own services (the database, permissions, projects) stay at hand as `self.…`.
impl std::ops::Deref for VolunteeringService<'_> {
    type Target = Platform;

    fn deref(&self) -> &Platform {
        self.0
    }
}

impl VolunteeringService<'_> {
    async fn volunteering_phase(&self, phase_id: i32) -> CoreResult<phase::Model> {
        let found = self.phase_of(phase_id).await?;
        if found.method != VOLUNTEERING {
            return Err(CoreError::Field { field: "phase", code: "not_a_volunteering_phase" });
        }
        Ok(found)
    }

    /// The causes of a phase with, for a signed-in resident, the ones they volunteer for.
    pub async fn causes(&self, actor: &Actor, phase_id: i32) -> CoreResult<(Vec<cause::Model>, Vec<i32>)> {
        let found = self.volunteering_phase(phase_id).await?;
        if self.project_by_id(actor, found.project_id).await?.is_none() {
            return Err(CoreError::NotFound("phase"));
        }
        let causes = cause::Entity::find()
            .filter(cause::Column::PhaseId.eq(phase_id))
            .order_by_asc(cause::Column::Position)
            .order_by_asc(cause::Column::Id)
            .all(self.db())
            .await?;
        let mine = match actor.user_id() {
            Some(user) => volunteer::Entity::find()
                .filter(volunteer::Column::UserId.eq(user))
                .filter(volunteer::Column::CauseId.is_in(causes.iter().map(|c| c.id).collect::<Vec<_>>()))
                .all(self.db())
                .await?
                .into_iter()
                .map(|v| v.cause_id)
                .collect(),
            None => Vec::new(),
        };
        Ok((causes, mine))
    }

    /// Adds a cause (administrators and the project's moderators).
    pub async fn add_cause(
        &self,
        actor: &Actor,
        phase_id: i32,
        title: BTreeMap<String, String>,
        description: BTreeMap<String, String>,
    ) -> CoreResult<cause::Model> {
        let found = self.volunteering_phase(phase_id).await?;
        self.project_for_change(actor, found.project_id).await?;
        let title = Multiloc::checked(title, "title", true, 200)?;
        let description = Multiloc::checked(description, "description", false, 5_000)?;
        let position = cause::Entity::find().filter(cause::Column::PhaseId.eq(phase_id)).count(self.db()).await? as i32;
        let txn = db::begin_write(self.db()).await?;
        let saved = cause::ActiveModel {
            phase_id: Set(phase_id),
            title: Set(title.to_json()),
            description: Set(description.to_json()),
            position: Set(position),
            volunteers: Set(0),
            image: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(&txn, actor, "cause.create", "phase", Some(phase_id.to_string()), json!({ "cause": saved.id }))
            .await?;
        txn.commit().await?;
        Ok(saved)
    }

    pub async fn delete_cause(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = cause::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("cause"))?;
        let owner = self.volunteering_phase(found.phase_id).await?;
        self.project_for_change(actor, owner.project_id).await?;
        let txn = db::begin_write(self.db()).await?;
        cause::Entity::delete_by_id(id).exec(&txn).await?;
        audit::record(&txn, actor, "cause.delete", "phase", Some(found.phase_id.to_string()), json!({ "cause": id }))
            .await?;
        txn.commit().await?;
        self.forget_file(found.image).await;
        Ok(())
    }

    async fn cause_for_action(&self, actor: &Actor, cause_id: i32) -> CoreResult<(cause::Model, i32)> {
        let found = cause::Entity::find_by_id(cause_id).one(self.db()).await?.ok_or(CoreError::NotFound("cause"))?;
        let owner = self.volunteering_phase(found.phase_id).await?;
        self.require_permission(actor, VOLUNTEER, &owner).await?;
        let user = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        Ok((found, user))
    }

    /// Volunteers for a cause; doing it twice is one volunteering.
    pub async fn sign_up(&self, actor: &Actor, cause_id: i32) -> CoreResult<()> {
        let (found, user) = self.cause_for_action(actor, cause_id).await?;
        let txn = db::begin_write(self.db()).await?;
        let inserted = volunteer::Entity::insert(volunteer::ActiveModel {
            cause_id: Set(found.id),
            user_id: Set(user),
            created_at: Set(Utc::now()),
        })
        .on_conflict_do_nothing_on([volunteer::Column::CauseId, volunteer::Column::UserId])
        .exec(&txn)
        .await?;
        if matches!(inserted, TryInsertResult::Inserted(_)) {
            bump(&txn, found.id, 1).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    pub async fn withdraw(&self, actor: &Actor, cause_id: i32) -> CoreResult<()> {
        let (found, user) = self.cause_for_action(actor, cause_id).await?;
        let txn = db::begin_write(self.db()).await?;
        let gone = volunteer::Entity::delete_many()
            .filter(volunteer::Column::CauseId.eq(found.id))
            .filter(volunteer::Column::UserId.eq(user))
            .exec(&txn)
            .await?;
        if gone.rows_affected > 0 {
            bump(&txn, found.id, -1).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Who volunteered for the causes of a phase, oldest first (the project's moderators).
    pub async fn volunteers(&self, actor: &Actor, phase_id: i32) -> CoreResult<Vec<VolunteerRow>> {
        let found = self.volunteering_phase(phase_id).await?;
        self.project_for_change(actor, found.project_id).await?;
        let (causes, _) = self.causes(actor, phase_id).await?;
        let rows = volunteer::Entity::find()
            .filter(volunteer::Column::CauseId.is_in(causes.iter().map(|c| c.id).collect::<Vec<_>>()))
            .order_by_asc(volunteer::Column::CreatedAt)
            .order_by_asc(volunteer::Column::UserId)
            .all(self.db())
            .await?;
        let people: BTreeMap<i32, user::Model> = user::Entity::find()
            .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id).collect::<Vec<_>>()))
            .all(self.db())
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        Ok(rows
            .into_iter()
            .map(|r| {
                let person = people.get(&r.user_id);
                VolunteerRow {
                    cause_id: r.cause_id,
                    name: person.map(|u| u.display_name.clone()).unwrap_or_default(),
                    email: person.map(|u| u.email.clone()).unwrap_or_default(),
                    since: r.created_at,
                }
            })
            .collect())
    }

    /// Who volunteered for each cause of a phase, as CSV with names and e-mail addresses (the
    /// project's moderators; the export is written in the audit log).
    pub async fn csv(&self, actor: &Actor, phase_id: i32, locale: &str) -> CoreResult<String> {
        let rows = self.volunteers(actor, phase_id).await?;
        let (causes, _) = self.causes(actor, phase_id).await?;
        let mut text = CsvText::new();
        text.row(["cause", "name", "email", "since"])?;
        for r in &rows {
            let cause = causes.iter().find(|c| c.id == r.cause_id).map(|c| Multiloc::parse(&c.title).text(locale));
            text.row([cause.unwrap_or_default(), r.name.clone(), r.email.clone(), r.since.to_rfc3339()])?;
        }
        let out = text.finish()?;
        let txn = db::begin_write(self.db()).await?;
        audit::record(
            &txn,
            actor,
            "volunteers.export",
            "phase",
            Some(phase_id.to_string()),
            json!({ "rows": rows.len() }),
        )
        .await?;
        txn.commit().await?;
        Ok(out)
    }
}

async fn bump(txn: &WriteTxn, cause_id: i32, by: i32) -> CoreResult<()> {
    cause::Entity::update_many()
        .col_expr(cause::Column::Volunteers, Expr::col(cause::Column::Volunteers).add(by))
        .filter(cause::Column::Id.eq(cause_id))
        .exec(txn)
        .await?;
    Ok(())
}
