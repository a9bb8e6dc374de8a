//! The projection runner: durable, replayable read models.
//!
//! cqrs-es updates its queries after the commit and drops their errors, so a crash between the
//! two loses a view update for good. pqrs does not use that path. Each projection keeps a
//! checkpoint (a log position); the runner reads the events after it in position order — the
//! ledger makes positions gapless and equal to commit order, so nothing can be skipped — folds
//! them (`pqrs_projections`), and writes the new rows and the new checkpoint in ONE
//! transaction, guarded by compare-and-set on the old checkpoint. Applying is therefore exactly
//! once in effect, even with several processes running the same projection, and a process
//! killed at any point resumes from the last committed checkpoint.
//!
//! - [`case_view`](self::CaseProjection): the case projection, a page per transaction.
//! - `runner`: the live runner of `pqrs serve` ([`spawn_runner`]).
//! - `rebuild`: [`rebuild_case_view`] into a shadow table, then a swap.
//! - The case view's DDL is read from the migrations ([`crate::view_schema`]).

use crate::db::Db;
use crate::error::StoreError;
use crate::stored::{stored, COLUMNS};
use pqrs_projections::EventRecord;
use sqlx::Row;

pub use crate::view_schema::CASE_VIEW;

/// Up to `limit` events after `after`, in position order, read from the log.
pub async fn read_events(db: &Db, after: i64, limit: i64) -> Result<Vec<EventRecord>, StoreError> {
    read_events_before(db, after, None, limit).await
}

/// [`read_events`] for the live case projection: the events this process's filing desk just
/// committed are taken from [`crate::recent`] instead of read back, and those it does not hold
/// are read from the log, each hole up to the next event it holds. The same events, in the
/// same order.
pub async fn next_events(db: &Db, after: i64, limit: i64) -> Result<Vec<EventRecord>, StoreError> {
    let limit = usize::try_from(limit).unwrap_or(0);
    let mut events: Vec<EventRecord> = Vec::new();
    let mut at = after;
    while events.len() < limit {
        let want = limit - events.len();
        let taken = db.recent.take_after(at, want);
        let more = if taken.run.is_empty() {
            read_events_before(db, at, taken.next, i64::try_from(want).unwrap_or(0)).await?
        } else {
            taken.run
        };
        let Some(last) = more.last().map(|e| e.position) else {
            break;
        };
        at = last;
        events.extend(more);
        if taken.next.is_none() && !db.recent.holds_after(at) {
            // The log was read to its end (or to `limit`), and nothing later is held.
            break;
        }
    }
    Ok(events)
}

/// Up to `limit` events after `after` and before `before` (if given), from the log.
async fn read_events_before(
    db: &Db,
    after: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<EventRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM events WHERE position > $1 AND position < $2 \
         ORDER BY position LIMIT $3"
    ))
    .bind(after)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let rows = rows.iter().map(stored).collect::<Result<Vec<_>, _>>()?;
    let keys = crate::privacy::keys::keys_on(
        db,
        rows.iter()
            .filter(|e| e.event.aggregate_type == "Pqr")
            .map(|e| e.event.aggregate_id.as_str()),
    )
    .await?;
    rows.into_iter().map(|e| e.decode(&keys)).collect()
}

/// The last position of the log (0 when empty).
pub async fn head_position(db: &Db) -> Result<i64, StoreError> {
    let row = sqlx::query("SELECT position FROM ledger_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get(0)?)
}

/// When the event at `position` was recorded (its `recorded_at`, RFC 3339), or `None` if the
/// log holds no such event.
pub async fn recorded_at(db: &Db, position: i64) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT recorded_at FROM events WHERE position = $1")
        .bind(position)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

/// The checkpoint of projection `name`, created at 0 if missing.
pub async fn checkpoint(db: &Db, name: &str) -> Result<i64, StoreError> {
    let read = || async {
        sqlx::query("SELECT position FROM projection_checkpoints WHERE name = $1")
            .bind(name.to_owned())
            .fetch_optional(&db.pool)
            .await
    };
    // A read in the common case: a write here on every step would contend for SQLite's write
    // lock with the filing desk.
    if let Some(row) = read().await? {
        return Ok(row.try_get(0)?);
    }
    {
        let _turn = db.views_turn().await;
        sqlx::query(
            "INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name.to_owned())
        .execute(&db.pool)
        .await?;
    }
    let row = read()
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("checkpoint {name} vanished")))?;
    Ok(row.try_get(0)?)
}

mod case_view;
mod rebuild;
mod runner;

pub use case_view::*;
pub use rebuild::*;
pub use runner::*;
