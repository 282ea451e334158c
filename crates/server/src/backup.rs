// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall backup FILE` and `townhall restore FILE`.
//!
//! A backup is an online, consistent snapshot taken while the platform serves: on SQLite
//! `VACUUM INTO` (one read transaction, so the copy is the database as of one instant, and a
//! SQLite file itself); on PostgreSQL `pg_dump --format=custom` (one repeatable-read snapshot).
//! Both are written next to FILE first and renamed when complete, so a failed backup leaves no
//! half file. The snapshot and every uploaded file go into one archive (`backup_archive`). A
//! restore goes into an empty database and file store (or replaces them with `--replace`, every
//! server stopped first), brings the database up to this binary's migrations and checks it as
//! `townhall check` does.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use townhall_core::db::{self, Backend};
use townhall_core::sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::config::Config;

/// How a backup file begins.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

fn partial(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// `pg_dump` or `pg_restore`: on `PATH`, else the newest in Debian's `/usr/lib/postgresql/*/bin`.
fn pg_tool(name: &str) -> Result<PathBuf, String> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).find(|t| t.is_file()))
        .unwrap_or_default();
    if let Some(tool) = on_path {
        return Ok(tool);
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path().join("bin").join(name)).filter(|t| t.is_file()).collect())
        .unwrap_or_default();
    versions
        .sort_by_key(|p| p.ancestors().nth(2).and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok()).unwrap_or(0));
    versions
        .pop()
        .ok_or_else(|| format!("{name} is needed for PostgreSQL backups; install the PostgreSQL client tools"))
}

fn run_tool(mut command: Command) -> Result<(), String> {
    let out = command.output().map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed: {}", command.get_program(), String::from_utf8_lossy(&out.stderr).trim()))
    }
}

pub async fn backup(config: &Config, file: &Path) -> Result<(), String> {
    if file.exists() {
        return Err(format!("{} exists already; choose a new file", file.display()));
    }
    let started = Instant::now();
    // The database's snapshot first, then the archive around it with the stored files.
    let snapshot = with_suffix(file, ".database.partial");
    let (kind, size) = snapshot_database(config, &snapshot).await?;
    let temporary = partial(file);
    let _ = std::fs::remove_file(&temporary);
    let storage = crate::app::storage(config);
    let archived = crate::backup_archive::write(&temporary, &snapshot, kind, storage.as_ref()).await;
    let _ = std::fs::remove_file(&snapshot);
    let files = match archived {
        Ok(files) => files,
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            return Err(e);
        }
    };
    std::fs::rename(&temporary, file).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let total = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!(
        "backup written to {} ({:.1} MB: the database, {:.1} MB, and {files} uploaded files) in {:.1} s",
        file.display(),
        total as f64 / 1_048_576.0,
        size as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Takes the database's snapshot into `temporary`; returns its kind and size.
async fn snapshot_database(config: &Config, temporary: &Path) -> Result<(&'static str, u64), String> {
    let url = config.database_url();
    let _ = std::fs::remove_file(temporary);
    let (kind, written) = match Backend::of_url(&url) {
        Some(Backend::Sqlite) => {
            let conn = db::connect(&url).await.map_err(|e| format!("cannot open the database: {e}"))?;
            let target = temporary.to_str().ok_or("the backup's path is not valid UTF-8")?.replace('\'', "''");
            let done = conn
                .execute_unprepared(&format!("VACUUM INTO '{target}'"))
                .await
                .map(drop)
                .map_err(|e| format!("the snapshot failed: {e}"));
            conn.close().await.ok();
            ("sqlite", done)
        }
        Some(Backend::Postgres) => {
            let mut c = Command::new(pg_tool("pg_dump")?);
            c.args(["--format=custom", "--no-owner", "--file"]).arg(temporary).args(["--dbname", &url]);
            ("postgres", run_tool(c))
        }
        None => return Err("the database URL is neither sqlite:// nor postgres://".into()),
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(temporary);
        return Err(e);
    }
    Ok((kind, std::fs::metadata(temporary).map(|m| m.len()).unwrap_or(0)))
}

/// Tables in the target database (none means empty).
async fn tables_in(url: &str) -> Result<i64, String> {
    let conn = db::connect(url).await.map_err(|e| format!("cannot open the database: {e}"))?;
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
        _ => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
    };
    let row = conn.query_one_raw(Statement::from_string(backend, sql)).await.map_err(|e| e.to_string())?;
    conn.close().await.ok();
    Ok(row.and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(0))
}

/// Restores a backup: the archive this binary writes (database and files), or a bare database
/// snapshot as older versions wrote them (the files then come from their own backup).
pub async fn restore(config: &Config, file: &Path, replace: bool) -> Result<(), String> {
    let mut head = [0u8; 512];
    let read = read_head(file, &mut head)?;
    if !crate::backup_archive::is_archive(&head[..read]) {
        return restore_database(config, file, replace).await;
    }
    let storage = crate::app::storage(config);
    let present = storage.list().await.map_err(|e| format!("cannot list the stored files: {e}"))?;
    if !present.is_empty() && !replace {
        return Err("the file store is not empty; stop every server and pass --replace to overwrite it".into());
    }
    std::fs::create_dir_all(&config.data_dir).map_err(|e| e.to_string())?;
    let snapshot = config.data_dir.join(format!("restore-{}.database", std::process::id()));
    let manifest = crate::backup_archive::extract_database(file, &snapshot);
    let restored = match manifest {
        Ok(_) => restore_database(config, &snapshot, replace).await,
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_file(&snapshot);
    restored?;
    for key in present {
        storage.delete(&key).await.map_err(|e| format!("cannot remove {key}: {e}"))?;
    }
    let files = crate::backup_archive::restore_files(file, storage.as_ref()).await?;
    println!("restored {files} uploaded files");
    Ok(())
}

fn read_head(file: &Path, head: &mut [u8]) -> Result<usize, String> {
    let mut f = std::fs::File::open(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut read = 0;
    while read < head.len() {
        match std::io::Read::read(&mut f, &mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
        }
    }
    Ok(read)
}

/// Puts a database snapshot in place (into an empty database, or over one with `replace`).
async fn restore_database(config: &Config, file: &Path, replace: bool) -> Result<(), String> {
    let mut head = [0u8; 16];
    let read = read_head(file, &mut head)?;
    let url = config.database_url();
    let backend = Backend::of_url(&url).ok_or("the database URL is neither sqlite:// nor postgres://")?;
    let kind = match (&head[..read], backend) {
        (h, Backend::Sqlite) if h.starts_with(SQLITE_MAGIC) => Backend::Sqlite,
        (h, Backend::Postgres) if h.starts_with(PG_DUMP_MAGIC) => Backend::Postgres,
        (h, _) if h.starts_with(SQLITE_MAGIC) => {
            return Err("this is a SQLite backup; restore it into a sqlite:// database".into());
        }
        (h, _) if h.starts_with(PG_DUMP_MAGIC) => {
            return Err("this is a PostgreSQL backup; restore it into a postgres:// database".into());
        }
        _ => return Err(format!("{} is not a Townhall backup", file.display())),
    };
    let sqlite_path = crate::app::sqlite_file(&url);
    let has_tables = match &sqlite_path {
        Some(path) if !path.exists() => false,
        _ => tables_in(&url).await? > 0,
    };
    if has_tables && !replace {
        return Err("the database is not empty; stop every server and pass --replace to overwrite it".into());
    }
    let started = Instant::now();
    match kind {
        Backend::Sqlite => {
            let target = sqlite_path.ok_or("restoring needs a SQLite file, not an in-memory database")?;
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            let temporary = partial(&target);
            std::fs::copy(file, &temporary).map_err(|e| format!("cannot copy the backup: {e}"))?;
            for suffix in ["-wal", "-shm"] {
                let mut side = target.as_os_str().to_owned();
                side.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(side));
            }
            std::fs::rename(&temporary, &target).map_err(|e| format!("cannot put the database in place: {e}"))?;
        }
        Backend::Postgres => {
            let mut c = Command::new(pg_tool("pg_restore")?);
            c.args(["--no-owner", "--exit-on-error", "--single-transaction", "--dbname", &url]);
            if has_tables {
                c.args(["--clean", "--if-exists"]);
            }
            c.arg(file);
            run_tool(c)?;
        }
    }
    println!("restored {} in {:.1} s; checking it", file.display(), started.elapsed().as_secs_f64());
    Ok(())
}
