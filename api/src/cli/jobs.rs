//! `pqrs jobs run`: one scheduler pass for cron (system decisions, alerts, webhooks, e-mail).

use super::common::{open_named, CliResult, DbArgs};
use super::lang::{lang, say, word};
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use crate::words::date_time_in;
use clap::Subcommand;
use pqrs_domain::closures::EntityCalendar;
use pqrs_infrastructure::commands::Executor;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::{calendar_store, projection, scheduler, Clock};

/// Job commands.
#[derive(Debug, Subcommand)]
pub enum JobsCli {
    /// Registra las decisiones del sistema que ya vencieron (silencio positivo, desistimiento
    /// tácito), envía alertas y correos, y termina.
    Run {
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs a job command.
pub async fn run(command: JobsCli, file: &FileConfig) -> CliResult {
    let JobsCli::Run { db } = command;
    let db = open_named(db, file).await?;
    let clock = Clock::system();
    let services = config::services(file)?;
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
        file,
        &config::entity(file)?,
        std::sync::Arc::new(webhooks.clone()),
        services.calendar.clone(),
    )?;
    let (report, raised) = scheduler::tick(&db, &cases, &services, &clock, &webhooks).await?;
    println!(
        "{}",
        say(Msg::new("cli-jobs-examined").arg("count", report.examined))
    );
    for (radicado, decision) in &report.recorded {
        println!("{radicado}  {decision}");
    }
    for radicado in &report.retention_suppressed {
        println!("{radicado}  personal_data_suppressed_by_retention");
    }
    for alert in &raised {
        println!(
            "{}",
            say(Msg::new("cli-jobs-alert")
                .arg("radicado", &alert.radicado)
                .arg("kind", &alert.kind))
        );
    }
    if !webhooks.is_empty() {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        let sent =
            pqrs_infrastructure::alerts::deliver_due(&db, &clock, &webhooks, &client).await?;
        println!(
            "{}",
            say(Msg::new("cli-jobs-webhooks-delivered").arg("count", sent))
        );
    }
    match mail {
        Some(mail) => {
            let done = mail.deliver_due().await?;
            println!(
                "{}",
                say(Msg::new("cli-jobs-mail-sent")
                    .arg("sent", done.sent)
                    .arg("retrying", done.retrying)
                    .arg("failed", done.failed))
            );
            let waiting = pqrs_infrastructure::outbox::waiting(&db).await?;
            if let Some(oldest) = waiting.oldest {
                println!(
                    "{}",
                    say(Msg::new("cli-jobs-mail-waiting")
                        .arg("count", waiting.messages)
                        .arg("since", date_time_in(lang(), oldest.fixed_offset())))
                );
            }
        }
        None => println!("{}", word("cli-jobs-mail-off")),
    }
    Ok(())
}
