// SPDX-License-Identifier: AGPL-3.0-only
//! What events send by the clock: the day before an event of a published project, a reminder
//! to the people registered for it.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use super::model::{event, registration};
use crate::modules::notifications::Notice;
use crate::modules::projects::PUBLISHED;
use crate::modules::projects::model::project;
use crate::modules::projects::multiloc::Multiloc;
use crate::{CoreResult, Platform};

pub(super) async fn clock_notices(p: &Platform, now: DateTime<Utc>) -> CoreResult<usize> {
    let locale = p.appearance().default_locale;
    let soon = event::Entity::find()
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + Duration::hours(24)))
        .all(p.db())
        .await?;
    if soon.is_empty() {
        return Ok(0);
    }
    let published = project::Entity::find()
        .filter(project::Column::Id.is_in(soon.iter().map(|e| e.project_id)))
        .filter(project::Column::Status.eq(PUBLISHED))
        .all(p.db())
        .await?;
    let mut sent = 0;
    for e in soon {
        let Some(found) = published.iter().find(|p| p.id == e.project_id) else { continue };
        let registered: Vec<i32> = registration::Entity::find()
            .select_only()
            .column(registration::Column::UserId)
            .filter(registration::Column::EventId.eq(e.id))
            .into_tuple()
            .all(p.db())
            .await?;
        let notice = Notice {
            kind: "event_tomorrow",
            link: format!("/projects/{}#events", found.slug),
            values: vec![("event", Multiloc::parse(&e.title).text(locale))],
        };
        sent += p.notify_once(&format!("event_tomorrow:{}", e.id), registered, &notice).await?;
    }
    Ok(sent)
}
