// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Project folders: group projects under a page of their own. The table exists from the start;
//! the pages and GraphQL arrive with issue #8.
use townhall_core::graphql::{ModuleGraphql, NoGraphql};
use townhall_core::sea_orm::{DatabaseConnection, DbErr};
use townhall_core::sea_orm_migration::MigratorTrait;
use townhall_core::{Edition, FeatureDef, Module, async_trait};

use crate::migrations::StandardMigrator;

pub const FEATURE: &str = "project_folders";

#[derive(Debug, Default)]
pub struct ProjectFolders;

#[async_trait]
impl Module for ProjectFolders {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "Project folders with their own page")]
    }

    /// The Standard edition's tables, recorded in `townhall_migrations_standard`.
    async fn migrate(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        StandardMigrator::up(db, None).await
    }
}

impl ModuleGraphql for ProjectFolders {
    type Query = NoGraphql;
    type Mutation = NoGraphql;
}
