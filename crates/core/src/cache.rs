// SPDX-License-Identifier: AGPL-3.0-only
//! Reference data that nearly every page reads and that changes a few times a year (idea
//! statuses, topics, areas, feature switches), kept in memory. An instance forgets its copy as soon as it changes
//! the data itself; other instances on the same PostgreSQL see the change after `TTL` at most.
//!
//! Each value lives in a `moka` cache that expires it `TTL` after it was loaded. Readers that
//! find no value while another reader is loading it wait for that load instead of each reading
//! the database (decision 0024). The value is kept under the number of `forget`s so far: a load
//! that a `forget` overtook stores its value under a number that no later reader asks for.
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::DbErr;

use crate::{CoreError, CoreResult};

/// How long a copy is trusted when another instance may have changed the data.
pub const TTL: Duration = Duration::from_secs(5);

/// One cached value.
pub struct Cached<T> {
    /// The value, keyed by the generation it was loaded in.
    values: moka::future::Cache<u64, Arc<T>>,
    /// Counts `forget`s: a value read before the latest one is not served again.
    generation: AtomicU64,
}

impl<T: Send + Sync + 'static> Default for Cached<T> {
    fn default() -> Self {
        Self::trusted_for(TTL)
    }
}

impl<T> std::fmt::Debug for Cached<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cached(..)")
    }
}

impl<T: Send + Sync + 'static> Cached<T> {
    fn trusted_for(ttl: Duration) -> Self {
        Self { values: moka::future::Cache::builder().time_to_live(ttl).build(), generation: AtomicU64::new(0) }
    }

    /// The cached value, or what `load` reads when there is none or it is older than `TTL`.
    /// Readers that come while a load is running get its value; a failed load is not kept.
    pub async fn get_or_load<F, Fut>(&self, load: F) -> CoreResult<Arc<T>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = CoreResult<T>>,
    {
        let generation = self.generation.load(Ordering::Acquire);
        self.values.try_get_with(generation, async { load().await.map(Arc::new) }).await.map_err(shared_error)
    }

    /// Drops the copy (after this instance changed the data, once the change is committed). A
    /// load already running still answers the readers that asked before.
    pub fn forget(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.values.invalidate_all();
    }
}

/// The error of a load, which the readers that waited for it share: the reader that ran the
/// load usually gets it back whole; the others get the same code and text.
fn shared_error(error: Arc<CoreError>) -> CoreError {
    Arc::try_unwrap(error).unwrap_or_else(|shared| match shared.as_ref() {
        CoreError::Database(e) => CoreError::Database(DbErr::Custom(e.to_string())),
        CoreError::NotFound(what) => CoreError::NotFound(what),
        other => CoreError::Database(DbErr::Custom(other.to_string())),
    })
}

/// The reference data a platform keeps.
#[derive(Debug, Default)]
pub struct ReferenceData {
    pub idea_statuses: Cached<Vec<crate::modules::ideas::model::idea_status::Model>>,
    pub topics: Cached<Vec<crate::modules::projects::Term>>,
    pub areas: Cached<Vec<crate::modules::projects::Term>>,
    /// The feature switches an administrator set (read on every request that asks whether a
    /// module is active).
    pub feature_switches: Cached<std::collections::HashMap<String, bool>>,
    /// The platform's public name (on every page).
    pub name: Cached<String>,
    /// Every project with its phases and stored permissions (see `projects::snapshot`).
    pub projects: Cached<crate::modules::projects::snapshot::Snapshot>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[tokio::test]
    async fn a_value_read_across_a_forget_is_not_kept() {
        let cached: Cached<u32> = Cached::default();
        // The data changes (and the copy is forgotten) while a reader is loading the old value.
        let old = cached
            .get_or_load(|| async {
                cached.forget();
                Ok(1)
            })
            .await
            .unwrap();
        assert_eq!(*old, 1, "the reader still gets what it read");
        let fresh = cached.get_or_load(|| async { Ok(2) }).await.unwrap();
        assert_eq!(*fresh, 2, "the next reader loads again instead of keeping the old value");
        let kept = cached.get_or_load(|| async { Ok(3) }).await.unwrap();
        assert_eq!(*kept, 2, "an undisturbed load is kept");
    }

    #[tokio::test]
    async fn a_value_is_kept_until_forgotten_or_too_old() {
        let cached: Cached<u32> = Cached::default();
        assert_eq!(*cached.get_or_load(|| async { Ok(1) }).await.unwrap(), 1);
        assert_eq!(*cached.get_or_load(|| async { Ok(2) }).await.unwrap(), 1, "kept within its time");
        cached.forget();
        assert_eq!(*cached.get_or_load(|| async { Ok(3) }).await.unwrap(), 3, "loaded again after a forget");

        // A copy trusted for no time at all is loaded again by every reader.
        let expired: Cached<u32> = Cached::trusted_for(Duration::ZERO);
        assert_eq!(*expired.get_or_load(|| async { Ok(1) }).await.unwrap(), 1);
        assert_eq!(*expired.get_or_load(|| async { Ok(2) }).await.unwrap(), 2);
    }

    #[tokio::test]
    async fn readers_that_come_during_a_load_share_it() {
        let cached: Cached<u32> = Cached::default();
        let (arrived, loads) = (AtomicU64::new(0), AtomicU64::new(0));
        // The load ends only once all three readers asked: had each its own load, there would
        // be three.
        let load = || async {
            loads.fetch_add(1, Ordering::SeqCst);
            while arrived.load(Ordering::SeqCst) < 3 {
                tokio::task::yield_now().await;
            }
            Ok(7)
        };
        let reader = || async {
            arrived.fetch_add(1, Ordering::SeqCst);
            cached.get_or_load(load).await
        };
        let (a, b, c) = tokio::join!(reader(), reader(), reader());
        assert_eq!((*a.unwrap(), *b.unwrap(), *c.unwrap()), (7, 7, 7));
        assert_eq!(loads.load(Ordering::SeqCst), 1, "one load for three readers");
    }

    #[tokio::test]
    async fn a_failed_load_is_not_kept() {
        let cached: Cached<u32> = Cached::default();
        let failed = cached.get_or_load(|| async { Err(CoreError::Database(DbErr::Custom("down".into()))) }).await;
        assert!(matches!(failed, Err(CoreError::Database(_))));
        assert_eq!(*cached.get_or_load(|| async { Ok(8) }).await.unwrap(), 8, "the next reader loads again");
    }
}
