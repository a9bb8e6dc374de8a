//! The whole life of a PQR over HTTP, walked through dates with the dev clock, on SQLite and
//! PostgreSQL: suspension and supply (art. 17), extension (art. 14 parágrafo), answer and
//! rating, forwarding (art. 21), positive silence (art. 14 num. 1) and tacit withdrawal
//! recorded by the scheduler, role checks, and concurrent commands.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    a_petition_is_suspended_on_day_3_supplied_on_day_20_extended_and_answered,
    a_case_forwarded_for_lack_of_competence_closes_and_a_late_forwarding_is_recorded_late,
    an_information_request_reaches_positive_silence_once_by_the_scheduler,
    a_tacit_withdrawal_is_recorded_when_the_completion_window_closes,
    roles_and_access_codes_guard_every_action,
    concurrent_commands_on_one_case_lose_no_update,
    pqrs_jobs_run_records_due_decisions_once_for_cron,
    a_voided_radicado_stays_accounted_for_in_the_completeness_proof,
);

struct Case<'a> {
    app: &'a App,
    radicado: String,
    code: String,
}

async fn file_at<'a>(app: &'a App, at: &str, kind: &str) -> Case<'a> {
    app.set_clock(at).await;
    let mut body = anonymous_petition();
    body["kind"] = json!(kind);
    let r = app.file(&body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    Case {
        app,
        radicado: v["radicado"].as_str().unwrap().to_owned(),
        code: v["access_code"].as_str().unwrap().to_owned(),
    }
}

impl Case<'_> {
    async fn staff(&self, token: &str, action: &str, body: Value) -> (StatusCode, Value) {
        let r = self
            .app
            .client
            .post(
                self.app
                    .url(&format!("/v1/pqrs/{}/{action}", self.radicado)),
            )
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap())
    }

    async fn citizen(&self, action: &str, body: Value) -> (StatusCode, Value) {
        let r = self
            .app
            .client
            .post(
                self.app
                    .url(&format!("/v1/pqrs/{}/{action}", self.radicado)),
            )
            .header("X-Access-Code", &self.code)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap())
    }

    async fn track(&self) -> Value {
        let r = self
            .app
            .client
            .get(self.app.url(&format!("/v1/pqrs/{}", self.radicado)))
            .header("X-Access-Code", &self.code)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.unwrap()
    }
}

/// Waits until the in-process scheduler of `app` has completed two more runs.
async fn two_more_scheduler_runs(app: &App) {
    let runs = || async {
        let r: Value = app.get_json("/ready").await;
        r["scheduler_runs"].as_u64().unwrap()
    };
    let start = runs().await;
    wait_for(Duration::from_secs(30), || async {
        runs().await >= start + 2
    })
    .await;
}

fn milestones(v: &Value) -> Vec<String> {
    v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["what"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_petition_is_suspended_on_day_3_supplied_on_day_20_extended_and_answered(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    let case = file_at(&app, "2026-11-23T09:00:00-05:00", "petition").await;
    assert_eq!(case.track().await["due_date"], "2026-12-15");

    let (s, v) = case
        .staff(
            &agent,
            "assign",
            json!({"dependency": "Secretaría de Ambiente", "official": "Luis Gómez"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "in_progress");
    let (s, _) = case
        .staff(&agent, "notes", json!({"text": "Revisar con la UMATA"}))
        .await;
    assert_eq!(s, StatusCode::OK);

    // Day 3 (third business day after E): ask the petitioner to complete it; the clock stops.
    app.set_clock("2026-11-26T10:00:00-05:00").await;
    let (s, v) = case
        .staff(
            &agent,
            "completion-request",
            json!({"what": "Indique la dirección exacta del árbol"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "suspended");
    let t = case.track().await;
    assert_eq!(
        t["completion"]["what"],
        "Indique la dirección exacta del árbol"
    );
    assert_eq!(t["completion"]["requested_on"], "2026-11-26");
    assert!(
        t.get("staff").is_none(),
        "citizens never see the staff view"
    );
    // While suspended it is never overdue, even past the original due date.
    app.set_clock("2026-12-14T10:00:00-05:00").await;
    assert_eq!(case.track().await["overdue"], false);

    // Day 20 (14 Dec): supplied; 3 business days were consumed, 12 remain from 15 Dec:
    // 15,16,17,18,21,22,23,24,28,29,30,31 (25 Dec is a holiday) → due 31 Dec.
    let (s, v) = case
        .citizen(
            "completion",
            json!({"text": "Calle 12 # 3-45, frente al parque"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "in_progress");
    assert_eq!(v["due_date"], "2026-12-31");

    // Extension (art. 14 parágrafo): an excessive one is refused, a reasonable one accepted.
    app.set_clock("2026-12-21T10:00:00-05:00").await;
    let (s, v) = case
        .staff(
            &agent,
            "extend",
            json!({"new_due_date": "2027-06-01", "reasons": "Visita técnica"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["detail"].as_str().unwrap().contains("art. 14"), "{v}");
    let (s, v) = case
        .staff(
            &agent,
            "extend",
            json!({"new_due_date": "2027-01-05", "reasons": "Visita técnica"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["due_date"], "2027-01-05");

    // Answer on 4 Jan 2027: on time; the citizen rates once.
    app.set_clock("2027-01-04T10:00:00-05:00").await;
    let (s, _) = case.citizen("rating", json!({"score": 5})).await;
    assert_eq!(s, StatusCode::CONFLICT, "no rating before the answer");
    let (s, v) = case
        .staff(
            &agent,
            "answer",
            json!({"text": "Se programó la poda para el 8 de enero.", "outcome": "granted"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "answered");
    assert_eq!(v["answer"]["on_time"], true);
    let (s, v) = case
        .citizen("rating", json!({"score": 5, "comment": "Muy amables"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rating"], 5);
    let (s, _) = case.citizen("rating", json!({"score": 1})).await;
    assert_eq!(s, StatusCode::CONFLICT, "rated once");
    let (s, _) = case
        .staff(
            &agent,
            "answer",
            json!({"text": "otra", "outcome": "denied"}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::CONFLICT,
        "a closed case cannot be answered again"
    );

    // The citizen sees the public milestones and the answer, never internal notes or names.
    let t = case.track().await;
    assert_eq!(
        t["answer"]["text"],
        "Se programó la poda para el 8 de enero."
    );
    let seen = serde_json::to_string(&t).unwrap();
    assert!(
        !seen.contains("UMATA") && !seen.contains("Luis Gómez"),
        "{seen}"
    );
    let m = milestones(&t);
    for expected in [
        "filed",
        "completion_requested",
        "completion_supplied",
        "term_extended",
        "answered",
    ] {
        assert!(
            m.iter().any(|x| x == expected),
            "milestone {expected} missing: {m:?}"
        );
    }
    // Staff see everything.
    let r = app
        .client
        .get(app.url(&format!("/v1/pqrs/{}", case.radicado)))
        .bearer_auth(&agent)
        .send()
        .await
        .unwrap();
    let staff: Value = r.json().await.unwrap();
    assert_eq!(staff["staff"]["notes"][0]["detail"], "Revisar con la UMATA");
    assert_eq!(staff["staff"]["official"], "Luis Gómez");
    // Every event records who did it.
    let staff_events = db
        .query_i64("SELECT COUNT(*) FROM events WHERE metadata LIKE '%\"actor_role\":\"agent\"%'")
        .await;
    assert_eq!(staff_events, vec![5]);
}

/// Ley 1755 de 2015 art. 21: the duty to forward remains after the 5 business days; art. 31:
/// the delay is a fault. A late forwarding is accepted, marked late on its event and counted
/// in the follow-up report.
async fn a_case_forwarded_for_lack_of_competence_closes_and_a_late_forwarding_is_recorded_late(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let reporter = db.token("reporter").await;
    let app = spawn_app(&db).await;
    let early = file_at(&app, "2026-11-23T09:00:00-05:00", "complaint").await;
    let late = file_at(&app, "2026-11-23T09:05:00-05:00", "complaint").await;
    let remitted = file_at(&app, "2026-11-23T09:10:00-05:00", "complaint").await;
    // 5 business days after E = 23 Nov is 30 Nov.
    app.set_clock("2026-11-30T16:00:00-05:00").await;
    let (s, v) = early
        .staff(&agent, "forward", json!({"authority": "Superintendencia de Servicios Públicos", "reasons": "Competencia de la Superintendencia"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "forwarded");
    app.set_clock("2026-12-01T09:00:00-05:00").await;
    let (s, v) = late
        .staff(
            &agent,
            "forward",
            json!({"authority": "Superintendencia", "reasons": "Competencia de la Superintendencia"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "a late forwarding is still owed: {v}");
    assert_eq!(v["status"], "forwarded");
    // The workaround of old (an answer with outcome `forwarded`) is late too.
    let (s, v) = remitted
        .staff(
            &agent,
            "answer",
            json!({"text": "Se remitió a la Superintendencia.", "outcome": "forwarded"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let late_flags = db
        .query_i64(
            "SELECT CASE WHEN payload LIKE '%\"late\":true%' THEN 1 ELSE 0 END FROM events \
             WHERE event_type = 'PqrForwarded' ORDER BY position",
        )
        .await;
    assert_eq!(
        late_flags,
        vec![0, 1],
        "the event says which forwarding was late"
    );
    let (s, _) = early.citizen("withdraw", json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "a forwarded case is closed");
    // The follow-up report counts the two late forwardings.
    let position = db.query_i64("SELECT MAX(position) FROM events").await[0];
    wait_for(Duration::from_secs(30), || async {
        let r: Value = app.get_json("/ready").await;
        r["projections_position"].as_i64().unwrap() >= position
    })
    .await;
    let r = app
        .get_as(
            &reporter,
            "/v1/reports/pqr-follow-up?from=2026-11-01&to=2026-11-30&format=json",
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let report: Value = r.json().await.unwrap();
    let total = &report["data"]["total"];
    assert_eq!(total["forwards"], 2, "{total}");
    assert_eq!(total["forwards_late"], 2, "{total}");
    assert_eq!(total["answered_late"], 1, "{total}");
}

async fn an_information_request_reaches_positive_silence_once_by_the_scheduler(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    let other = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    let case = file_at(&app, "2026-11-23T09:00:00-05:00", "information_request").await;
    assert_eq!(case.track().await["due_date"], "2026-12-07");
    // On the due date itself nothing is recorded.
    app.set_clock("2026-12-07T23:00:00-05:00").await;
    other.set_clock("2026-12-07T23:00:00-05:00").await;
    two_more_scheduler_runs(&app).await;
    assert!(case.track().await["positive_silence"].is_null());
    // Both schedulers run from the day after the due date.
    app.set_clock("2026-12-08T08:00:00-05:00").await;
    other.set_clock("2026-12-08T08:00:00-05:00").await;
    wait_for(Duration::from_secs(30), || async {
        !case.track().await["positive_silence"].is_null()
    })
    .await;
    let t = case.track().await;
    assert_eq!(t["positive_silence"]["accepted_from"], "2026-12-08");
    assert!(milestones(&t)
        .iter()
        .any(|m| m == "positive_silence_reached"));
    // Let a few more scheduler runs pass on both processes: still recorded once.
    let before = db.query_i64("SELECT MAX(position) FROM events").await[0];
    wait_for(Duration::from_secs(30), || async {
        let r: Value = other.get_json("/ready").await;
        r["projections_position"].as_i64().unwrap() >= before
    })
    .await;
    two_more_scheduler_runs(&app).await;
    two_more_scheduler_runs(&other).await;
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PositiveSilenceReached'")
            .await,
        vec![1]
    );
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM events WHERE metadata LIKE '%\"actor_kind\":\"system\"%'"
        )
        .await,
        vec![1]
    );
}

async fn a_tacit_withdrawal_is_recorded_when_the_completion_window_closes(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    let case = file_at(&app, "2026-11-23T09:00:00-05:00", "petition").await;
    app.set_clock("2026-11-25T10:00:00-05:00").await;
    let (s, v) = case
        .staff(
            &agent,
            "completion-request",
            json!({"what": "Adjunte copia de la cédula"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let window_ends = v["completion"]["window_ends_on"]
        .as_str()
        .unwrap()
        .to_owned();
    // One month after the request is 25 Dec, a holiday: the term ends the next business day
    // (Ley 4 de 1913 art. 62).
    assert_eq!(window_ends, "2026-12-28");
    // The day the window ends nothing happens; the day after, the scheduler records it.
    app.set_clock("2026-12-28T20:00:00-05:00").await;
    two_more_scheduler_runs(&app).await;
    assert_eq!(case.track().await["status"], "suspended");
    app.set_clock("2026-12-29T08:00:00-05:00").await;
    wait_for(Duration::from_secs(30), || async {
        case.track().await["status"] == "withdrawn_tacitly"
    })
    .await;
    let (s, _) = case.citizen("completion", json!({"text": "tarde"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
}

async fn roles_and_access_codes_guard_every_action(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let supervisor = db.token("supervisor").await;
    let auditor = db.token("auditor").await;
    let app = spawn_app(&db).await;
    let case = file_at(&app, "2026-11-23T09:00:00-05:00", "claim").await;
    let url = app.url(&format!("/v1/pqrs/{}/answer", case.radicado));
    let answer = json!({"text": "Respuesta", "outcome": "granted"});
    // No token: 401; a role without case work: 403; a wrong access code: 404 like an unknown radicado.
    let r = app.client.post(&url).json(&answer).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .post(&url)
        .bearer_auth(&auditor)
        .json(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .client
        .post(app.url(&format!("/v1/pqrs/{}/withdraw", case.radicado)))
        .header("X-Access-Code", "ABCDEFGHJK0123456789")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .client
        .post(app.url("/v1/pqrs/2026-999999/answer"))
        .bearer_auth(&agent)
        .json(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Only the petitioner rates; invalid fields are 422 with the field named.
    let (s, _) = case.staff(&agent, "rating", json!({"score": 5})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = case
        .staff(&agent, "answer", json!({"text": "x", "outcome": "maybe"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "outcome");
    let (s, _) = case
        .staff(&agent, "escalate", json!({"tier": 7, "reason": "x"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Moving a case to another dependency needs a supervisor; voiding too.
    let (s, _) = case
        .staff(
            &agent,
            "assign",
            json!({"dependency": "Hacienda", "official": "Ana"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = case
        .staff(
            &agent,
            "assign",
            json!({"dependency": "Movilidad", "official": "Ana"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = case
        .staff(
            &supervisor,
            "assign",
            json!({"dependency": "Movilidad", "official": "Ana"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = case
        .staff(&agent, "void", json!({"reason": "Radicado por error"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = case
        .staff(&supervisor, "void", json!({"reason": "Radicado por error"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "voided");
    // Nothing refused was written: filed, assigned twice, voided.
    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, vec![4]);
}

async fn concurrent_commands_on_one_case_lose_no_update(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    let other = spawn_app(&db).await;
    let case = file_at(&app, "2026-11-23T09:00:00-05:00", "petition").await;
    let results = futures_util::future::join_all((0..20).map(|i| {
        let (server, agent) = (if i % 2 == 0 { &app } else { &other }, agent.clone());
        let url = server.url(&format!("/v1/pqrs/{}/notes", case.radicado));
        async move {
            server
                .client
                .post(url)
                .bearer_auth(agent)
                .json(&json!({"text": format!("nota {i}")}))
                .send()
                .await
                .unwrap()
                .status()
        }
    }))
    .await;
    let ok = results.iter().filter(|s| **s == StatusCode::OK).count();
    assert!(results
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT));
    // Every acknowledged note is there, with sequences 1..n+1 and no duplicate.
    let seqs = db
        .query_i64(&format!(
            "SELECT sequence FROM events WHERE aggregate_id = '{}' ORDER BY sequence",
            case.radicado
        ))
        .await;
    assert_eq!(seqs, (1..=(ok as i64 + 1)).collect::<Vec<_>>());
    assert!(ok >= 1, "at least the first command gets through");
}

async fn pqrs_jobs_run_records_due_decisions_once_for_cron(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    // A letter of January registered now: allowed by a wide backdating limit.
    let config = db.dir().join("backdating.toml");
    // The server's scheduler passes once at start and then not for an hour: the decision
    // below is left to `pqrs jobs run`, as cron would run it. (Under load, a first pass that
    // started after the filing recorded it itself, and the CLI found nothing to do.)
    std::fs::write(
        &config,
        "max_backdating_days = 3650\nscheduler_interval_secs = 3600\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let app = spawn_app_with(&db, &["--config", &config]).await;
    wait_for(Duration::from_secs(60), || async {
        app.get_json("/ready").await["scheduler_runs"]
            .as_u64()
            .is_some_and(|runs| runs >= 1)
    })
    .await;
    // A letter received in January, registered now: long past its due date.
    let mut body = anonymous_petition();
    body["kind"] = json!("information_request");
    body["channel"] = json!("mail");
    body["received_at"] = json!("2026-01-05T10:00:00-05:00");
    let r = app.file_as(&agent, &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let radicado = r.json::<Value>().await.unwrap()["radicado"]
        .as_str()
        .unwrap()
        .to_owned();
    let jobs = || async { pqrs_cli_ok(&["jobs", "run", "--database-url", &db.url]).await };
    let first = jobs().await;
    assert!(
        first.contains(&format!("{radicado}  positive_silence_reached")),
        "{first}"
    );
    let second = jobs().await;
    assert!(!second.contains("positive_silence_reached"), "{second}");
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PositiveSilenceReached'")
            .await,
        vec![1]
    );
}

async fn a_voided_radicado_stays_accounted_for_in_the_completeness_proof(b: Backend) {
    let db = TestDb::new(b).await;
    let supervisor = db.token("supervisor").await;
    let app = spawn_app(&db).await;
    let first = file_at(&app, "2026-11-23T09:00:00-05:00", "petition").await;
    let _second = file_at(&app, "2026-11-23T09:01:00-05:00", "petition").await;
    let (s, v) = first
        .staff(
            &supervisor,
            "void",
            json!({"reason": "Radicado duplicado por error"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let out = tokio::process::Command::new(server_binary())
        .args([
            "audit",
            "radicados",
            "--year",
            "2026",
            "--json",
            "--database-url",
            &db.url,
        ])
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["last_number"], 2);
    assert_eq!(report["filed"], 2);
    assert_eq!(report["voided"], 1);
    assert_eq!(report["complete"], true, "{report}");
    assert_eq!(report["gaps"], json!([]));
}
