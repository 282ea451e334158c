// SPDX-License-Identifier: AGPL-3.0-only
//! Session tokens: short-lived JWTs (HS256) carrying the user id and the user's session version.
//! Bumping the version (sign out everywhere, password change, block) revokes every token at once.
use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

/// How long a session token lives; the server renews it when less than half is left.
pub const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClaims {
    /// The user id.
    pub sub: i32,
    /// The user's session version when the token was made.
    pub ver: i32,
    pub iat: i64,
    pub exp: i64,
    /// The session's id: random at sign-in, kept by renewals, so signing out of this browser
    /// ends every token of the session (see `revoked_sessions`). Empty in tokens made before
    /// sessions had ids.
    #[serde(default)]
    pub sid: String,
}

impl SessionClaims {
    /// Whether less than half of the lifetime is left.
    pub fn wants_renewal(&self) -> bool {
        self.exp - Utc::now().timestamp() < Duration::hours(SESSION_HOURS).num_seconds() / 2
    }
}

#[derive(Clone)]
pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// The same secret, for signing links (unsubscribe) with HMAC.
    secret: Vec<u8>,
}

impl std::fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKeys(..)")
    }
}

impl SessionKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            secret: secret.to_vec(),
        }
    }

    /// A signature of `message` for `purpose` (hex HMAC-SHA256), for links that act without a
    /// session, such as unsubscribing from an e-mail.
    pub fn sign(&self, purpose: &str, message: &str) -> String {
        use hmac::Mac;
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.secret) else { return String::new() };
        mac.update(purpose.as_bytes());
        mac.update(b"\n");
        mac.update(message.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` is `sign(purpose, message)`, compared in constant time.
    pub fn check(&self, purpose: &str, message: &str, signature: &str) -> bool {
        use hmac::Mac;
        let Ok(bytes) = hex::decode(signature) else { return false };
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.secret) else { return false };
        mac.update(purpose.as_bytes());
        mac.update(b"\n");
        mac.update(message.as_bytes());
        mac.verify_slice(&bytes).is_ok()
    }

    /// A token for a new session of the user.
    pub fn issue(&self, user_id: i32, version: i32) -> String {
        self.issue_in(user_id, version, format!("{:032x}", rand::random::<u128>()))
    }

    /// A fresh token for the same session (same id), when the old one is half spent.
    pub fn renew(&self, claims: &SessionClaims, version: i32) -> String {
        self.issue_in(claims.sub, version, claims.sid.clone())
    }

    fn issue_in(&self, user_id: i32, version: i32, sid: String) -> String {
        let now = Utc::now().timestamp();
        let claims = SessionClaims {
            sub: user_id,
            ver: version,
            iat: now,
            exp: now + Duration::hours(SESSION_HOURS).num_seconds(),
            sid,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).unwrap_or_default()
    }

    /// The claims of a token that is well signed and not expired.
    pub fn verify(&self, token: &str) -> Option<SessionClaims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.leeway = 0;
        decode::<SessionClaims>(token, &self.decoding, &v).ok().map(|d| d.claims)
    }
}

/// The browser session cookie.
pub const COOKIE: &str = "townhall_session";

/// `Set-Cookie` value carrying a session token (HttpOnly, SameSite=Lax, Secure over HTTPS).
pub fn cookie(token: &str, secure: bool) -> String {
    let max_age = Duration::hours(SESSION_HOURS).num_seconds();
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_other_keys_fail() {
        let keys = SessionKeys::new(b"0123456789abcdef0123456789abcdef");
        let token = keys.issue(7, 3);
        let claims = keys.verify(&token);
        assert_eq!(claims.as_ref().map(|c| (c.sub, c.ver)), Some((7, 3)));
        let sid = claims.as_ref().map(|c| c.sid.clone()).unwrap_or_default();
        assert_eq!(sid.len(), 32);
        assert_ne!(keys.verify(&keys.issue(7, 3)).map(|c| c.sid), Some(sid.clone()), "each sign-in is a session");
        let renewed = claims.as_ref().map(|c| keys.renew(c, 3)).unwrap_or_default();
        assert_eq!(keys.verify(&renewed).map(|c| c.sid), Some(sid), "a renewal keeps the session");
        assert!(!claims.is_some_and(|c| c.wants_renewal()));
        assert!(SessionKeys::new(b"another secret, another platform").verify(&token).is_none());
        assert!(keys.verify("garbage").is_none());
    }
}
