// SPDX-License-Identifier: AGPL-3.0-only
//! Where a phase stands in time: the one place that says when a phase is open.
//!
//! A phase opens at its start and closes at its end; the end itself is no longer open, and a
//! phase without an end stays open. Every rule that asks "may this happen now?" (permissions,
//! a ballot under its lock, the project page's timeline, results, seals) asks here.
use chrono::{DateTime, Utc};

use super::model::phase;

/// A phase's place in time at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseTiming {
    /// It has not started.
    Upcoming,
    /// It has started and not ended.
    Open,
    /// Its end has passed.
    Ended,
}

impl PhaseTiming {
    /// The timing of a phase that runs from `start` to `end` (open-ended without one).
    pub fn of(start: DateTime<Utc>, end: Option<DateTime<Utc>>, now: DateTime<Utc>) -> PhaseTiming {
        if now < start {
            PhaseTiming::Upcoming
        } else if end.is_some_and(|end| end <= now) {
            PhaseTiming::Ended
        } else {
            PhaseTiming::Open
        }
    }

    /// How pages and the API spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseTiming::Upcoming => "upcoming",
            PhaseTiming::Open => "current",
            PhaseTiming::Ended => "past",
        }
    }
}

impl phase::Model {
    /// Where the phase stands at `now`.
    pub fn timing(&self, now: DateTime<Utc>) -> PhaseTiming {
        PhaseTiming::of(self.start_at, self.end_at, now)
    }

    /// Whether the phase is open at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.timing(now) == PhaseTiming::Open
    }

    /// Whether the phase's end has passed at `now`.
    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        self.timing(now) == PhaseTiming::Ended
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[test]
    fn a_phase_is_open_from_its_start_until_just_before_its_end() {
        let start = Utc::now();
        let end = start + Duration::days(1);
        assert_eq!(PhaseTiming::of(start, Some(end), start - Duration::seconds(1)), PhaseTiming::Upcoming);
        assert_eq!(PhaseTiming::of(start, Some(end), start), PhaseTiming::Open);
        assert_eq!(PhaseTiming::of(start, Some(end), end - Duration::seconds(1)), PhaseTiming::Open);
        assert_eq!(PhaseTiming::of(start, Some(end), end), PhaseTiming::Ended);
        assert_eq!(PhaseTiming::of(start, None, start + Duration::days(9999)), PhaseTiming::Open);
    }
}
