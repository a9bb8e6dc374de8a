//! Filing a PQR: `POST /v1/pqrs`. The body is read once into a typed [`FileRequest`] (every
//! field error at once), checked against who may use which channel and `received_at`, and
//! handed to the filing desk as one complete [`FilingRequest`]; the desk
//! (`infrastructure/src/radicacion.rs`) has the domain decide it once
//! (`domain/src/pqr/aggregate.rs`, `Pqr::accept_filing`) and numbers it in a batch.

use crate::auth::Caller;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{ApiJson, RequestId};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use pqrs_domain::actor::Role;
use pqrs_domain::contact::{Channel, Language, RawPetitioner, ReplyChannel};
use pqrs_domain::deadline::{bogota, local_date};
use pqrs_domain::pqr::PqrFiled;
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{AccessCode, Kind, Petitioner, PqrServices};
use pqrs_infrastructure::idempotency::{request_hash, IdempotencyKey};
use pqrs_infrastructure::radicacion::{Filing, FilingRequest};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use tracing::field::{display, Empty};
use utoipa::ToSchema;

/// A field as sent: absent (or `null`), of the expected JSON type, or of another type. Lets
/// serde read the whole body once while every field error is still reported (a strict
/// deserializer stops at the first).
#[derive(Debug, Default)]
pub(crate) enum Sent<T> {
    /// Absent or `null`.
    #[default]
    Absent,
    /// Of the expected type.
    Given(T),
    /// Of another JSON type.
    WrongType,
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Sent<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Null => Sent::Absent,
            v => serde_json::from_value(v).map_or(Sent::WrongType, Sent::Given),
        })
    }
}

impl<T> Sent<T> {
    /// The value; a wrong type is recorded as `path` "must be …".
    fn take(self, path: &str, must: &str, errors: &mut Vec<FieldError>) -> Option<T> {
        match self {
            Sent::Absent => None,
            Sent::Given(v) => Some(v),
            Sent::WrongType => {
                errors.push(FieldError::new(path, must));
                None
            }
        }
    }

    /// The value of a required field; absence is recorded as "is required".
    fn required(self, path: &str, must: &str, errors: &mut Vec<FieldError>) -> Option<T> {
        if matches!(self, Sent::Absent) {
            errors.push(FieldError::new(path, "is required"));
        }
        self.take(path, must, errors)
    }
}

/// Records every unknown field of an object as `prefix` + its name.
fn unknown_fields(
    unknown: &BTreeMap<String, IgnoredAny>,
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    for key in unknown.keys() {
        errors.push(FieldError::new(format!("{prefix}{key}"), "unknown field"));
    }
}

const A_STRING: &str = "must be a string";

/// The petitioner of an identified filing. All fields optional; at least one of `email`,
/// `phone`, `address` is required for the reply.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct PetitionerBody {
    /// Full name.
    #[schema(value_type = Option<String>, example = "Ana Pérez")]
    #[serde(default)]
    name: Sent<String>,
    /// Identity document type.
    #[schema(schema_with = crate::routes::schema::opt_id_type)]
    #[serde(default)]
    id_type: Sent<String>,
    /// Identity document number.
    #[schema(value_type = Option<String>, example = "1020304050")]
    #[serde(default)]
    id_number: Sent<String>,
    /// E-mail for the reply.
    #[schema(value_type = Option<String>, example = "ana@example.co")]
    #[serde(default)]
    email: Sent<String>,
    /// Phone for the reply.
    #[schema(value_type = Option<String>, example = "+57 601 555 1234")]
    #[serde(default)]
    phone: Sent<String>,
    /// Postal address for the reply.
    #[schema(value_type = Option<String>)]
    #[serde(default)]
    address: Sent<String>,
    #[serde(flatten)]
    #[schema(ignore)]
    unknown: BTreeMap<String, IgnoredAny>,
}

/// A filing. Unknown fields are refused.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "kind": "petition",
    "subject": "Poda de árbol",
    "description": "Solicito la poda del árbol frente a la Calle 12 # 3-45.",
    "channel": "web",
    "petitioner": {"name": "Ana Pérez", "email": "ana@example.co"},
    "consent_personal_data": true
}))]
pub(crate) struct FileRequest {
    /// What is filed.
    #[schema(schema_with = crate::routes::schema::kind, required = true)]
    #[serde(default)]
    kind: Sent<String>,
    /// Subject line (1–200 characters).
    #[schema(schema_with = crate::routes::schema::line_200, required = true)]
    #[serde(default)]
    subject: Sent<String>,
    /// Body (1–20 000 characters).
    #[schema(schema_with = crate::routes::schema::text_20000, required = true)]
    #[serde(default)]
    description: Sent<String>,
    /// How it reached the entity (default `web`); other channels need an agent token.
    #[schema(schema_with = crate::routes::schema::opt_channel)]
    #[serde(default)]
    channel: Sent<String>,
    /// The petitioner, or `null` (or absent) for an anonymous filing.
    #[schema(value_type = Option<PetitionerBody>)]
    #[serde(default)]
    petitioner: Sent<PetitionerBody>,
    /// Consent to the processing of personal data (Ley 1581 de 2012); must be `true` when
    /// `petitioner` is given.
    #[schema(value_type = Option<bool>)]
    #[serde(default)]
    consent_personal_data: Sent<bool>,
    /// The petitioner accepts to be notified of decisions (the answer, a tacit withdrawal) by
    /// e-mail at `petitioner.email` (CPACA — Ley 1437 de 2011 — art. 56). Default `false`.
    #[schema(value_type = Option<bool>)]
    #[serde(default)]
    consent_electronic_notification: Sent<bool>,
    /// How the petitioner prefers to receive the answer (issue 13): `email`, `phone`, `mail`
    /// (post to `petitioner.address`) or `in_person`. It needs a petitioner with the contact it
    /// uses (`in_person` needs only a petitioner); anonymous filings cannot choose.
    #[schema(schema_with = crate::routes::schema::opt_reply_channel)]
    #[serde(default)]
    preferred_reply_channel: Sent<String>,
    /// When the entity received it (RFC 3339 with offset). Staff (agent and up) only, for mail
    /// or in-person receipts registered later; never in the future.
    #[schema(value_type = Option<String>, format = DateTime, example = "2026-11-23T09:00:00-05:00")]
    #[serde(default)]
    received_at: Sent<String>,
    #[serde(flatten)]
    #[schema(ignore)]
    unknown: BTreeMap<String, IgnoredAny>,
}

/// A filing body whose every field is valid, before the caller's rights are checked.
struct Valid {
    kind: Kind,
    subject: Subject,
    description: Description,
    channel: Channel,
    petitioner: Option<Petitioner>,
    consent: bool,
    received_at: Option<DateTime<FixedOffset>>,
}

impl FileRequest {
    /// Reads `body` once; a body that is not an object is the only error alone.
    fn read(body: &Value) -> Result<FileRequest, ApiError> {
        if !body.is_object() {
            return Err(ApiError::field("body", "must be a JSON object"));
        }
        FileRequest::deserialize(body).map_err(|_| ApiError::field("body", "must be a JSON object"))
    }

    /// Every check of the fields, all errors at once (`now` bounds `received_at`).
    fn validate(self, now: DateTime<FixedOffset>) -> Result<Valid, ApiError> {
        let mut errors = Vec::new();
        unknown_fields(&self.unknown, "", &mut errors);
        let kind = self
            .kind
            .required("kind", A_STRING, &mut errors)
            .and_then(|s| {
                Kind::parse(&s)
                    .map_err(|e| errors.push(FieldError::new("kind", e.to_string())))
                    .ok()
            });
        let subject = self
            .subject
            .required("subject", A_STRING, &mut errors)
            .and_then(|s| {
                Subject::parse(&s)
                    .map_err(|e| errors.push(FieldError::new("subject", e.to_string())))
                    .ok()
            });
        let description = self
            .description
            .required("description", A_STRING, &mut errors)
            .and_then(|s| {
                Description::parse(&s)
                    .map_err(|e| errors.push(FieldError::new("description", e.to_string())))
                    .ok()
            });
        let channel = match self.channel.take("channel", A_STRING, &mut errors) {
            None => Some(Channel::Web),
            Some(s) => Channel::parse(&s)
                .map_err(|e| errors.push(FieldError::new("channel", e.to_string())))
                .ok(),
        };
        let given = matches!(self.petitioner, Sent::Given(_));
        let mut petitioner = self
            .petitioner
            .take("petitioner", "must be an object or null", &mut errors)
            .and_then(|p| p.validate(&mut errors));
        // CPACA art. 56: decisions are notified by e-mail only with the petitioner's consent
        // (docs/notifications.md). Kept with the petitioner's data; meaningless without them.
        // Consent without an address to write to cannot be honoured: refused, not dropped.
        if self
            .consent_electronic_notification
            .take(
                "consent_electronic_notification",
                "must be true or false",
                &mut errors,
            )
            .unwrap_or(false)
        {
            match petitioner.as_mut() {
                Some(p) if p.email.is_some() => p.accepts_electronic_notification = true,
                // A petitioner given but invalid already has its errors.
                None if given => {}
                _ => errors.push(FieldError::new(
                    "consent_electronic_notification",
                    "needs petitioner.email to notify by e-mail (CPACA art. 56)",
                )),
            }
        }
        // Issue 13: a reply channel the contacts given cannot serve is refused, not dropped.
        if let Some(s) =
            self.preferred_reply_channel
                .take("preferred_reply_channel", A_STRING, &mut errors)
        {
            let checked = ReplyChannel::parse(&s).and_then(|c| match petitioner.as_ref() {
                // A petitioner given but invalid already has its errors.
                None if given => Ok(None),
                p => c.check(p).map(|()| Some(c)),
            });
            match checked {
                Ok(Some(c)) => {
                    if let Some(p) = petitioner.as_mut() {
                        p.preferred_reply_channel = Some(c);
                    }
                }
                Ok(None) => {}
                Err(e) => errors.push(FieldError::new("preferred_reply_channel", e.to_string())),
            }
        }
        let consent = self
            .consent_personal_data
            .take(
                "consent_personal_data",
                "must be true or false",
                &mut errors,
            )
            .unwrap_or(false);
        if given && !consent {
            errors.push(FieldError::new(
                "consent_personal_data",
                "must be true when petitioner data is given (Ley 1581 de 2012 art. 9)",
            ));
        }
        let received_at = match self.received_at.take("received_at", A_STRING, &mut errors) {
            None => None,
            Some(s) => match DateTime::parse_from_rfc3339(&s) {
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
        Ok(Valid {
            kind,
            subject,
            description,
            channel,
            petitioner,
            consent,
            received_at,
        })
    }
}

impl PetitionerBody {
    /// The petitioner, or `None` with its errors recorded (paths `petitioner.…`).
    fn validate(self, errors: &mut Vec<FieldError>) -> Option<Petitioner> {
        unknown_fields(&self.unknown, "petitioner.", errors);
        let mut own = Vec::new();
        let name = self.name.take("petitioner.name", A_STRING, &mut own);
        let id_type = self.id_type.take("petitioner.id_type", A_STRING, &mut own);
        let id_number = self
            .id_number
            .take("petitioner.id_number", A_STRING, &mut own);
        let email = self.email.take("petitioner.email", A_STRING, &mut own);
        let phone = self.phone.take("petitioner.phone", A_STRING, &mut own);
        let address = self.address.take("petitioner.address", A_STRING, &mut own);
        let parsed = if own.is_empty() {
            Petitioner::new(RawPetitioner {
                name: name.as_deref(),
                id_type: id_type.as_deref(),
                id_number: id_number.as_deref(),
                email: email.as_deref(),
                phone: phone.as_deref(),
                address: address.as_deref(),
            })
            .map_err(|pe| {
                for (f, m) in pe.0 {
                    own.push(FieldError::new(f, m));
                }
            })
            .ok()
        } else {
            None
        };
        errors.extend(own);
        parsed
    }
}

impl Valid {
    /// Who may file what (docs/legal.md §"Backdated receipts"): a citizen without a token
    /// may only use `web`, only staff (agent and up) may give `received_at`, and never
    /// further back than `max_backdating_days` business days.
    fn authorize(
        &self,
        caller: &Caller,
        now: DateTime<FixedOffset>,
        services: &PqrServices,
    ) -> Result<(), ApiError> {
        let channel = self.channel;
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
        if let Some(received_at) = self.received_at {
            caller.require(Role::Agent)?;
            pqrs_domain::clock_rules::check_backdating(
                &services.calendar.current(),
                local_date(&received_at),
                local_date(&now),
                services.max_backdating_days,
            )
            .map_err(|e| ApiError::field("received_at", e.to_string()))?;
        }
        Ok(())
    }

    /// The request the filing desk takes, complete.
    /// The request for the desk; an identified petitioner is written to in `language` (the
    /// language of the request that filed, see [`Language`]).
    fn into_request(
        self,
        metadata: BTreeMap<String, String>,
        idempotency: Option<(IdempotencyKey, String)>,
        language: Language,
    ) -> FilingRequest {
        let petitioner = self.petitioner.map(|p| Petitioner { language, ..p });
        FilingRequest {
            kind: self.kind,
            subject: self.subject,
            description: self.description,
            channel: self.channel,
            petitioner,
            consent_personal_data: self.consent,
            received_at: self.received_at,
            idempotency,
            metadata,
        }
    }
}

/// The `Idempotency-Key` header with the fingerprint of the request it came with (who and the
/// body as sent), or `None` without the header.
fn idempotency(
    headers: &HeaderMap,
    caller: &Caller,
    body: &Value,
) -> Result<Option<(IdempotencyKey, String)>, ApiError> {
    let Some(v) = headers.get("idempotency-key") else {
        return Ok(None);
    };
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
    let who = match caller {
        Caller::Citizen => "citizen".to_owned(),
        Caller::Staff(s) => format!("staff:{}", s.id),
    };
    Ok(Some((key, request_hash(&format!("{who}\n{body}")))))
}

/// A term as applied.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TermBody {
    /// How many units.
    pub days: u32,
    /// The unit.
    #[schema(schema_with = crate::routes::schema::term_unit)]
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
pub(crate) struct Filed {
    /// The filing number.
    #[schema(example = "2026-000001")]
    pub radicado: String,
    /// The secret to track the PQR (send it as `X-Access-Code`).
    #[schema(example = "7K2M9XDQ4RTV8WZ1BC3N")]
    pub access_code: String,
    /// What was filed.
    #[schema(schema_with = crate::routes::schema::kind)]
    pub kind: String,
    /// `filed`.
    #[schema(example = "filed")]
    pub status: String,
    /// How it reached the entity.
    #[schema(schema_with = crate::routes::schema::channel)]
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

/// Files a PQR and returns its radicado and access code.
///
/// The radicado is issued only once the filing is durable. With an `Idempotency-Key`, a retry
/// of the same request returns the first result (same radicado and access code). The
/// language negotiated from `Accept-Language` is also the language the petitioner's e-mails
/// are written in (Spanish by default; English ones carry the official Spanish text).
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
#[tracing::instrument(name = "file_pqr", skip_all, fields(request_id = %request_id.0, radicado = Empty))]
pub(super) async fn file_pqr(
    State(state): State<AppState>,
    caller: Caller,
    request_id: RequestId,
    lang: Lang,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Value>,
) -> Result<Response, ApiError> {
    let idempotency = idempotency(&headers, &caller, &body)?;
    let Filing {
        filed,
        access_code,
        replayed,
    } = file(
        &state,
        &caller,
        &request_id,
        &body,
        idempotency,
        lang.into(),
    )
    .await?;
    tracing::Span::current().record("radicado", display(&filed.radicado));
    tracing::info!(replayed, "filed");
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

/// The one path of a filing to the desk, for `POST /v1/pqrs` and the staff console's filing on
/// a citizen's behalf (`/funcionarios/radicar`): read the body as `POST /v1/pqrs` takes it,
/// check who may use its channel and `received_at`, and have the desk file it with the
/// caller's metadata. The petitioner, if identified, is written to in `language`.
pub(crate) async fn file(
    state: &AppState,
    caller: &Caller,
    request_id: &RequestId,
    body: &Value,
    idempotency: Option<(IdempotencyKey, String)>,
    language: Language,
) -> Result<Filing, ApiError> {
    let now = state.clock.now().with_timezone(&bogota());
    let valid = FileRequest::read(body)?.validate(now)?;
    valid.authorize(caller, now, &state.services)?;
    let metadata = super::metadata(caller, valid.channel, request_id);
    let request = valid.into_request(metadata, idempotency, language);
    Ok(state.desk.file(request).await?)
}
