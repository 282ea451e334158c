// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! API tokens for integrations. The table exists from the start; creating, using and revoking
//! tokens arrives with issue #8.
use townhall_core::graphql::{ModuleGraphql, NoGraphql};
use townhall_core::sea_orm::{DatabaseConnection, DbErr};
use townhall_core::sea_orm_migration::MigratorTrait;
use townhall_core::{Edition, FeatureDef, Module, async_trait};

use crate::migrations::PremiumMigrator;

pub const FEATURE: &str = "api_tokens";

#[derive(Debug, Default)]
pub struct ApiTokens;

#[async_trait]
impl Module for ApiTokens {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Premium
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Premium, "API tokens for integrations")]
    }

    /// The Premium edition's tables, recorded in `townhall_migrations_premium`.
    async fn migrate(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        PremiumMigrator::up(db, None).await
    }
}

impl ModuleGraphql for ApiTokens {
    type Query = NoGraphql;
    type Mutation = NoGraphql;
}
