//! Public deadline calculator and holiday calendar (README.md, "Commands"; docs/legal.md §4
//! "Due dates", Ley 1755 de 2015 art. 14).

use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::pqrs::TermBody;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, FixedOffset, NaiveDate};
use pqrs_domain::deadline;
use pqrs_domain::policy::{Term, TermUnit};
use pqrs_domain::Kind;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

/// An explicit term.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct TermRequest {
    /// How many units (1–3650).
    #[schema(example = 15, minimum = 1, maximum = 3650)]
    pub days: u32,
    /// `business`, `calendar` or `months`.
    #[schema(schema_with = super::schema::term_unit)]
    pub unit: String,
}

/// What to compute: a receipt instant and either a `kind` (the policy in force at that date)
/// or an explicit `term`.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"received_at": "2026-11-23T09:00:00-05:00", "kind": "petition"}))]
struct CalculateRequest {
    /// When the PQR was received (RFC 3339 with offset).
    #[schema(value_type = String, format = DateTime, example = "2026-11-23T09:00:00-05:00")]
    pub received_at: String,
    /// A kind, to use the policy in force at the receipt date.
    #[schema(schema_with = super::schema::kind)]
    pub kind: Option<String>,
    /// An explicit term instead of a kind.
    pub term: Option<TermRequest>,
}

/// A computed deadline.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"effective_received_on": "2026-11-23", "due_date": "2026-12-15", "policy": "ley-1755-2015", "term": {"days": 15, "unit": "business"}, "kind": "petition", "overdue_from": "2026-12-16T00:00:00-05:00", "calendar_version": "co-…"}))]
struct Calculated {
    /// Effective receipt date E.
    #[schema(value_type = String, format = Date)]
    pub effective_received_on: NaiveDate,
    /// The last day to answer (until 23:59:59.999 Bogotá).
    #[schema(value_type = String, format = Date)]
    pub due_date: NaiveDate,
    /// The policy used (`explicit-term` when a term was given).
    pub policy: String,
    /// The term applied.
    pub term: TermBody,
    /// The kind, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The instant from which the PQR is overdue (local midnight after the due date).
    #[schema(value_type = String)]
    pub overdue_from: DateTime<FixedOffset>,
    /// The calendar version used.
    pub calendar_version: String,
}

fn parse_unit(s: &str) -> Option<TermUnit> {
    match s {
        "business" => Some(TermUnit::Business),
        "calendar" => Some(TermUnit::Calendar),
        "months" => Some(TermUnit::Months),
        _ => None,
    }
}

/// Computes the due date of a PQR received at `received_at` (docs/legal.md §4, Ley 1755 art. 14).
#[utoipa::path(post, path = "/v1/deadlines/calculate", tag = "deadlines",
    request_body = CalculateRequest,
    responses(
        (status = 200, description = "The deadline", body = Calculated),
        (status = 422, description = "Invalid fields or a date outside 1984–2199", body = Problem, content_type = "application/problem+json"),
    ))]
#[tracing::instrument(name = "calculate", skip_all)]
async fn calculate(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<Calculated>, ApiError> {
    let req: CalculateRequest =
        serde_json::from_value(body).map_err(|e| ApiError::field("body", e.to_string()))?;
    let mut errors = Vec::new();
    let received_at = DateTime::parse_from_rfc3339(&req.received_at)
        .map_err(|_| {
            errors.push(FieldError::new(
                "received_at",
                "must be an RFC 3339 instant with offset, e.g. 2026-11-23T09:00:00-05:00",
            ))
        })
        .ok();
    let kind = match &req.kind {
        None => None,
        Some(k) => Kind::parse(k)
            .map_err(|e| errors.push(FieldError::new("kind", e.to_string())))
            .ok(),
    };
    let term = match &req.term {
        None => None,
        Some(t) => {
            if !(1..=3650).contains(&t.days) {
                errors.push(FieldError::new("term.days", "must be between 1 and 3650"));
            }
            match parse_unit(&t.unit) {
                Some(unit) => Some(Term { days: t.days, unit }),
                None => {
                    errors.push(FieldError::new(
                        "term.unit",
                        "must be business, calendar or months",
                    ));
                    None
                }
            }
        }
    };
    if req.kind.is_some() == req.term.is_some() {
        errors.push(FieldError::new(
            "kind",
            "give exactly one of `kind` and `term`",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let received_at = received_at.ok_or_else(|| ApiError::field("received_at", "is required"))?;
    let calendar = state.services.calendar.current();
    let out_of_range =
        |e: pqrs_domain::CalendarError| ApiError::field("received_at", e.to_string());
    let (effective, term, policy, due) = match (kind, term) {
        // The same computation as a filing and `pqrs deadline` (`PolicyBook::deadline_for`).
        (Some(k), _) => {
            let d = state
                .services
                .policies
                .deadline_for(&calendar, k, &received_at)
                .map_err(out_of_range)?;
            let t = d.case_term;
            (d.effective_received_on, t.term, t.policy_id, t.due_date)
        }
        (None, Some(t)) => {
            let effective = state
                .services
                .policies
                .effective_receipt_date(&calendar, &received_at)
                .map_err(out_of_range)?;
            let due = deadline::due_date(&calendar, effective, t).map_err(out_of_range)?;
            (effective, t, "explicit-term".to_owned(), due)
        }
        (None, None) => {
            return Err(ApiError::field(
                "kind",
                "give exactly one of `kind` and `term`",
            ))
        }
    };
    let overdue_from = deadline::overdue_from(due).ok_or_else(|| {
        ApiError::field(
            "received_at",
            "the due date is outside the supported calendar range",
        )
    })?;
    Ok(Json(Calculated {
        effective_received_on: effective,
        due_date: due,
        policy,
        term: term.into(),
        kind: kind.map(|k| k.as_str().to_owned()),
        overdue_from,
        calendar_version: calendar.version().to_owned(),
    }))
}

/// The year to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct HolidaysQuery {
    /// A year between 1984 and 2199.
    #[param(example = 2026, minimum = 1984, maximum = 2199)]
    pub year: i32,
}

/// A national holiday.
#[derive(Debug, Serialize, ToSchema)]
struct HolidayBody {
    /// The date it is observed on.
    #[schema(value_type = String, format = Date, example = "2026-07-13")]
    pub date: NaiveDate,
    /// Its name.
    #[schema(example = "Nuestra Señora del Rosario de Chiquinquirá")]
    pub name: String,
}

/// The national holidays of a year.
#[derive(Debug, Serialize, ToSchema)]
struct Holidays {
    /// The year.
    pub year: i32,
    /// Each date once, sorted.
    pub holidays: Vec<HolidayBody>,
}

/// National holidays of Colombia for a year (Ley 51 de 1983; Ley 2578 de 2026), each date
/// once, sorted.
#[utoipa::path(get, path = "/v1/calendar/holidays", tag = "deadlines",
    params(HolidaysQuery),
    responses(
        (status = 200, description = "The holidays", body = Holidays),
        (status = 422, description = "Missing year or outside 1984–2199", body = Problem, content_type = "application/problem+json"),
    ))]
#[tracing::instrument(name = "holidays", skip_all)]
async fn holidays(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<HolidaysQuery>,
) -> Result<Json<Holidays>, ApiError> {
    let list = state
        .services
        .calendar
        .current()
        .holidays(q.year)
        .map_err(|_| ApiError::field("year", "must be between 1984 and 2199"))?;
    Ok(Json(Holidays {
        year: q.year,
        holidays: list
            .into_iter()
            .map(|h| HolidayBody {
                date: h.date,
                name: h.name,
            })
            .collect(),
    }))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(calculate))
        .routes(utoipa_axum::routes!(holidays))
}
