//! The arithmetic of the reports: medians and percentiles of response times, means, rates,
//! and business days used by a case.

use super::facts::ReportCompletion;
use chrono::NaiveDate;
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
    mean_of(sum, values.len() as u64)
}

/// The mean of `count` values adding up to `sum`, rounded to two decimals (what [`mean`]
/// gives for them); `None` when `count` is 0.
pub fn mean_of(sum: u64, count: u64) -> Option<f64> {
    if count == 0 {
        return None;
    }
    Some(round2(sum as f64 / count as f64))
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
    completion: Option<&ReportCompletion>,
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

/// How many times each value occurred: what a percentile needs of a list of business days
/// (small integers), in memory that grows with the number of distinct values, not of cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    counts: std::collections::BTreeMap<u32, u64>,
    len: u64,
}

impl Histogram {
    /// Counts one more `value`.
    pub fn add(&mut self, value: u32) {
        *self.counts.entry(value).or_default() += 1;
        self.len += 1;
    }

    /// How many values were counted.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether no value was counted.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value of 0-based rank `rank` in ascending order.
    fn at_rank(&self, rank: u64) -> u32 {
        let mut seen = 0;
        for (&value, &count) in &self.counts {
            seen += count;
            if rank < seen {
                return value;
            }
        }
        self.counts.keys().next_back().copied().unwrap_or(0)
    }

    /// [`percentile`] of the values counted: the same interpolation between closest ranks,
    /// the same arithmetic, so the same figure to the last bit.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        if self.len == 0 {
            return None;
        }
        let h = (self.len - 1) as f64 * p.clamp(0.0, 1.0);
        let lo = h.floor() as u64;
        let hi = (lo + 1).min(self.len - 1);
        let (vlo, vhi) = (self.at_rank(lo), self.at_rank(hi));
        let x = f64::from(vlo) + (h - lo as f64) * (f64::from(vhi) - f64::from(vlo));
        Some(round2(x))
    }

    /// [`median`] of the values counted.
    pub fn median(&self) -> Option<f64> {
        self.percentile(0.5)
    }
}
