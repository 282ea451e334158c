// SPDX-License-Identifier: AGPL-3.0-only
//! A SQLite write transaction of our own over one pooled connection, whose `BEGIN` travels
//! with its first statement and whose `COMMIT` can travel with its last ones.
//!
//! sqlx sends `BEGIN` and `COMMIT` to the connection's thread as requests of their own, each
//! answered and then acknowledged: two of the few round trips a short write makes while it
//! holds the single writer (decision 0018). Sent as text ahead of or after other statements,
//! they cost nothing more than those statements' trip. sqlx then does not know that the
//! connection is in a transaction, so this type ends it itself, on every path: commit,
//! rollback, an error, or being dropped half-way (a request cancelled by its client).
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::TryStreamExt;
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::sqlite::{Sqlite, SqliteQueryResult, SqliteRow};
use sea_orm::sqlx::{self, Either, Executor};
use sea_orm::{DbErr, ExecResult, QueryResult, RuntimeErr, Statement};
use sea_query_sqlx::SqlxValues;
use tokio::sync::OwnedMutexGuard;

const BEGIN: &str = "BEGIN IMMEDIATE;\n";

/// The SQLite message for a `ROLLBACK` with nothing to roll back.
const NOTHING_TO_ROLL_BACK: &str = "no transaction is active";

pub(super) struct SqliteWrite {
    /// `None` once the transaction has ended.
    conn: tokio::sync::Mutex<Option<PoolConnection<Sqlite>>>,
    /// Whether a `BEGIN` has been sent…
    sent: AtomicBool,
    /// …and whether it is known to have begun the transaction.
    begun: AtomicBool,
    /// This process's write gate (see [`super::begin_write`]), held until the transaction ends.
    gate: Option<OwnedMutexGuard<()>>,
}

impl SqliteWrite {
    pub(super) fn new(conn: PoolConnection<Sqlite>, gate: OwnedMutexGuard<()>) -> Self {
        Self {
            conn: tokio::sync::Mutex::new(Some(conn)),
            sent: AtomicBool::new(false),
            begun: AtomicBool::new(false),
            gate: Some(gate),
        }
    }

    /// Runs `stmt` (one statement or several joined by `;`) in the transaction, beginning it
    /// first in the same trip when it has not begun; with `commit`, the transaction's `COMMIT`
    /// follows in the same trip too. Returns the rows and, unless `commit`, the statements'
    /// summed changes.
    pub(super) async fn run(&self, stmt: Statement, commit: bool) -> Result<(Vec<SqliteRow>, ExecResult), DbErr> {
        let mut conn = self.conn.lock().await;
        let conn = conn.as_mut().ok_or_else(|| DbErr::Custom("the write transaction has ended".to_owned()))?;
        let begin = !self.begun.load(Ordering::Acquire);
        let mut sql = String::with_capacity(stmt.sql.len() + 32);
        if begin {
            sql.push_str(BEGIN);
            self.sent.store(true, Ordering::Release);
        }
        sql.push_str(&stmt.sql);
        if commit {
            sql.truncate(sql.trim_end().trim_end_matches(';').len());
            sql.push_str(";\nCOMMIT");
        }
        let logged = tracing::enabled!(target: "townhall::sql", tracing::Level::DEBUG).then(std::time::Instant::now);
        let query =
            sqlx::query_with(sqlx::AssertSqlSafe(sql), SqlxValues(stmt.values.unwrap_or(sea_orm::Values(Vec::new()))));
        let (mut rows, mut changes, mut done) = (Vec::new(), SqliteQueryResult::default(), 0usize);
        let mut answers = conn.fetch_many(query);
        let outcome = loop {
            match answers.try_next().await {
                Ok(Some(Either::Right(row))) => rows.push(row),
                // Each statement ends with a result; the first one of a trip that began the
                // transaction is the `BEGIN`'s (its change count is stale: left out).
                Ok(Some(Either::Left(result))) => {
                    done += 1;
                    if begin && done == 1 {
                        self.begun.store(true, Ordering::Release);
                    } else {
                        changes.extend([result]);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        drop(answers);
        if let Some(start) = logged {
            let micros = start.elapsed().as_micros() as u64;
            tracing::debug!(target: "townhall::sql", micros, failed = outcome.is_err(), begin, commit, "{}", stmt.sql);
        }
        outcome.map_err(exec_err)?;
        if commit {
            self.begun.store(false, Ordering::Release);
            self.sent.store(false, Ordering::Release);
        }
        Ok((rows, changes.into()))
    }

    pub(super) async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        Ok(self.run(stmt, false).await?.0.into_iter().map(QueryResult::from).collect())
    }

    pub(super) async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        Ok(self.run(stmt, false).await?.1)
    }

    /// Commits what was sent: a `COMMIT` on its own, or nothing when no statement ever ran.
    /// On failure the transaction is rolled back.
    pub(super) async fn commit(mut self) -> Result<(), DbErr> {
        let outcome = if self.sent.load(Ordering::Acquire) {
            let mut conn = self.conn.lock().await;
            match conn.as_mut() {
                Some(conn) => conn.execute("COMMIT").await.map(drop).map_err(exec_err),
                None => Err(DbErr::Custom("the write transaction has ended".to_owned())),
            }
        } else {
            Ok(())
        };
        if outcome.is_ok() {
            self.sent.store(false, Ordering::Release);
        }
        self.end().await;
        outcome
    }

    /// Ends the transaction: rolls back what is still open (nothing after a [`Self::run`]
    /// with `commit` that succeeded).
    pub(super) async fn finish(mut self) {
        self.end().await;
    }

    /// Rolls back whatever may still be open, returns the connection to the pool and hands the
    /// write gate over.
    async fn end(&mut self) {
        let conn = self.conn.get_mut().take();
        let open = self.sent.swap(false, Ordering::AcqRel);
        if let Some(conn) = conn {
            close(conn, open).await;
        }
        super::hand_over(self.gate.take()).await;
    }
}

fn exec_err(e: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(e.into()))
}

/// Ends a connection's transaction if it may be open, and lets the connection go: back to the
/// pool, or closed when its state cannot be known (closing a SQLite connection rolls back).
async fn close(mut conn: PoolConnection<Sqlite>, open: bool) {
    if !open {
        return;
    }
    if let Err(e) = conn.execute("ROLLBACK").await {
        let nothing_open = e.as_database_error().is_some_and(|d| d.message().contains(NOTHING_TO_ROLL_BACK));
        if !nothing_open {
            tracing::warn!(error = %e, "a write transaction could not be rolled back; its connection is closed");
            conn.close_on_drop();
        }
    }
}

impl Drop for SqliteWrite {
    /// A transaction dropped half-way (an error returned early, a request cancelled) is rolled
    /// back by a task of its own, which keeps the write gate until it is done, so the next
    /// writer starts on a clean database.
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.get_mut().take() else { return };
        let open = self.sent.load(Ordering::Acquire);
        let gate = self.gate.take();
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    close(conn, open).await;
                    drop(gate);
                });
            }
            Err(_) => {
                if open {
                    conn.close_on_drop();
                }
            }
        }
    }
}
