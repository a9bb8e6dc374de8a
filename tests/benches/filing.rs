//! Filing throughput against the database's own limit (issue 8).
//!
//! For each backend (SQLite file, then PostgreSQL at 127.0.0.1:5432 or the harness's
//! throwaway cluster) and for N = 1, 16 and 64 concurrent clients, for a fixed time each
//! (all raw phases first, on their own database, then the server on a fresh one):
//!
//! (a) the raw-SQL baseline: N connections, each looping `BEGIN; INSERT … ON CONFLICT DO
//!     UPDATE … RETURNING` on a per-year counter row; `INSERT` one event row of realistic size
//!     into the real `events` table; `COMMIT` — one filing's write shape without batching;
//! (b) `pqrs serve` (the real binary, as a process) filing anonymous petitions over HTTP with N
//!     concurrent clients;
//!
//! then prints throughput, p50/p95/p99 latency, errors and the ratio (b)/(a), the server's peak
//! RSS, its storage writes and CPU time per filing (machine-light measures of a filing's
//! cost), the desk's batches (how many filings each, how long each took, from `/metrics`),
//! how far behind the case view was when the phase ended and when it caught up (its runner
//! lets filing go first), and checks that the radicados issued are exactly 1..count.
//!
//! Run: `cargo bench -p pqrs-tests --bench filing`. Environment:
//! `PQRS_BENCH_SECS` (seconds per phase, default 5), `PQRS_BENCH_CLIENTS` (default `1,16,64`),
//! `PQRS_BENCH_ROUNDS` (default 1: the whole bench of a backend — raw phases, then a server on
//! a fresh store — that many times, then the median ratio for each N: the raw baseline of
//! SQLite moves by a factor of two or more from one run to the next, its clients sleeping in
//! SQLite's busy handler, so one run's ratio says little on its own),
//! `PQRS_BENCH_BACKENDS` (default `sqlite,postgres`), `PQRS_BENCH_MAIL=1` (issue 15: the server
//! runs with e-mail on, sending to a local aiosmtpd sink that accepts and discards, as the
//! outbox bench's does, and every filing gives an e-mail address, so each one queues an
//! acknowledgement in its transaction), `PQRS_BENCH_IDENTIFIED=1` (the same identified petition
//! as with e-mail — name, identity number, e-mail, all sealed and indexed when a data key is
//! set — but with e-mail off: what the petitioner's personal data costs, apart from the mail).
//! Identified petitions come from a different petitioner each (identity number and e-mail
//! numbered per request), as a real entity's do: with one petitioner for all, the blind
//! index's entries would share one key prefix and be written in order, which no entity sees.
//! Only 127.0.0.1 traffic.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, FixedOffset, Utc};
use pqrs_tests::cpu::cpu_ms;
use pqrs_tests::{anonymous_petition, filed_numbers, spawn_app_with, App, Backend, TestDb};
use sqlx::{AnyConnection, Connection, Executor, Row};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one phase measured.
struct Phase {
    ok: u64,
    errors: u64,
    elapsed: Duration,
    /// Latency of every successful operation, in microseconds.
    latencies: Vec<u64>,
    first_error: Option<String>,
}

impl Phase {
    fn merge(elapsed: Duration, parts: Vec<(Vec<u64>, u64, Option<String>)>) -> Phase {
        let mut latencies = Vec::new();
        let (mut errors, mut first_error) = (0, None);
        for (l, e, fe) in parts {
            latencies.extend(l);
            errors += e;
            first_error = first_error.or(fe);
        }
        latencies.sort_unstable();
        Phase {
            ok: latencies.len() as u64,
            errors,
            elapsed,
            latencies,
            first_error,
        }
    }

    fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    /// The `p`-th percentile latency in milliseconds.
    fn ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[i.clamp(1, self.latencies.len()) - 1] as f64 / 1000.0
    }
}

struct Config {
    phase: Duration,
    clients: Vec<usize>,
    backends: Vec<Backend>,
    rounds: usize,
}

impl Config {
    fn from_env() -> Config {
        let secs: f64 = std::env::var("PQRS_BENCH_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(5.0);
        let clients = std::env::var("PQRS_BENCH_CLIENTS")
            .ok()
            .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_else(|| vec![1, 16, 64]);
        let backends = std::env::var("PQRS_BENCH_BACKENDS")
            .unwrap_or_else(|_| "sqlite,postgres".into())
            .split(',')
            .filter_map(|b| match b.trim() {
                "sqlite" => Some(Backend::Sqlite),
                "postgres" => Some(Backend::Postgres),
                _ => None,
            })
            .collect();
        let rounds = std::env::var("PQRS_BENCH_ROUNDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1_usize)
            .max(1);
        Config {
            phase: Duration::from_secs_f64(secs),
            clients,
            backends,
            rounds,
        }
    }
}

fn main() {
    // `cargo test --benches` runs this binary without `--bench`: nothing to do then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("filing bench: run it with `cargo bench -p pqrs-tests --bench filing`");
        return;
    }
    let config = Config::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut failed = false;
    for backend in &config.backends {
        let mut rounds = Vec::with_capacity(config.rounds);
        for round in 1..=config.rounds {
            if config.rounds > 1 {
                println!("\n# {backend:?}, round {round} of {}", config.rounds);
            }
            let outcome = runtime.block_on(bench_backend(*backend, &config));
            failed |= !outcome.gapless;
            rounds.push(outcome.rates);
        }
        if config.rounds > 1 {
            print_rounds(*backend, &config, &rounds);
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// What one round of a backend measured.
struct Outcome {
    /// Whether the radicados issued were exactly 1..count.
    gapless: bool,
    /// For each N of [`Config::clients`], in order: raw tx/s and HTTP filings/s.
    rates: Vec<(f64, f64)>,
}

/// After several rounds of a backend: for each N, the medians of the raw and HTTP rates and
/// of their ratio (each round's ratio is taken within the round), its least and greatest,
/// and how many rounds reached 2.
fn print_rounds(backend: Backend, config: &Config, rounds: &[Vec<(f64, f64)>]) {
    println!(
        "\n## {backend:?}: {} rounds of {} s per phase\n\n\
         |  N | raw tx/s, median | HTTP filings/s, median | ratio, median | least | greatest | rounds ≥ 2 |\n\
         |---:|-----------------:|-----------------------:|--------------:|------:|---------:|-----------:|",
        rounds.len(),
        config.phase.as_secs_f64()
    );
    for (i, n) in config.clients.iter().enumerate() {
        let rates: Vec<(f64, f64)> = rounds.iter().filter_map(|r| r.get(i).copied()).collect();
        let ratios: Vec<f64> = rates.iter().map(|(raw, http)| http / raw).collect();
        let at_two = ratios.iter().filter(|r| **r >= 2.0).count();
        let counted = ratios.len();
        let least = ratios.iter().copied().fold(f64::NAN, f64::min);
        let greatest = ratios.iter().copied().fold(f64::NAN, f64::max);
        println!(
            "| {n:>2} | {:>16.0} | {:>22.0} | {:>13.2} | {least:>5.2} | {greatest:>8.2} | {:>10} |",
            median(rates.iter().map(|r| r.0).collect()),
            median(rates.iter().map(|r| r.1).collect()),
            median(ratios),
            format!("{at_two} of {counted}"),
        );
    }
}

/// The median of `values` (the mean of the two middle ones when their number is even).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Runs every phase on one backend: one round.
async fn bench_backend(backend: Backend, config: &Config) -> Outcome {
    // The baseline first, before the server exists: its background work (projections, the
    // scheduler) must not take CPU or locks from the raw phases.
    let raw_db = TestDb::new(backend).await;
    prepare_raw(&raw_db).await;
    let mut raws = Vec::new();
    for &n in &config.clients {
        raws.push(raw_phase(&raw_db, n, config.phase).await);
    }
    drop(raw_db);

    let app_db = TestDb::new(backend).await;
    let mail = std::env::var_os("PQRS_BENCH_MAIL").is_some();
    // The sink accepts and discards, as in the outbox bench: the parsing sink of the tests
    // spends milliseconds of Python per message on these 2 cores, a cost of the test's
    // stand-in for the entity's mail server, not of pqrs.
    let sink = if mail {
        Some(pqrs_tests::smtp::SmtpSink::start_discarding().await)
    } else {
        None
    };
    let app = match &sink {
        Some(sink) => pqrs_tests::smtp::spawn_mailing_app(&app_db, &sink.url(), None).await,
        None => spawn_app_with(&app_db, &[]).await,
    };
    let pid = app.pid().expect("server pid");
    // Idle connections are dropped well before the server's idle keep-alive timeout (5 s by
    // default): the warm-up's 16 connections wait out the whole N = 1 phase, and one the
    // server closes just as the next phase sends on it fails as "error sending request"
    // (HTTP/1.1's keep-alive race; a POST is not retried).
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .pool_idle_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("http client");
    let identified = std::env::var_os("PQRS_BENCH_IDENTIFIED").is_some();
    let petition = if mail || identified {
        let mut p = pqrs_tests::smtp::mail_petition(&format!("p{PETITIONER}@example.co"), false);
        p["petitioner"]["id_number"] = PETITIONER.into();
        p
    } else {
        anonymous_petition()
    };
    let body = Body::new(serde_json::to_vec(&petition).expect("petition JSON"));

    let sampling = Arc::new(AtomicBool::new(true));
    let peak_rss = Arc::new(AtomicU64::new(0));
    let sampler = tokio::spawn(sample_rss(pid, sampling.clone(), peak_rss.clone()));

    // Warm up connections, caches and the allocator; these filings count in the gap check.
    http_phase(&app, &client, &body, 16, Duration::from_millis(500)).await;

    println!(
        "\n## {backend:?}{} — {} s per phase\n\n\
         |  N | raw tx/s | raw p50/p99 ms | HTTP filings/s | ratio | p50 ms | p95 ms | p99 ms | errors |\n\
         |---:|---------:|---------------:|---------------:|------:|-------:|-------:|-------:|-------:|",
        match (mail, identified) {
            (true, _) => ", identified petitioner, e-mail on",
            (false, true) => ", identified petitioner, e-mail off",
            (false, false) => ", anonymous petitions",
        },
        config.phase.as_secs_f64()
    );
    let mut notes = Vec::new();
    let mut rates = Vec::with_capacity(config.clients.len());
    for (&n, raw) in config.clients.iter().zip(raws) {
        let written = storage_writes(pid);
        let cpu = (cpu_ms(&pid.to_string()), cpu_ms("self"));
        let desk = desk_counts(&app, &client).await;
        let http = http_phase(&app, &client, &body, n, config.phase).await;
        let desk_after = desk_counts(&app, &client).await;
        let lag = projection_lag(&app, &client).await;
        let filings = http.ok.max(1) as f64;
        if let (Some(before), Some(after)) = (written, storage_writes(pid)) {
            notes.push(format!(
                "N = {n}: the server wrote {:.1} KB to storage per filing (all its files, \
                 write-ahead logs and checkpoints included)",
                after.saturating_sub(before) as f64 / 1024.0 / filings
            ));
        }
        if let ((Some(server), Some(bench)), (Some(server_after), Some(bench_after))) =
            (cpu, (cpu_ms(&pid.to_string()), cpu_ms("self")))
        {
            notes.push(format!(
                "N = {n}: the server used {:.3} ms of CPU per filing (user + system, all its \
                 threads); this bench's own process {:.3} ms",
                (server_after - server) / filings,
                (bench_after - bench) / filings
            ));
        }
        let batches = desk_after[0] - desk[0];
        if batches > 0.0 {
            notes.push(format!(
                "N = {n}: the desk committed {batches:.0} batches of {:.1} filings on average, \
                 {:.3} ms each (from waiting for its turn to write until the commit returned)",
                (desk_after[1] - desk[1]) / batches,
                (desk_after[2] - desk[2]) * 1000.0 / batches
            ));
        }
        // The case view's runner lets filing go first: how far behind the phase left it, and
        // what the server's CPU per filing is once it has caught up.
        let behind = Instant::now();
        while projection_lag(&app, &client).await > 0 && behind.elapsed() < CATCH_UP_AT_MOST {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        if let (Some(server), Some(server_after)) = (cpu.0, cpu_ms(&pid.to_string())) {
            notes.push(format!(
                "N = {n}: the case view was {lag} events behind when the phase ended, caught up \
                 {:.0} ms later; with the catch-up, {:.3} ms of server CPU per filing",
                behind.elapsed().as_secs_f64() * 1000.0,
                (server_after - server) / filings
            ));
        }
        rates.push((raw.per_second(), http.per_second()));
        println!(
            "| {n:>2} | {:>8.0} | {:>6.2} / {:<6.2} | {:>14.0} | {:>5.2} | {:>6.2} | {:>6.2} | {:>6.2} | {:>6} |",
            raw.per_second(),
            raw.ms(50.0),
            raw.ms(99.0),
            http.per_second(),
            http.per_second() / raw.per_second(),
            http.ms(50.0),
            http.ms(95.0),
            http.ms(99.0),
            http.errors,
        );
        for (what, phase) in [("raw", &raw), ("HTTP", &http)] {
            if let Some(e) = &phase.first_error {
                notes.push(format!(
                    "N = {n}, {what}: {} errors, first: {e}",
                    phase.errors
                ));
            }
        }
    }
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.await;
    let (_, hwm) = rss_kb(pid).unwrap_or((0, 0));
    let peak = peak_rss.load(Ordering::Relaxed).max(hwm);
    println!();
    for n in notes {
        println!("note: {n}");
    }
    println!("server peak RSS (VmHWM): {:.1} MB", peak as f64 / 1024.0);

    drop(app);
    let year = Utc::now()
        .with_timezone(&FixedOffset::west_opt(5 * 3600).expect("Bogotá offset"))
        .year();
    let numbers = filed_numbers(&app_db, year).await;
    let count = numbers.len() as i64;
    let gapless = numbers.iter().copied().eq(1..=count);
    println!(
        "radicados {year}-000001..{year}-{count:06}: {}",
        if gapless {
            "consecutive, no gap"
        } else {
            "GAP OR DUPLICATE FOUND"
        }
    );
    Outcome { gapless, rates }
}

/// How long the bench waits for the case view to catch up after a phase.
const CATCH_UP_AT_MOST: Duration = Duration::from_secs(120);

/// The filing desk's batches, the filings in them and their seconds, as `/metrics` counts them.
async fn desk_counts(app: &App, client: &reqwest::Client) -> [f64; 3] {
    let text = client
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("GET /metrics")
        .text()
        .await
        .expect("/metrics text");
    let value = |name: &str| {
        pqrs_tests::metric_in(&text, name).unwrap_or_else(|| panic!("no {name} in /metrics"))
    };
    [
        value("pqrs_filing_batches_total"),
        value("pqrs_filings_committed_total"),
        value("pqrs_filing_commit_seconds_total"),
    ]
}

/// How many events the case view is behind the log (`/ready`'s `projection_lag`).
async fn projection_lag(app: &App, client: &reqwest::Client) -> i64 {
    let ready: serde_json::Value = client
        .get(app.url("/ready"))
        .send()
        .await
        .expect("GET /ready")
        .json()
        .await
        .expect("/ready JSON");
    ready["projection_lag"].as_i64().expect("projection_lag")
}

/// The schema of pqrs (migrated by pqrs itself) for the raw baseline.
async fn prepare_raw(db: &TestDb) {
    let store = pqrs_infrastructure::Db::connect(&db.url)
        .await
        .expect("connect raw store");
    store.migrate().await.expect("migrate raw store");
    store.pool.close().await;
}

async fn raw_connection(db: &TestDb) -> AnyConnection {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(&db.url)
        .await
        .expect("connect raw store");
    if db.backend == Backend::Sqlite {
        // As pqrs runs SQLite: WAL, durable commits.
        conn.execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 15000;",
        )
        .await
        .expect("pragmas");
    }
    conn
}

/// A `PqrFiled` payload of the size pqrs writes (sorted keys, same fields).
const PAYLOAD: &str = r#"{"PqrFiled":{"access_code_hash":"3f1a9c0d2b7e4f6a8c1d3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b","calendar_version":"co-2026-9c1e4b7a","channel":"web","consent_personal_data":false,"description":"La luminaria de la Calle 12 con Carrera 3 no enciende desde hace una semana.","due_date":"2026-12-16","effective_received_on":"2026-11-24","kind":"petition","petitioner":null,"policy_id":"ley-1755-2015","policy_version":"1","radicado":"2026-000001","received_at":"2026-11-24T09:00:00.123456-05:00","subject":"Alumbrado público","term":{"days":15,"unit":"Business"}}}"#;
const METADATA: &str = r#"{"actor_kind":"citizen","channel":"web","request_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}"#;
const HASH: &str = "9b74c9897bac770ffc029102a200c5de9b74c9897bac770ffc029102a200c5de";

/// One filing's write shape, unbatched: counter, event, commit.
async fn raw_filing(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    let mut tx = conn.begin().await?;
    let row = sqlx::query(
        "INSERT INTO radicado_counters (year, last_number) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_number = radicado_counters.last_number + 1 \
         RETURNING last_number",
    )
    .bind(2026_i32)
    .fetch_one(&mut *tx)
    .await?;
    let number: i64 = row.try_get(0)?;
    sqlx::query(
        "INSERT INTO events (position, aggregate_type, aggregate_id, sequence, event_type, \
         event_version, payload, metadata, recorded_at, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(number)
    .bind("Pqr")
    .bind(format!("2026-{number:06}"))
    .bind(1_i64)
    .bind("PqrFiled")
    .bind("1")
    .bind(PAYLOAD)
    .bind(METADATA)
    .bind("2026-11-24T14:00:00.123456Z")
    .bind(HASH)
    .bind(HASH)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

async fn raw_phase(db: &TestDb, clients: usize, length: Duration) -> Phase {
    let mut conns = Vec::with_capacity(clients);
    for _ in 0..clients {
        conns.push(raw_connection(db).await);
    }
    let start = Instant::now();
    let end = start + length;
    let tasks: Vec<_> = conns
        .into_iter()
        .map(|mut conn| {
            tokio::spawn(async move {
                let (mut lat, mut errors, mut first) = (Vec::new(), 0, None);
                while Instant::now() < end {
                    let t = Instant::now();
                    match raw_filing(&mut conn).await {
                        Ok(()) => lat.push(t.elapsed().as_micros() as u64),
                        Err(e) => {
                            errors += 1;
                            first.get_or_insert_with(|| e.to_string());
                        }
                    }
                }
                let _ = conn.close().await;
                (lat, errors, first)
            })
        })
        .collect();
    let mut parts = Vec::new();
    for t in tasks {
        parts.push(t.await.expect("raw client task"));
    }
    Phase::merge(start.elapsed(), parts)
}

/// The placeholder of an identified petitioner's number: the identity number, and the e-mail
/// `p<number>@example.co`, become a new number for every request ([`Body::next`]).
const PETITIONER: &str = "7000000000";

/// A petition's JSON, with the places where its petitioner's number goes.
#[derive(Clone)]
struct Body {
    bytes: Vec<u8>,
    numbers: Vec<usize>,
}

impl Body {
    fn new(bytes: Vec<u8>) -> Body {
        let p = PETITIONER.as_bytes();
        let numbers = bytes
            .windows(p.len())
            .enumerate()
            .filter(|(_, w)| *w == p)
            .map(|(i, _)| i)
            .collect();
        Body { bytes, numbers }
    }

    /// The petition of the next petitioner (the same petition when it names none).
    fn next(&self) -> Vec<u8> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let mut bytes = self.bytes.clone();
        if !self.numbers.is_empty() {
            let n = format!(
                "{:010}",
                7_000_000_000 + NEXT.fetch_add(1, Ordering::Relaxed)
            );
            for &at in &self.numbers {
                bytes[at..at + n.len()].copy_from_slice(n.as_bytes());
            }
        }
        bytes
    }
}

async fn http_phase(
    app: &App,
    client: &reqwest::Client,
    body: &Body,
    clients: usize,
    length: Duration,
) -> Phase {
    let url = app.url("/v1/pqrs");
    let start = Instant::now();
    let end = start + length;
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (client, url, body) = (client.clone(), url.clone(), body.clone());
            tokio::spawn(async move {
                let (mut lat, mut errors, mut first) = (Vec::new(), 0, None);
                while Instant::now() < end {
                    let t = Instant::now();
                    let sent = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(body.next())
                        .send()
                        .await;
                    let outcome = match sent {
                        Ok(r) => {
                            let status = r.status();
                            match r.bytes().await {
                                Ok(_) if status.as_u16() == 201 => Ok(()),
                                Ok(b) => Err(format!("{status}: {}", String::from_utf8_lossy(&b))),
                                Err(e) => Err(e.to_string()),
                            }
                        }
                        Err(e) => Err(e.to_string()),
                    };
                    match outcome {
                        Ok(()) => lat.push(t.elapsed().as_micros() as u64),
                        Err(e) => {
                            errors += 1;
                            first.get_or_insert(e);
                        }
                    }
                }
                (lat, errors, first)
            })
        })
        .collect();
    let mut parts = Vec::new();
    for t in tasks {
        parts.push(t.await.expect("http client task"));
    }
    Phase::merge(start.elapsed(), parts)
}

/// The bytes `pid` has caused to be written to storage so far (`write_bytes` of
/// `/proc/<pid>/io`, less `cancelled_write_bytes`: pages of a file truncated or deleted
/// before they reached the disk, such as SQLite's temporary statement journals): per filing,
/// a measure of the transaction's size that does not depend on how fast this machine's disk
/// or cores are.
fn storage_writes(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    Some(
        proc_field(&io, "write_bytes:")?.saturating_sub(proc_field(&io, "cancelled_write_bytes:")?),
    )
}

/// The number after `name` on its line of a `/proc` file (`name: 123` or `name: 123 kB`).
fn proc_field(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// (VmRSS, VmHWM) of `pid` in kB.
fn rss_kb(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    Some((
        proc_field(&status, "VmRSS:")?,
        proc_field(&status, "VmHWM:")?,
    ))
}

async fn sample_rss(pid: u32, running: Arc<AtomicBool>, peak: Arc<AtomicU64>) {
    while running.load(Ordering::Relaxed) {
        if let Some((rss, hwm)) = rss_kb(pid) {
            peak.fetch_max(rss.max(hwm), Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
