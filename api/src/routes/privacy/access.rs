//! `POST /v1/privacy/access-requests`: the right to know (Ley 1581 de 2012 art. 8 lit. a;
//! docs/privacy.md). The data-protection officer asks, by identity number or e-mail, for
//! everything held about a person; the answer is the same JSON export `pqrs privacy access`
//! prints ([`pqrs_infrastructure::privacy::access::export`], one path for both), and the
//! request is recorded as a `PersonalDataAccessed` event.

use super::PrivacyOfficers;
use crate::auth::{Allowed, Caller};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use pqrs_domain::actor::{Actor, Role};
use pqrs_domain::contact::{Email, IdNumber};
use pqrs_infrastructure::privacy::access::{export, Holder};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

/// Whom the request is about: exactly one of `id_number` and `email`.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"id_number": "1020304050"}))]
#[serde(deny_unknown_fields)]
pub(crate) struct AccessRequest {
    /// The identity number (3–20 letters or digits; dots and dashes are ignored).
    pub(crate) id_number: Option<String>,
    /// The e-mail address.
    pub(crate) email: Option<String>,
}

impl AccessRequest {
    /// The holder, parsed once.
    fn holder(self) -> Result<Holder, ApiError> {
        let present = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        match (present(self.id_number), present(self.email)) {
            (Some(n), None) => IdNumber::parse(&n)
                .map(|_| Holder::IdNumber(n))
                .map_err(|e| ApiError::field("id_number", e.to_string())),
            (None, Some(e)) => Email::parse(&e)
                .map(|_| Holder::Email(e))
                .map_err(|err| ApiError::field("email", err.to_string())),
            _ => {
                let message = Msg::new("privacy-access-one-identifier").text(Lang::En);
                Err(ApiError::Validation(vec![
                    FieldError::new("id_number", message.clone()),
                    FieldError::new("email", message),
                ]))
            }
        }
    }
}

/// Everything held about a person, found through the keyed blind index, each case with its
/// events and their personal fields opened (Ley 1581 de 2012 art. 8 lit. a). The request and
/// the cases found are recorded (never the identifier).
#[utoipa::path(post, path = "/v1/privacy/access-requests", tag = "privacy",
    request_body = AccessRequest,
    responses(
        (status = 200, description = "The export: `identifier`, `generated_at`, `legal_basis` and `cases` (each with `radicado` and its `events`)", body = Object),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the data-protection officer", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not exactly one of id_number and email, or an invalid one", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "privacy.access", skip_all, fields(request_id = %request_id.0))]
pub(crate) async fn access_request(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    _allowed: Allowed<PrivacyOfficers>,
    ApiJson(body): ApiJson<AccessRequest>,
) -> Result<Json<Value>, ApiError> {
    let member = caller.require(Role::Privacy)?;
    let holder = body.holder()?;
    let actor = Actor::Staff {
        id: member.id.clone(),
        name: member.name.clone(),
        role: member.role,
    };
    let out = export(&state.db, &state.clock, &holder, &actor).await?;
    tracing::info!(request_id = %request_id.0, "access request answered");
    Ok(Json(out))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(access_request))
}
