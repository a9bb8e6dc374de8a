//! `pqrs calendar …`: the entity's closure days and the holiday rules in force.

use super::common::{open_named, services_with_closures, CliResult, DbArgs};
use super::lang::{option_errors, reason, say, word};
use crate::config::FileConfig;
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_domain::actor::Actor;
use pqrs_domain::closures::{CalendarCommand, EntityCalendar, ENTITY_CALENDAR_ID};
use pqrs_domain::deadline;
use pqrs_domain::text::Reason;
use pqrs_infrastructure::commands::Executor;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::Clock;
use std::io::Write;

/// Closure-day commands.
#[derive(Debug, Subcommand)]
pub enum CalendarCli {
    /// Declara un día de cierre (hoy o después) con su fundamento legal.
    Close {
        /// La fecha de cierre, AAAA-MM-DD.
        #[arg(long)]
        date: chrono::NaiveDate,
        /// El acto que cierra las oficinas, p. ej. "Resolución 123 de 2026".
        #[arg(long)]
        basis: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Lista los días de cierre declarados.
    Closures {
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Las reglas de festivos vigentes en un rango de fechas, con su fundamento legal, sus fechas
    /// de vigencia y la versión del calendario (como `GET /v1/calendar/rules`).
    Rules {
        /// Primera fecha, AAAA-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Última fecha, AAAA-MM-DD.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// Escribe JSON (el cuerpo HTTP) en lugar de texto.
        #[arg(long)]
        json: bool,
        /// Con un almacén (esta opción, `PQRS_DATABASE_URL` o el archivo de configuración) cuentan
        /// también los días de cierre de la entidad; sin él, el calendario nacional.
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs a calendar command.
pub async fn run(command: CalendarCli, file: &FileConfig) -> CliResult {
    match command {
        CalendarCli::Rules { from, to, json, db } => rules(from, to, json, db, file).await,
        CalendarCli::Close { date, basis, db } => closures(db, Some((date, basis)), file).await,
        CalendarCli::Closures { db } => closures(db, None, file).await,
    }
}

/// `pqrs calendar rules`: the body of `GET /v1/calendar/rules`, as JSON or text.
async fn rules(
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    json: bool,
    db: DbArgs,
    file: &FileConfig,
) -> CliResult {
    let services = services_with_closures(db, file).await?;
    let calendar = services.calendar.current();
    let body =
        crate::bodies::calendar::calendar_rules(&calendar, from, to).map_err(|e| match e {
            crate::error::ApiError::Validation(errors) => {
                option_errors(errors.iter().map(|f| (&f.field, &f.message)))
            }
            other => other.to_string(),
        })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&body)?);
        return Ok(());
    }
    println!(
        "{}",
        say(Msg::new("cli-calendar-in-force")
            .arg("from", body.from)
            .arg("to", body.to))
    );
    println!(
        "{}",
        say(Msg::new("cli-calendar-version").arg("version", &body.calendar_version))
    );
    for r in &body.rules {
        let until = r.in_force_until.map(|d| d.to_string()).unwrap_or_default();
        // The rule's basis as the domain keeps it (the law, with an English gloss where the
        // law's words are not quoted), its gloss read in the language of the run.
        let basis = reason(&r.legal_basis);
        println!(
            "{}\t{}\t{basis}\t{} … {}",
            r.name, r.date_rule, r.in_force_from, until
        );
    }
    let closure = word("cli-calendar-closure");
    for c in &body.closures {
        println!("{closure}\t{}\t{}", c.date, c.legal_basis);
    }
    Ok(())
}

/// `pqrs calendar close` (declares first) and `pqrs calendar closures`: the closure days.
async fn closures(
    db: DbArgs,
    declare: Option<(chrono::NaiveDate, String)>,
    file: &FileConfig,
) -> CliResult {
    let db = open_named(db, file).await?;
    let clock = Clock::system();
    let executor = Executor::<EntityCalendar>::new(PqrsEventRepository::new(db, clock.clone()), ());
    if let Some((date, basis)) = declare {
        let metadata = Actor::Cli.metadata();
        let command = CalendarCommand::DeclareClosure {
            date,
            legal_basis: Reason::parse(&basis)
                .map_err(|e| option_errors([("basis", e.to_string())]))?,
            at: clock.now().with_timezone(&deadline::bogota()),
        };
        executor
            .execute(ENTITY_CALENDAR_ID, command, &metadata)
            .await?;
    }
    let entity = executor.load(ENTITY_CALENDAR_ID).await?.unwrap_or_default();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        say(Msg::new("cli-calendar-closures").arg("version", entity.calendar().version()))
    )?;
    let mut closures = entity.closures().to_vec();
    closures.sort_by_key(|c| c.date);
    for c in closures {
        writeln!(
            out,
            "{}  {:<9}  {}",
            c.date,
            crate::words::weekday_in(super::lang::lang(), c.date),
            c.legal_basis
        )?;
    }
    Ok(())
}
