//! The audit trail (issue 6): reading the log in position order, verifying the hash chain,
//! signed digests of the head, radicado completeness and exports.
//!
//! Everything here reads the log in pages of [`PAGE`] rows by keyset (`position > last`), so
//! memory stays flat however long the log is. The chain itself is written by
//! [`crate::ledger`]; see docs/audit.md for the exact bytes an outside auditor recomputes.

use crate::db::{Backend, Db};
use crate::error::StoreError;
use crate::ledger::StoredEvent;
use crate::stored::{stored, COLUMNS};
use futures_util::TryStreamExt;
use sqlx::Row;

/// Rows read per page when walking the log.
pub const PAGE: i64 = 2_000;

/// How far around a broken position verification looks to tell a move from an edit.
const WINDOW: i64 = 32;

/// The event type of a filing (issue 2).
pub const PQR_FILED: &str = "PqrFiled";
/// The event type of a voided radicado (still accounted for: filed, then voided).
pub const RADICADO_VOIDED: &str = "RadicadoVoided";

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
/// Positions are gapless and only committed ones are visible (see [`crate::ledger`]), so a
/// cursor (`after` = the last position seen) never skips an event, and a full page never
/// changes.
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

mod digest;
mod export;
mod radicados;
#[cfg(test)]
mod tests;
mod verify;

pub use digest::*;
pub use export::*;
pub use radicados::*;
pub use verify::*;
