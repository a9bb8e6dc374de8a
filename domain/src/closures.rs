//! The entity's closure days as an aggregate: each declaration is an event in the same
//! tamper-evident log as the PQRs, so which days were closed, on what legal basis and since
//! when is part of the auditable record.
//!
//! docs/legal.md §1: closure days of an entity (día cívico, an acto administrativo that closes
//! offices) are recorded with their legal basis and count as non-business days for that entity
//! from the declaration on. A closure inside the running term of an open case moves its due
//! date one business day (Ley 4 de 1913 art. 62), recorded on the case as a
//! `DueDateMovedByClosure` event by the scheduler ([`crate::Pqr::due_system_commands`]).

use crate::calendar::{Calendar, CalendarError, ClosureDay};
use crate::deadline::local_date;
use crate::text::Reason;
use chrono::{DateTime, FixedOffset, NaiveDate};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

/// The one aggregate id of the entity calendar.
pub const ENTITY_CALENDAR_ID: &str = "entity";

/// The entity calendar: the closure days declared so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityCalendar {
    closures: Vec<ClosureDay>,
}

impl EntityCalendar {
    /// The declared closure days, in declaration order.
    pub fn closures(&self) -> &[ClosureDay] {
        &self.closures
    }

    /// The national calendar plus these closure days.
    pub fn calendar(&self) -> Calendar {
        Calendar::colombia_with_closures(self.closures.clone())
    }
}

/// Commands on the entity calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum CalendarCommand {
    /// Declare a day closed.
    DeclareClosure {
        /// The closed date (today or later, Bogotá time).
        date: NaiveDate,
        /// The act that closes it, e.g. "Resolución 123 de 2026".
        legal_basis: Reason,
        /// When the declaration is made (server clock).
        at: DateTime<FixedOffset>,
    },
}

/// Events of the entity calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CalendarEvent {
    /// A closure day was declared.
    ClosureDayDeclared {
        /// The closed date.
        date: NaiveDate,
        /// Its legal basis.
        legal_basis: String,
        /// When it was declared (server clock). Version 2; absent (`None`) in version 1.
        /// Tells which due dates computed before it must move (Ley 4 de 1913 art. 62).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<DateTime<FixedOffset>>,
    },
}

impl DomainEvent for CalendarEvent {
    fn event_type(&self) -> String {
        match self {
            CalendarEvent::ClosureDayDeclared { .. } => "ClosureDayDeclared".to_owned(),
        }
    }

    fn event_version(&self) -> String {
        // 2: `at` added (a version-1 payload reads as `at: None`).
        "2".to_owned()
    }
}

/// Why a declaration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClosureError {
    /// The date is before today: a closure counts from its declaration on.
    #[error("a closure day must be today or later ({date} is in the past)")]
    InThePast {
        /// The date.
        date: NaiveDate,
    },
    /// The date is already a weekend, holiday or closure day.
    #[error("{date} is already a non-business day")]
    AlreadyNonBusiness {
        /// The date.
        date: NaiveDate,
    },
    /// Outside the supported calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl Aggregate for EntityCalendar {
    const TYPE: &'static str = "EntityCalendar";
    type Command = CalendarCommand;
    type Event = CalendarEvent;
    type Error = ClosureError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        match command {
            CalendarCommand::DeclareClosure {
                date,
                legal_basis,
                at,
            } => {
                if date < local_date(&at) {
                    return Err(ClosureError::InThePast { date });
                }
                if !self.calendar().is_business_day(date)? {
                    return Err(ClosureError::AlreadyNonBusiness { date });
                }
                let event = CalendarEvent::ClosureDayDeclared {
                    date,
                    legal_basis: legal_basis.as_str().to_owned(),
                    at: Some(at),
                };
                sink.write(event, self).await;
            }
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            CalendarEvent::ClosureDayDeclared {
                date,
                legal_basis,
                at,
            } => {
                self.closures.push(ClosureDay {
                    declared_at: at,
                    ..ClosureDay::new(date, legal_basis)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn declare(date: &str, now: &str) -> CalendarCommand {
        CalendarCommand::DeclareClosure {
            date: date.parse().unwrap(),
            legal_basis: Reason::parse("Decreto 100 de 2026, día cívico").unwrap(),
            at: at(now),
        }
    }

    #[test]
    fn a_closure_day_is_declared_with_its_legal_basis() {
        TestFramework::<EntityCalendar>::with(())
            .given_no_previous_events()
            .when(declare("2026-12-24", "2026-11-24T10:00:00-05:00"))
            .then_expect_events(vec![CalendarEvent::ClosureDayDeclared {
                date: "2026-12-24".parse().unwrap(),
                legal_basis: "Decreto 100 de 2026, día cívico".into(),
                at: Some(at("2026-11-24T10:00:00-05:00")),
            }]);
    }

    #[test]
    fn a_declared_closure_is_no_longer_a_business_day() {
        let mut cal = EntityCalendar::default();
        cal.apply(CalendarEvent::ClosureDayDeclared {
            date: "2026-12-24".parse().unwrap(),
            legal_basis: "x".into(),
            at: None,
        });
        assert!(!cal
            .calendar()
            .is_business_day("2026-12-24".parse().unwrap())
            .unwrap());
        assert_ne!(cal.calendar().version(), Calendar::colombia().version());
    }

    #[test]
    fn past_days_holidays_and_repeated_closures_are_refused() {
        TestFramework::<EntityCalendar>::with(())
            .given_no_previous_events()
            .when(declare("2026-11-20", "2026-11-24T10:00:00-05:00"))
            .then_expect_error(ClosureError::InThePast {
                date: "2026-11-20".parse().unwrap(),
            });
        TestFramework::<EntityCalendar>::with(())
            .given_no_previous_events()
            .when(declare("2026-12-08", "2026-11-24T10:00:00-05:00"))
            .then_expect_error(ClosureError::AlreadyNonBusiness {
                date: "2026-12-08".parse().unwrap(),
            });
        TestFramework::<EntityCalendar>::with(())
            .given(vec![CalendarEvent::ClosureDayDeclared {
                date: "2026-12-24".parse().unwrap(),
                legal_basis: "x".into(),
                at: None,
            }])
            .when(declare("2026-12-24", "2026-11-24T10:00:00-05:00"))
            .then_expect_error(ClosureError::AlreadyNonBusiness {
                date: "2026-12-24".parse().unwrap(),
            });
    }
}
