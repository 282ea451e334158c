// SPDX-License-Identifier: AGPL-3.0-only
//! Failed attempts per key (an account, a client address, an e-mail to send) with a growing
//! wait. Kept in memory per server instance: a restart forgets it, and each instance of a
//! cluster counts on its own (documented in docs/decisions/0006).
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Attempts allowed before waiting starts, then the wait doubles with each further failure.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub free_attempts: u32,
    pub first_wait: Duration,
    pub max_wait: Duration,
    /// A key with no failure for this long starts afresh.
    pub forget_after: Duration,
}

#[derive(Debug, Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    /// `Err(wait)` when the key must wait before trying again.
    pub fn check(&self, key: &str, policy: Policy) -> Result<(), Duration> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let Some((failures, last)) = entries.get(key).copied() else { return Ok(()) };
        if last.elapsed() > policy.forget_after || failures < policy.free_attempts {
            return Ok(());
        }
        let doublings = (failures - policy.free_attempts).min(16);
        let wait = policy.first_wait.saturating_mul(1 << doublings).min(policy.max_wait);
        match wait.checked_sub(last.elapsed()) {
            Some(left) if !left.is_zero() => Err(left),
            _ => Ok(()),
        }
    }

    /// Counts a failure (or an event to limit, such as an e-mail sent).
    pub fn fail(&self, key: &str, policy: Policy) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() > 100_000 {
            entries.retain(|_, (_, last)| last.elapsed() < policy.forget_after);
        }
        let entry = entries.entry(key.to_owned()).or_insert((0, Instant::now()));
        if entry.1.elapsed() > policy.forget_after {
            entry.0 = 0;
        }
        entry.0 += 1;
        entry.1 = Instant::now();
    }

    pub fn clear(&self, key: &str) {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner).remove(key);
    }
}

/// Failed sign-ins per account and per client address.
pub const SIGN_IN: Policy = Policy {
    free_attempts: 5,
    first_wait: Duration::from_secs(2),
    max_wait: Duration::from_secs(900),
    forget_after: Duration::from_secs(3600),
};

/// Sign-ups from one client address.
pub const SIGN_UPS: Policy = Policy {
    free_attempts: 50,
    first_wait: Duration::from_secs(60),
    max_wait: Duration::from_secs(3600),
    forget_after: Duration::from_secs(3600),
};

/// E-mails sent to one address (sign-up, confirmation, reset).
pub const EMAILS: Policy = Policy {
    free_attempts: 3,
    first_wait: Duration::from_secs(60),
    max_wait: Duration::from_secs(3600),
    forget_after: Duration::from_secs(3600),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_attempts() {
        let t = Throttle::default();
        let p = Policy {
            free_attempts: 2,
            first_wait: Duration::from_secs(10),
            max_wait: Duration::from_secs(25),
            forget_after: Duration::from_secs(60),
        };
        assert!(t.check("a", p).is_ok());
        t.fail("a", p);
        t.fail("a", p);
        let wait = t.check("a", p).err().unwrap_or_default();
        assert!(wait > Duration::from_secs(9) && wait <= Duration::from_secs(10), "{wait:?}");
        t.fail("a", p);
        let wait = t.check("a", p).err().unwrap_or_default();
        assert!(wait > Duration::from_secs(19), "{wait:?}");
        t.fail("a", p);
        assert!(t.check("a", p).err().unwrap_or_default() <= Duration::from_secs(25));
        assert!(t.check("b", p).is_ok());
        t.clear("a");
        assert!(t.check("a", p).is_ok());
    }
}
