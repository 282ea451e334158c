// SPDX-License-Identifier: AGPL-3.0-only
//! Signing licence keys. Compiled only with the `issue` feature (xtask and tests).
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};

use crate::Claims;

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("the private key is not an Ed25519 PKCS#8 PEM key")]
    BadKey,
    #[error("signing failed: {0}")]
    Signing(String),
}

/// Signs `claims` with the Ed25519 private key `private_pem` (PKCS#8 PEM) under key id `kid`.
pub fn issue(claims: &Claims, private_pem: &str, kid: &str) -> Result<String, IssueError> {
    let key = EncodingKey::from_ed_pem(private_pem.as_bytes()).map_err(|_| IssueError::BadKey)?;
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid.to_owned());
    encode(&header, claims, &key).map_err(|e| IssueError::Signing(e.to_string()))
}
