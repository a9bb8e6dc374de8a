//! The secret a citizen uses to track a PQR.
//!
//! The code is shown once, at filing; only its SHA-256 hash is stored. A code has 100 bits of
//! entropy (20 Crockford base32 characters; docs/architecture.md, "Secrets"), so a fast hash is
//! enough: nobody can search that space.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code.
pub const LEN: usize = 20;

/// A plain access code. Never stored, never logged (its `Debug` is redacted).
#[derive(Clone, PartialEq, Eq)]
pub struct AccessCode(String);

/// The SHA-256 of an access code, hex-encoded: what the `PqrFiled` event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccessCodeHash(String);

/// A string that cannot be an access code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an access code is 20 characters of 0-9 and A-Z")]
pub struct BadAccessCode;

impl AccessCode {
    /// Builds a code from 13 random bytes (the caller owns the randomness; 100 of the 104 bits
    /// are used).
    pub fn from_random_bytes(bytes: [u8; 13]) -> AccessCode {
        let mut bits: u128 = 0;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let code = (0..LEN)
            .map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char)
            .collect();
        AccessCode(code)
    }

    /// Parses a code typed by a citizen: case-insensitive, dashes and spaces ignored, and the
    /// Crockford confusables read as what they look like (O→0, I/L→1).
    pub fn parse(s: &str) -> Result<AccessCode, BadAccessCode> {
        let mut code = String::with_capacity(LEN);
        for c in s.chars().filter(|c| *c != '-' && *c != ' ') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return Err(BadAccessCode);
            }
            code.push(c);
        }
        if code.len() != LEN {
            return Err(BadAccessCode);
        }
        Ok(AccessCode(code))
    }

    /// The code, to show once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The hash that is stored.
    pub fn hash(&self) -> AccessCodeHash {
        AccessCodeHash(hex::encode(Sha256::digest(self.0.as_bytes())))
    }
}

impl fmt::Debug for AccessCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessCode(..)")
    }
}

impl AccessCodeHash {
    /// Whether `code` hashes to this value.
    pub fn matches(&self, code: &AccessCode) -> bool {
        let other = code.hash();
        // Equal length hex strings; compare without early exit.
        self.0.len() == other.0.len()
            && self
                .0
                .bytes()
                .zip(other.0.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// The hex string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_round_trips_through_parse_and_hash() {
        let code = AccessCode::from_random_bytes([7; 13]);
        assert_eq!(code.expose().len(), LEN);
        let typed = code.expose().to_lowercase();
        let parsed = AccessCode::parse(&typed).unwrap();
        assert!(code.hash().matches(&parsed));
        assert!(!AccessCode::from_random_bytes([8; 13])
            .hash()
            .matches(&parsed));
    }

    #[test]
    fn different_bytes_give_different_codes() {
        let a = AccessCode::from_random_bytes([0; 13]);
        let mut b = [0; 13];
        b[12] = 1;
        assert_ne!(a, AccessCode::from_random_bytes(b));
    }

    #[test]
    fn malformed_codes_are_refused() {
        assert!(AccessCode::parse("short").is_err());
        assert!(AccessCode::parse("UUUUUUUUUUUUUUUUUUUU").is_err());
    }
}
