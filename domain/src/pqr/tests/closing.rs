//! Answer, rating, express withdrawal (art. 18) and voiding; the error classification.

use super::completion::requested_on_day_3;
use super::terms::silence_reached;
use super::*;

fn answer(d: &str, outcome: Outcome, documents_delivered: Option<bool>) -> PqrCommand {
    PqrCommand::Answer(Answer {
        text: AnswerText::parse("Se concede la poda.").unwrap(),
        outcome,
        documents_delivered,
        at: on(d),
    })
}

#[test]
fn an_answer_on_time_closes_the_case_and_counts_the_business_days_taken() {
    // Thursday 10 Dec is the 12th business day after E (8 Dec a holiday).
    let answered = PqrEvent::PqrAnswered(PqrAnswered {
        text: AnswerText::parse("Se concede la poda.").unwrap(),
        outcome: Outcome::Granted,
        documents_delivered: None,
        answered_on: date("2026-12-10"),
        due_date: date("2026-12-15"),
        on_time: true,
        business_days_taken: 12,
        at: on("2026-12-10"),
    });
    Framework::with(services())
        .given(vec![petition()])
        .when(answer("2026-12-10", Outcome::Granted, None))
        .then_expect_events(vec![answered.clone()]);
    let case = case_after(&[petition(), answered]);
    assert_eq!(case.status, Status::Answered);
    assert_eq!(case.closed_at, Some(on("2026-12-10")));
    assert_eq!(case.answer.as_ref().unwrap().outcome, Outcome::Granted);
    assert!(!case.is_overdue(&on("2027-01-30")));
    let last = case.public_milestones().pop().unwrap();
    assert_eq!(
        (last.what, last.detail.as_deref()),
        ("answered", Some("granted"))
    );
}

#[test]
fn a_late_answer_is_recorded_as_late() {
    let events = Framework::with(services())
        .given(vec![petition()])
        .when(answer("2026-12-16", Outcome::PartiallyGranted, None))
        .inspect_result()
        .unwrap();
    assert!(matches!(
        &events[0],
        PqrEvent::PqrAnswered(e) if !e.on_time && e.business_days_taken == 16
    ));
}

#[test]
fn an_answer_while_suspended_is_on_time_and_counts_only_the_days_before_the_request() {
    let events = Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(answer("2026-12-21", Outcome::Denied, None))
        .inspect_result()
        .unwrap();
    assert!(matches!(
        &events[0],
        PqrEvent::PqrAnswered(e) if e.on_time && e.business_days_taken == 3
    ));
}

#[test]
fn a_late_remission_to_another_authority_is_an_answer_with_outcome_forwarded() {
    let events = Framework::with(services())
        .given(vec![petition()])
        .when(answer("2026-12-01", Outcome::Forwarded, None))
        .inspect_result()
        .unwrap();
    // Ley 1755 de 2015 arts. 21 and 31: a remission after the 5 business days (last day
    // 30 Nov) is late, though the 15-day due date has not passed.
    assert!(matches!(&events[0],
        PqrEvent::PqrAnswered(e) if e.outcome == Outcome::Forwarded && !e.on_time));
    let events = Framework::with(services())
        .given(vec![petition()])
        .when(answer("2026-11-30", Outcome::Forwarded, None))
        .inspect_result()
        .unwrap();
    assert!(matches!(&events[0], PqrEvent::PqrAnswered(e) if e.on_time));
}

#[test]
fn an_answer_to_an_information_request_says_whether_the_documents_were_delivered() {
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest)])
        .when(answer("2026-12-04", Outcome::Granted, None))
        .then_expect_error_message(
            "art. 14 num. 1: an answer to an information request must say whether the documents were delivered",
        );
    Framework::with(services())
        .given(vec![petition()])
        .when(answer("2026-12-04", Outcome::Granted, Some(true)))
        .then_expect_error(PqrError::DocumentsDeliveredNotApplicable { kind: "petition" });
}

#[test]
fn an_information_request_answered_after_positive_silence_is_late_and_closes() {
    let events = Framework::with(services())
        .given(vec![filed(Kind::InformationRequest), silence_reached()])
        .when(answer("2026-12-10", Outcome::Granted, Some(true)))
        .inspect_result()
        .unwrap();
    assert!(matches!(
        &events[0],
        PqrEvent::PqrAnswered(e) if !e.on_time && e.documents_delivered == Some(true)
    ));
}

#[test]
fn a_case_is_answered_once() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-10")])
        .when(answer("2026-12-11", Outcome::Granted, None))
        .then_expect_error_message("the case is closed (answered)");
}

fn rate(score: u8, d: &str) -> PqrCommand {
    PqrCommand::Rate(Rate {
        score: Score::new(score).unwrap(),
        comment: Some(Comment::parse("Rápido y claro.").unwrap()),
        at: on(d),
    })
}

fn rated() -> PqrEvent {
    PqrEvent::ServiceRated(ServiceRated {
        score: Score::new(4).unwrap(),
        comment: Some(Comment::parse("Rápido y claro.").unwrap()),
        at: on("2026-12-11"),
    })
}

#[test]
fn the_citizen_rates_the_service_after_the_answer() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-10")])
        .when(rate(4, "2026-12-11"))
        .then_expect_events(vec![rated()]);
    let case = case_after(&[petition(), answered_on("2026-12-10"), rated()]);
    assert_eq!(case.rating.as_ref().unwrap().score.get(), 4);
    assert_eq!(case.status, Status::Answered);
}

#[test]
fn the_service_cannot_be_rated_before_an_answer() {
    Framework::with(services())
        .given(vec![petition()])
        .when(rate(5, "2026-12-11"))
        .then_expect_error(PqrError::NotAnswered);
}

#[test]
fn a_forwarded_case_cannot_be_rated() {
    let forwarded = PqrEvent::PqrForwarded(PqrForwarded {
        authority: Authority::parse("Superservicios").unwrap(),
        reasons: reason("x"),
        forwarded_on: date("2026-11-24"),
        last_day: date("2026-11-30"),
        late: false,
        at: on("2026-11-24"),
    });
    Framework::with(services())
        .given(vec![petition(), forwarded])
        .when(rate(5, "2026-11-25"))
        .then_expect_error(PqrError::NotAnswered);
}

#[test]
fn the_service_is_rated_once() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-10"), rated()])
        .when(rate(2, "2026-12-12"))
        .then_expect_error_message("the service was already rated");
}

fn withdraw(d: &str) -> PqrCommand {
    PqrCommand::Withdraw(Withdraw {
        reason: Some(reason("Ya podaron el árbol.")),
        at: on(d),
    })
}

#[test]
fn the_citizen_may_withdraw_at_any_time_while_open_even_when_suspended() {
    let withdrawn = PqrEvent::PqrWithdrawn(PqrWithdrawn {
        reason: Some(reason("Ya podaron el árbol.")),
        withdrawn_on: date("2026-12-20"),
        at: on("2026-12-20"),
    });
    Framework::with(services())
        .given(vec![petition(), requested_on_day_3()])
        .when(withdraw("2026-12-20"))
        .then_expect_events(vec![withdrawn.clone()]);
    let case = case_after(&[petition(), requested_on_day_3(), withdrawn]);
    assert_eq!(case.status, Status::Withdrawn);
    assert_eq!(case.status.as_str(), "withdrawn");
}

#[test]
fn the_citizen_may_withdraw_after_the_due_date() {
    let events = Framework::with(services())
        .given(vec![petition()])
        .when(withdraw("2027-02-01"))
        .inspect_result()
        .unwrap();
    assert!(matches!(&events[0], PqrEvent::PqrWithdrawn(_)));
}

#[test]
fn a_closed_case_cannot_be_withdrawn() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-10")])
        .when(withdraw("2026-12-11"))
        .then_expect_error(PqrError::Closed {
            status: Status::Answered,
        });
}

fn void(d: &str) -> PqrCommand {
    PqrCommand::Void(Void {
        reason: reason("Duplicado del 2026-000002."),
        at: on(d),
    })
}

#[test]
fn voiding_a_radicado_keeps_its_number_accounted_for() {
    let voided = PqrEvent::RadicadoVoided(RadicadoVoided {
        radicado: Radicado::new(2026, 1).unwrap(),
        reason: reason("Duplicado del 2026-000002."),
        at: on("2026-11-24"),
    });
    Framework::with(services())
        .given(vec![petition()])
        .when(void("2026-11-24"))
        .then_expect_events(vec![voided.clone()]);
    let case = case_after(&[petition(), voided]);
    assert_eq!(case.status, Status::Voided);
    assert_eq!(case.filing.radicado.to_string(), "2026-000001");
    assert_eq!(case.public_milestones().pop().unwrap().what, "voided");
}

#[test]
fn a_voided_radicado_cannot_be_voided_again() {
    let voided = PqrEvent::RadicadoVoided(RadicadoVoided {
        radicado: Radicado::new(2026, 1).unwrap(),
        reason: reason("x"),
        at: on("2026-11-24"),
    });
    Framework::with(services())
        .given(vec![petition(), voided])
        .when(void("2026-11-25"))
        .then_expect_error_message("the case is closed (voided)");
}

#[test]
fn a_radicado_cannot_be_filed_again_after_other_events() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-10")])
        .when(PqrCommand::File(file(
            "2026-11-23T09:00:00-05:00",
            None,
            false,
        )))
        .then_expect_error(PqrError::AlreadyFiled("2026-000001".into()));
}

#[test]
fn state_conflicts_are_told_apart_from_legal_refusals() {
    let conflicts = [
        PqrError::Closed {
            status: Status::Answered,
        },
        PqrError::AlreadyRated,
        PqrError::NotSuspended,
        PqrError::Suspended,
        PqrError::NotAnswered,
        PqrError::AlreadyAssigned,
        PqrError::AlreadyPriority,
        PqrError::PositiveSilenceAlreadyRecorded,
        PqrError::AlreadyFiled("2026-000001".into()),
        PqrError::TierNotHigher {
            current: Tier::FIRST,
            requested: Tier::FIRST,
        },
    ];
    for e in conflicts {
        assert!(e.is_state_conflict(), "{e}");
    }
    let legal = [
        PqrError::NotFiled,
        PqrError::CompletionAlreadyRequested,
        PqrError::PositiveSilenceNotDue {
            due: date("2026-12-07"),
        },
        PqrError::DocumentsDeliveredRequired,
        PqrError::NothingToClassify,
        PqrError::KindFixedByPositiveSilence,
        PqrError::Rule(crate::clock_rules::ClockRuleError::AlreadyExtended),
    ];
    for e in legal {
        assert!(!e.is_state_conflict(), "{e}");
    }
}

#[test]
fn every_status_has_its_snake_case_api_value() {
    for s in Status::ALL {
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::Value::String(s.as_str().into())
        );
    }
    for o in Outcome::ALL {
        assert_eq!(Outcome::parse(o.as_str()), Some(o));
    }
}
