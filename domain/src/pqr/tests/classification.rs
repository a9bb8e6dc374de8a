//! Classify, assign, escalate and internal notes.

use super::*;

fn topic(s: &str) -> Topic {
    Topic::parse(s).unwrap()
}

fn dependency(s: &str) -> Dependency {
    Dependency::parse(s).unwrap()
}

fn official(s: &str) -> Official {
    Official::parse(s).unwrap()
}

fn classify(kind: Option<Kind>, d: &str) -> PqrCommand {
    PqrCommand::Classify(Classify {
        kind,
        topic: Some(topic("Arbolado urbano")),
        dependency: Some(dependency("Secretaría de Ambiente")),
        reason: reason("Se pide un concepto, no una actuación."),
        at: on(d),
    })
}

fn assign(dep: &str, who: &str, d: &str) -> PqrCommand {
    PqrCommand::Assign(Assign {
        dependency: dependency(dep),
        official: official(who),
        reason: None,
        at: on(d),
    })
}

fn assigned(dep: &str, who: &str, d: &str) -> PqrEvent {
    PqrEvent::PqrAssigned(PqrAssigned {
        dependency: dependency(dep),
        official: official(who),
        previous_dependency: None,
        previous_official: None,
        dependency_changed: false,
        reason: None,
        at: on(d),
    })
}

#[test]
fn reclassifying_a_petition_as_a_consultation_recomputes_the_term_from_the_same_receipt() {
    // 30 business days after E = 2026-11-23 (8 Dec, 25 Dec, 1 Jan holidays): 2027-01-07.
    Framework::with(services())
        .given(vec![petition()])
        .when(classify(Some(Kind::Consultation), "2026-11-24"))
        .then_expect_events(vec![PqrEvent::PqrClassified(PqrClassified {
            kind_from: Kind::Petition,
            kind_to: Kind::Consultation,
            topic: Some(topic("Arbolado urbano")),
            dependency_from: None,
            dependency: Some(dependency("Secretaría de Ambiente")),
            reason: reason("Se pide un concepto, no una actuación."),
            term: crate::policy::Term::business(30),
            due_date: date("2027-01-07"),
            policy_id: "ley-1755-2015".into(),
            policy_version: "ley-1755-2015@1".into(),
            at: on("2026-11-24"),
        })]);
}

#[test]
fn classifying_topic_and_dependency_keeps_the_kind_and_the_due_date() {
    let events = Framework::with(services())
        .given(vec![petition()])
        .when(classify(None, "2026-11-24"))
        .inspect_result()
        .unwrap();
    let PqrEvent::PqrClassified(e) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!((e.kind_from, e.kind_to), (Kind::Petition, Kind::Petition));
    assert_eq!(e.due_date, date("2026-12-15"));
    assert_eq!(e.term, crate::policy::Term::business(15));
    let case = case_after(&[petition(), events[0].clone()]);
    assert_eq!(case.topic, Some(topic("Arbolado urbano")));
    assert_eq!(case.dependency, Some(dependency("Secretaría de Ambiente")));
    assert_eq!(case.status, Status::Filed);
}

#[test]
fn a_classification_must_give_something_to_classify() {
    Framework::with(services())
        .given(vec![petition()])
        .when(PqrCommand::Classify(Classify {
            kind: None,
            topic: None,
            dependency: None,
            reason: reason("nada"),
            at: on("2026-11-24"),
        }))
        .then_expect_error(PqrError::NothingToClassify);
}

#[test]
fn a_closed_case_cannot_be_classified() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-01")])
        .when(classify(Some(Kind::Claim), "2026-12-02"))
        .then_expect_error_message("the case is closed (answered)");
}

#[test]
fn no_command_can_be_dated_before_the_filing() {
    Framework::with(services())
        .given(vec![petition()])
        .when(classify(Some(Kind::Claim), "2026-11-20"))
        .then_expect_error(PqrError::BeforeFiling {
            at: on("2026-11-20"),
            received_at: at("2026-11-23T09:00:00-05:00"),
        });
}

#[test]
fn commands_on_an_unfiled_radicado_are_refused() {
    Framework::with(services())
        .given_no_previous_events()
        .when(classify(Some(Kind::Claim), "2026-11-24"))
        .then_expect_error(PqrError::NotFiled);
}

#[test]
fn an_information_request_deemed_accepted_cannot_change_kind() {
    let silence = PqrEvent::PositiveSilenceReached(PositiveSilenceReached {
        due_date: date("2026-12-07"),
        accepted_from: date("2026-12-08"),
        deliver_by: date("2026-12-11"),
        at: on("2026-12-08"),
    });
    Framework::with(services())
        .given(vec![filed(Kind::InformationRequest), silence])
        .when(classify(Some(Kind::Petition), "2026-12-09"))
        .then_expect_error(PqrError::KindFixedByPositiveSilence);
}

#[test]
fn the_first_assignment_puts_the_case_in_progress() {
    Framework::with(services())
        .given(vec![petition()])
        .when(assign(
            "Secretaría de Ambiente",
            "María Gómez",
            "2026-11-24",
        ))
        .then_expect_events(vec![assigned(
            "Secretaría de Ambiente",
            "María Gómez",
            "2026-11-24",
        )]);
    let case = case_after(&[
        petition(),
        assigned("Secretaría de Ambiente", "María Gómez", "2026-11-24"),
    ]);
    assert_eq!(case.status, Status::InProgress);
    assert_eq!(case.status.as_str(), "in_progress");
    assert_eq!(case.official, Some(official("María Gómez")));
}

#[test]
fn a_reassignment_to_another_dependency_says_the_dependency_changed() {
    let case = case_after(&[
        petition(),
        assigned("Secretaría de Ambiente", "María Gómez", "2026-11-24"),
    ]);
    assert!(case.would_change_dependency(&dependency("Secretaría de Obras")));
    assert!(!case.would_change_dependency(&dependency("Secretaría de Ambiente")));
    Framework::with(services())
        .given(vec![
            petition(),
            assigned("Secretaría de Ambiente", "María Gómez", "2026-11-24"),
        ])
        .when(PqrCommand::Assign(Assign {
            dependency: dependency("Secretaría de Obras"),
            official: official("Juan Ruiz"),
            reason: Some(reason("Es una obra pública.")),
            at: on("2026-11-25"),
        }))
        .then_expect_events(vec![PqrEvent::PqrAssigned(PqrAssigned {
            dependency: dependency("Secretaría de Obras"),
            official: official("Juan Ruiz"),
            previous_dependency: Some(dependency("Secretaría de Ambiente")),
            previous_official: Some(official("María Gómez")),
            dependency_changed: true,
            reason: Some(reason("Es una obra pública.")),
            at: on("2026-11-25"),
        })]);
}

#[test]
fn reassigning_within_the_dependency_does_not_change_it() {
    let events = Framework::with(services())
        .given(vec![
            petition(),
            assigned("Secretaría de Ambiente", "María Gómez", "2026-11-24"),
        ])
        .when(assign("Secretaría de Ambiente", "Juan Ruiz", "2026-11-25"))
        .inspect_result()
        .unwrap();
    assert!(matches!(&events[0], PqrEvent::PqrAssigned(e) if !e.dependency_changed));
}

#[test]
fn assigning_to_the_same_official_again_is_a_conflict() {
    Framework::with(services())
        .given(vec![
            petition(),
            assigned("Secretaría de Ambiente", "María Gómez", "2026-11-24"),
        ])
        .when(assign(
            "Secretaría de Ambiente",
            "María Gómez",
            "2026-11-25",
        ))
        .then_expect_error(PqrError::AlreadyAssigned);
}

#[test]
fn a_closed_case_cannot_be_assigned() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-01")])
        .when(assign(
            "Secretaría de Ambiente",
            "María Gómez",
            "2026-12-02",
        ))
        .then_expect_error(PqrError::Closed {
            status: Status::Answered,
        });
}

fn escalate(tier: u8, d: &str) -> PqrCommand {
    PqrCommand::Escalate(Escalate {
        tier: Tier::new(tier).unwrap(),
        reason: reason("Requiere concepto jurídico."),
        at: on(d),
    })
}

#[test]
fn escalation_goes_up_the_support_tiers_with_a_reason() {
    Framework::with(services())
        .given(vec![petition()])
        .when(escalate(3, "2026-11-24"))
        .then_expect_events(vec![PqrEvent::PqrEscalated(PqrEscalated {
            from_tier: Tier::FIRST,
            to_tier: Tier::new(3).unwrap(),
            reason: reason("Requiere concepto jurídico."),
            at: on("2026-11-24"),
        })]);
}

#[test]
fn escalation_to_the_same_or_a_lower_tier_is_refused() {
    let up = PqrEvent::PqrEscalated(PqrEscalated {
        from_tier: Tier::FIRST,
        to_tier: Tier::new(3).unwrap(),
        reason: reason("x"),
        at: on("2026-11-24"),
    });
    Framework::with(services())
        .given(vec![petition(), up])
        .when(escalate(2, "2026-11-25"))
        .then_expect_error(PqrError::TierNotHigher {
            current: Tier::new(3).unwrap(),
            requested: Tier::new(2).unwrap(),
        });
    Framework::with(services())
        .given(vec![petition()])
        .when(escalate(1, "2026-11-25"))
        .then_expect_error(PqrError::TierNotHigher {
            current: Tier::FIRST,
            requested: Tier::FIRST,
        });
}

#[test]
fn tiers_and_scores_outside_their_range_cannot_be_built() {
    assert!(Tier::new(0).is_err());
    assert!(Tier::new(5).is_err());
    assert!(Score::new(0).is_err());
    assert!(Score::new(6).is_err());
    assert_eq!(
        Tier::new(7).unwrap_err().to_string(),
        "tier must be between 1 and 4, got 7"
    );
    assert!(serde_json::from_str::<Tier>("9").is_err());
    assert!(serde_json::from_str::<Topic>("\"  \"").is_err());
}

#[test]
fn a_closed_case_cannot_be_escalated() {
    Framework::with(services())
        .given(vec![petition(), answered_on("2026-12-01")])
        .when(escalate(2, "2026-12-02"))
        .then_expect_error(PqrError::Closed {
            status: Status::Answered,
        });
}

fn note(d: &str) -> PqrCommand {
    PqrCommand::AddNote(AddNote {
        text: Note::parse("El peticionario llamó; es vecino del concejal.").unwrap(),
        at: on(d),
    })
}

#[test]
fn an_internal_note_is_recorded_even_on_a_closed_case() {
    for given in [
        vec![petition()],
        vec![petition(), answered_on("2026-12-01")],
    ] {
        Framework::with(services())
            .given(given)
            .when(note("2026-12-02"))
            .then_expect_events(vec![PqrEvent::InternalNoteAdded(InternalNoteAdded {
                text: Note::parse("El peticionario llamó; es vecino del concejal.").unwrap(),
                at: on("2026-12-02"),
            })]);
    }
}

#[test]
fn an_internal_note_cannot_be_dated_before_the_filing() {
    Framework::with(services())
        .given(vec![petition()])
        .when(note("2026-11-22"))
        .then_expect_error(PqrError::BeforeFiling {
            at: on("2026-11-22"),
            received_at: at("2026-11-23T09:00:00-05:00"),
        });
}

#[test]
fn public_milestones_leave_out_notes_officials_and_assignment_internals() {
    let mut history = vec![petition()];
    run(
        &mut history,
        assign("Secretaría de Ambiente", "María Gómez", "2026-11-24"),
    );
    run(&mut history, note("2026-11-24"));
    run(&mut history, escalate(2, "2026-11-25"));
    run(
        &mut history,
        classify(Some(Kind::Consultation), "2026-11-25"),
    );
    let case = case_after(&history);
    assert_eq!(case.notes.len(), 1);
    let milestones = case.public_milestones();
    let whats: Vec<_> = milestones.iter().map(|m| m.what).collect();
    assert_eq!(whats, ["filed", "in_progress", "reclassified"]);
    assert_eq!(milestones[0].at, at("2026-11-23T09:00:00-05:00"));
    assert_eq!(
        milestones[2].detail.as_deref(),
        Some("petition → consultation")
    );
    let shown = format!("{milestones:?}");
    assert!(!shown.contains("María"));
    assert!(!shown.contains("concejal"));
}

#[test]
fn a_reclassification_keeps_an_announced_extension_and_a_priority() {
    let extended = PqrEvent::TermExtended(TermExtended {
        notified_on: date("2026-12-10"),
        previous_due_date: date("2026-12-15"),
        new_due_date: date("2027-01-05"),
        cap: date("2027-01-07"),
        reasons: reason("Visita técnica."),
        at: on("2026-12-10"),
    });
    let due_after = |given: Vec<PqrEvent>, kind: Kind| {
        let mut history = given;
        run(&mut history, classify(Some(kind), "2026-12-11"));
        case_after(&history).due_date
    };
    // An information request (due 7 Dec) never comes before the announced 5 Jan; a
    // consultation (due 7 Jan) is later than it.
    assert_eq!(
        due_after(vec![petition(), extended.clone()], Kind::InformationRequest),
        date("2027-01-05")
    );
    assert_eq!(
        due_after(vec![petition(), extended], Kind::Consultation),
        date("2027-01-07")
    );
    // A priority case stays on its 5-day term (30 Nov) whatever the kind.
    let flagged = PqrEvent::PriorityFlagged(PriorityFlagged {
        reason: reason("Salud."),
        priority_term: crate::policy::Term::business(5),
        previous_due_date: date("2026-12-15"),
        new_due_date: date("2026-11-30"),
        at: on("2026-11-24"),
    });
    let mut history = vec![petition(), flagged];
    run(
        &mut history,
        classify(Some(Kind::Consultation), "2026-11-25"),
    );
    assert_eq!(case_after(&history).due_date, date("2026-11-30"));
}
