//! Given/when/then tests of the PQR aggregate, one module per part of a case's life. Dates
//! are computed by hand from the Colombian calendar (8 and 25 December 2026, 1 January 2027
//! and Reyes Magos moved to Monday 11 January 2027 are holidays).

mod classification;
mod closing;
mod completion;
mod consent;
mod rectification;
mod scheduler;
mod terms;
mod walkthrough;

use super::*;
use crate::access_code::AccessCode;
use crate::contact::{Channel, Petitioner, RawPetitioner};
use crate::kind::Kind;
use crate::radicado::Radicado;
use crate::text::{Description, Subject};
use chrono::{DateTime, NaiveDate};
use cqrs_es::test::TestFramework;

type Framework = TestFramework<Pqr>;

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// 10:00 Bogotá time on the local date `d`.
fn on(d: &str) -> DateTime<chrono::FixedOffset> {
    at(&format!("{d}T10:00:00-05:00"))
}

fn reason(s: &str) -> crate::text::Reason {
    crate::text::Reason::parse(s).unwrap()
}

fn services() -> PqrServices {
    PqrServices::default()
}

/// The filing of a `kind` received Monday 2026-11-23 09:00 (E = 2026-11-23), as the
/// aggregate decides it: a petition is due 2026-12-15, an information request 2026-12-07.
fn filed(kind: Kind) -> PqrEvent {
    let mut cmd = file("2026-11-23T09:00:00-05:00", None, false);
    cmd.kind = kind;
    PqrEvent::PqrFiled(Pqr::default().decide_filing(cmd, &services()).unwrap())
}

/// A petition filed on the worked example's date (E = 2026-11-23, due 2026-12-15).
fn petition() -> PqrEvent {
    filed(Kind::Petition)
}

/// The aggregate after `events`.
fn replay(events: &[PqrEvent]) -> Pqr {
    let mut pqr = Pqr::default();
    for e in events {
        cqrs_es::Aggregate::apply(&mut pqr, e.clone());
    }
    pqr
}

/// The case after `events`.
fn case_after(events: &[PqrEvent]) -> Case {
    replay(events).case().unwrap().clone()
}

/// Decides `command` on the aggregate rebuilt from `history` and appends its events.
fn run(history: &mut Vec<PqrEvent>, command: PqrCommand) -> Vec<PqrEvent> {
    let events = replay(history).decide(command, &services()).unwrap();
    history.extend(events.clone());
    events
}

fn answered_on(d: &str) -> PqrEvent {
    PqrEvent::PqrAnswered(PqrAnswered {
        text: AnswerText::parse("Se concede la poda.").unwrap(),
        outcome: Outcome::Granted,
        documents_delivered: None,
        answered_on: date(d),
        due_date: date("2026-12-15"),
        on_time: date(d) <= date("2026-12-15"),
        business_days_taken: 0,
        at: on(d),
    })
}

fn file(received_at: &str, petitioner: Option<Petitioner>, consent: bool) -> FilePqr {
    FilePqr {
        radicado: Radicado::new(2026, 1).unwrap(),
        kind: Kind::Petition,
        subject: Subject::parse("Poda de árbol").unwrap(),
        description: Description::parse("Solicito la poda del árbol frente al número 12.").unwrap(),
        channel: Channel::Web,
        petitioner,
        consent_personal_data: consent,
        received_at: at(received_at),
        access_code_hash: AccessCode::from_random_bytes([1; 13]).hash(),
    }
}

fn ana() -> Petitioner {
    Petitioner::new(RawPetitioner {
        name: Some("Ana Pérez"),
        email: Some("ana@example.co"),
        ..Default::default()
    })
    .unwrap()
}

fn expected_filing(cmd: &FilePqr, effective: &str, due: &str) -> PqrFiled {
    PqrFiled {
        radicado: cmd.radicado,
        kind: cmd.kind,
        subject: cmd.subject.clone(),
        description: cmd.description.clone(),
        channel: cmd.channel,
        petitioner: cmd.petitioner.clone(),
        consent_personal_data: cmd.consent_personal_data,
        received_at: cmd.received_at,
        effective_received_on: date(effective),
        term: crate::policy::Term::business(15),
        due_date: date(due),
        policy_id: "ley-1755-2015".into(),
        policy_version: "ley-1755-2015@1".into(),
        calendar_version: crate::Calendar::colombia().version().to_owned(),
        access_code_hash: cmd.access_code_hash.clone(),
    }
}

#[test]
fn filing_records_the_due_date_of_the_worked_example() {
    // docs/legal.md §4: received Monday 2026-11-23 09:00 −05:00, 15 business days →
    // due 2026-12-15 (8 December is a holiday).
    let cmd = file("2026-11-23T09:00:00-05:00", Some(ana()), true);
    let expected = expected_filing(&cmd, "2026-11-23", "2026-12-15");
    Framework::with(PqrServices::default())
        .given_no_previous_events()
        .when(PqrCommand::File(cmd))
        .then_expect_events(vec![PqrEvent::PqrFiled(expected)]);
}

#[test]
fn filing_on_a_saturday_starts_the_term_on_monday() {
    let cmd = file("2026-11-21T10:00:00-05:00", None, false);
    let expected = expected_filing(&cmd, "2026-11-23", "2026-12-15");
    Framework::with(PqrServices::default())
        .given_no_previous_events()
        .when(PqrCommand::File(cmd))
        .then_expect_events(vec![PqrEvent::PqrFiled(expected)]);
}

#[test]
fn filing_with_personal_data_requires_consent() {
    Framework::with(PqrServices::default())
        .given_no_previous_events()
        .when(PqrCommand::File(file(
            "2026-11-23T09:00:00-05:00",
            Some(ana()),
            false,
        )))
        .then_expect_error(PqrError::ConsentRequired);
}

#[test]
fn a_radicado_cannot_be_filed_twice() {
    let cmd = file("2026-11-23T09:00:00-05:00", None, false);
    let earlier = expected_filing(&cmd, "2026-11-23", "2026-12-15");
    Framework::with(PqrServices::default())
        .given(vec![PqrEvent::PqrFiled(earlier)])
        .when(PqrCommand::File(cmd))
        .then_expect_error(PqrError::AlreadyFiled("2026-000001".into()));
}

#[test]
fn filing_outside_the_calendar_is_refused() {
    let cmd = file("1983-12-30T09:00:00-05:00", None, false);
    Framework::with(PqrServices::default())
        .given_no_previous_events()
        .when(PqrCommand::File(cmd))
        .then_expect_error(PqrError::Calendar(crate::CalendarError::OutOfRange {
            date: date("1983-12-30"),
        }));
}
