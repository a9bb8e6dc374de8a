//! Ley 1755 de 2015 art. 14 parágrafo: extension of the term (docs/legal.md §5).
//!
//! "Cuando excepcionalmente no fuere posible resolver la petición en los plazos aquí
//! señalados, la autoridad deberá informar esta circunstancia al interesado, antes del
//! vencimiento del término señalado en la ley expresando los motivos de la demora y señalando
//! a la vez el plazo razonable en que se resolverá o dará respuesta, el cual no podrá exceder
//! del doble del inicialmente previsto."

use super::ClockRuleError;
use crate::calendar::Calendar;
use crate::deadline::due_date;
use crate::policy::Term;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the entity notifies to extend a term (Ley 1755 de 2015 art. 14 parágrafo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtensionRequest<'a> {
    /// The effective receipt date E.
    pub effective: NaiveDate,
    /// The initial term N fixed at filing.
    pub term: Term,
    /// The due date in force, not yet extended (after any art. 17 suspension).
    pub due: NaiveDate,
    /// Whether the term was already extended once.
    pub already_extended: bool,
    /// When the entity notified the petitioner (local date).
    pub notified_on: NaiveDate,
    /// The new due date announced.
    pub new_due: NaiveDate,
    /// The reasons for the delay.
    pub reasons: &'a str,
}

/// An accepted extension (Ley 1755 de 2015 art. 14 parágrafo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// When the entity notified it.
    pub notified_on: NaiveDate,
    /// The due date it replaces.
    pub previous_due: NaiveDate,
    /// The new due date.
    pub new_due: NaiveDate,
    /// The latest date the law allowed (the double of the term).
    pub at_most: NaiveDate,
    /// The reasons for the delay.
    pub reasons: String,
}

/// Ley 1755 de 2015 art. 14 parágrafo: the latest due date an extension may set ("no podrá
/// exceder del doble del inicialmente previsto"): E + 2N (2N business days after E for a
/// business-day term). When an art. 17 suspension moved the due date, the double is counted
/// as N more units after the suspended due date, so the suspended days do not eat into it.
pub fn extension_cap(
    calendar: &Calendar,
    effective: NaiveDate,
    term: Term,
    due: NaiveDate,
) -> Result<NaiveDate, ClockRuleError> {
    let ordinary = due_date(calendar, effective, term)?;
    let cap = if due == ordinary {
        due_date(calendar, effective, term.doubled())?
    } else {
        due_date(calendar, due, term)?
    };
    Ok(cap)
}

/// Ley 1755 de 2015 art. 14 parágrafo: extends the term to `new_due`. Refused when notified
/// after the due date (the due date itself is still in time), when the term was already
/// extended, without reasons, when the new date is not later than the due date or not a
/// business day, or when it exceeds the double ([`extension_cap`]).
pub fn extend_term(
    calendar: &Calendar,
    request: &ExtensionRequest<'_>,
) -> Result<Extension, ClockRuleError> {
    let r = request;
    if r.notified_on > r.due {
        return Err(ClockRuleError::ExtensionAfterDue {
            notified_on: r.notified_on,
            due: r.due,
        });
    }
    if r.already_extended {
        return Err(ClockRuleError::AlreadyExtended);
    }
    if r.reasons.trim().is_empty() {
        return Err(ClockRuleError::ExtensionUnreasoned);
    }
    if r.new_due <= r.due {
        return Err(ClockRuleError::ExtensionNotLater {
            new_due: r.new_due,
            due: r.due,
        });
    }
    if !calendar.is_business_day(r.new_due)? {
        return Err(ClockRuleError::ExtensionNotBusinessDay { new_due: r.new_due });
    }
    let at_most = extension_cap(calendar, r.effective, r.term, r.due)?;
    if r.new_due > at_most {
        return Err(ClockRuleError::ExtensionExceedsDouble {
            new_due: r.new_due,
            at_most,
        });
    }
    Ok(Extension {
        notified_on: r.notified_on,
        previous_due: r.due,
        new_due: r.new_due,
        at_most,
        reasons: r.reasons.trim().to_owned(),
    })
}
