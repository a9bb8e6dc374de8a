//! Staff bearer tokens: created once by `pqrs token create`, stored as SHA-256 hashes.

use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
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

/// Creates a token for `name` with `role`; returns the plain token (shown once) and its owner.
pub async fn create(
    db: &Db,
    clock: &Clock,
    role: Role,
    name: &str,
) -> Result<(String, StaffMember), StoreError> {
    let mut secret = [0u8; 20];
    rand::rng().fill_bytes(&mut secret);
    let token = format!("{PREFIX}{}", hex::encode(secret));
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO staff_tokens (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id.clone())
    .bind(name.to_owned())
    .bind(role.as_str().to_owned())
    .bind(hash(&token))
    .bind(instant_text(clock.now()))
    .execute(&db.pool)
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

/// The staff member holding `token`, if it is a live token.
pub async fn authenticate(db: &Db, token: &str) -> Result<Option<StaffMember>, StoreError> {
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
    Ok(Some(StaffMember {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
    }))
}
