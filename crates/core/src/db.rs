// SPDX-License-Identifier: AGPL-3.0-only
//! Connecting to SQLite or PostgreSQL (picked by the URL) and the one write-transaction helper.
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

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
            opts.max_connections(pool).min_connections(1).map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
        }
        Some(Backend::Postgres) => {
            opts.max_connections(16).min_connections(1);
        }
        None => {
            return Err(DbErr::Custom(format!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://…",
                redact(url)
            )));
        }
    }
    Database::connect(opts).await
}

/// Begins a transaction that will write. On SQLite it is IMMEDIATE, so it takes the write lock
/// up front and waits on `busy_timeout` instead of failing with "database is locked" when it
/// upgrades from a read. Every service that writes uses this helper.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            db.begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                access_mode: None,
                isolation_level: None,
            })
            .await
        }
        _ => db.begin().await,
    }
}

/// `query` locking the rows it reads for the rest of `txn` on PostgreSQL (`FOR UPDATE`); on
/// SQLite the write transaction's lock already orders every writer.
pub fn locking<E: sea_orm::EntityTrait>(query: sea_orm::Select<E>, txn: &DatabaseTransaction) -> sea_orm::Select<E> {
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
    use sea_orm::ConnectionTrait;
    let backend = db.get_database_backend();
    let lock = if backend == sea_orm::DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE {table} SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM {table} \
         WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) \
         ORDER BY id LIMIT {batch}{lock})"
    );
    let values = vec![worker.into(), until.into(), now.into(), now.into()];
    db.execute_raw(statement(backend, &sql, values)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
