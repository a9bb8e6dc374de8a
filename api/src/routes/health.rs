//! Liveness and readiness.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use pqrs_infrastructure::projection;
use pqrs_infrastructure::Backend;
use serde::Serialize;
use utoipa::ToSchema;

/// Liveness: the process is up.
#[derive(Debug, Serialize, ToSchema)]
struct Health {
    /// Always `up`.
    #[schema(example = "up")]
    pub status: &'static str,
    /// The pqrs version.
    pub version: &'static str,
}

/// Readiness: whether the store answers.
#[derive(Debug, Serialize, ToSchema)]
struct Readiness {
    /// `ready` or `not_ready`.
    #[schema(example = "ready")]
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// `ok`, or the reason the store is not reachable.
    pub store: String,
    /// The last position of the event log.
    pub log_position: i64,
    /// The position the live projections reflect.
    pub projections_position: i64,
    /// Events not yet projected.
    pub projection_lag: i64,
    /// How long ago the oldest event not yet projected was recorded, in seconds (0 when
    /// the projections are caught up; -1 when it could not be read).
    pub projection_wait_seconds: i64,
    /// Completed runs of the in-process scheduler.
    pub scheduler_runs: u64,
}

/// Most events the projections may be behind while the service reports ready, however
/// recent they are ([`MAX_READY_WAIT`]).
pub const MAX_READY_LAG: i64 = 10_000;

/// Past [`MAX_READY_LAG`] events behind, the service still reports ready while the oldest
/// event not yet projected was recorded at most this long ago: a server under a burst of
/// filings is seconds behind, not stuck (64 clients on two cores left the case view 13 800 to
/// 16 000 events behind, caught up within 2 s of the burst; docs/performance.md, run 14),
/// and a load balancer must not take it out of service for that.
pub const MAX_READY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The process is up.
#[utoipa::path(get, path = "/health", tag = "operations",
    responses((status = 200, description = "The process is up", body = Health)))]
#[tracing::instrument(name = "health", skip_all)]
async fn health() -> Json<Health> {
    Json(Health {
        status: "up",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// Ready (200) when the store answers, has answered no request with a corruption error, holds
/// no radicado counter behind the filed numbers, and the projections are at most
/// `MAX_READY_LAG` events behind the log or, further behind, the oldest event they have not
/// applied was recorded at most `MAX_READY_WAIT` ago; 503 otherwise, with the reason in
/// `store`.
#[utoipa::path(get, path = "/ready", tag = "operations",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "The store is not reachable", body = Readiness),
    ))]
#[tracing::instrument(name = "ready", skip_all)]
async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let backend = match state.db.backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let projected = state.projection.checkpoint();
    // A corruption error here is recorded and reported just below; any other error shows in
    // the log position query that follows.
    let _ = state.db.probe().await;
    let fault = match pqrs_infrastructure::error::corruption() {
        Some(e) => Some(format!(
            "El almacén de datos está dañado ({e}). No se registra nada hasta que un operador \
             lo repare o lo restaure desde una copia de seguridad."
        )),
        None => state.desk.counter_fault().await,
    };
    if let Some(fault) = fault {
        let head = projection::head_position(&state.db).await.unwrap_or(-1);
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Readiness {
                status: "not_ready",
                backend,
                store: fault,
                log_position: head,
                projections_position: projected,
                projection_lag: if head >= 0 { head - projected } else { -1 },
                projection_wait_seconds: -1,
                scheduler_runs: state.scheduler.runs(),
            }),
        );
    }
    match projection::head_position(&state.db).await {
        Ok(head) => {
            let lag = head - projected;
            let wait = oldest_wait(&state, projected, lag).await;
            let ready =
                lag <= MAX_READY_LAG || wait.is_some_and(|w| w <= MAX_READY_WAIT.as_secs() as i64);
            (
                if ready {
                    StatusCode::OK
                } else {
                    StatusCode::SERVICE_UNAVAILABLE
                },
                Json(Readiness {
                    status: if ready { "ready" } else { "not_ready" },
                    backend,
                    store: "ok".into(),
                    log_position: head,
                    projections_position: projected,
                    projection_lag: lag,
                    projection_wait_seconds: wait.unwrap_or(-1),
                    scheduler_runs: state.scheduler.runs(),
                }),
            )
        }
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Readiness {
                status: "not_ready",
                backend,
                store: e.to_string(),
                log_position: -1,
                projections_position: projected,
                projection_lag: -1,
                projection_wait_seconds: -1,
                scheduler_runs: state.scheduler.runs(),
            }),
        ),
    }
}

/// How long ago, in whole seconds by the server's clock, the oldest event not yet projected
/// was recorded: the event after `projected`, when `lag` events are waiting (0 when none
/// are; `None` when it cannot be read).
async fn oldest_wait(state: &AppState, projected: i64, lag: i64) -> Option<i64> {
    if lag <= 0 {
        return Some(0);
    }
    let at = projection::recorded_at(&state.db, projected + 1)
        .await
        .ok()??;
    let at = chrono::DateTime::parse_from_rfc3339(&at).ok()?;
    Some(seconds_since(state, at.with_timezone(&chrono::Utc)))
}

/// Whole seconds from `at` to now by the server's clock, at least 0.
fn seconds_since(state: &AppState, at: chrono::DateTime<chrono::Utc>) -> i64 {
    (state.clock.now() - at).num_seconds().max(0)
}

/// The metrics text with its content type.
type MetricsText = ([(axum::http::header::HeaderName, &'static str); 1], String);

/// Operational metrics in the Prometheus text format: the log position, the projection lag,
/// the events the projection was handed in memory (by the filing desk and the mail
/// deliverer), the filing desk's batches (how many, the filings in them, their time),
/// scheduler runs, pending webhook deliveries, and the e-mail messages waiting to be sent
/// (how many, and how long the oldest has waited).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses(
        (status = 200, description = "Prometheus text exposition", body = String, content_type = "text/plain; version=0.0.4"),
        (status = 503, description = "The store is not reachable", body = crate::error::Problem, content_type = "application/problem+json"),
    ))]
#[tracing::instrument(name = "metrics", skip_all)]
async fn metrics(State(state): State<AppState>) -> Result<MetricsText, crate::error::ApiError> {
    let head = projection::head_position(&state.db).await?;
    let projected = state.projection.checkpoint();
    let pending = pqrs_infrastructure::alerts::pending_deliveries(&state.db).await?;
    let committed = state.db.filing.committed();
    let mail = pqrs_infrastructure::outbox::waiting(&state.db).await?;
    let mail_wait = mail.oldest.map_or(0, |at| seconds_since(&state, at));
    let body = format!(
        "# HELP pqrs_log_position Last position of the event log.\n\
         # TYPE pqrs_log_position gauge\n\
         pqrs_log_position {head}\n\
         # HELP pqrs_projection_position Position the live projection reflects.\n\
         # TYPE pqrs_projection_position gauge\n\
         pqrs_projection_position{{projection=\"case_view\"}} {projected}\n\
         # HELP pqrs_projection_lag_events Events not yet projected.\n\
         # TYPE pqrs_projection_lag_events gauge\n\
         pqrs_projection_lag_events{{projection=\"case_view\"}} {}\n\
         # HELP pqrs_projection_events_handed_total Events the live projection took in memory from the filing desk and the mail deliverer instead of reading them from the log.\n\
         # TYPE pqrs_projection_events_handed_total counter\n\
         pqrs_projection_events_handed_total{{projection=\"case_view\"}} {}\n\
         # HELP pqrs_filing_batches_total Transactions in which this process's filing desk committed filings (group commit).\n\
         # TYPE pqrs_filing_batches_total counter\n\
         pqrs_filing_batches_total {}\n\
         # HELP pqrs_filings_committed_total Filings this process's desk committed in those transactions.\n\
         # TYPE pqrs_filings_committed_total counter\n\
         pqrs_filings_committed_total {}\n\
         # HELP pqrs_filing_commit_seconds_total Time those transactions took, from waiting for the turn to write until the commit returned.\n\
         # TYPE pqrs_filing_commit_seconds_total counter\n\
         pqrs_filing_commit_seconds_total {:.6}\n\
         # HELP pqrs_scheduler_runs_total Completed runs of the in-process scheduler.\n\
         # TYPE pqrs_scheduler_runs_total counter\n\
         pqrs_scheduler_runs_total {}\n\
         # HELP pqrs_webhook_deliveries_pending Webhook deliveries not yet accepted.\n\
         # TYPE pqrs_webhook_deliveries_pending gauge\n\
         pqrs_webhook_deliveries_pending {pending}\n\
         # HELP pqrs_mail_waiting_messages E-mail messages in the outbox not yet sent, failed for good or cancelled (retries included).\n\
         # TYPE pqrs_mail_waiting_messages gauge\n\
         pqrs_mail_waiting_messages {}\n\
         # HELP pqrs_mail_oldest_waiting_seconds How long ago, by the server's clock, the oldest waiting e-mail message was queued (0 when none wait): growing past minutes, the SMTP server is down or refusing.\n\
         # TYPE pqrs_mail_oldest_waiting_seconds gauge\n\
         pqrs_mail_oldest_waiting_seconds {mail_wait}\n",
        head - projected,
        state.db.recent.taken(),
        committed.batches,
        committed.filings,
        committed.seconds,
        state.scheduler.runs(),
        mail.messages,
    );
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        body,
    ))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(health))
        .routes(utoipa_axum::routes!(ready))
        .routes(utoipa_axum::routes!(metrics))
}
