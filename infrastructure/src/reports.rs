//! Reading the event log for the reports (issue 7; docs/reports.md). The computation itself
//! is pure and lives in `pqrs_projections::reports`.
//!
//! Memory stays flat in the number of cases (issue 11, item 20): the events of the cases are
//! streamed **case by case** (ordered by stream and sequence, on the `events_stream_sequence`
//! index; internal notes and escalations, which no report reads, are left out), each case
//! is folded alone ([`CaseByCase`]) and handed to a [`ReportBuilder`] that
//! keeps running totals only, then dropped. The closure days (a handful) and the instant of
//! the position are read first. Reading and folding run on two threads joined by a small
//! bounded channel of row batches. The figures are those of folding the whole log in position
//! order ([`pqrs_projections::reports::Snapshot`]), which the tests check byte for byte.

use crate::db::Db;
use crate::error::StoreError;
use crate::projection::head_position;
use cqrs_es::Aggregate;
use futures_util::TryStreamExt;
use pqrs_domain::closures::EntityCalendar;
use pqrs_domain::Pqr;
use pqrs_projections::reports::{
    entity_calendar, parse_as_of, CaseByCase, Period, Report, ReportBuilder, ReportError,
    ReportKind, IGNORED_EVENT_TYPES,
};
use sqlx::Row;

/// Progress is reported every this many events.
const PROGRESS_EVERY: i64 = 5_000;

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
/// run starts). `progress(done, total)` is called every few thousand events read (`done`:
/// events of cases read so far, at most `total`, the position).
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
    progress(0, position);
    let as_of = if position == 0 {
        None
    } else {
        let row = sqlx::query("SELECT recorded_at FROM events WHERE position = $1")
            .bind(position)
            .fetch_optional(&db.pool)
            .await
            .map_err(StoreError::from)?;
        let Some(row) = row else {
            return Err(ReportError::PositionNotInLog { position, head }.into());
        };
        let recorded_at: String = row.try_get(0).map_err(StoreError::from)?;
        Some(parse_as_of(position, &recorded_at)?)
    };
    let closures: Vec<(i64, String)> = sqlx::query(
        "SELECT position, payload FROM events WHERE aggregate_type = $1 AND position <= $2 \
         ORDER BY position",
    )
    .bind(<EntityCalendar as Aggregate>::TYPE)
    .bind(position)
    .fetch_all(&db.pool)
    .await
    .map_err(StoreError::from)?
    .iter()
    .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
    .collect::<Result<_, StoreError>>()?;
    let calendar =
        entity_calendar(closures.iter().map(|(p, payload)| (*p, payload.as_str())))?.calendar();
    // Two stages on two threads (issue 11, item 20): this task reads the rows off the
    // connection and hands them over in batches through a small bounded channel; a blocking
    // thread parses each payload, folds the case and adds it to the running totals. Memory
    // stays bounded by the channel; the time is the slower of the two stages, not their sum.
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<EventRow>>(CHANNEL_BATCHES);
    let fold = tokio::task::spawn_blocking(move || {
        fold_cases(kind, period, &calendar, as_of, position, rx)
    });
    let sql = format!(
        "SELECT aggregate_id, position, payload FROM events \
         WHERE aggregate_type = $1 AND position <= $2 AND event_type NOT IN ({}) \
         ORDER BY aggregate_id, sequence",
        IGNORED_EVENT_TYPES.map(|t| format!("'{t}'")).join(", ")
    );
    let read = async {
        let mut rows = sqlx::query(&sql)
            .bind(<Pqr as Aggregate>::TYPE)
            .bind(position)
            .fetch(&db.pool);
        let mut read: i64 = 0;
        let mut batch = Vec::with_capacity(BATCH_ROWS);
        while let Some(row) = rows.try_next().await.map_err(StoreError::from)? {
            batch.push(EventRow {
                id: row.try_get(0).map_err(StoreError::from)?,
                position: row.try_get(1).map_err(StoreError::from)?,
                payload: row.try_get(2).map_err(StoreError::from)?,
            });
            if batch.len() == BATCH_ROWS {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
                if tx.send(full).await.is_err() {
                    // The fold stopped on an error: it is reported below.
                    return Ok::<_, ReportRunError>(());
                }
            }
            read += 1;
            if read % PROGRESS_EVERY == 0 {
                progress(read.min(position), position);
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch).await;
        }
        Ok(())
    };
    let read_result = read.await;
    // Closing the channel ends the fold (after the batches already sent).
    drop(tx);
    let report = match fold.await {
        Ok(folded) => folded?,
        // A panic in the fold is a bug: it goes on as if the fold had run here.
        Err(e) => match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => {
                return Err(ReportError::Render(format!("the report was cancelled: {e}")).into())
            }
        },
    };
    read_result?;
    progress(position, position);
    Ok(report)
}

/// Rows handed from the reader to the fold at once.
const BATCH_ROWS: usize = 512;

/// Batches in flight between the reader and the fold: with [`BATCH_ROWS`], at most a few
/// thousand events (a few MB) are held at once, whatever the size of the log.
const CHANNEL_BATCHES: usize = 8;

/// One event of a case, as read.
struct EventRow {
    id: String,
    position: i64,
    payload: String,
}

/// The fold stage: the batches of rows, in case and sequence order, folded case by case into
/// the report's running totals.
fn fold_cases(
    kind: ReportKind,
    period: Period,
    calendar: &pqrs_domain::Calendar,
    as_of: Option<chrono::DateTime<chrono::FixedOffset>>,
    position: i64,
    mut rx: tokio::sync::mpsc::Receiver<Vec<EventRow>>,
) -> Result<Report, ReportRunError> {
    let mut builder = ReportBuilder::new(kind, period, calendar, as_of)?;
    let mut fold = CaseByCase::new();
    while let Some(batch) = rx.blocking_recv() {
        for row in batch {
            if let Some(done) = fold.push(&row.id, row.position, &row.payload)? {
                builder.add(&done)?;
            }
        }
    }
    if let Some(last) = fold.finish() {
        builder.add(&last)?;
    }
    Ok(builder.finish(position)?)
}
