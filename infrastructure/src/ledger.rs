//! The append path of the event log: a global, gapless position and a hash chain.
//!
//! Every append transaction first locks the single `ledger_head` row (an `UPDATE`, which is a
//! row lock on PostgreSQL and the write lock on SQLite). Positions are handed out under that
//! lock and the lock is held until commit, so position `n + 1` can only be written after the
//! transaction that wrote `n` committed: readers never see a later position before an earlier
//! one, and the order of positions is the commit order. The same lock orders the hash chain:
//! each event's hash covers the previous event's hash and the canonical bytes of its own row.

use crate::db::Placeholders;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event to append, already serialized. `payload` and `metadata` are canonical JSON text
/// (serde_json with sorted keys) and are stored and hashed byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// e.g. `Pqr`.
    pub aggregate_type: String,
    /// e.g. the radicado.
    pub aggregate_id: String,
    /// 1-based sequence within the aggregate.
    pub sequence: i64,
    /// e.g. `PqrFiled`.
    pub event_type: String,
    /// e.g. `1`.
    pub event_version: String,
    /// The event body as JSON text.
    pub payload: String,
    /// Who, when, channel, request id — as JSON text.
    pub metadata: String,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Global position, 1-based, gapless, in commit order.
    pub position: i64,
    /// The event.
    pub event: NewEvent,
    /// When it was recorded (RFC 3339, UTC, microseconds).
    pub recorded_at: String,
    /// Hash of the previous event ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// The hash of an event: SHA-256 over a version tag, the previous hash and every stored field,
/// each length-prefixed so no two different rows share bytes.
pub fn chain_hash(prev_hash: &str, position: i64, e: &NewEvent, recorded_at: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"pqrs-ledger-v1");
    let position = position.to_string();
    let sequence = e.sequence.to_string();
    for field in [
        prev_hash,
        &position,
        &e.aggregate_type,
        &e.aggregate_id,
        &sequence,
        &e.event_type,
        &e.event_version,
        &e.payload,
        &e.metadata,
        recorded_at,
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Locks the head of the ledger for the rest of the transaction and returns its position and
/// hash. Must be the first write of every append transaction.
pub async fn lock_head(conn: &mut AnyConnection) -> Result<(i64, String), sqlx::Error> {
    let row = sqlx::query(
        "UPDATE ledger_head SET position = position WHERE id = 1 RETURNING position, hash",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

const COLUMNS: &str = "position, aggregate_type, aggregate_id, sequence, event_type, \
                       event_version, payload, metadata, recorded_at, prev_hash, hash";
const PER_ROW: usize = 11;
/// Rows per INSERT statement (SQLite allows 32 766 parameters, PostgreSQL 65 535).
const CHUNK: usize = 1_000;

/// Builds `INSERT INTO table (cols) VALUES ($1, …), (…)` for `rows` rows of `per_row`
/// parameters, in the placeholder style of the backend.
pub fn multi_row_insert(
    style: Placeholders,
    table_and_columns: &str,
    rows: usize,
    per_row: usize,
) -> String {
    let mut sql = format!("INSERT INTO {table_and_columns} VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        sql.push_str(&style.list(r * per_row + 1, per_row));
        sql.push(')');
    }
    sql
}

/// Appends `events` in order inside the caller's transaction: locks the head, assigns
/// positions, chains hashes, inserts the rows and moves the head. A duplicate
/// `(aggregate, sequence)` fails with the `events_stream_sequence` unique violation.
pub async fn append(
    conn: &mut AnyConnection,
    events: Vec<NewEvent>,
    recorded_at: &str,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let (mut position, mut hash) = lock_head(conn).await?;
    let mut stored = Vec::with_capacity(events.len());
    for event in events {
        position += 1;
        let next = chain_hash(&hash, position, &event, recorded_at);
        stored.push(StoredEvent {
            position,
            event,
            recorded_at: recorded_at.to_owned(),
            prev_hash: std::mem::replace(&mut hash, next.clone()),
            hash: next,
        });
    }
    for chunk in stored.chunks(CHUNK) {
        let sql = multi_row_insert(
            Placeholders::of_conn(conn),
            &format!("events ({COLUMNS})"),
            chunk.len(),
            PER_ROW,
        );
        let mut q = sqlx::query(&sql);
        for s in chunk {
            q = q
                .bind(s.position)
                .bind(s.event.aggregate_type.clone())
                .bind(s.event.aggregate_id.clone())
                .bind(s.event.sequence)
                .bind(s.event.event_type.clone())
                .bind(s.event.event_version.clone())
                .bind(s.event.payload.clone())
                .bind(s.event.metadata.clone())
                .bind(s.recorded_at.clone())
                .bind(s.prev_hash.clone())
                .bind(s.hash.clone());
        }
        q.execute(&mut *conn).await?;
    }
    sqlx::query("UPDATE ledger_head SET position = $1, hash = $2 WHERE id = 1")
        .bind(position)
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    if conn.backend_name() == "PostgreSQL" {
        // Delivered at commit (and only if it commits) to every `LISTEN pqrs_events`: the
        // projection runners of all processes wake up. Other backends poll.
        sqlx::query("SELECT pg_notify('pqrs_events', $1)")
            .bind(position.to_string())
            .execute(&mut *conn)
            .await?;
    }
    // The e-mail each new event owes the petitioner, in this same transaction (issue 15).
    crate::outbox::enqueue(conn, &stored).await?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(payload: &str) -> NewEvent {
        NewEvent {
            aggregate_type: "Pqr".into(),
            aggregate_id: "2026-000001".into(),
            sequence: 1,
            event_type: "PqrFiled".into(),
            event_version: "1".into(),
            payload: payload.into(),
            metadata: "{}".into(),
        }
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_hash() {
        let t = "2026-11-24T14:00:00.000000Z";
        let base = chain_hash(GENESIS_HASH, 1, &event("{}"), t);
        assert_eq!(base.len(), 64);
        assert_ne!(base, chain_hash(GENESIS_HASH, 2, &event("{}"), t));
        assert_ne!(base, chain_hash(GENESIS_HASH, 1, &event("{\"a\":1}"), t));
        assert_ne!(
            base,
            chain_hash(GENESIS_HASH, 1, &event("{}"), "2026-11-24T14:00:00.000001Z")
        );
        assert_ne!(base, chain_hash(&base, 1, &event("{}"), t));
    }

    #[test]
    fn multi_row_inserts_number_parameters_across_rows() {
        assert_eq!(
            multi_row_insert(Placeholders::Numbered, "t (a, b)", 2, 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            multi_row_insert(Placeholders::Anonymous, "t (a, b)", 2, 2),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }
}
