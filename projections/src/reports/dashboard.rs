//! The management dashboard: weekly volume by kind, the on-time trend per week, open cases by
//! business days left, and the most overdue cases of each dependency.

use super::facts::{Facts, NO_DEPENDENCY};
use super::stats::percent;
use super::{Period, ReportError};
use chrono::{Datelike, Duration, NaiveDate};
use pqrs_domain::pqr::Status;
use pqrs_domain::Kind;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many overdue cases are listed per dependency.
pub const TOP_OVERDUE: usize = 5;

/// Cases of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindCount {
    /// The kind (API value).
    pub kind: String,
    /// How many.
    pub count: u64,
}

/// One week (Monday to Sunday) of receipts, clipped to the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    /// The Monday.
    pub week_start: NaiveDate,
    /// Received in the week (voided excluded).
    pub received: u64,
    /// Received by kind, every kind in the order of docs/legal.md §3.
    pub by_kind: Vec<KindCount>,
    /// Of those, answered on time.
    pub answered_on_time: u64,
    /// Answered late.
    pub answered_late: u64,
    /// Still open and already overdue.
    pub open_overdue: u64,
    /// `answered_on_time / (answered_on_time + answered_late + open_overdue)` in percent,
    /// one decimal: cases already known to be late count against the rate before they are
    /// answered. `None` when nothing is decided yet.
    pub on_time_pct: Option<f64>,
}

/// Open cases with this many business days left.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// `overdue`, `0-3`, `4-7`, `8-15`, `16+`, `suspended`.
    pub key: String,
    /// The label in Spanish.
    pub label: String,
    /// How many.
    pub count: u64,
}

/// An overdue case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueCase {
    /// The radicado.
    pub radicado: String,
    /// The kind (API value).
    pub kind: String,
    /// The due date in force.
    pub due_date: NaiveDate,
    /// Business days past the due date at the report's date.
    pub business_days_overdue: i64,
}

/// The overdue cases of one dependency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DependencyOverdue {
    /// The dependency ("(sin dependencia)" when none).
    pub dependency: String,
    /// Overdue cases.
    pub overdue: u64,
    /// The most overdue ones (at most [`TOP_OVERDUE`]), most overdue first, then by radicado.
    pub top: Vec<OverdueCase>,
}

/// The dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dashboard {
    /// Every week touching the period, oldest first.
    pub weeks: Vec<Week>,
    /// Open cases of the period by business days left at the report's date.
    pub open_by_days_left: Vec<Bucket>,
    /// Dependencies with overdue cases, most first (then by name).
    pub overdue_by_dependency: Vec<DependencyOverdue>,
}

/// The bucket of `left` business days left (negative: overdue).
pub(crate) fn bucket_of(left: i64) -> usize {
    match left {
        i64::MIN..=-1 => 0,
        0..=3 => 1,
        4..=7 => 2,
        8..=15 => 3,
        _ => 4,
    }
}

const BUCKETS: [(&str, &str); 6] = [
    ("overdue", "vencidas"),
    ("0-3", "0 a 3 días hábiles"),
    ("4-7", "4 a 7 días hábiles"),
    ("8-15", "8 a 15 días hábiles"),
    ("16+", "16 o más días hábiles"),
    ("suspended", "suspendidas (art. 17)"),
];

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Orders overdue cases: most business days overdue first, then by radicado.
fn most_overdue_first(a: &OverdueCase, b: &OverdueCase) -> std::cmp::Ordering {
    b.business_days_overdue
        .cmp(&a.business_days_overdue)
        .then_with(|| a.radicado.cmp(&b.radicado))
}

/// The dashboard being counted, one case at a time: memory grows with the weeks of the
/// period and the dependencies, not with the cases (each dependency keeps its count and its
/// [`TOP_OVERDUE`] most overdue cases only).
#[derive(Debug, Clone)]
pub(crate) struct DashboardTally {
    weeks: BTreeMap<NaiveDate, Week>,
    buckets: [u64; 6],
    overdue: BTreeMap<String, (u64, Vec<OverdueCase>)>,
}

impl DashboardTally {
    pub(crate) fn new(period: Period) -> Result<Self, ReportError> {
        let mut weeks: BTreeMap<NaiveDate, Week> = BTreeMap::new();
        let mut start = monday_of(period.from);
        while start <= period.to {
            weeks.insert(
                start,
                Week {
                    week_start: start,
                    received: 0,
                    by_kind: Kind::ALL
                        .iter()
                        .map(|k| KindCount {
                            kind: k.as_str().to_owned(),
                            count: 0,
                        })
                        .collect(),
                    answered_on_time: 0,
                    answered_late: 0,
                    open_overdue: 0,
                    on_time_pct: None,
                },
            );
            start = start
                .checked_add_signed(Duration::days(7))
                .ok_or_else(|| ReportError::InvalidPeriod("the period runs past 9999".into()))?;
        }
        Ok(DashboardTally {
            weeks,
            buckets: [0; 6],
            overdue: BTreeMap::new(),
        })
    }

    pub(crate) fn add(&mut self, f: &Facts) {
        if f.status == Status::Voided {
            return;
        }
        if let Some(w) = self.weeks.get_mut(&monday_of(f.received_on)) {
            w.received += 1;
            if let Some(k) = Kind::ALL.iter().position(|k| *k == f.kind) {
                if let Some(slot) = w.by_kind.get_mut(k) {
                    slot.count += 1;
                }
            }
            match (f.status, f.on_time) {
                (Status::Answered, Some(true)) => w.answered_on_time += 1,
                (Status::Answered, _) => w.answered_late += 1,
                _ if f.overdue_now => w.open_overdue += 1,
                _ => {}
            }
        }
        if f.open() {
            match (f.status, f.business_days_left) {
                (Status::Suspended, _) => self.buckets[5] += 1,
                (_, Some(left)) => self.buckets[bucket_of(left)] += 1,
                // Open with no instant to measure against (the empty log): not bucketed.
                _ => {}
            }
        }
        if f.overdue_now {
            let (count, top) = self
                .overdue
                .entry(f.dependency.as_deref().unwrap_or(NO_DEPENDENCY).to_owned())
                .or_default();
            *count += 1;
            top.push(OverdueCase {
                radicado: f.radicado.clone(),
                kind: f.kind.as_str().to_owned(),
                due_date: f.due_date,
                business_days_overdue: f.business_days_left.map(|l| -l).unwrap_or(0),
            });
            if top.len() > TOP_OVERDUE {
                top.sort_by(most_overdue_first);
                top.truncate(TOP_OVERDUE);
            }
        }
    }

    pub(crate) fn finish(self) -> Dashboard {
        let weeks = self
            .weeks
            .into_values()
            .map(|mut w| {
                w.on_time_pct = percent(
                    w.answered_on_time,
                    w.answered_on_time + w.answered_late + w.open_overdue,
                );
                w
            })
            .collect();
        let open_by_days_left = BUCKETS
            .iter()
            .zip(self.buckets)
            .map(|((key, label), count)| Bucket {
                key: (*key).to_owned(),
                label: (*label).to_owned(),
                count,
            })
            .collect();
        let mut overdue_by_dependency: Vec<DependencyOverdue> = self
            .overdue
            .into_iter()
            .map(|(dependency, (overdue, mut top))| {
                top.sort_by(most_overdue_first);
                top.truncate(TOP_OVERDUE);
                DependencyOverdue {
                    dependency,
                    overdue,
                    top,
                }
            })
            .collect();
        overdue_by_dependency.sort_by(|a, b| {
            b.overdue
                .cmp(&a.overdue)
                .then_with(|| a.dependency.cmp(&b.dependency))
        });
        Dashboard {
            weeks,
            open_by_days_left,
            overdue_by_dependency,
        }
    }
}
