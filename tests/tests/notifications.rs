//! E-mail to the petitioner through the durable outbox (issue 15), against a real SMTP server
//! (aiosmtpd on loopback, tests/src/smtp.rs), on SQLite and PostgreSQL: the messages of every
//! moment the law names, in Spanish, with stable Message-IDs; the record of each accepted
//! message in the case's history; SMTP down while filing; a refused address; two processes.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::smtp::{
    count, file_case, log_with, mail_petition, mailing_cli_ok, spawn_mailing_app,
    spawn_mailing_app_logging_to, wait_for_count, Received, SmtpSink, NOTIFIED,
};
use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    a_petitioner_with_an_email_hears_of_the_filing_and_the_history_records_it,
    every_moment_the_law_names_reaches_the_petitioner_and_decisions_only_with_consent,
    messages_wait_while_the_smtp_server_is_down_and_go_when_it_is_back,
    a_refused_address_is_marked_failed_recorded_in_the_history_and_alerted,
    two_processes_send_each_message_once,
    two_processes_draining_a_backlog_in_batches_send_and_record_each_message_once,
    the_case_view_takes_the_records_of_messages_sent_from_memory,
    a_jobs_run_says_what_it_sent_and_what_still_waits,
    the_console_case_page_shows_whether_and_when_the_petitioner_was_told,
    a_petitioner_who_files_in_english_is_written_to_in_english_with_the_official_spanish_text,
    at_the_desk_the_official_records_the_consent_to_email_the_reply_channel_and_the_language,
    with_e_mail_off_the_case_page_says_the_official_must_deliver_the_answer,
);

const WAIT: Duration = Duration::from_secs(60);

/// The case's events as `token` sees them.
async fn history(app: &App, token: &str, radicado: &str) -> Vec<Value> {
    let r = app
        .get_as(token, &format!("/v1/pqrs/{radicado}/events"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["events"].as_array().unwrap().clone()
}

/// The message `kind` of case `radicado` (its Message-ID is
/// `<pqrs.RADICADO.SEQUENCE.KIND@prueba.gov.co>`; the sequence depends on when the records of
/// earlier messages landed in the case's stream).
fn by_message_id<'a>(messages: &'a [Received], radicado: &str, kind: &str) -> &'a Received {
    let id = format!("{radicado}/{kind}");
    messages
        .iter()
        .find(|m| {
            let h = m.header("message-id");
            h.starts_with(&format!("<pqrs.{radicado}."))
                && h.ends_with(&format!(".{kind}@prueba.gov.co>"))
        })
        .unwrap_or_else(|| {
            panic!(
                "no message {id} among {:?}",
                messages
                    .iter()
                    .map(|m| m.header("message-id"))
                    .collect::<Vec<_>>()
            )
        })
}

fn entity_config(db: &TestDb) -> std::path::PathBuf {
    let path = db.dir().join("pqrs.toml");
    std::fs::write(
        &path,
        "[entity]\nname = \"Alcaldía de Prueba\"\naddress = \"Carrera 7 # 10-20, Pueblo Nuevo\"\n\
         phone = \"601 555 0100\"\nemail = \"atencion@prueba.gov.co\"\n",
    )
    .unwrap();
    path
}

async fn a_petitioner_with_an_email_hears_of_the_filing_and_the_history_records_it(b: Backend) {
    let db = TestDb::new(b).await;
    let auditor = db.token("auditor").await;
    let agent = db.token("agent").await;
    let sink = SmtpSink::start().await;
    let config = entity_config(&db);
    let app = spawn_mailing_app(&db, &sink.url(), Some(&config)).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, code) = file_case(&app, &mail_petition("ana@example.co", false)).await;
    // No address, no message: an anonymous filing queues nothing.
    file_case(&app, &anonymous_petition()).await;

    let received = sink.wait_for(1, WAIT).await;
    wait_for_count(&db, NOTIFIED, 1).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM mail_outbox").await, 1);
    assert_eq!(sink.received().len(), 1, "one message, to the one address");
    let m = &received[0];
    let id = format!("<pqrs.{radicado}.1.filing_acknowledgement@prueba.gov.co>");
    assert_eq!(m.header("message-id"), id);
    assert_eq!(m.rcpt_tos, vec!["ana@example.co".to_owned()]);
    assert_eq!(m.mail_from, "pqrs@prueba.gov.co");
    assert!(m.header("to").contains("ana@example.co"), "{:?}", m.headers);
    assert!(
        m.header("from").contains("Alcaldía de Prueba")
            && m.header("from").contains("pqrs@prueba.gov.co"),
        "{:?}",
        m.headers
    );
    assert!(m.header("reply-to").contains("atencion@prueba.gov.co"));
    assert_eq!(
        m.header("subject"),
        format!("Radicado {radicado}: recibimos su reclamo")
    );
    for expected in [
        "Alcaldía de Prueba",
        "Recibimos su reclamo",
        radicado.as_str(),
        "lunes 23 de noviembre de 2026",
        "martes 15 de diciembre de 2026",
        "El plazo de la entidad para responderle vence el martes 15 de diciembre de 2026.",
        "Por su seguridad, este correo no incluye el código de acceso que recibió al radicar.",
        "Cobro doble",
        "https://pqrs.prueba.gov.co/consultar",
        "Ley 1755 de 2015, art. 14",
        "Carrera 7 # 10-20, Pueblo Nuevo",
    ] {
        assert!(
            m.text.contains(expected),
            "text lacks {expected}:\n{}",
            m.text
        );
        assert!(
            m.html.contains(expected),
            "html lacks {expected}:\n{}",
            m.html
        );
    }
    assert!(m.html.contains("<html lang=\"es-CO\">"), "{}", m.html);
    assert!(m.html.contains("<h1"), "{}", m.html);
    assert!(
        !m.text.contains(&code) && !m.html.contains(&code),
        "the access code never travels by e-mail"
    );

    // The record: an event on the case, with the server's reply; auditors see the address,
    // other staff see it redacted (personal data).
    let events = history(&app, &auditor, &radicado).await;
    let notified = events
        .iter()
        .find(|e| e["event_type"] == "PetitionerNotified")
        .expect("PetitionerNotified in the history");
    let body = &notified["payload"]["PetitionerNotified"];
    assert_eq!(body["message"], "filing_acknowledgement");
    assert_eq!(body["to"], "ana@example.co");
    assert_eq!(body["message_id"], id);
    assert_eq!(body["caused_by"], 1);
    assert!(
        body["server_reply"]
            .as_str()
            .unwrap()
            .starts_with("250 OK queued as"),
        "{body}"
    );
    assert_eq!(notified["actor"]["kind"], "system");
    let events = history(&app, &agent, &radicado).await;
    let seen = events
        .iter()
        .find(|e| e["event_type"] == "PetitionerNotified")
        .unwrap();
    assert_eq!(seen["payload"]["PetitionerNotified"]["to"], "[redacted]");
    // The citizen sees it among the milestones.
    let r = app
        .client
        .get(app.url(&format!("/v1/pqrs/{radicado}")))
        .header("X-Access-Code", &code)
        .send()
        .await
        .unwrap();
    let t: Value = r.json().await.unwrap();
    let notified_step = t["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["what"] == "petitioner_notified")
        .unwrap_or_else(|| panic!("no petitioner_notified milestone: {t}"));
    assert_eq!(notified_step["detail"], "filing_acknowledgement");
}

/// Ley 1755 de 2015 arts. 14, 14 parágrafo, 17 and 21; CPACA art. 56: the acknowledgement,
/// the completion request, the extension and the forwarding go to the address given; the
/// answer only to a petitioner who accepted electronic notification.
async fn every_moment_the_law_names_reaches_the_petitioner_and_decisions_only_with_consent(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (a, a_code) = file_case(&app, &mail_petition("ana@example.co", true)).await;
    let (f, _) = file_case(&app, &mail_petition("felipe@example.co", true)).await;
    let (n, _) = file_case(&app, &mail_petition("nora@example.co", false)).await;

    app.set_clock("2026-11-26T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &a,
        "completion-request",
        json!({"what": "Indique el número de la factura"}),
    )
    .await;
    app.set_clock("2026-11-30T10:00:00-05:00").await;
    app.act_ok(&agent, &f, "forward", json!({"authority": "Superintendencia de Servicios Públicos", "reasons": "Competencia de la Superintendencia"})).await;
    app.act_ok(
        &agent,
        &n,
        "answer",
        json!({"text": "Se anuló el cobro repetido.", "outcome": "granted"}),
    )
    .await;
    app.set_clock("2026-12-14T10:00:00-05:00").await;
    let r = app
        .client
        .post(app.url(&format!("/v1/pqrs/{a}/completion")))
        .header("X-Access-Code", &a_code)
        .json(&json!({"text": "Factura 123456"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.set_clock("2026-12-21T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &a,
        "extend",
        json!({"new_due_date": "2027-01-05", "reasons": "Visita técnica al predio"}),
    )
    .await;
    app.set_clock("2027-01-04T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &a,
        "answer",
        json!({"text": "Se devolverá el valor cobrado dos veces.", "outcome": "granted"}),
    )
    .await;

    // a: acknowledgement, completion, extension, answer; f: acknowledgement, forwarding;
    // n: acknowledgement only (no consent, so the answer is not sent by e-mail).
    wait_for_count(&db, NOTIFIED, 7).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM mail_outbox").await, 7);
    let messages = sink.received();
    assert_eq!(messages.len(), 7);
    let completion = by_message_id(&messages, &a, "completion_requested");
    assert_eq!(completion.rcpt_tos, vec!["ana@example.co".to_owned()]);
    for expected in [
        "Necesitamos que complete su solicitud",
        "Indique el número de la factura",
        "lunes 28 de diciembre de 2026",
        "Ley 1755 de 2015, art. 17",
    ] {
        assert!(
            completion.text.contains(expected),
            "{expected}:\n{}",
            completion.text
        );
        assert!(
            completion.html.contains(expected),
            "{expected}:\n{}",
            completion.html
        );
    }
    let extension = by_message_id(&messages, &a, "term_extended");
    for expected in [
        "Ampliamos el plazo",
        "Visita técnica al predio",
        "martes 5 de enero de 2027",
        "art. 14 parágrafo",
    ] {
        assert!(
            extension.text.contains(expected),
            "{expected}:\n{}",
            extension.text
        );
    }
    let answer = by_message_id(&messages, &a, "answer");
    for expected in [
        "Respuesta a su reclamo",
        "Se devolverá el valor cobrado dos veces.",
        "Favorable",
        "Ley 1437 de 2011, art. 56",
    ] {
        assert!(
            answer.text.contains(expected),
            "{expected}:\n{}",
            answer.text
        );
        assert!(
            answer.html.contains(expected),
            "{expected}:\n{}",
            answer.html
        );
    }
    let forwarded = by_message_id(&messages, &f, "forwarded");
    assert_eq!(forwarded.rcpt_tos, vec!["felipe@example.co".to_owned()]);
    for expected in [
        "remitió su solicitud a: Superintendencia de Servicios Públicos. Estos son los motivos:",
        "Competencia de la Superintendencia",
        "En adelante Superintendencia de Servicios Públicos es quien debe responderle; el plazo \
         para hacerlo se cuenta desde el día siguiente a aquel en que reciba su solicitud.",
        "Ley 1755 de 2015, art. 21",
    ] {
        assert!(
            forwarded.text.contains(expected),
            "{expected}:\n{}",
            forwarded.text
        );
    }
    by_message_id(&messages, &n, "filing_acknowledgement");
    assert!(
        messages
            .iter()
            .all(|m| !(m.header("message-id").contains(&n)
                && m.header("message-id").contains(".answer@"))),
        "no answer by e-mail without consent (CPACA art. 56)"
    );
    // Every message id is different, and each was recorded once.
    let mut ids: Vec<&str> = messages.iter().map(|m| m.header("message-id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 7);
}

async fn messages_wait_while_the_smtp_server_is_down_and_go_when_it_is_back(b: Backend) {
    let db = TestDb::new(b).await;
    let mut sink = SmtpSink::down();
    let log = db.dir().join("server.log");
    let app = spawn_mailing_app_logging_to(&db, &sink.url(), &log).await;
    for who in ["uno", "dos", "tres"] {
        file_case(&app, &mail_petition(&format!("{who}@example.co"), false)).await;
    }
    // Every message was tried and failed; nothing is recorded as sent.
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE attempts >= 1 AND last_error IS NOT NULL",
        3,
    )
    .await;
    assert_eq!(count(&db, NOTIFIED).await, 0);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        )
        .await,
        3,
        "waiting, not dropped"
    );
    // An operator sees them wait, and for how long: half an hour later by the server's clock.
    assert_eq!(app.metric("pqrs_mail_waiting_messages").await, 3);
    let later = chrono::Utc::now() + chrono::Duration::minutes(30);
    app.set_clock(&later.to_rfc3339()).await;
    let waited = app.metric("pqrs_mail_oldest_waiting_seconds").await;
    assert!((1800..1900).contains(&waited), "{waited}");
    sink.up().await;
    let received = sink.wait_for(3, WAIT).await;
    wait_for_count(&db, NOTIFIED, 3).await;
    assert_eq!(sink.received().len(), 3);
    let mut to: Vec<String> = received.iter().flat_map(|m| m.rcpt_tos.clone()).collect();
    to.sort();
    assert_eq!(to, ["dos@example.co", "tres@example.co", "uno@example.co"]);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL"
        )
        .await,
        3
    );
    assert_eq!(app.metric("pqrs_mail_waiting_messages").await, 0);
    assert_eq!(app.metric("pqrs_mail_oldest_waiting_seconds").await, 0);
    // The outage is logged once and its end once, not once per message and attempt; no
    // address reaches the log.
    let text = log_with(&log, "SMTP server reached again").await;
    let lines = |what: &str| text.lines().filter(|l| l.contains(what)).count();
    assert_eq!(lines("SMTP server unreachable"), 1, "{text}");
    assert_eq!(lines("SMTP server reached again"), 1, "{text}");
    assert_eq!(lines("will retry"), 0, "{text}");
    assert!(!text.contains("@example.co"), "{text}");
    drop(app);
}

/// The sink refuses `rechazar…` (550) and defers `aplazar…` (450) naming the address, as
/// Postfix does: the replies are recorded and logged without it.
async fn a_refused_address_is_marked_failed_recorded_in_the_history_and_alerted(b: Backend) {
    let db = TestDb::new(b).await;
    let auditor = db.token("auditor").await;
    let sink = SmtpSink::start().await;
    let log = db.dir().join("server.log");
    let app = spawn_mailing_app_logging_to(&db, &sink.url(), &log).await;
    let (radicado, _) = file_case(&app, &mail_petition("rechazar@example.co", false)).await;
    file_case(&app, &mail_petition("aplazar@example.co", false)).await;
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM events WHERE event_type = 'NotificationFailed'",
        1,
    )
    .await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE failed_at IS NOT NULL AND sent_at IS NULL"
        )
        .await,
        1,
        "kept and marked failed"
    );
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM alerts WHERE kind = 'notification_failed'",
        1,
    )
    .await;
    let events = history(&app, &auditor, &radicado).await;
    let failed = events
        .iter()
        .find(|e| e["event_type"] == "NotificationFailed")
        .expect("NotificationFailed in the history");
    let body = &failed["payload"]["NotificationFailed"];
    assert_eq!(body["to"], "rechazar@example.co");
    assert_eq!(body["attempts"], 1, "a 5xx reply is not retried");
    let error = body["error"].as_str().unwrap();
    assert!(
        error.contains("550") && error.contains("<[redacted]>: Recipient address rejected"),
        "{body}"
    );
    // The deferred one waits, its reply kept without the address.
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE last_error LIKE '%Greylisted%' \
         AND sent_at IS NULL AND failed_at IS NULL",
        1,
    )
    .await;
    let mut conn = db.connect().await;
    let kept: Vec<String> = sqlx::query_scalar("SELECT last_error FROM mail_outbox")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|e| !e.contains("@example.co")), "{kept:?}");
    // Logged, both, without the address.
    let text = log_with(&log, "Greylisted").await;
    assert!(text.contains("failed for good"), "{text}");
    assert!(!text.contains("@example.co"), "{text}");
    assert!(sink.received().is_empty());
    assert_eq!(count(&db, NOTIFIED).await, 0);
}

async fn two_processes_send_each_message_once(b: Backend) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start().await;
    let one = spawn_mailing_app(&db, &sink.url(), None).await;
    let two = spawn_mailing_app(&db, &sink.url(), None).await;
    for i in 0..20 {
        let app = if i % 2 == 0 { &one } else { &two };
        file_case(
            app,
            &mail_petition(&format!("persona{i}@example.co"), false),
        )
        .await;
    }
    wait_for_count(&db, NOTIFIED, 20).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL"
        )
        .await,
        20
    );
    let received = sink.received();
    assert_eq!(received.len(), 20, "each message sent once");
    let mut ids: Vec<&str> = received.iter().map(|m| m.header("message-id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 20);
}

/// A backlog of 60 messages (queued while the server was down) made due at once: both
/// processes claim it in batches and record each batch in one transaction; every message is
/// sent once and recorded once, on its own case.
async fn two_processes_draining_a_backlog_in_batches_send_and_record_each_message_once(b: Backend) {
    const N: i64 = 60;
    let db = TestDb::new(b).await;
    let mut sink = SmtpSink::down();
    let one = spawn_mailing_app(&db, &sink.url(), None).await;
    let two = spawn_mailing_app(&db, &sink.url(), None).await;
    for i in 0..N {
        let app = if i % 2 == 0 { &one } else { &two };
        file_case(app, &mail_petition(&format!("lote{i}@example.co"), false)).await;
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM mail_outbox").await, N);
    sink.up().await;
    // Every waiting row due now (not those a deliverer holds this instant): the backlog.
    db.execute(
        "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00.000000Z' \
         WHERE sent_at IS NULL AND lease_token IS NULL",
    )
    .await;
    wait_for_count(&db, NOTIFIED, N).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM (SELECT aggregate_id FROM events \
             WHERE event_type = 'PetitionerNotified' GROUP BY aggregate_id \
             HAVING COUNT(*) = 1) AS once"
        )
        .await,
        N,
        "each case has exactly one record of its message"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL"
        )
        .await,
        N
    );
    let received = sink.received();
    assert_eq!(received.len(), N as usize, "each message sent once");
    let mut ids: Vec<&str> = received.iter().map(|m| m.header("message-id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), N as usize);
}

/// The record of each message sent reaches the case view from memory as the filing did: the
/// deliverer hands its events over once its transaction commits, so `/metrics` counts more
/// events handed than filings (on SQLite; see below), and the view it keeps (each case with
/// its notification) equals a rebuild that reads and opens every event from the log.
async fn the_case_view_takes_the_records_of_messages_sent_from_memory(b: Backend) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start_discarding().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    for i in 0..10 {
        file_case(&app, &mail_petition(&format!("p{i}@example.co"), false)).await;
    }
    wait_for_count(&db, NOTIFIED, 10).await;
    wait_for(WAIT, || async {
        let r: Value = app.get_json("/ready").await;
        r["projection_lag"] == 0
    })
    .await;
    let handed = app
        .metric("pqrs_projection_events_handed_total{projection=\"case_view\"}")
        .await;
    // On PostgreSQL the commit's notification wakes the runner at the commit itself, and a
    // lone batch of records may be read from the log before the deliverer leaves it in
    // memory (both give the same page): the count is asserted where the runner polls.
    if b == Backend::Sqlite {
        assert!(
            (11..=20).contains(&handed),
            "{handed} events handed over for 10 filings and their 10 records"
        );
    }
    let live = db.case_view_snapshot().await;
    assert_eq!(live.len(), 10);
    assert!(
        live.iter()
            .all(|row| row.contains("filing_acknowledgement")),
        "every case holds its acknowledgement: {live:?}"
    );
    app.terminate().await;
    pqrs_cli_ok(&[
        "projections",
        "rebuild",
        "case_view",
        "--database-url",
        &db.url,
    ])
    .await;
    assert_eq!(
        db.case_view_snapshot().await,
        live,
        "a rebuild equals the live view"
    );
}

/// `pqrs jobs run` for cron: what the SMTP server accepted, what waits for another try, and
/// how many messages are left, not a count of messages merely tried.
async fn a_jobs_run_says_what_it_sent_and_what_still_waits(b: Backend) {
    let db = TestDb::new(b).await;
    let mut sink = SmtpSink::down();
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    for who in ["uno", "dos"] {
        file_case(&app, &mail_petition(&format!("{who}@example.co"), false)).await;
    }
    app.terminate().await;
    let due_now = "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00.000000Z'";
    let jobs = ["jobs", "run", "--database-url", &db.url];

    // The server is down: nothing is said to be sent.
    db.execute(due_now).await;
    let out = mailing_cli_ok(&sink.url(), &jobs).await;
    assert!(
        out.contains(
            "correos: 0 aceptados por el servidor SMTP, 2 por intentar de nuevo más tarde, \
             0 fallidos definitivamente"
        ),
        "{out}"
    );
    assert!(out.contains("quedan 2 correos por enviar"), "{out}");

    // It is back: both go, none is left (in English when asked).
    sink.up().await;
    db.execute(due_now).await;
    let out = mailing_cli_ok(&sink.url(), &[&["--lang", "en"], &jobs[..]].concat()).await;
    assert!(
        out.contains("e-mail: 2 accepted by the SMTP server, 0 to be tried again later"),
        "{out}"
    );
    assert!(!out.contains("still to send"), "{out}");
    assert_eq!(sink.received().len(), 2);
}

/// Issue 15: "the console shows whether and when the petitioner was notified". The case page of
/// the console lists each message with its time and whether the mail server took it: the
/// acknowledgement accepted on one case, refused on another, none for an anonymous filing.
async fn the_console_case_page_shows_whether_and_when_the_petitioner_was_told(b: Backend) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (told, _) = file_case(&app, &mail_petition("ana@example.co", false)).await;
    let (refused, _) = file_case(&app, &mail_petition("rechazar@example.co", false)).await;
    let (anonymous, _) = file_case(&app, &anonymous_petition()).await;
    wait_for_count(&db, NOTIFIED, 1).await;
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM events WHERE event_type = 'NotificationFailed'",
        1,
    )
    .await;

    let mut console = pqrs_tests::console::client_as(&app, &db, "agent").await;
    for (radicado, expected) in [
        (
            &told,
            "Constancia de radicación — Entregado al servidor de correo",
        ),
        (&refused, "Constancia de radicación — No se pudo enviar"),
        (&anonymous, "No se le ha enviado ningún correo."),
    ] {
        let page = console
            .get(&format!("/funcionarios/casos/{radicado}"))
            .await;
        assert_eq!(page.status, 200, "{radicado}: {}", page.body);
        let start = page
            .body
            .find("id=\"correos-titulo\"")
            .unwrap_or_else(|| panic!("{radicado}: no e-mail section:\n{}", page.body));
        let section = &page.body[start..];
        let section = &section[..section.find("</section>").unwrap_or(section.len())];
        assert!(
            section.contains(expected),
            "{radicado}: {expected}:\n{section}"
        );
        if radicado != &anonymous {
            assert!(
                section.contains("lunes 23 de noviembre de 2026"),
                "{radicado}: when:\n{section}"
            );
        }
    }
}

/// Files through the portal's form in English (`?lang=en`, kept in its cookie, as the
/// "English" link does), identified with `email`; returns the radicado.
async fn file_on_the_english_portal(app: &App, email: &str) -> String {
    let form = app
        .client
        .get(app.url("/radicar?lang=en"))
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect();
    let html = form.text().await.unwrap();
    let marker = "name=\"pqrs_csrf\" value=\"";
    let start = html.find(marker).expect("csrf field") + marker.len();
    let token = &html[start..start + html[start..].find('"').unwrap()];
    let page = app
        .client
        .post(app.url("/radicar"))
        .header("cookie", cookies.join("; "))
        .form(&[
            ("kind", "claim"),
            ("subject", "Cobro doble"),
            (
                "description",
                "Me cobraron dos veces la factura de noviembre.",
            ),
            ("identificacion", "identificada"),
            ("name", "Ann Smith"),
            ("email", email),
            ("consent", "si"),
            ("pqrs_csrf", token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"en\""),
        "not the English page:\n{html}"
    );
    let marker = "id=\"radicado\">";
    let start = html.find(marker).expect("radicado") + marker.len();
    html[start..start + html[start..].find('<').unwrap()].to_owned()
}

/// The language a petitioner files in (the API's `Accept-Language`, the portal's language)
/// is the language the entity writes to them in. Spanish is the official language
/// (Constitución Política art. 10), so an English message also carries the official Spanish
/// text; a Spanish one has nothing else.
async fn a_petitioner_who_files_in_english_is_written_to_in_english_with_the_official_spanish_text(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let english = app
        .file_ok_asking(&mail_petition("ann@example.co", true), "en-US,en;q=0.9")
        .await
        .0;
    // A Colombian browser's header: Spanish first.
    let spanish = app
        .file_ok_asking(
            &mail_petition("ana@example.co", true),
            "es-CO,es;q=0.9,en;q=0.8",
        )
        .await
        .0;
    let portal = file_on_the_english_portal(&app, "john@example.co").await;
    app.set_clock("2026-11-26T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &english,
        "completion-request",
        json!({"what": "Indique el número de la factura"}),
    )
    .await;
    let messages = sink.wait_for(4, WAIT).await;
    assert_eq!(messages.len(), 4);

    for r in [&english, &portal] {
        let ack = by_message_id(&messages, r, "filing_acknowledgement");
        assert_eq!(
            ack.header("subject"),
            format!("Filing number {r}: we received your claim")
        );
        assert!(ack.html.contains("<html lang=\"en\">"), "{}", ack.html);
        assert!(ack.html.contains("<div lang=\"es-CO\""), "{}", ack.html);
        for expected in [
            "We received your claim",
            "Monday 23 November 2026, 9:00 a.m.",
            "The entity must answer you by",
            "This text is a translation for your convenience. The official text is the one that \
             follows, in Spanish, the official language of Colombia (Constitución Política, art. \
             10).",
            "Legal basis: Ley 1755 de 2015, art. 14.",
            "Texto oficial en español",
            "Recibimos su reclamo",
            "lunes 23 de noviembre de 2026",
            "Fundamento: Ley 1755 de 2015, art. 14.",
        ] {
            assert!(ack.text.contains(expected), "{expected}:\n{}", ack.text);
            assert!(ack.html.contains(expected), "{expected}:\n{}", ack.html);
        }
        // The translation comes first, the official text after it.
        let text = &ack.text;
        assert!(text.find("We received").unwrap() < text.find("Texto oficial").unwrap());
    }

    let completion = by_message_id(&messages, &english, "completion_requested");
    assert_eq!(
        completion.header("subject"),
        format!("Filing number {english}: we need you to complete your request")
    );
    for expected in [
        "To decide on your claim with filing number",
        "You have until Monday 28 December 2026 to provide it.",
        "Time to complete: Monday 28 December 2026",
        "Necesitamos que complete su solicitud",
        "Tiene hasta el lunes 28 de diciembre de 2026 para entregarlo.",
    ] {
        assert!(
            completion.text.contains(expected),
            "{expected}:\n{}",
            completion.text
        );
    }
    // What the official wrote is quoted as written, in both texts.
    assert_eq!(
        completion
            .text
            .matches("Indique el número de la factura")
            .count(),
        2
    );

    let ack = by_message_id(&messages, &spanish, "filing_acknowledgement");
    assert_eq!(
        ack.header("subject"),
        format!("Radicado {spanish}: recibimos su reclamo")
    );
    assert!(ack.html.contains("<html lang=\"es-CO\">"), "{}", ack.html);
    for absent in [
        "Texto oficial",
        "translation",
        "We received",
        "Filing number",
    ] {
        assert!(!ack.text.contains(absent), "{absent}:\n{}", ack.text);
    }
}

/// A petition received at the desk is filed by an official on the citizen's behalf: the
/// official records, as the citizen said, whether decisions may be notified by e-mail
/// (CPACA art. 56), how they prefer the answer (issue 13) and in which language the e-mails are
/// written (Spanish, or English with the official Spanish text after it); the case page shows
/// it. Any other language, the consent without an address, or a reply channel without its
/// contact is refused and nothing is filed.
async fn at_the_desk_the_official_records_the_consent_to_email_the_reply_channel_and_the_language(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let sink = SmtpSink::start().await;
    let app = spawn_mailing_app(&db, &sink.url(), None).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut console = pqrs_tests::console::client_as(&app, &db, "agent").await;
    let refused = desk(&mut console, &[("idioma", "fr")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Idioma de los correos: elija español o inglés."),
        "{}",
        refused.body
    );
    // The consent without an address to write to: refused, naming the law.
    let no_address = desk(&mut console, &[("email", "")]).await;
    assert_eq!(no_address.status, 422, "{}", no_address.body);
    assert!(
        no_address.body.contains(
            "Peticionario: se necesita al menos un dato de contacto para responderle: email, \
             phone o address"
        ),
        "{}",
        no_address.body
    );
    assert!(
        no_address.body.contains(
            "Notificación por correo electrónico: escriba el correo electrónico del ciudadano, o \
             desmarque la casilla si no lo dio (Ley 1437 de 2011, art. 56)."
        ),
        "{}",
        no_address.body
    );
    // A reply by phone without a phone number (issue 13).
    let no_phone = desk(&mut console, &[("preferred_reply_channel", "phone")]).await;
    assert_eq!(no_phone.status, 422, "{}", no_phone.body);
    assert!(
        no_phone.body.contains(
            "Medio preferido de respuesta: para responder por teléfono escriba el teléfono del \
             ciudadano, o elija otro medio."
        ),
        "{}",
        no_phone.body
    );
    let filed = "SELECT COUNT(*) FROM events WHERE event_type = 'PqrFiled'";
    assert_eq!(count(&db, filed).await, 0);

    // The case page tells the official how the citizen asked to be answered and written to,
    // and, beside the answer form, how the answer will reach them.
    let (radicado, case) = filed_at_the_desk(&mut console, &[]).await;
    for row in [
        "<dt>Medio preferido de respuesta</dt><dd>Correo electrónico</dd>",
        "<dt>Notificación por correo electrónico (Ley 1437 de 2011, art. 56)</dt><dd>Aceptada</dd>",
        "<dt>Idioma de los correos</dt><dd>Inglés, con el texto oficial en español</dd>",
        "La respuesta se enviará al correo electrónico del peticionario, que aceptó esa \
         notificación (Ley 1437 de 2011, art. 56).",
    ] {
        assert!(case.body.contains(row), "{row}:\n{}", case.body);
    }
    // Without the consent, the official must deliver the answer, by the channel preferred.
    let (_, case) = filed_at_the_desk(
        &mut console,
        &[
            ("notificacion", ""),
            ("phone", "3001234567"),
            ("preferred_reply_channel", "phone"),
        ],
    )
    .await;
    for row in [
        "<dt>Notificación por correo electrónico (Ley 1437 de 2011, art. 56)</dt><dd>No aceptada</dd>",
        "El peticionario no aceptó la notificación por correo electrónico (Ley 1437 de 2011, art. \
         56): la respuesta no se le enviará por correo. Hágasela llegar por el medio que \
         prefirió: teléfono.",
    ] {
        assert!(case.body.contains(row), "{row}:\n{}", case.body);
    }

    app.set_clock("2026-11-26T10:00:00-05:00").await;
    app.act_ok(
        &agent,
        &radicado,
        "answer",
        json!({"text": "Se anuló el cobro repetido.", "outcome": "granted"}),
    )
    .await;
    // The two acknowledgements (both gave an address) and the answer to the one who consented.
    let messages = sink.wait_for(3, WAIT).await;
    assert_eq!(messages.len(), 3);
    let ack = by_message_id(&messages, &radicado, "filing_acknowledgement");
    assert_eq!(
        ack.header("subject"),
        format!("Filing number {radicado}: we received your claim")
    );
    // The answer is sent by e-mail only because the consent was recorded (CPACA art. 56).
    let answer = by_message_id(&messages, &radicado, "answer");
    assert_eq!(answer.rcpt_tos, vec!["ann@example.co".to_owned()]);
    assert_eq!(
        answer.header("subject"),
        format!("Filing number {radicado}: answer to your claim")
    );
    for expected in [
        "You accepted to be notified by e-mail (Ley 1437 de 2011, art. 56).",
        "Outcome of the answer: Favourable",
        "Texto oficial en español",
        "Usted aceptó ser notificado por correo electrónico (Ley 1437 de 2011, art. 56).",
        "Sentido de la respuesta: Favorable",
        "Se anuló el cobro repetido.",
    ] {
        assert!(
            answer.text.contains(expected),
            "{expected}:\n{}",
            answer.text
        );
    }
}

/// A service that does not send e-mail cannot notify an answer by e-mail even to a petitioner
/// who accepted it (CPACA art. 56): the case page says so, and names the channel preferred.
async fn with_e_mail_off_the_case_page_says_the_official_must_deliver_the_answer(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut console = pqrs_tests::console::client_as(&app, &db, "agent").await;
    let (_, case) = filed_at_the_desk(&mut console, &[]).await;
    let expected = "El peticionario aceptó la notificación por correo electrónico (Ley 1437 de \
                    2011, art. 56), pero este servicio no envía las respuestas por correo: \
                    hágasela llegar por el medio que prefirió: correo electrónico.";
    assert!(case.body.contains(expected), "{}", case.body);
    assert!(
        !case.body.contains("La respuesta se enviará"),
        "{}",
        case.body
    );
}

/// Posts the desk's form (`/funcionarios/radicar`) as an official fills it in for a citizen
/// who gave a name and an e-mail, consents to e-mail, prefers the answer by e-mail and reads
/// English, with `changes` made to it.
async fn desk(
    console: &mut pqrs_tests::console::ConsoleClient,
    changes: &[(&str, &str)],
) -> pqrs_tests::console::Page {
    let csrf = console.csrf("/funcionarios/radicar").await;
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("channel", "in_person"),
        ("received_at", "2026-11-23T08:30"),
        ("kind", "claim"),
        ("subject", "Cobro doble"),
        (
            "description",
            "Me cobraron dos veces la factura de noviembre.",
        ),
        ("name", "Ann Smith"),
        ("email", "ann@example.co"),
        ("phone", ""),
        ("consent", "si"),
        ("notificacion", "si"),
        ("preferred_reply_channel", "email"),
        ("idioma", "en"),
    ];
    for (key, value) in changes {
        for field in fields.iter_mut().filter(|(k, _)| k == key) {
            field.1 = value;
        }
    }
    console.post("/funcionarios/radicar", &fields).await
}

/// Files at the desk as [`desk`] does, asserting `201`; returns the radicado the confirmation
/// shows and the case's page.
async fn filed_at_the_desk(
    console: &mut pqrs_tests::console::ConsoleClient,
    changes: &[(&str, &str)],
) -> (String, pqrs_tests::console::Page) {
    let done = desk(console, changes).await;
    assert_eq!(done.status, 201, "{}", done.body);
    let marker = "id=\"radicado\" class=\"secreto\">";
    let start = done.body.find(marker).expect("radicado") + marker.len();
    let radicado = done.body[start..start + done.body[start..].find('<').unwrap()].to_owned();
    let case = console
        .get(&format!("/funcionarios/casos/{radicado}"))
        .await;
    assert_eq!(case.status, 200, "{}", case.body);
    (radicado, case)
}
