//! Coordinators' passwords and the desk's login tokens.
//!
//! Passwords are kept as argon2id hashes (the `argon2` crate's defaults: 19 MiB, 2 passes, one
//! lane, the OWASP recommendation), so a copy of the database gives no password. A login gives a
//! token: 32 random bytes, of which the database keeps only the SHA-256, so a copy of the
//! database gives no token either.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// The shortest password a coordinator may choose.
pub const SHORTEST: usize = 10;

/// The argon2id hash of `password`, as a PHC string (`$argon2id$v=19$…`).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2's default parameters are valid")
        .to_string()
}

/// Whether `password` is the one `hash` was made from. A hash that cannot be read matches
/// nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash no password matches, verified against when the user name is unknown, so that a wrong
/// name takes as long to refuse as a wrong password and names cannot be guessed by the clock.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&new_token()))
}

/// Letters and digits that cannot be misread for one another when read aloud or copied from a
/// screen (no 0/O, 1/l/I).
const PLAIN: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// A one-time password for a new account: 12 characters of [`PLAIN`] (60 bits).
pub fn one_time() -> String {
    let mut out = String::with_capacity(12);
    while out.len() < 12 {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // 256 is a multiple of the alphabet's 32 letters: every letter is as likely.
        out.push(PLAIN[usize::from(byte[0]) % PLAIN.len()] as char);
    }
    out
}

/// A new login token: 32 random bytes, as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_matches_its_own_argon2id_hash_only() {
        let h = hash("a long enough one");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("a long enough one", &h));
        assert!(!verify("a long enough on", &h));
        assert!(!verify("a long enough one", "not a hash"));
        assert_ne!(hash("same"), hash("same"), "each hash has its own salt");
        assert!(!verify("", decoy()));
    }

    #[test]
    fn one_time_passwords_and_tokens_are_fresh_and_plain() {
        let p = one_time();
        assert_eq!(p.len(), 12);
        assert!(p.bytes().all(|b| PLAIN.contains(&b)), "{p}");
        assert_ne!(one_time(), one_time());
        let t = new_token();
        assert_eq!(t.len(), 64);
        assert_ne!(t, new_token());
        assert_eq!(token_hash(&t).len(), 64);
        assert_ne!(token_hash(&t), t);
    }
}
