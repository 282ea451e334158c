// SPDX-License-Identifier: AGPL-3.0-only
//! A project's header picture and its topics and areas.
use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::catalogue::can_see;
use super::model::project;
use super::taxonomy::Taxonomy;
use crate::modules::accounts::audit;
use crate::{Actor, CoreError, CoreResult, Platform, db, images};

/// Header pictures are scaled to fit this many pixels each way.
const HEADER_PIXELS: u32 = 1600;

/// Which table links projects to a list of terms.
fn link_table(kind: Taxonomy) -> (&'static str, &'static str) {
    match kind {
        Taxonomy::Topic => ("project_topics", "topic_id"),
        Taxonomy::Area => ("project_areas", "area_id"),
    }
}

#[derive(sea_orm::FromQueryResult)]
struct Link {
    project_id: i32,
    term_id: i32,
}

impl Platform {
    /// Replaces the header picture (checked by content, resized, without metadata).
    pub async fn set_project_header(&self, actor: &Actor, id: i32, upload: Vec<u8>) -> CoreResult<String> {
        let found = self.project_for_change(actor, id).await?;
        let field = "header_image";
        let fitted = self.picture(actor, field, move || images::fitted_jpeg(&upload, HEADER_PIXELS, field)).await?;
        let key = self.store_sized_jpeg("projects", id, fitted, "header_image").await?;
        let old = self.replace_header_key(actor, found, Some(key.clone())).await?;
        self.forget_file(old).await;
        Ok(key)
    }

    pub async fn remove_project_header(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = self.project_for_change(actor, id).await?;
        let old = self.replace_header_key(actor, found, None).await?;
        self.forget_file(old).await;
        Ok(())
    }

    async fn replace_header_key(
        &self,
        actor: &Actor,
        found: project::Model,
        key: Option<String>,
    ) -> CoreResult<Option<String>> {
        let old = found.header_image.clone();
        let id = found.id;
        let txn = db::begin_write(self.db()).await?;
        let mut active: project::ActiveModel = found.into();
        active.header_image = Set(key.clone());
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        audit::record(&txn, actor, "project.header", "project", Some(id.to_string()), json!({ "set": key.is_some() }))
            .await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(old)
    }

    /// A header picture's bytes (or one of its variants'), when its project is visible to `actor`.
    pub async fn project_header(&self, actor: &Actor, key: &str) -> CoreResult<Option<Vec<u8>>> {
        let (picture, _) = images::variants::parse(key);
        let found = project::Entity::find().filter(project::Column::HeaderImage.eq(picture)).one(self.db()).await?;
        if !found.is_some_and(|p| can_see(actor, &p)) {
            return Ok(None);
        }
        Ok(self.stored_file(key).await)
    }

    /// Sets a project's topics and areas (administrators and the project's moderators); `None`
    /// leaves that list as it is. Both lists are checked before anything is written, and both
    /// are written in one transaction, so a refused area leaves the topics unchanged too.
    pub async fn set_project_terms(
        &self,
        actor: &Actor,
        id: i32,
        topics: Option<&[i32]>,
        areas: Option<&[i32]>,
    ) -> CoreResult<()> {
        self.project_for_change(actor, id).await?;
        let lists: Vec<(Taxonomy, &[i32])> = [(Taxonomy::Topic, topics), (Taxonomy::Area, areas)]
            .into_iter()
            .filter_map(|(k, l)| Some((k, l?)))
            .collect();
        for (kind, ids) in &lists {
            let known: Vec<i32> = self.terms(*kind).await?.into_iter().map(|t| t.id).collect();
            if ids.iter().any(|i| !known.contains(i)) {
                let (field, code) =
                    if *kind == Taxonomy::Topic { ("topics", "topic_unknown") } else { ("areas", "area_unknown") };
                return Err(CoreError::Field { field, code });
            }
        }
        let txn = db::begin_write(self.db()).await?;
        for (kind, ids) in lists {
            replace_terms(&txn, actor, id, kind, ids).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// `(project, term)` pairs of several projects in one query.
    pub async fn project_terms(&self, kind: Taxonomy, projects: &[i32]) -> CoreResult<Vec<(i32, i32)>> {
        if projects.is_empty() {
            return Ok(Vec::new());
        }
        let (table, column) = link_table(kind);
        let query = Query::select()
            .expr_as(Expr::col(Alias::new("project_id")), Alias::new("project_id"))
            .expr_as(Expr::col(Alias::new(column)), Alias::new("term_id"))
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new("project_id")).is_in(projects.to_vec()))
            .to_owned();
        let backend = self.db().get_database_backend();
        let rows =
            <Link as sea_orm::FromQueryResult>::find_by_statement(sea_orm::StatementBuilder::build(&query, &backend))
                .all(self.db())
                .await?;
        Ok(rows.into_iter().map(|l| (l.project_id, l.term_id)).collect())
    }
}

/// Replaces the project's links to one list's terms, with its audit entry, inside `txn`.
async fn replace_terms(txn: &db::WriteTxn, actor: &Actor, id: i32, kind: Taxonomy, ids: &[i32]) -> CoreResult<()> {
    let (table, column) = link_table(kind);
    let clear =
        Query::delete().from_table(Alias::new(table)).and_where(Expr::col(Alias::new("project_id")).eq(id)).to_owned();
    txn.execute(&clear).await?;
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if !unique.is_empty() {
        let mut insert = Query::insert()
            .into_table(Alias::new(table))
            .columns([Alias::new("project_id"), Alias::new(column)])
            .to_owned();
        for term in &unique {
            insert.values_panic([id.into(), (*term).into()]);
        }
        txn.execute(&insert).await?;
    }
    let action = format!("project.{}s", kind.as_str());
    audit::record(txn, actor, &action, "project", Some(id.to_string()), json!(unique)).await?;
    Ok(())
}
