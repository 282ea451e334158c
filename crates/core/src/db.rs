// SPDX-License-Identifier: AGPL-3.0-only
//! Connecting to SQLite or PostgreSQL (picked by the URL) and the one write-transaction helper.
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr, TransactionTrait};

mod batch;
mod sqlite_write;
mod write_txn;
pub use batch::{batch, batch_vec};
pub use write_txn::WriteTxn;

/// How long a SQLite connection waits for the write lock before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Opens a pool. SQLite gets WAL, `synchronous=NORMAL`, foreign keys and a busy timeout on
/// every connection, and the file is created when missing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(5)).acquire_timeout(Duration::from_secs(10));
    match Backend::of_url(url) {
        Some(Backend::Sqlite) => {
            // Each connection to `:memory:` is its own database: keep one.
            let pool = if url.contains(":memory:") { 1 } else { 8 };
            // No ping when a connection leaves the pool: a SQLite connection is a file handle
            // that cannot drop, and the ping is a round trip to the connection's thread, which
            // doubled the cost of every statement run outside a transaction.
            opts.test_before_acquire(false);
            opts.max_connections(pool).min_connections(1).map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
        }
        Some(Backend::Postgres) => {
            // PostgreSQL sends a NOTICE for statements such as `CREATE TABLE IF NOT EXISTS` on a
            // table that exists; the driver logs each one, so every start (and every migration)
            // filled the log with "already exists, skipping". Warnings and errors still come.
            opts.max_connections(16).min_connections(1).map_sqlx_postgres_pool_opts(|pool| {
                pool.after_connect(|conn, _| {
                    Box::pin(async move {
                        sea_orm::sqlx::Executor::execute(conn, "SET client_min_messages TO warning").await.map(|_| ())
                    })
                })
            });
        }
        None => {
            return Err(DbErr::Custom(format!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://…",
                redact(url)
            )));
        }
    }
    let mut db = Database::connect(opts).await?;
    // `RUST_LOG=townhall::sql=debug` logs every statement with its time, to see what a page costs.
    if tracing::enabled!(target: "townhall::sql", tracing::Level::DEBUG) {
        db.set_metric_callback(|info| {
            tracing::debug!(
                target: "townhall::sql",
                micros = info.elapsed.as_micros() as u64,
                failed = info.failed,
                "{}",
                info.statement.sql
            );
        });
    }
    Ok(db)
}

/// Begins a transaction that will write. Every service that writes uses this helper.
///
/// On SQLite, which has one writer at a time, writers of this process first queue on an async
/// gate (first come, first served), then begin IMMEDIATE, which takes the write lock up front
/// (sent with the transaction's first statement, see [`WriteTxn`]).
/// Without the gate they would meet at SQLite's lock, whose busy handler sleeps for growing
/// intervals (1, 2, 5, 10… ms) while the lock may already be free: under a burst most of the
/// time went to sleeping. The busy timeout still covers other processes (the CLI, a backup).
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let gate = write_gate(db).lock_owned().await;
            let conn = db.get_sqlite_connection_pool().acquire().await.map_err(acquire_err)?;
            Ok(WriteTxn::sqlite(conn, gate))
        }
        _ => Ok(WriteTxn::shared(db.begin().await?)),
    }
}

fn acquire_err(e: sea_orm::sqlx::Error) -> DbErr {
    use sea_orm::error::ConnAcquireErr;
    match e {
        sea_orm::sqlx::Error::PoolTimedOut => DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
        sea_orm::sqlx::Error::PoolClosed => DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
        e => DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())),
    }
}

/// Runs one write statement on its own (SQLite's autocommit) through the write gate: one round
/// trip to the connection's thread, where a transaction around it costs three (BEGIN, the
/// statement, COMMIT). For writes that are whole in one statement.
pub async fn write_alone(db: &DatabaseConnection, stmt: sea_orm::Statement) -> Result<sea_orm::ExecResult, DbErr> {
    use sea_orm::ConnectionTrait;
    let gate = match db.get_database_backend() {
        DbBackend::Sqlite => Some(write_gate(db).lock_owned().await),
        _ => None,
    };
    let done = db.execute_raw(stmt).await;
    hand_over(gate).await;
    done
}

/// Releases the write gate and lets the next writer begin at once. Its task was woken into this
/// worker thread's next-task slot, which the runtime's other threads cannot take, so without
/// the yield it would wait until this request had built and sent its whole answer (about a
/// tenth more ballots a second in the full-size burst).
async fn hand_over(gate: Option<tokio::sync::OwnedMutexGuard<()>>) {
    if let Some(gate) = gate {
        drop(gate);
        tokio::task::yield_now().await;
    }
}

/// The write gate of `db`'s SQLite pool. Pools are told apart by their shared connect options
/// (every clone of a pool shares one); a gate nobody holds may be forgotten, as the next writer
/// then simply makes a new one.
fn write_gate(db: &DatabaseConnection) -> std::sync::Arc<tokio::sync::Mutex<()>> {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex, PoisonError};
    static GATES: LazyLock<Mutex<HashMap<usize, Arc<tokio::sync::Mutex<()>>>>> = LazyLock::new(Default::default);
    let key = Arc::as_ptr(&db.get_sqlite_connection_pool().connect_options()) as usize;
    let mut gates = GATES.lock().unwrap_or_else(PoisonError::into_inner);
    if gates.len() > 64 {
        gates.retain(|_, gate| Arc::strong_count(gate) > 1);
    }
    gates.entry(key).or_default().clone()
}

/// `query` locking the rows it reads for the rest of `txn` on PostgreSQL (`FOR UPDATE`); on
/// SQLite the write transaction's lock already orders every writer.
pub fn locking<E: sea_orm::EntityTrait>(query: sea_orm::Select<E>, txn: &WriteTxn) -> sea_orm::Select<E> {
    use sea_orm::{ConnectionTrait, QuerySelect};
    if txn.get_database_backend() == DbBackend::Postgres { query.lock_exclusive() } else { query }
}

/// A URL with its password hidden, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &creds[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The connection pool's size and idle connections.
pub fn pool_usage(db: &DatabaseConnection) -> (u32, usize) {
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => (0, 0),
    }
}

/// A statement in the backend's placeholder style: `?` becomes `$1`, `$2`… on PostgreSQL.
pub fn statement(backend: sea_orm::DbBackend, sql: &str, values: Vec<sea_orm::Value>) -> sea_orm::Statement {
    let sql = if backend == sea_orm::DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_owned()
    };
    sea_orm::Statement::from_sql_and_values(backend, sql, values)
}

/// Claims up to `batch` due rows of a durable queue `table` (columns `status`,
/// `next_attempt_at`, `claimed_by`, `claimed_until`) for `worker` until `until`, in one
/// statement. On PostgreSQL rows another instance is claiming are skipped; SQLite has one
/// writer. The outbox of e-mails and Premium's webhook deliveries share it.
pub async fn claim_due(
    db: &DatabaseConnection,
    table: &'static str,
    worker: &str,
    now: chrono::DateTime<chrono::Utc>,
    until: chrono::DateTime<chrono::Utc>,
    batch: i64,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let lock = if backend == sea_orm::DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE {table} SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM {table} \
         WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) \
         ORDER BY id LIMIT {batch}{lock})"
    );
    let values = vec![worker.into(), until.into(), now.into(), now.into()];
    // Through the write gate like every write: a lone statement meeting a gated writer at
    // SQLite's lock would make that writer sleep in the busy handler (see `begin_write`).
    write_alone(db, statement(backend, &sql, values)).await.map(drop)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[tokio::test]
    async fn writers_of_one_database_queue_and_other_databases_do_not_wait() {
        use sea_orm::ConnectionTrait;
        let dir = tempfile::tempdir().unwrap();
        let url = |name: &str| format!("sqlite://{}?mode=rwc", dir.path().join(name).display());
        let (one, other) = (connect(&url("one.db")).await.unwrap(), connect(&url("other.db")).await.unwrap());
        for db in [&one, &other] {
            db.execute_unprepared("CREATE TABLE t (n INTEGER)").await.unwrap();
        }
        let first = begin_write(&one).await.unwrap();
        first.execute_unprepared("INSERT INTO t VALUES (1)").await.unwrap();
        // Another database's writer does not wait for this one.
        let elsewhere = begin_write(&other).await.unwrap();
        elsewhere.commit().await.unwrap();
        // A second writer of the same database (another clone of its pool) waits its turn, then
        // sees the first one's row.
        let second = tokio::spawn({
            let one = one.clone();
            async move {
                let txn = begin_write(&one).await.unwrap();
                let seen = txn.query_all_raw(statement(one.get_database_backend(), "SELECT n FROM t", vec![])).await;
                txn.commit().await.unwrap();
                seen.unwrap().len()
            }
        });
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
        assert!(!second.is_finished(), "the second writer began while the first was open");
        first.commit().await.unwrap();
        assert_eq!(second.await.unwrap(), 1);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h:5/db"), "postgres://u:***@h:5/db");
        assert_eq!(redact("sqlite://a.db"), "sqlite://a.db");
    }

    #[test]
    fn backend_from_url() {
        assert_eq!(Backend::of_url("sqlite://x.db?mode=rwc"), Some(Backend::Sqlite));
        assert_eq!(Backend::of_url("postgresql://h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of_url("mysql://h/db"), None);
    }
}
