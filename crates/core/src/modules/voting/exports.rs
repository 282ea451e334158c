// SPDX-License-Identifier: AGPL-3.0-only
//! Voting's export: the submitted ballots' votes, by pseudonymous ballot id.
use std::collections::HashMap;

use async_trait::async_trait;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::exports::rows::{PAGE_ROWS, after_pair, by_id, next, opt, time};
use crate::exports::{Cursor, ExportSource, Rows, Scope};
use crate::modules::ideas::model::idea;
use crate::modules::voting::model::{basket, basket_item};
use crate::{CoreResult, Platform};

/// Every vote of every submitted ballot.
pub struct Votes;

#[async_trait]
impl ExportSource for Votes {
    fn id(&self) -> &'static str {
        "votes"
    }

    fn header(&self, _personal: bool) -> Vec<&'static str> {
        vec!["phase", "ballot", "idea", "idea_title", "votes", "submitted_at"]
    }

    fn condition(&self, scope: Scope<'_>) -> Condition {
        let mut baskets = Query::select()
            .column(basket::Column::Id)
            .from(basket::Entity)
            .and_where(Expr::col(basket::Column::SubmittedSeq).is_not_null())
            .to_owned();
        if scope.project().is_some() {
            baskets.and_where(Expr::col(basket::Column::PhaseId).is_in(scope.phases().to_vec()));
        }
        Condition::all().add(Expr::col(basket_item::Column::BasketId).in_subquery(baskets))
    }

    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64> {
        Ok(basket_item::Entity::find().filter(condition).count(platform.db()).await?)
    }

    async fn page(&self, p: &Platform, _scope: Scope<'_>, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
        votes(p, c, cursor).await
    }
}

async fn votes(p: &Platform, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = basket_item::Entity::find()
        .filter(c.add(after_pair(basket_item::Column::BasketId, basket_item::Column::IdeaId, cursor)))
        .order_by_asc(basket_item::Column::BasketId)
        .order_by_asc(basket_item::Column::IdeaId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let baskets = by_id::<basket::Entity>(p, basket::Column::Id, list.iter().map(|i| i.basket_id), |x| x.id).await?;
    let titles: HashMap<i32, String> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .column(idea::Column::Title)
        .filter(idea::Column::Id.is_in(list.iter().map(|i| i.idea_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(p.db())
        .await?
        .into_iter()
        .collect();
    let rows = list
        .iter()
        .map(|i| {
            let b = baskets.get(&i.basket_id);
            vec![
                opt(b.map(|b| b.phase_id)),
                i.basket_id.to_string(),
                i.idea_id.to_string(),
                titles.get(&i.idea_id).cloned().unwrap_or_default(),
                i.votes.to_string(),
                opt(b.and_then(|b| b.submitted_at).map(time)),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|i| Cursor::AfterPair(i.basket_id, i.idea_id)))))
}
