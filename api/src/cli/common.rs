//! What every subcommand shares: the `--database-url` flag, opening the store, the result type.
//! It imports no other module of the CLI.

use crate::config::{self, FileConfig};
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
    /// `sqlite://FILE` (default `sqlite://pqrs.db`) or `postgres://USER@HOST/DB`.
    #[arg(long, env = "PQRS_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// Opens the store at `url` and applies the migrations.
pub async fn open(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    let db = Db::connect(url)
        .await
        .map_err(|e| format!("cannot open the store {}: {e}", redact(url)))?;
    db.migrate().await?;
    Ok(db)
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
