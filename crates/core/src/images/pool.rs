// SPDX-License-Identifier: AGPL-3.0-only
//! Where pictures are decoded: on tokio's blocking threads, never on the async workers, at
//! most one per CPU at a time (others wait their turn), and at most
//! [`throttle::PICTURES`](crate::throttle::PICTURES) per account and hour (decision 0021).
use std::num::NonZeroUsize;
use std::sync::{Arc, LazyLock};

use tokio::sync::Semaphore;

use crate::{Actor, CoreError, CoreResult, Platform, throttle};

/// One permit per CPU, shared by every platform of the process (they share the CPUs).
static POOL: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let cpus = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    Arc::new(Semaphore::new(cpus))
});

/// Whose uploads count together: an account, or every visitor at once (a platform may let
/// visitors post ideas); the operator's command line is not limited.
fn uploader(actor: &Actor) -> Option<String> {
    match actor {
        Actor::User(viewer) => Some(format!("pictures:{}", viewer.id)),
        Actor::Anonymous => Some("pictures:anonymous".into()),
        Actor::Operator => None,
    }
}

impl Platform {
    /// Runs `work` (decoding an upload of `actor`'s for the form field `field`) in the pool,
    /// once the upload is counted against the hourly limit.
    pub async fn picture<T: Send + 'static>(
        &self,
        actor: &Actor,
        field: &'static str,
        work: impl FnOnce() -> CoreResult<T> + Send + 'static,
    ) -> CoreResult<T> {
        if let Some(key) = uploader(actor)
            && self.throttle().reserve(&key, throttle::PICTURES).is_err()
        {
            return Err(CoreError::Field { field, code: "image_uploads_throttled" });
        }
        in_pool(field, work).await
    }
}

/// Runs `work` on a blocking thread once a permit of the pool is free.
pub(super) async fn in_pool<T: Send + 'static>(
    field: &'static str,
    work: impl FnOnce() -> CoreResult<T> + Send + 'static,
) -> CoreResult<T> {
    let failed = || CoreError::Field { field, code: "image_invalid" };
    let permit = POOL.clone().acquire_owned().await.map_err(|_| failed())?;
    // The permit goes with the work: a request dropped while it runs keeps its place taken
    // until the work ends.
    let done = tokio::task::spawn_blocking(move || {
        let done = work();
        drop(permit);
        done
    });
    done.await.map_err(|_| failed())?
}
