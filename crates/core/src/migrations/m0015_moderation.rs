// SPDX-License-Identifier: AGPL-3.0-only
//! Moderation: residents' reports of ideas and comments, and ideas a moderator hid (with the
//! reason, which their author sees).
use sea_orm_migration::{prelude::*, schema::*};

use super::cascade;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let hidden_at = ColumnDef::new("hidden_at").timestamp_with_time_zone().null().to_owned();
        manager.alter_table(Table::alter().table("ideas").add_column(hidden_at).to_owned()).await?;
        let reason = ColumnDef::new("hidden_reason").text().null().to_owned();
        manager.alter_table(Table::alter().table("ideas").add_column(reason).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("reports")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    // `idea` or `comment`.
                    .col(string("target_type"))
                    .col(integer("target_id"))
                    .col(integer("project_id"))
                    .col(integer_null("reporter_id"))
                    // `spam`, `inappropriate` or `other`.
                    .col(string("reason"))
                    .col(text("text"))
                    // `new` or `handled`.
                    .col(string("status"))
                    // What the moderator did: `hidden`, `dismissed`, `restored` or `blocked`.
                    .col(string_null("outcome"))
                    .col(integer_null("handled_by"))
                    .col(timestamp_with_time_zone_null("handled_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut cascade("reports", "project_id", "projects"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("reports", "reporter_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The queue: by status, then project, newest first.
        manager
            .create_index(
                Index::create()
                    .name("reports_queue")
                    .table("reports")
                    .col("status")
                    .col("project_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("reports_target").table("reports").col("target_type").col("target_id").to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("reports").if_exists().to_owned()).await?;
        manager.alter_table(Table::alter().table("ideas").drop_column("hidden_reason").to_owned()).await?;
        manager.alter_table(Table::alter().table("ideas").drop_column("hidden_at").to_owned()).await
    }
}
