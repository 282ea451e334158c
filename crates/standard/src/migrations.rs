// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The Standard edition's migrations, in their own table so that a core-only binary never sees
//! them and still opens the database.
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

/// The Standard edition's migrations in order (the upgrade test undoes the later ones too).
pub struct StandardMigrator;

#[async_trait::async_trait]
impl MigratorTrait for StandardMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(CreateProjectFolders),
            Box::new(crate::user_groups::migration::CreateUserGroups),
            Box::new(crate::project_folders::migration::FolderPages),
            Box::new(crate::custom_registration_fields::migration::CreateRegistrationFields),
            Box::new(crate::single_sign_on::migration::CreateSignInProviders),
        ]
    }

    fn migration_table_name() -> DynIden {
        "townhall_migrations_standard".into_iden()
    }
}

struct CreateProjectFolders;

impl MigrationName for CreateProjectFolders {
    fn name(&self) -> &str {
        "m0001_create_project_folders"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateProjectFolders {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("project_folders")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("slug"))
                    .col(json("title"))
                    .col(json("description"))
                    .col(integer("position").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("project_folders").if_exists().to_owned()).await
    }
}
