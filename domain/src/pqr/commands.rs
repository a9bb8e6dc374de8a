//! Commands on a PQR.

use crate::access_code::AccessCodeHash;
use crate::contact::{Channel, Petitioner};
use crate::kind::Kind;
use crate::radicado::Radicado;
use crate::text::{Description, Reason, Subject};
use chrono::{DateTime, FixedOffset, NaiveDate};

use super::values::{
    AnswerText, Authority, Comment, Dependency, Note, Official, Outcome, Score, Tier, Topic,
};

/// Everything a [`crate::Pqr`] can be asked to do. Every command but `File` carries `at`, the
/// server clock at the request (the domain never reads a clock); who asks (staff role,
/// citizen with the access code, system) is checked by the API and recorded in the event
/// metadata.
#[derive(Debug, Clone, PartialEq)]
pub enum PqrCommand {
    /// Register a new PQR under an allocated radicado.
    File(FilePqr),
    /// Classify or reclassify (kind, topic, dependency).
    Classify(Classify),
    /// Assign or reassign to a dependency and an official.
    Assign(Assign),
    /// Escalate to a higher support tier.
    Escalate(Escalate),
    /// Add an internal note.
    AddNote(AddNote),
    /// Ask the petitioner to complete the petition (art. 17).
    RequestCompletion(RequestCompletion),
    /// The petitioner supplies what was asked (art. 17).
    SupplyCompletion(SupplyCompletion),
    /// The petitioner gets more time to complete (art. 17).
    ExtendCompletionWindow(ExtendCompletionWindow),
    /// The system records a tacit withdrawal (art. 17).
    RecordTacitWithdrawal(RecordTacitWithdrawal),
    /// Extend the term (art. 14 parágrafo).
    ExtendTerm(ExtendTerm),
    /// Forward to the competent authority (art. 21).
    Forward(Forward),
    /// Flag as priority (art. 20).
    FlagPriority(FlagPriority),
    /// Answer and close (art. 14).
    Answer(Answer),
    /// The citizen rates the service.
    Rate(Rate),
    /// The citizen withdraws (art. 18).
    Withdraw(Withdraw),
    /// Void a radicado issued in error.
    Void(Void),
    /// The system records positive silence (art. 14 num. 1).
    RecordPositiveSilence(RecordPositiveSilence),
    /// The system moves the due date past closure days inside the running term (Ley 4 de
    /// 1913 art. 62).
    MoveDueDateForClosures(MoveDueDateForClosures),
    /// The petitioner stops e-mail about the case (issue 15; a citizen action).
    WithdrawNotificationConsent(WithdrawNotificationConsent),
    /// The data-protection officer rectifies a contact field (issue 16; Ley 1581 de 2012
    /// art. 8 lit. a).
    RectifyContact(RectifyContact),
}

/// Register a PQR (radicación). The radicado and the access-code hash come from the caller:
/// the allocator guarantees the number, the API generates the code.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePqr {
    /// The allocated number.
    pub radicado: Radicado,
    /// What is filed.
    pub kind: Kind,
    /// Subject line.
    pub subject: Subject,
    /// Body.
    pub description: Description,
    /// How it reached the entity.
    pub channel: Channel,
    /// The petitioner, or `None` for an anonymous filing.
    pub petitioner: Option<Petitioner>,
    /// Consent to the processing of personal data (Ley 1581 de 2012 art. 9).
    pub consent_personal_data: bool,
    /// When the entity received it.
    pub received_at: DateTime<FixedOffset>,
    /// Hash of the access code handed to the citizen.
    pub access_code_hash: AccessCodeHash,
}

impl FilePqr {
    /// The number and the filing it is given to.
    pub fn split(self) -> (Radicado, NewFiling) {
        let FilePqr {
            radicado,
            kind,
            subject,
            description,
            channel,
            petitioner,
            consent_personal_data,
            received_at,
            access_code_hash,
        } = self;
        (
            radicado,
            NewFiling {
                kind,
                subject,
                description,
                channel,
                petitioner,
                consent_personal_data,
                received_at,
                access_code_hash,
            },
        )
    }
}

/// A filing before its number: what [`crate::Pqr::accept_filing`] decides on. The radicado is
/// handed out only to filings the domain accepted, so a refusal never takes a number.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFiling {
    /// What is filed.
    pub kind: Kind,
    /// Subject line.
    pub subject: Subject,
    /// Body.
    pub description: Description,
    /// How it reached the entity.
    pub channel: Channel,
    /// The petitioner, or `None` for an anonymous filing.
    pub petitioner: Option<Petitioner>,
    /// Consent to the processing of personal data (Ley 1581 de 2012 art. 9).
    pub consent_personal_data: bool,
    /// When the entity received it.
    pub received_at: DateTime<FixedOffset>,
    /// Hash of the access code handed to the citizen.
    pub access_code_hash: AccessCodeHash,
}

/// Classify or reclassify a case (the PQR office's routing step): its kind, the topic (the
/// affected process) and the dependency responsible. `None` leaves a field as it is; at
/// least one field must be given. Changing the kind recomputes the term as the policy in
/// force says, from the same effective receipt date E (Ley 1755 de 2015 art. 14;
/// docs/legal.md §3–§4), keeping the effects of an art. 17 suspension, an art. 20 priority
/// and an art. 14 parágrafo extension.
#[derive(Debug, Clone, PartialEq)]
pub struct Classify {
    /// The new kind, or `None` to keep it.
    pub kind: Option<Kind>,
    /// The new topic, or `None` to keep it.
    pub topic: Option<Topic>,
    /// The new dependency responsible, or `None` to keep it. Changing an existing one is a
    /// reassignment across dependencies (supervisors only, checked by the API).
    pub dependency: Option<Dependency>,
    /// Why (recorded; a change of kind must be reasoned).
    pub reason: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Assign (or reassign) the case to a dependency and an official. The first assignment moves
/// a `filed` case to `in_progress`. Moving it to another dependency is allowed; the API
/// restricts that to supervisors ([`crate::pqr::Case::would_change_dependency`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Assign {
    /// The dependency responsible.
    pub dependency: Dependency,
    /// The official who works the case.
    pub official: Official,
    /// Why, when it is a reassignment.
    pub reason: Option<Reason>,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Escalate the case to a higher support tier (1 → 4), with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Escalate {
    /// The tier to escalate to; must be higher than the current one.
    pub tier: Tier,
    /// Why.
    pub reason: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Add an internal note, never shown to the citizen. Allowed on closed cases too (notes do
/// not change the case).
#[derive(Debug, Clone, PartialEq)]
pub struct AddNote {
    /// The note.
    pub text: Note,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Ask the petitioner to complete an incomplete petition (Ley 1755 de 2015 art. 17): only
/// within the 10 business days after E and on or before the due date, once per case. The
/// clock is suspended from the request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCompletion {
    /// What the petitioner must supply.
    pub what: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// The petitioner supplies what was asked (Ley 1755 de 2015 art. 17; a citizen action with
/// the access code): the term resumes the day after, for the remaining days.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyCompletion {
    /// What the petitioner supplies.
    pub text: Description,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// The petitioner asks, once and before the window lapses, for more time to complete
/// (Ley 1755 de 2015 art. 17: "prórroga hasta por un término igual"), up to one more month.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtendCompletionWindow {
    /// The last day asked for (moved to the next business day if it is not one).
    pub until: NaiveDate,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// The system records the tacit withdrawal (desistimiento tácito, Ley 1755 de 2015 art. 17)
/// of a petition whose completion window lapsed with nothing supplied. Issued by the
/// scheduler ([`crate::Pqr::due_system_commands`]); the reasoned decision is written by the
/// domain.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTacitWithdrawal {
    /// The scheduler's clock.
    pub at: DateTime<FixedOffset>,
}

/// Extend the term (Ley 1755 de 2015 art. 14 parágrafo): notified on or before the due date
/// in force, with reasons and a new due date not beyond the double of the term; once.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtendTerm {
    /// The new due date (a business day).
    pub new_due_date: NaiveDate,
    /// The reasons for the delay, notified to the petitioner.
    pub reasons: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Forward the case to the competent authority for lack of competence (Ley 1755 de 2015
/// art. 21), within the 5 business days after E. Closes the case as forwarded. Later it is
/// refused: a late remission is an [`Answer`] with outcome `forwarded`.
#[derive(Debug, Clone, PartialEq)]
pub struct Forward {
    /// The competent authority.
    pub authority: Authority,
    /// Why the entity is not competent.
    pub reasons: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Flag the case as priority (Ley 1755 de 2015 art. 20: a fundamental right at risk of
/// irreparable harm): the policy's shortened term applies if it ends earlier.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagPriority {
    /// Why the case is urgent.
    pub reason: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Answer the case (Ley 1755 de 2015 art. 14): the final response and its outcome. Closes
/// the case.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The response.
    pub text: AnswerText,
    /// What it decides.
    pub outcome: Outcome,
    /// For an `information_request` (art. 14 num. 1), whether the documents were delivered;
    /// required for that kind, refused for the others.
    pub documents_delivered: Option<bool>,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// The citizen rates the service after the answer, once (a citizen action with the access
/// code).
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// 1 to 5.
    pub score: Score,
    /// An optional comment.
    pub comment: Option<Comment>,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// The citizen withdraws the petition (desistimiento expreso, Ley 1755 de 2015 art. 18) at
/// any time while the case is open; the clock stops.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdraw {
    /// The citizen's reason, if given.
    pub reason: Option<Reason>,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Void a radicado issued in error (a supervisor, with the reason). The number stays in the
/// ledger, accounted for, and the case closes as voided.
#[derive(Debug, Clone, PartialEq)]
pub struct Void {
    /// Why the radicado was issued in error (e.g. "duplicado del 2026-000012").
    pub reason: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// The system records that an `information_request` was not answered by its due date and
/// is deemed accepted (Ley 1755 de 2015 art. 14 num. 1). Issued by the scheduler
/// ([`crate::Pqr::due_system_commands`]); refused with a distinct error when already
/// recorded or not yet due. The case stays open: the copies must still be delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordPositiveSilence {
    /// The scheduler's clock.
    pub at: DateTime<FixedOffset>,
}

/// The system moves the due date of an open case one business day for each closure day of the
/// entity that falls inside its running term and that the due date does not count yet (Ley 4
/// de 1913 art. 62; see [`crate::pqr::Case::closures_to_count`]). Issued by the scheduler
/// ([`crate::Pqr::due_system_commands`]); one `DueDateMovedByClosure` event per closure day.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveDueDateForClosures {
    /// The scheduler's clock.
    pub at: DateTime<FixedOffset>,
}

/// The petitioner withdraws the consent to be told by e-mail (issue 15): from then on no
/// message about the case is queued, and decisions are notified by the entity's other means
/// (Ley 1437 de 2011 arts. 56 and 67; Ley 1581 de 2012 art. 9, the holder may revoke the
/// authorisation). A citizen action with the access code; refused when the petitioner gave
/// no e-mail address or already withdrew it.
#[derive(Debug, Clone, PartialEq)]
pub struct WithdrawNotificationConsent {
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}

/// Rectify a contact field of the petitioner at the holder's request (Ley 1581 de 2012 art. 8
/// lit. a: "conocer, actualizar y rectificar"; art. 15; Decreto 1377 de 2013 art. 22: the
/// holder states the correction and supports it). An action of the data-protection officer
/// (role `privacy`), open or closed case alike: the duty to keep the file does not stop the
/// holder from correcting it. Refused for an anonymous case and for the value in force. A
/// suppressed case is refused before the command (its data is gone; the infrastructure knows).
#[derive(Debug, Clone, PartialEq)]
pub struct RectifyContact {
    /// The field and its new value, checked as at filing.
    pub value: crate::contact::ContactValue,
    /// The request and its support, in the officer's words.
    pub basis: Reason,
    /// The server clock at the request.
    pub at: DateTime<FixedOffset>,
}
