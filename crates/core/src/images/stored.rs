// SPDX-License-Identifier: AGPL-3.0-only
//! Stored pictures and their variants: where they are named, read (a variant is made the first
//! time it is asked for) and removed with their picture.
use rand::RngCore;

use super::{pool, variants};
use crate::{CoreError, CoreResult, Platform};

impl Platform {
    /// Stores a picture shown large as `<folder>/<owner>-<random>-<width>x<height>.jpg` and
    /// returns its key: the size in the name lets pages offer its variants without a look-up,
    /// and the random part keeps old links from showing a replaced picture.
    pub async fn store_sized_jpeg(
        &self,
        folder: &str,
        owner: i32,
        (jpeg, width, height): (Vec<u8>, u32, u32),
        field: &'static str,
    ) -> CoreResult<String> {
        let mut suffix = [0u8; 8];
        rand::rngs::OsRng.fill_bytes(&mut suffix);
        let key = format!("{folder}/{owner}-{}-{width}x{height}.jpg", hex::encode(suffix));
        self.storage().put(&key, jpeg).await.map_err(|e| CoreError::Field { field, code: e.code() })?;
        Ok(key)
    }

    /// The bytes under `key`: a stored file, or a variant of a stored picture (made and stored
    /// the first time it is asked for). Callers check who may see the stored file first
    /// (`variants::parse(key).0`). `None` when there is no such file or variant.
    pub async fn stored_file(&self, key: &str) -> Option<Vec<u8>> {
        let (original, variant) = variants::parse(key);
        let Some(variant) = variant else { return self.storage().get(key).await.ok().flatten() };
        if let Ok(Some(bytes)) = self.storage().get(key).await {
            return Some(bytes);
        }
        let stored = self.storage().get(&original).await.ok().flatten()?;
        // Made in the pool like an upload, but not counted against anyone's uploads: it is the
        // platform's own picture, made once.
        let made = pool::in_pool("image", move || variants::render(&stored, variant)).await.ok()?;
        if let Err(e) = self.storage().put(key, made.clone()).await {
            tracing::warn!(key, error = %e, "a picture's variant could not be stored");
        }
        Some(made)
    }

    /// Removes a stored file and, for a picture, its variants.
    pub async fn forget_file(&self, key: Option<String>) {
        let Some(key) = key else { return };
        let variants = if key.ends_with(".jpg") { variants::all_keys(&key) } else { Vec::new() };
        for key in std::iter::once(key).chain(variants) {
            if let Err(e) = self.storage().delete(&key).await {
                tracing::warn!(error = %e, "an old file could not be removed");
            }
        }
    }
}
