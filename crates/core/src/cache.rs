// SPDX-License-Identifier: AGPL-3.0-only
//! Reference data that nearly every page reads and that changes a few times a year (idea
//! statuses, topics, areas, feature switches), kept in memory. An instance forgets its copy as soon as it changes
//! the data itself; other instances on the same PostgreSQL see the change after `TTL` at most.
use std::future::Future;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::CoreResult;

/// How long a copy is trusted when another instance may have changed the data.
pub const TTL: Duration = Duration::from_secs(5);

/// One cached value.
pub struct Cached<T> {
    slot: RwLock<Option<(Instant, Arc<T>)>>,
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Self { slot: RwLock::new(None) }
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
        let value = Arc::new(load().await?);
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) = Some((Instant::now(), value.clone()));
        Ok(value)
    }

    /// Drops the copy (after this instance changed the data).
    pub fn forget(&self) {
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) = None;
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
}
