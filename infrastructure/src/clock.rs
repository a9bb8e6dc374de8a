//! The server clock, injectable for tests (`pqrs serve --dev-clock`).

use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use pqrs_domain::calendar::{FIRST_DATE, LAST_DATE};
use pqrs_domain::deadline::local_date;
use std::sync::{Arc, RwLock};

/// The time every request and job sees. The system clock by default; a dev clock can be set
/// to any instant and then runs on from there (`PUT /v1/dev/clock`).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system clock, not settable. `Some`: offset added to the system clock.
    offset: Option<Arc<RwLock<Duration>>>,
}

/// Why the clock cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// The server was not started with `--dev-clock`.
    #[error("the clock is only settable with --dev-clock")]
    NotSettable,
    /// The instant's Bogotá date is outside the calendar every deadline is computed on
    /// (1984-01-01 to 2199-12-31): the queue and alerts could not be computed there.
    #[error(
        "la fecha {date} (hora de Bogotá) está fuera del calendario soportado, del {first} al {last}"
    )]
    OutOfRange {
        /// The Bogotá date asked for.
        date: NaiveDate,
        /// The first supported date.
        first: NaiveDate,
        /// The last supported date.
        last: NaiveDate,
    },
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { offset: None }
    }

    /// A settable clock, starting at the system time.
    pub fn settable() -> Clock {
        Clock {
            offset: Some(Arc::new(RwLock::new(Duration::zero()))),
        }
    }

    /// Now, truncated to microseconds (what both databases store exactly).
    pub fn now(&self) -> DateTime<Utc> {
        let real = Utc::now();
        let now = match &self.offset {
            None => real,
            Some(o) => real + *o.read().unwrap_or_else(|p| p.into_inner()),
        };
        now.trunc_subsecs(6)
    }

    /// Sets a dev clock to `now`; it runs on from there. An instant whose Bogotá date is
    /// outside the supported calendar is refused.
    pub fn set(&self, now: DateTime<Utc>) -> Result<(), ClockError> {
        let o = self.offset.as_ref().ok_or(ClockError::NotSettable)?;
        let date = local_date(&now);
        if !(FIRST_DATE..=LAST_DATE).contains(&date) {
            return Err(ClockError::OutOfRange {
                date,
                first: FIRST_DATE,
                last: LAST_DATE,
            });
        }
        *o.write().unwrap_or_else(|p| p.into_inner()) = now - Utc::now();
        Ok(())
    }
}

/// The canonical text of an instant in the log: RFC 3339, UTC, microseconds.
pub fn instant_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dev_clock_runs_on_from_the_instant_it_is_set_to() {
        let c = Clock::settable();
        let target: DateTime<Utc> = "2030-01-02T03:04:05Z".parse().unwrap();
        c.set(target).unwrap();
        let now = c.now();
        assert!(now >= target && now - target < Duration::seconds(5));
        assert!(Clock::system().set(target).is_err());
    }

    #[test]
    fn a_dev_clock_refuses_instants_outside_the_calendar() {
        let c = Clock::settable();
        for outside in [
            "2200-01-01T05:00:00Z",
            "1983-12-31T12:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T00:00:00Z",
        ] {
            let t: DateTime<Utc> = outside.parse().unwrap();
            assert!(
                matches!(c.set(t), Err(ClockError::OutOfRange { .. })),
                "{outside}"
            );
        }
        // Bogotá is UTC-5: 2200-01-01T04:59Z is still 2199-12-31 there.
        let last: DateTime<Utc> = "2200-01-01T04:59:00Z".parse().unwrap();
        assert!(c.set(last).is_ok());
        let first: DateTime<Utc> = "1984-01-01T05:00:00Z".parse().unwrap();
        assert!(c.set(first).is_ok());
    }
}
