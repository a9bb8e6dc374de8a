//! The PQR aggregate: every step of a case as an immutable event (Ley 1755 de 2015; the
//! state machine and the legal basis of each transition are in docs/lifecycle.md).
//!
//! - `commands`: what staff, citizens and the system ask for; each carries the server clock
//!   at the request (`at`).
//! - `events`: the public record (past tense, versioned, never reshaped in place).
//! - `decide`: the rules that decide which event a command produces — the state guards of
//!   the case and the legal guards of [`crate::clock_rules`].
//! - `case`: the state rebuilt from the events ([`Case`], [`Status`], the public
//!   [`Milestone`]s).
//! - `values`: the newtypes the commands and events carry.

mod aggregate;
mod case;
mod commands;
mod decide;
mod error;
mod events;
mod values;

pub use aggregate::{AcceptedFiling, Pqr, PqrServices, SharedCalendar};
pub use case::{
    Case, CaseAnswer, Completion, Extension, InternalNote, Milestone, Notification, Priority,
    Rating, Status,
};
pub use commands::{
    AddNote, Answer, Assign, Classify, Escalate, ExtendCompletionWindow, ExtendTerm, FilePqr,
    FlagPriority, Forward, MoveDueDateForClosures, NewFiling, PqrCommand, Rate,
    RecordPositiveSilence, RecordTacitWithdrawal, RectifyContact, RequestCompletion,
    SupplyCompletion, Void, Withdraw, WithdrawNotificationConsent,
};
pub use error::PqrError;
pub use events::{
    CompletionRequested, CompletionSupplied, CompletionWindowExtended, DueDateMovedByClosure,
    InternalNoteAdded, NotificationConsentWithdrawn, NotificationFailed,
    PetitionerContactRectified, PetitionerNotified, PositiveSilenceReached, PqrAnswered,
    PqrAssigned, PqrClassified, PqrEscalated, PqrEvent, PqrFiled, PqrForwarded, PqrWithdrawn,
    PriorityFlagged, RadicadoVoided, ServiceRated, TacitWithdrawalRecorded, TermExtended,
};
pub use values::{
    AnswerText, Authority, Comment, Dependency, Note, Official, OutOfRange, Outcome, Score, Tier,
    Topic,
};

#[cfg(test)]
mod tests;
