//! The events this process has just committed, in clear, for its own case projection runner.
//!
//! The runner folds every event into the case view, and reading one back from the log costs
//! what writing it did, in reverse: the row is read, its JSON parsed, its case's data key read
//! and unwrapped, its personal fields opened (docs/performance.md, "Run 17"). The filing desk
//! and the mail deliverer (the records of messages sent or given up, one per filing with
//! e-mail on) hold each of their events in clear just before they write it; after their
//! transaction commits, they leave them here, and the runner takes them instead of reading
//! them back.
//!
//! Why the runner may trust them: a position is written once, by the one transaction that
//! holds the ledger's head ([`crate::ledger`]), and a record is left here only after that
//! transaction committed, with the position it was given. The runner takes only a run that
//! starts right after its checkpoint and has no hole; any position missing here (an event of
//! another process, of an official's command, or one dropped because the runner fell behind)
//! is read from the log as before, up to the next one held ([`Taken::next`]). So a page holds
//! the same events, in the same order, whichever way they came.
//!
//! Kept only while a live runner takes them ([`RecentEvents::enable`]), at most [`KEEP`]; a
//! suppression drops its case's ([`RecentEvents::forget`]), as it drops the case's data key
//! from this process's cache.

use crate::event_rows::StoredEvent;
use pqrs_projections::EventRecord;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

/// Most events held: about four live pages. A runner further behind reads the oldest from
/// the log.
pub const KEEP: usize = 4_000;

/// See the module docs. Shared by every clone of a [`crate::Db`].
#[derive(Debug, Default)]
pub struct RecentEvents {
    held: Mutex<VecDeque<EventRecord>>,
    enabled: AtomicBool,
    taken: AtomicU64,
}

/// What [`RecentEvents::take_after`] found.
#[derive(Debug, Default)]
pub struct Taken {
    /// The events from the position asked for on, without a hole (empty if that position is
    /// not held).
    pub run: Vec<EventRecord>,
    /// When `run` is empty: the first position held after the one asked for, so the log is
    /// read only up to it.
    pub next: Option<i64>,
}

impl RecentEvents {
    /// Starts keeping events (a live case projection runner will take them).
    pub fn enable(&self) {
        self.enabled.store(true, Ordering::Relaxed);
    }

    /// Whether events are kept.
    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    /// Stops keeping events, and drops those held.
    pub fn disable(&self) {
        self.enabled.store(false, Ordering::Relaxed);
        self.held().clear();
    }

    /// Leaves `records`, committed, in position order. Nothing when no runner takes them.
    pub fn push(&self, records: Vec<EventRecord>) {
        if !self.is_enabled() || records.is_empty() {
            return;
        }
        let mut held = self.held();
        for record in records {
            // Each writer leaves its records in position order, so this is mostly an append;
            // a record of an earlier position (another writer's, whose transaction committed
            // first but which left its records later) is put in its place.
            match held.back() {
                Some(last) if last.position >= record.position => {
                    let at = held.partition_point(|r| r.position < record.position);
                    if held.get(at).map(|r| r.position) != Some(record.position) {
                        held.insert(at, record);
                    }
                }
                _ => held.push_back(record),
            }
        }
        while held.len() > KEEP {
            held.pop_front();
        }
    }

    /// Takes the events after position `after`, at most `limit`, if the first of them is held;
    /// drops every one held at or before `after` (applied already).
    pub fn take_after(&self, after: i64, limit: usize) -> Taken {
        let mut held = self.held();
        while held.front().is_some_and(|r| r.position <= after) {
            held.pop_front();
        }
        let mut run: Vec<EventRecord> = Vec::new();
        while run.len() < limit {
            let expected = run.last().map_or(after, |r| r.position) + 1;
            if held.front().map(|r| r.position) != Some(expected) {
                break;
            }
            if let Some(record) = held.pop_front() {
                run.push(record);
            }
        }
        let next = match run.is_empty() {
            true => held.front().map(|r| r.position),
            false => None,
        };
        drop(held);
        self.taken.fetch_add(run.len() as u64, Ordering::Relaxed);
        Taken { run, next }
    }

    /// Whether an event after position `after` is held.
    pub fn holds_after(&self, after: i64) -> bool {
        self.held().back().is_some_and(|r| r.position > after)
    }

    /// Drops the events held of case `radicado` (its personal data was just suppressed: the
    /// runner reads them from the log, where they no longer open).
    pub fn forget(&self, radicado: &str) {
        self.held()
            .retain(|r| !(r.aggregate_type == "Pqr" && r.aggregate_id == radicado));
    }

    /// How many events runners took from here instead of the log, since the process started.
    pub fn taken(&self) -> u64 {
        self.taken.load(Ordering::Relaxed)
    }

    /// How many events are held.
    pub fn len(&self) -> usize {
        self.held().len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn held(&self) -> std::sync::MutexGuard<'_, VecDeque<EventRecord>> {
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// An event's payload and metadata in clear, as its writer built them before the append
/// printed and sealed them.
#[derive(Debug)]
pub(crate) struct Clear {
    /// The payload.
    pub payload: serde_json::Value,
    /// The metadata.
    pub metadata: serde_json::Value,
}

/// The records the case projection reads of `stored` (just appended, in that order), from
/// their payloads and metadata in clear: what reading them back from the log gives (the
/// tests hold them equal).
pub(crate) fn records(stored: &[StoredEvent], clear: Vec<Clear>) -> Vec<EventRecord> {
    stored
        .iter()
        .zip(clear)
        .map(|(s, c)| EventRecord {
            position: s.position,
            aggregate_type: s.event.aggregate_type.clone(),
            aggregate_id: s.event.aggregate_id.clone(),
            sequence: s.event.sequence,
            event_type: s.event.event_type.clone(),
            event_version: s.event.event_version.clone(),
            payload: c.payload,
            metadata: c.metadata,
            recorded_at: s.recorded_at.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(position: i64) -> EventRecord {
        EventRecord {
            position,
            aggregate_type: "Pqr".into(),
            aggregate_id: format!("2026-{position:06}"),
            sequence: 1,
            event_type: "PqrFiled".into(),
            event_version: "1".into(),
            payload: json!({}),
            metadata: json!({}),
            recorded_at: "2026-12-02T00:00:00Z".into(),
        }
    }

    fn positions(records: &[EventRecord]) -> Vec<i64> {
        records.iter().map(|r| r.position).collect()
    }

    #[test]
    fn nothing_is_kept_until_a_runner_takes_them() {
        let recent = RecentEvents::default();
        recent.push(vec![record(1)]);
        assert!(recent.is_empty());
        recent.enable();
        recent.push(vec![record(1)]);
        assert_eq!(recent.len(), 1);
        recent.disable();
        assert!(recent.is_empty());
    }

    #[test]
    fn only_a_run_without_holes_from_the_position_asked_is_taken() {
        let recent = RecentEvents::default();
        recent.enable();
        recent.push(vec![record(3), record(4)]);
        recent.push(vec![record(6), record(7), record(8)]);
        // Positions 1 and 2 are not held: the log is read up to 3.
        let taken = recent.take_after(0, 100);
        assert!(taken.run.is_empty());
        assert_eq!(taken.next, Some(3));
        // From 3: up to the hole at 5.
        let taken = recent.take_after(2, 100);
        assert_eq!(positions(&taken.run), vec![3, 4]);
        assert_eq!(taken.next, None);
        let taken = recent.take_after(4, 100);
        assert_eq!(taken.next, Some(6));
        // At most `limit`; applied positions are dropped.
        let taken = recent.take_after(5, 2);
        assert_eq!(positions(&taken.run), vec![6, 7]);
        let taken = recent.take_after(9, 10);
        assert!(taken.run.is_empty() && taken.next.is_none());
        assert!(recent.is_empty());
        assert_eq!(recent.taken(), 4);
    }

    #[test]
    fn a_late_record_takes_its_place_and_the_oldest_go_past_the_limit() {
        let recent = RecentEvents::default();
        recent.enable();
        recent.push(vec![record(1), record(3)]);
        recent.push(vec![record(2), record(3)]);
        assert_eq!(positions(&recent.take_after(0, 10).run), vec![1, 2, 3]);
        recent.push((10..10 + KEEP as i64 + 5).map(record).collect());
        assert_eq!(recent.len(), KEEP);
        assert_eq!(recent.take_after(9, 1).next, Some(15));
    }

    #[test]
    fn a_suppressed_case_is_forgotten() {
        let recent = RecentEvents::default();
        recent.enable();
        recent.push(vec![record(1), record(2)]);
        recent.forget("2026-000001");
        assert_eq!(recent.take_after(0, 10).next, Some(2));
    }
}
