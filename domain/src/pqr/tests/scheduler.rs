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
