//! The policy file (`policy_file`, docs/legal.md §3 and docs/privacy.md): either the array of
//! periods that earlier versions wrote (still valid, with the default retention schedule), or
//! an object `{"periods": [...], "retention": {...}}` whose `retention` section is optional.
//! A book with the default schedule is written as the array, so files round-trip unchanged.

use super::{PolicyBook, PolicyPeriod};
use crate::retention::RetentionSchedule;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The object form of the file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookObject {
    periods: Vec<PolicyPeriod>,
    #[serde(default)]
    retention: Option<RetentionSchedule>,
}

fn book(
    periods: Vec<PolicyPeriod>,
    retention: Option<RetentionSchedule>,
) -> Result<PolicyBook, super::PolicyError> {
    let book = PolicyBook::new(periods)?;
    Ok(match retention {
        Some(r) => book.with_retention(r),
        None => book,
    })
}

impl Serialize for PolicyBook {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if *self.retention() == RetentionSchedule::default() {
            return self.periods().serialize(serializer);
        }
        BookObject {
            periods: self.periods().to_vec(),
            retention: Some(self.retention().clone()),
        }
        .serialize(serializer)
    }
}

struct BookVisitor;

impl<'de> Visitor<'de> for BookVisitor {
    type Value = PolicyBook;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of policy periods, or an object with `periods` and `retention`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<PolicyBook, A::Error> {
        let periods = Vec::<PolicyPeriod>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        book(periods, None).map_err(de::Error::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PolicyBook, A::Error> {
        let o = BookObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
        book(o.periods, o.retention).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for PolicyBook {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PolicyBook, D::Error> {
        deserializer.deserialize_any(BookVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::Kind;
    use serde_json::json;

    #[test]
    fn an_array_of_periods_is_still_a_valid_file_with_the_default_schedule() {
        let text = serde_json::to_string(&PolicyBook::colombia()).unwrap();
        assert!(text.starts_with('['), "{text}");
        let book: PolicyBook = serde_json::from_str(&text).unwrap();
        assert_eq!(book, PolicyBook::colombia());
        assert_eq!(*book.retention(), RetentionSchedule::default());
    }

    #[test]
    fn the_object_form_carries_the_retention_schedule() {
        let periods = serde_json::to_value(PolicyBook::colombia()).unwrap();
        let file = json!({
            "periods": periods,
            "retention": {"suggestion": {"years": 1, "basis": "TRD 2024, serie 120.45"}}
        });
        let book: PolicyBook = serde_json::from_value(file).unwrap();
        assert_eq!(book.retention().entry(Kind::Suggestion).years, 1);
        assert_eq!(book.retention().entry(Kind::Claim).years, 10);
        assert_eq!(book.periods(), PolicyBook::colombia().periods());
        let again: PolicyBook =
            serde_json::from_str(&serde_json::to_string(&book).unwrap()).unwrap();
        assert_eq!(again, book);
        let without: PolicyBook = serde_json::from_value(json!({"periods": periods})).unwrap();
        assert_eq!(without, PolicyBook::colombia());
    }

    #[test]
    fn a_bad_retention_entry_is_refused_naming_its_key() {
        let periods = serde_json::to_value(PolicyBook::colombia()).unwrap();
        let e = serde_json::from_value::<PolicyBook>(
            json!({"periods": periods, "retention": {"claim": {"years": 0, "basis": "TRD"}}}),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("retention.claim.years"), "{e}");
        let e = serde_json::from_value::<PolicyBook>(json!({"periods": periods, "retencion": {}}))
            .unwrap_err()
            .to_string();
        assert!(e.contains("retencion"), "{e}");
    }
}
