//! Ley 1755 de 2015 art. 21: the authority without competence forwards the petition to the
//! competent one "dentro de los cinco (5) días siguientes al de la recepción" and informs the
//! petitioner; the PQR closes as forwarded (docs/legal.md §5). The duty to forward remains
//! after those 5 days (art. 21) and the delay is a disciplinary fault (art. 31): a late
//! forwarding is accepted and recorded as late, never refused.

use super::ClockRuleError;
use crate::calendar::Calendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Business days after E to forward (Ley 1755 de 2015 art. 21).
pub const FORWARDING_DAYS: u32 = 5;

/// A forwarding, in time or late (Ley 1755 de 2015 arts. 21 and 31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarding {
    /// When the entity forwarded.
    pub forwarded_on: NaiveDate,
    /// The last day it could (5th business day after E).
    pub last_day: NaiveDate,
    /// Forwarded after `last_day`: still owed (art. 21), but a fault (art. 31).
    pub late: bool,
}

/// Ley 1755 de 2015 art. 21: the last day to forward, the 5th business day after E.
pub fn forwarding_deadline(
    calendar: &Calendar,
    effective: NaiveDate,
) -> Result<NaiveDate, ClockRuleError> {
    Ok(calendar.add_business_days(effective, FORWARDING_DAYS)?)
}

/// Ley 1755 de 2015 art. 21: forwarding on `forwarded_on` a PQR with effective receipt date
/// `effective`. After the 5th business day following E the forwarding is still owed (art. 21:
/// the duty does not lapse) and is accepted, marked `late` (art. 31: the delay is a fault).
pub fn forward(
    calendar: &Calendar,
    effective: NaiveDate,
    forwarded_on: NaiveDate,
) -> Result<Forwarding, ClockRuleError> {
    let last_day = forwarding_deadline(calendar, effective)?;
    Ok(Forwarding {
        forwarded_on,
        last_day,
        late: forwarded_on > last_day,
    })
}
