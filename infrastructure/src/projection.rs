//! The projection runner: durable, replayable read models.
//!
//! cqrs-es updates its queries after the commit and drops their errors, so a crash between the
//! two loses a view update for good. pqrs does not use that path. Each projection keeps a
//! checkpoint (a log position); the runner reads the events after it in position order — the
//! ledger makes positions gapless and equal to commit order, so nothing can be skipped — folds
//! them (`pqrs_projections`), and writes the new rows and the new checkpoint in ONE
//! transaction, guarded by compare-and-set on the old checkpoint. Applying is therefore exactly
//! once in effect, even with several processes running the same projection, and a process
//! killed at any point resumes from the last committed checkpoint.

use crate::db::{Db, Placeholders};
use crate::error::StoreError;
use crate::ledger::multi_row_insert;
use pqrs_domain::Pqr;
use pqrs_projections::{CaseFold, CaseRow, EventRecord};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// The live case view.
pub const CASE_VIEW: &str = "case_view";

const EVENT_COLUMNS: &str = "position, aggregate_type, aggregate_id, sequence, event_type, \
                             event_version, payload, metadata, recorded_at";

fn record(row: &AnyRow) -> Result<EventRecord, StoreError> {
    let payload: String = row.try_get(6)?;
    let metadata: String = row.try_get(7)?;
    Ok(EventRecord {
        position: row.try_get(0)?,
        aggregate_type: row.try_get(1)?,
        aggregate_id: row.try_get(2)?,
        sequence: row.try_get(3)?,
        event_type: row.try_get(4)?,
        event_version: row.try_get(5)?,
        payload: serde_json::from_str(&payload)?,
        metadata: serde_json::from_str(&metadata)?,
        recorded_at: row.try_get(8)?,
    })
}

/// Up to `limit` events after `after`, in position order.
pub async fn read_events(db: &Db, after: i64, limit: i64) -> Result<Vec<EventRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(record).collect()
}

/// The last position of the log (0 when empty).
pub async fn head_position(db: &Db) -> Result<i64, StoreError> {
    let row = sqlx::query("SELECT position FROM ledger_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get(0)?)
}

/// The checkpoint of projection `name`, created at 0 if missing.
pub async fn checkpoint(db: &Db, name: &str) -> Result<i64, StoreError> {
    let read = || async {
        sqlx::query("SELECT position FROM projection_checkpoints WHERE name = $1")
            .bind(name.to_owned())
            .fetch_optional(&db.pool)
            .await
    };
    // A read in the common case: a write here on every step would contend for SQLite's write
    // lock with the filing desk.
    if let Some(row) = read().await? {
        return Ok(row.try_get(0)?);
    }
    {
        let _turn = db.views_turn().await;
        sqlx::query(
            "INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name.to_owned())
        .execute(&db.pool)
        .await?;
    }
    let row = read()
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("checkpoint {name} vanished")))?;
    Ok(row.try_get(0)?)
}

const CASE_COLUMNS: [&str; 20] = [
    "radicado",
    "year",
    "number",
    "kind",
    "status",
    "channel",
    "subject",
    "dependency",
    "official",
    "tier",
    "priority",
    "received_at",
    "effective_received_on",
    "due_date",
    "suspended",
    "positive_silence",
    "closed",
    "policy",
    "state",
    "position",
];

/// The case projection, writing to `table` (the live view or a rebuild's shadow table).
#[derive(Debug, Clone)]
pub struct CaseProjection {
    db: Db,
    table: String,
    checkpoint_name: String,
    fold: CaseFold,
}

impl CaseProjection {
    /// The live case view.
    pub fn live(db: Db) -> Self {
        CaseProjection::on(db, CASE_VIEW, CASE_VIEW)
    }

    /// The projection into `table` with checkpoint `checkpoint_name`.
    pub fn on(db: Db, table: &str, checkpoint_name: &str) -> Self {
        CaseProjection {
            db,
            table: table.to_owned(),
            checkpoint_name: checkpoint_name.to_owned(),
            fold: CaseFold,
        }
    }

    /// The checkpoint name.
    pub fn name(&self) -> &str {
        &self.checkpoint_name
    }

    async fn load_states(&self, ids: &[String]) -> Result<HashMap<String, Pqr>, StoreError> {
        let mut states = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT radicado, state FROM {} WHERE radicado IN ({})",
                self.table,
                Placeholders::of(self.db.backend).list(1, chunk.len())
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(id.clone());
            }
            for row in q.fetch_all(&self.db.pool).await? {
                let id: String = row.try_get(0)?;
                let state: String = row.try_get(1)?;
                states.insert(id, serde_json::from_str(&state)?);
            }
        }
        Ok(states)
    }

    /// Applies the next page of at most `limit` events; returns how many positions it moved
    /// the checkpoint by (0 when caught up, or when another process applied them first).
    pub async fn step(&self, limit: i64) -> Result<usize, StoreError> {
        let from = checkpoint(&self.db, &self.checkpoint_name).await?;
        let Some(page) = self.fold_page(from, limit, None, &mut None).await? else {
            return Ok(0);
        };
        if !self.commit_page(from, page.last, &page.rows).await? {
            // Another process applied these events first; nothing to do.
            return Ok(0);
        }
        Ok(usize::try_from(page.last - from).unwrap_or(0))
    }

    /// Reads and folds the events after `from` (at most `limit`; `None` if there are none)
    /// into the rows to write. The page is read in chunks of [`READ_CHUNK`] events, the next
    /// chunk fetched while this one is folded; with a cache, the page also ends (at a chunk's
    /// end) once it has changed [`PAGE_CASES`] cases, which bounds its memory. States come
    /// from `cache` (taken out of it), else from the table, which must then be at `from`:
    /// `before_load`, the commit of the page before, is awaited first.
    async fn fold_page(
        &self,
        from: i64,
        limit: i64,
        mut cache: Option<&mut StateCache>,
        before_load: &mut Option<PendingCommit>,
    ) -> Result<Option<FoldedPage>, StoreError> {
        let fetch = |after: i64, n: i64| {
            let db = self.db.clone();
            tokio::spawn(async move { read_events(&db, after, n).await })
        };
        let mut states: HashMap<String, Pqr> = HashMap::new();
        let mut touched: HashMap<String, i64> = HashMap::new();
        let mut last = from;
        let mut next = Some(fetch(from, limit.min(READ_CHUNK)));
        while let Some(reading) = next.take() {
            let events = reading
                .await
                .map_err(|e| StoreError::Unavailable(e.to_string()))??;
            let Some(end) = events.last().map(|e| e.position) else {
                break;
            };
            let left = limit - (end - from);
            let full = cache.is_some() && touched.len() >= PAGE_CASES;
            if left > 0 && events.len() as i64 == READ_CHUNK.min(limit) && !full {
                next = Some(fetch(end, left.min(READ_CHUNK)));
            }
            last = end;
            // The states this chunk needs and this page does not hold yet. A case whose first
            // event here is its first event (sequence 1) has no state to load.
            let mut ids: Vec<String> = Vec::new();
            let mut fresh: HashSet<&str> = HashSet::new();
            for e in events.iter().filter(|e| self.fold.relevant(e)) {
                let id = e.aggregate_id.as_str();
                if e.sequence == 1 {
                    fresh.insert(id);
                    continue;
                }
                if fresh.contains(id) || states.contains_key(id) {
                    continue;
                }
                match cache.as_deref_mut().and_then(|c| c.states.remove(id)) {
                    Some((pqr, _)) => {
                        states.insert(id.to_owned(), pqr);
                    }
                    None => ids.push(id.to_owned()),
                }
            }
            if !ids.is_empty() {
                if let Some(pending) = before_load.as_mut() {
                    if !pending.settle().await? {
                        // Another process moved the checkpoint: this page is moot.
                        return Ok(None);
                    }
                }
                ids.sort();
                ids.dedup();
                states.extend(self.load_states(&ids).await?);
            }
            for event in events.iter().filter(|e| self.fold.relevant(e)) {
                let state = states.remove(&event.aggregate_id);
                let next = self
                    .fold
                    .apply(state, event)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                states.insert(event.aggregate_id.clone(), next);
                touched.insert(event.aggregate_id.clone(), event.position);
            }
        }
        if last == from {
            return Ok(None);
        }
        let mut rows = Vec::with_capacity(touched.len());
        let mut changed = Vec::with_capacity(touched.len());
        for (id, position) in touched {
            if let Some(pqr) = states.remove(&id) {
                if let Some(row) = CaseRow::of(&pqr, position) {
                    rows.push((row, serde_json::to_string(&pqr)?));
                }
                changed.push((id, pqr, position));
            }
        }
        Ok(Some(FoldedPage {
            last,
            rows,
            states: changed,
        }))
    }

    /// Writes a folded page: moves the checkpoint from `from` to `last` (compare-and-set) and
    /// upserts `rows` in one transaction. `false` if the checkpoint was not at `from` (another
    /// process applied these events first): nothing is written.
    async fn commit_page(
        &self,
        from: i64,
        last: i64,
        rows: &[(CaseRow, String)],
    ) -> Result<bool, StoreError> {
        // On SQLite, take turns with this process's other view writers instead of colliding on
        // the views file's write lock (the filing desk writes the other file).
        let _turn = self.db.views_turn().await;
        let mut tx = self.db.pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE projection_checkpoints SET position = $1 WHERE name = $2 AND position = $3",
        )
        .bind(last)
        .bind(self.checkpoint_name.clone())
        .bind(from)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        self.upsert(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Catches up with the log as it was when called, for a rebuild: like
    /// [`CaseProjection::catch_up`], but keeping the states of the cases in `cache` between
    /// pages, and folding each page while the page before is being written (its commit runs
    /// in its own task; a page commits only after the one before it did, and reads states
    /// from the table only after that too). Stops at the first page another process applied
    /// first. Returns the positions applied.
    async fn catch_up_pipelined(
        &self,
        page: i64,
        mut progress: impl FnMut(i64),
        cache: &mut StateCache,
    ) -> Result<u64, StoreError> {
        let target = head_position(&self.db).await?;
        let start = checkpoint(&self.db, &self.checkpoint_name).await?;
        if cache.at != start {
            cache.states.clear();
        }
        // Valid again only when every page folded below has committed.
        cache.at = -1;
        let mut from = start;
        let mut committed = start;
        let mut pending: Option<PendingCommit> = None;
        loop {
            let folded = if from < target {
                self.fold_page(from, page, Some(&mut *cache), &mut pending)
                    .await?
            } else {
                None
            };
            if let Some(mut before) = pending.take() {
                let at = before.last;
                if !before.settle().await? {
                    cache.states.clear();
                    return Ok(u64::try_from(committed - start).unwrap_or(0));
                }
                committed = at;
                progress(at);
            }
            let Some(folded) = folded else {
                break;
            };
            let rows = folded.rows;
            let last = folded.last;
            cache.put(folded.states, -1);
            let me = self.clone();
            let (after, until) = (from, last);
            pending = Some(PendingCommit {
                last,
                task: Some(tokio::spawn(async move {
                    me.commit_page(after, until, &rows).await
                })),
                committed: false,
            });
            from = last;
        }
        cache.at = committed;
        Ok(u64::try_from(committed - start).unwrap_or(0))
    }

    async fn upsert(
        &self,
        conn: &mut AnyConnection,
        rows: &[(CaseRow, String)],
    ) -> Result<(), StoreError> {
        let updates: Vec<String> = CASE_COLUMNS[1..]
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        for chunk in rows.chunks(500) {
            let sql = format!(
                "{} ON CONFLICT (radicado) DO UPDATE SET {}",
                multi_row_insert(
                    Placeholders::of(self.db.backend),
                    &format!("{} ({})", self.table, CASE_COLUMNS.join(", ")),
                    chunk.len(),
                    CASE_COLUMNS.len()
                ),
                updates.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for (r, state) in chunk {
                q = q
                    .bind(r.radicado.clone())
                    .bind(r.year)
                    .bind(r.number)
                    .bind(r.kind.clone())
                    .bind(r.status.clone())
                    .bind(r.channel.clone())
                    .bind(r.subject.clone())
                    .bind(r.dependency.clone())
                    .bind(r.official.clone())
                    .bind(i32::from(r.tier))
                    .bind(i32::from(r.priority))
                    .bind(r.received_at.to_rfc3339())
                    .bind(r.effective_received_on.to_string())
                    .bind(r.due_date.to_string())
                    .bind(i32::from(r.suspended))
                    .bind(i32::from(r.positive_silence))
                    .bind(i32::from(r.closed))
                    .bind(r.policy.clone())
                    .bind(state.clone())
                    .bind(r.position);
            }
            q.execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// Applies pages until caught up with the log as it was when called; returns the number of
    /// positions applied. `progress` is told the checkpoint after each page.
    pub async fn catch_up(
        &self,
        page: i64,
        mut progress: impl FnMut(i64),
    ) -> Result<u64, StoreError> {
        let target = head_position(&self.db).await?;
        let mut applied = 0u64;
        loop {
            let n = self.step(page).await?;
            applied += n as u64;
            let at = checkpoint(&self.db, &self.checkpoint_name).await?;
            progress(at);
            if at >= target {
                return Ok(applied);
            }
        }
    }
}

/// The states of the cases as of checkpoint `at`, kept in memory between the pages of a
/// rebuild so each page loads only the cases it has not seen recently. At most
/// [`STATE_CACHE_CASES`] cases; the least recently changed go first.
#[derive(Debug, Default)]
struct StateCache {
    at: i64,
    states: HashMap<String, (Pqr, i64)>,
}

/// The most case states a rebuild keeps in memory between pages.
const STATE_CACHE_CASES: usize = 100_000;

/// Events read per query by a step.
const READ_CHUNK: i64 = 5_000;

/// With a state cache (rebuilds), a page ends once it has changed this many cases.
const PAGE_CASES: usize = 50_000;

/// A page folded and ready to commit.
struct FoldedPage {
    /// The position it moves the checkpoint to.
    last: i64,
    /// The rows of the cases it changed, with their states as JSON.
    rows: Vec<(CaseRow, String)>,
    /// The states of the cases it changed and the position of their last event.
    states: Vec<(String, Pqr, i64)>,
}

/// The commit of a page, running in its own task.
struct PendingCommit {
    last: i64,
    task: Option<tokio::task::JoinHandle<Result<bool, StoreError>>>,
    committed: bool,
}

impl PendingCommit {
    /// Waits for the commit (once): `true` if it committed, `false` if another process had
    /// moved the checkpoint.
    async fn settle(&mut self) -> Result<bool, StoreError> {
        if let Some(task) = self.task.take() {
            self.committed = task
                .await
                .map_err(|e| StoreError::Unavailable(e.to_string()))??;
        }
        Ok(self.committed)
    }
}

impl StateCache {
    /// Puts the states a page changed back, as of checkpoint `at`.
    fn put(&mut self, states: Vec<(String, Pqr, i64)>, at: i64) {
        for (id, pqr, position) in states {
            self.states.insert(id, (pqr, position));
        }
        self.at = at;
        self.trim();
    }

    fn trim(&mut self) {
        if self.states.len() <= STATE_CACHE_CASES {
            return;
        }
        let mut positions: Vec<i64> = self.states.values().map(|(_, p)| *p).collect();
        let keep = STATE_CACHE_CASES / 2;
        let cut = positions.len() - keep;
        let (_, threshold, _) = positions.select_nth_unstable(cut);
        let threshold = *threshold;
        self.states.retain(|_, (_, p)| *p >= threshold);
    }
}

/// Events per live step.
const LIVE_PAGE: i64 = 1_000;

/// The lag of the live projections, for `/ready` and metrics.
#[derive(Debug, Clone, Default)]
pub struct ProjectionStatus {
    checkpoint: Arc<AtomicI64>,
}

impl ProjectionStatus {
    /// The last checkpoint the runner committed or saw.
    pub fn checkpoint(&self) -> i64 {
        self.checkpoint.load(Ordering::Relaxed)
    }
}

/// Runs the live projections inside `pqrs serve`: catches up at start, then follows new
/// events — woken by `wake` (commits of this process), by PostgreSQL `LISTEN pqrs_events`
/// (commits of other processes) when `listen_url` is given, and by polling every `poll`.
pub fn spawn_runner(
    db: Db,
    wake: Arc<Notify>,
    listen_url: Option<String>,
    poll: Duration,
) -> ProjectionStatus {
    let status = ProjectionStatus::default();
    let out = status.clone();
    if let Some(url) = listen_url {
        let wake = wake.clone();
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&url).await {
                    Ok(mut listener) => {
                        if listener.listen("pqrs_events").await.is_ok() {
                            while listener.recv().await.is_ok() {
                                wake.notify_one();
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "LISTEN pqrs_events failed; polling"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
    tokio::spawn(async move {
        let projection = CaseProjection::live(db);
        // After a failure, wait longer each time (up to a minute): a damaged store must not
        // fill the log with the same error ten times a second.
        let mut backoff = poll;
        loop {
            let result = projection.step(LIVE_PAGE).await;
            if result.is_ok() {
                backoff = poll;
            }
            match result {
                // Keep applying while events keep coming: small, quick transactions hold the
                // SQLite write turn only briefly (measured: waiting to batch them made the
                // filing tail worse, docs/performance.md).
                Ok(n) if n > 0 => {
                    if let Ok(cp) = checkpoint(&projection.db, projection.name()).await {
                        status.checkpoint.store(cp, Ordering::Relaxed);
                    }
                    continue;
                }
                Ok(_) => {
                    if let Ok(cp) = checkpoint(&projection.db, projection.name()).await {
                        status.checkpoint.store(cp, Ordering::Relaxed);
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, retry_in = ?backoff, "case projection failed; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(60));
                    continue;
                }
            }
            let _ = tokio::time::timeout(poll, wake.notified()).await;
        }
    });
    out
}

/// Creates the views in SQLite's views file when it does not hold them (a new store, a store
/// migrated before the views had their own file, or a views file deleted to rebuild them):
/// an empty case view with its indexes, at checkpoint 0, which the runner fills from the log.
pub async fn ensure_sqlite_views(db: &Db) -> Result<(), StoreError> {
    let _turn = db.views_turn().await;
    // Two processes starting on one file may race here; the loser sees the winner's tables.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match create_sqlite_views(db).await {
            Err(e) if attempt < 3 => {
                tracing::warn!(error = %e, "creating the views file failed; trying again");
            }
            other => return other,
        }
    }
}

async fn create_sqlite_views(db: &Db) -> Result<(), StoreError> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS views.projection_checkpoints \
         (name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0))",
    )
    .execute(&mut *tx)
    .await?;
    let exists =
        sqlx::query("SELECT 1 FROM views.sqlite_master WHERE type = 'table' AND name = $1")
            .bind(CASE_VIEW)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
    if !exists {
        sqlx::query(&case_view_table_ddl(&format!("views.{CASE_VIEW}")))
            .execute(&mut *tx)
            .await?;
        for ddl in case_view_index_ddl("views.", CASE_VIEW, "") {
            sqlx::query(&ddl).execute(&mut *tx).await?;
        }
        // A view that starts empty starts at the beginning of the log.
        sqlx::query("DELETE FROM views.projection_checkpoints WHERE name = $1")
            .bind(CASE_VIEW)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The DDL of a case-view table named `table`, without its secondary indexes.
fn case_view_table_ddl(table: &str) -> String {
    format!(
        "CREATE TABLE {table} (radicado text PRIMARY KEY, year integer NOT NULL, \
         number bigint NOT NULL, kind text NOT NULL, status text NOT NULL, \
         channel text NOT NULL, subject text NOT NULL, dependency text, official text, \
         tier integer NOT NULL, priority integer NOT NULL, received_at text NOT NULL, \
         effective_received_on text NOT NULL, due_date text NOT NULL, \
         suspended integer NOT NULL, positive_silence integer NOT NULL, \
         closed integer NOT NULL, policy text NOT NULL, state text NOT NULL, \
         position bigint NOT NULL)"
    )
}

/// The secondary indexes of a case-view table named `table` (as migrations 0002 and 0004
/// create them on `case_view`), in schema `schema` ([`Db::views_schema`]), their names
/// suffixed with `suffix` so a shadow table's indexes never collide with the live one's after
/// a swap.
fn case_view_index_ddl(schema: &str, table: &str, suffix: &str) -> Vec<String> {
    vec![
        format!("CREATE INDEX {schema}case_view_open_due{suffix} ON {table} (closed, due_date)"),
        format!("CREATE INDEX {schema}case_view_status{suffix} ON {table} (status, due_date)"),
        format!(
            "CREATE INDEX {schema}case_view_dependency{suffix} ON {table} (dependency, due_date)"
        ),
        format!("CREATE INDEX {schema}case_view_official{suffix} ON {table} (official, due_date)"),
        format!("CREATE INDEX {schema}case_view_kind{suffix} ON {table} (kind, due_date)"),
        format!(
            "CREATE INDEX {schema}case_view_overdue{suffix} ON {table} (due_date, radicado) \
             WHERE closed = 0 AND suspended = 0"
        ),
        format!(
            "CREATE INDEX {schema}case_view_dependency_queue{suffix} ON {table} \
             (dependency, closed, due_date, radicado)"
        ),
        format!(
            "CREATE INDEX {schema}case_view_official_queue{suffix} ON {table} \
             (official, closed, due_date, radicado)"
        ),
        format!(
            "CREATE INDEX {schema}case_view_status_received{suffix} ON {table} \
             (status, received_at, radicado)"
        ),
    ]
}

/// Events per transaction of a rebuild at least. A case's row is written once per page
/// however many of its events the page holds, so big pages write far fewer rows; a page also
/// ends once it has changed [`PAGE_CASES`] cases, which bounds its memory.
const REBUILD_PAGE: i64 = 1_000_000;

/// The projections `pqrs projections rebuild` knows.
pub const PROJECTIONS: [&str; 1] = [CASE_VIEW];

/// Rebuilds the case view from the whole log without downtime: replays into a shadow table
/// (the live view keeps serving and updating meanwhile), then swaps the tables and hands the
/// shadow's checkpoint to the live runner in one transaction. Pages are of `page` events, or
/// of `REBUILD_PAGE` (1 000 000, ending early at 50 000 cases changed) if more, each applied as in [`CaseProjection::step`];
/// `progress(position, head)` is called after every page. Returns the number of events
/// replayed.
pub async fn rebuild_case_view(
    db: &Db,
    page: i64,
    mut progress: impl FnMut(i64, i64),
) -> Result<u64, StoreError> {
    let shadow = "case_view_rebuild";
    let shadow_checkpoint = "case_view@rebuild";
    let suffix = format!("_r{}", chrono::Utc::now().timestamp_micros());
    let schema = db.views_schema();
    sqlx::query(&format!("DROP TABLE IF EXISTS {schema}{shadow}"))
        .execute(&db.pool)
        .await?;
    sqlx::query(&case_view_table_ddl(&format!("{schema}{shadow}")))
        .execute(&db.pool)
        .await?;
    sqlx::query("DELETE FROM projection_checkpoints WHERE name = $1")
        .bind(shadow_checkpoint)
        .execute(&db.pool)
        .await?;
    let projection = CaseProjection::on(db.clone(), shadow, shadow_checkpoint);
    let batch = page.max(REBUILD_PAGE);
    let mut cache = StateCache::default();
    let mut replayed = 0u64;
    // The bulk of the log, into the table without its secondary indexes (built once, after:
    // cheaper than maintaining them on every write); then the indexes; then catch up until
    // the remaining lag is small, and swap.
    for indexed in [false, true] {
        if indexed {
            for ddl in case_view_index_ddl(schema, shadow, &suffix) {
                sqlx::query(&ddl).execute(&db.pool).await?;
            }
        }
        loop {
            let head = head_position(db).await?;
            replayed += projection
                .catch_up_pipelined(batch, |at| progress(at, head), &mut cache)
                .await?;
            let at = checkpoint(db, shadow_checkpoint).await?;
            if head_position(db).await? - at < page {
                break;
            }
        }
    }
    drop(cache);
    if db.backend == crate::db::Backend::Postgres {
        // Planner statistics for the new table before it serves the queue.
        sqlx::query(&format!("ANALYZE {shadow}"))
            .execute(&db.pool)
            .await?;
    }
    let _turn = db.views_turn().await;
    let mut tx = db.pool.begin().await?;
    // Taking the live checkpoint row first makes a concurrent live step wait for the swap.
    sqlx::query("UPDATE projection_checkpoints SET position = position WHERE name = $1")
        .bind(CASE_VIEW)
        .execute(&mut *tx)
        .await?;
    let row = sqlx::query("SELECT position FROM projection_checkpoints WHERE name = $1")
        .bind(shadow_checkpoint)
        .fetch_one(&mut *tx)
        .await?;
    let at: i64 = row.try_get(0)?;
    sqlx::query(&format!("DROP TABLE {schema}{CASE_VIEW}"))
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "ALTER TABLE {schema}{shadow} RENAME TO {CASE_VIEW}"
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO projection_checkpoints (name, position) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET position = excluded.position",
    )
    .bind(CASE_VIEW)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM projection_checkpoints WHERE name = $1")
        .bind(shadow_checkpoint)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(replayed)
}
