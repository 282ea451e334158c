// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The tables of project folders. The first table (m0001) was never written to and typed its
//! texts as JSON, which PostgreSQL will not read as text: it is made again with text columns,
//! with the folders' projects and moderators.
use townhall_core::migrations::cascade;
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct FolderPages;

impl MigrationName for FolderPages {
    fn name(&self) -> &str {
        "m0003_project_folder_pages"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for FolderPages {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("project_folders").if_exists().to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("project_folders")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("slug"))
                    // Multilingual JSON objects, as text.
                    .col(text("title"))
                    .col(text("description"))
                    .col(string_null("image"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("project_folder_projects")
                    .if_not_exists()
                    // A project is in one folder at most.
                    .col(integer("project_id").primary_key())
                    .col(integer("folder_id"))
                    .foreign_key(&mut cascade("project_folder_projects", "project_id", "projects"))
                    .foreign_key(&mut cascade("project_folder_projects", "folder_id", "project_folders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("project_folder_moderators")
                    .if_not_exists()
                    .col(integer("folder_id"))
                    .col(integer("user_id"))
                    .primary_key(Index::create().col("folder_id").col("user_id"))
                    .foreign_key(&mut cascade("project_folder_moderators", "folder_id", "project_folders"))
                    .foreign_key(&mut cascade("project_folder_moderators", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        // A folder's projects, and a signed-in request's folders, are read by these.
        for (name, table, column) in [
            ("project_folder_projects_by_folder", "project_folder_projects", "folder_id"),
            ("project_folder_moderators_by_user", "project_folder_moderators", "user_id"),
        ] {
            let index = Index::create().name(name).table(table).col(column).if_not_exists().to_owned();
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["project_folder_moderators", "project_folder_projects", "project_folders"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
