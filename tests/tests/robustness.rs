//! Robustness of the service around the API (issue 11): connection limits (slow headers,
//! idle connections, oversized heads), a radicado counter moved back by hand, a store that
//! cannot be opened or is damaged, and logs written to a file.
//!
//! The connection tests are about HTTP alone, so they run on SQLite only.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::Value;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// A `pqrs serve` started with a configuration file and the stderr given.
struct Server {
    base: String,
    addr: String,
    child: Child,
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
    .stderr(stderr);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (child, base) = start_listening(&mut cmd).await;
    Server {
        addr: base.trim_start_matches("http://").to_owned(),
        base,
        child,
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

/// Whether the server has closed `stream` (EOF waiting), without blocking.
fn closed_by_server(stream: &std::net::TcpStream) -> bool {
    use std::io::Read;
    stream.set_nonblocking(true).expect("non-blocking");
    let mut buf = [0u8; 64];
    let mut s = stream;
    matches!(s.read(&mut buf), Ok(0))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn beyond_the_connection_cap_a_client_waits_for_a_free_connection() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = serve_with_config(
        &db,
        "header_read_timeout_secs = 2\nmax_connections = 2\n",
        Stdio::null(),
        &[],
    )
    .await;
    // Two silent clients take both connections.
    let mut silent = Vec::new();
    for _ in 0..2 {
        let s = TcpStream::connect(&server.addr).await.expect("connect");
        silent.push(s.into_std().expect("std stream"));
    }
    // A third is answered, but only once the server has closed one of the silent ones.
    let r = reqwest::Client::new()
        .get(format!("{}/health", server.base))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .expect("an answer");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        silent.iter().any(closed_by_server),
        "the third client was served while both connections were held"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_stops_the_server_cleanly_with_connections_open() {
    let db = TestDb::new(Backend::Sqlite).await;
    let mut server = serve_with_config(
        &db,
        "header_read_timeout_secs = 2\nidle_timeout_secs = 30\n",
        Stdio::null(),
        &[],
    )
    .await;
    // A kept-alive connection after a request, and one with half a head.
    let mut idle = TcpStream::connect(&server.addr).await.expect("connect");
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("send a request");
    let mut buf = [0u8; 512];
    let n = idle.read(&mut buf).await.expect("read the answer");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let mut half = TcpStream::connect(&server.addr).await.expect("connect");
    half.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("send half a head");
    let status = terminate(&mut server.child).await;
    assert!(status.success(), "exit status {status}");
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

// ---- A radicado counter moved back by hand (item 5) ----

async fn a_counter_moved_back_refuses_filings_and_is_reported(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    for _ in 0..3 {
        assert_eq!(
            app.file(&anonymous_petition()).await.status(),
            StatusCode::CREATED
        );
    }
    let year: i64 = db
        .query_i64("SELECT MAX(year) FROM radicado_counters")
        .await[0];
    db.execute("UPDATE radicado_counters SET last_number = 1")
        .await;

    // The failing insert finds the counter behind: 503 naming it, nothing filed.
    let r = app.file(&anonymous_petition()).await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["type"], "urn:pqrs:problem:store-fault");
    assert_eq!(problem["status"], 503);
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("contador de radicados"), "{detail}");
    assert!(detail.contains(&format!("{year}-000003")), "{detail}");
    // A client that asked for English reads the operator's fault in English.
    let english: Value = app
        .file_asking(&anonymous_petition(), "en")
        .await
        .json()
        .await
        .unwrap();
    let detail = english["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("The radicado counter of the year"),
        "{detail}"
    );
    assert!(detail.contains("Nothing is filed"), "{detail}");
    // Refused again, without touching the store.
    assert_eq!(
        app.file(&anonymous_petition()).await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    let ready = app.client.get(app.url("/ready")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = ready.json().await.unwrap();
    assert!(body["store"]
        .as_str()
        .unwrap()
        .contains("contador de radicados"));

    // A process started on the store finds it at start, before any filing.
    let second = spawn_app(&db).await;
    let ready = second
        .client
        .get(second.url("/ready"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);

    assert_eq!(
        filed_numbers(&db, year as i32).await,
        vec![1, 2, 3],
        "no number was issued twice"
    );

    // Repaired, filing resumes after the last number.
    db.execute("UPDATE radicado_counters SET last_number = 3")
        .await;
    let r = second.file(&anonymous_petition()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let ready = second
        .client
        .get(second.url("/ready"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(filed_numbers(&db, year as i32).await, vec![1, 2, 3, 4]);
}

on_both_backends!(a_counter_moved_back_refuses_filings_and_is_reported);

// ---- Processes started together on a new store ----

/// Three `pqrs serve` started at the same instant on a store nobody has set up yet, four
/// times: every one starts, and they share one store (one key, one numbering). On SQLite the
/// second process used to run the first migration again ("table events already exists", a
/// UNIQUE error on `_sqlx_migrations`) or fail to switch the new file to WAL ("database is
/// locked"): 7 starts in 10 failed.
async fn servers_started_together_on_a_new_store_all_start(backend: Backend) {
    for _ in 0..4 {
        let db = TestDb::new(backend).await;
        let (a, b, c) = tokio::join!(spawn_app(&db), spawn_app(&db), spawn_app(&db));
        let mut codes = Vec::new();
        for app in [&a, &b, &c] {
            codes.push(app.file_ok(&identified_petition()).await);
        }
        // Each case is read back through another process: the same key opens it.
        for (i, (radicado, code)) in codes.iter().enumerate() {
            let other = [&a, &b, &c][(i + 1) % 3];
            let case = other.track(radicado, code).await;
            assert_eq!(case["radicado"], radicado.as_str(), "{case}");
        }
        let year: i32 = codes[0].0[..4].parse().unwrap();
        assert_eq!(filed_numbers(&db, year).await, vec![1, 2, 3]);
    }
}

on_both_backends!(servers_started_together_on_a_new_store_all_start);

// ---- A store that cannot be opened or is damaged (item 6) ----

/// Runs `pqrs serve` on `url` and waits (at most 60 s) for it to exit; returns its status
/// and stderr.
async fn serve_must_fail(url: &str) -> String {
    let child = Command::new(server_binary())
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", url])
        .env_remove("PQRS_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start pqrs serve");
    let out = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("pqrs serve neither started nor failed within 60 s")
        .expect("wait for pqrs serve");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "pqrs serve did not fail: {stderr}");
    assert!(!stderr.contains("pool timed out"), "{stderr}");
    stderr
}

fn absolute(p: &Path) -> String {
    std::path::absolute(p).unwrap().display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_garbage_file_fails_the_start_naming_the_file() {
    let db = TestDb::new(Backend::Sqlite).await;
    let file = db.dir().join("garbage.db");
    std::fs::write(&file, "these are not the bytes of a database\n".repeat(200)).unwrap();
    let stderr = serve_must_fail(&format!("sqlite://{}", file.display())).await;
    assert!(stderr.contains(&absolute(&file)), "{stderr}");
    assert!(
        stderr.contains("no es una base de datos SQLite"),
        "{stderr}"
    );
}

/// Tests run as root, whom file permissions do not stop: the unwritable "folder" is a path
/// under a regular file, which no one can create files in.
#[tokio::test(flavor = "multi_thread")]
async fn a_folder_that_cannot_be_written_fails_the_start_naming_it() {
    let db = TestDb::new(Backend::Sqlite).await;
    let not_a_folder = db.dir().join("a-file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let file = not_a_folder.join("pqrs.db");
    let stderr = serve_must_fail(&format!("sqlite://{}", file.display())).await;
    assert!(stderr.contains(&absolute(&not_a_folder)), "{stderr}");
    assert!(stderr.contains("no es una carpeta"), "{stderr}");
    assert!(!stderr.contains("code: 14"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_postgresql_connection_fails_the_start_naming_the_address() {
    let stderr = serve_must_fail("postgres://postgres@127.0.0.1:1/pqrs").await;
    assert!(stderr.contains("127.0.0.1:1"), "{stderr}");
    assert!(
        stderr.contains("PostgreSQL rechazó la conexión"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_page_in_a_running_store_turns_readiness_to_503() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    for _ in 0..5 {
        assert_eq!(
            app.file(&anonymous_petition()).await.status(),
            StatusCode::CREATED
        );
    }
    let ready = app.client.get(app.url("/ready")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    // Everything into the main file, so the page overwritten below is the one SQLite reads.
    wait_for(Duration::from_secs(30), || async {
        db.query_i64("PRAGMA wal_checkpoint(TRUNCATE)").await == vec![0]
    })
    .await;
    let root = db
        .query_i64("SELECT rootpage FROM sqlite_master WHERE name = 'events'")
        .await[0];
    let path = db.url.trim_start_matches("sqlite://").to_owned();
    let page_size = db.query_i64("PRAGMA page_size").await[0];
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.seek(SeekFrom::Start(((root - 1) * page_size) as u64))
            .unwrap();
        f.write_all(&vec![0xA5u8; page_size as usize]).unwrap();
        f.sync_all().unwrap();
    }
    // A write through SQLite tells the server's connections that their cached pages are stale.
    db.execute("PRAGMA user_version = 7").await;
    wait_for(Duration::from_secs(30), || async {
        let r = app.client.get(app.url("/ready")).send().await.unwrap();
        r.status() == StatusCode::SERVICE_UNAVAILABLE
            && r.json::<Value>().await.unwrap()["store"]
                .as_str()
                .is_some_and(|s| s.contains("dañado"))
    })
    .await;
    let r = app.file(&anonymous_petition()).await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
}

/// Ends the PostgreSQL server process `pid` (as a restart or a proxy's timeout would), then
/// waits past the window in which a connection just put back is trusted without a ping.
async fn terminate_and_outwait_trust(db: &TestDb, pid: i32) {
    let killed = db
        .query_i64(&format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT pg_terminate_backend({pid})) t"
        ))
        .await;
    assert_eq!(killed, vec![1]);
    tokio::time::sleep(pqrs_infrastructure::db::TRUSTED_IDLE + Duration::from_millis(500)).await;
}

/// A pooled PostgreSQL connection whose server process went away while it sat idle (a restart,
/// a proxy's timeout, `pg_terminate_backend`) is found and replaced before use: the pool skips
/// the ping only for a connection released moments ago (`db::TRUSTED_IDLE`).
#[tokio::test]
async fn a_postgresql_connection_dropped_while_idle_is_replaced_before_use() {
    let db = TestDb::new(Backend::Postgres).await;
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    let pid_of = |row: sqlx::any::AnyRow| sqlx::Row::try_get::<i32, _>(&row, 0).unwrap();
    let first = pid_of(
        sqlx::query("SELECT pg_backend_pid()")
            .fetch_one(&store.pool)
            .await
            .unwrap(),
    );
    // The pool takes it back (after its own ping) in a task of its own.
    wait_for(Duration::from_secs(10), || async {
        store.pool.num_idle() == 1
    })
    .await;
    terminate_and_outwait_trust(&db, first).await;
    let second = sqlx::query("SELECT pg_backend_pid()")
        .fetch_one(&store.pool)
        .await
        .expect("the dead connection is replaced, not handed out");
    assert_ne!(pid_of(second), first);
}

// ---- Readers kept outside the pool (`infrastructure/src/readers.rs`) ----

/// How many times the connection under `reader` has been marked, counting this one: a temporary
/// table is the connection's own, so the count tells a reused connection from a new one.
async fn mark(reader: &mut pqrs_infrastructure::readers::Reader<'_>) -> i64 {
    let conn = reader.conn();
    sqlx::query("CREATE TEMP TABLE IF NOT EXISTS reader_mark (n INTEGER)")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("INSERT INTO reader_mark (n) VALUES (1)")
        .execute(&mut *conn)
        .await
        .unwrap();
    let row = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) FROM reader_mark")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    sqlx::Row::try_get(&row, 0).unwrap()
}

/// A reader put back with `done` is the next one handed out, with no ping on the way; one
/// dropped without it — an error, a cancelled request, possibly mid-statement — is closed and
/// never handed out again.
async fn a_reader_is_kept_only_when_its_statements_ran_to_the_end(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    let mut first = store.reader().await.unwrap();
    assert_eq!(mark(&mut first).await, 1);
    first.done();
    assert_eq!(store.readers.idle_count(), 1);

    let mut again = store.reader().await.unwrap();
    assert_eq!(store.readers.idle_count(), 0);
    assert_eq!(mark(&mut again).await, 2, "the kept reader is reused");
    drop(again);
    assert_eq!(
        store.readers.idle_count(),
        0,
        "a dropped reader is not kept"
    );

    let mut fresh = store.reader().await.unwrap();
    assert_eq!(
        mark(&mut fresh).await,
        1,
        "a new connection, not the dropped one"
    );
    fresh.done();
    store.close().await;
}

/// Readers never outnumber their budget: when it is spent, a read takes a pooled connection,
/// which goes back to the pool.
async fn readers_keep_to_their_budget(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    let readers = pqrs_infrastructure::readers::Readers::new(store.backend, 2);
    let mut held = Vec::new();
    for _ in 0..6 {
        let mut reader = readers.take(&store.pool).await.unwrap();
        assert_eq!(mark(&mut reader).await, 1, "each one its own connection");
        held.push(reader);
    }
    for reader in held {
        reader.done();
    }
    assert_eq!(readers.idle_count(), 2);
    readers.close().await;
    assert_eq!(readers.idle_count(), 0);
    store.close().await;
}

on_both_backends!(
    a_reader_is_kept_only_when_its_statements_ran_to_the_end,
    readers_keep_to_their_budget
);

/// A kept reader whose PostgreSQL process went away while it sat idle is found with a ping and
/// replaced before use, as the pool's connections are.
#[tokio::test]
async fn a_kept_reader_dropped_while_idle_is_replaced_before_use() {
    let db = TestDb::new(Backend::Postgres).await;
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    let pid_of = |row: sqlx::any::AnyRow| sqlx::Row::try_get::<i32, _>(&row, 0).unwrap();
    let mut reader = store.reader().await.unwrap();
    let first = pid_of(
        sqlx::query("SELECT pg_backend_pid()")
            .fetch_one(&mut *reader.conn())
            .await
            .unwrap(),
    );
    reader.done();
    terminate_and_outwait_trust(&db, first).await;
    let mut reader = store.reader().await.unwrap();
    let second = sqlx::query("SELECT pg_backend_pid()")
        .fetch_one(&mut *reader.conn())
        .await
        .expect("the dead reader is replaced, not handed out");
    assert_ne!(pid_of(second), first);
    reader.done();
}
