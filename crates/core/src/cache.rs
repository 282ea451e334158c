// SPDX-License-Identifier: AGPL-3.0-only
//! Reference data that nearly every page reads and that changes a few times a year (idea
//! statuses, topics, areas, feature switches), kept in memory. An instance forgets its copy as soon as it changes
//! the data itself; other instances on the same PostgreSQL see the change after `TTL` at most.
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::CoreResult;

/// How long a copy is trusted when another instance may have changed the data.
pub const TTL: Duration = Duration::from_secs(5);

/// One cached value.
pub struct Cached<T> {
    slot: RwLock<Option<(Instant, Arc<T>)>>,
    /// Counts `forget`s: a value read before the latest one is not kept.
    generation: AtomicU64,
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Self { slot: RwLock::new(None), generation: AtomicU64::new(0) }
    }
}

impl<T> std::fmt::Debug for Cached<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cached(..)")
    }
}

impl<T> Cached<T> {
    /// The cached value, or what `load` reads when there is none or it is older than `TTL`.
    pub async fn get_or_load<F, Fut>(&self, load: F) -> CoreResult<Arc<T>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = CoreResult<T>>,
    {
        if let Some((at, value)) = self.slot.read().unwrap_or_else(PoisonError::into_inner).as_ref()
            && at.elapsed() < TTL
        {
            return Ok(value.clone());
        }
        let generation = self.generation.load(Ordering::Acquire);
        let value = Arc::new(load().await?);
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        // A change committed while this value was read may be missing from it: serve it to
        // this caller only.
        if self.generation.load(Ordering::Acquire) == generation {
            *slot = Some((Instant::now(), value.clone()));
        }
        Ok(value)
    }

    /// Drops the copy (after this instance changed the data, once the change is committed).
    pub fn forget(&self) {
        let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
        self.generation.fetch_add(1, Ordering::AcqRel);
        *slot = None;
    }
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
}
