//! The e-mails in a real browser (issue 15: messages "accessible"). Each kind of message's HTML
//! part, as the SMTP server received it (aiosmtpd on loopback, tests/src/smtp.rs), is opened in
//! Debian's Chromium, headless, at 360 px wide, and checked as the portal's pages are: axe-core
//! (WCAG 2.0/2.1 A and AA) finds nothing, and nothing scrolls sideways. The layouts covered:
//! facts only (the acknowledgement), a quoted text (the completion request, the answer with the
//! notice of CPACA art. 56), a staff notice, and a message in English with its official Spanish
//! text (two languages in one page). On SQLite and PostgreSQL.
//!
//! Needs what the portal's browser tests need (`apt-get install -y chromium chromium-driver`,
//! `npm install --prefix tests/browser`; `.ci/run` does both).

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser};
use pqrs_tests::smtp::{
    file_case, mail_petition, spawn_mailing_app, staff_account, Received, SmtpSink,
};
use pqrs_tests::*;
use serde_json::json;
use std::time::Duration;

on_both_backends!(every_kind_of_message_has_no_accessibility_violations_and_fits_360_px,);

const WAIT: Duration = Duration::from_secs(60);

/// The message whose Message-ID ends with `.{kind}@prueba.gov.co>`, of a case other than
/// `except`.
fn message<'a>(received: &'a [Received], kind: &str, except: &str) -> &'a Received {
    let end = format!(".{kind}@prueba.gov.co>");
    received
        .iter()
        .find(|m| {
            let id = m.header("message-id");
            id.ends_with(&end) && !id.contains(except)
        })
        .unwrap_or_else(|| panic!("no {kind} message"))
}

async fn every_kind_of_message_has_no_accessibility_violations_and_fits_360_px(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    staff_account(
        &db,
        "acc-luz",
        "luz@prueba.gov.co",
        "agent",
        "Secretaría de Hacienda",
    )
    .await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (asked, _) = file_case(&app, &mail_petition("ana@example.co", true)).await;
    let (answered, _) = file_case(&app, &mail_petition("felipe@example.co", true)).await;
    // Filed in English: its messages are a translation followed by the official Spanish text,
    // each part marked with its language.
    let english = app
        .file_ok_asking(&mail_petition("ann@example.co", true), "en")
        .await
        .0;
    app.set_clock("2026-11-26T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &english,
        "completion-request",
        json!({"what": "Indique el número de la factura"}),
    )
    .await;
    app.act_ok(
        &agent,
        &asked,
        "completion-request",
        json!({"what": "Indique el número de la factura <y su fecha> & el valor"}),
    )
    .await;
    app.act_ok(
        &agent,
        &answered,
        "assign",
        json!({"dependency": "Secretaría de Hacienda", "official": "luz@prueba.gov.co"}),
    )
    .await;
    app.act_ok(
        &agent,
        &answered,
        "answer",
        json!({"text": "Se anuló el cobro repetido.\n\nEl valor se abonará en la próxima factura.", "outcome": "granted"}),
    )
    .await;
    // Three acknowledgements, two completion requests, the answer and the staff notice.
    let received = sink.wait_for(7, WAIT).await;
    let in_english = received
        .iter()
        .find(|m| {
            let id = m.header("message-id");
            id.contains(&english) && id.ends_with(".completion_requested@prueba.gov.co>")
        })
        .expect("the completion request in English");

    let axe = axe_source();
    let browser = Browser::start(360).await;
    let dir = db.dir().join("correos");
    std::fs::create_dir_all(&dir).unwrap();
    let mut shown: Vec<(&str, &Received)> = [
        "filing_acknowledgement",
        "completion_requested",
        "answer",
        "staff_assignment",
    ]
    .into_iter()
    .map(|kind| (kind, message(&received, kind, &english)))
    .collect();
    shown.push(("completion_requested_en", in_english));
    for (kind, m) in shown {
        assert!(m.html.contains("<h1"), "{kind}: {}", m.html);
        let page = dir.join(format!("{kind}.html"));
        std::fs::write(&page, &m.html).unwrap();
        browser.goto(&format!("file://{}", page.display())).await;
        wait_for(Duration::from_secs(20), || async {
            browser
                .eval("return document.readyState === 'complete';", json!([]))
                .await
                == json!(true)
        })
        .await;
        // The page shown is the message: its title is the message's h1.
        let h1 = browser
            .eval(
                "const h = document.querySelector('h1'); return h ? h.innerText : '';",
                json!([]),
            )
            .await;
        assert!(
            !h1.as_str().unwrap_or_default().is_empty(),
            "{kind}: the browser shows no h1"
        );
        let shot = format!("correo-{kind}-{b:?}").to_lowercase();
        browser.check_page(&axe, kind, &shot).await;
    }
    browser.quit().await;
}
