//! Rebuilding the case view from the whole log into a shadow table, then swapping it in.

use super::*;
use crate::db::Db;
use crate::error::StoreError;
use crate::view_schema::{case_view_index_ddl, case_view_storage_ddl, case_view_table_ddl};
use sqlx::Row;

/// Events per transaction of a rebuild at least. A case's row is written once per page
/// however many of its events the page holds, so big pages write far fewer rows; a page also
/// ends once it has changed [`PAGE_CASES`] cases, which bounds its memory.
const REBUILD_PAGE: i64 = 1_000_000;

/// The projections `pqrs projections rebuild` knows.
pub const PROJECTIONS: [&str; 1] = [CASE_VIEW];

/// Rebuilds the case view from the whole log without downtime: replays into a shadow table
/// (the live view keeps serving and updating meanwhile), then swaps the tables and hands the
/// shadow's checkpoint to the live runner in one transaction. Pages are of `page` events, or
/// of `REBUILD_PAGE` (1 000 000, ending early at 50 000 cases changed) if more, each applied as in [`CaseProjection::step`];
/// `progress(position, head)` is called after every page. Returns the number of events
/// replayed.
pub async fn rebuild_case_view(
    db: &Db,
    page: i64,
    mut progress: impl FnMut(i64, i64),
) -> Result<u64, StoreError> {
    let shadow = "case_view_rebuild";
    let shadow_checkpoint = "case_view@rebuild";
    let suffix = format!("_r{}", chrono::Utc::now().timestamp_micros());
    let schema = db.views_schema();
    sqlx::query(&format!("DROP TABLE IF EXISTS {schema}{shadow}"))
        .execute(&db.pool)
        .await?;
    sqlx::query(&case_view_table_ddl(&format!("{schema}{shadow}")))
        .execute(&db.pool)
        .await?;
    sqlx::query("DELETE FROM projection_checkpoints WHERE name = $1")
        .bind(shadow_checkpoint)
        .execute(&db.pool)
        .await?;
    let projection = CaseProjection::on(db.clone(), shadow, shadow_checkpoint);
    let batch = page.max(REBUILD_PAGE);
    let mut cache = StateCache::default();
    let mut replayed = 0u64;
    // The bulk of the log, into the table without its secondary indexes (built once, after:
    // cheaper than maintaining them on every write); then the indexes; then catch up until
    // the remaining lag is small, and swap.
    for indexed in [false, true] {
        if indexed {
            for ddl in case_view_index_ddl(db.backend, schema, shadow, &suffix) {
                sqlx::query(&ddl).execute(&db.pool).await?;
            }
        }
        loop {
            let head = head_position(db).await?;
            replayed += projection
                .catch_up_pipelined(batch, |at| progress(at, head), &mut cache)
                .await?;
            let at = checkpoint(db, shadow_checkpoint).await?;
            if head_position(db).await? - at < page {
                break;
            }
        }
    }
    drop(cache);
    if db.backend == crate::db::Backend::Postgres {
        // The live table's autovacuum settings; then planner statistics and a visibility map
        // for the new table before it serves the queue: without the map, the queue's counts
        // read the whole table instead of an index (migration 0015).
        for ddl in case_view_storage_ddl(shadow) {
            sqlx::query(&ddl).execute(&db.pool).await?;
        }
        sqlx::query(&format!("VACUUM (ANALYZE) {shadow}"))
            .execute(&db.pool)
            .await?;
    }
    let _turn = db.views_turn().await;
    let mut tx = db.pool.begin().await?;
    // Taking the live checkpoint row first makes a concurrent live step wait for the swap.
    sqlx::query("UPDATE projection_checkpoints SET position = position WHERE name = $1")
        .bind(CASE_VIEW)
        .execute(&mut *tx)
        .await?;
    let row = sqlx::query("SELECT position FROM projection_checkpoints WHERE name = $1")
        .bind(shadow_checkpoint)
        .fetch_one(&mut *tx)
        .await?;
    let at: i64 = row.try_get(0)?;
    sqlx::query(&format!("DROP TABLE {schema}{CASE_VIEW}"))
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "ALTER TABLE {schema}{shadow} RENAME TO {CASE_VIEW}"
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO projection_checkpoints (name, position) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET position = excluded.position",
    )
    .bind(CASE_VIEW)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM projection_checkpoints WHERE name = $1")
        .bind(shadow_checkpoint)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(replayed)
}
