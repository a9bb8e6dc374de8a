//! The data-protection officer's requests over HTTP (issue 16, docs/privacy.md): suppression
//! of a case's personal data (Ley 1581 de 2012 art. 8 lit. e); rectification of a contact
//! field (art. 8 lit. a, in `rectify`).

mod rectify;
pub(crate) use rectify::refusal_text as rectification_refusal;

pub(crate) mod access;
pub(crate) mod retention;

use crate::auth::{Admits, Allowed, Caller};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, FixedOffset};
use pqrs_domain::actor::{Actor, Role};
use pqrs_domain::retention::SuppressionRefused;
use pqrs_domain::Radicado;
use pqrs_infrastructure::privacy::suppress::{suppress, SuppressError, Suppression};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The data-protection officer (role `privacy`) and admins.
pub struct PrivacyOfficers;

impl Admits for PrivacyOfficers {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require(Role::Privacy).map(drop)
    }
}

/// A request to suppress a case's personal data.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"radicado": "2026-000001", "basis": "Solicitud de la titular del 3 de marzo de 2027", "order": "Auto 55 de 2027 del Juzgado 3 Civil Municipal"}))]
#[serde(deny_unknown_fields)]
pub struct SuppressionRequest {
    /// The case, e.g. `2026-000001`.
    pub radicado: String,
    /// The legal basis, in the officer's words (1–1000 characters).
    pub basis: String,
    /// The order of a competent authority that overrides the duty to keep the data.
    pub order: Option<String>,
}

/// A suppression made.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionMade {
    /// The case.
    pub radicado: String,
    /// When.
    pub suppressed_at: DateTime<FixedOffset>,
    /// The log position of the `PersonalDataSuppressed` event.
    pub position: i64,
}

/// Suppresses a case's personal data: destroys its data key and records who, when and on
/// what basis. Refused while the case is open or within its retention period, unless an
/// authority's order overrides (Ley 1581 de 2012 art. 8 lit. e and art. 15; Decreto 1377 de
/// 2013 art. 9; Ley 594 de 2000 art. 24).
#[utoipa::path(post, path = "/v1/privacy/suppressions", tag = "privacy",
    request_body = SuppressionRequest,
    responses(
        (status = 201, description = "Suppressed", body = SuppressionMade),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the data-protection officer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such radicado", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already suppressed, or filed before encryption", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A legal duty keeps the data, or invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "privacy.suppress", skip_all, fields(request_id = %request_id.0))]
pub(crate) async fn suppress_case(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    _allowed: Allowed<PrivacyOfficers>,
    ApiJson(body): ApiJson<SuppressionRequest>,
) -> Result<(StatusCode, Json<SuppressionMade>), ApiError> {
    let member = caller.require(Role::Privacy)?;
    let radicado = Radicado::parse(&body.radicado).map_err(|_| ApiError::NotFound)?;
    let basis = body.basis.trim().to_owned();
    if basis.is_empty() || basis.chars().count() > 1000 {
        return Err(ApiError::field(
            "basis",
            Msg::new("text-too-long").arg("max", 1000).text(Lang::En),
        ));
    }
    let order = body
        .order
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty());
    let actor = Actor::Staff {
        id: member.id.clone(),
        name: member.name.clone(),
        role: member.role,
    };
    let done = suppress(
        &state.db,
        &state.repo,
        &state.clock,
        Suppression::new(radicado, basis, order, actor)
            .with_schedule(state.services.policies.retention().clone()),
    )
    .await
    .map_err(|e| match e {
        SuppressError::NotFound => ApiError::NotFound,
        SuppressError::Refused(SuppressionRefused::Open) => {
            ApiError::Rule(Msg::new("privacy-refused-open").text(Lang::En))
        }
        SuppressError::Refused(SuppressionRefused::WithinRetention { until, basis }) => {
            ApiError::Rule(
                Msg::new("privacy-refused-retention-schedule")
                    .arg("until", until)
                    .arg("basis", basis)
                    .text(Lang::En),
            )
        }
        SuppressError::AlreadySuppressed(at) => ApiError::Conflict(
            Msg::new("privacy-already-suppressed")
                .arg("at", at)
                .text(Lang::En),
        ),
        SuppressError::NotEncrypted => {
            ApiError::Conflict(Msg::new("privacy-not-encrypted").text(Lang::En))
        }
        SuppressError::NoKeyring => ApiError::Conflict(Msg::new("privacy-no-key").text(Lang::En)),
        SuppressError::Store(s) => s.into(),
    })?;
    tracing::info!(request_id = %request_id.0, position = done.position, "suppressed");
    Ok((
        StatusCode::CREATED,
        Json(SuppressionMade {
            radicado: done.radicado,
            suppressed_at: done.at,
            position: done.position,
        }),
    ))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(suppress_case))
        .merge(access::router())
        .merge(retention::router())
        .merge(rectify::router())
}
