//! The data-protection officer's console pages in a real browser (issue 16): Debian's
//! Chromium, headless, over WebDriver, against the real server on SQLite and PostgreSQL. The
//! officer signs in, lands on the privacy page, and walks a suppression with the keyboard alone
//! (a refusal while the case is open, then an authority's order, the confirmation and the
//! suppression); every privacy page and state is checked with axe-core (0 violations) at
//! 360 px wide without sideways scroll.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser, ENTER};
use pqrs_tests::console::{create_account, fill_and_submit, path, sign_in, wait_for_page};
use pqrs_tests::*;
use serde_json::json;
use std::time::Duration;

on_both_backends!(
    the_officer_walks_a_suppression_with_the_keyboard_and_every_privacy_page_passes_axe
);

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    let shot = format!("privacidad-{name}-{b:?}").to_lowercase();
    browser.check_page(axe, name, &shot).await;
}

/// Tabs to `id`, presses Enter and waits until the page shows `text`.
async fn press(browser: &Browser, id: &str, text: &str) {
    browser.tab_to(id).await;
    browser.keys(ENTER).await;
    wait_for(Duration::from_secs(20), || async {
        browser.text().await.contains(text)
    })
    .await;
    wait_for_page(browser).await;
}

/// Tabs to the field `id` and types `text` into it.
async fn type_into(browser: &Browser, id: &str, text: &str) {
    browser.tab_to(id).await;
    browser.keys(text).await;
}

async fn the_officer_walks_a_suppression_with_the_keyboard_and_every_privacy_page_passes_axe(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn_app_with(&db, &["--dev-clock", "--config", config.to_str().unwrap()]).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, code) = app.file_ok(&identified_petition()).await;
    // A second case of hers, which the access request still finds after the suppression.
    app.file_ok(&identified_petition()).await;
    let axe = axe_source();
    let browser = Browser::start(360).await;
    let one_time = create_account(&db, "datos@entidad.gov.co", "Dora Datos", "privacy").await;
    sign_in(&browser, &app.base, "datos@entidad.gov.co", &one_time).await;
    assert_eq!(path(&browser).await, "/funcionarios/privacidad");
    check_page(&browser, &axe, "inicio", b).await;

    // The form, with the keyboard; a bad radicado first.
    press(&browser, "tarea-supresion", "Número de radicado").await;
    check_page(&browser, &axe, "supresion", b).await;
    type_into(&browser, "radicado", "abc").await;
    press(&browser, "revisar", "Revise lo siguiente").await;
    check_page(&browser, &axe, "supresion-error", b).await;

    // The case open, no order: the confirmation, then the refusal with its article.
    browser
        .goto(&app.url("/funcionarios/privacidad/supresion"))
        .await;
    wait_for_page(&browser).await;
    type_into(&browser, "radicado", &radicado).await;
    type_into(&browser, "fundamento", "Solicitud de la titular").await;
    press(&browser, "revisar", "no se puede deshacer").await;
    check_page(&browser, &axe, "supresion-confirmar", b).await;
    press(&browser, "suprimir", "No se suprimieron los datos").await;
    assert!(browser.text().await.contains("Ley 1581 de 2012 art. 8"));
    check_page(&browser, &axe, "supresion-rechazo", b).await;

    // With an authority's order: confirmed and suppressed.
    browser
        .goto(&app.url("/funcionarios/privacidad/supresion"))
        .await;
    wait_for_page(&browser).await;
    type_into(&browser, "radicado", &radicado).await;
    type_into(&browser, "fundamento", "Solicitud de la titular").await;
    type_into(&browser, "orden", "Auto 55 de 2026 del Juzgado 3 Civil").await;
    press(&browser, "revisar", "no se puede deshacer").await;
    press(&browser, "suprimir", "Datos suprimidos").await;
    check_page(&browser, &axe, "supresion-hecha", b).await;
    wait_for(Duration::from_secs(30), || async {
        app.track(&radicado, &code).await["subject"] == "dato suprimido"
    })
    .await;

    // The other pages and their results.
    browser
        .goto(&app.url("/funcionarios/privacidad/acceso"))
        .await;
    wait_for_page(&browser).await;
    check_page(&browser, &axe, "acceso", b).await;
    fill_and_submit(&browser, json!({"identificacion": "1020304050"})).await;
    assert!(browser.text().await.contains("Se encontró 1 caso"));
    check_page(&browser, &axe, "acceso-resultado", b).await;
    fill_and_submit(&browser, json!({"identificacion": "", "correo": ""})).await;
    check_page(&browser, &axe, "acceso-error", b).await;

    browser
        .goto(&app.url("/funcionarios/privacidad/rectificacion"))
        .await;
    wait_for_page(&browser).await;
    check_page(&browser, &axe, "rectificacion", b).await;
    fill_and_submit(
        &browser,
        json!({"radicado": radicado, "valor": "ana.nueva@example.co", "fundamento": "Solicitud"}),
    )
    .await;
    assert!(browser.text().await.contains("No se rectificó el dato"));
    check_page(&browser, &axe, "rectificacion-rechazo", b).await;

    browser
        .goto(&app.url("/funcionarios/privacidad/retencion?desde=2026-01-01&hasta=2026-12-31"))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("ninguno en el periodo"));
    check_page(&browser, &axe, "retencion", b).await;
    browser.quit().await;
}
