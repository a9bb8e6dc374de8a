//! The end-to-end harness: real `pqrs serve` processes on a fresh SQLite file or a fresh
//! PostgreSQL database per test, spoken to over HTTP.
//!
//! PostgreSQL: the server at `PQRS_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); if none answers, a throwaway cluster is
//! started with the local PostgreSQL binaries (initdb/postgres), or the test fails saying how to
//! install them. Tests never skip a backend silently.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use sqlx::{Connection, Executor};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::OnceCell;

pub mod cpu;
pub mod smtp;

/// Generates `NAME::on_sqlite` and `NAME::on_postgres` tests for each `async fn NAME(Backend)`
/// given, so every end-to-end scenario runs on both backends under a readable name.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn on_sqlite() {
                super::$name($crate::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn on_postgres() {
                super::$name($crate::Backend::Postgres).await
            }
        }
    )*};
}

/// Which store a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh database on PostgreSQL.
    Postgres,
}

/// Both backends, for tests that loop over them.
pub const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

/// The path of the server binary under test: `PQRS_TEST_SERVER_BIN`, or the
/// `pqrs-e2e-server` Cargo built next to the running test or bench (`target/<profile>/`).
pub fn server_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("PQRS_TEST_SERVER_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("current exe");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test binaries live in target/<profile>/deps");
    let bin = profile_dir.join(format!("pqrs-e2e-server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it with `cargo build -p pqrs-tests`",
        bin.display()
    );
    bin
}

/// A fresh, empty store for one test. Dropping it removes it.
pub struct TestDb {
    /// The database URL to give `pqrs`.
    pub url: String,
    /// Which backend.
    pub backend: Backend,
    dir: PathBuf,
    pg: Option<(String, String)>,
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pqrs-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

impl TestDb {
    /// A new, empty store on `backend`.
    pub async fn new(backend: Backend) -> TestDb {
        let dir = temp_dir();
        match backend {
            Backend::Sqlite => TestDb {
                url: format!("sqlite://{}", dir.join("pqrs.db").display()),
                backend,
                dir,
                pg: None,
            },
            Backend::Postgres => {
                let admin = postgres_server().await;
                let name = format!("pqrs_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = sqlx::PgConnection::connect(admin)
                    .await
                    .expect("connect to the PostgreSQL test server");
                conn.execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create test database");
                let url = match admin.rfind('/') {
                    Some(i) if i > "postgres://".len() => format!("{}/{name}", &admin[..i]),
                    _ => format!("{admin}/{name}"),
                };
                TestDb {
                    url,
                    backend,
                    dir,
                    pg: Some((admin.to_owned(), name)),
                }
            }
        }
    }

    /// The directory of the test's files (the SQLite store and its views file).
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// A new key-encryption key of personal data, `NAME.key` in the test's directory, made
    /// with `pqrs keys init`; returns its path.
    pub async fn data_key(&self, name: &str) -> PathBuf {
        let key = self.dir.join(format!("{name}.key"));
        pqrs_cli_ok(&["keys", "init", "--out", key.to_str().expect("UTF-8 path")]).await;
        key
    }

    /// A config file `NAME.toml` naming a new key-encryption key (`data_key_file`, from
    /// [`TestDb::data_key`]); returns its path.
    pub async fn key_config(&self, name: &str) -> PathBuf {
        let key = self.data_key(name).await;
        let config = self.dir.join(format!("{name}.toml"));
        let line = format!("data_key_file = {:?}\n", key.to_str().expect("UTF-8 path"));
        std::fs::write(&config, line).expect("write config");
        config
    }

    /// A direct connection to the store, set up as pqrs sets up its own (on SQLite: the views
    /// file attached, so `case_view` and `projection_checkpoints` resolve).
    pub async fn connect(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.url)
            .await
            .expect("connect to store");
        if self.backend == Backend::Sqlite {
            let session =
                pqrs_infrastructure::db::sqlite_session_sql(&self.url).expect("a SQLite file URL");
            conn.execute(session.as_str())
                .await
                .expect("set up the SQLite connection");
        }
        conn
    }

    /// Runs one SQL statement on the store and returns the first column of every row as i64
    /// (for assertions on counts and numbers).
    pub async fn query_i64(&self, sql: &str) -> Vec<i64> {
        use sqlx::Row;
        let mut conn = self.connect().await;
        let rows = sqlx::query(sql)
            .fetch_all(&mut conn)
            .await
            .expect("query store");
        conn.close().await.expect("close the connection");
        rows.iter()
            .map(|r| r.try_get::<i64, _>(0).expect("i64 column"))
            .collect()
    }

    /// The case view's rows, a line each in radicado order (radicado, kind, status, due date,
    /// folded state, position): two views are equal when these are.
    pub async fn case_view_snapshot(&self) -> Vec<String> {
        use sqlx::Row;
        let mut conn = self.connect().await;
        let rows = sqlx::query(
            "SELECT radicado, kind, status, due_date, state, CAST(position AS TEXT) \
             FROM case_view ORDER BY radicado",
        )
        .fetch_all(&mut conn)
        .await
        .expect("read the case view");
        conn.close().await.expect("close the connection");
        rows.iter()
            .map(|r| {
                (0..6)
                    .map(|i| r.get::<String, _>(i))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    /// Runs SQL statements on the store (for tampering and fixtures). The connection is closed
    /// before it returns (a dropped one closes later, in the background: on SQLite the last
    /// connection's close checkpoints and deletes the WAL file, which a test reading the files
    /// right after would race).
    pub async fn execute(&self, sql: &str) {
        let mut conn = self.connect().await;
        sqlx::raw_sql(sql)
            .execute(&mut conn)
            .await
            .expect("execute SQL");
        conn.close().await.expect("close the connection");
    }

    /// Creates a staff token with the real CLI and returns it.
    pub async fn token(&self, role: &str) -> String {
        let out = Command::new(server_binary())
            .args([
                "token",
                "create",
                "--role",
                role,
                "--name",
                &format!("Test {role}"),
                "--database-url",
                &self.url,
            ])
            .output()
            .await
            .expect("run pqrs token create");
        assert!(
            out.status.success(),
            "token create failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .trim()
            .to_owned()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.pg.take() {
            // Best effort, on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                            let _ = c
                                .execute(
                                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                                )
                                .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

static POSTGRES: OnceCell<String> = OnceCell::const_new();

/// The admin URL of a PostgreSQL server for tests (see the module docs).
pub async fn postgres_server() -> &'static str {
    POSTGRES
        .get_or_init(|| async {
            let url = std::env::var("PQRS_TEST_DATABASE_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
            let attempt =
                tokio::time::timeout(Duration::from_secs(5), sqlx::PgConnection::connect(&url))
                    .await;
            if matches!(attempt, Ok(Ok(_))) {
                return url;
            }
            start_throwaway_cluster().await
        })
        .await
}

fn find_pg_bin(name: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var("PATH") {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Starts a private PostgreSQL cluster that stops when this test process exits.
async fn start_throwaway_cluster() -> String {
    let (Some(initdb), Some(postgres)) = (find_pg_bin("initdb"), find_pg_bin("postgres")) else {
        panic!(
            "No PostgreSQL answers at PQRS_TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432) \
             and no PostgreSQL binaries were found to start one. Install them \
             (`apt-get install -y postgresql`) or set PQRS_TEST_DATABASE_URL."
        );
    };
    let dir = temp_dir();
    let data = dir.join("data");
    let root = is_root();
    let as_postgres = |bin: &Path, args: &[&str]| {
        let mut c = if root {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(bin);
            c
        } else {
            std::process::Command::new(bin)
        };
        c.args(args);
        c
    };
    if root {
        let _ = std::process::Command::new("chown")
            .args(["-R", "postgres"])
            .arg(&dir)
            .status();
    }
    let data_s = data.display().to_string();
    let out = as_postgres(
        &initdb,
        &["-D", &data_s, "-U", "postgres", "-A", "trust", "--no-sync"],
    )
    .output()
    .expect("run initdb");
    assert!(
        out.status.success(),
        "initdb failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    // The cluster is watched by a shell that stops it when this process is gone.
    let script = format!(
        "{pg} -D {data} -p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off & pg=$!; \
         while [ -d /proc/{me} ]; do sleep 1; done; kill $pg",
        pg = postgres.display(),
        data = data_s,
        me = std::process::id()
    );
    let mut sh = if root {
        let mut c = std::process::Command::new("runuser");
        c.args(["-u", "postgres", "--", "sh", "-c", &script]);
        c
    } else {
        let mut c = std::process::Command::new("sh");
        c.args(["-c", &script]);
        c
    };
    // Detached on purpose: the watcher shell outlives this call and ends with the test process.
    let watcher = sh
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start postgres");
    std::mem::forget(watcher);
    let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    wait_for(Duration::from_secs(30), || async {
        sqlx::PgConnection::connect(&url).await.is_ok()
    })
    .await;
    url
}

/// Waits until `check` is true, polling every 50 ms; panics after `timeout`.
pub async fn wait_for<F, Fut>(timeout: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if check().await {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "condition not met within {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A running `pqrs serve` process.
pub struct App {
    /// e.g. `http://127.0.0.1:40123`.
    pub base: String,
    /// An HTTP client.
    pub client: reqwest::Client,
    child: Child,
}

/// Starts `cmd` (a `pqrs serve` with `--bind 127.0.0.1:0` and its stdout piped) and waits for
/// the line that says where it listens; returns the process and its base URL
/// (e.g. `http://127.0.0.1:40123`). The rest of its stdout is drained.
pub async fn start_listening(cmd: &mut Command) -> (Child, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start pqrs serve");
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
    (child, base)
}

/// Starts `pqrs serve` on port 0 against `db`, with `extra` flags (e.g. `--dev-clock`).
pub async fn spawn_app_with(db: &TestDb, extra: &[&str]) -> App {
    let mut cmd = Command::new(server_binary());
    cmd.args(["serve", "--bind", "127.0.0.1:0", "--database-url", &db.url])
        .args(extra)
        .env_remove("PQRS_CONFIG")
        .stderr(if std::env::var_os("PQRS_TEST_LOG").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        });
    let (child, base) = start_listening(&mut cmd).await;
    App {
        base,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("http client"),
        child,
    }
}

/// Stops a server process with SIGTERM (graceful shutdown) and waits for it, at most 30 s.
pub async fn terminate(child: &mut Child) -> std::process::ExitStatus {
    let pid = child.id().expect("running").to_string();
    let sent = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .expect("run kill");
    assert!(sent.success(), "kill -TERM {pid}");
    tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("the server did not stop within 30 s of SIGTERM")
        .expect("wait for the server")
}

/// Starts `pqrs serve --dev-clock` against `db`.
pub async fn spawn_app(db: &TestDb) -> App {
    spawn_app_with(db, &["--dev-clock"]).await
}

impl App {
    /// The URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's process id (to sample its memory), or `None` once it has exited.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Kills the process with SIGKILL (no graceful shutdown) and waits for it.
    pub async fn kill9(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }

    /// Stops the process with SIGTERM (graceful shutdown) and waits for it ([`terminate`]).
    pub async fn terminate(mut self) -> std::process::ExitStatus {
        terminate(&mut self.child).await
    }

    /// Files a PQR as a citizen; returns the response.
    pub async fn file(&self, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/v1/pqrs"))
            .json(body)
            .send()
            .await
            .expect("POST /v1/pqrs")
    }

    /// Files a PQR as a citizen, asserts `201`; returns its radicado and access code.
    pub async fn file_ok(&self, body: &Value) -> (String, String) {
        filed(self.file(body).await).await
    }

    /// Files a PQR as a citizen whose client asks for `accept` (`Accept-Language`: the
    /// language they file in); returns the response.
    pub async fn file_asking(&self, body: &Value, accept: &str) -> reqwest::Response {
        self.client
            .post(self.url("/v1/pqrs"))
            .header("accept-language", accept)
            .json(body)
            .send()
            .await
            .expect("POST /v1/pqrs")
    }

    /// [`Self::file_asking`], asserting `201`; returns its radicado and access code.
    pub async fn file_ok_asking(&self, body: &Value, accept: &str) -> (String, String) {
        filed(self.file_asking(body, accept).await).await
    }

    /// Tracks a case as its petitioner (`X-Access-Code`), asserts `200`; returns the body.
    pub async fn track(&self, radicado: &str, code: &str) -> Value {
        let r = self
            .client
            .get(self.url(&format!("/v1/pqrs/{radicado}")))
            .header("X-Access-Code", code)
            .send()
            .await
            .expect("GET /v1/pqrs/{radicado}");
        assert_eq!(r.status(), reqwest::StatusCode::OK);
        r.json().await.expect("tracking body")
    }

    /// Files a PQR as staff with `token`; returns the response.
    pub async fn file_as(&self, token: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/v1/pqrs"))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("POST /v1/pqrs")
    }

    /// GETs `path` as staff with `token`; returns the response.
    pub async fn get_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET")
    }

    /// GETs `path` without credentials and parses the JSON body.
    pub async fn get_json(&self, path: &str) -> Value {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("GET")
            .json()
            .await
            .expect("JSON body")
    }

    /// The value of the Prometheus sample `name` (with its labels, e.g.
    /// `pqrs_projection_events_handed_total{projection="case_view"}`) in `GET /metrics`.
    pub async fn metric(&self, name: &str) -> i64 {
        let value = self.metric_f64(name).await;
        assert!(
            value.fract() == 0.0,
            "{name} is not a whole number: {value}"
        );
        value as i64
    }

    /// The value of the metric line `name` (with its labels, as in [`App::metric`]) in
    /// `GET /metrics`, for values that need not be whole (seconds).
    pub async fn metric_f64(&self, name: &str) -> f64 {
        let metrics = self
            .client
            .get(self.url("/metrics"))
            .send()
            .await
            .expect("GET /metrics")
            .text()
            .await
            .expect("metrics text");
        metric_in(&metrics, name).unwrap_or_else(|| panic!("no {name} in the metrics:\n{metrics}"))
    }

    /// Runs the case action `action` on `radicado` as staff with `token`
    /// (`POST /v1/pqrs/{radicado}/{action}`) and asserts it answered 200.
    pub async fn act_ok(&self, token: &str, radicado: &str, action: &str, body: Value) {
        let r = self
            .client
            .post(self.url(&format!("/v1/pqrs/{radicado}/{action}")))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("POST a case action");
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        assert_eq!(status, 200, "{action} {radicado}: {text}");
    }

    /// Sets the dev clock.
    pub async fn set_clock(&self, now: &str) {
        let r = self
            .client
            .put(self.url("/v1/dev/clock"))
            .json(&serde_json::json!({ "now": now }))
            .send()
            .await
            .expect("PUT /v1/dev/clock");
        assert_eq!(r.status(), 200, "setting the clock");
    }
}

/// A valid anonymous petition.
pub fn anonymous_petition() -> Value {
    serde_json::json!({
        "kind": "petition",
        "subject": "Alumbrado público",
        "description": "La luminaria de la Calle 12 con Carrera 3 no enciende desde hace una semana.",
        "channel": "web",
        "petitioner": null
    })
}

/// A valid identified petition.
pub fn identified_petition() -> Value {
    serde_json::json!({
        "kind": "claim",
        "subject": "Cobro doble",
        "description": "Me cobraron dos veces el mismo servicio en la factura de octubre.",
        "channel": "web",
        "petitioner": {"name": "Ana Pérez", "id_type": "CC", "id_number": "1020304050", "email": "ana@example.co"},
        "consent_personal_data": true
    })
}

/// Runs the `pqrs` CLI with `args` and waits for it. Hermetic: `PQRS_DATABASE_URL` and
/// `PQRS_LANG` are removed from its environment, so the store is only ever the one the
/// arguments name and it speaks Spanish unless the arguments say `--lang en`.
pub async fn pqrs_cli(args: &[&str]) -> std::process::Output {
    cli_command(args).output().await.expect("run the pqrs CLI")
}

/// The hermetic `pqrs` CLI command of [`pqrs_cli`], not started.
pub fn cli_command(args: &[&str]) -> Command {
    let mut cmd = Command::new(server_binary());
    cmd.args(args)
        .env_remove("PQRS_DATABASE_URL")
        .env_remove("PQRS_LANG");
    cmd
}

/// Runs the `pqrs` CLI like [`pqrs_cli`], asserts it succeeded (showing its stderr if not)
/// and returns its stdout.
pub async fn pqrs_cli_ok(args: &[&str]) -> String {
    stdout_of_success(args, pqrs_cli(args).await)
}

/// The stdout of `pqrs args` that ended as `out`, asserting it succeeded (showing its stderr
/// if not).
pub fn stdout_of_success(args: &[&str], out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "pqrs {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The (year, number) of every `PqrFiled` radicado in the store, sorted.
pub async fn filed_numbers(db: &TestDb, year: i32) -> Vec<i64> {
    let prefix = format!("{year}-");
    let mut numbers: Vec<i64> = {
        use sqlx::Row;
        let mut conn = db.connect().await;
        sqlx::query("SELECT aggregate_id FROM events WHERE event_type = 'PqrFiled'")
            .fetch_all(&mut conn)
            .await
            .expect("query")
            .iter()
            .filter_map(|r| r.try_get::<String, _>(0).ok())
            .filter_map(|id| id.strip_prefix(&prefix).and_then(|n| n.parse().ok()))
            .collect()
    };
    numbers.sort_unstable();
    numbers
}

// ---- accounts (issue 14): console accounts, sign-in and the console's HTTP client ----
pub mod console;

/// The value of the Prometheus sample `name` (with its labels, as in [`App::metric`]) in the
/// text of a `GET /metrics`, if it is there.
pub fn metric_in(metrics: &str, name: &str) -> Option<f64> {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|n| n.trim().parse().ok())
}

/// The radicado and access code of a filing's answer, asserting `201`.
async fn filed(r: reqwest::Response) -> (String, String) {
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let v: Value = r.json().await.expect("filing body");
    (
        v["radicado"].as_str().expect("radicado").to_owned(),
        v["access_code"].as_str().expect("access_code").to_owned(),
    )
}
