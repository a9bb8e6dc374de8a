//! The life of a case over HTTP (issue 4): one endpoint per action under
//! `/v1/pqrs/{radicado}/…`. Staff actions need a role (agent and up; supervisors to void or to
//! reassign across dependencies); citizen actions need the `X-Access-Code` (or an agent acting
//! on the citizen's behalf). Each command is decided by the aggregate, which refuses with the
//! rule it enforces: state conflicts are 409, legal refusals 422.
//!
//! Every action takes one [`Action`] (who may act, the radicado, the typed body) and runs
//! [`Action::act`]: admit the caller, then [`run`] — load the case once, build the command
//! ([`ActionBody::command`], in [`bodies`]), execute it on that same state
//! (`infrastructure/src/commands.rs`) — and answer with the case after it. The staff console
//! (`api/src/console/acciones.rs`) runs the same bodies through the same [`run`].

mod bodies;

pub(crate) use bodies::{
    ActionBody, AnswerBody, AssignBody, ClassifyBody, CompletionRequestBody, EscalateBody,
    ExtendBody, ForwardBody, NoteBody, PriorityBody, RatingBody, SupplyBody, VoidBody, WindowBody,
    WithdrawBody,
};

use crate::access::{admit_citizen, ClientIp};
use crate::auth::{Admits, Agents, Caller, CitizensOnly, CitizensOrAgents, Supervisors};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::routes::pqrs::{metadata_of, tracking_of, Tracking};
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Channel;
use pqrs_domain::deadline::bogota;
use pqrs_domain::text::TextError;
use pqrs_domain::{Pqr, PqrError, Radicado};
use pqrs_infrastructure::commands::CommandError;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
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

pub(crate) fn text<T>(field: &str, r: Result<T, TextError>) -> Result<T, ApiError> {
    r.map_err(|e| ApiError::field(field, e.to_string()))
}

pub(crate) fn refusal(e: CommandError<PqrError>) -> ApiError {
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

    /// Admits the caller and runs the body's command ([`run`]); answers with the case after
    /// it as the caller may see it.
    async fn act(self) -> Result<Json<Tracking>, ApiError>
    where
        B: ActionBody,
    {
        let radicado = self.admit().await?;
        let pqr = run(
            &self.state,
            &self.caller,
            &radicado,
            &self.request_id,
            self.body,
        )
        .await?;
        let case = pqr.case().ok_or(ApiError::NotFound)?;
        let caller = &self.caller;
        let staff_view = caller.has(Role::Agent) || caller.has(Role::Auditor);
        Ok(Json(tracking_of(case, &self.state.clock.now(), staff_view)))
    }
}

/// The one path of a case action to the store, for the JSON API and the staff console alike:
/// load the case once, build the command from `body` on that state, execute it on that same
/// state with the caller's metadata (`infrastructure/src/commands.rs`), return the case after
/// it. The caller must already be admitted (role checked, or the access code for a citizen).
pub(crate) async fn run<B: ActionBody>(
    state: &AppState,
    caller: &Caller,
    radicado: &Radicado,
    request_id: &RequestId,
    body: B,
) -> Result<Pqr, ApiError> {
    let loaded = state
        .cases
        .open(&radicado.to_string())
        .await
        .map_err(refusal)?;
    let case = loaded.aggregate().case().ok_or(ApiError::NotFound)?;
    let now = state.clock.now().with_timezone(&bogota());
    let command = body.command(caller, now, case)?;
    let channel = matches!(caller, Caller::Citizen).then_some(Channel::Web);
    let metadata = metadata_of(caller, channel, request_id);
    state
        .cases
        .execute_on(loaded, command, &metadata)
        .await
        .map_err(refusal)
}

macro_rules! responses_doc {
    () => {
        "200: the case after the action; 401/403: role; 404: unknown radicado or wrong access code; 409: the case's state does not allow it; 422: invalid fields or a legal rule refuses it"
    };
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
    action.act().await
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
    action.act().await
}

/// Escalates a case to a higher support tier (agent).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/escalate", tag = "cases", request_body = EscalateBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Tier not higher, or case closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "escalate", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn escalate(action: Action<Agents, EscalateBody>) -> Result<Json<Tracking>, ApiError> {
    action.act().await
}

/// Adds an internal note (agent). Never shown to the citizen.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/notes", tag = "cases", request_body = NoteBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking)),
    security(("bearer" = [])))]
#[tracing::instrument(name = "add_note", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn add_note(action: Action<Agents, NoteBody>) -> Result<Json<Tracking>, ApiError> {
    action.act().await
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
    action.act().await
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
    action.act().await
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
    action.act().await
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
    action.act().await
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
    action.act().await
}

/// Flags the case as priority (agent; Ley 1755 art. 20): the shortened term applies.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/priority", tag = "cases", request_body = PriorityBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Already a priority, or closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "flag_priority", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn flag_priority(action: Action<Agents, PriorityBody>) -> Result<Json<Tracking>, ApiError> {
    action.act().await
}

/// Answers the case (agent). Closes it; the citizen can then rate the service.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/answer", tag = "cases", request_body = AnswerBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Closed or suspended", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[tracing::instrument(name = "answer", skip_all, fields(radicado = %action.radicado, request_id = %action.request_id.0))]
async fn answer(action: Action<Agents, AnswerBody>) -> Result<Json<Tracking>, ApiError> {
    action.act().await
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
    action.act().await
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
    action.act().await
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
    action.act().await
}
