//! OpenAPI schemas for domain values the domain crate does not describe itself (it has no
//! utoipa dependency): string enums built from the domain's own lists.

use pqrs_domain::actor::Role;
use pqrs_domain::pqr::Status;
use pqrs_domain::Kind;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

fn string_enum(values: Vec<&'static str>, description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .description(Some(description))
        .into()
}

/// The kinds of PQR (legal-terms.md §2).
pub fn kind() -> RefOr<Schema> {
    string_enum(
        Kind::ALL.iter().map(|k| k.as_str()).collect(),
        "What is filed: petition, information_request, consultation, complaint, claim, report, suggestion, commendation.",
    )
}

/// The channels a PQR can arrive through.
pub fn channel() -> RefOr<Schema> {
    string_enum(
        vec!["web", "email", "phone", "in_person", "mail"],
        "How the PQR reached the entity. Citizens without a token may only use `web`.",
    )
}

/// Identity document types.
pub fn id_type() -> RefOr<Schema> {
    string_enum(
        vec!["CC", "CE", "TI", "RC", "PA", "NIT", "PEP", "PPT"],
        "Identity document type.",
    )
}

/// Staff roles.
pub fn role() -> RefOr<Schema> {
    string_enum(
        Role::ALL.iter().map(|r| r.as_str()).collect(),
        "Staff role.",
    )
}

/// Term units.
pub fn term_unit() -> RefOr<Schema> {
    string_enum(
        vec!["business", "calendar", "months"],
        "business: días hábiles; calendar: calendar days ending on a business day; months: by the calendar.",
    )
}

/// Deadline states (issue 5).
pub fn deadline_state() -> RefOr<Schema> {
    string_enum(
        vec![
            "on_time",
            "due_soon",
            "overdue",
            "suspended",
            "positive_silence",
            "copies_overdue",
            "closed",
        ],
        "Where a case stands against its deadline.",
    )
}

/// Case statuses, as the work queue filters them.
pub fn status() -> RefOr<Schema> {
    string_enum(
        Status::ALL.iter().map(|s| s.as_str()).collect(),
        "Case status.",
    )
}

/// Every event type the log holds (`/v1/events?type=`). A new event type must be added here:
/// a filter on a type not listed is refused with 422.
pub const EVENT_TYPES: &[&str] = &[
    "PqrFiled",
    "PqrClassified",
    "PqrAssigned",
    "PqrEscalated",
    "InternalNoteAdded",
    "CompletionRequested",
    "CompletionSupplied",
    "CompletionWindowExtended",
    "TacitWithdrawalRecorded",
    "TermExtended",
    "PqrForwarded",
    "PriorityFlagged",
    "PqrAnswered",
    "ServiceRated",
    "PqrWithdrawn",
    "RadicadoVoided",
    "PositiveSilenceReached",
    "ClosureDayDeclared",
];

/// Event types.
pub fn event_type() -> RefOr<Schema> {
    string_enum(EVENT_TYPES.to_vec(), "Event type.")
}

/// Reads an optional filter that must be one of `allowed`: an unknown value is a 422 (an
/// empty answer would hide a typo), as an unknown `sort` is.
fn one_of<'de, D: serde::Deserializer<'de>>(
    d: D,
    field: &str,
    allowed: &[&str],
) -> Result<Option<String>, D::Error> {
    use serde::Deserialize;
    let value = Option::<String>::deserialize(d)?;
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(serde::de::Error::custom(format!(
            "`{field}` debe ser uno de: {}",
            allowed.join(", ")
        ))),
        other => Ok(other),
    }
}

/// `status=` of the work queue: a case status.
pub fn status_filter<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let allowed: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    one_of(d, "status", &allowed)
}

/// `kind=` of the queue and alerts: a kind of PQR.
pub fn kind_filter<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let allowed: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    one_of(d, "kind", &allowed)
}

/// `type=` of the event feed: an event type.
pub fn event_type_filter<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    one_of(d, "type", EVENT_TYPES)
}
