//! The entity's closure days (legal-terms.md §1): declared by an admin with their legal basis,
//! public to read.

use crate::auth::{Admins, Allowed, Caller};
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

/// A closure day.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-12-24", "legal_basis": "Resolución 123 de 2026 (día cívico)"}))]
pub struct Closure {
    /// The closed date (today or later).
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// The act that closes the offices.
    #[schema(schema_with = super::schema::text_5000)]
    pub legal_basis: String,
}

/// The closure days in force and the calendar version they give.
#[derive(Debug, Serialize, ToSchema)]
pub struct Closures {
    /// Declared closure days, sorted by date.
    pub closures: Vec<Closure>,
    /// The version of the calendar in force (national holidays + closures); filings record it.
    pub calendar_version: String,
}

fn list(state: &AppState) -> Closures {
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
pub async fn closures(State(state): State<AppState>) -> Json<Closures> {
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
pub async fn declare_closure(
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
