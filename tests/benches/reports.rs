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

#[allow(dead_code)]
#[path = "projections.rs"]
mod projections;

use pqrs_infrastructure::{projection, Db};
use pqrs_tests::{server_binary, spawn_app_with, wait_for, Backend, TestDb};
use std::time::Instant;

const REPORTS: [&str; 3] = ["pqr-follow-up", "dashboard", "access-to-information"];
const YEAR: &str = "from=2026-01-01&to=2026-12-31";

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
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
    let test_db = TestDb::new(backend).await;
    let db = Db::connect(&test_db.url).await.expect("connect");
    db.migrate().await.expect("migrate");
    println!("{label}: {cases} cases requested");
    let filled = projections::fill(&db, cases * 10).await;
    let head = projection::head_position(&db).await.expect("head");
    if backend == Backend::Postgres {
        sqlx::query("VACUUM ANALYZE events")
            .execute(&db.pool)
            .await
            .expect("vacuum");
    }
    // The server's projection runner starts from the case view's checkpoint: build it first
    // so the server does not spend the measurement catching up.
    let started = Instant::now();
    projection::rebuild_case_view(&db, 5_000, |_, _| {})
        .await
        .expect("rebuild");
    println!(
        "{label}: {filled} cases, {head} events; case view rebuilt in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    db.pool.close().await;

    let out = std::env::temp_dir().join(format!("pqrs-bench-report-{}.json", std::process::id()));
    for name in REPORTS {
        let o = tokio::process::Command::new("/usr/bin/time")
            .args(["-f", "%e %M"])
            .arg(server_binary())
            .args(["report", name, "--from", "2026-01-01", "--to", "2026-12-31"])
            .args(["--format", "json", "--at-position", &head.to_string()])
            .args(["--out", out.to_str().expect("path")])
            .args(["--database-url", &test_db.url])
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
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!(
            "{label} CLI  {name:<22} {secs:>6.2} s  peak RSS {:>6.1} MiB  ({size} bytes)",
            kb / 1024.0
        );
    }
    let _ = std::fs::remove_file(&out);

    let reporter = test_db.token("reporter").await;
    let app = spawn_app_with(&test_db, &["--scheduler-interval-secs", "86400"]).await;
    let pid = app.pid().expect("server pid");
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(600))
        .build()
        .expect("client");
    // The scheduler makes its first pass over every case as the server starts: wait for it
    // to end, so the server's peak below is the reports', not the scheduler's.
    let started = Instant::now();
    wait_for(std::time::Duration::from_secs(900), || async {
        let Ok(r) = client.get(app.url("/ready")).send().await else {
            return false;
        };
        let body = r.bytes().await.unwrap_or_default();
        let health: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        health["scheduler_runs"].as_u64().unwrap_or(0) >= 1
    })
    .await;
    println!(
        "{label}: server up, first scheduler pass done in {:.1} s; server VmHWM {:.1} MiB",
        started.elapsed().as_secs_f64(),
        hwm_mib(pid)
    );
    for name in REPORTS {
        let before = hwm_mib(pid);
        let started = Instant::now();
        let r = client
            .get(app.url(&format!(
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
            "{label} HTTP {name:<22} {secs:>6.2} s  server VmHWM {before:>6.1} -> {:>6.1} MiB  ({size} bytes)",
            hwm_mib(pid)
        );
    }
    app.kill9().await;
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
