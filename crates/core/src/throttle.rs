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
        wait_for(entries.get(key).copied(), policy)
    }

    /// Checks and counts an attempt in one step, so parallel requests cannot all pass the
    /// check before any of them is counted: `Err(wait)` when the key must wait (nothing is
    /// counted then). An attempt that turns out well is given back with [`Throttle::forgive`]
    /// or [`Throttle::clear`].
    pub fn reserve(&self, key: &str, policy: Policy) -> Result<(), Duration> {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        wait_for(entries.get(key).copied(), policy)?;
        count(&mut entries, key, policy);
        Ok(())
    }

    /// Counts a failure (or an event to limit, such as an e-mail sent).
    pub fn fail(&self, key: &str, policy: Policy) {
        count(&mut self.entries.lock().unwrap_or_else(PoisonError::into_inner), key, policy);
    }

    /// Gives back one reserved attempt that did not fail (a right password from a client
    /// whose other attempts still count).
    pub fn forgive(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = entries.get_mut(key) {
            entry.0 = entry.0.saturating_sub(1);
        }
    }

    pub fn clear(&self, key: &str) {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner).remove(key);
    }
}

/// How long a key with `entry` (failures, last failure) must still wait.
fn wait_for(entry: Option<(u32, Instant)>, policy: Policy) -> Result<(), Duration> {
    let Some((failures, last)) = entry else { return Ok(()) };
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

fn count(entries: &mut HashMap<String, (u32, Instant)>, key: &str, policy: Policy) {
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

/// Failed sign-ins to one account from one client address (and failed identity checks of one
/// account).
pub const SIGN_IN: Policy = Policy {
    free_attempts: 5,
    first_wait: Duration::from_secs(2),
    max_wait: Duration::from_secs(900),
    forget_after: Duration::from_secs(3600),
};

/// Failed sign-ins from one client address, to any account. Higher than [`SIGN_IN`]: a
/// library's or a town hall's computers share one address.
pub const SIGN_IN_CLIENT: Policy = Policy {
    free_attempts: 20,
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

/// Pictures one account uploads (each costs a decode): 30 in a row, then one an hour after the
/// last (decision 0021).
pub const PICTURES: Policy = Policy {
    free_attempts: 30,
    first_wait: Duration::from_secs(3600),
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

    #[test]
    fn reservations_count_before_the_work() {
        let t = Throttle::default();
        let p = Policy {
            free_attempts: 5,
            first_wait: Duration::from_secs(10),
            max_wait: Duration::from_secs(60),
            forget_after: Duration::from_secs(60),
        };
        // Thirty attempts at once: five get through, each counted as it passes.
        let passed = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..30).map(|_| scope.spawn(|| t.reserve("a", p).is_ok())).collect();
            handles.into_iter().map(|h| h.join()).filter(|r| matches!(r, Ok(true))).count()
        });
        assert_eq!(passed, 5);
        assert!(t.check("a", p).is_err());
        // An attempt given back makes room for one more.
        let t = Throttle::default();
        for _ in 0..5 {
            assert!(t.reserve("b", p).is_ok());
        }
        t.forgive("b");
        assert!(t.reserve("b", p).is_ok());
        assert!(t.reserve("b", p).is_err());
        assert!(t.reserve("c", p).is_ok(), "each key counts on its own");
    }
}
