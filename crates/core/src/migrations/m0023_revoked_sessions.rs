// SPDX-License-Identifier: AGPL-3.0-only
//! Sessions ended on their own (signing out of one browser): the id each token carries, kept
//! until every token of that session has expired.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("revoked_sessions")
                    .if_not_exists()
                    .col(string("sid").primary_key())
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_revoked_sessions_expiry")
                    .table("revoked_sessions")
                    .col("expires_at")
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("revoked_sessions").if_exists().to_owned()).await
    }
}
