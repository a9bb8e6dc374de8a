//! Radicación: filing PQRs and issuing their radicados, in batches.
//!
//! A gapless consecutive number serializes every filing on one counter row per year. The desk
//! turns that around with group commit: one task per process takes every filing that is
//! waiting (up to `max_batch`), and in ONE transaction increments the year's counter by the
//! batch size, numbers the filings the domain already accepted (decided once, before they
//! were queued: [`Pqr::accept_filing`]), appends their `PqrFiled` events (positions and hash
//! chain, see [`crate::ledger`]) and records their access codes and idempotency keys. Only
//! after that transaction commits does any caller get its radicado.
//!
//! Why no gap can appear: the counter moves only inside the transaction that appends the
//! `PqrFiled` events of exactly the numbers it hands out; if anything fails, the whole
//! transaction (counter included) rolls back, and the batch is retried one filing per
//! transaction so that only the filing at fault is refused. A process killed at any moment
//! leaves either the whole batch committed or none of it.

mod counter;
mod worker;

pub use counter::counter_fault;

use crate::cases;
use crate::clock::{instant_text, Clock};
use crate::db::{Backend, Db};
use crate::error::Constraint;
use crate::error::{unique_violation, StoreError};
use crate::event_store::PqrsEventRepository;
use crate::idempotency::{self, IdempotencyKey};
use crate::journal::{self, NewCase};
use crate::ledger::{self, NewEvent};
use crate::recent::Clear;
use chrono::{DateTime, Datelike, FixedOffset};
use cqrs_es::{Aggregate, DomainEvent};
use pqrs_domain::contact::Channel;
use pqrs_domain::deadline::{bogota, local_date};
use pqrs_domain::pqr::{AcceptedFiling, NewFiling, PqrEvent, PqrFiled};
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{AccessCode, Kind, Petitioner, Pqr, PqrError, PqrServices, Radicado};
use pqrs_projections::EventRecord;
use rand::RngCore;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Connection, Row};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};
use tracing::field::Empty;
use tracing::Instrument;

/// A filing as the API hands it over: parsed, authorized, not yet numbered.
#[derive(Debug, Clone)]
pub struct FilingRequest {
    /// What is filed.
    pub kind: Kind,
    /// Subject line.
    pub subject: Subject,
    /// Body.
    pub description: Description,
    /// How it reached the entity.
    pub channel: Channel,
    /// The petitioner, or `None` for an anonymous filing.
    pub petitioner: Option<Petitioner>,
    /// Consent to personal-data processing.
    pub consent_personal_data: bool,
    /// When it was received; `None` means now (the server clock).
    pub received_at: Option<DateTime<FixedOffset>>,
    /// The Idempotency-Key and the fingerprint of the request it came with.
    pub idempotency: Option<(IdempotencyKey, String)>,
    /// Event metadata: actor, channel, request id.
    pub metadata: BTreeMap<String, String>,
}

/// A filed PQR, as returned to the caller.
#[derive(Debug, Clone)]
pub struct Filing {
    /// The `PqrFiled` event as recorded.
    pub filed: PqrFiled,
    /// The access code (shown once; on an idempotent retry, recovered with the key).
    pub access_code: AccessCode,
    /// Whether this is the result of an earlier request with the same Idempotency-Key.
    pub replayed: bool,
}

/// Why a filing was not made.
#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    /// A rule of the domain refused it (e.g. no consent, a date outside the calendar).
    #[error(transparent)]
    Refused(#[from] PqrError),
    /// The Idempotency-Key was used before with a different request.
    #[error("this Idempotency-Key was already used with a different request")]
    KeyReused,
    /// The store failed; nothing was filed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The desk is shut down.
    #[error("the filing desk is not running")]
    Closed,
}

/// A filing the domain accepted, with its access code, waiting in the desk's queue for its
/// number.
struct Job {
    accepted: AcceptedFiling,
    code: AccessCode,
    idempotency: Option<(IdempotencyKey, String)>,
    metadata: BTreeMap<String, String>,
    /// Its row but for the number, made in the caller's task; taken by the batch that numbers
    /// it.
    ready: Option<Ready>,
    reply: oneshot::Sender<Result<Filing, FilingError>>,
}

/// The filing desk of one process. Cloning shares the same desk.
#[derive(Debug, Clone)]
pub struct FilingDesk {
    worker: Worker,
    queue: mpsc::Sender<Job>,
}

#[derive(Debug, Clone)]
struct Worker {
    db: Db,
    repo: PqrsEventRepository,
    services: PqrServices,
    clock: Clock,
    /// The desk's connection while filings keep coming: back-to-back batches then pay no pool
    /// acquire (and its liveness ping) and find their prepared statements warm, and readers
    /// that exhaust the pool cannot hold filings up. It goes back to the pool as soon as the
    /// queue is empty (so the pool can close) and after a failed batch (the pool checks it
    /// before reuse; the next batch takes a fresh one).
    conn: Arc<Mutex<Option<PoolConnection<Any>>>>,
    /// On SQLite, what the desk's last commit left in the store, while nothing else may have
    /// written since (see `worker::Known`).
    known: Arc<std::sync::Mutex<Option<worker::Known>>>,
}

/// Most filings committed in one transaction.
pub const DEFAULT_MAX_BATCH: usize = 256;

impl FilingDesk {
    /// Starts the desk's task on the current runtime.
    pub fn start(db: Db, services: PqrServices, clock: Clock, max_batch: usize) -> FilingDesk {
        let worker = Worker {
            repo: PqrsEventRepository::new(db.clone(), clock.clone()),
            db,
            services,
            clock,
            conn: Arc::new(Mutex::new(None)),
            known: Arc::default(),
        };
        let (queue, rx) = mpsc::channel(max_batch.max(1) * 8);
        tokio::spawn(worker.clone().run(rx, max_batch.max(1)));
        FilingDesk { worker, queue }
    }

    /// Files one PQR: answers a known Idempotency-Key with its first result, refuses what the
    /// domain refuses, and otherwise waits for the batch holding it to commit.
    pub async fn file(&self, request: FilingRequest) -> Result<Filing, FilingError> {
        if let Some(damage) = crate::error::corruption() {
            return Err(FilingError::Store(StoreError::Fault(format!(
                "El almacén de datos está dañado ({damage}). No se radica nada hasta que un \
                 operador lo repare o lo restaure desde una copia de seguridad."
            ))));
        }
        if let Some(fault) = self.counter_fault().await {
            return Err(FilingError::Store(StoreError::Fault(fault)));
        }
        if let Some((key, fingerprint)) = &request.idempotency {
            if let Some(filing) = self.worker.replay(key, fingerprint).await? {
                return Ok(filing);
            }
        }
        // Decided once, before taking a number: a batch holds only filings the domain accepts.
        let now = self.worker.clock.now().with_timezone(&bogota());
        let (job, answer) = self.worker.accept(request, now)?;
        self.queue
            .send(job)
            .await
            .map_err(|_| FilingError::Closed)?;
        answer.await.map_err(|_| FilingError::Closed)?
    }

    /// Looks for a radicado counter behind the filed numbers (see [`counter_fault`]) and
    /// records the result in the store's faults; run at start, and again by filings and
    /// readiness while a fault is set, so a repair is noticed. Returns the fault.
    pub async fn check_counters(&self) -> Result<Option<String>, StoreError> {
        let year = local_date(&self.worker.clock.now().with_timezone(&bogota())).year();
        let fault = counter_fault(&self.worker.db, year).await?;
        let before = self.worker.db.faults.counter();
        match (&before, &fault) {
            (None, Some(f)) => {
                tracing::error!(fault = %f, "radicado counter behind the filed numbers; filing refused");
            }
            (Some(_), None) => tracing::info!("radicado counter repaired; filing resumes"),
            _ => {}
        }
        self.worker.db.faults.set_counter(fault.clone());
        Ok(fault)
    }

    /// The radicado-counter fault, if one is set and still there (checked again, so a
    /// repaired counter clears it).
    pub async fn counter_fault(&self) -> Option<String> {
        let fault = self.worker.db.faults.counter()?;
        match self.check_counters().await {
            Ok(now) => now,
            Err(_) => Some(fault),
        }
    }

    /// Files several PQRs in one transaction, without the Idempotency-Key pre-check: if the
    /// transaction fails, each is retried alone. For tools and tests of the batch path.
    pub async fn file_batch(
        &self,
        requests: Vec<FilingRequest>,
    ) -> Vec<Result<Filing, FilingError>> {
        let now = self.worker.clock.now().with_timezone(&bogota());
        let mut jobs = Vec::with_capacity(requests.len());
        let mut answers = Vec::with_capacity(requests.len());
        for request in requests {
            answers.push(match self.worker.accept(request, now) {
                Ok((job, answer)) => {
                    jobs.push(job);
                    Ok(answer)
                }
                Err(refused) => Err(refused),
            });
        }
        let span = tracing::info_span!(
            "filing_batch",
            size = jobs.len(),
            first = Empty,
            last = Empty
        );
        self.worker.process(jobs).instrument(span).await;
        self.worker.release().await;
        let mut out = Vec::with_capacity(answers.len());
        for a in answers {
            out.push(match a {
                Ok(answer) => answer.await.unwrap_or(Err(FilingError::Closed)),
                Err(refused) => Err(refused),
            });
        }
        out
    }
}

/// Which unique constraint `e` violated, if it is such a violation.
fn violated(e: &FilingError) -> Option<Constraint> {
    match e {
        FilingError::Store(StoreError::Database(db)) => unique_violation(db),
        _ => None,
    }
}

fn new_code() -> AccessCode {
    let mut bytes = [0u8; 13];
    rand::rng().fill_bytes(&mut bytes);
    AccessCode::from_random_bytes(bytes)
}

/// A filing and its stored row made in the caller's task, before the filing has a number, so
/// that the desk, which writes one batch at a time, does not spend its turn on them: the
/// `PqrFiled` event and its payload (externally tagged, as the append seals and prints it,
/// [`journal::append_new_cases`]) under a stand-in radicado, the payload's copy in clear for
/// the case projection ([`crate::recent`]), and the metadata as a JSON value and as
/// canonical text (serde_json's sorted keys).
///
/// [`Ready::numbered`] gives the filing its radicado and [`ReadyRow::numbered`] puts it in
/// the payload's one place for it. A test holds the row equal to the one the cqrs-es path
/// writes for the numbered filing, as for any other event.
#[derive(Debug)]
struct Ready {
    /// The filing under the stand-in radicado.
    filed: PqrFiled,
    /// Its row.
    row: ReadyRow,
}

/// The row of a [`Ready`] filing: what [`ReadyRow::numbered`] needs besides the number.
#[derive(Debug)]
struct ReadyRow {
    event_type: String,
    event_version: String,
    payload: serde_json::Value,
    clear: Option<serde_json::Value>,
    metadata: serde_json::Value,
    metadata_text: String,
}

impl Ready {
    /// The row of `accepted` but for its number; `keep_clear`: with a copy in clear.
    fn new(
        accepted: &AcceptedFiling,
        metadata: &BTreeMap<String, String>,
        keep_clear: bool,
    ) -> Result<Ready, StoreError> {
        let year = local_date(&accepted.received_at()).year();
        let stand_in = Radicado::new(year, 1).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let filed = accepted.clone().numbered(stand_in);
        let event = PqrEvent::PqrFiled(filed.clone());
        let payload = serde_json::to_value(&event)?;
        let metadata = serde_json::to_value(metadata)?;
        let row = ReadyRow {
            event_type: event.event_type(),
            event_version: event.event_version(),
            clear: keep_clear.then(|| payload.clone()),
            payload,
            metadata_text: crate::event_rows::json_text(&metadata),
            metadata,
        };
        Ok(Ready { filed, row })
    }

    /// The filing numbered `radicado`, and its row still to be given the number
    /// ([`ReadyRow::numbered`]).
    fn numbered(self, radicado: Radicado) -> (PqrFiled, ReadyRow) {
        let Ready { mut filed, row } = self;
        filed.radicado = radicado;
        (filed, row)
    }
}

impl ReadyRow {
    /// The row of `filed`, the filing this was made for now numbered, and, with `keep_clear`,
    /// its payload and metadata in clear for the case projection.
    fn numbered(
        self,
        filed: &PqrFiled,
        keep_clear: bool,
    ) -> Result<(NewCase<'_>, Option<Clear>), StoreError> {
        let radicado = filed.radicado.to_string();
        let ReadyRow {
            event_type,
            event_version,
            mut payload,
            clear,
            metadata,
            metadata_text,
        } = self;
        // The event is externally tagged: `{"PqrFiled": {…, "radicado": …}}`.
        let put_number = |payload: &mut serde_json::Value| -> Result<(), StoreError> {
            let slot = payload
                .get_mut(&event_type)
                .and_then(|filing| filing.get_mut("radicado"))
                .ok_or_else(|| {
                    StoreError::Corrupt("a filing's payload without its radicado".into())
                })?;
            *slot = serde_json::Value::String(radicado.clone());
            Ok(())
        };
        put_number(&mut payload)?;
        let clear = match (keep_clear, clear) {
            (false, _) => None,
            (true, Some(mut clear)) => {
                put_number(&mut clear)?;
                Some(clear)
            }
            (true, None) => Some(payload.clone()),
        };
        let clear = clear.map(|payload| Clear { payload, metadata });
        let row = NewEvent {
            aggregate_type: Pqr::TYPE.to_owned(),
            aggregate_id: radicado,
            sequence: 1,
            event_type,
            event_version,
            payload: String::new(),
            metadata: metadata_text,
        };
        Ok((
            NewCase {
                filing: filed,
                row,
                payload,
            },
            clear,
        ))
    }
}

#[cfg(test)]
mod tests;
