//! The entity calendar in force: loaded from the log at start, replaced after a declaration,
//! and refreshed from the log by every process (several `pqrs serve` may share PostgreSQL).

use crate::commands::Executor;
use crate::db::Db;
use crate::error::StoreError;
use pqrs_domain::closures::{EntityCalendar, ENTITY_CALENDAR_ID};
use pqrs_domain::PqrServices;
use sqlx::Row;
use std::time::Duration;

/// The last position of an entity-calendar event (0 if none): a cheap change detector.
pub async fn last_position(db: &Db) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "SELECT COALESCE(MAX(position), 0) FROM events WHERE aggregate_type = 'EntityCalendar'",
    )
    .fetch_one(&db.pool)
    .await?;
    Ok(row.try_get(0)?)
}

/// Loads the entity calendar from the log and puts it in force, unless a newer one already
/// is (a declaration in this process may land while the watcher's load is under way;
/// [`pqrs_domain::pqr::SharedCalendar::advance`]).
pub async fn refresh(
    executor: &Executor<EntityCalendar>,
    services: &PqrServices,
) -> Result<(), StoreError> {
    let entity = executor
        .load(ENTITY_CALENDAR_ID)
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .unwrap_or_default();
    services.calendar.advance(entity.calendar());
    Ok(())
}

/// Keeps the calendar of `services` up to date with declarations made by other processes, checking every
/// `every`. Runs until the runtime stops.
pub fn watch(db: Db, executor: Executor<EntityCalendar>, services: PqrServices, every: Duration) {
    tokio::spawn(async move {
        let mut seen = last_position(&db).await.unwrap_or(-1);
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match last_position(&db).await {
                Ok(p) if p != seen => match refresh(&executor, &services).await {
                    Ok(_) => seen = p,
                    Err(e) => tracing::warn!(error = %e, "calendar refresh failed"),
                },
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "calendar check failed"),
            }
        }
    });
}
