//! The entity's closure days (docs/legal.md §1 "Calendar"; Ley 4 de 1913 art. 62): declared
//! by an admin with their legal basis, public to read.

use crate::auth::{Admins, Allowed, Caller};
use crate::bodies::calendar::{calendar_rules, CalendarRules, Closure};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::routes::pqrs::metadata_of;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use pqrs_domain::actor::Role;
use pqrs_domain::closures::{CalendarCommand, ClosureError, ENTITY_CALENDAR_ID};
use pqrs_domain::deadline::bogota;
use pqrs_domain::text::Reason;
use pqrs_infrastructure::calendar_store;
use pqrs_infrastructure::commands::CommandError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The closure days in force and the calendar version they give.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Closures {
    /// Declared closure days, sorted by date.
    pub closures: Vec<Closure>,
    /// The version of the calendar in force (national holidays + closures); filings record it.
    pub calendar_version: String,
}

/// The closure days in force, as `GET /v1/calendar/closures` answers them.
pub(crate) fn list(state: &AppState) -> Closures {
    let calendar = state.services.calendar.current();
    let mut closures: Vec<Closure> = calendar
        .closures()
        .iter()
        .map(|c| Closure {
            date: c.date,
            legal_basis: c.legal_basis.clone(),
        })
        .collect();
    closures.sort_by_key(|c| c.date);
    Closures {
        closures,
        calendar_version: calendar.version().to_owned(),
    }
}

/// The entity's closure days.
#[utoipa::path(get, path = "/v1/calendar/closures", tag = "deadlines",
    responses((status = 200, description = "Closure days in force", body = Closures)))]
#[tracing::instrument(name = "closures", skip_all)]
async fn closures(State(state): State<AppState>) -> Json<Closures> {
    Json(list(&state))
}

/// Declares a closure day (admin). It counts as a non-business day from now on; due dates
/// already recorded are not rewritten.
#[utoipa::path(post, path = "/v1/calendar/closures", tag = "deadlines",
    request_body = Closure,
    responses(
        (status = 201, description = "Declared; the closure days now in force", body = Closures),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already a non-business day", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or a past date", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "declare_closure", skip_all, fields(request_id = %request_id.0))]
pub(crate) async fn declare_closure(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    _allowed: Allowed<Admins>,
    ApiJson(body): ApiJson<Closure>,
) -> Result<(StatusCode, Json<Closures>), ApiError> {
    caller.require(Role::Admin)?;
    let legal_basis = Reason::parse(&body.legal_basis)
        .map_err(|e| ApiError::field("legal_basis", e.to_string()))?;
    let command = CalendarCommand::DeclareClosure {
        date: body.date,
        legal_basis,
        at: state.clock.now().with_timezone(&bogota()),
    };
    let metadata = metadata_of(&caller, None, &request_id);
    state
        .calendar
        .execute(ENTITY_CALENDAR_ID, command, &metadata)
        .await
        .map_err(|e| match e {
            CommandError::Refused(ClosureError::AlreadyNonBusiness { .. }) => {
                ApiError::Conflict(e.to_string())
            }
            CommandError::Refused(ClosureError::InThePast { .. })
            | CommandError::Refused(ClosureError::Calendar(_)) => {
                ApiError::field("date", e.to_string())
            }
            CommandError::Conflict => ApiError::Conflict(e.to_string()),
            CommandError::Store(s) => s.into(),
        })?;
    calendar_store::refresh(&state.calendar, &state.services).await?;
    Ok((StatusCode::CREATED, Json(list(&state))))
}

/// The date range of `GET /v1/calendar/rules`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct RulesQuery {
    /// First date, YYYY-MM-DD (1984-01-01 or later).
    #[param(value_type = String, format = Date)]
    pub from: NaiveDate,
    /// Last date, YYYY-MM-DD (2199-12-31 or earlier), not before `from`.
    #[param(value_type = String, format = Date)]
    pub to: NaiveDate,
}

/// The holiday rules in force for a date range, with their legal basis, effective dates and
/// the calendar version (public).
#[utoipa::path(get, path = "/v1/calendar/rules", tag = "deadlines",
    params(RulesQuery),
    responses(
        (status = 200, description = "The calendar in force for the range", body = CalendarRules),
        (status = 422, description = "Invalid dates, `to` before `from`, or outside 1984–2199", body = Problem, content_type = "application/problem+json"),
    ))]
#[tracing::instrument(name = "rules", skip_all)]
async fn rules(
    State(state): State<AppState>,
    crate::extract::ApiQuery(q): crate::extract::ApiQuery<RulesQuery>,
) -> Result<Json<CalendarRules>, ApiError> {
    let calendar = state.services.calendar.current();
    calendar_rules(&calendar, q.from, q.to).map(Json)
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(closures, declare_closure))
        .routes(utoipa_axum::routes!(rules))
}
