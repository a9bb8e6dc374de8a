//! OpenAPI schemas for domain values the domain crate does not describe itself (it has no
//! utoipa dependency): string enums built from the domain's own lists.

use pqrs_domain::actor::Role;
use pqrs_domain::contact::{IdType, ReplyChannel};
use pqrs_domain::policy::TermUnit;
use pqrs_domain::pqr::{Outcome, Status};
use pqrs_domain::{Channel, Kind};
use pqrs_projections::deadline_view::DeadlineState;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// The API values of a string enum, in declaration order.
fn api_values<T: Copy + Into<&'static str>>(all: &[T]) -> Vec<&'static str> {
    all.iter().map(|v| (*v).into()).collect()
}

fn string_enum(values: Vec<&'static str>, description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .description(Some(description))
        .into()
}

/// A string enum that also takes `null` (an optional field the server reads null as absent).
fn nullable_enum(values: Vec<&'static str>, description: &str) -> RefOr<Schema> {
    use utoipa::openapi::schema::SchemaType;
    let mut values: Vec<serde_json::Value> = values.into_iter().map(Into::into).collect();
    values.push(serde_json::Value::Null);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
        .description(Some(description))
        .into()
}

/// A kind of PQR, or null.
pub fn opt_kind() -> RefOr<Schema> {
    nullable_enum(api_values(&Kind::ALL), "A kind of PQR, or null for none.")
}

/// A channel, or null (web).
pub fn opt_channel() -> RefOr<Schema> {
    nullable_enum(
        api_values(&Channel::ALL),
        "How the PQR reached the entity (null or absent: web). Citizens without a token may only use `web`.",
    )
}

/// A preferred reply channel, or null (issue 13; docs/portal.md).
pub fn opt_reply_channel() -> RefOr<Schema> {
    nullable_enum(
        api_values(&ReplyChannel::ALL),
        "How the petitioner prefers to receive the answer: `email` (needs petitioner.email), \
         `phone` (needs petitioner.phone), `mail` (post; needs petitioner.address) or \
         `in_person` (at the entity's office). Only with a petitioner; null or absent: no \
         preference.",
    )
}

/// An identity document type, or null.
pub fn opt_id_type() -> RefOr<Schema> {
    nullable_enum(api_values(&IdType::ALL), "Identity document type, or null.")
}

/// The kinds of PQR (Ley 1755 de 2015 art. 14; docs/legal.md §3).
pub fn kind() -> RefOr<Schema> {
    string_enum(
        api_values(&Kind::ALL),
        "What is filed: petition, information_request, consultation, complaint, claim, report, suggestion, commendation.",
    )
}

/// The channels a PQR can arrive through.
pub fn channel() -> RefOr<Schema> {
    string_enum(
        api_values(&Channel::ALL),
        "How the PQR reached the entity. Citizens without a token may only use `web`.",
    )
}

/// Identity document types.
pub fn id_type() -> RefOr<Schema> {
    string_enum(api_values(&IdType::ALL), "Identity document type.")
}

/// Staff roles.
pub fn role() -> RefOr<Schema> {
    string_enum(api_values(&Role::ALL), "Staff role.")
}

/// Term units.
pub fn term_unit() -> RefOr<Schema> {
    string_enum(
        api_values(&TermUnit::ALL),
        "business: días hábiles; calendar: calendar days ending on a business day; months: by the calendar.",
    )
}

/// Deadline states (issue 5).
pub fn deadline_state() -> RefOr<Schema> {
    string_enum(
        api_values(<DeadlineState as strum::VariantArray>::VARIANTS),
        "Where a case stands against its deadline.",
    )
}

/// Case statuses, as the work queue filters them.
pub fn status() -> RefOr<Schema> {
    string_enum(api_values(&Status::ALL), "Case status.")
}

/// The event types of the log, as stored: those the personal-data classification lists
/// (`pqrs_domain::personal_data::EVENT_FIELDS`, which a domain test keeps complete), so a new
/// event type is named in one place.
pub fn event_types() -> Vec<&'static str> {
    pqrs_domain::personal_data::EVENT_FIELDS
        .iter()
        .map(|f| f.event_type)
        .collect()
}

/// Event types.
pub fn event_type() -> RefOr<Schema> {
    string_enum(event_types(), "Event type.")
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
    let allowed = api_values(&Status::ALL);
    one_of(d, "status", &allowed)
}

/// `kind=` of the queue and alerts: a kind of PQR.
pub fn kind_filter<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let allowed = api_values(&Kind::ALL);
    one_of(d, "kind", &allowed)
}

/// `type=` of the event feed: an event type.
pub fn event_type_filter<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    one_of(d, "type", &event_types())
}

/// Characters a one-line text may not hold: every control character (Unicode Cc), as
/// `pqrs_domain::text::bounded` refuses them.
const CONTROL_ONE_LINE: &str = r"\u0000-\u001F\u007F-\u009F";
/// Characters a multi-line text may not hold: control characters except tab, LF and CR.
const CONTROL_MULTILINE: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";

/// A bounded text as the domain checks it (`pqrs_domain::text::bounded`): at least one
/// character that is not white space, at most `max` characters, no control characters (tab
/// and line breaks allowed when `multiline`); `null` allowed when `nullable`.
fn text(max: usize, multiline: bool, nullable: bool) -> RefOr<Schema> {
    use utoipa::openapi::schema::SchemaType;
    let control = if multiline {
        CONTROL_MULTILINE
    } else {
        CONTROL_ONE_LINE
    };
    let kind = if nullable {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new()
        .schema_type(kind)
        .min_length(Some(1))
        .max_length(Some(max))
        .pattern(Some(format!(r"^[^{control}]*[^\s{control}][^{control}]*$")))
        .into()
}

/// One line, 1–200 characters (subject, topic, dependency, official).
pub fn line_200() -> RefOr<Schema> {
    text(200, false, false)
}

/// One line, 1–200 characters, or null.
pub fn opt_line_200() -> RefOr<Schema> {
    text(200, false, true)
}

/// One line, 1–300 characters (authority).
pub fn line_300() -> RefOr<Schema> {
    text(300, false, false)
}

/// Multi-line, 1–5 000 characters (reasons, notes, legal basis).
pub fn text_5000() -> RefOr<Schema> {
    text(5_000, true, false)
}

/// Multi-line, 1–5 000 characters, or null.
pub fn opt_text_5000() -> RefOr<Schema> {
    text(5_000, true, true)
}

/// Multi-line, 1–2 000 characters, or null (rating comment).
pub fn opt_text_2000() -> RefOr<Schema> {
    text(2_000, true, true)
}

/// Multi-line, 1–20 000 characters (description, answer, completion).
pub fn text_20000() -> RefOr<Schema> {
    text(20_000, true, false)
}

/// Answer outcomes.
pub fn outcome() -> RefOr<Schema> {
    string_enum(
        api_values(&Outcome::ALL),
        "granted, denied, partially_granted, informative or forwarded.",
    )
}

/// A whole number from 0 to 255 given as a JSON integer or as a number with no fraction
/// (`4.0`): JSON Schema counts both as integers, so clients generated from the document may
/// send either.
pub fn whole_u8<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    use serde::Deserialize;
    let n = serde_json::Number::deserialize(d)?;
    let whole = match (n.as_u64(), n.as_f64()) {
        (Some(u), _) => Some(u),
        (None, Some(f)) if f.fract() == 0.0 && (0.0..=255.0).contains(&f) => Some(f as u64),
        _ => None,
    };
    whole
        .and_then(|u| u8::try_from(u).ok())
        .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a whole number from 0 to 255")))
}
