//! The arithmetic of the reports: medians and percentiles of response times, means, rates,
//! and business days used by a case.

use chrono::NaiveDate;
use pqrs_domain::pqr::Completion;
use pqrs_domain::{Calendar, CalendarError};

/// Rounds to two decimals (the precision every figure of the reports is given in).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The `p`-th percentile (0 ≤ p ≤ 1) of `values`, by linear interpolation between closest
/// ranks: the definition of `PERCENTIL.INC` / `PERCENTILE.INC` in spreadsheets (and numpy's
/// default), so a compliance officer can check it from the CSV. `None` for no values.
/// Rounded to two decimals.
pub fn percentile(values: &[u32], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let x =
        f64::from(sorted[lo]) + (h - lo as f64) * (f64::from(sorted[hi]) - f64::from(sorted[lo]));
    Some(round2(x))
}

/// The median (the 50th percentile: the middle value, or the mean of the two middle values).
pub fn median(values: &[u32]) -> Option<f64> {
    percentile(values, 0.5)
}

/// The arithmetic mean, rounded to two decimals; `None` for no values.
pub fn mean(values: &[u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: u64 = values.iter().map(|&v| u64::from(v)).sum();
    Some(round2(sum as f64 / values.len() as f64))
}

/// `part / whole` as a percentage with one decimal; `None` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    Some((part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// Business days a case used up to `closed_on`: those after E up to `closed_on`, without the
/// days the clock was suspended by an art. 17 completion request (from the day after the
/// request to the supply day; Ley 1755 de 2015 art. 17). The rule `PqrAnswered`'s
/// `business_days_taken` is recorded with, applied to closings that do not record it (art. 21
/// forwarding).
pub fn business_days_used(
    calendar: &Calendar,
    effective: NaiveDate,
    completion: Option<&Completion>,
    closed_on: NaiveDate,
) -> Result<u32, CalendarError> {
    Ok(match completion {
        None => calendar.business_days_between(effective, closed_on)?,
        Some(c) => {
            let before =
                calendar.business_days_between(effective, c.requested_on.min(closed_on))?;
            let after = match c.supplied_on {
                Some(s) => calendar.business_days_between(s.max(effective), closed_on)?,
                None => 0,
            };
            before + after
        }
    })
}
