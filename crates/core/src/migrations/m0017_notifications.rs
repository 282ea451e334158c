// SPDX-License-Identifier: AGPL-3.0-only
//! Notifications: what each resident is told in the platform, their choices per kind, and the
//! durable outbox e-mails wait in until a worker delivers them.
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
                    .table("notifications")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string("kind"))
                    // The values the message is written with (JSON object).
                    .col(text("payload"))
                    // Where the notification leads, a local path.
                    .col(string("link"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(&mut cascade("notifications", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("notifications_user").table("notifications").col("user_id").col("id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_unread")
                    .table("notifications")
                    .col("user_id")
                    .col("read_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notification_preferences")
                    .if_not_exists()
                    .col(integer("user_id"))
                    .col(string("kind"))
                    .col(boolean("in_app"))
                    .col(boolean("email"))
                    .primary_key(Index::create().col("user_id").col("kind"))
                    .foreign_key(&mut cascade("notification_preferences", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string("recipient"))
                    .col(text("subject"))
                    .col(text("text_body"))
                    .col(text("html_body"))
                    .col(text_null("unsubscribe_url"))
                    // `pending`, `sent` or `dead` (gave up after the last retry).
                    .col(string("status"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    // The worker that holds the message, until when.
                    .col(string_null("claimed_by"))
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("outbox_due").table("outbox").col("status").col("next_attempt_at").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["outbox", "notification_preferences", "notifications"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
