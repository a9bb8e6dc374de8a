//! Alert transitions are recorded once and delivered to webhooks with an HMAC signature,
//! retried until the receiver accepts them — on SQLite and PostgreSQL.

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
        assert_eq!(
            db.query_i64("SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NOT NULL")
                .await,
            vec![2]
        );
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
