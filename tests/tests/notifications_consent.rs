//! E-mail to the petitioner, continued (issue 15): the petitioner withdraws the consent to
//! e-mail, and `kill -9` of pqrs in the middle of a delivery loses nothing and duplicates
//! nothing beyond a retried Message-ID. Against a real SMTP server (aiosmtpd), both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::smtp::{
    count, file_case, mail_petition, spawn_mailing_app, wait_for_count, SmtpSink, NOTIFIED,
};
use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

on_both_backends!(
    after_the_petitioner_withdraws_consent_no_email_is_queued_and_waiting_ones_are_cancelled,
    kill_9_during_delivery_loses_nothing_and_records_each_message_once,
);

const WAIT: Duration = Duration::from_secs(60);

async fn withdraw_consent(app: &App, radicado: &str, code: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!(
            "/v1/pqrs/{radicado}/notification-consent/withdraw"
        )))
        .header("X-Access-Code", code)
        .send()
        .await
        .unwrap()
}

/// CPACA art. 56: electronic notification only while the petitioner accepts it. Withdrawn, the
/// waiting message is cancelled (kept, marked), later events queue nothing (the answer goes by
/// the other channel), and the history records the withdrawal.
async fn after_the_petitioner_withdraws_consent_no_email_is_queued_and_waiting_ones_are_cancelled(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let mut sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, code) = file_case(&app, &mail_petition("ana@example.co", true)).await;
    sink.wait_for(1, WAIT).await;
    wait_for_count(&db, NOTIFIED, 1).await;

    // The server goes down; the completion request's message waits (tried, not sent).
    sink.stop().await;
    app.set_clock("2026-11-24T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &radicado,
        "completion-request",
        json!({"what": "Indique el número de la factura"}),
    )
    .await;
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE message = 'completion_requested' \
         AND attempts >= 1",
        1,
    )
    .await;

    // A wrong code is the same 404 as an unknown radicado; the right one withdraws.
    let r = withdraw_consent(&app, &radicado, "AAAA-BBBB-CCCC").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = withdraw_consent(&app, &radicado, &code).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE message = 'completion_requested' \
             AND cancelled_at IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL"
        )
        .await,
        1,
        "the waiting message is cancelled in the withdrawal's transaction, and kept"
    );
    // … and no longer waits, for an operator either.
    assert_eq!(app.metric("pqrs_mail_waiting_messages").await, 0);
    assert_eq!(app.metric("pqrs_mail_oldest_waiting_seconds").await, 0);
    // Once only.
    let r = withdraw_consent(&app, &radicado, &code).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Later events owe nothing by e-mail: the petitioner completes, the entity answers.
    app.set_clock("2026-11-25T10:00:00-05:00").await;
    let r = app
        .client
        .post(app.url(&format!("/v1/pqrs/{radicado}/completion")))
        .header("X-Access-Code", &code)
        .json(&json!({"text": "Factura 123456"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.act_ok(
        &agent,
        &radicado,
        "answer",
        json!({"text": "Se devolverá el valor cobrado dos veces.", "outcome": "granted"}),
    )
    .await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM mail_outbox").await,
        2,
        "no message queued after the withdrawal (the answer goes by the other channel)"
    );

    // The server is back: another petitioner's message goes, the cancelled one never does.
    sink.up().await;
    let (other, _) = file_case(&app, &mail_petition("otra@example.co", false)).await;
    let received = sink.wait_for(2, WAIT).await;
    wait_for_count(&db, NOTIFIED, 2).await;
    assert_eq!(received.len(), 2, "the acknowledgements only");
    assert!(received
        .iter()
        .any(|m| m.header("message-id").contains(&format!("pqrs.{other}."))));
    assert!(received
        .iter()
        .all(|m| !m.header("message-id").contains("completion_requested")
            && !m.header("message-id").contains(".answer@")));

    // The history records the withdrawal, with no personal data.
    let auditor = db.token("auditor").await;
    let r = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await;
    let v: Value = r.json().await.unwrap();
    let withdrawn = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event_type"] == "NotificationConsentWithdrawn")
        .expect("NotificationConsentWithdrawn in the history");
    assert_eq!(withdrawn["actor"]["kind"], "citizen");
}

/// `kill -9` of pqrs while a slow server accepts messages; another process takes over: every
/// message arrives, none twice beyond a retried identical Message-ID (at most those in flight
/// at the kill), one record each.
async fn kill_9_during_delivery_loses_nothing_and_records_each_message_once(b: Backend) {
    const N: usize = 40;
    let db = TestDb::new(b).await;
    // Queued while the server is down, then all due at once against a slow server: the
    // process has its full batches in flight when it is killed.
    let mut sink = SmtpSink::down_slow(Duration::from_millis(300));
    let first = spawn_mailing_app(&db, &sink.url(), None).await;
    let mut expected = BTreeSet::new();
    for i in 0..N {
        let (radicado, _) =
            file_case(&first, &mail_petition(&format!("p{i}@example.co"), false)).await;
        expected.insert(format!(
            "<pqrs.{radicado}.1.filing_acknowledgement@prueba.gov.co>"
        ));
    }
    sink.up().await;
    db.execute(
        "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00.000000Z' \
         WHERE sent_at IS NULL AND lease_token IS NULL",
    )
    .await;
    // Killed in the middle: some accepted, the rest waiting, a batch possibly mid-send.
    sink.wait_for(3, WAIT).await;
    first.kill9().await;
    let before = count(&db, NOTIFIED).await;
    assert!(
        before < N as i64,
        "killed before the end ({before} recorded)"
    );

    // The survivor's clock is past any lease the dead process held (120 s).
    let second = spawn_mailing_app(&db, &sink.url(), None).await;
    let later = chrono::Utc::now() + chrono::Duration::minutes(5);
    second.set_clock(&later.to_rfc3339()).await;
    wait_for_count(&db, NOTIFIED, N as i64).await;

    let received = sink.received();
    let ids: BTreeSet<String> = received
        .iter()
        .map(|m| m.header("message-id").to_owned())
        .collect();
    assert_eq!(
        ids, expected,
        "every message arrived, with its stable Message-ID"
    );
    // Only the messages in flight at the kill (the batches the dead process had claimed and not
    // recorded) may arrive twice, each time with the same Message-ID.
    assert!(
        received.len() <= N + pqrs_infrastructure::outbox::deliver::IN_FLIGHT,
        "at most the messages in flight at the kill are sent again ({} received)",
        received.len()
    );
    for id in &ids {
        let times = received
            .iter()
            .filter(|m| m.header("message-id") == id)
            .count();
        assert!(times <= 2, "{id} arrived {times} times");
    }
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(DISTINCT aggregate_id) FROM events WHERE event_type = 'PetitionerNotified'"
        )
        .await,
        N as i64,
        "one PetitionerNotified per message"
    );
    assert_eq!(count(&db, NOTIFIED).await, N as i64, "and no more");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL"
        )
        .await,
        N as i64
    );
}
