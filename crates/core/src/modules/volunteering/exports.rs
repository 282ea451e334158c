// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering's export: who volunteers for which cause (their e-mail addresses on request).
use async_trait::async_trait;
use sea_orm::{Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_pair, by_id, names, next, of_phase_rows, opt, with_person};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::volunteering::model::{cause, volunteer};
use crate::{CoreResult, Platform};

/// Who volunteers for which cause, since when.
pub struct Volunteers;

#[async_trait]
impl ExportSource for Volunteers {
    fn id(&self) -> &'static str {
        "volunteers"
    }

    fn header(&self, personal: bool) -> Vec<&'static str> {
        let mut h = vec!["cause", "phase", "cause_title", "volunteer", "since"];
        if personal {
            h.push("email");
        }
        h
    }

    fn has_personal_data(&self) -> bool {
        true
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        match scope.project() {
            Some(_) => Condition::all().add(of_phase_rows(
                volunteer::Column::CauseId,
                cause::Entity,
                cause::Column::Id,
                cause::Column::PhaseId,
                scope.phases(),
            )),
            None => Condition::all(),
        }
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(volunteer::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        volunteers(p, scope, c, cursor).await
    }
}

async fn volunteers(p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = volunteer::Entity::find()
        .filter(c.add(after_pair(volunteer::Column::CauseId, volunteer::Column::UserId, cursor)))
        .order_by_asc(volunteer::Column::CauseId)
        .order_by_asc(volunteer::Column::UserId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let causes = by_id::<cause::Entity>(p, cause::Column::Id, list.iter().map(|v| v.cause_id), |x| x.id).await?;
    let people = names(p, list.iter().map(|v| v.user_id)).await?;
    let rows = list
        .iter()
        .map(|v| {
            let cause = causes.get(&v.cause_id);
            let row = vec![
                v.cause_id.to_string(),
                opt(cause.map(|c| c.phase_id)),
                opt(cause.map(|c| Multiloc::parse(&c.title).text(scope.locale()))),
            ];
            with_person(row, people.get(&v.user_id), v.created_at, scope.request.personal)
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|v| Cursor::AfterPair(v.cause_id, v.user_id)))))
}
