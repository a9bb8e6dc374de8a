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
        // The row, but for its number, made here in the caller's task: the desk writes one
        // batch at a time, so what needs no number is done before it takes the filing.
        let ready = Ready::new(&accepted, &metadata, self.db.recent.is_enabled())?;
        let (reply, answer) = oneshot::channel();
        let job = Job {
            accepted,
            code,
            idempotency,
            metadata,
            ready: Some(ready),
            reply,
        };
        Ok((job, answer))
    }

    pub(super) async fn run(self, mut rx: mpsc::Receiver<Job>, max_batch: usize) {
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

    pub(super) async fn process(&self, jobs: Vec<Job>) {
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
        match self.commit(&mut batch).await {
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
                for mut job in batch {
                    let result = self.commit_alone(&mut job).await;
                    let _ = job.reply.send(result);
                }
            }
        }
        for mut job in later {
            let result = match &job.idempotency {
                Some((key, fingerprint)) => match self.replay(key, fingerprint).await {
                    Ok(Some(filing)) => Ok(filing),
                    Ok(None) => self.commit_alone(&mut job).await,
                    Err(e) => Err(e),
                },
                None => Err(FilingError::Closed),
            };
            let _ = job.reply.send(result);
        }
    }

    /// Files `job` in a transaction of its own.
    async fn commit_alone(&self, job: &mut Job) -> Result<Filing, FilingError> {
        match self.commit(std::slice::from_mut(job)).await {
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
    async fn commit(&self, batch: &mut [Job]) -> Result<Vec<PqrFiled>, FilingError> {
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

    async fn commit_once(&self, batch: &mut [Job]) -> Result<Vec<PqrFiled>, FilingError> {
        let writing = self.db.filing.batch();
        let _turn = self.db.write_turn().await;
        let mut held = self.conn.lock().await;
        let mut conn = match held.take() {
            Some(conn) => conn,
            None => self.db.pool.acquire().await.map_err(StoreError::from)?,
        };
        let result = self.commit_on(&mut conn, batch, self.db.turns()).await;
        match (&result, self.db.backend) {
            (Ok(filed), _) => {
                writing.committed(filed.len());
                *held = Some(conn);
            }
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
    /// `COMMIT` as one (see [`ledger::append_locked`]). The
    /// `BEGIN` is deferred: its first statement writes, so it takes the write lock at once
    /// (`IMMEDIATE` would also lock the attached views file, which the projection runner
    /// writes).
    ///
    /// And in one, when the desk wrote the turn before this one: it then knows what the store
    /// holds ([`Known`]) and numbers the batch from that, checking it in the same query (see
    /// [`expecting`]). If another process wrote in between, the check refuses before anything
    /// is written; the transaction is rolled back and the batch numbered in two, as above.
    /// (The transaction then opens in the append's query: what the append reads before it
    /// would be read outside the transaction. For a batch of filings it reads nothing: new
    /// cases have no data key to look up and no consent to check.)
    async fn commit_on(
        &self,
        conn: &mut AnyConnection,
        batch: &mut [Job],
        turn: u64,
    ) -> Result<Vec<PqrFiled>, FilingError> {
        match self.db.backend {
            Backend::Postgres => {
                let mut tx = conn.begin().await.map_err(StoreError::from)?;
                let (filed, _, records) =
                    self.number_and_append(&mut tx, batch, "", "", None).await?;
                tx.commit().await.map_err(StoreError::from)?;
                self.db.recent.push(records);
                Ok(filed)
            }
            Backend::Sqlite => {
                // Taken out: after any failure the desk knows nothing until its next commit.
                let known = self.known_lock().take();
                // The append's query holds one chunk of events at most (`max_batch` may be
                // set higher): a larger batch is numbered in two hand-offs.
                let known = known.filter(|k| k.turn + 1 == turn && batch.len() <= ledger::CHUNK);
                if let Some(known) = &known {
                    match self
                        .number_and_append(conn, batch, "BEGIN; ", "COMMIT", Some(known))
                        .await
                    {
                        Err(e) if unexpected_store(&e) => {
                            tracing::debug!("the store moved since the desk's last batch");
                            sqlx::query("ROLLBACK")
                                .execute(&mut *conn)
                                .await
                                .map_err(StoreError::from)?;
                        }
                        other => {
                            let (filed, now, records) = other?;
                            self.remember(now, turn);
                            self.db.recent.push(records);
                            return Ok(filed);
                        }
                    }
                }
                let (filed, now, records) = self
                    .number_and_append(conn, batch, "BEGIN; ", "COMMIT", None)
                    .await?;
                self.remember(now, turn);
                self.db.recent.push(records);
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
    fn remember(&self, now: Known, turn: u64) {
        *self.known_lock() = Some(Known { turn, ..now });
    }

    /// Numbers and appends `batch` on `conn`, inside a transaction the caller opened, or that
    /// `begin` (SQL run before the counter's statement, in the same query) opens and `end`
    /// (SQL run after the append, in the same query on SQLite) commits.
    ///
    /// With `known` (SQLite) the numbers and the head are taken from it, and `begin` goes
    /// with the checks of [`expecting`] into the append's own query.
    ///
    /// Also returns the events as the case projection reads them, for the caller to leave in
    /// [`crate::recent`] once the transaction has committed (none when no runner takes them).
    async fn number_and_append(
        &self,
        conn: &mut AnyConnection,
        batch: &mut [Job],
        begin: &str,
        end: &str,
        known: Option<&Known>,
    ) -> Result<(Vec<PqrFiled>, Known, Vec<EventRecord>), FilingError> {
        // Numbers per year of receipt (Bogotá), handed out in queue order.
        let years: Vec<i32> = batch
            .iter()
            .map(|job| local_date(&job.accepted.received_at()).year())
            .collect();
        let mut counts: BTreeMap<i32, i64> = BTreeMap::new();
        for y in &years {
            *counts.entry(*y).or_default() += 1;
        }
        let Start {
            mut next,
            head,
            before,
        } = match known.and_then(|k| expecting(begin, &counts, k)) {
            Some(start) => start,
            None => {
                let (next, head) = take_numbers(conn, self.db.backend, begin, &counts).await?;
                Start {
                    next,
                    head,
                    before: ledger::Before::default(),
                }
            }
        };

        // What the case projection is handed once the batch commits (see `crate::recent`).
        let recent = self.db.recent.is_enabled();
        let mut filed = Vec::with_capacity(batch.len());
        let mut rows = Vec::with_capacity(batch.len());
        for (job, year) in batch.iter_mut().zip(years) {
            let number = next.entry(year).or_default();
            let radicado = Radicado::new(year, u64::try_from(*number).unwrap_or(0))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            *number += 1;
            // Made ready when the filing was taken; made again if an earlier attempt took it
            // (the batch numbered afresh after another process wrote, see `commit_on`, or
            // the filing committed alone after its batch failed).
            let ready = match job.ready.take() {
                Some(ready) => ready,
                None => Ready::new(&job.accepted, &job.metadata, recent)?,
            };
            let (event, row) = ready.numbered(radicado);
            rows.push(row);
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
        let mut cases = Vec::with_capacity(filed.len());
        let mut clear = Vec::with_capacity(if recent { filed.len() } else { 0 });
        for (row, event) in rows.into_iter().zip(&filed) {
            // In clear: the append seals the payload it is given.
            let (case, in_clear) = row.numbered(event, recent)?;
            clear.extend(in_clear);
            cases.push(case);
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
                select: "*",
            },
        ];
        let stored = journal::append_new_cases(conn, head, cases, &recorded_at, also, before, end)
            .await
            .map_err(StoreError::from)?;
        let head = stored
            .last()
            .map(|s| (s.position, s.hash.clone()))
            .ok_or_else(|| StoreError::Corrupt("a batch appended no event".into()))?;
        let last = counts.keys().map(|y| (*y, next[y] - 1)).collect();
        let records = match recent {
            true => crate::recent::records(&stored, clear),
            false => Vec::new(),
        };
        Ok((
            filed,
            Known {
                last,
                head,
                turn: 0,
            },
            records,
        ))
    }
}

/// What the store holds after one of the desk's commits on SQLite: the last radicado of each
/// year of that batch, and the ledger's head. Valid for the next batch when the desk wrote
/// the turn before it (no other writer of this process wrote in between, [`Db::turns`]);
/// another process may still have, which [`expecting`] checks.
#[derive(Debug, Clone)]
pub(super) struct Known {
    last: BTreeMap<i32, i64>,
    head: (i64, String),
    /// The turn of that commit (set by `Worker::remember`).
    turn: u64,
}

/// Refuses the statement it follows, if that changed no row: an insert into `ledger_head`
/// that breaks its `CHECK (id = 1)`, which nothing else can do. The error
/// ([`unexpected_store`]) stops the query there, before anything is appended.
const REFUSE_IF_UNCHANGED: &str =
    "INSERT INTO ledger_head (id, position, hash) SELECT 0, 0, '' WHERE changes() = 0; ";

/// The numbers and the head of `known`, and `begin` with the statements that check them in
/// the append's query (SQLite): each year's counter is moved only if it still stands at the
/// last number `known` saw, and the head must still be `known`'s. Any other state (another
/// process filed or appended) fails the check before the batch writes anything, and it is
/// numbered afresh. `None` when the batch has a year `known` does not hold.
fn expecting(begin: &str, counts: &BTreeMap<i32, i64>, known: &Known) -> Option<Start> {
    let mut sql = begin.to_owned();
    let mut params = Vec::with_capacity(3 * counts.len() + 2);
    let mut next = HashMap::with_capacity(counts.len());
    for (&year, &n) in counts {
        let last = *known.last.get(&year)?;
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
        next.insert(year, last + 1);
    }
    sql.push_str(
        "UPDATE ledger_head SET position = position WHERE id = 1 AND position = ? AND hash = ?; ",
    );
    sql.push_str(REFUSE_IF_UNCHANGED);
    let (position, hash) = known.head.clone();
    params.extend([ledger::Param::Int(position), ledger::Param::Text(hash)]);
    Some(Start {
        next,
        head: known.head.clone(),
        before: ledger::Before { sql, params },
    })
}

/// Where a batch starts: the first number of each year, the head it appends after, and what
/// its append's query runs first.
struct Start {
    next: HashMap<i32, i64>,
    head: (i64, String),
    before: ledger::Before,
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

/// The first number of each year of `counts` (year → filings), the counters moved by as
/// many, and the ledger head locked, as `(position, hash)` (see [`crate::ledger`]).
///
/// The counters are locked before the head, in that order, by every filing transaction.
/// `begin` is SQL run first in the same query (SQLite's `BEGIN`, see `commit_on`).
async fn take_numbers(
    conn: &mut AnyConnection,
    backend: Backend,
    begin: &str,
    counts: &BTreeMap<i32, i64>,
) -> Result<(HashMap<i32, i64>, (i64, String)), StoreError> {
    let mut next = HashMap::with_capacity(counts.len());
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
            let last: i64 = row.try_get(0)?;
            next.insert(year, last - n + 1);
            Ok((next, (row.try_get(1)?, row.try_get(2)?)))
        }
        (Backend::Postgres, _) => {
            for (&year, &n) in counts {
                let row = sqlx::query(MOVE)
                    .bind(year)
                    .bind(n)
                    .fetch_one(&mut *conn)
                    .await?;
                let last: i64 = row.try_get(0)?;
                next.insert(year, last - n + 1);
            }
            Ok((next, ledger::lock_head(conn).await?))
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
                let last: i64 = row.try_get(0)?;
                next.insert(year, last - n + 1);
            }
            let head = &rows[counts.len()];
            Ok((next, (head.try_get(0)?, head.try_get(1)?)))
        }
    }
}
