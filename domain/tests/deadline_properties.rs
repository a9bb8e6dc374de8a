//! Property tests of the calendar and deadline engine (issue 3): the fast engine against a
//! naive day-by-day loop over the holiday rules, and the invariants of docs/legal.md §4–§5.

#![allow(clippy::unwrap_used)] // Test code: a failure panics, naming what failed.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use pqrs_domain::calendar::{Calendar, ClosureDay, FIRST_DATE, LAST_DATE};
use pqrs_domain::clock_rules::{
    extend_term, extension_cap, request_completion, resume_after_supply, ExtensionRequest,
};
use pqrs_domain::deadline::due_date;
use pqrs_domain::policy::{Term, TermUnit};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

/// Business days from the rules themselves (`Calendar::holidays`), one check per calendar day:
/// independent of the precomputed table.
struct Naive {
    calendar: Calendar,
    holidays: HashMap<i32, HashSet<NaiveDate>>,
    closures: HashSet<NaiveDate>,
}

impl Naive {
    fn new(calendar: Calendar) -> Naive {
        let closures = calendar.closures().iter().map(|c| c.date).collect();
        Naive {
            calendar,
            holidays: HashMap::new(),
            closures,
        }
    }

    fn is_business_day(&mut self, d: NaiveDate) -> bool {
        let cal = &self.calendar;
        let set = self.holidays.entry(d.year()).or_insert_with(|| {
            cal.holidays(d.year())
                .unwrap()
                .into_iter()
                .map(|h| h.date)
                .collect()
        });
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && !set.contains(&d)
            && !self.closures.contains(&d)
    }

    fn add_business_days(&mut self, mut d: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if d > LAST_DATE {
                return None;
            }
            if self.is_business_day(d) {
                left -= 1;
            }
        }
        Some(d)
    }

    fn on_or_after(&mut self, mut d: NaiveDate) -> Option<NaiveDate> {
        while !self.is_business_day(d) {
            d += Duration::days(1);
            if d > LAST_DATE {
                return None;
            }
        }
        Some(d)
    }

    fn between(&mut self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            d += Duration::days(1);
            if self.is_business_day(d) {
                n += 1;
            }
        }
        n
    }
}

/// Days in 1984-01-01 ..= 2199-12-31.
const SPAN: i64 = 78_893;

fn date() -> impl Strategy<Value = NaiveDate> {
    (0..SPAN).prop_map(|k| FIRST_DATE + Duration::days(k))
}

/// Receipt dates far enough from the end of the range for any term tried here.
fn receipt() -> impl Strategy<Value = NaiveDate> {
    (0..SPAN - 1_200).prop_map(|k| FIRST_DATE + Duration::days(k))
}

fn term() -> impl Strategy<Value = Term> {
    prop_oneof![
        (0u32..=120).prop_map(Term::business),
        (0u32..=120).prop_map(Term::calendar_days),
        (0u32..=6).prop_map(Term::months),
    ]
}

fn closures() -> impl Strategy<Value = Vec<ClosureDay>> {
    prop::collection::vec(date(), 0..40).prop_map(|ds| {
        ds.into_iter()
            .map(|d| ClosureDay::new(d, "Resolución de prueba"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_fast_engine_equals_a_naive_day_by_day_loop(
        start in date(),
        n in 0u32..=400,
        other in date(),
        closed in closures(),
    ) {
        let cal = Calendar::colombia_with_closures(closed);
        let mut naive = Naive::new(cal.clone());
        prop_assert_eq!(cal.is_business_day(start).ok(), Some(naive.is_business_day(start)));
        prop_assert_eq!(cal.add_business_days(start, n).ok(), naive.add_business_days(start, n));
        prop_assert_eq!(cal.business_day_on_or_after(start).ok(), naive.on_or_after(start));
        let (a, b) = if start <= other { (start, other) } else { (other, start) };
        if (b - a).num_days() < 3_000 {
            prop_assert_eq!(cal.business_days_between(a, b).unwrap(), naive.between(a, b));
        }
    }

    #[test]
    fn a_due_date_is_always_a_business_day_on_or_after_e(e in receipt(), t in term()) {
        let cal = Calendar::colombia();
        let e = cal.business_day_on_or_after(e).unwrap();
        let due = due_date(&cal, e, t).unwrap();
        prop_assert!(cal.is_business_day(due).unwrap());
        prop_assert!(due >= e);
        if t.unit == TermUnit::Business {
            prop_assert_eq!(cal.business_days_between(e, due).unwrap(), t.days);
        }
    }

    #[test]
    fn a_longer_term_never_ends_earlier(e in receipt(), t in term(), more in 0u32..=30) {
        let cal = Calendar::colombia();
        let longer = Term { days: t.days + more, unit: t.unit };
        prop_assert!(due_date(&cal, e, longer).unwrap() >= due_date(&cal, e, t).unwrap());
    }

    #[test]
    fn suspending_and_resuming_never_shortens_the_term(
        e in receipt(),
        n in 1u32..=40,
        asked_after in 0u32..=10,
        supplied_after in 0i64..=31,
    ) {
        let cal = Calendar::colombia();
        let e = cal.business_day_on_or_after(e).unwrap();
        let due = cal.add_business_days(e, n).unwrap();
        let asked = cal.add_business_days(e, asked_after).unwrap();
        prop_assume!(asked <= due);
        let s = request_completion(&cal, e, due, TermUnit::Business, asked).unwrap();
        let supplied = asked + Duration::days(supplied_after);
        prop_assume!(supplied <= s.window.closes_on());
        let resumed = resume_after_supply(&cal, &s, supplied).unwrap();
        prop_assert!(resumed >= due);
        prop_assert!(cal.is_business_day(resumed).unwrap());
        // The days consumed plus the days counted after the supply are the whole term.
        let after = cal.business_days_between(supplied.max(e), resumed).unwrap();
        prop_assert_eq!(s.consumed + after, n.max(s.consumed + 1));
    }

    #[test]
    fn an_extension_never_exceeds_the_double(
        e in receipt(),
        n in 1u32..=40,
        notified_after in 0u32..=45,
        new_after in 1u32..=90,
    ) {
        let cal = Calendar::colombia();
        let e = cal.business_day_on_or_after(e).unwrap();
        let term = Term::business(n);
        let due = cal.add_business_days(e, n).unwrap();
        let double = cal.add_business_days(e, 2 * n).unwrap();
        prop_assert_eq!(extension_cap(&cal, e, term, due).unwrap(), double);
        let request = ExtensionRequest {
            effective: e,
            term,
            due,
            already_extended: false,
            notified_on: cal.add_business_days(e, notified_after).unwrap(),
            new_due: cal.add_business_days(e, new_after).unwrap(),
            reasons: "Complejidad del asunto",
        };
        match extend_term(&cal, &request) {
            Ok(x) => {
                prop_assert!(x.new_due <= double && x.new_due > due);
                prop_assert!(request.notified_on <= due);
            }
            Err(_) => prop_assert!(
                request.notified_on > due || request.new_due > double || request.new_due <= due
            ),
        }
    }
}

#[test]
fn the_fast_engine_equals_the_naive_loop_for_every_day_of_a_decade() {
    assert_eq!(FIRST_DATE + Duration::days(SPAN - 1), LAST_DATE);
    let cal = Calendar::colombia();
    let mut naive = Naive::new(cal.clone());
    let mut d = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    while d.year() < 2030 {
        for n in [1, 10, 15, 30] {
            assert_eq!(
                cal.add_business_days(d, n).ok(),
                naive.add_business_days(d, n),
                "{d} + {n}"
            );
        }
        d += Duration::days(1);
    }
    // And the very end of the range.
    let last_business_day = naive.on_or_after(LAST_DATE - Duration::days(6)).unwrap();
    assert_eq!(
        cal.add_business_days(LAST_DATE - Duration::days(10), 1_000),
        Err(pqrs_domain::CalendarError::OutOfRange {
            date: LAST_DATE + Duration::days(1)
        })
    );
    assert!(cal.is_business_day(last_business_day).unwrap());
}
