//! The server clock, injectable for tests (`pqrs serve --dev-clock`).

use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::sync::{Arc, RwLock};

/// The time every request and job sees. The system clock by default; a dev clock can be set
/// to any instant and then runs on from there (`PUT /v1/dev/clock`).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// `None`: the system clock, not settable. `Some`: offset added to the system clock.
    offset: Option<Arc<RwLock<Duration>>>,
}

/// The clock cannot be set: the server was not started with `--dev-clock`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the clock is only settable with --dev-clock")]
pub struct NotSettable;

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

    /// Whether this is a dev clock.
    pub fn is_settable(&self) -> bool {
        self.offset.is_some()
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

    /// Sets a dev clock to `now`; it runs on from there.
    pub fn set(&self, now: DateTime<Utc>) -> Result<(), NotSettable> {
        let o = self.offset.as_ref().ok_or(NotSettable)?;
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
}
