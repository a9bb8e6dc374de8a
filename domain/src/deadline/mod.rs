//! Due dates: docs/legal.md §4.
//!
//! - Effective receipt date E: the Bogotá local date of receipt if it is a business day,
//!   otherwise the next business day; optionally, receipts at or after an office-hours cut-off
//!   move to the next business day (off by default).
//! - Business-day term of N: the N-th business day strictly after E (Ley 1755 de 2015 art. 14;
//!   "días" are business days, Ley 4 de 1913 art. 62).
//! - Calendar-day term of N: E + N, moved to the next business day if it is not one.
//! - Month term of M: the same day of the month M months after E (the month's last day when
//!   that day does not exist), moved to the next business day (Ley 4 de 1913 arts. 59, 62).
//! - The due date ends at 23:59:59.999 local time; from the next local midnight the PQR is
//!   overdue.
//!
//! The clock-moving events of §4 live in [`crate::clock_rules`].

mod term;
mod timezone;

pub use term::{Term, TermUnit};

pub use timezone::{
    bogota, bogota_offset_at, local_date, local_datetime, start_of_next_local_day,
    HORA_GAVIRIA_END_UNIX, HORA_GAVIRIA_START_UNIX,
};

use crate::calendar::{plus_days, Calendar, CalendarError};
use chrono::{DateTime, Duration, FixedOffset, Months, NaiveDate, NaiveTime, TimeZone};

/// Effective receipt date E: the local date of receipt if it is a business day, otherwise
/// the next business day (docs/legal.md §4). No office-hours cut-off.
pub fn effective_receipt_date<Tz: TimeZone>(
    calendar: &Calendar,
    received_at: &DateTime<Tz>,
) -> Result<NaiveDate, CalendarError> {
    calendar.business_day_on_or_after(local_date(received_at))
}

/// Effective receipt date E with an optional office-hours cut-off (docs/legal.md §4: an
/// optional office-hours cut-off, off by default, moves receipts after that local time to the
/// next business day). A receipt whose Bogotá local time is at or after `cutoff` counts as
/// received the next day, so E is the first business day strictly after the local date.
/// `None` behaves as [`effective_receipt_date`].
pub fn effective_receipt_date_with_cutoff<Tz: TimeZone>(
    calendar: &Calendar,
    received_at: &DateTime<Tz>,
    cutoff: Option<NaiveTime>,
) -> Result<NaiveDate, CalendarError> {
    let local = local_datetime(received_at);
    let date = local.date_naive();
    match cutoff {
        Some(c) if local.time() >= c => calendar.add_business_days(date, 1),
        _ => calendar.business_day_on_or_after(date),
    }
}

/// The due date of a term starting at the effective receipt date `effective`
/// (docs/legal.md §4): the N-th business day strictly after E; E + N calendar days moved to
/// the next business day; or the same day M months later (month end if missing), moved to the
/// next business day. Constant time for business-day terms, whatever N is.
pub fn due_date(
    calendar: &Calendar,
    effective: NaiveDate,
    term: Term,
) -> Result<NaiveDate, CalendarError> {
    match term.unit {
        TermUnit::Business => calendar.add_business_days(effective, term.days),
        TermUnit::Calendar => calendar.business_day_on_or_after(plus_days(effective, term.days)?),
        TermUnit::Months => {
            // chrono clamps to the month's last day when the day does not exist (31 Jan + 1
            // month = 28/29 Feb), which is the rule of docs/legal.md §4.
            let d = effective
                .checked_add_months(Months::new(term.days))
                .ok_or(CalendarError::OutOfRange { date: effective })?;
            calendar.business_day_on_or_after(d)
        }
    }
}

/// The last instant of the due date: 23:59:59.999 Bogotá time (docs/legal.md §4). `None`
/// only for dates chrono cannot represent.
pub fn due_ends_at(due: NaiveDate) -> Option<DateTime<FixedOffset>> {
    start_of_next_local_day(due).map(|t| t - Duration::milliseconds(1))
}

/// The first overdue instant of a PQR due on `due`: the next Bogotá local midnight
/// (docs/legal.md §4). `None` only for dates chrono cannot represent.
pub fn overdue_from(due: NaiveDate) -> Option<DateTime<FixedOffset>> {
    start_of_next_local_day(due)
}

/// Whether a PQR due on `due` is overdue at `now`: from the local midnight after the due date
/// (docs/legal.md §4).
pub fn is_overdue<Tz: TimeZone>(due: NaiveDate, now: &DateTime<Tz>) -> bool {
    local_date(now) > due
}

#[cfg(test)]
mod tests;
