//! The audit trail over HTTP (issue 6): a case's full history, the global feed, chain
//! verification, radicado completeness and exports. See docs/audit.md.
//!
//! Who sees what: auditors (and admins, who include them) see every field. Agents and
//! supervisors see case histories, and reporters the feed, with personal data redacted by the
//! one classification ([`redact`], `pqrs_domain::personal_data`); reporters may not read a
//! single case's history (403). Hashes are always shown, so a redacted view still names each
//! event's place in the chain.
//! Citizens get 401.

use crate::auth::{
    single_case_reader, Allowed, Auditors, AuditorsOrReporters, Caller, REPORTERS_READ_AGGREGATES,
};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Utc};
use pqrs_domain::actor::Role;
use pqrs_domain::Radicado;
use pqrs_infrastructure::audit::{self, Checkpoint, FeedFilter, RadicadoReport, VerifyReport};
use pqrs_infrastructure::clock::instant_text;
use pqrs_infrastructure::ledger::StoredEvent;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

mod exports;
use exports::{__path_export, __path_export_digest};
pub use exports::{export, export_digest, ExportQuery};

/// What replaces a redacted value.
pub use pqrs_domain::personal_data::REDACTED;

/// Replaces the personal fields of a stored payload of `event_type` with [`REDACTED`], by the
/// one classification of personal data ([`pqrs_domain::personal_data::EVENT_FIELDS`]);
/// returns whether anything was redacted.
pub fn redact(event_type: &str, value: &mut Value) -> bool {
    pqrs_domain::personal_data::redact_payload(event_type, value)
}

/// Who caused an event, from its metadata.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorView {
    /// `citizen`, `staff`, `system` or `cli`.
    pub kind: Option<String>,
    /// The staff token id.
    pub id: Option<String>,
    /// The staff member's name.
    pub name: Option<String>,
    /// The role they acted with.
    pub role: Option<String>,
}

/// One event of the log as the audit trail shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// Global position (gapless, commit order).
    pub position: i64,
    /// e.g. `Pqr`.
    pub aggregate_type: String,
    /// e.g. the radicado.
    pub aggregate_id: String,
    /// 1-based sequence within the aggregate.
    pub sequence: i64,
    /// e.g. `PqrFiled`.
    pub event_type: String,
    /// e.g. `1`.
    pub event_version: String,
    /// When it was recorded (RFC 3339, UTC, microseconds).
    pub recorded_at: String,
    /// Who caused it.
    pub actor: ActorView,
    /// The channel, if the event came through one.
    pub channel: Option<String>,
    /// The request that caused it.
    pub request_id: Option<String>,
    /// The event body (personal data redacted unless the caller is an auditor).
    #[schema(value_type = Object)]
    pub payload: Value,
    /// The full metadata.
    #[schema(value_type = Object)]
    pub metadata: Value,
    /// Hash of the previous event.
    pub prev_hash: String,
    /// This event's hash (SHA-256; docs/audit.md).
    pub hash: String,
    /// Whether personal data was removed from this view (its hash is then not recomputable
    /// from the view).
    pub redacted: bool,
}

fn view(e: StoredEvent, full: bool) -> Result<EventView, ApiError> {
    let corrupt = |what: &str, err: serde_json::Error| {
        ApiError::Internal(format!(
            "{what} of position {} is not JSON: {err}",
            e.position
        ))
    };
    let mut payload: Value =
        serde_json::from_str(&e.event.payload).map_err(|err| corrupt("payload", err))?;
    let metadata: Value =
        serde_json::from_str(&e.event.metadata).map_err(|err| corrupt("metadata", err))?;
    let redacted = !full && redact(&e.event.event_type, &mut payload);
    let meta = |k: &str| metadata.get(k).and_then(Value::as_str).map(str::to_owned);
    Ok(EventView {
        position: e.position,
        sequence: e.event.sequence,
        event_type: e.event.event_type,
        event_version: e.event.event_version,
        recorded_at: e.recorded_at,
        actor: ActorView {
            kind: meta("actor_kind"),
            id: meta("actor_id"),
            name: meta("actor_name"),
            role: meta("actor_role"),
        },
        channel: meta("channel"),
        request_id: meta("request_id"),
        aggregate_type: e.event.aggregate_type,
        aggregate_id: e.event.aggregate_id,
        payload,
        metadata,
        prev_hash: e.prev_hash,
        hash: e.hash,
        redacted,
    })
}

/// The views of `events`, personal fields opened with their cases' keys for `full` viewers
/// (auditors; issue 16, docs/privacy.md): the hashes cover the sealed bytes, which the export
/// shows.
async fn views(
    state: &AppState,
    events: Vec<StoredEvent>,
    full: bool,
) -> Result<Vec<EventView>, ApiError> {
    let keys = if full {
        pqrs_infrastructure::privacy::keys::keys_on(
            &state.db,
            events
                .iter()
                .filter(|e| e.event.aggregate_type == "Pqr")
                .map(|e| e.event.aggregate_id.as_str()),
        )
        .await?
    } else {
        Default::default()
    };
    events
        .into_iter()
        .map(|e| {
            let mut v = view(e, full)?;
            if full {
                pqrs_infrastructure::privacy::open_payload(
                    &keys,
                    &v.aggregate_id,
                    v.sequence,
                    &v.event_type,
                    &mut v.payload,
                );
            }
            Ok(v)
        })
        .collect()
}

fn staff(caller: &Caller) -> Result<(), ApiError> {
    match caller {
        Caller::Staff(_) => Ok(()),
        Caller::Citizen => caller.require(Role::Auditor).map(|_| ()),
    }
}

/// The history of one PQR.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseHistory {
    /// The radicado.
    pub radicado: String,
    /// Every event, in order.
    pub events: Vec<EventView>,
}

/// Every event of a PQR, in order, with its place in the chain. Auditors see everything;
/// other staff see personal data redacted.
#[utoipa::path(get, path = "/v1/pqrs/{radicado}/events", tag = "audit",
    params(("radicado" = String, Path, description = "e.g. 2026-000001")),
    responses(
        (status = 200, description = "The case's events", body = CaseHistory),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such radicado", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.case_history", skip(state, caller))]
pub async fn case_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(radicado): Path<String>,
) -> Result<Json<CaseHistory>, ApiError> {
    staff(&caller)?;
    if let Caller::Staff(s) = &caller {
        if !single_case_reader(s.role) {
            return Err(ApiError::Forbidden(REPORTERS_READ_AGGREGATES.into()));
        }
    }
    let full = caller.has(Role::Auditor);
    let radicado = Radicado::parse(&radicado).map_err(|_| ApiError::NotFound)?;
    let events = audit::history(&state.db, "Pqr", &radicado.to_string()).await?;
    if events.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(Json(CaseHistory {
        radicado: radicado.to_string(),
        events: views(&state, events, full).await?,
    }))
}

/// Parameters of the global feed.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The cursor: events after this position (default 0, the start).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Page size, 1–1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// Only this event type, e.g. `PqrFiled`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "super::schema::event_type_filter"
    )]
    #[param(rename = "type", schema_with = super::schema::event_type)]
    pub event_type: Option<String>,
    /// Only events caused by this staff id (`actor.id`).
    pub actor: Option<String>,
    /// Only events recorded at or after this instant (RFC 3339).
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// Only events recorded before this instant (RFC 3339).
    #[param(format = DateTime)]
    pub to: Option<String>,
    /// Only events of this radicado.
    pub radicado: Option<String>,
}

/// A page of the global feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedPage {
    /// The events, in position order.
    pub events: Vec<EventView>,
    /// The cursor for the next page (`after=`): the last position returned, or the cursor
    /// given when the page is empty.
    pub next_after: i64,
    /// Whether the page is full (more events may follow at once).
    pub more: bool,
}

pub(super) fn instant(field: &str, text: &str) -> Result<String, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| instant_text(t.with_timezone(&Utc)))
        .map_err(|_| {
            ApiError::field(
                field,
                "must be an RFC 3339 instant with offset, e.g. 2026-11-23T09:00:00-05:00",
            )
        })
}

/// The global feed: every event in commit order, filtered, cursor-paginated. A cursor never
/// skips an event, and a full page is always the same. Auditors and reporters; reporters see
/// personal data redacted.
#[utoipa::path(get, path = "/v1/events", tag = "audit", params(FeedQuery),
    responses(
        (status = 200, description = "A page of events", body = FeedPage),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor or reporter", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.feed", skip(state, caller))]
pub async fn feed(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<AuditorsOrReporters>,
    ApiQuery(q): ApiQuery<FeedQuery>,
) -> Result<Json<FeedPage>, ApiError> {
    if !caller.has(Role::Reporter) {
        caller.require(Role::Auditor)?;
    }
    let full = caller.has(Role::Auditor);
    let after = q.after.unwrap_or(0);
    if after < 0 {
        return Err(ApiError::field("after", "must be 0 or a position"));
    }
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field("limit", "must be between 1 and 1000"));
    }
    let filter = FeedFilter {
        event_type: q.event_type,
        actor_id: q.actor,
        recorded_from: q.from.as_deref().map(|t| instant("from", t)).transpose()?,
        recorded_to: q.to.as_deref().map(|t| instant("to", t)).transpose()?,
        aggregate_id: q.radicado,
    };
    let events = audit::feed(&state.db, after, limit, &filter).await?;
    let next_after = events.last().map_or(after, |e| e.position);
    let more = events.len() as i64 == limit;
    Ok(Json(FeedPage {
        events: views(&state, events, full).await?,
        next_after,
        more,
    }))
}

/// Parameters of a verification.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// The head position of an earlier digest: the log must still contain it. Give it with
    /// `hash`, or neither.
    #[param(minimum = 0)]
    pub position: Option<i64>,
    /// The hash at that position in the digest.
    pub hash: Option<String>,
}

/// Walks the whole log recomputing every hash and link, checks the ledger head, and (given a
/// digest's `position` and `hash`) that the log was not truncated or rewritten since. A log
/// that fails is a `200` with `ok: false` and the first finding; problems are only for a bad
/// request or an unreadable store.
#[utoipa::path(get, path = "/v1/audit/verify", tag = "audit", params(VerifyQuery),
    responses(
        (status = 200, description = "The report (ok true or false)", body = Object),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.verify_http", skip(state, caller))]
pub async fn verify(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<Auditors>,
    ApiQuery(q): ApiQuery<VerifyQuery>,
) -> Result<Json<VerifyReport>, ApiError> {
    caller.require(Role::Auditor)?;
    let checkpoint = match (q.position, q.hash) {
        (None, None) => None,
        (Some(position), Some(hash)) => {
            if position < 0 {
                return Err(ApiError::field("position", "must be 0 or more"));
            }
            if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(ApiError::field("hash", "must be 64 hex digits"));
            }
            Some(Checkpoint {
                position,
                hash: hash.to_ascii_lowercase(),
            })
        }
        _ => {
            return Err(ApiError::field(
                "position",
                "give both `position` and `hash` of a digest, or neither",
            ))
        }
    };
    Ok(Json(
        audit::verify(&state.db, checkpoint.as_ref(), |_, _| {}).await?,
    ))
}

/// A head digest as `pqrs audit digest` writes it: the body of `POST /v1/audit/verify`, read as
/// `pqrs_infrastructure::audit::HeadDigest` (docs/audit.md). Declared for the OpenAPI document
/// only, so generated clients send every field.
#[derive(ToSchema)]
#[schema(example = json!({"format": "pqrs-head-digest-v1", "position": 1204,
    "hash": "9f3c2a6d8e1b4c7f0a5d3e9b2c8f1a6d4e7b0c3f9a2d5e8b1c4f7a0d3e6b9c2f",
    "recorded_at": "2026-11-24T14:00:00.123456Z", "signed_at": "2026-11-24T18:30:00.000000Z",
    "public_key": "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    "signature": "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"}))]
#[allow(dead_code)] // never built: the handler reads `HeadDigest`, which has these fields
struct DigestBody {
    /// `pqrs-head-digest-v1`.
    format: String,
    /// The head position (0 for an empty log).
    position: i64,
    /// The hash of the head event, hex.
    hash: String,
    /// When the head event was recorded.
    recorded_at: String,
    /// When the digest was signed (RFC 3339, UTC).
    signed_at: String,
    /// The Ed25519 public key, hex (32 bytes).
    public_key: String,
    /// The Ed25519 signature, hex (64 bytes).
    signature: String,
}

/// Verifies the log against a digest handed out earlier (the JSON `pqrs audit digest` writes,
/// as the body): its signature, that it is signed by the entity's configured key
/// (`audit_signing_key` / `audit_public_key`), then the whole chain and the digest's
/// (position, hash). A digest signed by another key gives `ok: false` with a `signature`
/// finding, as the CLI does; without a configured key `signed_by_entity_key` is absent.
#[utoipa::path(post, path = "/v1/audit/verify", tag = "audit",
    request_body(content = DigestBody, description = "A head digest written by `pqrs audit digest`", content_type = "application/json"),
    responses(
        (status = 200, description = "The report (ok true or false)", body = Object),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a head digest", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.verify_digest_http", skip_all)]
pub async fn verify_digest(
    State(state): State<AppState>,
    _allowed: Allowed<Auditors>,
    ApiJson(digest): ApiJson<audit::HeadDigest>,
) -> Result<Json<VerifyReport>, ApiError> {
    Ok(Json(
        audit::verify_against_digest(
            &state.db,
            &digest,
            state.audit_public_key.as_deref(),
            |_, _| {},
        )
        .await?,
    ))
}

/// Parameters of the completeness check.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RadicadosQuery {
    /// The year of receipt, 1984–2199.
    #[param(minimum = 1984, maximum = 2199)]
    pub year: i32,
}

/// Proves every radicado of a year from 1 to the counter is a filed PQR (voided ones are
/// accounted for), listing gaps and duplicates.
#[utoipa::path(get, path = "/v1/audit/radicados", tag = "audit", params(RadicadosQuery),
    responses(
        (status = 200, description = "The report", body = Object),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid year", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.radicados_http", skip(state, caller))]
pub async fn radicados(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<Auditors>,
    ApiQuery(q): ApiQuery<RadicadosQuery>,
) -> Result<Json<RadicadoReport>, ApiError> {
    caller.require(Role::Auditor)?;
    if !(1984..=2199).contains(&q.year) {
        return Err(ApiError::field("year", "must be between 1984 and 2199"));
    }
    Ok(Json(audit::radicados(&state.db, q.year).await?))
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(case_history))
        .routes(utoipa_axum::routes!(feed))
        .routes(utoipa_axum::routes!(verify, verify_digest))
        .routes(utoipa_axum::routes!(radicados))
        .routes(utoipa_axum::routes!(export))
        .routes(utoipa_axum::routes!(export_digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_redact_by_the_one_classification_and_anonymity_stays_visible() {
        let mut v = serde_json::json!({"PqrFiled": {
            "petitioner": {"name": "Ana", "email": "ana@example.co"},
            "description": "Vivo en la Calle 12",
            "subject": "Alumbrado",
            "kind": "petition"
        }});
        assert!(redact("PqrFiled", &mut v));
        assert_eq!(v["PqrFiled"]["petitioner"], REDACTED);
        assert_eq!(v["PqrFiled"]["description"], REDACTED);
        assert_eq!(v["PqrFiled"]["subject"], REDACTED);
        assert_eq!(v["PqrFiled"]["kind"], "petition");
        let mut anonymous = serde_json::json!({"PqrFiled": {"petitioner": null}});
        assert!(!redact("PqrFiled", &mut anonymous));
        assert!(anonymous["PqrFiled"]["petitioner"].is_null());
    }
}
