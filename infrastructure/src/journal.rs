//! The append that commands use: the ledger's append ([`crate::ledger`]) and, in the same
//! transaction, the messages the new events owe ([`crate::outbox::enqueue`], issue 15).
//!
//! It sits above both so that neither imports the other: the ledger only chains, seals and
//! writes events; the outbox queues messages and its deliverer records its own events
//! (`PetitionerNotified`, `NotificationFailed`, which owe no message) with the ledger's bare
//! append. Appends of events that can owe no message (the privacy requests' own streams)
//! may use the ledger directly too; everything that appends a case's events goes through
//! here, so no event loses its message.

use crate::ledger::{self, Before, NewEvent, Rows, StoredEvent};
use crate::outbox;
use pqrs_domain::pqr::PqrFiled;
use serde_json::Value;
use sqlx::AnyConnection;

/// [`ledger::append`], then the messages owed, in the caller's transaction.
pub async fn append(
    conn: &mut AnyConnection,
    events: Vec<NewEvent>,
    recorded_at: &str,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    append_with(conn, events, recorded_at, Vec::new()).await
}

/// [`ledger::append_with`], then the messages owed, in the caller's transaction.
pub async fn append_with(
    conn: &mut AnyConnection,
    events: Vec<NewEvent>,
    recorded_at: &str,
    also: Vec<Rows>,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let head = ledger::lock_head(conn).await?;
    append_locked(conn, head, events, recorded_at, also, Before::default(), "").await
}

/// [`ledger::append_locked`] with the messages owed, in the caller's transaction; `before`
/// and `then` as there (e.g. the SQLite desk's `BEGIN` and `COMMIT`).
pub async fn append_locked(
    conn: &mut AnyConnection,
    head: (i64, String),
    events: Vec<NewEvent>,
    recorded_at: &str,
    mut also: Vec<Rows>,
    before: Before,
    then: &str,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    // The ledger seals personal fields (issue 16, docs/privacy.md); the outbox reads the
    // events as written, so before the append. The petitioner's messages are inserted by the
    // append itself, with the events.
    also.push(outbox::enqueue(conn, &events, recorded_at).await?);
    ledger::append_locked(conn, head, events, recorded_at, also, before, then).await
}

/// A new case's first event as the filing desk holds it: the filing itself, its row, and the
/// row's payload as a JSON value in clear (the row's `payload` text is written from it here).
#[derive(Debug)]
pub struct NewCase<'a> {
    /// The `PqrFiled` event.
    pub filing: &'a PqrFiled,
    /// Its row, as [`crate::event_store`] would write it; `payload` is filled by the append.
    pub row: NewEvent,
    /// The payload: the event as stored (externally tagged), in clear.
    pub payload: Value,
}

/// [`append_locked`] for the first events of new cases (the filing desk's batches), each
/// serialized once: the acknowledgements owed are read from the filings themselves
/// ([`outbox::enqueue_filings`]), the personal fields are sealed in the JSON values
/// ([`crate::privacy::seal_new_cases`]), and only then is each payload printed as the text
/// that is stored and hashed. The same rows, messages and data keys as [`append_locked`]
/// writes for the same events.
pub async fn append_new_cases(
    conn: &mut AnyConnection,
    head: (i64, String),
    mut cases: Vec<NewCase<'_>>,
    recorded_at: &str,
    mut also: Vec<Rows>,
    before: Before,
    then: &str,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    also.push(outbox::enqueue_filings(
        cases.iter().map(|c| c.filing),
        recorded_at,
    ));
    also.push(crate::privacy::seal_new_cases(
        cases
            .iter_mut()
            .map(|c| (c.row.aggregate_id.as_str(), &mut c.payload)),
        recorded_at,
    ));
    let events = cases
        .into_iter()
        .map(|c| NewEvent {
            payload: crate::event_rows::json_text(&c.payload),
            ..c.row
        })
        .collect();
    ledger::append_sealed(conn, head, events, recorded_at, also, before, then).await
}
