// SPDX-License-Identifier: AGPL-3.0-only
//! Topics and areas in GraphQL: anyone reads them; administrators change them.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, Json, Object};

use super::graphql::locale_of;
use super::multiloc::Multiloc;
use super::taxonomy::{Taxonomy, Term};
use crate::CoreError;
use crate::graphql::{actor, platform, to_gql};

pub struct TermObject(Term);

#[Object(name = "Term")]
impl TermObject {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn title(&self, ctx: &Context<'_>, locale: Option<String>) -> String {
        self.0.text(&locale_of(ctx, locale))
    }

    async fn title_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.title).0)
    }

    async fn position(&self) -> i32 {
        self.0.position
    }
}

fn id_of(id: &ID, kind: Taxonomy) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(kind.as_str())))
}

async fn list(ctx: &Context<'_>, kind: Taxonomy) -> async_graphql::Result<Vec<TermObject>> {
    Ok(platform(ctx)?.terms(kind).await.map_err(to_gql)?.into_iter().map(TermObject).collect())
}

#[derive(Default)]
pub struct TaxonomyQuery;

#[Object]
impl TaxonomyQuery {
    async fn topics(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermObject>> {
        list(ctx, Taxonomy::Topic).await
    }

    async fn areas(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermObject>> {
        list(ctx, Taxonomy::Area).await
    }
}

#[derive(Default)]
pub struct TaxonomyMutation;

#[Object]
impl TaxonomyMutation {
    /// Adds a topic or an area (administrators).
    async fn create_term(
        &self,
        ctx: &Context<'_>,
        kind: Taxonomy,
        title: Json<BTreeMap<String, String>>,
        #[graphql(default)] position: i32,
    ) -> async_graphql::Result<TermObject> {
        let p = platform(ctx)?;
        Ok(TermObject(p.create_term(actor(ctx), kind, title.0, position).await.map_err(to_gql)?))
    }

    async fn update_term(
        &self,
        ctx: &Context<'_>,
        kind: Taxonomy,
        id: ID,
        title: Json<BTreeMap<String, String>>,
        #[graphql(default)] position: i32,
    ) -> async_graphql::Result<TermObject> {
        let p = platform(ctx)?;
        Ok(TermObject(p.update_term(actor(ctx), kind, id_of(&id, kind)?, title.0, position).await.map_err(to_gql)?))
    }

    /// Removes a topic or an area; what was tagged with it loses the tag.
    async fn delete_term(&self, ctx: &Context<'_>, kind: Taxonomy, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.delete_term(actor(ctx), kind, id_of(&id, kind)?).await.map_err(to_gql)?;
        Ok(true)
    }
}
