//! `GET /v1/privacy/retention-report`: the cases whose personal data the scheduler suppressed
//! because their retention passed (Ley 594 de 2000 art. 24; docs/privacy.md), for a period.
//!
//! Readers: the data-protection officer (role `privacy`), who answers for the suppressions,
//! and auditors, who check that the entity applies its tabla de retención documental. The
//! report holds no personal data (radicado, kind, dates, basis), so the auditor's role,
//! which reads the whole log, may read it too.

use crate::auth::{Admits, Allowed, Caller};
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::privacy::retention;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The data-protection officer, auditors, and admins.
pub struct RetentionReaders;

impl Admits for RetentionReaders {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        if caller.has(Role::Auditor) {
            return Ok(());
        }
        caller.require(Role::Privacy).map(drop)
    }
}

/// The period of the report (Bogotá local dates, both included).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PeriodQuery {
    /// First day, YYYY-MM-DD.
    pub(crate) from: Option<String>,
    /// Last day, YYYY-MM-DD (not before `from`).
    pub(crate) to: Option<String>,
}

/// One case suppressed by retention.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RetentionRow {
    /// The case.
    pub(crate) radicado: String,
    /// Its kind (API value).
    pub(crate) kind: String,
    /// The local date it was closed.
    pub(crate) closed_on: String,
    /// The last day of its retention.
    pub(crate) retained_until: String,
    /// Years of retention applied.
    pub(crate) years: u64,
    /// When the scheduler suppressed it (RFC 3339, Bogotá time).
    pub(crate) suppressed_at: String,
    /// The basis of the schedule entry applied (the entity's tabla de retención documental).
    pub(crate) basis: String,
}

/// The report.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RetentionReport {
    /// First day of the period.
    pub(crate) from: NaiveDate,
    /// Last day of the period.
    pub(crate) to: NaiveDate,
    /// The cases, in the order they were suppressed.
    pub(crate) cases: Vec<RetentionRow>,
}

/// A date parameter, required.
pub(super) fn date(name: &str, value: Option<&str>) -> Result<NaiveDate, ApiError> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    let value = value
        .ok_or_else(|| ApiError::field(name, Msg::new("field-required-date").text(Lang::En)))?;
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| ApiError::field(name, Msg::new("field-date").text(Lang::En)))
}

/// The cases whose personal data was suppressed by retention from `from` through `to`.
#[utoipa::path(get, path = "/v1/privacy/retention-report", tag = "privacy",
    params(PeriodQuery),
    responses(
        (status = 200, description = "The cases suppressed by retention in the period", body = RetentionReport),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the data-protection officer nor an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or invalid dates", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "privacy.retention_report", skip_all)]
pub(crate) async fn retention_report(
    State(state): State<AppState>,
    _allowed: Allowed<RetentionReaders>,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<Json<RetentionReport>, ApiError> {
    let from = date("from", q.from.as_deref())?;
    let to = date("to", q.to.as_deref())?;
    if to < from {
        return Err(ApiError::field(
            "to",
            Msg::new("field-to-after-from").text(Lang::En),
        ));
    }
    let cases = retention::report(&state.db, from, to)
        .await?
        .into_iter()
        .map(|r| RetentionRow {
            radicado: r.radicado,
            kind: r.kind,
            closed_on: r.closed_on,
            retained_until: r.retained_until,
            years: r.years,
            suppressed_at: r.suppressed_at,
            basis: r.basis,
        })
        .collect();
    Ok(Json(RetentionReport { from, to, cases }))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(retention_report))
}
