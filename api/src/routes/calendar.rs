//! The entity's closure days (docs/legal.md §1 "Calendar"; Ley 4 de 1913 art. 62): declared
//! by an admin with their legal basis, public to read.

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
pub(crate) struct Closure {
    /// The closed date (today or later).
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// The act that closes the offices.
    #[schema(schema_with = super::schema::text_5000)]
    pub legal_basis: String,
}

/// The closure days in force and the calendar version they give.
#[derive(Debug, Serialize, ToSchema)]
struct Closures {
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
async fn declare_closure(
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

/// A holiday rule in force, with its legal basis and effective dates.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RuleBody {
    /// The holiday's name in Spanish.
    pub name: String,
    /// How its date is found: `fixed:MM-DD`, `next-monday:MM-DD` or `easter:±N`.
    pub date_rule: String,
    /// The law (and article) that makes it a holiday.
    pub legal_basis: String,
    /// First observed date the rule applies.
    #[schema(value_type = String, format = Date)]
    pub in_force_from: NaiveDate,
    /// Last observed date it applies; absent while in force.
    #[schema(value_type = Option<String>, format = Date)]
    pub in_force_until: Option<NaiveDate>,
}

/// The calendar in force for a date range, with its version (hash), so every due date can be
/// checked against the calendar it used (docs/legal.md §1 "Calendar").
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CalendarRules {
    /// First date of the range.
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    /// Last date of the range.
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// The holiday rules in force on at least one day of the range.
    pub rules: Vec<RuleBody>,
    /// The entity's closure days within the range.
    pub closures: Vec<Closure>,
    /// The version (hash) of the calendar in force: rules and closure days; filings record it.
    pub calendar_version: String,
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

/// The calendar in force for `from..=to`: the one answer of `GET /v1/calendar/rules` and
/// `pqrs calendar rules`.
pub(crate) fn calendar_rules(
    calendar: &pqrs_domain::Calendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CalendarRules, ApiError> {
    let mut errors = Vec::new();
    for (field, date) in [("from", from), ("to", to)] {
        if !(pqrs_domain::calendar::FIRST_DATE..=pqrs_domain::calendar::LAST_DATE).contains(&date) {
            errors.push(crate::error::FieldError::new(
                field,
                format!(
                    "la fecha {date} está fuera del calendario admitido ({} a {})",
                    pqrs_domain::calendar::FIRST_DATE,
                    pqrs_domain::calendar::LAST_DATE
                ),
            ));
        }
    }
    if to < from {
        errors.push(crate::error::FieldError::new(
            "to",
            "debe ser igual o posterior a `from`",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(CalendarRules {
        from,
        to,
        rules: calendar
            .rules_in_force(from, to)
            .into_iter()
            .map(|r| RuleBody {
                name: r.name.to_string(),
                date_rule: r.date_rule(),
                legal_basis: r.legal_basis.to_string(),
                in_force_from: r.in_force_from,
                in_force_until: r.in_force_until,
            })
            .collect(),
        closures: calendar
            .closures()
            .iter()
            .filter(|c| (from..=to).contains(&c.date))
            .map(|c| Closure {
                date: c.date,
                legal_basis: c.legal_basis.clone(),
            })
            .collect(),
        calendar_version: calendar.version().to_owned(),
    })
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(closures, declare_closure))
        .routes(utoipa_axum::routes!(rules))
}
