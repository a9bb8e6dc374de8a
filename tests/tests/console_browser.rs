//! The staff console's daily work in a real browser (issue 14, part 2): Debian's Chromium,
//! headless, over WebDriver, against the real server on SQLite and PostgreSQL. Officials sign
//! in through the login page with accounts made by `pqrs user create`; an agent takes a new
//! case from the bandeja to its answer while the citizen completes it in the portal; a
//! supervisor voids another case; a filing shows in an open bandeja through server-sent
//! events; an official files on a citizen's behalf. Every console page of the daily work is
//! checked with axe-core (0 violations) at 360 px wide, and the bandeja and a case action are
//! used with the keyboard alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser, ENTER};
use pqrs_tests::console::{create_account, fill_and_submit, path, sign_in, wait_for_page};
use pqrs_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(officials_work_cases_from_the_bandeja_to_the_answer_in_a_browser,);

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    browser
        .screenshot(&format!("consola-{name}-{b:?}").to_lowercase())
        .await;
    assert!(
        !browser.scrolls_sideways().await,
        "{name}: scrolls sideways at 360 px"
    );
    let violations = browser.axe(axe).await;
    assert!(
        violations.is_empty(),
        "{name}: {} axe violations: {}",
        violations.len(),
        serde_json::to_string_pretty(&violations).unwrap_or_default()
    );
}

async fn text_of(browser: &Browser, id: &str) -> String {
    browser
        .eval(
            "const e = document.getElementById(arguments[0]); return e ? e.innerText : '';",
            json!([id]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn file(app: &App) -> (String, String) {
    let r = app.file(&anonymous_petition()).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    (
        v["radicado"].as_str().unwrap().to_owned(),
        v["access_code"].as_str().unwrap().to_owned(),
    )
}

/// Types `text` into the focused element.
async fn type_text(browser: &Browser, text: &str) {
    browser.keys(text).await;
}

async fn officials_work_cases_from_the_bandeja_to_the_answer_in_a_browser(b: Backend) {
    let db = TestDb::new(b).await;
    let agent_password =
        create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let supervisor_password = create_account(
        &db,
        "supervisor@entidad.gov.co",
        "Sergio Supervisor",
        "supervisor",
    )
    .await;
    let app = spawn_app(&db).await;
    let axe = axe_source();
    let (radicado, code) = file(&app).await;
    let (other, _) = file(&app).await;

    let browser = Browser::start(360).await;
    sign_in(
        &browser,
        &app.base,
        "gestor@entidad.gov.co",
        &agent_password,
    )
    .await;

    // The bandeja lists the new case with its traffic light in words.
    browser.goto(&app.url("/funcionarios/bandeja")).await;
    wait_for_page(&browser).await;
    let page = browser.text().await;
    assert!(page.contains(&radicado), "{page}");
    assert!(page.contains("A tiempo"), "{page}");
    assert!(page.contains("Sin asignar"), "{page}");
    check_page(&browser, &axe, "bandeja", b).await;

    // A filing made while the bandeja is open shows without a reload (server-sent events).
    let (third, _) = file(&app).await;
    wait_for(Duration::from_secs(15), || async {
        text_of(&browser, "nuevos").await.contains("1 caso nuevo")
    })
    .await;
    check_page(&browser, &axe, "bandeja-nuevos", b).await;
    // Following the notice's link shows it.
    browser
        .eval("document.getElementById('actualizar').click();", json!([]))
        .await;
    wait_for(Duration::from_secs(15), || async {
        browser.text().await.contains(&third)
    })
    .await;
    wait_for_page(&browser).await;

    // The keyboard alone: Tab to the case's link and Enter opens the case page.
    let link = format!("caso-{radicado}");
    browser.tab_to(&link).await;
    browser.keys(ENTER).await;
    wait_for(Duration::from_secs(20), || async {
        path(&browser).await == format!("/funcionarios/casos/{radicado}")
    })
    .await;
    wait_for_page(&browser).await;
    let page = browser.text().await;
    assert!(page.contains("Historia completa"), "{page}");
    assert!(page.contains("Radicada"), "{page}");
    // Every legal limit is on the page before acting.
    assert!(page.contains("art. 14 parágrafo"), "{page}");
    assert!(page.contains("Puede prorrogar hasta el"), "{page}");
    assert!(page.contains("art. 17"), "{page}");
    assert!(page.contains("art. 21"), "{page}");
    check_page(&browser, &axe, "caso", b).await;

    // A case action with the keyboard alone: an internal note.
    browser.tab_to("nota-texto").await;
    type_text(&browser, "Llamar al peticionario").await;
    browser.tab_to("nota-enviar").await;
    browser.keys(ENTER).await;
    wait_for(Duration::from_secs(20), || async {
        text_of(&browser, "aviso").await.contains("nota interna")
    })
    .await;
    assert!(browser.text().await.contains("Llamar al peticionario"));

    // A refusal says why, in Spanish, and changes nothing.
    fill_and_submit(
        &browser,
        json!({"asignar-dependencia": "", "asignar-funcionario": "x"}),
    )
    .await;
    let refusal = text_of(&browser, "aviso").await;
    assert!(refusal.contains("No se hizo el cambio"), "{refusal}");
    assert!(text_of(&browser, "funcionario")
        .await
        .contains("Sin asignar"));
    check_page(&browser, &axe, "caso-rechazo", b).await;
    // A legal refusal names its article: an extension beyond the double of the term.
    fill_and_submit(
        &browser,
        json!({"prorrogar-fecha": "2031-01-02", "prorrogar-motivos": "Visita técnica"}),
    )
    .await;
    let refusal = text_of(&browser, "aviso").await;
    assert!(
        refusal.contains("art. 14 parágrafo") && refusal.contains("supera el doble"),
        "{refusal}"
    );

    // Assign, then ask the petitioner to complete (art. 17).
    fill_and_submit(
        &browser,
        json!({"asignar-dependencia": "Secretaría de Obras", "asignar-funcionario": "gestor@entidad.gov.co"}),
    )
    .await;
    assert!(text_of(&browser, "aviso").await.contains("quedó asignado"));
    assert_eq!(
        text_of(&browser, "funcionario").await,
        "gestor@entidad.gov.co"
    );
    fill_and_submit(
        &browser,
        json!({"completar-que": "Indique la dirección exacta"}),
    )
    .await;
    assert!(text_of(&browser, "aviso").await.contains("art. 17"));
    assert!(text_of(&browser, "estado").await.contains("Suspendida"));
    check_page(&browser, &axe, "caso-suspendido", b).await;

    // The citizen completes it in the portal.
    browser.goto(&app.url("/consultar")).await;
    wait_for_page(&browser).await;
    fill_and_submit(&browser, json!({"radicado": radicado, "codigo": code})).await;
    assert!(browser.text().await.contains("Indique la dirección exacta"));
    fill_and_submit(
        &browser,
        json!({"texto": "Calle 12 # 3-45", "codigo-completar": code}),
    )
    .await;
    assert!(browser.text().await.contains("Recibimos la información"));

    // The agent answers.
    browser
        .goto(&app.url(&format!("/funcionarios/casos/{radicado}")))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("El peticionario completó"));
    fill_and_submit(
        &browser,
        json!({"responder-texto": "Se reparó la luminaria el 2 de diciembre."}),
    )
    .await;
    assert!(text_of(&browser, "aviso")
        .await
        .contains("quedó respondido"));
    check_page(&browser, &axe, "caso-respondido", b).await;

    // Filing on a citizen's behalf: the radicado and the code, once.
    browser.goto(&app.url("/funcionarios/radicar")).await;
    wait_for_page(&browser).await;
    check_page(&browser, &axe, "radicar", b).await;
    fill_and_submit(
        &browser,
        json!({"canal-phone": true, "asunto": "Sin datos"}),
    )
    .await;
    assert!(
        browser.text().await.contains("No se radicó"),
        "{}",
        browser.text().await
    );
    check_page(&browser, &axe, "radicar-errores", b).await;
    fill_and_submit(
        &browser,
        json!({"canal-phone": true, "tipo-petition": true, "asunto": "Poda de árbol",
               "descripcion": "Pide por teléfono la poda del árbol frente a su casa."}),
    )
    .await;
    let filed = text_of(&browser, "radicado").await;
    let filed_code = text_of(&browser, "codigo").await;
    assert_eq!(filed_code.len(), 20, "{}", browser.text().await);
    check_page(&browser, &axe, "radicado", b).await;
    let tracked = app
        .client
        .get(app.url(&format!("/v1/pqrs/{filed}")))
        .header("x-access-code", &filed_code)
        .send()
        .await
        .unwrap();
    let tracked: Value = tracked.json().await.unwrap();
    assert_eq!(tracked["channel"], "phone", "{tracked}");

    // The citizen sees the answer in the portal.
    browser.goto(&app.url("/consultar")).await;
    wait_for_page(&browser).await;
    fill_and_submit(&browser, json!({"radicado": radicado, "codigo": code})).await;
    assert!(browser
        .text()
        .await
        .contains("Se reparó la luminaria el 2 de diciembre."));
    browser.quit().await;

    // A supervisor voids another case.
    let browser = Browser::start(360).await;
    sign_in(
        &browser,
        &app.base,
        "supervisor@entidad.gov.co",
        &supervisor_password,
    )
    .await;
    browser
        .goto(&app.url(&format!("/funcionarios/casos/{other}")))
        .await;
    wait_for_page(&browser).await;
    check_page(&browser, &axe, "caso-supervisor", b).await;
    fill_and_submit(
        &browser,
        json!({"anular-motivo": "Radicado emitido dos veces"}),
    )
    .await;
    assert!(text_of(&browser, "aviso").await.contains("quedó anulado"));
    assert!(text_of(&browser, "estado").await.contains("Anulada"));
    let history = text_of(&browser, "historia").await;
    assert!(
        history.contains("Radicado anulado — Sergio Supervisor (Supervisor)"),
        "{history}"
    );
    browser.quit().await;
}
