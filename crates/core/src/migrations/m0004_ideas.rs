// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas and reactions. Counters live on the idea and change in the same transaction as the
//! reactions they count, so lists need no aggregation.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("ideas")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("project_id"))
                    .col(integer("phase_id"))
                    .col(integer_null("author_id"))
                    .col(string("title"))
                    .col(text("body"))
                    .col(string("status").default("proposed"))
                    .col(integer("reactions_up").default(0))
                    .col(integer("reactions_down").default(0))
                    .col(integer("comments_count").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("ideas", "project_id")
                            .to("projects", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("ideas", "phase_id")
                            .to("phases", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("ideas", "author_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [("ideas_newest", "created_at"), ("ideas_most_reacted", "reactions_up")] {
            manager.create_index(Index::create().name(name).table("ideas").col("phase_id").col(col).to_owned()).await?;
        }
        manager.create_index(Index::create().name("ideas_author").table("ideas").col("author_id").to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("reactions")
                    .if_not_exists()
                    .col(integer("idea_id"))
                    .col(integer("user_id"))
                    .col(string("mode"))
                    .col(timestamp_with_time_zone("created_at"))
                    // One reaction per user per idea, whatever the timing of the requests.
                    .primary_key(Index::create().col("idea_id").col("user_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("reactions", "idea_id")
                            .to("ideas", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("reactions", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("reactions_user").table("reactions").col("user_id").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["reactions", "ideas"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
