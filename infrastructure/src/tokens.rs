//! Staff bearer tokens for machines: created by `pqrs token create` or an admin in the console,
//! shown once, stored as SHA-256 hashes; listable and revocable, each with its creator and its
//! last use. People sign in to the console with accounts ([`crate::accounts`]).

use crate::accounts::log::{self, Entry, Kind};
use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use pqrs_domain::actor::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// A staff member authenticated by a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    /// Token id (stable, safe to log and record in events).
    pub id: String,
    /// Display name given at creation.
    pub name: String,
    /// The role the token grants.
    pub role: Role,
}

/// Tokens are `pqrs_` followed by 40 hex characters (160 random bits).
const PREFIX: &str = "pqrs_";

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token for `name` with `role`, by `created_by` (an account id, or `cli:<os user>`);
/// returns the plain token (shown once) and its owner. Logged as `token_created`.
pub async fn create(
    db: &Db,
    clock: &Clock,
    role: Role,
    name: &str,
    created_by: &str,
) -> Result<(String, StaffMember), StoreError> {
    let mut secret = [0u8; 20];
    rand::rng().fill_bytes(&mut secret);
    let token = format!("{PREFIX}{}", hex::encode(secret));
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO staff_tokens (id, name, role, token_hash, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.clone())
    .bind(name.to_owned())
    .bind(role.as_str().to_owned())
    .bind(hash(&token))
    .bind(instant_text(clock.now()))
    .bind(created_by.to_owned())
    .execute(&db.pool)
    .await?;
    log::record(
        db,
        clock.now(),
        Kind::TokenCreated,
        Entry {
            actor: Some(created_by),
            detail: Some(&format!("{id} ({role})")),
            ..Entry::default()
        },
    )
    .await?;
    Ok((
        token,
        StaffMember {
            id,
            name: name.to_owned(),
            role,
        },
    ))
}

/// The staff member holding `token`, if it is a live token. Its `last_used_at` is set to `now`
/// when it is older than a minute (at most a write a minute per token, not one per request).
pub async fn authenticate(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<StaffMember>, StoreError> {
    if !token.starts_with(PREFIX) || token.len() != PREFIX.len() + 40 {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT id, name, role FROM staff_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(hash(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role: String = row.try_get(2)?;
    let id: String = row.try_get(0)?;
    sqlx::query(
        "UPDATE staff_tokens SET last_used_at = $1 WHERE id = $2 \
         AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(instant_text(now))
    .bind(id)
    .bind(instant_text(now - chrono::Duration::minutes(1)))
    .execute(&db.pool)
    .await?;
    Ok(Some(StaffMember {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
    }))
}

/// A token as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct TokenInfo {
    /// Token id.
    pub id: String,
    /// Who holds it.
    pub name: String,
    /// The role it grants.
    pub role: String,
    /// Who created it (an account id, `cli:<os user>`; empty for tokens made before this
    /// was recorded).
    pub created_by: Option<String>,
    /// When it was created.
    pub created_at: String,
    /// When it was last used (to the minute), if ever.
    pub last_used_at: Option<String>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// Every token, oldest first.
pub async fn list(db: &Db) -> Result<Vec<TokenInfo>, StoreError> {
    Ok(sqlx::query_as::<_, TokenInfo>(
        "SELECT id, name, role, created_by, created_at, last_used_at, revoked_at \
         FROM staff_tokens ORDER BY created_at, id",
    )
    .fetch_all(&db.pool)
    .await?)
}

/// Revokes token `id` by `actor`: from now on it authenticates nobody. `false` when no live
/// token has that id. Logged as `token_revoked`.
pub async fn revoke(
    db: &Db,
    now: DateTime<Utc>,
    id: &str,
    actor: &str,
    address: Option<&str>,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE staff_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(instant_text(now))
            .bind(id.to_owned())
            .execute(&db.pool)
            .await?
            .rows_affected()
            > 0;
    if done {
        log::record(
            db,
            now,
            Kind::TokenRevoked,
            Entry {
                actor: Some(actor),
                address,
                detail: Some(id),
                ..Entry::default()
            },
        )
        .await?;
    }
    Ok(done)
}
