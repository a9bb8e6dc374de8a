//! Response terms: an amount of business days, calendar days or months (docs/legal.md §3
//! and §4; Ley 4 de 1913 arts. 59 and 62).

use serde::{Deserialize, Serialize};

/// How a term is counted.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TermUnit {
    /// Días hábiles (Ley 4 de 1913 art. 62: "días" in the statutes means business days).
    Business,
    /// Calendar days, ending on a business day (an entity catalog may use them,
    /// docs/legal.md §3).
    Calendar,
    /// Months, counted by the calendar (Ley 4 de 1913 arts. 59 and 62).
    Months,
}

impl TermUnit {
    /// Every unit.
    pub const ALL: [TermUnit; <TermUnit as strum::VariantArray>::VARIANTS.len()] =
        all_variants!(TermUnit);

    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A response term: an amount of business days, calendar days or months. For
/// [`TermUnit::Months`], `days` holds the number of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Term {
    /// How many units.
    pub days: u32,
    /// Which unit.
    pub unit: TermUnit,
}

impl Term {
    /// `days` business days (Ley 4 de 1913 art. 62).
    pub const fn business(days: u32) -> Term {
        Term {
            days,
            unit: TermUnit::Business,
        }
    }

    /// `days` calendar days, the due date moved to the next business day.
    pub const fn calendar_days(days: u32) -> Term {
        Term {
            days,
            unit: TermUnit::Calendar,
        }
    }

    /// `months` months by the calendar.
    pub const fn months(months: u32) -> Term {
        Term {
            days: months,
            unit: TermUnit::Months,
        }
    }

    /// The double of this term, the ceiling of an extension (Ley 1755 de 2015 art. 14
    /// parágrafo). Saturates instead of overflowing.
    pub const fn doubled(self) -> Term {
        Term {
            days: self.days.saturating_mul(2),
            unit: self.unit,
        }
    }
}
