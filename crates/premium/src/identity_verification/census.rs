// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The census list: a CSV of eligible people (an identifier and a date of birth per line),
//! read and checked whole before anything is stored, and kept only as keyed hashes.
use chrono::NaiveDate;
use townhall_core::Platform;

/// Invalid lines named in a refusal, at most.
pub const LINES_NAMED: usize = 20;

/// An identifier as people and files write it: case, spaces, dots, dashes and slashes apart.
pub fn normalized_identifier(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// `1985-07-30` or `30/07/1985` (day first, as in Europe).
pub fn parsed_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(raw, "%d/%m/%Y")).ok()
}

/// The stored form of an identity: HMAC-SHA256 keyed with the server's secret (which is not in
/// the database), so a copy of the database alone does not tell who is on the list.
pub fn identity_hash(platform: &Platform, identifier: &str, born: NaiveDate) -> String {
    platform.sessions().sign("census", &format!("{}|{born}", normalized_identifier(identifier)))
}

/// What reading a census file found: the identities (identifier, date of birth) and the
/// numbers of the lines that are neither a header nor an identity.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub identities: Vec<(String, NaiveDate)>,
    pub invalid_lines: Vec<usize>,
}

/// Reads `text`: one person per line, `identifier,date of birth` (or `;` or a tab between),
/// values optionally in double quotes; a first line that holds no date is a header; empty
/// lines are skipped.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split([',', ';', '\t']).map(|c| c.trim().trim_matches('"').trim()).collect();
        let identity = match cells.as_slice() {
            [id, born] if !normalized_identifier(id).is_empty() => parsed_date(born).map(|d| ((*id).to_owned(), d)),
            _ => None,
        };
        match identity {
            Some(identity) => parsed.identities.push(identity),
            None if index == 0 => {}
            None => parsed.invalid_lines.push(index + 1),
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_files_are_read_with_a_header_quotes_and_separators() {
        let text = "\u{feff}national_number;birth_date\n\"85.07.30-033.61\";1985-07-30\nab 12 34,30/07/1990\n\nnot a line\nX1\t2001-02-30\n";
        let parsed = parse(text);
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(
            parsed.identities,
            vec![("85.07.30-033.61".into(), d(1985, 7, 30)), ("ab 12 34".into(), d(1990, 7, 30))]
        );
        assert_eq!(parsed.invalid_lines, vec![5, 6], "a line without a date, and a date that does not exist");
        assert_eq!(normalized_identifier(" ab-12.34 "), "AB1234");
    }
}
