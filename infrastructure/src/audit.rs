//! The audit trail (issue 6): reading the log in position order, verifying the hash chain,
//! signed digests of the head, radicado completeness and exports.
//!
//! Everything here reads the log in pages of [`PAGE`] rows by keyset (`position > last`), so
//! memory stays flat however long the log is. The chain itself is written by [`ledger`]; see
//! docs/audit.md for the exact bytes an outside auditor recomputes.

use crate::db::{Backend, Db};
use crate::error::StoreError;
use crate::ledger::{self, NewEvent, StoredEvent, GENESIS_HASH};
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use futures_util::TryStreamExt;
use pqrs_domain::Radicado;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::path::Path;

/// Rows read per page when walking the log.
pub const PAGE: i64 = 2_000;

/// How far around a broken position verification looks to tell a move from an edit.
const WINDOW: i64 = 32;

/// The event type of a filing (issue 2).
pub const PQR_FILED: &str = "PqrFiled";
/// The event type of a voided radicado (still accounted for: filed, then voided).
pub const RADICADO_VOIDED: &str = "RadicadoVoided";

const COLUMNS: &str = "position, aggregate_type, aggregate_id, sequence, event_type, \
                       event_version, payload, metadata, recorded_at, prev_hash, hash";

fn stored(row: &AnyRow) -> Result<StoredEvent, sqlx::Error> {
    Ok(StoredEvent {
        position: row.try_get(0)?,
        event: NewEvent {
            aggregate_type: row.try_get(1)?,
            aggregate_id: row.try_get(2)?,
            sequence: row.try_get(3)?,
            event_type: row.try_get(4)?,
            event_version: row.try_get(5)?,
            payload: row.try_get(6)?,
            metadata: row.try_get(7)?,
        },
        recorded_at: row.try_get(8)?,
        prev_hash: row.try_get(9)?,
        hash: row.try_get(10)?,
    })
}

/// One page of events with `after < position <= until`, in position order (at most `limit`).
pub async fn page(
    db: &Db,
    after: i64,
    until: Option<i64>,
    limit: i64,
) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM events WHERE position > $1 AND position <= $2 \
         ORDER BY position LIMIT $3"
    );
    let mut rows = sqlx::query(&sql)
        .bind(after)
        .bind(until.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch(&db.pool);
    let mut out = Vec::with_capacity(usize::try_from(limit.clamp(0, PAGE)).unwrap_or(0));
    while let Some(row) = rows.try_next().await? {
        out.push(stored(&row)?);
    }
    Ok(out)
}

/// The `ledger_head` row: the last position and hash the ledger handed out.
pub async fn head(db: &Db) -> Result<(i64, String), StoreError> {
    let row = sqlx::query("SELECT position, hash FROM ledger_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// The event at `position`, if any.
pub async fn event_at(db: &Db, position: i64) -> Result<Option<StoredEvent>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE position = $1");
    let row = sqlx::query(&sql)
        .bind(position)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| stored(&r)).transpose()?)
}

/// Every event of one aggregate, in order.
#[tracing::instrument(name = "audit.history", skip(db))]
pub async fn history(
    db: &Db,
    aggregate_type: &str,
    aggregate_id: &str,
) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM events WHERE aggregate_type = $1 AND aggregate_id = $2 \
         ORDER BY position"
    );
    let mut rows = sqlx::query(&sql)
        .bind(aggregate_type.to_owned())
        .bind(aggregate_id.to_owned())
        .fetch(&db.pool);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        out.push(stored(&row)?);
    }
    Ok(out)
}

/// Filters of the global feed; every present filter must match.
#[derive(Debug, Clone, Default)]
pub struct FeedFilter {
    /// `event_type` equals this.
    pub event_type: Option<String>,
    /// The metadata's `actor_id` equals this.
    pub actor_id: Option<String>,
    /// `recorded_at >=` this canonical instant (see [`crate::clock::instant_text`]).
    pub recorded_from: Option<String>,
    /// `recorded_at <` this canonical instant.
    pub recorded_to: Option<String>,
    /// `aggregate_id` equals this (e.g. a radicado).
    pub aggregate_id: Option<String>,
}

/// A page of the global feed: events after `after` that match `filter`, in position order.
/// Positions are gapless and only committed ones are visible (see [`ledger`]), so a cursor
/// (`after` = the last position seen) never skips an event, and a full page never changes.
#[tracing::instrument(name = "audit.feed", skip(db))]
pub async fn feed(
    db: &Db,
    after: i64,
    limit: i64,
    filter: &FeedFilter,
) -> Result<Vec<StoredEvent>, StoreError> {
    let mut sql = format!("SELECT {COLUMNS} FROM events WHERE position > $1");
    let mut binds: Vec<String> = Vec::new();
    let mut add = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace('?', &format!("${}", binds.len() + 1)));
    };
    if let Some(t) = &filter.event_type {
        add(&mut sql, " AND event_type = ?", t.clone());
    }
    if let Some(id) = &filter.aggregate_id {
        add(&mut sql, " AND aggregate_id = ?", id.clone());
    }
    if let Some(from) = &filter.recorded_from {
        add(&mut sql, " AND recorded_at >= ?", from.clone());
    }
    if let Some(to) = &filter.recorded_to {
        add(&mut sql, " AND recorded_at < ?", to.clone());
    }
    if let Some(actor) = &filter.actor_id {
        // Metadata is canonical JSON (sorted keys, no spaces), so the exact key-value text
        // identifies the field: inside a JSON string every quote is escaped, so this text
        // cannot match inside another value.
        let needle = format!("\"actor_id\":{}", serde_json::Value::from(actor.as_str()));
        let clause = match db.backend {
            Backend::Postgres => " AND strpos(metadata, ?) > 0",
            Backend::Sqlite => " AND instr(metadata, ?) > 0",
        };
        add(&mut sql, clause, needle);
    }
    sql.push_str(&format!(" ORDER BY position LIMIT ${}", binds.len() + 2));
    let mut q = sqlx::query(&sql).bind(after);
    for b in binds {
        q = q.bind(b);
    }
    let mut rows = q.bind(limit).fetch(&db.pool);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        out.push(stored(&row)?);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/// A position and hash known from earlier (a digest): the log must still contain them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The head position at the time.
    pub position: i64,
    /// The hash of the event at that position.
    pub hash: String,
}

/// What kind of tampering a finding shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// An event's content no longer matches its hash, or its hash was recomputed.
    Modified,
    /// An event is missing (a gap in positions, or later events renumbered).
    Removed,
    /// An event that the ledger did not write is in the log.
    Inserted,
    /// Events are not in the order they were recorded in.
    Reordered,
    /// The end of the log is gone (relative to the ledger head or to an earlier digest).
    Truncated,
    /// The `ledger_head` row does not match the last event.
    HeadMismatch,
    /// The digest checked against is not signed by the entity's key (its signature does not
    /// verify, or it verifies with another key): whoever made it may have rewritten the log.
    Signature,
}

/// The first thing wrong with the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The position where the log first goes wrong.
    pub position: i64,
    /// What is wrong.
    pub kind: FindingKind,
    /// In words: what was found there.
    pub detail: String,
}

/// The result of a verification. A failed verification is a report with `ok: false`, not an
/// error: errors are for a store that cannot be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Whether the whole log verified (and matched the checkpoint, if one was given).
    pub ok: bool,
    /// Events whose hash was recomputed.
    pub checked: i64,
    /// The last position verified.
    pub last_position: i64,
    /// The hash at that position.
    pub last_hash: String,
    /// The `ledger_head` row at the end of the walk.
    pub head_position: i64,
    /// Its hash.
    pub head_hash: String,
    /// The checkpoint checked, if any.
    pub checkpoint: Option<Checkpoint>,
    /// The first problem, when `ok` is false.
    pub finding: Option<Finding>,
    /// Given a digest: whether it is signed by the entity's configured key (`None` when no
    /// digest was given or no key is configured, so the signer could not be checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by_entity_key: Option<bool>,
}

fn recompute(e: &StoredEvent, position: i64) -> String {
    ledger::chain_hash(&e.prev_hash, position, &e.event, &e.recorded_at)
}

/// The position an event was recorded at, if its content is intact and it is near `p` but
/// not at `p`.
fn recorded_position(e: &StoredEvent, p: i64) -> Option<i64> {
    (p.saturating_sub(WINDOW).max(1)..=p.saturating_add(WINDOW))
        .filter(|q| *q != p)
        .find(|q| recompute(e, *q) == e.hash)
}

/// Names what went wrong at `e`, the first event that fails (expected at `expected`, after an
/// event with hash `prev` and one before it with `prev2`).
async fn diagnose(
    db: &Db,
    e: &StoredEvent,
    expected: i64,
    prev: &str,
    prev2: Option<&str>,
    head_position: i64,
) -> Result<Finding, StoreError> {
    let p = e.position;
    if p > expected {
        let missing = if p - expected == 1 {
            format!("position {expected} is missing")
        } else {
            format!("positions {expected} to {} are missing", p - 1)
        };
        return Ok(Finding {
            position: expected,
            kind: FindingKind::Removed,
            detail: format!("{missing}: the next event in the log is at position {p}"),
        });
    }
    let content_ok = recompute(e, p) == e.hash;
    if content_ok {
        // Intact itself but not linked to its predecessor.
        if prev2 == Some(e.prev_hash.as_str()) {
            return Ok(Finding {
                position: p - 1,
                kind: FindingKind::Inserted,
                detail: format!(
                    "position {p} links to position {}: the event at position {} was inserted",
                    p - 2,
                    p - 1
                ),
            });
        }
        return Ok(Finding {
            position: p - 1,
            kind: FindingKind::Modified,
            detail: format!(
                "position {p} does not link to position {}: the event at position {} was \
                 changed and its hash recomputed (its original hash was {})",
                p - 1,
                p - 1,
                e.prev_hash
            ),
        });
    }
    if p > head_position {
        return Ok(Finding {
            position: p,
            kind: FindingKind::Inserted,
            detail: format!(
                "the event at position {p} is beyond the ledger head ({head_position}) and its \
                 hash does not match its content: it was written outside the ledger"
            ),
        });
    }
    let window = page(db, p, Some(p + WINDOW), WINDOW).await?;
    match recorded_position(e, p) {
        Some(q) if q < p => Ok(Finding {
            position: q,
            kind: FindingKind::Inserted,
            detail: format!(
                "the event at position {p} was recorded at position {q}: {} event(s) were \
                 inserted at position {q}{} and the later events renumbered",
                p - q,
                if p - q > 1 {
                    format!(" to {}", p - 1)
                } else {
                    String::new()
                }
            ),
        }),
        Some(q) => {
            let moved = window.iter().find(|w| recompute(w, p) == w.hash);
            Ok(match moved {
                Some(w) => Finding {
                    position: p,
                    kind: FindingKind::Reordered,
                    detail: format!(
                        "position {p} holds the event recorded at position {q}, and the event \
                         recorded at position {p} is now at position {}",
                        w.position
                    ),
                },
                None => Finding {
                    position: p,
                    kind: FindingKind::Removed,
                    detail: format!(
                        "position {p} holds the event recorded at position {q}: the event(s) \
                         recorded at positions {p} to {} were removed and the later events \
                         renumbered",
                        q - 1
                    ),
                },
            })
        }
        None => {
            let next_was_here = window
                .first()
                .is_some_and(|w| w.position == p + 1 && recompute(w, p) == w.hash);
            if next_was_here {
                Ok(Finding {
                    position: p,
                    kind: FindingKind::Inserted,
                    detail: format!(
                        "the event at position {p} was inserted: the event now at position {} \
                         was recorded at position {p}",
                        p + 1
                    ),
                })
            } else {
                let link = if e.prev_hash == prev {
                    ""
                } else {
                    " (and its link to the previous event was changed too)"
                };
                Ok(Finding {
                    position: p,
                    kind: FindingKind::Modified,
                    detail: format!(
                        "the event at position {p} ({} {} #{}) does not match its hash: its \
                         payload, metadata or another recorded field was changed{link}",
                        e.event.event_type, e.event.aggregate_id, e.event.sequence
                    ),
                })
            }
        }
    }
}

/// Walks the whole log in position order, recomputing every hash and link, then checks the
/// `ledger_head` row and, if given, that the log still holds `checkpoint` (an earlier digest).
/// Stops at the first problem. `progress(last_position, head_position)` is called after each
/// page. Memory is one page of events.
#[tracing::instrument(name = "audit.verify", skip(db, progress))]
pub async fn verify(
    db: &Db,
    checkpoint: Option<&Checkpoint>,
    mut progress: impl FnMut(i64, i64),
) -> Result<VerifyReport, StoreError> {
    let (start_head, _) = head(db).await?;
    let mut last = 0_i64;
    let mut last_hash = GENESIS_HASH.to_owned();
    let mut prev2: Option<String> = None;
    let mut checked = 0_i64;
    let mut checkpoint_seen = false;
    let report = |finding: Option<Finding>,
                  checked: i64,
                  last: i64,
                  last_hash: String,
                  head: (i64, String)| VerifyReport {
        ok: finding.is_none(),
        checked,
        last_position: last,
        last_hash,
        head_position: head.0,
        head_hash: head.1,
        checkpoint: checkpoint.cloned(),
        finding,
        signed_by_entity_key: None,
    };
    loop {
        let rows = page(db, last, None, PAGE).await?;
        if rows.is_empty() {
            // The end of what is committed; appends may have landed meanwhile, so the head is
            // read after the last page: a legitimate head is never behind committed events.
            let now_head = head(db).await?;
            if now_head.0 > last && !page(db, last, None, 1).await?.is_empty() {
                continue;
            }
            let finding =
                end_finding(db, last, &last_hash, &now_head, checkpoint, checkpoint_seen).await?;
            progress(last, now_head.0);
            return Ok(report(finding, checked, last, last_hash, now_head));
        }
        for e in rows {
            let expected = last + 1;
            if e.position != expected
                || e.prev_hash != last_hash
                || recompute(&e, e.position) != e.hash
            {
                let h = head(db).await?;
                let finding = diagnose(db, &e, expected, &last_hash, prev2.as_deref(), h.0).await?;
                return Ok(report(Some(finding), checked, last, last_hash, h));
            }
            if let Some(cp) = checkpoint {
                if cp.position == e.position {
                    checkpoint_seen = true;
                    if cp.hash != e.hash {
                        let h = head(db).await?;
                        let finding = Finding {
                            position: cp.position,
                            kind: FindingKind::Truncated,
                            detail: format!(
                                "the digest says position {} has hash {}, the log has {}: the \
                                 log was cut at or before position {} and rewritten",
                                cp.position, cp.hash, e.hash, cp.position
                            ),
                        };
                        return Ok(report(Some(finding), checked, last, last_hash, h));
                    }
                }
            }
            checked += 1;
            last = e.position;
            prev2 = Some(std::mem::replace(&mut last_hash, e.hash));
        }
        progress(last, start_head.max(last));
    }
}

/// The checks at the end of the walk: the head row and the checkpoint.
async fn end_finding(
    db: &Db,
    last: i64,
    last_hash: &str,
    head: &(i64, String),
    checkpoint: Option<&Checkpoint>,
    checkpoint_seen: bool,
) -> Result<Option<Finding>, StoreError> {
    let (head_position, head_hash) = head;
    if *head_position > last {
        return Ok(Some(Finding {
            position: last + 1,
            kind: FindingKind::Truncated,
            detail: format!(
                "the ledger head is at position {head_position} but the log ends at position \
                 {last}: positions {} to {head_position} were removed",
                last + 1
            ),
        }));
    }
    if *head_position < last {
        // Never legitimate: the head moves in the same transaction as the events it covers.
        let first_beyond = event_at(db, head_position + 1)
            .await?
            .map_or(last, |e| e.position);
        return Ok(Some(Finding {
            position: first_beyond,
            kind: FindingKind::Inserted,
            detail: format!(
                "the log goes on to position {last} but the ledger head is at {head_position}: \
                 the events after position {head_position} were written outside the ledger"
            ),
        }));
    }
    if head_hash != last_hash {
        return Ok(Some(Finding {
            position: last,
            kind: FindingKind::HeadMismatch,
            detail: format!(
                "the ledger head says position {last} has hash {head_hash}, the event there has \
                 {last_hash}"
            ),
        }));
    }
    if let Some(cp) = checkpoint {
        if !checkpoint_seen && cp.position > last {
            return Ok(Some(Finding {
                position: last + 1,
                kind: FindingKind::Truncated,
                detail: format!(
                    "the digest covers the log up to position {}, but it now ends at position \
                     {last}: positions {} to {} were removed (and the ledger head rolled back)",
                    cp.position,
                    last + 1,
                    cp.position
                ),
            }));
        }
        if cp.position < 0 || (cp.position == 0 && cp.hash != GENESIS_HASH) {
            return Ok(Some(Finding {
                position: 0,
                kind: FindingKind::Truncated,
                detail: "the digest names no valid position".into(),
            }));
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------------
// Signed digests of the head
// ---------------------------------------------------------------------------------------------

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
    /// The hash of the head event ([`GENESIS_HASH`] for an empty log).
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
    /// The key file could not be read or written.
    #[error("key file {path}: {source}")]
    Io {
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
    let text = std::fs::read_to_string(path).map_err(|source| DigestError::Io {
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
    let io = |source| DigestError::Io {
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

// ---------------------------------------------------------------------------------------------
// Radicado completeness
// ---------------------------------------------------------------------------------------------

/// A run of consecutive numbers, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberRange {
    /// First number.
    pub from: u64,
    /// Last number.
    pub to: u64,
}

/// A number filed more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The radicado.
    pub radicado: String,
    /// How many `PqrFiled` events it has.
    pub filings: u64,
}

/// Whether every radicado of a year from 1 to the counter is a filed PQR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RadicadoReport {
    /// The year of receipt.
    pub year: i32,
    /// The counter (`radicado_counters.last_number`; 0 if the year has none).
    pub last_number: u64,
    /// Numbers in 1..=last_number with a `PqrFiled` event.
    pub filed: u64,
    /// Of those, how many were voided afterwards (still accounted for).
    pub voided: u64,
    /// Whether every number is filed exactly once and nothing lies beyond the counter.
    pub complete: bool,
    /// Numbers with no filing, as ranges.
    pub gaps: Vec<NumberRange>,
    /// Numbers with more than one filing.
    pub duplicates: Vec<Duplicate>,
    /// Filings of this year numbered above the counter.
    pub beyond_counter: Vec<String>,
    /// Voids of numbers that were never filed.
    pub voided_without_filing: Vec<String>,
}

/// Most numbers a year may have for the check (the counter is bounded by real filings; a
/// larger counter is itself corruption).
const MAX_NUMBERS: u64 = 100_000_000;

/// Checks that every number of `year` from 1 to its counter is a filed PQR (voided ones
/// included), listing gaps, duplicates and filings beyond the counter. Streams the filings.
#[tracing::instrument(name = "audit.radicados", skip(db))]
pub async fn radicados(db: &Db, year: i32) -> Result<RadicadoReport, StoreError> {
    let last_number: i64 = sqlx::query("SELECT last_number FROM radicado_counters WHERE year = $1")
        .bind(year)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?
        .unwrap_or(0);
    let last_number = u64::try_from(last_number).unwrap_or(0);
    if last_number > MAX_NUMBERS {
        return Err(StoreError::Corrupt(format!(
            "the radicado counter of {year} is {last_number}, beyond any plausible year"
        )));
    }
    let size = usize::try_from(last_number + 1).unwrap_or(0);
    let mut filings = vec![0_u8; size];
    let mut voids = vec![false; size];
    let mut beyond = Vec::new();
    let mut voided_without_filing = Vec::new();
    let mut rows = sqlx::query(
        "SELECT aggregate_id, event_type FROM events WHERE aggregate_type = 'Pqr' \
         AND event_type IN ($1, $2) AND aggregate_id LIKE $3",
    )
    .bind(PQR_FILED)
    .bind(RADICADO_VOIDED)
    .bind(format!("{year}-%"))
    .fetch(&db.pool);
    while let Some(row) = rows.try_next().await? {
        let id: String = row.try_get(0)?;
        let event_type: String = row.try_get(1)?;
        let Ok(radicado) = Radicado::parse(&id) else {
            beyond.push(id);
            continue;
        };
        let n = radicado.number();
        let Some(i) = usize::try_from(n).ok().filter(|_| n <= last_number) else {
            if event_type == PQR_FILED {
                beyond.push(id);
            } else {
                voided_without_filing.push(id);
            }
            continue;
        };
        if event_type == PQR_FILED {
            filings[i] = filings[i].saturating_add(1);
        } else {
            voids[i] = true;
        }
    }
    let mut gaps: Vec<NumberRange> = Vec::new();
    let mut duplicates = Vec::new();
    let (mut filed, mut voided) = (0, 0);
    for n in 1..=last_number {
        let i = n as usize;
        match filings[i] {
            0 => {
                match gaps.last_mut() {
                    Some(g) if g.to + 1 == n => g.to = n,
                    _ => gaps.push(NumberRange { from: n, to: n }),
                }
                if voids[i] {
                    voided_without_filing.push(format!("{year}-{n:06}"));
                }
            }
            count => {
                filed += 1;
                if voids[i] {
                    voided += 1;
                }
                if count > 1 {
                    duplicates.push(Duplicate {
                        radicado: format!("{year}-{n:06}"),
                        filings: u64::from(count),
                    });
                }
            }
        }
    }
    beyond.sort();
    voided_without_filing.sort();
    Ok(RadicadoReport {
        year,
        last_number,
        filed,
        voided,
        complete: gaps.is_empty() && duplicates.is_empty() && beyond.is_empty(),
        gaps,
        duplicates,
        beyond_counter: beyond,
        voided_without_filing,
    })
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// RFC 4180 CSV, UTF-8, with a header row.
    Csv,
}

impl ExportFormat {
    /// Parses `jsonl` or `csv`.
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "jsonl" => Some(ExportFormat::Jsonl),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "application/jsonl; charset=utf-8",
            ExportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// The columns of an export, in order: exactly the stored fields, `payload` and `metadata`
/// as the stored JSON text, so every row's hash can be recomputed from the export alone.
pub const EXPORT_COLUMNS: [&str; 11] = [
    "position",
    "aggregate_type",
    "aggregate_id",
    "sequence",
    "event_type",
    "event_version",
    "payload",
    "metadata",
    "recorded_at",
    "prev_hash",
    "hash",
];

#[derive(Serialize)]
struct ExportRow<'a> {
    position: i64,
    aggregate_type: &'a str,
    aggregate_id: &'a str,
    sequence: i64,
    event_type: &'a str,
    event_version: &'a str,
    payload: &'a str,
    metadata: &'a str,
    recorded_at: &'a str,
    prev_hash: &'a str,
    hash: &'a str,
}

impl<'a> From<&'a StoredEvent> for ExportRow<'a> {
    fn from(e: &'a StoredEvent) -> Self {
        ExportRow {
            position: e.position,
            aggregate_type: &e.event.aggregate_type,
            aggregate_id: &e.event.aggregate_id,
            sequence: e.event.sequence,
            event_type: &e.event.event_type,
            event_version: &e.event.event_version,
            payload: &e.event.payload,
            metadata: &e.event.metadata,
            recorded_at: &e.recorded_at,
            prev_hash: &e.prev_hash,
            hash: &e.hash,
        }
    }
}

/// What was exported: the SHA-256 of the exact bytes, and where the rows sit in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDigest {
    /// `pqrs-export-digest-v1`.
    pub digest_format: String,
    /// `jsonl` or `csv`.
    pub format: ExportFormat,
    /// First day asked for (Bogotá), inclusive.
    pub from: String,
    /// Last day asked for (Bogotá), inclusive.
    pub to: String,
    /// The ledger head when the export was cut: later events are never included.
    pub through: i64,
    /// Rows exported.
    pub count: u64,
    /// First position exported (`None` when nothing was).
    pub first_position: Option<i64>,
    /// Last position exported.
    pub last_position: Option<i64>,
    /// The `prev_hash` of the first row: the chain hash just before the export.
    pub chain_start_hash: Option<String>,
    /// The `hash` of the last row: the chain hash at the end of the export.
    pub chain_end_hash: Option<String>,
    /// Bytes exported.
    pub bytes: u64,
    /// SHA-256 of the exported bytes, hex.
    pub sha256: String,
}

/// Serializes exported rows and keeps the digest of every byte it hands out.
#[derive(Debug)]
pub struct ExportWriter {
    format: ExportFormat,
    hasher: Sha256,
    digest: ExportDigest,
}

impl ExportWriter {
    /// A writer for the export of `from..=to` (dates as given) through position `through`.
    pub fn new(format: ExportFormat, from: &str, to: &str, through: i64) -> Self {
        ExportWriter {
            format,
            hasher: Sha256::new(),
            digest: ExportDigest {
                digest_format: "pqrs-export-digest-v1".into(),
                format,
                from: from.into(),
                to: to.into(),
                through,
                count: 0,
                first_position: None,
                last_position: None,
                chain_start_hash: None,
                chain_end_hash: None,
                bytes: 0,
                sha256: String::new(),
            },
        }
    }

    fn emit(&mut self, bytes: Vec<u8>) -> Vec<u8> {
        self.hasher.update(&bytes);
        self.digest.bytes += bytes.len() as u64;
        bytes
    }

    /// The bytes that start the export (the CSV header; nothing for JSONL).
    pub fn start(&mut self) -> Result<Vec<u8>, StoreError> {
        match self.format {
            ExportFormat::Jsonl => Ok(Vec::new()),
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(Vec::new());
                w.write_record(EXPORT_COLUMNS).map_err(csv_err)?;
                let bytes = w.into_inner().map_err(|e| csv_err(e.into_error().into()))?;
                Ok(self.emit(bytes))
            }
        }
    }

    /// The bytes of one row.
    pub fn row(&mut self, e: &StoredEvent) -> Result<Vec<u8>, StoreError> {
        if self.digest.first_position.is_none() {
            self.digest.first_position = Some(e.position);
            self.digest.chain_start_hash = Some(e.prev_hash.clone());
        }
        self.digest.last_position = Some(e.position);
        self.digest.chain_end_hash = Some(e.hash.clone());
        self.digest.count += 1;
        let bytes = match self.format {
            ExportFormat::Jsonl => {
                let mut b = serde_json::to_vec(&ExportRow::from(e))?;
                b.push(b'\n');
                b
            }
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(Vec::new());
                w.serialize(ExportRow::from(e)).map_err(csv_err)?;
                w.into_inner().map_err(|e| csv_err(e.into_error().into()))?
            }
        };
        Ok(self.emit(bytes))
    }

    /// The digest of everything handed out.
    pub fn finish(mut self) -> ExportDigest {
        self.digest.sha256 = hex::encode(self.hasher.finalize());
        self.digest
    }
}

fn csv_err(e: csv::Error) -> StoreError {
    StoreError::Corrupt(format!("cannot write CSV: {e}"))
}

/// The positions an export of `[from, to)` (canonical instants) covers, cut at `through`: the
/// contiguous range from the first to the last event recorded in it, so the export is one
/// unbroken piece of the chain. `None` when no event was recorded then.
#[tracing::instrument(name = "audit.export_range", skip(db))]
pub async fn export_range(
    db: &Db,
    from: &str,
    to: &str,
    through: i64,
) -> Result<Option<(i64, i64)>, StoreError> {
    let row = sqlx::query(
        "SELECT MIN(position), MAX(position) FROM events \
         WHERE recorded_at >= $1 AND recorded_at < $2 AND position <= $3",
    )
    .bind(from.to_owned())
    .bind(to.to_owned())
    .bind(through)
    .fetch_one(&db.pool)
    .await?;
    let first: Option<i64> = row.try_get(0)?;
    let last: Option<i64> = row.try_get(1)?;
    Ok(first.zip(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_digest_verifies_and_any_changed_field_breaks_it() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let mut d = HeadDigest {
            format: DIGEST_FORMAT.into(),
            position: 42,
            hash: "ab".repeat(32),
            recorded_at: "2026-11-24T14:00:00.000000Z".into(),
            signed_at: "2026-11-24T15:00:00.000000Z".into(),
            public_key: public_key_hex(&key),
            signature: String::new(),
        };
        d.signature = hex::encode(key.sign(&d.message()).to_bytes());
        assert!(d.verify_signature().is_ok());
        let mut moved = d.clone();
        moved.position = 41;
        assert!(matches!(
            moved.verify_signature(),
            Err(DigestError::BadSignature)
        ));
        let mut rekeyed = d.clone();
        rekeyed.public_key = public_key_hex(&SigningKey::from_bytes(&[8; 32]));
        assert!(rekeyed.verify_signature().is_err());
        assert!(String::from_utf8(d.message())
            .unwrap()
            .starts_with("pqrs-head-digest-v1\nposition:42\n"));
    }

    #[test]
    fn an_event_moved_to_another_position_is_recognised_by_its_hash() {
        let e = NewEvent {
            aggregate_type: "Pqr".into(),
            aggregate_id: "2026-000001".into(),
            sequence: 1,
            event_type: "PqrFiled".into(),
            event_version: "1".into(),
            payload: "{}".into(),
            metadata: "{}".into(),
        };
        let at = "2026-11-24T14:00:00.000000Z";
        let stored = StoredEvent {
            position: 12,
            hash: ledger::chain_hash(GENESIS_HASH, 10, &e, at),
            event: e,
            recorded_at: at.into(),
            prev_hash: GENESIS_HASH.into(),
        };
        assert_eq!(recorded_position(&stored, 12), Some(10));
        assert_eq!(recorded_position(&stored, 100), None);
    }

    #[test]
    fn csv_exports_have_a_header_and_quote_json() {
        let mut w = ExportWriter::new(ExportFormat::Csv, "2026-11-01", "2026-11-30", 1);
        let head = w.start().unwrap();
        assert_eq!(
            String::from_utf8(head).unwrap(),
            format!("{}\r\n", EXPORT_COLUMNS.join(","))
        );
        let e = StoredEvent {
            position: 1,
            event: NewEvent {
                aggregate_type: "Pqr".into(),
                aggregate_id: "2026-000001".into(),
                sequence: 1,
                event_type: "PqrFiled".into(),
                event_version: "1".into(),
                payload: "{\"a\":\"x,y\"}".into(),
                metadata: "{}".into(),
            },
            recorded_at: "t".into(),
            prev_hash: GENESIS_HASH.into(),
            hash: "h".into(),
        };
        let row = String::from_utf8(w.row(&e).unwrap()).unwrap();
        assert!(row.contains("\"{\"\"a\"\":\"\"x,y\"\"}\""), "{row}");
        let d = w.finish();
        assert_eq!(d.count, 1);
        assert_eq!(d.first_position, Some(1));
        assert_eq!(d.chain_end_hash.as_deref(), Some("h"));
        assert_eq!(d.sha256.len(), 64);
    }
}
