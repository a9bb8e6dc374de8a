//! The life of a case over HTTP (issue 4): one endpoint per action under
//! `/v1/pqrs/{radicado}/…`. Staff actions need a role (agent and up; supervisors to void or to
//! reassign across dependencies); citizen actions need the `X-Access-Code` (or an agent acting
//! on the citizen's behalf). Each command is decided by the aggregate, which refuses with the
//! rule it enforces: state conflicts are 409, legal refusals 422.
//!
//! Every action takes one [`Action`] (who may act, the radicado, the typed body) and runs
//! [`Action::act`]: admit the caller, load the case once, build the command, execute it on
//! that same state (`infrastructure/src/commands.rs`), answer with the case after it.

use crate::access::{admit_citizen, ClientIp};
use crate::auth::{Admits, Agents, Caller, CitizensOnly, CitizensOrAgents, Supervisors};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::routes::pqrs::{metadata_of, tracking_of, Tracking};
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, FixedOffset, NaiveDate};
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Channel;
use pqrs_domain::deadline::bogota;
use pqrs_domain::pqr::{
    AddNote, Answer, AnswerText, Assign, Authority, Case, Classify, Comment, Dependency, Escalate,
    ExtendCompletionWindow, ExtendTerm, FlagPriority, Forward, Note, Official, Outcome, PqrCommand,
    Rate, RequestCompletion, Score, SupplyCompletion, Tier, Topic, Void, Withdraw,
};
use pqrs_domain::text::{Description, Reason, TextError};
use pqrs_domain::{Kind, PqrError, Radicado};
use pqrs_infrastructure::commands::CommandError;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::marker::PhantomData;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of the case actions.
pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(classify))
        .routes(routes!(assign))
        .routes(routes!(escalate))
        .routes(routes!(add_note))
        .routes(routes!(request_completion))
        .routes(routes!(supply_completion))
        .routes(routes!(extend_completion_window))
        .routes(routes!(extend_term))
        .routes(routes!(forward))
        .routes(routes!(flag_priority))
        .routes(routes!(answer))
        .routes(routes!(rate))
        .routes(routes!(withdraw))
        .routes(routes!(void))
}

fn text<T>(field: &str, r: Result<T, TextError>) -> Result<T, ApiError> {
    r.map_err(|e| ApiError::field(field, e.to_string()))
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

/// One case action as the request carries it, extracted in this order so that credentials
/// answer first: the caller (a present but invalid token is a 401), the radicado, who `W`
/// admits (401/403 from the headers alone), then the body `B` (400/415/422).
struct Action<W, B> {
    state: AppState,
    caller: Caller,
    request_id: RequestId,
    client_ip: std::net::IpAddr,
    access_code: Option<String>,
    radicado: String,
    body: B,
    who: PhantomData<W>,
}

impl<W: Admits, B: DeserializeOwned> FromRequest<AppState> for Action<W, B> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let caller = Caller::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(request_id) = RequestId::from_request_parts(&mut parts, state).await;
        let Ok(ClientIp(client_ip)) = ClientIp::from_request_parts(&mut parts, state).await;
        let Path(radicado) = Path::<String>::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        W::check(&caller).map_err(IntoResponse::into_response)?;
        let access_code = parts
            .headers
            .get("x-access-code")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let ApiJson(body) = ApiJson::<B>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Action {
            state: state.clone(),
            caller,
            request_id,
            client_ip,
            access_code,
            radicado,
            body,
            who: PhantomData,
        })
    }
}

impl<W, B> Action<W, B> {
    /// The radicado the caller may act on. Staff passed their role check in the extractor; a
    /// citizen passes the one access gate ([`admit_citizen`]: the code against its stored
    /// hash before anything of the case is read, failures limited per address). An unknown
    /// radicado and a wrong code are the same 404.
    async fn admit(&self) -> Result<Radicado, ApiError> {
        match &self.caller {
            Caller::Staff(_) => Radicado::parse(&self.radicado).map_err(|_| ApiError::NotFound),
            Caller::Citizen => {
                admit_citizen(
                    &self.state.access_failures,
                    &self.state.db,
                    self.client_ip,
                    &self.radicado,
                    self.access_code.as_deref(),
                )
                .await
            }
        }
    }

    /// Admits the caller, loads the case once, runs `build(body, now, case)` as a command on
    /// that state, and answers with the case after it as the caller may see it.
    async fn act(
        self,
        build: impl FnOnce(B, DateTime<FixedOffset>, &Case) -> Result<PqrCommand, ApiError>,
    ) -> Result<Json<Tracking>, ApiError> {
        let radicado = self.admit().await?;
        let (state, caller) = (&self.state, &self.caller);
        let loaded = state
            .cases
            .open(&radicado.to_string())
            .await
            .map_err(refusal)?;
        let case = loaded.aggregate().case().ok_or(ApiError::NotFound)?;
        let now = state.clock.now().with_timezone(&bogota());
        let command = build(self.body, now, case)?;
        let channel = matches!(caller, Caller::Citizen).then_some(Channel::Web);
        let metadata = metadata_of(caller, channel, &self.request_id);
        let pqr = state
            .cases
            .execute_on(loaded, command, &metadata)
            .await
            .map_err(refusal)?;
        let case = pqr.case().ok_or(ApiError::NotFound)?;
        let staff_view = caller.has(Role::Agent) || caller.has(Role::Auditor);
        Ok(Json(tracking_of(case, &state.clock.now(), staff_view)))
    }
}

macro_rules! responses_doc {
    () => {
        "200: the case after the action; 401/403: role; 404: unknown radicado or wrong access code; 409: the case's state does not allow it; 422: invalid fields or a legal rule refuses it"
    };
}

/// Classify or reclassify: kind, topic, dependency.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "information_request", "dependency": "Secretaría de Movilidad", "reason": "Pide copias de documentos"}))]
struct ClassifyBody {
    /// A new kind; the term is recomputed as the policy says.
    #[schema(schema_with = super::schema::opt_kind)]
    kind: Option<String>,
    /// Topic (process affected).
    #[schema(schema_with = super::schema::opt_line_200)]
    topic: Option<String>,
    /// Dependency (office) responsible.
    #[schema(schema_with = super::schema::opt_line_200)]
    dependency: Option<String>,
    /// Why.
    #[schema(schema_with = super::schema::text_5000)]
    reason: String,
}

/// Classifies or reclassifies a case (agent). Changing the kind recomputes the term.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/classify", tag = "cases", request_body = ClassifyBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "State conflict", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or refused", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "classify", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn classify(action: Action<Agents, ClassifyBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            let kind = body
                .kind
                .as_deref()
                .map(|k| Kind::parse(k).map_err(|e| ApiError::field("kind", e.to_string())))
                .transpose()?;
            Ok(PqrCommand::Classify(Classify {
                kind,
                topic: body
                    .topic
                    .as_deref()
                    .map(|t| text("topic", Topic::parse(t)))
                    .transpose()?,
                dependency: body
                    .dependency
                    .as_deref()
                    .map(|d| text("dependency", Dependency::parse(d)))
                    .transpose()?,
                reason: text("reason", Reason::parse(&body.reason))?,
                at,
            }))
        })
        .await
}

/// Assign to a dependency and an official.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"dependency": "Secretaría de Ambiente", "official": "lmartinez", "reason": "Competencia de la dependencia"}))]
struct AssignBody {
    /// Dependency (office).
    #[schema(schema_with = super::schema::line_200)]
    dependency: String,
    /// Official responsible.
    #[schema(schema_with = super::schema::line_200)]
    official: String,
    /// Why (optional).
    #[schema(schema_with = super::schema::opt_text_5000)]
    reason: Option<String>,
}

/// Assigns or reassigns a case (agent; supervisor to move it to another dependency).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/assign", tag = "cases", request_body = AssignBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 403, description = "Reassigning across dependencies needs a supervisor", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "State conflict", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "assign", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn assign(action: Action<Agents, AssignBody>) -> Result<Json<Tracking>, ApiError> {
    let dependency = text("dependency", Dependency::parse(&action.body.dependency))?;
    let caller = action.caller.clone();
    action
        .act(move |body, at, case| {
            if case.would_change_dependency(&dependency) {
                caller.require(Role::Supervisor).map_err(|_| {
                    ApiError::Forbidden(
                        "reassigning a case to another dependency needs a supervisor".into(),
                    )
                })?;
            }
            Ok(PqrCommand::Assign(Assign {
                dependency,
                official: text("official", Official::parse(&body.official))?,
                reason: body
                    .reason
                    .as_deref()
                    .map(|r| text("reason", Reason::parse(r)))
                    .transpose()?,
                at,
            }))
        })
        .await
}

/// Escalate to a higher support tier.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"tier": 2, "reason": "Requiere concepto técnico"}))]
struct EscalateBody {
    /// The new tier (2–4), higher than the current one.
    #[schema(minimum = 2, maximum = 4)]
    #[serde(deserialize_with = "super::schema::whole_u8")]
    tier: u8,
    /// Why.
    #[schema(schema_with = super::schema::text_5000)]
    reason: String,
}

/// Escalates a case to a higher support tier (agent).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/escalate", tag = "cases", request_body = EscalateBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Tier not higher, or case closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "escalate", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn escalate(action: Action<Agents, EscalateBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::Escalate(Escalate {
                tier: Tier::new(body.tier).map_err(|e| ApiError::field("tier", e.to_string()))?,
                reason: text("reason", Reason::parse(&body.reason))?,
                at,
            }))
        })
        .await
}

/// An internal note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Se llamó al peticionario para confirmar la dirección."}))]
struct NoteBody {
    /// The note (never shown to the citizen).
    #[schema(schema_with = super::schema::text_5000)]
    text: String,
}

/// Adds an internal note (agent). Never shown to the citizen.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/notes", tag = "cases", request_body = NoteBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking)),
    security(("bearer" = [])))]
#[tracing::instrument(name = "add_note", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn add_note(action: Action<Agents, NoteBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::AddNote(AddNote {
                text: text("text", Note::parse(&body.text))?,
                at,
            }))
        })
        .await
}

/// What the petition lacks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"what": "Copia del recibo de pago de octubre"}))]
struct CompletionRequestBody {
    /// What the petitioner must supply.
    #[schema(schema_with = super::schema::text_5000)]
    what: String,
}

/// Asks the petitioner to complete the petition (agent; Ley 1755 art. 17: within 10 business
/// days of the effective receipt). The clock stops.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/completion-request", tag = "cases", request_body = CompletionRequestBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 17: too late, or already requested", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "request_completion", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn request_completion(
    action: Action<Agents, CompletionRequestBody>,
) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::RequestCompletion(RequestCompletion {
                what: text("what", Reason::parse(&body.what))?,
                at,
            }))
        })
        .await
}

/// What the petitioner supplies.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Adjunto el recibo de pago de octubre."}))]
struct SupplyBody {
    /// The information or documents supplied (described).
    #[schema(schema_with = super::schema::text_20000)]
    text: String,
}

/// The petitioner supplies what was asked (access code, or an agent on their behalf); the
/// clock resumes the next day for the remaining days (art. 17).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/completion", tag = "cases", request_body = SupplyBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Nothing was requested", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
#[tracing::instrument(name = "supply_completion", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn supply_completion(
    action: Action<CitizensOrAgents, SupplyBody>,
) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::SupplyCompletion(SupplyCompletion {
                text: text("text", Description::parse(&body.text))?,
                at,
            }))
        })
        .await
}

/// More time to complete.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"until": "2027-01-15"}))]
struct WindowBody {
    /// The new end of the completion window (at most one more month, once).
    #[schema(value_type = String, format = Date)]
    until: NaiveDate,
}

/// The petitioner asks once for more time to complete (art. 17: up to one more month).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/completion-window", tag = "cases", request_body = WindowBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 17: more than a month, or a second time", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
#[tracing::instrument(name = "extend_completion_window", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn extend_completion_window(
    action: Action<CitizensOrAgents, WindowBody>,
) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::ExtendCompletionWindow(ExtendCompletionWindow {
                until: body.until,
                at,
            }))
        })
        .await
}

/// An extension of the term.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"new_due_date": "2027-01-05", "reasons": "Se requiere visita técnica al sitio."}))]
struct ExtendBody {
    /// The new due date (at most the double of the initial term).
    #[schema(value_type = String, format = Date)]
    new_due_date: NaiveDate,
    /// The reasons notified to the petitioner.
    #[schema(schema_with = super::schema::text_5000)]
    reasons: String,
}

/// Extends the term (agent; Ley 1755 art. 14 parágrafo: before the due date passes, never
/// beyond the double of the initial term).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/extend", tag = "cases", request_body = ExtendBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 14 parágrafo: late or excessive", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "extend_term", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn extend_term(action: Action<Agents, ExtendBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::ExtendTerm(ExtendTerm {
                new_due_date: body.new_due_date,
                reasons: text("reasons", Reason::parse(&body.reasons))?,
                at,
            }))
        })
        .await
}

/// Forwarding for lack of competence.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"authority": "Superintendencia de Servicios Públicos Domiciliarios", "reasons": "El asunto es de su competencia."}))]
struct ForwardBody {
    /// The competent authority.
    #[schema(schema_with = super::schema::line_300)]
    authority: String,
    /// Why the entity is not competent.
    #[schema(schema_with = super::schema::text_5000)]
    reasons: String,
}

/// Forwards the case to the competent authority (agent; Ley 1755 art. 21: within 5 business
/// days of the effective receipt). Closes it as forwarded.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/forward", tag = "cases", request_body = ForwardBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 21: after 5 business days", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "forward", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn forward(action: Action<Agents, ForwardBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::Forward(Forward {
                authority: text("authority", Authority::parse(&body.authority))?,
                reasons: text("reasons", Reason::parse(&body.reasons))?,
                at,
            }))
        })
        .await
}

/// Why the case is a priority.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Riesgo para la salud de un menor de edad"}))]
struct PriorityBody {
    /// The fundamental right at risk.
    #[schema(schema_with = super::schema::text_5000)]
    reason: String,
}

/// Flags the case as priority (agent; Ley 1755 art. 20): the shortened term applies.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/priority", tag = "cases", request_body = PriorityBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Already a priority, or closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "flag_priority", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn flag_priority(action: Action<Agents, PriorityBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::FlagPriority(FlagPriority {
                reason: text("reason", Reason::parse(&body.reason))?,
                at,
            }))
        })
        .await
}

/// The final response.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Se programó la poda para el 2 de diciembre.", "outcome": "granted"}))]
struct AnswerBody {
    /// The response text.
    #[schema(schema_with = super::schema::text_20000)]
    text: String,
    /// granted, denied, partially_granted, informative, forwarded.
    #[schema(schema_with = super::schema::outcome)]
    outcome: String,
    /// For information requests: whether the documents were delivered (required there).
    documents_delivered: Option<bool>,
}

/// Answers the case (agent). Closes it; the citizen can then rate the service.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/answer", tag = "cases", request_body = AnswerBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Closed or suspended", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "answer", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn answer(action: Action<Agents, AnswerBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            let outcome = Outcome::parse(&body.outcome).ok_or_else(|| {
                ApiError::field(
                    "outcome",
                    "must be granted, denied, partially_granted, informative or forwarded",
                )
            })?;
            Ok(PqrCommand::Answer(Answer {
                text: text("text", AnswerText::parse(&body.text))?,
                outcome,
                documents_delivered: body.documents_delivered,
                at,
            }))
        })
        .await
}

/// The petitioner's rating.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"score": 5, "comment": "Respuesta clara y a tiempo."}))]
struct RatingBody {
    /// 1 (worst) to 5 (best).
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "super::schema::whole_u8")]
    score: u8,
    /// A comment.
    #[schema(schema_with = super::schema::opt_text_2000)]
    comment: Option<String>,
}

/// The petitioner rates the service after the answer (access code only; once).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/rating", tag = "cases", request_body = RatingBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code; without it, or with a wrong one, the same 404 as an unknown radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 401, description = "An invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff may not rate; only the petitioner, with the access code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not answered yet, or already rated", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(name = "rate", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn rate(action: Action<CitizensOnly, RatingBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::Rate(Rate {
                score: Score::new(body.score)
                    .map_err(|e| ApiError::field("score", e.to_string()))?,
                comment: body
                    .comment
                    .as_deref()
                    .map(|c| text("comment", Comment::parse(c)))
                    .transpose()?,
                at,
            }))
        })
        .await
}

/// A withdrawal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Ya se resolvió por otra vía."}))]
struct WithdrawBody {
    /// Why (optional).
    #[schema(schema_with = super::schema::opt_text_5000)]
    reason: Option<String>,
}

/// The petitioner withdraws the petition (Ley 1755 art. 18, desistimiento expreso; access code
/// or an agent on their behalf). The clock stops.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/withdraw", tag = "cases", request_body = WithdrawBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
#[tracing::instrument(name = "withdraw", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn withdraw(
    action: Action<CitizensOrAgents, WithdrawBody>,
) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::Withdraw(Withdraw {
                reason: body
                    .reason
                    .as_deref()
                    .map(|r| text("reason", Reason::parse(r)))
                    .transpose()?,
                at,
            }))
        })
        .await
}

/// Why a radicado is void.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Radicado emitido dos veces por error de digitación."}))]
struct VoidBody {
    /// Why it was issued in error.
    #[schema(schema_with = super::schema::text_5000)]
    reason: String,
}

/// Voids a radicado issued in error (supervisor). The number stays accounted for.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/void", tag = "cases", request_body = VoidBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 403, description = "Not a supervisor", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "void", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn void(action: Action<Supervisors, VoidBody>) -> Result<Json<Tracking>, ApiError> {
    action
        .act(|body, at, _| {
            Ok(PqrCommand::Void(Void {
                reason: text("reason", Reason::parse(&body.reason))?,
                at,
            }))
        })
        .await
}
