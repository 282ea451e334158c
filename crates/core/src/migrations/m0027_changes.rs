// SPDX-License-Identifier: AGPL-3.0-only
//! The change feed (decision 0027): one small row per change to an idea, a comment, an event
//! or a vote's results, written in the transaction of the change, read in id order by the
//! `changes` query. It holds ids, kinds and times only, never content or a person. Nothing is
//! backfilled: the feed starts when this migration runs (a first sync reads the lists).
use sea_orm_migration::{prelude::*, schema::*};

const TABLE: &str = "changes";

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TABLE)
                    .if_not_exists()
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("kind", 32))
                    .col(integer("object_id"))
                    .col(string_len("action", 16))
                    .col(integer("project_id"))
                    .col(timestamp_with_time_zone("changed_at"))
                    .to_owned(),
            )
            .await?;
        // The pruning job deletes by time; the feed reads by id (the primary key).
        manager
            .create_index(
                Index::create()
                    .name("idx_changes_changed_at")
                    .table(TABLE)
                    .col("changed_at")
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TABLE).if_exists().to_owned()).await
    }
}
