//! Reports at the scale of a national entity (issue 11, item 20).
//!
//! Fills a fresh store with `PQRS_BENCH_CASES` cases (default 1 000 000; about ten events a
//! case) with the filler of the projections bench (every event decided by the real
//! aggregate, a mix of answered, forwarded, withdrawn and open cases filed 2026-06-01 …
//! 2026-11-23, appended with `ledger::append`), on SQLite and PostgreSQL
//! (`PQRS_BENCH_BACKENDS`, default `sqlite,postgres`). Then runs each report for the year
//! 2026 at the head:
//!
//! - through the CLI (`pqrs report NAME --format json --out FILE`), under `/usr/bin/time`:
//!   wall time and peak RSS (`%M`, the process's VmHWM);
//! - through HTTP (`GET /v1/reports/NAME?…&format=json`) on a running server: wall time and
//!   the server's VmHWM before and after.
//!
//! Run: `cargo bench -p pqrs-tests --bench reports`. PostgreSQL at 127.0.0.1 only.
//!
//! Filling takes most of the time (≈ 7 min for 10 M events on PostgreSQL, and the case-view
//! rebuild twice that), so a filled store can be kept and measured again:
//! `PQRS_BENCH_KEEP=1` leaves the store in place, even when a later step fails, and prints its
//! URL as soon as it is made;
//! `PQRS_BENCH_DATABASE_URL=URL` measures that store instead of filling a new one (drop it by
//! hand afterwards: `psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE …'`).
//!
//! Times are wall times; the CPU time (user + system) of the CLI process and of the server
//! during each request is printed next to them, since the machine may be shared.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "projections.rs"]
mod projections;

use pqrs_infrastructure::{projection, Db};
use pqrs_tests::{server_binary, start_listening, wait_for, Backend, TestDb};
use std::process::Stdio;
use std::time::Instant;

const REPORTS: [&str; 3] = ["pqr-follow-up", "dashboard", "access-to-information"];
const YEAR: &str = "from=2026-01-01&to=2026-12-31";

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time (user + system) of process `pid` so far, in seconds.
fn cpu_secs(pid: u32) -> f64 {
    let ticks = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // The fields after the command name (which may hold spaces) end with `)`.
            let rest = s.rsplit_once(')')?.1.to_owned();
            let fields: Vec<&str> = rest.split_whitespace().collect();
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the `)`.
            let user: f64 = fields.get(11)?.parse().ok()?;
            let system: f64 = fields.get(12)?.parse().ok()?;
            Some(user + system)
        })
        .unwrap_or(0.0);
    // USER_HZ is 100 on Linux.
    ticks / 100.0
}

/// VmHWM (peak resident set) of process `pid`, in MiB.
fn hwm_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

async fn run(backend: Backend, cases: usize) {
    let label = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let existing = std::env::var("PQRS_BENCH_DATABASE_URL").ok();
    let mut test_db = match existing {
        Some(_) => None,
        None => Some(TestDb::new(backend).await),
    };
    let url = match (&existing, &test_db) {
        (Some(url), _) => url.clone(),
        (None, Some(t)) => t.url.clone(),
        (None, None) => unreachable!("a store is either given or made"),
    };
    if std::env::var_os("PQRS_BENCH_KEEP").is_some() {
        // Kept from the start, not only at a clean end: a step that panics after the fill (a
        // failed CLI run, a migration the store does not know) must not drop the twenty
        // minutes of filling with it.
        if let Some(t) = test_db.take() {
            println!("{label}: store kept: PQRS_BENCH_DATABASE_URL={url}");
            std::mem::forget(t);
        }
    }
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    if existing.is_none() {
        println!("{label}: {cases} cases requested");
        let filled = projections::fill(&db, cases * 10).await;
        if backend == Backend::Postgres {
            sqlx::query("VACUUM ANALYZE events")
                .execute(&db.pool)
                .await
                .expect("vacuum");
        }
        // The server's projection runner starts from the case view's checkpoint: build it
        // first so the server does not spend the measurement catching up.
        let started = Instant::now();
        projection::rebuild_case_view(&db, 5_000, |_, _| {})
            .await
            .expect("rebuild");
        println!(
            "{label}: {filled} cases; case view rebuilt in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let head = projection::head_position(&db).await.expect("head");
    println!("{label}: {head} events in the log ({url})");
    db.pool.close().await;

    let out = std::env::temp_dir().join(format!("pqrs-bench-report-{}.json", std::process::id()));
    for name in REPORTS {
        let o = tokio::process::Command::new("/usr/bin/time")
            .args(["-f", "%e %M %U %S"])
            .arg(server_binary())
            .args(["report", name, "--from", "2026-01-01", "--to", "2026-12-31"])
            .args(["--format", "json", "--at-position", &head.to_string()])
            .args(["--out", out.to_str().expect("path")])
            .args(["--database-url", &url])
            .env_remove("PQRS_CONFIG")
            .output()
            .await
            .expect("run the CLI");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{stderr}");
        let last = stderr.lines().last().unwrap_or_default().to_owned();
        let mut parts = last.split_whitespace();
        let secs: f64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let kb: f64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
        let cpu: f64 = parts.filter_map(|v| v.parse::<f64>().ok()).sum();
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!(
            "{label} CLI  {name:<22} {secs:>6.2} s (CPU {cpu:>5.2} s)  peak RSS {:>6.1} MiB  ({size} bytes)",
            kb / 1024.0
        );
    }
    let _ = std::fs::remove_file(&out);

    let token = tokio::process::Command::new(server_binary())
        .args([
            "token",
            "create",
            "--role",
            "reporter",
            "--name",
            "Bench reporter",
        ])
        .args(["--database-url", &url])
        .env_remove("PQRS_CONFIG")
        .output()
        .await
        .expect("run pqrs token create");
    assert!(token.status.success(), "token create failed");
    let reporter = String::from_utf8(token.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    let mut serve = tokio::process::Command::new(server_binary());
    serve
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", &url])
        .args(["--scheduler-interval-secs", "86400"])
        .env_remove("PQRS_CONFIG")
        .stderr(Stdio::null());
    let started = Instant::now();
    let (mut child, base) = start_listening(&mut serve).await;
    let pid = child.id().expect("server pid");
    let at = |path: &str| format!("{base}{path}");
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(600))
        .build()
        .expect("client");
    // The scheduler makes its first pass over every case as the server starts: wait for it
    // to end, so the server's peak below is the reports', not the scheduler's.
    wait_for(std::time::Duration::from_secs(900), || async {
        let Ok(r) = client.get(at("/ready")).send().await else {
            return false;
        };
        let body = r.bytes().await.unwrap_or_default();
        let health: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        health["scheduler_runs"].as_u64().unwrap_or(0) >= 1
    })
    .await;
    println!(
        "{label}: server started, first scheduler pass done {:.1} s after start (server CPU \
         {:.1} s); server VmHWM {:.1} MiB",
        started.elapsed().as_secs_f64(),
        cpu_secs(pid),
        hwm_mib(pid)
    );
    for name in REPORTS {
        let before = hwm_mib(pid);
        let cpu_before = cpu_secs(pid);
        let started = Instant::now();
        let r = client
            .get(at(&format!(
                "/v1/reports/{name}?{YEAR}&format=json&at_position={head}"
            )))
            .bearer_auth(&reporter)
            .send()
            .await
            .expect("request");
        assert!(r.status().is_success(), "{}", r.status());
        let size = r.bytes().await.expect("body").len();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{label} HTTP {name:<22} {secs:>6.2} s (server CPU {:>5.2} s)  server VmHWM {before:>6.1} -> {:>6.1} MiB  ({size} bytes)",
            cpu_secs(pid) - cpu_before,
            hwm_mib(pid)
        );
    }
    let _ = child.start_kill();
    let _ = child.wait().await;
    // Dropped here (and on a panic) unless kept above.
    drop(test_db);
}

fn main() {
    let cases: usize = env("PQRS_BENCH_CASES", 1_000_000);
    let backends: String = env("PQRS_BENCH_BACKENDS", "sqlite,postgres".to_owned());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for b in backends.split(',') {
        let backend = match b.trim() {
            "sqlite" => Backend::Sqlite,
            "postgres" => Backend::Postgres,
            other => panic!("unknown backend {other}"),
        };
        rt.block_on(run(backend, cases));
    }
}
