//! Ley 1755 de 2015 art. 14 num. 1: positive silence for requests for documents and
//! information (docs/legal.md §5): "Si en ese lapso no se ha dado respuesta al peticionario,
//! se entenderá, para todos los efectos legales, que la respectiva solicitud ha sido aceptada
//! [...] y, como consecuencia, las copias se entregarán dentro de los tres (3) días
//! siguientes."

use super::ClockRuleError;
use crate::calendar::Calendar;
use crate::kind::Kind;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Business days to deliver the copies once the request is deemed accepted (Ley 1755 de 2015
/// art. 14 num. 1).
pub const DELIVERY_DAYS: u32 = 3;

/// A request for information deemed accepted (Ley 1755 de 2015 art. 14 num. 1): an
/// alert-worthy state of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositiveSilence {
    /// The first day the request is deemed accepted: the day after the due date.
    pub accepted_from: NaiveDate,
    /// The last day to deliver the copies: the 3rd business day after the due date.
    pub deliver_by: NaiveDate,
}

/// Ley 1755 de 2015 art. 14 num. 1: whether an `information_request` due on `due` is deemed
/// accepted as of `today` (local dates), given when it was answered (`None`: not yet). An
/// answer after the due date does not undo the silence. `Ok(None)` while the term runs or when
/// answered in time; refused for other kinds.
pub fn positive_silence(
    calendar: &Calendar,
    kind: Kind,
    due: NaiveDate,
    answered_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Option<PositiveSilence>, ClockRuleError> {
    if kind != Kind::InformationRequest {
        return Err(ClockRuleError::NotAnInformationRequest {
            kind: kind.as_str(),
        });
    }
    let answered_in_time = answered_on.is_some_and(|a| a <= due);
    if answered_in_time || today <= due {
        return Ok(None);
    }
    Ok(Some(PositiveSilence {
        accepted_from: due + Duration::days(1),
        deliver_by: calendar.add_business_days(due, DELIVERY_DAYS)?,
    }))
}
