//! The service around the API: OpenAPI, Swagger UI, health, readiness, errors of the router.

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_covers_every_route_and_the_docs_are_served() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    let doc: Value = app.get_json("/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for (path, method) in [
        ("/v1/pqrs", "post"),
        ("/v1/pqrs/{radicado}", "get"),
        ("/v1/deadlines/calculate", "post"),
        ("/v1/calendar/holidays", "get"),
        ("/v1/calendar/closures", "get"),
        ("/v1/calendar/closures", "post"),
        ("/health", "get"),
        ("/ready", "get"),
        ("/v1/dev/clock", "put"),
        ("/v1/cases", "get"),
        ("/v1/alerts", "get"),
        ("/v1/alerts/raised", "get"),
        ("/metrics", "get"),
        ("/v1/reports/{name}", "get"),
        ("/v1/pqrs/{radicado}/events", "get"),
        ("/v1/events", "get"),
        ("/v1/audit/verify", "get"),
        ("/v1/audit/radicados", "get"),
        ("/v1/audit/export", "get"),
        ("/v1/pqrs/{radicado}/classify", "post"),
        ("/v1/pqrs/{radicado}/assign", "post"),
        ("/v1/pqrs/{radicado}/escalate", "post"),
        ("/v1/pqrs/{radicado}/notes", "post"),
        ("/v1/pqrs/{radicado}/completion-request", "post"),
        ("/v1/pqrs/{radicado}/completion", "post"),
        ("/v1/pqrs/{radicado}/completion-window", "post"),
        ("/v1/pqrs/{radicado}/extend", "post"),
        ("/v1/pqrs/{radicado}/forward", "post"),
        ("/v1/pqrs/{radicado}/priority", "post"),
        ("/v1/pqrs/{radicado}/answer", "post"),
        ("/v1/pqrs/{radicado}/rating", "post"),
        ("/v1/pqrs/{radicado}/withdraw", "post"),
        ("/v1/pqrs/{radicado}/void", "post"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()));
    }
    for schema in [
        "FileRequest",
        "Filed",
        "Tracking",
        "Problem",
        "FieldError",
        "CalculateRequest",
        "Holidays",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "schema {schema} missing"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Every documented error response is problem+json.
    let post = &doc["paths"]["/v1/pqrs"]["post"]["responses"];
    assert!(post["422"]["content"]["application/problem+json"].is_object());

    let r = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("swagger"));
}

#[tokio::test(flavor = "multi_thread")]
async fn health_and_readiness_answer_with_json() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let app = spawn_app(&db).await;
        let r = app.client.get(app.url("/health")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Value>().await.unwrap()["status"], "up");
        let r = app.client.get(app.url("/ready")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let ready: Value = r.json().await.unwrap();
        assert_eq!(ready["status"], "ready");
        assert_eq!(ready["projection_lag"], 0);
        let r = app.client.get(app.url("/metrics")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let text = r.text().await.unwrap();
        assert!(
            text.contains("pqrs_projection_lag_events{projection=\"case_view\"} 0"),
            "{text}"
        );
        assert!(text.contains("pqrs_log_position 0"), "{text}");
        assert_eq!(
            ready["backend"],
            if backend == Backend::Sqlite {
                "sqlite"
            } else {
                "postgres"
            }
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_routes_and_methods_are_problems_too() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app(&db).await;
    for (method, path, status) in [
        (reqwest::Method::GET, "/nothing/here", StatusCode::NOT_FOUND),
        (
            reqwest::Method::DELETE,
            "/v1/pqrs",
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            reqwest::Method::GET,
            "/v1/calendar/holidays?year=abc",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            reqwest::Method::GET,
            "/v1/calendar/holidays?year=1983",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{method} {path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{method} {path}"
        );
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["status"], status.as_u16());
    }
}
