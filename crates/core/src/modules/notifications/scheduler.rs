// SPDX-License-Identifier: AGPL-3.0-only
//! Notices that come from the clock rather than from someone's action: a phase started in a
//! project one follows here, and what methods and modules send by the clock (the last day of a
//! vote one has not taken part in, results published, an event tomorrow) through their
//! `clock_notices`. Each run looks back over `CATCH_UP` (so downtime loses nothing) and
//! writes a mark with each notice in one transaction; a mark that exists already means
//! another run or server sent it, so each goes once.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TryInsertResult};

use super::model::mark;
use super::notify::Notice;
use super::recipients::followers;
use crate::events::PlatformEvent;
use crate::methods::ClockRequest;
use crate::modules::projects::PUBLISHED;
use crate::modules::projects::model::{phase, project};
use crate::modules::projects::multiloc::Multiloc;
use crate::{Actor, CoreResult, Platform, db};

/// How far back a run looks for what it may have missed.
pub const CATCH_UP_DAYS: i64 = 7;

impl Platform {
    /// Sends what is due at `now`; returns how many notices went out.
    pub async fn run_scheduler(&self, now: DateTime<Utc>) -> CoreResult<usize> {
        let since = now - Duration::days(CATCH_UP_DAYS);
        let locale = self.appearance().default_locale;
        let published: Vec<project::Model> =
            project::Entity::find().filter(project::Column::Status.eq(PUBLISHED)).all(self.db()).await?;
        let title_of = |id: i32| {
            published.iter().find(|p| p.id == id).map(|p| (p.slug.clone(), Multiloc::parse(&p.title).text(locale)))
        };
        let ids: Vec<i32> = published.iter().map(|p| p.id).collect();
        // Only phases that started or end around now can be due.
        let around = sea_orm::Condition::any()
            .add(phase::Column::StartAt.gt(since))
            .add(phase::Column::EndAt.between(since, now + Duration::hours(24)));
        let phases =
            phase::Entity::find().filter(phase::Column::ProjectId.is_in(ids)).filter(around).all(self.db()).await?;
        let mut sent = 0;
        for ph in &phases {
            let Some((slug, project)) = title_of(ph.project_id) else { continue };
            let phase_title = Multiloc::parse(&ph.title).text(locale);
            let values = vec![("project", project.clone()), ("phase", phase_title)];
            let link = format!("/projects/{slug}");
            if ph.start_at <= now && ph.start_at > since {
                let fans = followers(self.db(), "project", ph.project_id).await?;
                let notice = Notice { kind: "phase_started", link: link.clone(), values: values.clone() };
                let data = serde_json::json!({
                    "id": ph.id, "project_id": ph.project_id, "method": ph.method, "title": values[1].1,
                    "started_at": ph.start_at, "url": self.public_url(&link),
                });
                let event = PlatformEvent { kind: "phase.started", data };
                sent += self.once_with(&format!("phase_started:{}", ph.id), fans, &notice, Some(event)).await?;
            }
            if let Some(method) = self.registry().participation_method(&ph.method) {
                let request = ClockRequest { platform: self, phase: ph, now, since, link: &link, values: &values };
                sent += method.clock_notices(request).await?;
            }
        }
        for module in self.registry().modules() {
            sent += module.clock_notices(self, now, since).await?;
        }
        Ok(sent)
    }

    /// Sends a notice unless its mark `key` exists; the mark and the notice commit together, so
    /// a notice goes once whichever run or server sends it first. Answers 1 if it went now.
    pub async fn notify_once(&self, key: &str, recipients: Vec<i32>, notice: &Notice) -> CoreResult<usize> {
        self.once_with(key, recipients, notice, None).await
    }

    /// [`Self::notify_once`], publishing `event` with the notice.
    async fn once_with(
        &self,
        key: &str,
        recipients: Vec<i32>,
        notice: &Notice,
        event: Option<PlatformEvent>,
    ) -> CoreResult<usize> {
        let txn = db::begin_write(self.db()).await?;
        let inserted = mark::Entity::insert(mark::ActiveModel {
            key: sea_orm::ActiveValue::Set(key.to_owned()),
            created_at: sea_orm::ActiveValue::Set(Utc::now()),
        })
        .on_conflict_do_nothing_on([mark::Column::Key])
        .exec(&txn)
        .await?;
        if !matches!(inserted, TryInsertResult::Inserted(_)) {
            return Ok(0);
        }
        self.notify(&txn, &Actor::Operator, recipients, notice).await?;
        if let Some(event) = event {
            self.publish(&txn, event).await?;
        }
        txn.commit().await?;
        Ok(1)
    }
}
