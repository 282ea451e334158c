// SPDX-License-Identifier: AGPL-3.0-only
//! Runs every module's background jobs on their interval, or sooner when woken
//! (`Platform::wake_job`), until shutdown.
use tokio::task::JoinSet;
use tokio::time::{MissedTickBehavior, interval};
use townhall_core::Platform;

/// A shutdown signal shared by the server and the jobs: it turns `true` once.
pub type Shutdown = tokio::sync::watch::Receiver<bool>;

/// Spawns one task per job; each stops when `shutdown` turns true.
pub fn spawn(platform: &Platform, shutdown: &Shutdown) -> JoinSet<()> {
    let mut set = JoinSet::new();
    for job in platform.registry().modules().iter().flat_map(|m| m.jobs()) {
        let platform = platform.clone();
        let mut shutdown = shutdown.clone();
        let wakeup = platform.job_wakeup(job.name);
        set.spawn(async move {
            let mut ticks = interval(job.every);
            ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = wakeup.notified() => {}
                    _ = shutdown.changed() => break,
                }
                if let Err(e) = (job.run)(platform.clone()).await {
                    tracing::error!(job = job.name, error = %e, "background job failed");
                }
            }
        });
    }
    set
}
