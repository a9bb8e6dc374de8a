//! Due-date computations per second (issue 3, "Speed"): random receipt dates over 1984–2199
//! and terms of 10–30 business days, computed by the engine (precomputed prefix count), by
//! bdays' `HolidayCalendarCache`, and by a naive day-by-day loop (one business-day check per
//! calendar day) over the same inputs. A second group shows that the engine's cost does not
//! grow with the term. Run: `cargo bench -p pqrs-domain --bench deadlines`.

use bdays::HolidayCalendar;
use chrono::{Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pqrs_domain::calendar::{Calendar, FIRST_DATE, LAST_DATE};
use pqrs_domain::deadline::due_date;
use pqrs_domain::policy::Term;
use std::hint::black_box;

const INPUTS: usize = 4096;

/// Deterministic pseudo-random (receipt date, term) pairs: a 64-bit LCG, no extra dependency.
fn inputs(min_term: u32, max_term: u32) -> Vec<(NaiveDate, u32)> {
    let span = (LAST_DATE - FIRST_DATE).num_days() as u64 - 6_000;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 33
    };
    (0..INPUTS)
        .map(|_| {
            let day = FIRST_DATE + Duration::days((next() % span) as i64);
            let n = min_term + (next() % u64::from(max_term - min_term + 1)) as u32;
            (day, n)
        })
        .collect()
}

/// The engine: effective receipt date, then the N-th business day after it.
fn fast(cal: &Calendar, received: NaiveDate, n: u32) -> NaiveDate {
    cal.business_day_on_or_after(received)
        .and_then(|e| due_date(cal, e, Term::business(n)))
        .unwrap_or(received)
}

/// The naive loop: one business-day check per calendar day.
fn naive(cal: &Calendar, received: NaiveDate, n: u32) -> NaiveDate {
    let mut d = received;
    while !cal.is_business_day(d).unwrap_or(true) {
        d += Duration::days(1);
    }
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if cal.is_business_day(d).unwrap_or(true) {
            left -= 1;
        }
    }
    d
}

fn due_dates(c: &mut Criterion) {
    let cal = Calendar::colombia();
    let cache = cal.bdays_cache();
    let data = inputs(10, 30);
    // The three must agree before their speed means anything.
    for &(r, n) in &data {
        assert_eq!(fast(&cal, r, n), naive(&cal, r, n));
        assert_eq!(
            fast(&cal, r, n),
            cache.advance_bdays(r, i32::try_from(n).unwrap_or(0))
        );
    }
    let mut g = c.benchmark_group("due_date_10_30_business_days");
    g.throughput(Throughput::Elements(INPUTS as u64));
    g.bench_function("engine_prefix_count", |b| {
        b.iter(|| {
            for &(r, n) in black_box(&data) {
                black_box(fast(&cal, r, n));
            }
        })
    });
    g.bench_function("bdays_holiday_calendar_cache", |b| {
        b.iter(|| {
            for &(r, n) in black_box(&data) {
                black_box(cache.advance_bdays(r, n as i32));
            }
        })
    });
    g.bench_function("naive_day_by_day", |b| {
        b.iter(|| {
            for &(r, n) in black_box(&data) {
                black_box(naive(&cal, r, n));
            }
        })
    });
    g.finish();
}

fn term_length(c: &mut Criterion) {
    let cal = Calendar::colombia();
    let mut g = c.benchmark_group("cost_by_term_length");
    g.throughput(Throughput::Elements(INPUTS as u64));
    for n in [10u32, 100, 1_000] {
        let data = inputs(n, n);
        g.bench_with_input(BenchmarkId::new("engine", n), &data, |b, data| {
            b.iter(|| {
                for &(r, n) in black_box(data) {
                    black_box(fast(&cal, r, n));
                }
            })
        });
        g.bench_with_input(BenchmarkId::new("naive", n), &data, |b, data| {
            b.iter(|| {
                for &(r, n) in black_box(data) {
                    black_box(naive(&cal, r, n));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, due_dates, term_length);
criterion_main!(benches);
