//! Messages to staff (issue 15): the notice to the official a case is assigned to, and the
//! daily digest of due-soon and overdue cases per dependency. Against a real SMTP server
//! (aiosmtpd), both backends. Staff messages carry no access code and no petitioner data, and
//! are not events of the petitioner's case. They are written in the language the official chose
//! with the console's language link, Spanish until they choose.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::{create_account, new_password_for, ConsoleClient};
use pqrs_tests::smtp::{
    count, file_case, mail_petition, spawn_mailing_app, staff_account, wait_for_count, Received,
    SmtpSink, NOTIFIED,
};
use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    an_assigned_official_gets_a_notice_without_access_code_or_petitioner_data,
    the_daily_digest_lists_the_overdue_case_to_the_dependency_once,
    an_official_who_chose_english_in_the_console_hears_in_english_and_their_colleague_in_spanish,
);

const WAIT: Duration = Duration::from_secs(60);

async fn assign(app: &App, token: &str, radicado: &str, dependency: &str, official: &str) {
    let r = app
        .client
        .post(app.url(&format!("/v1/pqrs/{radicado}/assign")))
        .bearer_auth(token)
        .json(&json!({"dependency": dependency, "official": official}))
        .send()
        .await
        .unwrap();
    let status = r.status();
    assert_eq!(status, StatusCode::OK, "{}", r.text().await.unwrap());
}

fn find<'a>(messages: &'a [Received], needle: &str) -> &'a Received {
    messages
        .iter()
        .find(|m| m.header("message-id").contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "no message {needle} among {:?}",
                messages
                    .iter()
                    .map(|m| m.header("message-id"))
                    .collect::<Vec<_>>()
            )
        })
}

/// Asserts that both the text and the HTML of `m` say each of `expected`.
fn says(m: &Received, expected: &[&str]) {
    for e in expected {
        assert!(m.text.contains(e), "text lacks {e}:\n{}", m.text);
        assert!(m.html.contains(e), "html lacks {e}:\n{}", m.html);
    }
}

fn no_petitioner_data(m: &Received, code: &str) {
    for secret in [
        code,
        "Ana Pérez",
        "ana@example.co",
        "1020304050",
        "Cobro doble",
        "Me cobraron",
    ] {
        assert!(
            !m.text.contains(secret) && !m.html.contains(secret),
            "a staff message carries `{secret}`:\n{}",
            m.text
        );
    }
}

async fn an_assigned_official_gets_a_notice_without_access_code_or_petitioner_data(b: Backend) {
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
    staff_account(
        &db,
        "acc-ida",
        "ida@prueba.gov.co",
        "agent",
        "Secretaría de Hacienda",
    )
    .await;
    db.execute("UPDATE staff_accounts SET disabled_at = '2026-11-02T00:00:00.000000Z' WHERE id = 'acc-ida'")
        .await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, code) = file_case(&app, &mail_petition("ana@example.co", true)).await;
    // By e-mail, upper-cased: the account is found lower-cased.
    assign(
        &app,
        &agent,
        &radicado,
        "Secretaría de Hacienda",
        "LUZ@prueba.gov.co",
    )
    .await;
    // A disabled account and an official without an account get nothing.
    let (second, _) = file_case(&app, &mail_petition("ana@example.co", false)).await;
    assign(
        &app,
        &agent,
        &second,
        "Secretaría de Hacienda",
        "ida@prueba.gov.co",
    )
    .await;
    assign(
        &app,
        &agent,
        &second,
        "Secretaría de Hacienda",
        "Pedro Gómez",
    )
    .await;

    // Two acknowledgements and one notice.
    let received = sink.wait_for(3, WAIT).await;
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL",
        3,
    )
    .await;
    assert_eq!(sink.received().len(), 3);
    let notice = find(&received, ".staff_assignment@prueba.gov.co");
    assert_eq!(notice.rcpt_tos, vec!["luz@prueba.gov.co".to_owned()]);
    assert!(notice
        .header("message-id")
        .starts_with(&format!("<pqrs.{radicado}.")));
    assert_eq!(
        notice.header("subject"),
        format!("Radicado {radicado}: se le asignó un caso")
    );
    says(
        notice,
        &[
            radicado.as_str(),
            "reclamo",
            "martes 15 de diciembre de 2026",
            &format!("https://pqrs.prueba.gov.co/funcionarios/casos/{radicado}"),
        ],
    );
    no_petitioner_data(notice, &code);
    // Not an event of the petitioner's case: only the two acknowledgements are recorded.
    wait_for_count(&db, NOTIFIED, 2).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE audience = 'staff'"
        )
        .await,
        1
    );
}

/// The digest of the day goes once per dependency to its enabled agents and supervisors, and
/// lists the overdue case (Ley 1755 de 2015 arts. 14 and 31).
async fn the_daily_digest_lists_the_overdue_case_to_the_dependency_once(b: Backend) {
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
    staff_account(
        &db,
        "acc-sol",
        "sol@prueba.gov.co",
        "supervisor",
        "Secretaría de Hacienda",
    )
    .await;
    staff_account(
        &db,
        "acc-aud",
        "aud@prueba.gov.co",
        "auditor",
        "Secretaría de Hacienda",
    )
    .await;
    staff_account(
        &db,
        "acc-eva",
        "eva@prueba.gov.co",
        "agent",
        "Secretaría de Ambiente",
    )
    .await;
    let sink = SmtpSink::start().await;
    let one = spawn_mailing_app(&db, &sink.url(), None).await;
    let two = spawn_mailing_app(&db, &sink.url(), None).await;
    one.set_clock("2026-11-23T09:00:00-05:00").await;
    two.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, code) = file_case(&one, &mail_petition("ana@example.co", false)).await;
    assign(
        &one,
        &agent,
        &radicado,
        "Secretaría de Hacienda",
        "Pedro Gómez",
    )
    .await;
    sink.wait_for(1, WAIT).await;

    // Wednesday 16 December 2026: the claim was due on Tuesday 15th. Both processes run their
    // deliverers; the digest is queued and sent once.
    one.set_clock("2026-12-16T09:00:00-05:00").await;
    two.set_clock("2026-12-16T09:00:00-05:00").await;
    let received = sink.wait_for(2, WAIT).await;
    let digest = find(&received, "<pqrs.digest.2026-12-16.");
    let mut to = digest.rcpt_tos.clone();
    to.sort();
    assert_eq!(to, ["luz@prueba.gov.co", "sol@prueba.gov.co"]);
    assert_eq!(
        digest.header("subject"),
        "Secretaría de Hacienda: 1 caso vencido y 0 por vencer (miércoles 16 de diciembre de 2026)"
    );
    says(
        digest,
        &[
            "Secretaría de Hacienda",
            &format!("Vencido: {radicado}"),
            "reclamo, venció el martes 15 de diciembre de 2026",
            "https://pqrs.prueba.gov.co/funcionarios/bandeja",
            "art. 31",
        ],
    );
    no_petitioner_data(digest, &code);
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE message = 'staff_digest' AND sent_at IS NOT NULL",
        1,
    )
    .await;
    // Once: every pass of both processes that day finds it queued. A later filing's message
    // goes out after those passes, and still one digest.
    file_case(&two, &mail_petition("otra@example.co", false)).await;
    sink.wait_for(3, WAIT).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE message = 'staff_digest'"
        )
        .await,
        1
    );
    assert_eq!(
        sink.received()
            .iter()
            .filter(|m| m.header("message-id").starts_with("<pqrs.digest."))
            .count(),
        1
    );
    let v: Value = one
        .get_as(&agent, &format!("/v1/pqrs/{radicado}/events"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["event_type"] != "NotificationFailed"),
        "{v}"
    );
}

/// The language an official chooses with the console's link while signed in is kept with their
/// account: their assignment notice and their dependency's digest come in English, while a
/// colleague who never signed in gets the same digest in Spanish; the console opens in English
/// at their next login on a browser that never chose, and the accounts list shows the choice.
/// At a first login the account keeps the language the login page was read in.
async fn an_official_who_chose_english_in_the_console_hears_in_english_and_their_colleague_in_spanish(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let luz = "luz@prueba.gov.co";
    let one_time = create_account(&db, luz, "Luz Ramírez", "agent").await;
    db.execute(&format!(
        "UPDATE staff_accounts SET dependency = 'Secretaría de Hacienda' WHERE email = '{luz}'"
    ))
    .await;
    staff_account(
        &db,
        "acc-sol",
        "sol@prueba.gov.co",
        "supervisor",
        "Secretaría de Hacienda",
    )
    .await;
    let chosen = |email: &str| {
        format!("SELECT COUNT(*) FROM staff_accounts WHERE email = '{email}' AND language = 'en'")
    };

    // Luz signs in and follows the header's "English" link.
    let mut console = ConsoleClient::new(&app.base);
    let password = new_password_for(&one_time);
    console.log_in_first_time(luz, &one_time, &password).await;
    assert_eq!(
        count(&db, &chosen(luz)).await,
        0,
        "read in Spanish at login"
    );
    let page = console.get("/funcionarios/bandeja?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("lang=\"en\""), "{}", page.body);
    assert_eq!(count(&db, &chosen(luz)).await, 1, "the choice is kept");

    let (radicado, code) = file_case(&app, &mail_petition("ana@example.co", false)).await;
    assign(&app, &agent, &radicado, "Secretaría de Hacienda", luz).await;
    let received = sink.wait_for(2, WAIT).await;
    let notice = find(&received, ".staff_assignment@prueba.gov.co");
    assert_eq!(notice.rcpt_tos, vec![luz.to_owned()]);
    assert_eq!(
        notice.header("subject"),
        format!("Filing number {radicado}: a case was assigned to you")
    );
    says(
        notice,
        &[
            "A case was assigned to you",
            "(claim) in Secretaría de Hacienda",
            "It must be answered by Tuesday 15 December 2026.",
            &format!("https://pqrs.prueba.gov.co/funcionarios/casos/{radicado}"),
        ],
    );
    assert!(
        notice.html.contains("Open in the staff console"),
        "{}",
        notice.html
    );
    assert!(notice.html.contains("lang=\"en\""), "{}", notice.html);
    for spanish in ["Se le asignó", "diciembre", "reclamo", "Radicado "] {
        assert!(
            !notice.text.contains(spanish) && !notice.html.contains(spanish),
            "the English notice says `{spanish}`:\n{}",
            notice.text
        );
    }
    no_petitioner_data(notice, &code);

    // The day after the due date, one digest per language of the dependency's officials.
    app.set_clock("2026-12-16T09:00:00-05:00").await;
    let received = sink.wait_for(4, WAIT).await;
    let digests: Vec<&Received> = received
        .iter()
        .filter(|m| {
            m.header("message-id")
                .starts_with("<pqrs.digest.2026-12-16.")
        })
        .collect();
    assert_eq!(digests.len(), 2, "{received:?}");
    let english = find(&received, ".en@prueba.gov.co>");
    assert_eq!(english.rcpt_tos, vec![luz.to_owned()]);
    assert_eq!(
        english.header("subject"),
        "Secretaría de Hacienda: 1 overdue case and 0 due soon (Wednesday 16 December 2026)"
    );
    says(
        english,
        &[
            &format!("Overdue: {radicado}"),
            "claim, was due on Tuesday 15 December 2026",
            "arts. 14 and 31",
            "https://pqrs.prueba.gov.co/funcionarios/bandeja",
        ],
    );
    let spanish = digests
        .iter()
        .find(|m| !m.header("message-id").contains(".en@"))
        .expect("the Spanish digest");
    assert_eq!(spanish.rcpt_tos, vec!["sol@prueba.gov.co".to_owned()]);
    assert_eq!(
        spanish.header("subject"),
        "Secretaría de Hacienda: 1 caso vencido y 0 por vencer (miércoles 16 de diciembre de 2026)"
    );
    assert!(
        spanish.text.contains(&format!("Vencido: {radicado}")),
        "{}",
        spanish.text
    );
    no_petitioner_data(english, &code);
    no_petitioner_data(spanish, &code);

    // On a browser that never chose, the console opens in her language; the admin sees it.
    app.set_clock("2026-12-16T09:30:00-05:00").await;
    let mut elsewhere = ConsoleClient::new(&app.base);
    let login = elsewhere.log_in(luz, &password).await;
    assert_eq!(login.status, 303, "{}", login.body);
    assert_eq!(
        elsewhere.cookies.get("pqrs_lang").map(String::as_str),
        Some("en")
    );
    let bandeja = elsewhere.get("/funcionarios/bandeja").await;
    assert!(bandeja.body.contains("lang=\"en\""), "{}", bandeja.body);
    let mut admin = pqrs_tests::console::client_as(&app, &db, "admin").await;
    let accounts = admin.get("/funcionarios/admin/cuentas").await;
    let row = accounts
        .body
        .split("<tr>")
        .find(|r| r.contains(luz))
        .expect("Luz's row");
    assert!(row.contains("<td>Inglés</td>"), "{row}");
    let row = accounts
        .body
        .split("<tr>")
        .find(|r| r.contains("sol@prueba.gov.co"))
        .expect("Sol's row");
    assert!(row.contains("<td>Español (por defecto)</td>"), "{row}");
    let row = accounts
        .body
        .split("<tr>")
        .find(|r| r.contains("http-admin@entidad.gov.co"))
        .expect("the admin's row");
    assert!(row.contains("<td>Español</td>"), "kept at login: {row}");

    // An official who never chose keeps, at login, the language the login page was read in:
    // here English, chosen with the login page's link.
    let eva = "eva@prueba.gov.co";
    let one_time = create_account(&db, eva, "Eva Torres", "agent").await;
    let mut english = ConsoleClient::new(&app.base);
    english.cookies.insert("pqrs_lang".into(), "en".into());
    english
        .log_in_first_time(eva, &one_time, &new_password_for(&one_time))
        .await;
    assert_eq!(count(&db, &chosen(eva)).await, 1, "kept at login");

    // Spanish again, with the link: kept too.
    elsewhere.get("/funcionarios/bandeja?lang=es").await;
    assert_eq!(count(&db, &chosen(luz)).await, 0);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM staff_accounts WHERE email = '{luz}' AND language = 'es'"
            )
        )
        .await,
        1
    );
}
