//! The deliverer of the mail outbox: claims due messages with a lease, sends them by SMTP
//! (`lettre`) and records the outcome on the case (issue 15).
//!
//! - **Claim.** One statement moves a due row's `next_attempt_at` forward by [`LEASE_SECS`]
//!   and stamps it with this attempt's token: on PostgreSQL the row is picked with
//!   `FOR UPDATE SKIP LOCKED`, so concurrent deliverers take different rows; on SQLite the
//!   `UPDATE` is atomic under the file's write lock. A process that dies mid-send leaves the
//!   lease to expire; the row is sent again, with the same `Message-ID`.
//! - **Accepted** (a 2xx reply to the message): one transaction appends `PetitionerNotified`
//!   to the case and marks the row sent — only if this attempt still holds the lease.
//! - **Refused for good** (a 5xx reply) or [`MAX_ATTEMPTS`] transient failures: one
//!   transaction appends `NotificationFailed` and marks the row failed; an alert
//!   (`notification_failed`) is raised to the webhooks and logged. The row is kept.
//! - **Transient failure** (server down, 4xx, timeout): the row is retried after
//!   [`crate::alerts::backoff_secs`] (2 s doubling to 1 h).

use super::staff::{self, StaffMessage};
use super::{Counts, Letter, Queueing};
use crate::alerts::{self, Alert, Webhook};
use crate::clock::{instant_text, Clock};
use crate::db::{Backend, Db};
use crate::error::{unique_violation, StoreError};
use crate::ledger::{self, NewEvent};
use chrono::Duration;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use pqrs_domain::contact::Email;
use pqrs_domain::pqr::{NotificationFailed, PetitionerNotified, PqrEvent};
use sqlx::Row;
use std::sync::Arc;

/// Seconds a claimed message is reserved for the deliverer that claimed it.
pub const LEASE_SECS: i64 = 120;
/// Transient failures before a message is given up (2 s doubling to 1 h between attempts:
/// about 17 hours in all).
pub const MAX_ATTEMPTS: i64 = 24;

/// A queued message, as claimed.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The Message-ID, without angle brackets.
    pub id: String,
    /// The case.
    pub radicado: String,
    /// The sequence of the causing event.
    pub caused_by: i64,
    /// Which message.
    pub message: Letter,
    /// The petitioner's address; for staff, one or more addresses, comma-separated.
    pub recipient: String,
    /// What the message states. To the petitioner: `{"event": <the causing event>,
    /// "filing": {radicado, kind, subject, received_at, due_date}}`; staff messages: see
    /// [`super::staff`].
    pub facts: serde_json::Value,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// Writes the words of a message (the `api` crate's templates).
pub trait Renderer: Send + Sync + 'static {
    /// Renders `message`; an error is a permanent failure of that message.
    fn render(&self, message: &Outgoing) -> Result<Rendered, String>;
}

/// How mail leaves: the SMTP server and the sender.
#[derive(Clone)]
pub struct MailSettings {
    /// lettre's URL form: `smtp://host:port` (plain, e.g. a loopback relay),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://user:pass@host` (TLS).
    pub url: String,
    /// The `From` mailbox, e.g. `Alcaldía de Ejemplo <pqrs@alcaldia.gov.co>`.
    pub from: String,
    /// The `Reply-To` mailbox, if any.
    pub reply_to: Option<String>,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("url", &redact_url(&self.url))
            .field("from", &self.from)
            .field("reply_to", &self.reply_to)
            .finish()
    }
}

/// `url` with any password replaced by `***` (for logs and errors).
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Why the mail settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL does not parse.
    #[error("PQRS_SMTP_URL `{url}` is not usable: {message}")]
    Url {
        /// The URL, password redacted.
        url: String,
        /// lettre's reason.
        message: String,
    },
    /// A sender or reply-to address does not parse.
    #[error("`{key}` is not a mailbox such as `Entidad <pqrs@entidad.gov.co>`: {message}")]
    Mailbox {
        /// The setting.
        key: &'static str,
        /// Why.
        message: String,
    },
}

impl MailSettings {
    /// The sender's mailbox.
    pub fn from_mailbox(&self) -> Result<Mailbox, MailError> {
        self.from.parse().map_err(|e| MailError::Mailbox {
            key: "smtp_from",
            message: format!("{e}"),
        })
    }

    /// The domain of the sender's address (for Message-IDs).
    pub fn domain(&self) -> Result<String, MailError> {
        Ok(self.from_mailbox()?.email.domain().to_owned())
    }
}

/// Claims due messages and sends them.
pub struct Deliverer {
    db: Db,
    clock: Clock,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    reply_to: Option<Mailbox>,
    renderer: Arc<dyn Renderer>,
    webhooks: Arc<Vec<Webhook>>,
    digest: Option<Digest>,
}

/// What the deliverer needs to queue the staff's daily digest.
struct Digest {
    queueing: Queueing,
    calendar: pqrs_domain::pqr::SharedCalendar,
    /// The last day this process queued (or found queued) the digests.
    done: std::sync::Mutex<Option<chrono::NaiveDate>>,
}

impl std::fmt::Debug for Deliverer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deliverer")
            .field("from", &self.from)
            .finish()
    }
}

enum Outcome {
    Accepted(String),
    Transient(String),
    Permanent(String),
}

impl Deliverer {
    /// A deliverer on `db` sending through `settings`.
    pub fn new(
        db: Db,
        clock: Clock,
        settings: &MailSettings,
        renderer: Arc<dyn Renderer>,
        webhooks: Arc<Vec<Webhook>>,
    ) -> Result<Deliverer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|e| MailError::Url {
                url: redact_url(&settings.url),
                message: e.to_string(),
            })?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let reply_to = match &settings.reply_to {
            Some(r) => Some(r.parse().map_err(|e| MailError::Mailbox {
                key: "smtp_reply_to",
                message: format!("{e}"),
            })?),
            None => None,
        };
        Ok(Deliverer {
            db,
            clock,
            transport,
            from: settings.from_mailbox()?,
            reply_to,
            renderer,
            webhooks,
            digest: None,
        })
    }

    /// Also queues the staff's daily digest (issue 15) on its first run of each business day
    /// from [`staff::DIGEST_FROM_HOUR`] (Bogotá), with `queueing`'s domain and the calendar in
    /// force.
    pub fn with_digest(
        mut self,
        queueing: Queueing,
        calendar: pqrs_domain::pqr::SharedCalendar,
    ) -> Deliverer {
        self.digest = Some(Digest {
            queueing,
            calendar,
            done: std::sync::Mutex::new(None),
        });
        self
    }

    /// Queues today's digests if this process has not yet (idempotent across processes).
    async fn queue_digest(&self) -> Result<(), StoreError> {
        use chrono::Timelike;
        let Some(d) = &self.digest else {
            return Ok(());
        };
        let now = self.clock.now();
        let local = now.with_timezone(&pqrs_domain::deadline::bogota());
        let today = local.date_naive();
        let done = *d.done.lock().unwrap_or_else(|e| e.into_inner());
        if done == Some(today) || local.hour() < staff::DIGEST_FROM_HOUR {
            return Ok(());
        }
        let calendar = d.calendar.current();
        let queued = staff::queue_digests(&self.db, &d.queueing, &calendar, now, today).await?;
        if queued > 0 {
            tracing::info!(queued, %today, "staff digests queued");
        }
        *d.done.lock().unwrap_or_else(|e| e.into_inner()) = Some(today);
        Ok(())
    }

    /// Claims the next due message, if any.
    async fn claim(&self) -> Result<Option<(Outgoing, String)>, StoreError> {
        let now = self.clock.now();
        let token = uuid::Uuid::new_v4().to_string();
        let pick = match self.db.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE mail_outbox SET next_attempt_at = $1, lease_token = $2 WHERE id = \
             (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL \
              AND cancelled_at IS NULL AND next_attempt_at <= $3 ORDER BY next_attempt_at LIMIT 1{pick}) \
             RETURNING id, radicado, caused_by, message, recipient, facts, attempts"
        );
        let _turn = self.db.write_turn().await;
        let row = sqlx::query(&sql)
            .bind(instant_text(now + Duration::seconds(LEASE_SECS)))
            .bind(token.clone())
            .bind(instant_text(now))
            .fetch_optional(&self.db.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let message: String = row.try_get(3)?;
        let facts: String = row.try_get(5)?;
        let outgoing = Outgoing {
            id: row.try_get(0)?,
            radicado: row.try_get(1)?,
            caused_by: row.try_get(2)?,
            message: Letter::parse(&message)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown message `{message}`")))?,
            recipient: row.try_get(4)?,
            facts: serde_json::from_str(&facts)?,
            attempts: row.try_get(6)?,
        };
        Ok(Some((outgoing, token)))
    }

    async fn send(&self, m: &Outgoing) -> Outcome {
        let rendered = match self.renderer.render(m) {
            Ok(r) => r,
            Err(e) => return Outcome::Permanent(format!("cannot write the message: {e}")),
        };
        let to: lettre::message::Mailboxes = match m.recipient.parse() {
            Ok(to) => to,
            Err(e) => return Outcome::Permanent(format!("bad recipient address: {e}")),
        };
        let mut builder = lettre::Message::builder()
            .message_id(Some(format!("<{}>", m.id)))
            .from(self.from.clone())
            .subject(rendered.subject);
        for mailbox in to {
            builder = builder.to(mailbox);
        }
        if let Some(r) = &self.reply_to {
            builder = builder.reply_to(r.clone());
        }
        let email = builder.multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(rendered.text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(rendered.html),
                ),
        );
        let email = match email {
            Ok(e) => e,
            Err(e) => return Outcome::Permanent(format!("cannot build the message: {e}")),
        };
        match self.transport.send(email).await {
            Ok(response) => {
                let text = response.message().collect::<Vec<_>>().join(" ");
                Outcome::Accepted(format!("{} {text}", response.code()).trim().to_owned())
            }
            Err(e) if e.is_permanent() => Outcome::Permanent(e.to_string()),
            Err(e) => Outcome::Transient(e.to_string()),
        }
    }

    /// Sends every due message; returns how many were claimed.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        self.queue_digest().await?;
        let mut claimed = 0;
        while let Some((m, token)) = self.claim().await? {
            claimed += 1;
            let outcome = self.send(&m).await;
            self.settle(&m, &token, outcome).await?;
        }
        Ok(claimed)
    }

    #[tracing::instrument(name = "mail.settle", skip_all, fields(radicado = %m.radicado, message = m.message.as_str()))]
    async fn settle(&self, m: &Outgoing, token: &str, outcome: Outcome) -> Result<(), StoreError> {
        let message = match m.message {
            Letter::Petitioner(message) => message,
            Letter::Staff(s) => return self.settle_staff(m, s, token, outcome).await,
        };
        let now = self.clock.now();
        let at = now.with_timezone(&pqrs_domain::deadline::bogota());
        let attempts = m.attempts + 1;
        let to = Email::parse(&m.recipient)
            .map_err(|_| StoreError::Corrupt(format!("bad recipient in outbox row {}", m.id)))?;
        let caused_by = u64::try_from(m.caused_by).unwrap_or_default();
        let message_id = format!("<{}>", m.id);
        let (event, mark) = match outcome {
            Outcome::Accepted(reply) => {
                tracing::info!("message accepted by the SMTP server");
                (
                    PqrEvent::PetitionerNotified(PetitionerNotified {
                        message,
                        to,
                        message_id,
                        caused_by,
                        server_reply: reply.clone(),
                        at,
                    }),
                    sqlx::query(
                        "UPDATE mail_outbox SET sent_at = $1, server_reply = $2, attempts = $3, \
                         lease_token = NULL WHERE id = $4 AND lease_token = $5",
                    )
                    .bind(instant_text(now))
                    .bind(reply),
                )
            }
            Outcome::Transient(error) if attempts < MAX_ATTEMPTS => {
                let next = now + Duration::seconds(alerts::backoff_secs(attempts));
                tracing::warn!(%error, attempts, "message not sent; will retry");
                let _turn = self.db.write_turn().await;
                sqlx::query(
                    "UPDATE mail_outbox SET attempts = $1, next_attempt_at = $2, last_error = $3, \
                     lease_token = NULL WHERE id = $4 AND lease_token = $5",
                )
                .bind(attempts)
                .bind(instant_text(next))
                .bind(error)
                .bind(m.id.clone())
                .bind(token.to_owned())
                .execute(&self.db.pool)
                .await?;
                return Ok(());
            }
            Outcome::Transient(error) | Outcome::Permanent(error) => {
                tracing::error!(%error, attempts, "message failed for good; alert raised");
                (
                    PqrEvent::NotificationFailed(NotificationFailed {
                        message,
                        to,
                        message_id,
                        caused_by,
                        error: error.clone(),
                        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                        at,
                    }),
                    sqlx::query(
                        "UPDATE mail_outbox SET failed_at = $1, last_error = $2, attempts = $3, \
                         lease_token = NULL WHERE id = $4 AND lease_token = $5",
                    )
                    .bind(instant_text(now))
                    .bind(error),
                )
            }
        };
        let failed = matches!(event, PqrEvent::NotificationFailed(_));
        let mark = mark
            .bind(attempts)
            .bind(m.id.clone())
            .bind(token.to_owned());
        if !self.record(&m.radicado, &event, mark).await? {
            tracing::warn!("lease lost while sending; the other deliverer records it");
            return Ok(());
        }
        if failed {
            let alert = Alert {
                id: uuid::Uuid::new_v4().to_string(),
                radicado: m.radicado.clone(),
                kind: "notification_failed".into(),
                // One alert per message: the alerts table is unique on (case, kind, due_date).
                due_date: m.id.clone(),
                business_days_left: 0,
                deliver_by: None,
                priority: false,
                level: "high".into(),
                raised_at: instant_text(now),
            };
            alerts::record(&self.db, &alert, &self.webhooks, now).await?;
        }
        Ok(())
    }

    /// A staff message's outcome: marked in the outbox only (staff messages are not events of
    /// the petitioner's case); a failure for good raises the alert `staff_mail_failed`. Logs
    /// carry no address.
    async fn settle_staff(
        &self,
        m: &Outgoing,
        message: StaffMessage,
        token: &str,
        outcome: Outcome,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        let attempts = m.attempts + 1;
        let (sql, text, failed) = match outcome {
            Outcome::Accepted(reply) => {
                tracing::info!(message = message.as_str(), "staff message accepted");
                (
                    "UPDATE mail_outbox SET sent_at = $1, server_reply = $2, attempts = $3, \
                     lease_token = NULL WHERE id = $4 AND lease_token = $5",
                    reply,
                    false,
                )
            }
            Outcome::Transient(error) if attempts < MAX_ATTEMPTS => {
                tracing::warn!(message = message.as_str(), %error, attempts, "staff message not sent; will retry");
                let next = now + Duration::seconds(alerts::backoff_secs(attempts));
                let _turn = self.db.write_turn().await;
                sqlx::query(
                    "UPDATE mail_outbox SET attempts = $1, next_attempt_at = $2, last_error = $3, \
                     lease_token = NULL WHERE id = $4 AND lease_token = $5",
                )
                .bind(attempts)
                .bind(instant_text(next))
                .bind(error)
                .bind(m.id.clone())
                .bind(token.to_owned())
                .execute(&self.db.pool)
                .await?;
                return Ok(());
            }
            Outcome::Transient(error) | Outcome::Permanent(error) => {
                tracing::error!(message = message.as_str(), %error, attempts, "staff message failed for good; alert raised");
                (
                    "UPDATE mail_outbox SET failed_at = $1, last_error = $2, attempts = $3, \
                     lease_token = NULL WHERE id = $4 AND lease_token = $5",
                    error,
                    true,
                )
            }
        };
        let touched = {
            let _turn = self.db.write_turn().await;
            sqlx::query(sql)
                .bind(instant_text(now))
                .bind(text)
                .bind(attempts)
                .bind(m.id.clone())
                .bind(token.to_owned())
                .execute(&self.db.pool)
                .await?
                .rows_affected()
        };
        if failed && touched == 1 {
            let alert = Alert {
                id: uuid::Uuid::new_v4().to_string(),
                radicado: m.radicado.clone(),
                kind: "staff_mail_failed".into(),
                due_date: m.id.clone(),
                business_days_left: 0,
                deliver_by: None,
                priority: false,
                level: "normal".into(),
                raised_at: instant_text(now),
            };
            alerts::record(&self.db, &alert, &self.webhooks, now).await?;
        }
        Ok(())
    }

    /// Appends `event` to the case and runs `mark` (which must touch one row) in one
    /// transaction; retries when a concurrent command took the next sequence. Returns false
    /// (and records nothing) when `mark` touched no row: the lease was lost.
    async fn record<'q>(
        &self,
        radicado: &str,
        event: &PqrEvent,
        mark: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<bool, StoreError> {
        use cqrs_es::DomainEvent;
        let payload = serde_json::to_string(&serde_json::to_value(event)?)?;
        let metadata = serde_json::to_string(&serde_json::json!({
            "actor_id": "mail",
            "actor_kind": "system",
        }))?;
        let mut mark = Some(mark);
        for _ in 0..10 {
            let _turn = self.db.write_turn().await;
            let mut tx = self.db.pool.begin().await?;
            // The head lock first, as every append: on SQLite a transaction that read before
            // its first write cannot take the write lock once another process wrote (BUSY).
            ledger::lock_head(&mut tx).await?;
            let row = sqlx::query(
                "SELECT COALESCE(MAX(sequence), 0) FROM events \
                 WHERE aggregate_type = 'Pqr' AND aggregate_id = $1",
            )
            .bind(radicado.to_owned())
            .fetch_one(&mut *tx)
            .await?;
            let last: i64 = row.try_get(0)?;
            let new = NewEvent {
                aggregate_type: "Pqr".into(),
                aggregate_id: radicado.to_owned(),
                sequence: last + 1,
                event_type: event.event_type(),
                event_version: event.event_version(),
                payload: payload.clone(),
                metadata: metadata.clone(),
            };
            match ledger::append(&mut tx, vec![new], &instant_text(self.clock.now())).await {
                Ok(_) => {}
                Err(e) if unique_violation(&e).is_some() => continue,
                Err(e) => return Err(e.into()),
            }
            let Some(q) = mark.take() else {
                return Err(StoreError::Corrupt("outbox mark used twice".into()));
            };
            let touched = q.execute(&mut *tx).await?.rows_affected();
            if touched != 1 {
                tx.rollback().await?;
                return Ok(false);
            }
            tx.commit().await?;
            return Ok(true);
        }
        Err(StoreError::Unavailable(format!(
            "case {radicado} kept changing while its notification was recorded"
        )))
    }
}

/// Deliverer loops per process: each claims its own messages (claims are safe across tasks
/// as across processes), so one slow SMTP exchange does not hold the others back.
pub const WORKERS: usize = 4;

/// Runs `deliverer` in [`WORKERS`] loops, each every `every` (and at once), backing off after
/// store errors, until the process ends.
pub fn spawn(deliverer: Deliverer, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    let deliverer = Arc::new(deliverer);
    tokio::spawn(async move {
        let mut loops = Vec::with_capacity(WORKERS);
        for _ in 0..WORKERS {
            let deliverer = deliverer.clone();
            loops.push(tokio::spawn(async move {
                let mut backoff = every;
                loop {
                    match deliverer.deliver_due().await {
                        Ok(_) => backoff = every,
                        Err(e) => {
                            tracing::warn!(error = %e, retry_in = ?backoff, "mail delivery run failed");
                            backoff = (backoff * 2).min(std::time::Duration::from_secs(60));
                        }
                    }
                    tokio::time::sleep(backoff).await;
                }
            }));
        }
        for l in loops {
            let _ = l.await;
        }
    })
}

/// The outbox's messages by state.
pub async fn counts(db: &Db) -> Result<Counts, StoreError> {
    super::counts(db).await
}
