//! The console's administration of the calendar and the policy book, and the bandeja's tier and
//! page-size filters and live rows (issue 14), in Chromium over WebDriver against the real
//! server on SQLite and PostgreSQL. An admin declares closure days in the console and an open
//! case's due date moves past them (Ley 4 de 1913 art. 62), visible on its case page; the
//! policy page shows the default book's terms with their articles; a filing made while the
//! bandeja is open becomes a row of its table. Every page and state passes axe-core (WCAG 2.1
//! A/AA) with 0 violations at 360 px without sideways scroll.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser};
use pqrs_tests::console::{create_account, fill_and_submit, sign_in, ConsoleClient};
use pqrs_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    an_admin_declares_closure_days_and_an_open_cases_due_date_moves_past_them,
    the_policy_page_shows_the_default_books_terms_and_the_pages_are_for_admins_only,
    the_bandeja_filters_by_tier_and_page_size_and_shows_new_filings_as_rows,
);

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    let shot = format!("consola-{name}-{b:?}").to_lowercase();
    browser.check_page(axe, name, &shot).await;
}

async fn file(app: &App) -> String {
    let r = app.file(&anonymous_petition()).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    v["radicado"].as_str().unwrap().to_owned()
}

async fn rows(browser: &Browser) -> Vec<String> {
    let v = browser
        .eval(
            "return [...document.querySelectorAll('table.bandeja tbody a[id^=\"caso-\"]')].map(a => a.innerText.trim());",
            json!([]),
        )
        .await;
    serde_json::from_value(v).unwrap()
}

async fn an_admin_declares_closure_days_and_an_open_cases_due_date_moves_past_them(b: Backend) {
    let db = TestDb::new(b).await;
    let password = create_account(&db, "admin@entidad.gov.co", "Ana Admin", "admin").await;
    // The scheduler moves due dates past closure days (Ley 4 de 1913 art. 62): every second
    // here, so the wait below is for its next pass, not for the default minute.
    let app = spawn_app_with(&db, &["--dev-clock", "--scheduler-interval-secs", "1"]).await;
    let axe = axe_source();
    // A petition received Mon 23 Nov 2026: 15 business days, due Tue 15 Dec (8 Dec a holiday).
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let radicado = file(&app).await;
    app.set_clock("2026-11-25T09:00:00-05:00").await;

    let browser = Browser::start(360).await;
    sign_in(&browser, &app.base, "admin@entidad.gov.co", &password).await;
    browser
        .goto(&app.url(&format!("/funcionarios/casos/{radicado}")))
        .await;
    pqrs_tests::console::wait_for_page(&browser).await;
    assert!(
        browser
            .text()
            .await
            .contains("martes 15 de diciembre de 2026"),
        "{}",
        browser.text().await
    );

    browser.goto(&app.url("/funcionarios/admin/cierres")).await;
    pqrs_tests::console::wait_for_page(&browser).await;
    assert!(browser
        .text()
        .await
        .contains("No hay días de cierre declarados"));
    check_page(&browser, &axe, "admin-cierres", b).await;

    // Nothing typed: the error summary, nothing declared.
    fill_and_submit(&browser, json!({"desde": "", "fundamento": ""})).await;
    let text = browser.text().await;
    assert!(text.contains("Revise lo siguiente"), "{text}");
    assert!(
        text.contains("Escriba el acto que cierra las oficinas"),
        "{text}"
    );
    check_page(&browser, &axe, "admin-cierres-errores", b).await;

    // Mon 14 Dec closed, inside the case's running term.
    fill_and_submit(
        &browser,
        json!({"desde": "2026-12-14", "fundamento": "Resolución 88 de 2026 (día cívico)"}),
    )
    .await;
    let text = browser.text().await;
    assert!(text.contains("Se declaró 1 día de cierre."), "{text}");
    assert!(text.contains("lunes 14 de diciembre de 2026"), "{text}");
    assert!(
        text.contains("Resolución 88 de 2026 (día cívico)"),
        "{text}"
    );
    check_page(&browser, &axe, "admin-cierres-declarado", b).await;

    // The same day again: the API's refusal, in Spanish, with the rule.
    fill_and_submit(
        &browser,
        json!({"desde": "2026-12-14", "fundamento": "Resolución 89 de 2026"}),
    )
    .await;
    let text = browser.text().await;
    assert!(text.contains("ya es un día no hábil"), "{text}");
    assert!(text.contains("Ley 4 de 1913, art. 62"), "{text}");
    assert_eq!(
        browser
            .eval(
                "return document.getElementById('fundamento').value;",
                json!([])
            )
            .await,
        json!("Resolución 89 de 2026"),
        "what was typed is kept"
    );
    check_page(&browser, &axe, "admin-cierres-rechazo", b).await;

    // A range Sat 2 – Tue 5 Jan 2027: the two business days are declared, the weekend skipped.
    fill_and_submit(
        &browser,
        json!({"desde": "2027-01-02", "hasta": "2027-01-05", "fundamento": "Decreto 5 de 2026"}),
    )
    .await;
    let text = browser.text().await;
    assert!(text.contains("Se declararon 2 días de cierre."), "{text}");
    assert!(text.contains("Se omitieron 2 días"), "{text}");
    for day in ["2027-01-04", "2027-01-05"] {
        assert_eq!(
            browser
                .eval(
                    "return !!document.getElementById('cierre-' + arguments[0]);",
                    json!([day])
                )
                .await,
            json!(true),
            "{day} listed"
        );
    }
    // The API lists what the console declared: the same store, the same path.
    let listed: Value = app.get_json("/v1/calendar/closures").await;
    assert_eq!(listed["closures"].as_array().unwrap().len(), 3, "{listed}");

    // The open case's due date moves one business day past the closure: Wed 16 Dec.
    let case = app.url(&format!("/funcionarios/casos/{radicado}"));
    wait_for(Duration::from_secs(30), || async {
        browser.goto(&case).await;
        pqrs_tests::console::wait_for_page(&browser).await;
        browser
            .text()
            .await
            .contains("miércoles 16 de diciembre de 2026")
    })
    .await;
    browser.quit().await;
}

async fn the_policy_page_shows_the_default_books_terms_and_the_pages_are_for_admins_only(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let admin = create_account(&db, "admin@entidad.gov.co", "Ana Admin", "admin").await;
    let agent = create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let axe = axe_source();

    let browser = Browser::start(360).await;
    sign_in(&browser, &app.base, "admin@entidad.gov.co", &admin).await;
    browser.goto(&app.url("/funcionarios/admin/politica")).await;
    pqrs_tests::console::wait_for_page(&browser).await;
    let text = browser.text().await;
    assert!(
        text.contains("Está en vigor la política por defecto"),
        "{text}"
    );
    assert!(text.contains("(en vigor hoy)"), "{text}");
    assert!(text.contains("Ley 1755 de 2015, art. 14 num. 1"), "{text}");
    assert!(text.contains("Ley 1755 de 2015, art. 14 num. 2"), "{text}");
    assert!(
        text.contains("Decreto Legislativo 491 de 2020, art. 5"),
        "{text}"
    );
    assert!(
        text.contains("Recibidas desde el miércoles 18 de mayo de 2022 en adelante"),
        "{text}"
    );
    // The period in force: information requests 10 business days, consultations 30.
    let current: Value = browser
        .eval(
            "const s = [...document.querySelectorAll('main section')].find(s => s.querySelector('h2').innerText.includes('en vigor hoy'));\
             return [...s.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.innerText.trim()));",
            json!([]),
        )
        .await;
    let rows: Vec<Vec<String>> = serde_json::from_value(current).unwrap();
    let row = |kind: &str| rows.iter().find(|r| r[0] == kind).cloned().unwrap();
    assert_eq!(
        row("petición de documentos y de información")[1..],
        ["10", "días hábiles", "Ley 1755 de 2015, art. 14 num. 1"]
    );
    assert_eq!(row("consulta")[1..3], ["30", "días hábiles"]);
    assert_eq!(row("petición")[1..3], ["15", "días hábiles"]);
    assert!(text.contains("5 días hábiles"), "the priority term: {text}");
    check_page(&browser, &axe, "admin-politica", b).await;
    browser.quit().await;

    // Agents get the 403 page on both; a declaration without the session's token changes
    // nothing.
    let mut client = ConsoleClient::new(&app.base);
    client
        .log_in_first_time("gestor@entidad.gov.co", &agent, "una-clave-propia-larga")
        .await;
    for path in [
        "/funcionarios/admin/cierres",
        "/funcionarios/admin/politica",
    ] {
        assert_eq!(client.get(path).await.status, 403, "{path}");
    }
    let mut admin_client = ConsoleClient::new(&app.base);
    admin_client
        .log_in_first_time(
            "admin@entidad.gov.co",
            &pqrs_tests::console::new_password_for(&admin),
            "otra-clave-propia-larga",
        )
        .await;
    let form = [
        ("desde", "2026-12-14"),
        ("fundamento", "Resolución 88 de 2026"),
    ];
    assert_eq!(
        client
            .post("/funcionarios/admin/cierres", &form)
            .await
            .status,
        403
    );
    let mut wrong = form.to_vec();
    wrong.push(("csrf", "otro"));
    assert_eq!(
        admin_client
            .post("/funcionarios/admin/cierres", &wrong)
            .await
            .status,
        403
    );
    let listed: Value = app.get_json("/v1/calendar/closures").await;
    assert_eq!(listed["closures"], json!([]), "nothing declared");
    let csrf = admin_client.csrf("/funcionarios/admin/cierres").await;
    let mut right = form.to_vec();
    right.push(("csrf", &csrf));
    let done = admin_client
        .post("/funcionarios/admin/cierres", &right)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let listed: Value = app.get_json("/v1/calendar/closures").await;
    assert_eq!(listed["closures"][0]["date"], "2026-12-14");
}

async fn the_bandeja_filters_by_tier_and_page_size_and_shows_new_filings_as_rows(b: Backend) {
    let db = TestDb::new(b).await;
    let password = create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let token = db.token("agent").await;
    let app = spawn_app(&db).await;
    let axe = axe_source();
    let first = file(&app).await;
    let second = file(&app).await;
    let third = file(&app).await;
    let mut all = vec![first.clone(), second.clone(), third.clone()];
    for _ in 0..8 {
        all.push(file(&app).await);
    }
    app.act_ok(
        &token,
        &second,
        "escalate",
        json!({"tier": 3, "reason": "Requiere concepto jurídico."}),
    )
    .await;

    let browser = Browser::start(360).await;
    sign_in(&browser, &app.base, "gestor@entidad.gov.co", &password).await;
    let bandeja = app.url("/funcionarios/bandeja");
    browser.goto(&bandeja).await;
    pqrs_tests::console::wait_for_page(&browser).await;
    // The tier filter: only the escalated case.
    fill_and_submit(&browser, json!({"f-tier": "3"})).await;
    assert_eq!(rows(&browser).await, vec![second.clone()]);
    check_page(&browser, &axe, "bandeja-nivel", b).await;
    // The page size: ten rows a page, eleven cases, a second page.
    browser.goto(&bandeja).await;
    pqrs_tests::console::wait_for_page(&browser).await;
    fill_and_submit(
        &browser,
        json!({"f-page-size": "10", "f-sort": "received_at"}),
    )
    .await;
    assert_eq!(rows(&browser).await, all[..10].to_vec());
    assert!(browser.text().await.contains("Página 1 de 2"));
    assert_eq!(
        browser
            .eval(
                "return document.getElementById('f-page-size').value;",
                json!([])
            )
            .await,
        json!("10"),
        "the form keeps the size chosen"
    );
    check_page(&browser, &axe, "bandeja-tamano", b).await;

    // With scripts on, a filing made while the bandeja is open becomes a row of its table,
    // announced in the polite live region; the focus stays where it was.
    browser
        .goto(&app.url("/funcionarios/bandeja?sort=-received_at"))
        .await;
    pqrs_tests::console::wait_for_page(&browser).await;
    browser.tab_to("f-status").await;
    let fourth = file(&app).await;
    wait_for(Duration::from_secs(15), || async {
        rows(&browser).await.first() == Some(&fourth)
    })
    .await;
    let mut newest_first: Vec<String> = all.iter().rev().cloned().collect();
    newest_first.insert(0, fourth.clone());
    assert_eq!(rows(&browser).await, newest_first);
    wait_for(Duration::from_secs(15), || async {
        browser
            .eval(
                "return document.getElementById('nuevos').innerText;",
                json!([]),
            )
            .await
            .as_str()
            .unwrap_or_default()
            .contains("1 caso nuevo, añadido a la tabla")
    })
    .await;
    assert_eq!(
        browser.focused_id().await,
        "f-status",
        "the focus did not move"
    );
    assert_eq!(
        browser
            .eval(
                "return document.getElementById('nuevos').getAttribute('aria-live');",
                json!([])
            )
            .await,
        json!("polite")
    );
    check_page(&browser, &axe, "bandeja-fila-nueva", b).await;
    browser.quit().await;
}
