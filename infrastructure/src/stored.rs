//! The one way the `events` table is read back.
//!
//! Every reader selects [`COLUMNS`] and maps the row with [`stored`] into a [`StoredEvent`]:
//! the row as stored, byte for byte, which the audit trail verifies and shows. Readers that
//! need the event itself (the projection runner, the aggregates' event repository) turn it
//! into an [`EventRecord`] or a cqrs-es `SerializedEvent` through the one decoder,
//! [`pqrs_projections::decode`], where upcasters plug in.

use crate::error::StoreError;
use crate::ledger::{NewEvent, StoredEvent};
use crate::privacy::keys::Keys;
use cqrs_es::persist::SerializedEvent;
use pqrs_projections::record::{upcast, UPCASTERS};
use pqrs_projections::EventRecord;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The columns of `events`, in the order [`stored`] reads them.
pub const COLUMNS: &str = "position, aggregate_type, aggregate_id, sequence, event_type, \
                           event_version, payload, metadata, recorded_at, prev_hash, hash";

/// A row of `SELECT {COLUMNS} FROM events …` as stored.
pub fn stored(row: &AnyRow) -> Result<StoredEvent, sqlx::Error> {
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

impl StoredEvent {
    /// The event as this code reads it: personal fields opened with the case's key in `keys`
    /// ([`crate::privacy::open_payload`]: "dato suprimido" once the key is destroyed), payload
    /// decoded and upcast, metadata parsed.
    pub fn decode(self, keys: &Keys) -> Result<EventRecord, StoreError> {
        let corrupt = |e: &dyn std::fmt::Display| {
            StoreError::Corrupt(format!("event at position {}: {e}", self.position))
        };
        let mut payload: serde_json::Value =
            serde_json::from_str(&self.event.payload).map_err(|e| corrupt(&e))?;
        if crate::privacy::open_payload(
            keys,
            &self.event.aggregate_id,
            self.event.sequence,
            &self.event.event_type,
            &mut payload,
        ) {
            // No personal data here: where, not what.
            tracing::error!(
                position = self.position,
                "a sealed personal field does not open: its bytes were changed or moved \
                 (run `pqrs audit verify`)"
            );
        }
        let decoded = upcast(
            UPCASTERS,
            &self.event.event_type,
            &self.event.event_version,
            payload,
        );
        let metadata = serde_json::from_str(&self.event.metadata).map_err(|e| corrupt(&e))?;
        Ok(EventRecord {
            position: self.position,
            aggregate_type: self.event.aggregate_type,
            aggregate_id: self.event.aggregate_id,
            sequence: self.event.sequence,
            event_type: self.event.event_type,
            event_version: decoded.version,
            payload: decoded.payload,
            metadata,
            recorded_at: self.recorded_at,
        })
    }
}

/// The event as cqrs-es reads it (opened, decoded and upcast, like every reader).
pub fn serialized(e: StoredEvent, keys: &Keys) -> Result<SerializedEvent, StoreError> {
    let e = e.decode(keys)?;
    let sequence = usize::try_from(e.sequence)
        .map_err(|err| StoreError::Corrupt(format!("event at position {}: {err}", e.position)))?;
    Ok(SerializedEvent::new(
        e.aggregate_id,
        sequence,
        e.aggregate_type,
        e.event_type,
        e.event_version,
        e.payload,
        e.metadata,
    ))
}
