//! What the append path writes, as plain data: an event to append ([`NewEvent`]), an event as
//! stored ([`StoredEvent`]) and rows of other tables that go in the same transaction
//! ([`Rows`]). They live apart from [`crate::ledger`] so that the code that prepares rows for
//! the append (sealing personal fields, access codes) needs nothing of the append itself.

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
    /// Hash of the previous event ([`crate::ledger::GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// Rows of another table that an append writes in its transaction (see [`crate::ledger::append_with`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// `table (column, …)`.
    pub table_and_columns: &'static str,
    /// Values per row.
    pub per_row: usize,
    /// The values, row after row, as text.
    pub values: Vec<String>,
    /// What PostgreSQL inserts from the rows, read as `(VALUES …) AS v`: `*` when every column
    /// is text, else a list that casts, e.g. `column1, CAST(column2 AS BIGINT)` (parameters
    /// are bound as text; SQLite converts by the column's affinity).
    pub select: &'static str,
}
