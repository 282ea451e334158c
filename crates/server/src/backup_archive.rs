// SPDX-License-Identifier: AGPL-3.0-only
//! The backup archive: one tar file that holds the database's snapshot and every uploaded file,
//! so that a restore is complete. Its entries, in this order:
//!
//! - `townhall-backup.json`: the format, the database kind, how many files, when;
//! - `database`: the SQLite file (`VACUUM INTO`) or the PostgreSQL archive (`pg_dump`);
//! - `files/<key>`: each file of the file store, under its key.
//!
//! The database is snapshotted first and the files copied after it, so every file the
//! snapshot names is in the archive unless it was deleted while the backup ran; files added
//! meanwhile come along unused.
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use townhall_core::storage::Storage;

pub const MANIFEST: &str = "townhall-backup.json";
const DATABASE: &str = "database";
const FILES: &str = "files/";
const FORMAT: &str = "townhall-backup-v1";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    pub files: u64,
    pub created_at: String,
}

/// Whether a file that begins with `head` (at least 512 bytes read) is a tar archive.
pub fn is_archive(head: &[u8]) -> bool {
    head.get(257..262) == Some(b"ustar".as_slice())
}

/// The header of an entry of `size` bytes (its path is set when it is appended).
fn header(size: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o600);
    header.set_mtime(chrono::Utc::now().timestamp().max(0).unsigned_abs());
    header
}

/// Writes the archive to `out`: the manifest, the database snapshot at `database`, then every
/// file of `storage`. Returns how many files it holds.
pub async fn write(out: &Path, database: &Path, kind: &str, storage: &dyn Storage) -> Result<u64, String> {
    let io = |e: std::io::Error| format!("cannot write {}: {e}", out.display());
    let mut keys = storage.list().await.map_err(|e| format!("cannot list the stored files: {e}"))?;
    keys.sort();
    let file = std::fs::File::create(out).map_err(io)?;
    let mut archive = tar::Builder::new(std::io::BufWriter::new(file));
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        database: kind.to_owned(),
        files: keys.len() as u64,
        created_at: chrono::Utc::now().to_rfc3339(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    archive.append_data(&mut header(manifest.len() as u64), MANIFEST, manifest.as_slice()).map_err(io)?;
    let snapshot = std::fs::File::open(database).map_err(io)?;
    let size = snapshot.metadata().map_err(io)?.len();
    archive.append_data(&mut header(size), DATABASE, snapshot).map_err(io)?;
    let mut written = 0;
    for key in &keys {
        // A file deleted since it was listed is no longer part of the platform.
        let Some(bytes) = storage.get(key).await.map_err(|e| format!("cannot read the stored file {key}: {e}"))? else {
            continue;
        };
        let path = format!("{FILES}{key}");
        archive.append_data(&mut header(bytes.len() as u64), &path, bytes.as_slice()).map_err(io)?;
        written += 1;
    }
    let inner = archive.into_inner().map_err(io)?;
    let file = inner.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    Ok(written)
}

/// Reads the manifest and copies the database snapshot out of the archive to `to`.
pub fn extract_database(archive: &Path, to: &Path) -> Result<Manifest, String> {
    let io = |e: std::io::Error| format!("cannot read {}: {e}", archive.display());
    let mut reader = tar::Archive::new(std::fs::File::open(archive).map_err(io)?);
    let mut manifest: Option<Manifest> = None;
    for item in reader.entries().map_err(io)? {
        let mut item = item.map_err(io)?;
        let path = item.path().map_err(io)?.to_string_lossy().into_owned();
        if path == MANIFEST {
            let mut text = String::new();
            item.read_to_string(&mut text).map_err(io)?;
            let read: Manifest = serde_json::from_str(&text).map_err(|e| format!("not a Townhall backup: {e}"))?;
            if read.format != FORMAT {
                return Err(format!("unknown backup format `{}`", read.format));
            }
            manifest = Some(read);
        } else if path == DATABASE {
            let manifest = manifest.take().ok_or("not a Townhall backup: the manifest does not come first")?;
            let mut out = std::fs::File::create(to).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
            std::io::copy(&mut item, &mut out).map_err(io)?;
            out.sync_all().map_err(io)?;
            return Ok(manifest);
        }
    }
    Err("not a Townhall backup: it holds no database".into())
}

/// Puts every file of the archive into `storage`; returns how many.
pub async fn restore_files(archive: &Path, storage: &dyn Storage) -> Result<u64, String> {
    let io = |e: std::io::Error| format!("cannot read {}: {e}", archive.display());
    let mut reader = tar::Archive::new(std::fs::File::open(archive).map_err(io)?);
    let mut restored = 0;
    for item in reader.entries().map_err(io)? {
        let mut item = item.map_err(io)?;
        let path = item.path().map_err(io)?.to_string_lossy().into_owned();
        let Some(key) = path.strip_prefix(FILES) else { continue };
        let mut bytes = Vec::with_capacity(usize::try_from(item.size()).unwrap_or_default());
        item.read_to_end(&mut bytes).map_err(io)?;
        storage.put(key, bytes).await.map_err(|e| format!("cannot store {key}: {e}"))?;
        restored += 1;
    }
    Ok(restored)
}
