#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The petitioner's right to rectify a contact field (issue 16; Ley 1581 de 2012 art. 8 lit. a;
//! Decreto 1377 de 2013 art. 22): through the API and the CLI, on both backends. The next
//! e-mail goes to the rectified address (a real aiosmtpd server), the new value is sealed in
//! the log like the old one, and every refusal is answered in Spanish and recorded.

use pqrs_tests::smtp::{count, file_case, mail_petition, spawn_mailing_app, SmtpSink};
use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    a_rectified_email_receives_the_next_message_and_neither_address_is_in_clear_in_the_store,
    refusals_are_answered_in_spanish_with_their_article_and_recorded,
    the_cli_rectifies_a_phone_and_records_a_refusal,
);

const WAIT: Duration = Duration::from_secs(60);

async fn rectify(app: &App, token: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/v1/privacy/rectifications"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn raw_log(db: &TestDb) -> String {
    use sqlx::Row;
    let mut conn = db.connect().await;
    sqlx::query("SELECT payload FROM events ORDER BY position")
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn a_rectified_email_receives_the_next_message_and_neither_address_is_in_clear_in_the_store(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), Some(&config)).await;
    // Tokens after the server: on SQLite it is the server that records the configured KEK.
    let officer = db.token("privacy").await;
    let agent = db.token("agent").await;
    let auditor = db.token("auditor").await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, _code) = file_case(&app, &mail_petition("ana.vieja@example.co", true)).await;
    let first = sink.wait_for(1, WAIT).await;
    assert_eq!(first[0].rcpt_tos, ["ana.vieja@example.co"]);

    let r = rectify(
        &app,
        &officer,
        json!({"radicado": radicado, "field": "email", "value": "ana.nueva@example.co",
               "basis": "Solicitud de la titular del 23 de noviembre, con copia de la cédula"}),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let made: Value = r.json().await.unwrap();
    assert_eq!(made["field"], "email");

    // The next message owed the petitioner goes to the rectified address.
    app.act_ok(
        &agent,
        &radicado,
        "completion-request",
        json!({"what": "Indique el número de la factura"}),
    )
    .await;
    let both = sink.wait_for(2, WAIT).await;
    let to = |a: &str| both.iter().filter(|m| m.rcpt_tos == [a]).count();
    assert_eq!(
        (to("ana.vieja@example.co"), to("ana.nueva@example.co")),
        (1, 1)
    );

    // The auditor's history shows the rectification opened; the raw log holds neither
    // address in clear (the old one stays, sealed, in the filing).
    let r = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await;
    let history: Value = r.json().await.unwrap();
    let rectified = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["payload"].get("PetitionerContactRectified"))
        .unwrap_or_else(|| panic!("no rectification in {history}"));
    assert_eq!(rectified["value"], "ana.nueva@example.co");
    assert_eq!(rectified["field"], "email");
    let raw = raw_log(&db).await;
    assert!(raw.contains("PetitionerContactRectified"));
    for secret in ["ana.nueva@example.co", "ana.vieja@example.co"] {
        assert!(!raw.contains(secret), "{secret} is in clear in the log");
    }

    // The access request by the new address finds the case (the blind index learnt it).
    let out = pqrs_cli_ok(&[
        "privacy",
        "access",
        "--email",
        "ANA.NUEVA@example.co",
        "--database-url",
        &db.url,
        "--config",
        config.to_str().unwrap(),
    ])
    .await;
    let export: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(export["cases"][0]["radicado"], radicado.as_str());
}

async fn refusals_are_answered_in_spanish_with_their_article_and_recorded(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--config", config.to_str().unwrap()]).await;
    let officer = db.token("privacy").await;
    let agent = db.token("agent").await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, _) = file_case(&app, &mail_petition("ana@example.co", false)).await;
    let (anonymous, _) = file_case(&app, &anonymous_petition()).await;
    let basis = "Solicitud de la titular";
    let body = |r: &str, field: &str, value: &str| json!({"radicado": r, "field": field, "value": value, "basis": basis});

    // Not the officer: 403, and nothing is recorded (the request never reached the rule).
    let r = rectify(&app, &agent, body(&radicado, "email", "otra@example.co")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let cases: [(Value, StatusCode, &str); 6] = [
        (
            body(&radicado, "email", "no-es-correo"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "correo",
        ),
        (
            body(&radicado, "name", "Otra"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "el campo debe ser",
        ),
        (
            body(&radicado, "email", "ana@example.co"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "vigente ya tiene ese valor",
        ),
        (
            body(&radicado, "phone", "12"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "teléfono",
        ),
        (
            body("2026-999999", "phone", "3001234567"),
            StatusCode::NOT_FOUND,
            "",
        ),
        (
            body(&anonymous, "phone", "3001234567"),
            StatusCode::CONFLICT,
            "Ley 1581 de 2012 art. 8 lit. a: el caso es anónimo",
        ),
    ];
    for (request, status, words) in &cases {
        let r = rectify(&app, &officer, request.clone()).await;
        assert_eq!(r.status(), *status, "{request}");
        let text = r.text().await.unwrap();
        assert!(text.contains(words), "{request}: {text}");
    }

    // Suppressed (an authority's order overrides the open case): nothing left to rectify.
    let r = app
        .client
        .post(app.url("/v1/privacy/suppressions"))
        .bearer_auth(&officer)
        .json(&json!({"radicado": radicado, "basis": basis, "order": "Auto 55 de 2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = rectify(&app, &officer, body(&radicado, "phone", "3001234567")).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("fueron suprimidos"));

    // Each refusal is recorded, without the value asked for; no rectification was made.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataRectificationRefused'"
        )
        .await,
        7
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM events WHERE event_type = 'PetitionerContactRectified'"
        )
        .await,
        0
    );
    assert!(!raw_log(&db).await.contains("no-es-correo"));
}

async fn the_cli_rectifies_a_phone_and_records_a_refusal(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--config", config.to_str().unwrap()]).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, _) = file_case(&app, &mail_petition("ana@example.co", false)).await;
    let cli = |value: &'static str| {
        let (radicado, url, config) = (radicado.clone(), db.url.clone(), config.clone());
        async move {
            pqrs_cli(&[
                "privacy",
                "rectify",
                "--radicado",
                &radicado,
                "--field",
                "phone",
                "--value",
                value,
                "--basis",
                "Solicitud del titular por ventanilla",
                "--database-url",
                &url,
                "--config",
                config.to_str().unwrap(),
            ])
            .await
        }
    };
    let out = cli("+57 300 765 4321").await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), radicado);

    let out = cli("llámeme").await;
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("rectificación rechazada"), "{said}");

    let raw = raw_log(&db).await;
    assert!(!raw.contains("765 4321"), "the new phone is sealed");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM events WHERE event_type = 'PetitionerContactRectified'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataRectificationRefused'"
        )
        .await,
        1
    );
}
