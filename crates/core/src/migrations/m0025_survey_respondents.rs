// SPDX-License-Identifier: AGPL-3.0-only
//! Who answered a survey, across accounts (issue #9): a response keeps keyed hashes of its
//! author's confirmed e-mail address and verified identity, so that the same person answering
//! again from a new account replaces the response their deleted account left, instead of
//! adding a second one (see `surveys::respondents`).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One ALTER per statement: SQLite cannot do more.
        for column in ["email_key", "identity_key"] {
            let add = Table::alter().table("survey_responses").add_column(string_null(column)).to_owned();
            manager.alter_table(add).await?;
            let index = Index::create()
                .name(format!("idx_survey_responses_{column}"))
                .table("survey_responses")
                .col("phase_id")
                .col(column)
                .if_not_exists()
                .to_owned();
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["email_key", "identity_key"] {
            let index = format!("idx_survey_responses_{column}");
            manager.drop_index(Index::drop().name(index).table("survey_responses").to_owned()).await?;
            manager.alter_table(Table::alter().table("survey_responses").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
