//! The live runner inside `pqrs serve`: follows the log and keeps the case view current.

use super::*;
use crate::db::Db;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Events per live step.
const LIVE_PAGE: i64 = 1_000;
/// After a step that found fewer than [`LIVE_PAGE`] events, the runner lets events gather
/// this long before the next: under a stream of filings each step then carries tens of the
/// desk's batches instead of one, and the runner's reads, writes and the page-cache reloads
/// they cause cost the filing desk's CPU once per step, not once per batch. The case view
/// lags by at most this much more.
const GATHER: Duration = Duration::from_millis(25);

/// The lag of the live projections, for `/ready` and metrics.
#[derive(Debug, Clone, Default)]
pub struct ProjectionStatus {
    checkpoint: Arc<AtomicI64>,
}

impl ProjectionStatus {
    /// The last checkpoint the runner committed or saw.
    pub fn checkpoint(&self) -> i64 {
        self.checkpoint.load(Ordering::Relaxed)
    }
}

/// Runs the live projections inside `pqrs serve`: catches up at start, then follows new
/// events. It waits on `wake` for at most `poll` between steps. With `listen_url` (PostgreSQL)
/// a listener on `pqrs_events` notifies `wake` for every committed append, of this process or
/// another; without it (SQLite) nothing notifies `wake` in `pqrs serve` (which keeps no clone),
/// so new events are found by polling every `poll`.
pub fn spawn_runner(
    db: Db,
    wake: Arc<Notify>,
    listen_url: Option<String>,
    poll: Duration,
) -> ProjectionStatus {
    let status = ProjectionStatus::default();
    let out = status.clone();
    if let Some(url) = listen_url {
        let wake = wake.clone();
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&url).await {
                    Ok(mut listener) => {
                        if listener.listen("pqrs_events").await.is_ok() {
                            while listener.recv().await.is_ok() {
                                wake.notify_one();
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "LISTEN pqrs_events failed; polling"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
    tokio::spawn(async move {
        let projection = CaseProjection::live(db);
        // After a failure, wait longer each time (up to a minute): a damaged store must not
        // fill the log with the same error ten times a second.
        let mut backoff = poll;
        loop {
            let result = projection.step(LIVE_PAGE).await;
            if result.is_ok() {
                backoff = poll;
            }
            match result {
                // Keep applying while events keep coming, a full page at once, or after letting
                // a short one's successors gather.
                Ok(n) if n > 0 => {
                    if let Ok(cp) = checkpoint(&projection.db, projection.name()).await {
                        status.checkpoint.store(cp, Ordering::Relaxed);
                    }
                    if i64::try_from(n).unwrap_or(LIVE_PAGE) < LIVE_PAGE {
                        tokio::time::sleep(GATHER).await;
                    }
                    continue;
                }
                Ok(_) => {
                    if let Ok(cp) = checkpoint(&projection.db, projection.name()).await {
                        status.checkpoint.store(cp, Ordering::Relaxed);
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, retry_in = ?backoff, "case projection failed; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(60));
                    continue;
                }
            }
            let _ = tokio::time::timeout(poll, wake.notified()).await;
        }
    });
    out
}
