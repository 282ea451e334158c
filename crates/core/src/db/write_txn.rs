// SPDX-License-Identifier: AGPL-3.0-only
//! The write transaction every service uses: sea-orm's on PostgreSQL, our own on SQLite (see
//! [`super::sqlite_write`]), behind one type that sea-orm's queries run on.
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement};

use super::batch::{join, split};
use super::sqlite_write::SqliteWrite;

/// A write transaction from [`super::begin_write`]. On SQLite it also holds this process's
/// write gate until it is committed, rolled back or dropped; dropped without a commit, it
/// rolls back.
pub struct WriteTxn(Inner);

enum Inner {
    Shared(DatabaseTransaction),
    Sqlite(SqliteWrite),
}

impl WriteTxn {
    pub(super) fn shared(txn: DatabaseTransaction) -> Self {
        Self(Inner::Shared(txn))
    }

    pub(super) fn sqlite(
        conn: sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Sqlite>,
        gate: tokio::sync::OwnedMutexGuard<()>,
    ) -> Self {
        Self(Inner::Sqlite(SqliteWrite::new(conn, gate)))
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        match self.0 {
            Inner::Shared(txn) => txn.commit().await,
            Inner::Sqlite(txn) => txn.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        match self.0 {
            Inner::Shared(txn) => txn.rollback().await,
            Inner::Sqlite(txn) => {
                txn.finish().await;
                Ok(())
            }
        }
    }

    /// Runs `statements` as [`super::batch_vec`] does, then commits, and returns each one's
    /// rows. On SQLite the statements and the `COMMIT` are one trip to the connection; when
    /// anything fails, nothing is kept.
    pub async fn commit_with(self, statements: Vec<Statement>) -> Result<Vec<Vec<QueryResult>>, DbErr> {
        match self.0 {
            Inner::Shared(txn) => {
                let answers = super::batch_vec(&txn, statements).await?;
                txn.commit().await?;
                Ok(answers)
            }
            Inner::Sqlite(txn) if statements.is_empty() => txn.commit().await.map(|()| Vec::new()),
            Inner::Sqlite(txn) => {
                let count = statements.len();
                let ran = txn.run(join(DbBackend::Sqlite, statements), true).await;
                txn.finish().await;
                split(ran?.0.into_iter().map(QueryResult::from).collect(), count)
            }
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        match &self.0 {
            Inner::Shared(txn) => txn.get_database_backend(),
            Inner::Sqlite(_) => DbBackend::Sqlite,
        }
    }
    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        match &self.0 {
            Inner::Shared(txn) => txn.execute_raw(stmt).await,
            Inner::Sqlite(txn) => txn.execute(stmt).await,
        }
    }
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match &self.0 {
            Inner::Shared(txn) => txn.execute_unprepared(sql).await,
            Inner::Sqlite(txn) => txn.execute(Statement::from_string(DbBackend::Sqlite, sql)).await,
        }
    }
    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        match &self.0 {
            Inner::Shared(txn) => txn.query_one_raw(stmt).await,
            Inner::Sqlite(txn) => Ok(txn.query_all(stmt).await?.into_iter().next()),
        }
    }
    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match &self.0 {
            Inner::Shared(txn) => txn.query_all_raw(stmt).await,
            Inner::Sqlite(txn) => txn.query_all(stmt).await,
        }
    }
    fn support_returning(&self) -> bool {
        self.get_database_backend().support_returning()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use sea_orm::{ConnectionTrait, DatabaseConnection};

    use crate::db::{begin_write, connect, statement};

    async fn database() -> (tempfile::TempDir, DatabaseConnection) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("txn.db").display());
        let db = connect(&url).await.unwrap();
        db.execute_unprepared("CREATE TABLE t (n INTEGER PRIMARY KEY, word TEXT NOT NULL CHECK (word <> ''))")
            .await
            .unwrap();
        (dir, db)
    }

    fn insert(db: &DatabaseConnection, n: i32, word: &str) -> sea_orm::Statement {
        statement(db.get_database_backend(), "INSERT INTO t (n, word) VALUES (?, ?)", vec![n.into(), word.into()])
    }

    async fn rows(db: &DatabaseConnection) -> Vec<i32> {
        let all = statement(db.get_database_backend(), "SELECT n FROM t ORDER BY n", vec![]);
        db.query_all_raw(all).await.unwrap().iter().map(|r| r.try_get("", "n").unwrap()).collect()
    }

    #[tokio::test]
    async fn writes_show_only_once_committed_and_the_change_counts_are_the_statements_own() {
        let (_dir, db) = database().await;
        let txn = begin_write(&db).await.unwrap();
        let first = txn.execute_raw(insert(&db, 1, "one")).await.unwrap();
        assert_eq!(first.rows_affected(), 1, "the BEGIN sent with it adds nothing");
        txn.execute_raw(insert(&db, 2, "two")).await.unwrap();
        assert!(rows(&db).await.is_empty(), "a reader sees nothing before the commit");
        txn.commit().await.unwrap();
        assert_eq!(rows(&db).await, [1, 2]);
    }

    #[tokio::test]
    async fn commit_with_keeps_everything_or_nothing() {
        let (_dir, db) = database().await;
        let txn = begin_write(&db).await.unwrap();
        txn.execute_raw(insert(&db, 1, "one")).await.unwrap();
        let select = statement(db.get_database_backend(), "SELECT n FROM t", vec![]);
        let answers = txn.commit_with(vec![insert(&db, 2, "two"), select]).await.unwrap();
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[1].len(), 2, "the batch saw the transaction's earlier write");
        assert_eq!(rows(&db).await, [1, 2]);

        let txn = begin_write(&db).await.unwrap();
        txn.execute_raw(insert(&db, 3, "three")).await.unwrap();
        assert!(txn.commit_with(vec![insert(&db, 4, "four"), insert(&db, 5, "")]).await.is_err());
        assert_eq!(rows(&db).await, [1, 2], "a failed batch undoes the whole transaction");

        // A transaction that never ran a statement commits as nothing, with or without a batch.
        begin_write(&db).await.unwrap().commit().await.unwrap();
        assert!(begin_write(&db).await.unwrap().commit_with(Vec::new()).await.unwrap().is_empty());
        let txn = begin_write(&db).await.unwrap();
        txn.commit_with(vec![insert(&db, 6, "six")]).await.unwrap();
        assert_eq!(rows(&db).await, [1, 2, 6]);
    }

    #[tokio::test]
    async fn a_failed_statement_or_a_dropped_transaction_leaves_nothing_and_the_next_writer_starts_clean() {
        let (_dir, db) = database().await;
        let txn = begin_write(&db).await.unwrap();
        txn.execute_raw(insert(&db, 1, "one")).await.unwrap();
        assert!(txn.execute_raw(insert(&db, 2, "")).await.is_err());
        txn.rollback().await.unwrap();

        // Dropped half-way, as a cancelled request drops it: rolled back before the next writer.
        let txn = begin_write(&db).await.unwrap();
        txn.execute_raw(insert(&db, 3, "three")).await.unwrap();
        drop(txn);
        let next = begin_write(&db).await.unwrap();
        next.execute_raw(insert(&db, 4, "four")).await.unwrap();
        next.commit().await.unwrap();
        assert_eq!(rows(&db).await, [4]);

        // A task cancelled while its transaction is open.
        let (wrote, written) = tokio::sync::oneshot::channel();
        let task = tokio::spawn({
            let db = db.clone();
            async move {
                let txn = begin_write(&db).await.unwrap();
                txn.execute_raw(insert(&db, 5, "five")).await.unwrap();
                wrote.send(()).unwrap();
                std::future::pending::<()>().await;
                drop(txn);
            }
        });
        written.await.unwrap();
        task.abort();
        let _ = task.await;
        let next = begin_write(&db).await.unwrap();
        next.execute_raw(insert(&db, 6, "six")).await.unwrap();
        next.commit().await.unwrap();
        assert_eq!(rows(&db).await, [4, 6]);
    }
}
