//! The live runner inside `pqrs serve`: follows the log and keeps the case view current.

use super::*;
use crate::db::{Db, RUNNER_CONNECTIONS};
use crate::recent::RecentEvents;
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

/// The live runner's `nice` value on Linux (0 is the default, 19 the lowest priority): its
/// thread and its own SQLite connections' threads run at it, so when the two cores are busy
/// the filing desk, its SQLite thread and the HTTP tasks go first and the runner takes the
/// time they leave (the kernel gives nice 10 about a tenth of the weight of nice 0). When
/// that is not enough and the view falls a page behind, the runner's steps move to normal
/// priority until it has caught up (`follow`; docs/performance.md, "Run 14").
pub const RUNNER_NICE: i32 = 10;

/// The live runner: where it stands, and how to stop it (dropping it stops the runner too).
#[derive(Debug)]
pub struct LiveRunner {
    /// Its checkpoint, for `/ready` and the bandeja.
    pub status: ProjectionStatus,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    stopped: Option<tokio::sync::oneshot::Receiver<()>>,
    /// The events the filing desk leaves for it, kept only while it runs.
    recent: Arc<RecentEvents>,
}

impl Drop for LiveRunner {
    fn drop(&mut self) {
        self.recent.disable();
    }
}

impl LiveRunner {
    /// Stops the runner between two steps (a step in progress is finished or rolled back as a
    /// whole: the checkpoint moves only with its rows) and closes its connections.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(stopped) = self.stopped.take() {
            let _ = stopped.await;
        }
    }
}

/// Runs the live projections inside `pqrs serve`: catches up at start, then follows new
/// events. It waits on `wake` for at most `poll` between steps. With `listen_url` (PostgreSQL)
/// a listener on `pqrs_events` notifies `wake` for every committed append, of this process or
/// another; without it (SQLite) nothing notifies `wake` in `pqrs serve` (which keeps no clone),
/// so new events are found by polling every `poll`.
///
/// The runner works on a thread of its own (`pqrs-views`, a single-threaded runtime) at
/// [`RUNNER_NICE`], through a pool of its own opened from that thread ([`Db::apart`]), so
/// that folding, opening and writing the case view — about half of the CPU a filing costs
/// the server — never delays a citizen's filing. Taking turns with the other writers is
/// shared with `db` as before.
pub fn spawn_runner(
    db: Db,
    wake: Arc<Notify>,
    listen_url: Option<String>,
    poll: Duration,
) -> LiveRunner {
    let status = ProjectionStatus::default();
    let recent = db.recent.clone();
    recent.enable();
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
    let server = tokio::runtime::Handle::current();
    let fallback = (server.clone(), db.clone(), wake.clone(), status.clone());
    let (stop, mut stop_rx) = tokio::sync::oneshot::channel();
    let (done, stopped) = tokio::sync::oneshot::channel();
    let out = status.clone();
    let thread = std::thread::Builder::new()
        .name("pqrs-views".into())
        .spawn(move || {
            lower_priority();
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    tracing::error!(error = %e, "the case projection runner could not start");
                    return;
                }
            };
            runtime.block_on(async move {
                let own = tokio::select! {
                    own = own_pool(&db, poll) => own,
                    _ = &mut stop_rx => return,
                };
                let catch_up = catch_up_pool(&server, &db).await;
                let normal = catch_up.clone().unwrap_or(db);
                tokio::select! {
                    () = follow(own.clone(), server, normal, wake, poll, status) => {}
                    _ = &mut stop_rx => {}
                }
                own.pool.close().await;
                if let Some(catch_up) = catch_up {
                    catch_up.pool.close().await;
                }
            });
            let _ = done.send(());
        });
    if let Err(e) = thread {
        // Without a thread of its own the view is still kept, at the server's priority.
        tracing::error!(error = %e, "the case projection runner runs with the server's tasks");
        let (server, db, wake, status) = fallback;
        tokio::spawn(follow(db.clone(), server, db, wake, poll, status));
    }
    LiveRunner {
        status: out,
        stop: Some(stop),
        stopped: Some(stopped),
        recent,
    }
}

/// On SQLite, the pool of the catch-up steps (`follow`): their own like the low steps'
/// ([`Db::apart`]: temporary storage in memory, so a multi-row statement's undo record is not
/// written to a file, and the views' pages cached on two connections instead of spread over
/// the server's eight), opened from a task on `server` so that its connections' threads run
/// at normal priority (a thread's nice value is inherited by the threads it starts). `None` on
/// PostgreSQL, or if it cannot be opened: the steps then write through the server's pool
/// (PostgreSQL keeps no such journal, and each process keeps to its share of the connections,
/// `db::POSTGRES_POOL`).
async fn catch_up_pool(server: &tokio::runtime::Handle, db: &Db) -> Option<Db> {
    if db.backend != crate::db::Backend::Sqlite {
        return None;
    }
    let db = db.clone();
    let opened = server
        .spawn(async move { db.apart(RUNNER_CONNECTIONS).await })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))
        .and_then(|r| r);
    match opened {
        Ok(own) => Some(own),
        Err(e) => {
            tracing::warn!(error = %e, "the case view's catch-up writes through the server's pool");
            None
        }
    }
}

/// Lowers the calling thread to [`RUNNER_NICE`] (Linux: a thread's own nice value, which the
/// threads it starts inherit). Elsewhere, or if refused, the runner runs at normal priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) =
        rustix::process::setpriority_process(Some(rustix::thread::gettid()), RUNNER_NICE)
    {
        tracing::warn!(error = %e, "the case projection runner keeps its normal priority");
    }
}

/// The runner's own pool, opened from its thread; retried every `poll` (at least a second)
/// while the store cannot be reached.
async fn own_pool(db: &Db, poll: Duration) -> Db {
    loop {
        match db.apart(RUNNER_CONNECTIONS).await {
            Ok(own) => return own,
            Err(e) => {
                tracing::error!(error = %e, "the case projection runner cannot reach the store; retrying");
                tokio::time::sleep(poll.max(Duration::from_secs(1))).await;
            }
        }
    }
}

/// Follows the log for ever: a step while events keep coming, a wait on `wake` (at most
/// `poll`) once caught up. Steps run here, at the runner's low priority, while the view is
/// within a page of the log; after a full page (at least [`LIVE_PAGE`] events were waiting:
/// the cores are saturated, or the process starts behind) the next steps run on `server`,
/// the server's runtime, through `normal` (on SQLite a pool of their own, [`catch_up_pool`];
/// else the server's), at normal priority, until a page comes back short. So filing goes
/// first while the view keeps up, and the view falls no further behind than the two
/// cores' spare time allows (a page or two at 16 clients; `/ready` judges a longer lag by the
/// age of its oldest event, `routes::health::MAX_READY_WAIT` in the API).
async fn follow(
    low: Db,
    server: tokio::runtime::Handle,
    normal: Db,
    wake: Arc<Notify>,
    poll: Duration,
    status: ProjectionStatus,
) {
    let projection = CaseProjection::live(low);
    let normal = projection.through(normal);
    let mut behind = false;
    // After a failure, wait longer each time (up to a minute): a damaged store must not
    // fill the log with the same error ten times a second.
    let mut backoff = poll;
    loop {
        let result = if behind {
            let normal = normal.clone();
            match server
                .spawn(async move { normal.step(LIVE_PAGE).await })
                .await
            {
                Ok(result) => result,
                Err(e) => Err(StoreError::Unavailable(e.to_string())),
            }
        } else {
            projection.step(LIVE_PAGE).await
        };
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
                behind = i64::try_from(n).unwrap_or(LIVE_PAGE) >= LIVE_PAGE;
                if !behind {
                    tokio::time::sleep(GATHER).await;
                }
                continue;
            }
            Ok(_) => {
                behind = false;
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
}
