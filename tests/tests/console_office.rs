//! The back office of the staff console in a real browser (issue 14 part 3): alerts, reports
//! and audit pages, against the real server on SQLite and PostgreSQL, through chromedriver as
//! in `portal_browser.rs`. Every page passes axe-core (WCAG 2.0/2.1 A and AA) with 0
//! violations at 360 px, and the forms are used with the keyboard alone. Downloads are fetched
//! from the URL the page links, with the browser's session cookie, and their bytes checked.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser, ENTER, SPACE};
use pqrs_tests::console::{client_as, create_account, sign_in};
use pqrs_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    an_auditor_verifies_the_chain_and_reads_a_case_history,
    a_reporter_views_a_report_downloads_csv_and_xlsx_and_may_not_audit,
    an_agent_sees_an_overdue_case_in_alertas_and_filters_by_dependency,
    the_back_office_pages_refuse_other_roles_and_forms_without_their_csrf_token,
);

/// Creates an account with `role` (`pqrs user create`) and signs in through the login page,
/// changing the one-time password; returns the session's cookie (`name=value`), to fetch
/// downloads as the browser would.
async fn sign_in_as(browser: &Browser, app: &App, db: &TestDb, role: &str) -> String {
    let email = format!("{role}@entidad.gov.co");
    let one_time = create_account(db, &email, &format!("Funcionaria {role}"), role).await;
    sign_in(browser, &app.base, &email, &one_time).await;
    let session = browser
        .cookie("pqrs_session")
        .await
        .expect("the session cookie after signing in");
    format!("pqrs_session={session}")
}

/// Waits until a new page with a `<main>` has loaded and `text` is on it.
async fn wait_text(browser: &Browser, text: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let ready = browser
            .eval(
                "return document.readyState === 'complete' && !!document.querySelector('main') \
                 && document.body.innerText.includes(arguments[0]);",
                json!([text]),
            )
            .await;
        if ready == Value::Bool(true) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "«{text}» never appeared: {}",
            browser.text().await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types `text` into the field `id`, reached with Tab from the top of the page.
async fn type_into(browser: &Browser, id: &str, text: &str) {
    browser.tab_to(id).await;
    browser.keys(text).await;
}

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    let shot = format!("consola-{name}-{b:?}").to_lowercase();
    browser.check_page(axe, name, &shot).await;
}

async fn attr(browser: &Browser, id: &str, name: &str) -> String {
    browser
        .eval(
            "const e = document.getElementById(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
            json!([id, name]),
        )
        .await
        .as_str()
        .unwrap_or_else(|| panic!("#{id} has no {name}"))
        .to_owned()
}

async fn text_of(browser: &Browser, id: &str) -> String {
    browser
        .eval(
            "return document.getElementById(arguments[0]).innerText;",
            json!([id]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn file_one(app: &App) -> String {
    let filed: Value = app.file(&identified_petition()).await.json().await.unwrap();
    filed["radicado"].as_str().unwrap().to_owned()
}

async fn an_auditor_verifies_the_chain_and_reads_a_case_history(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let radicado = file_one(&app).await;
    file_one(&app).await;
    let events = db.query_i64("SELECT COUNT(*) FROM events").await[0];
    let axe = axe_source();
    let browser = Browser::start(360).await;
    sign_in_as(&browser, &app, &db, "auditor").await;

    browser.goto(&app.url("/funcionarios/auditoria")).await;
    wait_text(&browser, "Verificar la cadena").await;
    check_page(&browser, &axe, "auditoria", b).await;
    // The link to the access log (the accounts pages) is there.
    assert_eq!(
        attr(&browser, "contenido", "id").await,
        "contenido",
        "the page has its main"
    );
    assert!(browser
        .text()
        .await
        .contains("Ingresos y cambios de cuentas"));

    // Verify the chain with the keyboard: Tab to the button, Enter.
    browser.tab_to("verificar").await;
    browser.keys(ENTER).await;
    wait_text(&browser, "La cadena está íntegra").await;
    assert_eq!(text_of(&browser, "posicion").await, events.to_string());
    assert_eq!(text_of(&browser, "revisados").await, events.to_string());
    assert_eq!(text_of(&browser, "hallazgos").await, "Ninguno.");
    check_page(&browser, &axe, "auditoria-verificada", b).await;

    // The radicados of 2026: two filed, complete.
    type_into(&browser, "anio", "2026").await;
    browser.keys(ENTER).await;
    wait_text(&browser, "Completos: cada número de 1 a 2 de 2026").await;
    check_page(&browser, &axe, "auditoria-radicados", b).await;

    // A case's full history: every event with who, when and its hash.
    type_into(&browser, "radicado", &radicado).await;
    browser.keys(ENTER).await;
    wait_text(&browser, &format!("Historia del caso {radicado}")).await;
    let text = browser.text().await;
    assert!(text.contains("1. PqrFiled"), "{text}");
    assert!(text.contains("Ciudadano"), "{text}");
    assert!(text.contains("lunes 23 de noviembre de 2026"), "{text}");
    let hashes: i64 = browser
        .eval(
            "return [...document.querySelectorAll('#eventos .hash')].filter(e => /^[0-9a-f]{64}$/.test(e.innerText.trim())).length;",
            json!([]),
        )
        .await
        .as_i64()
        .unwrap();
    assert!(
        hashes >= 2,
        "each event shows its hash and the previous one"
    );
    // Auditors see the petitioner's data, as in the API.
    browser
        .eval(
            "document.querySelector('#eventos details').open = true;",
            json!([]),
        )
        .await;
    assert!(
        browser.text().await.contains("Ana"),
        "{}",
        browser.text().await
    );
    check_page(&browser, &axe, "auditoria-historia", b).await;
    browser.quit().await;
}

async fn a_reporter_views_a_report_downloads_csv_and_xlsx_and_may_not_audit(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    file_one(&app).await;
    let axe = axe_source();
    let browser = Browser::start(360).await;
    let cookie = sign_in_as(&browser, &app, &db, "reporter").await;

    browser.goto(&app.url("/funcionarios/informes")).await;
    wait_text(&browser, "Elija un informe").await;
    check_page(&browser, &axe, "informes", b).await;
    // An empty period: the error summary, and nothing computed.
    browser.tab_to("ver-informe").await;
    browser.keys(ENTER).await;
    wait_text(&browser, "Revise el formulario").await;
    check_page(&browser, &axe, "informes-errores", b).await;

    // Choose the follow-up report and the period with the keyboard.
    // A radio group is one Tab stop: Tab to it, Space picks the first, Down moves to the next.
    browser.tab_to("informe-access-to-information").await;
    browser.keys(SPACE).await;
    browser.keys("\u{E015}").await;
    assert_eq!(browser.focused_id().await, "informe-pqr-follow-up");
    // Date pickers differ by browser locale; the dates are set, the form is sent by keyboard.
    browser
        .eval(
            "document.getElementById('desde').value = '2026-11-01';\
             document.getElementById('hasta').value = '2026-11-30';",
            json!([]),
        )
        .await;
    browser.tab_to("ver-informe").await;
    browser.keys(ENTER).await;
    wait_text(&browser, "Ficha técnica").await;
    let text = browser.text().await;
    assert!(
        text.contains("Informe de seguimiento a peticiones"),
        "{text}"
    );
    assert!(text.contains("2026-11-01"), "{text}");
    check_page(&browser, &axe, "informe", b).await;

    for (id, media, check) in [
        ("descargar-csv", "text/csv", "csv"),
        (
            "descargar-xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    ] {
        let href = attr(&browser, id, "href").await;
        let res = app
            .client
            .get(app.url(&href))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{id}");
        let headers = res.headers().clone();
        assert!(
            headers["content-type"].to_str().unwrap().starts_with(media),
            "{id}: {:?}",
            headers["content-type"]
        );
        assert!(headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"pqr-follow-up_2026-11-01_2026-11-30_p"));
        assert_eq!(headers["cache-control"], "no-store");
        let bytes = res.bytes().await.unwrap();
        if check == "csv" {
            let body = String::from_utf8(bytes.to_vec()).unwrap();
            let body = body.trim_start_matches('\u{feff}');
            assert!(
                body.starts_with("section,dimension,group,metric,value"),
                "{body}"
            );
            // The same figures as the API at the same position.
            let position = href.rsplit("posicion=").next().unwrap();
            let api = db.token("reporter").await;
            let same = app
                .get_as(
                    &api,
                    &format!("/v1/reports/pqr-follow-up?from=2026-11-01&to=2026-11-30&format=csv&at_position={position}"),
                )
                .await
                .bytes()
                .await
                .unwrap();
            assert_eq!(bytes, same, "the console's CSV is the API's");
        } else {
            assert!(bytes.starts_with(b"PK\x03\x04"), "an xlsx is a zip");
            assert!(bytes.len() > 1000);
        }
    }
    // Without the session the download is refused (a redirect to the login).
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(&attr(&browser, "descargar-csv", "href").await))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());

    // A reporter may not open the audit pages: a 403 page in Spanish.
    let res = app
        .client
        .get(app.url("/funcionarios/auditoria"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    browser.goto(&app.url("/funcionarios/auditoria")).await;
    wait_text(&browser, "No tiene permiso").await;
    check_page(&browser, &axe, "auditoria-prohibida", b).await;
    browser.quit().await;
}

async fn an_agent_sees_an_overdue_case_in_alertas_and_filters_by_dependency(b: Backend) {
    let db = TestDb::new(b).await;
    let agent_token = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let overdue = file_one(&app).await;
    let assigned = app
        .client
        .post(app.url(&format!("/v1/pqrs/{overdue}/assign")))
        .bearer_auth(&agent_token)
        .json(&json!({"dependency": "Hacienda", "official": "Ana"}))
        .send()
        .await
        .unwrap();
    assert!(assigned.status().is_success());
    // A petition filed on 23 Nov is due on 15 Dec (15 business days): overdue on the 16th.
    app.set_clock("2026-12-16T09:00:00-05:00").await;
    let fresh = file_one(&app).await;
    let axe = axe_source();
    let browser = Browser::start(360).await;
    sign_in_as(&browser, &app, &db, "agent").await;

    browser.goto(&app.url("/funcionarios/alertas")).await;
    wait_text(&browser, "Alertas de vencimiento").await;
    let table = text_of(&browser, "alertas").await;
    assert!(table.contains(&overdue), "{table}");
    assert!(table.contains("Vencida"), "{table}");
    assert!(table.contains("martes 15 de diciembre de 2026"), "{table}");
    assert!(
        !table.contains(&fresh),
        "a case on time is no alert: {table}"
    );
    assert_eq!(
        attr(&browser, "alertas", "id").await,
        "alertas",
        "the table is there"
    );
    let link: String = browser
        .eval(
            "return document.querySelector('#alertas a').getAttribute('href');",
            json!([]),
        )
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(link, format!("/funcionarios/casos/{overdue}"));
    check_page(&browser, &axe, "alertas", b).await;

    // Filter by another dependency with the keyboard: nothing; by Hacienda: the case.
    type_into(&browser, "dependencia", "Obras").await;
    browser.keys(ENTER).await;
    wait_text(&browser, "No hay alertas para la dependencia «Obras»").await;
    check_page(&browser, &axe, "alertas-vacias", b).await;
    browser
        .goto(&app.url("/funcionarios/alertas?dependencia=Hacienda"))
        .await;
    wait_text(&browser, &overdue).await;
    browser.quit().await;
}

async fn the_back_office_pages_refuse_other_roles_and_forms_without_their_csrf_token(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    file_one(&app).await;
    let mut auditor = client_as(&app, &db, "auditor").await;
    let mut agent = client_as(&app, &db, "agent").await;
    let mut reporter = client_as(&app, &db, "reporter").await;

    // Every page: the portal's security headers and never cached.
    for (client, path) in [
        (&mut agent, "/funcionarios/alertas"),
        (&mut reporter, "/funcionarios/informes"),
        (&mut auditor, "/funcionarios/auditoria"),
    ] {
        let page = client.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        assert_eq!(page.cache_control.as_deref(), Some("no-store"), "{path}");
        assert!(
            page.csp
                .as_deref()
                .unwrap_or("")
                .contains("script-src 'none'"),
            "{path}: {:?}",
            page.csp
        );
    }
    // Roles refused as the API refuses them: a reporter has no alerts, an agent no reports
    // (GET /v1/reports is for reporters), an agent no audit tools.
    for (is_agent, path) in [
        (false, "/funcionarios/alertas"),
        (true, "/funcionarios/informes"),
        (true, "/funcionarios/informes/descargar?informe=dashboard&desde=2026-11-01&hasta=2026-11-30&formato=csv"),
        (true, "/funcionarios/auditoria/historia?radicado=2026-000001"),
        (true, "/funcionarios/auditoria/exportar?desde=2026-11-01&hasta=2026-11-30&formato=csv"),
    ] {
        let client = if is_agent { &mut agent } else { &mut reporter };
        let page = client.get(path).await;
        assert_eq!(page.status, 403, "{path}: {}", page.body);
        assert!(page.body.contains("No tiene permiso"), "{path}");
    }

    // The verification forms need the session's token: without it nothing runs.
    for path in [
        "/funcionarios/auditoria/verificar",
        "/funcionarios/auditoria/compendio",
    ] {
        let refused = auditor.post(path, &[("csrf", "0000")]).await;
        assert_eq!(refused.status, 403, "{path}");
        assert!(refused.body.contains("No pudimos recibir el formulario"));
        assert!(
            !refused.body.contains("La cadena"),
            "{path}: nothing was verified"
        );
    }
    let csrf = auditor.csrf("/funcionarios/auditoria").await;
    let done = auditor
        .post("/funcionarios/auditoria/verificar", &[("csrf", &csrf)])
        .await;
    assert_eq!(done.status, 200);
    assert!(
        done.body.contains("La cadena está íntegra"),
        "{}",
        done.body
    );
    // A digest that is not one: said in Spanish beside the field, what was pasted kept.
    let bad = auditor
        .post(
            "/funcionarios/auditoria/compendio",
            &[("csrf", &csrf), ("compendio", "{\"format\": 1}")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Pegue el compendio"), "{}", bad.body);
    assert!(
        bad.body.contains("{&#34;format&#34;: 1}") || bad.body.contains("{&quot;format&quot;: 1}"),
        "{}",
        bad.body
    );

    // A real signed digest of the head (`pqrs audit keygen`, `pqrs audit digest`), pasted in
    // the form: the chain verifies against it, up to its position.
    let dir = std::env::temp_dir().join(format!("pqrs-office-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("audit.key").display().to_string();
    let digest = dir.join("head.json").display().to_string();
    pqrs_cli_ok(&["audit", "keygen", "--out", &key]).await;
    pqrs_cli_ok(&[
        "audit",
        "digest",
        "--key",
        &key,
        "--out",
        &digest,
        "--database-url",
        &db.url,
    ])
    .await;
    let signed = std::fs::read_to_string(&digest).unwrap();
    let head = db.query_i64("SELECT position FROM ledger_head").await[0];
    let checked = auditor
        .post(
            "/funcionarios/auditoria/compendio",
            &[("csrf", &csrf), ("compendio", &signed)],
        )
        .await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert!(
        checked.body.contains("La cadena está íntegra"),
        "{}",
        checked.body
    );
    assert!(
        checked
            .body
            .contains(&format!("<dd id=\"posicion\">{head}</dd>")),
        "{}",
        checked.body
    );
    let _ = std::fs::remove_dir_all(&dir);

    // The export is the API's bytes, as a download.
    let res = app
        .client
        .get(app.url(
            "/funcionarios/auditoria/exportar?desde=2026-11-01&hasta=2026-11-30&formato=jsonl",
        ))
        .header(
            "cookie",
            format!("pqrs_session={}", auditor.cookies["pqrs_session"]),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"pqrs-events-2026-11-01-2026-11-30.jsonl"));
    let body = res.text().await.unwrap();
    assert_eq!(body.lines().count(), 1, "one event: {body}");
    assert!(body.contains("PqrFiled"));
}
