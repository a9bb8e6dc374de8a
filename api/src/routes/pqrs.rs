//! Filing and tracking PQRs (api-contract.md, "Filing and tracking").

use crate::access::{admit_citizen, ClientIp};
use crate::auth::{single_case_reader, Caller, REPORTERS_READ_AGGREGATES};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use pqrs_domain::actor::Role;
use pqrs_domain::contact::{Channel, RawPetitioner};
use pqrs_domain::deadline::bogota;
use pqrs_domain::pqr::{Case, PqrFiled};
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{AccessCode, Kind, Petitioner, Radicado};
use pqrs_infrastructure::cases;
use pqrs_infrastructure::idempotency::{request_hash, IdempotencyKey};
use pqrs_infrastructure::radicacion::{Filing, FilingRequest};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The petitioner of an identified filing. All fields optional; at least one of `email`,
/// `phone`, `address` is required for the reply.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct PetitionerBody {
    /// Full name.
    #[schema(example = "Ana Pérez")]
    pub name: Option<String>,
    /// Identity document type.
    #[schema(schema_with = super::schema::opt_id_type)]
    pub id_type: Option<String>,
    /// Identity document number.
    #[schema(example = "1020304050")]
    pub id_number: Option<String>,
    /// E-mail for the reply.
    #[schema(example = "ana@example.co")]
    pub email: Option<String>,
    /// Phone for the reply.
    #[schema(example = "+57 601 555 1234")]
    pub phone: Option<String>,
    /// Postal address for the reply.
    pub address: Option<String>,
}

/// A filing. Unknown fields are refused.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[schema(example = json!({
    "kind": "petition",
    "subject": "Poda de árbol",
    "description": "Solicito la poda del árbol frente a la Calle 12 # 3-45.",
    "channel": "web",
    "petitioner": {"name": "Ana Pérez", "email": "ana@example.co"},
    "consent_personal_data": true
}))]
pub struct FileRequest {
    /// What is filed.
    #[schema(schema_with = super::schema::kind)]
    pub kind: String,
    /// Subject line (1–200 characters).
    #[schema(schema_with = super::schema::line_200)]
    pub subject: String,
    /// Body (1–20 000 characters).
    #[schema(schema_with = super::schema::text_20000)]
    pub description: String,
    /// How it reached the entity (default `web`); other channels need an agent token.
    #[schema(schema_with = super::schema::opt_channel)]
    pub channel: Option<String>,
    /// The petitioner, or `null` (or absent) for an anonymous filing.
    pub petitioner: Option<PetitionerBody>,
    /// Consent to the processing of personal data (Ley 1581 de 2012); must be `true` when
    /// `petitioner` is given.
    pub consent_personal_data: Option<bool>,
    /// The petitioner accepts to be notified of decisions (the answer, a tacit withdrawal) by
    /// e-mail at `petitioner.email` (CPACA — Ley 1437 de 2011 — art. 56). Default `false`.
    pub consent_electronic_notification: Option<bool>,
    /// When the entity received it (RFC 3339 with offset). Staff (agent and up) only, for mail
    /// or in-person receipts registered later; never in the future.
    #[schema(value_type = Option<String>, format = DateTime, example = "2026-11-23T09:00:00-05:00")]
    pub received_at: Option<DateTime<FixedOffset>>,
}

/// A term as applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermBody {
    /// How many units.
    pub days: u32,
    /// The unit.
    #[schema(schema_with = super::schema::term_unit)]
    pub unit: &'static str,
}

impl From<pqrs_domain::policy::Term> for TermBody {
    fn from(t: pqrs_domain::policy::Term) -> Self {
        use pqrs_domain::policy::TermUnit;
        TermBody {
            days: t.days,
            unit: match t.unit {
                TermUnit::Business => "business",
                TermUnit::Calendar => "calendar",
                TermUnit::Months => "months",
            },
        }
    }
}

/// The result of a filing. `access_code` is shown only here: keep it to track the PQR.
#[derive(Debug, Serialize, ToSchema)]
pub struct Filed {
    /// The filing number.
    #[schema(example = "2026-000001")]
    pub radicado: String,
    /// The secret to track the PQR (send it as `X-Access-Code`).
    #[schema(example = "7K2M9XDQ4RTV8WZ1BC3N")]
    pub access_code: String,
    /// What was filed.
    #[schema(schema_with = super::schema::kind)]
    pub kind: String,
    /// `filed`.
    #[schema(example = "filed")]
    pub status: String,
    /// How it reached the entity.
    #[schema(schema_with = super::schema::channel)]
    pub channel: String,
    /// Whether it was filed without petitioner data.
    pub anonymous: bool,
    /// When the entity received it.
    #[schema(value_type = String, example = "2026-11-23T09:00:00-05:00")]
    pub received_at: DateTime<FixedOffset>,
    /// Effective receipt date: the receipt date, or the next business day.
    #[schema(value_type = String, format = Date, example = "2026-11-23")]
    pub effective_received_on: NaiveDate,
    /// The last day to answer (end of day, Bogotá).
    #[schema(value_type = String, format = Date, example = "2026-12-15")]
    pub due_date: NaiveDate,
    /// The term applied.
    pub term: TermBody,
    /// The policy applied, e.g. `ley-1755-2015`.
    pub policy: String,
    /// Where to track it.
    #[schema(example = "/v1/pqrs/2026-000001")]
    pub tracking_url: String,
}

impl Filed {
    fn new(f: &PqrFiled, code: &AccessCode) -> Self {
        Filed {
            radicado: f.radicado.to_string(),
            access_code: code.expose().to_owned(),
            kind: f.kind.as_str().to_owned(),
            status: "filed".to_owned(),
            channel: f.channel.as_str().to_owned(),
            anonymous: f.petitioner.is_none(),
            received_at: f.received_at,
            effective_received_on: f.effective_received_on,
            due_date: f.due_date,
            term: f.term.into(),
            policy: f.policy_id.clone(),
            tracking_url: format!("/v1/pqrs/{}", f.radicado),
        }
    }
}

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
    #[schema(schema_with = super::schema::kind)]
    pub kind: String,
    /// Where it stands: filed, in_progress, suspended, answered, forwarded, withdrawn,
    /// withdrawn_tacitly, voided.
    #[schema(example = "filed")]
    pub status: String,
    /// Subject line.
    pub subject: String,
    /// How it reached the entity.
    #[schema(schema_with = super::schema::channel)]
    pub channel: String,
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

const FIELDS: [&str; 8] = [
    "kind",
    "subject",
    "description",
    "channel",
    "petitioner",
    "consent_personal_data",
    "consent_electronic_notification",
    "received_at",
];
const PETITIONER_FIELDS: [&str; 6] = ["name", "id_type", "id_number", "email", "phone", "address"];

/// Reads an optional string field; a non-string is an error.
fn opt_str<'a>(
    obj: &'a Map<String, Value>,
    field: &str,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<&'a str> {
    match obj.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => {
            errors.push(FieldError::new(path, "must be a string"));
            None
        }
    }
}

/// Every check of a filing body, all errors at once.
fn parse_filing(
    body: &Value,
    caller: &Caller,
    now: DateTime<FixedOffset>,
) -> Result<(FilingRequest, bool), ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::field("body", "must be a JSON object"));
    };
    let mut errors = Vec::new();
    for key in obj.keys() {
        if !FIELDS.contains(&key.as_str()) {
            errors.push(FieldError::new(key.as_str(), "unknown field"));
        }
    }
    let required = |field: &str, errors: &mut Vec<FieldError>| -> Option<String> {
        match opt_str(obj, field, field, errors) {
            Some(s) => Some(s.to_owned()),
            None if obj.get(field).is_none_or(Value::is_null) => {
                errors.push(FieldError::new(field, "is required"));
                None
            }
            None => None,
        }
    };
    let kind = required("kind", &mut errors).and_then(|s| {
        Kind::parse(&s)
            .map_err(|e| errors.push(FieldError::new("kind", e.to_string())))
            .ok()
    });
    let subject = required("subject", &mut errors).and_then(|s| {
        Subject::parse(&s)
            .map_err(|e| errors.push(FieldError::new("subject", e.to_string())))
            .ok()
    });
    let description = required("description", &mut errors).and_then(|s| {
        Description::parse(&s)
            .map_err(|e| errors.push(FieldError::new("description", e.to_string())))
            .ok()
    });
    let channel = match opt_str(obj, "channel", "channel", &mut errors) {
        None => Some(Channel::Web),
        Some(s) => Channel::parse(s)
            .map_err(|e| errors.push(FieldError::new("channel", e.to_string())))
            .ok(),
    };
    let petitioner: Option<Petitioner> = match obj.get("petitioner") {
        None | Some(Value::Null) => None,
        Some(Value::Object(p)) => {
            for key in p.keys() {
                if !PETITIONER_FIELDS.contains(&key.as_str()) {
                    errors.push(FieldError::new(
                        format!("petitioner.{key}"),
                        "unknown field",
                    ));
                }
            }
            let mut e2 = Vec::new();
            let raw = RawPetitioner {
                name: opt_str(p, "name", "petitioner.name", &mut e2),
                id_type: opt_str(p, "id_type", "petitioner.id_type", &mut e2),
                id_number: opt_str(p, "id_number", "petitioner.id_number", &mut e2),
                email: opt_str(p, "email", "petitioner.email", &mut e2),
                phone: opt_str(p, "phone", "petitioner.phone", &mut e2),
                address: opt_str(p, "address", "petitioner.address", &mut e2),
            };
            let parsed = if e2.is_empty() {
                Petitioner::new(raw)
                    .map_err(|pe| {
                        for (f, m) in pe.0 {
                            e2.push(FieldError::new(f, m));
                        }
                    })
                    .ok()
            } else {
                None
            };
            errors.extend(e2);
            parsed
        }
        Some(_) => {
            errors.push(FieldError::new("petitioner", "must be an object or null"));
            None
        }
    };
    let consent = match obj.get("consent_personal_data") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(FieldError::new(
                "consent_personal_data",
                "must be true or false",
            ));
            false
        }
    };
    // CPACA art. 56: notification of decisions by e-mail only with the petitioner's consent
    // (issue 15). Kept with the petitioner's data; meaningless without them.
    let mut petitioner = petitioner;
    match obj.get("consent_electronic_notification") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => {
            if let Some(p) = petitioner.as_mut() {
                p.accepts_electronic_notification = true;
            }
        }
        Some(_) => errors.push(FieldError::new(
            "consent_electronic_notification",
            "must be true or false",
        )),
    }
    if obj.get("petitioner").is_some_and(Value::is_object) && !consent {
        errors.push(FieldError::new(
            "consent_personal_data",
            "must be true when petitioner data is given (Ley 1581 de 2012 art. 9)",
        ));
    }
    let received_at = match opt_str(obj, "received_at", "received_at", &mut errors) {
        None => None,
        Some(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) if t > now + Duration::minutes(5) => {
                errors.push(FieldError::new("received_at", "must not be in the future"));
                None
            }
            Ok(t) => Some(t),
            Err(_) => {
                errors.push(FieldError::new(
                    "received_at",
                    "must be an RFC 3339 instant with offset, e.g. 2026-11-23T09:00:00-05:00",
                ));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (Some(kind), Some(subject), Some(description), Some(channel)) =
        (kind, subject, description, channel)
    else {
        return Err(ApiError::Validation(vec![FieldError::new(
            "body",
            "is incomplete",
        )]));
    };
    // api-contract.md: a citizen without a token may only use `web`, and only staff (agent and
    // up) may give `received_at`.
    if channel != Channel::Web {
        caller.require(Role::Agent).map_err(|e| match e {
            ApiError::Forbidden(_) | ApiError::Unauthorized(_)
                if matches!(caller, Caller::Staff(_)) =>
            {
                ApiError::Forbidden(format!(
                    "only agents and up may file through channel `{channel}`"
                ))
            }
            other => other,
        })?;
    }
    if received_at.is_some() {
        caller.require(Role::Agent)?;
    }
    let anonymous = petitioner.is_none();
    Ok((
        FilingRequest {
            kind,
            subject,
            description,
            channel,
            petitioner,
            consent_personal_data: consent,
            received_at,
            idempotency: None,
            metadata: BTreeMap::new(),
        },
        anonymous,
    ))
}

/// Event metadata of a filing: who, through which channel, which request.
pub fn metadata(
    caller: &Caller,
    channel: Channel,
    request_id: &RequestId,
) -> BTreeMap<String, String> {
    metadata_of(caller, Some(channel), request_id)
}

/// Event metadata: who (citizen or staff id, name, role), the channel if any, the request id.
pub fn metadata_of(
    caller: &Caller,
    channel: Option<Channel>,
    request_id: &RequestId,
) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    match caller {
        Caller::Citizen => {
            m.insert("actor_kind".into(), "citizen".into());
        }
        Caller::Staff(s) => {
            m.insert("actor_kind".into(), "staff".into());
            m.insert("actor_id".into(), s.id.clone());
            m.insert("actor_name".into(), s.name.clone());
            m.insert("actor_role".into(), s.role.as_str().into());
        }
    }
    if let Some(channel) = channel {
        m.insert("channel".into(), channel.as_str().into());
    }
    m.insert("request_id".into(), request_id.0.clone());
    m
}

/// Files a PQR and returns its radicado and access code.
///
/// The radicado is issued only once the filing is durable. With an `Idempotency-Key`, a retry
/// of the same request returns the first result (same radicado and access code).
#[utoipa::path(post, path = "/v1/pqrs", tag = "filing",
    request_body = FileRequest,
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries return the first result (1–255 visible ASCII characters; use a UUID)."),
    ),
    responses(
        (status = 201, description = "Filed", body = Filed, headers(("Location" = String, description = "/v1/pqrs/{radicado}"))),
        (status = 400, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Invalid token, or a staff-only option without a token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not use this channel or received_at", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, a rule refusal, or a reused Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The store is unavailable; nothing was filed", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = [])))]
pub async fn file_pqr(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Value>,
) -> Result<Response, ApiError> {
    let now = state.clock.now().with_timezone(&bogota());
    let idempotency = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            let key = v
                .to_str()
                .ok()
                .and_then(|s| IdempotencyKey::parse(s).ok())
                .ok_or_else(|| {
                    ApiError::field(
                        "Idempotency-Key",
                        "must be 1 to 255 visible ASCII characters (a UUID is a good key)",
                    )
                })?;
            let who = match &caller {
                Caller::Citizen => "citizen".to_owned(),
                Caller::Staff(s) => format!("staff:{}", s.id),
            };
            Some((key, request_hash(&format!("{who}\n{body}"))))
        }
    };
    let (mut request, _) = parse_filing(&body, &caller, now)?;
    if let Some(received_at) = request.received_at {
        // The furthest staff may date a receipt back (setting `max_backdating_days`).
        pqrs_domain::clock_rules::check_backdating(
            &state.services.calendar.current(),
            pqrs_domain::deadline::local_date(&received_at),
            pqrs_domain::deadline::local_date(&now),
            state.services.max_backdating_days,
        )
        .map_err(|e| ApiError::field("received_at", e.to_string()))?;
    }
    request.metadata = metadata(&caller, request.channel, &request_id);
    request.idempotency = idempotency;
    let Filing {
        filed,
        access_code,
        replayed,
    } = state.desk.file(request).await?;
    tracing::info!(radicado = %filed.radicado, replayed, "filed");
    let location = format!("/v1/pqrs/{}", filed.radicado);
    let mut res = (StatusCode::CREATED, Json(Filed::new(&filed, &access_code))).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(LOCATION, v);
    }
    if replayed {
        res.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(res)
}

/// Tracks a PQR: the citizen with `X-Access-Code`, or staff with a token. Reporters get 403:
/// they work with aggregates, not single cases (docs/audit.md).
///
/// An unknown radicado and a wrong or missing access code give the same 404, in the same time:
/// the code is checked against its stored hash before anything of the case is read, so numbers
/// cannot be probed. An address that fails too often gets 429 with `Retry-After`.
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
pub async fn track_pqr(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(radicado): Path<String>,
) -> Result<Json<Tracking>, ApiError> {
    let radicado = match &caller {
        Caller::Staff(staff) => {
            if !single_case_reader(staff.role) {
                return Err(ApiError::Forbidden(REPORTERS_READ_AGGREGATES.into()));
            }
            Radicado::parse(&radicado).map_err(|_| ApiError::NotFound)?
        }
        Caller::Citizen => {
            let code = headers.get("x-access-code").and_then(|v| v.to_str().ok());
            admit_citizen(&state, ip, &radicado, code).await?
        }
    };
    let pqr = cases::find(&state.repo, &radicado)
        .await?
        .ok_or(ApiError::NotFound)?;
    let case = pqr.case().ok_or(ApiError::NotFound)?;
    // Staff who work cases or audit them see the staff view (petitioner data included).
    let staff_view = caller.has(Role::Agent) || caller.has(Role::Auditor);
    Ok(Json(tracking_of(case, &state.clock.now(), staff_view)))
}
