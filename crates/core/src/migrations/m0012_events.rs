// SPDX-License-Identifier: AGPL-3.0-only
//! Events of projects and their registrations; the count of registrations is kept on the event
//! in the registration's transaction, which is also where the capacity is enforced.
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
                    .table("events")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("project_id"))
                    .col(text("title"))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(text("location"))
                    .col(text_null("online_link"))
                    .col(integer_null("capacity"))
                    .col(integer("registered").default(0))
                    .check(Expr::col("registered").gte(0))
                    .foreign_key(&mut cascade("events", "project_id", "projects"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("events_upcoming").table("events").col("starts_at").to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("events_project").table("events").col("project_id").col("starts_at").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("event_registrations")
                    .if_not_exists()
                    .col(integer("event_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("event_id").col("user_id"))
                    .foreign_key(&mut cascade("event_registrations", "event_id", "events"))
                    .foreign_key(&mut cascade("event_registrations", "user_id", "users"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["event_registrations", "events"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
