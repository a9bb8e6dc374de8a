//! A real SMTP server for the notification tests (issue 15): Python's `aiosmtpd` (Debian
//! `python3-aiosmtpd`) on a loopback port, started and stopped by the test, writing each
//! message it accepts as JSON (envelope, headers, decoded plain-text and HTML bodies) into a
//! directory the test reads. Recipients starting with `rechazar` are refused with `550`, those
//! starting with `aplazar` deferred with `450`, each reply naming the address as Postfix's does.

use crate::{start_listening, App, TestDb};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const SCRIPT: &str = include_str!("smtp_sink.py");

/// Debian's Python, where `python3-aiosmtpd` installs (a `python3` earlier on the PATH, e.g.
/// a pyenv shim, may not see it).
fn python() -> &'static str {
    if std::path::Path::new("/usr/bin/python3").is_file() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

/// A free loopback port (bound and released; the sink or a later start takes it).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A message the sink received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `MAIL FROM`.
    pub mail_from: String,
    /// `RCPT TO`, in order.
    pub rcpt_tos: Vec<String>,
    /// Headers, names in lower case (the last of repeated ones).
    pub headers: serde_json::Map<String, Value>,
    /// The decoded `text/plain` part.
    pub text: String,
    /// The decoded `text/html` part.
    pub html: String,
    /// Whether it came over TLS (STARTTLS or TLS from the start).
    pub tls: bool,
    /// The user the client authenticated as, if it did.
    pub user: Option<String>,
}

impl Received {
    /// A header's value (name in lower case), or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(Value::as_str).unwrap_or("")
    }
}

/// A running (or stopped) aiosmtpd sink.
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
    /// Seconds each message waits before it is accepted (a slow server).
    delay: f64,
    /// Accepts without parsing or keeping the messages ([`SmtpSink::start_discarding`]).
    discard: bool,
    /// TLS and authentication required ([`SmtpSink::start_secured`]).
    secured: Option<Value>,
}

impl SmtpSink {
    /// A sink on a free port, not started yet (SMTP "down").
    pub fn down() -> SmtpSink {
        let dir = std::env::temp_dir().join(format!("pqrs-smtp-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("create the sink's directory");
        SmtpSink {
            port: free_port(),
            dir,
            child: None,
            delay: 0.0,
            discard: false,
            secured: None,
        }
    }

    /// A sink on a free port, not started yet, that will wait `delay` before accepting each
    /// message once [`SmtpSink::up`].
    pub fn down_slow(delay: Duration) -> SmtpSink {
        let mut sink = SmtpSink::down();
        sink.delay = delay.as_secs_f64();
        sink
    }

    /// A sink on a free port, started, that waits `delay` before accepting each message.
    pub async fn start_slow(delay: Duration) -> SmtpSink {
        let mut sink = SmtpSink::down();
        sink.delay = delay.as_secs_f64();
        sink.up().await;
        sink
    }

    /// A sink on a free port, started, that accepts every message without parsing or keeping
    /// it ([`SmtpSink::received`] stays empty): for the outbox bench, so that the sink's
    /// Python e-mail parser does not set the pace.
    pub async fn start_discarding() -> SmtpSink {
        let mut sink = SmtpSink::down();
        sink.discard = true;
        sink.up().await;
        sink
    }

    /// A sink on a free port, started, that requires TLS with the certificate of
    /// [`tls_fixture`]`("server.pem")` (signed by `ca.pem`, for `localhost` and 127.0.0.1) and
    /// `AUTH` as `user`/`password`: over STARTTLS, or from the first byte when `implicit`.
    pub async fn start_secured(implicit: bool, user: &str, password: &str) -> SmtpSink {
        let mut sink = SmtpSink::down();
        sink.secured = Some(serde_json::json!({
            "cert": tls_fixture("server.pem"),
            "key": tls_fixture("server.key"),
            "tls": if implicit { "implicit" } else { "starttls" },
            "user": user,
            "password": password,
        }));
        sink.up().await;
        sink
    }

    /// A sink on a free port, started.
    pub async fn start() -> SmtpSink {
        let mut sink = SmtpSink::down();
        sink.up().await;
        sink
    }

    /// Starts the server (again) on its port and waits until it accepts connections.
    pub async fn up(&mut self) {
        let probe = std::process::Command::new(python())
            .args(["-c", "import aiosmtpd"])
            .output();
        assert!(
            probe.is_ok_and(|o| o.status.success()),
            "the notification tests need a real SMTP server: install Python's aiosmtpd \
             (`apt-get install -y python3-aiosmtpd`)"
        );
        let mut child = Command::new(python())
            .arg("-c")
            .arg(SCRIPT)
            .arg(&self.dir)
            .arg(self.port.to_string())
            .arg(self.delay.to_string())
            .arg(if self.discard { "discard" } else { "keep" })
            .args(self.secured.as_ref().map(Value::to_string))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start aiosmtpd");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .expect("aiosmtpd did not start within 30 s")
            .expect("read aiosmtpd output");
        assert_eq!(line.as_deref(), Some("ready"), "aiosmtpd failed to start");
        self.child = Some(child);
    }

    /// Stops the server (SIGKILL of the process this sink started).
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    /// `smtp://127.0.0.1:PORT` (plain SMTP on loopback).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<Received> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a received message");
            let v: Value = serde_json::from_str(&text).expect("a received message is JSON");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            out.push(Received {
                mail_from: s("mail_from"),
                rcpt_tos: v["rcpt_tos"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                headers: v["headers"].as_object().cloned().unwrap_or_default(),
                text: s("text"),
                html: s("html"),
                tls: v["tls"].as_bool().unwrap_or_default(),
                user: v["user"].as_str().map(str::to_owned),
            });
        }
        out
    }

    /// Waits until at least `n` messages arrived (panics after `timeout`); returns them all.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        crate::wait_for(timeout, || async { self.received().len() >= n }).await;
        self.received()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A file of the test certificates (tests/fixtures/smtp-tls, its README says how they were made).
pub fn tls_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/smtp-tls")
        .join(name)
}

/// Starts `pqrs serve --dev-clock` against `db` with mail on through `smtp_url`, sender
/// `Alcaldía de Prueba <pqrs@prueba.gov.co>`, and the configuration file `config` if given.
pub async fn spawn_mailing_app(
    db: &TestDb,
    smtp_url: &str,
    config: Option<&std::path::Path>,
) -> App {
    let mut cmd = mailing_command(db, smtp_url);
    cmd.stderr(if std::env::var_os("PQRS_TEST_LOG").is_some() {
        Stdio::inherit()
    } else {
        Stdio::null()
    });
    if let Some(path) = config {
        cmd.arg("--config").arg(path);
    }
    launch(cmd).await
}

/// [`spawn_mailing_app`] without a configuration file, its log written to `log` at the level
/// an operator runs it with (`RUST_LOG` unset).
pub async fn spawn_mailing_app_logging_to(
    db: &TestDb,
    smtp_url: &str,
    log: &std::path::Path,
) -> App {
    spawn_mailing_app_with_env(db, smtp_url, &[], log).await
}

/// [`spawn_mailing_app_logging_to`] with more of the environment, e.g. `PQRS_SMTP_CA_FILE`.
pub async fn spawn_mailing_app_with_env(
    db: &TestDb,
    smtp_url: &str,
    env: &[(&str, &str)],
    log: &std::path::Path,
) -> App {
    let file = std::fs::File::create(log).expect("create the log file");
    let mut cmd = mailing_command(db, smtp_url);
    cmd.env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .stderr(Stdio::from(file));
    launch(cmd).await
}

/// Counts the petitioner's messages recorded as accepted by the SMTP server.
pub const NOTIFIED: &str = "SELECT COUNT(*) FROM events WHERE event_type = 'PetitionerNotified'";

/// The service's log, once it holds a line with `text` (waits up to a minute).
pub async fn log_with(log: &std::path::Path, text: &str) -> String {
    crate::wait_for(Duration::from_secs(60), || async {
        std::fs::read_to_string(log)
            .unwrap_or_default()
            .contains(text)
    })
    .await;
    std::fs::read_to_string(log).expect("read the log")
}

/// Runs the `pqrs` CLI with `args` and mail on as [`spawn_mailing_app`] has it (Spanish unless
/// `args` say `--lang en`), and returns its stdout, asserting it succeeded.
pub async fn mailing_cli_ok(smtp_url: &str, args: &[&str]) -> String {
    let mut cmd = crate::cli_command(args);
    let out = with_mail(&mut cmd, smtp_url)
        .output()
        .await
        .expect("run the pqrs CLI");
    crate::stdout_of_success(args, out)
}

fn mailing_command(db: &TestDb, smtp_url: &str) -> Command {
    let mut cmd = Command::new(crate::server_binary());
    cmd.args([
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        &db.url,
        "--dev-clock",
    ]);
    with_mail(&mut cmd, smtp_url);
    cmd
}

/// Mail on through `smtp_url`, the test entity's sender, reply-to and portal, no config file.
fn with_mail<'a>(cmd: &'a mut Command, smtp_url: &str) -> &'a mut Command {
    cmd.env_remove("PQRS_CONFIG")
        .env("PQRS_SMTP_URL", smtp_url)
        .env("PQRS_SMTP_FROM", "Alcaldía de Prueba <pqrs@prueba.gov.co>")
        .env(
            "PQRS_SMTP_REPLY_TO",
            "Atención al Ciudadano <atencion@prueba.gov.co>",
        )
        .env("PQRS_PORTAL_URL", "https://pqrs.prueba.gov.co")
}

async fn launch(mut cmd: Command) -> App {
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

/// A petition from `email`, with or without consent to electronic notification.
pub fn mail_petition(email: &str, consent: bool) -> Value {
    let mut body = crate::identified_petition();
    body["petitioner"]["email"] = Value::from(email);
    body["consent_electronic_notification"] = Value::from(consent);
    body
}

/// Files `body` and returns (radicado, access code).
pub async fn file_case(app: &App, body: &Value) -> (String, String) {
    let r = app.file(body).await;
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let v: Value = r.json().await.expect("filing answer");
    (
        v["radicado"].as_str().expect("radicado").to_owned(),
        v["access_code"].as_str().expect("access code").to_owned(),
    )
}

/// The single number `sql` counts.
pub async fn count(db: &TestDb, sql: &str) -> i64 {
    db.query_i64(sql).await[0]
}

/// Waits (up to a minute) until `sql` counts at least `n`, then asserts it counts exactly `n`.
pub async fn wait_for_count(db: &TestDb, sql: &str, n: i64) {
    crate::wait_for(Duration::from_secs(60), || async {
        count(db, sql).await >= n
    })
    .await;
    assert_eq!(count(db, sql).await, n, "{sql}");
}

/// Creates an enabled staff account (as `pqrs user create` would, without a password).
pub async fn staff_account(db: &TestDb, id: &str, email: &str, role: &str, dependency: &str) {
    db.execute(&format!(
        "INSERT INTO staff_accounts (id, email, name, role, dependency, must_change_password, \
         created_at, created_by) VALUES ('{id}', '{email}', 'Funcionario {id}', '{role}', \
         '{dependency}', 1, '2026-11-01T00:00:00.000000Z', 'test')"
    ))
    .await;
}
