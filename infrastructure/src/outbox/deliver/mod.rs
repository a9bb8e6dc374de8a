//! The deliverer of the mail outbox: claims due messages in batches with a lease, sends them
//! by SMTP over pooled connections (`lettre`) and records the outcomes on the cases (issue
//! 15). One responsibility per file:
//!
//! - [`claim`]: up to [`BATCH`] due rows at once, stamped with the batch's lease token.
//! - [`send`]: each message rendered and sent; [`SENDING`] of the batch's messages go at once,
//!   each over a connection of the transport's pool (at most [`POOL_SIZE`] open), so a slow
//!   reply does not hold the others and no message pays for a new SMTP session.
//! - [`settle`]: the whole batch recorded in ONE transaction under one head lock: accepted
//!   messages append `PetitionerNotified` and are marked sent, messages refused for good (a
//!   5xx reply, or [`MAX_ATTEMPTS`] transient failures) append `NotificationFailed`, are
//!   marked failed and alerted (`notification_failed`), transient failures (server down, 4xx,
//!   timeout) are due again after [`crate::alerts::backoff_secs`] (2 s doubling to 1 h). Only
//!   rows the batch still holds are marked or recorded.
//! - [`settings`]: the SMTP URL (with the certificate authorities to trust beside the
//!   Mozilla roots, if any), sender and reply-to.
//!
//! Each claim first waits for a lull in filing ([`LULL`], at most [`YIELD_AT_MOST`]): the
//! messages are durable, a citizen waiting for a radicado is not.
//!
//! A process that dies mid-batch leaves the lease to expire; the rows are sent again, with
//! the same `Message-ID`.

mod claim;
mod send;
mod settings;
mod settle;

pub use settings::{redact_url, Encryption, MailError, MailSettings};

use super::staff;
use super::{Letter, Queueing};
use crate::alerts::Webhook;
use crate::clock::Clock;
use crate::db::Db;
use crate::error::StoreError;
use futures_util::stream::{self, StreamExt};
use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::sync::Arc;

/// Seconds a claimed message is reserved for the deliverer that claimed it.
pub const LEASE_SECS: i64 = 120;
/// Transient failures before a message is given up (2 s doubling to 1 h between attempts:
/// about 17 hours in all).
pub const MAX_ATTEMPTS: i64 = 24;
/// Messages one deliverer loop claims, sends and records together.
pub const BATCH: usize = 32;
/// Messages of a batch at the SMTP server at once. With the transport's 30 s timeout
/// ([`settings::TIMEOUT`]) a batch that finds the server hanging is over in
/// `BATCH / SENDING` × 30 s = 60 s, inside its lease.
pub const SENDING: usize = 16;
/// Deliverer loops per process: each claims its own batches (claims are safe across tasks as
/// across processes), so one loop sends while another records.
pub const WORKERS: usize = 2;
/// Messages a process may have sent and not yet recorded at any moment: what a `kill -9` can
/// make it send again (with the same Message-IDs).
pub const IN_FLIGHT: usize = WORKERS * BATCH;
/// SMTP connections a process keeps open to the server at most (idle ones close after 60 s):
/// one per message being sent.
pub const POOL_SIZE: u32 = (WORKERS * SENDING) as u32;
/// Before each claim a deliverer waits until the filing desk has written no batch for this
/// long ([`crate::db::FilingPace`]): filing goes first, the messages wait in the outbox.
pub const LULL: std::time::Duration = std::time::Duration::from_millis(20);
/// … but never longer than this: under endless filing, mail still goes out, a batch per loop
/// each second at least.
pub const YIELD_AT_MOST: std::time::Duration = std::time::Duration::from_secs(1);

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
    /// "filing": {radicado, kind, subject, received_at, due_date, language (when not
    /// Spanish)}}`, without `event` for a
    /// filing's acknowledgement (the filing's facts say it all); staff messages: see
    /// [`super::staff`].
    pub facts: serde_json::Value,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// What a deliverer's run made of the messages it claimed and still held when it recorded
/// them (a message whose lease ran out is the other deliverer's to count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Accepted by the SMTP server.
    pub sent: usize,
    /// Not sent this time, due again later (server unreachable, a 4xx reply).
    pub retrying: usize,
    /// Given up: a 5xx reply, a message that cannot be written, or the last attempt failed.
    pub failed: usize,
}

impl std::ops::AddAssign for Delivered {
    fn add_assign(&mut self, other: Delivered) {
        self.sent += other.sent;
        self.retrying += other.retrying;
        self.failed += other.failed;
    }
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
    /// Whether the last batch found the SMTP server unreachable (logged once per change).
    unreached: std::sync::atomic::AtomicBool,
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

impl Deliverer {
    /// A deliverer on `db` sending through `settings`.
    pub fn new(
        db: Db,
        clock: Clock,
        settings: &MailSettings,
        renderer: Arc<dyn Renderer>,
        webhooks: Arc<Vec<Webhook>>,
    ) -> Result<Deliverer, MailError> {
        let transport = settings
            .transport()?
            // One SMTP session carries many messages: opening one per message (TCP, EHLO,
            // STARTTLS, AUTH) was most of the time a message took.
            .pool_config(PoolConfig::new().max_size(POOL_SIZE))
            .build();
        let reply_to = settings.reply_to_mailbox()?;
        Ok(Deliverer {
            db,
            clock,
            transport,
            from: settings.from_mailbox()?,
            reply_to,
            renderer,
            webhooks,
            digest: None,
            unreached: std::sync::atomic::AtomicBool::new(false),
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

    /// Sends every due message, batch after batch; returns what became of them.
    pub async fn deliver_due(&self) -> Result<Delivered, StoreError> {
        self.queue_digest().await?;
        let mut delivered = Delivered::default();
        loop {
            self.db.filing.lull(LULL, YIELD_AT_MOST).await;
            let claim = self.claim().await?;
            if claim.messages.is_empty() {
                return Ok(delivered);
            }
            // By index: a closure over `&Outgoing` items makes the future not `Send` for every
            // lifetime (a known limit of the compiler), which `tokio::spawn` needs.
            let messages = &claim.messages;
            let outcomes: Vec<_> = stream::iter(0..messages.len())
                .map(|i| self.send(&messages[i]))
                .buffered(SENDING)
                .collect()
                .await;
            let sent = claim.messages.into_iter().zip(outcomes).collect();
            delivered += self.settle(&claim.token, sent).await?;
        }
    }
}

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
