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

/// `value` as the compact JSON text that is stored and hashed: the same bytes as its `Display`
/// (`value.to_string()`), written straight into a buffer. `Display` hands the serializer a
/// `fmt::Formatter` and gets each token through it, one dynamic call at a time, into a string
/// grown from empty: 2 % of the server's CPU while filing (docs/performance.md, "Run 23").
/// Serializing a `Value` does not fail (its keys are strings); were it ever to, the text is
/// `Display`'s, so the bytes are the same either way.
pub fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| value.to_string())
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

#[cfg(test)]
mod tests {
    use super::json_text;

    /// The text stored and hashed must not change with the way it is printed: a payload
    /// written before this function (by `Display`) hashes the same when written again.
    #[test]
    fn json_text_is_the_same_bytes_as_display() {
        let value = serde_json::json!({
            "PqrFiled": {
                "subject": "Cobro doble \"urgente\"\n\tcon tilde: Pérez, ñandú, 日本, \u{1F600}",
                "radicado": "2026-000001",
                "term": {"days": 15, "unit": "business"},
                "amount": -12.5,
                "big": 18_446_744_073_709_551_615_u64,
                "petitioner": null,
                "flags": [true, false, {"b": 1, "a": [0.1, 1e300]}],
                "control": "\u{0}\u{1f}\u{7f}\\/"
            }
        });
        assert_eq!(json_text(&value), value.to_string());
        // Compact and with sorted keys, as the chain has always hashed it.
        assert!(json_text(&value).starts_with(r#"{"PqrFiled":{"amount":-12.5,"big":"#));
    }
}
