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
//!
//! The case view is a cache of that fold ([`Source::CaseView`], the default): the projection
//! runner writes, with each case's row, what the reports read of the case ([`ReportCase`],
//! `case_view.report`). A case whose row is current at the report's position is taken from
//! there; the few cases with events between the view's checkpoint and the position are folded
//! from the log. A million cases are then a million small rows read in any order, not ten
//! million events sorted by case. [`Source::Log`] folds every case from the log, as an
//! auditor re-running a report may want; both give the same bytes.

use crate::db::{Backend, Db, Placeholders};
use crate::error::StoreError;
use crate::projection::{head_position, CASE_VIEW};
use cqrs_es::Aggregate;
use futures_util::TryStreamExt;
use pqrs_domain::closures::EntityCalendar;
use pqrs_domain::Pqr;
use pqrs_projections::cases::FoldError;
use pqrs_projections::reports::{
    entity_calendar, parse_as_of, CaseByCase, Period, Report, ReportBuilder, ReportCase,
    ReportError, ReportKind, IGNORED_EVENT_TYPES,
};
use sqlx::Row;
use std::collections::HashSet;

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

/// Where a report reads its cases from. Both give the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The case view for every case whose row is current at the position, the log for the
    /// others; the log alone when the view's checkpoint is more than [`MAX_VIEW_LAG`] events
    /// from the position or a row has no report document yet (a view written before they
    /// existed: `pqrs projections rebuild` writes them).
    CaseView,
    /// Every case folded from its events in the log.
    Log,
}

/// How far (in events) the case view's checkpoint may be from a report's position for the
/// report to read the view: the cases with events in between are folded from the log, and
/// their radicados are held in memory meanwhile.
pub const MAX_VIEW_LAG: i64 = 50_000;

/// Where the cases of a report came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    /// Cases taken from the case view's rows.
    pub cases_from_view: u64,
    /// Events folded from the log.
    pub events_from_log: u64,
}

/// Computes `kind` for `period` as of `at_position` (default: the head of the log when the
/// run starts), reading the case view where it is current ([`Source::CaseView`]).
/// `progress(done, total)` is called every few thousand events folded from the log (`done`:
/// events read so far, at most `total`, the position), and once at the end; cases taken from
/// the view are not counted.
///
/// The calendar is the one in force at the position (national holidays plus the closure days
/// declared up to it) and "now" is the `recorded_at` of the event at the position, so the
/// same position always gives the same report, whatever was appended since.
pub async fn build(
    db: &Db,
    kind: ReportKind,
    period: Period,
    at_position: Option<i64>,
    progress: impl FnMut(i64, i64),
) -> Result<Report, ReportRunError> {
    build_from(db, kind, period, at_position, Source::CaseView, progress)
        .await
        .map(|(report, _)| report)
}

/// [`build`], reading the cases from `source`; also says where they came from.
#[tracing::instrument(name = "reports.build", skip(db, progress), fields(report = kind.as_str()))]
pub async fn build_from(
    db: &Db,
    kind: ReportKind,
    period: Period,
    at_position: Option<i64>,
    source: Source,
    mut progress: impl FnMut(i64, i64),
) -> Result<(Report, Reading), ReportRunError> {
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
    let (tx, rx) = tokio::sync::mpsc::channel::<Batch>(CHANNEL_BATCHES);
    let fold = tokio::task::spawn_blocking(move || {
        fold_cases(kind, period, &calendar, as_of, position, rx)
    });
    let read = async {
        let mut reading = Reading::default();
        let from_view = match source {
            Source::CaseView => read_view(db, position, &tx, &mut reading).await?,
            Source::Log => false,
        };
        if !from_view {
            read_log(db, position, None, &tx, &mut reading, &mut progress).await?;
        }
        Ok::<_, ReportRunError>(reading)
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
    let reading = read_result?;
    progress(position, position);
    tracing::debug!(
        cases_from_view = reading.cases_from_view,
        events_from_log = reading.events_from_log,
        "report read"
    );
    Ok((report, reading))
}

/// The two statements a report runs on the case view, public so tests can ask the database
/// how it answers them (SQLite must answer both from its indexes, `case_view_report_absent`
/// and `case_view_report_cover`, not from the table's rows).
#[derive(Debug, Clone)]
pub struct ViewSql {
    /// Is any row still without its report document?
    pub incomplete: String,
    /// The rows' radicado, position and report document. On PostgreSQL, every row. On
    /// SQLite, a chunk of [`VIEW_CHUNK`] rows after radicado `$1`, joined into one text: the
    /// count, the last radicado, and a line `radicado position document` per row.
    pub rows: String,
}

/// Rows of the case view SQLite joins into one text. sqlx hands each row from SQLite's thread
/// to ours with a wake-up on both sides; a million rows one by one spent more CPU in that
/// hand-off than in SQLite (docs/performance.md, "Reports at scale", run 8).
#[cfg(not(debug_assertions))]
pub const VIEW_CHUNK: i64 = 2_000;
/// In a debug build (the tests'), a few rows, so that a fixture of a dozen cases crosses
/// several chunks.
#[cfg(debug_assertions)]
pub const VIEW_CHUNK: i64 = 4;

/// The statements of [`ViewSql`] on `backend`.
pub fn view_sql(backend: Backend) -> ViewSql {
    let incomplete = format!("SELECT 1 FROM {CASE_VIEW} WHERE report IS NULL LIMIT 1");
    let rows = match backend {
        Backend::Postgres => format!("SELECT radicado, position, report FROM {CASE_VIEW}"),
        // A compact JSON document has no line break, and a radicado no space.
        Backend::Sqlite => format!(
            "SELECT COUNT(*), MAX(radicado), \
             group_concat(radicado || ' ' || position || ' ' || report, char(10)) \
             FROM (SELECT radicado, position, report FROM {CASE_VIEW} \
             WHERE radicado > $1 ORDER BY radicado LIMIT {VIEW_CHUNK})"
        ),
    };
    ViewSql { incomplete, rows }
}

/// Reads the cases current at `position` from the case view and folds the others from the
/// log (see the module's documentation). `false`, having sent nothing, when the view cannot
/// serve this position: its checkpoint is more than [`MAX_VIEW_LAG`] events away, or a row has
/// no report document.
async fn read_view(
    db: &Db,
    position: i64,
    tx: &tokio::sync::mpsc::Sender<Batch>,
    reading: &mut Reading,
) -> Result<bool, ReportRunError> {
    // One snapshot for the checkpoint and the rows: a runner writing meanwhile moves both in
    // one transaction. (The events are never rewritten, so they need no snapshot.)
    let mut view = db.pool.begin().await.map_err(StoreError::from)?;
    if db.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut *view)
            .await
            .map_err(StoreError::from)?;
    }
    let checkpoint: i64 =
        sqlx::query_scalar("SELECT position FROM projection_checkpoints WHERE name = $1")
            .bind(CASE_VIEW)
            .fetch_optional(&mut *view)
            .await
            .map_err(StoreError::from)?
            .unwrap_or(0);
    if (checkpoint - position).abs() > MAX_VIEW_LAG {
        view.rollback().await.map_err(StoreError::from)?;
        return Ok(false);
    }
    let sql = view_sql(db.backend);
    let incomplete = sqlx::query(&sql.incomplete)
        .fetch_optional(&mut *view)
        .await
        .map_err(StoreError::from)?
        .is_some();
    if incomplete {
        view.rollback().await.map_err(StoreError::from)?;
        return Ok(false);
    }
    // The cases with events between the checkpoint and the position: their rows are ahead of
    // the position or behind it, so they are folded from the log instead.
    let (low, high) = (checkpoint.min(position), checkpoint.max(position));
    let touched: HashSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT aggregate_id FROM events \
         WHERE aggregate_type = $1 AND position > $2 AND position <= $3",
    )
    .bind(<Pqr as Aggregate>::TYPE)
    .bind(low)
    .bind(high)
    .fetch_all(&db.pool)
    .await
    .map_err(StoreError::from)?
    .into_iter()
    .collect();
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    // A row current at the position joins the batch; a full batch is returned, to be sent.
    let mut take = |radicado: &str, at: i64, report: String| {
        if at > position || touched.contains(radicado) {
            return None;
        }
        reading.cases_from_view += 1;
        batch.push(ViewRow {
            position: at,
            report,
        });
        (batch.len() == BATCH_ROWS).then(|| {
            Batch::Cases(std::mem::replace(
                &mut batch,
                Vec::with_capacity(BATCH_ROWS),
            ))
        })
    };
    match db.backend {
        Backend::Postgres => {
            let mut rows = sqlx::query(&sql.rows).fetch(&mut *view);
            while let Some(row) = rows.try_next().await.map_err(StoreError::from)? {
                let radicado: String = row.try_get(0).map_err(StoreError::from)?;
                let at: i64 = row.try_get(1).map_err(StoreError::from)?;
                let report: String = row.try_get(2).map_err(StoreError::from)?;
                if let Some(full) = take(&radicado, at, report) {
                    if tx.send(full).await.is_err() {
                        // The fold stopped on an error: it is reported by the caller.
                        return Ok(true);
                    }
                }
            }
        }
        Backend::Sqlite => {
            let mut after = String::new();
            loop {
                let row = sqlx::query(&sql.rows)
                    .bind(after.clone())
                    .fetch_one(&mut *view)
                    .await
                    .map_err(StoreError::from)?;
                let count: i64 = row.try_get(0).map_err(StoreError::from)?;
                if count == 0 {
                    break;
                }
                after = row.try_get(1).map_err(StoreError::from)?;
                let text: String = row.try_get(2).map_err(StoreError::from)?;
                for line in text.split('\n') {
                    let mut parts = line.splitn(3, ' ');
                    let (Some(radicado), Some(at), Some(report)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        return Err(StoreError::Corrupt(format!(
                            "a case view row that does not read: {line:.40}"
                        ))
                        .into());
                    };
                    let at: i64 = at.parse().map_err(|_| {
                        StoreError::Corrupt(format!("case view position of {radicado}: {at}"))
                    })?;
                    if let Some(full) = take(radicado, at, report.to_owned()) {
                        if tx.send(full).await.is_err() {
                            return Ok(true);
                        }
                    }
                }
                if count < VIEW_CHUNK {
                    break;
                }
            }
        }
    }
    if !batch.is_empty() && tx.send(Batch::Cases(batch)).await.is_err() {
        return Ok(true);
    }
    view.commit().await.map_err(StoreError::from)?;
    let mut touched: Vec<String> = touched.into_iter().collect();
    touched.sort_unstable();
    for chunk in touched.chunks(TOUCHED_CHUNK) {
        read_log(db, position, Some(chunk), tx, reading, &mut |_, _| {}).await?;
    }
    Ok(true)
}

/// Streams the events of the cases (of `only` those cases, when given: sorted radicados) up
/// to `position`, ordered by case and sequence, to the fold.
async fn read_log(
    db: &Db,
    position: i64,
    only: Option<&[String]>,
    tx: &tokio::sync::mpsc::Sender<Batch>,
    reading: &mut Reading,
    progress: &mut impl FnMut(i64, i64),
) -> Result<(), ReportRunError> {
    // One style of placeholder for the whole statement: SQLite numbers a `?` after `$2` in
    // its own way.
    let p = Placeholders::of(db.backend);
    let cases = match only {
        Some(ids) => format!(" AND aggregate_id IN ({})", p.list(3, ids.len())),
        None => String::new(),
    };
    let sql = format!(
        "SELECT aggregate_id, position, payload FROM events \
         WHERE aggregate_type = {} AND position <= {} AND event_type NOT IN ({}){cases} \
         ORDER BY aggregate_id, sequence",
        p.list(1, 1),
        p.list(2, 1),
        IGNORED_EVENT_TYPES.map(|t| format!("'{t}'")).join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(<Pqr as Aggregate>::TYPE)
        .bind(position);
    for id in only.unwrap_or_default() {
        query = query.bind(id.clone());
    }
    let mut rows = query.fetch(&db.pool);
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    while let Some(row) = rows.try_next().await.map_err(StoreError::from)? {
        batch.push(EventRow {
            id: row.try_get(0).map_err(StoreError::from)?,
            position: row.try_get(1).map_err(StoreError::from)?,
            payload: row.try_get(2).map_err(StoreError::from)?,
        });
        if batch.len() == BATCH_ROWS {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
            if tx.send(Batch::Events(full)).await.is_err() {
                // The fold stopped on an error: it is reported by the caller.
                return Ok(());
            }
        }
        reading.events_from_log += 1;
        let read = i64::try_from(reading.events_from_log).unwrap_or(i64::MAX);
        if read % PROGRESS_EVERY == 0 {
            progress(read.min(position), position);
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Batch::Events(batch)).await;
    }
    Ok(())
}

/// Radicados per query when the cases the view cannot give are folded from the log.
const TOUCHED_CHUNK: usize = 500;

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

/// One case from the case view: its row's position and report document.
struct ViewRow {
    position: i64,
    report: String,
}

/// What the reader hands to the fold at once.
enum Batch {
    /// Cases from the case view, as they stand at the position.
    Cases(Vec<ViewRow>),
    /// Events of cases, in case and sequence order.
    Events(Vec<EventRow>),
}

/// The fold stage: the cases from the view added as they are, and the events (in case and
/// sequence order) folded case by case, into the report's running totals.
fn fold_cases(
    kind: ReportKind,
    period: Period,
    calendar: &pqrs_domain::Calendar,
    as_of: Option<chrono::DateTime<chrono::FixedOffset>>,
    position: i64,
    mut rx: tokio::sync::mpsc::Receiver<Batch>,
) -> Result<Report, ReportRunError> {
    let mut builder = ReportBuilder::new(kind, period, calendar, as_of)?;
    let mut fold = CaseByCase::new();
    while let Some(batch) = rx.blocking_recv() {
        match batch {
            Batch::Cases(rows) => {
                for row in rows {
                    let case: ReportCase = serde_json::from_str(&row.report).map_err(|e| {
                        ReportError::Unreadable(FoldError::Unreadable {
                            position: row.position,
                            message: format!("the case view's report document: {e}"),
                        })
                    })?;
                    builder.add_case(&case)?;
                }
            }
            Batch::Events(rows) => {
                for row in rows {
                    if let Some(done) = fold.push(&row.id, row.position, &row.payload)? {
                        builder.add(&done)?;
                    }
                }
            }
        }
    }
    if let Some(last) = fold.finish() {
        builder.add(&last)?;
    }
    Ok(builder.finish(position)?)
}
