//! Issue 16: the petitioner's contact data rectified (Ley 1581 de 2012 art. 8 lit. a; Decreto
//! 1377 de 2013 art. 22).

use super::*;
use crate::contact::{ContactField, ContactValue};

fn filed_by(petitioner: Option<Petitioner>) -> PqrEvent {
    let consent = petitioner.is_some();
    let cmd = file("2026-11-23T09:00:00-05:00", petitioner, consent);
    PqrEvent::PqrFiled(Pqr::default().decide_filing(cmd, &services()).unwrap())
}

fn rectify(field: ContactField, value: &str, d: &str) -> PqrCommand {
    PqrCommand::RectifyContact(RectifyContact {
        value: ContactValue::parse(field, value).unwrap(),
        basis: reason("Solicitud de la titular con copia de la cédula"),
        at: on(d),
    })
}

#[test]
fn a_rectified_email_is_the_one_in_force_even_after_the_answer() {
    let mut history = vec![filed_by(Some(ana())), answered_on("2026-12-01")];
    let events = run(
        &mut history,
        rectify(ContactField::Email, "ana.nueva@example.co", "2026-12-02"),
    );
    assert_eq!(
        events,
        vec![PqrEvent::PetitionerContactRectified(
            PetitionerContactRectified {
                field: ContactField::Email,
                value: "ana.nueva@example.co".into(),
                basis: reason("Solicitud de la titular con copia de la cédula"),
                at: on("2026-12-02"),
            }
        )]
    );
    let p = case_after(&history).filing.petitioner.unwrap();
    assert_eq!(p.email.unwrap().as_str(), "ana.nueva@example.co");
    assert_eq!(p.name, ana().name, "the rest of the petitioner stays");
}

#[test]
fn an_address_can_be_given_where_there_was_none() {
    let mut history = vec![filed_by(Some(ana()))];
    run(
        &mut history,
        rectify(ContactField::Address, "Carrera 7 # 8-9", "2026-11-24"),
    );
    let p = case_after(&history).filing.petitioner.unwrap();
    assert_eq!(p.address.as_deref(), Some("Carrera 7 # 8-9"));
}

#[test]
fn the_value_in_force_and_an_anonymous_case_are_refused() {
    let current = ana().email.unwrap();
    let history = vec![filed_by(Some(ana()))];
    let same = replay(&history).decide(
        rectify(ContactField::Email, current.as_str(), "2026-11-24"),
        &services(),
    );
    assert_eq!(same, Err(PqrError::ContactUnchanged { field: "email" }));
    assert!(!same.unwrap_err().is_state_conflict());
    let anonymous = vec![filed_by(None)];
    let refused = replay(&anonymous).decide(
        rectify(ContactField::Phone, "3001112233", "2026-11-24"),
        &services(),
    );
    assert_eq!(refused, Err(PqrError::AnonymousCase));
    assert!(PqrError::AnonymousCase.is_state_conflict());
}

#[test]
fn a_suppressed_value_is_shown_as_recorded_but_is_no_address() {
    let mut history = vec![filed_by(Some(ana()))];
    for (field, value) in [
        (ContactField::Email, "dato suprimido"),
        (ContactField::Phone, "dato suprimido"),
    ] {
        history.push(PqrEvent::PetitionerContactRectified(
            PetitionerContactRectified {
                field,
                value: value.into(),
                basis: reason("x"),
                at: on("2026-11-24"),
            },
        ));
    }
    let p = case_after(&history).filing.petitioner.unwrap();
    assert_eq!(p.email, None);
    assert_eq!(p.phone.unwrap().as_str(), "dato suprimido");
}
