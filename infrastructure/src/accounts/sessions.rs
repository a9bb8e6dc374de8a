//! Console sessions in the store (`staff_sessions`): the cookie holds a random secret, the
//! table its SHA-256, so a copy of the database opens no session. Every `pqrs` process on the
//! store sees the same sessions, and they survive a restart. A session ends at logout, after
//! the idle timeout, after the absolute timeout, and when its account is disabled.

use crate::clock::instant_text;
use crate::db::Db;
use crate::error::StoreError;
use crate::tokens::StaffMember;
use chrono::{DateTime, Utc};
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Language;
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Ends a session not used for this long (default 30 minutes).
    pub idle: Duration,
    /// Ends a session this long after login, used or not (default 12 hours).
    pub absolute: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 60 * 60),
        }
    }
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Its owner, as the rest of the service knows staff (id = the account id).
    pub member: StaffMember,
    /// The session's CSRF token, carried by every console form.
    pub csrf: String,
    /// Whether the owner must choose a new password before anything else.
    pub must_change_password: bool,
    /// The language kept with the owner's account for the console and their e-mails (none
    /// before their first login).
    pub language: Option<Language>,
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn random_hex() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Opens a session for `account_id`; returns the secret for the cookie (shown nowhere else).
pub async fn open(
    db: &Db,
    now: DateTime<Utc>,
    account_id: &str,
    address: Option<&str>,
) -> Result<String, StoreError> {
    let secret = random_hex();
    let at = instant_text(now);
    sqlx::query(
        "INSERT INTO staff_sessions (id_hash, account_id, csrf, created_at, last_seen_at, address) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash(&secret))
    .bind(account_id.to_owned())
    .bind(random_hex())
    .bind(at.clone())
    .bind(at)
    .bind(address.map(str::to_owned))
    .execute(&db.pool)
    .await?;
    Ok(secret)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    account_id: String,
    csrf: String,
    created_at: String,
    last_seen_at: String,
    name: String,
    role: String,
    disabled_at: Option<String>,
    must_change_password: i64,
    language: Option<String>,
}

fn parse(at: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("session time `{at}`: {e}")))
}

/// The live session whose cookie holds `secret`, if any. An expired session, or one whose
/// account is disabled, is deleted and answers `None`. The last use is written at most every
/// 15 seconds (not a write per request); the idle timeout is that much coarser.
pub async fn find(
    db: &Db,
    now: DateTime<Utc>,
    secret: &str,
    timeouts: Timeouts,
) -> Result<Option<Session>, StoreError> {
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let id_hash = hash(secret);
    let row = sqlx::query_as::<_, SessionRow>(
        "SELECT s.account_id, s.csrf, s.created_at, s.last_seen_at, a.name, a.role, a.disabled_at, \
         CAST(a.must_change_password AS bigint) AS must_change_password, a.language \
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.id_hash = $1",
    )
    .bind(id_hash.clone())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let idle = chrono::Duration::from_std(timeouts.idle).unwrap_or(chrono::Duration::MAX);
    let absolute = chrono::Duration::from_std(timeouts.absolute).unwrap_or(chrono::Duration::MAX);
    let last_seen = parse(&row.last_seen_at)?;
    let expired = row.disabled_at.is_some()
        || now - last_seen > idle
        || now - parse(&row.created_at)? > absolute;
    if expired {
        sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&db.pool)
            .await?;
        return Ok(None);
    }
    if now - last_seen > chrono::Duration::seconds(15) {
        sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(instant_text(now))
            .bind(id_hash)
            .execute(&db.pool)
            .await?;
    }
    let role =
        Role::parse(&row.role).ok_or_else(|| StoreError::Corrupt(format!("role {}", row.role)))?;
    Ok(Some(Session {
        member: StaffMember {
            id: row.account_id,
            name: row.name,
            role,
        },
        csrf: row.csrf,
        must_change_password: row.must_change_password != 0,
        language: row.language.as_deref().and_then(Language::parse),
    }))
}

/// Ends the session whose cookie holds `secret` (logout).
pub async fn close(db: &Db, secret: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
        .bind(hash(secret))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of `account_id` (disabled, password reset).
pub async fn close_all(db: &Db, account_id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
        .bind(account_id.to_owned())
        .execute(&db.pool)
        .await?;
    Ok(())
}
