//! How each event after the filing changes the [`Case`]: pure bookkeeping, every date was
//! decided before the event was recorded.

use super::{Case, CaseAnswer, Completion, Extension, InternalNote, Notification, Priority};
use super::{Rating, Status, Step};
use crate::clock_rules::{CompletionWindow, PositiveSilence};
use crate::pqr::events::*;

impl Case {
    /// Applies an event after the filing. Pure bookkeeping: every date was decided before the
    /// event was recorded.
    pub(in crate::pqr) fn apply(&mut self, event: PqrEvent) {
        match event {
            // A second filing is refused before it is recorded; nothing to apply.
            PqrEvent::PqrFiled(_) => {}
            PqrEvent::PqrClassified(e) => {
                if e.kind_from != e.kind_to {
                    self.step(
                        e.at,
                        Step::Reclassified,
                        Some(format!("{} → {}", e.kind_from.as_str(), e.kind_to.as_str())),
                    );
                }
                if e.kind_from != e.kind_to {
                    self.due_recomputed_at = Some(e.at);
                }
                self.kind = e.kind_to;
                self.topic = e.topic;
                self.dependency = e.dependency;
                self.term = e.term;
                self.due_date = e.due_date;
                self.policy_id = e.policy_id;
                self.policy_version = e.policy_version;
            }
            PqrEvent::PqrAssigned(e) => {
                self.dependency = Some(e.dependency);
                self.official = Some(e.official);
                if self.status == Status::Filed {
                    self.status = Status::InProgress;
                    self.step(e.at, Step::InProgress, None);
                }
            }
            PqrEvent::PqrEscalated(e) => self.tier = e.to_tier,
            PqrEvent::InternalNoteAdded(e) => self.notes.push(InternalNote {
                at: e.at,
                text: e.text,
            }),
            PqrEvent::CompletionRequested(e) => {
                self.step(
                    e.at,
                    Step::CompletionRequested,
                    Some(format!("{}: {}", e.window_ends_on, e.what.as_str())),
                );
                self.status = Status::Suspended;
                self.due_date = e.due_date_on_hold;
                self.completion = Some(Completion {
                    what: e.what,
                    requested_on: e.requested_on,
                    requested_at: e.at,
                    consumed: e.consumed,
                    remaining: e.remaining,
                    window: CompletionWindow {
                        requested_on: e.requested_on,
                        supply_by: e.window_ends_on,
                        extended_to: None,
                    },
                    supplied_on: None,
                });
            }
            PqrEvent::CompletionSupplied(e) => {
                self.step(
                    e.at,
                    Step::CompletionSupplied,
                    Some(e.new_due_date.to_string()),
                );
                if let Some(c) = &mut self.completion {
                    c.supplied_on = Some(e.supplied_on);
                }
                self.due_date = e.new_due_date;
                self.due_recomputed_at = Some(e.at);
                self.status = self.working_status();
            }
            PqrEvent::CompletionWindowExtended(e) => {
                self.step(
                    e.at,
                    Step::CompletionWindowExtended,
                    Some(e.window_ends_on.to_string()),
                );
                if let Some(c) = &mut self.completion {
                    c.window.extended_to = Some(e.window_ends_on);
                }
            }
            PqrEvent::TacitWithdrawalRecorded(e) => {
                self.step(e.at, Step::WithdrawnTacitly, Some(e.reasons));
                self.close(Status::WithdrawnTacitly, e.at);
            }
            PqrEvent::TermExtended(e) => {
                self.step(
                    e.at,
                    Step::TermExtended,
                    Some(format!("{}: {}", e.new_due_date, e.reasons.as_str())),
                );
                self.due_date = e.new_due_date;
                self.due_recomputed_at = Some(e.at);
                self.extension = Some(Extension {
                    previous_due_date: e.previous_due_date,
                    new_due_date: e.new_due_date,
                    cap: e.cap,
                    reasons: e.reasons,
                    at: e.at,
                });
            }
            PqrEvent::PqrForwarded(e) => {
                self.step(
                    e.at,
                    Step::Forwarded,
                    Some(format!("{}: {}", e.authority, e.reasons.as_str())),
                );
                self.forwarded_to = Some(e.authority);
                self.forwarded_late = e.late;
                self.close(Status::Forwarded, e.at);
            }
            PqrEvent::PriorityFlagged(e) => {
                self.step(
                    e.at,
                    Step::PriorityFlagged,
                    Some(e.new_due_date.to_string()),
                );
                if e.new_due_date != e.previous_due_date {
                    self.due_recomputed_at = Some(e.at);
                }
                self.due_date = e.new_due_date;
                self.priority = Some(Priority {
                    reason: e.reason,
                    term: e.priority_term,
                    at: e.at,
                });
            }
            PqrEvent::PqrAnswered(e) => {
                self.step(e.at, Step::Answered, Some(e.outcome.as_str().to_owned()));
                self.answer = Some(CaseAnswer {
                    text: e.text,
                    outcome: e.outcome,
                    documents_delivered: e.documents_delivered,
                    answered_on: e.answered_on,
                    on_time: e.on_time,
                    business_days_taken: e.business_days_taken,
                });
                self.close(Status::Answered, e.at);
            }
            PqrEvent::ServiceRated(e) => {
                self.step(e.at, Step::Rated, Some(e.score.to_string()));
                self.rating = Some(Rating {
                    score: e.score,
                    comment: e.comment,
                    at: e.at,
                });
            }
            PqrEvent::PqrWithdrawn(e) => {
                self.step(
                    e.at,
                    Step::Withdrawn,
                    e.reason.as_ref().map(|r| r.as_str().to_owned()),
                );
                self.close(Status::Withdrawn, e.at);
            }
            PqrEvent::RadicadoVoided(e) => {
                self.step(e.at, Step::Voided, Some(e.reason.as_str().to_owned()));
                self.close(Status::Voided, e.at);
            }
            PqrEvent::PositiveSilenceReached(e) => {
                self.step(
                    e.at,
                    Step::PositiveSilenceReached,
                    Some(format!(
                        "deemed accepted from {}; copies due by {}",
                        e.accepted_from, e.deliver_by
                    )),
                );
                self.positive_silence = Some(PositiveSilence {
                    accepted_from: e.accepted_from,
                    deliver_by: e.deliver_by,
                });
            }
            PqrEvent::DueDateMovedByClosure(e) => {
                self.step(
                    e.at,
                    Step::DueDateMoved,
                    Some(format!(
                        "{}: {} ({})",
                        e.new_due_date, e.closure_date, e.legal_basis
                    )),
                );
                self.due_date = e.new_due_date;
                self.closure_moves.push(e.closure_date);
            }
            // The record of a message changes no term or status (issue 15).
            PqrEvent::PetitionerNotified(e) => {
                self.step(
                    e.at,
                    Step::PetitionerNotified,
                    Some(e.message.as_str().to_owned()),
                );
                self.notifications.push(Notification {
                    message: e.message,
                    message_id: e.message_id,
                    accepted: true,
                    at: e.at,
                });
            }
            // Issue 16: the value in force from now on (Ley 1581 de 2012 art. 8 lit. a).
            PqrEvent::PetitionerContactRectified(e) => {
                if let Some(p) = &mut self.filing.petitioner {
                    e.apply_to(p);
                }
            }
            PqrEvent::NotificationConsentWithdrawn(e) => {
                self.step(e.at, Step::NotificationConsentWithdrawn, None);
                self.notification_consent_withdrawn_at = Some(e.at);
            }
            PqrEvent::NotificationFailed(e) => {
                self.step(
                    e.at,
                    Step::NotificationFailed,
                    Some(e.message.as_str().to_owned()),
                );
                self.notifications.push(Notification {
                    message: e.message,
                    message_id: e.message_id,
                    accepted: false,
                    at: e.at,
                });
            }
        }
    }
}
