//! Testing aid: `PUT /v1/dev/clock`, only with `pqrs serve --dev-clock`.

use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, FixedOffset};
use pqrs_infrastructure::clock::ClockError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The instant to set the server clock to.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"now": "2026-12-16T00:00:00-05:00"}))]
struct ClockSetting {
    /// RFC 3339 with offset.
    /// Its Bogotá date must be within 1984-01-01..2199-12-31.
    #[schema(value_type = String, format = DateTime, pattern = "^(198[4-9]|199[0-9]|2[01][0-9][0-9])-", example = "2026-12-16T00:00:00-05:00")]
    pub now: DateTime<FixedOffset>,
}

/// Sets the server clock for every later request and job; it runs on from that instant.
#[utoipa::path(put, path = "/v1/dev/clock", tag = "testing",
    request_body = ClockSetting,
    responses(
        (status = 200, description = "The clock now", body = ClockSetting),
        (status = 422, description = "Not an RFC 3339 instant, or its Bogotá date is outside 1984-01-01..2199-12-31", body = Problem, content_type = "application/problem+json"),
    ))]
#[tracing::instrument(name = "set_clock", skip_all)]
async fn set_clock(
    State(state): State<AppState>,
    ApiJson(setting): ApiJson<ClockSetting>,
) -> Result<Json<ClockSetting>, ApiError> {
    state.clock.set(setting.now.to_utc()).map_err(|e| match e {
        ClockError::OutOfRange { .. } => ApiError::field("now", e.to_string()),
        ClockError::NotSettable => ApiError::Conflict(e.to_string()),
    })?;
    Ok(Json(ClockSetting {
        now: state.clock.now().fixed_offset(),
    }))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(set_clock))
}
