// SPDX-License-Identifier: AGPL-3.0-only
//! Multi-row inserts in batches that fit both databases' limits on bound values, committed a
//! batch group at a time so a large seed neither holds one huge transaction nor pays a commit
//! per row.
use sea_orm::sea_query::{Alias, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, FromQueryResult, Statement};

/// At most this many bound values per statement (SQLite allows 32,766; PostgreSQL 65,535).
const VALUES_PER_STATEMENT: usize = 30_000;
/// Statements per transaction.
const STATEMENTS_PER_COMMIT: usize = 10;

/// Inserts `rows` (each a value per column) into `table`.
pub(super) async fn insert(
    db: &DatabaseConnection,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<SimpleExpr>>,
) -> Result<(), DbErr> {
    let per_statement = (VALUES_PER_STATEMENT / columns.len()).max(1);
    let mut chunks = rows.chunks(per_statement).peekable();
    while chunks.peek().is_some() {
        let txn = crate::db::begin_write(db).await?;
        for chunk in chunks.by_ref().take(STATEMENTS_PER_COMMIT) {
            let mut insert = Query::insert()
                .into_table(Alias::new(table))
                .columns(columns.iter().map(|c| Alias::new(*c)))
                .to_owned();
            for row in chunk {
                insert.values(row.clone()).map_err(|e| DbErr::Custom(e.to_string()))?;
            }
            txn.execute(&insert).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

#[derive(FromQueryResult)]
struct Id {
    id: i32,
}

/// The ids above `after` in `table`, in insertion order.
pub(super) async fn ids_after(db: &DatabaseConnection, table: &str, after: i32) -> Result<Vec<i32>, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!("SELECT id FROM {table} WHERE id > {after} ORDER BY id");
    Ok(Id::find_by_statement(Statement::from_string(backend, sql)).all(db).await?.into_iter().map(|r| r.id).collect())
}

#[derive(FromQueryResult)]
struct Max {
    max: Option<i32>,
}

/// The highest id in `table` (0 when empty).
pub(super) async fn max_id(db: &DatabaseConnection, table: &str) -> Result<i32, DbErr> {
    let backend = db.get_database_backend();
    let sql = format!("SELECT MAX(id) AS max FROM {table}");
    let row = Max::find_by_statement(Statement::from_string(backend, sql)).one(db).await?;
    Ok(row.and_then(|r| r.max).unwrap_or(0))
}
