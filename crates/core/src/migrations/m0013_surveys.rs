// SPDX-License-Identifier: AGPL-3.0-only
//! Native surveys: questions per survey phase (their kind-specific settings as JSON), responses
//! (one per resident; anonymous ones have no user), and one row per answered value, shaped so
//! the results are grouped counts over an index.
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
                    .table("survey_questions")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("phase_id"))
                    .col(integer("position"))
                    .col(string("kind"))
                    .col(text("title"))
                    .col(text("help"))
                    .col(boolean("required"))
                    .col(text("config"))
                    .foreign_key(&mut cascade("survey_questions", "phase_id", "phases"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("survey_questions_phase")
                    .table("survey_questions")
                    .col("phase_id")
                    .col("position")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("survey_responses")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("phase_id"))
                    .col(integer_null("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut cascade("survey_responses", "phase_id", "phases"))
                    .foreign_key(&mut cascade("survey_responses", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        // One response per resident and survey whatever the timing; anonymous responses (no
        // user) are not limited by it, as both databases let NULLs repeat in a unique index.
        manager
            .create_index(
                Index::create()
                    .name("survey_responses_one")
                    .table("survey_responses")
                    .col("phase_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("survey_answers")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("response_id"))
                    .col(integer("question_id"))
                    // The matrix row; 0 for other kinds.
                    .col(integer("row_index").default(0))
                    // An option index, or a value on a scale.
                    .col(integer_null("choice"))
                    .col(double_null("number"))
                    // Free text, or a date as YYYY-MM-DD.
                    .col(text_null("text"))
                    .foreign_key(&mut cascade("survey_answers", "response_id", "survey_responses"))
                    .foreign_key(&mut cascade("survey_answers", "question_id", "survey_questions"))
                    .to_owned(),
            )
            .await?;
        // The results group answers by question, row and choice.
        manager
            .create_index(
                Index::create()
                    .name("survey_answers_question")
                    .table("survey_answers")
                    .col("question_id")
                    .col("row_index")
                    .col("choice")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("survey_answers_response").table("survey_answers").col("response_id").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["survey_answers", "survey_responses", "survey_questions"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
