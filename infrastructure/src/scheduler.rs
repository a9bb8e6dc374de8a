//! System decisions: positive silence reached (Ley 1755 de 2015 art. 14 num. 1), tacit
//! withdrawal (art. 17) and due dates moved by closure days (Ley 4 de 1913 art. 62), recorded
//! as events by a scheduler inside `pqrs serve` and by `pqrs jobs run` (for cron); and the
//! suppression of personal data past its retention (Ley 594 de 2000 art. 24,
//! [`crate::privacy::retention`]).
//!
//! Idempotent: the candidates come from the case view, but the decision is the aggregate's
//! (`Pqr::due_system_commands`, which mirrors the commands' guards), and a decision another
//! process recorded first is refused by the aggregate and skipped. Several schedulers can run
//! at once.

use crate::alerts;
use crate::clock::Clock;
use crate::commands::{CommandError, Executor};
use crate::db::Db;
use crate::error::StoreError;
use pqrs_domain::deadline::{bogota, local_date};
use pqrs_domain::pqr::PqrCommand;
use pqrs_domain::{Pqr, PqrServices};
use sqlx::Row;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Cases examined.
    pub examined: usize,
    /// Decisions recorded: (radicado, decision).
    pub recorded: Vec<(String, &'static str)>,
    /// Cases whose personal data was suppressed because their retention passed (Ley 594 de
    /// 2000 art. 24; [`crate::privacy::retention`]).
    pub retention_suppressed: Vec<String>,
}

fn name(cmd: &PqrCommand) -> &'static str {
    match cmd {
        PqrCommand::RecordPositiveSilence(_) => "positive_silence_reached",
        PqrCommand::RecordTacitWithdrawal(_) => "tacit_withdrawal_recorded",
        PqrCommand::MoveDueDateForClosures(_) => "due_date_moved_by_closure",
        _ => "other",
    }
}

/// How far back the scheduler looks for closure days whose moves may still be due (Ley 4 de
/// 1913 art. 62). Closure days are declared for today or later and the scheduler runs every
/// few seconds, so their moves are recorded long before; the margin covers a service that was
/// down (or a cron `pqrs jobs run`) for up to a month.
const CLOSURE_LOOKBACK_DAYS: i64 = 31;

/// How many candidate radicados the scheduler reads at once: the candidates are read page by
/// page, so a first run over a large store (every overdue information request, every
/// suspended case) does not hold them all.
const CANDIDATES_PAGE: i64 = 1_000;

/// Open cases that may need a system decision today: suspended ones (tacit withdrawal),
/// information requests past their due date without positive silence, and running cases
/// whose term may include a recent or future closure day (the aggregate decides whether it
/// must still be counted). One page, by radicado, after `after`.
async fn candidates(
    db: &Db,
    today: chrono::NaiveDate,
    services: &PqrServices,
    after: &str,
) -> Result<Vec<String>, StoreError> {
    let calendar = services.calendar.current();
    let since = today - chrono::Duration::days(CLOSURE_LOOKBACK_DAYS);
    let closure_dates: Vec<chrono::NaiveDate> = calendar
        .closures()
        .iter()
        .map(|c| c.date)
        .filter(|d| *d >= since)
        .collect();
    let mut sql = "SELECT radicado FROM case_view WHERE radicado > $1 AND closed = 0 AND \
         (suspended = 1 OR (kind = 'information_request' AND positive_silence = 0 AND \
         due_date < $2)"
        .to_owned();
    let order = format!(") ORDER BY radicado LIMIT {CANDIDATES_PAGE}");
    let rows = if let (Some(first), Some(last)) = (closure_dates.first(), closure_dates.last()) {
        sql.push_str(" OR (suspended = 0 AND due_date >= $3 AND effective_received_on <= $4)");
        sqlx::query(&format!("{sql}{order}"))
            .bind(after.to_owned())
            .bind(today.to_string())
            .bind(first.to_string())
            .bind(last.to_string())
            .fetch_all(&db.pool)
            .await?
    } else {
        sqlx::query(&format!("{sql}{order}"))
            .bind(after.to_owned())
            .bind(today.to_string())
            .fetch_all(&db.pool)
            .await?
    };
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map_err(StoreError::from))
        .collect()
}

/// Runs the scheduler once at the clock's now.
pub async fn run_once(
    db: &Db,
    cases: &Executor<Pqr>,
    services: &PqrServices,
    clock: &Clock,
) -> Result<Report, StoreError> {
    let now = clock.now().with_timezone(&bogota());
    let mut report = Report::default();
    let metadata = pqrs_domain::actor::Actor::System {
        id: "scheduler".to_owned(),
    }
    .metadata();
    let mut after = String::new();
    loop {
        let page = candidates(db, local_date(&now), services, &after).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.clone();
        let full = page.len() as i64 == CANDIDATES_PAGE;
        for radicado in page {
            report.examined += 1;
            let Some(pqr) = cases
                .load(&radicado)
                .await
                .map_err(|e| StoreError::Corrupt(e.to_string()))?
            else {
                continue;
            };
            for command in pqr.due_system_commands(now, services) {
                let what = name(&command);
                match cases.execute(&radicado, command, &metadata).await {
                    Ok(_) => {
                        tracing::info!(%radicado, decision = what, "system decision recorded");
                        report.recorded.push((radicado.clone(), what));
                    }
                    // Another scheduler got there first, or the case changed: nothing to do.
                    Err(CommandError::Refused(e)) => {
                        tracing::debug!(%radicado, error = %e, "system decision no longer due")
                    }
                    Err(CommandError::Conflict) => {}
                    Err(CommandError::Store(e)) => return Err(e),
                }
            }
        }
        if !full {
            break;
        }
    }
    Ok(report)
}

/// One scheduler tick: the system decisions due, then the alert transitions (a recorded tacit
/// withdrawal raises a `tacit_withdrawal` alert; due soon, overdue and positive silence come
/// from the deadline states). Used by `pqrs serve` and `pqrs jobs run`.
pub async fn tick(
    db: &Db,
    cases: &Executor<Pqr>,
    services: &PqrServices,
    clock: &Clock,
    webhooks: &[alerts::Webhook],
) -> Result<(Report, Vec<alerts::Alert>), StoreError> {
    let mut raised = Vec::new();
    let report = tick_each(db, cases, services, clock, webhooks, |a| raised.push(a)).await?;
    Ok((report, raised))
}

/// [`tick`], handing each alert raised to `on_raised` instead of collecting them (the
/// server's scheduler: a first pass over a large store raises an alert on most open cases,
/// and nothing reads them afterwards but the log and the alerts table).
pub async fn tick_each(
    db: &Db,
    cases: &Executor<Pqr>,
    services: &PqrServices,
    clock: &Clock,
    webhooks: &[alerts::Webhook],
    mut on_raised: impl FnMut(alerts::Alert),
) -> Result<Report, StoreError> {
    let mut report = run_once(db, cases, services, clock).await?;
    // Retention (issue 16): a failure here is logged and retried on the next tick, and does
    // not hold back the alerts.
    match crate::privacy::retention::run(db, clock, services.policies.retention()).await {
        Ok(run) => report.retention_suppressed = run.suppressed,
        Err(e) => tracing::warn!(error = %e, "retention pass failed"),
    }
    for (radicado, decision) in &report.recorded {
        if *decision != "tacit_withdrawal_recorded" {
            continue;
        }
        let Some(case) = cases
            .load(radicado)
            .await
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .and_then(|p| p.case().cloned())
        else {
            continue;
        };
        let now = clock.now();
        let alert = alerts::Alert {
            id: uuid::Uuid::new_v4().to_string(),
            radicado: radicado.clone(),
            kind: "tacit_withdrawal".to_owned(),
            due_date: case.due_date.to_string(),
            business_days_left: 0,
            deliver_by: None,
            priority: case.priority.is_some(),
            level: alerts::level(case.priority.is_some(), "tacit_withdrawal").to_owned(),
            raised_at: crate::clock::instant_text(now),
        };
        if alerts::record(db, &alert, webhooks, now).await? {
            on_raised(alert);
        }
    }
    alerts::evaluate_each(db, services, clock, webhooks, on_raised).await?;
    Ok(report)
}

/// How many runs the in-process scheduler completed (for `/ready` and tests).
#[derive(Debug, Clone, Default)]
pub struct SchedulerStatus {
    runs: Arc<AtomicU64>,
}

impl SchedulerStatus {
    /// Completed runs since start.
    pub fn runs(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }
}

/// Runs the scheduler every `every` until the runtime stops.
pub fn spawn(
    db: Db,
    cases: Arc<Executor<Pqr>>,
    services: PqrServices,
    clock: Clock,
    webhooks: Arc<Vec<alerts::Webhook>>,
    every: Duration,
) -> SchedulerStatus {
    let status = SchedulerStatus::default();
    let runs = status.runs.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        loop {
            interval.tick().await;
            match tick_each(&db, &cases, &services, &clock, &webhooks, drop).await {
                Ok(_) => {
                    runs.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => tracing::warn!(error = %e, "scheduler run failed"),
            }
        }
    });
    status
}
