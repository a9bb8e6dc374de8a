//! The log as a report reads it: folded whole up to a position ([`Snapshot`]), or streamed
//! case by case ([`CaseByCase`]) with the entity's calendar and the instant of the position
//! read apart.

use super::ReportError;
use crate::cases::{CaseFold, FoldError};
use crate::record::EventRecord;
use chrono::{DateTime, FixedOffset};
use cqrs_es::Aggregate;
use pqrs_domain::calendar::ClosureDay;
use pqrs_domain::closures::{CalendarEvent, EntityCalendar};
use pqrs_domain::{Calendar, Pqr};
use std::collections::BTreeMap;

/// The log folded up to a position: every case and the entity's closure days as they stood
/// right after that position, and the instant of that position.
#[derive(Debug, Clone)]
pub struct Snapshot {
    position: i64,
    cases: BTreeMap<String, Pqr>,
    entity: EntityCalendar,
    as_of: Option<DateTime<FixedOffset>>,
    last_seen: i64,
}

impl Snapshot {
    /// An empty snapshot that will hold the log up to `position` (0: the empty log).
    pub fn new(position: i64) -> Snapshot {
        Snapshot {
            position,
            cases: BTreeMap::new(),
            entity: EntityCalendar::default(),
            as_of: None,
            last_seen: 0,
        }
    }

    /// Folds one event. Events must come in position order; those after the snapshot's
    /// position are ignored, so a reader may hand over whole pages.
    pub fn push(&mut self, event: &EventRecord) -> Result<(), ReportError> {
        if event.position > self.position {
            return Ok(());
        }
        self.last_seen = event.position;
        if event.position == self.position {
            self.as_of = Some(
                DateTime::parse_from_rfc3339(&event.recorded_at).map_err(|_| {
                    ReportError::BadInstant {
                        position: event.position,
                        value: event.recorded_at.clone(),
                    }
                })?,
            );
        }
        let fold = CaseFold;
        if fold.relevant(event) {
            let state = self.cases.remove(&event.aggregate_id);
            let pqr = fold.apply(state, event)?;
            self.cases.insert(event.aggregate_id.clone(), pqr);
        } else if event.aggregate_type == <EntityCalendar as Aggregate>::TYPE {
            let parsed: CalendarEvent =
                serde_json::from_value(event.payload.clone()).map_err(|e| {
                    FoldError::Unreadable {
                        position: event.position,
                        message: e.to_string(),
                    }
                })?;
            self.entity.apply(parsed);
        }
        Ok(())
    }

    /// Checks that every event up to the position was folded (the log is gapless).
    pub fn finish(self) -> Result<Snapshot, ReportError> {
        if self.last_seen != self.position {
            return Err(ReportError::PositionNotInLog {
                position: self.position,
                head: self.last_seen,
            });
        }
        Ok(self)
    }

    /// The position.
    pub fn position(&self) -> i64 {
        self.position
    }

    /// When the event at the position was recorded: the "now" of the report. `None` for the
    /// empty log.
    pub fn as_of(&self) -> Option<DateTime<FixedOffset>> {
        self.as_of
    }

    /// The closure days declared up to the position (docs/legal.md §1).
    pub fn closures(&self) -> &[ClosureDay] {
        self.entity.closures()
    }

    /// The calendar in force at the position: the national holidays plus the closure days
    /// declared up to it. What the infrastructure passes to [`compute`](super::compute).
    pub fn calendar(&self) -> Calendar {
        self.entity.calendar()
    }

    /// The cases, by radicado.
    pub fn cases(&self) -> impl Iterator<Item = &Pqr> {
        self.cases.values()
    }
}

/// Event types whose effect on a case no report reads (the internal notes and the support
/// tier): a reader that streams cases may leave them out. The notes are most of the events of
/// a busy entity; the tests check the figures are the same with and without them.
pub const IGNORED_EVENT_TYPES: [&str; 2] = ["InternalNoteAdded", "PqrEscalated"];

/// Folds the events of one case, one at a time, for readers that stream the log case by
/// case (all the events of a case, in sequence order, then the next case): what
/// [`Snapshot::push`] does for one case, without holding the others.
#[derive(Debug, Default)]
pub struct CaseByCase {
    current: Option<(String, Pqr)>,
}

impl CaseByCase {
    /// A fold with no case yet.
    pub fn new() -> CaseByCase {
        CaseByCase::default()
    }

    /// Applies the event at `position` of case `aggregate_id` (its `payload`, the stored JSON
    /// text of a `PqrEvent`). When `aggregate_id` starts a new case, the previous case is
    /// finished and returned.
    pub fn push(
        &mut self,
        aggregate_id: &str,
        position: i64,
        payload: &str,
    ) -> Result<Option<Pqr>, ReportError> {
        let unreadable = |e: serde_json::Error| FoldError::Unreadable {
            position,
            message: e.to_string(),
        };
        // Sealed personal fields (issue 16) are not needed here: blanked, so a long
        // ciphertext never fails a text's length check.
        let event: pqrs_domain::PqrEvent = if payload
            .contains(pqrs_domain::personal_data::SEALED_PREFIX)
        {
            let mut value: serde_json::Value = serde_json::from_str(payload).map_err(unreadable)?;
            pqrs_domain::personal_data::blank_sealed(&mut value);
            serde_json::from_value(value).map_err(unreadable)?
        } else {
            serde_json::from_str(payload).map_err(unreadable)?
        };
        let done = match &self.current {
            Some((id, _)) if id == aggregate_id => None,
            _ => self
                .current
                .replace((aggregate_id.to_owned(), Pqr::default()))
                .map(|(_, pqr)| pqr),
        };
        if let Some((_, pqr)) = &mut self.current {
            pqr.apply(event);
        }
        Ok(done)
    }

    /// The last case, once the stream is over.
    pub fn finish(self) -> Option<Pqr> {
        self.current.map(|(_, pqr)| pqr)
    }
}

/// The entity's calendar at a position, folded from its `ClosureDayDeclared` events (few: a
/// handful a year), for readers that stream cases apart.
pub fn entity_calendar<'e>(
    events: impl IntoIterator<Item = (i64, &'e str)>,
) -> Result<EntityCalendar, ReportError> {
    let mut entity = EntityCalendar::default();
    for (position, payload) in events {
        let parsed: CalendarEvent =
            serde_json::from_str(payload).map_err(|e| FoldError::Unreadable {
                position,
                message: e.to_string(),
            })?;
        entity.apply(parsed);
    }
    Ok(entity)
}

/// The instant of the event at the position, as the manifest's `as_of` reads it.
pub fn parse_as_of(position: i64, recorded_at: &str) -> Result<DateTime<FixedOffset>, ReportError> {
    DateTime::parse_from_rfc3339(recorded_at).map_err(|_| ReportError::BadInstant {
        position,
        value: recorded_at.to_owned(),
    })
}
