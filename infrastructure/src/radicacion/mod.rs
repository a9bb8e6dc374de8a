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

pub use counter::counter_fault;

use crate::cases;
use crate::clock::{instant_text, Clock};
use crate::db::{Backend, Db};
use crate::error::Constraint;
use crate::error::{unique_violation, StoreError};
use crate::event_store::PqrsEventRepository;
use crate::idempotency::{self, IdempotencyKey};
use crate::ledger::{self, NewEvent};
use chrono::{DateTime, Datelike, FixedOffset};
use cqrs_es::{Aggregate, DomainEvent};
use pqrs_domain::contact::Channel;
use pqrs_domain::deadline::{bogota, local_date};
use pqrs_domain::pqr::{AcceptedFiling, NewFiling, PqrEvent, PqrFiled};
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{AccessCode, Kind, Petitioner, Pqr, PqrError, PqrServices, Radicado};
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

/// The one conversion of a filing to its stored row: the `PqrFiled` event as the first of its
/// stream, payload and metadata as canonical JSON text (serde_json's sorted keys), the same
/// row the cqrs-es path writes for any other event (a test below holds them equal).
fn stored_row(
    filed: &PqrFiled,
    metadata: &BTreeMap<String, String>,
) -> Result<NewEvent, StoreError> {
    let event = PqrEvent::PqrFiled(filed.clone());
    Ok(NewEvent {
        aggregate_type: Pqr::TYPE.to_owned(),
        aggregate_id: filed.radicado.to_string(),
        sequence: 1,
        event_type: event.event_type(),
        event_version: event.event_version(),
        payload: serde_json::to_value(&event)?.to_string(),
        metadata: serde_json::to_value(metadata)?.to_string(),
    })
}

impl Worker {
    /// The filing decision, once: the domain accepts the filing (received now unless staff
    /// gave `received_at`) or refuses it before it takes a number. Returns the queued job and
    /// where its answer will come.
    #[allow(clippy::type_complexity)]
    fn accept(
        &self,
        request: FilingRequest,
        now: DateTime<FixedOffset>,
    ) -> Result<(Job, oneshot::Receiver<Result<Filing, FilingError>>), FilingError> {
        let FilingRequest {
            kind,
            subject,
            description,
            channel,
            petitioner,
            consent_personal_data,
            received_at,
            idempotency,
            metadata,
        } = request;
        let code = new_code();
        let accepted = Pqr::accept_filing(
            NewFiling {
                kind,
                subject,
                description,
                channel,
                petitioner,
                consent_personal_data,
                received_at: received_at.unwrap_or(now),
                access_code_hash: code.hash(),
            },
            &self.services,
        )?;
        let (reply, answer) = oneshot::channel();
        let job = Job {
            accepted,
            code,
            idempotency,
            metadata,
            reply,
        };
        Ok((job, answer))
    }

    async fn run(self, mut rx: mpsc::Receiver<Job>, max_batch: usize) {
        while let Some(first) = rx.recv().await {
            let mut jobs = vec![first];
            while jobs.len() < max_batch {
                match rx.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
            let span = tracing::info_span!(
                "filing_batch",
                size = jobs.len(),
                first = Empty,
                last = Empty
            );
            self.process(jobs).instrument(span).await;
            if rx.is_empty() {
                self.release().await;
            }
        }
    }

    /// Gives the desk's connection back to the pool.
    async fn release(&self) {
        drop(self.conn.lock().await.take());
    }

    /// The first result of `key`, if it was used before; `KeyReused` if with another request.
    async fn replay(
        &self,
        key: &IdempotencyKey,
        fingerprint: &str,
    ) -> Result<Option<Filing>, FilingError> {
        let Some(recorded) = idempotency::find(&self.db, key).await? else {
            return Ok(None);
        };
        if recorded.request_hash != fingerprint {
            return Err(FilingError::KeyReused);
        }
        let pqr = cases::find(&self.repo, &recorded.radicado)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("{} has no events", recorded.radicado)))?;
        let case = pqr
            .case()
            .ok_or_else(|| StoreError::Corrupt(format!("{} is not filed", recorded.radicado)))?;
        let access_code = key
            .unseal(&recorded.sealed_code)
            .ok_or_else(|| StoreError::Corrupt("sealed access code".into()))?;
        Ok(Some(Filing {
            filed: case.filing.clone(),
            access_code,
            replayed: true,
        }))
    }

    async fn process(&self, jobs: Vec<Job>) {
        // Two requests with one key in the same batch: the first is filed, the others are
        // answered from it afterwards (or filed if the first failed).
        let mut seen = HashSet::new();
        let (mut batch, mut later) = (Vec::new(), Vec::new());
        for job in jobs {
            let duplicate = job
                .idempotency
                .as_ref()
                .is_some_and(|(k, _)| !seen.insert(k.lookup_hash()));
            if duplicate {
                later.push(job);
            } else {
                batch.push(job);
            }
        }
        match self.commit(&batch).await {
            Ok(filings) => {
                for (job, filed) in batch.into_iter().zip(filings) {
                    let _ = job.reply.send(Ok(Filing {
                        filed,
                        access_code: job.code,
                        replayed: false,
                    }));
                }
            }
            Err(e) if batch.len() == 1 => {
                if let Some(job) = batch.pop() {
                    let result = self.settle_single_failure(&job, e).await;
                    let _ = job.reply.send(result);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, size = batch.len(), "batch failed; filing one by one");
                for job in batch {
                    let result = self.commit_alone(&job).await;
                    let _ = job.reply.send(result);
                }
            }
        }
        for job in later {
            let result = match &job.idempotency {
                Some((key, fingerprint)) => match self.replay(key, fingerprint).await {
                    Ok(Some(filing)) => Ok(filing),
                    Ok(None) => self.commit_alone(&job).await,
                    Err(e) => Err(e),
                },
                None => Err(FilingError::Closed),
            };
            let _ = job.reply.send(result);
        }
    }

    /// Files `job` in a transaction of its own.
    async fn commit_alone(&self, job: &Job) -> Result<Filing, FilingError> {
        match self.commit(std::slice::from_ref(job)).await {
            Ok(mut filed) => filed
                .pop()
                .map(|filed| Filing {
                    filed,
                    access_code: job.code.clone(),
                    replayed: false,
                })
                .ok_or(FilingError::Closed),
            Err(e) => self.settle_single_failure(job, e).await,
        }
    }

    /// A single filing failed to commit: a concurrent use of its Idempotency-Key (another
    /// process got there first) is answered with that result; anything else is an error.
    async fn settle_single_failure(
        &self,
        job: &Job,
        e: FilingError,
    ) -> Result<Filing, FilingError> {
        if violated(&e) == Some(Constraint::IdempotencyKey) {
            if let Some((key, fingerprint)) = &job.idempotency {
                if let Some(filing) = self.replay(key, fingerprint).await? {
                    return Ok(filing);
                }
            }
        }
        Err(e)
    }

    /// Numbers, decides and appends `batch` in one transaction, on the desk's connection.
    async fn commit(&self, batch: &[Job]) -> Result<Vec<PqrFiled>, FilingError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(fault) = self.db.faults.counter() {
            return Err(FilingError::Store(StoreError::Fault(fault)));
        }
        let result = self.commit_once(batch).await;
        match result {
            Err(e) if violated(&e) == Some(Constraint::StreamSequence) => {
                // A number handed out is already filed: the counter is behind the log.
                let year = batch
                    .first()
                    .map(|job| local_date(&job.accepted.received_at()).year())
                    .unwrap_or_default();
                match counter_fault(&self.db, year).await {
                    Ok(Some(fault)) => {
                        tracing::error!(fault = %fault, "radicado counter behind the filed numbers; filing refused");
                        self.db.faults.set_counter(Some(fault.clone()));
                        Err(FilingError::Store(StoreError::Fault(fault)))
                    }
                    _ => Err(e),
                }
            }
            other => other,
        }
    }

    async fn commit_once(&self, batch: &[Job]) -> Result<Vec<PqrFiled>, FilingError> {
        let _turn = self.db.write_turn().await;
        let mut held = self.conn.lock().await;
        let mut conn = match held.take() {
            Some(conn) => conn,
            None => self.db.pool.acquire().await.map_err(StoreError::from)?,
        };
        let result = self.commit_on(&mut conn, batch).await;
        if result.is_ok() {
            *held = Some(conn);
        }
        result
    }

    async fn commit_on(
        &self,
        conn: &mut AnyConnection,
        batch: &[Job],
    ) -> Result<Vec<PqrFiled>, FilingError> {
        let mut tx = conn.begin().await.map_err(StoreError::from)?;

        // Numbers per year of receipt (Bogotá), handed out in queue order.
        let years: Vec<i32> = batch
            .iter()
            .map(|job| local_date(&job.accepted.received_at()).year())
            .collect();
        let mut counts: BTreeMap<i32, i64> = BTreeMap::new();
        for y in &years {
            *counts.entry(*y).or_default() += 1;
        }
        let mut next: HashMap<i32, i64> = HashMap::new();
        let mut head = None;
        let one_year = match (counts.len(), counts.first_key_value()) {
            (1, Some((&year, &n))) => Some((year, n)),
            _ => None,
        };
        if let (Backend::Postgres, Some((year, n))) = (self.db.backend, one_year) {
            // One round trip for the counter and the ledger head, locked in that order (the
            // head's update waits for the counter's row: a one-time filter on `c`), as the two
            // statements below would; the head stays locked until commit, see `ledger`.
            let row = sqlx::query(
                "WITH c AS (INSERT INTO radicado_counters (year, last_number) VALUES ($1, $2) \
                 ON CONFLICT (year) DO UPDATE SET last_number = radicado_counters.last_number + $2 \
                 RETURNING last_number), \
                 h AS (UPDATE ledger_head SET position = position \
                 WHERE id = 1 AND EXISTS (SELECT 1 FROM c) RETURNING position, hash) \
                 SELECT c.last_number, h.position, h.hash FROM c, h",
            )
            .bind(year)
            .bind(n)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::from)?;
            let last: i64 = row.try_get(0).map_err(StoreError::from)?;
            next.insert(year, last - n + 1);
            head = Some((
                row.try_get(1).map_err(StoreError::from)?,
                row.try_get(2).map_err(StoreError::from)?,
            ));
            counts.clear();
        }
        for (year, n) in counts {
            let row = sqlx::query(
                "INSERT INTO radicado_counters (year, last_number) VALUES ($1, $2) \
                 ON CONFLICT (year) DO UPDATE SET last_number = radicado_counters.last_number + $2 \
                 RETURNING last_number",
            )
            .bind(year)
            .bind(n)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::from)?;
            let last: i64 = row.try_get(0).map_err(StoreError::from)?;
            next.insert(year, last - n + 1);
        }

        let mut filed = Vec::with_capacity(batch.len());
        let mut rows: Vec<NewEvent> = Vec::with_capacity(batch.len());
        for (job, year) in batch.iter().zip(years) {
            let number = next.entry(year).or_default();
            let radicado = Radicado::new(year, u64::try_from(*number).unwrap_or(0))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            *number += 1;
            let event = job.accepted.clone().numbered(radicado);
            rows.push(stored_row(&event, &job.metadata)?);
            tracing::debug!(
                radicado = %radicado,
                request_id = job.metadata.get("request_id").map_or("", String::as_str),
                "numbered"
            );
            filed.push(event);
        }
        let span = tracing::Span::current();
        if let (Some(first), Some(last)) = (filed.first(), filed.last()) {
            span.record("first", tracing::field::display(&first.radicado));
            span.record("last", tracing::field::display(&last.radicado));
        }

        let recorded_at = instant_text(self.clock.now());
        // Each filing's access code and, if it came with one, its Idempotency-Key: written by
        // the append with the events (one statement on PostgreSQL, see `ledger::append_with`).
        let mut codes = Vec::with_capacity(filed.len());
        let mut keys = Vec::new();
        for (job, f) in batch.iter().zip(&filed) {
            let radicado = f.radicado.to_string();
            if let Some((key, fingerprint)) = &job.idempotency {
                keys.extend([
                    key.lookup_hash(),
                    fingerprint.clone(),
                    radicado.clone(),
                    key.seal(&job.code),
                    recorded_at.clone(),
                ]);
            }
            codes.push((radicado, f.access_code_hash.as_str().to_owned()));
        }
        let also = vec![
            crate::access::rows(codes),
            ledger::Rows {
                table_and_columns:
                    "idempotency_keys (key_hash, request_hash, radicado, sealed_code, created_at)",
                per_row: 5,
                values: keys,
            },
        ];
        match head {
            Some(head) => ledger::append_locked(&mut tx, head, rows, &recorded_at, also).await,
            None => ledger::append_with(&mut tx, rows, &recorded_at, also).await,
        }
        .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(filed)
    }
}

#[cfg(test)]
mod tests;
