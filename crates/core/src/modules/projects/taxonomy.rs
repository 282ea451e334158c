// SPDX-License-Identifier: AGPL-3.0-only
//! Topics and areas: two admin-managed lists with the same shape (a multilingual title and a
//! position) that projects and ideas are tagged with, so one set of functions serves both.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, FromQueryResult, StatementBuilder};
use serde_json::json;

use super::multiloc::Multiloc;
use crate::modules::accounts::audit;
use crate::{Actor, CoreError, CoreResult, Platform, db};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, async_graphql::Enum)]
pub enum Taxonomy {
    Topic,
    Area,
}

impl Taxonomy {
    fn table(self) -> Alias {
        Alias::new(match self {
            Taxonomy::Topic => "topics",
            Taxonomy::Area => "areas",
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Taxonomy::Topic => "topic",
            Taxonomy::Area => "area",
        }
    }
}

/// One topic or area.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Term {
    pub id: i32,
    /// Multilingual JSON object.
    pub title: String,
    pub position: i32,
}

impl Term {
    pub fn text(&self, locale: &str) -> String {
        Multiloc::parse(&self.title).text(locale)
    }
}

fn require_admin(actor: &Actor) -> CoreResult<()> {
    match actor {
        a if a.is_admin() => Ok(()),
        a if a.viewer().is_none() => Err(CoreError::NotSignedIn),
        _ => Err(CoreError::Forbidden),
    }
}

impl Platform {
    /// A list in display order (kept in memory, see `cache`).
    pub async fn terms(&self, kind: Taxonomy) -> CoreResult<Vec<Term>> {
        let cached = self.terms_cache(kind).get_or_load(|| self.load_terms(kind)).await?;
        Ok(cached.as_ref().clone())
    }

    fn terms_cache(&self, kind: Taxonomy) -> &crate::cache::Cached<Vec<Term>> {
        match kind {
            Taxonomy::Topic => &self.reference().topics,
            Taxonomy::Area => &self.reference().areas,
        }
    }

    async fn load_terms(&self, kind: Taxonomy) -> CoreResult<Vec<Term>> {
        let query = Query::select()
            .columns([Alias::new("id"), Alias::new("title"), Alias::new("position")])
            .from(kind.table())
            .order_by(Alias::new("position"), Order::Asc)
            .order_by(Alias::new("id"), Order::Asc)
            .to_owned();
        let backend = self.db().get_database_backend();
        Ok(Term::find_by_statement(StatementBuilder::build(&query, &backend)).all(self.db()).await?)
    }

    /// Adds a topic or an area (administrators).
    pub async fn create_term(
        &self,
        actor: &Actor,
        kind: Taxonomy,
        title: BTreeMap<String, String>,
        position: i32,
    ) -> CoreResult<Term> {
        require_admin(actor)?;
        let title = Multiloc::checked(title, "title", true, 80)?;
        let txn = db::begin_write(self.db()).await?;
        let insert = Query::insert()
            .into_table(kind.table())
            .columns([Alias::new("title"), Alias::new("position"), Alias::new("created_at")])
            .values_panic([title.to_json().into(), position.into(), Utc::now().into()])
            .returning_col(Alias::new("id"))
            .to_owned();
        let backend = txn.get_database_backend();
        let row = txn.query_one_raw(StatementBuilder::build(&insert, &backend)).await?;
        let id: i32 = row.ok_or(CoreError::NotFound("term"))?.try_get("", "id")?;
        let details = json!({ "title": title.0 });
        audit::record(&txn, actor, &format!("{}.create", kind.as_str()), kind.as_str(), Some(id.to_string()), details)
            .await?;
        txn.commit().await?;
        self.terms_cache(kind).forget();
        Ok(Term { id, title: title.to_json(), position })
    }

    pub async fn update_term(
        &self,
        actor: &Actor,
        kind: Taxonomy,
        id: i32,
        title: BTreeMap<String, String>,
        position: i32,
    ) -> CoreResult<Term> {
        require_admin(actor)?;
        let title = Multiloc::checked(title, "title", true, 80)?;
        let txn = db::begin_write(self.db()).await?;
        let update = Query::update()
            .table(kind.table())
            .values([(Alias::new("title"), title.to_json().into()), (Alias::new("position"), position.into())])
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .to_owned();
        if txn.execute(&update).await?.rows_affected() == 0 {
            return Err(CoreError::NotFound(kind.as_str()));
        }
        let details = json!({ "title": title.0 });
        audit::record(&txn, actor, &format!("{}.update", kind.as_str()), kind.as_str(), Some(id.to_string()), details)
            .await?;
        txn.commit().await?;
        self.terms_cache(kind).forget();
        Ok(Term { id, title: title.to_json(), position })
    }

    /// Removes a topic or an area; projects and ideas simply lose the tag.
    pub async fn delete_term(&self, actor: &Actor, kind: Taxonomy, id: i32) -> CoreResult<()> {
        require_admin(actor)?;
        let txn = db::begin_write(self.db()).await?;
        if kind == Taxonomy::Area {
            // `ideas.area_id` was added by an ALTER, which SQLite cannot give a foreign key.
            let untag = Query::update()
                .table(Alias::new("ideas"))
                .value(Alias::new("area_id"), Option::<i32>::None)
                .and_where(Expr::col(Alias::new("area_id")).eq(id))
                .to_owned();
            txn.execute(&untag).await?;
        }
        let delete = Query::delete().from_table(kind.table()).and_where(Expr::col(Alias::new("id")).eq(id)).to_owned();
        if txn.execute(&delete).await?.rows_affected() == 0 {
            return Err(CoreError::NotFound(kind.as_str()));
        }
        audit::record(
            &txn,
            actor,
            &format!("{}.delete", kind.as_str()),
            kind.as_str(),
            Some(id.to_string()),
            json!({}),
        )
        .await?;
        txn.commit().await?;
        self.terms_cache(kind).forget();
        Ok(())
    }
}
