// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas get an index for a project's list by cost, the voting panel's orders "cheapest first"
//! and "dearest first": the panel pages through a budget's ideas (a thousand and more) in cost
//! order and skips the pages before the one shown in this index instead of sorting every idea
//! of the project on each request. It holds only the ideas such a list shows (published, not
//! hidden, with a cost), so the panel's count and the rows it skips are read from the index
//! alone, without the ideas' rows (on SQLite a page deep in the list took half the time).
use sea_orm_migration::prelude::*;

const NAME: &str = "ideas_in_project_by_cost";

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let index = Index::create()
            .name(NAME)
            .table("ideas")
            .col("project_id")
            .col("cost")
            .col("id")
            .and_where(Expr::col("published_at").is_not_null())
            .and_where(Expr::col("hidden_at").is_null())
            .and_where(Expr::col("cost").is_not_null())
            .if_not_exists()
            .to_owned();
        manager.create_index(index).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(NAME).table("ideas").to_owned()).await
    }
}
