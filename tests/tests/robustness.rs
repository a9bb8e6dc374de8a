//! Robustness of the service around the API (issue 11): connection limits (slow headers,
//! idle connections, oversized heads) and logs written to a file.
//!
//! The connection tests are about HTTP alone, so they run on SQLite only.

use pqrs_tests::*;
use reqwest::StatusCode;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// A `pqrs serve` started with a configuration file and the stderr given.
struct Server {
    base: String,
    addr: String,
    _child: Child,
}

async fn serve_with_config(
    db: &TestDb,
    config: &str,
    stderr: Stdio,
    env: &[(&str, &str)],
) -> Server {
    let path = db
        .dir()
        .join(format!("pqrs-{}.toml", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, config).expect("write config");
    let mut cmd = Command::new(server_binary());
    cmd.args([
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        &db.url,
        "--config",
    ])
    .arg(&path)
    .env_remove("PQRS_CONFIG")
    .stdout(Stdio::piped())
    .stderr(stderr)
    .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start pqrs serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("pqrs serve did not start within 60 s")
        .expect("read pqrs serve output")
        .expect("pqrs serve exited before listening");
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("listening line names the address")
        .to_owned();
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server {
        addr: base.trim_start_matches("http://").to_owned(),
        base,
        _child: child,
    }
}

/// Reads from `stream` until the server closes it (EOF or reset); panics if it is still open
/// after `bound`. Returns what was read.
async fn closed_within(stream: &mut tokio::net::tcp::OwnedReadHalf, bound: Duration) -> Vec<u8> {
    let mut seen = Vec::new();
    let result = tokio::time::timeout(bound, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(
        result.is_ok(),
        "the server kept the connection open for {bound:?}"
    );
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_trickling_headers_is_closed_within_the_header_timeout() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = serve_with_config(
        &db,
        "header_read_timeout_secs = 1\nidle_timeout_secs = 60\n",
        Stdio::null(),
        &[],
    )
    .await;
    let stream = TcpStream::connect(&server.addr).await.expect("connect");
    let (mut read, mut write) = stream.into_split();
    // One header line every 200 ms, never the blank line that ends the head.
    let trickle = tokio::spawn(async move {
        if write
            .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            .await
            .is_err()
        {
            return;
        }
        for i in 0.. {
            let line = format!("X-Slow-{i}: a\r\n");
            if write.write_all(line.as_bytes()).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let answer = closed_within(&mut read, Duration::from_secs(20)).await;
    assert!(
        !String::from_utf8_lossy(&answer).contains("200 OK"),
        "an unfinished request was served"
    );
    trickle.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_idle_kept_alive_connection_is_closed() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = serve_with_config(
        &db,
        "header_read_timeout_secs = 60\nidle_timeout_secs = 1\n",
        Stdio::null(),
        &[],
    )
    .await;
    let stream = TcpStream::connect(&server.addr).await.expect("connect");
    let (mut read, mut write) = stream.into_split();
    write
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("send a request");
    // The response arrives, then the connection, kept alive, idles until the server closes it.
    let answer = closed_within(&mut read, Duration::from_secs(20)).await;
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_oversized_head_is_refused_with_431() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = serve_with_config(&db, "max_header_bytes = 8192\n", Stdio::null(), &[]).await;
    let client = reqwest::Client::new();
    let big = "a".repeat(20_000);
    let r = client
        .get(format!("{}/health", server.base))
        .header("x-big", &big)
        .send()
        .await
        .expect("an answer");
    assert_eq!(r.status(), StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    // A head under the cap is served.
    let r = client
        .get(format!("{}/health", server.base))
        .header("x-small", "a".repeat(1_000))
        .send()
        .await
        .expect("an answer");
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn normal_clients_are_served_while_slow_ones_hold_connections() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = serve_with_config(
        &db,
        "header_read_timeout_secs = 30\nmax_connections = 64\n",
        Stdio::null(),
        &[],
    )
    .await;
    let mut slow = Vec::new();
    for _ in 0..40 {
        let mut s = TcpStream::connect(&server.addr).await.expect("connect");
        s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Unfinished: ")
            .await
            .expect("send part of a head");
        slow.push(s);
    }
    let r = reqwest::Client::new()
        .get(format!("{}/health", server.base))
        .send()
        .await
        .expect("an answer");
    assert_eq!(r.status(), StatusCode::OK);
    drop(slow);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn logs_written_to_a_file_carry_no_colour_codes() {
    let db = TestDb::new(Backend::Sqlite).await;
    let log = db.dir().join("server.log");
    let file = std::fs::File::create(&log).expect("create the log file");
    let server = serve_with_config(
        &db,
        "",
        Stdio::from(file),
        &[("RUST_LOG", "debug,sqlx=warn")],
    )
    .await;
    let r = reqwest::get(format!("{}/health", server.base))
        .await
        .expect("GET /health");
    assert_eq!(r.status(), StatusCode::OK);
    let mut text = Vec::new();
    wait_for(Duration::from_secs(20), || {
        text = std::fs::read(&log).unwrap_or_default();
        let found = String::from_utf8_lossy(&text).contains("/health");
        async move { found }
    })
    .await;
    assert!(
        !text.contains(&0x1b),
        "the log holds ANSI escape codes: {}",
        String::from_utf8_lossy(&text)
    );
}

