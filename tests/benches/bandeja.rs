//! The bandeja (work queue) page with 100 000 cases in the store (issue 14, goal: p99 under
//! 50 ms).
//!
//! Fills a fresh store with `PQRS_BENCH_CASES` cases (default 100 000; about ten events a
//! case) with the filler of the projections bench (every event decided by the real aggregate,
//! a mix of answered, forwarded, withdrawn and open cases), rebuilds the case view, starts
//! `pqrs serve`, and then asks for the bandeja `PQRS_BENCH_REQUESTS` times (default 1 000),
//! one request after another, logged in as an agent, after `PQRS_BENCH_WARMUP` (default 50)
//! requests that are not counted. Prints p50, p95, p99 and the maximum, on SQLite and
//! PostgreSQL (`PQRS_BENCH_BACKENDS`, default `sqlite,postgres`). No assertion: the figures
//! go to docs/performance.md.
//!
//! The path measured is `PQRS_BENCH_BANDEJA_PATH`: `/funcionarios/bandeja` is the console's
//! page; the default, `/v1/cases`, is the JSON queue the page is built on (the page is written
//! on another branch; point the bench at it once both are merged). Every request
//! carries the agent's credentials both ways: the bearer token (the JSON API) and the
//! console's session cookie (the page).
//!
//! Run: `cargo bench -p pqrs-tests --bench bandeja`. PostgreSQL at 127.0.0.1 only.
//! `PQRS_BENCH_KEEP=1` keeps the filled store and prints its URL;
//! `PQRS_BENCH_DATABASE_URL=URL` measures that store instead of filling a new one.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "projections.rs"]
mod projections;

use pqrs_infrastructure::{projection, Db};
use pqrs_tests::console::{new_password_for, ConsoleClient};
use pqrs_tests::{pqrs_cli_ok, server_binary, start_listening, wait_for, Backend, TestDb};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `q`-quantile (0–1) of sorted `xs`, nearest rank.
fn quantile(xs: &[f64], q: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    xs[rank - 1]
}

/// The credentials of an agent, as request headers: a bearer token (the JSON API) and a
/// console session (the page), signed in through the login form with an account made by
/// `pqrs user create`.
async fn log_in(url: &str, base: &str) -> Vec<(String, String)> {
    let token = pqrs_cli_ok(&[
        "token",
        "create",
        "--role",
        "agent",
        "--name",
        "Bench agent",
        "--database-url",
        url,
    ])
    .await
    .trim()
    .to_owned();
    let email = format!("bandeja-{}@bench.gov.co", std::process::id());
    let one_time = pqrs_cli_ok(&[
        "user",
        "create",
        "--email",
        &email,
        "--name",
        "Bench agent",
        "--role",
        "agent",
        "--database-url",
        url,
    ])
    .await
    .trim()
    .to_owned();
    let mut console = ConsoleClient::new(base);
    console
        .log_in_first_time(&email, &one_time, &new_password_for(&one_time))
        .await;
    let session = console
        .cookies
        .get("pqrs_session")
        .expect("a console session after logging in")
        .clone();
    vec![
        ("authorization".to_owned(), format!("Bearer {token}")),
        ("cookie".to_owned(), format!("pqrs_session={session}")),
    ]
}

async fn run(backend: Backend, cases: usize, requests: usize, warmup: usize, path: &str) {
    let label = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let existing = std::env::var("PQRS_BENCH_DATABASE_URL").ok();
    let test_db = match existing {
        Some(_) => None,
        None => Some(TestDb::new(backend).await),
    };
    let url = match (&existing, &test_db) {
        (Some(url), _) => url.clone(),
        (None, Some(t)) => t.url.clone(),
        (None, None) => unreachable!("a store is either given or made"),
    };
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    if existing.is_none() {
        let started = Instant::now();
        let filled = projections::fill(&db, cases * 10).await;
        if backend == Backend::Postgres {
            sqlx::query("VACUUM ANALYZE events")
                .execute(&db.pool)
                .await
                .expect("vacuum");
        }
        projection::rebuild_case_view(&db, 5_000, |_, _| {})
            .await
            .expect("rebuild");
        if backend == Backend::Postgres {
            sqlx::query("ANALYZE")
                .execute(&db.pool)
                .await
                .expect("analyze");
        }
        println!(
            "{label}: {filled} cases filled and the case view built in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let head = projection::head_position(&db).await.expect("head");
    db.pool.close().await;

    let mut serve = tokio::process::Command::new(server_binary());
    serve
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", &url])
        .args(["--scheduler-interval-secs", "86400"])
        .env_remove("PQRS_CONFIG")
        .stderr(Stdio::null());
    let (mut child, base) = start_listening(&mut serve).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    // The scheduler's first pass over every case runs as the server starts: wait for it, so
    // it does not share the machine with the measurement.
    wait_for(Duration::from_secs(900), || async {
        let Ok(r) = client.get(format!("{base}/ready")).send().await else {
            return false;
        };
        let health: serde_json::Value =
            serde_json::from_slice(&r.bytes().await.unwrap_or_default()).unwrap_or_default();
        health["scheduler_runs"].as_u64().unwrap_or(0) >= 1
    })
    .await;

    let credentials = log_in(&url, &base).await;
    let target = format!("{base}{path}");
    let get = || {
        let mut r = client.get(&target);
        for (k, v) in &credentials {
            r = r.header(k.as_str(), v.as_str());
        }
        async move {
            let res = r.send().await.expect("request");
            let status = res.status();
            let body = res.bytes().await.expect("body");
            (status, body.len())
        }
    };
    let (status, size) = get().await;
    assert!(
        status.is_success(),
        "{path} answered {status}: is the agent logged in, and does the page exist?"
    );
    for _ in 1..warmup {
        get().await;
    }
    let mut times = Vec::with_capacity(requests);
    for _ in 0..requests {
        let started = Instant::now();
        let (status, _) = get().await;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(status.is_success(), "{status}");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{label} GET {path} ({cases} cases, {head} events, {size} bytes): {requests} requests \
         p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms  max {:.1} ms",
        quantile(&times, 0.50),
        quantile(&times, 0.95),
        quantile(&times, 0.99),
        times.last().copied().unwrap_or(f64::NAN),
    );
    let _ = child.start_kill();
    let _ = child.wait().await;
    if let Some(t) = test_db {
        if std::env::var_os("PQRS_BENCH_KEEP").is_some() {
            println!("{label}: store kept: PQRS_BENCH_DATABASE_URL={url}");
            std::mem::forget(t);
        }
    }
}

fn main() {
    let cases: usize = env("PQRS_BENCH_CASES", 100_000);
    let requests: usize = env("PQRS_BENCH_REQUESTS", 1_000);
    let warmup: usize = env("PQRS_BENCH_WARMUP", 50);
    let path: String = env("PQRS_BENCH_BANDEJA_PATH", "/v1/cases".to_owned());
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
        rt.block_on(run(backend, cases, requests, warmup, &path));
    }
}
