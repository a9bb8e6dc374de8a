//! The radicado: the consecutive filing number a citizen gets.
//!
//! Default format `YYYY-NNNNNN`: the year of receipt (Bogotá time), a dash and the consecutive
//! number of that year, zero-padded to at least six digits. Numbers restart at 1 every year and
//! are issued without gaps (the allocator lives in `infrastructure`, see docs/architecture.md).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A parsed radicado. Invariant: `1984 <= year <= 2199`, `number >= 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Radicado {
    year: i32,
    number: u64,
}

/// Why a string or pair is not a radicado.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RadicadoError {
    /// Not of the form `YYYY-NNNNNN`.
    #[error("a radicado has the form YYYY-NNNNNN (year, dash, at least six digits)")]
    Malformed,
    /// Year outside the supported calendar range.
    #[error("the year of a radicado must be between 1984 and 2199")]
    YearOutOfRange,
    /// Number zero.
    #[error("radicado numbers start at 1")]
    Zero,
}

impl Radicado {
    /// Builds a radicado from its year and consecutive number.
    pub fn new(year: i32, number: u64) -> Result<Self, RadicadoError> {
        if !(1984..=2199).contains(&year) {
            return Err(RadicadoError::YearOutOfRange);
        }
        if number == 0 {
            return Err(RadicadoError::Zero);
        }
        Ok(Radicado { year, number })
    }

    /// [`Radicado::new`] usable in constants.
    pub const fn new_const(year: i32, number: u64) -> Option<Self> {
        if year < 1984 || year > 2199 || number == 0 {
            None
        } else {
            Some(Radicado { year, number })
        }
    }

    /// Parses `YYYY-NNNNNN` (six or more digits, zero-padded).
    pub fn parse(s: &str) -> Result<Self, RadicadoError> {
        let (y, n) = s.split_once('-').ok_or(RadicadoError::Malformed)?;
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !digits(y) || n.len() < 6 || n.len() > 18 || !digits(n) {
            return Err(RadicadoError::Malformed);
        }
        let year: i32 = y.parse().map_err(|_| RadicadoError::Malformed)?;
        let number: u64 = n.parse().map_err(|_| RadicadoError::Malformed)?;
        let parsed = Radicado::new(year, number)?;
        // Only the canonical spelling is a radicado: "2026-0000001" is not "2026-000001".
        if parsed.to_string() != s {
            return Err(RadicadoError::Malformed);
        }
        Ok(parsed)
    }

    /// The year of receipt.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The consecutive number within the year.
    pub fn number(&self) -> u64 {
        self.number
    }
}

impl fmt::Display for Radicado {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:06}", self.year, self.number)
    }
}

impl Serialize for Radicado {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Radicado {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Radicado::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_six_digits_at_least() {
        assert_eq!(Radicado::new(2026, 7).unwrap().to_string(), "2026-000007");
        assert_eq!(
            Radicado::new(2026, 1_234_567).unwrap().to_string(),
            "2026-1234567"
        );
    }

    #[test]
    fn parses_only_canonical_spellings() {
        assert_eq!(
            Radicado::parse("2026-000042").unwrap(),
            Radicado::new(2026, 42).unwrap()
        );
        for bad in [
            "2026-42",
            "2026-0000042",
            "26-000042",
            "2026000042",
            "2026-00004a",
            "1983-000001",
            "2026-000000",
            "",
        ] {
            assert!(Radicado::parse(bad).is_err(), "{bad} should be refused");
        }
    }
}
