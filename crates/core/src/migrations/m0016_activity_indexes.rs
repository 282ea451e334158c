// SPDX-License-Identifier: AGPL-3.0-only
//! Indexes on when things happened, for the dashboard's date ranges.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const INDEXES: [(&str, &str, &str); 8] = [
    ("ideas_published", "ideas", "published_at"),
    ("comments_created", "comments", "created_at"),
    ("reactions_created", "reactions", "created_at"),
    ("baskets_submitted", "baskets", "submitted_at"),
    ("poll_responses_created", "poll_responses", "created_at"),
    ("survey_responses_created", "survey_responses", "created_at"),
    ("volunteers_created", "volunteers", "created_at"),
    ("event_registrations_created", "event_registrations", "created_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, column) in INDEXES {
            manager.create_index(Index::create().name(name).table(table).col(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        Ok(())
    }
}
