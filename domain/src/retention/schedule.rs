//! The retention schedule: how many years after closing each kind of PQR file is kept, and on
//! what basis (issue 16 item 3; docs/privacy.md, docs/legal.md).
//!
//! Ley 594 de 2000 art. 24 obliges every public entity to draw up and apply its *tabla de
//! retención documental* (TRD), which fixes for each documentary series how long it is kept
//! in the management and central archives and what happens to it afterwards; Acuerdo 004 de
//! 2019 del Archivo General de la Nación regulates how TRDs are drawn up, approved and
//! applied. The entity's PQRSD series is what this schedule transcribes, per kind.

use crate::kind::Kind;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Years after closing a PQR file is kept when the entity's schedule says nothing for its
/// kind (Ley 594 de 2000 art. 24: the entity's TRD governs; 10 years is pqrs's default,
/// a common total of management plus central archive for the PQRSD series).
pub const DEFAULT_RETENTION_YEARS: u32 = 10;

/// The basis of the default entry of every kind.
pub const DEFAULT_BASIS: &str = "tabla de retención documental, serie PQRSD: 10 años después \
     del cierre, valor por defecto de pqrs mientras la entidad no configure el suyo (Ley 594 de \
     2000 art. 24; Acuerdo 004 de 2019 del AGN)";

/// The most years an entry may give: a longer keeping is a permanent series, not a
/// retention to be applied by the scheduler.
pub const MAX_RETENTION_YEARS: u32 = 100;

/// How long the files of one kind are kept after closing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionEntry {
    /// Years after the closing date (1 to [`MAX_RETENTION_YEARS`]).
    pub years: u32,
    /// The source: the entity's TRD series and its approval, in the entity's words.
    pub basis: String,
}

impl RetentionEntry {
    fn default_entry() -> RetentionEntry {
        RetentionEntry {
            years: DEFAULT_RETENTION_YEARS,
            basis: DEFAULT_BASIS.to_owned(),
        }
    }
}

/// Why a retention section of the policy file is not acceptable. Messages name the key of
/// the file (`retention.<kind>.<field>`) and are in Spanish: an operator reads them at start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The key is not a kind of PQR.
    #[error(
        "retention.{key}: «{key}» no es una clase de PQR; use una de petition, \
         information_request, consultation, complaint, claim, report, suggestion, commendation"
    )]
    UnknownKind {
        /// The key as written.
        key: String,
    },
    /// An entry is not an object.
    #[error("retention.{kind}: debe ser un objeto con «years» y «basis»")]
    NotAnObject {
        /// The kind.
        kind: String,
    },
    /// Years missing, not a whole number, or out of range.
    #[error(
        "retention.{kind}.years: los años de retención deben ser un número entero de 1 a 100 \
         (Ley 594 de 2000 art. 24), no {given}"
    )]
    Years {
        /// The kind.
        kind: String,
        /// What was written (`nada` when missing).
        given: String,
    },
    /// The basis is missing or empty.
    #[error(
        "retention.{kind}.basis: falta el fundamento de la retención (la serie de la tabla de \
         retención documental de la entidad, Ley 594 de 2000 art. 24)"
    )]
    MissingBasis {
        /// The kind.
        kind: String,
    },
    /// A field other than `years` and `basis`.
    #[error("retention.{kind}.{field}: campo desconocido; use «years» y «basis»")]
    UnknownField {
        /// The kind.
        kind: String,
        /// The field.
        field: String,
    },
}

/// Years of retention per kind, each with its basis (Ley 594 de 2000 art. 24: the entity's
/// tabla de retención documental; Acuerdo 004 de 2019 del AGN): every kind has an entry (the default
/// one, [`DEFAULT_RETENTION_YEARS`] with [`DEFAULT_BASIS`], where the entity gave none).
///
/// In the policy file it is the optional `retention` object, keyed by kind:
/// `{"petition": {"years": 10, "basis": "TRD 2024, serie 120.45 PQRSD"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "Map<String, Value>",
    into = "BTreeMap<Kind, RetentionEntry>"
)]
pub struct RetentionSchedule {
    entries: BTreeMap<Kind, RetentionEntry>,
}

impl Default for RetentionSchedule {
    fn default() -> Self {
        RetentionSchedule {
            entries: Kind::ALL
                .into_iter()
                .map(|k| (k, RetentionEntry::default_entry()))
                .collect(),
        }
    }
}

impl RetentionSchedule {
    /// The entry of `kind`.
    pub fn entry(&self, kind: Kind) -> RetentionEntry {
        self.entries
            .get(&kind)
            .cloned()
            .unwrap_or_else(RetentionEntry::default_entry)
    }

    /// Every (kind, entry), in the order of [`Kind::ALL`].
    pub fn entries(&self) -> impl Iterator<Item = (Kind, &RetentionEntry)> {
        self.entries.iter().map(|(k, e)| (*k, e))
    }

    /// The schedule of a policy file's `retention` object: the entries given replace the
    /// default of their kind.
    pub fn parse(section: &Map<String, Value>) -> Result<RetentionSchedule, ScheduleError> {
        let mut schedule = RetentionSchedule::default();
        for (key, value) in section {
            let kind =
                Kind::parse(key).map_err(|_| ScheduleError::UnknownKind { key: key.clone() })?;
            let name = || kind.as_str().to_owned();
            let entry = value
                .as_object()
                .ok_or_else(|| ScheduleError::NotAnObject { kind: name() })?;
            if let Some(field) = entry.keys().find(|f| *f != "years" && *f != "basis") {
                return Err(ScheduleError::UnknownField {
                    kind: name(),
                    field: field.clone(),
                });
            }
            let years = entry.get("years");
            let years = years
                .and_then(Value::as_u64)
                .and_then(|y| u32::try_from(y).ok())
                .filter(|y| (1..=MAX_RETENTION_YEARS).contains(y))
                .ok_or_else(|| ScheduleError::Years {
                    kind: name(),
                    given: years.map_or_else(|| "nada".to_owned(), Value::to_string),
                })?;
            let basis = entry
                .get("basis")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .ok_or_else(|| ScheduleError::MissingBasis { kind: name() })?;
            schedule.entries.insert(
                kind,
                RetentionEntry {
                    years,
                    basis: basis.to_owned(),
                },
            );
        }
        Ok(schedule)
    }
}

impl TryFrom<Map<String, Value>> for RetentionSchedule {
    type Error = ScheduleError;
    fn try_from(section: Map<String, Value>) -> Result<Self, Self::Error> {
        RetentionSchedule::parse(&section)
    }
}

impl From<RetentionSchedule> for BTreeMap<Kind, RetentionEntry> {
    fn from(s: RetentionSchedule) -> Self {
        s.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<RetentionSchedule, ScheduleError> {
        RetentionSchedule::parse(v.as_object().unwrap())
    }

    #[test]
    fn an_entry_replaces_the_default_of_its_kind_only() {
        let s =
            parse(json!({"suggestion": {"years": 2, "basis": "TRD 2024, serie 120.45"}})).unwrap();
        assert_eq!(s.entry(Kind::Suggestion).years, 2);
        assert_eq!(s.entry(Kind::Suggestion).basis, "TRD 2024, serie 120.45");
        assert_eq!(s.entry(Kind::Petition), RetentionEntry::default_entry());
        assert_eq!(parse(json!({})).unwrap(), RetentionSchedule::default());
    }

    #[test]
    fn an_unknown_kind_is_named_in_spanish() {
        let e = parse(json!({"sugerencia": {"years": 2, "basis": "TRD"}})).unwrap_err();
        assert_eq!(
            e,
            ScheduleError::UnknownKind {
                key: "sugerencia".into()
            }
        );
        let text = e.to_string();
        assert!(text.starts_with("retention.sugerencia:"), "{text}");
        assert!(text.contains("no es una clase de PQR"), "{text}");
    }

    #[test]
    fn years_must_be_a_whole_number_from_1_to_100() {
        for bad in [
            json!(0),
            json!(101),
            json!(-1),
            json!(2.5),
            json!("10"),
            json!(null),
        ] {
            let e = parse(json!({"claim": {"years": bad, "basis": "TRD"}})).unwrap_err();
            let text = e.to_string();
            assert!(text.starts_with("retention.claim.years:"), "{text}");
            assert!(text.contains("número entero de 1 a 100"), "{text}");
            assert!(text.contains("Ley 594 de 2000 art. 24"), "{text}");
        }
        let e = parse(json!({"claim": {"basis": "TRD"}})).unwrap_err();
        assert!(e.to_string().contains("no nada"), "{e}");
        assert_eq!(
            parse(json!({"claim": {"years": 100, "basis": "TRD"}}))
                .unwrap()
                .entry(Kind::Claim)
                .years,
            100
        );
    }

    #[test]
    fn the_basis_is_required_and_unknown_fields_are_refused() {
        let e = parse(json!({"claim": {"years": 3, "basis": "  "}})).unwrap_err();
        assert!(e.to_string().starts_with("retention.claim.basis:"), "{e}");
        let e = parse(json!({"claim": {"years": 3}})).unwrap_err();
        assert_eq!(
            e,
            ScheduleError::MissingBasis {
                kind: "claim".into()
            }
        );
        let e = parse(json!({"claim": {"years": 3, "basis": "TRD", "months": 2}})).unwrap_err();
        assert!(e.to_string().starts_with("retention.claim.months:"), "{e}");
        let e = parse(json!({"claim": 3})).unwrap_err();
        assert!(e.to_string().contains("debe ser un objeto"), "{e}");
    }

    #[test]
    fn the_schedule_round_trips_through_json() {
        let s = parse(json!({"report": {"years": 20, "basis": "TRD, serie denuncias"}})).unwrap();
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<RetentionSchedule>(&text).unwrap(), s);
    }
}
