use super::rules::{easter_sunday, HolidayDate};
use super::*;
use bdays::HolidayCalendar;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dates(year: i32) -> Vec<NaiveDate> {
    Calendar::colombia()
        .holidays(year)
        .unwrap()
        .into_iter()
        .map(|h| h.date)
        .collect()
}

fn list(s: &[&str]) -> Vec<NaiveDate> {
    s.iter().map(|x| d(x)).collect()
}

#[test]
fn the_2024_holidays_match_the_official_list() {
    let expected = list(&[
        "2024-01-01",
        "2024-01-08",
        "2024-03-25",
        "2024-03-28",
        "2024-03-29",
        "2024-05-01",
        "2024-05-13",
        "2024-06-03",
        "2024-06-10",
        "2024-07-01",
        "2024-07-20",
        "2024-08-07",
        "2024-08-19",
        "2024-10-14",
        "2024-11-04",
        "2024-11-11",
        "2024-12-08",
        "2024-12-25",
    ]);
    assert_eq!(dates(2024), expected);
}

#[test]
fn the_2025_holidays_match_the_official_list_with_30_june_listed_once() {
    let expected = list(&[
        "2025-01-01",
        "2025-01-06",
        "2025-03-24",
        "2025-04-17",
        "2025-04-18",
        "2025-05-01",
        "2025-06-02",
        "2025-06-23",
        "2025-06-30",
        "2025-07-20",
        "2025-08-07",
        "2025-08-18",
        "2025-10-13",
        "2025-11-03",
        "2025-11-17",
        "2025-12-08",
        "2025-12-25",
    ]);
    assert_eq!(dates(2025), expected);
    let june_30 = Calendar::colombia()
        .holiday_on(d("2025-06-30"))
        .unwrap()
        .unwrap();
    assert_eq!(
        june_30.name,
        "Sagrado Corazón de Jesús / San Pedro y San Pablo"
    );
}

#[test]
fn the_2026_holidays_match_the_official_list_including_13_july() {
    let expected = list(&[
        "2026-01-01",
        "2026-01-12",
        "2026-03-23",
        "2026-04-02",
        "2026-04-03",
        "2026-05-01",
        "2026-05-18",
        "2026-06-08",
        "2026-06-15",
        "2026-06-29",
        "2026-07-13",
        "2026-07-20",
        "2026-08-07",
        "2026-08-17",
        "2026-10-12",
        "2026-11-02",
        "2026-11-16",
        "2026-12-08",
        "2026-12-25",
    ]);
    assert_eq!(dates(2026), expected);
    let cal = Calendar::colombia();
    assert_eq!(
        cal.holiday_on(d("2026-07-13")).unwrap().unwrap().name,
        "Nuestra Señora del Rosario de Chiquinquirá"
    );
    assert!(!cal.is_business_day(d("2026-07-13")).unwrap());
}

#[test]
fn ley_2578_de_2026_does_not_reach_back_to_2025() {
    // 9 July 2025 was a Wednesday; its Monday would have been 14 July.
    let cal = Calendar::colombia();
    assert!(cal.is_business_day(d("2025-07-14")).unwrap());
    assert!(cal.holiday_on(d("2025-07-14")).unwrap().is_none());
    // 2027: 9 July is a Friday → Monday 12 July.
    assert!(dates(2027).contains(&d("2027-07-12")));
}

#[test]
fn each_kind_of_rule_places_its_holiday_as_the_law_says() {
    // (rule, year, expected observed date)
    let table: &[(HolidayDate, i32, &str)] = &[
        // Fixed, never moved even on a Sunday.
        (HolidayDate::Fixed { month: 7, day: 20 }, 2025, "2025-07-20"),
        (HolidayDate::Fixed { month: 12, day: 8 }, 2024, "2024-12-08"),
        // Moved to the following Monday.
        (
            HolidayDate::NextMonday { month: 3, day: 19 },
            2025,
            "2025-03-24",
        ),
        (
            HolidayDate::NextMonday { month: 1, day: 6 },
            2026,
            "2026-01-12",
        ),
        // Already a Monday: stays.
        (
            HolidayDate::NextMonday { month: 1, day: 6 },
            2025,
            "2025-01-06",
        ),
        (
            HolidayDate::NextMonday { month: 11, day: 11 },
            2024,
            "2024-11-11",
        ),
        // Easter-based.
        (HolidayDate::Easter { offset: -3 }, 2026, "2026-04-02"),
        (HolidayDate::Easter { offset: -2 }, 2026, "2026-04-03"),
        (HolidayDate::Easter { offset: 43 }, 2026, "2026-05-18"),
        (HolidayDate::Easter { offset: 64 }, 2026, "2026-06-08"),
        (HolidayDate::Easter { offset: 71 }, 2026, "2026-06-15"),
    ];
    for (rule, year, expected) in table {
        assert_eq!(rule.in_year(*year), Some(d(expected)), "{rule:?} in {year}");
    }
}

#[test]
fn movable_feasts_always_land_on_a_monday_and_holy_week_on_thursday_and_friday() {
    use chrono::Weekday;
    for year in 1984..=2199 {
        for r in NATIONAL_RULES {
            let Some(date) = r.observed_in(year) else {
                continue;
            };
            match r.date {
                HolidayDate::NextMonday { .. } => assert_eq!(date.weekday(), Weekday::Mon),
                HolidayDate::Easter { offset: -3 } => assert_eq!(date.weekday(), Weekday::Thu),
                HolidayDate::Easter { offset: -2 } => assert_eq!(date.weekday(), Weekday::Fri),
                HolidayDate::Easter { .. } => assert_eq!(date.weekday(), Weekday::Mon),
                HolidayDate::Fixed { .. } => {}
            }
            assert_eq!(date.year(), year, "{} spills out of {year}", r.name);
        }
    }
}

#[test]
fn easter_agrees_with_bdays_and_known_dates_for_every_supported_year() {
    for year in 1984..=2199 {
        assert_eq!(
            easter_sunday(year),
            bdays::easter::easter_naive_date(year).ok(),
            "{year}"
        );
    }
    for (year, easter) in [
        (1984, "1984-04-22"),
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2038, "2038-04-25"),
    ] {
        assert_eq!(easter_sunday(year), Some(d(easter)));
    }
}

#[test]
fn semana_santa_thursday_and_friday_are_not_business_days() {
    let cal = Calendar::colombia();
    for s in ["2026-04-02", "2026-04-03", "2025-04-17", "2025-04-18"] {
        assert!(!cal.is_business_day(d(s)).unwrap(), "{s}");
    }
    // Wednesday of Holy Week works; the next business day after it is Easter Monday.
    assert!(cal.is_business_day(d("2026-04-01")).unwrap());
    assert_eq!(
        cal.add_business_days(d("2026-04-01"), 1).unwrap(),
        d("2026-04-06")
    );
}

#[test]
fn dates_before_1984_and_after_2199_are_refused() {
    let cal = Calendar::colombia();
    assert_eq!(
        cal.holidays(1983),
        Err(CalendarError::OutOfRange {
            date: d("1983-01-01")
        })
    );
    assert!(cal.holidays(2200).is_err());
    assert!(cal.holidays(i32::MAX).is_err());
    assert!(cal.holidays(1984).is_ok() && cal.holidays(2199).is_ok());
    assert_eq!(
        cal.is_business_day(d("1983-12-31")),
        Err(CalendarError::OutOfRange {
            date: d("1983-12-31")
        })
    );
    assert!(cal.business_day_on_or_after(d("2200-01-01")).is_err());
    // Running past the end is refused with the first date outside the range.
    assert_eq!(
        cal.add_business_days(d("2199-12-20"), 30),
        Err(CalendarError::OutOfRange {
            date: d("2200-01-01")
        })
    );
}

#[test]
fn business_day_arithmetic_agrees_with_its_definition() {
    let cal = Calendar::colombia();
    // 2026-12-08 (Tuesday) is a holiday.
    assert_eq!(
        cal.add_business_days(d("2026-12-07"), 1).unwrap(),
        d("2026-12-09")
    );
    assert_eq!(
        cal.add_business_days(d("2026-12-05"), 0).unwrap(),
        d("2026-12-05")
    );
    assert_eq!(
        cal.business_day_on_or_after(d("2026-12-05")).unwrap(),
        d("2026-12-07")
    );
    assert_eq!(
        cal.business_days_between(d("2026-11-23"), d("2026-12-15"))
            .unwrap(),
        15
    );
    assert_eq!(
        cal.business_days_between(d("2026-12-15"), d("2026-11-23"))
            .unwrap(),
        0
    );
    assert_eq!(
        cal.sub_business_days(d("2026-12-09"), 1).unwrap(),
        d("2026-12-07")
    );
    assert!(cal.sub_business_days(d("1984-01-02"), 5).is_err());
}

#[test]
fn closure_days_are_not_business_days_and_change_the_version() {
    let closure = ClosureDay::new(d("2026-11-27"), "Resolución 123 de 2026 (día cívico)");
    let cal = Calendar::colombia_with_closures(vec![closure.clone(), closure.clone()]);
    assert!(!cal.is_business_day(d("2026-11-27")).unwrap());
    assert!(Calendar::colombia()
        .is_business_day(d("2026-11-27"))
        .unwrap());
    assert_eq!(cal.closures(), std::slice::from_ref(&closure));
    assert_eq!(cal.closure_on(d("2026-11-27")), Some(&closure));
    // Worked example with the closure: one more day.
    assert_eq!(
        cal.add_business_days(d("2026-11-23"), 15).unwrap(),
        d("2026-12-16")
    );
    assert_ne!(cal.version(), Calendar::colombia().version());
    assert_eq!(
        cal.version(),
        Calendar::colombia_with_closures(vec![closure]).version()
    );
    // A different legal basis for the same day is a different calendar.
    let other = ClosureDay::new(d("2026-11-27"), "Decreto 9 de 2026");
    assert_ne!(
        cal.version(),
        Calendar::colombia_with_closures(vec![other]).version()
    );
    // The closure is not a national holiday.
    assert_eq!(cal.holiday_on(d("2026-11-27")).unwrap(), None);
}

#[test]
fn the_version_is_a_stable_hash_of_the_rules() {
    let v = Calendar::colombia().version().to_owned();
    assert!(v.starts_with("co-") && v.len() == 19, "{v}");
    assert_eq!(
        v,
        Calendar::with_rules(NATIONAL_RULES.to_vec(), Vec::new()).version()
    );
}

#[test]
fn a_new_law_is_one_more_rule_with_an_effective_date() {
    // A hypothetical law adds 3 August (moved to Monday) from 2030 and ends San José in 2040.
    let mut rules = NATIONAL_RULES.to_vec();
    rules.push(HolidayRule {
        name: "Fiesta hipotética".into(),
        date: HolidayDate::NextMonday { month: 8, day: 3 },
        legal_basis: "Ley hipotética de 2029".into(),
        in_force_from: d("2030-01-01"),
        in_force_until: None,
    });
    if let Some(san_jose) = rules.iter_mut().find(|r| r.name == "San José") {
        san_jose.in_force_until = Some(d("2039-12-31"));
    }
    let cal = Calendar::with_rules(rules, Vec::new());
    assert_ne!(cal.version(), Calendar::colombia().version());
    // 3 August 2030 is a Saturday → Monday 5 August.
    assert!(!cal.is_business_day(d("2030-08-05")).unwrap());
    assert!(Calendar::colombia()
        .is_business_day(d("2030-08-05"))
        .unwrap());
    // 2029 unaffected.
    assert_eq!(
        cal.holidays(2029).unwrap(),
        Calendar::colombia().holidays(2029).unwrap()
    );
    // San José 2040: 19 March is a Monday, no longer a holiday.
    assert!(cal.is_business_day(d("2040-03-19")).unwrap());
    assert!(!Calendar::colombia()
        .is_business_day(d("2040-03-19"))
        .unwrap());
    // The rules in force for a range know about both changes.
    let names = |from: &str, to: &str| -> Vec<String> {
        cal.rules_in_force(d(from), d(to))
            .into_iter()
            .map(|r| r.name.to_string())
            .collect()
    };
    assert!(!names("2029-01-01", "2029-12-31").contains(&"Fiesta hipotética".to_owned()));
    assert!(names("2029-01-01", "2030-01-01").contains(&"Fiesta hipotética".to_owned()));
    assert!(!names("2040-01-01", "2040-12-31").contains(&"San José".to_owned()));
}

#[test]
fn the_rules_in_force_show_ley_2578_from_june_2026() {
    let cal = Calendar::colombia();
    let count = |from: &str, to: &str| cal.rules_in_force(d(from), d(to)).len();
    assert_eq!(count("2025-01-01", "2025-12-31"), 18);
    assert_eq!(count("2026-01-01", "2026-12-31"), 19);
    assert_eq!(count("2026-01-01", "2026-05-31"), 18);
    assert_eq!(count("1983-01-01", "1983-12-31"), 0);
    for r in cal.rules() {
        assert!(!r.legal_basis.is_empty(), "{} has no legal basis", r.name);
    }
}

#[test]
fn the_bdays_interface_answers_like_the_calendar_and_its_cache() {
    let cal = Calendar::colombia();
    let cache = cal.bdays_cache();
    let mut day = d("2024-01-01");
    while day <= d("2027-12-31") {
        assert_eq!(cal.is_bday(day), cache.is_bday(day), "{day}");
        assert_eq!(cal.is_holiday(day), cache.is_holiday(day), "{day}");
        for n in [-7, -1, 0, 1, 15, 30] {
            assert_eq!(
                cal.advance_bdays(day, n),
                cache.advance_bdays(day, n),
                "{day} {n}"
            );
        }
        assert_eq!(
            cal.bdays(d("2025-06-01"), day),
            cache.bdays(d("2025-06-01"), day)
        );
        assert_eq!(cal.to_bday(day, false), cache.to_bday(day, false));
        day += Duration::days(1);
    }
    // A weekend holiday is still a holiday for bdays (20 July 2025 was a Sunday).
    assert!(cal.is_holiday(d("2025-07-20")));
    // Outside the range bdays' interface does not panic: only weekends count.
    assert!(cal.is_bday(d("1983-12-30")));
    assert!(!cal.is_holiday(d("1983-12-25")));
    assert_eq!(cal.advance_bdays(d("2199-12-30"), 3), d("2200-01-02"));
}
