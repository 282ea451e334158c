// SPDX-License-Identifier: AGPL-3.0-only
//! What a vote sends by the clock: on its last day, a reminder to the project's followers and
//! to whoever started a basket without submitting it; once it ended with public results, the
//! results (with the seal, which is made first) to followers and voters.
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use super::model::basket;
use crate::CoreResult;
use crate::methods::ClockRequest;
use crate::modules::notifications::{Notice, followers};
use crate::modules::projects::effective_settings;

/// Users with a basket in the phase, submitted or not.
async fn basket_owners(r: &ClockRequest<'_>, submitted: bool) -> CoreResult<Vec<i32>> {
    let column = basket::Column::SubmittedSeq;
    Ok(basket::Entity::find()
        .select_only()
        .column(basket::Column::UserId)
        .filter(basket::Column::PhaseId.eq(r.phase.id))
        .filter(if submitted { column.is_not_null() } else { column.is_null() })
        .into_tuple()
        .all(r.platform.db())
        .await?)
}

pub(super) async fn clock_notices(r: ClockRequest<'_>) -> CoreResult<usize> {
    let (p, ph, now) = (r.platform, r.phase, r.now);
    let Some(end) = ph.end_at else { return Ok(0) };
    let mut sent = 0;
    let voters = basket_owners(&r, true).await?;
    let values = r.values.to_vec();
    if ph.is_open(now) && end <= now + Duration::hours(24) {
        // The project's followers and whoever started a basket, less those who submitted.
        let mut fans = followers(p.db(), "project", ph.project_id).await?;
        fans.extend(basket_owners(&r, false).await?);
        let waiting: Vec<i32> = fans.into_iter().filter(|u| !voters.contains(u)).collect();
        let notice = Notice { kind: "voting_last_day", link: r.link.to_owned(), values: values.clone() };
        sent += p.notify_once(&format!("voting_last_day:{}", ph.id), waiting, &notice).await?;
    }
    let public = effective_settings(&super::VOTING_METHOD, &ph.settings)
        .get("results_public")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    if public && end <= now && end > r.since {
        let mut people = followers(p.db(), "project", ph.project_id).await?;
        people.extend(voters);
        // The seal comes first, so the mail can say what it holds.
        let sealed = p.seal_if_ended(ph.id, now).await?;
        let mut values = values;
        values.push(("sealed", if sealed.is_some() { "yes" } else { "no" }.to_owned()));
        values.push(("final_hash", sealed.map(|s| s.final_hash).unwrap_or_default()));
        let notice = Notice { kind: "results_published", link: format!("/phases/{}/results", ph.id), values };
        sent += p.notify_once(&format!("results_published:{}", ph.id), people, &notice).await?;
    }
    Ok(sent)
}
