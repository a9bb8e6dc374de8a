//! Passwords of staff accounts: Argon2id with the OWASP parameters, verified in constant time,
//! and the one-time passwords handed out at creation and reset.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

/// Argon2id with m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's first
/// recommended configuration.
fn argon2() -> Argon2<'static> {
    // The constants are within Argon2's bounds; `Params::DEFAULT` is the fallback that can
    // never be reached and is itself m = 19 MiB, t = 2, p = 1 in argon2 0.5.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or(Params::DEFAULT);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `password` with a fresh 128-bit salt.
pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the PHC string `stored` (the comparison of the digests is
/// constant-time inside `argon2`). A malformed stored hash matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash that matches no password, verified when the e-mail is unknown so that a login
/// for an unknown account takes as long as one with a wrong password (no timing oracle
/// telling which e-mails have accounts).
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("no es una clave de nadie").unwrap_or_default())
}

/// Letters and digits that cannot be confused when read aloud or copied by hand.
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A one-time password: 16 characters from a 56-symbol alphabet (about 93 bits), in four
/// groups of four for reading (`abcd-efgh-jkmn-pqrs`).
pub fn one_time() -> String {
    let mut out = String::with_capacity(19);
    let mut rng = rand::rng();
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        // Rejection sampling keeps the symbols uniform.
        loop {
            let b = (rng.next_u32() & 0xff) as usize;
            if b < ALPHABET.len() * (256 / ALPHABET.len()) {
                out.push(char::from(ALPHABET[b % ALPHABET.len()]));
                break;
            }
        }
    }
    out
}

/// The smallest length of a password an official chooses (NIST SP 800-63B §5.1.1.2: at
/// least 8; a staff account guarding personal data asks for more).
pub const MIN_LENGTH: usize = 12;

/// Why a chosen password is refused (the console words it in the official's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// Shorter than [`MIN_LENGTH`].
    TooShort,
    /// Longer than 256 characters.
    TooLong,
    /// The account's e-mail, or one character repeated.
    Guessable,
}

/// Why a chosen password is refused, or `None` when it is acceptable.
pub fn weakness(password: &str, email: &str) -> Option<Weakness> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        return Some(Weakness::TooShort);
    }
    if n > 256 {
        return Some(Weakness::TooLong);
    }
    let lower = password.to_lowercase();
    if lower == email.to_lowercase()
        || lower
            .chars()
            .all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Some(Weakness::Guessable);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let h = hash("una clave larga de prueba").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("una clave larga de prueba", &h));
        assert!(!verify("otra clave larga de prueba", &h));
        assert!(!verify("x", "not a hash"));
        assert!(!verify("no es una clave de nadie!", decoy()));
    }

    #[test]
    fn one_time_passwords_are_grouped_and_differ() {
        let a = one_time();
        assert_eq!(a.len(), 19);
        assert_eq!(a.matches('-').count(), 3);
        assert_ne!(a, one_time());
        assert!(weakness(&a, "x@y.co").is_none());
        assert_eq!(weakness("corta", "x@y.co"), Some(Weakness::TooShort));
        assert_eq!(
            weakness(&"a".repeat(257), "x@y.co"),
            Some(Weakness::TooLong)
        );
        assert_eq!(
            weakness("x@y.co.x@y.co", "X@Y.CO.X@Y.CO"),
            Some(Weakness::Guessable)
        );
        assert_eq!(
            weakness("zzzzzzzzzzzzzz", "x@y.co"),
            Some(Weakness::Guessable)
        );
    }
}
