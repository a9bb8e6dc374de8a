//! Verification of the audit chain over 1 million events (issue 6).
//!
//! For each backend: fills a fresh store with N chained events quickly (multi-row INSERTs in
//! large transactions, hashes computed with `ledger::chain_hash`, not through HTTP), then runs
//! `audit::verify` over the whole log and prints the rate (events/s) and the peak RSS of the
//! verification (the process's high-water mark is reset just before it, through
//! `/proc/self/clear_refs`), then a second verification with a tampered event near the end
//! to show a failure costs the same walk.
//!
//! Run: `cargo bench -p pqrs-tests --bench verify`. Environment: `PQRS_BENCH_EVENTS`
//! (default 1000000), `PQRS_BENCH_BACKENDS` (default `sqlite,postgres`), `PQRS_BENCH_SEALED=1`
//! (the subject and description sealed as pqrs seals personal fields, `enc:v1:…` envelopes
//! made by `crypto::seal_field`, so the log's bytes are those of a store with encryption on;
//! issue 16's goal: the verify rate within 10 % of the plaintext log's).

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_infrastructure::audit;
use pqrs_infrastructure::crypto::{seal_field, SecretKey};
use pqrs_infrastructure::db::Placeholders;
use pqrs_infrastructure::ledger::{chain_hash, multi_row_insert, NewEvent, GENESIS_HASH};
use pqrs_infrastructure::Db;
use pqrs_tests::{Backend, TestDb};
use std::time::Instant;

const ROWS_PER_INSERT: usize = 1_000;
const ROWS_PER_TX: usize = 20_000;

/// A `PqrFiled`-shaped payload of realistic size (about 650 bytes; about 900 sealed).
fn payload(n: usize) -> String {
    let radicado = format!("2026-{n:06}");
    let description = "\"La luminaria de la Calle 12 con Carrera 3 no enciende desde hace una \
                       semana; solicito su reparación y la poda del árbol que la cubre.\""
        .to_owned();
    let subject = "\"Alumbrado público\"".to_owned();
    let (description, subject) = match sealing_key() {
        Some(key) => (
            format!(
                "\"{}\"",
                seal_field(key, &radicado, 1, "description", &description)
            ),
            format!("\"{}\"", seal_field(key, &radicado, 1, "subject", &subject)),
        ),
        None => (description, subject),
    };
    format!(
        "{{\"PqrFiled\":{{\"access_code_hash\":\"{:064x}\",\"calendar_version\":\"co-2026-1\",\
         \"channel\":\"web\",\"consent_personal_data\":false,\"description\":{description},\
         \"due_date\":\"2026-12-15\",\
         \"effective_received_on\":\"2026-11-23\",\"kind\":\"petition\",\"petitioner\":null,\
         \"policy_id\":\"ley-1755-2015\",\"policy_version\":\"1\",\"radicado\":\"{radicado}\",\
         \"received_at\":\"2026-11-23T09:00:00-05:00\",\"subject\":{subject},\
         \"term\":{{\"days\":15,\"unit\":\"Business\"}}}}}}",
        n
    )
}

/// The data key the payloads are sealed with under `PQRS_BENCH_SEALED=1`, else none.
fn sealing_key() -> Option<&'static SecretKey> {
    static KEY: std::sync::OnceLock<Option<SecretKey>> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        (std::env::var("PQRS_BENCH_SEALED").as_deref() == Ok("1")).then(SecretKey::generate)
    })
    .as_ref()
}

fn metadata(n: usize) -> String {
    format!(
        "{{\"actor_kind\":\"citizen\",\"channel\":\"web\",\"request_id\":\"{:08x}-0000-4000-8000-{n:012x}\"}}",
        n
    )
}

fn vm_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

async fn fill(db: &Db, n: usize) -> String {
    let columns = "events (position, aggregate_type, aggregate_id, sequence, event_type, \
                   event_version, payload, metadata, recorded_at, prev_hash, hash)";
    let mut prev = GENESIS_HASH.to_owned();
    let mut position = 0_i64;
    let started = Instant::now();
    while (position as usize) < n {
        let mut tx = db.pool.begin().await.expect("begin");
        let tx_end = (position as usize + ROWS_PER_TX).min(n);
        while (position as usize) < tx_end {
            let rows = (tx_end - position as usize).min(ROWS_PER_INSERT);
            let sql = multi_row_insert(Placeholders::of(db.backend), columns, rows, 11);
            let mut q = sqlx::query(&sql);
            for _ in 0..rows {
                position += 1;
                let i = position as usize;
                let e = NewEvent {
                    aggregate_type: "Pqr".into(),
                    aggregate_id: format!("2026-{i:06}"),
                    sequence: 1,
                    event_type: "PqrFiled".into(),
                    event_version: "1".into(),
                    payload: payload(i),
                    metadata: metadata(i),
                };
                let at = format!(
                    "2026-11-{:02}T{:02}:{:02}:{:02}.{:06}Z",
                    1 + i / 86_400 % 28,
                    i / 3600 % 24,
                    i / 60 % 60,
                    i % 60,
                    i % 1_000_000
                );
                let hash = chain_hash(&prev, position, &e, &at);
                q = q
                    .bind(position)
                    .bind(e.aggregate_type)
                    .bind(e.aggregate_id)
                    .bind(e.sequence)
                    .bind(e.event_type)
                    .bind(e.event_version)
                    .bind(e.payload)
                    .bind(e.metadata)
                    .bind(at)
                    .bind(std::mem::replace(&mut prev, hash.clone()))
                    .bind(hash);
            }
            q.execute(&mut *tx).await.expect("insert");
        }
        tx.commit().await.expect("commit");
    }
    sqlx::query("UPDATE ledger_head SET position = $1, hash = $2 WHERE id = 1")
        .bind(position)
        .bind(prev.clone())
        .execute(&db.pool)
        .await
        .expect("head");
    eprintln!(
        "  filled {n} events in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    prev
}

async fn run(backend: Backend, n: usize) {
    let name = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    eprintln!("{name}: {n} events");
    let test_db = TestDb::new(backend).await;
    let db = Db::connect(&test_db.url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let head = fill(&db, n).await;
    // Leave the store as a running one would be: SQLite's WAL checkpointed into the file,
    // PostgreSQL's table vacuumed and analyzed.
    let settle = match backend {
        Backend::Sqlite => "PRAGMA wal_checkpoint(TRUNCATE)",
        Backend::Postgres => "VACUUM ANALYZE events",
    };
    sqlx::query(settle).execute(&db.pool).await.expect("settle");

    // Where the time goes: reading the pages alone, without hashing.
    let started = Instant::now();
    let mut after = 0;
    loop {
        let rows = audit::page(&db, after, None, audit::PAGE)
            .await
            .expect("page");
        match rows.last() {
            Some(e) => after = e.position,
            None => break,
        }
    }
    println!(
        "{name}: reading the {n} events alone (pages of {}) took {:.2} s",
        audit::PAGE,
        started.elapsed().as_secs_f64()
    );

    // Reset the high-water mark so it measures the verification alone.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rss_before = vm_kb("VmRSS:");
    let started = Instant::now();
    let report = audit::verify(&db, None, |_, _| {}).await.expect("verify");
    let secs = started.elapsed().as_secs_f64();
    let peak = vm_kb("VmHWM:");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.checked as usize, n);
    assert_eq!(report.last_hash, head);
    println!(
        "{name}: verified {n} events in {secs:.2} s = {:.0} events/s; RSS before {} MiB, \
         peak during verification {} MiB",
        n as f64 / secs,
        rss_before / 1024,
        peak / 1024
    );

    // A tampered event 10 events from the end: found after the same walk.
    let target = n as i64 - 10;
    sqlx::query("UPDATE events SET payload = replace(payload, 'co-2026-1', 'co-2026-2') WHERE position = $1")
        .bind(target)
        .execute(&db.pool)
        .await
        .expect("tamper");
    let started = Instant::now();
    let report = audit::verify(&db, None, |_, _| {}).await.expect("verify");
    let finding = report.finding.expect("a finding");
    assert_eq!(finding.position, target);
    println!(
        "{name}: tampered position {target} found in {:.2} s ({:?})",
        started.elapsed().as_secs_f64(),
        finding.kind
    );
    db.pool.close().await;
}

fn main() {
    let n: usize = std::env::var("PQRS_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let backends =
        std::env::var("PQRS_BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        for b in backends.split(',') {
            match b.trim() {
                "sqlite" => run(Backend::Sqlite, n).await,
                "postgres" => run(Backend::Postgres, n).await,
                other => eprintln!("unknown backend {other}"),
            }
        }
    });
}
