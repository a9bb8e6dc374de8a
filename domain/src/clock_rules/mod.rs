//! The events that move the clock, as pure functions (docs/legal.md §5).
//!
//! Each submodule is one rule of Ley 1755 de 2015 (grep the article):
//!
//! | rule | module |
//! |---|---|
//! | art. 17 incomplete petition: suspension, resumption, completion window, tacit withdrawal | [`completion`] |
//! | art. 14 parágrafo extension up to the double of the term | [`extension`] |
//! | art. 21 forwarding to the competent authority within 5 business days | [`forwarding`] |
//! | art. 14 num. 1 positive silence and its 3-day delivery term | [`silence`] |
//! | art. 20 priority term | [`priority`] |
//! | art. 18 express withdrawal | [`withdrawal`] |
//! | how far back staff may date a receipt (art. 21 window by default) | [`backdating`] |
//!
//! Every date argument is a Bogotá **local date** (use [`crate::deadline::local_date`] on an
//! instant). The functions decide; they record nothing: the aggregate turns their answers into
//! events. A refusal is a [`ClockRuleError`] whose message names the rule.

pub mod backdating;
pub mod completion;
pub mod extension;
pub mod forwarding;
pub mod priority;
pub mod silence;
pub mod withdrawal;

pub use backdating::{check_backdating, BackdatingError, DEFAULT_MAX_BACKDATING_DAYS};
pub use completion::{
    completion_request_deadline, extend_completion_window, request_completion, resume_after_supply,
    tacit_withdrawal, CompletionWindow, Suspension, TacitWithdrawal, REQUEST_DAYS, WINDOW,
};
pub use extension::{extend_term, extension_cap, Extension, ExtensionRequest};
pub use forwarding::{forward, forwarding_deadline, Forwarding, FORWARDING_DAYS};
pub use priority::priority_due_date;
pub use silence::{positive_silence, PositiveSilence, DELIVERY_DAYS};
pub use withdrawal::{express_withdrawal, ExpressWithdrawal};

use crate::calendar::CalendarError;
use chrono::NaiveDate;

/// Why a clock-moving event is refused. Each message names the article it enforces.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockRuleError {
    /// A date involved is outside the calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),

    /// Ley 1755 de 2015 art. 17: the request to complete must come within the 10 business
    /// days following filing.
    #[error("art. 17: completion requested on {requested_on}, after the 10 business days following filing (last day {last_day})")]
    CompletionRequestLate {
        /// When the entity asked.
        requested_on: NaiveDate,
        /// The 10th business day after E.
        last_day: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: a request cannot revive a term that already ran out.
    #[error("art. 17: completion requested on {requested_on}, after the due date {due}")]
    CompletionRequestAfterDue {
        /// When the entity asked.
        requested_on: NaiveDate,
        /// The due date in force.
        due: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: the petitioner cannot supply before being asked.
    #[error("art. 17: supply on {supplied_on} precedes the completion request of {requested_on}")]
    SupplyBeforeRequest {
        /// When the petitioner supplied.
        supplied_on: NaiveDate,
        /// When the entity asked.
        requested_on: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: the completion window lapsed; the petition is deemed
    /// withdrawn (desistimiento tácito) once the entity decrees it.
    #[error("art. 17: supply on {supplied_on} after the completion window closed on {closed_on}; the petition is withdrawn (desistimiento tácito)")]
    SupplyAfterWindow {
        /// When the petitioner supplied.
        supplied_on: NaiveDate,
        /// The last day of the window.
        closed_on: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: the completion window can be extended once.
    #[error("art. 17: the completion window was already extended once")]
    CompletionWindowAlreadyExtended,
    /// Ley 1755 de 2015 art. 17: the extension must be asked before the window lapses.
    #[error("art. 17: extension of the completion window asked on {asked_on}, after it closed on {closed_on}")]
    CompletionWindowExtensionLate {
        /// When the petitioner asked.
        asked_on: NaiveDate,
        /// The last day of the window.
        closed_on: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: the extension is "hasta por un término igual" (≤ 1 month).
    #[error("art. 17: completion window extended to {granted_until}, beyond one more month (at most {at_most})")]
    CompletionWindowExtensionTooLong {
        /// The date granted.
        granted_until: NaiveDate,
        /// The latest date allowed.
        at_most: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: an extension must end after the current window.
    #[error("art. 17: completion window extension to {granted_until} does not extend the window closing on {closed_on}")]
    CompletionWindowExtensionNotLater {
        /// The date granted.
        granted_until: NaiveDate,
        /// The last day of the current window.
        closed_on: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: tacit withdrawal only once the window lapsed.
    #[error("art. 17: tacit withdrawal decreed on {decided_on} while the completion window is open until {closes_on}")]
    CompletionWindowOpen {
        /// When the entity decided.
        decided_on: NaiveDate,
        /// The last day of the window.
        closes_on: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 17: tacit withdrawal is decreed by a reasoned act.
    #[error("art. 17: tacit withdrawal needs a reasoned decision (acto administrativo motivado)")]
    TacitWithdrawalUnreasoned,

    /// Ley 1755 de 2015 art. 14 parágrafo: the extension must be notified before the term
    /// runs out.
    #[error("art. 14 parágrafo: extension after the due date (notified {notified_on}, due {due})")]
    ExtensionAfterDue {
        /// When the entity notified.
        notified_on: NaiveDate,
        /// The due date in force.
        due: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 14 parágrafo: the new term may not exceed the double.
    #[error("art. 14 parágrafo: extension to {new_due} exceeds the double of the term (at most {at_most})")]
    ExtensionExceedsDouble {
        /// The new due date asked for.
        new_due: NaiveDate,
        /// The latest date allowed.
        at_most: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 14 parágrafo: an extension must extend.
    #[error("art. 14 parágrafo: new due date {new_due} is not after the due date {due}")]
    ExtensionNotLater {
        /// The new due date asked for.
        new_due: NaiveDate,
        /// The due date in force.
        due: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 14 parágrafo: the new due date is a day the entity works.
    #[error("art. 14 parágrafo: new due date {new_due} is not a business day")]
    ExtensionNotBusinessDay {
        /// The new due date asked for.
        new_due: NaiveDate,
    },
    /// Ley 1755 de 2015 art. 14 parágrafo: the entity must state the reasons for the delay.
    #[error("art. 14 parágrafo: an extension must state the reasons for the delay")]
    ExtensionUnreasoned,
    /// Ley 1755 de 2015 art. 14 parágrafo: one extension per PQR (the choice of
    /// docs/legal.md).
    #[error("art. 14 parágrafo: the term was already extended once")]
    AlreadyExtended,

    /// Ley 1755 de 2015 art. 14 num. 1: positive silence applies to requests for documents
    /// and information only.
    #[error(
        "art. 14 num. 1: positive silence applies only to information requests, not to {kind}"
    )]
    NotAnInformationRequest {
        /// The kind given.
        kind: &'static str,
    },

    /// Ley 1755 de 2015 art. 18: a petition cannot be withdrawn before it was filed.
    #[error("art. 18: withdrawal on {withdrawn_on} precedes the filing on {received_on}")]
    WithdrawalBeforeFiling {
        /// When the petitioner withdrew.
        withdrawn_on: NaiveDate,
        /// The local receipt date.
        received_on: NaiveDate,
    },
}

#[cfg(test)]
mod tests;
