#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Retention and access over the API (issue 16 items 3 and 4, docs/privacy.md): the per-kind
//! schedule of the policy file applied by the scheduler, its report, and the access request
//! of the data-protection officer over HTTP.

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

on_both_backends!(
    the_scheduler_suppresses_closed_cases_past_their_kinds_retention_and_the_report_lists_them,
    the_access_api_finds_a_persons_three_cases_by_identity_number_and_by_email,
);

/// A config file with a new key-encryption key and, if given, a policy file whose retention
/// section is `retention` (the default book's periods, in the object form).
async fn config(db: &TestDb, retention: Option<Value>) -> PathBuf {
    let key = db.data_key("kek").await;
    let mut text = format!("data_key_file = {:?}\n", key.to_str().unwrap());
    if let Some(retention) = retention {
        let periods = serde_json::to_value(pqrs_domain::policy::PolicyBook::colombia()).unwrap();
        let policy = db.dir().join("policy.json");
        std::fs::write(
            &policy,
            json!({"periods": periods, "retention": retention}).to_string(),
        )
        .unwrap();
        text.push_str(&format!("policy_file = {:?}\n", policy.to_str().unwrap()));
    }
    let path = db.dir().join("pqrs.toml");
    std::fs::write(&path, text).unwrap();
    path
}

async fn spawn(db: &TestDb, config: &Path) -> App {
    spawn_app_with(
        db,
        &[
            "--dev-clock",
            "--scheduler-interval-secs",
            "1",
            "--config",
            config.to_str().unwrap(),
        ],
    )
    .await
}

fn petition(kind: &str, name: &str, id: &str, email: &str, description: &str) -> Value {
    json!({
        "kind": kind,
        "subject": format!("Asunto de {name}"),
        "description": description,
        "channel": "web",
        "petitioner": {"name": name, "id_type": "CC", "id_number": id, "email": email},
        "consent_personal_data": true
    })
}

async fn subject(app: &App, radicado: &str, code: &str) -> String {
    app.track(radicado, code).await["subject"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn suppressions_of(db: &TestDb, radicado: &str) -> i64 {
    db.query_i64(&format!(
        "SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataSuppressed' \
         AND aggregate_id = '{radicado}'"
    ))
    .await[0]
}

async fn two_more_scheduler_runs(app: &App) {
    let runs = || async {
        let r: Value = app.get_json("/ready").await;
        r["scheduler_runs"].as_u64().unwrap()
    };
    let start = runs().await;
    wait_for(Duration::from_secs(60), || async {
        runs().await >= start + 2
    })
    .await;
}

async fn report(app: &App, token: Option<&str>, query: &str) -> reqwest::Response {
    let mut r = app
        .client
        .get(app.url(&format!("/v1/privacy/retention-report{query}")));
    if let Some(token) = token {
        r = r.bearer_auth(token);
    }
    r.send().await.unwrap()
}

async fn the_scheduler_suppresses_closed_cases_past_their_kinds_retention_and_the_report_lists_them(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let basis = "TRD 2024 de la entidad, serie 120.45 Sugerencias";
    let config = config(
        &db,
        Some(json!({"suggestion": {"years": 1, "basis": basis}})),
    )
    .await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let agent = db.token("agent").await;
    let (short, short_code) = app
        .file_ok(&petition(
            "suggestion",
            "Ana Pérez",
            "1020304050",
            "ana@example.co",
            "Sugiero más horarios.",
        ))
        .await;
    let (long, long_code) = app
        .file_ok(&petition(
            "claim",
            "Luis Gómez",
            "79111222",
            "luis@example.co",
            "Me cobraron dos veces.",
        ))
        .await;
    let (open, open_code) = app
        .file_ok(&petition(
            "suggestion",
            "Eva Ruiz",
            "52333444",
            "eva@example.co",
            "Sugiero rampas.",
        ))
        .await;
    for radicado in [&short, &long] {
        app.act_ok(
            &agent,
            radicado,
            "answer",
            json!({"text": "Respuesta de fondo.", "outcome": "granted"}),
        )
        .await;
    }
    // Within retention (closed 23 Nov 2026, kept through 23 Nov 2027): nothing happens.
    app.set_clock("2027-11-23T18:00:00-05:00").await;
    two_more_scheduler_runs(&app).await;
    assert_eq!(suppressions_of(&db, &short).await, 0);
    // The officer's request names the kind's entry and the date.
    let officer = db.token("privacy").await;
    let r = app
        .client
        .post(app.url("/v1/privacy/suppressions"))
        .bearer_auth(&officer)
        .json(&json!({"radicado": long, "basis": "Solicitud del titular"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = r.json().await.unwrap();
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("hasta el 2036-11-23"), "{problem}");
    assert!(detail.contains("Ley 594 de 2000 art. 24"), "{problem}");

    // Past the suggestion's one year: the scheduler suppresses that case only.
    app.set_clock("2027-11-24T09:00:00-05:00").await;
    wait_for(Duration::from_secs(60), || async {
        suppressions_of(&db, &short).await == 1
    })
    .await;
    two_more_scheduler_runs(&app).await;
    assert_eq!(suppressions_of(&db, &short).await, 1, "suppressed once");
    assert_eq!(suppressions_of(&db, &long).await, 0, "claim: 10 years");
    assert_eq!(suppressions_of(&db, &open).await, 0, "open");
    assert_eq!(subject(&app, &short, &short_code).await, "dato suprimido");
    assert_eq!(
        subject(&app, &long, &long_code).await,
        "Asunto de Luis Gómez"
    );
    assert_eq!(subject(&app, &open, &open_code).await, "Asunto de Eva Ruiz");
    let metadata = db
        .query_i64(&format!(
            "SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataSuppressed' \
             AND aggregate_id = '{short}' AND metadata LIKE '%scheduler%' \
             AND payload LIKE '%120.45%'"
        ))
        .await;
    assert_eq!(metadata, vec![1], "by the scheduler, naming the entry");
    let in_view = format!(
        "SELECT COUNT(*) FROM case_view WHERE radicado = '{short}' \
         AND subject = 'dato suprimido' AND state NOT LIKE '%Ana%'"
    );
    wait_for(Duration::from_secs(20), || async {
        db.query_i64(&in_view).await == vec![1]
    })
    .await;

    // Ten years after closing, the claim goes too; the suggestion is not suppressed again.
    app.set_clock("2036-11-24T09:00:00-05:00").await;
    wait_for(Duration::from_secs(60), || async {
        suppressions_of(&db, &long).await == 1
    })
    .await;
    two_more_scheduler_runs(&app).await;
    assert_eq!(suppressions_of(&db, &short).await, 1);
    assert_eq!(suppressions_of(&db, &open).await, 0);
    assert_eq!(subject(&app, &open, &open_code).await, "Asunto de Eva Ruiz");

    // The report: exactly the cases suppressed by retention in the period.
    let auditor = db.token("auditor").await;
    let r = report(&app, Some(&officer), "?from=2027-11-01&to=2027-11-30").await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["cases"],
        json!([{
            "radicado": short,
            "kind": "suggestion",
            "closed_on": "2026-11-23",
            "retained_until": "2027-11-23",
            "years": 1,
            "suppressed_at": v["cases"][0]["suppressed_at"],
            "basis": basis,
        }]),
        "{v}"
    );
    assert!(v["cases"][0]["suppressed_at"]
        .as_str()
        .unwrap()
        .starts_with("2027-11-24"));
    let r = report(&app, Some(&auditor), "?from=2027-01-01&to=2036-12-31").await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    let listed: Vec<&str> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["radicado"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![short.as_str(), long.as_str()]);
    assert_eq!(v["cases"][1]["years"], 10);
    let r = report(&app, Some(&officer), "?from=2028-01-01&to=2036-11-23").await;
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["cases"], json!([]));
    // Who may read it, and bad periods.
    assert_eq!(
        report(&app, Some(&agent), "?from=2027-01-01&to=2027-12-31")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        report(&app, None, "?from=2027-01-01&to=2027-12-31")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    for query in [
        "",
        "?from=2027-01-01",
        "?from=2027-13-01&to=2027-12-31",
        "?from=2027-12-31&to=2027-01-01",
        "?from=2027-01-01&to=2027-12-31&extra=1",
    ] {
        let r = report(&app, Some(&officer), query).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(
            problem["title"], "La solicitud tiene campos no válidos",
            "{problem}"
        );
    }
    drop(app);

    // The same report at the command line.
    let out = pqrs_cli_ok(&[
        "privacy",
        "retention-report",
        "--from",
        "2027-11-24",
        "--to",
        "2027-11-24",
        "--database-url",
        &db.url,
        "--config",
        config.to_str().unwrap(),
    ])
    .await;
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cases"].as_array().unwrap().len(), 1, "{out}");
    assert_eq!(v["cases"][0]["radicado"], short.as_str());
    // The chain still verifies.
    let out = pqrs_cli(&["audit", "verify", "--database-url", &db.url]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn access(app: &App, token: Option<&str>, body: Value) -> reqwest::Response {
    let mut r = app
        .client
        .post(app.url("/v1/privacy/access-requests"))
        .json(&body);
    if let Some(token) = token {
        r = r.bearer_auth(token);
    }
    r.send().await.unwrap()
}

async fn the_access_api_finds_a_persons_three_cases_by_identity_number_and_by_email(b: Backend) {
    let db = TestDb::new(b).await;
    let config = config(&db, None).await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut hers = Vec::new();
    for (id, text) in [
        ("1020304050", "Primera queja de Ana."),
        ("1.020.304.050", "Segunda queja de Ana."),
        ("1020304050", "Tercera queja de Ana."),
    ] {
        let body = petition("claim", "Ana Pérez", id, "ana@example.co", text);
        hers.push(app.file_ok(&body).await.0);
    }
    let luis = petition(
        "claim",
        "Luis Gómez",
        "79111222",
        "luis@example.co",
        "Queja de Luis.",
    );
    app.file_ok(&luis).await;
    let officer = db.token("privacy").await;
    for body in [
        json!({"id_number": "1.020.304.050"}),
        json!({"email": " ANA@example.co"}),
    ] {
        let r = access(&app, Some(&officer), body.clone()).await;
        assert_eq!(r.status(), StatusCode::OK, "{body}");
        let text = r.text().await.unwrap();
        let export: Value = serde_json::from_str(&text).unwrap();
        let found: Vec<&str> = export["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["radicado"].as_str().unwrap())
            .collect();
        assert_eq!(found, hers.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(text.contains("Tercera queja de Ana."), "opened: {text}");
        assert!(!text.contains("Luis"), "{text}");
        assert!(export["legal_basis"].as_str().unwrap().contains("art. 8"));
    }
    // Each request is recorded, without the identifier.
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataAccessed'")
            .await,
        vec![2]
    );
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM events WHERE payload LIKE '%1020304050%' \
             OR payload LIKE '%ana@example%' OR payload LIKE '%ANA@%'"
        )
        .await,
        vec![0]
    );

    // Bad input: 422 in Spanish, nothing recorded.
    for (body, field) in [
        (json!({}), "id_number"),
        (
            json!({"id_number": "1020304050", "email": "ana@example.co"}),
            "id_number",
        ),
        (json!({"id_number": "  ", "email": ""}), "id_number"),
        (json!({"id_number": "1"}), "id_number"),
        (json!({"email": "ana-arroba-example"}), "email"),
        (json!({"email": "ana@example.co", "name": "Ana"}), ""),
        (json!({"id_number": 1020304050}), ""),
    ] {
        let r = access(&app, Some(&officer), body.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(
            problem["title"], "La solicitud tiene campos no válidos",
            "{problem}"
        );
        if !field.is_empty() {
            assert!(
                problem["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["field"] == field),
                "{problem}"
            );
        }
    }
    let r = access(&app, Some(&officer), json!({})).await;
    let problem: Value = r.json().await.unwrap();
    assert!(
        problem.to_string().contains("indique uno solo"),
        "{problem}"
    );
    // Who may ask.
    let body = json!({"id_number": "1020304050"});
    assert_eq!(
        access(&app, None, body.clone()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    for role in ["agent", "auditor"] {
        let token = db.token(role).await;
        assert_eq!(
            access(&app, Some(&token), body.clone()).await.status(),
            StatusCode::FORBIDDEN,
            "{role}"
        );
    }
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataAccessed'")
            .await,
        vec![2]
    );
    // In the OpenAPI document.
    let doc: Value = app.get_json("/openapi.json").await;
    assert!(doc["paths"]["/v1/privacy/access-requests"]["post"].is_object());
    assert!(doc["paths"]["/v1/privacy/retention-report"]["get"].is_object());
}
