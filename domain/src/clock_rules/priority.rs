//! Ley 1755 de 2015 art. 20: priority attention of petitions for the recognition of a
//! fundamental right when needed to avoid irreparable harm (docs/legal.md §5). The law fixes
//! no number; the entity's policy sets a shortened term ([`crate::policy::Policy::priority_term`]).

use super::ClockRuleError;
use crate::calendar::Calendar;
use crate::deadline::due_date;
use crate::policy::Term;
use chrono::NaiveDate;

/// Ley 1755 de 2015 art. 20: the due date of a priority PQR with effective receipt date
/// `effective`: the earlier of the priority term's and the ordinary term's due dates, so
/// priority never lengthens a term.
pub fn priority_due_date(
    calendar: &Calendar,
    effective: NaiveDate,
    ordinary: Term,
    priority: Term,
) -> Result<NaiveDate, ClockRuleError> {
    let ordinary_due = due_date(calendar, effective, ordinary)?;
    let priority_due = due_date(calendar, effective, priority)?;
    Ok(ordinary_due.min(priority_due))
}
