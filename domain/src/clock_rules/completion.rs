//! Ley 1755 de 2015 art. 17: incomplete petitions and tacit withdrawal (docs/legal.md §5).
//!
//! The entity may ask the petitioner to complete the petition within the 10 business days
//! following filing. From that request the clock is suspended: the business days consumed
//! (strictly after E up to and including the request date) stay consumed, and the term
//! resumes the day after the petitioner supplies what was asked, for the remaining days. The
//! petitioner has one month (extendable once, on request before it lapses, by up to one more
//! month); if nothing arrives the entity decrees the tacit withdrawal by a reasoned act.

use super::ClockRuleError;
use crate::calendar::{plus_days, Calendar};
use crate::deadline::due_date;
use crate::policy::{Term, TermUnit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Business days after E within which the entity may ask for completion (Ley 1755 de 2015
/// art. 17: "dentro de los diez (10) días siguientes a la fecha de radicación").
pub const REQUEST_DAYS: u32 = 10;

/// The petitioner's window to complete (Ley 1755 de 2015 art. 17: "término máximo de un (1)
/// mes"), counted from the request like a month term (Ley 4 de 1913 arts. 59 and 62).
pub const WINDOW: Term = Term::months(1);

/// The time the petitioner has to complete a petition (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionWindow {
    /// When the entity asked (local date).
    pub requested_on: NaiveDate,
    /// Last day of the first month (moved to the next business day if it is not one).
    pub supply_by: NaiveDate,
    /// Last day of the extended window, once the petitioner asked for the extension.
    pub extended_to: Option<NaiveDate>,
}

impl CompletionWindow {
    /// The last day on which the petitioner may still supply.
    pub fn closes_on(&self) -> NaiveDate {
        self.extended_to.unwrap_or(self.supply_by)
    }

    /// The latest date an extension may reach: one more month, i.e. two months from the
    /// request, moved to the next business day (Ley 1755 de 2015 art. 17, "hasta por un
    /// término igual").
    pub fn extension_limit(&self, calendar: &Calendar) -> Result<NaiveDate, ClockRuleError> {
        Ok(due_date(calendar, self.requested_on, Term::months(2))?)
    }
}

/// A suspended term (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    /// The effective receipt date E.
    pub effective: NaiveDate,
    /// When the entity asked for completion; the clock is suspended from then.
    pub requested_on: NaiveDate,
    /// Units of the term consumed before the suspension (strictly after E up to and
    /// including the request date), in the unit of `remaining`.
    pub consumed: u32,
    /// What is left of the term, to run from the day after the supply. Business days for
    /// business-day terms; calendar days for calendar-day and month terms.
    pub remaining: Term,
    /// The petitioner's window.
    pub window: CompletionWindow,
}

/// Ley 1755 de 2015 art. 17: the last day on which the entity may ask for completion, the
/// 10th business day after E.
pub fn completion_request_deadline(
    calendar: &Calendar,
    effective: NaiveDate,
) -> Result<NaiveDate, ClockRuleError> {
    Ok(calendar.add_business_days(effective, REQUEST_DAYS)?)
}

/// Ley 1755 de 2015 art. 17: the entity asks the petitioner to complete the petition on
/// `requested_on`, suspending the term of a case with effective receipt date `effective` and
/// due date in force `due` (counted in `unit`).
///
/// Refused when the request comes after the 10th business day after E, or after the due date
/// (a request cannot revive a term that ran out). A request on a day before E (a Saturday
/// receipt asked on the same day) consumes nothing.
pub fn request_completion(
    calendar: &Calendar,
    effective: NaiveDate,
    due: NaiveDate,
    unit: TermUnit,
    requested_on: NaiveDate,
) -> Result<Suspension, ClockRuleError> {
    let last_day = completion_request_deadline(calendar, effective)?;
    if requested_on > last_day {
        return Err(ClockRuleError::CompletionRequestLate {
            requested_on,
            last_day,
        });
    }
    if requested_on > due {
        return Err(ClockRuleError::CompletionRequestAfterDue { requested_on, due });
    }
    // Counting starts at E: days before it are not part of the term.
    let from = requested_on.max(effective);
    let (consumed, remaining) = match unit {
        TermUnit::Business => (
            calendar.business_days_between(effective, from)?,
            Term::business(calendar.business_days_between(from, due)?),
        ),
        TermUnit::Calendar | TermUnit::Months => (
            days_between(effective, from),
            Term::calendar_days(days_between(from, due)),
        ),
    };
    Ok(Suspension {
        effective,
        requested_on,
        consumed,
        remaining,
        window: CompletionWindow {
            requested_on,
            supply_by: due_date(calendar, requested_on, WINDOW)?,
            extended_to: None,
        },
    })
}

fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days()).unwrap_or(0)
}

/// Ley 1755 de 2015 art. 17: the petitioner, before the window lapses (on or before its last
/// day, asked on `asked_on`), obtains an extension until `granted_until`, at most one more
/// month ([`CompletionWindow::extension_limit`]). Only once. A non-business `granted_until` is
/// moved to the next business day, as any month term.
pub fn extend_completion_window(
    calendar: &Calendar,
    window: &CompletionWindow,
    asked_on: NaiveDate,
    granted_until: NaiveDate,
) -> Result<CompletionWindow, ClockRuleError> {
    if window.extended_to.is_some() {
        return Err(ClockRuleError::CompletionWindowAlreadyExtended);
    }
    let closed_on = window.closes_on();
    if asked_on > closed_on {
        return Err(ClockRuleError::CompletionWindowExtensionLate {
            asked_on,
            closed_on,
        });
    }
    let granted = calendar.business_day_on_or_after(granted_until)?;
    if granted <= closed_on {
        return Err(ClockRuleError::CompletionWindowExtensionNotLater {
            granted_until,
            closed_on,
        });
    }
    let at_most = window.extension_limit(calendar)?;
    if granted > at_most {
        return Err(ClockRuleError::CompletionWindowExtensionTooLong {
            granted_until,
            at_most,
        });
    }
    Ok(CompletionWindow {
        extended_to: Some(granted),
        ..*window
    })
}

/// Ley 1755 de 2015 art. 17: the petitioner supplies on `supplied_on`; the term resumes the
/// day after, for the remaining days. Returns the new due date: the R-th business day after
/// the supply (or supply + R calendar days, moved to a business day); a supply made before E
/// counts from E, as the term did. When nothing remained
/// (R = 0, a request made on the due date) the entity gets the first business day after the
/// supply (docs/legal.md). Refused before the request or after the window closed (the
/// petition is then withdrawn, see [`tacit_withdrawal`]).
pub fn resume_after_supply(
    calendar: &Calendar,
    suspension: &Suspension,
    supplied_on: NaiveDate,
) -> Result<NaiveDate, ClockRuleError> {
    if supplied_on < suspension.requested_on {
        return Err(ClockRuleError::SupplyBeforeRequest {
            supplied_on,
            requested_on: suspension.requested_on,
        });
    }
    let closed_on = suspension.window.closes_on();
    if supplied_on > closed_on {
        return Err(ClockRuleError::SupplyAfterWindow {
            supplied_on,
            closed_on,
        });
    }
    let left = suspension.remaining.days.max(1);
    // A supply before E (both on the weekend of a Saturday receipt) resumes nothing earlier
    // than the term first started: E itself is never a counted day.
    let from = supplied_on.max(suspension.effective);
    let due = match suspension.remaining.unit {
        TermUnit::Business => calendar.add_business_days(from, left)?,
        TermUnit::Calendar | TermUnit::Months => {
            calendar.business_day_on_or_after(plus_days(from, left)?)?
        }
    };
    Ok(due)
}

/// A tacit withdrawal (desistimiento tácito) the entity may decree (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TacitWithdrawal {
    /// The last day of the window that lapsed.
    pub lapsed_after: NaiveDate,
    /// When the entity decreed it.
    pub decided_on: NaiveDate,
    /// The reasons of the act (acto administrativo motivado).
    pub reasons: String,
}

/// Ley 1755 de 2015 art. 17: the entity decrees the tacit withdrawal on `decided_on`, by a
/// reasoned act, of a petition whose completion window lapsed with nothing supplied (the
/// caller knows nothing arrived). Refused while the window is open or without reasons.
pub fn tacit_withdrawal(
    window: &CompletionWindow,
    decided_on: NaiveDate,
    reasons: &str,
) -> Result<TacitWithdrawal, ClockRuleError> {
    let closes_on = window.closes_on();
    if decided_on <= closes_on {
        return Err(ClockRuleError::CompletionWindowOpen {
            decided_on,
            closes_on,
        });
    }
    if reasons.trim().is_empty() {
        return Err(ClockRuleError::TacitWithdrawalUnreasoned);
    }
    Ok(TacitWithdrawal {
        lapsed_after: closes_on,
        decided_on,
        reasons: reasons.trim().to_owned(),
    })
}
