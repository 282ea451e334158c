// SPDX-License-Identifier: AGPL-3.0-only
//! The raw single-writer insert rate of the database: one small row per write transaction, one
//! writer, through the same connection settings (WAL, `synchronous=NORMAL`, IMMEDIATE
//! transactions on SQLite) as the server. The write scenarios are reported against it.
use std::time::{Duration, Instant};

use anyhow::Result;
use townhall_core::db;
use townhall_core::sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Commits per second over `seconds`.
pub async fn insert_rate(url: &str, seconds: u64) -> Result<f64> {
    let conn = db::connect(url).await?;
    let backend = conn.get_database_backend();
    let create = match backend {
        DbBackend::Postgres => {
            "CREATE TABLE IF NOT EXISTS bench_baseline (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)"
        }
        _ => "CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
    };
    conn.execute_unprepared(create).await?;
    let insert = match backend {
        DbBackend::Postgres => "INSERT INTO bench_baseline (body) VALUES ($1)",
        _ => "INSERT INTO bench_baseline (body) VALUES (?)",
    };
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut commits = 0_u64;
    while Instant::now() < deadline {
        let txn = db::begin_write(&conn).await?;
        txn.execute_raw(Statement::from_sql_and_values(backend, insert, ["a row of about this size".into()])).await?;
        txn.commit().await?;
        commits += 1;
    }
    conn.close().await?;
    Ok(commits as f64 / started.elapsed().as_secs_f64())
}
