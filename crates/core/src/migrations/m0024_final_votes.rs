// SPDX-License-Identifier: AGPL-3.0-only
//! Votes are final (issue #9).
//!
//! - `voting_seals`: what a voting phase's chain held when the phase ended (entries, final
//!   hash). No foreign key: a seal outlives anything that could remove its phase, so that
//!   `townhall check` notices the loss.
//! - `voter_keys`: who a phase's voter is, across accounts: keyed hashes of the account (which
//!   goes with the account), the confirmed e-mail address and the verified identity, each
//!   pointing to the voter's pseudonym (see `voting::voters`).
//! - An index to find a voter's latest entry in a chain.
//! - Triggers that back the services up in the database itself: a phase with ballots cannot be
//!   deleted, a chain only grows and not once sealed, a seal never changes, and a sealed phase
//!   keeps its dates.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

use super::{cascade, execute_all};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const SQLITE_TRIGGERS: &[&str] = &[
    "CREATE TRIGGER IF NOT EXISTS phases_keep_ballots BEFORE DELETE ON phases \
     WHEN EXISTS (SELECT 1 FROM ballot_chain WHERE phase_id = OLD.id) \
     BEGIN SELECT RAISE(ABORT, 'votes_exist'); END",
    "CREATE TRIGGER IF NOT EXISTS phases_keep_sealed_dates BEFORE UPDATE OF start_at, end_at ON phases \
     WHEN (NEW.start_at IS NOT OLD.start_at OR NEW.end_at IS NOT OLD.end_at) \
     AND EXISTS (SELECT 1 FROM voting_seals WHERE phase_id = OLD.id) \
     BEGIN SELECT RAISE(ABORT, 'voting_dates_locked'); END",
    "CREATE TRIGGER IF NOT EXISTS ballot_chain_closed_when_sealed BEFORE INSERT ON ballot_chain \
     WHEN EXISTS (SELECT 1 FROM voting_seals WHERE phase_id = NEW.phase_id) \
     BEGIN SELECT RAISE(ABORT, 'phase_sealed'); END",
    "CREATE TRIGGER IF NOT EXISTS ballot_chain_no_update BEFORE UPDATE ON ballot_chain \
     BEGIN SELECT RAISE(ABORT, 'ballots_are_final'); END",
    "CREATE TRIGGER IF NOT EXISTS ballot_chain_no_delete BEFORE DELETE ON ballot_chain \
     BEGIN SELECT RAISE(ABORT, 'ballots_are_final'); END",
    "CREATE TRIGGER IF NOT EXISTS voting_seals_no_update BEFORE UPDATE ON voting_seals \
     BEGIN SELECT RAISE(ABORT, 'seals_are_final'); END",
    "CREATE TRIGGER IF NOT EXISTS voting_seals_no_delete BEFORE DELETE ON voting_seals \
     BEGIN SELECT RAISE(ABORT, 'seals_are_final'); END",
];

const SQLITE_DROP: &[&str] = &[
    "DROP TRIGGER IF EXISTS phases_keep_ballots",
    "DROP TRIGGER IF EXISTS phases_keep_sealed_dates",
    "DROP TRIGGER IF EXISTS ballot_chain_closed_when_sealed",
    "DROP TRIGGER IF EXISTS ballot_chain_no_update",
    "DROP TRIGGER IF EXISTS ballot_chain_no_delete",
    "DROP TRIGGER IF EXISTS voting_seals_no_update",
    "DROP TRIGGER IF EXISTS voting_seals_no_delete",
];

const POSTGRES_TRIGGERS: &[&str] = &[
    "CREATE OR REPLACE FUNCTION townhall_refuse() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$",
    "CREATE OR REPLACE FUNCTION townhall_phase_keeps_ballots() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
     IF EXISTS (SELECT 1 FROM ballot_chain WHERE phase_id = OLD.id) THEN RAISE EXCEPTION 'votes_exist'; END IF; \
     RETURN OLD; END $$",
    "CREATE OR REPLACE FUNCTION townhall_phase_keeps_sealed_dates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
     IF (NEW.start_at IS DISTINCT FROM OLD.start_at OR NEW.end_at IS DISTINCT FROM OLD.end_at) \
     AND EXISTS (SELECT 1 FROM voting_seals WHERE phase_id = OLD.id) THEN \
     RAISE EXCEPTION 'voting_dates_locked'; END IF; RETURN NEW; END $$",
    "CREATE OR REPLACE FUNCTION townhall_chain_closed_when_sealed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
     IF EXISTS (SELECT 1 FROM voting_seals WHERE phase_id = NEW.phase_id) THEN \
     RAISE EXCEPTION 'phase_sealed'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER phases_keep_ballots BEFORE DELETE ON phases \
     FOR EACH ROW EXECUTE FUNCTION townhall_phase_keeps_ballots()",
    "CREATE TRIGGER phases_keep_sealed_dates BEFORE UPDATE OF start_at, end_at ON phases \
     FOR EACH ROW EXECUTE FUNCTION townhall_phase_keeps_sealed_dates()",
    "CREATE TRIGGER ballot_chain_closed_when_sealed BEFORE INSERT ON ballot_chain \
     FOR EACH ROW EXECUTE FUNCTION townhall_chain_closed_when_sealed()",
    "CREATE TRIGGER ballot_chain_final BEFORE UPDATE OR DELETE ON ballot_chain \
     FOR EACH ROW EXECUTE FUNCTION townhall_refuse('ballots_are_final')",
    "CREATE TRIGGER voting_seals_final BEFORE UPDATE OR DELETE ON voting_seals \
     FOR EACH ROW EXECUTE FUNCTION townhall_refuse('seals_are_final')",
];

const POSTGRES_DROP: &[&str] = &[
    "DROP TRIGGER IF EXISTS phases_keep_ballots ON phases",
    "DROP TRIGGER IF EXISTS phases_keep_sealed_dates ON phases",
    "DROP TRIGGER IF EXISTS ballot_chain_closed_when_sealed ON ballot_chain",
    "DROP TRIGGER IF EXISTS ballot_chain_final ON ballot_chain",
    "DROP TRIGGER IF EXISTS voting_seals_final ON voting_seals",
    "DROP FUNCTION IF EXISTS townhall_chain_closed_when_sealed()",
    "DROP FUNCTION IF EXISTS townhall_phase_keeps_sealed_dates()",
    "DROP FUNCTION IF EXISTS townhall_phase_keeps_ballots()",
    "DROP FUNCTION IF EXISTS townhall_refuse()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("voting_seals")
                    .if_not_exists()
                    .col(integer("phase_id").primary_key())
                    .col(big_integer("entries"))
                    .col(string("final_hash"))
                    .col(timestamp_with_time_zone("sealed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("voter_keys")
                    .if_not_exists()
                    .col(integer("phase_id"))
                    .col(string("key_hash"))
                    .col(small_integer("kind"))
                    .col(string("voter"))
                    // Only on the account's own key, which goes with the account.
                    .col(integer_null("user_id"))
                    .primary_key(Index::create().col("phase_id").col("key_hash"))
                    .foreign_key(&mut cascade("voter_keys", "phase_id", "phases"))
                    .foreign_key(&mut cascade("voter_keys", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_voter_keys_voter")
                    .table("voter_keys")
                    .col("phase_id")
                    .col("voter")
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_voter_keys_user")
                    .table("voter_keys")
                    .col("user_id")
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ballot_chain_voter")
                    .table("ballot_chain")
                    .col("phase_id")
                    .col("voter")
                    .col("seq")
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        // Votes that had ended before this migration are sealed now, as they stand.
        crate::modules::voting::seal_all_ended(manager.get_connection(), chrono::Utc::now()).await?;
        let triggers =
            if manager.get_database_backend() == DbBackend::Postgres { POSTGRES_TRIGGERS } else { SQLITE_TRIGGERS };
        execute_all(manager, triggers).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drops = if manager.get_database_backend() == DbBackend::Postgres { POSTGRES_DROP } else { SQLITE_DROP };
        execute_all(manager, drops).await?;
        manager.drop_index(Index::drop().name("idx_ballot_chain_voter").table("ballot_chain").to_owned()).await?;
        for table in ["voter_keys", "voting_seals"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
