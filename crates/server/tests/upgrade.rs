// SPDX-License-Identifier: AGPL-3.0-only
//! Upgrading a platform: a database in the schema of the previous release, with data in it,
//! opened by this build's `townhall serve`, on every database.
//!
//! Townhall has no release tags yet, so "the previous release" is named by commit: 299f9b3,
//! the last commit before the round of issues #9, #10, #12, #13 and #15. Its schema is core's
//! migrations up to `m0022_search_scope`, Standard's up to `m0004_create_registration_fields`,
//! and Premium's as they are now (none were added since). The test makes data with this
//! build, undoes every migration added since that commit (their `down`, newest first), checks
//! that the migration tables then hold exactly the previous release's list, and starts this
//! build on the database: the migrations run at start, and the data and pages must be there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use townhall_core::migrations::CoreMigrator;
use townhall_core::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use townhall_core::sea_orm_migration::MigratorTrait;

/// The last core migration of the previous release.
const CORE_LAST: &str = "m0022_search_scope";
/// The last Standard migration of the previous release.
#[cfg(feature = "standard")]
const STANDARD_LAST: &str = "m0004_create_registration_fields";

/// Undoes `M`'s migrations after `last`, newest first, as a database of that time would lack them.
async fn undo_after<M: MigratorTrait>(db: &DatabaseConnection, last: &str) {
    let later = M::migrations().iter().rev().position(|m| m.name() == last).expect("the named migration exists");
    assert!(later > 0, "{last} is the newest migration: nothing to upgrade from");
    M::down(db, Some(later as u32)).await.unwrap();
}

/// The migration names recorded in `table`, in order.
async fn recorded(db: &DatabaseConnection, table: &str) -> Vec<String> {
    let sql = format!("SELECT version FROM {table} ORDER BY version");
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| r.try_get::<String>("", "version").unwrap()).collect()
}

/// `M`'s migration names up to and including `last`.
fn names_through<M: MigratorTrait>(last: &str) -> Vec<String> {
    let all: Vec<String> = M::migrations().iter().map(|m| m.name().to_owned()).collect();
    let end = all.iter().position(|n| n == last).unwrap() + 1;
    all[..end].to_vec()
}

async fn table_exists(db: &DatabaseConnection, table: &str) -> bool {
    let sql = match db.get_database_backend() {
        townhall_core::sea_orm::DbBackend::Sqlite => {
            format!("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
        }
        _ => format!("SELECT tablename FROM pg_tables WHERE tablename = '{table}'"),
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().is_some()
}

/// Takes the database back to the previous release's schema and checks that it got there.
async fn back_to_previous_release(url: &str) {
    let db = townhall_core::db::connect(url).await.unwrap();
    #[cfg(feature = "standard")]
    undo_after::<townhall_standard::migrations::StandardMigrator>(&db, STANDARD_LAST).await;
    undo_after::<CoreMigrator>(&db, CORE_LAST).await;

    assert_eq!(recorded(&db, "townhall_migrations_core").await, names_through::<CoreMigrator>(CORE_LAST));
    #[cfg(feature = "standard")]
    assert_eq!(
        recorded(&db, "townhall_migrations_standard").await,
        names_through::<townhall_standard::migrations::StandardMigrator>(STANDARD_LAST)
    );
    // The tables the later migrations added are gone, the earlier ones are there.
    for table in ["revoked_sessions", "voting_seals", "voter_keys", "sso_providers", "sso_links"] {
        assert!(!table_exists(&db, table).await, "{table} should not exist in the previous release's schema");
    }
    for table in ["users", "projects", "phases", "ideas", "comments", "ballot_chain"] {
        assert!(table_exists(&db, table).await, "{table}");
    }
    db.close().await.ok();
}

#[tokio::test]
async fn a_database_of_the_previous_release_upgrades_at_start() {
    for db in backends() {
        // Data: an administrator, a resident, a project with costed ideas, and a budgeting vote
        // with a submitted ballot.
        let mut old = TestServer::start(&db).await;
        old.make_admin("boss@example.org");
        old.register("ana@example.org", "Ana").await;
        let admin = old.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = old.login("ana@example.org", PASSWORD).await.unwrap();
        let (phase, ideas) = budgeting(&old, &admin, &ana).await;
        let add = old
            .graphql_as(
                &ana,
                "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }",
                json!({ "p": phase, "i": ideas[0] }),
            )
            .await;
        assert!(add.get("errors").is_none(), "{add}");
        let submitted = old
            .graphql_as(&ana, "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }", json!({ "p": phase }))
            .await;
        let receipt = submitted["data"]["submitBasket"]["receipt"].as_str().unwrap_or_else(|| panic!("{submitted}"));
        let receipt = receipt.to_owned();
        assert!(old.terminate().success());

        let url = old.database_url.clone();
        back_to_previous_release(&url).await;

        // This build on that database: the start applies the missing migrations.
        let dir = std::mem::replace(&mut old.dir, tempfile::tempdir().unwrap());
        drop(old);
        let new = TestServer::start_in(dir, url.clone(), Options::default()).await;
        let conn = townhall_core::db::connect(&url).await.unwrap();
        assert_eq!(
            recorded(&conn, "townhall_migrations_core").await.len(),
            CoreMigrator::migrations().len(),
            "{}",
            db.name()
        );
        assert!(table_exists(&conn, "voting_seals").await);
        conn.close().await.ok();

        // Accounts: the same passwords still sign in.
        let ana = new.login("ana@example.org", PASSWORD).await.unwrap();

        // Pages: home, the project with its vote, an idea.
        let home = new.get("/").await;
        assert_eq!(home.status(), 200);
        assert!(home.text().await.unwrap().contains("Parks"), "{}", db.name());
        let project = new.get_as(&new.cookie_for("ana@example.org").await, "/projects/parks").await;
        assert_eq!(project.status(), 200);
        let page = project.text().await.unwrap();
        assert!(page.contains("Benches") && page.contains("Trees"), "{}", db.name());
        let idea = new.get(&format!("/ideas/{}", ideas[1])).await;
        assert_eq!(idea.status(), 200);
        assert!(idea.text().await.unwrap().contains("Trees"), "{}", db.name());

        // The ballot cast before the upgrade still counts, and the voter's basket is submitted.
        let basket = new
            .graphql_as(
                &ana,
                "query($p: ID!, $r: String!) { basket(phaseId: $p) { items { ideaId } receipt changedSinceSubmission } \
                 verifyReceipt(phaseId: $p, receipt: $r) { found superseded } }",
                json!({ "p": phase, "r": receipt }),
            )
            .await;
        assert!(basket.get("errors").is_none(), "{basket}");
        assert_eq!(basket["data"]["basket"]["items"][0]["ideaId"], Value::from(ideas[0].clone()), "{basket}");
        assert_eq!(basket["data"]["basket"]["receipt"], Value::from(receipt.clone()), "{basket}");
        assert_eq!(basket["data"]["basket"]["changedSinceSubmission"], false, "{basket}");
        assert_eq!(basket["data"]["verifyReceipt"], json!({ "found": true, "superseded": false }), "{basket}");
        let admin = new.login("boss@example.org", PASSWORD).await.unwrap();
        let results = new
            .graphql_as(&admin, "query($p: ID!) { votingResults(phaseId: $p) { ballots } }", json!({ "p": phase }))
            .await;
        assert_eq!(results["data"]["votingResults"]["ballots"], 1, "{results}");

        // Counters, chains and seals agree with their rows.
        let check = cli(new.dir.path(), &["--database-url", &url, "check"], &[]);
        assert!(check.status.success(), "{}: {}{}", db.name(), text(&check.stdout), text(&check.stderr));
        assert!(!new.log().contains("ERROR"), "{}", new.log());
    }
}
