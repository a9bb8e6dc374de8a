//! Errors at the storage boundary, and why a file could not be read or written.

/// Why a file could not be read, in the service's words for the usual causes (English
/// messages of the API's catalogues, so the operator reads them in their language), the
/// system's otherwise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "the file does not exist",
        std::io::ErrorKind::PermissionDenied => "permission to read it is denied",
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file",
        _ => return e.to_string(),
    }
    .to_owned()
}

/// Why a file could not be created or written, as [`io_reason`] says why one could not be
/// read.
pub fn io_write_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "the folder does not exist",
        std::io::ErrorKind::PermissionDenied => "permission to write there is denied",
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file",
        std::io::ErrorKind::AlreadyExists => "the file already exists",
        std::io::ErrorKind::StorageFull => "the disk is full",
        _ => return e.to_string(),
    }
    .to_owned()
}

/// A storage operation failed. The API maps every variant to an opaque 5xx (logged with the
/// request id) except where a caller translates it into a domain answer first.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or answered with an error.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// A schema migration failed.
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A stored record could not be read back (corrupt or unknown shape).
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
    /// The event store could not be reached while loading an aggregate.
    #[error("event store unavailable: {0}")]
    Unavailable(String),
    /// The database URL is not one pqrs supports.
    #[error("unsupported database URL `{0}`: use postgres://… or sqlite://…")]
    UnsupportedUrl(String),
    /// The store cannot be opened; the message names the real cause and the absolute path or
    /// address (a file that is not a SQLite database, a folder that cannot be written, a
    /// PostgreSQL server that refuses the connection).
    #[error("{0}")]
    Unusable(String),
    /// The store is in a state where serving would do harm (a radicado counter behind the
    /// numbers already filed, a damaged file); the message names it and how to repair it.
    #[error("{0}")]
    Fault(String),
}

/// The last corruption error any store operation of this process met, if any. Corruption does
/// not heal by itself: once seen, readiness stays false until the process restarts on a
/// repaired store.
static CORRUPTION: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if is_corruption(&e) {
            note_corruption(&e.to_string());
        }
        StoreError::Database(e)
    }
}

/// Whether `e` says the stored data is damaged: SQLite's `SQLITE_CORRUPT` (11) or
/// `SQLITE_NOTADB` (26), with any extended code; PostgreSQL's `XX001` (data corrupted) or
/// `XX002` (index corrupted).
pub fn is_corruption(e: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = e else {
        return false;
    };
    let Some(code) = db.code() else {
        return false;
    };
    if code == "XX001" || code == "XX002" {
        return true;
    }
    code.parse::<i64>()
        .is_ok_and(|c| c & 0xff == 11 || c & 0xff == 26)
}

/// Records that the store answered with a corruption error (see [`corruption`]).
pub fn note_corruption(message: &str) {
    if let Ok(mut seen) = CORRUPTION.lock() {
        if seen.is_none() {
            tracing::error!(error = %message, "the store answered with a corruption error; reporting not ready");
        }
        *seen = Some(message.to_owned());
    }
}

/// The corruption error this process met, if any.
pub fn corruption() -> Option<String> {
    CORRUPTION.lock().ok().and_then(|seen| seen.clone())
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

impl StoreError {
    /// What a person must know when the store is in a state that makes serving unsafe (a
    /// [`StoreError::Fault`] or a corruption error), or `None` for any other error.
    pub fn fault_detail(&self) -> Option<String> {
        match self {
            StoreError::Fault(detail) => Some(detail.clone()),
            StoreError::Database(e) if is_corruption(e) => Some(format!(
                "El almacén de datos está dañado ({e}). No se registra nada hasta que un \
                 operador lo repare o lo restaure desde una copia de seguridad."
            )),
            _ => None,
        }
    }

    /// Whether the store is unreachable or overloaded (worth a retry), rather than broken.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Unavailable(_)
                | StoreError::Fault(_)
                | StoreError::Database(
                    sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
                )
        ) || matches!(self, StoreError::Database(sqlx::Error::Database(db))
            if db.code().is_some_and(|c| c == "5" || c == "517" || c.starts_with("08") || c == "57P01" || c == "53300"))
    }
}

/// A unique constraint of the store, by name (see the migrations of both backends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// `events_stream_sequence`, unique `(aggregate_type, aggregate_id, sequence)`: another
    /// writer appended to the same stream first. The only optimistic-lock conflict.
    StreamSequence,
    /// The primary key of `events` (`position`).
    EventPosition,
    /// The primary key of `idempotency_keys` (`key_hash`): the key was recorded first by
    /// another request.
    IdempotencyKey,
    /// The primary key of `access_codes` (`radicado`).
    AccessCode,
    /// Any other unique constraint or index, as the backend names it.
    Other(String),
}

impl Constraint {
    /// The constraint PostgreSQL names (`pg_constraint.conname`, reported by the error), as
    /// the migrations in `infrastructure/migrations/postgres` declare it or PostgreSQL
    /// derives it (`<table>_pkey`).
    fn from_postgres(name: &str) -> Constraint {
        match name {
            "events_stream_sequence" => Constraint::StreamSequence,
            "events_pkey" => Constraint::EventPosition,
            "idempotency_keys_pkey" => Constraint::IdempotencyKey,
            "access_codes_pkey" => Constraint::AccessCode,
            other => Constraint::Other(other.to_owned()),
        }
    }

    /// SQLite names no constraint: its message lists the columns, `UNIQUE constraint failed:
    /// events.aggregate_type, events.aggregate_id, events.sequence`. The exact column list of
    /// each constraint in `infrastructure/migrations/sqlite` maps to it.
    fn from_sqlite(message: &str) -> Constraint {
        let columns = message
            .strip_prefix("UNIQUE constraint failed: ")
            .unwrap_or(message);
        match columns {
            "events.aggregate_type, events.aggregate_id, events.sequence" => {
                Constraint::StreamSequence
            }
            "events.position" => Constraint::EventPosition,
            "idempotency_keys.key_hash" => Constraint::IdempotencyKey,
            "access_codes.radicado" => Constraint::AccessCode,
            other => Constraint::Other(other.to_owned()),
        }
    }
}

/// Which unique constraint `e` violated, if it is a unique-constraint violation: by the
/// constraint's name on PostgreSQL, by its columns on SQLite (which reports no name).
pub fn unique_violation(e: &sqlx::Error) -> Option<Constraint> {
    match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => Some(match db.constraint() {
            Some(name) => Constraint::from_postgres(name),
            None => Constraint::from_sqlite(db.message()),
        }),
        _ => None,
    }
}
