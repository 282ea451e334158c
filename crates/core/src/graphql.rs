// SPDX-License-Identifier: AGPL-3.0-only
//! How a module contributes GraphQL, and the helpers resolvers share.
use async_graphql::{Context, ErrorExtensions, ObjectType};

use crate::{CoreError, Platform};

/// A module's GraphQL roots. Modules without queries or mutations use [`NoGraphql`].
pub trait ModuleGraphql {
    type Query: ObjectType + Default + 'static;
    type Mutation: ObjectType + Default + 'static;
}

/// An empty contribution to a merged root.
pub type NoGraphql = async_graphql::MergedObjectTail;

pub use crate::actor::Actor;

/// Turns a service error into a GraphQL error with a stable `code` extension.
pub fn to_gql(err: CoreError) -> async_graphql::Error {
    if let CoreError::Database(db) = &err {
        tracing::error!(error = %db, "database error in a GraphQL resolver");
    }
    let code = err.code();
    async_graphql::Error::new(err.public_message()).extend_with(|_, e| e.set("code", code))
}

/// The platform of this request.
pub fn platform<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Platform> {
    ctx.data::<Platform>()
}

/// The actor of this request (anonymous when none was set).
pub fn actor<'a>(ctx: &Context<'a>) -> &'a Actor {
    ctx.data_opt::<Actor>().unwrap_or(&Actor::Anonymous)
}

/// Fails unless `feature` is active; paid resolvers start with this.
pub async fn require_feature(ctx: &Context<'_>, feature: &str) -> async_graphql::Result<()> {
    platform(ctx)?.require_active(feature).await.map_err(to_gql)
}
