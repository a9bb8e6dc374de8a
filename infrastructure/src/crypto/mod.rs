//! The cryptography of personal data at rest (issue 16, docs/privacy.md): the key-encryption
//! key (KEK) an operator keeps, the data key of each case it wraps, and the envelopes that
//! hold a personal field in the event log.
//!
//! Everything is XChaCha20-Poly1305 (the `chacha20poly1305` crate): a 256-bit key, a random
//! 192-bit nonce per message (random nonces that long never collide in practice), and
//! associated data that binds each ciphertext to its place, so a ciphertext copied elsewhere
//! does not decrypt:
//! - a wrapped data key is bound to its radicado;
//! - a field is bound to its radicado, the event's sequence in the case and the field's path.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The prefix of a sealed field (version 1 of the envelope).
pub const ENVELOPE: &str = "enc:v1:";

/// Why a key or an envelope cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The key file cannot be read or has the wrong shape.
    #[error("cannot use the personal data master key {path}: {why}")]
    KeyFile {
        /// The file.
        path: String,
        /// Why.
        why: String,
    },
    /// The ciphertext does not open under this key and place: the wrong key, or the bytes
    /// were changed or moved.
    #[error("el dato cifrado no se puede abrir: llave equivocada o dato alterado o movido")]
    Open,
    /// The envelope is not base64 or too short.
    #[error("el sobre cifrado está mal formado")]
    Malformed,
}

/// A 256-bit secret key (the KEK or a case's data key). Never printed.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    /// A fresh random key.
    pub fn generate() -> SecretKey {
        let mut k = [0u8; 32];
        rand::rng().fill_bytes(&mut k);
        SecretKey(k)
    }

    /// The key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> SecretKey {
        SecretKey(bytes)
    }

    /// The key as hex (for a key file).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Reads a key file: 64 hex digits (surrounding whitespace ignored).
    pub fn read_file(path: &Path) -> Result<SecretKey, CryptoError> {
        let err = |why: String| CryptoError::KeyFile {
            path: path.display().to_string(),
            why,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(crate::error::io_reason(&e)))?;
        let bytes: [u8; 32] = hex::decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| err("it must hold 64 hexadecimal digits (32 bytes)".into()))?;
        Ok(SecretKey(bytes))
    }

    /// Writes a new random key to `path` (which must not exist), readable only by its owner.
    pub fn create_file(path: &Path) -> Result<SecretKey, CryptoError> {
        use std::io::Write;
        let err = |why: String| CryptoError::KeyFile {
            path: path.display().to_string(),
            why,
        };
        let key = SecretKey::generate();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let write = |e: std::io::Error| err(crate::error::io_write_reason(&e));
        let mut file = options.open(path).map_err(write)?;
        writeln!(file, "{}", key.to_hex()).map_err(write)?;
        file.sync_all().map_err(write)?;
        Ok(key)
    }

    /// The public identifier of this key as a KEK: a hash that names it without revealing it
    /// (stored beside the wrapped keys, so a wrong KEK is recognised at start).
    pub fn id(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"pqrs-kek-id-v1");
        h.update(self.0);
        hex::encode(&h.finalize()[..8])
    }

    /// A key derived from this one for `purpose` (HMAC-SHA256), e.g. the blind index key.
    pub fn derive(&self, purpose: &str) -> SecretKey {
        let mut h = Sha256::new();
        h.update(b"pqrs-derive-v1\0");
        h.update(purpose.as_bytes());
        h.update(b"\0");
        h.update(self.0);
        SecretKey(h.finalize().into())
    }

    /// HMAC-SHA256 of `value` under this key, hex (a keyed blind index).
    pub fn mac_hex(&self, value: &str) -> String {
        // HMAC accepts a key of any length; a 32-byte key cannot be refused.
        match <Hmac<Sha256> as Mac>::new_from_slice(&self.0) {
            Ok(mut mac) => {
                mac.update(value.as_bytes());
                hex::encode(mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }

    /// Encrypts `plain` bound to `aad`: base64 of nonce ‖ ciphertext.
    pub fn seal(&self, aad: &[u8], plain: &[u8]) -> String {
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let nonce_arr = XNonce::from(nonce);
        // Encryption into a Vec cannot fail for inputs under 256 GiB.
        let ct = self
            .cipher()
            .encrypt(&nonce_arr, Payload { msg: plain, aad })
            .unwrap_or_default();
        let mut out = Vec::with_capacity(24 + ct.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        STANDARD_NO_PAD.encode(out)
    }

    /// Opens what [`SecretKey::seal`] made with the same `aad`.
    pub fn open(&self, aad: &[u8], sealed: &str) -> Result<Vec<u8>, CryptoError> {
        let bytes = STANDARD_NO_PAD
            .decode(sealed)
            .map_err(|_| CryptoError::Malformed)?;
        if bytes.len() < 24 + 16 {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ct) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| CryptoError::Malformed)?;
        self.cipher()
            .decrypt(&XNonce::from(nonce), Payload { msg: ct, aad })
            .map_err(|_| CryptoError::Open)
    }

    /// Wraps `data_key` (a case's key) under this KEK, bound to `radicado`.
    pub fn wrap(&self, radicado: &str, data_key: &SecretKey) -> String {
        self.seal(&wrap_aad(radicado), &data_key.0)
    }

    /// Unwraps a data key wrapped by [`SecretKey::wrap`] for `radicado`.
    pub fn unwrap_key(&self, radicado: &str, wrapped: &str) -> Result<SecretKey, CryptoError> {
        let bytes = self.open(&wrap_aad(radicado), wrapped)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::Malformed)?;
        Ok(SecretKey(bytes))
    }
}

fn wrap_aad(radicado: &str) -> Vec<u8> {
    format!("pqrs-data-key-v1\0{radicado}").into_bytes()
}

/// The associated data of a sealed field: the case, the event's sequence and the field.
pub fn field_aad(radicado: &str, sequence: i64, path: &str) -> Vec<u8> {
    format!("pqrs-field-v1\0{radicado}\0{sequence}\0{path}").into_bytes()
}

/// Seals `plain` (the field's JSON text) as an envelope string `enc:v1:…`.
pub fn seal_field(
    key: &SecretKey,
    radicado: &str,
    sequence: i64,
    path: &str,
    plain: &str,
) -> String {
    format!(
        "{ENVELOPE}{}",
        key.seal(&field_aad(radicado, sequence, path), plain.as_bytes())
    )
}

/// Opens an envelope made by [`seal_field`] back into the field's JSON text.
pub fn open_field(
    key: &SecretKey,
    radicado: &str,
    sequence: i64,
    path: &str,
    envelope: &str,
) -> Result<String, CryptoError> {
    let body = envelope
        .strip_prefix(ENVELOPE)
        .ok_or(CryptoError::Malformed)?;
    let plain = key.open(&field_aad(radicado, sequence, path), body)?;
    String::from_utf8(plain).map_err(|_| CryptoError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_opens_only_in_its_own_place() {
        let key = SecretKey::generate();
        let env = seal_field(&key, "2026-000001", 1, "description", "\"hola\"");
        assert!(env.starts_with(ENVELOPE));
        assert_eq!(
            open_field(&key, "2026-000001", 1, "description", &env).unwrap(),
            "\"hola\""
        );
        assert!(open_field(&key, "2026-000002", 1, "description", &env).is_err());
        assert!(open_field(&key, "2026-000001", 2, "description", &env).is_err());
        assert!(open_field(&key, "2026-000001", 1, "subject", &env).is_err());
        assert!(open_field(
            &SecretKey::generate(),
            "2026-000001",
            1,
            "description",
            &env
        )
        .is_err());
    }

    #[test]
    fn a_wrapped_key_unwraps_only_for_its_radicado_and_kek() {
        let kek = SecretKey::generate();
        let dk = SecretKey::generate();
        let w = kek.wrap("2026-000001", &dk);
        assert_eq!(kek.unwrap_key("2026-000001", &w).unwrap().0, dk.0);
        assert!(kek.unwrap_key("2026-000002", &w).is_err());
        assert!(SecretKey::generate().unwrap_key("2026-000001", &w).is_err());
        assert_ne!(kek.id(), SecretKey::generate().id());
    }
}
