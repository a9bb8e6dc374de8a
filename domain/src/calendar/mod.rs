//! The Colombian legal calendar: national holidays, entity closure days, business days
//! (docs/legal.md §1).
//!
//! - Holidays come from [`rules::NATIONAL_RULES`], a table of rules with their legal basis
//!   and effective dates (Ley 51 de 1983; Ley 2578 de 2026). A future law is one more entry.
//! - Closure days of an entity ([`ClosureDay`], with the act that closed the offices) are
//!   non-business days for that entity only.
//! - A business day (día hábil, Ley 4 de 1913 art. 62) is Monday–Friday, not a holiday, not a
//!   closure day.
//! - Every answer is precomputed once over 1984-01-01 ..= 2199-12-31 into a prefix count of
//!   business days, so adding N business days costs two array reads whatever N is. Dates
//!   outside that range are refused with [`CalendarError::OutOfRange`].
//! - The calendar's [`Calendar::version`] hashes the rules and closure days; filings record
//!   it so a replay reproduces the same due date.

pub mod rules;
mod table;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use rules::{is_weekend, HolidayRule, NATIONAL_RULES};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};
use table::Table;

/// First supported date (Ley 51 de 1983 is in force from 1984).
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1984, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
/// Last supported date.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// Why the calendar cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The date is outside 1984-01-01..=2199-12-31 (before Ley 51 de 1983 was in force, or
    /// past the supported range). When a computation would run past the range, `date` is the
    /// first date outside it (2200-01-01 or 1983-12-31).
    #[error("{date} is outside the supported calendar range 1984-01-01 to 2199-12-31")]
    OutOfRange {
        /// The offending date.
        date: NaiveDate,
    },
}

/// A national holiday (Ley 51 de 1983 art. 1; Ley 2578 de 2026).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The (possibly moved) date it is observed on.
    pub date: NaiveDate,
    /// Its name in Spanish; when two holidays share a date, both names joined by " / ".
    pub name: String,
}

/// A day an entity closed its offices (día cívico, acto administrativo), with its legal basis.
/// It is a non-business day for that entity (docs/legal.md §1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureDay {
    /// The closed date.
    pub date: NaiveDate,
    /// The act that closed it, e.g. "Resolución 123 de 2026".
    pub legal_basis: String,
    /// When it was declared (server clock), when known: declarations recorded before this
    /// field existed have none. Not part of the calendar version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_at: Option<DateTime<FixedOffset>>,
}

/// The calendar in force: national holiday rules plus the entity's closure days, with the
/// business-day table precomputed over the supported range. Cloning is cheap (shared table).
#[derive(Clone)]
pub struct Calendar {
    rules: Arc<[HolidayRule]>,
    closures: Arc<[ClosureDay]>,
    /// The closure days in declaration order (a date once, first declaration kept).
    declared: Arc<[ClosureDay]>,
    /// `prefix_versions[k]`: the version of the calendar with the first `k` declarations.
    prefix_versions: Arc<[String]>,
    version: String,
    table: Arc<Table>,
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("version", &self.version)
            .field("rules", &self.rules.len())
            .field("closures", &self.closures)
            .field("table", &self.table)
            .finish()
    }
}

fn check(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(CalendarError::OutOfRange { date })
    }
}

/// The first day of `year`, or the nearest representable date for absurd years, so the
/// error can name it.
fn january_first(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The observed holidays of `year` under `rules`, each date once (names joined), sorted.
fn holidays_by_rules(rules: &[HolidayRule], year: i32) -> Vec<Holiday> {
    let mut list: Vec<(NaiveDate, &str)> = rules
        .iter()
        .filter_map(|r| r.observed_in(year).map(|d| (d, r.name.as_ref())))
        .collect();
    // Stable: two holidays on one date keep the table's order in the joined name.
    list.sort_by_key(|(d, _)| *d);
    let mut out: Vec<Holiday> = Vec::with_capacity(list.len());
    for (date, name) in list {
        match out.last_mut() {
            Some(last) if last.date == date => {
                last.name.push_str(" / ");
                last.name.push_str(name);
            }
            _ => out.push(Holiday {
                date,
                name: name.to_owned(),
            }),
        }
    }
    out
}

/// Builds the table for `rules` (every year of the range) minus the sorted `closures`.
fn build_table(rules: &[HolidayRule], closures: &[ClosureDay]) -> Table {
    let mut year = FIRST_DATE.year();
    let mut holidays: Vec<NaiveDate> = holidays_by_rules(rules, year)
        .into_iter()
        .map(|h| h.date)
        .collect();
    let mut closed = closures.iter().map(|c| c.date).peekable();
    Table::build(|d| {
        if d.year() != year {
            year = d.year();
            holidays = holidays_by_rules(rules, year)
                .into_iter()
                .map(|h| h.date)
                .collect();
        }
        while closed.next_if(|c| *c < d).is_some() {}
        let is_closed = closed.peek() == Some(&d);
        !is_weekend(d) && !is_closed && !holidays.contains(&d)
    })
}

/// The version string: `co-` and 16 hex digits of a SHA-256 over the rules and closure days.
fn version_of(rules: &[HolidayRule], closures: &[ClosureDay]) -> String {
    let mut h = Sha256::new();
    h.update(b"pqrs-calendar/1\nrules\n");
    for r in rules {
        h.update(r.canonical().as_bytes());
        h.update(b"\n");
    }
    h.update(b"closures\n");
    for c in closures {
        h.update(format!("{}|{}\n", c.date, c.legal_basis).as_bytes());
    }
    format!("co-{}", &hex::encode(h.finalize())[..16])
}

/// The closures in declaration order, a date once (the first declaration kept), and the
/// version of the calendar after each prefix of them (`versions[0]`: no closure).
fn declaration_history(
    rules: &[HolidayRule],
    closures: &[ClosureDay],
) -> (Vec<ClosureDay>, Vec<String>) {
    let mut declared: Vec<ClosureDay> = Vec::with_capacity(closures.len());
    for c in closures {
        if !declared.iter().any(|d| d.date == c.date) {
            declared.push(c.clone());
        }
    }
    let versions = (0..=declared.len())
        .map(|k| version_of(rules, &normalise(declared[..k].to_vec())))
        .collect();
    (declared, versions)
}

fn normalise(mut closures: Vec<ClosureDay>) -> Vec<ClosureDay> {
    closures.sort_by_key(|c| c.date);
    closures.dedup_by_key(|c| c.date);
    closures
}

/// The national calendar, built once per process.
fn national() -> &'static Calendar {
    static NATIONAL: OnceLock<Calendar> = OnceLock::new();
    NATIONAL.get_or_init(|| Calendar::with_rules(NATIONAL_RULES.to_vec(), Vec::new()))
}

impl Calendar {
    /// The national calendar of Colombia (Ley 51 de 1983; Ley 2578 de 2026), no closure days.
    /// Built once per process; later calls clone a shared table.
    pub fn colombia() -> Calendar {
        national().clone()
    }

    /// The national calendar plus an entity's closure days (docs/legal.md §1). Closure days
    /// are sorted and a date given twice is kept once (the first legal basis given).
    /// Give them in declaration order: [`Calendar::closures_declared_after`] relies on it.
    pub fn colombia_with_closures(closures: Vec<ClosureDay>) -> Calendar {
        if closures.is_empty() {
            return Calendar::colombia();
        }
        let base = national();
        let (declared, prefix_versions) = declaration_history(&base.rules, &closures);
        let closures = normalise(closures);
        let mut closed = closures.iter().map(|c| c.date).peekable();
        // Patch the national table: one pass over the range, no rule evaluation.
        let table = Table::build(|d| {
            while closed.next_if(|c| *c < d).is_some() {}
            closed.peek() != Some(&d) && base.table.is_business_day(d).unwrap_or(false)
        });
        Calendar {
            rules: base.rules.clone(),
            version: version_of(&base.rules, &closures),
            closures: closures.into(),
            declared: declared.into(),
            prefix_versions: prefix_versions.into(),
            table: Arc::new(table),
        }
    }

    /// A calendar from explicit holiday rules (e.g. [`rules::NATIONAL_RULES`] plus a new law)
    /// and closure days. Costs one pass over every day of the supported range.
    pub fn with_rules(rules: Vec<HolidayRule>, closures: Vec<ClosureDay>) -> Calendar {
        let (declared, prefix_versions) = declaration_history(&rules, &closures);
        let closures = normalise(closures);
        let table = build_table(&rules, &closures);
        Calendar {
            version: version_of(&rules, &closures),
            rules: rules.into(),
            closures: closures.into(),
            declared: declared.into(),
            prefix_versions: prefix_versions.into(),
            table: Arc::new(table),
        }
    }

    /// The closure days declared after the calendar of version `version` was in force, in
    /// declaration order: those a due date computed under `version` did not count (Ley 4 de
    /// 1913 art. 62: a running term skips them, so such a due date must move). `None` when
    /// `version` is not one this calendar went through (other holiday rules): then which
    /// closures it counted is unknown.
    pub fn closures_declared_after(&self, version: &str) -> Option<&[ClosureDay]> {
        let k = self.prefix_versions.iter().position(|v| v == version)?;
        self.declared.get(k..)
    }

    /// The version of this calendar: a hash of its rules and closure days. Filings record it
    /// (docs/legal.md §3: "the calendar version used is recorded on the filing").
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The holiday rules of this calendar (docs/legal.md §1).
    pub fn rules(&self) -> &[HolidayRule] {
        &self.rules
    }

    /// The rules in force on at least one day of `from..=to`: the calendar in force for that
    /// date range (docs/legal.md §1).
    pub fn rules_in_force(&self, from: NaiveDate, to: NaiveDate) -> Vec<&HolidayRule> {
        self.rules
            .iter()
            .filter(|r| r.in_force_between(from, to))
            .collect()
    }

    /// The entity's closure days, sorted by date.
    pub fn closures(&self) -> &[ClosureDay] {
        &self.closures
    }

    /// National holidays of `year`, each date once (two holidays on one date are listed once,
    /// names joined by " / "), sorted. Years outside 1984–2199 are refused.
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, CalendarError> {
        check(january_first(year))?;
        Ok(holidays_by_rules(&self.rules, year))
    }

    /// The national holiday observed on `date`, if any (closure days are not holidays).
    pub fn holiday_on(&self, date: NaiveDate) -> Result<Option<Holiday>, CalendarError> {
        check(date)?;
        Ok(holidays_by_rules(&self.rules, date.year())
            .into_iter()
            .find(|h| h.date == date))
    }

    /// The closure day on `date`, if the entity closed that day.
    pub fn closure_on(&self, date: NaiveDate) -> Option<&ClosureDay> {
        self.closures
            .binary_search_by_key(&date, |c| c.date)
            .ok()
            .and_then(|i| self.closures.get(i))
    }

    /// Whether `date` is a business day: Monday–Friday, not a national holiday, not a closure
    /// day (docs/legal.md §1; Ley 4 de 1913 art. 62).
    pub fn is_business_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.table.is_business_day(date)
    }

    /// `date` if it is a business day, otherwise the next business day.
    pub fn business_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.table.on_or_after(date)
    }

    /// The `n`-th business day strictly after `date` (`n = 0` gives `date`), in constant
    /// time. `date` itself need not be a business day.
    pub fn add_business_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.table.add(date, n)
    }

    /// The `n`-th business day strictly before `date` (`n = 0` gives `date`).
    pub fn sub_business_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.table.sub(date, n)
    }

    /// Business days in `(from, to]`; zero when `to <= from`.
    pub fn business_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        self.table.between(from, to)
    }

    /// A [`bdays::HolidayCalendarCache`] over the whole supported range, for callers that
    /// want bdays' own cache. It panics outside the range and its `advance_bdays` walks day by
    /// day; [`Calendar::add_business_days`] is the faster, total alternative.
    pub fn bdays_cache(&self) -> bdays::HolidayCalendarCache<NaiveDate> {
        bdays::HolidayCalendarCache::new(self.clone(), FIRST_DATE, LAST_DATE)
    }
}

/// A walker that only knows which days are business days: bdays' default, day-by-day
/// algorithms, used outside the supported range.
struct Walk<'a>(&'a Calendar);

impl bdays::HolidayCalendar<NaiveDate> for Walk<'_> {
    fn is_holiday(&self, date: NaiveDate) -> bool {
        bdays::HolidayCalendar::is_holiday(self.0, date)
    }
}

/// bdays' calendar interface. Inside 1984–2199 every method is answered from the
/// precomputed table; outside it no holiday rule is in force, so only weekends are
/// non-business days and bdays' own day-by-day algorithms are used. Note bdays'
/// `advance_bdays(d, n)` first moves `d` to a business day, so for a non-business `d` it
/// differs from [`Calendar::add_business_days`] (which counts strictly after `d`).
impl bdays::HolidayCalendar<NaiveDate> for Calendar {
    fn is_holiday(&self, date: NaiveDate) -> bool {
        if check(date).is_err() {
            return false;
        }
        if !is_weekend(date) {
            return !self.table.is_business_day(date).unwrap_or(true);
        }
        self.closure_on(date).is_some() || matches!(self.holiday_on(date), Ok(Some(_)))
    }

    fn is_bday(&self, date: NaiveDate) -> bool {
        match self.table.is_business_day(date) {
            Ok(b) => b,
            Err(_) => !is_weekend(date),
        }
    }

    fn to_bday(&self, date: NaiveDate, adjust_next: bool) -> NaiveDate {
        let fast = if adjust_next {
            self.table.on_or_after(date)
        } else {
            match self.table.is_business_day(date) {
                Ok(true) => Ok(date),
                Ok(false) => self.table.sub(date, 1),
                Err(e) => Err(e),
            }
        };
        fast.unwrap_or_else(|_| Walk(self).to_bday(date, adjust_next))
    }

    fn advance_bdays(&self, date: NaiveDate, bdays_count: i32) -> NaiveDate {
        let start = self.to_bday(date, true);
        let n = bdays_count.unsigned_abs();
        let fast = if bdays_count >= 0 {
            self.table.add(start, n)
        } else {
            self.table.sub(start, n)
        };
        fast.unwrap_or_else(|_| Walk(self).advance_bdays(date, bdays_count))
    }

    fn bdays(&self, d0: NaiveDate, d1: NaiveDate) -> i32 {
        let (a, b) = (self.to_bday(d0, true), self.to_bday(d1, true));
        let fast = if a <= b {
            self.table.between(a, b).map(|n| n as i32)
        } else {
            self.table.between(b, a).map(|n| -(n as i32))
        };
        fast.unwrap_or_else(|_| Walk(self).bdays(d0, d1))
    }
}

impl Holiday {
    /// A holiday with an owned name.
    pub fn new(date: NaiveDate, name: impl Into<String>) -> Holiday {
        Holiday {
            date,
            name: name.into(),
        }
    }
}

impl ClosureDay {
    /// A closure day with its legal basis (the act that closed the offices).
    pub fn new(date: NaiveDate, legal_basis: impl Into<String>) -> ClosureDay {
        ClosureDay {
            date,
            legal_basis: legal_basis.into(),
            declared_at: None,
        }
    }

    /// A closure day declared at `at` (server clock).
    pub fn declared(
        date: NaiveDate,
        legal_basis: impl Into<String>,
        at: DateTime<FixedOffset>,
    ) -> ClosureDay {
        ClosureDay {
            declared_at: Some(at),
            ..ClosureDay::new(date, legal_basis)
        }
    }
}

/// `date + days` calendar days, or the out-of-range error when chrono cannot represent it.
pub(crate) fn plus_days(date: NaiveDate, days: u32) -> Result<NaiveDate, CalendarError> {
    date.checked_add_signed(Duration::days(i64::from(days)))
        .ok_or(CalendarError::OutOfRange { date })
}

#[cfg(test)]
mod tests;
