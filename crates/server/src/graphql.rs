// SPDX-License-Identifier: AGPL-3.0-only
//! The GraphQL schema: every edition's merged roots, with depth and complexity limits.
use async_graphql::{EmptySubscription, MergedObject, Schema};
use townhall_core::modules::{Mutation as CoreMutation, Query as CoreQuery};

use crate::editions::{PremiumMutation, PremiumQuery, StandardMutation, StandardQuery};

/// Deeper queries are refused before they run.
pub const MAX_DEPTH: usize = 12;
/// Queries whose summed field cost is higher are refused before they run.
pub const MAX_COMPLEXITY: usize = 1_000;

#[derive(MergedObject, Default)]
pub struct QueryRoot(CoreQuery, StandardQuery, PremiumQuery);

#[derive(MergedObject, Default)]
pub struct MutationRoot(CoreMutation, StandardMutation, PremiumMutation);

pub type TownhallSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema. Request data (the platform, the actor) is added per request. Personal data is
/// held back from API tokens without the right, field by field (`personal_data`).
pub fn schema() -> TownhallSchema {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .extension(townhall_core::personal_data::PersonalDataGuard)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_platform_and_license_mutation() {
        let sdl = schema().sdl();
        assert!(sdl.contains("platform: Platform!"), "{sdl}");
        assert!(sdl.contains("replaceLicense(key: String!): License!"), "{sdl}");
        assert!(!sdl.contains("MergedObjectTail"), "{sdl}");
    }
}
