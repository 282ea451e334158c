// SPDX-License-Identifier: AGPL-3.0-only
//! Where uploaded files live. The platform reaches them through [`Storage`], so that a later
//! module can keep them in S3-compatible storage instead of the local disk.
use std::path::PathBuf;

use async_trait::async_trait;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("bad file key `{0}`")]
    BadKey(String),
    #[error("the storage is full")]
    Full,
    #[error("storage: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for StorageError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::StorageFull { StorageError::Full } else { StorageError::Io(e) }
    }
}

impl StorageError {
    /// The error code users see (translated as `error-<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            StorageError::Full => "storage_full",
            _ => "storage_failed",
        }
    }
}

#[async_trait]
pub trait Storage: Send + Sync + std::fmt::Debug {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError>;
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError>;
    async fn delete(&self, key: &str) -> Result<(), StorageError>;
    /// Every stored key, in no particular order (for backups).
    async fn list(&self) -> Result<Vec<String>, StorageError>;
}

/// Files under a directory (`<data_dir>/files`). Keys are relative paths of safe characters.
#[derive(Debug, Clone)]
pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path(&self, key: &str) -> Result<PathBuf, StorageError> {
        let safe = !key.is_empty()
            && !key.starts_with('/')
            && key.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
            && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
        if safe { Ok(self.root.join(key)) } else { Err(StorageError::BadKey(key.to_owned())) }
    }
}

#[async_trait]
impl Storage for LocalStorage {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // Write then rename, so a reader never sees half a file; a failed write (a full disk)
        // leaves nothing behind.
        let tmp = path.with_extension("partial");
        let written = async {
            tokio::fs::write(&tmp, bytes).await?;
            tokio::fs::rename(&tmp, &path).await
        };
        if let Err(e) = written.await {
            let _ = tokio::fs::remove_file(&tmp).await;
            tracing::error!(key, error = %e, "a file could not be stored");
            return Err(e.into());
        }
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    async fn list(&self) -> Result<Vec<String>, StorageError> {
        let mut keys = Vec::new();
        let mut dirs = vec![self.root.clone()];
        while let Some(dir) = dirs.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            while let Some(entry) = entries.next_entry().await? {
                let path = entry.path();
                if entry.file_type().await?.is_dir() {
                    dirs.push(path);
                    continue;
                }
                // Half-written files (`.partial`) are no stored file yet.
                let key = path.strip_prefix(&self.root).ok().and_then(|k| k.to_str()).map(str::to_owned);
                if let Some(key) = key.filter(|k| !k.ends_with(".partial") && self.path(k).is_ok()) {
                    keys.push(key);
                }
            }
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_and_refuses_escaping_keys() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let s = LocalStorage::new(dir.path().to_owned());
        s.put("avatars/a.jpg", vec![1, 2]).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.get("avatars/a.jpg").await.ok().flatten(), Some(vec![1, 2]));
        for bad in ["../x", "/etc/passwd", "a/../../b", "a b", ""] {
            assert!(matches!(s.put(bad, vec![]).await, Err(StorageError::BadKey(_))), "{bad}");
        }
        s.put("ideas/7/b.pdf", vec![3]).await.unwrap_or_else(|e| panic!("{e}"));
        let mut keys = s.list().await.unwrap_or_else(|e| panic!("{e}"));
        keys.sort();
        assert_eq!(keys, ["avatars/a.jpg", "ideas/7/b.pdf"]);
        s.delete("avatars/a.jpg").await.unwrap_or_else(|e| panic!("{e}"));
        s.delete("avatars/a.jpg").await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.get("avatars/a.jpg").await.ok().flatten(), None);
    }
}
