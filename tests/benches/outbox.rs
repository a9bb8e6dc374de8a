//! The mail outbox draining a backlog (issue 15): 10 000 queued messages delivered to a local
//! aiosmtpd sink, for each backend: the time from the deliverer's start to the last record,
//! messages per second, and the server's RSS at start and its peak while delivering (memory
//! should stay flat: each deliverer loop holds one batch of `deliver::BATCH` messages).
//!
//! How: `pqrs serve` files the petitions (each with an e-mail address) while its SMTP server is
//! a closed port, so every message is queued in its filing's transaction and waits; the
//! process is stopped, the waiting rows are made due again, the sink is started, and a fresh
//! `pqrs serve` delivers them. The sink accepts at once, without parsing or keeping the
//! messages (Python's e-mail parser would otherwise set the pace); every message's record
//! (`PetitionerNotified`) is in the case's history at the end, which the bench checks.
//!
//! Run: `cargo bench -p pqrs-tests --bench outbox` (release), or a debug smoke run with
//! `PQRS_BENCH_MESSAGES=1000 cargo test -p pqrs-tests --bench outbox`. Environment:
//! `PQRS_BENCH_MESSAGES` (default 10000), `PQRS_BENCH_BACKENDS` (default `sqlite,postgres`).
//! Prints numbers, asserts nothing but completeness. Only 127.0.0.1 traffic.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::smtp::{count, free_port, mail_petition, spawn_mailing_app, SmtpSink};
use pqrs_tests::{Backend, TestDb};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let messages: usize = std::env::var("PQRS_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let backends: Vec<Backend> = std::env::var("PQRS_BENCH_BACKENDS")
        .unwrap_or_else(|_| "sqlite,postgres".into())
        .split(',')
        .filter_map(|b| match b.trim() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" => Some(Backend::Postgres),
            _ => None,
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    println!("# Mail outbox: {messages} queued messages to a local SMTP sink\n");
    println!(
        "| backend | queue (filings/s) | deliver s | messages/s | RSS start MB | peak RSS MB |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for b in backends {
        runtime.block_on(bench(b, messages));
    }
}

async fn bench(backend: Backend, messages: usize) {
    let db = TestDb::new(backend).await;
    // Queue: SMTP is a closed port, so nothing leaves.
    let closed = format!("smtp://127.0.0.1:{}", free_port());
    let filer = spawn_mailing_app(&db, &closed, None).await;
    let started = Instant::now();
    let clients = 16;
    let per_client = messages.div_ceil(clients);
    let mut tasks = Vec::new();
    let filer = Arc::new(filer);
    for c in 0..clients {
        let app = filer.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..per_client {
                let n = c * per_client + i;
                if n >= messages {
                    break;
                }
                let body = mail_petition(&format!("p{n}@example.co"), false);
                let r = app.file(&body).await;
                assert_eq!(r.status(), 201, "filing {n}");
            }
        }));
    }
    for t in tasks {
        t.await.expect("filing task");
    }
    let queue_rate = messages as f64 / started.elapsed().as_secs_f64();
    drop(Arc::into_inner(filer).expect("the filer is not shared any more"));
    let queued = count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL",
    )
    .await;
    assert_eq!(queued, messages as i64, "every filing queued its message");
    db.execute(
        "UPDATE mail_outbox SET attempts = 0, next_attempt_at = '2000-01-01T00:00:00.000000Z', \
         lease_token = NULL, last_error = NULL",
    )
    .await;

    // Deliver.
    let sink = SmtpSink::start_discarding().await;
    let started = Instant::now();
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    let pid = app.pid().expect("server pid");
    let start_rss = rss_kb(pid).map_or(0, |(rss, _)| rss);
    let sampling = Arc::new(AtomicBool::new(true));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = tokio::spawn(sample_rss(pid, sampling.clone(), peak.clone()));
    loop {
        let sent = count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL",
        )
        .await;
        if sent >= messages as i64 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(1800),
            "not delivered within 30 minutes ({sent} sent)"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let elapsed = started.elapsed();
    sampling.store(false, Ordering::Relaxed);
    sampler.await.expect("sampler");
    let (_, hwm) = rss_kb(pid).unwrap_or((0, 0));
    let notified = count(
        &db,
        "SELECT COUNT(*) FROM events WHERE event_type = 'PetitionerNotified'",
    )
    .await;
    assert_eq!(notified, messages as i64, "one record per message");
    println!(
        "| {backend:?} | {queue_rate:.0} | {:.1} | {:.0} | {:.1} | {:.1} |",
        elapsed.as_secs_f64(),
        messages as f64 / elapsed.as_secs_f64(),
        start_rss as f64 / 1024.0,
        peak.load(Ordering::Relaxed).max(hwm) as f64 / 1024.0
    );
    drop(app);
    drop(sink);
}

/// (VmRSS, VmHWM) of `pid` in kB.
fn rss_kb(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

async fn sample_rss(pid: u32, running: Arc<AtomicBool>, peak: Arc<AtomicU64>) {
    while running.load(Ordering::Relaxed) {
        if let Some((rss, hwm)) = rss_kb(pid) {
            peak.fetch_max(rss.max(hwm), Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
