// SPDX-License-Identifier: AGPL-3.0-only
//! Migrations on both databases: idempotent, each edition in its own table, and a database used
//! by this build still opens in a core-only build.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use townhall_core::sea_orm::{ConnectionTrait, Statement};
use townhall_server::config::Config;
use townhall_server::{app, editions};

async fn table_exists(platform: &townhall_core::Platform, table: &str) -> bool {
    let db = platform.db();
    let sql = match db.get_database_backend() {
        townhall_core::sea_orm::DbBackend::Sqlite => {
            format!("SELECT name FROM sqlite_master WHERE type='table' AND name='{table}'")
        }
        _ => format!("SELECT tablename FROM pg_tables WHERE tablename='{table}'"),
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().is_some()
}

#[tokio::test]
async fn editions_share_a_database() {
    for db in backends() {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(&db, dir.path()).await;
        let config = Config { database_url: Some(url), data_dir: dir.path().to_owned(), ..Config::default() };

        // This build, twice (idempotent).
        for _ in 0..2 {
            let platform = app::open(&config).await.unwrap();
            assert!(table_exists(&platform, "townhall_migrations_core").await);
            assert!(table_exists(&platform, "feature_switches").await);
            assert_eq!(
                table_exists(&platform, "townhall_migrations_premium").await,
                cfg!(feature = "premium"),
                "{}",
                db.name()
            );
            assert_eq!(table_exists(&platform, "project_folders").await, cfg!(feature = "standard"));
            if let Some(paid) = paid_features().first() {
                // A switch stored for a paid feature must not trouble a core build later.
                let key = dev_key(&claims(townhall_license::Plan::Premium, 30));
                platform.replace_license(&townhall_core::graphql::Actor::Operator, &key).await.unwrap();
                platform.set_feature_enabled(&townhall_core::Actor::Operator, paid, true).await.unwrap();
            }
            platform.db().clone().close().await.ok();
        }

        // The same database opened as a core-only build would open it.
        let core = app::open_with(&config, editions::core_modules()).await.unwrap();
        let features = core.features().await.unwrap();
        assert_eq!(features.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), CORE_FEATURES.to_vec(), "{}", db.name());
        assert_eq!(core.edition(), townhall_core::Edition::Core);
        core.db().clone().close().await.ok();
    }
}

/// Each edition's migrations are one list, applied by the edition's `Tables` module before any
/// other module of the edition starts (decision 0031).
#[test]
fn each_edition_applies_its_tables_before_its_modules() {
    use townhall_core::Edition;
    let modules = editions::modules();
    let mut seen = 0;
    for (edition, tables) in
        [(Edition::Core, "core_tables"), (Edition::Standard, "standard_tables"), (Edition::Premium, "premium_tables")]
    {
        let Some(first) = modules.iter().find(|m| m.edition() == edition) else { continue };
        assert_eq!(first.id(), tables, "the first module of {edition:?}");
        seen += 1;
    }
    assert!(seen >= 1, "core at least");
}
