// SPDX-License-Identifier: AGPL-3.0-only
//! Voting: idea costs, one basket per voter and phase, the totals of submitted baskets, and
//! the per-phase hash chain of submissions with its pseudonym secret.
use sea_orm_migration::{prelude::*, schema::*};

use super::cascade;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let cost = ColumnDef::new("cost").big_integer().null().to_owned();
        manager.alter_table(Table::alter().table("ideas").add_column(cost).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("baskets")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("phase_id"))
                    .col(integer("user_id"))
                    // The latest submission's chain position, or none while never submitted.
                    .col(integer_null("submitted_seq"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut cascade("baskets", "phase_id", "phases"))
                    .foreign_key(&mut cascade("baskets", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        // Never two baskets for one voter in a phase, whatever the timing of the requests.
        manager
            .create_index(
                Index::create()
                    .name("baskets_one_per_voter")
                    .table("baskets")
                    .col("phase_id")
                    .col("user_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("basket_items")
                    .if_not_exists()
                    .col(integer("basket_id"))
                    .col(integer("idea_id"))
                    .col(integer("votes"))
                    .primary_key(Index::create().col("basket_id").col("idea_id"))
                    .check(Expr::col("votes").gt(0))
                    .foreign_key(&mut cascade("basket_items", "basket_id", "baskets"))
                    .foreign_key(&mut cascade("basket_items", "idea_id", "ideas"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("vote_totals")
                    .if_not_exists()
                    .col(integer("phase_id"))
                    .col(integer("idea_id"))
                    .col(big_integer("votes"))
                    .col(integer("voters"))
                    .primary_key(Index::create().col("phase_id").col("idea_id"))
                    .check(Expr::col("votes").gte(0))
                    .foreign_key(&mut cascade("vote_totals", "phase_id", "phases"))
                    .foreign_key(&mut cascade("vote_totals", "idea_id", "ideas"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ballot_chain")
                    .if_not_exists()
                    .col(integer("phase_id"))
                    .col(integer("seq"))
                    .col(string("prev_hash"))
                    .col(string("voter"))
                    .col(text("ballot"))
                    .col(string("submitted_at"))
                    .col(string_uniq("hash"))
                    .primary_key(Index::create().col("phase_id").col("seq"))
                    .foreign_key(&mut cascade("ballot_chain", "phase_id", "phases"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("phase_secrets")
                    .if_not_exists()
                    .col(integer("phase_id").primary_key())
                    .col(string("secret"))
                    .foreign_key(&mut cascade("phase_secrets", "phase_id", "phases"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["phase_secrets", "ballot_chain", "vote_totals", "basket_items", "baskets"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("ideas").drop_column("cost").to_owned()).await
    }
}
