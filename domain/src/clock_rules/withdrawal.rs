//! Ley 1755 de 2015 art. 18: express withdrawal (desistimiento expreso). "Los interesados
//! podrán desistir en cualquier tiempo de sus peticiones [...] pero las autoridades podrán
//! continuar de oficio la actuación si la consideran necesaria por razones de interés
//! público; en tal caso expedirán resolución motivada." The clock stops (docs/legal.md §5).

use super::ClockRuleError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An express withdrawal: the clock stops on `withdrawn_on` (Ley 1755 de 2015 art. 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpressWithdrawal {
    /// When the petitioner withdrew (local date).
    pub withdrawn_on: NaiveDate,
}

/// Ley 1755 de 2015 art. 18: the petitioner withdraws on `withdrawn_on` a PQR received
/// (local date) on `received_on`. Allowed at any time after filing, even after the due date;
/// refused only before the filing.
pub fn express_withdrawal(
    received_on: NaiveDate,
    withdrawn_on: NaiveDate,
) -> Result<ExpressWithdrawal, ClockRuleError> {
    if withdrawn_on < received_on {
        return Err(ClockRuleError::WithdrawalBeforeFiling {
            withdrawn_on,
            received_on,
        });
    }
    Ok(ExpressWithdrawal { withdrawn_on })
}
