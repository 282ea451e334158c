// SPDX-License-Identifier: AGPL-3.0-only
// The Rust sample of docs/webhooks.md, compiled and run by the webhook tests; the tests check
// that the page prints this file's text below these three lines, so keep both the same.
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Whether `header` (Townhall-Signature) signs the raw `body` with `secret`, at most
/// `tolerance` seconds away from `now` (Unix seconds).
pub fn verify_townhall_signature(secret: &str, header: &str, body: &[u8], now: i64, tolerance: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for item in header.split(',') {
        match item.trim().split_once('=') {
            Some(("t", value)) => timestamp = Some(value),
            Some(("v1", value)) => signatures.extend(hex::decode(value).ok()),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else { return false };
    let Ok(seconds) = timestamp.parse::<i64>() else { return false };
    if (now - seconds).abs() > tolerance {
        return false;
    }
    signatures.iter().any(|signature| {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else { return false };
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        // Compares in constant time.
        mac.verify_slice(signature).is_ok()
    })
}
