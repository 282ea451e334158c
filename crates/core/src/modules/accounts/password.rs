// SPDX-License-Identifier: AGPL-3.0-only
//! Password rules and hashing (argon2id). Common and easily guessed passwords are refused with
//! zxcvbn, whose dictionaries include the most common passwords.
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use zxcvbn::{Score, zxcvbn};

use crate::{CoreError, CoreResult};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks the rules. `context` holds words an attacker would try first (the e-mail, the name).
pub fn check(password: &str, context: &[&str]) -> CoreResult<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(CoreError::Field { field: "password", code: "password_too_short" });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(CoreError::Field { field: "password", code: "password_too_long" });
    }
    if zxcvbn(password, context).score() < Score::Two {
        return Err(CoreError::Field { field: "password", code: "password_too_common" });
    }
    Ok(())
}

/// Hashes off the async threads: argon2 is slow on purpose.
pub async fn hash(password: &str) -> CoreResult<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| CoreError::Invalid { field: "password".into(), message: e.to_string() })?
    .map_err(|e| CoreError::Invalid { field: "password".into(), message: e.to_string() })
}

/// Whether `password` matches `stored`. A malformed stored hash never matches.
pub async fn verify(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// What an account that has no password stores instead of a hash (one made through a sign-in
/// provider): it never matches; the owner sets a password with a reset link.
pub const NO_PASSWORD: &str = "!";

/// Whether `stored` is a password hash (and not [`NO_PASSWORD`]).
pub fn is_set(stored: &str) -> bool {
    stored.starts_with('$')
}

/// A hash to verify against when the account does not exist, so that timing does not tell.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Pz8MXxAbvGRJ3YWgiVTtV2N4Z4LPEC1X6wHb3ZTJJ5E";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(matches!(check("short", &[]), Err(CoreError::Field { code: "password_too_short", .. })));
        assert!(matches!(check("password123", &[]), Err(CoreError::Field { code: "password_too_common", .. })));
        assert!(matches!(check("1234567890", &[]), Err(CoreError::Field { code: "password_too_common", .. })));
        assert!(matches!(
            check("ana.martens@example.org", &["ana.martens@example.org"]),
            Err(CoreError::Field { code: "password_too_common", .. })
        ));
        assert!(check("violet tram crosses the river", &[]).is_ok());
    }

    #[tokio::test]
    async fn hashes_verify() {
        let h = hash("violet tram crosses the river").await.unwrap_or_default();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("violet tram crosses the river", &h).await);
        assert!(!verify("violet tram crosses the sea", &h).await);
        assert!(!verify("anything", "not a hash").await);
        assert!(!verify("anything", DUMMY_HASH).await);
        assert!(!verify("", NO_PASSWORD).await && !verify("!", NO_PASSWORD).await);
        assert!(is_set(&h) && !is_set(NO_PASSWORD));
    }
}
