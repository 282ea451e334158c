// SPDX-License-Identifier: AGPL-3.0-only
//! What the notification scheduler has done: one row per time-based notice, so each is sent
//! once even with several servers, and the scheduler can catch up after downtime.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("schedule_marks")
                    .if_not_exists()
                    .col(string("key").primary_key())
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("schedule_marks").if_exists().to_owned()).await
    }
}
