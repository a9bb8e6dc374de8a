//! `pqrs serve`: the HTTP service with its background tasks (projection runner, scheduler,
//! alert deliverer, calendar watcher).

use super::common::{CliResult, DbArgs};
use super::lang::{reason, say, word};
use crate::app::{self, Limits};
use crate::config::{self, FileConfig, Settings};
use crate::i18n::Msg;
use crate::state::{AppState, Shared};
use pqrs_domain::closures::EntityCalendar;
use pqrs_infrastructure::commands::Executor;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::radicacion::FilingDesk;
use pqrs_infrastructure::{calendar_store, db::redact, projection, scheduler, Clock};
use std::io::Write;
use std::sync::Arc;

/// The flags of `pqrs serve`.
pub struct Flags {
    /// `--bind`.
    pub bind: Option<String>,
    /// `--database-url`.
    pub db: DbArgs,
    /// `--dev-clock`.
    pub dev_clock: bool,
    /// `--max-batch`.
    pub max_batch: Option<usize>,
    /// `--scheduler-interval-secs`.
    pub scheduler_interval_secs: Option<u64>,
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

/// Runs `pqrs serve`.
pub async fn run(flags: Flags, file: &FileConfig) -> CliResult {
    init_tracing();
    let mut settings = Settings::resolve(
        file,
        flags.bind,
        flags.db.database_url,
        flags.max_batch,
        flags.dev_clock,
    )?;
    if let Some(secs) = flags
        .scheduler_interval_secs
        .or(file.scheduler_interval_secs)
    {
        settings.scheduler_interval = std::time::Duration::from_secs(secs.max(1));
    }
    serve(settings, file).await
}

async fn serve(settings: Settings, file: &FileConfig) -> CliResult {
    // Settings that cannot work stop the start before the store opens or any task runs.
    let console = config::console(file)?;
    let mail = crate::notify::mail_config(file)?.map(Arc::new);
    let db = super::common::open_with_keys(&settings.database_url, true).await?;
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
    let runner = projection::spawn_runner(
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
    crate::notify::start(
        &db,
        &clock,
        file,
        &settings.entity,
        webhooks.clone(),
        services.calendar.clone(),
    )?;
    pqrs_infrastructure::alerts::spawn_deliverer(
        db.clone(),
        clock.clone(),
        webhooks,
        std::time::Duration::from_millis(500),
    );
    let state = AppState::new(Shared {
        scheduler,
        cases,
        projection: runner.status.clone(),
        repo,
        calendar,
        db,
        desk,
        services,
        clock,
        audit_public_key: settings.audit_public_key.clone(),
        entity: Arc::new(settings.entity.clone()),
        console: Arc::new(console),
        mail,
        access_failures: crate::access::FailureLimiter::per_minute(
            settings.access_failures_per_minute,
        ),
    });
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
        .map_err(|e| {
            say(Msg::new("cli-serve-listen-failed")
                .arg("bind", settings.bind)
                .arg("reason", reason(&listen_reason(&e))))
        })?;
    let addr = listener.local_addr()?;
    // Tests and scripts read the address as the first `http://` word of this line.
    println!(
        "{}{}",
        say(Msg::new("cli-serve-listening")
            .arg("addr", addr)
            .arg("store", redact(&settings.database_url))),
        if settings.dev_clock {
            word("cli-serve-dev-clock")
        } else {
            String::new()
        }
    );
    std::io::stdout().flush()?;
    let served =
        crate::server::serve(listener, router, settings.connections, shutdown_signal()).await;
    // Its own connections are closed before the process closes the stores.
    runner.stop().await;
    served?;
    Ok(())
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

/// Why the service could not listen on its address, in the service's words for the usual
/// causes (English messages of the catalogues), the system's otherwise.
pub(super) fn listen_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => "another program is already listening there",
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: a port under 1024 needs privileges"
        }
        std::io::ErrorKind::AddrNotAvailable => "this machine has no such address",
        _ => return e.to_string(),
    }
    .to_owned()
}
