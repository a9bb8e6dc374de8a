//! Reports over HTTP and the CLI (issue 7; docs/reports.md), on SQLite and PostgreSQL: a
//! fixture history walked with the dev clock and hand-checked figures for each report,
//! reproducibility at an old position after more events, CSV and HTML forms, role checks and
//! problem+json errors.
//!
//! The fixture is the one of `projections/src/reports/tests.rs` (November 2026, read as of
//! 17 December 2026); holidays in it: 8 December 2026.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

on_both_backends!(
    reports_of_a_fixture_history_match_the_hand_count_and_reproduce_byte_for_byte,
    only_reporters_get_reports_and_bad_requests_are_problems,
    streamed_reports_are_byte_identical_to_the_in_memory_fold_of_the_log,
    reports_take_current_cases_from_the_case_view_and_fold_the_rest_from_the_log,
    a_case_view_from_before_the_report_column_gets_it_and_reports_fold_the_log_until_rebuilt,
);

#[tokio::test]
async fn sqlite_a_rebuilt_case_view_keeps_one_copy_of_each_index_and_reports_read_the_covering_one()
{
    a_rebuilt_case_view_keeps_one_copy_of_each_index_and_reports_read_the_covering_one().await;
}

const PERIOD: &str = "from=2026-11-01&to=2026-11-30";

struct Walk<'a> {
    app: &'a App,
    agent: String,
    supervisor: String,
}

impl Walk<'_> {
    /// Files at `at` (Bogotá); a non-web channel is filed by the agent.
    async fn file(&self, at: &str, kind: &str, channel: &str) -> (String, String) {
        self.app.set_clock(at).await;
        let mut body = anonymous_petition();
        body["kind"] = json!(kind);
        body["channel"] = json!(channel);
        let mut req = self.app.client.post(self.app.url("/v1/pqrs")).json(&body);
        if channel != "web" {
            req = req.bearer_auth(&self.agent);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: Value = r.json().await.unwrap();
        (
            v["radicado"].as_str().unwrap().to_owned(),
            v["access_code"].as_str().unwrap().to_owned(),
        )
    }

    async fn staff(&self, token: &str, radicado: &str, action: &str, body: Value) {
        self.app.act_ok(token, radicado, action, body).await;
    }

    async fn citizen(&self, case: &(String, String), action: &str, body: Value) {
        let r = self
            .app
            .client
            .post(self.app.url(&format!("/v1/pqrs/{}/{action}", case.0)))
            .header("X-Access-Code", &case.1)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        assert_eq!(
            status,
            StatusCode::OK,
            "{action}: {}",
            r.text().await.unwrap()
        );
    }

    async fn assign(&self, case: &(String, String), dependency: &str) {
        self.staff(
            &self.agent,
            &case.0,
            "assign",
            json!({"dependency": dependency, "official": "Funcionario"}),
        )
        .await;
    }

    async fn answer(&self, case: &(String, String), outcome: &str, docs: Option<bool>) {
        let mut body = json!({"text": "Respuesta de fondo.", "outcome": outcome});
        if let Some(d) = docs {
            body["documents_delivered"] = json!(d);
        }
        self.staff(&self.agent, &case.0, "answer", body).await;
    }
}

/// Walks the fixture of docs/reports.md; returns the overdue case M.
async fn walk_fixture(w: &Walk<'_>) -> (String, String) {
    let app = w.app;
    let a = w.file("2026-11-23T09:00:00-05:00", "petition", "web").await;
    let b = w.file("2026-11-23T09:05:00-05:00", "claim", "web").await;
    let c = w.file("2026-11-23T09:10:00-05:00", "petition", "web").await;
    assert_eq!(a.0, "2026-000001");
    app.set_clock("2026-11-23T15:00:00-05:00").await;
    w.assign(&a, "Secretaría de Ambiente").await;
    w.assign(&b, "Secretaría de Hacienda").await;
    w.assign(&c, "Secretaría de Ambiente").await;
    let d = w
        .file("2026-11-24T10:00:00-05:00", "information_request", "email")
        .await;
    let e = w
        .file("2026-11-24T10:05:00-05:00", "information_request", "web")
        .await;
    let m = w.file("2026-11-24T10:10:00-05:00", "petition", "web").await;
    app.set_clock("2026-11-24T15:00:00-05:00").await;
    w.assign(&m, "Secretaría de Hacienda").await;
    let f = w
        .file("2026-11-25T10:00:00-05:00", "information_request", "web")
        .await;
    let g = w
        .file("2026-11-26T10:00:00-05:00", "complaint", "phone")
        .await;
    app.set_clock("2026-11-26T15:00:00-05:00").await;
    w.assign(&g, "Secretaría de Hacienda").await;
    let h = w.file("2026-11-27T10:00:00-05:00", "petition", "web").await;
    let j = w.file("2026-11-27T10:05:00-05:00", "petition", "web").await;
    app.set_clock("2026-11-27T16:00:00-05:00").await;
    w.staff(
        &w.supervisor,
        &j.0,
        "void",
        json!({"reason": "Radicado por error"}),
    )
    .await;
    let _i = w
        .file("2026-11-28T10:00:00-05:00", "suggestion", "web")
        .await;
    app.set_clock("2026-11-30T16:00:00-05:00").await;
    w.staff(
        &w.agent,
        &d.0,
        "forward",
        json!({"authority": "Archivo General de la Nación", "reasons": "Competencia del Archivo General"}),
    )
    .await;
    w.citizen(&h, "withdraw", json!({})).await;
    let l = w.file("2026-11-30T23:30:00-05:00", "petition", "web").await;
    let k = w.file("2026-12-01T10:00:00-05:00", "petition", "web").await;
    assert_eq!((l.0.as_str(), k.0.as_str()), ("2026-000012", "2026-000013"));
    app.set_clock("2026-12-03T16:00:00-05:00").await;
    w.answer(&e, "denied", Some(false)).await;
    app.set_clock("2026-12-04T16:00:00-05:00").await;
    w.staff(
        &w.agent,
        &c.0,
        "completion-request",
        json!({"what": "La dirección exacta"}),
    )
    .await;
    app.set_clock("2026-12-10T16:00:00-05:00").await;
    w.citizen(&c, "completion", json!({"text": "Calle 12 # 3-45"}))
        .await;
    w.answer(&f, "partially_granted", Some(true)).await;
    app.set_clock("2026-12-11T16:00:00-05:00").await;
    w.staff(
        &w.agent,
        &g.0,
        "extend",
        json!({"new_due_date": "2026-12-23", "reasons": "Visita técnica"}),
    )
    .await;
    app.set_clock("2026-12-15T16:00:00-05:00").await;
    w.answer(&a, "granted", None).await;
    w.citizen(&a, "rating", json!({"score": 5})).await;
    app.set_clock("2026-12-16T16:00:00-05:00").await;
    w.answer(&b, "granted", None).await;
    w.citizen(&b, "rating", json!({"score": 2})).await;
    app.set_clock("2026-12-17T16:00:00-05:00").await;
    w.answer(&c, "granted", None).await;
    m
}

async fn bytes(app: &App, token: &str, path: &str) -> Vec<u8> {
    let r = app.get_as(token, path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.bytes().await.unwrap().to_vec()
}

async fn json_report(app: &App, token: &str, name: &str, extra: &str) -> Value {
    let b = bytes(
        app,
        token,
        &format!("/v1/reports/{name}?{PERIOD}&format=json{extra}"),
    )
    .await;
    serde_json::from_slice(&b).unwrap()
}

/// Every report in every format at `position`.
async fn all_forms(app: &App, token: &str, position: i64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for name in ["access-to-information", "pqr-follow-up", "dashboard"] {
        for format in ["json", "csv", "html"] {
            out.push(
                bytes(
                    app,
                    token,
                    &format!("/v1/reports/{name}?{PERIOD}&format={format}&at_position={position}"),
                )
                .await,
            );
        }
    }
    out
}

async fn cli(db: &TestDb, args: &[&str]) -> std::process::Output {
    tokio::process::Command::new(server_binary())
        .arg("report")
        .args(args)
        .args(["--database-url", &db.url])
        .env_remove("PQRS_CONFIG")
        .output()
        .await
        .unwrap()
}

async fn reports_of_a_fixture_history_match_the_hand_count_and_reproduce_byte_for_byte(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let supervisor = db.token("supervisor").await;
    let reporter = db.token("reporter").await;
    let app = spawn_app(&db).await;
    let w = Walk {
        app: &app,
        agent,
        supervisor,
    };
    let m = walk_fixture(&w).await;

    // PQR follow-up (Ley 1474 de 2011 art. 76), hand-counted in projections/src/reports/tests.rs.
    let f = json_report(&app, &reporter, "pqr-follow-up", "").await;
    let position = f["manifest"]["position"].as_i64().unwrap();
    assert_eq!(f["manifest"]["report"], "pqr-follow-up");
    assert_eq!(f["manifest"]["as_of_local_date"], "2026-12-17");
    assert!(f["manifest"]["as_of"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-17T21:00"));
    assert_eq!(f["manifest"]["policies"][0]["id"], "ley-1755-2015");
    assert_eq!(f["manifest"]["content_sha256"].as_str().unwrap().len(), 64);
    let t = &f["data"]["total"];
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap();
    assert_eq!(
        [
            n(t, "received"),
            n(t, "answered_on_time"),
            n(t, "answered_late"),
            n(t, "open"),
            n(t, "overdue_now"),
            n(t, "forwards"),
            n(t, "withdrawals_express"),
            n(t, "suspensions"),
            n(t, "extensions"),
            n(t, "voided"),
        ],
        [11, 4, 1, 4, 1, 1, 1, 1, 1, 1]
    );
    assert_eq!(t["median_business_days"], 14.0);
    assert_eq!(t["p90_business_days"], 15.6);
    assert_eq!(
        t["ratings"],
        json!({"count": 2, "mean": 3.5, "distribution": [0, 1, 0, 0, 1]})
    );
    let kinds = f["data"]["by_kind"].as_array().unwrap();
    let info = kinds
        .iter()
        .find(|g| g["key"] == "information_request")
        .unwrap();
    assert_eq!((n(info, "received"), n(info, "forwards")), (3, 1));
    assert_eq!(info["median_business_days"], 8.5);
    let deps: Vec<(String, u64)> = f["data"]["by_dependency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["label"].as_str().unwrap().to_owned(), n(g, "received")))
        .collect();
    assert_eq!(
        deps,
        [
            ("Secretaría de Ambiente".to_owned(), 2),
            ("Secretaría de Hacienda".to_owned(), 3),
            ("(sin dependencia)".to_owned(), 6)
        ]
    );

    // Access to information (Decreto 103 de 2015 art. 52).
    let a = json_report(&app, &reporter, "access-to-information", "").await;
    let s = &a["data"]["summary"];
    assert_eq!(
        [
            n(s, "received"),
            n(s, "forwarded"),
            n(s, "access_denied"),
            n(s, "denied_fully"),
            n(s, "denied_partially")
        ],
        [3, 1, 2, 1, 1]
    );
    let times: Vec<(String, u64)> = a["data"]["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["radicado"].as_str().unwrap().to_owned(),
                n(r, "business_days"),
            )
        })
        .collect();
    assert_eq!(
        times,
        [
            ("2026-000004".to_owned(), 4),
            ("2026-000005".to_owned(), 7),
            ("2026-000007".to_owned(), 10)
        ]
    );

    // Dashboard.
    let d = json_report(&app, &reporter, "dashboard", "").await;
    let buckets: Vec<u64> = d["data"]["open_by_days_left"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| n(b, "count"))
        .collect();
    assert_eq!(buckets, [1, 1, 1, 0, 1, 0]);
    assert_eq!(d["data"]["weeks"][4]["on_time_pct"], 66.7);
    let overdue = &d["data"]["overdue_by_dependency"][0];
    assert_eq!(overdue["dependency"], "Secretaría de Hacienda");
    assert_eq!(overdue["top"][0]["radicado"], m.0.as_str());
    assert_eq!(overdue["top"][0]["business_days_overdue"], 1);

    // CSV: RFC 4180 with the header, readable by the csv crate.
    let csv_bytes = bytes(
        &app,
        &reporter,
        &format!("/v1/reports/pqr-follow-up?{PERIOD}&format=csv&at_position={position}"),
    )
    .await;
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["section", "dimension", "group", "metric", "value"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows
        .iter()
        .any(|r| &r[0] == "group" && &r[1] == "total" && &r[3] == "answered_late" && &r[4] == "1"));
    assert!(rows
        .iter()
        .any(|r| &r[0] == "manifest" && &r[3] == "position" && r[4] == position.to_string()));

    // HTML: one page with inline SVG.
    let r = app
        .get_as(
            &reporter,
            &format!("/v1/reports/dashboard?{PERIOD}&format=html"),
        )
        .await;
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("lang=\"es\""));

    // Reproducible: the same position gives the same bytes after more events.
    let before = all_forms(&app, &reporter, position).await;
    app.set_clock("2026-12-18T16:00:00-05:00").await;
    w.answer(&m, "granted", None).await;
    let late = w.file("2026-12-18T17:00:00-05:00", "petition", "web").await;
    assert_eq!(late.0, "2026-000014");
    let after = all_forms(&app, &reporter, position).await;
    assert!(before == after, "identical bytes at position {position}");
    let now = json_report(&app, &reporter, "pqr-follow-up", "").await;
    assert!(now["manifest"]["position"].as_i64().unwrap() > position);
    assert_eq!(now["data"]["total"]["overdue_now"], 0);
    assert_ne!(
        now["manifest"]["content_sha256"],
        f["manifest"]["content_sha256"]
    );

    // The CLI writes the same bytes, atomically, and fails loudly on a bad request.
    let out_dir = std::env::temp_dir().join(format!("pqrs-reports-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("follow-up.csv");
    let pos = position.to_string();
    let o = cli(
        &db,
        &[
            "pqr-follow-up",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "csv",
            "--at-position",
            &pos,
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .await;
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        std::fs::read(&out).unwrap() == csv_bytes,
        "CLI and HTTP give the same bytes"
    );
    let o = cli(
        &db,
        &[
            "dashboard",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "html",
        ],
    )
    .await;
    assert!(o.status.success());
    assert!(String::from_utf8(o.stdout).unwrap().contains("<svg"));
    let bad = out_dir.join("bad.json");
    for args in [
        vec!["nope", "--from", "2026-11-01", "--to", "2026-11-30"],
        vec!["dashboard", "--from", "2026-11-30", "--to", "2026-11-01"],
        vec![
            "dashboard",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--at-position",
            "999999",
        ],
    ] {
        let mut args = args;
        args.extend(["--out", bad.to_str().unwrap()]);
        let o = cli(&db, &args).await;
        assert!(!o.status.success(), "{args:?} must fail");
        assert!(!o.stderr.is_empty());
    }
    let left: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("follow-up.csv")],
        "nothing partial left behind"
    );
    std::fs::remove_dir_all(&out_dir).unwrap();
}

async fn only_reporters_get_reports_and_bad_requests_are_problems(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let reporter = db.token("reporter").await;
    let admin = db.token("admin").await;
    let auditor = db.token("auditor").await;
    let app = spawn_app(&db).await;
    let path = format!("/v1/reports/pqr-follow-up?{PERIOD}");
    assert_eq!(
        app.get_as(&agent, &path).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_as(&auditor, &path).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get_as(&reporter, &path).await.status(), StatusCode::OK);
    assert_eq!(app.get_as(&admin, &path).await.status(), StatusCode::OK);
    let r = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let problem = |r: &reqwest::Response| {
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    };
    let r = app
        .get_as(&reporter, &format!("/v1/reports/nope?{PERIOD}"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(problem(&r));
    for query in [
        "from=2026-11-30&to=2026-11-01",
        "from=2026-13-01&to=2026-11-30",
        "to=2026-11-30",
        "from=2026-11-01&to=2026-11-30&format=pdf",
        "from=2026-11-01&to=2026-11-30&at_position=99",
        "from=2026-11-01&to=2026-11-30&at_position=-1",
    ] {
        let r = app
            .get_as(&reporter, &format!("/v1/reports/dashboard?{query}"))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(problem(&r), "{query}");
        let v: Value = r.json().await.unwrap();
        assert!(!v["errors"].as_array().unwrap().is_empty(), "{query}: {v}");
    }
    // The empty log is position 0: a report of nothing, with a manifest.
    let v = json_report(&app, &reporter, "access-to-information", "&at_position=0").await;
    assert_eq!(v["manifest"]["position"], 0);
    assert_eq!(v["data"]["summary"]["received"], 0);
}

/// The report of the whole log folded in position order with every case held in memory (the
/// path of issue 7, kept as the oracle): what the server, which streams the log case by case
/// (issue 11, item 20), must give byte for byte.
async fn in_memory_report(
    db: &pqrs_infrastructure::Db,
    name: &str,
    from: &str,
    to: &str,
    position: i64,
    format: &str,
) -> Vec<u8> {
    use pqrs_projections::reports::{compute, Format, Period, ReportKind, Snapshot};
    let mut snapshot = Snapshot::new(position);
    let events = pqrs_infrastructure::projection::read_events(db, 0, position)
        .await
        .unwrap();
    for e in &events {
        snapshot.push(e).unwrap();
    }
    let snapshot = snapshot.finish().unwrap();
    let period = Period::new(from.parse().unwrap(), to.parse().unwrap()).unwrap();
    compute(
        ReportKind::parse(name).unwrap(),
        &snapshot,
        &snapshot.calendar(),
        period,
    )
    .unwrap()
    .render(Format::parse(format).unwrap())
    .unwrap()
}

async fn streamed_reports_are_byte_identical_to_the_in_memory_fold_of_the_log(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let supervisor = db.token("supervisor").await;
    let reporter = db.token("reporter").await;
    let admin = db.token("admin").await;
    let app = spawn_app(&db).await;
    let w = Walk {
        app: &app,
        agent,
        supervisor,
    };
    let m = walk_fixture(&w).await;
    // A closure day declared after the fixture, then more work: positions before and after it.
    let r = app
        .client
        .post(app.url("/v1/calendar/closures"))
        .bearer_auth(&admin)
        .json(&json!({"date": "2026-12-21", "legal_basis": "Resolución 9 de 2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    w.answer(&m, "denied", None).await;
    let n = w
        .file("2026-12-18T10:00:00-05:00", "information_request", "web")
        .await;
    w.assign(&n, "Secretaría de Hacienda").await;
    // Notes and escalations are left out of the stream: they must change no figure.
    w.staff(
        &w.agent,
        &n.0,
        "notes",
        json!({"text": "Revisar con archivo"}),
    )
    .await;
    w.staff(
        &w.agent,
        &n.0,
        "escalate",
        json!({"tier": 2, "reason": "Requiere concepto jurídico"}),
    )
    .await;
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    let head = pqrs_infrastructure::projection::head_position(&store)
        .await
        .unwrap();
    let mut checked = 0;
    for position in [head, head - 3, head * 2 / 3, head / 3, 1, 0] {
        for (from, to) in [("2026-11-01", "2026-11-30"), ("2026-01-01", "2026-12-31")] {
            for name in ["access-to-information", "pqr-follow-up", "dashboard"] {
                for format in ["json", "csv", "csv-es", "html", "xlsx"] {
                    let got = bytes(
                        &app,
                        &reporter,
                        &format!(
                            "/v1/reports/{name}?from={from}&to={to}&format={format}\
                             &at_position={position}"
                        ),
                    )
                    .await;
                    let want = in_memory_report(&store, name, from, to, position, format).await;
                    assert!(
                        got == want,
                        "{name} {format} {from}..{to} at {position}:\n{}\n---\n{}",
                        String::from_utf8_lossy(&got),
                        String::from_utf8_lossy(&want)
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 6 * 2 * 3 * 5);
    // The CLI writes the report as it renders it, to stdout or to `--out`: the same bytes
    // in every format (issue 11, item 20).
    let dir = std::env::temp_dir().join(format!("pqrs-report-out-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    for format in ["json", "csv", "csv-es", "html", "xlsx"] {
        let want = in_memory_report(
            &store,
            "access-to-information",
            "2026-01-01",
            "2026-12-31",
            head,
            format,
        )
        .await;
        let at = head.to_string();
        let args = [
            "access-to-information",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            format,
            "--at-position",
            &at,
        ];
        let o = cli(&db, &args).await;
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stdout == want, "CLI stdout {format}");
        let out = dir.join(format!("r.{format}"));
        let mut with_out = args.to_vec();
        with_out.extend(["--out", out.to_str().unwrap()]);
        let o = cli(&db, &with_out).await;
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::read(&out).unwrap() == want, "CLI --out {format}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // The CLI streams the same way.
    let o = cli(
        &db,
        &[
            "pqr-follow-up",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "csv",
            "--at-position",
            &head.to_string(),
        ],
    )
    .await;
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stdout
            == in_memory_report(
                &store,
                "pqr-follow-up",
                "2026-11-01",
                "2026-11-30",
                head,
                "csv"
            )
            .await
    );
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBFsection,dimension"));
    // The es-CO dialect (issue 11, item 19), over HTTP and the CLI alike.
    let es = bytes(
        &app,
        &reporter,
        &format!("/v1/reports/pqr-follow-up?{PERIOD}&format=csv-es&at_position={head}"),
    )
    .await;
    let text = String::from_utf8(es.clone()).unwrap();
    assert!(text.starts_with("\u{feff}section;dimension;group;metric;value\r\n"));
    assert!(text.contains("\r\ngroup;total;total;ratings_mean;3,5\r\n"));
    let o = cli(
        &db,
        &[
            "pqr-follow-up",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "csv-es",
            "--at-position",
            &head.to_string(),
        ],
    )
    .await;
    assert!(o.status.success());
    assert!(o.stdout == es);
    // The Excel workbook (item 19): its media type and a zip package, from the CLI alike.
    let r = app
        .get_as(
            &reporter,
            &format!("/v1/reports/dashboard?{PERIOD}&format=xlsx&at_position={head}"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let book = r.bytes().await.unwrap();
    assert!(book.starts_with(b"PK"));
    let o = cli(
        &db,
        &[
            "dashboard",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "xlsx",
            "--at-position",
            &head.to_string(),
        ],
    )
    .await;
    assert!(o.status.success());
    assert!(o.stdout == book);
}

/// The fixture walked on a new store by a server that is then stopped, once its case view has
/// caught up with the log: the store, a connection pool on it and the head of its log. Nothing
/// writes the view afterwards.
async fn fixture_with_its_view(b: Backend) -> (TestDb, pqrs_infrastructure::Db, i64) {
    use pqrs_infrastructure::projection::{checkpoint, head_position, CASE_VIEW};
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let supervisor = db.token("supervisor").await;
    let app = spawn_app(&db).await;
    let w = Walk {
        app: &app,
        agent,
        supervisor,
    };
    walk_fixture(&w).await;
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    let head = head_position(&store).await.unwrap();
    wait_for(std::time::Duration::from_secs(30), || async {
        checkpoint(&store, CASE_VIEW).await.unwrap() == head
    })
    .await;
    app.kill9().await;
    (db, store, head)
}

/// `kind` for the year 2026 at `position`, its cases read from `source`, with where they came
/// from.
async fn year_report(
    store: &pqrs_infrastructure::Db,
    kind: pqrs_projections::reports::ReportKind,
    position: i64,
    source: pqrs_infrastructure::reports::Source,
) -> Result<
    (
        pqrs_projections::reports::Report,
        pqrs_infrastructure::reports::Reading,
    ),
    pqrs_infrastructure::reports::ReportRunError,
> {
    let period = pqrs_projections::reports::Period::new(
        "2026-01-01".parse().unwrap(),
        "2026-12-31".parse().unwrap(),
    )
    .unwrap();
    pqrs_infrastructure::reports::build_from(store, kind, period, Some(position), source, |_, _| {})
        .await
}

/// Issue 11, item 20: a report takes the cases whose case-view row is current at its position
/// from the view (`case_view.report`) and folds only the others from the log; the bytes are
/// those of the fold of the log, and `--from-log` (or `Source::Log`) folds every case.
async fn reports_take_current_cases_from_the_case_view_and_fold_the_rest_from_the_log(b: Backend) {
    use pqrs_infrastructure::reports::{ReportRunError, Source, VIEW_CHUNK};
    use pqrs_projections::reports::{Format, ReportError, ReportKind};
    let (db, store, head) = fixture_with_its_view(b).await;
    let back = head - 5;
    for kind in ReportKind::ALL {
        let name = kind.as_str();
        for (position, some_from_log) in [(head, false), (back, true)] {
            let (viewed, from_view) = year_report(&store, kind, position, Source::CaseView)
                .await
                .unwrap();
            // More rows than SQLite reads in one chunk (a debug build's few).
            assert!(
                from_view.cases_from_view > 2 * VIEW_CHUNK as u64,
                "{name} at {position}: {from_view:?}"
            );
            // At the head every row is current; behind it, the cases with events after the
            // position are folded from the log.
            assert_eq!(
                from_view.events_from_log > 0,
                some_from_log,
                "{name} at {position}: {from_view:?}"
            );
            let (logged, from_log) = year_report(&store, kind, position, Source::Log)
                .await
                .unwrap();
            assert_eq!(from_log.cases_from_view, 0);
            assert!(from_log.events_from_log > from_view.events_from_log);
            for format in ["json", "csv", "html"] {
                let want =
                    in_memory_report(&store, name, "2026-01-01", "2026-12-31", position, format)
                        .await;
                let format = Format::parse(format).unwrap();
                assert!(
                    viewed.render(format).unwrap() == want,
                    "{name} {format:?} at {position}:\n{}\n---\n{}",
                    String::from_utf8_lossy(&viewed.render(format).unwrap()),
                    String::from_utf8_lossy(&want)
                );
                assert!(
                    logged.render(format).unwrap() == want,
                    "{name} {format:?} at {position}"
                );
            }
        }
    }
    let kind = ReportKind::PqrFollowUp;
    let want = in_memory_report(
        &store,
        kind.as_str(),
        "2026-01-01",
        "2026-12-31",
        head,
        "json",
    )
    .await;
    // A row without its document (a view written before the column existed): the log alone.
    db.execute(
        "UPDATE case_view SET report = NULL WHERE radicado = (SELECT MIN(radicado) FROM case_view)",
    )
    .await;
    let (report, reading) = year_report(&store, kind, head, Source::CaseView)
        .await
        .unwrap();
    assert_eq!(reading.cases_from_view, 0, "{reading:?}");
    assert!(report.render(Format::Json).unwrap() == want);
    // The view is really read: documents that cannot be read fail the report from the view,
    // and not the one from the log, nor the CLI's `--from-log`.
    db.execute("UPDATE case_view SET report = '{}'").await;
    let failed = year_report(&store, kind, head, Source::CaseView).await;
    assert!(
        matches!(
            failed,
            Err(ReportRunError::Report(ReportError::Unreadable(_)))
        ),
        "{:?}",
        failed.map(|(_, reading)| reading)
    );
    let (report, _) = year_report(&store, kind, head, Source::Log).await.unwrap();
    assert!(report.render(Format::Json).unwrap() == want);
    let at = head.to_string();
    let args = [
        "pqr-follow-up",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--at-position",
        &at,
    ];
    let o = cli(&db, &args).await;
    assert!(!o.status.success(), "the CLI reads the view by default");
    let mut from_log = args.to_vec();
    from_log.push("--from-log");
    let o = cli(&db, &from_log).await;
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout == want, "CLI --from-log");
}

/// A store whose case view was written before `case_view.report` existed (issue 11, item 20):
/// opening it adds the column, reports fold the log while any row lacks its document, and a
/// rebuild of the view (`pqrs projections rebuild`) writes them all.
async fn a_case_view_from_before_the_report_column_gets_it_and_reports_fold_the_log_until_rebuilt(
    b: Backend,
) {
    use pqrs_infrastructure::reports::Source;
    use pqrs_projections::reports::{Format, ReportKind};
    let (db, store, head) = fixture_with_its_view(b).await;
    store.pool.close().await;
    // The view as an older version left it.
    match b {
        Backend::Sqlite => {
            db.execute(
                "DROP INDEX views.case_view_report_missing; \
                 DROP INDEX views.case_view_report_cover; \
                 DROP INDEX views.case_view_report_absent; \
                 ALTER TABLE views.case_view DROP COLUMN report",
            )
            .await
        }
        Backend::Postgres => {
            db.execute(
                "DROP INDEX case_view_report_missing; ALTER TABLE case_view DROP COLUMN report; \
                 DELETE FROM _sqlx_migrations WHERE version = 16",
            )
            .await
        }
    }
    let store = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let missing = db
        .query_i64("SELECT COUNT(*) FROM case_view WHERE report IS NULL")
        .await;
    assert!(missing[0] > 0, "the column is back, empty");
    let kind = ReportKind::Dashboard;
    let want = in_memory_report(
        &store,
        kind.as_str(),
        "2026-01-01",
        "2026-12-31",
        head,
        "json",
    )
    .await;
    let (report, reading) = year_report(&store, kind, head, Source::CaseView)
        .await
        .unwrap();
    assert_eq!(reading.cases_from_view, 0, "{reading:?}");
    assert!(report.render(Format::Json).unwrap() == want);
    pqrs_infrastructure::projection::rebuild_case_view(&store, 5_000, |_, _| {})
        .await
        .unwrap();
    let missing = db
        .query_i64("SELECT COUNT(*) FROM case_view WHERE report IS NULL")
        .await;
    assert_eq!(missing[0], 0, "the rebuild writes every document");
    let (report, reading) = year_report(&store, kind, head, Source::CaseView)
        .await
        .unwrap();
    assert!(reading.cases_from_view > 0, "{reading:?}");
    assert_eq!(reading.events_from_log, 0, "{reading:?}");
    assert!(report.render(Format::Json).unwrap() == want);
}

/// The indexes of SQLite's case view, by name.
async fn sqlite_case_view_indexes(store: &pqrs_infrastructure::Db) -> Vec<String> {
    let mut names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM views.sqlite_master WHERE type = 'index' AND tbl_name = 'case_view' \
         AND name NOT LIKE 'sqlite_autoindex%'",
    )
    .fetch_all(&store.pool)
    .await
    .unwrap();
    names.sort();
    names
}

/// Issue 11, item 20, on SQLite. A rebuilt case view has its indexes under the rebuild's
/// suffixed names; opening the store afterwards must not build a second copy of each under
/// the bare name (an earlier version did, on the first start after every rebuild: 48 s of CPU
/// at a million cases, and every later write kept both copies), and a copy an earlier
/// version left is dropped. And SQLite answers the report's read of the view from the
/// covering index, not by walking each row past its large `state` into overflow pages.
async fn a_rebuilt_case_view_keeps_one_copy_of_each_index_and_reports_read_the_covering_one() {
    use pqrs_infrastructure::reports::view_sql;
    let (db, store, _) = fixture_with_its_view(Backend::Sqlite).await;
    let before = sqlite_case_view_indexes(&store).await;
    assert!(
        before.iter().any(|n| n == "case_view_report_cover"),
        "a new views file has the covering index: {before:?}"
    );
    pqrs_infrastructure::projection::rebuild_case_view(&store, 5_000, |_, _| {})
        .await
        .unwrap();
    let rebuilt = sqlite_case_view_indexes(&store).await;
    assert_eq!(rebuilt.len(), before.len(), "{before:?} {rebuilt:?}");
    assert!(rebuilt.iter().all(|n| n.contains("_r")), "{rebuilt:?}");
    store.pool.close().await;

    let reopened = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    reopened.migrate().await.unwrap();
    assert_eq!(
        sqlite_case_view_indexes(&reopened).await,
        rebuilt,
        "opening a rebuilt view adds no index"
    );
    // The copy an earlier version built on that first start goes.
    sqlx::query("CREATE INDEX views.case_view_open_due ON case_view (closed, due_date)")
        .execute(&reopened.pool)
        .await
        .unwrap();
    reopened.pool.close().await;
    let reopened = pqrs_infrastructure::Db::connect(&db.url).await.unwrap();
    reopened.migrate().await.unwrap();
    assert_eq!(sqlite_case_view_indexes(&reopened).await, rebuilt);

    let sql = view_sql(pqrs_infrastructure::Backend::Sqlite);
    for (statement, index) in [
        (
            &sql.rows,
            "SEARCH case_view USING COVERING INDEX case_view_report_cover_r",
        ),
        (
            &sql.incomplete,
            "USING COVERING INDEX case_view_report_absent_r",
        ),
    ] {
        let rows = sqlx::query(&format!("EXPLAIN QUERY PLAN {statement}"))
            .fetch_all(&reopened.pool)
            .await
            .unwrap();
        let details: Vec<String> = rows
            .iter()
            .map(|r| sqlx::Row::try_get::<String, _>(r, 3).unwrap())
            .collect();
        assert!(
            details.iter().any(|d| d.contains(index)),
            "{statement}: {details:?}"
        );
    }
    reopened.pool.close().await;
}
