//! Signed digests of the head: an Ed25519 signature over the last position and hash, which an
//! auditor keeps and later checks the log against (docs/audit.md).

use super::*;
use crate::db::Db;
use crate::error::StoreError;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format tag of a head digest (first line of the signed message).
pub const DIGEST_FORMAT: &str = "pqrs-head-digest-v1";

/// A signed statement of the head of the log: "at `signed_at`, the log had `position` events
/// and the last one had `hash`". Anyone with the public key can check it; a later log that
/// does not contain this (position, hash) was truncated or rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadDigest {
    /// [`DIGEST_FORMAT`].
    pub format: String,
    /// The head position (0 for an empty log).
    pub position: i64,
    /// The hash of the head event ([`crate::ledger::GENESIS_HASH`] for an empty log).
    pub hash: String,
    /// When the head event was recorded (empty for an empty log).
    pub recorded_at: String,
    /// When the digest was signed (RFC 3339, UTC).
    pub signed_at: String,
    /// The Ed25519 public key, hex (32 bytes).
    pub public_key: String,
    /// The Ed25519 signature of [`HeadDigest::message`], hex (64 bytes).
    pub signature: String,
}

/// Why a key or digest cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    /// The key file could not be read.
    #[error("cannot read the key file {path}: {}", crate::error::io_reason(.source))]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The key file could not be created or written.
    #[error("cannot write the key file {path}: {}", crate::error::io_write_reason(.source))]
    Write {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The key file does not hold 64 hex digits.
    #[error("key file {0} must hold the 32-byte Ed25519 secret key as 64 hex digits")]
    BadKey(String),
    /// The digest is not of this format.
    #[error("not a pqrs head digest: {0}")]
    Malformed(String),
    /// The signature does not verify with the digest's public key.
    #[error(
        "the digest's signature does not verify with its public key: it was altered or forged"
    )]
    BadSignature,
    /// The log cannot be digested as it is.
    #[error("{0}")]
    Refused(String),
}

impl HeadDigest {
    /// The exact bytes signed: one `name:value` line per field, in this order.
    pub fn message(&self) -> Vec<u8> {
        format!(
            "{}\nposition:{}\nhash:{}\nrecorded_at:{}\nsigned_at:{}\npublic_key:{}\n",
            self.format,
            self.position,
            self.hash,
            self.recorded_at,
            self.signed_at,
            self.public_key
        )
        .into_bytes()
    }

    /// Checks the format and the signature against the digest's own public key.
    pub fn verify_signature(&self) -> Result<(), DigestError> {
        if self.format != DIGEST_FORMAT {
            return Err(DigestError::Malformed(format!(
                "format `{}` is not `{DIGEST_FORMAT}`",
                self.format
            )));
        }
        let key: [u8; 32] = hex::decode(&self.public_key)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| DigestError::Malformed("public_key is not 32 bytes of hex".into()))?;
        let sig: [u8; 64] = hex::decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| DigestError::Malformed("signature is not 64 bytes of hex".into()))?;
        let key = VerifyingKey::from_bytes(&key)
            .map_err(|_| DigestError::Malformed("public_key is not an Ed25519 key".into()))?;
        key.verify(&self.message(), &ed25519_dalek::Signature::from_bytes(&sig))
            .map_err(|_| DigestError::BadSignature)
    }

    /// The checkpoint this digest vouches for.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            position: self.position,
            hash: self.hash.clone(),
        }
    }
}

/// Why a digest cannot vouch for the log, if it cannot: its signature does not verify, or
/// `entity_key` (the entity's public key, hex) is given and the digest is signed by another
/// key. A digest signed by anyone else proves nothing: whoever can write the database can
/// rewrite the log and sign its new head with a key of their own.
pub fn digest_signer_finding(digest: &HeadDigest, entity_key: Option<&str>) -> Option<Finding> {
    let finding = |detail: String| Finding {
        position: digest.position,
        kind: FindingKind::Signature,
        detail,
    };
    if let Err(e) = digest.verify_signature() {
        return Some(finding(e.to_string()));
    }
    match entity_key {
        Some(ours) if !digest.public_key.eq_ignore_ascii_case(ours.trim()) => {
            Some(finding(format!(
            "El resumen está firmado con la clave {}, que no es la clave de la entidad ({}): no \
             lo tome como prueba. Quien pueda escribir en la base de datos puede reescribir el \
             registro y firmar su nueva cabeza con una clave propia.",
            digest.public_key,
            ours.trim()
        )))
        }
        _ => None,
    }
}

/// Verifies the log against a digest handed out earlier: the digest's signature and signer
/// first ([`digest_signer_finding`]), then the whole chain and the digest's (position, hash)
/// as [`verify`] does. A signer problem is the report's finding even when the chain is intact
/// (a rewritten log re-signed with another key is intact by construction).
pub async fn verify_against_digest(
    db: &Db,
    digest: &HeadDigest,
    entity_key: Option<&str>,
    progress: impl FnMut(i64, i64),
) -> Result<VerifyReport, StoreError> {
    let signer = digest_signer_finding(digest, entity_key);
    let mut report = verify(db, Some(&digest.checkpoint()), progress).await?;
    report.signed_by_entity_key = entity_key.map(|_| signer.is_none());
    if let Some(f) = signer {
        report.ok = false;
        report.finding = Some(f);
    }
    Ok(report)
}

/// Checks that `text` is an Ed25519 public key as 64 hex digits; returns it in lower case.
pub fn parse_public_key_hex(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_lowercase();
    let bytes: [u8; 32] = hex::decode(&text).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok().map(|_| text)
}

/// The public key of a signing key, hex.
pub fn public_key_hex(key: &SigningKey) -> String {
    hex::encode(key.verifying_key().as_bytes())
}

/// Reads a key file written by [`generate_key_file`].
pub fn load_signing_key(path: &Path) -> Result<SigningKey, DigestError> {
    let text = std::fs::read_to_string(path).map_err(|source| DigestError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let seed: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| DigestError::BadKey(path.display().to_string()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Creates a new key file (never overwrites one; owner-only permissions on Unix) and returns
/// the key.
pub fn generate_key_file(path: &Path) -> Result<SigningKey, DigestError> {
    use std::io::Write;
    let seed: [u8; 32] = rand::random();
    let key = SigningKey::from_bytes(&seed);
    let io = |source| DigestError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io)?;
    writeln!(file, "{}", hex::encode(seed)).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(key)
}

/// Signs a statement of the current head. The caller should verify the log first (the CLI
/// does): a digest vouches for whatever the log holds.
#[tracing::instrument(name = "audit.digest", skip_all)]
pub async fn sign_head(
    db: &Db,
    key: &SigningKey,
    signed_at: &str,
) -> Result<HeadDigest, StoreError> {
    let (position, hash) = head(db).await?;
    let recorded_at = if position == 0 {
        String::new()
    } else {
        let e = event_at(db, position).await?.ok_or_else(|| {
            StoreError::Corrupt(format!(
                "the ledger head names position {position}, which is not in the log"
            ))
        })?;
        if e.hash != hash {
            return Err(StoreError::Corrupt(format!(
                "the ledger head's hash differs from the event at position {position}"
            )));
        }
        e.recorded_at
    };
    let mut digest = HeadDigest {
        format: DIGEST_FORMAT.to_owned(),
        position,
        hash,
        recorded_at,
        signed_at: signed_at.to_owned(),
        public_key: public_key_hex(key),
        signature: String::new(),
    };
    digest.signature = hex::encode(key.sign(&digest.message()).to_bytes());
    Ok(digest)
}
