// SPDX-License-Identifier: AGPL-3.0-only
//! The production keys a build trusts, and that a retired key id earns no trust.
use chrono::{DateTime, Duration, Utc};
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePublicKey, EncodePrivateKey};
use ed25519_dalek::{VerifyingKey, pkcs8};

use crate::keys::PRODUCTION_KEYS;
use crate::{Claims, DEV_KID, ISSUER, LicenseStatus, Plan, Verifier, issue};

/// The only production key release builds trust. Changing this set is a key rotation:
/// see `crates/license/README.md`.
const EXPECTED_PRODUCTION_KIDS: &[&str] = &["townhall-prod-2027"];

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
}

fn claims() -> Claims {
    let now = now().timestamp();
    Claims {
        iss: ISSUER.into(),
        sub: "City of Testing".into(),
        lid: "lic-rotation".into(),
        plan: Plan::Premium,
        features: vec![],
        hosts: vec![],
        iat: now,
        nbf: now - 60,
        exp: now + Duration::days(365).num_seconds(),
    }
}

/// A licence signed with a key pair made now, under key id `kid`.
fn signed_with_fresh_key(kid: &str) -> String {
    let key = SigningKey::generate(&mut rand_core::OsRng);
    let private = key.to_pkcs8_pem(LineEnding::LF).unwrap();
    issue(&claims(), &private, kid).unwrap()
}

#[test]
fn the_production_keys_are_exactly_the_2027_key() {
    let kids: Vec<&str> = PRODUCTION_KEYS.iter().map(|(kid, _)| *kid).collect();
    assert_eq!(kids, EXPECTED_PRODUCTION_KIDS);
    for (kid, pem) in PRODUCTION_KEYS {
        let parsed: Result<VerifyingKey, pkcs8::spki::Error> = VerifyingKey::from_public_key_pem(pem);
        assert!(parsed.is_ok(), "{kid}: not an Ed25519 public key: {parsed:?}");
    }
}

#[test]
fn the_builtin_verifier_trusts_the_2027_key_and_no_retired_one() {
    let v = Verifier::builtin();
    // A key whose PEM did not parse would be left out of the verifier silently.
    assert!(v.trusts("townhall-prod-2027"));
    assert!(!v.trusts("townhall-prod-2026"));
    assert_eq!(v.trusts(DEV_KID), cfg!(debug_assertions));
}

#[test]
fn a_licence_under_the_retired_2026_key_id_is_refused() {
    let licence = Verifier::builtin().check(&signed_with_fresh_key("townhall-prod-2026"), now(), None);
    assert_eq!(licence.status, LicenseStatus::Invalid, "{licence:?}");
    assert_eq!(licence.reason.as_deref(), Some("unknown key id `townhall-prod-2026`"));
    assert_eq!((licence.claims, licence.key_id), (None, None));
}

#[test]
fn the_2027_key_id_alone_earns_no_trust() {
    let licence = Verifier::builtin().check(&signed_with_fresh_key("townhall-prod-2027"), now(), None);
    assert_eq!(licence.status, LicenseStatus::Invalid, "{licence:?}");
    assert_eq!(licence.reason.as_deref(), Some("bad signature"));
    assert_eq!(licence.key_id, None);
}
