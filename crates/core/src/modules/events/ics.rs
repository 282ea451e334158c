// SPDX-License-Identifier: AGPL-3.0-only
//! iCalendar files (RFC 5545) for events: escaped text, UTC times, lines folded at 75 octets.
use chrono::{DateTime, Utc};

use super::model::event;
use crate::modules::projects::multiloc::Multiloc;

fn time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Text with the characters iCalendar gives a meaning escaped.
fn text(value: &str) -> String {
    value.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace('\n', "\\n")
}

/// A content line folded so no line exceeds 75 octets (continuations start with a space).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

pub fn calendar(events: &[event::Model], host: &str, base_url: &str, locale: &str) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Townhall//Events//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:event-{}@{host}", e.id));
        line(&mut out, &format!("DTSTAMP:{}", time(Utc::now())));
        line(&mut out, &format!("DTSTART:{}", time(e.starts_at)));
        line(&mut out, &format!("DTEND:{}", time(e.ends_at)));
        line(&mut out, &format!("SUMMARY:{}", text(&Multiloc::parse(&e.title).text(locale))));
        let description = Multiloc::parse(&e.description).text(locale);
        if !description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
        }
        if !e.location.is_empty() {
            line(&mut out, &format!("LOCATION:{}", text(&e.location)));
        }
        let url = e.online_link.clone().unwrap_or_else(|| format!("{base_url}/events"));
        line(&mut out, &format!("URL:{url}"));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &"é".repeat(60));
        assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out}");
        assert!(out.contains("\r\n é"));
    }
}
