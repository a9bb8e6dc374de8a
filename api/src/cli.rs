//! The `pqrs` command line.

use crate::app::{self, Limits};
use crate::config::{self, FileConfig, Settings};
use crate::state::AppState;
use chrono::DateTime;
use clap::{Parser, Subcommand};
use pqrs_domain::actor::Role;
use pqrs_domain::closures::{CalendarCommand, EntityCalendar, ENTITY_CALENDAR_ID};
use pqrs_domain::text::Reason;
use pqrs_domain::{deadline, Calendar, Kind};
use pqrs_infrastructure::commands::Executor;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::radicacion::FilingDesk;
use pqrs_infrastructure::{calendar_store, db::redact, projection, scheduler, tokens, Clock, Db};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// pqrs — PQR filing, legal deadlines and an audit trail for Colombian entities.
#[derive(Debug, Parser)]
#[command(name = "pqrs", version)]
pub struct Cli {
    /// A TOML configuration file (bind, database_url, max_batch, request_timeout_secs,
    /// body_limit_bytes, header_read_timeout_secs, idle_timeout_secs, max_header_bytes,
    /// max_connections).
    #[arg(long, env = "PQRS_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the store is.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// `sqlite://FILE` (default `sqlite://pqrs.db`) or `postgres://USER@HOST/DB`.
    #[arg(long, env = "PQRS_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (migrates the store first).
    Serve {
        /// Address to listen on (default 127.0.0.1:8080; port 0 picks a free port).
        #[arg(long, env = "PQRS_BIND")]
        bind: Option<String>,
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
        #[command(subcommand)]
        command: JobsCli,
    },
    /// Apply the schema migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Staff tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
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
        #[command(subcommand)]
        command: CalendarCli,
    },
    /// Read models: rebuild from the whole log.
    Projections {
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
        #[command(subcommand)]
        command: crate::cli_audit::AuditCommand,
    },
    /// Statutory and management reports as of a log position (access-to-information,
    /// pqr-follow-up, dashboard), in JSON, CSV or HTML.
    Report(crate::cli_reports::ReportArgs),
}

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
        #[command(flatten)]
        db: DbArgs,
    },
    /// List the declared closure days.
    Closures {
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

/// Job commands.
#[derive(Debug, Subcommand)]
pub enum JobsCli {
    /// Record the system decisions due now (positive silence, tacit withdrawal) and exit.
    Run {
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Projection commands.
#[derive(Debug, Subcommand)]
pub enum ProjectionsCli {
    /// Replay the whole log into a fresh copy of a view and swap it in without downtime.
    Rebuild {
        /// The projection (default: all). Known: case_view.
        name: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Token commands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it once.
    Create {
        /// agent, supervisor, auditor, reporter or admin.
        #[arg(long)]
        role: String,
        /// Who holds it.
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// A failure of a command, printed on stderr with exit code 1.
type CliResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("pqrs: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pqrs: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, in colour only when stderr is a terminal: a log redirected to a file or a
/// pipe carries no ANSI escape codes.
fn init_tracing() {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

async fn open(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    let db = Db::connect(url)
        .await
        .map_err(|e| format!("cannot open the store {}: {e}", redact(url)))?;
    db.migrate().await?;
    Ok(db)
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> CliResult {
    let file = match &cli.config {
        Some(path) => FileConfig::load(path)?,
        None => FileConfig::default(),
    };
    match cli.command {
        Command::Serve {
            bind,
            db,
            dev_clock,
            max_batch,
            scheduler_interval_secs,
        } => {
            init_tracing();
            let mut settings =
                Settings::resolve(&file, bind, db.database_url, max_batch, dev_clock)?;
            if let Some(secs) = scheduler_interval_secs.or(file.scheduler_interval_secs) {
                settings.scheduler_interval = std::time::Duration::from_secs(secs.max(1));
            }
            serve(settings, &file).await
        }
        Command::Jobs {
            command: JobsCli::Run { db },
        } => {
            let url = config::database_url(db.database_url, &file);
            let db = open(&url).await?;
            let clock = Clock::system();
            let services = config::services(&file)?;
            let repo = PqrsEventRepository::new(db.clone(), clock.clone());
            let calendar = Executor::<EntityCalendar>::new(repo.clone(), ());
            calendar_store::refresh(&calendar, &services).await?;
            projection::CaseProjection::live(db.clone())
                .catch_up(5_000, |_| {})
                .await?;
            let cases = Executor::<pqrs_domain::Pqr>::new(repo, services.clone());
            let webhooks = file.webhooks.clone().unwrap_or_default();
            let mail = crate::notify::prepare(
                &db,
                &clock,
                &file,
                &config::entity(&file)?,
                Arc::new(webhooks.clone()),
            )?;
            let (report, raised) =
                scheduler::tick(&db, &cases, &services, &clock, &webhooks).await?;
            println!("examined {} open cases", report.examined);
            for (radicado, decision) in &report.recorded {
                println!("{radicado}  {decision}");
            }
            for alert in &raised {
                println!("{}  alert {}", alert.radicado, alert.kind);
            }
            if !webhooks.is_empty() {
                let client = reqwest_client()?;
                let sent =
                    pqrs_infrastructure::alerts::deliver_due(&db, &clock, &webhooks, &client)
                        .await?;
                println!("delivered {sent} webhook calls");
            }
            match mail {
                Some(mail) => println!("sent {} e-mail messages", mail.deliver_due().await?),
                None => println!("e-mail to petitioners is off (PQRS_SMTP_URL not set)"),
            }
            Ok(())
        }
        Command::Migrate { db } => {
            let url = config::database_url(db.database_url, &file);
            open(&url).await?;
            println!("migrated {}", redact(&url));
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { role, name, db },
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                format!("unknown role `{role}`: use agent, supervisor, auditor, reporter or admin")
            })?;
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err("--name must be 1 to 200 characters".into());
            }
            let url = config::database_url(db.database_url, &file);
            let db = open(&url).await?;
            let (token, staff) = tokens::create(&db, &Clock::system(), role, name).await?;
            println!("{token}");
            eprintln!(
                "token for {} ({}) created, id {}; it is shown only once",
                staff.name, staff.role, staff.id
            );
            Ok(())
        }
        Command::Deadline { kind, received, db } => {
            let kind = Kind::parse(&kind)?;
            let received = DateTime::parse_from_rfc3339(&received).map_err(|_| {
                "--received must be RFC 3339 with offset, e.g. 2026-11-23T09:00:00-05:00"
            })?;
            let services = config::services(&file)?;
            // Only a store named somewhere is opened: no `pqrs.db` appears where none was meant.
            if let Some(url) = db.database_url.or_else(|| file.database_url.clone()) {
                let db = open(&url).await?;
                let repo = PqrsEventRepository::new(db, Clock::system());
                let calendar = Executor::<EntityCalendar>::new(repo, ());
                calendar_store::refresh(&calendar, &services).await?;
            }
            let calendar = services.calendar.current();
            // The same computation as a filing and `POST /v1/deadlines/calculate`, transitions
            // of the policy book included (Decreto 491 de 2020 art. 5).
            let d = services.policies.deadline_for(&calendar, kind, &received)?;
            let (effective, term, due) = (
                d.effective_received_on,
                d.case_term.term,
                d.case_term.due_date,
            );
            let policy_name = services
                .policies
                .policy(&d.case_term.policy_id, &d.case_term.policy_version)
                .map_or(d.case_term.policy_id.as_str(), |p| p.name.as_str());
            println!("kind:                  {kind} ({})", kind.spanish());
            println!("received at:           {received}");
            println!("effective receipt (E): {effective}");
            println!(
                "term:                  {} {:?} days ({})",
                term.days, term.unit, policy_name
            );
            println!("due date:              {due} (until 23:59:59 Bogotá)");
            println!("calendar version:      {}", calendar.version());
            Ok(())
        }
        Command::Calendar {
            command: CalendarCli::Rules { from, to, json, db },
        } => {
            let services = config::services(&file)?;
            if let Some(url) = db.database_url.or_else(|| file.database_url.clone()) {
                let db = open(&url).await?;
                let repo = PqrsEventRepository::new(db, Clock::system());
                let calendar = Executor::<EntityCalendar>::new(repo, ());
                calendar_store::refresh(&calendar, &services).await?;
            }
            let calendar = services.calendar.current();
            let body = crate::routes::calendar::calendar_rules(&calendar, from, to).map_err(
                |e| match e {
                    crate::error::ApiError::Validation(errors) => errors
                        .iter()
                        .map(|f| format!("--{}: {}", f.field, f.message))
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.to_string(),
                },
            )?;
            if json {
                println!("{}", serde_json::to_string_pretty(&body)?);
                return Ok(());
            }
            println!("calendario vigente del {} al {}", body.from, body.to);
            println!("versión del calendario: {}", body.calendar_version);
            for r in &body.rules {
                let until = r.in_force_until.map(|d| d.to_string()).unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{} … {}",
                    r.name, r.date_rule, r.legal_basis, r.in_force_from, until
                );
            }
            for c in &body.closures {
                println!("cierre\t{}\t{}", c.date, c.legal_basis);
            }
            Ok(())
        }
        Command::Calendar { command } => {
            let (db_args, declare) = match command {
                CalendarCli::Close { date, basis, db } => (db, Some((date, basis))),
                CalendarCli::Closures { db } => (db, None),
                CalendarCli::Rules { .. } => return Ok(()),
            };
            let url = config::database_url(db_args.database_url, &file);
            let db = open(&url).await?;
            let clock = Clock::system();
            let executor =
                Executor::<EntityCalendar>::new(PqrsEventRepository::new(db, clock.clone()), ());
            if let Some((date, basis)) = declare {
                let mut metadata = BTreeMap::new();
                metadata.insert("actor_kind".to_owned(), "cli".to_owned());
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
                "Días de cierre de la entidad (calendario {})",
                entity.calendar().version()
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
        Command::Projections {
            command: ProjectionsCli::Rebuild { name, db },
        } => {
            if let Some(n) = &name {
                if !projection::PROJECTIONS.contains(&n.as_str()) {
                    return Err(format!(
                        "unknown projection `{n}`; known: {}",
                        projection::PROJECTIONS.join(", ")
                    )
                    .into());
                }
            }
            let url = config::database_url(db.database_url, &file);
            let db = open(&url).await?;
            let bar = indicatif::ProgressBar::new(0);
            if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
            }
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} events ({per_sec}, eta {eta})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message(projection::CASE_VIEW);
            let started = std::time::Instant::now();
            let replayed = projection::rebuild_case_view(&db, 5_000, |at, head| {
                bar.set_length(u64::try_from(head).unwrap_or(0));
                bar.set_position(u64::try_from(at).unwrap_or(0));
            })
            .await?;
            bar.finish_and_clear();
            let secs = started.elapsed().as_secs_f64();
            println!(
                "rebuilt {}: {replayed} events in {secs:.2} s ({:.0} events/s)",
                projection::CASE_VIEW,
                replayed as f64 / secs.max(1e-9)
            );
            Ok(())
        }
        Command::Audit { command } => crate::cli_audit::run(command, &file).await,
        Command::Report(args) => crate::cli_reports::run(args, &file).await,
        Command::Holidays { year } => {
            let holidays = Calendar::colombia().holidays(year)?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "Festivos nacionales de Colombia, {year}")?;
            for h in holidays {
                writeln!(out, "{}  {:<9}  {}", h.date, h.date.format("%A"), h.name)?;
            }
            Ok(())
        }
    }
}

async fn serve(settings: Settings, file: &FileConfig) -> CliResult {
    let db = open(&settings.database_url).await?;
    let clock = if settings.dev_clock {
        Clock::settable()
    } else {
        Clock::system()
    };
    let services = config::services(file)?;
    let repo = PqrsEventRepository::new(db.clone(), clock.clone());
    let calendar = Arc::new(Executor::<EntityCalendar>::new(repo.clone(), ()));
    calendar_store::refresh(&calendar, &services).await?;
    calendar_store::watch(
        db.clone(),
        Executor::new(repo.clone(), ()),
        services.clone(),
        std::time::Duration::from_secs(5),
    );
    let desk = FilingDesk::start(
        db.clone(),
        services.clone(),
        clock.clone(),
        settings.max_batch,
    );
    // A counter behind the filed numbers is reported (ready 503, filings 503), not fatal:
    // the rest of the service (tracking, audit) keeps answering while it is repaired.
    desk.check_counters().await?;
    let projection = projection::spawn_runner(
        db.clone(),
        Arc::new(tokio::sync::Notify::new()),
        (db.backend == pqrs_infrastructure::Backend::Postgres)
            .then(|| settings.database_url.clone()),
        match db.backend {
            pqrs_infrastructure::Backend::Sqlite => std::time::Duration::from_millis(100),
            pqrs_infrastructure::Backend::Postgres => std::time::Duration::from_secs(1),
        },
    );
    let cases = Arc::new(Executor::<pqrs_domain::Pqr>::new(
        repo.clone(),
        services.clone(),
    ));
    let webhooks = Arc::new(settings.webhooks.clone());
    let scheduler = scheduler::spawn(
        db.clone(),
        cases.clone(),
        services.clone(),
        clock.clone(),
        webhooks.clone(),
        settings.scheduler_interval,
    );
    crate::notify::start(&db, &clock, file, &settings.entity, webhooks.clone())?;
    pqrs_infrastructure::alerts::spawn_deliverer(
        db.clone(),
        clock.clone(),
        webhooks,
        std::time::Duration::from_millis(500),
    );
    let state = AppState {
        scheduler,
        cases,
        projection,
        repo,
        calendar,
        db,
        desk,
        services,
        clock,
        audit_public_key: settings.audit_public_key.clone(),
        entity: Arc::new(settings.entity.clone()),
        access_failures: crate::access::FailureLimiter::per_minute(
            settings.access_failures_per_minute,
        ),
    };
    let router = app::router(
        state,
        settings.dev_clock,
        Limits {
            body_bytes: settings.body_limit_bytes,
            timeout: settings.request_timeout,
        },
        &settings.cors_origins,
    );
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.bind))?;
    let addr = listener.local_addr()?;
    println!(
        "pqrs listening on http://{addr} — API docs at http://{addr}/docs — store {}{}",
        redact(&settings.database_url),
        if settings.dev_clock {
            " — dev clock ON"
        } else {
            ""
        }
    );
    std::io::stdout().flush()?;
    crate::server::serve(listener, router, settings.connections, shutdown_signal()).await?;
    Ok(())
}

fn reqwest_client() -> Result<reqwest::Client, Box<dyn std::error::Error + Send + Sync>> {
    Ok(reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()?)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
