//! The `pqrs` command line: one module per subcommand, each with its arguments and its `run`.
//!
//! `common` holds what every subcommand shares (the `--database-url` flag, opening the store,
//! the result type); it imports none of its siblings, so no import runs in a circle.

mod audit;
mod calendar;
mod common;
mod deadline;
mod help_en;
mod holidays;
mod jobs;
mod keys;
pub mod lang;
mod mail;
mod migrate;
mod privacy;
mod projections;
mod report;
mod serve;
mod token;
pub mod usage;
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

/// pqrs — radicación de PQRS, términos de ley y auditoría para entidades colombianas.
// The doc comments are the help in Spanish; `help_en` holds their English, and `usage` gives
// the help, its headings and clap's usage errors in the language asked for (docs/language.md).
#[derive(Debug, Parser)]
#[command(
    name = "pqrs",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Comandos",
    subcommand_value_name = "COMANDO"
)]
pub struct Cli {
    /// Muestra esta ayuda.
    #[arg(short, long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Muestra la versión.
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Un archivo de configuración TOML; sus claves se listan en `--help`.
    #[arg(long, env = "PQRS_CONFIG", global = true, help = config::config_flag_help())]
    pub config: Option<PathBuf>,
    /// Idioma de los mensajes: es (español, el predeterminado) o en (inglés). Sin esta
    /// opción vale PQRS_LANG=en; la salida --json no cambia con el idioma.
    #[arg(long, global = true, value_name = "IDIOMA")]
    pub lang: Option<String>,
    /// Qué hacer.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pone en marcha el servicio HTTP (primero migra el almacén).
    Serve {
        /// Dirección en la que escucha (por omisión 127.0.0.1:8080; el puerto 0 toma uno libre).
        #[arg(long, env = "PQRS_BIND")]
        bind: Option<String>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
        /// Habilita `PUT /v1/dev/clock` para fijar el reloj del servidor (solo para pruebas).
        #[arg(long)]
        dev_clock: bool,
        /// Máximo de radicaciones guardadas en una transacción (por omisión 256).
        #[arg(long, env = "PQRS_MAX_BATCH")]
        max_batch: Option<usize>,
        /// Segundos entre pasadas del programador (silencio positivo, desistimiento tácito; por
        /// omisión 60).
        #[arg(long, env = "PQRS_SCHEDULER_INTERVAL_SECS")]
        scheduler_interval_secs: Option<u64>,
    },
    /// Tareas para cron.
    Jobs {
        /// Qué tarea ejecutar.
        #[command(subcommand)]
        command: JobsCli,
    },
    /// Aplica las migraciones del esquema y termina.
    Migrate {
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Tokens de los sistemas que llaman a la API.
    Token {
        /// Qué hacer con los tokens.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Cuentas de los funcionarios para la consola (personas; los sistemas usan tokens).
    User {
        /// Qué hacer con las cuentas.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// La llave maestra de los datos personales: crearla, rotarla (docs/privacy.md).
    Keys {
        /// Qué hacer con la llave.
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// El correo a los peticionarios: probar su configuración (docs/notifications.md).
    Mail {
        /// Qué hacer.
        #[command(subcommand)]
        command: mail::MailCommand,
    },
    /// Solicitudes del oficial de protección de datos: supresión, acceso, rectificación
    /// (docs/privacy.md).
    Privacy {
        /// Qué solicitud.
        #[command(subcommand)]
        command: PrivacyCommand,
    },
    /// Calcula la fecha de vencimiento de una PQR.
    Deadline {
        /// El tipo (petition, information_request, consultation, complaint, claim, report,
        /// suggestion, commendation).
        #[arg(long)]
        kind: String,
        /// Cuándo se recibió (RFC 3339 con diferencia horaria, p. ej. 2026-11-23T09:00:00-05:00).
        #[arg(long)]
        received: String,
        /// Con un almacén (esta opción, `PQRS_DATABASE_URL` o el archivo de configuración) cuentan
        /// también los días de cierre de la entidad, como en una radicación; sin él, el calendario
        /// nacional.
        #[command(flatten)]
        db: DbArgs,
    },
    /// Los días de cierre de la entidad.
    Calendar {
        /// Qué hacer con los días de cierre.
        #[command(subcommand)]
        command: CalendarCli,
    },
    /// Vistas de lectura: reconstruirlas desde todo el registro.
    Projections {
        /// Qué hacer con las vistas.
        #[command(subcommand)]
        command: ProjectionsCli,
    },
    /// Lista los festivos nacionales de un año.
    Holidays {
        /// Un año entre 1984 y 2199.
        year: i32,
    },
    /// La auditoría: resúmenes firmados, verificación, radicados completos, exportaciones.
    Audit {
        /// Qué tarea de auditoría ejecutar.
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Informes de ley y de gestión a una posición del registro (access-to-information,
    /// pqr-follow-up, dashboard), en JSON, CSV, XLSX o HTML.
    Report(ReportArgs),
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match usage::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
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
    let outcome = runtime.block_on(async {
        let outcome = run(cli).await;
        common::close_stores().await;
        outcome
    });
    match outcome {
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
        Command::Mail { command } => mail::run(command, &file).await,
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
