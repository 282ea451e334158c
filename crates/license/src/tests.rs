// SPDX-License-Identifier: AGPL-3.0-only
//! The licence table: every status the verifier can give, from a key made for it.
use chrono::{DateTime, Duration, Utc};

use crate::{Claims, DEV_KID, Edition, ISSUER, LicenseStatus, Plan, TrustedKey, Verifier, issue};

const DEV_PRIVATE: &str = include_str!("../dev-keys/townhall-dev.INSECURE-DEVELOPMENT-ONLY.private.pem");
const DEV_PUBLIC: &str = include_str!("../dev-keys/townhall-dev.pub.pem");

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
}

fn claims(exp_in_days: i64) -> Claims {
    let now = now().timestamp();
    Claims {
        iss: ISSUER.into(),
        sub: "City of Testing".into(),
        lid: "lic-1".into(),
        plan: Plan::Premium,
        features: vec![],
        hosts: vec![],
        iat: now,
        nbf: now - 60,
        exp: now + Duration::days(exp_in_days).num_seconds(),
    }
}

fn verifier() -> Verifier {
    Verifier::new(vec![TrustedKey::new(DEV_KID, DEV_PUBLIC)])
}

fn sign(c: &Claims) -> String {
    issue(c, DEV_PRIVATE, DEV_KID).unwrap_or_default()
}

/// Changes one character of the given JWT part (0 header, 1 payload, 2 signature).
fn tamper(token: &str, part: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let p = &mut parts[part];
    let mid = p.len() / 2;
    let c = p.as_bytes()[mid];
    let replacement = if c == b'A' { "B" } else { "A" };
    p.replace_range(mid..=mid, replacement);
    parts.join(".")
}

#[test]
fn licence_table() {
    let valid = sign(&claims(365));
    let mut not_yet = claims(365);
    not_yet.nbf = now().timestamp() + 3600;
    let mut wrong_issuer = claims(365);
    wrong_issuer.iss = "someone-else".into();
    let mut hosts = claims(365);
    hosts.hosts = vec!["participate.example.org".into()];
    let hosts = sign(&hosts);

    let cases: Vec<(&str, String, Option<&str>, LicenseStatus)> = vec![
        ("valid", valid.clone(), None, LicenseStatus::Valid),
        ("grace", sign(&claims(-10)), None, LicenseStatus::Grace),
        ("expired", sign(&claims(-31)), None, LicenseStatus::Expired),
        ("not yet valid", sign(&not_yet), None, LicenseStatus::NotYetValid),
        ("tampered payload", tamper(&valid, 1), None, LicenseStatus::Invalid),
        ("tampered signature", tamper(&valid, 2), None, LicenseStatus::Invalid),
        (
            "unknown kid",
            issue(&claims(365), DEV_PRIVATE, "not-a-trusted-kid").unwrap_or_default(),
            None,
            LicenseStatus::Invalid,
        ),
        ("wrong issuer", sign(&wrong_issuer), None, LicenseStatus::Invalid),
        ("right host", hosts.clone(), Some("participate.example.org"), LicenseStatus::Valid),
        ("wrong host", hosts.clone(), Some("other.example.org"), LicenseStatus::WrongHost),
        ("no host configured", hosts, None, LicenseStatus::WrongHost),
        ("garbage", "this is not a licence".into(), None, LicenseStatus::Invalid),
        ("missing", String::new(), None, LicenseStatus::Missing),
    ];
    for (name, token, host, expected) in cases {
        let got = verifier().check(&token, now(), host);
        assert_eq!(got.status, expected, "case `{name}`: {got:?}");
        assert_eq!(got.is_active(), matches!(expected, LicenseStatus::Valid | LicenseStatus::Grace));
        // The signing key is named once its signature was checked, and only then.
        let signed = got.claims.is_some().then_some(DEV_KID);
        assert_eq!(got.key_id(), signed, "case `{name}`");
    }
}

#[test]
fn grants_follow_plan_and_extra_features() {
    let mut c = claims(365);
    c.plan = Plan::Standard;
    c.features = vec!["webhooks".into()];
    let lic = verifier().check(&sign(&c), now(), None);
    assert!(lic.grants(Edition::Standard, "user_groups"));
    assert!(lic.grants(Edition::Premium, "webhooks"));
    assert!(!lic.grants(Edition::Premium, "api_tokens"));
    assert!(lic.grants(Edition::Core, "anything"));

    let expired = verifier().check(&sign(&claims(-40)), now(), None);
    assert!(!expired.grants(Edition::Standard, "user_groups"));
    assert_eq!(expired.plan(), Some(Plan::Premium));
}
