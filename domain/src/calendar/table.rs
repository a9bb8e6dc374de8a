//! The precomputed business-day table behind the hot path.
//!
//! Over the whole supported range (1984-01-01 ..= 2199-12-31, about 79 000 days) it keeps
//! `cum[i]`, the number of business days strictly before day `i`, and the list of business
//! days in order. Adding N business days is then two array reads, whatever N is: the cost of
//! a due date does not grow with the length of the term (issue 3, "Speed").

use super::{CalendarError, FIRST_DATE, LAST_DATE};
use chrono::{Datelike, Duration, NaiveDate};

/// The first date past the supported range, reported when a computation would run past it.
pub(crate) fn past_the_end() -> NaiveDate {
    LAST_DATE + Duration::days(1)
}

/// Business days of the supported range as a prefix count and an ordered list.
#[derive(Clone)]
pub(crate) struct Table {
    /// `num_days_from_ce` of [`FIRST_DATE`].
    base: i32,
    /// `cum[i]`: business days in `[FIRST_DATE, FIRST_DATE + i)`; `len = days + 1`.
    cum: Vec<u32>,
    /// The business days of the range, ascending.
    days: Vec<NaiveDate>,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("days", &self.cum.len().saturating_sub(1))
            .field("business_days", &self.days.len())
            .finish()
    }
}

impl Table {
    /// Builds the table from a business-day predicate evaluated once per day of the range.
    pub(crate) fn build(mut is_business_day: impl FnMut(NaiveDate) -> bool) -> Table {
        let base = FIRST_DATE.num_days_from_ce();
        let len = usize::try_from(LAST_DATE.num_days_from_ce() - base + 1).unwrap_or(0);
        let mut cum = Vec::with_capacity(len + 1);
        let mut days = Vec::with_capacity(len * 5 / 7 + 1);
        let mut count = 0u32;
        cum.push(0);
        for d in FIRST_DATE.iter_days().take(len) {
            if is_business_day(d) {
                days.push(d);
                count += 1;
            }
            cum.push(count);
        }
        Table { base, cum, days }
    }

    /// Index of `date` in the range.
    #[inline]
    fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let k = date.num_days_from_ce() - self.base;
        match usize::try_from(k) {
            Ok(i) if i + 1 < self.cum.len() => Ok(i),
            _ => Err(CalendarError::OutOfRange { date }),
        }
    }

    /// Business days in `[FIRST_DATE, date]`.
    #[inline]
    fn count_through(&self, i: usize) -> u32 {
        self.cum[i + 1]
    }

    /// Whether `date` is a business day.
    #[inline]
    pub(crate) fn is_business_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = self.index(date)?;
        Ok(self.cum[i + 1] != self.cum[i])
    }

    /// The `k`-th business day of the range (0-based), or the past-the-end error.
    #[inline]
    fn nth(&self, k: usize) -> Result<NaiveDate, CalendarError> {
        self.days.get(k).copied().ok_or(CalendarError::OutOfRange {
            date: past_the_end(),
        })
    }

    /// `date` if it is a business day, otherwise the next one.
    #[inline]
    pub(crate) fn on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let i = self.index(date)?;
        if self.cum[i + 1] != self.cum[i] {
            Ok(date)
        } else {
            // cum[i] business days lie before `date`, so the next one has index cum[i].
            self.nth(self.cum[i] as usize)
        }
    }

    /// The `n`-th business day strictly after `date` (`n = 0` gives `date`).
    #[inline]
    pub(crate) fn add(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.index(date)?;
        if n == 0 {
            return Ok(date);
        }
        // count_through(i) business days are <= date; the n-th after it is number
        // count_through(i) + n, i.e. 0-based index count_through(i) + n - 1.
        let k = self.count_through(i) as usize + n as usize - 1;
        self.nth(k)
    }

    /// Business days in `(from, to]`, zero when `to <= from`.
    #[inline]
    pub(crate) fn between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        let i = self.index(from)?;
        let j = self.index(to)?;
        Ok(self.count_through(j).saturating_sub(self.count_through(i)))
    }

    /// The business day `n` business days before `date` (`n = 0` gives `date`).
    pub(crate) fn sub(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.index(date)?;
        if n == 0 {
            return Ok(date);
        }
        // cum[i] business days are < date; the n-th before it is number cum[i] - n + 1.
        match (self.cum[i] as usize).checked_sub(n as usize) {
            Some(k) => self.nth(k),
            None => Err(CalendarError::OutOfRange {
                date: FIRST_DATE - Duration::days(1),
            }),
        }
    }
}
