// SPDX-License-Identifier: AGPL-3.0-only
//! Pictures and attached files of ideas. The bytes live in file storage; a row holds the key,
//! what the content was found to be, and for attachments the name the author gave.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("idea_files")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("idea_id"))
                    // `image` or `attachment`.
                    .col(string("kind"))
                    .col(string_uniq("key"))
                    .col(string("name"))
                    .col(string("content_type"))
                    .col(big_integer("size"))
                    .col(integer_null("width"))
                    .col(integer_null("height"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("idea_files", "idea_id")
                            .to("ideas", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idea_files_idea").table("idea_files").col("idea_id").col("id").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("idea_files").if_exists().to_owned()).await
    }
}
