// SPDX-License-Identifier: AGPL-3.0-only
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Serialize;

use crate::keys::{TrustedKey, builtin};
use crate::{Claims, Edition, ISSUER, Plan};

/// How long an expired licence keeps its features active, with a warning.
pub const GRACE_DAYS: i64 = 30;

/// The outcome of checking a licence key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    Valid,
    /// Expired less than [`GRACE_DAYS`] ago: still active, with a warning.
    Grace,
    Expired,
    NotYetValid,
    /// Bad signature, unknown key id, malformed token or wrong issuer.
    Invalid,
    /// The key names hosts and the platform's base URL is not one of them.
    WrongHost,
    Missing,
}

impl LicenseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseStatus::Valid => "valid",
            LicenseStatus::Grace => "grace",
            LicenseStatus::Expired => "expired",
            LicenseStatus::NotYetValid => "not_yet_valid",
            LicenseStatus::Invalid => "invalid",
            LicenseStatus::WrongHost => "wrong_host",
            LicenseStatus::Missing => "missing",
        }
    }

    /// Whether paid features may be active under this status.
    pub fn is_active(self) -> bool {
        matches!(self, LicenseStatus::Valid | LicenseStatus::Grace)
    }
}

impl std::fmt::Display for LicenseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A checked licence: its status, its claims and signing key when the signature was good, and the
/// reason when not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    pub status: LicenseStatus,
    pub claims: Option<Claims>,
    /// The id of the trusted key whose signature was checked (`None` unless the signature is good).
    pub key_id: Option<String>,
    /// Why the key is not valid, for logs and admins (never contains the key).
    pub reason: Option<String>,
}

impl License {
    pub fn missing() -> Self {
        Self { status: LicenseStatus::Missing, claims: None, key_id: None, reason: None }
    }

    fn invalid(reason: impl Into<String>) -> Self {
        Self { status: LicenseStatus::Invalid, claims: None, key_id: None, reason: Some(reason.into()) }
    }

    pub fn is_active(&self) -> bool {
        self.status.is_active()
    }

    pub fn plan(&self) -> Option<Plan> {
        self.claims.as_ref().map(|c| c.plan)
    }

    pub fn licensee(&self) -> Option<&str> {
        self.claims.as_ref().map(|c| c.sub.as_str())
    }

    /// The id of the key that signed this licence, once its signature was checked.
    pub fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.claims.as_ref().and_then(|c| DateTime::from_timestamp(c.exp, 0))
    }

    /// Whether this licence lets a feature of `edition` with id `feature_id` be used.
    pub fn grants(&self, edition: Edition, feature_id: &str) -> bool {
        if edition == Edition::Core {
            return true;
        }
        if !self.is_active() {
            return false;
        }
        self.claims.as_ref().is_some_and(|c| c.plan.covers(edition) || c.features.iter().any(|f| f == feature_id))
    }
}

/// Checks licence keys against a set of trusted public keys.
#[derive(Clone)]
pub struct Verifier {
    keys: HashMap<String, DecodingKey>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").field("kids", &self.keys.keys().collect::<Vec<_>>()).finish()
    }
}

impl Verifier {
    /// The verifier with the keys compiled into this build.
    pub fn builtin() -> Self {
        Self::new(builtin())
    }

    /// A verifier trusting exactly `keys`. Keys whose PEM does not parse are left out.
    pub fn new(keys: Vec<TrustedKey>) -> Self {
        let keys = keys
            .into_iter()
            .filter_map(|k| DecodingKey::from_ed_pem(k.public_pem.as_bytes()).ok().map(|d| (k.kid, d)))
            .collect();
        Self { keys }
    }

    pub fn trusts(&self, kid: &str) -> bool {
        self.keys.contains_key(kid)
    }

    /// Checks `token` at time `now` for a platform whose base URL has host `host`.
    pub fn check(&self, token: &str, now: DateTime<Utc>, host: Option<&str>) -> License {
        let token = token.trim();
        if token.is_empty() {
            return License::missing();
        }
        let header = match decode_header(token) {
            Ok(h) => h,
            Err(_) => return License::invalid("malformed key"),
        };
        if header.alg != Algorithm::EdDSA {
            return License::invalid("the key is not signed with Ed25519");
        }
        let Some(kid) = header.kid else {
            return License::invalid("the key names no key id");
        };
        let Some(key) = self.keys.get(&kid) else {
            return License::invalid(format!("unknown key id `{kid}`"));
        };
        let claims = match decode::<Claims>(token, key, &validation()) {
            Ok(data) => data.claims,
            Err(e) => return License::invalid(describe(e.kind())),
        };
        let status = status_of(&claims, now, host);
        License { status, claims: Some(claims), key_id: Some(kid), reason: None }
    }
}

fn validation() -> Validation {
    let mut v = Validation::new(Algorithm::EdDSA);
    // Time is mapped to a status below rather than rejected here.
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    v.leeway = 0;
    v.set_issuer(&[ISSUER]);
    v.set_required_spec_claims(&["exp", "nbf", "iss", "sub"]);
    v
}

fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::InvalidSignature => "bad signature".into(),
        ErrorKind::InvalidIssuer => "wrong issuer".into(),
        ErrorKind::MissingRequiredClaim(c) => format!("missing claim `{c}`"),
        ErrorKind::InvalidAlgorithm => "wrong algorithm".into(),
        _ => "malformed key".into(),
    }
}

fn status_of(claims: &Claims, now: DateTime<Utc>, host: Option<&str>) -> LicenseStatus {
    if !claims.hosts.is_empty() {
        let allowed = host.is_some_and(|h| claims.hosts.iter().any(|a| a.eq_ignore_ascii_case(h)));
        if !allowed {
            return LicenseStatus::WrongHost;
        }
    }
    let now = now.timestamp();
    if now < claims.nbf {
        LicenseStatus::NotYetValid
    } else if now <= claims.exp {
        LicenseStatus::Valid
    } else if now - claims.exp < Duration::days(GRACE_DAYS).num_seconds() {
        LicenseStatus::Grace
    } else {
        LicenseStatus::Expired
    }
}
