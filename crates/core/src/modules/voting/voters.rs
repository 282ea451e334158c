// SPDX-License-Identifier: AGPL-3.0-only
//! Who a voter is, across accounts: one person has at most one counted ballot per phase.
//!
//! A person is their account, their confirmed e-mail address and their verified identity.
//! Each submission records keyed hashes of the three (HMAC-SHA256 keyed with the phase's
//! secret, as the pseudonyms are) pointing to the voter's pseudonym, so that:
//!
//! - an account keeps its pseudonym whatever its address becomes (its key goes with the account
//!   when it is deleted);
//! - an address that voted from an account since deleted votes again under the same pseudonym,
//!   so the new ballot supersedes the old one in the chain (re-registering gives no second
//!   ballot); an address whose first owner still has their account (they moved to another
//!   address) is somebody else now and starts afresh;
//! - a verified identity always votes under its first pseudonym.
//!
//! An address counts only once confirmed: an unconfirmed account whose address voted before,
//! from an account that is gone, must confirm it before voting again.
use sea_orm::{DbBackend, DbErr, FromQueryResult, QueryResult, Statement};

use super::chain::pseudonym;
use crate::{Viewer, db};

/// The kinds of key, in the order they decide who the voter is.
const IDENTITY: i16 = 0;
const ACCOUNT: i16 = 1;
const EMAIL: i16 = 2;

/// A voter's keys in one phase.
#[derive(Debug, Clone)]
pub(super) struct VoterKeys {
    identity: Option<String>,
    account: String,
    email: String,
    email_confirmed: bool,
    user_id: i32,
    /// The pseudonym the account has had since the first ballots (and keeps when nothing else
    /// names the voter).
    own: String,
}

impl VoterKeys {
    pub(super) fn of(secret: &str, viewer: &Viewer) -> VoterKeys {
        let key = |what: &str| pseudonym_of(secret, what);
        VoterKeys {
            identity: viewer.identity.as_ref().map(|i| key(&format!("identity:{i}"))),
            account: key(&format!("account:{}", viewer.id)),
            email: key(&format!("email:{}", viewer.email.trim().to_lowercase())),
            email_confirmed: viewer.email_confirmed,
            user_id: viewer.id,
            own: pseudonym(secret, viewer.id),
        }
    }

    fn all(&self) -> Vec<String> {
        self.identity.iter().cloned().chain([self.account.clone(), self.email.clone()]).collect()
    }

    /// The keys as rows to record (an unconfirmed address is not recorded).
    fn rows(&self) -> Vec<(i16, &str, Option<i32>)> {
        let mut rows = Vec::new();
        if let Some(identity) = &self.identity {
            rows.push((IDENTITY, identity.as_str(), None));
        }
        rows.push((ACCOUNT, self.account.as_str(), Some(self.user_id)));
        if self.email_confirmed {
            rows.push((EMAIL, self.email.as_str(), None));
        }
        rows
    }
}

/// HMAC-SHA256 of `what` keyed with the phase's secret (hex), as [`pseudonym`] does for ids.
fn pseudonym_of(secret: &str, what: &str) -> String {
    use hmac::{Hmac, Mac};
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else { return String::new() };
    mac.update(what.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Why a voter cannot vote under their keys now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VoterRefused {
    /// Their address voted before from an account that is gone: confirming it proves they are
    /// that person, and their ballot then replaces the old one.
    ConfirmEmailFirst,
}

/// The recorded keys that match, with whether their voter still has an account.
pub(super) fn matches_read(backend: DbBackend, phase_id: i32, keys: &VoterKeys) -> Statement {
    let all = keys.all();
    let marks = vec!["?"; all.len()].join(", ");
    let sql = format!(
        "SELECT k.voter AS voter, k.kind AS kind, \
         EXISTS (SELECT 1 FROM voter_keys a WHERE a.phase_id = k.phase_id AND a.voter = k.voter AND a.kind = {ACCOUNT}) \
         AS owned FROM voter_keys k WHERE k.phase_id = ? AND k.key_hash IN ({marks}) ORDER BY k.kind"
    );
    let mut values: Vec<sea_orm::Value> = vec![phase_id.into()];
    values.extend(all.into_iter().map(Into::into));
    db::statement(backend, &sql, values)
}

/// The latest entry of each voter the keys may name (and of the account's own pseudonym), so
/// the previous ballot of whoever the voter turns out to be is at hand.
pub(super) fn latest_entries_read(backend: DbBackend, phase_id: i32, keys: &VoterKeys) -> Statement {
    let all = keys.all();
    let marks = vec!["?"; all.len()].join(", ");
    let sql = format!(
        "SELECT b.* FROM ballot_chain b WHERE b.phase_id = ? AND b.seq IN (\
         SELECT MAX(c.seq) FROM ballot_chain c WHERE c.phase_id = ? AND c.voter IN (\
         SELECT k.voter FROM voter_keys k WHERE k.phase_id = ? AND k.key_hash IN ({marks}) UNION SELECT ?) \
         GROUP BY c.voter)"
    );
    let mut values: Vec<sea_orm::Value> = vec![phase_id.into(), phase_id.into(), phase_id.into()];
    values.extend(all.into_iter().map(Into::into));
    values.push(keys.own.clone().into());
    db::statement(backend, &sql, values)
}

#[derive(FromQueryResult)]
struct Match {
    voter: String,
    kind: i16,
    owned: bool,
}

/// Who the voter is, from the rows of [`matches_read`].
pub(super) fn voter_of(keys: &VoterKeys, found: &[QueryResult]) -> Result<Result<String, VoterRefused>, DbErr> {
    let found: Vec<Match> = found.iter().map(|row| Match::from_query_result(row, "")).collect::<Result<_, _>>()?;
    let of = |kind: i16| found.iter().find(|m| m.kind == kind);
    if let Some(m) = of(IDENTITY).or_else(|| of(ACCOUNT)) {
        return Ok(Ok(m.voter.clone()));
    }
    match of(EMAIL) {
        Some(m) if !m.owned && keys.email_confirmed => Ok(Ok(m.voter.clone())),
        Some(m) if !m.owned => Ok(Err(VoterRefused::ConfirmEmailFirst)),
        _ => Ok(Ok(keys.own.clone())),
    }
}

/// Records the keys for `voter`; keys recorded before stay as they are.
pub(super) fn record(backend: DbBackend, phase_id: i32, keys: &VoterKeys, voter: &str) -> Statement {
    let rows = keys.rows();
    let marks = vec!["(?, ?, ?, ?, ?)"; rows.len()].join(", ");
    let sql = format!(
        "INSERT INTO voter_keys (phase_id, key_hash, kind, voter, user_id) VALUES {marks} \
         ON CONFLICT (phase_id, key_hash) DO NOTHING"
    );
    let mut values: Vec<sea_orm::Value> = Vec::new();
    for (kind, key, user) in rows {
        values.extend([phase_id.into(), key.into(), kind.into(), voter.into(), user.into()]);
    }
    db::statement(backend, &sql, values)
}
