// SPDX-License-Identifier: AGPL-3.0-only
//! Full-text search over ideas. Each idea keeps `search_text`: its title and body without tags,
//! lowercased and with accents removed, written by the service (see `ideas/search.rs`). Both
//! databases index that same text: SQLite with an FTS5 table kept in step by triggers (external
//! content, so the text is stored once), PostgreSQL with a generated `tsvector` column and a GIN
//! index. The `simple` configuration and the `unicode61` tokenizer suit every language we ship,
//! since neither stems words.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const SQLITE_UP: [&str; 5] = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS ideas_fts USING fts5(search_text, content='ideas', content_rowid='id', \
     tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO ideas_fts(ideas_fts) VALUES ('rebuild')",
    "CREATE TRIGGER IF NOT EXISTS ideas_fts_insert AFTER INSERT ON ideas BEGIN \
     INSERT INTO ideas_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS ideas_fts_delete AFTER DELETE ON ideas BEGIN \
     INSERT INTO ideas_fts(ideas_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS ideas_fts_update AFTER UPDATE OF search_text ON ideas BEGIN \
     INSERT INTO ideas_fts(ideas_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
     INSERT INTO ideas_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
];

const SQLITE_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS ideas_fts_update",
    "DROP TRIGGER IF EXISTS ideas_fts_delete",
    "DROP TRIGGER IF EXISTS ideas_fts_insert",
    "DROP TABLE IF EXISTS ideas_fts",
];

const POSTGRES_UP: [&str; 2] = [
    "ALTER TABLE ideas ADD COLUMN IF NOT EXISTS search tsvector \
     GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS ideas_search ON ideas USING GIN (search)",
];

const POSTGRES_DOWN: [&str; 2] =
    ["DROP INDEX IF EXISTS ideas_search", "ALTER TABLE ideas DROP COLUMN IF EXISTS search"];

#[derive(FromQueryResult)]
struct Row {
    id: i32,
    title: String,
    body: String,
}

/// Fills `search_text` for ideas written before this migration (before the index is built).
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    let rows =
        Row::find_by_statement(Statement::from_string(backend, "SELECT id, title, body FROM ideas")).all(db).await?;
    let sql = match backend {
        DbBackend::Postgres => "UPDATE ideas SET search_text = $1 WHERE id = $2",
        _ => "UPDATE ideas SET search_text = ? WHERE id = ?",
    };
    for row in rows {
        let text = crate::modules::ideas::search_text(&row.title, &row.body);
        db.execute_raw(Statement::from_sql_and_values(backend, sql, [text.into(), row.id.into()])).await?;
    }
    Ok(())
}

async fn run(manager: &SchemaManager<'_>, sqlite: &[&str], postgres: &[&str]) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    super::execute_all(manager, statements).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = ColumnDef::new("search_text").text().not_null().default("").to_owned();
        manager.alter_table(Table::alter().table("ideas").add_column(column).to_owned()).await?;
        backfill(manager).await?;
        run(manager, &SQLITE_UP, &POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &SQLITE_DOWN, &POSTGRES_DOWN).await?;
        manager.alter_table(Table::alter().table("ideas").drop_column("search_text").to_owned()).await
    }
}
