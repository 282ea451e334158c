// SPDX-License-Identifier: AGPL-3.0-only
//! The public keys a build trusts. Release builds trust only the production keys in `keys/`;
//! debug builds also trust the development key, whose private half is committed on purpose.
//! How the vendor rotates a production key: `crates/license/README.md`.

/// Key id of the development key pair in `dev-keys/`.
pub const DEV_KID: &str = "townhall-dev";

/// A trusted Ed25519 public key (SPKI PEM) and its key id.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    pub kid: String,
    pub public_pem: String,
}

impl TrustedKey {
    pub fn new(kid: impl Into<String>, public_pem: impl Into<String>) -> Self {
        Self { kid: kid.into(), public_pem: public_pem.into() }
    }
}

/// The production keys: key id and public key, one file `keys/<kid>.pub.pem` each. A rotation
/// adds the new key here beside the old one and drops the old one in a later release.
/// (`townhall-prod-2026` was retired in 2026 before any licence was issued with it.)
pub(crate) const PRODUCTION_KEYS: &[(&str, &str)] =
    &[("townhall-prod-2027", include_str!("../keys/townhall-prod-2027.pub.pem"))];

#[cfg(debug_assertions)]
const DEV_PUBLIC_PEM: &str = include_str!("../dev-keys/townhall-dev.pub.pem");

/// The keys compiled into this build. No configuration adds to this list.
pub(crate) fn builtin() -> Vec<TrustedKey> {
    let production = PRODUCTION_KEYS.iter().map(|(kid, pem)| TrustedKey::new(*kid, *pem));
    #[cfg(debug_assertions)]
    let production = production.chain([TrustedKey::new(DEV_KID, DEV_PUBLIC_PEM)]);
    production.collect()
}
