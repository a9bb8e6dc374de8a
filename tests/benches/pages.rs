//! The portal's pages under 16 concurrent clients (issue 13, goal: p99 under 20 ms at 16
//! clients, every page under 30 KB): the home page (`GET /`), the filing form (`GET
//! /radicar`) and the case page (`POST /consultar` with a radicado and its access code, as a
//! citizen follows a case); and the tracking API (`GET /v1/pqrs/{radicado}` with
//! `X-Access-Code`, issue 16's goal: p99 under 5 ms with the personal fields decrypted) for an
//! identified petitioner. Each page is asked `PQRS_BENCH_REQUESTS` times in all (default
//! 2 000), spread over `PQRS_BENCH_CLIENTS` clients (default 16) that each send their next
//! request as soon as the last one answered, after `PQRS_BENCH_WARMUP` requests per client
//! (default 10) that are not counted. Prints p50, p99, the maximum and the bytes of each page,
//! and the CPU the server used per request (and, on PostgreSQL, the local server's processes):
//! the work a request costs, which queueing does not inflate (it still moves with the cores'
//! speed). On SQLite and PostgreSQL (`PQRS_BENCH_BACKENDS`, default `sqlite,postgres`). No
//! assertion: the figures go to docs/performance.md.
//!
//! Filing through the form is not measured here: it goes through the same filing desk as
//! `POST /v1/pqrs` (`api/src/pages/radicar.rs` → `FilingDesk::file`), so it keeps the API's
//! batching, which the filing bench measures (`tests/benches/filing.rs`).
//!
//! Run: `cargo bench -p pqrs-tests --bench pages` (release). A quick check in debug (the test
//! profile runs the same `main`): `PQRS_BENCH_REQUESTS=320 cargo test -p pqrs-tests --bench
//! pages`. PostgreSQL at 127.0.0.1.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::cpu::{cpu_ms, cpu_ms_of_all};
use pqrs_tests::{anonymous_petition, identified_petition, spawn_app, App, Backend, TestDb};
use serde_json::Value;
use std::sync::Arc;
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

/// A page to measure: how to ask for it.
#[derive(Clone)]
enum Ask {
    Get(&'static str),
    Case { radicado: String, code: String },
    Track { radicado: String, code: String },
}

/// One client: its own CSRF cookie and token (taken from the lookup form), as a browser has.
struct Client {
    http: reqwest::Client,
    base: String,
    cookie: String,
    token: String,
}

impl Client {
    async fn new(base: &str) -> Client {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let r = http.get(format!("{base}/consultar")).send().await.unwrap();
        let cookie = r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let html = r.text().await.unwrap();
        let marker = "name=\"pqrs_csrf\" value=\"";
        let from = html.find(marker).unwrap() + marker.len();
        let token = html[from..from + 64].to_owned();
        Client {
            http,
            base: base.to_owned(),
            cookie,
            token,
        }
    }

    /// Asks once; the time and the bytes of the answer.
    async fn ask(&self, ask: &Ask) -> (Duration, usize) {
        let start = Instant::now();
        let r = match ask {
            Ask::Get(path) => self.http.get(format!("{}{path}", self.base)),
            Ask::Case { radicado, code } => self
                .http
                .post(format!("{}/consultar", self.base))
                .header("cookie", &self.cookie)
                .form(&[
                    ("radicado", radicado.as_str()),
                    ("codigo", code.as_str()),
                    ("pqrs_csrf", self.token.as_str()),
                ]),
            Ask::Track { radicado, code } => self
                .http
                .get(format!("{}/v1/pqrs/{radicado}", self.base))
                .header("X-Access-Code", code),
        }
        .send()
        .await
        .unwrap();
        assert!(r.status().is_success(), "{}", r.status());
        let bytes = r.bytes().await.unwrap().len();
        (start.elapsed(), bytes)
    }
}

async fn measure(app: &App, backend: Backend, name: &str, ask: Ask) {
    let clients: usize = env("PQRS_BENCH_CLIENTS", 16);
    let total: usize = env("PQRS_BENCH_REQUESTS", 2_000);
    let warmup: usize = env("PQRS_BENCH_WARMUP", 10);
    let per_client = total.div_ceil(clients);
    let ask = Arc::new(ask);
    let server = app.pid().map(|p| p.to_string()).unwrap_or_default();
    let cpu_before = (cpu_ms(&server), cpu_ms_of_all("postgres"));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let client = Client::new(&app.url("")).await;
        let ask = ask.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..warmup {
                client.ask(&ask).await;
            }
            let mut times = Vec::with_capacity(per_client);
            let mut bytes = 0;
            for _ in 0..per_client {
                let (t, b) = client.ask(&ask).await;
                times.push(t.as_secs_f64() * 1000.0);
                bytes = b;
            }
            (times, bytes)
        }));
    }
    let started = Instant::now();
    let mut times = Vec::new();
    let mut bytes = 0;
    for t in tasks {
        let (mut ts, b) = t.await.unwrap();
        times.append(&mut ts);
        bytes = b;
    }
    let wall = started.elapsed().as_secs_f64();
    // Warm-up requests included: the CPU is read before and after both.
    let asked = (per_client + warmup) * clients;
    let server_cpu = match (cpu_before.0, cpu_ms(&server)) {
        (Some(before), Some(after)) => (after - before) / asked as f64,
        _ => f64::NAN,
    };
    let postgres_cpu = (cpu_ms_of_all("postgres") - cpu_before.1) / asked as f64;
    times.sort_by(f64::total_cmp);
    println!(
        "  {name:<28} {:>6} requests  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  \
         {:>7.0} req/s  {bytes:>6} bytes  CPU per request: server {server_cpu:.3} ms{}",
        times.len(),
        quantile(&times, 0.50),
        quantile(&times, 0.99),
        times.last().copied().unwrap_or(f64::NAN),
        times.len() as f64 / wall,
        match backend {
            Backend::Postgres => format!(", PostgreSQL {postgres_cpu:.3} ms"),
            Backend::Sqlite => String::new(),
        },
    );
}

async fn bench(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let r = app.file(&anonymous_petition()).await;
    let filed: Value = r.json().await.unwrap();
    let radicado = filed["radicado"].as_str().unwrap().to_owned();
    let code = filed["access_code"].as_str().unwrap().to_owned();
    println!(
        "{backend:?}: {} clients",
        env::<usize>("PQRS_BENCH_CLIENTS", 16)
    );
    measure(&app, backend, "GET / (home)", Ask::Get("/")).await;
    measure(&app, backend, "GET /radicar (form)", Ask::Get("/radicar")).await;
    measure(
        &app,
        backend,
        "POST /consultar (case page)",
        Ask::Case { radicado, code },
    )
    .await;
    let r = app.file(&identified_petition()).await;
    let filed: Value = r.json().await.unwrap();
    let radicado = filed["radicado"].as_str().unwrap().to_owned();
    let code = filed["access_code"].as_str().unwrap().to_owned();
    measure(
        &app,
        backend,
        "GET /v1/pqrs/{r} (tracking)",
        Ask::Track { radicado, code },
    )
    .await;
}

#[tokio::main]
async fn main() {
    let backends: String = env("PQRS_BENCH_BACKENDS", "sqlite,postgres".to_owned());
    for name in backends.split(',') {
        let backend = match name.trim() {
            "sqlite" => Backend::Sqlite,
            "postgres" => Backend::Postgres,
            other => panic!("unknown backend {other}"),
        };
        bench(backend).await;
    }
}
