// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Requests per token and minute, counted in memory per server instance (like the sign-in
//! throttle of decision 0006: each instance of a cluster counts on its own).
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// A fixed one-minute window per token.
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<i32, (Instant, u32)>>,
}

impl RateLimiter {
    /// Counts a request of `token`; `Err(seconds to wait)` once it is over `per_minute`.
    pub fn admit(&self, token: i32, per_minute: u32) -> Result<(), u64> {
        self.admit_at(token, per_minute, Instant::now())
    }

    fn admit_at(&self, token: i32, per_minute: u32, now: Instant) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let (start, count) = windows.entry(token).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            (*start, *count) = (now, 0);
        }
        if *count >= per_minute {
            let left = WINDOW.saturating_sub(now.duration_since(*start));
            return Err(left.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_waits_for_the_next_minute_once_over_its_rate() {
        let limiter = RateLimiter::default();
        let t0 = Instant::now();
        assert!(limiter.admit_at(1, 2, t0).is_ok() && limiter.admit_at(1, 2, t0).is_ok());
        let wait = limiter.admit_at(1, 2, t0 + Duration::from_secs(15));
        assert_eq!(wait, Err(45), "the third request in the minute waits for its end");
        assert!(limiter.admit_at(2, 2, t0).is_ok(), "another token counts on its own");
        assert!(limiter.admit_at(1, 2, t0 + WINDOW).is_ok(), "a new minute starts afresh");
    }
}
