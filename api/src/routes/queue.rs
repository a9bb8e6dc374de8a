//! The staff work queue and the current alerts, read from the case view (issue 5).
//!
//! The deadline state of each case is computed at read time against the server clock
//! (injectable with `--dev-clock`), so a case becomes overdue at local midnight without any
//! new event.

use crate::auth::{Allowed, AnyStaff, Caller};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{Duration, NaiveDate};
use pqrs_domain::actor::Role;
use pqrs_domain::deadline::local_date;
use pqrs_projections::{
    deadline_view, AlertThresholds, CaseRow, DeadlineInput, DeadlineState, DeadlineView,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Filters and paging of the work queue.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Status (e.g. `filed`, `in_progress`, `suspended`, `answered`).
    #[serde(default, deserialize_with = "super::schema::status_filter")]
    #[param(schema_with = super::schema::status)]
    pub status: Option<String>,
    /// Kind (e.g. `petition`).
    #[serde(default, deserialize_with = "super::schema::kind_filter")]
    #[param(schema_with = super::schema::kind)]
    pub kind: Option<String>,
    /// Dependency responsible.
    pub dependency: Option<String>,
    /// Official assigned.
    pub official: Option<String>,
    /// Support tier 1–4.
    #[param(minimum = 1, maximum = 4)]
    pub tier: Option<u8>,
    /// Only open cases past their due date (true) or not past it (false).
    pub overdue: Option<bool>,
    /// Only open cases (default true).
    pub open: Option<bool>,
    /// `due_date` (default), `-due_date`, `received_at`, `-received_at`.
    #[param(schema_with = sort_schema)]
    pub sort: Option<String>,
    /// 1-based page (default 1).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 4294967295_i64)]
    pub page: Option<u32>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub page_size: Option<u32>,
}

fn sort_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some([
            "due_date",
            "-due_date",
            "received_at",
            "-received_at",
        ]))
        .into()
}

/// The deadline of a case as of today.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineBody {
    /// The due date in force.
    #[schema(value_type = String, format = Date)]
    pub due_date: NaiveDate,
    /// Business days left (negative: business days overdue).
    pub business_days_left: i64,
    /// Share of the term elapsed (may exceed 1).
    pub share_elapsed: f64,
    /// on_time, due_soon, overdue, suspended, positive_silence, closed.
    #[schema(schema_with = super::schema::deadline_state)]
    pub state: DeadlineState,
    /// After positive silence (Ley 1755 de 2015 art. 14 num. 1): the last day to deliver the
    /// copies; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub deliver_by: Option<NaiveDate>,
}

/// One case of the queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItem {
    /// The radicado.
    pub radicado: String,
    /// Kind.
    pub kind: String,
    /// Status.
    pub status: String,
    /// Channel.
    pub channel: String,
    /// Subject.
    pub subject: String,
    /// Dependency responsible.
    pub dependency: Option<String>,
    /// Official assigned.
    pub official: Option<String>,
    /// Support tier.
    pub tier: i64,
    /// Priority (art. 20).
    pub priority: bool,
    /// When received.
    pub received_at: String,
    /// The deadline as of today.
    pub deadline: DeadlineBody,
}

/// A page of the queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuePage {
    /// The cases.
    pub items: Vec<QueueItem>,
    /// This page.
    pub page: u32,
    /// Rows per page.
    pub page_size: u32,
    /// Cases matching the filters.
    pub total: i64,
    /// The log position the view reflects.
    pub as_of_position: i64,
    /// The local date the deadlines were computed for.
    #[schema(value_type = String, format = Date)]
    pub today: NaiveDate,
}

pub(crate) fn to_item(
    row: &CaseRow,
    today: NaiveDate,
    calendar: &pqrs_domain::Calendar,
    policies: &pqrs_domain::policy::PolicyBook,
) -> Result<QueueItem, ApiError> {
    let view = deadline_view(
        DeadlineInput::from(row),
        today,
        calendar,
        // Each case by its own policy's due-soon thresholds (issue 5).
        &AlertThresholds::from(policies.due_soon(&row.policy)),
    )
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(QueueItem {
        radicado: row.radicado.clone(),
        kind: row.kind.clone(),
        status: row.status.clone(),
        channel: row.channel.clone(),
        subject: row.subject.clone(),
        dependency: row.dependency.clone(),
        official: row.official.clone(),
        tier: i64::from(row.tier),
        priority: row.priority,
        // As the case view stores it (RFC 3339, as filed).
        received_at: row.received_at.to_rfc3339(),
        deadline: DeadlineBody::from(view),
    })
}

impl From<DeadlineView> for DeadlineBody {
    fn from(view: DeadlineView) -> DeadlineBody {
        DeadlineBody {
            due_date: view.due_date,
            business_days_left: view.business_days_left,
            share_elapsed: (view.share_elapsed * 1000.0).round() / 1000.0,
            state: view.state,
            deliver_by: view.deliver_by,
        }
    }
}

/// The work queue: cases filtered and sorted, with their deadline as of today (agent and up).
#[utoipa::path(get, path = "/v1/cases", tag = "cases",
    params(QueueQuery),
    responses(
        (status = 200, description = "A page of cases", body = QueuePage),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff with a case role", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad filter", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn work_queue(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<AnyStaff>,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Json<QueuePage>, ApiError> {
    if !caller.has(Role::Agent) && !caller.has(Role::Auditor) && !caller.has(Role::Reporter) {
        caller.require(Role::Agent)?;
    }
    queue_page(&state, q).await.map(Json)
}

/// A page of the queue for `q`: the one query of `GET /v1/cases` and the console's bandeja
/// (`/funcionarios/bandeja`), with the deadline of each case as of today.
pub(crate) async fn queue_page(state: &AppState, q: QueueQuery) -> Result<QueuePage, ApiError> {
    let page = q.page.unwrap_or(1);
    let page_size = q.page_size.unwrap_or(50);
    let mut errors = Vec::new();
    if page == 0 {
        errors.push(FieldError::new("page", "must be 1 or more"));
    }
    if !(1..=200).contains(&page_size) {
        errors.push(FieldError::new("page_size", "must be between 1 and 200"));
    }
    if q.tier.is_some_and(|t| !(1..=4).contains(&t)) {
        errors.push(FieldError::new("tier", "must be between 1 and 4"));
    }
    let sort = match q.sort.as_deref().unwrap_or("due_date") {
        "due_date" => pqrs_infrastructure::queue::Sort::DueDate { descending: false },
        "-due_date" => pqrs_infrastructure::queue::Sort::DueDate { descending: true },
        "received_at" => pqrs_infrastructure::queue::Sort::ReceivedAt { descending: false },
        "-received_at" => pqrs_infrastructure::queue::Sort::ReceivedAt { descending: true },
        _ => {
            errors.push(FieldError::new(
                "sort",
                "must be due_date, -due_date, received_at or -received_at",
            ));
            pqrs_infrastructure::queue::Sort::DueDate { descending: false }
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let today = local_date(&state.clock.now());
    let filter = pqrs_infrastructure::queue::Filter {
        status: q.status,
        kind: q.kind,
        dependency: q.dependency,
        official: q.official,
        tier: q.tier,
        overdue: q.overdue,
        open: q.open.unwrap_or(true),
        due_on_or_before: None,
        today,
    };
    let (rows, total) =
        pqrs_infrastructure::queue::page(&state.db, &filter, sort, page, page_size).await?;
    let calendar = state.services.calendar.current();
    let items = rows
        .iter()
        .map(|r| to_item(r, today, &calendar, &state.services.policies))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(QueuePage {
        items,
        page,
        page_size,
        total,
        as_of_position: state.projection.checkpoint(),
        today,
    })
}

/// Filters of the current alerts.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AlertsQuery {
    /// Only this state: due_soon, overdue, positive_silence, suspended.
    #[param(schema_with = super::schema::deadline_state)]
    pub state: Option<DeadlineState>,
    /// Only this dependency.
    pub dependency: Option<String>,
    /// Only this kind.
    #[serde(default, deserialize_with = "super::schema::kind_filter")]
    #[param(schema_with = super::schema::kind)]
    pub kind: Option<String>,
}

/// Current alerts.
#[derive(Debug, Serialize, ToSchema)]
pub struct Alerts {
    /// Open cases due soon, overdue, in positive silence or suspended, most urgent first:
    /// priority cases (Ley 1755 de 2015 art. 20) before every other, then by business days
    /// left.
    pub alerts: Vec<QueueItem>,
    /// The local date they were computed for.
    #[schema(value_type = String, format = Date)]
    pub today: NaiveDate,
}

/// Current alerts: open cases due soon, overdue or in positive silence (agent and up).
#[utoipa::path(get, path = "/v1/alerts", tag = "cases",
    params(AlertsQuery),
    responses(
        (status = 200, description = "Current alerts", body = Alerts),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn alerts(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<AnyStaff>,
    ApiQuery(q): ApiQuery<AlertsQuery>,
) -> Result<Json<Alerts>, ApiError> {
    if !caller.has(Role::Agent) && !caller.has(Role::Auditor) && !caller.has(Role::Reporter) {
        caller.require(Role::Agent)?;
    }
    let today = local_date(&state.clock.now());
    // Due soon needs at most a few weeks of lookahead (3 business days, or 80 % of a term of
    // at most 35 business days); everything later is on time.
    let filter = pqrs_infrastructure::queue::Filter {
        status: None,
        kind: q.kind,
        dependency: q.dependency,
        official: None,
        tier: None,
        overdue: None,
        open: true,
        due_on_or_before: Some(
            today + Duration::days(state.services.policies.due_soon_horizon_days()),
        ),
        today,
    };
    let rows = pqrs_infrastructure::queue::all(&state.db, &filter).await?;
    let calendar = state.services.calendar.current();
    let mut alerts: Vec<QueueItem> = rows
        .iter()
        .map(|r| to_item(r, today, &calendar, &state.services.policies))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|i| i.deadline.state != DeadlineState::OnTime)
        .filter(|i| q.state.is_none_or(|s| i.deadline.state == s))
        .collect();
    // Ley 1755 de 2015 art. 20: priority cases first, whatever their state.
    alerts.sort_by_key(|i| {
        pqrs_infrastructure::alerts::urgency(i.priority, i.deadline.business_days_left, &i.radicado)
    });
    Ok(Json(Alerts { alerts, today }))
}

/// Filters of the recorded alert transitions.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RaisedQuery {
    /// Only this case.
    pub radicado: Option<String>,
    /// Most rows (1–500, default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// Recorded alert transitions.
#[derive(Debug, Serialize, ToSchema)]
pub struct RaisedAlerts {
    /// Newest first.
    #[schema(value_type = Vec<Object>)]
    pub alerts: Vec<pqrs_infrastructure::alerts::Alert>,
}

/// Alert transitions recorded by the scheduler (each once) and delivered to the webhooks.
#[utoipa::path(get, path = "/v1/alerts/raised", tag = "cases",
    params(RaisedQuery),
    responses(
        (status = 200, description = "Recorded alerts", body = RaisedAlerts),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn raised_alerts(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<AnyStaff>,
    ApiQuery(q): ApiQuery<RaisedQuery>,
) -> Result<Json<RaisedAlerts>, ApiError> {
    if !caller.has(Role::Agent) && !caller.has(Role::Auditor) && !caller.has(Role::Reporter) {
        caller.require(Role::Agent)?;
    }
    let limit = q.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::field("limit", "must be between 1 and 500"));
    }
    let alerts =
        pqrs_infrastructure::alerts::recorded(&state.db, q.radicado.as_deref(), limit).await?;
    Ok(Json(RaisedAlerts { alerts }))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(work_queue))
        .routes(utoipa_axum::routes!(alerts))
        .routes(utoipa_axum::routes!(raised_alerts))
}
