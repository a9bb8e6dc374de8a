//! The HTTP contract as clients generated from `/openapi.json` meet it (issue 11, items 7, 8,
//! 9, 12 and 13): the document declares parameters where they really are, every request body
//! has a real example; credentials are checked before the query and body; every JSON body must
//! be an object; NUL characters and unknown filter values are refused with 422; the dev clock
//! stays inside the calendar; any 1–255 visible ASCII characters make an Idempotency-Key.
//! On SQLite and PostgreSQL.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use serde_json::{json, Value};

async fn problem(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body: Value = r.json().await.unwrap_or(Value::Null);
    if status >= 400 {
        assert_eq!(content_type, "application/problem+json", "{status} {body}");
    }
    (status, body)
}

fn mentions(body: &Value, text: &str) -> bool {
    body.to_string().contains(text)
}

/// Every path parameter of the document is in its path and every `{name}` of a path is a
/// declared path parameter; the filters of the queue, alerts, holidays and reports are query
/// parameters; every request body shows a real example, not `"string"`.
async fn the_document_declares_parameters_where_they_are(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let doc = app.get_json("/openapi.json").await;
    let paths = doc["paths"].as_object().expect("paths");
    let mut wrong = Vec::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            for p in &params {
                let (name, at) = (p["name"].as_str().unwrap_or(""), p["in"].as_str());
                if at == Some("path") && !path.contains(&format!("{{{name}}}")) {
                    wrong.push(format!("{method} {path}: path parameter `{name}`"));
                }
            }
            for segment in path.split('/').filter(|s| s.starts_with('{')) {
                let name = segment.trim_start_matches('{').trim_end_matches('}');
                if !params
                    .iter()
                    .any(|p| p["name"] == name && p["in"] == "path")
                {
                    wrong.push(format!("{method} {path}: `{{{name}}}` not declared"));
                }
            }
            if let Some(media) = op["requestBody"]["content"]["application/json"].as_object() {
                let example = media.get("example").cloned().or_else(|| {
                    let reference = media["schema"]["$ref"].as_str()?;
                    let name = reference.rsplit('/').next()?;
                    doc["components"]["schemas"][name].get("example").cloned()
                });
                match example {
                    Some(Value::Object(o)) if !o.is_empty() => {}
                    other => wrong.push(format!("{method} {path}: body example {other:?}")),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    let query_params = |path: &str| -> Vec<String> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    for (path, name) in [
        ("/v1/cases", "status"),
        ("/v1/cases", "page_size"),
        ("/v1/alerts", "kind"),
        ("/v1/alerts/raised", "limit"),
        ("/v1/calendar/holidays", "year"),
        ("/v1/reports/{name}", "from"),
        ("/v1/events", "type"),
    ] {
        assert!(
            query_params(path).iter().any(|n| n == name),
            "{path} has no query parameter {name}"
        );
    }
    // Filters are optional; the media types of non-JSON answers are declared.
    let status = doc["paths"]["/v1/cases"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "status")
        .cloned()
        .expect("status");
    assert_ne!(status["required"], true);
    let report = &doc["paths"]["/v1/reports/{name}"]["get"]["responses"]["200"]["content"];
    for media in ["application/json", "text/csv", "text/html"] {
        assert!(report.get(media).is_some(), "report answers {media}");
    }
    let export = &doc["paths"]["/v1/audit/export"]["get"]["responses"]["200"]["content"];
    for media in ["application/jsonl", "text/csv"] {
        assert!(export.get(media).is_some(), "export answers {media}");
    }
    // The statuses every body can meet are declared with the problem shape.
    let closures = &doc["paths"]["/v1/calendar/closures"]["post"]["responses"];
    for status in ["400", "401", "403", "413", "415", "422"] {
        assert_eq!(
            closures[status]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem",
            "POST /v1/calendar/closures {status}"
        );
    }
}

/// A request without the token (401) or without the role (403) is refused before its query or
/// body is read: a bad body never turns a 401 into a 422.
async fn credentials_come_before_the_query_and_the_body(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let reporter = db.token("reporter").await;
    let agent = db.token("agent").await;
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    let radicado = filed["radicado"].as_str().expect("radicado");
    let post = |path: String, token: Option<&str>, body: &str| {
        let mut r = app
            .client
            .post(app.url(&path))
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    for body in [r#"["2027-05-05","R"]"#, "{", r#"{"date": 5}"#] {
        let (s, _) = problem(
            post("/v1/calendar/closures".into(), None, body)
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 401, "closure without a token, body {body}");
        let (s, _) = problem(
            post("/v1/calendar/closures".into(), Some(&agent), body)
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 403, "closure by an agent, body {body}");
        let notes = format!("/v1/pqrs/{radicado}/notes");
        let (s, _) = problem(post(notes.clone(), None, body).await.unwrap()).await;
        assert_eq!(s, 401, "note without a token, body {body}");
        let (s, _) = problem(post(notes, Some(&reporter), body).await.unwrap()).await;
        assert_eq!(s, 403, "note by a reporter, body {body}");
        let rating = format!("/v1/pqrs/{radicado}/rating");
        let (s, _) = problem(post(rating, Some(&agent), body).await.unwrap()).await;
        assert_eq!(s, 403, "rating by staff, body {body}");
    }
    for path in [
        "/v1/cases?status=zzz",
        "/v1/alerts?kind=zzz",
        "/v1/alerts/raised?limit=0",
        "/v1/events?type=zzz",
        "/v1/audit/radicados?year=1",
        "/v1/reports/dashboard?from=x",
    ] {
        let (s, _) = problem(app.client.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(s, 401, "GET {path} without a token");
    }
    for path in ["/v1/events?type=zzz", "/v1/audit/radicados?year=1"] {
        let (s, _) = problem(app.get_as(&agent, path).await).await;
        assert_eq!(s, 403, "GET {path} by an agent");
    }
}

/// Every JSON body must be an object; arrays and other values are refused with 422 and change
/// nothing.
async fn bodies_that_are_not_objects_are_refused(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let admin = db.token("admin").await;
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    let radicado = filed["radicado"].as_str().expect("radicado");
    let code = filed["access_code"].as_str().expect("code");
    let send_in =
        |language: &'static str, method: reqwest::Method, path: String, body: &'static str| {
            app.client
                .request(method, app.url(&path))
                .bearer_auth(&admin)
                .header("content-type", "application/json")
                .header("accept-language", language)
                .body(body)
                .send()
        };
    let send = |method, path, body| send_in("en", method, path, body);
    use reqwest::Method;
    let cases = [
        (
            Method::POST,
            "/v1/calendar/closures".to_owned(),
            r#"["2027-05-05","R"]"#,
        ),
        (
            Method::POST,
            format!("/v1/pqrs/{radicado}/notes"),
            r#"["texto"]"#,
        ),
        (
            Method::POST,
            "/v1/deadlines/calculate".to_owned(),
            r#"["2026-11-23T09:00:00-05:00","petition"]"#,
        ),
        (
            Method::PUT,
            "/v1/dev/clock".to_owned(),
            r#"["2026-11-23T09:00:00-05:00"]"#,
        ),
        (Method::POST, "/v1/pqrs".to_owned(), "[]"),
        (Method::POST, "/v1/pqrs".to_owned(), r#""texto""#),
        (Method::POST, "/v1/pqrs".to_owned(), "null"),
    ];
    for (method, path, body) in cases {
        let (s, p) = problem(send(method.clone(), path.clone(), body).await.unwrap()).await;
        assert_eq!(s, 422, "{method} {path} {body}: {p}");
        assert!(
            mentions(&p, "must be a JSON object"),
            "{method} {path}: {p}"
        );
        // The same refusal in Spanish, the default.
        let (s, p) = problem(
            send_in("es-CO", method.clone(), path.clone(), body)
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 422, "{method} {path} {body}: {p}");
        assert!(
            mentions(&p, "debe ser un objeto JSON"),
            "{method} {path}: {p}"
        );
    }
    let r = app
        .client
        .post(app.url(&format!("/v1/pqrs/{radicado}/withdraw")))
        .header("x-access-code", code)
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body("[null, null]")
        .send()
        .await
        .unwrap();
    let (s, p) = problem(r).await;
    assert_eq!(s, 422, "{p}");
    assert!(mentions(&p, "must be a JSON object"), "{p}");
    let closures = app.get_json("/v1/calendar/closures").await;
    assert_eq!(closures["closures"], json!([]), "no closure recorded");
    let history = app
        .get_as(&admin, &format!("/v1/pqrs/{radicado}/events"))
        .await;
    let history: Value = history.json().await.unwrap();
    assert_eq!(
        history["events"].as_array().map(Vec::len),
        Some(1),
        "{history}"
    );
}

/// Unknown filter values are a 422 naming the filter (an empty 200 would hide a typo); known
/// values still answer 200.
async fn unknown_filter_values_are_refused(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let admin = db.token("admin").await;
    for path in [
        "/v1/cases?status=zzz",
        "/v1/cases?kind=zzz",
        "/v1/alerts?kind=zzz",
        "/v1/alerts?state=zzz",
        "/v1/events?type=zzz",
    ] {
        let (s, p) = problem(app.get_as(&admin, path).await).await;
        assert_eq!(s, 422, "{path}: {p}");
    }
    for path in [
        "/v1/cases?status=in_progress",
        "/v1/cases?kind=petition&open=false",
        "/v1/alerts?kind=claim",
        "/v1/events?type=PqrFiled",
    ] {
        let (s, p) = problem(app.get_as(&admin, path).await).await;
        assert_eq!(s, 200, "{path}: {p}");
    }
}

/// A NUL character in any query parameter or JSON string is a 422 (PostgreSQL cannot store it
/// and answered 500), never a 5xx, and nothing is filed.
async fn nul_characters_are_refused(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let admin = db.token("admin").await;
    for path in [
        "/v1/events?type=%00",
        "/v1/events?actor=%00",
        "/v1/events?radicado=a%00",
        "/v1/cases?status=%00",
        "/v1/cases?dependency=Obras%00",
        "/v1/cases?official=%00",
        "/v1/alerts?kind=%00",
        "/v1/alerts?dependency=%00",
        "/v1/alerts/raised?radicado=%00",
        "/v1/audit/verify?hash=%00",
        "/v1/reports/dashboard?from=%00&to=2026-01-01",
    ] {
        let (s, p) = problem(app.get_as(&admin, path).await).await;
        assert_eq!(s, 422, "{path}: {p}");
        assert!(mentions(&p, "NUL"), "{path}: {p}");
    }
    let mut petition = anonymous_petition();
    petition["subject"] = json!("Alumbrado\u{0}público");
    let (s, p) = problem(app.file(&petition).await).await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"][0]["field"], "subject", "{p}");
    let mut petition = identified_petition();
    petition["petitioner"]["name"] = json!("Ana\u{0}");
    let (s, p) = problem(app.file(&petition).await).await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"][0]["field"], "petitioner.name", "{p}");
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    let radicado = filed["radicado"].as_str().expect("radicado");
    let r = app
        .client
        .post(app.url(&format!("/v1/pqrs/{radicado}/notes")))
        .bearer_auth(&admin)
        .json(&json!({"text": "nota\u{0}"}))
        .send()
        .await
        .unwrap();
    let (s, p) = problem(r).await;
    assert_eq!(s, 422, "{p}");
    let year = &radicado[..4];
    assert_eq!(filed_numbers(&db, year.parse().unwrap()).await, vec![1]);
}

/// The dev clock refuses instants outside the calendar (1984-01-01..2199-12-31, Bogotá); the
/// queue and alerts keep answering.
async fn the_dev_clock_stays_inside_the_calendar(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let admin = db.token("admin").await;
    assert_eq!(app.file(&anonymous_petition()).await.status(), 201);
    for now in [
        "2200-01-01T00:00:00-05:00",
        "1983-12-31T12:00:00-05:00",
        "0000-01-01T00:00:00Z",
        "9999-12-31T00:00:00Z",
    ] {
        let r = app
            .client
            .put(app.url("/v1/dev/clock"))
            .json(&json!({ "now": now }))
            .send()
            .await
            .unwrap();
        let (s, p) = problem(r).await;
        assert_eq!(s, 422, "{now}: {p}");
        for path in ["/v1/cases", "/v1/alerts"] {
            let (s, p) = problem(app.get_as(&admin, path).await).await;
            assert_eq!(s, 200, "{path} after {now}: {p}");
        }
    }
    app.set_clock("2199-06-01T10:00:00-05:00").await;
    for path in ["/v1/cases", "/v1/alerts"] {
        let (s, p) = problem(app.get_as(&admin, path).await).await;
        assert_eq!(s, 200, "{path} in 2199: {p}");
    }
}

/// Any 1–255 visible ASCII characters make a key: a one-character key files once and its retry
/// returns the first result; 256 characters or a character that is not visible ASCII are 422.
async fn idempotency_keys_of_one_character_work(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let file = |key: reqwest::header::HeaderValue| {
        app.client
            .post(app.url("/v1/pqrs"))
            .header("idempotency-key", key)
            .json(&anonymous_petition())
            .send()
    };
    use reqwest::header::HeaderValue;
    let first = file(HeaderValue::from_static("k")).await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = file(HeaderValue::from_static("k")).await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(
        again
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["radicado"], first["radicado"]);
    assert_eq!(again["access_code"], first["access_code"]);
    let long = HeaderValue::from_str(&"x".repeat(255)).unwrap();
    assert_eq!(file(long).await.unwrap().status(), 201);
    for bad in [
        HeaderValue::from_str(&"x".repeat(256)).unwrap(),
        HeaderValue::from_static("a b"),
        HeaderValue::from_static("a\tb"),
        HeaderValue::from_bytes(b"cl\xe1ve").unwrap(),
    ] {
        let (s, p) = problem(file(bad.clone()).await.unwrap()).await;
        assert_eq!(s, 422, "{bad:?}: {p}");
        assert_eq!(p["errors"][0]["field"], "Idempotency-Key", "{p}");
    }
    let year: i32 = first["radicado"].as_str().unwrap()[..4].parse().unwrap();
    assert_eq!(filed_numbers(&db, year).await, vec![1, 2]);
}

/// JSON Schema counts `2.0` as an integer, so a generated client may send it: the server takes
/// it as 2 (it answered 422 "expected u8").
async fn whole_numbers_written_with_a_zero_fraction_are_accepted(backend: Backend) {
    let db = TestDb::new(backend).await;
    let app = spawn_app(&db).await;
    let admin = db.token("admin").await;
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    let radicado = filed["radicado"].as_str().expect("radicado");
    let escalate = |tier: Value| {
        app.client
            .post(app.url(&format!("/v1/pqrs/{radicado}/escalate")))
            .bearer_auth(&admin)
            .json(&json!({"tier": tier, "reason": "Requiere concepto técnico"}))
            .send()
    };
    let (s, p) = problem(escalate(json!(2.5)).await.unwrap()).await;
    assert_eq!(s, 422, "{p}");
    let (s, p) = problem(escalate(json!(2.0)).await.unwrap()).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["staff"]["tier"], 2, "{p}");
}

on_both_backends!(
    whole_numbers_written_with_a_zero_fraction_are_accepted,
    the_document_declares_parameters_where_they_are,
    credentials_come_before_the_query_and_the_body,
    bodies_that_are_not_objects_are_refused,
    unknown_filter_values_are_refused,
    nul_characters_are_refused,
    the_dev_clock_stays_inside_the_calendar,
    idempotency_keys_of_one_character_work,
);
