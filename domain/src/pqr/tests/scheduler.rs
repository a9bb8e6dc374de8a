//! `Pqr::due_system_commands`: what the scheduler must record, idempotently.

use super::completion::requested_on_day_3;
use super::*;

/// Runs the scheduler at `now` on `history` and applies what it decides; returns the
/// commands it issued.
fn tick(history: &mut Vec<PqrEvent>, now: &str) -> Vec<PqrCommand> {
    let commands = replay(history).due_system_commands(on(now), &services());
    for c in commands.clone() {
        run(history, c);
    }
    commands
}

#[test]
fn the_scheduler_records_positive_silence_once_the_day_after_the_due_date() {
    let mut history = vec![filed(Kind::InformationRequest)];
    assert!(tick(&mut history, "2026-12-07").is_empty());
    assert_eq!(
        tick(&mut history, "2026-12-08"),
        vec![PqrCommand::RecordPositiveSilence(RecordPositiveSilence {
            at: on("2026-12-08")
        })]
    );
    assert!(tick(&mut history, "2026-12-08").is_empty());
    assert!(tick(&mut history, "2026-12-20").is_empty());
    assert!(case_after(&history).positive_silence.is_some());
}

#[test]
fn the_scheduler_records_the_tacit_withdrawal_once_the_window_lapsed() {
    let mut history = vec![petition(), requested_on_day_3()];
    assert!(tick(&mut history, "2026-12-28").is_empty());
    assert_eq!(
        tick(&mut history, "2026-12-29"),
        vec![PqrCommand::RecordTacitWithdrawal(RecordTacitWithdrawal {
            at: on("2026-12-29")
        })]
    );
    assert_eq!(case_after(&history).status, Status::WithdrawnTacitly);
    assert!(tick(&mut history, "2026-12-30").is_empty());
}

#[test]
fn the_scheduler_has_nothing_to_do_for_petitions_closed_or_unfiled_cases() {
    let mut petition_history = vec![petition()];
    assert!(tick(&mut petition_history, "2027-03-01").is_empty());
    let mut answered = vec![filed(Kind::InformationRequest), answered_on("2026-12-01")];
    assert!(tick(&mut answered, "2027-03-01").is_empty());
    assert!(Pqr::default()
        .due_system_commands(on("2027-03-01"), &services())
        .is_empty());
}

#[test]
fn the_scheduler_waits_while_an_information_request_is_suspended() {
    let request = PqrEvent::CompletionRequested(CompletionRequested {
        what: reason("Indique qué documentos."),
        requested_on: date("2026-11-26"),
        consumed: crate::policy::Term::business(3),
        remaining: crate::policy::Term::business(7),
        due_date_on_hold: date("2026-12-07"),
        window_ends_on: date("2026-12-28"),
        at: on("2026-11-26"),
    });
    let mut history = vec![filed(Kind::InformationRequest), request];
    assert!(tick(&mut history, "2026-12-10").is_empty());
}

/// Services whose calendar has the closure of Mon 14 Dec 2026, declared at `declared_at`.
fn closed_on_14_december(declared_at: &str) -> PqrServices {
    let services = PqrServices::default();
    services
        .calendar
        .advance(crate::calendar::Calendar::colombia_with_closures(vec![
            crate::calendar::ClosureDay::declared(
                date("2026-12-14"),
                "Resolución 88 de 2026",
                on(declared_at),
            ),
        ]));
    services
}

#[test]
fn a_calendar_read_before_a_declaration_does_not_replace_the_newer_one_in_force() {
    // The declaring request put the calendar with 14 Dec in force; a refresh that loaded the
    // log before the declaration finishes afterwards with the calendar without it.
    let services = closed_on_14_december("2026-11-25");
    let stale = crate::calendar::Calendar::colombia();
    assert!(!services.calendar.advance(stale));
    assert_eq!(services.calendar.current().closures().len(), 1);
    // A calendar with as many or more closure days is put in force.
    let newer = crate::calendar::Calendar::colombia_with_closures(vec![
        crate::calendar::ClosureDay::declared(
            date("2026-12-14"),
            "Resolución 88 de 2026",
            on("2026-11-25"),
        ),
        crate::calendar::ClosureDay::declared(
            date("2026-12-15"),
            "Resolución 89 de 2026",
            on("2026-11-26"),
        ),
    ]);
    let version = newer.version().to_owned();
    assert!(services.calendar.advance(newer));
    assert_eq!(services.calendar.current().version(), version);
}

#[test]
fn a_closure_inside_the_running_term_moves_the_due_date_once() {
    // Ley 4 de 1913 art. 62: filed before the declaration, due 15 Dec; 14 Dec closes.
    let services = closed_on_14_december("2026-11-25");
    let pqr = replay(&[petition()]);
    let commands = pqr.due_system_commands(on("2026-11-25"), &services);
    assert!(matches!(
        commands.as_slice(),
        [PqrCommand::MoveDueDateForClosures(_)]
    ));
    let events = pqr.decide(commands[0].clone(), &services).unwrap();
    assert_eq!(
        events,
        vec![PqrEvent::DueDateMovedByClosure(DueDateMovedByClosure {
            closure_date: date("2026-12-14"),
            legal_basis: "Resolución 88 de 2026".into(),
            previous_due_date: date("2026-12-15"),
            new_due_date: date("2026-12-16"),
            at: on("2026-11-25"),
        })]
    );
    let mut history = vec![petition()];
    history.extend(events);
    let moved = replay(&history);
    assert_eq!(moved.case().unwrap().due_date, date("2026-12-16"));
    assert!(moved
        .due_system_commands(on("2026-11-26"), &services)
        .is_empty());
}

#[test]
fn a_due_date_computed_after_the_declaration_does_not_move_again() {
    // Filed under the calendar that already has the closure: its due date counts it.
    let services = closed_on_14_december("2026-11-20");
    let filing = Pqr::default()
        .decide_filing(file("2026-11-23T09:00:00-05:00", None, false), &services)
        .unwrap();
    assert_eq!(filing.due_date, date("2026-12-16"));
    let pqr = replay(&[PqrEvent::PqrFiled(filing)]);
    assert!(pqr
        .due_system_commands(on("2026-11-25"), &services)
        .is_empty());
    // Recomputed (art. 20 priority) after the declaration: counted too.
    let flagged = PqrEvent::PriorityFlagged(PriorityFlagged {
        reason: reason("Derecho a la salud."),
        priority_term: crate::policy::Term::business(5),
        previous_due_date: date("2026-12-15"),
        new_due_date: date("2026-11-30"),
        at: on("2026-11-24"),
    });
    let services = closed_on_14_december("2026-11-23");
    let pqr = replay(&[petition(), flagged]);
    assert!(pqr
        .due_system_commands(on("2026-11-25"), &services)
        .is_empty());
    // A closed (answered) case keeps its record.
    let pqr = replay(&[petition(), answered_on("2026-11-24")]);
    assert!(pqr
        .due_system_commands(on("2026-11-25"), &closed_on_14_december("2026-11-25"))
        .is_empty());
}
