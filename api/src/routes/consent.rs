//! The petitioner withdraws the consent to be told by e-mail (issue 15): a citizen action with
//! the access code (or an agent on the petitioner's behalf), like the other citizen actions of
//! `routes/cases.rs`. From then on no message of the case is queued and those queued but not
//! sent are cancelled (docs/notifications.md); decisions are notified by the entity's other
//! means (Ley 1437 de 2011 arts. 56, 67–69).

use crate::access::{admit_citizen, ClientIp};
use crate::auth::{Admits, Caller, CitizensOrAgents};
use crate::error::{ApiError, Problem};
use crate::extract::RequestId;
use crate::routes::pqrs::{metadata_of, tracking_of, Tracking};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Channel;
use pqrs_domain::deadline::bogota;
use pqrs_domain::pqr::{PqrCommand, WithdrawNotificationConsent};
use pqrs_domain::{PqrError, Radicado};
use pqrs_infrastructure::commands::CommandError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The route of the consent withdrawal.
pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(withdraw_notification_consent))
}

fn refusal(e: CommandError<PqrError>) -> ApiError {
    match e {
        CommandError::Refused(PqrError::NotFiled) => ApiError::NotFound,
        CommandError::Refused(rule) if rule.is_state_conflict() => {
            ApiError::Conflict(rule.to_string())
        }
        CommandError::Refused(rule) => ApiError::Rule(rule.to_string()),
        CommandError::Conflict => ApiError::Conflict(e.to_string()),
        CommandError::Store(s) => s.into(),
    }
}

/// The petitioner stops e-mail about the case: no further message is queued, and those queued
/// but not sent are cancelled (CPACA art. 56; Ley 1581 de 2012 art. 9). The answer and other
/// decisions are then notified by the entity's other means. Access code, or an agent on the
/// petitioner's behalf. No body.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/notification-consent/withdraw", tag = "cases",
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code; without it, or with a wrong one, the same 404 as an unknown radicado")),
    responses((status = 200, description = "The case after the withdrawal", body = Tracking),
        (status = 401, description = "An invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an agent", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown radicado or wrong access code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No e-mail address was given, or the consent was already withdrawn", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
#[tracing::instrument(name = "withdraw_notification_consent", skip_all, fields(radicado = %radicado, request_id = %request_id.0))]
async fn withdraw_notification_consent(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    ClientIp(ip): ClientIp,
    Path(radicado): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Tracking>, ApiError> {
    CitizensOrAgents::check(&caller)?;
    let radicado = match &caller {
        Caller::Staff(_) => Radicado::parse(&radicado).map_err(|_| ApiError::NotFound)?,
        Caller::Citizen => {
            let code = headers.get("x-access-code").and_then(|v| v.to_str().ok());
            admit_citizen(&state.access_failures, &state.db, ip, &radicado, code).await?
        }
    };
    let loaded = state
        .cases
        .open(&radicado.to_string())
        .await
        .map_err(refusal)?;
    let at = state.clock.now().with_timezone(&bogota());
    let command = PqrCommand::WithdrawNotificationConsent(WithdrawNotificationConsent { at });
    let channel = matches!(caller, Caller::Citizen).then_some(Channel::Web);
    let metadata = metadata_of(&caller, channel, &request_id);
    let pqr = state
        .cases
        .execute_on(loaded, command, &metadata)
        .await
        .map_err(refusal)?;
    let case = pqr.case().ok_or(ApiError::NotFound)?;
    let staff_view = caller.has(Role::Agent) || caller.has(Role::Auditor);
    Ok(Json(tracking_of(case, &state.clock.now(), staff_view)))
}
