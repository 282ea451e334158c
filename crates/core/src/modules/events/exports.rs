// SPDX-License-Identifier: AGPL-3.0-only
//! Events' export: who registered for which event (their e-mail addresses on request).
use async_trait::async_trait;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_pair, by_id, names, next, opt, time, with_person};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::events::model::{event, registration};
use crate::modules::projects::multiloc::Multiloc;
use crate::{CoreResult, Platform};

/// Who registered for which event, and when.
pub struct EventRegistrations;

#[async_trait]
impl ExportSource for EventRegistrations {
    fn id(&self) -> &'static str {
        "event-registrations"
    }

    fn header(&self, personal: bool) -> Vec<&'static str> {
        let mut h = vec!["event", "event_title", "starts_at", "resident", "registered_at"];
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
            Some(p) => {
                let events = Query::select()
                    .column(event::Column::Id)
                    .from(event::Entity)
                    .and_where(Expr::col(event::Column::ProjectId).eq(p))
                    .to_owned();
                Condition::all().add(Expr::col(registration::Column::EventId).in_subquery(events))
            }
            None => Condition::all(),
        }
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(registration::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        registrations(p, scope, c, cursor).await
    }
}

async fn registrations(p: &Platform, scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = registration::Entity::find()
        .filter(c.add(after_pair(registration::Column::EventId, registration::Column::UserId, cursor)))
        .order_by_asc(registration::Column::EventId)
        .order_by_asc(registration::Column::UserId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let events = by_id::<event::Entity>(p, event::Column::Id, list.iter().map(|x| x.event_id), |x| x.id).await?;
    let people = names(p, list.iter().map(|x| x.user_id)).await?;
    let rows = list
        .iter()
        .map(|x| {
            let e = events.get(&x.event_id);
            let row = vec![
                x.event_id.to_string(),
                opt(e.map(|e| Multiloc::parse(&e.title).text(scope.locale()))),
                opt(e.map(|e| time(e.starts_at))),
            ];
            with_person(row, people.get(&x.user_id), x.created_at, scope.request.personal)
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|x| Cursor::AfterPair(x.event_id, x.user_id)))))
}
