//! How far back staff may date a receipt (`received_at` given at filing). The terms of Ley
//! 1755 de 2015 art. 14 run from the receipt, so a letter registered late keeps its real
//! receipt date; but an unbounded date lets a filing enter overdue from the start, or a
//! radicado of a past year be issued today. The limit is a setting of the service
//! (`max_backdating_days`); see docs/legal.md "Backdated receipts" for the default's reasoning.

use crate::calendar::{Calendar, CalendarError};
use chrono::NaiveDate;

/// Default limit, in business days between the receipt's effective date E and today: the 5
/// business days of Ley 1755 de 2015 art. 21, so that a petition registered at the limit can
/// still be forwarded to the competent authority in time, the same day.
pub const DEFAULT_MAX_BACKDATING_DAYS: u32 = 5;

/// Why a backdated receipt is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackdatingError {
    /// E is more than `max_days` business days before today.
    #[error(
        "la fecha de recibo {received_on} es anterior en más de {max_days} días hábiles a la \
         fecha de radicación (la más antigua admitida es {earliest}; límite \
         `max_backdating_days`, docs/legal.md)"
    )]
    TooFarBack {
        /// The local receipt date given.
        received_on: NaiveDate,
        /// The earliest effective receipt date admitted.
        earliest: NaiveDate,
        /// The limit in force.
        max_days: u32,
    },
    /// Outside the supported calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// Checks a staff-given receipt: its effective date E (the first business day on or after the
/// local receipt date `received_on`) must not be more than `max_days` business days before
/// `today` (local dates). A Saturday letter registered on Monday is E = Monday: 0 days back.
pub fn check_backdating(
    calendar: &Calendar,
    received_on: NaiveDate,
    today: NaiveDate,
    max_days: u32,
) -> Result<(), BackdatingError> {
    let effective = calendar.business_day_on_or_after(received_on)?;
    let earliest =
        calendar.sub_business_days(calendar.business_day_on_or_after(today)?, max_days)?;
    if effective < earliest {
        return Err(BackdatingError::TooFarBack {
            received_on,
            earliest,
            max_days,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_receipt_may_be_dated_back_at_most_the_limit_in_business_days() {
        let c = Calendar::colombia();
        // Today Mon 30 Nov 2026; 5 business days back is Mon 23 Nov.
        assert!(check_backdating(&c, d("2026-11-23"), d("2026-11-30"), 5).is_ok());
        // Sat 21 Nov counts from Mon 23 Nov (E).
        assert!(check_backdating(&c, d("2026-11-21"), d("2026-11-30"), 5).is_ok());
        let err = check_backdating(&c, d("2026-11-20"), d("2026-11-30"), 5).unwrap_err();
        assert_eq!(
            err,
            BackdatingError::TooFarBack {
                received_on: d("2026-11-20"),
                earliest: d("2026-11-23"),
                max_days: 5
            }
        );
        // The case of the report: January 2025 registered in November 2026.
        assert!(check_backdating(&c, d("2025-01-10"), d("2026-11-30"), 5).is_err());
        // 0: only today.
        assert!(check_backdating(&c, d("2026-11-27"), d("2026-11-30"), 0).is_err());
        assert!(check_backdating(&c, d("2026-11-30"), d("2026-11-30"), 0).is_ok());
    }
}
