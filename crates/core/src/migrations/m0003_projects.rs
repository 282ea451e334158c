// SPDX-License-Identifier: AGPL-3.0-only
//! Projects, their phases and the permissions of each phase's actions; topics and areas.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["topics", "areas"] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .if_not_exists()
                        .col(pk_auto("id"))
                        .col(text("title"))
                        .col(integer("position").default(0))
                        .col(timestamp_with_time_zone("created_at"))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("projects")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("slug"))
                    .col(text("title"))
                    .col(text("description"))
                    .col(string("status"))
                    .col(string("visibility"))
                    .col(integer("position").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("projects_listing").table("projects").col("status").col("position").to_owned(),
            )
            .await?;
        for (table, other, other_table) in
            [("project_topics", "topic_id", "topics"), ("project_areas", "area_id", "areas")]
        {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .if_not_exists()
                        .col(integer("project_id"))
                        .col(integer(other))
                        .primary_key(Index::create().col("project_id").col(other))
                        .foreign_key(&mut fk(table, "project_id", "projects"))
                        .foreign_key(&mut fk(table, other, other_table))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("phases")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("project_id"))
                    .col(text("title"))
                    .col(text("description"))
                    .col(string("method"))
                    .col(text("settings"))
                    .col(timestamp_with_time_zone("start_at"))
                    .col(timestamp_with_time_zone_null("end_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("phases", "project_id", "projects"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("phases_timeline").table("phases").col("project_id").col("start_at").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("phase_permissions")
                    .if_not_exists()
                    .col(integer("phase_id"))
                    .col(string("action"))
                    .col(string("permitted_by"))
                    .primary_key(Index::create().col("phase_id").col("action"))
                    .foreign_key(&mut fk("phase_permissions", "phase_id", "phases"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["phase_permissions", "phases", "project_areas", "project_topics", "projects", "areas", "topics"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
