// SPDX-License-Identifier: AGPL-3.0-only
//! Polls: questions with options per poll phase, one response per resident, and a counter on
//! each option kept in the response's transaction.
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
                    .table("poll_questions")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("phase_id"))
                    .col(text("title"))
                    // `single` or `multiple`.
                    .col(string("kind"))
                    .col(integer("min_choices"))
                    .col(integer("max_choices"))
                    .col(integer("position"))
                    .foreign_key(&mut cascade("poll_questions", "phase_id", "phases"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("poll_questions_phase").table("poll_questions").col("phase_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("poll_options")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("question_id"))
                    .col(text("title"))
                    .col(integer("position"))
                    .col(integer("votes").default(0))
                    .foreign_key(&mut cascade("poll_options", "question_id", "poll_questions"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("poll_options_question").table("poll_options").col("question_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("poll_responses")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("phase_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut cascade("poll_responses", "phase_id", "phases"))
                    .foreign_key(&mut cascade("poll_responses", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        // One response per resident and poll, whatever the timing.
        manager
            .create_index(
                Index::create()
                    .name("poll_responses_one")
                    .table("poll_responses")
                    .col("phase_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("poll_answers")
                    .if_not_exists()
                    .col(integer("response_id"))
                    .col(integer("option_id"))
                    .primary_key(Index::create().col("response_id").col("option_id"))
                    .foreign_key(&mut cascade("poll_answers", "response_id", "poll_responses"))
                    .foreign_key(&mut cascade("poll_answers", "option_id", "poll_options"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["poll_answers", "poll_responses", "poll_options", "poll_questions"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
