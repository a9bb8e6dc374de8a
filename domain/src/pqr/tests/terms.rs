//! Ley 1755 de 2015 art. 14 parágrafo (extension), art. 21 (forwarding), art. 20 (priority)
//! and art. 14 num. 1 (positive silence). A petition received Monday 2026-11-23 (E), due
//! 2026-12-15 (the 15th business day; 8 Dec a holiday).

use super::completion::{requested_on_day_3, supplied_on_day_20};
use super::*;
use crate::policy::Term;

fn extend(new_due: &str, d: &str) -> PqrCommand {
    PqrCommand::ExtendTerm(ExtendTerm {
        new_due_date: date(new_due),
        reasons: reason("Se requiere visita técnica."),
        at: on(d),
    })
}

/// Notified Thursday 10 Dec; the double of 15 days is the 30th business day after E,
/// Thursday 7 Jan 2027.
fn extended_to_5_jan() -> PqrEvent {
    PqrEvent::TermExtended(TermExtended {
        notified_on: date("2026-12-10"),
        previous_due_date: date("2026-12-15"),
        new_due_date: date("2027-01-05"),
        cap: date("2027-01-07"),
        reasons: reason("Se requiere visita técnica."),
        at: on("2026-12-10"),
    })
}

#[test]
fn the_term_is_extended_before_it_runs_out_up_to_the_double() {
    Framework::with(services())
        .given(vec![petition()])
        .when(extend("2027-01-05", "2026-12-10"))
        .then_expect_events(vec![extended_to_5_jan()]);
    let case = case_after(&[petition(), extended_to_5_jan()]);
    assert_eq!(case.due_date, date("2027-01-05"));
    assert_eq!(case.extension.as_ref().unwrap().cap, date("2027-01-07"));
}

#[test]
fn the_due_date_itself_is_still_in_time_to_extend() {
    let events = Framework::with(services())
        .given(vec![petition()])
        .when(extend("2027-01-07", "2026-12-15"))
        .inspect_result()
        .unwrap();
    assert!(
        matches!(&events[0], PqrEvent::TermExtended(e) if e.new_due_date == date("2027-01-07"))
    );
}

#[test]
fn an_extension_after_the_due_date_is_refused() {
    Framework::with(services())
        .given(vec![petition()])
        .when(extend("2027-01-05", "2026-12-16"))
        .then_expect_error_message(
            "art. 14 parágrafo: extension after the due date (notified 2026-12-16, due 2026-12-15)",
        );
}

#[test]
fn an_extension_beyond_the_double_of_the_term_is_refused() {
    Framework::with(services())
        .given(vec![petition()])
        .when(extend("2027-01-08", "2026-12-10"))
        .then_expect_error_message(
            "art. 14 parágrafo: extension to 2027-01-08 exceeds the double of the term (at most 2027-01-07)",
        );
}

#[test]
fn the_term_is_extended_only_once() {
    Framework::with(services())
        .given(vec![petition(), extended_to_5_jan()])
        .when(extend("2027-01-07", "2026-12-11"))
        .then_expect_error_message("art. 14 parágrafo: the term was already extended once");
}

#[test]
fn an_extension_must_move_the_due_date_to_a_later_business_day() {
    Framework::with(services())
        .given(vec![petition()])
        .when(extend("2026-12-15", "2026-12-10"))
        .then_expect_error_message(
            "art. 14 parágrafo: new due date 2026-12-15 is not after the due date 2026-12-15",
        );
    Framework::with(services())
        .given(vec![petition()])
        .when(extend("2027-01-01", "2026-12-10"))
        .then_expect_error_message(
            "art. 14 parágrafo: new due date 2027-01-01 is not a business day",
        );
}

#[test]
fn the_term_cannot_be_extended_while_suspended() {
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(extend("2027-01-05", "2026-12-10"))
        .then_expect_error(PqrError::Suspended);
}

#[test]
fn a_closed_case_cannot_be_extended() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-01")])
        .when(extend("2027-01-05", "2026-12-10"))
        .then_expect_error_message("the case is closed (answered)");
}

fn forward(d: &str) -> PqrCommand {
    PqrCommand::Forward(Forward {
        authority: Authority::parse("Superintendencia de Servicios Públicos").unwrap(),
        reasons: reason("El asunto es del servicio de acueducto."),
        at: on(d),
    })
}

#[test]
fn forwarding_within_5_business_days_closes_the_case_as_forwarded() {
    // The 5th business day after E is Monday 30 Nov.
    let forwarded = PqrEvent::PqrForwarded(PqrForwarded {
        authority: Authority::parse("Superintendencia de Servicios Públicos").unwrap(),
        reasons: reason("El asunto es del servicio de acueducto."),
        forwarded_on: date("2026-11-30"),
        last_day: date("2026-11-30"),
        late: false,
        at: on("2026-11-30"),
    });
    Framework::with(services())
        .given(vec![petition()])
        .when(forward("2026-11-30"))
        .then_expect_events(vec![forwarded.clone()]);
    let case = case_after(&[petition(), forwarded]);
    assert_eq!(case.status, Status::Forwarded);
    assert!(case.is_closed());
    let last = case.public_milestones().pop().unwrap();
    assert_eq!(last.what, "forwarded");
    assert_eq!(
        last.detail.as_deref(),
        Some("Superintendencia de Servicios Públicos: El asunto es del servicio de acueducto.")
    );
}

#[test]
fn forwarding_after_5_business_days_is_accepted_and_recorded_late() {
    // Ley 1755 de 2015 art. 21: the duty to forward remains; art. 31: the delay is a fault.
    Framework::with(services())
        .given(vec![petition()])
        .when(forward("2026-12-01"))
        .then_expect_events(vec![PqrEvent::PqrForwarded(PqrForwarded {
            authority: Authority::parse("Superintendencia de Servicios Públicos").unwrap(),
            reasons: reason("El asunto es del servicio de acueducto."),
            forwarded_on: date("2026-12-01"),
            last_day: date("2026-11-30"),
            late: true,
            at: on("2026-12-01"),
        })]);
}

#[test]
fn a_version_1_forwarding_reads_as_in_time() {
    let v1 = serde_json::json!({"PqrForwarded": {
        "authority": "Superintendencia de Servicios Públicos",
        "reasons": "El asunto es del servicio de acueducto.",
        "forwarded_on": "2026-11-30",
        "last_day": "2026-11-30",
        "at": "2026-11-30T10:00:00-05:00"
    }});
    let event: PqrEvent = serde_json::from_value(v1).unwrap();
    assert!(matches!(event, PqrEvent::PqrForwarded(f) if !f.late));
}

#[test]
fn a_closed_case_cannot_be_forwarded() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-11-25")])
        .when(forward("2026-11-26"))
        .then_expect_error(PqrError::Closed {
            status: Status::Answered,
        });
}

fn flag(d: &str) -> PqrCommand {
    PqrCommand::FlagPriority(FlagPriority {
        reason: reason("Paciente sin medicamento: derecho a la salud."),
        at: on(d),
    })
}

#[test]
fn a_priority_case_gets_the_shortened_term_of_the_policy() {
    // 5 business days after E: Monday 30 Nov.
    Framework::with(services())
        .given(vec![petition()])
        .when(flag("2026-11-24"))
        .then_expect_events(vec![PqrEvent::PriorityFlagged(PriorityFlagged {
            reason: reason("Paciente sin medicamento: derecho a la salud."),
            priority_term: Term::business(5),
            previous_due_date: date("2026-12-15"),
            new_due_date: date("2026-11-30"),
            at: on("2026-11-24"),
        })]);
}

#[test]
fn a_priority_flag_after_a_suspension_keeps_the_suspension_effect() {
    // Of the 5 priority days, 3 were consumed by 26 Nov; 2 remain after the supply on
    // 22 Dec: 23 and 24 Dec.
    let events = Framework::with(services())
        .given(vec![petition(), requested_on_day_3(), supplied_on_day_20()])
        .when(flag("2026-12-23"))
        .inspect_result()
        .unwrap();
    assert!(matches!(
        &events[0],
        PqrEvent::PriorityFlagged(e)
            if e.previous_due_date == date("2027-01-12") && e.new_due_date == date("2026-12-24")
    ));
}

#[test]
fn a_case_is_flagged_as_priority_once() {
    let flagged = PqrEvent::PriorityFlagged(PriorityFlagged {
        reason: reason("x"),
        priority_term: Term::business(5),
        previous_due_date: date("2026-12-15"),
        new_due_date: date("2026-11-30"),
        at: on("2026-11-24"),
    });
    Framework::with(services())
        .given(vec![petition(), flagged])
        .when(flag("2026-11-25"))
        .then_expect_error(PqrError::AlreadyPriority);
}

#[test]
fn a_closed_case_cannot_be_flagged_as_priority() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-11-25")])
        .when(flag("2026-11-26"))
        .then_expect_error(PqrError::Closed {
            status: Status::Answered,
        });
}

#[test]
fn the_extension_of_a_priority_case_is_capped_at_the_double_of_the_priority_term() {
    // Priority due 30 Nov; the double of 5 days is Monday 7 Dec.
    let mut history = vec![petition()];
    run(&mut history, flag("2026-11-24"));
    Framework::with(services())
        .given(history.clone())
        .when(extend("2026-12-09", "2026-11-27"))
        .then_expect_error_message(
            "art. 14 parágrafo: extension to 2026-12-09 exceeds the double of the term (at most 2026-12-07)",
        );
    run(&mut history, extend("2026-12-07", "2026-11-27"));
    assert_eq!(case_after(&history).due_date, date("2026-12-07"));
}

pub(super) fn record_silence(d: &str) -> PqrCommand {
    PqrCommand::RecordPositiveSilence(RecordPositiveSilence { at: on(d) })
}

/// An information request due Monday 7 Dec (10 business days) is deemed accepted from
/// 8 Dec; the copies are due the 3rd business day after 7 Dec: 9, 10, 11 Dec.
pub(super) fn silence_reached() -> PqrEvent {
    PqrEvent::PositiveSilenceReached(PositiveSilenceReached {
        due_date: date("2026-12-07"),
        accepted_from: date("2026-12-08"),
        deliver_by: date("2026-12-11"),
        at: on("2026-12-08"),
    })
}

#[test]
fn an_unanswered_information_request_reaches_positive_silence_the_day_after_its_due_date() {
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest)])
        .when(record_silence("2026-12-08"))
        .then_expect_events(vec![silence_reached()]);
    let case = case_after(&[filed(Kind::InformationRequest), silence_reached()]);
    // The case stays open: the copies must still be delivered.
    assert_eq!(case.status, Status::Filed);
    assert!(!case.is_closed());
    assert_eq!(
        case.positive_silence.unwrap().deliver_by,
        date("2026-12-11")
    );
}

#[test]
fn positive_silence_is_not_reached_on_the_due_date() {
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest)])
        .when(record_silence("2026-12-07"))
        .then_expect_error(PqrError::PositiveSilenceNotDue {
            due: date("2026-12-07"),
        });
}

#[test]
fn positive_silence_is_recorded_once() {
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest), silence_reached()])
        .when(record_silence("2026-12-09"))
        .then_expect_error(PqrError::PositiveSilenceAlreadyRecorded);
}

#[test]
fn positive_silence_applies_only_to_information_requests() {
    Framework::with(services())
        .given(vec![petition()])
        .when(record_silence("2026-12-16"))
        .then_expect_error_message(
            "art. 14 num. 1: positive silence applies only to information requests, not to petition",
        );
}

#[test]
fn positive_silence_does_not_run_while_the_clock_is_suspended() {
    let request = PqrEvent::CompletionRequested(CompletionRequested {
        what: reason("Indique qué documentos."),
        requested_on: date("2026-11-26"),
        consumed: Term::business(3),
        remaining: Term::business(7),
        due_date_on_hold: date("2026-12-07"),
        window_ends_on: date("2026-12-28"),
        at: on("2026-11-26"),
    });
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest), request])
        .when(record_silence("2026-12-08"))
        .then_expect_error(PqrError::Suspended);
}

#[test]
fn an_answered_information_request_reaches_no_positive_silence() {
    let answer = PqrEvent::PqrAnswered(PqrAnswered {
        text: AnswerText::parse("Adjuntamos las copias.").unwrap(),
        outcome: Outcome::Granted,
        documents_delivered: Some(true),
        answered_on: date("2026-12-04"),
        due_date: date("2026-12-07"),
        on_time: true,
        business_days_taken: 9,
        at: on("2026-12-04"),
    });
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest), answer])
        .when(record_silence("2026-12-08"))
        .then_expect_error(PqrError::Closed {
            status: Status::Answered,
        });
}
