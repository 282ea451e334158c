// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering: causes per phase and the residents who volunteer for them, with a counter on
//! each cause kept in the same transaction.
use sea_orm_migration::{prelude::*, schema::*};

use super::cascade;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("causes")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("phase_id"))
                    .col(text("title"))
                    .col(text("description"))
                    .col(integer("position"))
                    .col(integer("volunteers").default(0))
                    .foreign_key(&mut cascade("causes", "phase_id", "phases"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("causes_phase").table("causes").col("phase_id").to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("volunteers")
                    .if_not_exists()
                    .col(integer("cause_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("cause_id").col("user_id"))
                    .foreign_key(&mut cascade("volunteers", "cause_id", "causes"))
                    .foreign_key(&mut cascade("volunteers", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("volunteers_user").table("volunteers").col("user_id").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["volunteers", "causes"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
