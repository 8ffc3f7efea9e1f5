//! Argon2id password hashing.

use std::sync::OnceLock;

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Hashes a password with Argon2id and a random salt (PHC string).
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hashed = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|error| anyhow::anyhow!("{error}"))
        .context("could not hash the password")?;
    Ok(hashed.to_string())
}

/// Whether `password` matches `stored`. With no stored hash (unknown user),
/// a dummy hash is checked anyway so the answer takes as long either way.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let Some(stored) = stored else {
        let dummy = DUMMY_HASH.get_or_init(|| hash("not anyone's password").unwrap_or_default());
        if let Ok(parsed) = PasswordHash::new(dummy) {
            let _ = Argon2::default().verify_password(password.as_bytes(), &parsed);
        }
        return false;
    };
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

static DUMMY_HASH: OnceLock<String> = OnceLock::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", Some(&stored)));
        assert!(!verify("correct horse batter", Some(&stored)));
        assert!(!verify("correct horse battery", None));
        assert!(!verify("anything", Some("not a hash")));
    }
}
