//! Reading the event log for the reports (issue 7; docs/reports.md): the events up to a
//! position, in pages, folded by [`pqrs_projections::reports::Snapshot`]. The computation
//! itself is pure and lives in `pqrs_projections::reports`.

use crate::db::Db;
use crate::error::StoreError;
use crate::projection::{head_position, read_events};
use pqrs_projections::reports::{compute, Period, Report, ReportError, ReportKind, Snapshot};

/// Events read per query.
const PAGE: i64 = 5_000;

/// Why a report run failed.
#[derive(Debug, thiserror::Error)]
pub enum ReportRunError {
    /// The request or the log does not allow the report.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Computes `kind` for `period` as of `at_position` (default: the head of the log when the
/// run starts). `progress(done, total)` is called after every page of events.
///
/// The calendar is the one in force at the position (national holidays plus the closure days
/// declared up to it) and "now" is the `recorded_at` of the event at the position, so the
/// same position always gives the same report, whatever was appended since.
#[tracing::instrument(name = "reports.build", skip(db, progress), fields(report = kind.as_str()))]
pub async fn build(
    db: &Db,
    kind: ReportKind,
    period: Period,
    at_position: Option<i64>,
    mut progress: impl FnMut(i64, i64),
) -> Result<Report, ReportRunError> {
    let head = head_position(db).await?;
    let position = at_position.unwrap_or(head);
    if position < 0 || position > head {
        return Err(ReportError::PositionNotInLog { position, head }.into());
    }
    let mut snapshot = Snapshot::new(position);
    let mut after = 0;
    progress(0, position);
    while after < position {
        let events = read_events(db, after, PAGE.min(position - after)).await?;
        let Some(last) = events.last() else { break };
        after = last.position;
        for e in &events {
            snapshot.push(e)?;
        }
        progress(after.min(position), position);
    }
    let snapshot = snapshot.finish()?;
    let calendar = snapshot.calendar();
    Ok(compute(kind, &snapshot, &calendar, period)?)
}
