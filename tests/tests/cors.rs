//! CORS for the JSON API (issue 13): off by default; with `cors_origins` set, the entity's own
//! sites may call the API from a browser, and no other origin may.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::{Method, StatusCode};

on_both_backends!(cors_is_off_by_default_and_answers_only_the_configured_origins);

const SITE: &str = "https://www.entidad.gov.co";

async fn preflight(app: &App, origin: &str) -> reqwest::Response {
    app.client
        .request(Method::OPTIONS, app.url("/v1/pqrs"))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "content-type, idempotency-key",
        )
        .send()
        .await
        .unwrap()
}

async fn holidays_from(app: &App, origin: &str) -> reqwest::Response {
    app.client
        .get(app.url("/v1/calendar/holidays?year=2026"))
        .header("Origin", origin)
        .send()
        .await
        .unwrap()
}

fn allowed_origin(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
}

async fn cors_is_off_by_default_and_answers_only_the_configured_origins(b: Backend) {
    // Off by default: no origin is allowed.
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let r = holidays_from(&app, SITE).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(allowed_origin(&r), None);
    assert_eq!(allowed_origin(&preflight(&app, SITE).await), None);
    drop(app);

    // With the entity's site configured: that origin only.
    let config = db.dir().join("cors.toml");
    std::fs::write(&config, format!("cors_origins = [\"{SITE}\"]\n")).unwrap();
    let app = spawn_app_with(&db, &["--config", config.to_str().unwrap()]).await;
    let r = preflight(&app, SITE).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(allowed_origin(&r).as_deref(), Some(SITE));
    let allowed = r.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    let r = holidays_from(&app, SITE).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(allowed_origin(&r).as_deref(), Some(SITE));
    let r = holidays_from(&app, "https://otro-sitio.example").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(allowed_origin(&r), None);
    assert_eq!(
        allowed_origin(&preflight(&app, "https://otro-sitio.example").await),
        None
    );

    // A value that is not an origin stops the start with the key named.
    let bad = db.dir().join("bad-cors.toml");
    std::fs::write(&bad, "cors_origins = [\"www.entidad.gov.co/pqrs\"]\n").unwrap();
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        pqrs_cli(&[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &db.url,
            "--config",
            bad.to_str().unwrap(),
        ]),
    )
    .await
    .expect("pqrs serve refused the configuration at start");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cors_origins"), "{stderr}");
}
