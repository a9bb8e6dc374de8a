//! The accept loop: HTTP/1.1 connections served by hyper with the limits that keep a flood of
//! slow or idle clients from exhausting memory (issue 11, item 1).
//!
//! `axum::serve` gives no way to set hyper's timer, so its header-read timeout never runs and a
//! client may trickle headers (up to hyper's ~400 KB buffer) for as long as it likes. Here:
//! - a **header-read timeout**: a request head not complete within it closes the connection
//!   (hyper's own timer; it also runs while a kept-alive connection waits for its next request);
//! - an **idle keep-alive timeout**: a connection with no request in flight and no request for
//!   that long is closed;
//! - a **header size cap**: a longer head is answered `431` by hyper and the connection closed;
//! - a **connection cap**: beyond it the loop stops accepting (new clients wait in the kernel's
//!   listen queue) until a connection ends.
//!
//! Every request carries `axum::extract::ConnectInfo<SocketAddr>` like
//! `Router::into_make_service_with_connect_info::<SocketAddr>()`.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

/// The per-connection limits.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Longest a client may take to send a complete request head.
    pub header_read_timeout: Duration,
    /// Longest a kept-alive connection may stay without a request.
    pub idle_timeout: Duration,
    /// Largest request head (request line and headers), in bytes.
    pub max_header_bytes: usize,
    /// Most connections open at once.
    pub max_connections: usize,
}

/// Smallest read buffer hyper accepts.
const MIN_HYPER_BUFFER: usize = 8 * 1024;

/// When the connection last finished a request, how many it has had and how many are in
/// flight.
struct Activity {
    origin: Instant,
    last_ms: AtomicU64,
    requests: AtomicU64,
    in_flight: AtomicUsize,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            origin: Instant::now(),
            last_ms: AtomicU64::new(0),
            requests: AtomicU64::new(0),
            in_flight: AtomicUsize::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    /// When the connection will have been idle for `idle`, or `None` while a request is in
    /// flight or before the first request (until then the header-read timeout governs).
    fn idle_deadline(&self, idle: Duration) -> Option<Instant> {
        if self.in_flight.load(Ordering::Relaxed) > 0 || self.requests.load(Ordering::Relaxed) == 0
        {
            return None;
        }
        Some(self.origin + Duration::from_millis(self.last_ms.load(Ordering::Relaxed)) + idle)
    }
}

/// Marks a request in flight for as long as it lives.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn new(activity: Arc<Activity>) -> InFlight {
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        activity.requests.fetch_add(1, Ordering::Relaxed);
        activity.touch();
        InFlight(activity)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.touch();
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting, lets the
/// requests in flight finish and returns once every connection has closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let max_connections = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let permits = Arc::new(Semaphore::new(max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_header_size(limits.max_header_bytes)
        .max_buf_size(limits.max_header_bytes.max(MIN_HYPER_BUFFER));
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            permit = permits.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: not fatal.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let builder = builder.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let activity = Arc::new(Activity::new());
            let per_request = activity.clone();
            let service = tower::service_fn(move |mut req: axum::http::Request<_>| {
                let guard = InFlight::new(per_request.clone());
                req.extensions_mut().insert(ConnectInfo(peer));
                let router = router.clone();
                async move {
                    let response = router.oneshot(req.map(axum::body::Body::new)).await;
                    drop(guard);
                    response
                }
            });
            let conn =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::pin!(conn);
            let mut closing = false;
            loop {
                let idle_at = activity
                    .idle_deadline(limits.idle_timeout)
                    .unwrap_or_else(|| Instant::now() + limits.idle_timeout);
                tokio::select! {
                    result = conn.as_mut() => {
                        if let Err(e) = result {
                            tracing::debug!(error = %e, %peer, "connection ended");
                        }
                        break;
                    }
                    changed = stop.changed(), if !closing => {
                        let _ = changed;
                        closing = true;
                        conn.as_mut().graceful_shutdown();
                    }
                    _ = tokio::time::sleep_until(idle_at), if !closing => {
                        if activity.idle_deadline(limits.idle_timeout).is_some_and(|at| at <= Instant::now()) {
                            closing = true;
                            conn.as_mut().graceful_shutdown();
                        }
                    }
                }
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection holds a permit: all of them back means every connection has closed.
    let _ = permits.acquire_many(max_connections as u32).await;
    Ok(())
}
