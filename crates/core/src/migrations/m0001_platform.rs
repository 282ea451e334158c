// SPDX-License-Identifier: AGPL-3.0-only
//! Platform state: feature switches, the licence in force, settings.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("feature_switches")
                    .if_not_exists()
                    .col(string("id").primary_key())
                    .col(boolean("enabled"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("platform_licenses")
                    .if_not_exists()
                    .col(integer("id").primary_key())
                    .col(text("token"))
                    .col(timestamp_with_time_zone("installed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("platform_settings")
                    .if_not_exists()
                    .col(string("key").primary_key())
                    .col(text("value"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["platform_settings", "platform_licenses", "feature_switches"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
