// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas can be drafts (no publication time yet; only their author and moderators see them), and
//! projects get a header picture.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let published = ColumnDef::new("published_at").timestamp_with_time_zone().null().to_owned();
        manager.alter_table(Table::alter().table("ideas").add_column(published).to_owned()).await?;
        // Every idea written before drafts existed was published when it was posted.
        let backfill = Query::update().table("ideas").value("published_at", Expr::col("created_at")).to_owned();
        manager.exec_stmt(backfill).await?;
        manager
            .create_index(
                Index::create().name("ideas_drafts").table("ideas").col("author_id").col("published_at").to_owned(),
            )
            .await?;
        let header = ColumnDef::new("header_image").string().null().to_owned();
        manager.alter_table(Table::alter().table("projects").add_column(header).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("projects").drop_column("header_image").to_owned()).await?;
        manager.drop_index(Index::drop().name("ideas_drafts").table("ideas").to_owned()).await?;
        manager.alter_table(Table::alter().table("ideas").drop_column("published_at").to_owned()).await
    }
}
