//! The calendar in force as both `GET /v1/calendar/rules` and `pqrs calendar rules` give it
//! (docs/legal.md §1 "Calendar").

use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A closure day.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-12-24", "legal_basis": "Resolución 123 de 2026 (día cívico)"}))]
pub(crate) struct Closure {
    /// The closed date (today or later).
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// The act that closes the offices.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub legal_basis: String,
}

/// A holiday rule in force, with its legal basis and effective dates.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RuleBody {
    /// The holiday's name in Spanish.
    pub name: String,
    /// How its date is found: `fixed:MM-DD`, `next-monday:MM-DD` or `easter:±N`.
    pub date_rule: String,
    /// The law (and article) that makes it a holiday.
    pub legal_basis: String,
    /// First observed date the rule applies.
    #[schema(value_type = String, format = Date)]
    pub in_force_from: NaiveDate,
    /// Last observed date it applies; absent while in force.
    #[schema(value_type = Option<String>, format = Date)]
    pub in_force_until: Option<NaiveDate>,
}

/// The calendar in force for a date range, with its version (hash), so every due date can be
/// checked against the calendar it used (docs/legal.md §1 "Calendar").
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CalendarRules {
    /// First date of the range.
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    /// Last date of the range.
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// The holiday rules in force on at least one day of the range.
    pub rules: Vec<RuleBody>,
    /// The entity's closure days within the range.
    pub closures: Vec<Closure>,
    /// The version (hash) of the calendar in force: rules and closure days; filings record it.
    pub calendar_version: String,
}

/// The calendar in force for `from..=to`: the one answer of `GET /v1/calendar/rules` and
/// `pqrs calendar rules`.
pub(crate) fn calendar_rules(
    calendar: &pqrs_domain::Calendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CalendarRules, ApiError> {
    let mut errors = Vec::new();
    for (field, date) in [("from", from), ("to", to)] {
        if !(pqrs_domain::calendar::FIRST_DATE..=pqrs_domain::calendar::LAST_DATE).contains(&date) {
            errors.push(crate::error::FieldError::new(
                field,
                format!(
                    "la fecha {date} está fuera del calendario admitido ({} a {})",
                    pqrs_domain::calendar::FIRST_DATE,
                    pqrs_domain::calendar::LAST_DATE
                ),
            ));
        }
    }
    if to < from {
        errors.push(crate::error::FieldError::new(
            "to",
            "debe ser igual o posterior a `from`",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(CalendarRules {
        from,
        to,
        rules: calendar
            .rules_in_force(from, to)
            .into_iter()
            .map(|r| RuleBody {
                name: r.name.to_string(),
                date_rule: r.date_rule(),
                legal_basis: r.legal_basis.to_string(),
                in_force_from: r.in_force_from,
                in_force_until: r.in_force_until,
            })
            .collect(),
        closures: calendar
            .closures()
            .iter()
            .filter(|c| (from..=to).contains(&c.date))
            .map(|c| Closure {
                date: c.date,
                legal_basis: c.legal_basis.clone(),
            })
            .collect(),
        calendar_version: calendar.version().to_owned(),
    })
}
