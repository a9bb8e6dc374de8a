//! `POST /v1/privacy/rectifications`: the data-protection officer rectifies a contact field of
//! the petitioner at the holder's request (Ley 1581 de 2012 art. 8 lit. a and art. 15;
//! Decreto 1377 de 2013 art. 22). The same function as `pqrs privacy rectify` and the console
//! page: [`pqrs_infrastructure::privacy::rectify::rectify`].

use super::PrivacyOfficers;
use crate::auth::{Allowed, Caller};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, FixedOffset};
use pqrs_domain::actor::{Actor, Role};
use pqrs_infrastructure::privacy::rectify::{rectify, Rectification, RectifyError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A request to rectify a contact field.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"radicado": "2026-000001", "field": "email", "value": "ana.nueva@example.co", "basis": "Solicitud de la titular del 3 de marzo de 2027, con copia de la cédula"}))]
#[serde(deny_unknown_fields)]
struct RectificationRequest {
    /// The case, e.g. `2026-000001`.
    radicado: String,
    /// `email`, `phone` or `address` (name and identity document are not rectified here:
    /// docs/privacy.md).
    field: String,
    /// The new value, checked as at filing.
    value: String,
    /// The request and its support, in the officer's words (1–1000 characters).
    basis: String,
}

/// A rectification made.
#[derive(Debug, Serialize, ToSchema)]
struct RectificationMade {
    /// The case.
    radicado: String,
    /// The field rectified.
    field: String,
    /// When.
    rectified_at: DateTime<FixedOffset>,
}

/// A refusal in the words of `lang` (the CLI and the console page).
pub(crate) fn refusal_text(e: &RectifyError, lang: Lang) -> String {
    use crate::i18n::messages::Localize;
    match e {
        RectifyError::UnknownField => Msg::new("privacy-rectify-unknown-field").text(lang),
        RectifyError::BadValue(c) => c.message().text(lang),
        RectifyError::BadBasis(t) => t.message().text(lang),
        RectifyError::Suppressed(at) => Msg::new("privacy-rectify-suppressed")
            .arg("at", at)
            .text(lang),
        RectifyError::Refused(rule) => rule.message().text(lang),
        RectifyError::Conflict => Msg::new("command-conflict").text(lang),
        // "No hay un caso con ese radicado" is a message of the catalogues; a store's failure
        // is said as the infrastructure wrote it.
        RectifyError::NotFound | RectifyError::Store(_) => {
            crate::i18n::translate(&e.to_string(), lang)
        }
    }
}

/// The HTTP answer to a refusal (also used by the console page, which shows the same words).
pub(crate) fn problem(e: RectifyError) -> ApiError {
    match e {
        RectifyError::NotFound => ApiError::NotFound,
        RectifyError::UnknownField => ApiError::field(
            "field",
            Msg::new("privacy-rectify-unknown-field").text(Lang::En),
        ),
        RectifyError::BadValue(e) => ApiError::field("value", e.to_string()),
        RectifyError::BadBasis(e) => ApiError::field("basis", e.to_string()),
        RectifyError::Suppressed(at) => ApiError::Conflict(
            Msg::new("privacy-rectify-suppressed")
                .arg("at", at)
                .text(Lang::En),
        ),
        RectifyError::Refused(rule) if rule.is_state_conflict() => {
            ApiError::Conflict(rule.to_string())
        }
        RectifyError::Refused(rule) => ApiError::Rule(rule.to_string()),
        RectifyError::Conflict => ApiError::Conflict(Msg::new("command-conflict").text(Lang::En)),
        RectifyError::Store(s) => s.into(),
    }
}

/// Rectifies a contact field (`email`, `phone`, `address`) of the petitioner of a case: a
/// `PetitionerContactRectified` event, its value sealed under the case's key; from then on
/// tracking, the views and the e-mails use the new value. Refused for an anonymous or
/// suppressed case and for the value in force; every refusal is recorded too.
#[utoipa::path(post, path = "/v1/privacy/rectifications", tag = "privacy",
    request_body = RectificationRequest,
    responses(
        (status = 201, description = "Rectified", body = RectificationMade),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the data-protection officer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such radicado", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Anonymous or suppressed case", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown field, a value that does not validate, the value in force, or a bad basis", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "privacy.rectify_request", skip_all, fields(request_id = %request_id.0))]
async fn rectify_contact(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    _allowed: Allowed<PrivacyOfficers>,
    ApiJson(body): ApiJson<RectificationRequest>,
) -> Result<(StatusCode, Json<RectificationMade>), ApiError> {
    let member = caller.require(Role::Privacy)?;
    let actor = Actor::Staff {
        id: member.id.clone(),
        name: member.name.clone(),
        role: member.role,
    };
    let metadata = BTreeMap::from([("request_id".to_owned(), request_id.0.clone())]);
    let done = rectify(
        &state.db,
        &state.cases,
        &state.clock,
        Rectification {
            radicado: body.radicado,
            field: body.field,
            value: body.value,
            basis: body.basis,
            actor,
            metadata,
        },
    )
    .await
    .map_err(problem)?;
    Ok((
        StatusCode::CREATED,
        Json(RectificationMade {
            radicado: done.radicado,
            field: done.field.as_str().to_owned(),
            rectified_at: done.at,
        }),
    ))
}

/// The route of this file, merged by the module's router.
pub(super) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(rectify_contact))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The console's page and the command line say every refusal in the reader's language,
    /// the infrastructure's "no hay un caso con ese radicado" included.
    #[test]
    fn a_case_that_does_not_exist_is_refused_in_the_readers_language() {
        let e = RectifyError::NotFound;
        assert_eq!(
            refusal_text(&e, Lang::En),
            "there is no case with that radicado"
        );
        assert_eq!(
            refusal_text(&e, Lang::Es),
            "no hay un caso con ese radicado"
        );
    }
}
