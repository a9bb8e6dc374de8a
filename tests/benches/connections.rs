//! Connection exhaustion (issue 11, item 1): 2 000 clients open connections and send
//! unfinished request heads, and the server's memory is printed before, during and after.
//!
//! Two rounds against one server with the default connection limits:
//! - **burst**: each client sends ~390 KB of header lines as fast as it can, never the blank
//!   line that ends the head (what took the server from ~50 MB to ~940 MB RSS before);
//! - **trickle**: each client sends one 1 KB header line a second (what kept connections open
//!   for minutes before).
//!
//! For each round it prints the server's RSS (VmRSS) before, its peak while the clients hold
//! their connections, the RSS after, how long until the server had closed every connection,
//! and whether a normal `GET /health` sent meanwhile was answered (and how fast).
//!
//! `cargo bench -p pqrs-tests --bench connections` (needs ~4 100 file descriptors: run
//! `ulimit -n 8192` first if `ulimit -n` is lower). `PQRS_BENCH_CLIENTS` changes the number of
//! clients (default 2000); `PQRS_TEST_SERVER_BIN` runs another server binary (e.g. an older
//! build, for a before/after comparison).

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Bytes of unfinished head each client sends in the burst round.
const HEAD_BYTES: usize = 390 * 1024;
/// Longest the bench waits for the server to close a connection (`PQRS_BENCH_GIVE_UP_SECS`,
/// default 180; shorter to measure a server that never closes them).
fn give_up() -> Duration {
    Duration::from_secs(
        std::env::var("PQRS_BENCH_GIVE_UP_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(180),
    )
}

fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// One client: connects, sends the start of a request and header lines (`line` bytes every
/// `every`, up to `total`), then reads until the server closes the connection. Returns when
/// it was closed, or `None` if the connection could not be made.
async fn slow_client(addr: String, line: usize, every: Duration, total: usize) -> Option<Instant> {
    let stream = tokio::time::timeout(give_up(), TcpStream::connect(&addr))
        .await
        .ok()?
        .ok()?;
    let (mut read, mut write) = stream.into_split();
    let writer = tokio::spawn(async move {
        if write
            .write_all(b"GET /health HTTP/1.1\r\nHost: bench\r\n")
            .await
            .is_err()
        {
            return;
        }
        let mut sent = 0;
        let mut i = 0u64;
        while sent < total {
            let name = format!("X-Pad-{i}: ");
            let pad = "a".repeat(line.saturating_sub(name.len() + 2).max(1));
            let text = format!("{name}{pad}\r\n");
            if write.write_all(text.as_bytes()).await.is_err() {
                return;
            }
            sent += text.len();
            i += 1;
            if !every.is_zero() {
                tokio::time::sleep(every).await;
            }
        }
        // Hold the connection open without finishing the head.
        std::future::pending::<()>().await;
    });
    let mut buf = [0u8; 1024];
    let closed = tokio::time::timeout(give_up(), async {
        loop {
            match read.read(&mut buf).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(_) => {}
            }
        }
    })
    .await
    .ok();
    writer.abort();
    closed
}

async fn round(app: &App, name: &str, clients: usize, line: usize, every: Duration, total: usize) {
    let pid = app.pid().expect("server running");
    let addr = app.base.trim_start_matches("http://").to_owned();
    let before = status_kb(pid, "VmRSS:");
    let start = Instant::now();
    let done = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let addr = addr.clone();
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            let closed = slow_client(addr, line, every, total).await;
            done.fetch_add(1, Ordering::Relaxed);
            closed
        }));
    }
    // Sample the server's memory while the clients hold their connections.
    let sampler = {
        let done = done.clone();
        tokio::spawn(async move {
            let mut peak = 0;
            while done.load(Ordering::Relaxed) < clients {
                peak = peak.max(status_kb(pid, "VmRSS:"));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            peak
        })
    };
    // A normal client, one second in.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let asked = Instant::now();
    let normal = app
        .client
        .get(app.url("/health"))
        .timeout(Duration::from_secs(120))
        .send()
        .await;
    let normal = match normal {
        Ok(r) => format!("{} in {:.2} s", r.status(), asked.elapsed().as_secs_f64()),
        Err(e) => format!("failed after {:.2} s: {e}", asked.elapsed().as_secs_f64()),
    };
    let mut last_close = Duration::ZERO;
    let (mut closed, mut open_or_failed) = (0, 0);
    for t in tasks {
        match t.await.ok().flatten() {
            Some(at) => {
                closed += 1;
                last_close = last_close.max(at.duration_since(start));
            }
            None => open_or_failed += 1,
        }
    }
    let peak = sampler.await.unwrap_or(0);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = status_kb(pid, "VmRSS:");
    println!(
        "{name:8} {clients} clients: RSS before {} | peak during {} | after {} | \
         {closed} closed by the server, last after {:.1} s, {open_or_failed} not closed/failed \
         within {} s | normal GET /health meanwhile: {normal}",
        mb(before),
        mb(peak),
        mb(after),
        last_close.as_secs_f64(),
        give_up().as_secs(),
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let clients: usize = std::env::var("PQRS_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app_with(&db, &[]).await;
    let pid = app.pid().expect("server running");
    println!(
        "server {} (pid {pid}), its default connection limits",
        server_binary().display()
    );
    round(&app, "burst", clients, 1024, Duration::ZERO, HEAD_BYTES).await;
    round(
        &app,
        "trickle",
        clients,
        1024,
        Duration::from_secs(1),
        HEAD_BYTES,
    )
    .await;
    println!(
        "server peak RSS over the run (VmHWM): {}",
        mb(status_kb(pid, "VmHWM:"))
    );
}
