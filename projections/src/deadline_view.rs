//! The deadline view of a case at a given day: business days left, share of the term elapsed,
//! and its state. Computed against the (injectable) clock at read time, so a case becomes
//! overdue at midnight without any new event.

use crate::cases::CaseRow;
use chrono::NaiveDate;
use pqrs_domain::calendar::{Calendar, CalendarError};
use pqrs_domain::clock_rules::DELIVERY_DAYS;
use pqrs_domain::policy::DueSoon;
use serde::{Deserialize, Serialize};

/// Where a case stands against its deadline. The API value is the `snake_case` name
/// (`strum::IntoStaticStr`); `VARIANTS` lists them all.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DeadlineState {
    /// Open, not yet due soon.
    OnTime,
    /// Open, within the due-soon threshold.
    DueSoon,
    /// Open, past the due date (from the local midnight after it).
    Overdue,
    /// The clock is stopped (art. 17 completion request).
    Suspended,
    /// An information request past its due date: deemed accepted (Ley 1755 art. 14 num. 1).
    PositiveSilence,
    /// Deemed accepted, and the 3 business days to deliver the copies (Ley 1755 de 2015
    /// art. 14 num. 1: "las copias se entregarán dentro de los tres (3) días siguientes")
    /// passed with the case still open: an alert of its own, above positive silence.
    CopiesOverdue,
    /// Answered, forwarded, withdrawn or voided.
    Closed,
}

/// When a case is "due soon" (per policy; default: 3 business days left or 80 % elapsed).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AlertThresholds {
    /// Due soon at this many business days left or fewer.
    pub due_soon_business_days: i64,
    /// Due soon at this share of the term elapsed or more (0–1).
    pub due_soon_share: f64,
}

impl From<DueSoon> for AlertThresholds {
    /// A policy's due-soon setting (see [`DueSoon`]).
    fn from(d: DueSoon) -> Self {
        AlertThresholds {
            due_soon_business_days: i64::from(d.business_days_left),
            due_soon_share: f64::from(d.percent_elapsed) / 100.0,
        }
    }
}

impl Default for AlertThresholds {
    fn default() -> Self {
        DueSoon::default().into()
    }
}

/// The deadline view of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineView {
    /// The due date in force.
    pub due_date: NaiveDate,
    /// Business days from `today` (exclusive) to the due date (inclusive); negative when
    /// overdue (business days since the due date).
    pub business_days_left: i64,
    /// Business days elapsed since E over the term's business days (may exceed 1).
    pub share_elapsed: f64,
    /// The state.
    pub state: DeadlineState,
    /// For an information request past its due date (positive silence, Ley 1755 de 2015
    /// art. 14 num. 1): the last day to deliver the copies, the 3rd business day after the
    /// due date. `None` otherwise.
    pub deliver_by: Option<NaiveDate>,
}

/// What the deadline view needs of a case.
#[derive(Debug, Clone, Copy)]
pub struct DeadlineInput {
    /// Effective receipt date E.
    pub effective: NaiveDate,
    /// Due date in force.
    pub due_date: NaiveDate,
    /// The clock is stopped.
    pub suspended: bool,
    /// The case is closed.
    pub closed: bool,
    /// An information request (positive silence applies past the due date).
    pub information_request: bool,
}

impl From<&CaseRow> for DeadlineInput {
    fn from(row: &CaseRow) -> DeadlineInput {
        DeadlineInput {
            effective: row.effective_received_on,
            due_date: row.due_date,
            suspended: row.suspended,
            closed: row.closed,
            information_request: row.kind == "information_request",
        }
    }
}

/// Computes the view at `today` (Bogotá local date).
pub fn deadline_view(
    input: DeadlineInput,
    today: NaiveDate,
    calendar: &Calendar,
    thresholds: &AlertThresholds,
) -> Result<DeadlineView, CalendarError> {
    let total = i64::from(calendar.business_days_between(input.effective, input.due_date)?);
    let left = if today <= input.due_date {
        i64::from(calendar.business_days_between(today, input.due_date)?)
    } else {
        -i64::from(calendar.business_days_between(input.due_date, today)?)
    };
    let elapsed =
        i64::from(calendar.business_days_between(input.effective, today.max(input.effective))?);
    let share = if total > 0 {
        elapsed as f64 / total as f64
    } else {
        1.0
    };
    // Ley 1755 de 2015 art. 14 num. 1: deemed accepted from the day after the due date; the
    // copies are due by the 3rd business day after it.
    let deliver_by = if input.information_request && today > input.due_date {
        Some(calendar.add_business_days(input.due_date, DELIVERY_DAYS)?)
    } else {
        None
    };
    let state = if input.closed {
        DeadlineState::Closed
    } else if input.suspended {
        DeadlineState::Suspended
    } else if deliver_by.is_some_and(|by| today > by) {
        DeadlineState::CopiesOverdue
    } else if deliver_by.is_some() {
        DeadlineState::PositiveSilence
    } else if today > input.due_date {
        DeadlineState::Overdue
    } else if left <= thresholds.due_soon_business_days || share >= thresholds.due_soon_share {
        DeadlineState::DueSoon
    } else {
        DeadlineState::OnTime
    };
    Ok(DeadlineView {
        due_date: input.due_date,
        business_days_left: left,
        share_elapsed: share,
        state,
        deliver_by: deliver_by.filter(|_| !input.closed && !input.suspended),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn open(e: &str, due: &str) -> DeadlineInput {
        DeadlineInput {
            effective: d(e),
            due_date: d(due),
            suspended: false,
            closed: false,
            information_request: false,
        }
    }

    #[test]
    fn a_case_moves_from_on_time_to_due_soon_to_overdue_at_midnight() {
        let cal = Calendar::colombia();
        let t = AlertThresholds::default();
        // docs/legal.md §4 worked example: E 2026-11-23, due 2026-12-15 (15 business days).
        let input = open("2026-11-23", "2026-12-15");
        let v = deadline_view(input, d("2026-11-24"), &cal, &t).unwrap();
        assert_eq!(v.state, DeadlineState::OnTime);
        assert_eq!(v.business_days_left, 14);
        let v = deadline_view(input, d("2026-12-10"), &cal, &t).unwrap();
        assert_eq!(v.business_days_left, 3);
        assert_eq!(v.state, DeadlineState::DueSoon);
        let v = deadline_view(input, d("2026-12-15"), &cal, &t).unwrap();
        assert_eq!((v.business_days_left, v.state), (0, DeadlineState::DueSoon));
        let v = deadline_view(input, d("2026-12-16"), &cal, &t).unwrap();
        assert_eq!(
            (v.business_days_left, v.state),
            (-1, DeadlineState::Overdue)
        );
        assert!(v.share_elapsed > 1.0);
    }

    #[test]
    fn share_elapsed_alone_can_make_a_long_term_due_soon() {
        let cal = Calendar::colombia();
        let t = AlertThresholds::default();
        // 30 business days from 2026-11-23: 80 % is 24 days elapsed, with 6 left (> 3).
        let due = cal.add_business_days(d("2026-11-23"), 30).unwrap();
        let day24 = cal.add_business_days(d("2026-11-23"), 24).unwrap();
        let v = deadline_view(open("2026-11-23", &due.to_string()), day24, &cal, &t).unwrap();
        assert_eq!(v.business_days_left, 6);
        assert_eq!(v.state, DeadlineState::DueSoon);
        let day23 = cal.add_business_days(d("2026-11-23"), 23).unwrap();
        let v = deadline_view(open("2026-11-23", &due.to_string()), day23, &cal, &t).unwrap();
        assert_eq!(v.state, DeadlineState::OnTime);
    }

    #[test]
    fn suspension_closure_and_positive_silence_take_precedence() {
        let cal = Calendar::colombia();
        let t = AlertThresholds::default();
        let mut input = open("2026-11-23", "2026-12-07");
        input.information_request = true;
        let v = deadline_view(input, d("2026-12-08"), &cal, &t).unwrap();
        assert_eq!(v.state, DeadlineState::PositiveSilence);
        assert_eq!(v.deliver_by, Some(d("2026-12-11")));
        input.suspended = true;
        assert_eq!(
            deadline_view(input, d("2026-12-08"), &cal, &t)
                .unwrap()
                .state,
            DeadlineState::Suspended
        );
        input.closed = true;
        assert_eq!(
            deadline_view(input, d("2026-12-08"), &cal, &t)
                .unwrap()
                .state,
            DeadlineState::Closed
        );
    }

    #[test]
    fn copies_not_delivered_within_3_business_days_of_positive_silence_are_overdue() {
        // Ley 1755 de 2015 art. 14 num. 1: due Mon 7 Dec, deemed accepted from 8 Dec (a
        // holiday), copies due by the 3rd business day after the due date: Fri 11 Dec.
        let cal = Calendar::colombia();
        let t = AlertThresholds::default();
        let mut input = open("2026-11-23", "2026-12-07");
        input.information_request = true;
        let on_last_day = deadline_view(input, d("2026-12-11"), &cal, &t).unwrap();
        assert_eq!(on_last_day.state, DeadlineState::PositiveSilence);
        let after = deadline_view(input, d("2026-12-12"), &cal, &t).unwrap();
        assert_eq!(after.state, DeadlineState::CopiesOverdue);
        assert_eq!(after.deliver_by, Some(d("2026-12-11")));
        input.closed = true;
        let closed = deadline_view(input, d("2026-12-12"), &cal, &t).unwrap();
        assert_eq!(
            (closed.state, closed.deliver_by),
            (DeadlineState::Closed, None)
        );
    }
}
