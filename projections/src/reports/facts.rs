//! What the reports need of one case, as of the report's position and instant.

use super::stats::business_days_used;
use crate::deadline_view::{deadline_view, AlertThresholds, DeadlineInput};
use chrono::{DateTime, FixedOffset, NaiveDate};
use pqrs_domain::deadline::{self, local_date};
use pqrs_domain::pqr::{Case, Outcome, Status};
use pqrs_domain::{Calendar, CalendarError, Channel, Kind};
use serde::{Deserialize, Serialize};

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

/// A case as the reports read it: what [`Facts::of`] and the manifest need of a [`Case`] as
/// it stands at the position, and nothing else (no personal data, no texts, no notes). The
/// case view keeps it beside each case's state (`case_view.report`), so a report can take a
/// case whose row is current at its position without folding the case's events again
/// (docs/reports.md, "The case view as a cache of the fold").
///
/// Its JSON is stored: a change to its fields comes with a migration that sets
/// `case_view.report` to NULL, so reports fold the log until the runner or `pqrs projections
/// rebuild` writes the new documents (a document that does not read fails the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCase {
    /// The radicado.
    pub radicado: String,
    /// The kind in force.
    pub kind: Kind,
    /// How it reached the entity.
    pub channel: Channel,
    /// The dependency responsible, if any.
    pub dependency: Option<String>,
    /// When the entity received it.
    pub received_at: DateTime<FixedOffset>,
    /// Effective receipt date E.
    pub effective: NaiveDate,
    /// The due date in force.
    pub due_date: NaiveDate,
    /// Where it stands.
    pub status: Status,
    /// The answer, once answered.
    pub answer: Option<ReportAnswer>,
    /// When the case closed.
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// The art. 17 completion request, if any: the days that suspend the clock.
    pub completion: Option<ReportCompletion>,
    /// The term was extended (art. 14 parágrafo).
    pub extended: bool,
    /// The citizen's score, 1 to 5.
    pub rating: Option<u8>,
    /// Positive silence reached (art. 14 num. 1).
    pub positive_silence: bool,
    /// The authority the case was forwarded to (art. 21).
    pub forwarded_to: Option<String>,
    /// Forwarded by the `forward` action after the 5 days of art. 21.
    pub forwarded_late: bool,
    /// The entity's mail server accepted at least one message to the petitioner.
    pub notified: bool,
    /// At least one message to the petitioner failed for good.
    pub notification_failed: bool,
    /// When the last accepted message was accepted.
    pub last_notified_at: Option<DateTime<FixedOffset>>,
    /// The policy that gives the term, and its version.
    pub policy_id: String,
    /// Its version.
    pub policy_version: String,
    /// The calendar version the filing used.
    pub calendar_version: String,
}

/// What the reports read of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAnswer {
    /// What it decides.
    pub outcome: Outcome,
    /// The local date of the answer.
    pub answered_on: NaiveDate,
    /// On or before the due date in force.
    pub on_time: bool,
    /// Business days of the term used.
    pub business_days_taken: u32,
}

/// What the reports read of an art. 17 completion request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCompletion {
    /// The local date of the request.
    pub requested_on: NaiveDate,
    /// When the petitioner supplied; `None` while awaited.
    pub supplied_on: Option<NaiveDate>,
}

impl ReportCase {
    /// What the reports read of `case`.
    pub fn of(case: &Case) -> ReportCase {
        let f = &case.filing;
        ReportCase {
            radicado: f.radicado.to_string(),
            kind: case.kind,
            channel: f.channel,
            dependency: case.dependency.as_ref().map(|d| d.as_str().to_owned()),
            received_at: f.received_at,
            effective: f.effective_received_on,
            due_date: case.due_date,
            status: case.status,
            answer: case.answer.as_ref().map(|a| ReportAnswer {
                outcome: a.outcome,
                answered_on: a.answered_on,
                on_time: a.on_time,
                business_days_taken: a.business_days_taken,
            }),
            closed_at: case.closed_at,
            completion: case.completion.as_ref().map(|c| ReportCompletion {
                requested_on: c.requested_on,
                supplied_on: c.supplied_on,
            }),
            extended: case.extension.is_some(),
            rating: case.rating.as_ref().map(|r| r.score.get()),
            positive_silence: case.positive_silence.is_some(),
            forwarded_to: case.forwarded_to.as_ref().map(|a| a.to_string()),
            forwarded_late: case.forwarded_late,
            notified: case.notifications.iter().any(|n| n.accepted),
            notification_failed: case.notifications.iter().any(|n| !n.accepted),
            last_notified_at: case
                .notifications
                .iter()
                .filter(|n| n.accepted)
                .map(|n| n.at)
                .max(),
            policy_id: case.policy_id.clone(),
            policy_version: case.policy_version.clone(),
            calendar_version: f.calendar_version.clone(),
        }
    }

    /// Open, and its clock runs (not suspended by an art. 17 request): `Case::is_closed` and
    /// `Case::suspension`.
    fn clock_runs(&self) -> bool {
        let suspended = self.status == Status::Suspended && self.completion.is_some();
        !self.status.is_closed() && !suspended
    }
}

impl Facts {
    /// The facts of `case` at `as_of` (`None`: the empty log, nothing is overdue).
    pub fn of(
        case: &ReportCase,
        calendar: &Calendar,
        as_of: Option<&DateTime<FixedOffset>>,
    ) -> Result<Facts, CalendarError> {
        let closed_on = match (&case.answer, case.closed_at) {
            (Some(a), _) => Some(a.answered_on),
            (None, Some(at)) => Some(local_date(&at)),
            (None, None) => None,
        };
        let response_days = match (&case.answer, case.status, closed_on) {
            (Some(a), _, _) => Some(a.business_days_taken),
            (None, Status::Forwarded, Some(on)) => Some(business_days_used(
                calendar,
                case.effective,
                case.completion.as_ref(),
                on,
            )?),
            _ => None,
        };
        let business_days_left = match as_of {
            Some(now) if case.clock_runs() => Some(
                deadline_view(
                    DeadlineInput {
                        effective: case.effective,
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
            radicado: case.radicado.clone(),
            kind: case.kind,
            channel: case.channel,
            dependency: case.dependency.clone(),
            received_on: local_date(&case.received_at),
            effective: case.effective,
            due_date: case.due_date,
            status: case.status,
            outcome: case.answer.as_ref().map(|a| a.outcome),
            closed_on,
            on_time: case.answer.as_ref().map(|a| a.on_time),
            response_days,
            suspended_ever: case.completion.is_some(),
            extended: case.extended,
            rating: case.rating,
            // Case::is_overdue: open, not suspended, past its due date.
            overdue_now: as_of.is_some_and(|now| {
                !case.status.is_closed()
                    && case.status != Status::Suspended
                    && deadline::is_overdue(case.due_date, now)
            }),
            business_days_left,
            positive_silence: case.positive_silence,
            forwarded_to: case.forwarded_to.clone(),
            forwarded_late: case.forwarded_late
                || case
                    .answer
                    .as_ref()
                    .is_some_and(|a| a.outcome == Outcome::Forwarded && !a.on_time),
            notified: case.notified,
            notification_failed: case.notification_failed,
            last_notified_at: case.last_notified_at,
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
