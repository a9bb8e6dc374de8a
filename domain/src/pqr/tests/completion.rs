//! Ley 1755 de 2015 art. 17: completion requested, supplied, window extended, tacit
//! withdrawal. A petition received Monday 2026-11-23 (E), due 2026-12-15.

use super::*;
use crate::policy::Term;

pub(super) fn request(d: &str) -> PqrCommand {
    PqrCommand::RequestCompletion(RequestCompletion {
        what: reason("Indique la dirección exacta del árbol."),
        at: on(d),
    })
}

/// Requested Thursday 2026-11-26, the 3rd business day: 24, 25, 26 Nov consumed, 12 left;
/// one month is Saturday 26 Dec → Monday 28 Dec (25 Dec a holiday).
pub(super) fn requested_on_day_3() -> PqrEvent {
    PqrEvent::CompletionRequested(CompletionRequested {
        what: reason("Indique la dirección exacta del árbol."),
        requested_on: date("2026-11-26"),
        consumed: Term::business(3),
        remaining: Term::business(12),
        due_date_on_hold: date("2026-12-15"),
        window_ends_on: date("2026-12-28"),
        at: on("2026-11-26"),
    })
}

pub(super) fn supply(d: &str) -> PqrCommand {
    PqrCommand::SupplyCompletion(SupplyCompletion {
        text: Description::parse("Calle 12 # 34-56, frente a la panadería.").unwrap(),
        at: on(d),
    })
}

/// Supplied Tuesday 2026-12-22 (the 20th business day after E): 12 business days from 23
/// Dec — 23, 24, 28, 29, 30, 31 Dec, 4, 5, 6, 7, 8 Jan (1 Jan a holiday) and, Monday 11 Jan
/// being Reyes Magos, Tuesday 12 Jan 2027.
pub(super) fn supplied_on_day_20() -> PqrEvent {
    PqrEvent::CompletionSupplied(CompletionSupplied {
        text: Description::parse("Calle 12 # 34-56, frente a la panadería.").unwrap(),
        supplied_on: date("2026-12-22"),
        resumes_on: date("2026-12-23"),
        new_due_date: date("2027-01-12"),
        at: on("2026-12-22"),
    })
}

#[test]
fn requesting_completion_on_day_3_suspends_the_clock_with_12_days_left() {
    Framework::with(services())
        .given(vec![petition()])
        .when(request("2026-11-26"))
        .then_expect_events(vec![requested_on_day_3()]);
    let case = case_after(&[petition(), requested_on_day_3()]);
    assert_eq!(case.status, Status::Suspended);
    assert_eq!(case.status.as_str(), "suspended");
    let pending = case.suspension().unwrap();
    assert_eq!(pending.window_ends_on(), date("2026-12-28"));
    assert!(!pending.window_extended());
    // The clock is stopped: never overdue while suspended.
    assert!(!case.is_overdue(&on("2026-12-20")));
}

#[test]
fn completion_cannot_be_requested_after_the_10th_business_day() {
    // The 10th business day after E is Monday 7 Dec; 8 Dec is a holiday; 9 Dec is late.
    Framework::with(services())
        .given(vec![petition()])
        .when(request("2026-12-09"))
        .then_expect_error_message(
            "art. 17: completion requested on 2026-12-09, after the 10 business days following filing (last day 2026-12-07)",
        );
}

#[test]
fn completion_cannot_be_requested_while_already_awaited() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(request("2026-11-27"))
        .then_expect_error(PqrError::Suspended);
}

#[test]
fn completion_is_requested_only_once() {
    Framework::with(services())
        .given(vec![
            petition(),
            requested_on_day_3(),
            PqrEvent::CompletionSupplied(CompletionSupplied {
                text: Description::parse("Calle 12").unwrap(),
                supplied_on: date("2026-11-27"),
                resumes_on: date("2026-11-28"),
                new_due_date: date("2026-12-16"),
                at: on("2026-11-27"),
            }),
        ])
        .when(request("2026-11-30"))
        .then_expect_error(PqrError::CompletionAlreadyRequested);
}

#[test]
fn completion_cannot_be_requested_on_a_closed_case() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-11-25")])
        .when(request("2026-11-26"))
        .then_expect_error_message("the case is closed (answered)");
}

#[test]
fn supplying_on_day_20_resumes_the_term_the_next_day_for_the_12_days_left() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(supply("2026-12-22"))
        .then_expect_events(vec![supplied_on_day_20()]);
    let case = case_after(&[petition(), requested_on_day_3(), supplied_on_day_20()]);
    assert_eq!(case.status, Status::Filed);
    assert_eq!(case.due_date, date("2027-01-12"));
    assert!(case.suspension().is_none());
}

#[test]
fn an_assigned_case_goes_back_in_progress_after_the_supply() {
    let assigned = PqrEvent::PqrAssigned(PqrAssigned {
        dependency: Dependency::parse("Ambiente").unwrap(),
        official: Official::parse("María").unwrap(),
        previous_dependency: None,
        previous_official: None,
        dependency_changed: false,
        reason: None,
        at: on("2026-11-24"),
    });
    let case = case_after(&[
        petition(),
        assigned,
        requested_on_day_3(),
        supplied_on_day_20(),
    ]);
    assert_eq!(case.status, Status::InProgress);
}

#[test]
fn supplying_without_a_pending_request_is_a_conflict() {
    Framework::with(services())
        .given(vec![petition()])
        .when(supply("2026-11-27"))
        .then_expect_error(PqrError::NotSuspended);
}

#[test]
fn supplying_after_the_window_closed_is_refused() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(supply("2026-12-29"))
        .then_expect_error_message(
            "art. 17: supply on 2026-12-29 after the completion window closed on 2026-12-28; the petition is withdrawn (desistimiento tácito)",
        );
}

fn extend_window(until: &str, d: &str) -> PqrCommand {
    PqrCommand::ExtendCompletionWindow(ExtendCompletionWindow {
        until: date(until),
        at: on(d),
    })
}

/// Asked 2026-12-20 (a Sunday; any day before the window closes) for the most allowed: two
/// months from the request, Tuesday 26 Jan 2027.
fn window_extended() -> PqrEvent {
    PqrEvent::CompletionWindowExtended(CompletionWindowExtended {
        asked_on: date("2026-12-20"),
        previous_window_ends_on: date("2026-12-28"),
        window_ends_on: date("2027-01-26"),
        at: on("2026-12-20"),
    })
}

#[test]
fn the_petitioner_may_extend_the_window_once_by_up_to_one_more_month() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(extend_window("2027-01-26", "2026-12-20"))
        .then_expect_events(vec![window_extended()]);
    let case = case_after(&[petition(), requested_on_day_3(), window_extended()]);
    let pending = case.suspension().unwrap();
    assert!(pending.window_extended());
    assert_eq!(pending.window_ends_on(), date("2027-01-26"));
}

#[test]
fn the_window_is_extended_only_once() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3(), window_extended()])
        .when(extend_window("2027-01-25", "2026-12-21"))
        .then_expect_error_message("art. 17: the completion window was already extended once");
}

#[test]
fn the_window_cannot_be_extended_beyond_one_more_month() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(extend_window("2027-01-27", "2026-12-20"))
        .then_expect_error_message(
            "art. 17: completion window extended to 2027-01-27, beyond one more month (at most 2027-01-26)",
        );
}

#[test]
fn the_window_cannot_be_extended_after_it_closed() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(extend_window("2027-01-20", "2026-12-29"))
        .then_expect_error_message(
            "art. 17: extension of the completion window asked on 2026-12-29, after it closed on 2026-12-28",
        );
}

#[test]
fn extending_the_window_needs_a_pending_request() {
    Framework::with(services())
        .given(vec![petition()])
        .when(extend_window("2027-01-20", "2026-12-01"))
        .then_expect_error(PqrError::NotSuspended);
}

#[test]
fn a_supply_inside_the_extended_window_is_accepted() {
    // 12 business days from 21 Jan 2027: 22, 25–29 Jan, 1–5 Feb, 8 Feb.
    let events = Framework::with(services())
        .given(vec![petition(), requested_on_day_3(), window_extended()])
        .when(supply("2027-01-21"))
        .inspect_result()
        .unwrap();
    assert!(matches!(
        &events[0],
        PqrEvent::CompletionSupplied(e) if e.new_due_date == date("2027-02-08")
    ));
}

fn record_tacit(d: &str) -> PqrCommand {
    PqrCommand::RecordTacitWithdrawal(RecordTacitWithdrawal { at: on(d) })
}

#[test]
fn the_tacit_withdrawal_is_decreed_with_reasons_the_day_after_the_window_lapsed() {
    let events = Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(record_tacit("2026-12-29"))
        .inspect_result()
        .unwrap();
    let PqrEvent::TacitWithdrawalRecorded(e) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(e.decided_on, date("2026-12-29"));
    assert_eq!(e.window_closed_on, date("2026-12-28"));
    assert_eq!(
        e.reasons,
        "Ley 1755 de 2015 art. 17: el 2026-11-26 se requirió al peticionario completar la \
         petición (Indique la dirección exacta del árbol.). El término para hacerlo venció el \
         2026-12-28 sin que aportara lo requerido. Se decreta el desistimiento tácito y el \
         archivo del expediente. Contra esta decisión procede únicamente el recurso de \
         reposición; la petición puede presentarse de nuevo con el lleno de los requisitos \
         legales."
    );
    let case = case_after(&[petition(), requested_on_day_3(), events[0].clone()]);
    assert_eq!(case.status, Status::WithdrawnTacitly);
    assert_eq!(case.status.as_str(), "withdrawn_tacitly");
    assert_eq!(case.closed_at, Some(on("2026-12-29")));
    assert!(!case.is_overdue(&on("2027-03-01")));
}

#[test]
fn the_tacit_withdrawal_waits_for_the_window_to_close() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(record_tacit("2026-12-28"))
        .then_expect_error_message(
            "art. 17: tacit withdrawal decreed on 2026-12-28 while the completion window is open until 2026-12-28",
        );
}

#[test]
fn the_tacit_withdrawal_needs_a_pending_request() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3(), supplied_on_day_20()])
        .when(record_tacit("2027-02-01"))
        .then_expect_error(PqrError::NotSuspended);
}

#[test]
fn the_tacit_withdrawal_is_recorded_once() {
    let withdrawn = PqrEvent::TacitWithdrawalRecorded(TacitWithdrawalRecorded {
        decided_on: date("2026-12-29"),
        window_closed_on: date("2026-12-28"),
        reasons: "…".into(),
        at: on("2026-12-29"),
    });
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3(), withdrawn])
        .when(record_tacit("2026-12-30"))
        .then_expect_error(PqrError::Closed {
            status: Status::WithdrawnTacitly,
        });
}

#[test]
fn a_reclassification_while_suspended_counts_when_the_term_resumes() {
    // Reclassified as an information request (10 days): 3 consumed, 7 left after the supply
    // on 22 Dec → 23, 24, 28, 29, 30, 31 Dec, 4 Jan.
    let mut history = vec![petition(), requested_on_day_3()];
    run(
        &mut history,
        PqrCommand::Classify(Classify {
            kind: Some(Kind::InformationRequest),
            topic: None,
            dependency: None,
            reason: reason("Solo pide copias."),
            at: on("2026-11-30"),
        }),
    );
    assert_eq!(case_after(&history).due_date, date("2026-12-07"));
    assert_eq!(case_after(&history).status, Status::Suspended);
    let events = run(&mut history, supply("2026-12-22"));
    assert!(matches!(
        &events[0],
        PqrEvent::CompletionSupplied(e) if e.new_due_date == date("2027-01-04")
    ));
}
