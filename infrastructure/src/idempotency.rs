//! `Idempotency-Key` on filings: a retry returns the first result, never a second radicado.
//!
//! Only hashes are stored. The access code of the first result must come back on a retry (the
//! client may never have seen the first response), yet must not be readable from the database:
//! it is stored masked with a pad derived from the key itself, which is stored only as a hash.
//! Whoever holds the key (the client that sent it) can recover the code; a database reader
//! cannot. Keys should be random (a UUID); see docs/architecture.md.

use crate::db::Db;
use crate::error::StoreError;
use pqrs_domain::{AccessCode, Radicado};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// A parsed Idempotency-Key: 1 to 255 visible ASCII characters (README.md, "A first walk
/// with curl"; no minimum: Stripe and the IETF draft accept any non-empty key). Random keys (a UUID) are
/// still what clients should send: a short key is easy to reuse by mistake.
#[derive(Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl std::fmt::Debug for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdempotencyKey(..)")
    }
}

/// A header value that cannot be an idempotency key.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)")]
pub struct BadIdempotencyKey;

fn sha(tag: &str, s: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(tag.as_bytes());
    h.update([0]);
    h.update(s.as_bytes());
    h.finalize().into()
}

impl IdempotencyKey {
    /// Parses a header value.
    pub fn parse(s: &str) -> Result<Self, BadIdempotencyKey> {
        if (1..=255).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic()) {
            Ok(IdempotencyKey(s.to_owned()))
        } else {
            Err(BadIdempotencyKey)
        }
    }

    /// What is stored to find the key again.
    pub fn lookup_hash(&self) -> String {
        hex::encode(sha("pqrs-idempotency-key", &self.0))
    }

    /// The access code masked with the key's pad.
    pub fn seal(&self, code: &AccessCode) -> String {
        let pad = sha("pqrs-idempotency-seal", &self.0);
        hex::encode(
            code.expose()
                .bytes()
                .zip(pad.iter())
                .map(|(c, p)| c ^ p)
                .collect::<Vec<u8>>(),
        )
    }

    /// Recovers the access code sealed with this key.
    pub fn unseal(&self, sealed: &str) -> Option<AccessCode> {
        let pad = sha("pqrs-idempotency-seal", &self.0);
        let bytes = hex::decode(sealed).ok()?;
        let plain: Vec<u8> = bytes.iter().zip(pad.iter()).map(|(c, p)| c ^ p).collect();
        AccessCode::parse(std::str::from_utf8(&plain).ok()?).ok()
    }
}

/// The fingerprint of a request body, to tell a retry from a reuse of the key.
pub fn request_hash(canonical_request: &str) -> String {
    hex::encode(sha("pqrs-idempotency-request", canonical_request))
}

/// A key as recorded with its first filing.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Fingerprint of the first request.
    pub request_hash: String,
    /// The radicado it got.
    pub radicado: Radicado,
    /// Its sealed access code.
    pub sealed_code: String,
}

/// Looks a key up.
pub async fn find(db: &Db, key: &IdempotencyKey) -> Result<Option<Recorded>, StoreError> {
    let row = sqlx::query(
        "SELECT request_hash, radicado, sealed_code FROM idempotency_keys WHERE key_hash = $1",
    )
    .bind(key.lookup_hash())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let radicado: String = row.try_get(1)?;
    Ok(Some(Recorded {
        request_hash: row.try_get(0)?,
        radicado: Radicado::parse(&radicado).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        sealed_code: row.try_get(2)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_key_unseals_the_code() {
        let code = AccessCode::from_random_bytes([42; 13]);
        let key = IdempotencyKey::parse("0b7c1f0e-6a4d-4a53-9a7e-1f1c2b3d4e5f").unwrap();
        let sealed = key.seal(&code);
        assert!(!sealed.contains(code.expose()));
        assert_eq!(key.unseal(&sealed), Some(code.clone()));
        let other = IdempotencyKey::parse("another-key-0001").unwrap();
        assert_ne!(other.unseal(&sealed), Some(code));
    }

    #[test]
    fn keys_are_bounded_visible_ascii() {
        assert!(IdempotencyKey::parse("").is_err());
        assert!(IdempotencyKey::parse("k").is_ok());
        assert!(IdempotencyKey::parse("tab\there").is_err());
        assert!(IdempotencyKey::parse(&"x".repeat(255)).is_ok());
        assert!(IdempotencyKey::parse("has a space in it").is_err());
        assert!(IdempotencyKey::parse(&"x".repeat(256)).is_err());
        assert!(IdempotencyKey::parse("abcdefgh").is_ok());
    }
}
