// SPDX-License-Identifier: AGPL-3.0-only
//! Notices that come from the clock rather than from someone's action: a phase started in a
//! project one follows, the last day of a vote one has not taken part in, results published,
//! an event tomorrow. Each run looks back over `CATCH_UP` (so downtime loses nothing) and
//! writes a mark with each notice in one transaction; a mark that exists already means
//! another run or server sent it, so each goes once.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, TryInsertResult};

use super::model::mark;
use super::notify::Notice;
use super::recipients::followers;
use crate::events::PlatformEvent;
use crate::modules::events::model::{event, registration};
use crate::modules::projects::model::{phase, project};
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::projects::{PUBLISHED, effective_settings};
use crate::modules::voting::model::basket;
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
        let phases = phase::Entity::find()
            .filter(phase::Column::ProjectId.is_in(ids.clone()))
            .filter(around)
            .all(self.db())
            .await?;
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
            if ph.method != crate::modules::voting::VOTING {
                continue;
            }
            let Some(end) = ph.end_at else { continue };
            let voters: Vec<i32> = basket::Entity::find()
                .select_only()
                .column(basket::Column::UserId)
                .filter(basket::Column::PhaseId.eq(ph.id))
                .filter(basket::Column::SubmittedSeq.is_not_null())
                .into_tuple()
                .all(self.db())
                .await?;
            if ph.is_open(now) && end <= now + Duration::hours(24) {
                // The project's followers and whoever started a basket, less those who submitted.
                let mut fans = followers(self.db(), "project", ph.project_id).await?;
                fans.extend(
                    basket::Entity::find()
                        .select_only()
                        .column(basket::Column::UserId)
                        .filter(basket::Column::PhaseId.eq(ph.id))
                        .filter(basket::Column::SubmittedSeq.is_null())
                        .into_tuple::<i32>()
                        .all(self.db())
                        .await?,
                );
                let waiting: Vec<i32> = fans.into_iter().filter(|u| !voters.contains(u)).collect();
                let notice = Notice { kind: "voting_last_day", link: link.clone(), values: values.clone() };
                sent += self.once(&format!("voting_last_day:{}", ph.id), waiting, &notice).await?;
            }
            let public = self
                .registry()
                .method(&ph.method)
                .map(|m| effective_settings(&m, &ph.settings))
                .and_then(|s| s.get("results_public").and_then(serde_json::Value::as_bool))
                .unwrap_or(false);
            if public && end <= now && end > since {
                let mut people = followers(self.db(), "project", ph.project_id).await?;
                people.extend(voters);
                // The seal comes first, so the mail can say what it holds.
                let sealed = self.seal_if_ended(ph.id, now).await?;
                let mut values = values;
                values.push(("sealed", if sealed.is_some() { "yes" } else { "no" }.to_owned()));
                values.push(("final_hash", sealed.map(|s| s.final_hash).unwrap_or_default()));
                let notice = Notice { kind: "results_published", link: format!("/phases/{}/results", ph.id), values };
                sent += self.once(&format!("results_published:{}", ph.id), people, &notice).await?;
            }
        }
        let soon = event::Entity::find()
            .filter(event::Column::ProjectId.is_in(ids))
            .filter(event::Column::StartsAt.gt(now))
            .filter(event::Column::StartsAt.lte(now + Duration::hours(24)))
            .all(self.db())
            .await?;
        for e in soon {
            let Some((slug, _)) = title_of(e.project_id) else { continue };
            let registered: Vec<i32> = registration::Entity::find()
                .select_only()
                .column(registration::Column::UserId)
                .filter(registration::Column::EventId.eq(e.id))
                .into_tuple()
                .all(self.db())
                .await?;
            let title = Multiloc::parse(&e.title).text(locale);
            let notice = Notice {
                kind: "event_tomorrow",
                link: format!("/projects/{slug}#events"),
                values: vec![("event", title)],
            };
            sent += self.once(&format!("event_tomorrow:{}", e.id), registered, &notice).await?;
        }
        Ok(sent)
    }

    /// Sends a notice unless its mark exists; the mark and the notice commit together.
    async fn once(&self, key: &str, recipients: Vec<i32>, notice: &Notice) -> CoreResult<usize> {
        self.once_with(key, recipients, notice, None).await
    }

    /// [`Self::once`], publishing `event` with the notice.
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
