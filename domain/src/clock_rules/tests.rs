use super::*;
use crate::calendar::Calendar;
use crate::kind::Kind;
use crate::policy::{Term, TermUnit};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal() -> Calendar {
    Calendar::colombia()
}

/// The worked example: E = Monday 2026-11-23, 15 business days, due 2026-12-15.
const E: &str = "2026-11-23";
const DUE: &str = "2026-12-15";

#[test]
fn art_17_completion_may_be_asked_until_the_10th_business_day() {
    let c = cal();
    assert_eq!(
        completion_request_deadline(&c, d(E)).unwrap(),
        d("2026-12-07")
    );
    assert!(request_completion(&c, d(E), d(DUE), TermUnit::Business, d("2026-12-07")).is_ok());
    let late = request_completion(&c, d(E), d(DUE), TermUnit::Business, d("2026-12-08"));
    assert_eq!(
        late,
        Err(ClockRuleError::CompletionRequestLate {
            requested_on: d("2026-12-08"),
            last_day: d("2026-12-07")
        })
    );
    assert!(late
        .unwrap_err()
        .to_string()
        .starts_with("art. 17: completion requested on 2026-12-08, after the 10 business days"));
    // A 5-day priority term ends before the 10 days: no request after it.
    let short_due = c.add_business_days(d(E), 5).unwrap();
    assert!(matches!(
        request_completion(&c, d(E), short_due, TermUnit::Business, d("2026-12-01")),
        Err(ClockRuleError::CompletionRequestAfterDue { .. })
    ));
}

#[test]
fn art_17_consumed_days_stay_consumed_and_the_rest_runs_from_the_day_after_the_supply() {
    let c = cal();
    let s = request_completion(&c, d(E), d(DUE), TermUnit::Business, d("2026-11-26")).unwrap();
    // 24, 25 and 26 November were consumed.
    assert_eq!(s.consumed, 3);
    assert_eq!(s.remaining, Term::business(12));
    // One month from 26 November is Saturday 26 December → Monday 28 December.
    assert_eq!(s.window.supply_by, d("2026-12-28"));
    // Supplied Thursday 10 December: 12 business days from Friday 11 (25 Dec a holiday).
    assert_eq!(
        resume_after_supply(&c, &s, d("2026-12-10")).unwrap(),
        d("2026-12-29")
    );
    // Supplied the same day it was asked: nothing is lost, nothing gained.
    assert_eq!(
        resume_after_supply(&c, &s, d("2026-11-26")).unwrap(),
        d(DUE)
    );
    // Supplied on the last day of the window (a Monday).
    assert!(resume_after_supply(&c, &s, d("2026-12-28")).is_ok());
    assert_eq!(
        resume_after_supply(&c, &s, d("2026-12-29")),
        Err(ClockRuleError::SupplyAfterWindow {
            supplied_on: d("2026-12-29"),
            closed_on: d("2026-12-28")
        })
    );
    assert!(matches!(
        resume_after_supply(&c, &s, d("2026-11-25")),
        Err(ClockRuleError::SupplyBeforeRequest { .. })
    ));
}

#[test]
fn art_17_a_request_before_e_consumes_nothing() {
    // Received Saturday 21 November (E Monday 23), asked the same Saturday.
    let c = cal();
    let s = request_completion(&c, d(E), d(DUE), TermUnit::Business, d("2026-11-21")).unwrap();
    assert_eq!((s.consumed, s.remaining), (0, Term::business(15)));
    assert_eq!(
        resume_after_supply(&c, &s, d("2026-11-22")).unwrap(),
        d(DUE)
    );
}

#[test]
fn art_17_a_request_on_the_due_date_leaves_one_business_day_after_the_supply() {
    let c = cal();
    let due = c.add_business_days(d(E), 5).unwrap(); // 30 November
    let s = request_completion(&c, d(E), due, TermUnit::Business, due).unwrap();
    assert_eq!((s.consumed, s.remaining), (5, Term::business(0)));
    // Supplied Friday 4 December → Monday 7 December.
    assert_eq!(
        resume_after_supply(&c, &s, d("2026-12-04")).unwrap(),
        d("2026-12-07")
    );
}

#[test]
fn art_17_calendar_day_terms_keep_their_remaining_calendar_days() {
    let c = cal();
    let due = crate::deadline::due_date(&c, d(E), Term::calendar_days(20)).unwrap();
    assert_eq!(due, d("2026-12-14"));
    let s = request_completion(&c, d(E), due, TermUnit::Calendar, d("2026-11-25")).unwrap();
    assert_eq!((s.consumed, s.remaining), (2, Term::calendar_days(19)));
    // Supplied 1 December: 19 days later is Sunday 20 December → Monday 21.
    assert_eq!(
        resume_after_supply(&c, &s, d("2026-12-01")).unwrap(),
        d("2026-12-21")
    );
}

#[test]
fn art_17_the_completion_window_is_extended_once_by_at_most_a_month() {
    let c = cal();
    let s = request_completion(&c, d(E), d(DUE), TermUnit::Business, d("2026-11-26")).unwrap();
    let w = s.window;
    assert_eq!(w.extension_limit(&c).unwrap(), d("2027-01-26"));
    let extended = extend_completion_window(&c, &w, d("2026-12-20"), d("2027-01-26")).unwrap();
    assert_eq!(extended.closes_on(), d("2027-01-26"));
    assert_eq!(
        extend_completion_window(&c, &w, d("2026-12-20"), d("2027-01-27")),
        Err(ClockRuleError::CompletionWindowExtensionTooLong {
            granted_until: d("2027-01-27"),
            at_most: d("2027-01-26")
        })
    );
    assert_eq!(
        extend_completion_window(&c, &w, d("2026-12-29"), d("2027-01-15")),
        Err(ClockRuleError::CompletionWindowExtensionLate {
            asked_on: d("2026-12-29"),
            closed_on: d("2026-12-28")
        })
    );
    assert!(matches!(
        extend_completion_window(&c, &w, d("2026-12-20"), d("2026-12-27")),
        Err(ClockRuleError::CompletionWindowExtensionNotLater { .. })
    ));
    assert_eq!(
        extend_completion_window(&c, &extended, d("2027-01-02"), d("2027-01-20")),
        Err(ClockRuleError::CompletionWindowAlreadyExtended)
    );
    // A supply inside the extension resumes the term.
    let s2 = Suspension {
        window: extended,
        ..s
    };
    assert!(resume_after_supply(&c, &s2, d("2027-01-20")).is_ok());
}

#[test]
fn art_17_tacit_withdrawal_only_after_the_window_lapses_and_with_reasons() {
    let c = cal();
    let s = request_completion(&c, d(E), d(DUE), TermUnit::Business, d("2026-11-26")).unwrap();
    let err = tacit_withdrawal(&s.window, d("2026-12-28"), "No aportó los documentos").unwrap_err();
    assert!(err
        .to_string()
        .starts_with("art. 17: tacit withdrawal decreed on 2026-12-28 while"));
    assert_eq!(
        tacit_withdrawal(&s.window, d("2026-12-29"), "  "),
        Err(ClockRuleError::TacitWithdrawalUnreasoned)
    );
    let w = tacit_withdrawal(&s.window, d("2026-12-29"), "No aportó los documentos").unwrap();
    assert_eq!(w.lapsed_after, d("2026-12-28"));
}

fn extension<'a>(notified_on: &str, new_due: &str, reasons: &'a str) -> ExtensionRequest<'a> {
    ExtensionRequest {
        effective: d(E),
        term: Term::business(15),
        due: d(DUE),
        already_extended: false,
        notified_on: d(notified_on),
        new_due: d(new_due),
        reasons,
    }
}

#[test]
fn art_14_paragrafo_extension_up_to_the_double_and_only_before_the_due_date() {
    let c = cal();
    let cap = extension_cap(&c, d(E), Term::business(15), d(DUE)).unwrap();
    assert_eq!(cap, c.add_business_days(d(E), 30).unwrap());
    // 25 Dec, 1 Jan are holidays (6 Jan 2027 moves to Monday 11 Jan).
    assert_eq!(cap, d("2027-01-07"));
    let reasons = "Volumen de información a recopilar";
    // On the due date itself it is still in time.
    let ok = extend_term(&c, &extension(DUE, "2027-01-07", reasons)).unwrap();
    assert_eq!(
        (ok.previous_due, ok.new_due, ok.at_most),
        (d(DUE), cap, cap)
    );
    let late = extend_term(&c, &extension("2026-12-16", "2027-01-07", reasons)).unwrap_err();
    assert_eq!(
        late.to_string(),
        "art. 14 parágrafo: extension after the due date (notified 2026-12-16, due 2026-12-15)"
    );
    assert_eq!(
        extend_term(&c, &extension("2026-12-10", "2027-01-08", reasons)),
        Err(ClockRuleError::ExtensionExceedsDouble {
            new_due: d("2027-01-08"),
            at_most: cap
        })
    );
    assert!(matches!(
        extend_term(&c, &extension("2026-12-10", "2026-12-19", reasons)),
        Err(ClockRuleError::ExtensionNotBusinessDay { .. })
    ));
    assert!(matches!(
        extend_term(&c, &extension("2026-12-10", DUE, reasons)),
        Err(ClockRuleError::ExtensionNotLater { .. })
    ));
    assert_eq!(
        extend_term(&c, &extension("2026-12-10", "2026-12-22", "")),
        Err(ClockRuleError::ExtensionUnreasoned)
    );
    let again = ExtensionRequest {
        already_extended: true,
        ..extension("2026-12-10", "2026-12-22", reasons)
    };
    assert_eq!(
        extend_term(&c, &again),
        Err(ClockRuleError::AlreadyExtended)
    );
}

#[test]
fn art_14_paragrafo_a_suspension_does_not_eat_into_the_double() {
    let c = cal();
    // Suspended from 26 Nov, resumed after a supply on 10 Dec: due 29 Dec.
    let cap = extension_cap(&c, d(E), Term::business(15), d("2026-12-29")).unwrap();
    assert_eq!(cap, c.add_business_days(d("2026-12-29"), 15).unwrap());
    // Calendar-day terms: E + 2N calendar days, moved to a business day.
    let due = crate::deadline::due_date(&c, d(E), Term::calendar_days(10)).unwrap();
    assert_eq!(
        extension_cap(&c, d(E), Term::calendar_days(10), due).unwrap(),
        d("2026-12-14")
    );
}

#[test]
fn art_21_forwarding_within_5_business_days() {
    let c = cal();
    assert_eq!(forwarding_deadline(&c, d(E)).unwrap(), d("2026-11-30"));
    assert!(!forward(&c, d(E), d("2026-11-30")).unwrap().late);
    // The duty remains after the 5 days (art. 21); the delay is a fault (art. 31).
    let late = forward(&c, d(E), d("2026-12-01")).unwrap();
    assert!(late.late);
    assert_eq!(late.last_day, d("2026-11-30"));
    // Across the 8 December holiday.
    assert_eq!(
        forwarding_deadline(&c, d("2026-12-02")).unwrap(),
        d("2026-12-10")
    );
}

#[test]
fn art_14_num_1_an_unanswered_information_request_is_deemed_accepted() {
    let c = cal();
    let due = crate::deadline::due_date(&c, d(E), Term::business(10)).unwrap();
    assert_eq!(due, d("2026-12-07"));
    let ir = Kind::InformationRequest;
    assert_eq!(positive_silence(&c, ir, due, None, due).unwrap(), None);
    assert_eq!(
        positive_silence(&c, ir, due, Some(due), d("2027-01-01")).unwrap(),
        None
    );
    let deemed = PositiveSilence {
        accepted_from: d("2026-12-08"),
        // 8 December is a holiday: 9, 10, 11.
        deliver_by: d("2026-12-11"),
    };
    assert_eq!(
        positive_silence(&c, ir, due, None, d("2026-12-08")).unwrap(),
        Some(deemed)
    );
    assert_eq!(
        positive_silence(&c, ir, due, Some(d("2026-12-09")), d("2026-12-09")).unwrap(),
        Some(deemed)
    );
    let err = positive_silence(&c, Kind::Petition, due, None, d("2026-12-08")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "art. 14 num. 1: positive silence applies only to information requests, not to petition"
    );
}

#[test]
fn art_20_priority_shortens_the_term_and_never_lengthens_it() {
    let c = cal();
    let p = |ordinary, priority| priority_due_date(&c, d(E), ordinary, priority).unwrap();
    assert_eq!(p(Term::business(15), Term::business(5)), d("2026-11-30"));
    assert_eq!(
        p(Term::business(15), Term::calendar_days(3)),
        d("2026-11-26")
    );
    assert_eq!(p(Term::business(15), Term::business(40)), d(DUE));
}

#[test]
fn art_18_the_petitioner_may_withdraw_at_any_time_after_filing() {
    assert_eq!(
        express_withdrawal(d(E), d("2027-03-01"))
            .unwrap()
            .withdrawn_on,
        d("2027-03-01")
    );
    assert!(express_withdrawal(d(E), d(E)).is_ok());
    let err = express_withdrawal(d(E), d("2026-11-22")).unwrap_err();
    assert!(err.to_string().starts_with("art. 18:"));
}

#[test]
fn clock_rules_refuse_dates_outside_the_calendar() {
    let c = cal();
    assert!(matches!(
        forwarding_deadline(&c, d("1983-12-30")),
        Err(ClockRuleError::Calendar(_))
    ));
    assert!(matches!(
        forward(&c, d("2199-12-30"), d("2199-12-31")),
        Err(ClockRuleError::Calendar(_))
    ));
}
