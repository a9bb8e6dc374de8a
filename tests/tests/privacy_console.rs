#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The data-protection officer's console pages (issue 16; docs/console.md, docs/privacy.md),
//! over HTTP with a signed-in `privacy` account, on both backends: a suppression refused while
//! the case is open cites Ley 1581 de 2012 art. 8 and keeps the data key; with an authority's
//! order, after the confirmation step, the citizen's tracking shows "dato suprimido"; the
//! access request finds the person's cases (with the language of her e-mails) and downloads the
//! API's export; a rectification changes the address the API shows; other roles get 403 and a
//! form without its CSRF token changes nothing.

use pqrs_tests::console::client_as;
use pqrs_tests::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

on_both_backends!(
    the_officer_suppresses_only_after_confirming_and_a_refusal_cites_the_law_and_changes_nothing,
    the_access_request_lists_the_persons_cases_and_downloads_the_apis_export,
    a_rectification_changes_the_address_the_api_shows,
    other_roles_get_403_and_forms_without_the_csrf_token_change_nothing,
);

const SUPPRESSION: &str = "/funcionarios/privacidad/supresion";
const ACCESS: &str = "/funcionarios/privacidad/acceso";

async fn spawn(db: &TestDb, config: &Path) -> App {
    let app = spawn_app_with(db, &["--dev-clock", "--config", config.to_str().unwrap()]).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    app
}

fn petition(name: &str, id: &str, email: &str) -> Value {
    json!({
        "kind": "claim",
        "subject": "Cobro doble en la factura",
        "description": "Me cobraron dos veces el agua en la factura de octubre.",
        "channel": "web",
        "petitioner": {"name": name, "id_type": "CC", "id_number": id, "email": email,
                       "address": "Calle 45 # 12-30"},
        "consent_personal_data": true
    })
}

/// Form fields as `ConsoleClient::post` takes them.
fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn live_keys(db: &TestDb) -> i64 {
    db.query_i64("SELECT COUNT(*) FROM data_keys WHERE destroyed_at IS NULL")
        .await[0]
}

async fn the_officer_suppresses_only_after_confirming_and_a_refusal_cites_the_law_and_changes_nothing(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    let (radicado, code) = app
        .file_ok(&petition("Ana Pérez", "1020304050", "ana@example.co"))
        .await;
    let mut officer = client_as(&app, &db, "privacy").await;

    // The officer lands on the privacy page, which the navigation names.
    let home = officer.get("/funcionarios").await;
    assert_eq!(
        home.location.as_deref(),
        Some("/funcionarios/privacidad"),
        "{home:?}"
    );
    let landing = officer.get("/funcionarios/privacidad").await;
    assert_eq!(landing.status, 200, "{}", landing.body);
    assert!(landing.body.contains(">Protección de datos</a>"));
    assert!(landing.body.contains(SUPPRESSION));
    assert_eq!(landing.cache_control.as_deref(), Some("no-store"));
    let csrf = officer.csrf(SUPPRESSION).await;

    // Bad input: the form again with the field's error, nothing done.
    let bad = officer
        .post(
            &format!("{SUPPRESSION}/confirmar"),
            &[("csrf", &csrf), ("radicado", "abc"), ("fundamento", "")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Escriba el número de radicado"));

    // The confirmation shows the case and says it cannot be undone.
    let basis = "Solicitud de la titular del 23 de noviembre";
    let confirm = officer
        .post(
            &format!("{SUPPRESSION}/confirmar"),
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", basis),
            ],
        )
        .await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert!(confirm.body.contains("reclamo"), "{}", confirm.body);
    assert!(confirm.body.contains("No: el caso sigue en trámite"));
    assert!(confirm.body.contains("no se puede deshacer"));
    assert_eq!(live_keys(&db).await, 1, "confirming changes nothing");

    // Open case, no order: refused with the article, the key kept.
    let refused = officer
        .post(
            SUPPRESSION,
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", basis),
                ("orden", ""),
                ("confirmado", "si"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("Ley 1581 de 2012 art. 8"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("No se suprimieron los datos"));
    assert_eq!(live_keys(&db).await, 1);

    // Without the confirmation step nothing is suppressed, even with an order.
    let order = "Auto 55 de 2026 del Juzgado 3 Civil Municipal";
    let skipped = officer
        .post(
            SUPPRESSION,
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", basis),
                ("orden", order),
            ],
        )
        .await;
    assert_eq!(skipped.status, 422, "{}", skipped.body);
    assert_eq!(live_keys(&db).await, 1);

    // With an authority's order, after confirming: suppressed.
    let confirm = officer
        .post(
            &format!("{SUPPRESSION}/confirmar"),
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", basis),
                ("orden", order),
            ],
        )
        .await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert!(confirm.body.contains(order));
    let done = officer
        .post(
            SUPPRESSION,
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", basis),
                ("orden", order),
                ("confirmado", "si"),
            ],
        )
        .await;
    assert_eq!(done.status, 201, "{}", done.body);
    assert!(done.body.contains("Se suprimieron los datos personales"));
    assert_eq!(live_keys(&db).await, 0);
    wait_for(Duration::from_secs(30), || async {
        app.track(&radicado, &code).await["subject"] == "dato suprimido"
    })
    .await;

    // Again: refused as already suppressed, in Spanish.
    let again = officer
        .post(
            SUPPRESSION,
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", basis),
                ("orden", order),
                ("confirmado", "si"),
            ],
        )
        .await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(
        again.body.contains("ya fueron suprimidos"),
        "{}",
        again.body
    );
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataSuppressed'")
            .await,
        vec![1]
    );
}

async fn the_access_request_lists_the_persons_cases_and_downloads_the_apis_export(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    // Her second case filed in English: its e-mails' language is part of her data.
    let hers = vec![
        app.file_ok(&petition("Ana Pérez", "1020304050", "ana@example.co"))
            .await
            .0,
        app.file_ok_asking(
            &petition("Ana Pérez", "1.020.304.050", "ana@example.co"),
            "en",
        )
        .await
        .0,
    ];
    app.file_ok(&petition("Luis Gómez", "79111222", "luis@example.co"))
        .await;
    let mut officer = client_as(&app, &db, "privacy").await;
    let token = db.token("privacy").await;
    let csrf = officer.csrf(ACCESS).await;

    // Neither or both: the API's refusal in Spanish, nothing recorded.
    let none = officer
        .post(
            ACCESS,
            &[("csrf", &csrf), ("identificacion", ""), ("correo", "")],
        )
        .await;
    assert_eq!(none.status, 422, "{}", none.body);
    assert!(none.body.contains("Indique uno solo"), "{}", none.body);

    let found = officer
        .post(
            ACCESS,
            &[
                ("csrf", &csrf),
                ("identificacion", "1020304050"),
                ("correo", ""),
            ],
        )
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(
        found.body.contains("Se encontraron 2 casos"),
        "{}",
        found.body
    );
    for r in &hers {
        assert!(
            found.body.contains(&format!("Radicado {r}")),
            "{}",
            found.body
        );
    }
    assert!(found.body.contains("Ana Pérez"), "opened: {}", found.body);
    assert!(found.body.contains("Calle 45 # 12-30"));
    assert!(!found.body.contains("Luis"));
    assert_eq!(
        found
            .body
            .matches(
                "<dt>Idioma de los correos</dt><dd>Inglés, con el texto oficial en español</dd>"
            )
            .count(),
        1,
        "{}",
        found.body
    );
    assert_eq!(found.cache_control.as_deref(), Some("no-store"));

    // The download: an attachment with the API's export.
    let cookie = officer
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let r = app
        .client
        .post(app.url(&format!("{ACCESS}/descargar")))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("identificacion", "1020304050"),
            ("correo", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let download: Value = r.json().await.unwrap();
    let api: Value = app
        .client
        .post(app.url("/v1/privacy/access-requests"))
        .bearer_auth(&token)
        .json(&json!({"id_number": "1020304050"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(download["cases"], api["cases"]);
    assert_eq!(download["identifier"], "id_number");
    assert_eq!(download["cases"].as_array().unwrap().len(), 2);

    // Each request recorded (page, download, API), never the identifier.
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataAccessed'")
            .await,
        vec![3]
    );
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE payload LIKE '%1020304050%'")
            .await,
        vec![0]
    );
}

async fn a_rectification_changes_the_address_the_api_shows(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    let (radicado, _) = app
        .file_ok(&petition("Ana Pérez", "1020304050", "ana@example.co"))
        .await;
    let mut officer = client_as(&app, &db, "privacy").await;
    let auditor = db.token("auditor").await;
    let path = "/funcionarios/privacidad/rectificacion";
    let csrf = officer.csrf(path).await;
    let form = |value: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("radicado", radicado.clone()),
            ("campo", "address".to_owned()),
            ("valor", value.to_owned()),
            (
                "fundamento",
                "Solicitud de la titular con copia de la cédula".to_owned(),
            ),
        ]
    };

    // The value in force: refused in the API's words, recorded.
    let same = officer.post(path, &pairs(&form("Calle 45 # 12-30"))).await;
    assert_eq!(same.status, 422, "{}", same.body);
    assert!(same.body.contains("No se rectificó el dato"));

    let done = officer.post(path, &pairs(&form("Carrera 7 # 8-9"))).await;
    assert_eq!(done.status, 201, "{}", done.body);
    assert!(done.body.contains("quedó rectificado"), "{}", done.body);

    let history: Value = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await
        .json()
        .await
        .unwrap();
    let rectified = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["payload"].get("PetitionerContactRectified"))
        .unwrap_or_else(|| panic!("no rectification in {history}"));
    assert_eq!(rectified["field"], "address");
    assert_eq!(rectified["value"], "Carrera 7 # 8-9");
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataRectificationRefused'"
        )
        .await,
        vec![1]
    );
}

async fn other_roles_get_403_and_forms_without_the_csrf_token_change_nothing(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    let (radicado, _) = app
        .file_ok(&petition("Ana Pérez", "1020304050", "ana@example.co"))
        .await;
    let mut agent = client_as(&app, &db, "agent").await;
    let mut officer = client_as(&app, &db, "privacy").await;
    let agent_csrf = agent.csrf("/funcionarios/bandeja").await;
    assert!(!agent
        .get("/funcionarios/bandeja")
        .await
        .body
        .contains("/funcionarios/privacidad"));

    for path in [
        "/funcionarios/privacidad",
        SUPPRESSION,
        ACCESS,
        "/funcionarios/privacidad/rectificacion",
        "/funcionarios/privacidad/retencion",
    ] {
        let page = agent.get(path).await;
        assert_eq!(page.status, 403, "{path}: {}", page.body);
        assert!(page.body.contains("No tiene permiso"), "{path}");
        assert_eq!(page.cache_control.as_deref(), Some("no-store"), "{path}");
        let mine = officer.get(path).await;
        assert_eq!(mine.status, 200, "{path}: {}", mine.body);
        assert_eq!(mine.cache_control.as_deref(), Some("no-store"), "{path}");
    }
    // An agent's own valid token does not open the officer's forms.
    let order = "Auto 55 de 2026";
    let fields = |csrf: &str| {
        vec![
            ("csrf", csrf.to_owned()),
            ("radicado", radicado.clone()),
            ("fundamento", "Solicitud".to_owned()),
            ("orden", order.to_owned()),
            ("confirmado", "si".to_owned()),
        ]
    };
    let page = agent.post(SUPPRESSION, &pairs(&fields(&agent_csrf))).await;
    assert_eq!(page.status, 403, "{}", page.body);
    // The officer's form without (or with a wrong) CSRF token: refused, nothing done.
    for token in ["", "0000"] {
        let page = officer.post(SUPPRESSION, &pairs(&fields(token))).await;
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.body.contains("no se hizo nada"), "{}", page.body);
        let page = officer
            .post(
                "/funcionarios/privacidad/rectificacion",
                &[
                    ("csrf", token),
                    ("radicado", &radicado),
                    ("campo", "address"),
                    ("valor", "Carrera 7 # 8-9"),
                    ("fundamento", "Solicitud"),
                ],
            )
            .await;
        assert_eq!(page.status, 403, "{}", page.body);
        let page = officer
            .post(ACCESS, &[("csrf", token), ("identificacion", "1020304050")])
            .await;
        assert_eq!(page.status, 403, "{}", page.body);
    }
    assert_eq!(live_keys(&db).await, 1);
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM events WHERE event_type IN ('PersonalDataSuppressed', \
             'PetitionerContactRectified', 'PersonalDataAccessed', \
             'PersonalDataRectificationRefused')"
        )
        .await,
        vec![0]
    );
}
