//! The public deadline calculator, the holiday calendar, closure days and the CLI.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

async fn calculate(app: &App, body: Value) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url("/v1/deadlines/calculate"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_calculator_follows_legal_terms_section_3() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    // The worked example of docs/legal.md §4.
    let (s, v) = calculate(
        &app,
        json!({"received_at": "2026-11-23T09:00:00-05:00", "kind": "petition"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["effective_received_on"], "2026-11-23");
    assert_eq!(v["due_date"], "2026-12-15");
    assert_eq!(v["policy"], "ley-1755-2015");
    assert_eq!(v["term"], json!({"days": 15, "unit": "business"}));
    // 23:30 Bogotá given as a UTC instant is still the 23rd locally.
    let (_, v) = calculate(
        &app,
        json!({"received_at": "2026-11-24T04:30:00Z", "kind": "information_request"}),
    )
    .await;
    assert_eq!(v["effective_received_on"], "2026-11-23");
    assert_eq!(v["due_date"], "2026-12-07");
    // Received on a Saturday: E is Monday. Explicit calendar-day term ending on a holiday moves on.
    let (_, v) = calculate(
        &app,
        json!({"received_at": "2026-11-28T10:00:00-05:00", "term": {"days": 8, "unit": "calendar"}}),
    )
    .await;
    assert_eq!(v["effective_received_on"], "2026-11-30");
    assert_eq!(
        v["due_date"], "2026-12-09",
        "30 Nov + 8 = 8 Dec, a holiday, so the 9th"
    );
    assert_eq!(v["policy"], "explicit-term");
    // Decreto 491 de 2020 art. 5: a petition received in 2021 has 30 business days.
    let (_, v) = calculate(
        &app,
        json!({"received_at": "2021-03-01T09:00:00-05:00", "kind": "petition"}),
    )
    .await;
    assert_eq!(v["policy"], "decreto-491-2020");
    assert_eq!(v["term"]["days"], 30);
    // Refusals: out of range, both kind and term, neither, bad unit, bad instant.
    for body in [
        json!({"received_at": "1983-06-01T09:00:00-05:00", "kind": "petition"}),
        json!({"received_at": "2200-01-02T09:00:00-05:00", "kind": "petition"}),
        json!({"received_at": "2026-11-23T09:00:00-05:00", "kind": "petition", "term": {"days": 5, "unit": "business"}}),
        json!({"received_at": "2026-11-23T09:00:00-05:00"}),
        json!({"received_at": "2026-11-23T09:00:00-05:00", "term": {"days": 5, "unit": "weeks"}}),
        json!({"received_at": "2026-11-23 09:00", "kind": "petition"}),
        json!({"received_at": "2026-11-23T09:00:00-05:00", "kind": "petition", "surprise": 1}),
    ] {
        let (s, v) = calculate(&app, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(v["status"], 422);
        assert!(v["errors"].as_array().is_some_and(|e| !e.is_empty()), "{v}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_holiday_calendar_lists_each_date_once_sorted() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    let v: Value = app.get_json("/v1/calendar/holidays?year=2025").await;
    assert_eq!(v["year"], 2025);
    let dates: Vec<&str> = v["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates.iter().filter(|d| **d == "2025-06-30").count(),
        1,
        "two holidays share 30 June 2025"
    );
    let mut sorted = dates.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, dates);
    assert_eq!(dates.len(), 17);
    let v: Value = app.get_json("/v1/calendar/holidays?year=2026").await;
    let dates: Vec<&str> = v["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(dates.contains(&"2026-07-13"), "Ley 2578 de 2026");
    assert_eq!(dates.len(), 19);
}

on_both_backends!(a_refresh_that_read_the_log_before_a_declaration_keeps_the_newer_calendar);

/// A process's calendar refresh (the watcher's, every few seconds) may load the log just before
/// a declaration in the same process and finish just after the declaring request put the newer
/// calendar in force: the older read must not take the declared day away again.
async fn a_refresh_that_read_the_log_before_a_declaration_keeps_the_newer_calendar(b: Backend) {
    use pqrs_domain::calendar::{Calendar, ClosureDay};
    use pqrs_domain::closures::{CalendarCommand, EntityCalendar, ENTITY_CALENDAR_ID};
    use pqrs_domain::text::Reason;
    use pqrs_infrastructure::commands::Executor;
    use pqrs_infrastructure::event_store::PqrsEventRepository;
    use pqrs_infrastructure::{calendar_store, Clock, Db};

    let test_db = TestDb::new(b).await;
    let db = Db::connect(&test_db.url).await.unwrap();
    db.migrate().await.unwrap();
    let calendar =
        Executor::<EntityCalendar>::new(PqrsEventRepository::new(db, Clock::system()), ());
    let services = pqrs_domain::PqrServices::default();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00").unwrap();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    // In force: a calendar with 14 Dec, newer than the log this refresh reads (empty).
    services
        .calendar
        .advance(Calendar::colombia_with_closures(vec![
            ClosureDay::declared(day("2026-12-14"), "Resolución 88 de 2026", at),
        ]));
    let in_force = services.calendar.current().version().to_owned();
    calendar_store::refresh(&calendar, &services).await.unwrap();
    assert_eq!(services.calendar.current().version(), in_force);
    assert_eq!(services.calendar.current().closures().len(), 1);
    // Once the log holds more, a refresh puts it in force.
    for (date, basis) in [
        ("2026-12-14", "Resolución 88 de 2026"),
        ("2026-12-15", "Resolución 89 de 2026"),
    ] {
        let command = CalendarCommand::DeclareClosure {
            date: day(date),
            legal_basis: Reason::parse(basis).unwrap(),
            at,
        };
        calendar
            .execute(ENTITY_CALENDAR_ID, command, &Default::default())
            .await
            .unwrap();
    }
    calendar_store::refresh(&calendar, &services).await.unwrap();
    let dates: Vec<String> = services
        .calendar
        .current()
        .closures()
        .iter()
        .map(|c| c.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-12-14", "2026-12-15"]);
}

on_both_backends!(closure_days_count_from_their_declaration_on_every_process);

async fn closure_days_count_from_their_declaration_on_every_process(b: Backend) {
    let db = TestDb::new(b).await;
    let admin = db.token("admin").await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    let other = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    other.set_clock("2026-11-23T09:00:00-05:00").await;
    let declare = |token: Option<&str>, body: Value| {
        let mut req = app
            .client
            .post(app.url("/v1/calendar/closures"))
            .json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    let closure =
        json!({"date": "2026-12-01", "legal_basis": "Resolución 77 de 2026 (día cívico)"});
    assert_eq!(
        declare(None, closure.clone()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        declare(Some(&agent), closure.clone())
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let before: Value = app.get_json("/v1/calendar/closures").await;
    let r = declare(Some(&admin), closure.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let after: Value = r.json().await.unwrap();
    assert_eq!(after["closures"], json!([closure]));
    assert_ne!(after["calendar_version"], before["calendar_version"]);
    // Refusals: again (already closed), a holiday, the past, no basis.
    for (body, status) in [
        (closure.clone(), StatusCode::CONFLICT),
        (
            json!({"date": "2026-12-08", "legal_basis": "x"}),
            StatusCode::CONFLICT,
        ),
        (
            json!({"date": "2026-11-20", "legal_basis": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"date": "2026-12-02", "legal_basis": "  "}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"date": "not a date", "legal_basis": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = declare(Some(&admin), body.clone()).await.unwrap();
        assert_eq!(r.status(), status, "{body}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
    // A filing now runs one business day longer: 15 business days from 23 Nov skip 1 and 8 Dec.
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    assert_eq!(filed["due_date"], "2026-12-16");
    // The CLI calculator counts it when given the store, and only then.
    for (store, due) in [(true, "2026-12-16"), (false, "2026-12-15")] {
        let mut args = vec![
            "deadline",
            "--kind",
            "petition",
            "--received",
            "2026-11-23T09:00:00-05:00",
        ];
        if store {
            args.extend(["--database-url", db.url.as_str()]);
        }
        let text = pqrs_cli_ok(&args).await;
        assert!(
            text.contains(&format!("vence:                   {due}")),
            "{text}"
        );
    }
    // The declaration is recorded in the event log like any other fact.
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'ClosureDayDeclared'")
            .await,
        vec![1]
    );
    // The other process picks it up from the log.
    wait_for(std::time::Duration::from_secs(20), || async {
        let r = other
            .client
            .post(other.url("/v1/deadlines/calculate"))
            .json(&json!({"received_at": "2026-11-23T09:00:00-05:00", "kind": "petition"}))
            .send()
            .await
            .unwrap();
        r.json::<Value>().await.unwrap()["due_date"] == "2026-12-16"
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cli_computes_deadlines_and_lists_holidays() {
    let out = tokio::process::Command::new(server_binary())
        .args([
            "deadline",
            "--kind",
            "petition",
            "--received",
            "2026-11-23T09:00:00-05:00",
        ])
        .output()
        .await
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2026-12-15"), "{text}");
    let out = tokio::process::Command::new(server_binary())
        .args(["holidays", "2026"])
        .output()
        .await
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("2026-07-13") && text.contains("Chiquinquirá"),
        "{text}"
    );
    assert_eq!(text.lines().filter(|l| l.starts_with("2026-")).count(), 19);
    let out = tokio::process::Command::new(server_binary())
        .args(["holidays", "1983"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("1984"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entity_policy_file_sets_its_own_terms() {
    let dir = std::env::temp_dir().join(format!("pqrs-policy-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    // The entity's catalog: petitions 20 business days, consultations 2 months.
    let terms: Vec<Value> = [
        ("petition", json!({"days": 20, "unit": "business"})),
        (
            "information_request",
            json!({"days": 10, "unit": "business"}),
        ),
        ("consultation", json!({"days": 2, "unit": "months"})),
        ("complaint", json!({"days": 15, "unit": "business"})),
        ("claim", json!({"days": 15, "unit": "business"})),
        ("report", json!({"days": 15, "unit": "business"})),
        ("suggestion", json!({"days": 30, "unit": "calendar"})),
        ("commendation", json!({"days": 30, "unit": "calendar"})),
    ]
    .into_iter()
    .map(|(k, t)| json!([k, t]))
    .collect();
    let book = json!([{
        "starts_on": null,
        "policy": {"id": "entidad-2026", "name": "Procedimiento PQRS de la entidad", "version": "entidad-2026@1",
                   "legal_basis": "Resolución 10 de 2026", "terms": terms,
                   "due_soon": {"business_days_left": 10, "percent_elapsed": 90}},
        "legal_basis": "Resolución 10 de 2026",
        "cases_in_progress": "term_at_filing_stands"
    }]);
    let policy = dir.join("policy.json");
    std::fs::write(&policy, book.to_string()).unwrap();
    let config = dir.join("pqrs.toml");
    std::fs::write(&config, format!("policy_file = \"{}\"\n", policy.display())).unwrap();
    let db = TestDb::new(Backend::Sqlite).await;
    let config_arg = config.display().to_string();
    let app = spawn_app_with(
        &db,
        &[
            "--dev-clock",
            "--scheduler-interval-secs",
            "1",
            "--config",
            &config_arg,
        ],
    )
    .await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    // 20 business days after Monday 23 Nov, skipping 8 Dec: 22 Dec.
    assert_eq!(filed["due_date"], "2026-12-22");
    assert_eq!(filed["policy"], "entidad-2026");
    let (_, v) = calculate(
        &app,
        json!({"received_at": "2026-11-23T09:00:00-05:00", "kind": "consultation"}),
    )
    .await;
    assert_eq!(
        v["due_date"], "2027-01-25",
        "23 Jan 2027 is a Saturday: the next business day"
    );

    // Its own due-soon thresholds: on Monday 7 Dec the petition has 10 business days left
    // (8 Dec is a holiday) and half its term elapsed — on time by the defaults (3 days, 80 %),
    // due soon by the entity's 10 days, in the work queue, in the alert list and as a
    // recorded alert.
    app.set_clock("2026-12-07T08:00:00-05:00").await;
    let token = db.token("admin").await;
    let queue = || async {
        let r = app.get_as(&token, "/v1/cases").await;
        assert_eq!(r.status(), StatusCode::OK);
        r.json::<Value>().await.unwrap()
    };
    wait_for(Duration::from_secs(30), || async {
        queue().await["total"] == 1
    })
    .await;
    let queue = queue().await;
    let deadline = &queue["items"][0]["deadline"];
    assert_eq!(deadline["business_days_left"], 10, "{queue}");
    assert_eq!(deadline["state"], "due_soon", "{queue}");
    let alerts: Value = app.get_as(&token, "/v1/alerts").await.json().await.unwrap();
    assert_eq!(
        alerts["alerts"][0]["radicado"], filed["radicado"],
        "{alerts}"
    );
    assert_eq!(
        alerts["alerts"][0]["deadline"]["state"], "due_soon",
        "{alerts}"
    );
    let radicado = filed["radicado"].as_str().unwrap().to_owned();
    wait_for(Duration::from_secs(30), || async {
        let raised: Value = app
            .get_as(&token, "/v1/alerts/raised")
            .await
            .json()
            .await
            .unwrap();
        raised.to_string().contains(&radicado) && raised.to_string().contains("due_soon")
    })
    .await;

    // A broken policy file stops the server with a clear message instead of running on defaults.
    std::fs::write(&policy, "[]").unwrap();
    let out = tokio::process::Command::new(server_binary())
        .args([
            "--config",
            &config_arg,
            "deadline",
            "--kind",
            "petition",
            "--received",
            "2026-11-23T09:00:00-05:00",
        ])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("policy.json"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

on_both_backends!(a_closure_day_inside_an_open_term_moves_its_due_date_one_business_day);

/// Ley 4 de 1913 art. 62: a running term skips non-business days, so a closure day declared
/// for a date inside an open case's term adds one business day to it; the move is an event
/// of the case. Closed cases, cases whose term does not include the date and cases filed
/// after the declaration (which counted it already) do not move; reports as of an earlier
/// log position stay identical.
async fn a_closure_day_inside_an_open_term_moves_its_due_date_one_business_day(b: Backend) {
    let db = TestDb::new(b).await;
    let admin = db.token("admin").await;
    let agent = db.token("agent").await;
    let reporter = db.token("reporter").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    let file = |at: &'static str, kind: &'static str| {
        let app = &app;
        async move {
            app.set_clock(at).await;
            let mut body = anonymous_petition();
            body["kind"] = json!(kind);
            let r = app.file(&body).await;
            assert_eq!(r.status(), StatusCode::CREATED);
            let v: Value = r.json().await.unwrap();
            (
                v["radicado"].as_str().unwrap().to_owned(),
                v["due_date"].as_str().unwrap().to_owned(),
            )
        }
    };
    let staff = |radicado: String, action: &'static str, body: Value| {
        let app = &app;
        let agent = agent.clone();
        async move {
            let r = app
                .client
                .post(app.url(&format!("/v1/pqrs/{radicado}/{action}")))
                .bearer_auth(&agent)
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let due_of = |radicado: String| {
        let app = &app;
        let agent = agent.clone();
        async move {
            let v: Value = app
                .get_as(&agent, &format!("/v1/pqrs/{radicado}"))
                .await
                .json()
                .await
                .unwrap();
            v["due_date"].as_str().unwrap().to_owned()
        }
    };
    // Open: 15 business days from Mon 23 Nov, due Tue 15 Dec.
    let (open, due) = file("2026-11-23T09:00:00-05:00", "petition").await;
    assert_eq!(due, "2026-12-15");
    // Closed before the declaration: answered on 24 Nov.
    let (answered, _) = file("2026-11-23T09:01:00-05:00", "petition").await;
    // An information request due Mon 7 Dec: its term does not include 14 Dec.
    let (short, due) = file("2026-11-23T09:02:00-05:00", "information_request").await;
    assert_eq!(due, "2026-12-07");
    app.set_clock("2026-11-24T09:00:00-05:00").await;
    let (s, v) = staff(
        answered.clone(),
        "answer",
        json!({"text": "Respuesta de fondo.", "outcome": "granted"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let position = db.query_i64("SELECT MAX(position) FROM events").await[0];
    wait_for(Duration::from_secs(30), || async {
        let r: Value = app.get_json("/ready").await;
        r["projections_position"].as_i64().unwrap() >= position
    })
    .await;
    let report_at = |p: i64| {
        let app = &app;
        let reporter = reporter.clone();
        async move {
            app.get_as(
                &reporter,
                &format!("/v1/reports/pqr-follow-up?from=2026-11-01&to=2026-11-30&format=json&at_position={p}"),
            )
            .await
            .bytes()
            .await
            .unwrap()
        }
    };
    let report_before = report_at(position).await;

    // On 25 Nov the entity closes Mon 14 Dec.
    app.set_clock("2026-11-25T09:00:00-05:00").await;
    let r = app
        .client
        .post(app.url("/v1/calendar/closures"))
        .bearer_auth(&admin)
        .json(&json!({"date": "2026-12-14", "legal_basis": "Resolución 88 de 2026 (día cívico)"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    // Filed after the declaration: its due date counts the closure from the start.
    let (later, later_due) = file("2026-11-25T10:00:00-05:00", "petition").await;
    assert_eq!(later_due, "2026-12-18");

    // The open case's term now ends one business day later: Wed 16 Dec.
    wait_for(Duration::from_secs(30), || {
        let f = due_of(open.clone());
        async move { f.await == "2026-12-16" }
    })
    .await;
    let moves = |radicado: &str| {
        format!(
            "SELECT COUNT(*) FROM events WHERE event_type = 'DueDateMovedByClosure' \
             AND aggregate_id = '{radicado}'"
        )
    };
    assert_eq!(db.query_i64(&moves(&open)).await, vec![1]);
    // The history says why, with the closure date, basis and both due dates.
    let history: Value = app
        .get_as(&admin, &format!("/v1/pqrs/{open}/events"))
        .await
        .json()
        .await
        .unwrap();
    let text = history.to_string();
    assert!(text.contains("DueDateMovedByClosure"), "{text}");
    assert!(text.contains("Resolución 88 de 2026"), "{text}");
    assert!(
        text.contains("2026-12-14") && text.contains("2026-12-16"),
        "{text}"
    );
    // Let more scheduler runs pass: nothing else moves, nothing moves twice.
    let runs = || async {
        let r: Value = app.get_json("/ready").await;
        r["scheduler_runs"].as_u64().unwrap()
    };
    let start = runs().await;
    wait_for(Duration::from_secs(30), || async {
        runs().await >= start + 2
    })
    .await;
    for (radicado, expected) in [(&open, 1), (&answered, 0), (&short, 0), (&later, 0)] {
        assert_eq!(
            db.query_i64(&moves(radicado)).await,
            vec![expected],
            "{radicado}"
        );
    }
    assert_eq!(due_of(short.clone()).await, "2026-12-07");
    assert_eq!(due_of(later.clone()).await, "2026-12-18");
    // Reports as of the earlier position are unchanged.
    assert!(report_at(position).await == report_before);
    // An answer on the new last day is on time.
    app.set_clock("2026-12-16T15:00:00-05:00").await;
    let (s, v) = staff(
        open.clone(),
        "answer",
        json!({"text": "Respuesta de fondo.", "outcome": "granted"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let on_time = db
        .query_i64(&format!(
            "SELECT CASE WHEN payload LIKE '%\"on_time\":true%' THEN 1 ELSE 0 END FROM events \
             WHERE event_type = 'PqrAnswered' AND aggregate_id = '{open}'"
        ))
        .await;
    assert_eq!(on_time, vec![1]);
}

/// `pqrs deadline` and `POST /v1/deadlines/calculate` are one computation
/// (`PolicyBook::deadline_for`, the filing's): over a spread of receipts — before, inside and
/// after the Decreto 491 de 2020 art. 5 window (2020-03-28 .. 2022-05-18), petitions in
/// progress on 2020-03-28, every kind, the hora Gaviria — they give the same E and due date.
#[tokio::test(flavor = "multi_thread")]
async fn the_cli_and_the_http_calculator_agree_on_every_date() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    let receipts = [
        ("2020-03-10T09:00:00-05:00", "petition"),
        ("2020-03-02T09:00:00-05:00", "information_request"),
        ("2020-03-13T16:00:00-05:00", "consultation"),
        ("2020-03-27T23:59:00-05:00", "complaint"),
        ("2020-03-28T08:00:00-05:00", "petition"),
        ("2020-12-24T09:00:00-05:00", "information_request"),
        ("2021-06-15T09:00:00-05:00", "consultation"),
        ("2022-04-20T09:00:00-05:00", "claim"),
        ("2022-05-17T09:00:00-05:00", "petition"),
        ("2022-05-18T09:00:00-05:00", "petition"),
        ("2022-06-01T09:00:00-05:00", "report"),
        ("1984-01-02T09:00:00-05:00", "suggestion"),
        ("1992-06-01T04:30:00Z", "petition"),
        ("2026-11-23T09:00:00-05:00", "petition"),
        ("2026-07-10T18:00:00-05:00", "commendation"),
        ("2199-11-02T09:00:00-05:00", "petition"),
    ];
    for (received, kind) in receipts {
        let (s, http) = calculate(&app, json!({"received_at": received, "kind": kind})).await;
        assert_eq!(s, StatusCode::OK, "{received} {kind}: {http}");
        let cli = pqrs_cli_ok(&["deadline", "--kind", kind, "--received", received]).await;
        let line = |label: &str| {
            cli.lines()
                .find(|l| l.starts_with(label))
                .and_then(|l| l[label.len()..].split_whitespace().next())
                .map(str::to_owned)
                .unwrap_or_else(|| panic!("{label} missing: {cli}"))
        };
        assert_eq!(
            line("vence:"),
            http["due_date"].as_str().unwrap(),
            "{received} {kind}: {cli} vs {http}"
        );
        assert_eq!(
            line("recibo efectivo (E):"),
            http["effective_received_on"].as_str().unwrap(),
            "{received} {kind}"
        );
    }
    // The case of the report: in progress on 2020-03-28, so Decreto 491's 30 days apply.
    let (_, v) = calculate(
        &app,
        json!({"received_at": "2020-03-10T09:00:00-05:00", "kind": "petition"}),
    )
    .await;
    assert_eq!(v["policy"], "decreto-491-2020");
    assert_eq!(v["due_date"], "2020-04-24");
}

on_both_backends!(a_receipt_dated_back_beyond_the_limit_is_refused_naming_the_rule);

/// Staff may date a receipt back (mail registered late), but only so far: by default 5
/// business days between its effective date and today (the art. 21 window), a setting
/// (`max_backdating_days`). Beyond it the filing is refused with 422 problem+json naming the
/// rule, and nothing is recorded: no radicado of a past year is issued today.
async fn a_receipt_dated_back_beyond_the_limit_is_refused_naming_the_rule(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-30T10:00:00-05:00").await;
    let backdated = |at: &str| {
        let mut body = anonymous_petition();
        body["channel"] = json!("mail");
        body["received_at"] = json!(at);
        body
    };
    // The case of the report: January 2025 in November 2026.
    for at in ["2025-01-10T10:00:00-05:00", "2026-11-20T10:00:00-05:00"] {
        let r = app.file_as(&agent, &backdated(at)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{at}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["status"], 422);
        assert_eq!(p["errors"][0]["field"], "received_at", "{p}");
        let message = p["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
            + p["detail"].as_str().unwrap_or_default();
        assert!(message.contains("max_backdating_days"), "{p}");
        assert!(message.contains("5 días hábiles"), "{p}");
    }
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PqrFiled'")
            .await,
        vec![0],
        "a refused filing records nothing"
    );
    // Five business days back (Mon 23 Nov), and a Saturday letter (E = Mon 23 Nov), pass.
    for at in ["2026-11-23T10:00:00-05:00", "2026-11-21T10:00:00-05:00"] {
        let r = app.file_as(&agent, &backdated(at)).await;
        assert_eq!(r.status(), StatusCode::CREATED, "{at}");
    }
    // The limit is a setting: 0 admits only today's receipts.
    let config = db.dir().join("strict.toml");
    std::fs::write(&config, "max_backdating_days = 0\n").unwrap();
    let config = config.display().to_string();
    let strict = spawn_app_with(&db, &["--dev-clock", "--config", &config]).await;
    strict.set_clock("2026-11-30T10:00:00-05:00").await;
    let r = strict
        .file_as(&agent, &backdated("2026-11-27T10:00:00-05:00"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = strict
        .file_as(&agent, &backdated("2026-11-30T08:00:00-05:00"))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

/// docs/legal.md §4: the optional office-hours cut-off is a policy setting
/// (`office_hours_cutoff`): receipts at or after it count from the next business day, in the
/// calculator, `pqrs deadline` and filings alike.
#[tokio::test(flavor = "multi_thread")]
async fn the_office_hours_cut_off_is_switched_on_in_the_policy_file() {
    let dir = std::env::temp_dir().join(format!("pqrs-cutoff-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut book: Value = serde_json::from_str(
        &serde_json::to_string(&pqrs_domain::policy::PolicyBook::colombia()).unwrap(),
    )
    .unwrap();
    for period in book.as_array_mut().unwrap() {
        period["policy"]["office_hours_cutoff"] = json!("17:00");
    }
    let policy = dir.join("policy.json");
    std::fs::write(&policy, book.to_string()).unwrap();
    let config = dir.join("pqrs.toml");
    std::fs::write(&config, format!("policy_file = \"{}\"\n", policy.display())).unwrap();
    let db = TestDb::new(Backend::Sqlite).await;
    let config_arg = config.display().to_string();
    let app = spawn_app_with(&db, &["--dev-clock", "--config", &config_arg]).await;
    for (at, e, due) in [
        ("2026-11-23T16:59:59-05:00", "2026-11-23", "2026-12-15"),
        ("2026-11-23T17:00:00-05:00", "2026-11-24", "2026-12-16"),
        ("2026-11-23T22:30:00Z", "2026-11-24", "2026-12-16"),
    ] {
        let (s, v) = calculate(&app, json!({"received_at": at, "kind": "petition"})).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(
            (v["effective_received_on"].as_str(), v["due_date"].as_str()),
            (Some(e), Some(due)),
            "{at}"
        );
        let cli = pqrs_cli_ok(&[
            "--config",
            &config_arg,
            "deadline",
            "--kind",
            "petition",
            "--received",
            at,
        ])
        .await;
        assert!(
            cli.contains(&format!("vence:                   {due}")),
            "{at}: {cli}"
        );
    }
    app.set_clock("2026-11-23T18:00:00-05:00").await;
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    assert_eq!(filed["due_date"], "2026-12-16", "{filed}");
}

/// docs/legal.md §1: the calendar in force for a date range, and its version, must be
/// knowable: `GET /v1/calendar/rules` (public) and `pqrs calendar rules` list the holiday
/// rules in force with their legal basis and effective dates, and the calendar version.
#[tokio::test(flavor = "multi_thread")]
async fn the_holiday_rules_in_force_for_a_range_are_listed_with_their_basis_and_version() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    let get = |q: &'static str| {
        let app = &app;
        async move {
            let r = app
                .client
                .get(app.url(&format!("/v1/calendar/rules?{q}")))
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let (s, v2026) = get("from=2026-01-01&to=2026-12-31").await;
    assert_eq!(s, StatusCode::OK, "{v2026}");
    let closures: Value = app.get_json("/v1/calendar/closures").await;
    assert_eq!(v2026["calendar_version"], closures["calendar_version"]);
    let rules = v2026["rules"].as_array().unwrap();
    let chiquinquira = rules
        .iter()
        .find(|r| {
            r["legal_basis"]
                .as_str()
                .unwrap()
                .contains("Ley 2578 de 2026")
        })
        .expect("Ley 2578 de 2026 is in force in 2026");
    assert_eq!(chiquinquira["in_force_from"], "2026-06-01");
    assert_eq!(chiquinquira["date_rule"], "next-monday:07-09");
    assert!(rules
        .iter()
        .all(|r| r["legal_basis"].as_str().unwrap().starts_with("Ley ")));
    assert!(rules.iter().any(|r| r["date_rule"] == "easter:-2"));
    // In 2020 that law was not in force.
    let (_, v2020) = get("from=2020-01-01&to=2020-12-31").await;
    let n2020 = v2020["rules"].as_array().unwrap().len();
    assert_eq!(n2020 + 1, rules.len());
    // Bad ranges: 422 problem+json.
    for q in [
        "from=2026-12-31&to=2026-01-01",
        "from=1983-01-01&to=1983-12-31",
        "from=2026-01-01",
        "from=x&to=2026-01-01",
    ] {
        let (s, p) = get(q).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {p}");
    }
    // The CLI gives the same body.
    let cli = pqrs_cli_ok(&[
        "calendar",
        "rules",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--json",
    ])
    .await;
    let cli: Value = serde_json::from_str(&cli).unwrap();
    assert_eq!(cli, v2026);
    let text = pqrs_cli_ok(&[
        "calendar",
        "rules",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ])
    .await;
    assert!(text.contains("Ley 2578 de 2026"), "{text}");
    assert!(
        text.contains(v2026["calendar_version"].as_str().unwrap()),
        "{text}"
    );
}
