//! What the reports need of one case, as of the report's position and instant.

use super::stats::business_days_used;
use crate::deadline_view::{deadline_view, AlertThresholds, DeadlineInput};
use chrono::{DateTime, FixedOffset, NaiveDate};
use pqrs_domain::deadline::local_date;
use pqrs_domain::pqr::{Case, Outcome, Status};
use pqrs_domain::{Calendar, CalendarError, Channel, Kind};

/// The facts of one case.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub radicado: String,
    pub kind: Kind,
    pub channel: Channel,
    pub dependency: Option<String>,
    /// Local (Bogotá) date of receipt: what periods select on.
    pub received_on: NaiveDate,
    pub effective: NaiveDate,
    pub due_date: NaiveDate,
    pub status: Status,
    pub outcome: Option<Outcome>,
    /// The local date the case closed (the answer date for answers).
    pub closed_on: Option<NaiveDate>,
    /// For answers: on or before the due date in force (recorded by the domain).
    pub on_time: Option<bool>,
    /// Business days used: recorded on answers, computed for art. 21 forwards.
    pub response_days: Option<u32>,
    /// An art. 17 completion request was made.
    pub suspended_ever: bool,
    /// The term was extended (art. 14 parágrafo).
    pub extended: bool,
    pub rating: Option<u8>,
    /// Open, not suspended and past its due date at the report's instant.
    pub overdue_now: bool,
    /// For open cases whose clock runs: business days left at the report's date (negative:
    /// business days overdue).
    pub business_days_left: Option<i64>,
    pub positive_silence: bool,
    pub forwarded_to: Option<String>,
    /// Forwarded after the 5 business days of Ley 1755 de 2015 art. 21 (a fault, art. 31):
    /// by the `forward` action or by an answer with outcome `forwarded`.
    pub forwarded_late: bool,
    /// Issue 15: the entity's mail server accepted at least one message to the petitioner.
    pub notified: bool,
    /// Issue 15: at least one message to the petitioner failed for good.
    pub notification_failed: bool,
    /// Issue 15: when the last accepted message was accepted.
    pub last_notified_at: Option<DateTime<FixedOffset>>,
}

impl Facts {
    /// The facts of `case` at `as_of` (`None`: the empty log, nothing is overdue).
    pub fn of(
        case: &Case,
        calendar: &Calendar,
        as_of: Option<&DateTime<FixedOffset>>,
    ) -> Result<Facts, CalendarError> {
        let f = &case.filing;
        let closed_on = match (&case.answer, case.closed_at) {
            (Some(a), _) => Some(a.answered_on),
            (None, Some(at)) => Some(local_date(&at)),
            (None, None) => None,
        };
        let response_days = match (&case.answer, case.status, closed_on) {
            (Some(a), _, _) => Some(a.business_days_taken),
            (None, Status::Forwarded, Some(on)) => Some(business_days_used(
                calendar,
                f.effective_received_on,
                case.completion.as_ref(),
                on,
            )?),
            _ => None,
        };
        let business_days_left = match as_of {
            Some(now) if !case.is_closed() && case.suspension().is_none() => Some(
                deadline_view(
                    DeadlineInput {
                        effective: f.effective_received_on,
                        due_date: case.due_date,
                        suspended: false,
                        closed: false,
                        information_request: case.kind == Kind::InformationRequest,
                    },
                    local_date(now),
                    calendar,
                    &AlertThresholds::default(),
                )?
                .business_days_left,
            ),
            _ => None,
        };
        Ok(Facts {
            radicado: f.radicado.to_string(),
            kind: case.kind,
            channel: f.channel,
            dependency: case.dependency.as_ref().map(|d| d.as_str().to_owned()),
            received_on: local_date(&f.received_at),
            effective: f.effective_received_on,
            due_date: case.due_date,
            status: case.status,
            outcome: case.answer.as_ref().map(|a| a.outcome),
            closed_on,
            on_time: case.answer.as_ref().map(|a| a.on_time),
            response_days,
            suspended_ever: case.completion.is_some(),
            extended: case.extension.is_some(),
            rating: case.rating.as_ref().map(|r| r.score.get()),
            overdue_now: as_of.is_some_and(|now| case.is_overdue(now)),
            business_days_left,
            positive_silence: case.positive_silence.is_some(),
            forwarded_to: case.forwarded_to.as_ref().map(|a| a.to_string()),
            forwarded_late: case.forwarded_late
                || case
                    .answer
                    .as_ref()
                    .is_some_and(|a| a.outcome == Outcome::Forwarded && !a.on_time),
            notified: case.notifications.iter().any(|n| n.accepted),
            notification_failed: case.notifications.iter().any(|n| !n.accepted),
            last_notified_at: case
                .notifications
                .iter()
                .filter(|n| n.accepted)
                .map(|n| n.at)
                .max(),
        })
    }

    /// Open (no answer, forward, withdrawal or voiding yet).
    pub fn open(&self) -> bool {
        !self.status.is_closed()
    }
}

/// The Spanish name of a channel.
pub(crate) fn channel_es(c: Channel) -> &'static str {
    match c {
        Channel::Web => "web",
        Channel::Email => "correo electrónico",
        Channel::Phone => "teléfono",
        Channel::InPerson => "presencial",
        Channel::Mail => "correo postal",
    }
}

/// Every channel, in a fixed order.
pub(crate) const CHANNELS: [Channel; 5] = [
    Channel::Web,
    Channel::Email,
    Channel::Phone,
    Channel::InPerson,
    Channel::Mail,
];

/// The Spanish name of a status.
pub(crate) fn status_es(s: Status) -> &'static str {
    match s {
        Status::Filed => "radicada",
        Status::InProgress => "en trámite",
        Status::Suspended => "suspendida (art. 17)",
        Status::Answered => "respondida",
        Status::Forwarded => "trasladada (art. 21)",
        Status::Withdrawn => "desistida (art. 18)",
        Status::WithdrawnTacitly => "desistimiento tácito (art. 17)",
        Status::Voided => "anulada",
    }
}

/// The Spanish name of an outcome.
pub(crate) fn outcome_es(o: Outcome) -> &'static str {
    match o {
        Outcome::Granted => "concedida",
        Outcome::Denied => "negada",
        Outcome::PartiallyGranted => "concedida parcialmente",
        Outcome::Informative => "informativa",
        Outcome::Forwarded => "remitida (extemporánea)",
    }
}

/// The label of a case without a dependency.
pub(crate) const NO_DEPENDENCY: &str = "(sin dependencia)";
