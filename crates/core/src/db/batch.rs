// SPDX-License-Identifier: AGPL-3.0-only
//! Several statements in one round trip on SQLite.
//!
//! sqlx runs each SQLite connection on a thread of its own, and every statement is a request
//! to that thread and an answer back: tens of microseconds of thread switching for a statement
//! that SQLite runs in a few. Inside a write transaction the single writer holds the write lock
//! for all of that time, so a burst of writes is bound by the number of round trips, not by
//! the work. sqlx's SQLite driver accepts several `;`-separated statements in one request and
//! binds the values to their `?`s in order, so a batch travels once.
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Values};

/// The column of the row that ends each statement's rows in a joined batch.
const END: &str = "townhall_end_of_statement";

/// Runs `statements` in order on `conn` and returns each one's rows (empty for a write
/// without `RETURNING`). On SQLite they go to the connection as one request; elsewhere one by
/// one, with the same result. The statements must use plain `?` placeholders (not `?NNN`),
/// as the statements built by sea-query and [`super::statement`] do. When one fails, the
/// later ones do not run; inside a transaction, its rollback undoes the earlier ones.
pub async fn batch_vec(
    conn: &impl ConnectionTrait,
    statements: Vec<Statement>,
) -> Result<Vec<Vec<QueryResult>>, DbErr> {
    let backend = conn.get_database_backend();
    if backend != DbBackend::Sqlite || statements.len() == 1 {
        let mut out = Vec::with_capacity(statements.len());
        for statement in statements {
            out.push(conn.query_all_raw(statement).await?);
        }
        return Ok(out);
    }
    let count = statements.len();
    let rows = conn.query_all_raw(join(backend, statements)).await?;
    split(rows, count)
}

/// `statements` as one, each followed by a row of its own that marks where its rows end.
pub(super) fn join(backend: DbBackend, statements: Vec<Statement>) -> Statement {
    let (mut sql, mut values) = (String::new(), Vec::new());
    for statement in statements {
        sql.push_str(statement.sql.trim_end().trim_end_matches(';'));
        sql.push_str(";\nSELECT NULL AS ");
        sql.push_str(END);
        sql.push_str(";\n");
        values.extend(statement.values.map(|v| v.0).unwrap_or_default());
    }
    Statement::from_sql_and_values(backend, sql, Values(values))
}

/// The rows of a [`join`]ed statement, as each of its `count` statements' own.
pub(super) fn split(rows: Vec<QueryResult>, count: usize) -> Result<Vec<Vec<QueryResult>>, DbErr> {
    let mut out = Vec::with_capacity(count);
    let mut current = Vec::new();
    for row in rows {
        if is_end(&row) {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(row);
        }
    }
    if out.len() != count {
        return Err(DbErr::Custom(format!("a batch of {count} statements answered for {}", out.len())));
    }
    Ok(out)
}

/// [`batch_vec`] for a fixed number of statements, answered as an array.
pub async fn batch<const N: usize>(
    conn: &impl ConnectionTrait,
    statements: [Statement; N],
) -> Result<[Vec<QueryResult>; N], DbErr> {
    let answers = batch_vec(conn, statements.into()).await?;
    let count = answers.len();
    answers.try_into().map_err(|_| DbErr::Custom(format!("a batch of {N} statements answered for {count}")))
}

fn is_end(row: &QueryResult) -> bool {
    let names = row.column_names();
    names.len() == 1 && names[0] == END
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use sea_orm::{ConnectionTrait, TransactionTrait};

    use super::*;
    use crate::db::statement;

    async fn database() -> (tempfile::TempDir, sea_orm::DatabaseConnection) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("batch.db").display());
        let db = crate::db::connect(&url).await.unwrap();
        db.execute_unprepared("CREATE TABLE t (n INTEGER PRIMARY KEY, word TEXT NOT NULL CHECK (word <> ''))")
            .await
            .unwrap();
        (dir, db)
    }

    #[tokio::test]
    async fn each_statement_gets_its_own_rows_and_its_own_values() {
        let (_dir, db) = database().await;
        let s = |sql: &str, values: Vec<sea_orm::Value>| statement(DbBackend::Sqlite, sql, values);
        let answers = batch(
            &db,
            [
                s(
                    "INSERT INTO t (n, word) VALUES (?, ?), (?, ?)",
                    vec![1.into(), "one".into(), 2.into(), "two".into()],
                ),
                s("INSERT INTO t (n, word) VALUES (?, ?) RETURNING n", vec![3.into(), "three".into()]),
                s("SELECT word FROM t WHERE n >= ? ORDER BY n", vec![2.into()]),
                s("SELECT word FROM t WHERE n > ?", vec![10.into()]),
                s("UPDATE t SET word = ? WHERE n = ?;", vec!["uno".into(), 1.into()]),
            ],
        )
        .await
        .unwrap();
        assert_eq!(answers.len(), 5);
        assert!(answers[0].is_empty() && answers[3].is_empty() && answers[4].is_empty());
        assert_eq!(answers[1][0].try_get::<i32>("", "n").unwrap(), 3);
        let words: Vec<String> = answers[2].iter().map(|r| r.try_get("", "word").unwrap()).collect();
        assert_eq!(words, ["two", "three"]);
        let first = db.query_one_raw(s("SELECT word FROM t WHERE n = 1", vec![])).await.unwrap().unwrap();
        assert_eq!(first.try_get::<String>("", "word").unwrap(), "uno");
    }

    #[tokio::test]
    async fn a_failing_statement_stops_the_batch_and_the_rollback_undoes_it() {
        let (_dir, db) = database().await;
        let s = |sql: &str, values: Vec<sea_orm::Value>| statement(DbBackend::Sqlite, sql, values);
        let txn = db.begin().await.unwrap();
        let failed = batch(
            &txn,
            [
                s("INSERT INTO t (n, word) VALUES (?, ?)", vec![1.into(), "kept until the rollback".into()]),
                s("INSERT INTO t (n, word) VALUES (?, ?)", vec![2.into(), "".into()]),
                s("INSERT INTO t (n, word) VALUES (?, ?)", vec![3.into(), "never run".into()]),
            ],
        )
        .await;
        assert!(failed.is_err());
        let seen = txn.query_all_raw(s("SELECT n FROM t", vec![])).await.unwrap();
        assert_eq!(seen.len(), 1, "the statements after the failing one did not run");
        txn.rollback().await.unwrap();
        assert!(db.query_all_raw(s("SELECT n FROM t", vec![])).await.unwrap().is_empty());
    }
}
