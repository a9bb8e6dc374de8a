//! OpenAPI schemas for domain values the domain crate does not describe itself (it has no
//! utoipa dependency): string enums built from the domain's own lists.

use pqrs_domain::actor::Role;
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
