//! What every subcommand shares: the `--database-url` flag, opening the store, the result type.
//! It imports no other module of the CLI but `lang`, the language of what it prints.

use super::lang::{reason, say};
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use pqrs_domain::closures::EntityCalendar;
use pqrs_domain::PqrServices;
use pqrs_infrastructure::commands::Executor;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::{calendar_store, db::redact, Clock, Db};

/// A failure of a command, printed on stderr with exit code 1.
pub type CliResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Where the store is.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// `sqlite://ARCHIVO` (por omisión `sqlite://pqrs.db`) o `postgres://USUARIO@SERVIDOR/BASE`.
    #[arg(long, env = "PQRS_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// The key-encryption key file of personal data given by configuration (set once by
/// [`set_data_key_file`] from `PQRS_DATA_KEY_FILE` or the config file).
static DATA_KEY_FILE: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();

/// Records the configured key-encryption key file, before any store is opened.
pub fn set_data_key_file(path: Option<std::path::PathBuf>) {
    let _ = DATA_KEY_FILE.set(path);
}

/// The stores this command opened, closed by [`close_stores`] before the process exits.
static OPENED: std::sync::Mutex<Vec<Db>> = std::sync::Mutex::new(Vec::new());

/// How long [`close_stores`] waits for connections still in use (a task of `pqrs serve`
/// that has not stopped) before the process exits without them.
const CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Closes the stores this command opened ([`Db::close`]: on SQLite, the write-ahead logs are
/// folded into their files first, so the next process does not start by reading them).
pub async fn close_stores() {
    let opened = std::mem::take(
        &mut *OPENED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    for db in opened {
        if tokio::time::timeout(CLOSE_WAIT, db.close()).await.is_err() {
            tracing::warn!("connections to the store still in use at exit; not closed");
        }
    }
}

/// Opens the store at `url` and applies the migrations; loads the key-encryption key of
/// personal data (issue 16, docs/privacy.md), creating it beside a SQLite store that has
/// none, and refuses a key that is not the store's.
pub async fn open(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    open_with_keys(url, false).await
}

/// [`open`]; with `require`, an encrypted store without its key is refused (`pqrs serve`: it
/// must seal new personal data), otherwise the command goes on without reading personal data.
pub async fn open_with_keys(
    url: &str,
    require: bool,
) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    use pqrs_infrastructure::privacy::keys::{self, KekSource};
    // Held until the store is set up: its file in WAL mode, its migrations, its key (two
    // processes started at once on a new SQLite file would both do each).
    let setup = pqrs_infrastructure::db::setup_lock(url)
        .await
        .map_err(|e| {
            say(Msg::new("cli-store-open-failed")
                .arg("store", redact(url))
                .arg("reason", reason(&e.to_string())))
        })?;
    let db = Db::connect(url).await.map_err(|e| {
        say(Msg::new("cli-store-open-failed")
            .arg("store", redact(url))
            .arg("reason", reason(&e.to_string())))
    })?;
    db.migrate().await?;
    OPENED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(db.clone());
    let configured = DATA_KEY_FILE.get().cloned().flatten();
    let source = match (configured, sqlite_path(url)) {
        (Some(path), _) => KekSource::File(path),
        (None, Some(path)) => KekSource::BesideSqlite(keys::beside_sqlite(path)),
        (None, None) => KekSource::None,
    };
    let now = pqrs_infrastructure::clock::instant_text(chrono::Utc::now());
    match keys::start(&db, source.clone(), &now, require).await? {
        Some((_, true)) => {
            if let KekSource::BesideSqlite(path) = &source {
                let shown = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                tracing::warn!(file = %shown.display(), "created the key-encryption key of personal data");
                eprintln!(
                    "pqrs: {}",
                    say(Msg::new("cli-key-created-beside").arg("file", shown.display()))
                );
            }
        }
        Some((_, false)) => {}
        None if require => {
            tracing::warn!("no key-encryption key configured: personal data is stored in clear");
            eprintln!("pqrs: {}", say(Msg::new("cli-key-missing-warning")));
        }
        None => {}
    }
    drop(setup);
    Ok(db)
}

/// The file of a SQLite URL, if it is one.
fn sqlite_path(url: &str) -> Option<&str> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or(path);
    (!path.is_empty() && !path.starts_with(':') && !path.starts_with("file:")).then_some(path)
}

/// Opens the store named by the flag or the config file (default `sqlite://pqrs.db`).
pub async fn open_named(
    db: DbArgs,
    file: &FileConfig,
) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    open(&config::database_url(db.database_url, file)).await
}

/// The services of the config file; with a store named somewhere (the flag,
/// `PQRS_DATABASE_URL` or the config file) the entity's closure days are loaded into their
/// calendar, without one the national calendar stands. Only a store named somewhere is
/// opened: no `pqrs.db` appears where none was meant.
pub async fn services_with_closures(
    db: DbArgs,
    file: &FileConfig,
) -> Result<PqrServices, Box<dyn std::error::Error + Send + Sync>> {
    let services = config::services(file)?;
    if let Some(url) = db.database_url.or_else(|| file.database_url.clone()) {
        let db = open(&url).await?;
        let repo = PqrsEventRepository::new(db, Clock::system());
        let calendar = Executor::<EntityCalendar>::new(repo, ());
        calendar_store::refresh(&calendar, &services).await?;
    }
    Ok(services)
}

/// A progress bar on stderr drawn with `template`, hidden when stderr is not a terminal (a
/// cron log gets no escape codes).
pub fn progress_bar(template: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
