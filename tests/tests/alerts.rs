//! Alert transitions are recorded once and delivered to webhooks with an HMAC signature,
//! retried until the receiver accepts them — on SQLite and PostgreSQL.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use hmac::{Hmac, Mac};
use pqrs_tests::*;
use serde_json::Value;
use sha2::Sha256;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone)]
struct Delivery {
    id: String,
    signature: String,
    body: String,
    accepted: bool,
}

/// A webhook receiver on 127.0.0.1 that refuses the first attempt of every delivery.
async fn receiver() -> (String, Arc<Mutex<Vec<Delivery>>>) {
    let seen: Arc<Mutex<Vec<Delivery>>> = Arc::default();
    let log = seen.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let log = log.clone();
            async move {
                let header = |n: &str| {
                    headers
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned()
                };
                let id = header("x-pqrs-delivery");
                let mut log = log.lock().unwrap();
                let accepted = log.iter().any(|d| d.id == id);
                log.push(Delivery {
                    id,
                    signature: header("x-pqrs-signature"),
                    body: String::from_utf8_lossy(&body).into_owned(),
                    accepted,
                });
                if accepted {
                    AxumStatus::OK
                } else {
                    AxumStatus::SERVICE_UNAVAILABLE
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

fn signed(secret: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn alerts_are_recorded_once_and_delivered_signed_with_retries() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (url, seen) = receiver().await;
        let secret = "s3cr3t-for-tests";
        let config = std::env::temp_dir().join(format!("pqrs-hooks-{}.toml", uuid::Uuid::new_v4()));
        std::fs::write(
            &config,
            format!("[[webhooks]]\nurl = \"{url}\"\nsecret = \"{secret}\"\n"),
        )
        .unwrap();
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
        let radicado = filed["radicado"].as_str().unwrap().to_owned();

        // Due soon on 10 Dec (3 business days left): one alert, delivered after one retry.
        app.set_clock("2026-12-10T09:00:00-05:00").await;
        let accepted = |kind: &'static str| {
            let seen = seen.clone();
            move || {
                let seen = seen.clone();
                async move {
                    seen.lock()
                        .unwrap()
                        .iter()
                        .any(|d| d.accepted && d.body.contains(kind))
                }
            }
        };
        wait_for(Duration::from_secs(60), accepted("\"due_soon\"")).await;
        // Overdue from 16 Dec: a second alert.
        app.set_clock("2026-12-16T00:00:10-05:00").await;
        wait_for(Duration::from_secs(60), accepted("\"overdue\"")).await;

        let log = seen.lock().unwrap().clone();
        for d in &log {
            assert_eq!(d.signature, signed(secret, &d.body), "every call is signed");
            let v: Value = serde_json::from_str(&d.body).unwrap();
            assert_eq!(v["delivery_id"], d.id);
            assert_eq!(v["alert"]["radicado"], radicado);
        }
        // Each delivery was tried, refused once, and retried with the same id.
        let ids: std::collections::BTreeSet<_> = log.iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids.len(), 2, "{log:?}");
        for id in &ids {
            let attempts: Vec<_> = log.iter().filter(|d| &d.id == id).collect();
            assert!(!attempts[0].accepted && attempts.iter().any(|d| d.accepted));
        }
        // Recorded once each, however many scheduler runs passed.
        assert_eq!(db.query_i64("SELECT COUNT(*) FROM alerts").await, vec![2]);
        // The receiver answers before the deliverer records the answer: wait for the record.
        let delivered = "SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NOT NULL";
        wait_for(Duration::from_secs(60), || async {
            db.query_i64(delivered).await[0] >= 2
        })
        .await;
        assert_eq!(db.query_i64(delivered).await, vec![2]);
        let agent = db.token("agent").await;
        let raised: Value = app
            .client
            .get(app.url(&format!("/v1/alerts/raised?radicado={radicado}")))
            .bearer_auth(&agent)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let kinds: Vec<&str> = raised["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, vec!["overdue", "due_soon"]);
        let _ = std::fs::remove_file(config);
    }
}

on_both_backends!(
    a_priority_case_is_listed_first_and_raised_at_the_highest_level,
    copies_not_delivered_after_positive_silence_raise_an_alert_of_their_own,
);

async fn post_as(app: &App, token: &str, path: &str, body: Value) -> (reqwest::StatusCode, Value) {
    let r = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap())
}

async fn file_on(app: &App, at: &str, kind: &str) -> String {
    app.set_clock(at).await;
    let mut body = anonymous_petition();
    body["kind"] = serde_json::json!(kind);
    let r = app.file(&body).await;
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    r.json::<Value>().await.unwrap()["radicado"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Ley 1755 de 2015 art. 20: a priority PQR carries the highest alert level and is listed
/// before every other alert — even before ordinary cases already overdue.
async fn a_priority_case_is_listed_first_and_raised_at_the_highest_level(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    // Ordinary petitions of 23 Nov: due 15 Dec, overdue on 16 Dec.
    let ordinary_a = file_on(&app, "2026-11-23T09:00:00-05:00", "petition").await;
    let ordinary_b = file_on(&app, "2026-11-23T09:01:00-05:00", "petition").await;
    // A priority petition of 10 Dec: 5 business days, due 17 Dec — one day left on 16 Dec.
    let priority = file_on(&app, "2026-12-10T09:00:00-05:00", "petition").await;
    let (s, v) = post_as(
        &app,
        &agent,
        &format!("/v1/pqrs/{priority}/priority"),
        serde_json::json!({"reason": "Paciente sin medicamento: derecho a la salud."}),
    )
    .await;
    assert_eq!(s, reqwest::StatusCode::OK, "{v}");
    assert_eq!(v["due_date"], "2026-12-17", "{v}");
    app.set_clock("2026-12-16T09:00:00-05:00").await;
    let position = db.query_i64("SELECT MAX(position) FROM events").await[0];
    wait_for(Duration::from_secs(30), || async {
        let r: Value = app.get_json("/ready").await;
        r["projections_position"].as_i64().unwrap() >= position
    })
    .await;
    let alerts: Value = app.get_as(&agent, "/v1/alerts").await.json().await.unwrap();
    let listed: Vec<(&str, &str, i64)> = alerts["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["radicado"].as_str().unwrap(),
                a["deadline"]["state"].as_str().unwrap(),
                a["deadline"]["business_days_left"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![
            (priority.as_str(), "due_soon", 1),
            (ordinary_a.as_str(), "overdue", -1),
            (ordinary_b.as_str(), "overdue", -1),
        ]
    );
    // The recorded alert of the priority case carries the highest level.
    let raised = || async {
        let v: Value = app
            .get_as(&agent, &format!("/v1/alerts/raised?radicado={priority}"))
            .await
            .json()
            .await
            .unwrap();
        v["alerts"].as_array().unwrap().clone()
    };
    wait_for(Duration::from_secs(30), || async {
        !raised().await.is_empty()
    })
    .await;
    for a in raised().await {
        assert_eq!(a["level"], "highest", "{a}");
    }
    let ordinary: Value = app
        .get_as(&agent, &format!("/v1/alerts/raised?radicado={ordinary_a}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(ordinary["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["level"] != "highest"));
}

/// Ley 1755 de 2015 art. 14 num. 1: an information request unanswered by its due date is
/// deemed accepted and the copies are due within the 3 following business days; when those
/// pass without delivery, that is an alert of its own, which shows the delivery date.
async fn copies_not_delivered_after_positive_silence_raise_an_alert_of_their_own(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    // Due Mon 7 Dec; deemed accepted from 8 Dec (a holiday); copies due by Fri 11 Dec.
    let radicado = file_on(&app, "2026-11-23T09:00:00-05:00", "information_request").await;
    let raised = |kind: &'static str| {
        let app = &app;
        let agent = agent.clone();
        let radicado = radicado.clone();
        move || {
            let agent = agent.clone();
            let radicado = radicado.clone();
            async move {
                let v: Value = app
                    .get_as(&agent, &format!("/v1/alerts/raised?radicado={radicado}"))
                    .await
                    .json()
                    .await
                    .unwrap();
                v["alerts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|a| a["kind"] == kind)
                    .cloned()
            }
        }
    };
    app.set_clock("2026-12-11T09:00:00-05:00").await;
    wait_for(Duration::from_secs(60), || {
        let f = raised("positive_silence");
        async move { f().await.is_some() }
    })
    .await;
    let silence = raised("positive_silence")().await.unwrap();
    assert_eq!(silence["deliver_by"], "2026-12-11", "{silence}");
    // On the last day to deliver there is no second alert yet.
    let current: Value = app.get_as(&agent, "/v1/alerts").await.json().await.unwrap();
    assert_eq!(
        current["alerts"][0]["deadline"]["state"],
        "positive_silence"
    );
    assert_eq!(current["alerts"][0]["deadline"]["deliver_by"], "2026-12-11");
    assert!(raised("copies_overdue")().await.is_none());
    // From Sat 12 Dec, the copies are overdue.
    app.set_clock("2026-12-12T08:00:00-05:00").await;
    wait_for(Duration::from_secs(60), || {
        let f = raised("copies_overdue");
        async move { f().await.is_some() }
    })
    .await;
    let overdue = raised("copies_overdue")().await.unwrap();
    assert_eq!(overdue["deliver_by"], "2026-12-11", "{overdue}");
    assert_eq!(overdue["due_date"], "2026-12-07", "{overdue}");
    let current: Value = app.get_as(&agent, "/v1/alerts").await.json().await.unwrap();
    assert_eq!(current["alerts"][0]["radicado"], radicado.as_str());
    assert_eq!(current["alerts"][0]["deadline"]["state"], "copies_overdue");
    assert_eq!(current["alerts"][0]["deadline"]["deliver_by"], "2026-12-11");
    let only: Value = app
        .get_as(&agent, "/v1/alerts?state=copies_overdue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(only["alerts"].as_array().unwrap().len(), 1);
}
