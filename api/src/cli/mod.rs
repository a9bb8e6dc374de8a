//! The `pqrs` command line: one module per subcommand, each with its arguments and its `run`.
//!
//! `common` holds what every subcommand shares (the `--database-url` flag, opening the store,
//! the result type); it imports none of its siblings, so no import runs in a circle.

mod audit;
mod calendar;
mod common;
mod deadline;
mod holidays;
mod jobs;
mod keys;
pub mod lang;
mod migrate;
mod privacy;
mod projections;
mod report;
mod serve;
mod token;
mod user;

pub use audit::AuditCommand;
pub use calendar::CalendarCli;
pub use common::DbArgs;
pub use jobs::JobsCli;
pub use keys::KeysCommand;
pub use privacy::PrivacyCommand;
pub use projections::ProjectionsCli;
pub use report::{write_atomically, write_atomically_with, ReportArgs};
pub use token::TokenCommand;
pub use user::UserCommand;

use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use clap::{Parser, Subcommand};
use common::CliResult;
use std::path::PathBuf;
use std::process::ExitCode;

/// pqrs — PQR filing, legal deadlines and an audit trail for Colombian entities.
#[derive(Debug, Parser)]
#[command(name = "pqrs", version)]
pub struct Cli {
    /// A TOML configuration file; its keys are listed in `--help`.
    #[arg(long, env = "PQRS_CONFIG", global = true, help = config::config_flag_help())]
    pub config: Option<PathBuf>,
    /// Idioma de los mensajes: es (español, el predeterminado) o en (inglés). Sin esta
    /// opción vale PQRS_LANG=en; la salida --json no cambia con el idioma.
    #[arg(long, global = true, value_name = "IDIOMA")]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (migrates the store first).
    Serve {
        /// Address to listen on (default 127.0.0.1:8080; port 0 picks a free port).
        #[arg(long, env = "PQRS_BIND")]
        bind: Option<String>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
        /// Enable `PUT /v1/dev/clock` to set the server clock (testing only).
        #[arg(long)]
        dev_clock: bool,
        /// Most filings committed in one transaction (default 256).
        #[arg(long, env = "PQRS_MAX_BATCH")]
        max_batch: Option<usize>,
        /// Seconds between scheduler runs (positive silence, tacit withdrawal; default 60).
        #[arg(long, env = "PQRS_SCHEDULER_INTERVAL_SECS")]
        scheduler_interval_secs: Option<u64>,
    },
    /// Jobs for cron.
    Jobs {
        /// Which job to run.
        #[command(subcommand)]
        command: JobsCli,
    },
    /// Apply the schema migrations and exit.
    Migrate {
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Staff tokens.
    Token {
        /// What to do with the staff tokens.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Staff accounts for the console (people; machines use tokens).
    User {
        /// What to do with the accounts.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// The key-encryption key of personal data: create, rotate (docs/privacy.md).
    Keys {
        /// What to do with the key.
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The data-protection officer's requests: suppression (docs/privacy.md).
    Privacy {
        /// Which request.
        #[command(subcommand)]
        command: PrivacyCommand,
    },
    /// Compute the due date of a PQR.
    Deadline {
        /// The kind (petition, information_request, consultation, complaint, claim, report,
        /// suggestion, commendation).
        #[arg(long)]
        kind: String,
        /// When it was received (RFC 3339 with offset).
        #[arg(long)]
        received: String,
        /// With a store (this flag, `PQRS_DATABASE_URL` or the config file), the entity's
        /// closure days count too, as for a filing; without one, the national calendar.
        #[command(flatten)]
        db: DbArgs,
    },
    /// The entity's closure days.
    Calendar {
        /// What to do with the closure days.
        #[command(subcommand)]
        command: CalendarCli,
    },
    /// Read models: rebuild from the whole log.
    Projections {
        /// What to do with the read models.
        #[command(subcommand)]
        command: ProjectionsCli,
    },
    /// List the national holidays of a year.
    Holidays {
        /// A year between 1984 and 2199.
        year: i32,
    },
    /// The audit trail: signed digests, verification, radicado completeness, exports.
    Audit {
        /// Which audit task to run.
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Statutory and management reports as of a log position (access-to-information,
    /// pqr-follow-up, dashboard), in JSON, CSV or HTML.
    Report(ReportArgs),
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = std::env::var("PQRS_LANG").ok();
    match lang::resolve(cli.lang.as_deref(), env.as_deref()) {
        Ok(chosen) => lang::choose(chosen),
        Err(e) => {
            // A usage error, with clap's exit code for one.
            eprintln!("pqrs: {e}");
            return ExitCode::from(2);
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let reason = e.to_string();
            eprintln!(
                "pqrs: {}",
                lang::say(Msg::new("cli-runtime-failed").arg("reason", reason))
            );
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pqrs: {}", lang::error_text(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> CliResult {
    let file = match &cli.config {
        Some(path) => FileConfig::load(path)?,
        None => FileConfig::default(),
    };
    common::set_data_key_file(config::data_key_file(&file));
    match cli.command {
        Command::Serve {
            bind,
            db,
            dev_clock,
            max_batch,
            scheduler_interval_secs,
        } => {
            serve::run(
                serve::Flags {
                    bind,
                    db,
                    dev_clock,
                    max_batch,
                    scheduler_interval_secs,
                },
                &file,
            )
            .await
        }
        Command::Jobs { command } => jobs::run(command, &file).await,
        Command::Migrate { db } => migrate::run(db, &file).await,
        Command::Token { command } => token::run(command, &file).await,
        Command::User { command } => user::run(command, &file).await,
        Command::Keys { command } => keys::run(command, &file).await,
        Command::Privacy { command } => privacy::run(command, &file).await,
        Command::Deadline { kind, received, db } => {
            deadline::run(&kind, &received, db, &file).await
        }
        Command::Calendar { command } => calendar::run(command, &file).await,
        Command::Projections { command } => projections::run(command, &file).await,
        Command::Holidays { year } => holidays::run(year),
        Command::Audit { command } => audit::run(command, &file).await,
        Command::Report(args) => report::run(args, &file).await,
    }
}
