//! Events of a PQR: the public record. Never renamed or reshaped in place; a new shape gets a
//! new `event_version` and an upcaster.

use crate::access_code::AccessCodeHash;
use crate::contact::{Channel, Petitioner};
use crate::kind::Kind;
use crate::policy::Term;
use crate::radicado::Radicado;
use crate::text::{Description, Reason, Subject};
use chrono::{DateTime, FixedOffset, NaiveDate};
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use super::values::{
    AnswerText, Authority, Comment, Dependency, Note, Official, Outcome, Score, Tier, Topic,
};

/// Something that happened to a PQR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PqrEvent {
    /// The PQR was received and given its radicado.
    PqrFiled(PqrFiled),
    /// The case was classified or reclassified.
    PqrClassified(PqrClassified),
    /// The case was assigned or reassigned.
    PqrAssigned(PqrAssigned),
    /// The case went up a support tier.
    PqrEscalated(PqrEscalated),
    /// An internal note was added.
    InternalNoteAdded(InternalNoteAdded),
    /// Completion was requested; the clock is suspended (art. 17).
    CompletionRequested(CompletionRequested),
    /// The petitioner completed; the clock resumes (art. 17).
    CompletionSupplied(CompletionSupplied),
    /// The completion window was extended (art. 17).
    CompletionWindowExtended(CompletionWindowExtended),
    /// Tacit withdrawal was decreed (art. 17).
    TacitWithdrawalRecorded(TacitWithdrawalRecorded),
    /// The term was extended (art. 14 parágrafo).
    TermExtended(TermExtended),
    /// Forwarded to the competent authority (art. 21).
    PqrForwarded(PqrForwarded),
    /// Flagged as priority (art. 20).
    PriorityFlagged(PriorityFlagged),
    /// Answered (art. 14).
    PqrAnswered(PqrAnswered),
    /// The citizen rated the service.
    ServiceRated(ServiceRated),
    /// The petitioner withdrew (art. 18).
    PqrWithdrawn(PqrWithdrawn),
    /// The radicado was voided.
    RadicadoVoided(RadicadoVoided),
    /// Positive silence was reached (art. 14 num. 1).
    PositiveSilenceReached(PositiveSilenceReached),
    /// A closure day inside the running term moved the due date (Ley 4 de 1913 art. 62).
    DueDateMovedByClosure(DueDateMovedByClosure),
    /// An SMTP server accepted a message to the petitioner (issue 15).
    PetitionerNotified(PetitionerNotified),
    /// A message to the petitioner failed for good (issue 15).
    NotificationFailed(NotificationFailed),
    /// The petitioner withdrew the consent to be told by e-mail (issue 15).
    NotificationConsentWithdrawn(NotificationConsentWithdrawn),
    /// A contact field of the petitioner was rectified (issue 16; Ley 1581 de 2012 art. 8).
    PetitionerContactRectified(PetitionerContactRectified),
}

/// A PQR was filed (radicado). Carries what the record needs to stand on its own: the deadline
/// as computed at filing and the policy and calendar versions used, so a replay reproduces it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrFiled {
    /// The consecutive number issued.
    pub radicado: Radicado,
    /// What was filed.
    pub kind: Kind,
    /// Subject line.
    pub subject: Subject,
    /// Body.
    pub description: Description,
    /// How it reached the entity.
    pub channel: Channel,
    /// The petitioner; `None` when anonymous.
    pub petitioner: Option<Petitioner>,
    /// Consent to personal-data processing (Ley 1581 de 2012 art. 9).
    pub consent_personal_data: bool,
    /// When the entity received it.
    pub received_at: DateTime<FixedOffset>,
    /// Effective receipt date E (docs/legal.md §4).
    pub effective_received_on: NaiveDate,
    /// The term that applies.
    pub term: Term,
    /// The due date computed at filing.
    pub due_date: NaiveDate,
    /// The policy used, e.g. `ley-1755-2015`.
    pub policy_id: String,
    /// The version of that policy.
    pub policy_version: String,
    /// The version (hash) of the calendar used.
    pub calendar_version: String,
    /// SHA-256 of the citizen's access code.
    pub access_code_hash: AccessCodeHash,
}

/// The case was classified or reclassified (kind, topic, dependency). When the kind changed,
/// `term` and `due_date` are the ones the policy gives the new kind from the same E (Ley 1755
/// de 2015 art. 14; docs/legal.md §3–§4), with the case's suspension, priority and extension
/// effects kept; otherwise they repeat the ones in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrClassified {
    /// The kind before.
    pub kind_from: Kind,
    /// The kind after (equal to `kind_from` when only topic or dependency changed).
    pub kind_to: Kind,
    /// The topic after the classification.
    pub topic: Option<Topic>,
    /// The dependency before.
    pub dependency_from: Option<Dependency>,
    /// The dependency after.
    pub dependency: Option<Dependency>,
    /// Why.
    pub reason: Reason,
    /// The term of `kind_to` under the policy.
    pub term: Term,
    /// The due date in force after the classification (on hold while suspended).
    pub due_date: NaiveDate,
    /// The policy that gives `term`.
    pub policy_id: String,
    /// Its version.
    pub policy_version: String,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The case was assigned (or reassigned) to a dependency and an official.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrAssigned {
    /// The dependency responsible.
    pub dependency: Dependency,
    /// The official.
    pub official: Official,
    /// The dependency before, if any.
    pub previous_dependency: Option<Dependency>,
    /// The official before, if any.
    pub previous_official: Option<Official>,
    /// Whether the case moved from one dependency to another (a reassignment across
    /// dependencies, for supervisors).
    pub dependency_changed: bool,
    /// Why, if given.
    pub reason: Option<Reason>,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The case was escalated to a higher support tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrEscalated {
    /// The tier before.
    pub from_tier: Tier,
    /// The tier after.
    pub to_tier: Tier,
    /// Why.
    pub reason: Reason,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// An internal note was added. Never shown to the citizen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternalNoteAdded {
    /// The note.
    pub text: Note,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The entity asked the petitioner to complete the petition; the clock is suspended from
/// `requested_on` (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionRequested {
    /// What the petitioner must supply.
    pub what: Reason,
    /// The local date of the request.
    pub requested_on: NaiveDate,
    /// The part of the term consumed: business days strictly after E up to and including the
    /// request date (calendar days for calendar-day and month terms).
    pub consumed: Term,
    /// What is left, to run from the day after the supply.
    pub remaining: Term,
    /// The due date that was in force, now on hold.
    pub due_date_on_hold: NaiveDate,
    /// The last day the petitioner may supply: one month from the request, moved to the next
    /// business day.
    pub window_ends_on: NaiveDate,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The petitioner supplied what was asked; the term resumes on `resumes_on`, the day after,
/// for the remaining days (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionSupplied {
    /// What the petitioner supplied.
    pub text: Description,
    /// The local date of the supply.
    pub supplied_on: NaiveDate,
    /// The day the term resumes (the day after the supply).
    pub resumes_on: NaiveDate,
    /// The new due date.
    pub new_due_date: NaiveDate,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The petitioner obtained, once, more time to complete (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionWindowExtended {
    /// The local date the petitioner asked.
    pub asked_on: NaiveDate,
    /// The last day of the window before.
    pub previous_window_ends_on: NaiveDate,
    /// The last day of the extended window.
    pub window_ends_on: NaiveDate,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The entity decreed the tacit withdrawal (desistimiento tácito) of a petition whose
/// completion window lapsed with nothing supplied (Ley 1755 de 2015 art. 17). Closes the
/// case as `withdrawn_tacitly`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TacitWithdrawalRecorded {
    /// The local date of the decision.
    pub decided_on: NaiveDate,
    /// The last day of the window that lapsed.
    pub window_closed_on: NaiveDate,
    /// The reasons of the act (acto administrativo motivado), in Spanish, for the citizen.
    pub reasons: String,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The entity extended the term before it ran out (Ley 1755 de 2015 art. 14 parágrafo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermExtended {
    /// The local date the extension was notified.
    pub notified_on: NaiveDate,
    /// The due date it replaces.
    pub previous_due_date: NaiveDate,
    /// The new due date.
    pub new_due_date: NaiveDate,
    /// The latest date the law allowed (the double of the term).
    pub cap: NaiveDate,
    /// The reasons for the delay.
    pub reasons: Reason,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The case was forwarded to the competent authority (Ley 1755 de 2015 art. 21). Closes the
/// case as `forwarded`. Version 2 adds `late`: a forwarding after the 5 business days after E
/// is still owed (art. 21) and recorded as late (art. 31: the delay is a fault). Version 1
/// events read as `late: false` (late forwardings were refused then).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrForwarded {
    /// The competent authority.
    pub authority: Authority,
    /// Why the entity is not competent.
    pub reasons: Reason,
    /// The local date of the remission.
    pub forwarded_on: NaiveDate,
    /// The last day it could be forwarded (5th business day after E).
    pub last_day: NaiveDate,
    /// Forwarded after `last_day` (Ley 1755 de 2015 arts. 21 and 31).
    #[serde(default)]
    pub late: bool,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The case was flagged as priority (Ley 1755 de 2015 art. 20); the due date in force is the
/// earlier of the one before and the priority term's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityFlagged {
    /// Why.
    pub reason: Reason,
    /// The policy's priority term.
    pub priority_term: Term,
    /// The due date before.
    pub previous_due_date: NaiveDate,
    /// The due date after (never later than before).
    pub new_due_date: NaiveDate,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The case was answered (Ley 1755 de 2015 art. 14). Closes the case as `answered`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrAnswered {
    /// The response.
    pub text: AnswerText,
    /// What it decides.
    pub outcome: Outcome,
    /// For an information request, whether the documents were delivered.
    pub documents_delivered: Option<bool>,
    /// The local date of the answer.
    pub answered_on: NaiveDate,
    /// The due date in force when answered.
    pub due_date: NaiveDate,
    /// Whether it was answered on or before the due date (always true while the clock was
    /// suspended).
    pub on_time: bool,
    /// Business days of the term used: after E up to the answer, without the days the clock
    /// was suspended.
    pub business_days_taken: u32,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The citizen rated the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRated {
    /// 1 to 5.
    pub score: Score,
    /// The citizen's comment.
    pub comment: Option<Comment>,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The petitioner withdrew the petition (desistimiento expreso, Ley 1755 de 2015 art. 18).
/// Closes the case as `withdrawn`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PqrWithdrawn {
    /// The citizen's reason, if given.
    pub reason: Option<Reason>,
    /// The local date of the withdrawal.
    pub withdrawn_on: NaiveDate,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// A radicado issued in error was voided. The number stays in the ledger, accounted for;
/// the case closes as `voided`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RadicadoVoided {
    /// The radicado voided.
    pub radicado: Radicado,
    /// Why it was issued in error.
    pub reason: Reason,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// An information request was not answered by its due date and is deemed accepted (Ley 1755
/// de 2015 art. 14 num. 1). The case stays open: the copies must be delivered by
/// `deliver_by`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositiveSilenceReached {
    /// The due date that passed.
    pub due_date: NaiveDate,
    /// The first day the request is deemed accepted (the day after the due date).
    pub accepted_from: NaiveDate,
    /// The last day to deliver the copies (3rd business day after the due date).
    pub deliver_by: NaiveDate,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// A closure day of the entity, declared after the due date in force was computed, falls
/// inside the case's running term: the term skips it (Ley 4 de 1913 art. 62: "se entienden
/// suprimidos los feriados y de vacantes"; docs/legal.md §1), so the due date moves one
/// business day. Recorded by the scheduler on each affected open case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueDateMovedByClosure {
    /// The closed date.
    pub closure_date: NaiveDate,
    /// The act that closed it (as declared), e.g. "Resolución 123 de 2026".
    pub legal_basis: String,
    /// The due date before.
    pub previous_due_date: NaiveDate,
    /// The due date after: one business day later.
    pub new_due_date: NaiveDate,
    /// When (the scheduler's clock).
    pub at: DateTime<FixedOffset>,
}

/// The entity's SMTP server accepted a message to the petitioner: the record of when and how
/// the petitioner was told (Ley 1755 de 2015 arts. 14, 17, 21; CPACA art. 56 for decisions).
/// Accepted by the server is what the entity can prove; the mailbox's own delivery is not
/// known to it. Recorded by the outbox deliverer, after the server's reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionerNotified {
    /// Which message (`filing_acknowledgement`, `answer`, …).
    pub message: crate::notification::Message,
    /// The address it was sent to.
    pub to: crate::contact::Email,
    /// The message's `Message-ID` header, stable across retries.
    pub message_id: String,
    /// The sequence of the event that caused it, in this case's stream.
    pub caused_by: u64,
    /// The SMTP server's reply to the message, e.g. `250 OK queued as …`.
    pub server_reply: String,
    /// When the server accepted it (server clock).
    pub at: DateTime<FixedOffset>,
}

/// A message to the petitioner could not be sent: the server refused it for good (a 5xx
/// reply) or every retry failed. The message is kept in the outbox, marked failed, and an
/// alert is raised: the entity must tell the petitioner by other means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationFailed {
    /// Which message.
    pub message: crate::notification::Message,
    /// The address it was for.
    pub to: crate::contact::Email,
    /// Its `Message-ID`.
    pub message_id: String,
    /// The sequence of the event that caused it.
    pub caused_by: u64,
    /// The last error (the server's reply or the connection error), without credentials.
    pub error: String,
    /// How many attempts were made.
    pub attempts: u32,
    /// When it was given up (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The petitioner withdrew the consent to be told by e-mail about the case (CPACA — Ley 1437
/// de 2011 — art. 56: electronic notification only while the petitioner accepts it; Ley 1581
/// de 2012 art. 9). From this event on no message of the case is queued, and messages queued
/// but not yet sent are cancelled in the same transaction (infrastructure `outbox`); decisions
/// are then notified by the entity's other means (CPACA arts. 67–69).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationConsentWithdrawn {
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

/// The data-protection officer rectified a contact field of the petitioner at the holder's
/// request (Ley 1581 de 2012 art. 8 lit. a and art. 15; Decreto 1377 de 2013 art. 22). From
/// this event on the case answers with `value` (tracking, views, e-mail). `value` is personal
/// data, sealed under the case's key like the filing (`crate::personal_data`); the old value
/// stays, sealed, in the filing or the earlier rectification: the log is never rewritten.
/// `value` is a string, not the field's newtype, so a suppressed case still reads ("dato
/// suprimido").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionerContactRectified {
    /// Which field.
    pub field: crate::contact::ContactField,
    /// The new value, checked as at filing when it was decided.
    pub value: String,
    /// The request and its support, in the officer's words (e.g. "Solicitud de la titular del
    /// 3 de marzo, con copia de la cédula").
    pub basis: Reason,
    /// When (server clock).
    pub at: DateTime<FixedOffset>,
}

impl PetitionerContactRectified {
    /// Puts the rectified value into the petitioner `p` (the case's state, and the outbox's
    /// copy of the filing: one rule for both). A value that no longer reads as one (the case's
    /// key destroyed: "dato suprimido") is kept as recorded, but is no e-mail address to write
    /// to.
    pub fn apply_to(&self, p: &mut Petitioner) {
        use crate::contact::{ContactField, ContactValue};
        match ContactValue::parse(self.field, &self.value) {
            Ok(v) => v.set_on(p),
            Err(_) if self.field == ContactField::Email => p.email = None,
            Err(_) => ContactValue::recorded(self.field, self.value.clone()).set_on(p),
        }
    }
}

impl DomainEvent for PqrEvent {
    fn event_type(&self) -> String {
        match self {
            PqrEvent::PqrFiled(_) => "PqrFiled",
            PqrEvent::PqrClassified(_) => "PqrClassified",
            PqrEvent::PqrAssigned(_) => "PqrAssigned",
            PqrEvent::PqrEscalated(_) => "PqrEscalated",
            PqrEvent::InternalNoteAdded(_) => "InternalNoteAdded",
            PqrEvent::CompletionRequested(_) => "CompletionRequested",
            PqrEvent::CompletionSupplied(_) => "CompletionSupplied",
            PqrEvent::CompletionWindowExtended(_) => "CompletionWindowExtended",
            PqrEvent::TacitWithdrawalRecorded(_) => "TacitWithdrawalRecorded",
            PqrEvent::TermExtended(_) => "TermExtended",
            PqrEvent::PqrForwarded(_) => "PqrForwarded",
            PqrEvent::PriorityFlagged(_) => "PriorityFlagged",
            PqrEvent::PqrAnswered(_) => "PqrAnswered",
            PqrEvent::ServiceRated(_) => "ServiceRated",
            PqrEvent::PqrWithdrawn(_) => "PqrWithdrawn",
            PqrEvent::RadicadoVoided(_) => "RadicadoVoided",
            PqrEvent::PositiveSilenceReached(_) => "PositiveSilenceReached",
            PqrEvent::DueDateMovedByClosure(_) => "DueDateMovedByClosure",
            PqrEvent::PetitionerNotified(_) => "PetitionerNotified",
            PqrEvent::NotificationFailed(_) => "NotificationFailed",
            PqrEvent::NotificationConsentWithdrawn(_) => "NotificationConsentWithdrawn",
            PqrEvent::PetitionerContactRectified(_) => "PetitionerContactRectified",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        // A reshaped event gets the next number and an upcaster (serde defaults suffice for
        // added fields).
        match self {
            PqrEvent::PqrFiled(_) => "1",
            PqrEvent::PqrClassified(_) => "1",
            PqrEvent::PqrAssigned(_) => "1",
            PqrEvent::PqrEscalated(_) => "1",
            PqrEvent::InternalNoteAdded(_) => "1",
            PqrEvent::CompletionRequested(_) => "1",
            PqrEvent::CompletionSupplied(_) => "1",
            PqrEvent::CompletionWindowExtended(_) => "1",
            PqrEvent::TacitWithdrawalRecorded(_) => "1",
            PqrEvent::TermExtended(_) => "1",
            // 2: `late` added (a version-1 payload reads as `late: false`).
            PqrEvent::PqrForwarded(_) => "2",
            PqrEvent::PriorityFlagged(_) => "1",
            PqrEvent::PqrAnswered(_) => "1",
            PqrEvent::ServiceRated(_) => "1",
            PqrEvent::PqrWithdrawn(_) => "1",
            PqrEvent::RadicadoVoided(_) => "1",
            PqrEvent::PositiveSilenceReached(_) => "1",
            PqrEvent::DueDateMovedByClosure(_) => "1",
            PqrEvent::PetitionerNotified(_) => "1",
            PqrEvent::NotificationFailed(_) => "1",
            PqrEvent::NotificationConsentWithdrawn(_) => "1",
            PqrEvent::PetitionerContactRectified(_) => "1",
        }
        .to_owned()
    }
}

impl PqrEvent {
    /// One upcasting step: when a stored body of `event_type` at `version` has a newer shape,
    /// rewrites `payload` (the stored JSON, `{"<event type>": {..}}`) into the next version and
    /// returns that version; `None` when it is already current. The log is never rewritten:
    /// readers upcast as they decode (`pqrs_projections::record::decode`), step by step until
    /// `None`.
    pub fn upcast_step(
        event_type: &str,
        version: &str,
        payload: &mut serde_json::Value,
    ) -> Option<&'static str> {
        match (event_type, version) {
            // 1 → 2: `late` added. Late forwardings were refused under version 1, so every
            // version-1 forwarding was on time (Ley 1755 de 2015 art. 21; docs/legal.md).
            ("PqrForwarded", "1") => {
                if let Some(body) = payload
                    .get_mut("PqrForwarded")
                    .and_then(serde_json::Value::as_object_mut)
                {
                    body.entry("late").or_insert(serde_json::Value::Bool(false));
                }
                Some("2")
            }
            _ => None,
        }
    }
}
