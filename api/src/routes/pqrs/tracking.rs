//! Tracking a PQR: `GET /v1/pqrs/{radicado}`, for its petitioner (access code) or staff
//! (token). The case is folded from its own events, so a citizen always sees their own write.

use crate::access::{admit_citizen_to_case, ClientIp};
use crate::auth::{single_case_reader, Caller, REPORTERS_READ_AGGREGATES};
use crate::error::{ApiError, Problem};
use crate::extract::RequestId;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use pqrs_domain::actor::Role;
use pqrs_domain::pqr::Case;
use pqrs_domain::Radicado;
use pqrs_infrastructure::cases;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// A public milestone of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneBody {
    /// When.
    #[schema(value_type = String)]
    pub at: DateTime<FixedOffset>,
    /// What (machine name, e.g. `filed`, `completion_requested`, `answered`).
    pub what: String,
    /// Details shown to the citizen.
    pub detail: Option<String>,
}

/// The answer, as the citizen reads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerView {
    /// granted, denied, partially_granted, informative, forwarded.
    pub outcome: String,
    /// The response.
    pub text: String,
    /// The local date of the answer.
    #[schema(value_type = String, format = Date)]
    pub answered_on: NaiveDate,
    /// Answered by the due date in force.
    pub on_time: bool,
    /// For information requests: whether the documents were delivered.
    pub documents_delivered: Option<bool>,
}

/// An open request to complete the petition (art. 17).
#[derive(Debug, Serialize, ToSchema)]
pub struct CompletionView {
    /// What the petitioner must supply.
    pub what: String,
    /// When it was asked.
    #[schema(value_type = String, format = Date)]
    pub requested_on: NaiveDate,
    /// Until when the petitioner may supply it.
    #[schema(value_type = String, format = Date)]
    pub window_ends_on: NaiveDate,
    /// When it was supplied.
    #[schema(value_type = Option<String>, format = Date)]
    pub supplied_on: Option<NaiveDate>,
}

/// What only staff see.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffView {
    /// The body of the PQR.
    pub description: String,
    /// The petitioner (personal data), or null when anonymous.
    #[schema(value_type = Option<Object>)]
    pub petitioner: Option<Value>,
    /// Topic.
    pub topic: Option<String>,
    /// Dependency responsible.
    pub dependency: Option<String>,
    /// Official assigned.
    pub official: Option<String>,
    /// Support tier 1–4.
    pub tier: u8,
    /// Why it is a priority (art. 20).
    pub priority_reason: Option<String>,
    /// The authority it was forwarded to (art. 21).
    pub forwarded_to: Option<String>,
    /// Internal notes.
    pub notes: Vec<MilestoneBody>,
    /// When it was closed.
    #[schema(value_type = Option<String>)]
    pub closed_at: Option<DateTime<FixedOffset>>,
}

/// A PQR as its petitioner (or staff) tracks it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Tracking {
    /// The filing number.
    #[schema(example = "2026-000001")]
    pub radicado: String,
    /// What it is (after any reclassification).
    #[schema(schema_with = crate::routes::schema::kind)]
    pub kind: String,
    /// Where it stands: filed, in_progress, suspended, answered, forwarded, withdrawn,
    /// withdrawn_tacitly, voided.
    #[schema(example = "filed")]
    pub status: String,
    /// Subject line.
    pub subject: String,
    /// How it reached the entity.
    #[schema(schema_with = crate::routes::schema::channel)]
    pub channel: String,
    /// How the petitioner prefers to receive the answer (issue 13), when they chose.
    #[schema(schema_with = crate::routes::schema::opt_reply_channel)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_reply_channel: Option<String>,
    /// When the entity received it.
    #[schema(value_type = String, example = "2026-11-23T09:00:00-05:00")]
    pub received_at: DateTime<FixedOffset>,
    /// Effective receipt date.
    #[schema(value_type = String, format = Date, example = "2026-11-23")]
    pub effective_received_on: NaiveDate,
    /// The due date in force.
    #[schema(value_type = String, format = Date, example = "2026-12-15")]
    pub due_date: NaiveDate,
    /// Whether the due date has passed while the case is open (from the local midnight after
    /// it; never while suspended).
    pub overdue: bool,
    /// The policy applied.
    pub policy: String,
    /// Public milestones (internal notes and staff names excluded).
    pub milestones: Vec<MilestoneBody>,
    /// The answer, once given.
    pub answer: Option<AnswerView>,
    /// The request to complete the petition, if any.
    pub completion: Option<CompletionView>,
    /// Positive silence (art. 14 num. 1): deemed accepted from this date; copies due by.
    #[schema(value_type = Option<Object>)]
    pub positive_silence: Option<Value>,
    /// The petitioner's rating, once given.
    pub rating: Option<u8>,
    /// Staff only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffView>,
}

/// The view of `case` at `now`; `staff` adds what only staff may see.
pub fn tracking_of(case: &Case, now: &DateTime<Utc>, staff: bool) -> Tracking {
    let f = &case.filing;
    let open = !case.is_closed() && case.suspension().is_none();
    Tracking {
        radicado: f.radicado.to_string(),
        kind: case.kind.as_str().to_owned(),
        status: case.status.as_str().to_owned(),
        subject: f.subject.as_str().to_owned(),
        channel: f.channel.as_str().to_owned(),
        preferred_reply_channel: f
            .petitioner
            .as_ref()
            .and_then(|p| p.preferred_reply_channel)
            .map(|c| c.as_str().to_owned()),
        received_at: f.received_at,
        effective_received_on: f.effective_received_on,
        due_date: case.due_date,
        overdue: open && case.is_overdue(now),
        policy: case.policy_id.clone(),
        milestones: case
            .public_milestones()
            .into_iter()
            .map(|m| MilestoneBody {
                at: m.at,
                what: m.what.to_owned(),
                detail: m.detail,
            })
            .collect(),
        answer: case.answer.as_ref().map(|a| AnswerView {
            outcome: a.outcome.as_str().to_owned(),
            text: a.text.as_str().to_owned(),
            answered_on: a.answered_on,
            on_time: a.on_time,
            documents_delivered: a.documents_delivered,
        }),
        completion: case.completion.as_ref().map(|c| CompletionView {
            what: c.what.as_str().to_owned(),
            requested_on: c.requested_on,
            window_ends_on: c.window_ends_on(),
            supplied_on: c.supplied_on,
        }),
        positive_silence: case
            .positive_silence
            .as_ref()
            .and_then(|p| serde_json::to_value(p).ok()),
        rating: case.rating.as_ref().map(|r| r.score.get()),
        staff: staff.then(|| StaffView {
            description: f.description.as_str().to_owned(),
            petitioner: f
                .petitioner
                .as_ref()
                .and_then(|p| serde_json::to_value(p).ok()),
            topic: case.topic.as_ref().map(|t| t.as_str().to_owned()),
            dependency: case.dependency.as_ref().map(|d| d.as_str().to_owned()),
            official: case.official.as_ref().map(|o| o.as_str().to_owned()),
            tier: case.tier.get(),
            priority_reason: case.priority.as_ref().map(|p| p.reason.as_str().to_owned()),
            forwarded_to: case.forwarded_to.as_ref().map(|a| a.as_str().to_owned()),
            notes: case
                .notes
                .iter()
                .map(|n| MilestoneBody {
                    at: n.at,
                    what: "internal_note".to_owned(),
                    detail: Some(n.text.as_str().to_owned()),
                })
                .collect(),
            closed_at: case.closed_at,
        }),
    }
}

/// Tracks a PQR: the citizen with `X-Access-Code`, or staff with a token. Reporters get 403:
/// they work with aggregates, not single cases (docs/audit.md).
///
/// An unknown radicado and a wrong or missing access code give the same 404, in the same time:
/// no event of the case is read unless the code's hash equals the stored one (one statement
/// does both, `access::case_if_code_matches`), so numbers cannot be probed. An address that
/// fails too often gets 429 with `Retry-After`.
#[utoipa::path(get, path = "/v1/pqrs/{radicado}", tag = "filing",
    params(
        ("radicado" = String, Path, description = "The filing number, e.g. 2026-000001"),
        ("X-Access-Code" = Option<String>, Header, description = "The access code given at filing (citizens)"),
    ),
    responses(
        (status = 200, description = "The PQR", body = Tracking),
        (status = 401, description = "Invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Reporters may not read single cases", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown radicado, or wrong/missing access code", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed access-code attempts from this address (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = [])))]
#[tracing::instrument(name = "track_pqr", skip_all, fields(request_id = %request_id.0, radicado = %radicado))]
pub(super) async fn track_pqr(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    request_id: RequestId,
    headers: HeaderMap,
    Path(radicado): Path<String>,
) -> Result<Json<Tracking>, ApiError> {
    let pqr = match &caller {
        Caller::Staff(staff) => {
            if !single_case_reader(staff.role) {
                return Err(ApiError::Forbidden(REPORTERS_READ_AGGREGATES.into()));
            }
            let radicado = Radicado::parse(&radicado).map_err(|_| ApiError::NotFound)?;
            cases::find(&state.repo, &radicado)
                .await?
                .ok_or(ApiError::NotFound)?
        }
        Caller::Citizen => {
            let code = headers.get("x-access-code").and_then(|v| v.to_str().ok());
            admit_citizen_to_case(&state.access_failures, &state.db, ip, &radicado, code).await?
        }
    };
    let case = pqr.case().ok_or(ApiError::NotFound)?;
    // Staff who work cases or audit them see the staff view (petitioner data included).
    let staff_view = caller.has(Role::Agent) || caller.has(Role::Auditor);
    Ok(Json(tracking_of(case, &state.clock.now(), staff_view)))
}
