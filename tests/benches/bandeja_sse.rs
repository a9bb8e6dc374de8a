//! "A new filing shows in an open bandeja within 1 s" (issue 14): the latency from a filing
//! through the API to the `nuevos` server-sent event of an open bandeja.
//!
//! Starts `pqrs serve` on a fresh store, signs an agent in through the console's login form
//! (an account made with `pqrs user create`), opens `GET /funcionarios/bandeja/eventos` from
//! the position the bandeja page showed, and then, `PQRS_BENCH_FILINGS` times (default 100),
//! files an anonymous petition with `POST /v1/pqrs` and waits for the event that counts it.
//! The latency is from sending the filing to reading that event: the filing itself, the
//! projection that writes the case view, and the stream's poll of the checkpoint (every
//! 0.4 s). Prints p50, p95, p99 and the maximum in ms, on SQLite and PostgreSQL
//! (`PQRS_BENCH_BACKENDS`, default `sqlite,postgres`). No assertion: the figures go to
//! docs/performance.md.
//!
//! Run: `cargo bench -p pqrs-tests --bench bandeja_sse` (a debug build:
//! `cargo test -p pqrs-tests --bench bandeja_sse`). PostgreSQL at 127.0.0.1 only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::{create_account, ConsoleClient};
use pqrs_tests::{anonymous_petition, spawn_app, Backend, TestDb};
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

/// Reads the stream until an event `nuevos` says `want`; `buffer` keeps what was read past it.
async fn until_count(res: &mut reqwest::Response, buffer: &mut String, want: i64) {
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let is_new = event.lines().any(|l| l == "event: nuevos");
            let data = event
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .and_then(|d| d.trim().parse::<i64>().ok());
            if is_new && data.is_some_and(|n| n >= want) {
                return;
            }
        }
        let chunk = tokio::time::timeout(Duration::from_secs(30), res.chunk())
            .await
            .expect("an event within 30 s")
            .expect("the stream")
            .expect("the stream stays open");
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

async fn run(backend: Backend, filings: usize) {
    let db = TestDb::new(backend).await;
    let one_time = create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let app = spawn_app(&db).await;
    let mut console = ConsoleClient::new(&app.base);
    console
        .log_in_first_time("gestor@entidad.gov.co", &one_time, "una-clave-propia-larga")
        .await;
    let page = console.get("/funcionarios/bandeja").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let key = "data-desde=\"";
    let start = page.body.find(key).expect("the page's position") + key.len();
    let len = page.body[start..].find('"').expect("position");
    let desde = &page.body[start..start + len];
    let cookie = console
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let stream_client = reqwest::Client::new();
    let mut res = stream_client
        .get(app.url(&format!("/funcionarios/bandeja/eventos?desde={desde}")))
        .header("cookie", cookie)
        .send()
        .await
        .expect("the event stream");
    assert_eq!(res.status(), 200);
    let mut buffer = String::new();
    let mut ms = Vec::with_capacity(filings);
    for i in 1..=filings {
        let t = Instant::now();
        let r = app.file(&anonymous_petition()).await;
        assert_eq!(r.status(), 201);
        until_count(&mut res, &mut buffer, i as i64).await;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "bandeja_sse {backend:?}: {filings} filings, filing → event ms: p50 {:.0} p95 {:.0} \
         p99 {:.0} max {:.0}",
        quantile(&ms, 0.50),
        quantile(&ms, 0.95),
        quantile(&ms, 0.99),
        ms.last().copied().unwrap_or(f64::NAN),
    );
}

fn main() {
    let filings: usize = env("PQRS_BENCH_FILINGS", 100);
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
        rt.block_on(run(backend, filings));
    }
}
