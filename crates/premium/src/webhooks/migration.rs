// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Webhooks: the endpoints administrators register, and the deliveries waiting or done (a
//! durable queue with the outbox's columns, claimed by one worker at a time).
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct CreateWebhooks;

impl MigrationName for CreateWebhooks {
    fn name(&self) -> &str {
        "m0003_create_webhooks"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateWebhooks {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("webhooks")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(text("url"))
                    .col(string("description").default(""))
                    // The event kinds it hears, as a JSON array.
                    .col(text("events"))
                    // The key of the signatures; receivers need it, so it is kept as it is.
                    .col(string("secret"))
                    .col(boolean("active").default(true))
                    .col(integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("webhook_id"))
                    .col(string("event"))
                    .col(text("payload"))
                    // `pending`, `delivered` or `dead` (gave up after the last retry).
                    .col(string("status"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(string_null("claimed_by"))
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(integer_null("last_status_code"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("delivered_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("webhook_deliveries", "webhook_id")
                            .to("webhooks", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("webhook_deliveries_due", ["status", "next_attempt_at"]),
            ("webhook_deliveries_by_webhook", ["webhook_id", "id"]),
        ] {
            let mut index = Index::create();
            index.name(name).table("webhook_deliveries").if_not_exists();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("webhook_deliveries").if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table("webhooks").if_exists().to_owned()).await
    }
}

/// Secret rotation and redelivery (issue #15): the secret an endpoint had before its last
/// rotation, until when it still signs, and the delivery a redelivery repeats.
pub(crate) struct WebhookRotationAndRedelivery;

impl MigrationName for WebhookRotationAndRedelivery {
    fn name(&self) -> &str {
        "m0006_webhook_rotation_and_redelivery"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for WebhookRotationAndRedelivery {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let changes = [
            ("webhooks", string_null("previous_secret")),
            ("webhooks", timestamp_with_time_zone_null("previous_secret_expires_at")),
            ("webhook_deliveries", integer_null("redelivery_of")),
        ];
        for (table, mut column) in changes {
            manager.alter_table(Table::alter().table(table).add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            ("webhooks", "previous_secret"),
            ("webhooks", "previous_secret_expires_at"),
            ("webhook_deliveries", "redelivery_of"),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
