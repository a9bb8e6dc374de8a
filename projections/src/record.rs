//! An event as read back from the log, and the one decoder of stored events.
//!
//! Every reader of the `events` table (the projection runner, the event repository of the
//! aggregates, the reports) turns a stored payload into the shape this code reads through
//! [`decode`]: the place where an upcaster plugs in when an event is reshaped. The log itself
//! is never rewritten (it is hash-chained, docs/audit.md); the audit trail shows the bytes as
//! stored.

use pqrs_domain::PqrEvent;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One row of the event log, its payload decoded (upcast to the current version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Global position (gapless, commit order).
    pub position: i64,
    /// e.g. `Pqr`.
    pub aggregate_type: String,
    /// e.g. the radicado.
    pub aggregate_id: String,
    /// 1-based sequence within the aggregate.
    pub sequence: i64,
    /// e.g. `PqrFiled`.
    pub event_type: String,
    /// The version of `payload`'s shape: the stored one, or the one upcast to.
    pub event_version: String,
    /// The event body.
    pub payload: Value,
    /// Who, when, channel, request id.
    pub metadata: Value,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
}

impl EventRecord {
    /// The payload read as `E` (e.g. [`PqrEvent`]); it is already upcast.
    pub fn event<E: DeserializeOwned>(&self) -> Result<E, DecodeError> {
        E::deserialize(&self.payload).map_err(|e| DecodeError::new(self, e))
    }
}

/// Why a stored event cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{event_type} version {version} cannot be read: {message}")]
pub struct DecodeError {
    /// The stored event type.
    pub event_type: String,
    /// The stored (or upcast) version.
    pub version: String,
    /// Why.
    pub message: String,
}

impl DecodeError {
    fn new(record: &EventRecord, e: impl std::fmt::Display) -> DecodeError {
        DecodeError {
            event_type: record.event_type.clone(),
            version: record.event_version.clone(),
            message: e.to_string(),
        }
    }
}

/// One upcasting step (the shape of [`PqrEvent::upcast_step`]): rewrites a payload of
/// `(event type, version)` into the next version and returns it, or `None` when current.
pub type UpcastStep = fn(&str, &str, &mut Value) -> Option<&'static str>;

/// The upcasters of this code, tried in order at each step.
pub const UPCASTERS: &[UpcastStep] = &[PqrEvent::upcast_step];

/// A stored payload in the shape this code reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The version the payload now has.
    pub version: String,
    /// The payload.
    pub payload: Value,
}

/// The one decoder of stored events: parses `payload` (the stored JSON text) of `event_type`
/// at `version` and upcasts it with [`UPCASTERS`] to the current version.
pub fn decode(event_type: &str, version: &str, payload: &str) -> Result<Decoded, DecodeError> {
    decode_with(UPCASTERS, event_type, version, payload)
}

/// [`decode`] with the given upcasters (tests plug in their own).
pub fn decode_with(
    upcasters: &[UpcastStep],
    event_type: &str,
    version: &str,
    payload: &str,
) -> Result<Decoded, DecodeError> {
    let payload: Value = serde_json::from_str(payload).map_err(|e| DecodeError {
        event_type: event_type.to_owned(),
        version: version.to_owned(),
        message: e.to_string(),
    })?;
    Ok(upcast(upcasters, event_type, version, payload))
}

/// Applies `upcasters` to `payload` until none has a newer shape for it.
pub fn upcast(
    upcasters: &[UpcastStep],
    event_type: &str,
    version: &str,
    mut payload: Value,
) -> Decoded {
    let mut version: std::borrow::Cow<'_, str> = version.into();
    // Each step moves to another version; a chain longer than this is a cycle.
    for _ in 0..64 {
        match upcasters
            .iter()
            .find_map(|step| step(event_type, &version, &mut payload))
        {
            Some(next) => version = next.into(),
            None => break,
        }
    }
    Decoded {
        version: version.into_owned(),
        payload,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pqrs_domain::pqr::PqrForwarded;

    const FORWARDED_V1: &str = r#"{"PqrForwarded":{"at":"2026-11-24T09:00:00-05:00","authority":"Superintendencia de Industria y Comercio","forwarded_on":"2026-11-24","last_day":"2026-11-30","reasons":"No es competencia de la entidad."}}"#;

    #[test]
    fn a_version_1_forwarding_reads_through_its_upcaster_as_version_2_on_time() {
        let decoded = decode("PqrForwarded", "1", FORWARDED_V1).expect("decodes");
        assert_eq!(decoded.version, "2");
        // The upcaster itself wrote the field (not a serde default).
        assert_eq!(decoded.payload["PqrForwarded"]["late"], Value::Bool(false));
        let record = EventRecord {
            position: 1,
            aggregate_type: "Pqr".into(),
            aggregate_id: "2026-0000001".into(),
            sequence: 2,
            event_type: "PqrForwarded".into(),
            event_version: decoded.version,
            payload: decoded.payload,
            metadata: Value::Null,
            recorded_at: "2026-11-24T14:00:00.000000Z".into(),
        };
        match record.event::<PqrEvent>().expect("reads") {
            PqrEvent::PqrForwarded(PqrForwarded { late, .. }) => assert!(!late),
            other => panic!("not a forwarding: {other:?}"),
        }
    }

    #[test]
    fn a_current_payload_is_left_as_stored() {
        let v2 = FORWARDED_V1.replace("\"reasons\"", "\"late\":true,\"reasons\"");
        let decoded = decode("PqrForwarded", "2", &v2).expect("decodes");
        assert_eq!(decoded.version, "2");
        assert_eq!(decoded.payload["PqrForwarded"]["late"], Value::Bool(true));
    }

    /// A test-only reshaping, v1 → v2 → v3, to show steps chain and plug in beside the
    /// domain's.
    fn renamed(event_type: &str, version: &str, payload: &mut Value) -> Option<&'static str> {
        match (event_type, version) {
            ("Probe", "1") => {
                let old = payload.as_object_mut()?.remove("name")?;
                payload["title"] = old;
                Some("2")
            }
            ("Probe", "2") => {
                payload["checked"] = Value::Bool(true);
                Some("3")
            }
            _ => None,
        }
    }

    #[test]
    fn upcasters_chain_until_the_current_version() {
        let decoded = decode_with(
            &[PqrEvent::upcast_step, renamed],
            "Probe",
            "1",
            r#"{"name":"x"}"#,
        )
        .expect("decodes");
        assert_eq!(decoded.version, "3");
        assert_eq!(
            decoded.payload,
            serde_json::json!({"title": "x", "checked": true})
        );
    }

    #[test]
    fn a_payload_that_is_not_json_is_an_error_naming_the_event() {
        let err = decode("PqrFiled", "1", "{not json").expect_err("refused");
        assert_eq!(err.event_type, "PqrFiled");
        assert_eq!(err.version, "1");
    }
}
