// SPDX-License-Identifier: AGPL-3.0-only
//! Licence keys for the Standard and Premium editions.
//!
//! A key is a JWT signed with Ed25519. This crate knows which public keys a build trusts
//! ([`Verifier::builtin`]), checks a key against them and maps the result to a [`LicenseStatus`]
//! (expiry is a status, never an error). Signing lives behind the `issue` feature, for tooling and
//! tests only.

mod claims;
mod edition;
#[cfg(any(test, feature = "issue"))]
mod issue;
mod keys;
mod verify;

pub use claims::{Claims, ISSUER};
pub use edition::{Edition, Plan};
#[cfg(any(test, feature = "issue"))]
pub use issue::{IssueError, issue};
pub use keys::{DEV_KID, TrustedKey};
pub use verify::{GRACE_DAYS, License, LicenseStatus, Verifier};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod keys_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests;
