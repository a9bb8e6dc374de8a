//! `pqrs deadline`: the due date of a PQR, computed as a filing computes it.

use super::common::{services_with_closures, CliResult, DbArgs};
use super::lang::{say, word};
use crate::config::FileConfig;
use crate::i18n::Msg;
use chrono::DateTime;
use pqrs_domain::deadline::TermUnit;
use pqrs_domain::Kind;

/// Runs `pqrs deadline --kind K --received T`.
pub async fn run(kind: &str, received: &str, db: DbArgs, file: &FileConfig) -> CliResult {
    let kind = Kind::parse(kind)?;
    let received =
        DateTime::parse_from_rfc3339(received).map_err(|_| word("cli-deadline-received-format"))?;
    let services = services_with_closures(db, file).await?;
    let calendar = services.calendar.current();
    // The same computation as a filing and `POST /v1/deadlines/calculate`, transitions
    // of the policy book included (Decreto 491 de 2020 art. 5).
    let d = services.policies.deadline_for(&calendar, kind, &received)?;
    let (effective, term, due) = (
        d.effective_received_on,
        d.case_term.term,
        d.case_term.due_date,
    );
    let policy_name = services
        .policies
        .policy(&d.case_term.policy_id, &d.case_term.policy_version)
        .map_or(d.case_term.policy_id.as_str(), |p| p.name.as_str());
    let unit = word(match term.unit {
        TermUnit::Business => "cli-unit-business",
        TermUnit::Calendar => "cli-unit-calendar",
        TermUnit::Months => "cli-unit-months",
    });
    for line in [
        Msg::new("cli-deadline-kind")
            .arg("kind", kind)
            .arg("name", kind.spanish()),
        Msg::new("cli-deadline-received").arg("received", received),
        Msg::new("cli-deadline-effective").arg("effective", effective),
        Msg::new("cli-deadline-term")
            .arg("days", term.days)
            .arg("unit", unit)
            .arg("policy", policy_name),
        Msg::new("cli-deadline-due").arg("due", due),
        Msg::new("cli-deadline-calendar").arg("version", calendar.version()),
    ] {
        println!("{}", say(line));
    }
    Ok(())
}
