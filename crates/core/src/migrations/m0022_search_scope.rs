// SPDX-License-Identifier: AGPL-3.0-only
//! On SQLite, a second full-text index whose words carry each idea's project and phase, so that
//! a search in one of them reads only that scope's entries (see `ideas/scoped_search.rs`). It is
//! filled here for the ideas written before. PostgreSQL is unchanged: its planner already
//! combines the GIN index with the project and phase indexes.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::modules::ideas::scoped_search::{CREATE, DROP, index_ideas_after};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        super::execute_all(manager, &CREATE).await?;
        index_ideas_after(manager.get_connection(), 0).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        super::execute_all(manager, &DROP).await
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use sea_orm::{ConnectionTrait, Statement};
    use sea_orm_migration::MigratorTrait;
    use townhall_license::Edition;

    use crate::migrations::CoreMigrator;
    use crate::modules::ideas::tests::{ideation, resident, text};
    use crate::testing::platform;

    async fn matches(db: &sea_orm::DatabaseConnection, query: &str) -> usize {
        let sql = format!("SELECT rowid FROM ideas_scoped_fts WHERE ideas_scoped_fts MATCH '{query}'");
        db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().len()
    }

    /// The migration indexes the ideas already there, and can be undone and redone.
    #[tokio::test]
    async fn the_scoped_index_is_filled_and_can_be_undone() {
        let (p, _dir) = platform(Edition::Core, vec![]).await;
        let phase = ideation(&p).await;
        let ana = resident(&p, "ana@example.org").await;
        p.post_idea(&ana, phase, text("A bench", "In the park")).await.unwrap();
        let db = p.db();
        // Undo this migration and every later one.
        let undo = CoreMigrator::migrations().iter().rev().position(|m| m.name() == "m0022_search_scope").unwrap() + 1;
        CoreMigrator::down(db, Some(undo as u32)).await.unwrap();
        let tables = "SELECT name FROM sqlite_master WHERE name LIKE 'ideas_scoped_fts%'";
        assert!(db.query_all_raw(Statement::from_string(db.get_database_backend(), tables)).await.unwrap().is_empty());
        CoreMigrator::up(db, None).await.unwrap();
        assert_eq!(matches(db, &format!("f{phase}xpark")).await, 1);
        assert_eq!(matches(db, "park").await, 0, "only scoped words");
    }
}
