//! Connecting to the store and migrating its schema.

use crate::error::StoreError;
use crate::readers::{Reader, Readers};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file (the default, `./pqrs.db`).
    Sqlite,
    /// PostgreSQL (production; several `pqrs` processes may share one).
    Postgres,
}

/// How a statement with many bind parameters writes them: `$1, $2, …` on PostgreSQL, plain
/// `?` on SQLite. sqlx binds SQLite's numbered parameters by looking each one up by name in
/// SQLite's linear list of names, which is quadratic in the number of parameters: with
/// multi-row inserts of hundreds of parameters that lookup was 41 % of the server's CPU under
/// filing load (perf, docs/performance.md). Anonymous `?`, bound in order, cost nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholders {
    /// `$1, $2, …` (PostgreSQL).
    Numbered,
    /// `?, ?, …` bound in order (SQLite).
    Anonymous,
}

/// The sizes [`in_shapes`] cuts rows into, largest first.
pub const SHAPES: [usize; 5] = [256, 64, 16, 4, 1];

/// `rows` cut into chunks of the sizes of [`SHAPES`] (as many of the largest as fit, then
/// the next), for statements with one placeholder group per row. Every connection caches
/// the statements it prepared (sqlx, up to 100 each), and a multi-row statement for 500
/// rows of the case view is hundreds of kilobytes prepared: cut into chunks of any size, a
/// server that ran for a minute held more than 50 MB of them (docs/performance.md). Five
/// shapes per statement keep that small, for a few more statements per page.
pub fn in_shapes<T>(rows: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut rest = rows;
    for size in SHAPES {
        while rest.len() >= size {
            let (chunk, tail) = rest.split_at(size);
            out.push(chunk);
            rest = tail;
        }
    }
    out
}

impl Placeholders {
    /// The style for `backend`.
    pub fn of(backend: Backend) -> Placeholders {
        match backend {
            Backend::Sqlite => Placeholders::Anonymous,
            Backend::Postgres => Placeholders::Numbered,
        }
    }

    /// The style for the backend of `conn`.
    pub fn of_conn(conn: &AnyConnection) -> Placeholders {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Placeholders::Anonymous
        } else {
            Placeholders::Numbered
        }
    }

    /// Appends the placeholder of the `n`th parameter (from 1) to `sql`.
    fn push(self, sql: &mut String, n: usize) {
        match self {
            Placeholders::Numbered => {
                sql.push('$');
                sql.push_str(&n.to_string());
            }
            Placeholders::Anonymous => sql.push('?'),
        }
    }

    /// `count` placeholders from parameter `first` on, separated by commas.
    pub fn list(self, first: usize, count: usize) -> String {
        let mut sql = String::new();
        for i in 0..count {
            if i > 0 {
                sql.push_str(", ");
            }
            self.push(&mut sql, first + i);
        }
        sql
    }
}

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_URL: &str = "sqlite://pqrs.db";

impl Backend {
    /// The backend of a database URL.
    pub fn of(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }
}

/// A URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A file pqrs keeps beside the SQLite store at `path`, named by `extension`: `pqrs.db` with
/// `key` → `pqrs.key` (a store not named `*.db` gets `.key` appended).
pub fn sqlite_sibling(path: &str, extension: &str) -> String {
    let stem = path.strip_suffix(".db").unwrap_or(path);
    format!("{stem}.{extension}")
}

/// The file that holds the views of the SQLite store at `path`: `pqrs.db` → `pqrs.views.db`
/// (any other name gets `.views.db` appended).
pub fn sqlite_views_path(path: &str) -> String {
    sqlite_sibling(path, "views.db")
}

/// The statements every SQLite connection of pqrs runs first: WAL and `synchronous = FULL` on
/// the log's file, so a filing acknowledged to a citizen survives a crash; and the views file
/// attached as schema `views` (see [`Db::views_schema`]), WAL with `synchronous = NORMAL`.
///
/// Why a second file: SQLite has one write lock per file. With the case view in the log's
/// file, every projection step queued the filing desk behind it and filing throughput fell
/// to about half (docs/performance.md, issue 8); in their own file the views have their own
/// lock and their own WAL. `NORMAL` is enough there: the file stays consistent, and a power
/// cut can only drop the last view commits together with the checkpoint that records them,
/// which the runner then applies again from the log.
pub fn sqlite_session_sql(url: &str) -> Result<String, StoreError> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() || path.starts_with(':') || path.starts_with("file:") {
        // In-memory or URI names: one views file per connection would be wrong.
        return Err(StoreError::UnsupportedUrl(format!(
            "{} (pqrs needs a SQLite file path)",
            redact(url)
        )));
    }
    let views = sqlite_views_path(path).replace('\'', "''");
    Ok(format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
         PRAGMA busy_timeout = 15000; PRAGMA foreign_keys = ON; \
         ATTACH DATABASE '{views}' AS views; \
         PRAGMA views.journal_mode = WAL; PRAGMA views.synchronous = NORMAL;"
    ))
}

/// Connections of the live projection runner's own pool ([`Db::apart`],
/// `projection::spawn_runner`): one to read the next events while the page before is written,
/// one to write.
pub const RUNNER_CONNECTIONS: u32 = 2;
/// Connections of a process's pool on SQLite (readers have as many again, [`Readers`]).
const SQLITE_POOL: u32 = 8;
/// Connections of a process's pool on PostgreSQL: with the live runner's own
/// ([`RUNNER_CONNECTIONS`], [`Db::apart`]) 16, and readers 16 more.
const POSTGRES_POOL: u32 = 16 - RUNNER_CONNECTIONS;

/// What a SQLite connection of [`Db::apart`] runs after [`sqlite_session_sql`]: temporary
/// storage in memory. A statement that writes many rows inside a transaction keeps an undo
/// record of every page it changes (its statement journal), which SQLite spills to a
/// temporary file past 64 KiB: the live runner's multi-row upserts and blind-index inserts
/// wrote and deleted such a file with every statement (a tenth of its CPU; docs/performance.md,
/// "Run 14"). The runner runs no DDL, so no `CREATE INDEX` sorts in memory on these
/// connections (why the main pool keeps the default; run 11).
const APART_SQLITE_SESSION: &str = " PRAGMA temp_store = MEMORY;";

/// A pool on the store at `url`: at most `connections` ([`SQLITE_POOL`] or
/// [`POSTGRES_POOL`] when `None`); on SQLite every connection runs [`sqlite_session_sql`]
/// and then `sqlite_extra` first.
async fn open_pool(
    url: &str,
    backend: Backend,
    connections: Option<u32>,
    sqlite_extra: &str,
) -> Result<AnyPool, StoreError> {
    sqlx::any::install_default_drivers();
    let pool = match backend {
        Backend::Sqlite => {
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            let session = sqlite_session_sql(&url)? + sqlite_extra;
            // A first connection, outside the pool: the pool retries a failing connect
            // until its acquire timeout and then reports only "pool timed out".
            let mut first = AnyConnection::connect(&url)
                .await
                .map_err(|e| explain_connect_error(&url, backend, e))?;
            first
                .execute(session.as_str())
                .await
                .map_err(|e| explain_connect_error(&url, backend, e))?;
            let _ = first.close().await;
            AnyPoolOptions::new()
                .max_connections(connections.unwrap_or(SQLITE_POOL))
                .acquire_timeout(Duration::from_secs(10))
                // A SQLite connection is a file handle on a thread of ours: there is no
                // peer to lose, and the ping before each use is a hand-off to that thread.
                .test_before_acquire(false)
                .after_connect(move |conn, _| {
                    let session = session.clone();
                    Box::pin(async move {
                        conn.execute(session.as_str()).await?;
                        Ok(())
                    })
                })
                .connect(&url)
                .await?
        }
        Backend::Postgres => {
            AnyConnection::connect(url)
                .await
                .map_err(|e| explain_connect_error(url, backend, e))?
                .close()
                .await
                .map_err(StoreError::from)?;
            AnyPoolOptions::new()
                .max_connections(connections.unwrap_or(POSTGRES_POOL))
                .acquire_timeout(Duration::from_secs(10))
                // sqlx pings a connection when it goes back to the pool; a connection that
                // passed that ping moments ago is not pinged again when it is taken (a
                // round trip on every query's path). One idle longer than
                // `TRUSTED_IDLE` is, so a server restart or a dropped socket is still
                // found before use (HikariCP's "alive bypass window", same idea).
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > TRUSTED_IDLE {
                            conn.ping().await?;
                        }
                        Ok(true)
                    })
                })
                .connect(url)
                .await?
        }
    };
    Ok(pool)
}

/// How long [`Db::close`] waits, in milliseconds, for another process's writes before it
/// leaves SQLite's write-ahead logs to that process.
pub const CLOSE_CHECKPOINT_WAIT_MS: u64 = 200;

/// A connection pool on one backend.
#[derive(Debug, Clone)]
pub struct Db {
    /// The pool; every query of pqrs runs through it.
    pub pool: AnyPool,
    /// Which database it is.
    pub backend: Backend,
    /// SQLite has one write lock per file, and a writer that finds it taken sleeps in the
    /// busy handler (up to 100 ms a step). Writers of this process take turns here instead,
    /// in FIFO order, so the filing desk never sleeps behind the projection runner.
    writer: Arc<Mutex<()>>,
    /// How many turns to write this process has handed out: a writer that finds it one more
    /// than when it last took its turn knows that no other writer of this process wrote in
    /// between.
    turns: Arc<std::sync::atomic::AtomicU64>,
    /// The same for the views file (its own write lock).
    views_writer: Arc<Mutex<()>>,
    /// Faults found in the store that make filing unsafe, shared by every clone.
    pub faults: Arc<Faults>,
    /// The filing desk's pace, for background writers that let filing go first.
    pub filing: Arc<FilingPace>,
    /// Connections kept for a citizen's reads, outside the pool (see [`Db::reader`]).
    pub readers: Arc<Readers>,
    /// The events the filing desk just committed, in clear, for this process's case
    /// projection runner ([`crate::recent`]).
    pub recent: Arc<crate::recent::RecentEvents>,
    /// Where the store is, for [`Db::apart`].
    url: StoreUrl,
}

/// A store's URL, kept for opening more connections to it; shown redacted (a PostgreSQL URL
/// may carry a password).
#[derive(Clone)]
struct StoreUrl(Arc<str>);

impl std::fmt::Debug for StoreUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact(&self.0))
    }
}

/// When the filing desk is writing, and when it last finished a batch. Background writers
/// that can wait (the mail deliverer: its messages are durable in the outbox) wait for a lull
/// in filing before they take the write lock, so a burst of citizens filing is not slowed by
/// them; they are delayed, never stopped ([`FilingPace::lull`] waits a bounded time).
///
/// It also counts what the desk committed ([`FilingPace::committed`], `/metrics`): how many
/// filings go in each transaction, and how long a transaction takes, are what group commit
/// trades (docs/performance.md).
#[derive(Debug, Default)]
pub struct FilingPace {
    state: std::sync::Mutex<Pace>,
}

#[derive(Debug, Default)]
struct Pace {
    /// Batches being written now.
    writing: usize,
    /// When the last one ended.
    last: Option<std::time::Instant>,
    /// What the desk committed since the process started.
    committed: Committed,
}

/// What the filing desk of this process has committed since it started.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Committed {
    /// Transactions that committed filings.
    pub batches: u64,
    /// Filings in them.
    pub filings: u64,
    /// Time from the start of each batch's transaction (waiting for this process's turn to
    /// write included) until its commit returned, summed.
    pub seconds: f64,
}

/// A batch being written: the desk holds it for the whole transaction (a commit can wait on
/// the disk far longer than a lull), and the batch ends when it is dropped.
#[derive(Debug)]
pub struct Writing<'a> {
    pace: &'a FilingPace,
    since: std::time::Instant,
}

impl Writing<'_> {
    /// The batch committed `filings`: counted, with the time since it began.
    pub fn committed(&self, filings: usize) {
        let seconds = self.since.elapsed().as_secs_f64();
        let c = &mut self.pace.pace().committed;
        c.batches += 1;
        c.filings += filings as u64;
        c.seconds += seconds;
    }
}

impl Drop for Writing<'_> {
    fn drop(&mut self) {
        let mut pace = self.pace.pace();
        pace.writing = pace.writing.saturating_sub(1);
        pace.last = Some(std::time::Instant::now());
    }
}

impl FilingPace {
    fn pace(&self) -> std::sync::MutexGuard<'_, Pace> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The desk starts writing a batch, until the guard is dropped.
    pub fn batch(&self) -> Writing<'_> {
        self.pace().writing += 1;
        Writing {
            pace: self,
            since: std::time::Instant::now(),
        }
    }

    /// What the desk has committed so far.
    pub fn committed(&self) -> Committed {
        self.pace().committed
    }

    /// Waits until no batch is being written and none has ended for `quiet`, or for
    /// `at_most` in all.
    pub async fn lull(&self, quiet: Duration, at_most: Duration) {
        let start = std::time::Instant::now();
        loop {
            let since = {
                let pace = self.pace();
                if pace.writing > 0 {
                    Duration::ZERO
                } else {
                    pace.last.map_or(quiet, |last| last.elapsed())
                }
            };
            let waited = start.elapsed();
            if since >= quiet || waited >= at_most {
                return;
            }
            tokio::time::sleep((quiet - since).min(at_most - waited)).await;
        }
    }
}

/// Faults found in the store that make filing unsafe (see
/// [`crate::radicacion::counter_fault`]); readiness reports them and filing refuses while one
/// is set.
#[derive(Debug, Default)]
pub struct Faults {
    counter: std::sync::Mutex<Option<String>>,
}

impl Faults {
    /// The radicado-counter fault, if one is set.
    pub fn counter(&self) -> Option<String> {
        self.counter.lock().ok().and_then(|f| f.clone())
    }

    /// Sets or clears the radicado-counter fault.
    pub fn set_counter(&self, fault: Option<String>) {
        if let Ok(mut f) = self.counter.lock() {
            *f = fault;
        }
    }
}

/// The file of a SQLite URL (`sqlite://pqrs.db?mode=rwc` → `pqrs.db`), or `None` for an
/// in-memory or URI name.
fn sqlite_file(url: &str) -> Option<&str> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty() && !path.starts_with(':') && !path.starts_with("file:")).then_some(path)
}

/// The right to set up a SQLite store (open a new file into WAL mode, run the migrations,
/// create the key beside it) while no other process does: an exclusive lock on the empty file
/// beside it (`pqrs.db` → `pqrs.lock`; [`sqlite_sibling`]), given back when dropped. The file
/// may be deleted while no process is starting. Nothing on PostgreSQL, whose migrator takes
/// an advisory lock of its own.
#[derive(Debug)]
pub struct SetupLock {
    _file: Option<std::fs::File>,
}

/// Waits for, then takes, the [`SetupLock`] of the store at `url`. Two `pqrs serve` started at
/// the same instant on a new SQLite file otherwise both ran the first migration, and one of
/// them failed ("table events already exists", or a UNIQUE error on `_sqlx_migrations`), or
/// could not switch the new file to WAL ("database is locked").
///
/// The lock is its own file, never the store's: on POSIX, closing any descriptor of a file
/// drops every lock the process holds on it, SQLite's included (see [`Db::apart`]).
pub async fn setup_lock(url: &str) -> Result<SetupLock, StoreError> {
    let Some(path) = sqlite_file(url).filter(|_| Backend::of(url).ok() == Some(Backend::Sqlite))
    else {
        return Ok(SetupLock { _file: None });
    };
    // A folder that is not one, or a file that is not SQLite, is named as such first.
    check_sqlite_file(path)?;
    let lock = sqlite_sibling(path, "lock");
    let lock = std::path::absolute(&lock).unwrap_or_else(|_| lock.into());
    let file = tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|e| (lock.clone(), e))?;
        file.lock().map_err(|e| (lock.clone(), e))?;
        Ok::<_, (std::path::PathBuf, std::io::Error)>(file)
    })
    .await
    .map_err(|e| StoreError::Unavailable(e.to_string()))?
    .map_err(|(lock, e)| {
        StoreError::Unusable(format!(
            "cannot lock {}, the file on which the processes that open this store take \
             turns to prepare it: {e}",
            lock.display()
        ))
    })?;
    Ok(SetupLock { _file: Some(file) })
}

/// Checks, before any connection, that the SQLite file at `path` (and its views file) can be
/// used, so a start fails with the real cause and the absolute path instead of SQLite's
/// "(code: 14) unable to open database file" or a pool timeout.
fn check_sqlite_file(path: &str) -> Result<(), StoreError> {
    let file = std::path::absolute(path).unwrap_or_else(|_| std::path::PathBuf::from(path));
    for file in [
        file.clone(),
        std::path::PathBuf::from(sqlite_views_path(&file.to_string_lossy())),
    ] {
        check_one_sqlite_file(&file)?;
    }
    Ok(())
}

/// How long a pooled PostgreSQL connection may sit idle and still be used without a ping
/// first: it passed one when it was released.
pub const TRUSTED_IDLE: Duration = Duration::from_secs(1);

/// The 16 bytes every SQLite database file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn check_one_sqlite_file(file: &std::path::Path) -> Result<(), StoreError> {
    use std::io::Read;
    let shown = file.display();
    match std::fs::metadata(file) {
        Ok(meta) if meta.is_dir() => Err(StoreError::Unusable(format!(
            "{shown} is a folder, not a SQLite database file"
        ))),
        Ok(_) => {
            let mut f = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(file)
                .map_err(|e| {
                    StoreError::Unusable(format!(
                        "cannot open {shown} to read and write: {}",
                        crate::error::io_reason(&e)
                    ))
                })?;
            let mut head = [0u8; 16];
            let mut read = 0;
            while read < head.len() {
                match f.read(&mut head[read..]) {
                    Ok(0) => break,
                    Ok(n) => read += n,
                    Err(e) => {
                        return Err(StoreError::Unusable(format!(
                            "cannot read {shown}: {}",
                            crate::error::io_reason(&e)
                        )))
                    }
                }
            }
            // An empty file is a new database for SQLite.
            if read > 0 && (read < head.len() || &head != SQLITE_HEADER) {
                return Err(StoreError::Unusable(format!(
                    "{shown} is not a SQLite database (it does not start with the header \
                     \"SQLite format 3\"); check the path in database_url"
                )));
            }
            Ok(())
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            let folder = file
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_else(|| std::path::PathBuf::from("."));
            let folder_shown = folder.display();
            match std::fs::metadata(&folder) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    return Err(StoreError::Unusable(format!(
                        "cannot create {shown}: {folder_shown} is not a folder"
                    )))
                }
                Err(_) => {
                    return Err(StoreError::Unusable(format!(
                        "cannot create {shown}: the folder {folder_shown} does not exist or \
                         cannot be read"
                    )))
                }
            }
            let probe = folder.join(format!(".pqrs-write-probe-{}", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&probe)
            {
                Ok(_) => {
                    let _ = std::fs::remove_file(&probe);
                    Ok(())
                }
                Err(e) => Err(StoreError::Unusable(format!(
                    "cannot create {shown} in the folder {folder_shown}: {}",
                    crate::error::io_write_reason(&e)
                ))),
            }
        }
        Err(e) => Err(StoreError::Unusable(format!(
            "cannot open {shown}: {}",
            crate::error::io_reason(&e)
        ))),
    }
}

/// Turns the error of a first connection into one that names the real cause and where.
fn explain_connect_error(url: &str, backend: Backend, e: sqlx::Error) -> StoreError {
    match backend {
        Backend::Postgres => {
            let at = postgres_address(url);
            match &e {
                sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                    StoreError::Unusable(format!(
                        "PostgreSQL refused the connection at {at}: is the server running and \
                         listening at that address?"
                    ))
                }
                sqlx::Error::Io(io) => {
                    StoreError::Unusable(format!("cannot connect to PostgreSQL at {at}: {io}"))
                }
                sqlx::Error::Database(db) => StoreError::Unusable(format!(
                    "PostgreSQL at {at} refused the connection: {}",
                    db.message()
                )),
                _ => StoreError::Unusable(format!("cannot connect to PostgreSQL at {at}: {e}")),
            }
        }
        Backend::Sqlite => {
            let file = sqlite_file(url)
                .map(|p| {
                    std::path::absolute(p)
                        .map(|a| a.display().to_string())
                        .unwrap_or_else(|_| p.to_owned())
                })
                .unwrap_or_else(|| redact(url));
            if crate::error::is_corruption(&e) {
                StoreError::Unusable(format!(
                    "{file} is not a SQLite database or is damaged: {e}"
                ))
            } else {
                StoreError::Unusable(format!("cannot open {file}: {e}"))
            }
        }
    }
}

/// `host:port` of a PostgreSQL URL, for messages (never the password).
fn postgres_address(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let rest = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
    let host = rest.split(['/', '?']).next().unwrap_or(rest);
    if host.is_empty() {
        "localhost:5432".into()
    } else if host.contains(':') && !host.ends_with(']') {
        host.to_owned()
    } else {
        format!("{host}:5432")
    }
}

impl Db {
    /// Connects to `url` (creating a SQLite file and its views file if missing; see
    /// [`sqlite_session_sql`]).
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        let backend = Backend::of(url)?;
        if let Some(path) = sqlite_file(url).filter(|_| backend == Backend::Sqlite) {
            check_sqlite_file(path)?;
        }
        let pool = open_pool(url, backend, None, "").await?;
        // As many readers as the process has pooled connections (on PostgreSQL the live
        // runner's own pool included): 8 on SQLite, 16 on PostgreSQL.
        let readers = Arc::new(Readers::new(
            backend,
            match backend {
                Backend::Sqlite => SQLITE_POOL,
                Backend::Postgres => POSTGRES_POOL + RUNNER_CONNECTIONS,
            } as usize,
        ));
        Ok(Db {
            pool,
            backend,
            writer: Arc::new(Mutex::new(())),
            turns: Arc::default(),
            views_writer: Arc::new(Mutex::new(())),
            faults: Arc::new(Faults::default()),
            filing: Arc::new(FilingPace::default()),
            recent: Arc::default(),
            readers,
            url: StoreUrl(url.into()),
        })
    }

    /// The same store through a pool of its own, of at most `connections`, for a background
    /// task that runs on threads of its own (the live projection runner): its SQLite
    /// connections' threads are created by the task, so they run at its priority. Everything
    /// else is shared with `self`: the turns to write, the filing desk's pace, the faults, the
    /// events just committed.
    ///
    /// On SQLite its connections keep temporary storage in memory ([`APART_SQLITE_SESSION`]):
    /// it is for a task that writes many rows per statement and runs no DDL.
    ///
    /// It opens no file itself (the file checks of [`Db::connect`] are not repeated): on
    /// POSIX, closing any descriptor of a file drops every lock the process holds on it, and
    /// SQLite's locks of this process's open connections would go with it — another process
    /// could then take the log's write-ahead file for its own and delete it under them.
    pub async fn apart(&self, connections: u32) -> Result<Db, StoreError> {
        let pool = open_pool(
            &self.url.0,
            self.backend,
            Some(connections),
            APART_SQLITE_SESSION,
        )
        .await?;
        Ok(Db {
            readers: Arc::new(Readers::new(self.backend, connections as usize)),
            pool,
            ..self.clone()
        })
    }

    /// Runs the schema migrations of this backend (idempotent; safe from several processes on
    /// PostgreSQL, which takes an advisory lock). On SQLite it also creates the views in the
    /// views file if they are not there (a missing or deleted views file is rebuilt from the
    /// log by the projection runner).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?;
                let _turn = self.views_turn().await;
                crate::view_schema::ensure_sqlite_views(&self.pool).await?;
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Closes the pool, for a process about to exit. On SQLite it first folds the write-ahead
    /// logs of both files into them and empties them (`wal_checkpoint(TRUNCATE)`): a process
    /// that exits with frames in its logs leaves them to the next process, which reads and
    /// checks them all before its first query. (The last connection to close folds them too,
    /// but a connection still on its way back to the pool when the process ends is not
    /// closed: `pqrs projections rebuild` left its logs behind in 12 runs of 20.) Another
    /// process at work on the same files (a server filing) keeps its logs in use: the
    /// checkpoint then waits at most [`CLOSE_CHECKPOINT_WAIT_MS`] for it and leaves the rest to
    /// that process, so a command run beside a busy server still exits at once.
    pub async fn close(&self) {
        self.readers.close().await;
        if self.backend == Backend::Sqlite {
            let checkpoint = async {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(&format!("PRAGMA busy_timeout = {CLOSE_CHECKPOINT_WAIT_MS}"))
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .fetch_all(&mut *conn)
                    .await?;
                // The connection is closed below, with its short busy timeout.
                Ok::<_, sqlx::Error>(())
            };
            if let Err(e) = checkpoint.await {
                tracing::warn!(error = %e, "could not fold the write-ahead log into the store");
            }
        }
        self.pool.close().await;
    }

    /// The schema prefix of the views (`case_view`, `projection_checkpoints`) in DDL: `views.`
    /// on SQLite, where they live in their own attached file, and nothing on PostgreSQL.
    /// Queries name the tables bare; SQLite finds them in the attached file.
    pub fn views_schema(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "views.",
            Backend::Postgres => "",
        }
    }

    /// This process's turn to write the views on SQLite (`None` on PostgreSQL): like
    /// [`Db::write_turn`], for the views file's own write lock.
    pub async fn views_turn(&self) -> Option<OwnedMutexGuard<()>> {
        match self.backend {
            Backend::Sqlite => Some(self.views_writer.clone().lock_owned().await),
            Backend::Postgres => None,
        }
    }

    /// This process's turn to write, on SQLite (`None` on PostgreSQL, whose row locks need no
    /// help). Hold it from before `BEGIN` until after `COMMIT` of a write transaction.
    pub async fn write_turn(&self) -> Option<OwnedMutexGuard<()>> {
        match self.backend {
            Backend::Sqlite => {
                let turn = self.writer.clone().lock_owned().await;
                self.turns
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Some(turn)
            }
            Backend::Postgres => None,
        }
    }

    /// The turns to write handed out so far (see [`Db::write_turn`]); read while holding one,
    /// it numbers that turn.
    pub fn turns(&self) -> u64 {
        self.turns.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A readiness probe that reads the log's last row (one descent of its B-tree, cheap at any
    /// size): a damaged page there answers with a corruption error, which is recorded (see
    /// [`crate::error::corruption`]).
    pub async fn probe(&self) -> Result<(), StoreError> {
        let _: AnyRow = sqlx::query("SELECT MAX(position) FROM events")
            .fetch_one(&self.pool)
            .await?;
        Ok(())
    }

    /// A connection for reads on a citizen's path, which skips the pool's ping on the way back
    /// (see [`crate::readers`]). Call [`Reader::done`] when its statements ran to the end.
    pub async fn reader(&self) -> Result<Reader<'_>, StoreError> {
        Ok(self.readers.take(&self.pool).await?)
    }

    /// Whether the store answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let _: AnyRow = sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows are cut into the five shapes only, largest first, and nothing is lost or reordered.
    #[test]
    fn rows_are_cut_into_five_shapes() {
        for n in [0usize, 1, 3, 4, 17, 255, 256, 300, 1000] {
            let rows: Vec<usize> = (0..n).collect();
            let chunks = in_shapes(&rows);
            let sizes: Vec<usize> = chunks.iter().map(|c| c.len()).collect();
            assert!(sizes.iter().all(|s| SHAPES.contains(s)), "{n}: {sizes:?}");
            assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{n}: {sizes:?}");
            assert_eq!(chunks.concat(), rows, "{n}");
        }
        let sizes =
            |n: usize| -> Vec<usize> { in_shapes(&vec![(); n]).iter().map(|c| c.len()).collect() };
        assert_eq!(sizes(300), [256, 16, 16, 4, 4, 4]);
        assert_eq!(sizes(7), [4, 1, 1, 1]);
    }

    /// A batch still being written is no lull, however long its commit takes: the deliverer
    /// waits its whole bound; once the batch ends, the lull comes after `quiet`.
    #[tokio::test]
    async fn a_batch_being_written_is_no_lull() {
        let pace = FilingPace::default();
        let quiet = Duration::from_millis(5);
        let at_most = Duration::from_millis(150);
        let writing = pace.batch();
        let start = std::time::Instant::now();
        pace.lull(quiet, at_most).await;
        assert!(
            start.elapsed() >= at_most,
            "waited out the bound while writing"
        );
        drop(writing);
        let start = std::time::Instant::now();
        pace.lull(quiet, Duration::from_secs(30)).await;
        let waited = start.elapsed();
        assert!(waited >= quiet && waited < Duration::from_secs(30));
    }

    /// Only a batch that committed is counted, with its filings and its time; one that failed
    /// (its guard dropped without [`Writing::committed`]) is not.
    #[test]
    fn only_committed_batches_are_counted() {
        let pace = FilingPace::default();
        drop(pace.batch());
        assert_eq!(pace.committed(), Committed::default());
        let writing = pace.batch();
        std::thread::sleep(Duration::from_millis(2));
        writing.committed(7);
        drop(writing);
        pace.batch().committed(1);
        let c = pace.committed();
        assert_eq!((c.batches, c.filings), (2, 8));
        assert!(
            c.seconds >= 0.002,
            "the first batch's time is counted: {}",
            c.seconds
        );
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("sqlite://pqrs.db"), "sqlite://pqrs.db");
        assert_eq!(sqlite_views_path("/x/pqrs.db"), "/x/pqrs.views.db");
        assert_eq!(sqlite_views_path("store.sqlite"), "store.sqlite.views.db");
        assert_eq!(sqlite_sibling("/x/pqrs.db", "lock"), "/x/pqrs.lock");
        assert_eq!(sqlite_sibling("store.sqlite", "key"), "store.sqlite.key");
        assert!(sqlite_session_sql("sqlite://a/b.db?mode=rwc")
            .is_ok_and(|s| s.contains("ATTACH DATABASE 'a/b.views.db' AS views")));
        assert!(sqlite_session_sql("sqlite:o'k.db").is_ok_and(|s| s.contains("'o''k.views.db'")));
        assert!(sqlite_session_sql("sqlite::memory:").is_err());
        assert_eq!(Placeholders::Numbered.list(3, 2), "$3, $4");
        assert_eq!(Placeholders::Anonymous.list(3, 2), "?, ?");
        assert!(matches!(
            Backend::of("mysql://u:secret@h/db"),
            Err(StoreError::UnsupportedUrl(u)) if !u.contains("secret")
        ));
    }
}
