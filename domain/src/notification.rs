//! Which messages the entity owes the petitioner by e-mail, and when (issue 15).
//!
//! Pure rules: an event of a case, with the filing that names the petitioner, either owes the
//! petitioner a message or not. The store writes the owed message into its outbox in the same
//! transaction as the event (infrastructure `outbox`), so no event loses its message.
//!
//! Two kinds of message, two rules:
//!
//! - **Communications** (acknowledgement, completion request, extension, forwarding, positive
//!   silence) tell the petitioner about the procedure. The law orders them to be told
//!   ("se le informará", "comunicar") without prescribing a form, so they go to the address
//!   the petitioner gave for the reply (Ley 1755 de 2015 arts. 14 parágrafo, 17, 21; CPACA
//!   art. 67 for decisions, below).
//! - **Notifications of decisions** (the answer; the decree of tacit withdrawal, art. 17)
//!   are sent by e-mail only when the petitioner accepted electronic notification (CPACA —
//!   Ley 1437 de 2011 — art. 56: "siempre que el administrado haya aceptado este medio de
//!   notificación"). Without that consent the entity notifies by its other means.

use crate::pqr::{PqrEvent, PqrFiled};
use serde::{Deserialize, Serialize};

/// A message the entity sends the petitioner. The stored value is [`Message::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    /// The filing was received: radicado, due date, how to follow the case (Ley 1755 de 2015
    /// art. 14: the term runs from receipt, so the petitioner is told when it ends).
    FilingAcknowledgement,
    /// The petition is incomplete: what is asked and the window to supply it (Ley 1755 de
    /// 2015 art. 17).
    CompletionRequested,
    /// The term was extended: reasons and the new date, before the term ends (Ley 1755 de
    /// 2015 art. 14 parágrafo).
    TermExtended,
    /// The entity is not competent and forwarded the petition: where it went (Ley 1755 de
    /// 2015 art. 21).
    Forwarded,
    /// The answer itself, with consent to electronic notification (Ley 1755 de 2015 art. 14;
    /// CPACA art. 56).
    Answer,
    /// The decree of tacit withdrawal, with consent to electronic notification (Ley 1755 de
    /// 2015 art. 17; CPACA art. 56).
    TacitWithdrawal,
    /// An information request unanswered in time is deemed accepted (Ley 1755 de 2015 art. 14
    /// num. 1).
    PositiveSilence,
}

impl Message {
    /// Every message.
    pub const ALL: [Message; 7] = [
        Message::FilingAcknowledgement,
        Message::CompletionRequested,
        Message::TermExtended,
        Message::Forwarded,
        Message::Answer,
        Message::TacitWithdrawal,
        Message::PositiveSilence,
    ];

    /// The stored and configured value, e.g. `filing_acknowledgement`.
    pub fn as_str(self) -> &'static str {
        match self {
            Message::FilingAcknowledgement => "filing_acknowledgement",
            Message::CompletionRequested => "completion_requested",
            Message::TermExtended => "term_extended",
            Message::Forwarded => "forwarded",
            Message::Answer => "answer",
            Message::TacitWithdrawal => "tacit_withdrawal",
            Message::PositiveSilence => "positive_silence",
        }
    }

    /// Parses [`Message::as_str`].
    pub fn parse(s: &str) -> Option<Message> {
        Message::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Whether it notifies a decision, which goes by e-mail only with the petitioner's
    /// consent to electronic notification (CPACA art. 56).
    pub fn needs_consent(self) -> bool {
        matches!(self, Message::Answer | Message::TacitWithdrawal)
    }

    /// The message `event` owes the petitioner, if any (before looking at the address).
    pub fn owed_by(event: &PqrEvent) -> Option<Message> {
        match event {
            PqrEvent::PqrFiled(_) => Some(Message::FilingAcknowledgement),
            PqrEvent::CompletionRequested(_) => Some(Message::CompletionRequested),
            PqrEvent::TermExtended(_) => Some(Message::TermExtended),
            PqrEvent::PqrForwarded(_) => Some(Message::Forwarded),
            PqrEvent::PqrAnswered(_) => Some(Message::Answer),
            PqrEvent::TacitWithdrawalRecorded(_) => Some(Message::TacitWithdrawal),
            PqrEvent::PositiveSilenceReached(_) => Some(Message::PositiveSilence),
            _ => None,
        }
    }

    /// The stored event types that may owe a message: the outbox reads only these.
    pub const CAUSES: [&'static str; 7] = [
        "PqrFiled",
        "CompletionRequested",
        "TermExtended",
        "PqrForwarded",
        "PqrAnswered",
        "TacitWithdrawalRecorded",
        "PositiveSilenceReached",
    ];
}

/// The message `event` owes the petitioner of `filing`, and the address it goes to: `None`
/// for an anonymous petitioner or one without an e-mail address, and for a decision when
/// the petitioner did not accept electronic notification (CPACA art. 56).
pub fn owed(filing: &PqrFiled, event: &PqrEvent) -> Option<(Message, String)> {
    let message = Message::owed_by(event)?;
    Some((message, recipient(filing, message)?))
}

/// The address `message` goes to, for the petitioner of `filing`: as [`owed`] says.
pub fn recipient(filing: &PqrFiled, message: Message) -> Option<String> {
    let petitioner = filing.petitioner.as_ref()?;
    let email = petitioner.email.as_ref()?;
    if message.needs_consent() && !petitioner.accepts_electronic_notification {
        return None;
    }
    Some(email.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_round_trips_and_only_decisions_need_consent() {
        for m in Message::ALL {
            assert_eq!(Message::parse(m.as_str()), Some(m));
        }
        let needing: Vec<_> = Message::ALL
            .into_iter()
            .filter(|m| m.needs_consent())
            .collect();
        assert_eq!(needing, vec![Message::Answer, Message::TacitWithdrawal]);
        assert_eq!(Message::parse("nope"), None);
    }
}
