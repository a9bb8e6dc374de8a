//! Why a command on a PQR is refused.

use super::case::Status;
use super::values::Tier;
use crate::calendar::CalendarError;
use crate::clock_rules::ClockRuleError;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// Why a command was refused. Each variant's message names the rule it enforces. The API maps
/// [`PqrError::is_state_conflict`] refusals (the case is not in a state that allows the
/// command: closed, not suspended, already rated…) to 409 and the others (a legal rule or a
/// validation says no) to 422; [`PqrError::NotFiled`] is a 404.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PqrError {
    /// `File` on a radicado that is already filed.
    #[error("radicado {0} is already filed")]
    AlreadyFiled(String),
    /// A command other than `File` on a radicado that was never filed.
    #[error("no PQR is filed under this radicado")]
    NotFiled,
    /// Personal data given without consent (Ley 1581 de 2012 art. 9).
    #[error(
        "Ley 1581 de 2012 art. 9: consent_personal_data must be true when petitioner data is given"
    )]
    ConsentRequired,
    /// The dates involved are outside the calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A rule of Ley 1755 de 2015 §4 refused it (arts. 14, 17, 18, 21); the message starts
    /// with the article.
    #[error(transparent)]
    Rule(ClockRuleError),
    /// The case is closed (answered, forwarded, withdrawn, voided): nothing but internal
    /// notes and, after an answer, the citizen's rating can follow.
    #[error("the case is closed ({})", .status.as_str())]
    Closed {
        /// How it closed.
        status: Status,
    },
    /// A command dated before the filing (the server clock at the request is earlier than
    /// the receipt).
    #[error("the command is dated {at}, before the filing received at {received_at}")]
    BeforeFiling {
        /// The command's instant.
        at: DateTime<FixedOffset>,
        /// The filing's instant.
        received_at: DateTime<FixedOffset>,
    },
    /// `Classify` with nothing to classify.
    #[error("a classification must give a kind, a topic or a dependency")]
    NothingToClassify,
    /// Ley 1755 de 2015 art. 14 num. 1: an information request already deemed accepted
    /// cannot become another kind.
    #[error("art. 14 num. 1: the information request was already deemed accepted (positive silence); its kind cannot change")]
    KindFixedByPositiveSilence,
    /// `Assign` to the dependency and official the case already has.
    #[error("the case is already assigned to this official in this dependency")]
    AlreadyAssigned,
    /// `Escalate` to a tier not higher than the current one.
    #[error("escalation must go to a higher support tier: the case is at tier {current}, asked tier {requested}")]
    TierNotHigher {
        /// The current tier.
        current: Tier,
        /// The tier asked for.
        requested: Tier,
    },
    /// Ley 1755 de 2015 art. 17: the case is suspended awaiting the petitioner's completion;
    /// the term cannot be extended nor completion asked again until it is supplied.
    #[error("art. 17: the term is suspended awaiting the petitioner's completion")]
    Suspended,
    /// Ley 1755 de 2015 art. 17: supply, window extension and tacit withdrawal need a case
    /// awaiting completion.
    #[error("art. 17: the case is not awaiting completion")]
    NotSuspended,
    /// Ley 1755 de 2015 art. 17: completion is requested once, stating everything missing
    /// (the choice of docs/lifecycle.md).
    #[error("art. 17: completion was already requested once for this case")]
    CompletionAlreadyRequested,
    /// Ley 1755 de 2015 art. 20: the case is already a priority.
    #[error("art. 20: the case is already flagged as priority")]
    AlreadyPriority,
    /// Ley 1755 de 2015 art. 14 num. 1: an answer to an information request must say
    /// whether the documents were delivered.
    #[error("art. 14 num. 1: an answer to an information request must say whether the documents were delivered")]
    DocumentsDeliveredRequired,
    /// `documents_delivered` given for a kind other than `information_request`.
    #[error(
        "documents_delivered applies only to information requests (art. 14 num. 1), not to {kind}"
    )]
    DocumentsDeliveredNotApplicable {
        /// The case's kind.
        kind: &'static str,
    },
    /// The service can only be rated after an answer.
    #[error("the service can only be rated after the case is answered")]
    NotAnswered,
    /// Issue 15: the petitioner gave no e-mail address, so there is no e-mail to stop.
    #[error("the petitioner gave no e-mail address: there is no e-mail to stop")]
    NoEmailToStop,
    /// A rectification on an anonymous case: there is no contact to rectify (Ley 1581 de 2012
    /// art. 8 lit. a is a right of an identified holder).
    #[error("Ley 1581 de 2012 art. 8 lit. a: the case is anonymous; there is no contact data to rectify")]
    AnonymousCase,
    /// A rectification to the value already in force.
    #[error("the {field} in force is already that value; nothing to rectify")]
    ContactUnchanged {
        /// The field.
        field: &'static str,
    },
    /// Issue 15: the consent to e-mail was already withdrawn.
    #[error("the consent to e-mail notification was already withdrawn")]
    NotificationConsentAlreadyWithdrawn,
    /// The service was already rated.
    #[error("the service was already rated")]
    AlreadyRated,
    /// Ley 1755 de 2015 art. 14 num. 1: positive silence was already recorded.
    #[error("art. 14 num. 1: positive silence was already recorded")]
    PositiveSilenceAlreadyRecorded,
    /// Ley 1755 de 2015 art. 14 num. 1: the information request is not yet overdue.
    #[error("art. 14 num. 1: no positive silence before the due date {due} has passed")]
    PositiveSilenceNotDue {
        /// The due date in force.
        due: NaiveDate,
    },
    /// Ley 4 de 1913 art. 62: no closure day inside the running term is left to count.
    #[error("art. 62 Ley 4 de 1913: no closure day inside the running term is left to count")]
    NoClosureToCount,
}

impl From<ClockRuleError> for PqrError {
    fn from(e: ClockRuleError) -> Self {
        match e {
            ClockRuleError::Calendar(c) => PqrError::Calendar(c),
            other => PqrError::Rule(other),
        }
    }
}

impl PqrError {
    /// Whether the refusal is a conflict with the case's current state (HTTP 409: closed,
    /// suspended or not, already assigned/rated/flagged/recorded, tier not higher) rather than
    /// a legal or validation refusal (HTTP 422). `NotFiled` is neither (404): false.
    pub fn is_state_conflict(&self) -> bool {
        match self {
            PqrError::AlreadyFiled(_)
            | PqrError::Closed { .. }
            | PqrError::AlreadyAssigned
            | PqrError::TierNotHigher { .. }
            | PqrError::Suspended
            | PqrError::NotSuspended
            | PqrError::AlreadyPriority
            | PqrError::NotAnswered
            | PqrError::AlreadyRated
            | PqrError::NoEmailToStop
            | PqrError::AnonymousCase
            | PqrError::NotificationConsentAlreadyWithdrawn
            | PqrError::PositiveSilenceAlreadyRecorded
            | PqrError::NoClosureToCount => true,
            PqrError::NotFiled
            | PqrError::ConsentRequired
            | PqrError::Calendar(_)
            | PqrError::Rule(_)
            | PqrError::BeforeFiling { .. }
            | PqrError::NothingToClassify
            | PqrError::KindFixedByPositiveSilence
            | PqrError::CompletionAlreadyRequested
            | PqrError::DocumentsDeliveredRequired
            | PqrError::DocumentsDeliveredNotApplicable { .. }
            | PqrError::PositiveSilenceNotDue { .. }
            | PqrError::ContactUnchanged { .. } => false,
        }
    }
}
