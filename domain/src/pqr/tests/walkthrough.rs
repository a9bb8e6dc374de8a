//! A whole case walked through dates: filed Monday 2026-11-23, completion requested on day 3,
//! supplied on day 20, the term extended, answered and rated. Every date computed by hand.

use super::*;
use crate::policy::Term;

#[test]
fn the_2027_calendar_moves_reyes_magos_to_monday_11_january() {
    let holidays = crate::Calendar::colombia().holidays(2027).unwrap();
    let dates: Vec<_> = holidays.iter().map(|h| h.date).collect();
    assert!(dates.contains(&date("2027-01-01")));
    assert!(dates.contains(&date("2027-01-11")));
    assert!(!dates.contains(&date("2027-01-06")));
    assert!(!dates
        .iter()
        .any(|d| *d > date("2027-01-11") && *d < date("2027-03-01")));
}

#[test]
fn a_petition_suspended_on_day_3_supplied_on_day_20_extended_and_answered_on_time() {
    let mut history = vec![petition()];
    let case = case_after(&history);
    assert_eq!(case.effective_received_on(), date("2026-11-23"));
    assert_eq!(case.due_date, date("2026-12-15"));

    // Day 3 (Thu 26 Nov): 3 days consumed, 12 left; window to Mon 28 Dec (26 Dec is a
    // Saturday, 25 Dec a holiday).
    let events = run(
        &mut history,
        PqrCommand::RequestCompletion(RequestCompletion {
            what: reason("Indique la dirección exacta."),
            at: at("2026-11-26T15:30:00-05:00"),
        }),
    );
    let PqrEvent::CompletionRequested(requested) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(requested.consumed, Term::business(3));
    assert_eq!(requested.remaining, Term::business(12));
    assert_eq!(requested.window_ends_on, date("2026-12-28"));
    assert!(!case_after(&history).is_overdue(&on("2026-12-16")));

    // Day 20 (Tue 22 Dec): resumes Wed 23 Dec for 12 days: 23, 24, 28, 29, 30, 31 Dec,
    // 4, 5, 6, 7, 8 Jan, (11 Jan Reyes Magos) 12 Jan.
    let events = run(
        &mut history,
        PqrCommand::SupplyCompletion(SupplyCompletion {
            text: Description::parse("Calle 12 # 34-56.").unwrap(),
            at: at("2026-12-22T08:15:00-05:00"),
        }),
    );
    let PqrEvent::CompletionSupplied(supplied) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(supplied.resumes_on, date("2026-12-23"));
    assert_eq!(supplied.new_due_date, date("2027-01-12"));

    // Extension notified Fri 8 Jan: the double after a suspension is 15 more business days
    // after the suspended due date: 13–15, 18–22, 25–29 Jan, 1, 2 Feb → Tue 2 Feb.
    let too_far = replay(&history).decide(
        PqrCommand::ExtendTerm(ExtendTerm {
            new_due_date: date("2027-02-03"),
            reasons: reason("Visita técnica."),
            at: on("2027-01-08"),
        }),
        &services(),
    );
    assert_eq!(
        too_far.unwrap_err().to_string(),
        "art. 14 parágrafo: extension to 2027-02-03 exceeds the double of the term (at most 2027-02-02)"
    );
    let events = run(
        &mut history,
        PqrCommand::ExtendTerm(ExtendTerm {
            new_due_date: date("2027-01-29"),
            reasons: reason("Visita técnica."),
            at: on("2027-01-08"),
        }),
    );
    assert_eq!(
        events,
        vec![PqrEvent::TermExtended(TermExtended {
            notified_on: date("2027-01-08"),
            previous_due_date: date("2027-01-12"),
            new_due_date: date("2027-01-29"),
            cap: date("2027-02-02"),
            reasons: reason("Visita técnica."),
            at: on("2027-01-08"),
        })]
    );
    assert!(!case_after(&history).is_overdue(&on("2027-01-29")));
    assert!(case_after(&history).is_overdue(&at("2027-01-30T00:00:00-05:00")));

    // Answered Wed 27 Jan: 3 days before the suspension, then 23 from 23 Dec to 27 Jan.
    let events = run(
        &mut history,
        PqrCommand::Answer(Answer {
            text: AnswerText::parse("Se programó la poda para el 3 de febrero.").unwrap(),
            outcome: Outcome::Granted,
            documents_delivered: None,
            at: on("2027-01-27"),
        }),
    );
    let PqrEvent::PqrAnswered(answered) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(answered.answered_on, date("2027-01-27"));
    assert_eq!(answered.due_date, date("2027-01-29"));
    assert!(answered.on_time);
    assert_eq!(answered.business_days_taken, 26);

    run(
        &mut history,
        PqrCommand::Rate(Rate {
            score: Score::new(5).unwrap(),
            comment: None,
            at: on("2027-01-28"),
        }),
    );

    let case = case_after(&history);
    assert_eq!(case.status, Status::Answered);
    assert_eq!(case.closed_at, Some(on("2027-01-27")));
    let milestones: Vec<_> = case
        .public_milestones()
        .into_iter()
        .map(|m| (m.what, m.detail))
        .collect();
    assert_eq!(
        milestones,
        vec![
            ("filed", None),
            (
                "completion_requested",
                Some("2026-12-28: Indique la dirección exacta.".to_owned())
            ),
            ("completion_supplied", Some("2027-01-12".to_owned())),
            (
                "term_extended",
                Some("2027-01-29: Visita técnica.".to_owned())
            ),
            ("answered", Some("granted".to_owned())),
            ("rated", Some("5".to_owned())),
        ]
    );

    // The aggregate and its events survive a serialization round trip (cqrs-es stores
    // both as JSON).
    let json = serde_json::to_string(&history).unwrap();
    let back: Vec<PqrEvent> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, history);
    let pqr = replay(&history);
    let stored: Pqr = serde_json::from_str(&serde_json::to_string(&pqr).unwrap()).unwrap();
    assert_eq!(stored, pqr);
    for e in &history {
        assert_eq!(cqrs_es::DomainEvent::event_version(e), "1");
    }
}
