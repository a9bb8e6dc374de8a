//! Errors at the storage boundary.

/// A storage operation failed. The API maps every variant to an opaque 5xx (logged with the
/// request id) except where a caller translates it into a domain answer first.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or answered with an error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
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
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

impl StoreError {
    /// Whether the store is unreachable or overloaded (worth a retry), rather than broken.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Unavailable(_)
                | StoreError::Database(
                    sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
                )
        ) || matches!(self, StoreError::Database(sqlx::Error::Database(db))
            if db.code().is_some_and(|c| c == "5" || c == "517" || c.starts_with("08") || c == "57P01" || c == "53300"))
    }
}

/// Whether `e` is a unique-constraint violation, and on which constraint or index (by name
/// where the backend reports it; SQLite reports the columns instead).
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => Some(
            db.constraint()
                .map(str::to_owned)
                .unwrap_or_else(|| db.message().to_owned()),
        ),
        _ => None,
    }
}
