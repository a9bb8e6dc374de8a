//! The desk's worker: it takes every waiting filing, numbers the batch in one transaction and
//! answers each caller only after the commit (see the module above).

use super::*;

impl Worker {
    /// The filing decision, once: the domain accepts the filing (received now unless staff
    /// gave `received_at`) or refuses it before it takes a number. Returns the queued job and
    /// where its answer will come.
    #[allow(clippy::type_complexity)]
    pub(super) fn accept(
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

    /// The desk's loop. A batch is written by a task of its own (a flight) while the loop
    /// takes the filings that arrive meanwhile; on SQLite, when it knows what that batch will
    /// leave in the store, it readies each of them as it arrives (see [`Draft`]), so the next
    /// batch is written as soon as the flight lands.
    pub(super) async fn run(self, mut rx: mpsc::Receiver<Job>, max_batch: usize) {
        let mut flight: Option<tokio::task::JoinHandle<()>> = None;
        let mut next = Batch::default();
        let mut open = true;
        loop {
            let Some(writing) = flight.as_mut() else {
                if next.is_empty() {
                    match rx.recv().await {
                        Some(job) => {
                            // The first batch after a pause is readied from what the desk's
                            // last commit left, if nothing else wrote since (checked when it
                            // is written).
                            next.start = self.known_lock().as_ref().map(|k| k.state.clone());
                            self.take(&mut next, job);
                        }
                        None => break,
                    }
                }
                while next.len() < max_batch {
                    match rx.try_recv() {
                        Ok(job) => self.take(&mut next, job),
                        Err(_) => break,
                    }
                }
                let batch = std::mem::take(&mut next);
                // What the store holds once this batch is in: where the next one is readied
                // from while it is written.
                next.start = batch.draft.as_ref().map(Draft::end);
                let span = tracing::info_span!(
                    "filing_batch",
                    size = batch.len(),
                    first = Empty,
                    last = Empty
                );
                let worker = self.clone();
                flight = Some(tokio::spawn(
                    async move { worker.process(batch).await }.instrument(span),
                ));
                continue;
            };
            tokio::select! {
                biased;
                landed = writing => {
                    flight = None;
                    if let Err(e) = landed {
                        tracing::error!(error = %e, "a filing batch's task failed");
                    }
                    // Readied for a store the batch did not leave (it failed, or another
                    // writer came in between): numbered again by the next flight.
                    let holds = self.known_lock().as_ref().map(|k| k.state.clone());
                    if next.start.is_some() && next.start != holds {
                        next.start = None;
                        next.draft = None;
                    }
                    if next.is_empty() && rx.is_empty() {
                        next.start = None;
                        self.release().await;
                        if !open {
                            break;
                        }
                    }
                }
                job = rx.recv(), if open && next.len() < max_batch => match job {
                    Some(job) => self.take(&mut next, job),
                    None => open = false,
                },
            }
        }
    }

    /// Adds `job` to `batch`, readied at once if the batch has a draft (a second use of an
    /// Idempotency-Key in the batch waits for the first's result instead).
    fn take(&self, batch: &mut Batch, job: Job) {
        if batch.repeats_a_key(&job) {
            batch.later.push(job);
            return;
        }
        if batch.jobs.is_empty() {
            batch.draft = batch.start.clone().map(Draft::new);
        }
        if let Some(draft) = batch.draft.as_mut() {
            match draft.ready(&job, &self.clock) {
                Ok(true) => {}
                // A year the draft does not number, or a filing it could not ready: the
                // flight numbers the whole batch afresh (and reports the error, if any).
                Ok(false) | Err(_) => {
                    batch.draft = None;
                    batch.start = None;
                }
            }
        }
        batch.jobs.push(job);
    }

    /// Gives the desk's connection back to the pool.
    pub(super) async fn release(&self) {
        drop(self.conn.lock().await.take());
    }

    /// The first result of `key`, if it was used before; `KeyReused` if with another request.
    pub(super) async fn replay(
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

    /// Files `batch` and answers each of its callers.
    pub(super) async fn process(&self, batch: Batch) {
        let Batch {
            jobs: mut batch,
            later,
            draft,
            ..
        } = batch;
        match self.commit(&batch, draft).await {
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
        match self.commit(std::slice::from_ref(job), None).await {
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

    /// Numbers, decides and appends `batch` in one transaction, on the desk's connection;
    /// with its `draft` if it was readied (SQLite, see [`Draft`]).
    async fn commit(
        &self,
        batch: &[Job],
        draft: Option<Draft>,
    ) -> Result<Vec<PqrFiled>, FilingError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(fault) = self.db.faults.counter() {
            return Err(FilingError::Store(StoreError::Fault(fault)));
        }
        let result = self.commit_once(batch, draft).await;
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

    async fn commit_once(
        &self,
        batch: &[Job],
        draft: Option<Draft>,
    ) -> Result<Vec<PqrFiled>, FilingError> {
        let _writing = self.db.filing.batch();
        let _turn = self.db.write_turn().await;
        let mut held = self.conn.lock().await;
        let mut conn = match held.take() {
            Some(conn) => conn,
            None => self.db.pool.acquire().await.map_err(StoreError::from)?,
        };
        let result = self
            .commit_on(&mut conn, batch, draft, self.db.turns())
            .await;
        match (&result, self.db.backend) {
            (Ok(_), _) => *held = Some(conn),
            // The SQLite batch opens its transaction with a plain `BEGIN` (see `commit_on`):
            // after a failure it may still be open, so the connection is closed rather than
            // given back to the pool, where the next user would write inside it.
            (Err(_), Backend::Sqlite) => drop(conn.detach()),
            (Err(_), Backend::Postgres) => {}
        }
        result
    }

    /// One transaction for the whole batch, written in `turn` (see [`Db::turns`]).
    ///
    /// On PostgreSQL it is sqlx's transaction. On SQLite each statement is a hand-off to the
    /// connection's own thread (measured at 100–370 µs each under load, most of a batch's
    /// time, docs/performance.md), so the batch goes in two: `BEGIN`, the counters and the
    /// head's lock as one multi-statement query ([`take_numbers`]); the events, the head's
    /// move, the batch's other rows (with e-mail on, the acknowledgements owed too) and
    /// `COMMIT` as one (see [`ledger::write`]). The `BEGIN` is deferred: its first statement
    /// writes, so it takes the write lock at once (`IMMEDIATE` would also lock the attached
    /// views file, which the projection runner writes).
    ///
    /// And in one, when the desk wrote the turn before this one: it then knows what the store
    /// holds ([`Known`]) and numbers the batch from that (or takes the `draft` readied from
    /// it), checking it in the same query (see [`expecting`]). If another process wrote in
    /// between, the check refuses before anything is written; the transaction is rolled back
    /// and the batch numbered in two, as above. (The transaction then opens in the append's
    /// query: what the append reads before it would be read outside the transaction. For a
    /// batch of filings it reads nothing: new cases have no data key to look up and no
    /// consent to check, see [`journal::ready_filings`].)
    async fn commit_on(
        &self,
        conn: &mut AnyConnection,
        batch: &[Job],
        draft: Option<Draft>,
        turn: u64,
    ) -> Result<Vec<PqrFiled>, FilingError> {
        match self.db.backend {
            Backend::Postgres => {
                let mut tx = conn.begin().await.map_err(StoreError::from)?;
                let (filed, _) = self.number_and_append(&mut tx, batch, "", "").await?;
                tx.commit().await.map_err(StoreError::from)?;
                Ok(filed)
            }
            Backend::Sqlite => {
                // Taken out: after any failure the desk knows nothing until its next commit.
                let known = self.known_lock().take();
                // The append's query holds one chunk of events at most (`max_batch` may be
                // set higher): a larger batch is numbered in two hand-offs.
                let known = known.filter(|k| k.turn + 1 == turn && batch.len() <= ledger::CHUNK);
                let draft = match (known, draft) {
                    (Some(known), Some(draft)) if draft.start == known.state => Some(draft),
                    (Some(known), _) => self.draft(known.state, batch)?,
                    (None, _) => None,
                };
                if let Some(draft) = draft {
                    let checks = expecting("BEGIN; ", &draft);
                    match self.append(conn, draft, checks, "COMMIT").await {
                        Err(e) if unexpected_store(&e) => {
                            tracing::debug!("the store moved since the desk's last batch");
                            sqlx::query("ROLLBACK")
                                .execute(&mut *conn)
                                .await
                                .map_err(StoreError::from)?;
                        }
                        other => {
                            let (filed, now) = other?;
                            self.remember(now, turn);
                            return Ok(filed);
                        }
                    }
                }
                let (filed, now) = self
                    .number_and_append(conn, batch, "BEGIN; ", "COMMIT")
                    .await?;
                self.remember(now, turn);
                Ok(filed)
            }
        }
    }

    fn known_lock(&self) -> std::sync::MutexGuard<'_, Option<Known>> {
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps what a commit in `turn` left in the store, for the next batch.
    fn remember(&self, state: State, turn: u64) {
        *self.known_lock() = Some(Known { state, turn });
    }

    /// `batch` readied from `start`, or `None` if it holds a year `start` does not number.
    fn draft(&self, start: State, batch: &[Job]) -> Result<Option<Draft>, FilingError> {
        let mut draft = Draft::new(start);
        for job in batch {
            if !draft.ready(job, &self.clock)? {
                return Ok(None);
            }
        }
        Ok(Some(draft))
    }

    /// Numbers and appends `batch` on `conn`, inside a transaction the caller opened, or that
    /// `begin` (SQL run before the counter's statement, in the same query) opens and `end`
    /// (SQL run after the append, in the same query on SQLite) commits.
    async fn number_and_append(
        &self,
        conn: &mut AnyConnection,
        batch: &[Job],
        begin: &str,
        end: &str,
    ) -> Result<(Vec<PqrFiled>, State), FilingError> {
        // Numbers per year of receipt (Bogotá), handed out in queue order.
        let mut counts: BTreeMap<i32, i64> = BTreeMap::new();
        for job in batch {
            *counts
                .entry(local_date(&job.accepted.received_at()).year())
                .or_default() += 1;
        }
        let start = take_numbers(conn, self.db.backend, begin, &counts).await?;
        let draft = self
            .draft(start, batch)?
            .ok_or_else(|| StoreError::Corrupt("a year of the batch was not numbered".into()))?;
        self.append(conn, draft, ledger::Before::default(), end)
            .await
    }

    /// Writes `draft` on `conn` after `before` (see [`ledger::write`]) and before `end`;
    /// returns the filings and what the store then holds.
    async fn append(
        &self,
        conn: &mut AnyConnection,
        draft: Draft,
        before: ledger::Before,
        end: &str,
    ) -> Result<(Vec<PqrFiled>, State), FilingError> {
        let span = tracing::Span::current();
        if let (Some(first), Some(last)) = (draft.filed.first(), draft.filed.last()) {
            span.record("first", tracing::field::display(&first.radicado));
            span.record("last", tracing::field::display(&last.radicado));
        }
        let state = draft.end();
        let Draft {
            start,
            filed,
            stored,
            rows,
            ..
        } = draft;
        ledger::write(conn, start.head, stored, rows, before, end)
            .await
            .map_err(StoreError::from)?;
        Ok((filed, state))
    }
}

/// What the store holds for the desk: the last radicado of each year it numbers, and the
/// ledger's head (position, hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct State {
    last: BTreeMap<i32, i64>,
    head: (i64, String),
}

/// What the store holds after one of the desk's commits on SQLite: the last radicado of each
/// year of that batch, and the ledger's head. Valid for the next batch when the desk wrote
/// the turn before it (no other writer of this process wrote in between, [`Db::turns`]);
/// another process may still have, which [`expecting`] checks.
#[derive(Debug, Clone)]
pub(super) struct Known {
    state: State,
    /// The turn of that commit (set by `Worker::remember`).
    turn: u64,
}

/// Filings taken from the queue for one transaction.
#[derive(Default)]
pub(super) struct Batch {
    /// Filed in it, in queue order.
    jobs: Vec<Job>,
    /// Second uses of an Idempotency-Key of `jobs`: answered after it, from the first.
    later: Vec<Job>,
    /// The lookup hashes of the keys of `jobs`.
    seen: HashSet<String>,
    /// What the store will hold when this batch is written, if the desk knows it: the
    /// batch's filings are then readied as they come (`draft`).
    start: Option<State>,
    /// `jobs` readied from `start`, while all of them could be.
    draft: Option<Draft>,
}

impl Batch {
    /// A batch of `jobs`, numbered when written.
    pub(super) fn of(jobs: Vec<Job>) -> Batch {
        let mut batch = Batch::default();
        for job in jobs {
            if batch.repeats_a_key(&job) {
                batch.later.push(job);
            } else {
                batch.jobs.push(job);
            }
        }
        batch
    }

    /// Whether `job` comes with an Idempotency-Key already used in the batch (noting it
    /// otherwise).
    fn repeats_a_key(&mut self, job: &Job) -> bool {
        job.idempotency
            .as_ref()
            .is_some_and(|(k, _)| !self.seen.insert(k.lookup_hash()))
    }

    fn len(&self) -> usize {
        self.jobs.len() + self.later.len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A batch readied for the append from what the store holds before it (`start`): its
/// filings numbered, their events built, their messages queued, their personal fields
/// sealed and the events chained, with the rows written beside them — everything the desk
/// does before it writes, which needs no store (see [`journal::ready_filings`]).
///
/// While one batch is written (most of it waiting on SQLite and the disk), the desk readies
/// the next one filing by filing as they arrive, from what the first will leave; when it
/// lands, the next is written at once. If the store holds something else by then (the batch
/// failed, or another writer came in between), the draft is dropped and the batch numbered
/// afresh: a draft is never written without the checks of [`expecting`].
pub(super) struct Draft {
    start: State,
    /// The next number of each year of `start`.
    next: BTreeMap<i32, i64>,
    /// Filings per year.
    counts: BTreeMap<i32, i64>,
    /// The position and hash of the last event chained.
    tip: (i64, String),
    filed: Vec<PqrFiled>,
    stored: Vec<ledger::StoredEvent>,
    /// The other rows, one `Rows` per table.
    rows: Vec<ledger::Rows>,
}

impl Draft {
    fn new(start: State) -> Draft {
        Draft {
            next: start.last.iter().map(|(&y, &n)| (y, n + 1)).collect(),
            counts: BTreeMap::new(),
            tip: start.head.clone(),
            start,
            filed: Vec::new(),
            stored: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Readies `job` as the next filing: `false` (and nothing changed) if its year is not
    /// one the draft numbers. Recorded now, after the filing was received.
    fn ready(&mut self, job: &Job, clock: &Clock) -> Result<bool, FilingError> {
        let year = local_date(&job.accepted.received_at()).year();
        let Some(&number) = self.next.get(&year) else {
            return Ok(false);
        };
        let radicado = Radicado::new(year, u64::try_from(number).unwrap_or(0))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let event = job.accepted.clone().numbered(radicado);
        let recorded_at = instant_text(clock.now());
        let (sealed, rows) =
            journal::ready_filings(vec![stored_row(&event, &job.metadata)?], &recorded_at)
                .map_err(StoreError::from)?;
        let stored = ledger::chain(self.tip.clone(), sealed, &recorded_at);
        tracing::debug!(
            radicado = %radicado,
            request_id = job.metadata.get("request_id").map_or("", String::as_str),
            "numbered"
        );
        // Each filing's access code and, if it came with one, its Idempotency-Key.
        let code = crate::access::rows([(
            radicado.to_string(),
            event.access_code_hash.as_str().to_owned(),
        )]);
        let key = job
            .idempotency
            .as_ref()
            .map(|(key, fingerprint)| ledger::Rows {
                table_and_columns:
                    "idempotency_keys (key_hash, request_hash, radicado, sealed_code, created_at)",
                per_row: 5,
                values: vec![
                    key.lookup_hash(),
                    fingerprint.clone(),
                    radicado.to_string(),
                    key.seal(&job.code),
                    recorded_at.clone(),
                ],
                select: "*",
            });
        for rows in rows.into_iter().chain([code]).chain(key) {
            match self
                .rows
                .iter_mut()
                .find(|r| r.table_and_columns == rows.table_and_columns)
            {
                Some(all) => all.values.extend(rows.values),
                None => self.rows.push(rows),
            }
        }
        if let Some(last) = stored.last() {
            self.tip = (last.position, last.hash.clone());
        }
        self.stored.extend(stored);
        self.filed.push(event);
        self.next.insert(year, number + 1);
        *self.counts.entry(year).or_default() += 1;
        Ok(true)
    }

    /// What the store holds once the draft is written: the last number of each year it
    /// numbered, and its last event as the head.
    fn end(&self) -> State {
        State {
            last: self
                .counts
                .keys()
                .map(|y| (*y, self.next.get(y).copied().unwrap_or(1) - 1))
                .collect(),
            head: self.tip.clone(),
        }
    }
}

/// Refuses the statement it follows, if that changed no row: an insert into `ledger_head`
/// that breaks its `CHECK (id = 1)`, which nothing else can do. The error
/// ([`unexpected_store`]) stops the query there, before anything is appended.
const REFUSE_IF_UNCHANGED: &str =
    "INSERT INTO ledger_head (id, position, hash) SELECT 0, 0, '' WHERE changes() = 0; ";

/// `begin` with the statements that check, in the append's query (SQLite), that the store
/// holds what `draft` was readied from: each year's counter is moved only if it still stands
/// at the last number the draft started from, and the head must still be the draft's start.
/// Any other state (another process filed or appended) fails the check before the batch
/// writes anything, and it is numbered afresh.
fn expecting(begin: &str, draft: &Draft) -> ledger::Before {
    let mut sql = begin.to_owned();
    let mut params = Vec::with_capacity(3 * draft.counts.len() + 2);
    for (&year, &n) in &draft.counts {
        let last = draft.start.last.get(&year).copied().unwrap_or(-1);
        sql.push_str(
            "UPDATE radicado_counters SET last_number = last_number + ? \
             WHERE year = ? AND last_number = ?; ",
        );
        sql.push_str(REFUSE_IF_UNCHANGED);
        params.extend([
            ledger::Param::Int(n),
            ledger::Param::Int(year.into()),
            ledger::Param::Int(last),
        ]);
    }
    sql.push_str(
        "UPDATE ledger_head SET position = position WHERE id = 1 AND position = ? AND hash = ?; ",
    );
    sql.push_str(REFUSE_IF_UNCHANGED);
    let (position, hash) = draft.start.head.clone();
    params.extend([ledger::Param::Int(position), ledger::Param::Text(hash)]);
    ledger::Before { sql, params }
}

/// Whether `e` is the refusal of [`expecting`]'s checks: SQLite's `SQLITE_CONSTRAINT_CHECK`.
/// Any other `CHECK` the batch broke is met again when it is numbered afresh, and reported
/// from there.
fn unexpected_store(e: &FilingError) -> bool {
    matches!(
        e,
        FilingError::Store(StoreError::Database(sqlx::Error::Database(db)))
            if db.code().as_deref() == Some("275")
    )
}

/// The counters of the years of `counts` (year → filings) moved by as many, and the ledger
/// head locked (see [`crate::ledger`]); returns the store as it was before the batch: each
/// year's last number and the head.
///
/// The counters are locked before the head, in that order, by every filing transaction.
/// `begin` is SQL run first in the same query (SQLite's `BEGIN`, see `commit_on`).
async fn take_numbers(
    conn: &mut AnyConnection,
    backend: Backend,
    begin: &str,
    counts: &BTreeMap<i32, i64>,
) -> Result<State, StoreError> {
    let mut last = BTreeMap::new();
    const MOVE: &str = "INSERT INTO radicado_counters (year, last_number) VALUES ($1, $2) \
                        ON CONFLICT (year) DO UPDATE SET \
                        last_number = radicado_counters.last_number + excluded.last_number \
                        RETURNING last_number";
    match (backend, counts.first_key_value()) {
        (Backend::Postgres, Some((&year, &n))) if counts.len() == 1 => {
            // One round trip for the counter and the ledger head, locked in that order (the
            // head's update waits for the counter's row: a one-time filter on `c`), as the two
            // statements below would; the head stays locked until commit, see `ledger`.
            let row = sqlx::query(&format!(
                "WITH c AS ({MOVE}), \
                 h AS (UPDATE ledger_head SET position = position \
                 WHERE id = 1 AND EXISTS (SELECT 1 FROM c) RETURNING position, hash) \
                 SELECT c.last_number, h.position, h.hash FROM c, h"
            ))
            .bind(year)
            .bind(n)
            .fetch_one(&mut *conn)
            .await?;
            let moved: i64 = row.try_get(0)?;
            last.insert(year, moved - n);
            Ok(State {
                last,
                head: (row.try_get(1)?, row.try_get(2)?),
            })
        }
        (Backend::Postgres, _) => {
            for (&year, &n) in counts {
                let row = sqlx::query(MOVE)
                    .bind(year)
                    .bind(n)
                    .fetch_one(&mut *conn)
                    .await?;
                let moved: i64 = row.try_get(0)?;
                last.insert(year, moved - n);
            }
            Ok(State {
                last,
                head: ledger::lock_head(conn).await?,
            })
        }
        (Backend::Sqlite, _) => {
            // sqlx runs every statement of the string on the connection's thread, binding
            // `?` parameters in order across them, and returns the rows of each: one per
            // counter, then the head's.
            let mut sql = begin.to_owned();
            for _ in counts {
                sql.push_str(&MOVE.replace("$1", "?").replace("$2", "?"));
                sql.push_str("; ");
            }
            sql.push_str(
                "UPDATE ledger_head SET position = position WHERE id = 1 RETURNING position, hash",
            );
            let mut q = sqlx::query(&sql);
            for (&year, &n) in counts {
                q = q.bind(year).bind(n);
            }
            let rows = q.fetch_all(&mut *conn).await?;
            if rows.len() != counts.len() + 1 {
                return Err(StoreError::Corrupt(format!(
                    "taking radicados returned {} rows for {} counters and the head",
                    rows.len(),
                    counts.len()
                )));
            }
            for ((&year, &n), row) in counts.iter().zip(&rows) {
                let moved: i64 = row.try_get(0)?;
                last.insert(year, moved - n);
            }
            let head = &rows[counts.len()];
            Ok(State {
                last,
                head: (head.try_get(0)?, head.try_get(1)?),
            })
        }
    }
}
