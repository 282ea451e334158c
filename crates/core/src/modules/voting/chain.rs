// SPDX-License-Identifier: AGPL-3.0-only
//! The per-phase hash chain of basket submissions and its ballot file (see
//! `docs/algorithms.md`). Everything here is pure: the service appends entries, the results page
//! publishes the file, and `townhall verify-results` checks a file with `verify` alone.
use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev` of a phase's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// The first line of a ballot file names its format.
pub const FORMAT: &str = "townhall-ballots-v1";

/// A voter's pseudonym in a phase: HMAC-SHA256 of the user id with the phase's secret, so the
/// same voter has the same pseudonym in one phase and unlinkable ones across phases.
pub fn pseudonym(secret: &str, user_id: i32) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else { return String::new() };
    mac.update(user_id.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A ballot in canonical form: `[[idea,votes],…]` sorted by idea, no spaces.
pub fn ballot_text(ballot: &[(i32, i64)]) -> String {
    let mut sorted = ballot.to_vec();
    sorted.sort_unstable();
    let parts: Vec<String> = sorted.iter().map(|(idea, votes)| format!("[{idea},{votes}]")).collect();
    format!("[{}]", parts.join(","))
}

/// SHA-256 (hex) of an entry's canonical encoding: its fields, one per line.
pub fn entry_hash(phase: i32, seq: i64, prev: &str, voter: &str, ballot: &str, at: &str) -> String {
    let encoded = format!("{FORMAT}\n{phase}\n{seq}\n{prev}\n{voter}\n{ballot}\n{at}\n");
    hex::encode(Sha256::digest(encoded.as_bytes()))
}

/// One entry of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: i64,
    pub prev: String,
    pub voter: String,
    pub ballot: Vec<(i32, i64)>,
    pub at: String,
    pub hash: String,
    /// A later entry of the same voter replaced this one; it is not counted.
    pub superseded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    format: String,
    phase: i32,
    entries: i64,
    final_hash: String,
    /// When the phase was sealed (the file is then the whole, final chain); absent while the
    /// vote is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed_at: Option<String>,
}

/// Marks every entry but each voter's last as superseded.
pub fn mark_superseded(entries: &mut [Entry]) {
    let mut last: BTreeMap<String, i64> = BTreeMap::new();
    for e in entries.iter() {
        last.insert(e.voter.clone(), e.seq);
    }
    for e in entries.iter_mut() {
        e.superseded = last.get(&e.voter) != Some(&e.seq);
    }
}

/// The ballot file: a header line, then one line per entry, each in canonical JSON (fixed key
/// order, no spaces), so that any changed byte changes a checked value or the form.
pub fn ballot_file(phase: i32, entries: &[Entry]) -> String {
    let final_hash = entries.last().map_or(GENESIS, |e| e.hash.as_str());
    let mut out = header_line(phase, entries.len() as i64, final_hash, None);
    for e in entries {
        out.push_str(&entry_line(e));
    }
    out
}

/// The ballot file's first line (with its newline); `sealed_at` once the phase is sealed.
pub fn header_line(phase: i32, entries: i64, final_hash: &str, sealed_at: Option<String>) -> String {
    let header = Header { format: FORMAT.to_owned(), phase, entries, final_hash: final_hash.to_owned(), sealed_at };
    let mut out = serde_json::to_string(&header).unwrap_or_default();
    out.push('\n');
    out
}

/// An entry's line of the ballot file (with its newline).
pub fn entry_line(entry: &Entry) -> String {
    let mut out = serde_json::to_string(entry).unwrap_or_default();
    out.push('\n');
    out
}

/// Per idea: votes and voters of the counted (latest) ballots.
pub type Tallies = BTreeMap<i32, (i64, i64)>;

pub fn tally(entries: &[Entry]) -> Tallies {
    let mut out = Tallies::new();
    for e in entries.iter().filter(|e| !e.superseded) {
        for (idea, votes) in &e.ballot {
            let t = out.entry(*idea).or_insert((0, 0));
            t.0 += votes;
            t.1 += 1;
        }
    }
    out
}

/// What a valid file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub phase: i32,
    pub entries: usize,
    pub voters: usize,
    pub final_hash: String,
    pub tallies: Tallies,
    /// Every entry's hash (a voter's receipt) in chain order, with whether it is counted.
    pub receipts: Vec<(String, bool)>,
    /// When the phase was sealed, as the header says.
    pub sealed_at: Option<String>,
}

impl Verified {
    /// Where a receipt is: its entry number and whether it is counted.
    pub fn receipt(&self, receipt: &str) -> Option<(usize, bool)> {
        let receipt = receipt.trim().to_lowercase();
        self.receipts.iter().position(|(hash, _)| *hash == receipt).map(|k| (k + 1, self.receipts[k].1))
    }
}

/// Where and why a file breaks: the 1-based line and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub line: usize,
    pub reason: String,
}

fn broken(line: usize, reason: impl Into<String>) -> Broken {
    Broken { line, reason: reason.into() }
}

/// Recomputes the chain and the tallies of a ballot file.
pub fn verify(text: &str) -> Result<Verified, Broken> {
    if !text.ends_with('\n') {
        return Err(broken(text.lines().count().max(1), "the file does not end with a line break (truncated?)"));
    }
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    let first = lines.first().ok_or_else(|| broken(1, "the file is empty"))?;
    let header: Header =
        serde_json::from_str(first).map_err(|e| broken(1, format!("not a ballot file header: {e}")))?;
    if serde_json::to_string(&header).ok().as_deref() != Some(*first) {
        return Err(broken(1, "the header is not in canonical form"));
    }
    if header.format != FORMAT {
        return Err(broken(1, format!("unknown format `{}`", header.format)));
    }
    let mut entries = Vec::new();
    let mut prev = GENESIS.to_owned();
    for (n, line) in lines.iter().enumerate().skip(1) {
        let number = n + 1;
        let entry: Entry = serde_json::from_str(line).map_err(|e| broken(number, format!("not an entry: {e}")))?;
        if serde_json::to_string(&entry).ok().as_deref() != Some(*line) {
            return Err(broken(number, "the entry is not in canonical form"));
        }
        if entry.seq != n as i64 {
            return Err(broken(number, format!("expected entry {n}, found {}", entry.seq)));
        }
        if entry.prev != prev {
            return Err(broken(
                number,
                "its link to the previous entry is wrong (an entry was changed, removed or moved)",
            ));
        }
        let ballot = ballot_text(&entry.ballot);
        let mut sorted = entry.ballot.clone();
        sorted.sort_unstable();
        if sorted != entry.ballot {
            return Err(broken(number, "the ballot is not in canonical order"));
        }
        let hash = entry_hash(header.phase, entry.seq, &entry.prev, &entry.voter, &ballot, &entry.at);
        if hash != entry.hash {
            return Err(broken(number, "its hash does not match its content"));
        }
        prev = entry.hash.clone();
        entries.push(entry);
    }
    let claimed: Vec<bool> = entries.iter().map(|e| e.superseded).collect();
    mark_superseded(&mut entries);
    if let Some(k) = entries.iter().zip(&claimed).position(|(e, c)| e.superseded != *c) {
        return Err(broken(k + 2, "it is marked superseded wrongly"));
    }
    if header.entries != entries.len() as i64 {
        return Err(broken(
            1,
            format!("the header announces {} entries, the file has {}", header.entries, entries.len()),
        ));
    }
    if header.final_hash != prev {
        return Err(broken(1, "the header's final hash is not the last entry's hash"));
    }
    let voters = entries.iter().filter(|e| !e.superseded).count();
    let receipts = entries.iter().map(|e| (e.hash.clone(), !e.superseded)).collect();
    Ok(Verified {
        phase: header.phase,
        entries: entries.len(),
        voters,
        final_hash: prev,
        tallies: tally(&entries),
        receipts,
        sealed_at: header.sealed_at,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A chain of `n` entries by three voters (so later ones supersede earlier ones).
    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS.to_owned();
        let mut out = Vec::new();
        for seq in 1..=n {
            let voter = pseudonym("secret", (seq % 3) as i32);
            let ballot = vec![(seq as i32 % 4 + 1, 1), (9, 2)];
            let at = format!("2026-11-27T10:00:{:02}.000000Z", seq % 60);
            let hash = entry_hash(7, seq, &prev, &voter, &ballot_text(&ballot), &at);
            out.push(Entry { seq, prev: prev.clone(), voter, ballot, at, hash: hash.clone(), superseded: false });
            prev = hash;
        }
        mark_superseded(&mut out);
        out
    }

    #[test]
    fn a_published_file_verifies_with_its_tallies() {
        let entries = chain(6);
        let checked = verify(&ballot_file(7, &entries)).unwrap_or_else(|b| panic!("{b:?}"));
        assert_eq!((checked.phase, checked.entries, checked.voters), (7, 6, 3));
        assert_eq!(checked.tallies[&9], (6, 3), "only each voter's last ballot counts");
        assert_eq!(checked.final_hash, entries[5].hash);
        assert_eq!(verify(&ballot_file(7, &[])).map(|v| v.entries), Ok(0));
        // A sealed file says when in its header, and still verifies.
        let mut sealed = header_line(7, 6, &entries[5].hash, Some("2026-12-07T10:00:00.000000Z".into()));
        sealed.extend(entries.iter().map(entry_line));
        let checked = verify(&sealed).unwrap_or_else(|b| panic!("{b:?}"));
        assert_eq!(checked.sealed_at.as_deref(), Some("2026-12-07T10:00:00.000000Z"));
    }

    #[test]
    fn every_changed_byte_is_caught() {
        let file = ballot_file(7, &chain(5));
        let bytes = file.as_bytes();
        for i in 0..bytes.len() {
            for replacement in [b'0', b'1', b'a', b' ', b'"'] {
                if bytes[i] == replacement {
                    continue;
                }
                let mut changed = bytes.to_vec();
                changed[i] = replacement;
                let Ok(text) = String::from_utf8(changed) else { continue };
                assert!(verify(&text).is_err(), "byte {i} changed to {} went unnoticed", replacement as char);
            }
        }
    }

    #[test]
    fn reordering_removing_and_inserting_entries_are_caught() {
        let entries = chain(5);
        let mut swapped = entries.clone();
        swapped.swap(1, 2);
        assert_eq!(verify(&ballot_file(7, &swapped)).unwrap_err().line, 3);
        let mut removed = entries.clone();
        removed.remove(2);
        assert!(verify(&ballot_file(7, &removed)).is_err());
        let mut inserted = entries.clone();
        inserted.insert(3, entries[1].clone());
        assert!(verify(&ballot_file(7, &inserted)).is_err());
        let file = ballot_file(7, &entries);
        let truncated = &file[..file.len() - 1];
        assert!(verify(truncated).is_err());
        let without_last = file.lines().take(5).map(|l| format!("{l}\n")).collect::<String>();
        assert!(verify(&without_last).is_err(), "dropping the last entry is caught");
    }
}
