//! `pqrs calendar …`: the entity's closure days and the holiday rules in force.

use super::common::{open_named, services_with_closures, CliResult, DbArgs};
use super::lang::{say, word};
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
    /// Declare a closure day (today or later) with its legal basis.
    Close {
        /// The closed date, YYYY-MM-DD.
        #[arg(long)]
        date: chrono::NaiveDate,
        /// The act that closes the offices, e.g. "Resolución 123 de 2026".
        #[arg(long)]
        basis: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// List the declared closure days.
    Closures {
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// The holiday rules in force for a date range, with their legal basis, effective dates
    /// and the calendar version (as `GET /v1/calendar/rules`).
    Rules {
        /// First date, YYYY-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last date, YYYY-MM-DD.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// Print JSON (the HTTP body) instead of text.
        #[arg(long)]
        json: bool,
        /// With a store (this flag, `PQRS_DATABASE_URL` or the config file), the entity's
        /// closure days count too; without one, the national calendar.
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
            crate::error::ApiError::Validation(errors) => errors
                .iter()
                .map(|f| format!("--{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; "),
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
        println!(
            "{}\t{}\t{}\t{} … {}",
            r.name, r.date_rule, r.legal_basis, r.in_force_from, until
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
            legal_basis: Reason::parse(&basis).map_err(|e| format!("--basis {e}"))?,
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
            c.date.format("%A"),
            c.legal_basis
        )?;
    }
    Ok(())
}
