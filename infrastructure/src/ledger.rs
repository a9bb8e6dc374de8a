//! The append path of the event log: a global, gapless position and a hash chain.
//!
//! Every append transaction first locks the single `ledger_head` row (an `UPDATE`, which is a
//! row lock on PostgreSQL and the write lock on SQLite; [`lock_head`], or the filing desk's
//! statement that also moves the radicado counter). Positions are handed out under that
//! lock and the lock is held until commit, so position `n + 1` can only be written after the
//! transaction that wrote `n` committed: readers never see a later position before an earlier
//! one, and the order of positions is the commit order. The same lock orders the hash chain:
//! each event's hash covers the previous event's hash and the canonical bytes of its own row.
//!
//! This append writes events and the rows its caller hands it (`also`) and knows nothing of
//! what they mean: which messages a case's events owe the petitioner is decided by
//! [`crate::journal`], the append commands use, which hands them over as such rows.

use crate::db::Placeholders;
pub use crate::event_rows::{NewEvent, Rows, StoredEvent};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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
/// hash. Taken before any event row of the transaction is written.
pub async fn lock_head(conn: &mut AnyConnection) -> Result<(i64, String), sqlx::Error> {
    let row = sqlx::query(
        "UPDATE ledger_head SET position = position WHERE id = 1 RETURNING position, hash",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

const PER_ROW: usize = 11;
/// Rows per INSERT statement (SQLite allows 32 766 parameters, PostgreSQL 65 535).
pub const CHUNK: usize = 1_000;

/// Builds `INSERT INTO table (cols) VALUES ($1, …), (…)` for `rows` rows of `per_row`
/// parameters, in the placeholder style of the backend.
pub fn multi_row_insert(
    style: Placeholders,
    table_and_columns: &str,
    rows: usize,
    per_row: usize,
) -> String {
    insert_from(style, table_and_columns, rows, per_row, 1)
}

/// [`multi_row_insert`] with its parameters numbered from `first` on.
fn insert_from(
    style: Placeholders,
    table_and_columns: &str,
    rows: usize,
    per_row: usize,
    first: usize,
) -> String {
    format!(
        "INSERT INTO {table_and_columns} VALUES {}",
        values_from(style, rows, per_row, first)
    )
}

/// `($first, …), (…)`: `rows` rows of `per_row` parameters.
fn values_from(style: Placeholders, rows: usize, per_row: usize, first: usize) -> String {
    let mut sql = String::new();
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        sql.push_str(&style.list(first + r * per_row, per_row));
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
    append_with(conn, events, recorded_at, Vec::new()).await
}

/// [`append`], also inserting `also` (rows of other tables that belong with these events, such
/// as a filing's access code) in the same transaction. On PostgreSQL the last chunk of events,
/// `also`, the head's move and the notification go as ONE statement (data-modifying `WITH`
/// clauses, each executed exactly once): the head stays locked until commit either way, so
/// every round trip saved here shortens the time the next append waits for it.
pub async fn append_with(
    conn: &mut AnyConnection,
    events: Vec<NewEvent>,
    recorded_at: &str,
    also: Vec<Rows>,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let head = lock_head(conn).await?;
    append_locked(conn, head, events, recorded_at, also, Before::default(), "").await
}

/// Statements an append on SQLite runs first, in the same query as its own (see
/// [`append_locked`]): the filing desk's `BEGIN` and the checks of what it expects the counter
/// and the head to be.
#[derive(Debug, Default)]
pub struct Before {
    /// The statements, each ending in `; `.
    pub sql: String,
    /// Their `?` parameters, in order, bound before the append's own.
    pub params: Vec<Param>,
}

/// A parameter of [`Before`].
#[derive(Debug, Clone)]
pub enum Param {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
}

/// [`append_with`] in a transaction that has already locked the head, as [`lock_head`] does
/// (the filing desk locks it in the statement that moves the radicado counter): `head` is the
/// position and hash it returned.
///
/// `then` is SQL run after the append (empty for none): on SQLite in the same query as the
/// append's last statements, so a caller that opened its transaction with a plain `BEGIN`
/// can pass `COMMIT` and save a hand-off to the connection's thread (the filing desk); on
/// PostgreSQL as a statement of its own. If the append fails, `then` does not run.
///
/// `before` (SQLite only, at most [`CHUNK`] events) runs first in that same query: the desk
/// opens its transaction and checks its expected head there when it already knows the head
/// (see `radicacion::worker`). If a statement of `before` fails, nothing after it runs.
pub async fn append_locked(
    conn: &mut AnyConnection,
    head: (i64, String),
    events: Vec<NewEvent>,
    recorded_at: &str,
    mut also: Vec<Rows>,
    before: Before,
    then: &str,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    // Personal fields are sealed here, where events become rows (issue 16, docs/privacy.md):
    // what is stored and hashed is the ciphertext.
    let (events, key_rows) = crate::privacy::seal_events(conn, events, recorded_at).await?;
    also.extend(key_rows);
    append_sealed(conn, head, events, recorded_at, also, before, then).await
}

/// [`append_locked`] for events whose personal fields are sealed already, with their data
/// keys' rows in `also`: the filing desk seals its new cases itself, from the payloads it
/// holds as JSON values ([`crate::privacy::seal_new_cases`], called by
/// [`crate::journal::append_new_cases`]). Any other event goes through [`append_locked`].
pub async fn append_sealed(
    conn: &mut AnyConnection,
    head: (i64, String),
    events: Vec<NewEvent>,
    recorded_at: &str,
    also: Vec<Rows>,
    before: Before,
    then: &str,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    if !before.sql.is_empty() && (conn.backend_name() == "PostgreSQL" || events.len() > CHUNK) {
        return Err(sqlx::Error::Protocol(
            "statements before an append are for SQLite and one chunk of events".into(),
        ));
    }
    let (mut position, mut hash) = head;
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
    let style = Placeholders::of_conn(conn);
    let postgres = conn.backend_name() == "PostgreSQL";
    let mut also: Vec<Rows> = also
        .into_iter()
        .filter(|rows| !rows.values.is_empty())
        .collect();
    let chunks: Vec<&[StoredEvent]> = stored.chunks(CHUNK).collect();
    let (last, earlier) = match chunks.split_last() {
        Some((last, earlier)) => (Some(*last), earlier),
        None => (None, &[][..]),
    };
    for chunk in earlier {
        let sql = insert_from(style, EVENTS, chunk.len(), PER_ROW, 1);
        bind_events(sqlx::query(&sql), chunk)
            .execute(&mut *conn)
            .await?;
    }
    let params = last.map_or(0, |chunk| chunk.len() * PER_ROW)
        + also.iter().map(|rows| rows.values.len()).sum::<usize>()
        + 3;
    // Written after the events: on SQLite in the same query, on PostgreSQL in statements of
    // their own when there are too many parameters for one.
    let apart = if postgres && params <= PG_MAX_PARAMS {
        Vec::new()
    } else {
        std::mem::take(&mut also)
    };
    if postgres {
        // Delivered at commit (and only if it commits) to every `LISTEN pqrs_events`: the
        // projection runners of all processes wake up. Other backends poll.
        let mut clauses = Vec::with_capacity(also.len() + 2);
        let mut next = 1;
        if let Some(chunk) = last {
            clauses.push(format!(
                "e AS ({} RETURNING 1)",
                insert_from(style, EVENTS, chunk.len(), PER_ROW, next)
            ));
            next += chunk.len() * PER_ROW;
        }
        for (i, rows) in also.iter().enumerate() {
            let values = values_from(style, rows.values.len() / rows.per_row, rows.per_row, next);
            // `WITH` clauses run in no set order: this one waits for every event row (a
            // one-time filter counting `e`), so a duplicate event is the error reported, as
            // when the statements ran one after the other (the desk reads the counter fault
            // from it).
            let after_events = if last.is_some() {
                " WHERE (SELECT count(*) FROM e) > 0"
            } else {
                ""
            };
            clauses.push(format!(
                "a{i} AS (INSERT INTO {} SELECT {} FROM (VALUES {values}) AS v{after_events})",
                rows.table_and_columns, rows.select
            ));
            next += rows.values.len();
        }
        clauses.push(format!(
            "h AS (UPDATE ledger_head SET position = ${}, hash = ${} WHERE id = 1)",
            next,
            next + 1
        ));
        let sql = format!(
            "WITH {} SELECT pg_notify('pqrs_events', ${})",
            clauses.join(", "),
            next + 2
        );
        let mut q = bind_events(sqlx::query(&sql), last.unwrap_or_default());
        for rows in &also {
            for v in &rows.values {
                q = q.bind(v.clone());
            }
        }
        q.bind(position)
            .bind(hash)
            .bind(position.to_string())
            .execute(&mut *conn)
            .await?;
    } else {
        // One hand-off to SQLite's thread for the last chunk of events, the head's move and
        // `also`: the statements of one string run in order, `?` bound in order across them.
        let mut sql = before.sql;
        if let Some(chunk) = last {
            sql.push_str(&insert_from(style, EVENTS, chunk.len(), PER_ROW, 1));
            sql.push_str("; ");
        }
        sql.push_str("UPDATE ledger_head SET position = ?, hash = ? WHERE id = 1");
        for rows in &apart {
            sql.push_str("; ");
            sql.push_str(&insert_from(
                style,
                rows.table_and_columns,
                rows.values.len() / rows.per_row,
                rows.per_row,
                1,
            ));
        }
        if !then.is_empty() {
            sql.push_str("; ");
            sql.push_str(then);
        }
        let mut q = sqlx::query(&sql);
        for p in before.params {
            q = match p {
                Param::Int(i) => q.bind(i),
                Param::Text(t) => q.bind(t),
            };
        }
        let mut q = bind_events(q, last.unwrap_or_default())
            .bind(position)
            .bind(hash);
        for rows in &apart {
            for v in &rows.values {
                q = q.bind(v.clone());
            }
        }
        q.execute(&mut *conn).await?;
        return Ok(stored);
    }
    for rows in &apart {
        insert_rows(conn, rows).await?;
    }
    if !then.is_empty() {
        sqlx::query(then).execute(&mut *conn).await?;
    }
    Ok(stored)
}

/// Most parameters of one PostgreSQL statement.
const PG_MAX_PARAMS: usize = 65_535;

/// Inserts `rows` in one statement of their own (nothing when there are none).
pub async fn insert_rows(conn: &mut AnyConnection, rows: &Rows) -> Result<(), sqlx::Error> {
    if rows.values.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO {} SELECT {} FROM (VALUES {}) AS v",
        rows.table_and_columns,
        rows.select,
        values_from(
            Placeholders::of_conn(conn),
            rows.values.len() / rows.per_row,
            rows.per_row,
            1
        )
    );
    let mut q = sqlx::query(&sql);
    for v in &rows.values {
        q = q.bind(v.clone());
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

const EVENTS: &str = "events (position, aggregate_type, aggregate_id, sequence, event_type, \
                      event_version, payload, metadata, recorded_at, prev_hash, hash)";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds the columns of `rows`, row after row, in the order of [`EVENTS`].
fn bind_events<'q>(mut q: AnyQuery<'q>, rows: &[StoredEvent]) -> AnyQuery<'q> {
    for s in rows {
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
    q
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
