//! The state of a filed case, rebuilt from its events: what the guards and the API need.

use super::events::*;
use super::values::{AnswerText, Authority, Comment, Dependency, Note, Official, Outcome, Score};
use super::values::{Tier, Topic};
use crate::calendar::{Calendar, ClosureDay};
use crate::clock_rules::{CompletionWindow, PositiveSilence};
use crate::deadline;
use crate::kind::Kind;
use crate::policy::Term;
use crate::policy::TermUnit;
use crate::text::Reason;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

mod apply;

/// Where a case stands. The API value is [`Status::as_str`]. See docs/lifecycle.md for the
/// state machine and the legal basis of each transition.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    /// Filed (radicado) and waiting to be worked.
    Filed,
    /// Assigned to an official and being worked.
    InProgress,
    /// Awaiting the petitioner's completion; the clock is suspended (Ley 1755 de 2015
    /// art. 17).
    Suspended,
    /// Answered (Ley 1755 de 2015 art. 14). Closed.
    Answered,
    /// Forwarded to the competent authority (Ley 1755 de 2015 art. 21). Closed.
    Forwarded,
    /// Withdrawn by the petitioner (desistimiento expreso, Ley 1755 de 2015 art. 18). Closed.
    Withdrawn,
    /// Withdrawn because the completion window lapsed (desistimiento tácito, Ley 1755 de
    /// 2015 art. 17). Closed.
    WithdrawnTacitly,
    /// The radicado was issued in error and voided; the number stays accounted for. Closed.
    Voided,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; <Status as strum::VariantArray>::VARIANTS.len()] =
        all_variants!(Status);

    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the case is closed: no clock runs and only notes (and, after an answer, the
    /// rating) may follow.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Answered
                | Status::Forwarded
                | Status::Withdrawn
                | Status::WithdrawnTacitly
                | Status::Voided
        )
    }
}

/// An art. 17 request for completion and what became of it (Ley 1755 de 2015 art. 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// What the petitioner must supply.
    pub what: Reason,
    /// The local date of the request; the clock is suspended from it.
    pub requested_on: NaiveDate,
    /// When the request was made (server clock).
    pub requested_at: DateTime<FixedOffset>,
    /// The part of the term consumed before the suspension.
    pub consumed: Term,
    /// What was left at the request.
    pub remaining: Term,
    /// The petitioner's window (and its extension, once).
    pub window: CompletionWindow,
    /// When the petitioner supplied; `None` while awaited.
    pub supplied_on: Option<NaiveDate>,
}

impl Completion {
    /// The last day the petitioner may supply.
    pub fn window_ends_on(&self) -> NaiveDate {
        self.window.closes_on()
    }

    /// Whether the window was extended (it can be only once).
    pub fn window_extended(&self) -> bool {
        self.window.extended_to.is_some()
    }
}

/// The art. 20 priority flag (Ley 1755 de 2015 art. 20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    /// Why.
    pub reason: Reason,
    /// The policy's priority term.
    pub term: Term,
    /// When it was flagged.
    pub at: DateTime<FixedOffset>,
}

/// The art. 14 parágrafo extension, once per case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The due date it replaced.
    pub previous_due_date: NaiveDate,
    /// The new due date.
    pub new_due_date: NaiveDate,
    /// The double of the term, the most the law allowed.
    pub cap: NaiveDate,
    /// The reasons notified.
    pub reasons: Reason,
    /// When it was notified.
    pub at: DateTime<FixedOffset>,
}

/// The answer that closed the case (Ley 1755 de 2015 art. 14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseAnswer {
    /// The response text (shown to the citizen).
    pub text: AnswerText,
    /// What it decides.
    pub outcome: Outcome,
    /// For an information request, whether the documents were delivered.
    pub documents_delivered: Option<bool>,
    /// The local date of the answer.
    pub answered_on: NaiveDate,
    /// Whether it came on or before the due date.
    pub on_time: bool,
    /// Business days of the term used.
    pub business_days_taken: u32,
}

/// The citizen's rating of the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// 1 to 5.
    pub score: Score,
    /// The comment.
    pub comment: Option<Comment>,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// An internal note. Never shown to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternalNote {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The text.
    pub text: Note,
}

/// A step of the case the citizen may see ([`Case::public_milestones`]): no internal notes,
/// no officials, no assignment or escalation internals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// When it happened (server clock; the receipt instant for `filed`).
    pub at: DateTime<FixedOffset>,
    /// The machine name: `filed`, `reclassified`, `in_progress`, `completion_requested`,
    /// `completion_supplied`, `completion_window_extended`, `withdrawn_tacitly`,
    /// `term_extended`, `forwarded`, `priority_flagged`, `positive_silence_reached`,
    /// `due_date_moved`, `answered`, `rated`, `withdrawn`, `voided`.
    pub what: &'static str,
    /// What the citizen needs to read, if anything. By `what`:
    ///
    /// | `what` | `detail` |
    /// |---|---|
    /// | `reclassified` | `petition → consultation` |
    /// | `completion_requested` | `{last day to supply}: {what to supply}` |
    /// | `completion_supplied`, `priority_flagged` | `{new due date}` |
    /// | `completion_window_extended` | `{new last day to supply}` |
    /// | `term_extended` | `{new due date}: {reasons}` |
    /// | `forwarded` | `{authority}: {reasons}` |
    /// | `positive_silence_reached` | the acceptance date and the delivery deadline |
    /// | `due_date_moved` | `{new due date}: {closure date} ({legal basis})` |
    /// | `withdrawn_tacitly` | the reasoned decision (Spanish) |
    /// | `answered` | the outcome (`granted`, …) |
    /// | `rated` | the score |
    /// | `withdrawn` | the citizen's reason, if given |
    /// | `voided` | the reason |
    /// | `petitioner_notified`, `notification_failed` | the message (`filing_acknowledgement`, …) |
    ///
    /// Dates are ISO 8601 (`YYYY-MM-DD`); `filed` and `in_progress` have none.
    pub detail: Option<String>,
}

/// A public step as stored (the machine name as an enum so the aggregate deserializes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
enum Step {
    Filed,
    Reclassified,
    InProgress,
    CompletionRequested,
    CompletionSupplied,
    CompletionWindowExtended,
    WithdrawnTacitly,
    TermExtended,
    Forwarded,
    PriorityFlagged,
    PositiveSilenceReached,
    DueDateMoved,
    Answered,
    Rated,
    Withdrawn,
    Voided,
    PetitionerNotified,
    NotificationFailed,
    NotificationConsentWithdrawn,
}

impl Step {
    fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PublicStep {
    at: DateTime<FixedOffset>,
    what: Step,
    detail: Option<String>,
}

/// A filed case: the filing as recorded plus what later events changed. Rebuilt from the
/// events on every load; it holds only what the guards and the API need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// The filing event as recorded.
    pub filing: PqrFiled,
    /// Where it stands.
    pub status: Status,
    /// The due date in force: moved by reclassification, art. 17 completion, art. 14
    /// parágrafo extension and art. 20 priority. While suspended it is the date on hold.
    pub due_date: NaiveDate,
    /// The kind in force (the filed one until reclassified).
    pub kind: Kind,
    /// The term of `kind` under the policy (before any priority).
    pub term: Term,
    /// The policy that gives `term`.
    pub policy_id: String,
    /// Its version.
    pub policy_version: String,
    /// The topic (affected process), once classified.
    pub topic: Option<Topic>,
    /// The dependency responsible, once classified or assigned.
    pub dependency: Option<Dependency>,
    /// The official working the case. Never shown to the citizen.
    pub official: Option<Official>,
    /// The support tier (starts at 1).
    pub tier: Tier,
    /// The art. 20 priority, if flagged.
    pub priority: Option<Priority>,
    /// The art. 17 completion request, if any (one per case).
    pub completion: Option<Completion>,
    /// The art. 14 parágrafo extension, if any (one per case).
    pub extension: Option<Extension>,
    /// The art. 14 num. 1 positive silence, once reached.
    pub positive_silence: Option<PositiveSilence>,
    /// The answer, once answered.
    pub answer: Option<CaseAnswer>,
    /// The authority the case was forwarded to (art. 21).
    pub forwarded_to: Option<Authority>,
    /// Forwarded after the 5 business days of art. 21 (a fault, Ley 1755 de 2015 art. 31).
    #[serde(default)]
    pub forwarded_late: bool,
    /// The citizen's rating.
    pub rating: Option<Rating>,
    /// Internal notes, oldest first. Never shown to the citizen: the API filters them out.
    pub notes: Vec<InternalNote>,
    /// When the case closed (answered, forwarded, withdrawn, voided).
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Closure days that moved the due date (Ley 4 de 1913 art. 62), in order.
    #[serde(default)]
    pub closure_moves: Vec<NaiveDate>,
    /// The last time the due date was computed again with the calendar then in force
    /// (reclassification to another kind, art. 17 supply, art. 20 priority, art. 14 parágrafo
    /// extension): closure days declared before it are counted by it.
    #[serde(default)]
    pub due_recomputed_at: Option<DateTime<FixedOffset>>,
    /// The e-mail messages to the petitioner and what became of them, oldest first (issue 15).
    /// The address stays in the events (personal data), not here.
    #[serde(default)]
    pub notifications: Vec<Notification>,
    /// When the petitioner withdrew the consent to be told by e-mail (issue 15); from then on
    /// no message of the case is queued.
    #[serde(default)]
    pub notification_consent_withdrawn_at: Option<DateTime<FixedOffset>>,
    steps: Vec<PublicStep>,
}

/// An e-mail message to the petitioner, as recorded: accepted by the entity's SMTP server or
/// failed for good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Which message.
    pub message: crate::notification::Message,
    /// Its `Message-ID`.
    pub message_id: String,
    /// Whether the server accepted it (`false`: failed for good).
    pub accepted: bool,
    /// When it was accepted or given up.
    pub at: DateTime<FixedOffset>,
}

impl Case {
    /// The case as filed.
    pub(super) fn filed(filed: PqrFiled) -> Case {
        Case {
            status: Status::Filed,
            due_date: filed.due_date,
            kind: filed.kind,
            term: filed.term,
            policy_id: filed.policy_id.clone(),
            policy_version: filed.policy_version.clone(),
            topic: None,
            dependency: None,
            official: None,
            tier: Tier::FIRST,
            priority: None,
            completion: None,
            extension: None,
            positive_silence: None,
            answer: None,
            forwarded_to: None,
            forwarded_late: false,
            rating: None,
            notes: Vec::new(),
            closed_at: None,
            closure_moves: Vec::new(),
            due_recomputed_at: None,
            notifications: Vec::new(),
            notification_consent_withdrawn_at: None,
            steps: vec![PublicStep {
                at: filed.received_at,
                what: Step::Filed,
                detail: None,
            }],
            filing: filed,
        }
    }

    /// Whether the case is overdue at `now`: open, not suspended, and past the local
    /// midnight after the due date (docs/legal.md §4). A closed case, or one whose clock is
    /// suspended (art. 17), is never overdue.
    pub fn is_overdue<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> bool {
        !self.status.is_closed()
            && self.status != Status::Suspended
            && deadline::is_overdue(self.due_date, now)
    }

    /// The closure days of `calendar` that the due date in force must still count, in
    /// declaration order (Ley 4 de 1913 art. 62: a running term skips non-business days, so a
    /// closure day declared for a date inside it adds one business day; docs/legal.md §1).
    /// A closure day is counted already when it was in the calendar the filing used (its
    /// recorded version), when it was declared before the due date was last computed again
    /// ([`Case::due_recomputed_at`]), or when it already moved the due date. Only open cases
    /// whose clock runs and whose terms are in business days move: while suspended the
    /// resumption computes the new due date with the calendar then in force; calendar-day and
    /// month terms only move when their last day is not a business day. Empty when the filing's
    /// calendar version is unknown to `calendar` (other holiday rules): nothing is moved rather
    /// than a day counted twice.
    pub fn closures_to_count<'c>(&self, calendar: &'c Calendar) -> Vec<&'c ClosureDay> {
        let business = |t: &Term| t.unit == TermUnit::Business;
        if self.is_closed()
            || self.suspension().is_some()
            || !business(&self.term)
            || self.priority.as_ref().is_some_and(|p| !business(&p.term))
        {
            return Vec::new();
        }
        let Some(declared) = calendar.closures_declared_after(&self.filing.calendar_version) else {
            return Vec::new();
        };
        let e = self.effective_received_on();
        declared
            .iter()
            .filter(|c| !self.closure_moves.contains(&c.date))
            .filter(|c| match self.due_recomputed_at {
                None => true,
                Some(r) => c.declared_at.is_some_and(|t| t > r),
            })
            .filter(|c| e <= c.date && c.date <= self.due_date)
            .collect()
    }

    /// Whether the case is closed ([`Status::is_closed`]).
    pub fn is_closed(&self) -> bool {
        self.status.is_closed()
    }

    /// The effective receipt date E (docs/legal.md §4).
    pub fn effective_received_on(&self) -> NaiveDate {
        self.filing.effective_received_on
    }

    /// The pending art. 17 completion request while the case is suspended.
    pub fn suspension(&self) -> Option<&Completion> {
        match (&self.completion, self.status) {
            (Some(c), Status::Suspended) => Some(c),
            _ => None,
        }
    }

    /// Whether assigning to `dependency` moves the case from one dependency to another (a
    /// reassignment across dependencies, which the API reserves to supervisors). False for
    /// the first dependency.
    pub fn would_change_dependency(&self, dependency: &Dependency) -> bool {
        self.dependency.as_ref().is_some_and(|d| d != dependency)
    }

    /// The steps the citizen may see, oldest first: no internal notes, no officials, no
    /// assignment or escalation internals.
    pub fn public_milestones(&self) -> Vec<Milestone> {
        self.steps
            .iter()
            .map(|s| Milestone {
                at: s.at,
                what: s.what.as_str(),
                detail: s.detail.clone(),
            })
            .collect()
    }

    fn step(&mut self, at: DateTime<FixedOffset>, what: Step, detail: Option<String>) {
        self.steps.push(PublicStep { at, what, detail });
    }

    fn close(&mut self, status: Status, at: DateTime<FixedOffset>) {
        self.status = status;
        self.closed_at = Some(at);
    }

    /// The status an open case returns to when its clock runs again.
    fn working_status(&self) -> Status {
        if self.official.is_some() {
            Status::InProgress
        } else {
            Status::Filed
        }
    }
}
