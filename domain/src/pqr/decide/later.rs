//! The decisions that do not move the term: the citizen's rating, withdrawals, voiding,
//! positive silence, closure days, and the rectification of the petitioner's contact data.

use super::Decider;
use crate::calendar::Calendar;
use crate::clock_rules;
use crate::deadline::local_date;
use crate::pqr::case::{Case, Completion};
use crate::pqr::commands::*;
use crate::pqr::error::PqrError;
use crate::pqr::events::*;

impl Decider<'_> {
    pub(super) fn rate(&self, c: Rate) -> Result<PqrEvent, PqrError> {
        self.dated(&c.at)?;
        if self.case.answer.is_none() {
            return Err(PqrError::NotAnswered);
        }
        if self.case.rating.is_some() {
            return Err(PqrError::AlreadyRated);
        }
        Ok(PqrEvent::ServiceRated(ServiceRated {
            score: c.score,
            comment: c.comment,
            at: c.at,
        }))
    }

    pub(super) fn withdraw(&self, c: Withdraw) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let w = clock_rules::express_withdrawal(self.received_on(), local_date(&c.at))?;
        Ok(PqrEvent::PqrWithdrawn(PqrWithdrawn {
            reason: c.reason,
            withdrawn_on: w.withdrawn_on,
            at: c.at,
        }))
    }

    /// Issue 15: the petitioner stops e-mail about the case, at any time (open or closed): the
    /// consent to electronic notification is revocable (CPACA art. 56; Ley 1581 de 2012 art.
    /// 9). Needs an address to stop, once.
    pub(super) fn withdraw_notification_consent(
        &self,
        c: WithdrawNotificationConsent,
    ) -> Result<PqrEvent, PqrError> {
        self.dated(&c.at)?;
        let has_email = self
            .case
            .filing
            .petitioner
            .as_ref()
            .is_some_and(|p| p.email.is_some());
        if !has_email {
            return Err(PqrError::NoEmailToStop);
        }
        if self.case.notification_consent_withdrawn_at.is_some() {
            return Err(PqrError::NotificationConsentAlreadyWithdrawn);
        }
        Ok(PqrEvent::NotificationConsentWithdrawn(
            NotificationConsentWithdrawn { at: c.at },
        ))
    }

    /// Issue 16: a contact field of an identified petitioner, to a new value (Ley 1581 de 2012
    /// art. 8 lit. a; Decreto 1377 de 2013 art. 22). Open or closed alike.
    pub(super) fn rectify_contact(&self, c: RectifyContact) -> Result<PqrEvent, PqrError> {
        self.dated(&c.at)?;
        let petitioner = self
            .case
            .filing
            .petitioner
            .as_ref()
            .ok_or(PqrError::AnonymousCase)?;
        let field = c.value.field();
        if field.of(petitioner) == Some(c.value.as_str()) {
            return Err(PqrError::ContactUnchanged {
                field: field.as_str(),
            });
        }
        Ok(PqrEvent::PetitionerContactRectified(
            PetitionerContactRectified {
                field,
                value: c.value.as_str().to_owned(),
                basis: c.basis,
                at: c.at,
            },
        ))
    }

    pub(super) fn void(&self, c: Void) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        Ok(PqrEvent::RadicadoVoided(RadicadoVoided {
            radicado: self.case.filing.radicado,
            reason: c.reason,
            at: c.at,
        }))
    }

    // ---- art. 14 num. 1: positive silence -------------------------------------------------

    pub(super) fn record_positive_silence(
        &self,
        c: RecordPositiveSilence,
    ) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        if case.positive_silence.is_some() {
            return Err(PqrError::PositiveSilenceAlreadyRecorded);
        }
        if case.suspension().is_some() {
            return Err(PqrError::Suspended);
        }
        let silence = clock_rules::positive_silence(
            self.cal,
            case.kind,
            case.due_date,
            None,
            local_date(&c.at),
        )?
        .ok_or(PqrError::PositiveSilenceNotDue { due: case.due_date })?;
        Ok(PqrEvent::PositiveSilenceReached(PositiveSilenceReached {
            due_date: case.due_date,
            accepted_from: silence.accepted_from,
            deliver_by: silence.deliver_by,
            at: c.at,
        }))
    }
}

/// Ley 4 de 1913 art. 62 ("en los plazos de días que se señalen en las leyes y actos
/// oficiales, se entienden suprimidos los feriados y de vacantes"): each closure day inside
/// the running term that the due date does not count yet ([`Case::closures_to_count`]) adds
/// one business day to it. All are judged against the due date before this decision (a
/// closure just after it is skipped by the calendar already) and chained, one event each.
pub(super) fn move_for_closures(
    case: &Case,
    cal: &Calendar,
    c: MoveDueDateForClosures,
) -> Result<Vec<PqrEvent>, PqrError> {
    if c.at < case.filing.received_at {
        return Err(PqrError::BeforeFiling {
            at: c.at,
            received_at: case.filing.received_at,
        });
    }
    let closures = case.closures_to_count(cal);
    if closures.is_empty() {
        return Err(PqrError::NoClosureToCount);
    }
    let mut due = case.due_date;
    let mut events = Vec::with_capacity(closures.len());
    for closure in closures {
        let new_due = cal.add_business_days(due, 1)?;
        events.push(PqrEvent::DueDateMovedByClosure(DueDateMovedByClosure {
            closure_date: closure.date,
            legal_basis: closure.legal_basis.clone(),
            previous_due_date: due,
            new_due_date: new_due,
            at: c.at,
        }));
        due = new_due;
    }
    Ok(events)
}

/// The reasoned decision of a tacit withdrawal, in Spanish for the citizen (Ley 1755 de 2015
/// art. 17: "se decretará el desistimiento y el archivo del expediente, mediante acto
/// administrativo motivado […] contra el cual únicamente procede recurso de reposición, sin
/// perjuicio de que la respectiva solicitud pueda ser nuevamente presentada con el lleno de
/// los requisitos legales").
pub(super) fn tacit_withdrawal_reasons(pending: &Completion) -> String {
    let extended = if pending.window_extended() {
        ", prorrogado a solicitud del peticionario,"
    } else {
        ""
    };
    format!(
        "Ley 1755 de 2015 art. 17: el {} se requirió al peticionario completar la petición \
         ({}). El término para hacerlo{} venció el {} sin que aportara lo requerido. Se \
         decreta el desistimiento tácito y el archivo del expediente. Contra esta decisión \
         procede únicamente el recurso de reposición; la petición puede presentarse de nuevo \
         con el lleno de los requisitos legales.",
        pending.requested_on,
        pending.what.as_str(),
        extended,
        pending.window_ends_on()
    )
}
