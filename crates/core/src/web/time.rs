// SPDX-License-Identifier: AGPL-3.0-only
//! Instants are stored in UTC; people read and type them in the organisation's time zone.
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A moment as `2026-12-01 18:00 CET`.
pub fn moment(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// The calendar day a moment falls on, `2026-12-01`.
pub fn day(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

/// The last day of a period that ends at `end` (periods end at midnight after their last day).
pub fn last_day(end: DateTime<Utc>, tz: Tz) -> String {
    day(end - Duration::seconds(1), tz)
}

/// A wall-clock time in `tz` as an instant. In the hour skipped when clocks go forward the
/// time does not exist (None); in the hour repeated when they go back the earlier one counts.
fn instant(local: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// A `datetime-local` field (`2026-12-01T18:00`) read in `tz`.
pub fn parse_moment(text: &str, tz: Tz) -> Option<DateTime<Utc>> {
    instant(NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?, tz)
}

/// The start of a day typed as `2026-12-01`, in `tz`; with `next_day`, the end of that day.
pub fn parse_day(text: &str, tz: Tz, next_day: bool) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    let date = if next_day { date.succ_opt()? } else { date };
    // Midnight exists in every zone the platform offers except on rare switches; then the day
    // starts an hour later.
    instant(date.and_hms_opt(0, 0, 0)?, tz).or_else(|| instant(date.and_hms_opt(1, 0, 0)?, tz))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn days_start_at_local_midnight() {
        let brussels: Tz = "Europe/Brussels".parse().unwrap();
        let start = parse_day("2026-12-01", brussels, false).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-11-30T23:00:00+00:00");
        let end = parse_day("2026-07-31", brussels, true).unwrap();
        assert_eq!(end.to_rfc3339(), "2026-07-31T22:00:00+00:00");
        assert_eq!(last_day(end, brussels), "2026-07-31");
        assert_eq!(parse_day("2026-02-30", brussels, false), None);
    }

    #[test]
    fn moments_read_and_show_in_the_zone() {
        let brussels: Tz = "Europe/Brussels".parse().unwrap();
        let at = parse_moment("2026-12-01T18:00", brussels).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-01T17:00:00+00:00");
        assert_eq!(moment(at, brussels), "2026-12-01 18:00 CET");
        assert_eq!(moment(at, Tz::UTC), "2026-12-01 17:00 UTC");
        // 02:30 on the last Sunday of March does not exist in Brussels.
        assert_eq!(parse_moment("2026-03-29T02:30", brussels), None);
    }
}
