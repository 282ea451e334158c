// SPDX-License-Identifier: AGPL-3.0-only
//! Every idea status belongs to one of the five core statuses, its category: the core ones to
//! themselves, the statuses administrators add with the Standard edition to the one they chose.
//! Reports and exports can then group ideas the same way on every platform. Ideas get an
//! index by status.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let category = ColumnDef::new("category").string().not_null().default("proposed").to_owned();
        manager.alter_table(Table::alter().table("idea_statuses").add_column(category).to_owned()).await?;
        manager.get_connection().execute_unprepared("UPDATE idea_statuses SET category = code").await?;
        // How many ideas have each status: the back office asks before a status is deleted.
        manager
            .create_index(
                Index::create().name("ideas_by_status").table("ideas").col("status").if_not_exists().to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ideas_by_status").table("ideas").to_owned()).await?;
        manager.alter_table(Table::alter().table("idea_statuses").drop_column("category").to_owned()).await
    }
}
