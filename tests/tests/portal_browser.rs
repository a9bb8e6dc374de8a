//! The citizen portal in a real browser (issue 13): Debian's Chromium, headless, driven over
//! WebDriver by chromedriver, against the real server on SQLite and PostgreSQL. Every page and
//! state is checked with axe-core (WCAG 2.0/2.1 A and AA: 0 violations) and at 360 px wide
//! (no sideways scroll), and a whole filing and lookup is done with the keyboard only. The
//! English pages, reached with the header's "English" link, are checked the same way.
//! Screenshots are kept in `tests/browser/screenshots/`.
//!
//! Needs `apt-get install -y chromium chromium-driver` and `npm install --prefix
//! tests/browser` (`.ci/run` does both); without them the tests fail saying so.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../browser/webdriver.rs"]
mod webdriver;

use pqrs_tests::*;
use serde_json::{json, Value};
use webdriver::{axe_source, Browser, ENTER, SPACE};

on_both_backends!(
    every_page_and_state_has_no_accessibility_violations_and_fits_360_px,
    a_citizen_files_and_follows_a_case_with_the_keyboard_only,
    the_english_pages_have_no_accessibility_violations_and_fit_360_px,
);

/// Fills fields by id and submits the form that holds the first one.
async fn fill_and_submit(browser: &Browser, fields: Value) {
    browser
        .eval(
            "const f = arguments[0]; let form = null;\
             for (const [id, v] of Object.entries(f)) {\
               const el = document.getElementById(id);\
               if (el.type === 'radio' || el.type === 'checkbox') { el.checked = true; }\
               else { el.value = v; }\
               form = form || el.form;\
             }\
             form.requestSubmit();",
            json!([fields]),
        )
        .await;
    // requestSubmit navigates; wait until the new page has its <main>.
    wait_for(std::time::Duration::from_secs(20), || async {
        browser
            .eval(
                "return document.readyState === 'complete' && !!document.querySelector('main');",
                json!([]),
            )
            .await
            == Value::Bool(true)
    })
    .await;
}

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    let shot = format!("{name}-{b:?}").to_lowercase();
    browser.check_page(axe, name, &shot).await;
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
        .replace(' ', "")
}

async fn every_page_and_state_has_no_accessibility_violations_and_fits_360_px(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let axe = axe_source();
    let browser = Browser::start(360).await;

    for (path, name) in [
        ("/", "inicio"),
        ("/radicar", "radicar"),
        ("/consultar", "consultar"),
        ("/funcionarios", "funcionarios"),
        ("/una-pagina-que-no-existe", "no-encontrada"),
    ] {
        browser.goto(&app.url(path)).await;
        check_page(&browser, &axe, name, b).await;
    }
    assert!(browser.text().await.contains("No encontramos esta página"));
    browser.goto(&app.url("/radicar")).await;
    fill_and_submit(
        &browser,
        json!({"identificacion-identificada": true, "email": "no es correo", "subject": "Hueco"}),
    )
    .await;
    assert!(browser
        .text()
        .await
        .contains("Hay un problema con su solicitud"));
    check_page(&browser, &axe, "radicar-errores", b).await;
    // Consent to electronic notification (CPACA art. 56) without an e-mail: its own error.
    fill_and_submit(
        &browser,
        json!({"email": "", "phone": "601 555 1234", "notificacion": true}),
    )
    .await;
    assert!(
        browser.text().await.contains("o desmarque la casilla"),
        "{}",
        browser.text().await
    );
    check_page(&browser, &axe, "radicar-errores-notificacion", b).await;
    fill_and_submit(
        &browser,
        json!({"kind-claim": true, "description": "Cobro doble en la factura de octubre.",
               "email": "ana@example.co", "name": "Ana Perez", "consent": true}),
    )
    .await;
    assert!(
        browser.text().await.contains("Guárdelo"),
        "{}",
        browser.text().await
    );
    check_page(&browser, &axe, "radicado", b).await;
    let radicado = text_of(&browser, "radicado").await;
    let code = text_of(&browser, "codigo").await;

    browser.goto(&app.url("/consultar")).await;
    fill_and_submit(
        &browser,
        json!({"radicado": radicado, "codigo": "ABCDEFGHJK0123456789"}),
    )
    .await;
    assert!(browser.text().await.contains("No encontramos"));
    check_page(&browser, &axe, "consultar-error", b).await;

    let staff = |action: &str, body: Value| {
        let r = app
            .client
            .post(app.url(&format!("/v1/pqrs/{radicado}/{action}")))
            .bearer_auth(&agent)
            .json(&body)
            .send();
        async move { assert!(r.await.unwrap().status().is_success()) }
    };
    staff(
        "completion-request",
        json!({"what": "Adjunte el número de la factura"}),
    )
    .await;
    browser.goto(&app.url("/consultar")).await;
    fill_and_submit(&browser, json!({"radicado": radicado, "codigo": code})).await;
    assert!(browser
        .text()
        .await
        .contains("Adjunte el número de la factura"));
    check_page(&browser, &axe, "caso-suspendido", b).await;

    fill_and_submit(
        &browser,
        json!({"texto": "Factura 123-456.", "codigo-completar": code}),
    )
    .await;
    assert!(browser.text().await.contains("Recibimos la información"));
    check_page(&browser, &axe, "caso-completado", b).await;

    staff(
        "answer",
        json!({"text": "Se anuló el cobro doble.", "outcome": "granted"}),
    )
    .await;
    browser.goto(&app.url("/consultar")).await;
    fill_and_submit(&browser, json!({"radicado": radicado, "codigo": code})).await;
    assert!(browser.text().await.contains("Se anuló el cobro doble."));
    // The box was left checked with an e-mail: the case page says consent was given.
    assert!(browser
        .text()
        .await
        .contains("Usted aceptó que le notifiquemos por correo electrónico"));
    check_page(&browser, &axe, "caso-respondido", b).await;
    fill_and_submit(
        &browser,
        json!({"puntaje-5": true, "codigo-calificar": code}),
    )
    .await;
    assert!(browser.text().await.contains("registramos su calificación"));
    check_page(&browser, &axe, "caso-calificado", b).await;
    browser.quit().await;
}

async fn a_citizen_files_and_follows_a_case_with_the_keyboard_only(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let browser = Browser::start(360).await;
    browser.goto(&app.url("/radicar")).await;

    // Send the empty form: the error summary takes the focus and its links lead to the fields.
    browser.tab_to("enviar").await;
    browser.keys(ENTER).await;
    wait_for(std::time::Duration::from_secs(20), || async {
        browser.text().await.contains("Hay un problema")
    })
    .await;
    let focused = browser
        .eval("return document.activeElement.className;", json!([]))
        .await;
    assert_eq!(focused, "resumen-errores", "the summary has the focus");
    browser
        .screenshot(&format!("teclado-errores-{b:?}").to_lowercase())
        .await;
    browser.keys(webdriver::TAB).await;
    browser.keys(ENTER).await;
    let hash = browser.eval("return location.hash;", json!([])).await;
    assert_eq!(hash, "#kind-petition", "the first link leads to the kind");
    assert_eq!(
        browser.focused_id().await,
        "kind-petition",
        "and focuses it"
    );

    // Fill it in with the keyboard only.
    browser.keys(SPACE).await;
    browser.tab_to("subject").await;
    browser.keys("Luminaria apagada").await;
    browser.tab_to("description").await;
    browser
        .keys("La luminaria de la carrera 7 con calle 10 esta apagada.")
        .await;
    browser.tab_to("identificacion-anonima").await;
    browser.keys(SPACE).await;
    browser.tab_to("enviar").await;
    browser.keys(ENTER).await;
    wait_for(std::time::Duration::from_secs(20), || async {
        browser.text().await.contains("Guárdelo")
    })
    .await;
    browser
        .screenshot(&format!("teclado-radicado-{b:?}").to_lowercase())
        .await;
    let radicado = text_of(&browser, "radicado").await;
    let code = text_of(&browser, "codigo").await;

    browser.goto(&app.url("/consultar")).await;
    browser.tab_to("radicado").await;
    browser.keys(&radicado).await;
    browser.tab_to("codigo").await;
    browser.keys(&code).await;
    browser.keys(ENTER).await;
    wait_for(std::time::Duration::from_secs(20), || async {
        browser.text().await.contains("Luminaria apagada")
    })
    .await;
    assert!(browser.text().await.contains("Radicada"));
    browser
        .screenshot(&format!("teclado-caso-{b:?}").to_lowercase())
        .await;
    browser.quit().await;
}

async fn the_english_pages_have_no_accessibility_violations_and_fit_360_px(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let axe = axe_source();
    let browser = Browser::start(360).await;

    // The header's link, no script: the choice is kept for the next pages.
    browser.goto(&app.url("/")).await;
    browser
        .eval("document.getElementById('idioma').click();", json!([]))
        .await;
    wait_for(std::time::Duration::from_secs(20), || async {
        browser.text().await.contains("Petitions, complaints")
    })
    .await;
    check_page(&browser, &axe, "en-inicio", b).await;
    for (path, name, says) in [
        ("/radicar", "en-radicar", "What do you want to file?"),
        ("/consultar", "en-consultar", "Follow your request"),
    ] {
        browser.goto(&app.url(path)).await;
        assert!(browser.text().await.contains(says), "{name}");
        check_page(&browser, &axe, name, b).await;
    }
    browser.goto(&app.url("/radicar")).await;
    fill_and_submit(
        &browser,
        json!({"identificacion-anonima": true, "reply-phone": true, "subject": "Hole"}),
    )
    .await;
    assert!(browser
        .text()
        .await
        .contains("There is a problem with your request"));
    check_page(&browser, &axe, "en-radicar-errores", b).await;
    fill_and_submit(
        &browser,
        json!({"kind-claim": true, "description": "Double charge on the October bill.",
               "identificacion-identificada": true, "phone": "601 555 1234",
               "consent": true}),
    )
    .await;
    assert!(
        browser.text().await.contains("Keep it now."),
        "{}",
        browser.text().await
    );
    check_page(&browser, &axe, "en-radicado", b).await;
    let radicado = text_of(&browser, "radicado").await;
    let code = text_of(&browser, "codigo").await;
    browser.goto(&app.url("/consultar")).await;
    fill_and_submit(&browser, json!({"radicado": radicado, "codigo": code})).await;
    assert!(browser.text().await.contains("What has happened"));
    assert!(browser
        .text()
        .await
        .contains("Preferred way to receive the answer"));
    check_page(&browser, &axe, "en-caso", b).await;
    browser.quit().await;
}
