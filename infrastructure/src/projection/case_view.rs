//! The case projection: folds `Pqr` events into `case_view` rows, a page per transaction
//! together with its checkpoint.

use super::*;
use crate::db::{Backend, Db, Placeholders};
use crate::error::StoreError;
use crate::ledger::multi_row_insert;
use crate::privacy::index::{digests_of_event, merge_recent, MERGE_AT};
use crate::privacy::keys::{keyring, KeyState};
use crate::view_schema::BLIND_INDEX_RECENT;
use pqrs_domain::pqr::Case;
use pqrs_domain::Pqr;
use pqrs_projections::reports::ReportCase;
use pqrs_projections::{CaseFold, CaseRow};
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

const CASE_COLUMNS: [&str; 21] = [
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
    "report",
];

/// The JSON documents of a case's row: its folded state, and what the reports read of it
/// ([`ReportCase`]; docs/reports.md).
#[derive(Debug, Clone)]
pub(super) struct ViewDocs {
    state: String,
    report: String,
}

impl ViewDocs {
    fn of(pqr: &Pqr, case: &Case) -> Result<ViewDocs, StoreError> {
        Ok(ViewDocs {
            state: serde_json::to_string(pqr)?,
            report: serde_json::to_string(&ReportCase::of(case))?,
        })
    }
}

/// The case projection, writing to `table` (the live view or a rebuild's shadow table).
#[derive(Debug, Clone)]
pub struct CaseProjection {
    pub(super) db: Db,
    table: String,
    checkpoint_name: String,
    fold: CaseFold,
    /// The blind-index entries waiting in [`BLIND_INDEX_RECENT`] as this projection last
    /// wrote or counted them (-1: not counted yet); past [`MERGE_AT`] a page's transaction
    /// merges them into the index.
    staged: Arc<AtomicI64>,
    /// Whether it takes the events this process just committed from [`crate::recent`] (the
    /// live view) rather than reading every event from the log (a rebuild).
    handed: bool,
}

impl CaseProjection {
    /// The live case view.
    pub fn live(db: Db) -> Self {
        CaseProjection {
            handed: true,
            ..CaseProjection::on(db, CASE_VIEW, CASE_VIEW)
        }
    }

    /// The projection into `table` with checkpoint `checkpoint_name`.
    pub fn on(db: Db, table: &str, checkpoint_name: &str) -> Self {
        CaseProjection {
            db,
            table: table.to_owned(),
            checkpoint_name: checkpoint_name.to_owned(),
            fold: CaseFold,
            staged: Arc::new(AtomicI64::new(-1)),
            handed: false,
        }
    }

    /// The same projection working through `db` (another pool on the same store), sharing
    /// its count of staged blind-index entries.
    pub fn through(&self, db: Db) -> Self {
        CaseProjection { db, ..self.clone() }
    }

    /// The checkpoint name.
    pub fn name(&self) -> &str {
        &self.checkpoint_name
    }

    async fn load_states(&self, ids: &[String]) -> Result<HashMap<String, Pqr>, StoreError> {
        let mut states = HashMap::with_capacity(ids.len());
        for chunk in crate::db::in_shapes(ids) {
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
        if !self
            .commit_page(from, page.last, &page.rows, &page.index)
            .await?
        {
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
        let handed = self.handed;
        let fetch = |after: i64, n: i64| {
            let db = self.db.clone();
            tokio::spawn(async move {
                match handed {
                    true => next_events(&db, after, n).await,
                    false => read_events(&db, after, n).await,
                }
            })
        };
        let mut states: HashMap<String, Pqr> = HashMap::new();
        let mut touched: HashMap<String, i64> = HashMap::new();
        let ring = keyring();
        let mut index = Vec::new();
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
                if let Some(ring) = &ring {
                    for (kind, digest) in digests_of_event(ring, &event.event_type, &event.payload)
                    {
                        index.push((kind, digest, event.aggregate_id.clone()));
                    }
                }
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
                if let (Some(row), Some(case)) = (CaseRow::of(&pqr, position), pqr.case()) {
                    rows.push((row, ViewDocs::of(&pqr, case)?));
                }
                changed.push((id, pqr, position));
            }
        }
        Ok(Some(FoldedPage {
            last,
            rows,
            index,
            states: changed,
        }))
    }

    /// Writes a folded page: moves the checkpoint from `from` to `last` (compare-and-set),
    /// upserts `rows` and adds `index` to the blind index in one transaction. `false` if the
    /// checkpoint was not at `from` (another process applied these events first): nothing is
    /// written.
    async fn commit_page(
        &self,
        from: i64,
        last: i64,
        rows: &[(CaseRow, ViewDocs)],
        index: &[IndexEntry],
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
        let added = add_to_index(&mut tx, self.db.backend, self.db.views_schema(), index).await?;
        let staged = self.merge_when_due(&mut tx, added).await?;
        tx.commit().await?;
        // Counted only once the page is in: a page rolled back leaves the count as it was.
        self.staged.store(staged, Ordering::Relaxed);
        Ok(true)
    }

    /// After a page's `added` blind-index entries were staged on `conn` (its transaction):
    /// merges every staged entry into the index when [`MERGE_AT`] or more are waiting, and
    /// returns how many wait after this page. The count is this projection's, taken from
    /// the table the first time.
    async fn merge_when_due(
        &self,
        conn: &mut AnyConnection,
        added: usize,
    ) -> Result<i64, StoreError> {
        let schema = self.db.views_schema();
        let mut staged = self.staged.load(Ordering::Relaxed);
        if staged < 0 {
            staged = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM {schema}{BLIND_INDEX_RECENT}"
            ))
            .fetch_one(&mut *conn)
            .await?;
        }
        staged = staged.saturating_add(i64::try_from(added).unwrap_or(i64::MAX));
        if staged < MERGE_AT {
            return Ok(staged);
        }
        merge_recent(conn, self.db.backend, schema).await?;
        Ok(0)
    }

    /// Catches up with the log as it was when called, for a rebuild: like
    /// [`CaseProjection::catch_up`], but keeping the states of the cases in `cache` between
    /// pages, and folding each page while the page before is being written (its commit runs
    /// in its own task; a page commits only after the one before it did, and reads states
    /// from the table only after that too). Stops at the first page another process applied
    /// first. Returns the positions applied.
    pub(super) async fn catch_up_pipelined(
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
            let index = folded.index;
            let last = folded.last;
            cache.put(folded.states, -1);
            let me = self.clone();
            let (after, until) = (from, last);
            pending = Some(PendingCommit {
                last,
                task: Some(tokio::spawn(async move {
                    me.commit_page(after, until, &rows, &index).await
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
        rows: &[(CaseRow, ViewDocs)],
    ) -> Result<(), StoreError> {
        let updates: Vec<String> = CASE_COLUMNS[1..]
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        for chunk in crate::db::in_shapes(rows) {
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
            for (r, docs) in chunk {
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
                    .bind(docs.state.clone())
                    .bind(r.position)
                    .bind(docs.report.clone());
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

/// An entry of the blind index of petitioners: kind (`id_number`, `email`), digest, radicado.
type IndexEntry = (&'static str, String, String);

/// Adds `entries` to the blind index's newest entries ([`BLIND_INDEX_RECENT`], in the views:
/// `schema` is [`Db::views_schema`]) on `conn`, inside the page's transaction, and returns how
/// many it added; [`merge_recent`] moves them into the index proper (docs/privacy.md). Only a
/// case whose key opens gets entries: one whose key was destroyed (a rebuild replaying its
/// filing, or a page read just before its suppression, which forgets the key here) opened as
/// "dato suprimido", and one whose key does not open under this KEK opened as a placeholder.
/// The keys come from the keyring, which holds those of the page's cases since the page was
/// read.
async fn add_to_index(
    conn: &mut AnyConnection,
    backend: Backend,
    schema: &str,
    entries: &[IndexEntry],
) -> Result<usize, StoreError> {
    let Some(ring) = keyring() else {
        return Ok(0);
    };
    if entries.is_empty() {
        return Ok(0);
    }
    let keys = ring
        .keys_for(&mut *conn, entries.iter().map(|e| e.2.as_str()))
        .await?;
    let kept: Vec<&IndexEntry> = entries
        .iter()
        .filter(|e| {
            !matches!(
                keys.get(&e.2),
                Some(KeyState::Destroyed | KeyState::Unreadable)
            )
        })
        .collect();
    let style = Placeholders::of(backend);
    for chunk in crate::db::in_shapes(&kept) {
        let sql = multi_row_insert(
            style,
            &format!("{schema}{BLIND_INDEX_RECENT} (kind, digest, radicado)"),
            chunk.len(),
            3,
        );
        let mut q = sqlx::query(&sql);
        for (kind, digest, radicado) in chunk {
            q = q
                .bind(kind.to_string())
                .bind(digest.clone())
                .bind(radicado.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(kept.len())
}

/// The states of the cases as of checkpoint `at`, kept in memory between the pages of a
/// rebuild so each page loads only the cases it has not seen recently. At most
/// [`STATE_CACHE_CASES`] cases; the least recently changed go first.
#[derive(Debug, Default)]
pub(super) struct StateCache {
    at: i64,
    states: HashMap<String, (Pqr, i64)>,
}

/// The most case states a rebuild keeps in memory between pages.
const STATE_CACHE_CASES: usize = 100_000;

/// Events read per query by a step.
const READ_CHUNK: i64 = 5_000;

/// With a state cache (rebuilds), a page ends once it has changed this many cases.
pub(super) const PAGE_CASES: usize = 50_000;

/// A page folded and ready to commit.
struct FoldedPage {
    /// The position it moves the checkpoint to.
    last: i64,
    /// The rows of the cases it changed, with their states as JSON.
    rows: Vec<(CaseRow, ViewDocs)>,
    /// What its events add to the blind index.
    index: Vec<IndexEntry>,
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
