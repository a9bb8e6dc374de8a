//! `pqrs deadline`: the due date of a PQR, computed as a filing computes it.

use super::common::{services_with_closures, CliResult, DbArgs};
use crate::config::FileConfig;
use chrono::DateTime;
use pqrs_domain::Kind;

/// Runs `pqrs deadline --kind K --received T`.
pub async fn run(kind: &str, received: &str, db: DbArgs, file: &FileConfig) -> CliResult {
    let kind = Kind::parse(kind)?;
    let received = DateTime::parse_from_rfc3339(received)
        .map_err(|_| "--received must be RFC 3339 with offset, e.g. 2026-11-23T09:00:00-05:00")?;
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
    println!("kind:                  {kind} ({})", kind.spanish());
    println!("received at:           {received}");
    println!("effective receipt (E): {effective}");
    println!(
        "term:                  {} {:?} days ({})",
        term.days, term.unit, policy_name
    );
    println!("due date:              {due} (until 23:59:59 Bogotá)");
    println!("calendar version:      {}", calendar.version());
    Ok(())
}
