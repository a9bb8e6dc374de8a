//! Messages to staff (issue 15): the notice to the official a case is assigned to, and the
//! daily digest of due-soon and overdue cases per dependency. Against a real SMTP server
//! (aiosmtpd), both backends. Staff messages carry no access code and no petitioner data, and
//! are not events of the petitioner's case.

#![allow(clippy::unwrap_used, clippy::expect_used)]

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
    for expected in [
        radicado.as_str(),
        "reclamo",
        "martes 15 de diciembre de 2026",
        &format!("https://pqrs.prueba.gov.co/funcionarios/casos/{radicado}"),
    ] {
        assert!(
            notice.text.contains(expected),
            "text lacks {expected}:\n{}",
            notice.text
        );
        assert!(
            notice.html.contains(expected),
            "html lacks {expected}:\n{}",
            notice.html
        );
    }
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
    for expected in [
        "Secretaría de Hacienda",
        &format!("Vencido: {radicado}"),
        "reclamo, venció el martes 15 de diciembre de 2026",
        "https://pqrs.prueba.gov.co/funcionarios/bandeja",
        "art. 31",
    ] {
        assert!(
            digest.text.contains(expected),
            "text lacks {expected}:\n{}",
            digest.text
        );
        assert!(
            digest.html.contains(expected),
            "html lacks {expected}:\n{}",
            digest.html
        );
    }
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
