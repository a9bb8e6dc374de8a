//! The life of a case over HTTP (issue 4): one endpoint per action under
//! `/v1/pqrs/{radicado}/…`. Staff actions need a role (agent and up; supervisors to void or to
//! reassign across dependencies); citizen actions need the `X-Access-Code` (or an agent acting
//! on the citizen's behalf). Each command is decided by the aggregate, which refuses with the
//! rule it enforces: state conflicts are 409, legal refusals 422.

use crate::access::{admit_citizen, ClientIp};
use crate::auth::{Agents, Allowed, Caller, CitizensOnly, CitizensOrAgents, Supervisors};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::routes::pqrs::{metadata_of, tracking_of, Tracking};
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::HeaderMap;
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
use serde::Deserialize;
use utoipa::ToSchema;

/// Who may perform an action.
#[derive(Debug, Clone, Copy)]
enum Who {
    /// Staff holding a role that includes this one.
    Staff(Role),
    /// The petitioner (access code), or an agent acting on their behalf.
    Citizen,
    /// Only the petitioner (access code).
    CitizenOnly,
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

/// Checks the caller may act on the case, then loads it. A citizen passes the one access gate
/// ([`admit_citizen`]: the code against its stored hash before anything of the case is read,
/// failures limited per address); an unknown radicado and a wrong code are the same 404.
async fn authorize(
    ctx: &ActionCtx,
    radicado: &str,
    who: Who,
) -> Result<(Radicado, Case), ApiError> {
    let (state, caller) = (&ctx.state, &ctx.caller);
    let radicado = match (who, caller) {
        (Who::Staff(role), _) => {
            caller.require(role)?;
            Radicado::parse(radicado).map_err(|_| ApiError::NotFound)?
        }
        (Who::Citizen, Caller::Staff(_)) => {
            caller.require(Role::Agent)?;
            Radicado::parse(radicado).map_err(|_| ApiError::NotFound)?
        }
        (Who::CitizenOnly, Caller::Staff(_)) => {
            return Err(ApiError::Forbidden(
                "only the petitioner may do this, with the access code".into(),
            ))
        }
        (_, Caller::Citizen) => {
            let code = ctx
                .headers
                .get("x-access-code")
                .and_then(|v| v.to_str().ok());
            admit_citizen(state, ctx.client_ip, radicado, code).await?
        }
    };
    let pqr = state
        .cases
        .load(&radicado.to_string())
        .await
        .map_err(refusal)?
        .ok_or(ApiError::NotFound)?;
    let case = pqr.case().cloned().ok_or(ApiError::NotFound)?;
    Ok((radicado, case))
}

/// What every action takes from the request: the state, the caller (a present but invalid
/// token is a 401 before anything else), the request id and the headers (`X-Access-Code`).
pub struct ActionCtx {
    state: AppState,
    caller: Caller,
    request_id: RequestId,
    headers: HeaderMap,
    client_ip: std::net::IpAddr,
}

impl FromRequestParts<AppState> for ActionCtx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let Ok(request_id) = RequestId::from_request_parts(parts, state).await;
        let Ok(ClientIp(client_ip)) = ClientIp::from_request_parts(parts, state).await;
        Ok(ActionCtx {
            state: state.clone(),
            caller,
            request_id,
            headers: parts.headers.clone(),
            client_ip,
        })
    }
}

impl ActionCtx {
    /// Runs `build(now, case)` as a command on the case and answers with the case as the
    /// caller may see it.
    async fn act(
        &self,
        radicado: &str,
        who: Who,
        build: impl FnOnce(DateTime<FixedOffset>, &Case) -> Result<PqrCommand, ApiError>,
    ) -> Result<Json<Tracking>, ApiError> {
        let (state, caller) = (&self.state, &self.caller);
        let (radicado, case) = authorize(self, radicado, who).await?;
        let now = state.clock.now().with_timezone(&bogota());
        let command = build(now, &case)?;
        let channel = matches!(caller, Caller::Citizen).then_some(Channel::Web);
        let metadata = metadata_of(caller, channel, &self.request_id);
        let pqr = state
            .cases
            .execute(&radicado.to_string(), command, &metadata)
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
pub struct ClassifyBody {
    /// A new kind; the term is recomputed as the policy says.
    #[schema(schema_with = super::schema::opt_kind)]
    pub kind: Option<String>,
    /// Topic (process affected).
    #[schema(schema_with = super::schema::opt_line_200)]
    pub topic: Option<String>,
    /// Dependency (office) responsible.
    #[schema(schema_with = super::schema::opt_line_200)]
    pub dependency: Option<String>,
    /// Why.
    #[schema(schema_with = super::schema::text_5000)]
    pub reason: String,
}

/// Classifies or reclassifies a case (agent). Changing the kind recomputes the term.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/classify", tag = "cases", request_body = ClassifyBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "State conflict", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or refused", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn classify(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<ClassifyBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct AssignBody {
    /// Dependency (office).
    #[schema(schema_with = super::schema::line_200)]
    pub dependency: String,
    /// Official responsible.
    #[schema(schema_with = super::schema::line_200)]
    pub official: String,
    /// Why (optional).
    #[schema(schema_with = super::schema::opt_text_5000)]
    pub reason: Option<String>,
}

/// Assigns or reassigns a case (agent; supervisor to move it to another dependency).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/assign", tag = "cases", request_body = AssignBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 403, description = "Reassigning across dependencies needs a supervisor", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "State conflict", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn assign(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<AssignBody>,
) -> Result<Json<Tracking>, ApiError> {
    let dependency = text("dependency", Dependency::parse(&body.dependency))?;
    let caller = ctx.caller.clone();
    ctx.act(&radicado, Who::Staff(Role::Agent), move |at, case| {
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
pub struct EscalateBody {
    /// The new tier (2–4), higher than the current one.
    #[schema(minimum = 2, maximum = 4)]
    #[serde(deserialize_with = "super::schema::whole_u8")]
    pub tier: u8,
    /// Why.
    #[schema(schema_with = super::schema::text_5000)]
    pub reason: String,
}

/// Escalates a case to a higher support tier (agent).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/escalate", tag = "cases", request_body = EscalateBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Tier not higher, or case closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn escalate(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<EscalateBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct NoteBody {
    /// The note (never shown to the citizen).
    #[schema(schema_with = super::schema::text_5000)]
    pub text: String,
}

/// Adds an internal note (agent). Never shown to the citizen.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/notes", tag = "cases", request_body = NoteBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking)),
    security(("bearer" = [])))]
pub async fn add_note(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<NoteBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct CompletionRequestBody {
    /// What the petitioner must supply.
    #[schema(schema_with = super::schema::text_5000)]
    pub what: String,
}

/// Asks the petitioner to complete the petition (agent; Ley 1755 art. 17: within 10 business
/// days of the effective receipt). The clock stops.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/completion-request", tag = "cases", request_body = CompletionRequestBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 17: too late, or already requested", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn request_completion(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<CompletionRequestBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct SupplyBody {
    /// The information or documents supplied (described).
    #[schema(schema_with = super::schema::text_20000)]
    pub text: String,
}

/// The petitioner supplies what was asked (access code, or an agent on their behalf); the
/// clock resumes the next day for the remaining days (art. 17).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/completion", tag = "cases", request_body = SupplyBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Nothing was requested", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
pub async fn supply_completion(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<CitizensOrAgents>,
    ApiJson(body): ApiJson<SupplyBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Citizen, |at, _| {
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
pub struct WindowBody {
    /// The new end of the completion window (at most one more month, once).
    #[schema(value_type = String, format = Date)]
    pub until: NaiveDate,
}

/// The petitioner asks once for more time to complete (art. 17: up to one more month).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/completion-window", tag = "cases", request_body = WindowBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 17: more than a month, or a second time", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
pub async fn extend_completion_window(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<CitizensOrAgents>,
    ApiJson(body): ApiJson<WindowBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Citizen, |at, _| {
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
pub struct ExtendBody {
    /// The new due date (at most the double of the initial term).
    #[schema(value_type = String, format = Date)]
    pub new_due_date: NaiveDate,
    /// The reasons notified to the petitioner.
    #[schema(schema_with = super::schema::text_5000)]
    pub reasons: String,
}

/// Extends the term (agent; Ley 1755 art. 14 parágrafo: before the due date passes, never
/// beyond the double of the initial term).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/extend", tag = "cases", request_body = ExtendBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 14 parágrafo: late or excessive", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn extend_term(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<ExtendBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct ForwardBody {
    /// The competent authority.
    #[schema(schema_with = super::schema::line_300)]
    pub authority: String,
    /// Why the entity is not competent.
    #[schema(schema_with = super::schema::text_5000)]
    pub reasons: String,
}

/// Forwards the case to the competent authority (agent; Ley 1755 art. 21: within 5 business
/// days of the effective receipt). Closes it as forwarded.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/forward", tag = "cases", request_body = ForwardBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 422, description = "art. 21: after 5 business days", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn forward(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<ForwardBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct PriorityBody {
    /// The fundamental right at risk.
    #[schema(schema_with = super::schema::text_5000)]
    pub reason: String,
}

/// Flags the case as priority (agent; Ley 1755 art. 20): the shortened term applies.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/priority", tag = "cases", request_body = PriorityBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Already a priority, or closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn flag_priority(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<PriorityBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct AnswerBody {
    /// The response text.
    #[schema(schema_with = super::schema::text_20000)]
    pub text: String,
    /// granted, denied, partially_granted, informative, forwarded.
    #[schema(schema_with = super::schema::outcome)]
    pub outcome: String,
    /// For information requests: whether the documents were delivered (required there).
    pub documents_delivered: Option<bool>,
}

/// Answers the case (agent). Closes it; the citizen can then rate the service.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/answer", tag = "cases", request_body = AnswerBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Closed or suspended", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn answer(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Agents>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Agent), |at, _| {
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
pub struct RatingBody {
    /// 1 (worst) to 5 (best).
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "super::schema::whole_u8")]
    pub score: u8,
    /// A comment.
    #[schema(schema_with = super::schema::opt_text_2000)]
    pub comment: Option<String>,
}

/// The petitioner rates the service after the answer (access code only; once).
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/rating", tag = "cases", request_body = RatingBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code; without it, or with a wrong one, the same 404 as an unknown radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 401, description = "An invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff may not rate; only the petitioner, with the access code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not answered yet, or already rated", body = Problem, content_type = "application/problem+json")))]
pub async fn rate(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<CitizensOnly>,
    ApiJson(body): ApiJson<RatingBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::CitizenOnly, |at, _| {
        Ok(PqrCommand::Rate(Rate {
            score: Score::new(body.score).map_err(|e| ApiError::field("score", e.to_string()))?,
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
pub struct WithdrawBody {
    /// Why (optional).
    #[schema(schema_with = super::schema::opt_text_5000)]
    pub reason: Option<String>,
}

/// The petitioner withdraws the petition (Ley 1755 art. 18, desistimiento expreso; access code
/// or an agent on their behalf). The clock stops.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/withdraw", tag = "cases", request_body = WithdrawBody,
    params(("radicado" = String, Path, description = "The radicado"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
pub async fn withdraw(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<CitizensOrAgents>,
    ApiJson(body): ApiJson<WithdrawBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Citizen, |at, _| {
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
pub struct VoidBody {
    /// Why it was issued in error.
    #[schema(schema_with = super::schema::text_5000)]
    pub reason: String,
}

/// Voids a radicado issued in error (supervisor). The number stays accounted for.
#[utoipa::path(post, path = "/v1/pqrs/{radicado}/void", tag = "cases", request_body = VoidBody,
    params(("radicado" = String, Path, description = "The radicado")),
    responses((status = 200, description = responses_doc!(), body = Tracking),
        (status = 403, description = "Not a supervisor", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn void(
    ctx: ActionCtx,
    Path(radicado): Path<String>,
    _allowed: Allowed<Supervisors>,
    ApiJson(body): ApiJson<VoidBody>,
) -> Result<Json<Tracking>, ApiError> {
    ctx.act(&radicado, Who::Staff(Role::Supervisor), |at, _| {
        Ok(PqrCommand::Void(Void {
            reason: text("reason", Reason::parse(&body.reason))?,
            at,
        }))
    })
    .await
}
