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
use pqrs_tests::console::{
    create_account, fill_and_submit, path, sign_in, wait_for_page, ConsoleClient,
};
use pqrs_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    officials_work_cases_from_the_bandeja_to_the_answer_in_a_browser,
    the_daily_work_keeps_its_guards_and_acts_as_the_official_over_http,
);

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    let shot = format!("consola-{name}-{b:?}").to_lowercase();
    browser.check_page(axe, name, &shot).await;
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

async fn the_daily_work_keeps_its_guards_and_acts_as_the_official_over_http(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let reporter_once =
        create_account(&db, "cifras@entidad.gov.co", "Rita Reportes", "reporter").await;
    let auditor = db.token("auditor").await;
    let app = spawn_app(&db).await;
    let (radicado, _) = file(&app).await;
    let mut agent = ConsoleClient::new(&app.base);
    agent
        .log_in_first_time(
            "gestor@entidad.gov.co",
            &one_time,
            "una frase larga y propia",
        )
        .await;

    // Only the bandeja may run the console's script; every other page keeps script-src 'none'.
    // The bandeja reads the case view, which follows the log: the new case shows once the
    // projection runner has applied it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let bandeja = loop {
        let page = agent.get("/funcionarios/bandeja").await;
        assert_eq!(page.status, 200, "{}", page.body);
        if page.body.contains(&radicado) || tokio::time::Instant::now() >= deadline {
            break page;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(bandeja.body.contains(&radicado));
    assert!(bandeja
        .csp
        .as_deref()
        .unwrap()
        .contains("script-src 'self'"));
    assert_eq!(bandeja.cache_control.as_deref(), Some("no-store"));
    let case_path = format!("/funcionarios/casos/{radicado}");
    let case = agent.get(&case_path).await;
    assert_eq!(case.status, 200);
    assert!(case.csp.as_deref().unwrap().contains("script-src 'none'"));
    let script = agent.get("/funcionarios/static/console.js").await;
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"));

    // A bad filter answers the API's reason in Spanish.
    let bad = agent.get("/funcionarios/bandeja?sort=nombre").await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Revise los filtros"));

    // A form without the session's CSRF token changes nothing.
    let forged = agent
        .post(
            &format!("{case_path}/asignar"),
            &[("dependency", "Obras"), ("official", "otro")],
        )
        .await;
    assert_eq!(forged.status, 403);
    let csrf = agent.csrf(&case_path).await;
    let done = agent
        .post(
            &format!("{case_path}/asignar"),
            &[
                ("csrf", &csrf),
                ("dependency", "Obras"),
                ("official", "gestor@entidad.gov.co"),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{case_path}?hecho=asignar").as_str())
    );
    let after = agent.get(done.location.as_deref().unwrap()).await;
    assert!(after.body.contains("quedó asignado"), "{}", after.body);
    // The event records the official who acted, as a token's would be.
    let events: Value = app
        .client
        .get(app.url(&format!("/v1/pqrs/{radicado}/events")))
        .bearer_auth(&auditor)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let last = events["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["event_type"], "PqrAssigned", "{last}");
    assert_eq!(last["actor"]["kind"], "staff");
    assert_eq!(last["actor"]["name"], "Gloria Gestora");
    assert_eq!(last["actor"]["role"], "agent");

    // A state refusal (409) is the domain's reason in Spanish; the case stays as it was.
    let csrf = agent.csrf(&case_path).await;
    let again = agent
        .post(
            &format!("{case_path}/pedir-completar"),
            &[("csrf", &csrf), ("what", "La dirección")],
        )
        .await;
    assert_eq!(again.status, 303);
    let twice = agent
        .post(
            &format!("{case_path}/pedir-completar"),
            &[("csrf", &csrf), ("what", "Otra cosa")],
        )
        .await;
    assert!(
        twice.status == 409 || twice.status == 422,
        "{}",
        twice.status
    );
    assert!(
        twice.body.contains("No se hizo el cambio"),
        "{}",
        twice.body
    );

    // The event stream counts the cases filed since the position the page showed.
    let cookies = agent
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut stream = app
        .client
        .get(app.url("/funcionarios/bandeja/eventos?desde=0"))
        .header("cookie", cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let first = tokio::time::timeout(Duration::from_secs(15), stream.chunk())
        .await
        .expect("an event within 15 s")
        .unwrap()
        .unwrap();
    let first = String::from_utf8_lossy(&first).to_string();
    assert!(first.contains("event: nuevos"), "{first}");
    drop(stream);

    // Filing on a citizen's behalf: a letter received yesterday, through the filing desk.
    let csrf = agent.csrf("/funcionarios/radicar").await;
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1))
        .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let future = (chrono::Utc::now() + chrono::Duration::days(3))
        .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let form = |received: &str| {
        vec![
            ("csrf".to_owned(), csrf.clone()),
            ("channel".to_owned(), "mail".to_owned()),
            ("received_at".to_owned(), received.to_owned()),
            ("kind".to_owned(), "complaint".to_owned()),
            ("subject".to_owned(), "Trato en ventanilla".to_owned()),
            (
                "description".to_owned(),
                "Carta sobre la atención del 20 de noviembre.".to_owned(),
            ),
        ]
    };
    let refused = form(&future);
    let refused: Vec<(&str, &str)> = refused
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let refused = agent.post("/funcionarios/radicar", &refused).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("No se radicó"));
    let fields = form(&yesterday);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let filed = agent.post("/funcionarios/radicar", &fields).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    assert!(filed.body.contains("Código de acceso"));

    // A reporter works with aggregates: no bandeja, no case page, no actions.
    let mut reporter = ConsoleClient::new(&app.base);
    reporter
        .log_in_first_time(
            "cifras@entidad.gov.co",
            &reporter_once,
            "otra frase larga y propia",
        )
        .await;
    assert_eq!(reporter.get("/funcionarios/bandeja").await.status, 403);
    assert_eq!(reporter.get(&case_path).await.status, 403);
    assert_eq!(reporter.get("/funcionarios/radicar").await.status, 403);
}
