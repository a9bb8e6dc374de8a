//! Filing and tracking PQRs over HTTP, on SQLite and on PostgreSQL.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::HashSet;

on_both_backends!(
    filing_returns_a_radicado_and_the_case_can_be_tracked_with_its_access_code,
    an_unknown_radicado_and_a_wrong_access_code_give_the_same_404,
    invalid_filings_are_refused_with_field_errors_and_file_nothing,
    a_retry_with_the_same_idempotency_key_returns_the_first_result,
    concurrent_filings_on_two_processes_get_consecutive_radicados_without_gaps,
    acknowledged_filings_survive_a_kill_9_and_leave_no_gap,
    staff_file_for_citizens_and_citizens_cannot_use_staff_options,
    radicados_restart_at_one_every_year_of_receipt,
    the_dev_clock_makes_a_case_overdue_after_its_due_date,
);

async fn json_of(r: reqwest::Response) -> Value {
    r.json().await.expect("JSON body")
}

fn assert_problem(r: &reqwest::Response, status: StatusCode) {
    assert_eq!(r.status(), status);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
}

async fn filing_returns_a_radicado_and_the_case_can_be_tracked_with_its_access_code(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    // docs/legal.md §4 worked example, filed by a citizen at that instant (dev clock).
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let r = app.file(&identified_petition()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(r.headers()["location"], "/v1/pqrs/2026-000001");
    assert!(r.headers().contains_key("x-request-id"));
    let filed = json_of(r).await;
    assert_eq!(filed["radicado"], "2026-000001");
    assert_eq!(filed["kind"], "claim");
    assert_eq!(filed["status"], "filed");
    assert_eq!(filed["effective_received_on"], "2026-11-23");
    assert_eq!(filed["due_date"], "2026-12-15");
    let code = filed["access_code"]
        .as_str()
        .expect("access code")
        .to_owned();
    assert_eq!(code.len(), 20);
    assert!(filed["received_at"]
        .as_str()
        .unwrap()
        .starts_with("2026-11-23T09:00"));

    let r = app
        .client
        .get(app.url("/v1/pqrs/2026-000001"))
        .header("X-Access-Code", &code)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let tracked = json_of(r).await;
    assert_eq!(tracked["radicado"], "2026-000001");
    assert_eq!(tracked["kind"], "claim");
    assert_eq!(tracked["status"], "filed");
    assert_eq!(tracked["due_date"], "2026-12-15");
    assert_eq!(tracked["overdue"], false);
    assert_eq!(tracked["received_at"], filed["received_at"]);

    // The code is typed by people: lower case and dashes are accepted.
    let typed = format!("{}-{}", &code[..10], &code[10..]).to_lowercase();
    let r = app
        .client
        .get(app.url("/v1/pqrs/2026-000001"))
        .header("X-Access-Code", typed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // Only the hash of the access code is stored.
    let stored: Vec<i64> = db
        .query_i64(&format!(
            "SELECT COUNT(*) FROM events WHERE payload LIKE '%{code}%' OR metadata LIKE '%{code}%'"
        ))
        .await;
    assert_eq!(stored, vec![0]);
}

async fn an_unknown_radicado_and_a_wrong_access_code_give_the_same_404(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let filed = json_of(app.file(&anonymous_petition()).await).await;
    let radicado = filed["radicado"].as_str().unwrap();
    let other_code = "ABCDEFGHJK0123456789";
    let attempts = [
        (format!("/v1/pqrs/{radicado}"), Some(other_code)),
        (format!("/v1/pqrs/{radicado}"), None),
        (format!("/v1/pqrs/{radicado}"), Some("not-a-code")),
        (
            "/v1/pqrs/2026-999999".to_owned(),
            Some(filed["access_code"].as_str().unwrap()),
        ),
        ("/v1/pqrs/2026-999999".to_owned(), None),
        ("/v1/pqrs/not-a-radicado".to_owned(), Some(other_code)),
    ];
    let mut bodies = HashSet::new();
    for (path, code) in attempts {
        let mut req = app.client.get(app.url(&path));
        if let Some(c) = code {
            req = req.header("X-Access-Code", c);
        }
        let r = req.send().await.unwrap();
        assert_problem(&r, StatusCode::NOT_FOUND);
        bodies.insert(r.text().await.unwrap());
    }
    assert_eq!(bodies.len(), 1, "every 404 must be identical: {bodies:?}");
}

async fn invalid_filings_are_refused_with_field_errors_and_file_nothing(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let bad = json!({
        "kind": "wish",
        "subject": "   ",
        "description": "x",
        "channel": "fax",
        "petitioner": {"name": "Ana", "email": "ana-at-example", "shoe_size": 40},
        "consent_personal_data": false,
        "colour": "blue"
    });
    let r = app.file(&bad).await;
    assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = json_of(r).await;
    assert_eq!(problem["status"], 422);
    assert!(problem["type"].as_str().unwrap().len() > 3);
    assert!(problem["title"].is_string() && problem["detail"].is_string());
    let fields: HashSet<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in [
        "kind",
        "subject",
        "channel",
        "petitioner.email",
        "petitioner.shoe_size",
        "consent_personal_data",
        "colour",
    ] {
        assert!(fields.contains(f), "missing error for {f}: {problem}");
    }

    // Missing required fields, wrong types, a petitioner without any contact.
    let r = app.file(&json!({"subject": 5})).await;
    assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json_of(r).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(fields.contains(&"kind".to_owned()) && fields.contains(&"subject".to_owned()));
    let mut no_contact = identified_petition();
    no_contact["petitioner"] = json!({"name": "Ana"});
    assert_problem(
        &app.file(&no_contact).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );

    // Not JSON, not an object, wrong media type, too large.
    let r = app
        .client
        .post(app.url("/v1/pqrs"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_problem(&r, StatusCode::BAD_REQUEST);
    assert_problem(
        &app.file(&json!([1, 2])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    let r = app
        .client
        .post(app.url("/v1/pqrs"))
        .body("kind=petition")
        .send()
        .await
        .unwrap();
    assert_problem(&r, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Too large, declared or streamed in chunks: the client gets its 413 problem every time,
    // not a reset connection (the server reads the rest before answering).
    for size in [600_000, 3_000_000, 600_000, 3_000_000, 600_000] {
        let mut huge = anonymous_petition();
        huge["description"] = json!("a".repeat(size));
        assert_problem(&app.file(&huge).await, StatusCode::PAYLOAD_TOO_LARGE);
    }
    let chunks = (0..40).map(|_| Ok::<_, std::io::Error>(vec![b' '; 32 * 1024]));
    let r = app
        .client
        .post(app.url("/v1/pqrs"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_problem(&r, StatusCode::PAYLOAD_TOO_LARGE);
    let mut long = anonymous_petition();
    long["description"] = json!("a".repeat(20_001));
    assert_problem(&app.file(&long).await, StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, vec![0]);
    // And the next good filing still gets number 1.
    let filed = json_of(app.file(&anonymous_petition()).await).await;
    assert_eq!(filed["radicado"].as_str().unwrap()[5..], *"000001");
}

async fn a_retry_with_the_same_idempotency_key_returns_the_first_result(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let key = uuid::Uuid::new_v4().to_string();
    let post = |body: Value, key: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/v1/pqrs"))
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let first = post(identified_petition(), key.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = json_of(first).await;
    let again = post(identified_petition(), key.clone()).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(
        again.headers()["location"],
        format!("/v1/pqrs/{}", first["radicado"].as_str().unwrap())
    );
    let again = json_of(again).await;
    assert_eq!(
        again, first,
        "a retry returns the first result, access code included"
    );

    // The same key with another body is refused and files nothing.
    let r = post(anonymous_petition(), key.clone()).await;
    assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(r).await["errors"][0]["field"], "Idempotency-Key");

    // Twenty concurrent retries of a new key: one radicado.
    let key2 = uuid::Uuid::new_v4().to_string();
    let results =
        futures_util::future::join_all((0..20).map(|_| post(anonymous_petition(), key2.clone())))
            .await;
    let mut radicados = HashSet::new();
    for r in results {
        assert_eq!(r.status(), StatusCode::CREATED);
        radicados.insert(json_of(r).await["radicado"].as_str().unwrap().to_owned());
    }
    assert_eq!(radicados.len(), 1, "{radicados:?}");
    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, vec![2]);

    // 1–255 visible ASCII characters (contract); 256 are refused.
    let r = post(anonymous_petition(), "x".repeat(256)).await;
    assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn concurrent_filings_on_two_processes_get_consecutive_radicados_without_gaps(b: Backend) {
    let db = TestDb::new(b).await;
    let a = spawn_app(&db).await;
    let b2 = spawn_app(&db).await;
    let year = chrono::Utc::now()
        .with_timezone(&pqrs_domain::deadline::bogota())
        .date_naive();
    let year = chrono::Datelike::year(&year);
    let results = futures_util::future::join_all((0..300).map(|i| {
        let app = if i % 2 == 0 { &a } else { &b2 };
        async move { app.file(&anonymous_petition()).await }
    }))
    .await;
    let mut issued = Vec::new();
    for r in results {
        assert_eq!(r.status(), StatusCode::CREATED);
        let filed = json_of(r).await;
        let radicado = filed["radicado"].as_str().unwrap().to_owned();
        issued.push(radicado[5..].parse::<i64>().unwrap());
    }
    issued.sort_unstable();
    assert_eq!(
        issued,
        (1..=300).collect::<Vec<_>>(),
        "numbers 1..300, no gap, no duplicate"
    );
    assert_eq!(
        filed_numbers(&db, year).await,
        (1..=300).collect::<Vec<_>>()
    );
    // The global log has positions 1..300 without a hole.
    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, vec![300]);
    assert_eq!(
        db.query_i64("SELECT MAX(position) FROM events").await,
        vec![300]
    );
    // Each process counts the batches its own desk committed, and the filings in them: the
    // 150 it was sent, in at least one transaction and at most one each.
    for app in [&a, &b2] {
        assert_eq!(app.metric("pqrs_filings_committed_total").await, 150);
        let batches = app.metric("pqrs_filing_batches_total").await;
        assert!((1..=150).contains(&batches), "batches {batches}");
        let seconds = app.metric_f64("pqrs_filing_commit_seconds_total").await;
        assert!(seconds > 0.0, "commit time {seconds}");
    }
}

async fn acknowledged_filings_survive_a_kill_9_and_leave_no_gap(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app_with(&db, &[]).await;
    let client = app.client.clone();
    let url = app.url("/v1/pqrs");
    // Keep filing from 8 clients while the server is killed mid-flight.
    let load: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            let url = url.clone();
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for _ in 0..200 {
                    match client.post(&url).json(&anonymous_petition()).send().await {
                        Ok(r) if r.status() == StatusCode::CREATED => {
                            let v: Value = r.json().await.unwrap();
                            acknowledged.push((
                                v["radicado"].as_str().unwrap().to_owned(),
                                v["access_code"].as_str().unwrap().to_owned(),
                            ));
                        }
                        _ => break,
                    }
                }
                acknowledged
            })
        })
        .collect();
    wait_for(std::time::Duration::from_secs(30), || async {
        db.query_i64("SELECT COUNT(*) FROM events").await[0] >= 50
    })
    .await;
    app.kill9().await;
    let mut acknowledged = Vec::new();
    for l in load {
        acknowledged.extend(l.await.unwrap());
    }
    assert!(!acknowledged.is_empty());

    let app = spawn_app(&db).await;
    for (radicado, code) in &acknowledged {
        let r = app
            .client
            .get(app.url(&format!("/v1/pqrs/{radicado}")))
            .header("X-Access-Code", code)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{radicado} was acknowledged and must survive"
        );
    }
    let year: i32 = acknowledged[0].0[..4].parse().unwrap();
    let numbers = filed_numbers(&db, year).await;
    assert_eq!(
        numbers,
        (1..=numbers.len() as i64).collect::<Vec<_>>(),
        "no gap after the crash"
    );
    // Filing continues at the next number.
    let next = json_of(app.file(&anonymous_petition()).await).await;
    assert_eq!(next["radicado"], format!("{year}-{:06}", numbers.len() + 1));
}

async fn staff_file_for_citizens_and_citizens_cannot_use_staff_options(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let auditor = db.token("auditor").await;
    let app = spawn_app(&db).await;
    let mut by_mail = identified_petition();
    by_mail["channel"] = json!("mail");
    by_mail["received_at"] = json!("2026-11-21T10:00:00-05:00"); // a Saturday
    app.set_clock("2026-11-24T10:00:00-05:00").await;

    // A citizen may not use another channel, nor backdate.
    let r = app.file(&by_mail).await;
    assert_problem(&r, StatusCode::UNAUTHORIZED);
    let mut backdated = identified_petition();
    backdated["received_at"] = json!("2026-11-21T10:00:00-05:00");
    assert_problem(&app.file(&backdated).await, StatusCode::UNAUTHORIZED);
    // A token without the agent role is forbidden; an invalid token is unauthorized.
    let r = app.file_as(&auditor, &by_mail).await;
    assert_problem(&r, StatusCode::FORBIDDEN);
    let r = app
        .file_as("pqrs_0000000000000000000000000000000000000000", &by_mail)
        .await;
    assert_problem(&r, StatusCode::UNAUTHORIZED);
    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, vec![0]);

    // The agent files it: received on Saturday → E is Monday 2026-11-23.
    let r = app.file_as(&agent, &by_mail).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let filed = json_of(r).await;
    assert_eq!(filed["channel"], "mail");
    assert_eq!(filed["effective_received_on"], "2026-11-23");
    assert_eq!(filed["due_date"], "2026-12-15");
    // The event records who filed it.
    let agents = db
        .query_i64("SELECT COUNT(*) FROM events WHERE metadata LIKE '%\"actor_role\":\"agent\"%'")
        .await;
    assert_eq!(agents, vec![1]);

    // Staff track without the access code; a future receipt is refused.
    let r = app
        .client
        .get(app.url(&format!("/v1/pqrs/{}", filed["radicado"].as_str().unwrap())))
        .bearer_auth(&auditor)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let mut future = by_mail.clone();
    future["received_at"] = json!("2026-12-24T10:00:00-05:00");
    let r = app.file_as(&agent, &future).await;
    assert_problem(&r, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn radicados_restart_at_one_every_year_of_receipt(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2027-01-04T09:00:00-05:00").await;
    let file_at = |at: &'static str| {
        let app = &app;
        let agent = agent.clone();
        async move {
            let mut body = anonymous_petition();
            body["channel"] = json!("in_person");
            body["received_at"] = json!(at);
            let r = app.file_as(&agent, &body).await;
            assert_eq!(r.status(), StatusCode::CREATED);
            json_of(r).await["radicado"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(file_at("2026-12-30T10:00:00-05:00").await, "2026-000001");
    // 2027-01-01T03:00Z is still 31 December in Bogotá.
    assert_eq!(file_at("2027-01-01T03:00:00Z").await, "2026-000002");
    assert_eq!(file_at("2027-01-01T05:00:00Z").await, "2027-000001");
    assert_eq!(file_at("2027-01-04T08:00:00-05:00").await, "2027-000002");
}

async fn the_dev_clock_makes_a_case_overdue_after_its_due_date(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let filed = json_of(app.file(&anonymous_petition()).await).await;
    let track = |now: &'static str| {
        let app = &app;
        let filed = filed.clone();
        async move {
            app.set_clock(now).await;
            let r = app
                .client
                .get(app.url(&format!("/v1/pqrs/{}", filed["radicado"].as_str().unwrap())))
                .header("X-Access-Code", filed["access_code"].as_str().unwrap())
                .send()
                .await
                .unwrap();
            json_of(r).await["overdue"].as_bool().unwrap()
        }
    };
    assert!(
        !track("2026-12-15T23:59:00-05:00").await,
        "due date itself is on time"
    );
    assert!(
        track("2026-12-16T00:00:01-05:00").await,
        "overdue from the next local midnight"
    );

    // Without --dev-clock the route does not exist.
    let plain = spawn_app_with(&db, &[]).await;
    let r = plain
        .client
        .put(plain.url("/v1/dev/clock"))
        .json(&json!({"now": "2030-01-01T00:00:00Z"}))
        .send()
        .await
        .unwrap();
    assert_problem(&r, StatusCode::NOT_FOUND);
}
