//! An event as read back from the log.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One row of the event log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Global position (gapless, commit order).
    pub position: i64,
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
    /// The event body.
    pub payload: Value,
    /// Who, when, channel, request id.
    pub metadata: Value,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
}
