use super::*;
use crate::calendar::ClosureDay;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn cal() -> Calendar {
    Calendar::colombia()
}

fn due_from(received: &str, term: Term) -> (NaiveDate, NaiveDate) {
    let c = cal();
    let e = effective_receipt_date(&c, &at(received)).unwrap();
    (e, due_date(&c, e, term).unwrap())
}

#[test]
fn the_worked_example_of_legal_terms_is_due_on_15_december() {
    // docs/legal.md §4: Monday 2026-11-23 09:00 −05:00, 15 business days; 8 Dec a holiday.
    assert_eq!(
        due_from("2026-11-23T09:00:00-05:00", Term::business(15)),
        (d("2026-11-23"), d("2026-12-15"))
    );
}

#[test]
fn effective_receipt_dates_and_due_dates_for_the_edge_cases() {
    // (case, received at, term, E, due)
    let table: &[(&str, &str, Term, &str, &str)] = &[
        (
            "receipt on a Saturday starts on Monday",
            "2026-11-21T10:00:00-05:00",
            Term::business(15),
            "2026-11-23",
            "2026-12-15",
        ),
        (
            "receipt on a holiday (8 December) starts the next day",
            "2026-12-08T10:00:00-05:00",
            Term::business(1),
            "2026-12-09",
            "2026-12-10",
        ),
        (
            "23:30 Bogotá given as a UTC instant is still the 23rd",
            "2026-11-24T04:30:00Z",
            Term::business(15),
            "2026-11-23",
            "2026-12-15",
        ),
        (
            "00:30 Bogotá given as a UTC instant is the 24th",
            "2026-11-24T05:30:00Z",
            Term::business(15),
            "2026-11-24",
            "2026-12-16",
        ),
        (
            "a term ending on the Friday before the long weekend of 16 November",
            "2026-10-30T09:00:00-05:00",
            Term::business(9),
            "2026-10-30",
            "2026-11-13",
        ),
        (
            "one more day jumps the long weekend to Tuesday",
            "2026-10-30T09:00:00-05:00",
            Term::business(10),
            "2026-10-30",
            "2026-11-17",
        ),
        (
            "Semana Santa: Wednesday + 1 is Easter Monday",
            "2026-04-01T15:00:00-05:00",
            Term::business(1),
            "2026-04-01",
            "2026-04-06",
        ),
        (
            "receipt on Holy Thursday starts on Easter Monday",
            "2026-04-02T08:00:00-05:00",
            Term::business(10),
            "2026-04-06",
            "2026-04-20",
        ),
        (
            "a calendar-day term landing on a Saturday before a holiday Monday",
            "2026-11-04T09:00:00-05:00",
            Term::calendar_days(10),
            "2026-11-04",
            "2026-11-17",
        ),
        (
            "a calendar-day term landing on a business day",
            "2026-11-04T09:00:00-05:00",
            Term::calendar_days(8),
            "2026-11-04",
            "2026-11-12",
        ),
        (
            "a month term from 31 January ends on 28 February, a Saturday, so Monday",
            "2026-01-31T09:00:00-05:00",
            Term::months(1),
            "2026-02-02",
            "2026-03-02",
        ),
        (
            "a month term from the 30th of a 31-day month",
            "2026-03-30T09:00:00-05:00",
            Term::months(1),
            "2026-03-30",
            "2026-04-30",
        ),
        (
            "a month term from 31 August: missing in September → 30 September",
            "2027-08-31T09:00:00-05:00",
            Term::months(1),
            "2027-08-31",
            "2027-09-30",
        ),
        (
            "a leap February",
            "2024-01-31T09:00:00-05:00",
            Term::months(1),
            "2024-01-31",
            "2024-02-29",
        ),
    ];
    for (case, received, term, e, due) in table {
        assert_eq!(due_from(received, *term), (d(e), d(due)), "{case}");
    }
}

#[test]
fn the_office_hours_cut_off_is_off_by_default_and_moves_late_receipts() {
    let c = cal();
    let cutoff = NaiveTime::from_hms_opt(17, 0, 0);
    let late = at("2026-11-23T17:30:00-05:00");
    let early = at("2026-11-23T16:59:59-05:00");
    assert_eq!(effective_receipt_date(&c, &late).unwrap(), d("2026-11-23"));
    assert_eq!(
        effective_receipt_date_with_cutoff(&c, &late, None).unwrap(),
        d("2026-11-23")
    );
    assert_eq!(
        effective_receipt_date_with_cutoff(&c, &late, cutoff).unwrap(),
        d("2026-11-24")
    );
    assert_eq!(
        effective_receipt_date_with_cutoff(&c, &early, cutoff).unwrap(),
        d("2026-11-23")
    );
    // At the cut-off exactly counts as after hours.
    let sharp = at("2026-11-23T17:00:00-05:00");
    assert_eq!(
        effective_receipt_date_with_cutoff(&c, &sharp, cutoff).unwrap(),
        d("2026-11-24")
    );
    // Friday after hours before the 16 November long weekend → Tuesday.
    let friday = at("2026-11-13T18:00:00-05:00");
    assert_eq!(
        effective_receipt_date_with_cutoff(&c, &friday, cutoff).unwrap(),
        d("2026-11-17")
    );
    // The cut-off is read in Bogotá time, whatever the offset given.
    let utc = at("2026-11-23T22:30:00Z"); // 17:30 Bogotá
    assert_eq!(
        effective_receipt_date_with_cutoff(&c, &utc, cutoff).unwrap(),
        d("2026-11-24")
    );
}

#[test]
fn a_pqr_is_overdue_from_the_next_local_midnight() {
    let due = d("2026-12-15");
    assert!(!is_overdue(due, &at("2026-12-15T23:59:59.999-05:00")));
    assert!(!is_overdue(due, &at("2026-12-16T04:59:59Z")));
    assert!(is_overdue(due, &at("2026-12-16T05:00:00Z")));
    assert!(is_overdue(due, &at("2026-12-16T00:00:00-05:00")));
    assert_eq!(overdue_from(due), Some(at("2026-12-16T00:00:00-05:00")));
    assert_eq!(due_ends_at(due), Some(at("2026-12-15T23:59:59.999-05:00")));
}

#[test]
fn the_hora_gaviria_of_1992_1993_is_one_hour_ahead() {
    // tzdb: UTC−04 from 1992-05-03T05:00Z until 1993-02-07T04:00Z.
    assert_eq!(local_date(&at("1992-05-03T04:59:59Z")), d("1992-05-02"));
    assert_eq!(
        local_datetime(&at("1992-05-03T05:00:00Z")),
        at("1992-05-03T01:00:00-04:00")
    );
    // 23:30 UTC−05 would be the 31st; under the hora Gaviria it is 00:30 on 1 June.
    assert_eq!(local_date(&at("1992-06-01T04:30:00Z")), d("1992-06-01"));
    assert_eq!(local_date(&at("1993-02-07T03:59:59Z")), d("1993-02-06"));
    assert_eq!(
        local_datetime(&at("1993-02-07T04:00:00Z")),
        at("1993-02-06T23:00:00-05:00")
    );
    assert_eq!(local_date(&at("1993-04-04T04:30:00Z")), d("1993-04-03"));
    // Overdue instants follow the clock: midnight was skipped on 1992-05-03.
    assert_eq!(
        overdue_from(d("1992-05-02")),
        Some(at("1992-05-03T01:00:00-04:00"))
    );
    assert_eq!(
        overdue_from(d("1992-08-10")),
        Some(at("1992-08-11T00:00:00-04:00"))
    );
    assert_eq!(
        overdue_from(d("1993-02-06")),
        Some(at("1993-02-07T00:00:00-05:00"))
    );
    assert!(is_overdue(d("1992-08-10"), &at("1992-08-11T04:00:00Z")));
    assert!(!is_overdue(d("1992-08-10"), &at("1992-08-11T03:59:59Z")));
    // Outside the period, standard time.
    assert_eq!(bogota_offset_at(&at("2026-11-24T04:30:00Z")), bogota());
}

#[test]
fn due_dates_refuse_dates_outside_the_calendar() {
    let c = cal();
    assert!(due_date(&c, d("1983-12-30"), Term::business(15)).is_err());
    assert!(due_date(&c, d("2199-12-20"), Term::calendar_days(30)).is_err());
    assert!(due_date(&c, d("2199-12-20"), Term::months(1)).is_err());
    assert!(due_date(&c, d("2199-12-20"), Term::months(u32::MAX)).is_err());
    assert!(due_date(&c, d("2199-12-20"), Term::calendar_days(u32::MAX)).is_err());
}

#[test]
fn closure_days_move_effective_receipt_and_due_dates() {
    let c = Calendar::colombia_with_closures(vec![ClosureDay::new(
        d("2026-11-23"),
        "Resolución 1 de 2026",
    )]);
    let e = effective_receipt_date(&c, &at("2026-11-23T09:00:00-05:00")).unwrap();
    assert_eq!(e, d("2026-11-24"));
    assert_eq!(
        due_date(&c, e, Term::business(15)).unwrap(),
        d("2026-12-16")
    );
}
