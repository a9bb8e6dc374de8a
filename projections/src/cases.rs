//! The case projection: the state of every PQR, folded with the aggregate's own `apply`, and
//! the row the tracking view and the work queue read.

use crate::record::EventRecord;
use chrono::{DateTime, FixedOffset, NaiveDate};
use cqrs_es::Aggregate;
use pqrs_domain::{Pqr, PqrEvent};
use serde::{Deserialize, Serialize};

/// Why an event cannot be folded.
#[derive(Debug, thiserror::Error)]
pub enum FoldError {
    /// The payload is not a `PqrEvent` this version knows.
    #[error("event at position {position} cannot be read: {message}")]
    Unreadable {
        /// Its position.
        position: i64,
        /// Why.
        message: String,
    },
}

/// Folds `Pqr` events into case states. The state is the aggregate itself (serialized in the
/// view), so the projection never re-implements a rule of the domain.
#[derive(Debug, Default, Clone, Copy)]
pub struct CaseFold;

impl CaseFold {
    /// Applies one event to the state of its case (`None`: not seen yet). Events of other
    /// aggregates are ignored (`Ok(None)` is returned for them by [`CaseFold::relevant`]).
    pub fn apply(&self, state: Option<Pqr>, event: &EventRecord) -> Result<Pqr, FoldError> {
        let parsed: PqrEvent = event.event().map_err(|e| FoldError::Unreadable {
            position: event.position,
            message: e.to_string(),
        })?;
        let mut pqr = state.unwrap_or_default();
        pqr.apply(parsed);
        Ok(pqr)
    }

    /// Whether the event belongs to this projection.
    pub fn relevant(&self, event: &EventRecord) -> bool {
        event.aggregate_type == <Pqr as Aggregate>::TYPE
    }
}

/// The row of a case in the views: what filters, sorts and alerts need, derived from the state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    /// The radicado.
    pub radicado: String,
    /// Year of the radicado.
    pub year: i32,
    /// Consecutive number within the year.
    pub number: i64,
    /// Kind (API value).
    pub kind: String,
    /// Status (API value).
    pub status: String,
    /// Channel (API value).
    pub channel: String,
    /// Subject line.
    pub subject: String,
    /// The dependency (office) responsible, once classified or assigned.
    pub dependency: Option<String>,
    /// The official assigned.
    pub official: Option<String>,
    /// Support tier, 1 to 4.
    pub tier: u8,
    /// Flagged as priority (Ley 1755 art. 20).
    pub priority: bool,
    /// The clock is stopped awaiting completion (art. 17).
    pub suspended: bool,
    /// Positive silence reached (art. 14 num. 1).
    pub positive_silence: bool,
    /// Answered, forwarded, withdrawn or voided.
    pub closed: bool,
    /// When it was received.
    pub received_at: DateTime<FixedOffset>,
    /// Effective receipt date E.
    pub effective_received_on: NaiveDate,
    /// Due date in force.
    pub due_date: NaiveDate,
    /// Policy id.
    pub policy: String,
    /// Position of the last event folded into this row.
    pub position: i64,
}

impl CaseRow {
    /// The row of a filed case; `None` before its `PqrFiled`.
    pub fn of(pqr: &Pqr, position: i64) -> Option<CaseRow> {
        let case = pqr.case()?;
        let f = &case.filing;
        Some(CaseRow {
            radicado: f.radicado.to_string(),
            year: f.radicado.year(),
            number: i64::try_from(f.radicado.number()).unwrap_or(i64::MAX),
            kind: case.kind.as_str().to_owned(),
            status: case.status.as_str().to_owned(),
            channel: f.channel.as_str().to_owned(),
            subject: f.subject.as_str().to_owned(),
            dependency: case.dependency.as_ref().map(|d| d.as_str().to_owned()),
            official: case.official.as_ref().map(|o| o.as_str().to_owned()),
            tier: case.tier.get(),
            priority: case.priority.is_some(),
            suspended: case.suspension().is_some(),
            positive_silence: case.positive_silence.is_some(),
            closed: case.is_closed(),
            received_at: f.received_at,
            effective_received_on: f.effective_received_on,
            due_date: case.due_date,
            policy: case.policy_id.clone(),
            position,
        })
    }
}
