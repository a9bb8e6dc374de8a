//! Recording what became of a claimed batch, in ONE transaction under one head lock: every
//! row's mark (sent, failed, or due again later) and, for the petitioner's messages accepted
//! or given up, the case events (`PetitionerNotified`, `NotificationFailed`) in one append.
//!
//! - A row is marked only while this batch still holds its lease (`lease_token`); a row whose
//!   lease ran out (another deliverer took it) is left to that deliverer, and its event is not
//!   written here: each message is recorded once.
//! - Marks and events commit together or not at all: if the append fails, no row is marked
//!   sent that was not recorded; the rows keep their lease and are sent again, with the same
//!   Message-ID, when it runs out.
//! - Alerts for messages that failed for good are raised after the commit.

use super::send::Outcome;
use super::{Delivered, Deliverer, Outgoing, MAX_ATTEMPTS};
use crate::alerts::{self, Alert};
use crate::clock::instant_text;
use crate::db::Placeholders;
use crate::error::{unique_violation, StoreError};
use crate::ledger::{self, NewEvent};
use crate::outbox::Letter;
use crate::recent::{records, Clear};
use chrono::{DateTime, Duration, Utc};
use pqrs_domain::contact::Email;
use pqrs_domain::pqr::{NotificationFailed, PetitionerNotified, PqrEvent};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// How a message's row changes.
enum Mark {
    /// Accepted: `sent_at` and the server's reply.
    Sent(String),
    /// Given up: `failed_at` and the last error.
    Failed(String),
    /// Tried again at `next`; the error is kept.
    Retry { error: String, next: DateTime<Utc> },
}

impl Mark {
    /// The column stamped and the column that keeps the text.
    fn columns(&self) -> (&'static str, &'static str) {
        match self {
            Mark::Sent(_) => ("sent_at", "server_reply"),
            Mark::Failed(_) => ("failed_at", "last_error"),
            Mark::Retry { .. } => ("next_attempt_at", "last_error"),
        }
    }

    /// The text kept and the stamp, for a settlement at `now`.
    fn written(&self, now: DateTime<Utc>) -> (&String, DateTime<Utc>) {
        match self {
            Mark::Sent(text) | Mark::Failed(text) => (text, now),
            Mark::Retry { error, next } => (error, *next),
        }
    }
}

/// One message's settlement, decided before the transaction.
struct Settled<'a> {
    m: &'a Outgoing,
    attempts: i64,
    mark: Mark,
    /// The event for the case: a petitioner's message accepted or given up.
    event: Option<PqrEvent>,
}

impl Deliverer {
    /// Records the outcomes of the batch claimed with `token` (see the module's comment);
    /// returns what became of the messages the batch still held.
    #[tracing::instrument(name = "mail.settle", skip_all, fields(messages = sent.len()))]
    pub(super) async fn settle(
        &self,
        token: &str,
        sent: Vec<(Outgoing, Outcome)>,
    ) -> Result<Delivered, StoreError> {
        let now = self.clock.now();
        self.note_reach(&sent);
        let settled: Vec<Settled<'_>> = sent
            .iter()
            .filter_map(|(m, outcome)| decide(m, outcome.clone(), now))
            .collect();
        let held = self.record(token, &settled, now).await?;
        let mut delivered = Delivered::default();
        for (s, held) in settled.iter().zip(held) {
            if !held {
                if !matches!(s.mark, Mark::Retry { .. }) {
                    tracing::warn!(
                        radicado = %s.m.radicado,
                        message = s.m.message.as_str(),
                        "lease lost while sending; the other deliverer records it"
                    );
                }
                continue;
            }
            match s.mark {
                Mark::Sent(_) => delivered.sent += 1,
                Mark::Retry { .. } => delivered.retrying += 1,
                Mark::Failed(_) => {
                    delivered.failed += 1;
                    self.alert(s.m, now).await?;
                }
            }
        }
        Ok(delivered)
    }

    /// Writes the marks and events of `settled` in one transaction; returns, for each, whether
    /// this batch still held its row (and so marked it and wrote its event).
    async fn record(
        &self,
        token: &str,
        settled: &[Settled<'_>],
        now: DateTime<Utc>,
    ) -> Result<Vec<bool>, StoreError> {
        use cqrs_es::DomainEvent;
        if settled.is_empty() {
            return Ok(Vec::new());
        }
        let metadata_value = serde_json::json!({
            "actor_id": "mail",
            "actor_kind": "system",
        });
        let metadata = serde_json::to_string(&metadata_value)?;
        let recorded_at = instant_text(now);
        // A concurrent command cannot take a case's next sequence once the head is locked
        // (every append locks it first); retried all the same, as every append is.
        for _ in 0..10 {
            let _turn = self.db.write_turn().await;
            let mut tx = self.db.pool.begin().await?;
            // The head lock first, as every append: on SQLite a transaction that read before
            // its first write cannot take the write lock once another process wrote (BUSY).
            let head = ledger::lock_head(&mut tx).await?;
            let held = marks(&mut tx, token, settled, now).await?;
            let cases: Vec<&str> = settled
                .iter()
                .zip(&held)
                .filter(|(s, held)| **held && s.event.is_some())
                .map(|(s, _)| s.m.radicado.as_str())
                .collect();
            let mut last = last_sequences(&mut tx, &cases).await?;
            let mut events = Vec::with_capacity(cases.len());
            let mut clear = Vec::with_capacity(cases.len());
            for (s, _) in settled.iter().zip(&held).filter(|(_, held)| **held) {
                let Some(event) = &s.event else { continue };
                let sequence = last.entry(s.m.radicado.clone()).or_insert(0);
                *sequence += 1;
                let payload = serde_json::to_value(event)?;
                events.push(NewEvent {
                    aggregate_type: "Pqr".into(),
                    aggregate_id: s.m.radicado.clone(),
                    sequence: *sequence,
                    event_type: event.event_type(),
                    event_version: event.event_version(),
                    payload: serde_json::to_string(&payload)?,
                    metadata: metadata.clone(),
                });
                clear.push(Clear {
                    payload,
                    metadata: metadata_value.clone(),
                });
            }
            let mut stored = Vec::new();
            if !events.is_empty() {
                match ledger::append_locked(
                    &mut tx,
                    head,
                    events,
                    &recorded_at,
                    Vec::new(),
                    ledger::Before::default(),
                    "",
                )
                .await
                {
                    Ok(appended) => stored = appended,
                    Err(e) if unique_violation(&e).is_some() => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            tx.commit().await?;
            // Committed: the case view takes these from memory ([`crate::recent`]).
            if self.db.recent.is_enabled() {
                self.db.recent.push(records(&stored, clear));
            }
            return Ok(held);
        }
        Err(StoreError::Unavailable(
            "cases kept changing while their notifications were recorded".into(),
        ))
    }

    /// Logs the SMTP server's reach once per change, not once per message: a server that
    /// cannot be reached is one WARN line until a message gets through (one INFO line), however
    /// many messages wait meanwhile (each is logged at debug level).
    fn note_reach(&self, sent: &[(Outgoing, Outcome)]) {
        use std::sync::atomic::Ordering;
        let reached = sent
            .iter()
            .any(|(_, o)| matches!(o, Outcome::Accepted(_) | Outcome::Transient(_)));
        let unreached = sent.iter().find_map(|(_, o)| match o {
            Outcome::Unreached(error) => Some(error),
            _ => None,
        });
        if reached {
            if self.unreached.swap(false, Ordering::Relaxed) {
                tracing::info!("SMTP server reached again; waiting messages are being sent");
            }
        } else if let Some(error) = unreached {
            if !self.unreached.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    %error,
                    "SMTP server unreachable (or it refused this process's TLS or credentials); \
                     messages wait in the outbox and are tried again with backoff (logged again \
                     when it is reached)"
                );
            }
        }
    }

    /// Raises the alert of a message given up: `notification_failed` for the petitioner's,
    /// `staff_mail_failed` for staff's.
    async fn alert(&self, m: &Outgoing, now: DateTime<Utc>) -> Result<(), StoreError> {
        let (kind, level) = match m.message {
            Letter::Petitioner(_) => ("notification_failed", "high"),
            Letter::Staff(_) => ("staff_mail_failed", "normal"),
        };
        let alert = Alert {
            id: uuid::Uuid::new_v4().to_string(),
            radicado: m.radicado.clone(),
            kind: kind.into(),
            // One alert per message: the alerts table is unique on (case, kind, due_date).
            due_date: m.id.clone(),
            business_days_left: 0,
            deliver_by: None,
            priority: false,
            level: level.into(),
            raised_at: instant_text(now),
        };
        alerts::record(&self.db, &alert, &self.webhooks, now).await?;
        Ok(())
    }
}

/// What `outcome` means for `m`'s row and case; `None` (logged) when the row's recipient is
/// not an address, which no queued petitioner message has.
fn decide(m: &Outgoing, outcome: Outcome, now: DateTime<Utc>) -> Option<Settled<'_>> {
    let attempts = m.attempts + 1;
    let letter = m.message.as_str();
    let mark = match outcome {
        Outcome::Accepted(reply) => {
            tracing::info!(radicado = %m.radicado, message = letter, "message accepted by the SMTP server");
            Mark::Sent(reply)
        }
        Outcome::Transient(error) if attempts < MAX_ATTEMPTS => {
            tracing::warn!(radicado = %m.radicado, message = letter, %error, attempts, "message not sent; will retry");
            let next = now + Duration::seconds(alerts::backoff_secs(attempts));
            Mark::Retry { error, next }
        }
        // The server's state is logged once ([`Deliverer::note_reach`]), each message here.
        Outcome::Unreached(error) if attempts < MAX_ATTEMPTS => {
            tracing::debug!(radicado = %m.radicado, message = letter, %error, attempts, "SMTP server unreachable; will retry");
            let next = now + Duration::seconds(alerts::backoff_secs(attempts));
            Mark::Retry { error, next }
        }
        Outcome::Transient(error) | Outcome::Unreached(error) | Outcome::Permanent(error) => {
            tracing::error!(radicado = %m.radicado, message = letter, %error, attempts, "message failed for good; alert raised");
            Mark::Failed(error)
        }
    };
    let event = match (m.message, &mark) {
        (Letter::Staff(_), _) | (_, Mark::Retry { .. }) => None,
        (Letter::Petitioner(message), Mark::Sent(_) | Mark::Failed(_)) => {
            let Ok(to) = Email::parse(&m.recipient) else {
                tracing::error!(radicado = %m.radicado, message = letter, "outbox row without a valid recipient; not recorded");
                return None;
            };
            let at = now.with_timezone(&pqrs_domain::deadline::bogota());
            let caused_by = u64::try_from(m.caused_by).unwrap_or_default();
            let message_id = format!("<{}>", m.id);
            Some(match &mark {
                Mark::Sent(reply) => PqrEvent::PetitionerNotified(PetitionerNotified {
                    message,
                    to,
                    message_id,
                    caused_by,
                    server_reply: reply.clone(),
                    at,
                }),
                _ => PqrEvent::NotificationFailed(NotificationFailed {
                    message,
                    to,
                    message_id,
                    caused_by,
                    error: match &mark {
                        Mark::Failed(error) => error.clone(),
                        _ => String::new(),
                    },
                    attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                    at,
                }),
            })
        }
    };
    Some(Settled {
        m,
        attempts,
        mark,
        event,
    })
}

/// Marks the rows of `settled` that the batch `token` still holds, one statement per kind of
/// mark; for each, whether it did.
async fn marks(
    conn: &mut AnyConnection,
    token: &str,
    settled: &[Settled<'_>],
    now: DateTime<Utc>,
) -> Result<Vec<bool>, sqlx::Error> {
    let mut held = std::collections::HashSet::new();
    let mut kinds: Vec<(&str, &str)> = settled.iter().map(|s| s.mark.columns()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for (at_column, text_column) in kinds {
        // (row, the text kept, when) of this kind.
        let rows: Vec<(&Settled<'_>, &String, DateTime<Utc>)> = settled
            .iter()
            .filter(|s| s.mark.columns() == (at_column, text_column))
            .map(|s| {
                let (text, at) = s.mark.written(now);
                (s, text, at)
            })
            .collect();
        let values: Vec<String> = (0..rows.len())
            .map(|i| {
                let p = 2 + i * 4;
                format!("(${}, ${}, ${}, ${})", p, p + 1, p + 2, p + 3)
            })
            .collect();
        let sql = format!(
            "UPDATE mail_outbox SET {at_column} = v.column4, {text_column} = v.column2, \
             attempts = v.column3, lease_token = NULL \
             FROM (VALUES {}) AS v \
             WHERE mail_outbox.id = v.column1 AND mail_outbox.lease_token = $1 \
             RETURNING mail_outbox.id",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(token.to_owned());
        for (s, text, at) in &rows {
            q = q
                .bind(s.m.id.clone())
                .bind((*text).clone())
                .bind(s.attempts)
                .bind(instant_text(*at));
        }
        for row in q.fetch_all(&mut *conn).await? {
            held.insert(row.try_get::<String, _>(0)?);
        }
    }
    Ok(settled.iter().map(|s| held.contains(&s.m.id)).collect())
}

/// The last sequence of each of `cases` (Pqr streams), read under the head lock.
async fn last_sequences(
    conn: &mut AnyConnection,
    cases: &[&str],
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut distinct: Vec<&str> = cases.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut last = HashMap::with_capacity(distinct.len());
    if distinct.is_empty() {
        return Ok(last);
    }
    let sql = format!(
        "SELECT aggregate_id, MAX(sequence) AS last FROM events \
         WHERE aggregate_type = 'Pqr' AND aggregate_id IN ({}) GROUP BY aggregate_id",
        Placeholders::of_conn(conn).list(1, distinct.len())
    );
    let mut q = sqlx::query(&sql);
    for case in &distinct {
        q = q.bind((*case).to_owned());
    }
    for row in q.fetch_all(&mut *conn).await? {
        last.insert(row.try_get("aggregate_id")?, row.try_get("last")?);
    }
    Ok(last)
}
