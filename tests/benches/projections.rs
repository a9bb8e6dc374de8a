//! Projections at 1 million events (issue 5).
//!
//! 1. Fills a fresh PostgreSQL store with N events (default 1 000 000, about one case per ten
//!    events). Every event comes from the real aggregate run in memory (`Pqr::decide_filing`,
//!    then `Pqr::decide` for Assign, AddNote ×k, Escalate, RequestCompletion /
//!    SupplyCompletion, the scheduler's tacit withdrawal and positive silence, Answer), is
//!    serialized as the store does (`SerializedEvent::try_from(&EventEnvelope)` then
//!    `event_store::to_new_event`) and appended with `ledger::append` in transactions of
//!    20 000 rows, in the order the events happened (cases interleave), with
//!    `radicado_counters` moved in the same transactions. Cases are filed from 2026-06-01 to
//!    2026-11-23; about 60 % are answered, the others stay open (a backlog never answered, and
//!    recent cases whose answer is not due yet), so a good share is overdue on 2026-11-24.
//! 2. Rebuilds the case view with `projection::rebuild_case_view` (the code of
//!    `pqrs projections rebuild`) and prints its rate, next to cqrs-es's own `QueryReplay`
//!    (through our `PqrsEventRepository::stream_all_events`) feeding a `GenericQuery` whose
//!    `ViewRepository` loads, applies and saves one view row per event in the same database —
//!    the cqrs-es way of building the same view. QueryReplay runs on the first
//!    `PQRS_BENCH_REPLAY_SAMPLE` events only (it is slow; the rate is per event either way).
//! 3. Times the overdue query and work-queue pages (`queue::page`, pages of 50) at that size,
//!    `PQRS_BENCH_QUERY_RUNS` times each, and prints p50/p95/p99.
//!
//! Run: `cargo bench -p pqrs-tests --bench projections`. Environment: `PQRS_BENCH_EVENTS`
//! (default 1000000), `PQRS_BENCH_REPLAY_SAMPLE` (default 100000), `PQRS_BENCH_QUERY_RUNS`
//! (default 500), `PQRS_BENCH_REBUILD_PAGE` (default 5000, as the CLI), `PQRS_BENCH_EXPLAIN=1`
//! to print the query plans. PostgreSQL at 127.0.0.1 only (the harness's `TestDb`).

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use cqrs_es::persist::{
    GenericQuery, PersistenceError, QueryReplay, SerializedEvent, ViewContext, ViewRepository,
};
use cqrs_es::{Aggregate, EventEnvelope, View};
use pqrs_domain::pqr::{
    AddNote, Answer, AnswerText, Assign, Dependency, Escalate, Note, Official, Outcome, PqrCommand,
    RequestCompletion, SupplyCompletion, Tier,
};
use pqrs_domain::text::{Description, Reason, Subject};
use pqrs_domain::{AccessCode, Channel, Kind, Pqr, PqrEvent, PqrServices, Radicado};
use pqrs_infrastructure::clock::instant_text;
use pqrs_infrastructure::event_store::{self, to_new_event, PqrsEventRepository};
use pqrs_infrastructure::ledger::{self, NewEvent};
use pqrs_infrastructure::queue::{self, Filter, Sort};
use pqrs_infrastructure::{projection, Clock, Db};
use pqrs_projections::CaseRow;
use pqrs_tests::{Backend, TestDb};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Notify;

const ROWS_PER_TX: usize = 20_000;
const YEAR: i32 = 2026;

fn bogota() -> FixedOffset {
    FixedOffset::west_opt(5 * 3600).expect("offset")
}

/// The bench's "now": 2026-11-24 08:00 in Bogotá. Every event happened before it.
fn now() -> DateTime<FixedOffset> {
    bogota()
        .with_ymd_and_hms(2026, 11, 24, 8, 0, 0)
        .single()
        .expect("now")
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// SplitMix64: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn minutes(&mut self, from: i64, to: i64) -> Duration {
        Duration::minutes(from + self.below((to - from).max(1) as u64) as i64)
    }
}

const DEPENDENCIES: [&str; 20] = [
    "Secretaría de Ambiente",
    "Secretaría de Movilidad",
    "Secretaría de Hacienda",
    "Secretaría de Salud",
    "Secretaría de Educación",
    "Secretaría de Gobierno",
    "Secretaría de Planeación",
    "Secretaría de Infraestructura",
    "Secretaría de Desarrollo Económico",
    "Secretaría de Integración Social",
    "Secretaría de Cultura",
    "Secretaría de Seguridad",
    "Secretaría Jurídica",
    "Secretaría General",
    "Oficina de Control Interno",
    "Oficina de Atención al Ciudadano",
    "Departamento de Catastro",
    "Instituto de Recreación y Deporte",
    "Empresa de Servicios Públicos",
    "Unidad de Gestión del Riesgo",
];

const SUBJECTS: [&str; 10] = [
    "Alumbrado público",
    "Poda de árboles",
    "Cobro del impuesto predial",
    "Huecos en la vía",
    "Ruido de establecimiento nocturno",
    "Certificado de estratificación",
    "Atención en el centro de salud",
    "Cupo escolar",
    "Recolección de basuras",
    "Licencia de construcción",
];

const DESCRIPTION: &str = "Respetados señores: me dirijo a ustedes para solicitar de manera \
    respetuosa que se atienda la situación descrita en el asunto, que afecta a los vecinos del \
    barrio desde hace varias semanas. Ya la habíamos reportado por teléfono sin obtener \
    respuesta. Adjunto fotografías y la dirección exacta: Calle 12 con Carrera 3, frente al \
    parque. Agradezco que se me informe el número de la orden de trabajo y la fecha estimada \
    de atención. Quedo atento a su respuesta por este mismo medio.";

const NOTES: [&str; 6] = [
    "Se llamó al peticionario para confirmar la dirección; no contestó. Se intentará de nuevo.",
    "Se solicitó concepto técnico al área responsable; tiempo estimado de respuesta: cinco días.",
    "Visita de inspección programada con la cuadrilla de la zona. Pendiente informe fotográfico.",
    "El área técnica remitió el informe. Se prepara el proyecto de respuesta para revisión.",
    "Revisión jurídica del proyecto de respuesta: ajustar la cita normativa del tercer párrafo.",
    "Caso relacionado con otros reportes del mismo sector; se consolidan para una sola visita.",
];

const KINDS: [(Kind, u64); 8] = [
    (Kind::Petition, 45),
    (Kind::Complaint, 15),
    (Kind::Claim, 15),
    (Kind::InformationRequest, 10),
    (Kind::Consultation, 5),
    (Kind::Report, 4),
    (Kind::Suggestion, 4),
    (Kind::Commendation, 2),
];

const CHANNELS: [Channel; 5] = [
    Channel::Web,
    Channel::Web,
    Channel::Email,
    Channel::Phone,
    Channel::InPerson,
];

fn kind(rng: &mut Rng) -> Kind {
    let mut r = rng.below(100);
    for (k, w) in KINDS {
        if r < w {
            return k;
        }
        r -= w;
    }
    Kind::Petition
}

fn request_id(rng: &mut Rng) -> String {
    let (a, b) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

fn staff_metadata(rng: &mut Rng, official: u64) -> HashMap<String, String> {
    HashMap::from([
        ("actor_kind".into(), "staff".into()),
        ("actor_id".into(), format!("staff-{official:03}")),
        ("actor_name".into(), format!("Funcionario {official:03}")),
        ("actor_role".into(), "agent".into()),
        ("request_id".into(), request_id(rng)),
    ])
}

fn system_metadata(rng: &mut Rng) -> HashMap<String, String> {
    HashMap::from([
        ("actor_kind".into(), "system".into()),
        ("request_id".into(), request_id(rng)),
    ])
}

fn text<T>(r: Result<T, impl std::fmt::Debug>) -> T {
    r.expect("valid text")
}

/// One case's life, decided by the aggregate: (when, event, metadata) in order.
struct CaseLife {
    pqr: Pqr,
    services: PqrServices,
    events: Vec<(DateTime<FixedOffset>, PqrEvent, HashMap<String, String>)>,
}

impl CaseLife {
    /// Runs `command` through `Pqr::decide` and applies its events; a refusal (a guard of the
    /// domain) leaves the case as it was.
    fn run(
        &mut self,
        command: PqrCommand,
        at: DateTime<FixedOffset>,
        meta: HashMap<String, String>,
    ) -> bool {
        if at >= now() {
            return false;
        }
        match self.pqr.decide(command, &self.services) {
            Ok(events) => {
                for e in events {
                    self.pqr.apply(e.clone());
                    self.events.push((at, e, meta.clone()));
                }
                true
            }
            Err(_) => false,
        }
    }

    fn last_at(&self) -> DateTime<FixedOffset> {
        self.events.last().map(|e| e.0).unwrap_or_else(now)
    }

    /// The scheduler's decisions at `at`, if any and if before now.
    fn scheduler(&mut self, rng: &mut Rng, at: DateTime<FixedOffset>) {
        if at >= now() || at <= self.last_at() {
            return;
        }
        for cmd in self.pqr.due_system_commands(at, &self.services) {
            self.run(cmd, at, system_metadata(rng));
        }
    }
}

fn at_day(d: NaiveDate, minutes: Duration) -> DateTime<FixedOffset> {
    bogota()
        .from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("local")
        + minutes
}

/// The structural life of case `number` filed at `t0` (everything but the notes).
fn structural_life(
    rng: &mut Rng,
    services: &PqrServices,
    number: u64,
    t0: DateTime<FixedOffset>,
) -> CaseLife {
    let mut life = CaseLife {
        pqr: Pqr::default(),
        services: services.clone(),
        events: Vec::new(),
    };
    let channel = *rng.pick(&CHANNELS);
    let kind = kind(rng);
    let mut code = [0u8; 13];
    for (i, b) in rng.next().to_le_bytes().into_iter().enumerate() {
        code[i] = b;
    }
    let filed = life
        .pqr
        .decide_filing(
            pqrs_domain::pqr::FilePqr {
                radicado: Radicado::new(YEAR, number).expect("radicado"),
                kind,
                subject: text(Subject::parse(
                    SUBJECTS[rng.below(SUBJECTS.len() as u64) as usize],
                )),
                description: text(Description::parse(DESCRIPTION)),
                channel,
                petitioner: None,
                consent_personal_data: false,
                received_at: t0,
                access_code_hash: AccessCode::from_random_bytes(code).hash(),
            },
            services,
        )
        .expect("filing");
    let filed = PqrEvent::PqrFiled(filed);
    life.pqr.apply(filed.clone());
    let meta = HashMap::from([
        ("actor_kind".into(), "citizen".into()),
        ("channel".into(), channel.as_str().into()),
        ("request_id".into(), request_id(rng)),
    ]);
    life.events.push((t0, filed, meta));

    let official = rng.below(200);
    let dependency = DEPENDENCIES[(official % 20) as usize];
    let mut t = t0 + rng.minutes(60, 48 * 60);
    life.run(
        PqrCommand::Assign(Assign {
            dependency: text(Dependency::parse(dependency)),
            official: text(Official::parse(&format!("Funcionario {official:03}"))),
            reason: None,
            at: t,
        }),
        t,
        staff_metadata(rng, official),
    );

    if rng.chance(0.10) {
        t += rng.minutes(60, 4 * 24 * 60);
        let requested = t < now()
            && life.run(
                PqrCommand::RequestCompletion(RequestCompletion {
                    what: text(Reason::parse(
                        "Indique la dirección exacta y adjunte copia del recibo.",
                    )),
                    at: t,
                }),
                t,
                staff_metadata(rng, official),
            );
        if requested {
            if rng.chance(0.7) {
                t += rng.minutes(24 * 60, 8 * 24 * 60);
                if t < now() {
                    life.run(
                        PqrCommand::SupplyCompletion(SupplyCompletion {
                            text: text(Description::parse(
                                "La dirección es Calle 12 # 3-45; adjunto el recibo solicitado.",
                            )),
                            at: t,
                        }),
                        t,
                        HashMap::from([
                            ("actor_kind".into(), "citizen".into()),
                            ("request_id".into(), request_id(rng)),
                        ]),
                    );
                }
            }
            // Not supplied in time: the scheduler records the tacit withdrawal.
            if let Some(pending) = life.pqr.case().and_then(|c| c.suspension()) {
                let end = pending.window_ends_on();
                if let Some(next) = end.succ_opt() {
                    let at = at_day(next, Duration::minutes(15));
                    life.scheduler(rng, at);
                }
            }
        }
    }

    if rng.chance(0.2) && !life.pqr.case().is_some_and(|c| c.is_closed()) {
        t = life.last_at() + rng.minutes(60, 6 * 24 * 60);
        let tier = if rng.chance(0.2) { 3 } else { 2 };
        if t < now() {
            life.run(
                PqrCommand::Escalate(Escalate {
                    tier: Tier::new(tier).expect("tier"),
                    reason: text(Reason::parse(
                        "Requiere concepto del área especializada antes de responder.",
                    )),
                    at: t,
                }),
                t,
                staff_metadata(rng, official),
            );
        }
    }

    // Answer: 30 % of cases are a backlog never answered; the others are answered around
    // the due date (a fifth late), unless that is still in the future.
    let backlog = rng.chance(0.3);
    if let Some(case) = life.pqr.case().filter(|c| !c.is_closed()) {
        let due = case.due_date;
        let kind = case.kind;
        if !backlog {
            let date = if rng.chance(0.8) {
                due - Duration::days(rng.below(10) as i64)
            } else {
                due + Duration::days(1 + rng.below(20) as i64)
            };
            let mut at = at_day(date, rng.minutes(8 * 60, 17 * 60));
            if at <= life.last_at() {
                at = life.last_at() + rng.minutes(60, 24 * 60);
            }
            if at < now() {
                life.run(
                    PqrCommand::Answer(Answer {
                        text: text(AnswerText::parse(
                            "En atención a su petición, le informamos que la Secretaría \
                             programó la visita técnica y la intervención solicitada se \
                             realizará en las próximas dos semanas. Contra esta decisión no \
                             procede recurso alguno.",
                        )),
                        outcome: *rng.pick(&[
                            Outcome::Granted,
                            Outcome::Granted,
                            Outcome::PartiallyGranted,
                            Outcome::Denied,
                            Outcome::Informative,
                        ]),
                        documents_delivered: (kind == Kind::InformationRequest).then_some(true),
                        at,
                    }),
                    at,
                    staff_metadata(rng, official),
                );
            }
        }
        // An information request still open after its due date: positive silence.
        if kind == Kind::InformationRequest && !life.pqr.case().is_some_and(|c| c.is_closed()) {
            if let Some(next) = due.succ_opt() {
                life.scheduler(rng, at_day(next, Duration::minutes(10)));
            }
        }
    }
    life
}

/// Adds `k` notes between the assignment and the close of the case (an open case: up to 40
/// days after filing, never after now), then returns the events in time order.
fn with_notes(mut life: CaseLife, rng: &mut Rng, k: usize) -> CaseLife {
    let t0 = life.events[0].0;
    let from = life.events.get(1).map(|e| e.0).unwrap_or(t0);
    let closed = life.pqr.case().is_some_and(|c| c.is_closed());
    let until = if closed {
        life.last_at()
    } else {
        (t0 + Duration::days(40)).min(now() - Duration::minutes(1))
    };
    let span = (until - from).num_minutes().max(2);
    for _ in 0..k {
        let at = from + Duration::minutes(1 + rng.below(span as u64 - 1) as i64);
        let official = rng.below(200);
        let note = format!("{} (Funcionario {official:03})", rng.pick(&NOTES));
        life.run(
            PqrCommand::AddNote(AddNote {
                text: text(Note::parse(&note)),
                at,
            }),
            at,
            staff_metadata(rng, official),
        );
    }
    // Stable: events at the same instant keep the order they were decided in.
    life.events.sort_by_key(|e| e.0);
    life
}

/// An event waiting in the merge, ordered by time then by generation order.
struct Pending {
    at: i64,
    tie: u64,
    event: NewEvent,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.tie) == (other.at, other.tie)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.tie).cmp(&(other.at, other.tie))
    }
}

struct Filler<'a> {
    db: &'a Db,
    batch: Vec<NewEvent>,
    batch_last_at: i64,
    filed: i64,
    appended: usize,
}

impl Filler<'_> {
    async fn push(&mut self, p: Pending) {
        self.batch_last_at = p.at;
        self.batch.push(p.event);
        if self.batch.len() >= ROWS_PER_TX {
            self.flush().await;
        }
    }

    async fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.batch);
        // Radicados are filed in number order, so the counter is the number of filings.
        self.filed += rows.iter().filter(|e| e.sequence == 1).count() as i64;
        self.appended += rows.len();
        let recorded_at = instant_text(
            Utc.timestamp_micros(self.batch_last_at)
                .single()
                .expect("instant"),
        );
        let mut tx = self.db.pool.begin().await.expect("begin");
        ledger::append(&mut tx, rows, &recorded_at)
            .await
            .expect("append");
        sqlx::query(
            "INSERT INTO radicado_counters (year, last_number) VALUES ($1, $2) \
             ON CONFLICT (year) DO UPDATE SET last_number = excluded.last_number",
        )
        .bind(YEAR)
        .bind(self.filed)
        .execute(&mut *tx)
        .await
        .expect("counter");
        tx.commit().await.expect("commit");
    }
}

/// Fills the store with `n` events of about `n / 10` cases; returns the number of cases.
pub(crate) async fn fill(db: &Db, n: usize) -> usize {
    let services = PqrServices::default();
    let cases = (n / 10).max(1);
    let mut rng = Rng(0x5eed_2026_1124);
    let start = bogota()
        .with_ymd_and_hms(2026, 6, 1, 7, 0, 0)
        .single()
        .expect("start");
    let end = bogota()
        .with_ymd_and_hms(2026, 11, 23, 18, 0, 0)
        .single()
        .expect("end");
    let step = (end - start).num_seconds() as f64 / cases as f64;
    let mut heap: BinaryHeap<Reverse<Pending>> = BinaryHeap::new();
    let mut filler = Filler {
        db,
        batch: Vec::with_capacity(ROWS_PER_TX),
        batch_last_at: 0,
        filed: 0,
        appended: 0,
    };
    let (mut generated, mut tie) = (0usize, 0u64);
    let started = Instant::now();
    for i in 0..cases {
        let t0 = start + Duration::seconds((i as f64 * step) as i64);
        let t0_micros = t0.timestamp_micros();
        while heap.peek().is_some_and(|p| p.0.at <= t0_micros) {
            let Some(Reverse(p)) = heap.pop() else { break };
            filler.push(p).await;
        }
        let life = structural_life(&mut rng, &services, i as u64 + 1, t0);
        // Notes make up the rest of the budget: about n / cases events per case overall.
        let left = n.saturating_sub(generated + life.events.len());
        let cases_left = cases - i;
        let k = if cases_left == 1 {
            left
        } else {
            let mean = left / cases_left;
            (mean / 2 + rng.below(mean as u64 + 1) as usize).min(left)
        };
        let life = with_notes(life, &mut rng, k);
        generated += life.events.len();
        let id = format!("{YEAR}-{:06}", i + 1);
        for (seq, (at, payload, metadata)) in life.events.into_iter().enumerate() {
            let envelope = EventEnvelope::<Pqr> {
                aggregate_id: id.clone(),
                sequence: seq + 1,
                payload,
                metadata,
            };
            let serialized = SerializedEvent::try_from(&envelope).expect("serialize");
            tie += 1;
            heap.push(Reverse(Pending {
                at: at.timestamp_micros(),
                tie,
                event: to_new_event(&serialized).expect("row"),
            }));
        }
    }
    while let Some(Reverse(p)) = heap.pop() {
        filler.push(p).await;
    }
    filler.flush().await;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fill: {} events of {cases} cases (generated by the aggregate, appended with \
         ledger::append in transactions of {ROWS_PER_TX}) in {secs:.1} s = {:.0} events/s",
        filler.appended,
        filler.appended as f64 / secs
    );
    cases
}

// ---- the cqrs-es way: QueryReplay + GenericQuery + a ViewRepository ----------------------

/// The view document: the folded aggregate, as our case view stores it.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
struct CaseDoc(Pqr);

impl View<Pqr> for CaseDoc {
    fn update(&mut self, event: &EventEnvelope<Pqr>) {
        self.0.apply(event.payload.clone());
    }
}

const CQRS_TABLE: &str = "cqrs_case_view";
const ROW_COLUMNS: &str = "radicado, year, number, kind, status, channel, subject, dependency, \
                           official, tier, priority, received_at, effective_received_on, \
                           due_date, suspended, positive_silence, closed, policy, state, \
                           position, version";

/// A `ViewRepository` in the style of postgres-es's: one row per case in the same database,
/// loaded by id and written back with optimistic locking on `version`. Its rows carry the
/// same columns (and indexes) as `case_view`.
struct CaseViewRepository {
    db: Db,
    saved: Arc<AtomicU64>,
    stop_at: u64,
    reached: Arc<Notify>,
}

fn pe(e: impl std::error::Error + Send + Sync + 'static) -> PersistenceError {
    PersistenceError::UnknownError(Box::new(e))
}

impl ViewRepository<CaseDoc, Pqr> for CaseViewRepository {
    async fn load(&self, view_id: &str) -> Result<Option<CaseDoc>, PersistenceError> {
        Ok(self.load_with_context(view_id).await?.map(|(v, _)| v))
    }

    async fn load_with_context(
        &self,
        view_id: &str,
    ) -> Result<Option<(CaseDoc, ViewContext)>, PersistenceError> {
        let row = sqlx::query(&format!(
            "SELECT state, version FROM {CQRS_TABLE} WHERE radicado = $1"
        ))
        .bind(view_id.to_owned())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(pe)?;
        let Some(row) = row else { return Ok(None) };
        let state: String = row.try_get(0).map_err(pe)?;
        let version: i64 = row.try_get(1).map_err(pe)?;
        Ok(Some((
            CaseDoc(serde_json::from_str(&state)?),
            ViewContext::new(view_id.to_owned(), version),
        )))
    }

    async fn update_view(
        &self,
        view: CaseDoc,
        context: ViewContext,
    ) -> Result<(), PersistenceError> {
        let version = context.version + 1;
        let r = CaseRow::of(&view.0, version)
            .ok_or_else(|| PersistenceError::UnknownError("an event before the filing".into()))?;
        let state = serde_json::to_string(&view.0)?;
        let sql = if context.version == 0 {
            format!(
                "INSERT INTO {CQRS_TABLE} ({ROW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, \
                 $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
            )
        } else {
            format!(
                "UPDATE {CQRS_TABLE} SET year = $2, number = $3, kind = $4, status = $5, \
                 channel = $6, subject = $7, dependency = $8, official = $9, tier = $10, \
                 priority = $11, received_at = $12, effective_received_on = $13, \
                 due_date = $14, suspended = $15, positive_silence = $16, closed = $17, \
                 policy = $18, state = $19, position = $20, version = $21 \
                 WHERE radicado = $1 AND version = $22"
            )
        };
        let mut q = sqlx::query(&sql)
            .bind(r.radicado)
            .bind(r.year)
            .bind(r.number)
            .bind(r.kind)
            .bind(r.status)
            .bind(r.channel)
            .bind(r.subject)
            .bind(r.dependency)
            .bind(r.official)
            .bind(i32::from(r.tier))
            .bind(i32::from(r.priority))
            .bind(r.received_at.to_rfc3339())
            .bind(r.effective_received_on.to_string())
            .bind(r.due_date.to_string())
            .bind(i32::from(r.suspended))
            .bind(i32::from(r.positive_silence))
            .bind(i32::from(r.closed))
            .bind(r.policy)
            .bind(state)
            .bind(version)
            .bind(version);
        if context.version != 0 {
            q = q.bind(context.version);
        }
        let done = q.execute(&self.db.pool).await.map_err(pe)?;
        if done.rows_affected() != 1 {
            return Err(PersistenceError::OptimisticLockError);
        }
        if self.saved.fetch_add(1, Ordering::Relaxed) + 1 == self.stop_at {
            self.reached.notify_one();
        }
        Ok(())
    }
}

async fn create_cqrs_table(db: &Db) {
    for ddl in [
        format!(
            "CREATE TABLE {CQRS_TABLE} (radicado text PRIMARY KEY, year integer NOT NULL, \
             number bigint NOT NULL, kind text NOT NULL, status text NOT NULL, \
             channel text NOT NULL, subject text NOT NULL, dependency text, official text, \
             tier integer NOT NULL, priority integer NOT NULL, received_at text NOT NULL, \
             effective_received_on text NOT NULL, due_date text NOT NULL, \
             suspended integer NOT NULL, positive_silence integer NOT NULL, \
             closed integer NOT NULL, policy text NOT NULL, state text NOT NULL, \
             position bigint NOT NULL, version bigint NOT NULL)"
        ),
        format!("CREATE INDEX cqrs_open_due ON {CQRS_TABLE} (closed, due_date)"),
        format!("CREATE INDEX cqrs_status ON {CQRS_TABLE} (status, due_date)"),
        format!("CREATE INDEX cqrs_dependency ON {CQRS_TABLE} (dependency, due_date)"),
        format!("CREATE INDEX cqrs_official ON {CQRS_TABLE} (official, due_date)"),
        format!("CREATE INDEX cqrs_kind ON {CQRS_TABLE} (kind, due_date)"),
    ] {
        sqlx::query(&ddl).execute(&db.pool).await.expect("ddl");
    }
}

/// QueryReplay over the first `sample` events; returns (events, seconds).
async fn query_replay(db: &Db, sample: u64) -> (u64, f64) {
    create_cqrs_table(db).await;
    let saved = Arc::new(AtomicU64::new(0));
    let reached = Arc::new(Notify::new());
    let views = CaseViewRepository {
        db: db.clone(),
        saved: saved.clone(),
        stop_at: sample,
        reached: reached.clone(),
    };
    let mut query = GenericQuery::<CaseViewRepository, CaseDoc, Pqr>::new(Arc::new(views));
    query.use_error_handler(Box::new(|e| panic!("view update failed: {e}")));
    let repo = PqrsEventRepository::new(db.clone(), Clock::system());
    let replay = QueryReplay::new(repo, query);
    let started = Instant::now();
    // Stopped (dropped) once `sample` events are saved.
    let all = replay.replay_all();
    tokio::pin!(all);
    tokio::select! {
        _ = reached.notified() => {}
        r = &mut all => assert!(r.is_ok(), "replay failed"),
    }
    let secs = started.elapsed().as_secs_f64();
    (saved.load(Ordering::Relaxed), secs)
}

// ---- queries ----------------------------------------------------------------------------

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

async fn time_query(
    db: &Db,
    label: &str,
    filter: &Filter,
    sort: Sort,
    page: u32,
    runs: usize,
) -> f64 {
    let (rows, total) = queue::page(db, filter, sort, page, 50).await.expect("page");
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let (r, t) = queue::page(db, filter, sort, page, 50).await.expect("page");
        ms.push(started.elapsed().as_secs_f64() * 1e3);
        assert_eq!((r.len(), t), (rows.len(), total));
    }
    ms.sort_by(f64::total_cmp);
    let p99 = percentile(&ms, 0.99);
    println!(
        "  {label}: {total} matching, page {page} ({} rows): p50 {:.2} ms, p95 {:.2} ms, \
         p99 {p99:.2} ms, max {:.2} ms",
        rows.len(),
        percentile(&ms, 0.50),
        percentile(&ms, 0.95),
        ms[ms.len() - 1],
    );
    p99
}

async fn explain(db: &Db, sql: &str, binds: &[&str]) {
    let mut q = sqlx::query_as::<_, (String,)>(sql);
    for b in binds {
        q = q.bind(b.to_string());
    }
    for (line,) in q.fetch_all(&db.pool).await.expect("explain") {
        eprintln!("    {line}");
    }
}

fn vm_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn run(n: usize) {
    let sample: u64 = env("PQRS_BENCH_REPLAY_SAMPLE", 100_000);
    let runs: usize = env("PQRS_BENCH_QUERY_RUNS", 500);
    let page: i64 = env("PQRS_BENCH_REBUILD_PAGE", 5_000);
    let test_db = TestDb::new(Backend::Postgres).await;
    let db = Db::connect(&test_db.url).await.expect("connect");
    db.migrate().await.expect("migrate");
    println!("postgres: {n} events requested");

    let cases = fill(&db, n).await;
    let events: i64 = sqlx::query("SELECT position FROM ledger_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await
        .expect("head")
        .try_get(0)
        .expect("position");
    sqlx::query("VACUUM ANALYZE events")
        .execute(&db.pool)
        .await
        .expect("vacuum");

    // Rebuild: the code of `pqrs projections rebuild`.
    let started = Instant::now();
    let replayed = projection::rebuild_case_view(&db, page, |_, _| {})
        .await
        .expect("rebuild");
    let secs = started.elapsed().as_secs_f64();
    let rebuild_rate = replayed as f64 / secs;
    assert_eq!(replayed as i64, events);
    let rows: i64 = sqlx::query("SELECT COUNT(*) FROM case_view")
        .fetch_one(&db.pool)
        .await
        .expect("count")
        .try_get(0)
        .expect("count");
    assert_eq!(rows as usize, cases);
    println!(
        "rebuild_case_view (page {page}): {replayed} events into {rows} case rows in \
         {secs:.2} s = {rebuild_rate:.0} events/s"
    );

    // The rebuilt state of a spread of cases equals the aggregate loaded from its events.
    let repo = PqrsEventRepository::new(db.clone(), Clock::system());
    let step = (cases / 500).max(1);
    let mut checked = 0;
    for i in (1..=cases).step_by(step) {
        let id = format!("{YEAR}-{i:06}");
        let loaded: Pqr = event_store::load(&repo, &id)
            .await
            .expect("load")
            .expect("filed");
        let state: String = sqlx::query("SELECT state FROM case_view WHERE radicado = $1")
            .bind(id.clone())
            .fetch_one(&db.pool)
            .await
            .expect("row")
            .try_get(0)
            .expect("state");
        let state: serde_json::Value = serde_json::from_str(&state).expect("json");
        assert_eq!(state, serde_json::to_value(&loaded).expect("json"), "{id}");
        checked += 1;
    }
    println!("  checked {checked} cases: rebuilt state = aggregate loaded from its events");
    let (size, state): (String, f64) = sqlx::query_as(
        "SELECT pg_size_pretty(pg_total_relation_size('case_view')), \
         AVG(LENGTH(state))::float8 FROM case_view",
    )
    .fetch_one(&db.pool)
    .await
    .expect("size");
    println!(
        "  case_view after the rebuild: {size} with its indexes; state JSON {state:.0} bytes on \
         average; peak RSS of the bench process so far {} MiB",
        vm_kb("VmHWM:") / 1024
    );

    // The cqrs-es way (PQRS_BENCH_REPLAY_SAMPLE=0 skips it).
    let sample = sample.min(events as u64);
    let (done, secs) = if sample > 0 {
        query_replay(&db, sample).await
    } else {
        (0, 1.0)
    };
    let replay_rate = done as f64 / secs;
    println!(
        "cqrs-es QueryReplay + GenericQuery (per event: SELECT the case's view row, apply \
         the event, INSERT/UPDATE the row with its columns and state, version-checked, \
         autocommit): first {done} of {events} events in {secs:.2} s = {replay_rate:.0} \
         events/s"
    );
    println!(
        "rebuild vs QueryReplay: {:.1}x; goal >= 50000 events/s: {}; goal >= 5x: {}",
        rebuild_rate / replay_rate,
        if rebuild_rate >= 50_000.0 {
            "met"
        } else {
            "NOT met"
        },
        if rebuild_rate >= 5.0 * replay_rate {
            "met"
        } else {
            "NOT met"
        }
    );

    // Queries, on the rebuilt view once autovacuum would have analyzed it.
    sqlx::query("VACUUM ANALYZE case_view")
        .execute(&db.pool)
        .await
        .expect("vacuum");
    let busiest: String = sqlx::query(
        "SELECT dependency FROM case_view WHERE closed = 0 AND dependency IS NOT NULL \
         GROUP BY dependency ORDER BY COUNT(*) DESC, dependency LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("busiest")
    .try_get(0)
    .expect("dependency");
    let base = Filter {
        status: None,
        kind: None,
        dependency: None,
        official: None,
        tier: None,
        overdue: None,
        open: false,
        due_on_or_before: None,
        today: today(),
    };
    let overdue = Filter {
        overdue: Some(true),
        ..base.clone()
    };
    let work = Filter {
        dependency: Some(busiest.clone()),
        open: true,
        ..base.clone()
    };
    let asc = Sort::DueDate { descending: false };
    let (_, open_total) = queue::page(&db, &work, asc, 1, 50).await.expect("page");
    let deep = u32::try_from(open_total / 50).unwrap_or(1).max(1);
    if std::env::var_os("PQRS_BENCH_EXPLAIN").is_some() {
        let t = today().to_string();
        eprintln!("  plan: overdue page");
        explain(&db, "EXPLAIN ANALYZE SELECT radicado FROM case_view WHERE closed = 0 AND suspended = 0 AND due_date < $1 ORDER BY due_date ASC, radicado ASC LIMIT 50 OFFSET 0", &[&t]).await;
        eprintln!("  plan: overdue count");
        explain(&db, "EXPLAIN ANALYZE SELECT COUNT(*) FROM case_view WHERE closed = 0 AND suspended = 0 AND due_date < $1", &[&t]).await;
        eprintln!("  plan: dependency deep page");
        explain(&db, &format!("EXPLAIN ANALYZE SELECT radicado FROM case_view WHERE dependency = $1 AND closed = 0 ORDER BY due_date ASC, radicado ASC LIMIT 50 OFFSET {}", (deep - 1) * 50), &[&busiest]).await;
        eprintln!("  plan: dependency count");
        explain(
            &db,
            "EXPLAIN ANALYZE SELECT COUNT(*) FROM case_view WHERE dependency = $1 AND closed = 0",
            &[&busiest],
        )
        .await;
    }
    println!("queue::page latency at {rows} cases, {runs} runs each (query + count):");
    let mut worst: f64 = 0.0;
    worst = worst.max(time_query(&db, "overdue (oldest due first)", &overdue, asc, 1, runs).await);
    worst = worst.max(
        time_query(
            &db,
            "overdue, latest due first",
            &overdue,
            Sort::DueDate { descending: true },
            1,
            runs,
        )
        .await,
    );
    let label = format!("work queue: open cases of {busiest}, by due date");
    worst = worst.max(time_query(&db, &label, &work, asc, 1, runs).await);
    let label = format!("work queue: same, deep page (last full page of {open_total})");
    worst = worst.max(time_query(&db, &label, &work, asc, deep, runs).await);
    let in_progress = Filter {
        status: Some("in_progress".into()),
        ..base.clone()
    };
    worst = worst.max(
        time_query(
            &db,
            "work queue: in progress, latest received first",
            &in_progress,
            Sort::ReceivedAt { descending: true },
            1,
            runs,
        )
        .await,
    );
    println!(
        "worst p99 {worst:.2} ms; goal p99 < 20 ms: {}",
        if worst < 20.0 { "met" } else { "NOT met" }
    );
    db.pool.close().await;
    drop(test_db);
}

fn main() {
    let n: usize = env("PQRS_BENCH_EVENTS", 1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run(n));
}
