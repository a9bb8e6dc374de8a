//! E-mail to the petitioner through a durable outbox (issue 15).
//!
//! **Queueing.** [`enqueue`] runs inside every append transaction ([`crate::journal::append`]):
//! for each new event that owes the petitioner a message ([`pqrs_domain::notification`]) it
//! inserts one `mail_outbox` row, in the same transaction as the event. Either both commit or
//! neither does, so no event loses its message and a rolled-back filing sends nothing. The
//! row's id is the message's `Message-ID`, derived from the case, the causing event's sequence
//! and the message (`pqrs.<radicado>.<sequence>.<message>@<sender's domain>`): the same event
//! can only queue its message once, and every retry carries the same id.
//!
//! **What the row holds.** The facts the message states (the causing event and the filing's
//! radicado, kind and subject), not the rendered text: the deliverer renders them through a
//! [`deliver::Renderer`] the `api` crate provides (askama templates, branded with the
//! `[entity]` settings), so this crate holds no templates and a fixed template applies to
//! messages still queued.
//!
//! **Delivery.** [`deliver::Deliverer`] claims due rows with a lease, sends them by SMTP and
//! records the server's acceptance as a `PetitionerNotified` event on the case, in the same
//! transaction that marks the row sent. See docs/notifications.md for the guarantees.
//!
//! Queueing is off until the process switches it on ([`set_queueing`]), which `pqrs serve` and
//! `pqrs jobs run` do when mail is configured: with mail off nothing is queued, so switching
//! it on later does not send a backlog of old messages.

pub mod deliver;
pub mod staff;

use crate::event_rows::json_text;
use crate::ledger::{NewEvent, Rows};
use pqrs_domain::notification::{self, Message};
use pqrs_domain::pqr::{PqrEvent, PqrFiled};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// What this process queues: the sender's domain (for Message-IDs) and the messages on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queueing {
    /// The domain of the sender address, e.g. `alcaldia.gov.co`.
    pub domain: String,
    /// The messages switched on.
    pub enabled: Vec<Message>,
    /// The staff messages switched on (assignment notices, the daily digest).
    pub staff: Vec<staff::StaffMessage>,
}

/// What a queued message is: one owed the petitioner by a case event, or one to staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    /// To the petitioner; its acceptance is recorded on the case (`PetitionerNotified`).
    Petitioner(Message),
    /// To staff; marked in the outbox only, never an event of the case.
    Staff(staff::StaffMessage),
}

impl Letter {
    /// The stored name, e.g. `filing_acknowledgement` or `staff_assignment`.
    pub fn as_str(self) -> &'static str {
        match self {
            Letter::Petitioner(m) => m.as_str(),
            Letter::Staff(m) => m.as_str(),
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Letter> {
        Message::parse(s)
            .map(Letter::Petitioner)
            .or_else(|| staff::StaffMessage::parse(s).map(Letter::Staff))
    }
}

static QUEUEING: RwLock<Option<Arc<Queueing>>> = RwLock::new(None);

/// Switches queueing on (with what to queue) or off for this process.
pub fn set_queueing(queueing: Option<Queueing>) {
    let mut slot = QUEUEING.write().unwrap_or_else(|e| e.into_inner());
    *slot = queueing.map(Arc::new);
}

fn queueing() -> Option<Arc<Queueing>> {
    QUEUEING.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Whether this process queues `message` for petitioners who can receive it (e-mail switched
/// on, and that message not switched off).
pub fn queues(message: Message) -> bool {
    queueing().is_some_and(|q| q.enabled.contains(&message))
}

/// The Message-ID (without angle brackets) of `message` caused by event `sequence` of case
/// `radicado`.
pub fn message_id(radicado: &str, sequence: i64, message: Message, domain: &str) -> String {
    message_id_of(radicado, sequence, message.as_str(), domain)
}

/// The Message-ID of the message named `name` caused by event `sequence` of `radicado`.
pub fn message_id_of(radicado: &str, sequence: i64, name: &str, domain: &str) -> String {
    format!("pqrs.{radicado}.{sequence}.{name}@{domain}")
}

fn filing_of(event: &PqrEvent) -> Option<&PqrFiled> {
    match event {
        PqrEvent::PqrFiled(f) => Some(f),
        _ => None,
    }
}

async fn stored_filing(
    conn: &mut AnyConnection,
    radicado: &str,
) -> Result<Option<PqrFiled>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT payload FROM events WHERE aggregate_type = 'Pqr' AND aggregate_id = $1 \
         AND event_type = 'PqrFiled'",
    )
    .bind(radicado.to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let payload: String = row.try_get(0)?;
    let Ok(mut payload) = serde_json::from_str::<serde_json::Value>(&payload) else {
        return Ok(None);
    };
    // Its personal fields are sealed (issue 16): opened with the case's key.
    crate::privacy::open_on(conn, radicado, 1, "PqrFiled", &mut payload).await?;
    let mut filing = serde_json::from_value::<PqrEvent>(payload)
        .ok()
        .and_then(|e| filing_of(&e).cloned());
    // The contact in force (issue 16): a rectified e-mail is the one written to.
    if let Some(p) = filing.as_mut().and_then(|f| f.petitioner.as_mut()) {
        crate::privacy::in_force::apply_rectifications(conn, radicado, p).await?;
    }
    Ok(filing)
}

/// The messages `events` (about to be appended at `recorded_at`) owe (nothing while queueing
/// is off). Called by [`crate::journal::append`] before the events are inserted, in the same
/// transaction: the petitioner's messages come back as rows for the append to insert with
/// the events (in the same statement, issue 15's filing goal); the rarer writes (a withdrawn
/// consent's cancellations, an assignment's message to staff) are made here.
pub async fn enqueue(
    conn: &mut AnyConnection,
    events: &[NewEvent],
    recorded_at: &str,
) -> Result<Rows, sqlx::Error> {
    // The petitioner's messages owed, inserted together: one statement for a whole batch.
    let mut queued = queued_rows();
    let Some(q) = queueing() else {
        return Ok(queued);
    };
    let mut filings: HashMap<String, Option<PqrFiled>> = HashMap::new();
    // Cases whose petitioner withdrew the consent to e-mail (issue 15), as known so far.
    let mut withdrawn: HashMap<String, bool> = HashMap::new();
    for e in events {
        if e.aggregate_type != "Pqr" {
            continue;
        }
        if e.event_type == "NotificationConsentWithdrawn" {
            // Messages owed by earlier events of this append are cancelled with the rest.
            crate::ledger::insert_rows(conn, &std::mem::replace(&mut queued, queued_rows()))
                .await?;
            cancel_unsent(conn, &e.aggregate_id, e.sequence, recorded_at).await?;
            withdrawn.insert(e.aggregate_id.clone(), true);
            continue;
        }
        if e.event_type == "PqrAssigned" {
            staff::enqueue_assignment(conn, &q, e, recorded_at).await?;
            continue;
        }
        if !Message::CAUSES.contains(&e.event_type.as_str()) {
            continue;
        }
        let Ok(event) = serde_json::from_str::<PqrEvent>(&e.payload) else {
            tracing::warn!(event_type = %e.event_type, "event not readable; no message queued");
            continue;
        };
        if let Some(f) = filing_of(&event) {
            filings.insert(e.aggregate_id.clone(), Some(f.clone()));
        }
        if !filings.contains_key(&e.aggregate_id) {
            let found = stored_filing(conn, &e.aggregate_id).await?;
            filings.insert(e.aggregate_id.clone(), found);
        }
        let Some(Some(filing)) = filings.get(&e.aggregate_id) else {
            continue;
        };
        if filing_of(&event).is_some() {
            // A filing starts the case: nothing can have been withdrawn before it.
            withdrawn.insert(e.aggregate_id.clone(), false);
            let owed = acknowledgement(&q, filing, &e.aggregate_id, e.sequence, recorded_at);
            queued.values.extend(owed.into_iter().flatten());
            continue;
        }
        let Some((message, recipient)) = notification::owed(filing, &event) else {
            continue;
        };
        if !q.enabled.contains(&message) {
            continue;
        }
        if !withdrawn.contains_key(&e.aggregate_id) {
            let found = consent_withdrawn(conn, &e.aggregate_id).await?;
            withdrawn.insert(e.aggregate_id.clone(), found);
        }
        if withdrawn.get(&e.aggregate_id) == Some(&true) {
            continue;
        }
        let facts = facts(&e.payload, &event, filing);
        queued.values.extend(row(
            &q,
            &e.aggregate_id,
            e.sequence,
            message,
            recipient,
            facts,
            recorded_at,
        ));
    }
    Ok(queued)
}

/// [`enqueue`] for new cases only (the filing desk's batches): the acknowledgements their
/// filings owe, read from the filings as they are, not from their rows' text. A filing owes
/// nothing else and reads nothing from the store (no consent can have been withdrawn before
/// it), so no connection is needed.
pub fn enqueue_filings<'a>(
    filings: impl IntoIterator<Item = &'a PqrFiled>,
    recorded_at: &str,
) -> Rows {
    let mut queued = queued_rows();
    if let Some(q) = queueing() {
        for filing in filings {
            let radicado = filing.radicado.to_string();
            let owed = acknowledgement(&q, filing, &radicado, 1, recorded_at);
            queued.values.extend(owed.into_iter().flatten());
        }
    }
    queued
}

/// The `mail_outbox` row of the acknowledgement `filing` owes (it is event `sequence` of case
/// `radicado`), if its petitioner gave an e-mail and the message is on.
fn acknowledgement(
    q: &Queueing,
    filing: &PqrFiled,
    radicado: &str,
    sequence: i64,
    recorded_at: &str,
) -> Option<[String; 8]> {
    let message = Message::FilingAcknowledgement;
    let recipient = notification::recipient(filing, message)?;
    if !q.enabled.contains(&message) {
        return None;
    }
    let facts = acknowledgement_facts(filing);
    Some(row(
        q,
        radicado,
        sequence,
        message,
        recipient,
        facts,
        recorded_at,
    ))
}

/// A `mail_outbox` row in the order of [`queued_rows`]'s columns: `message` to `recipient`,
/// caused by event `sequence` of case `radicado`, due at once (`next_attempt_at` is
/// `created_at`).
fn row(
    q: &Queueing,
    radicado: &str,
    sequence: i64,
    message: Message,
    recipient: String,
    facts: String,
    recorded_at: &str,
) -> [String; 8] {
    [
        message_id(radicado, sequence, message, &q.domain),
        radicado.to_owned(),
        sequence.to_string(),
        message.as_str().to_owned(),
        recipient,
        facts,
        recorded_at.to_owned(),
        recorded_at.to_owned(),
    ]
}

/// What a message is rendered from: `{"event": …, "filing": …}`, the causing event's payload
/// as written and the filing's facts (radicado, kind, subject, receipt, due date). That
/// payload is canonical JSON text already (sorted keys, and read as a `PqrEvent` before
/// this), so it is not parsed a second time to be printed again.
///
/// The acknowledgement of a filing is caused by the filing itself: its facts are the filing's
/// facts alone, `{"filing": …}`. The event would repeat them with what the message does not
/// say — the description and the petitioner's name, identity number and contact, in clear,
/// since messages are queued before the append seals them — and double the row a filing
/// writes (docs/notifications.md, "What a queued message holds").
fn facts(payload: &str, event: &PqrEvent, filing: &PqrFiled) -> String {
    if filing_of(event).is_some() {
        acknowledgement_facts(filing)
    } else {
        format!(
            r#"{{"event":{payload},"filing":{}}}"#,
            json_text(&filing_facts(filing))
        )
    }
}

/// The facts of a filing's acknowledgement: `{"filing": …}` (see [`facts`]).
fn acknowledgement_facts(filing: &PqrFiled) -> String {
    format!(r#"{{"filing":{}}}"#, json_text(&filing_facts(filing)))
}

/// The filing's facts a message states: radicado, kind, subject, receipt and due date, and
/// the language it is written in when that is not Spanish (`"language": "en"`).
fn filing_facts(filing: &PqrFiled) -> serde_json::Value {
    let mut facts = serde_json::json!({
        "radicado": filing.radicado.to_string(),
        "kind": filing.kind.as_str(),
        "subject": filing.subject.as_str(),
        "received_at": filing.received_at,
        "due_date": filing.due_date,
    });
    let language = filing.petitioner.as_ref().map(|p| p.language);
    if let (Some(language), Some(map)) = (language, facts.as_object_mut()) {
        if !language.is_spanish() {
            map.insert("language".into(), language.as_str().into());
        }
    }
    facts
}

/// No rows yet of `mail_outbox`, in the shape [`enqueue`] fills.
fn queued_rows() -> Rows {
    Rows {
        table_and_columns: "mail_outbox (id, radicado, caused_by, message, recipient, facts, \
                            created_at, next_attempt_at)",
        per_row: 8,
        values: Vec::new(),
        select: "column1, column2, CAST(column3 AS BIGINT), column4, column5, column6, \
                 column7, column8",
    }
}

/// Whether the petitioner of `radicado` withdrew the consent to e-mail (a stored
/// `NotificationConsentWithdrawn`).
async fn consent_withdrawn(conn: &mut AnyConnection, radicado: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM events WHERE aggregate_type = 'Pqr' AND aggregate_id = $1 \
         AND event_type = 'NotificationConsentWithdrawn'",
    )
    .bind(radicado.to_owned())
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get::<i64, _>(0)? > 0)
}

/// Cancels, in the withdrawal's transaction, the petitioner's messages of `radicado` not yet
/// sent: they are never claimed again. A message a deliverer holds right now (being sent)
/// keeps its lease: if the server accepts it, it is recorded as sent like any other (the row
/// then has both `sent_at` and `cancelled_at`); if not, it is not retried.
async fn cancel_unsent(
    conn: &mut AnyConnection,
    radicado: &str,
    sequence: i64,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_outbox SET cancelled_at = $1, cancelled_by = $2, \
         last_error = 'consent to e-mail withdrawn by the petitioner' \
         WHERE radicado = $3 AND audience = 'petitioner' AND sent_at IS NULL \
         AND failed_at IS NULL AND cancelled_at IS NULL",
    )
    .bind(at.to_owned())
    .bind(sequence)
    .bind(radicado.to_owned())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The messages still to send: neither sent, failed for good nor cancelled (retries
/// included), and when the oldest of them was queued.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waiting {
    /// How many.
    pub messages: i64,
    /// When the oldest one was queued (`created_at`); `None` when none wait.
    pub oldest: Option<chrono::DateTime<chrono::Utc>>,
}

/// The outbox's [`Waiting`] messages, read through its index of unsent rows
/// (`mail_outbox_due`): cheap however many messages were sent before (for `/metrics`).
pub async fn waiting(db: &crate::Db) -> Result<Waiting, crate::StoreError> {
    let row = sqlx::query(
        "SELECT COALESCE(SUM(CASE WHEN cancelled_at IS NULL THEN 1 ELSE 0 END), 0), \
           MIN(CASE WHEN cancelled_at IS NULL THEN created_at END) \
         FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(&db.pool)
    .await?;
    let oldest: Option<String> = row.try_get(1)?;
    Ok(Waiting {
        messages: row.try_get(0)?,
        // Written by `instant_text`; a stamp that does not read counts as none.
        oldest: oldest
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
            .map(|at| at.with_timezone(&chrono::Utc)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload() -> String {
        serde_json::json!({"PqrFiled": {
            "access_code_hash": "3f1a9c0d2b7e4f6a8c1d3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b",
            "calendar_version": "co-2026-9c1e4b7a",
            "channel": "web",
            "consent_personal_data": true,
            "description": "La luminaria \"de la esquina\" no enciende.\nGracias.",
            "due_date": "2026-12-16",
            "effective_received_on": "2026-11-24",
            "kind": "petition",
            "petitioner": {"name": "Ana Pérez", "email": "ana@example.co"},
            "policy_id": "ley-1755-2015",
            "policy_version": "1",
            "radicado": "2026-000001",
            "received_at": "2026-11-24T09:00:00.123456-05:00",
            "subject": "Alumbrado público",
            "term": {"days": 15, "unit": "business"}
        }})
        .to_string()
    }

    /// The filing's facts of [`payload`], as a message's row holds them.
    const FILING_FACTS: &str = r#"{"due_date":"2026-12-16","kind":"petition","radicado":"2026-000001","received_at":"2026-11-24T09:00:00.123456-05:00","subject":"Alumbrado público"}"#;

    /// A filing's acknowledgement keeps the filing's facts and nothing of the petitioner:
    /// neither the name nor the address (the row's `recipient` holds that) nor the
    /// description.
    #[test]
    fn a_filings_facts_are_the_filing_facts_alone() {
        let payload = payload();
        let event: PqrEvent = serde_json::from_str(&payload).expect("a PqrFiled payload");
        let filing = filing_of(&event).expect("a filing");
        let written = facts(&payload, &event, filing);
        assert_eq!(written, format!(r#"{{"filing":{FILING_FACTS}}}"#));
        for personal in ["Ana", "ana@example.co", "luminaria"] {
            assert!(!written.contains(personal), "{personal} in {written}");
        }
    }

    /// A petitioner who filed in English is written to in English: the facts say so (and
    /// Spanish, the default, is not written).
    #[test]
    fn the_facts_name_the_language_when_it_is_not_spanish() {
        let payload = payload().replace(
            r#""email":"ana@example.co""#,
            r#""email":"ana@example.co","language":"en""#,
        );
        let event: PqrEvent = serde_json::from_str(&payload).expect("a PqrFiled payload");
        let filing = filing_of(&event).expect("a filing");
        let english = FILING_FACTS.replace(
            r#""kind":"petition","#,
            r#""kind":"petition","language":"en","#,
        );
        assert_eq!(
            facts(&payload, &event, filing),
            format!(r#"{{"filing":{english}}}"#)
        );
    }

    /// Any other message's facts embed the causing event's payload, byte for byte as
    /// `serde_json` prints the whole object (what the templates were written for).
    #[test]
    fn other_facts_embed_the_payload_as_serde_json_prints_it() {
        let filed: PqrEvent = serde_json::from_str(&payload()).expect("a PqrFiled payload");
        let filing = filing_of(&filed).expect("a filing");
        // Any event but the filing takes this path (the message it owes does not matter).
        let payload = serde_json::json!({"InternalNoteAdded": {
            "at": "2026-11-25T10:00:00-05:00",
            "text": "Llamar \"mañana\"."
        }})
        .to_string();
        let event: PqrEvent = serde_json::from_str(&payload).expect("an InternalNoteAdded payload");
        let whole = serde_json::json!({
            "event": serde_json::from_str::<serde_json::Value>(&payload).unwrap(),
            "filing": serde_json::from_str::<serde_json::Value>(FILING_FACTS).unwrap(),
        });
        assert_eq!(facts(&payload, &event, filing), whole.to_string());
    }
}
