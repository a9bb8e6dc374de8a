//! The rules of a PQR.

use super::case::Case;
use super::commands::{
    FilePqr, MoveDueDateForClosures, NewFiling, PqrCommand, RecordPositiveSilence,
    RecordTacitWithdrawal,
};
use super::error::PqrError;
use super::events::{PqrEvent, PqrFiled};
use crate::calendar::Calendar;
use crate::clock_rules;
use crate::deadline;
use crate::policy::PolicyBook;
use chrono::{DateTime, FixedOffset};
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, PoisonError, RwLock};

/// The PQR aggregate: a case's whole life as immutable events. `Default` is the
/// not-yet-filed state. Commands are decided by [`Pqr::decide`] (pure: the calendar and
/// policies come from [`PqrServices`], instants from the commands) and events applied by
/// `Aggregate::apply`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pqr {
    case: Option<Case>,
}

impl Pqr {
    /// The case, once filed.
    pub fn case(&self) -> Option<&Case> {
        self.case.as_ref()
    }
}

/// The calendar in force, shared, and moved forward at run time as closure days are declared
/// ([`SharedCalendar::advance`]). Reading it is a clone of an `Arc`; no I/O.
#[derive(Debug, Clone)]
pub struct SharedCalendar(Arc<RwLock<Arc<Calendar>>>);

impl SharedCalendar {
    /// Wraps a calendar.
    pub fn new(calendar: Calendar) -> Self {
        SharedCalendar(Arc::new(RwLock::new(Arc::new(calendar))))
    }

    /// The calendar in force now.
    pub fn current(&self) -> Arc<Calendar> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Puts `calendar` in force unless the one in force already has more closure days, and
    /// says whether it did. Closure days are only ever added (a declaration is an event of the
    /// log and has no withdrawal), so a calendar with fewer is a read of the log older than the
    /// one already in force: a refresh that loaded before a declaration and finished after the
    /// declaring request had put the newer calendar in force. The check and the replacement
    /// are made under one lock. There is no other way to change it.
    pub fn advance(&self, calendar: Calendar) -> bool {
        let mut g = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if calendar.closures().len() < g.closures().len() {
            return false;
        }
        *g = Arc::new(calendar);
        true
    }
}

/// What the aggregate needs from outside: the calendar and the policies in force. Pure data.
#[derive(Debug, Clone)]
pub struct PqrServices {
    /// The calendar in force.
    pub calendar: SharedCalendar,
    /// The policies by effective date.
    pub policies: PolicyBook,
    /// The most business days a staff-given receipt date may lie before the filing
    /// ([`clock_rules::check_backdating`]; setting `max_backdating_days`).
    pub max_backdating_days: u32,
}

impl Default for PqrServices {
    fn default() -> Self {
        PqrServices {
            calendar: SharedCalendar::new(Calendar::colombia()),
            policies: PolicyBook::colombia(),
            max_backdating_days: clock_rules::DEFAULT_MAX_BACKDATING_DAYS,
        }
    }
}

impl Pqr {
    /// Decides the `PqrFiled` event of a filing under its allocated radicado: the filing
    /// decision of [`Pqr::accept_filing`], numbered. Refused on a case already filed.
    pub fn decide_filing(
        &self,
        cmd: FilePqr,
        services: &PqrServices,
    ) -> Result<PqrFiled, PqrError> {
        if let Some(case) = &self.case {
            return Err(PqrError::AlreadyFiled(case.filing.radicado.to_string()));
        }
        let (radicado, filing) = cmd.split();
        Ok(Pqr::accept_filing(filing, services)?.numbered(radicado))
    }

    /// The filing decision, before any number is taken: the consent rule, then the effective
    /// receipt date and the due date under the policy in force at the local receipt date
    /// (docs/legal.md §3 "Policies" and §4 "Due dates"; Ley 1755 de 2015 art. 14). Pure:
    /// the calendar and the policies come from `services`, the instant from the filing.
    pub fn accept_filing(
        filing: NewFiling,
        services: &PqrServices,
    ) -> Result<AcceptedFiling, PqrError> {
        // Ley 1581 de 2012 art. 9: personal data only with the holder's prior consent.
        if filing.petitioner.is_some() && !filing.consent_personal_data {
            return Err(PqrError::ConsentRequired);
        }
        let calendar = services.calendar.current();
        // The policy in force at the receipt date, or a later one when it covers cases still
        // in progress (Decreto 491 de 2020 art. 5; docs/legal.md §3 "Policies"). The same
        // function answers the public calculator and `pqrs deadline`.
        let deadline =
            services
                .policies
                .deadline_for(&calendar, filing.kind, &filing.received_at)?;
        let case_term = deadline.case_term;
        Ok(AcceptedFiling {
            effective_received_on: deadline.effective_received_on,
            term: case_term.term,
            due_date: case_term.due_date,
            policy_id: case_term.policy_id,
            policy_version: case_term.policy_version,
            calendar_version: calendar.version().to_owned(),
            filing,
        })
    }
}

/// A filing the domain accepted ([`Pqr::accept_filing`]): every rule decided, only the
/// radicado missing. [`AcceptedFiling::numbered`] makes it the `PqrFiled` event.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptedFiling {
    filing: NewFiling,
    effective_received_on: chrono::NaiveDate,
    term: crate::policy::Term,
    due_date: chrono::NaiveDate,
    policy_id: String,
    policy_version: String,
    calendar_version: String,
}

impl AcceptedFiling {
    /// When the entity received it (its local year picks the radicado's counter).
    pub fn received_at(&self) -> DateTime<FixedOffset> {
        self.filing.received_at
    }

    /// The `PqrFiled` event of this filing under `radicado`.
    pub fn numbered(self, radicado: crate::Radicado) -> PqrFiled {
        let NewFiling {
            kind,
            subject,
            description,
            channel,
            petitioner,
            consent_personal_data,
            received_at,
            access_code_hash,
        } = self.filing;
        PqrFiled {
            radicado,
            kind,
            subject,
            description,
            channel,
            petitioner,
            consent_personal_data,
            received_at,
            effective_received_on: self.effective_received_on,
            term: self.term,
            due_date: self.due_date,
            policy_id: self.policy_id,
            policy_version: self.policy_version,
            calendar_version: self.calendar_version,
            access_code_hash,
        }
    }
}

impl Pqr {
    /// The system decisions due at `now`, for the scheduler (`pqrs serve`, `pqrs jobs run`):
    /// a [`RecordTacitWithdrawal`] when the case awaits completion and its window closed
    /// before `now`'s local date (Ley 1755 de 2015 art. 17), or a [`RecordPositiveSilence`]
    /// when an open `information_request` is past its due date with no silence recorded yet
    /// (art. 14 num. 1), or a [`MoveDueDateForClosures`] when closure days inside the running
    /// term are not counted by the due date yet (Ley 4 de 1913 art. 62). Each mirrors the
    /// guards of its command, so once its event is applied the next call returns nothing:
    /// running the scheduler twice is harmless.
    pub fn due_system_commands(
        &self,
        now: DateTime<FixedOffset>,
        services: &PqrServices,
    ) -> Vec<PqrCommand> {
        let Some(case) = &self.case else {
            return Vec::new();
        };
        if case.is_closed() || now < case.filing.received_at {
            return Vec::new();
        }
        let today = deadline::local_date(&now);
        if let Some(pending) = case.suspension() {
            if today > pending.window_ends_on() {
                return vec![PqrCommand::RecordTacitWithdrawal(RecordTacitWithdrawal {
                    at: now,
                })];
            }
            return Vec::new();
        }
        let calendar = services.calendar.current();
        let mut commands = Vec::new();
        // Ley 4 de 1913 art. 62: closure days inside the running term move the due date,
        // before the due date is judged for positive silence.
        if !case.closures_to_count(&calendar).is_empty() {
            commands.push(PqrCommand::MoveDueDateForClosures(MoveDueDateForClosures {
                at: now,
            }));
            return commands;
        }
        if case.positive_silence.is_none() {
            let silence =
                clock_rules::positive_silence(&calendar, case.kind, case.due_date, None, today);
            if matches!(silence, Ok(Some(_))) {
                commands.push(PqrCommand::RecordPositiveSilence(RecordPositiveSilence {
                    at: now,
                }));
            }
        }
        commands
    }
}

impl Aggregate for Pqr {
    const TYPE: &'static str = "Pqr";
    type Command = PqrCommand;
    type Event = PqrEvent;
    type Error = PqrError;
    type Services = PqrServices;

    async fn handle(
        &mut self,
        command: Self::Command,
        services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command, services)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match (&mut self.case, event) {
            (None, PqrEvent::PqrFiled(filed)) => self.case = Some(Case::filed(filed)),
            (Some(case), event) => case.apply(event),
            // Only a filing opens a case; `decide` never produces anything else before it.
            (None, _) => {}
        }
    }
}
