//! Personal data in a log that cannot be rewritten (issue 16, docs/privacy.md).
//!
//! Every field [`pqrs_domain::personal_data`] classifies as personal is sealed with the case's
//! own data key where events become stored rows ([`seal_events`], called by
//! [`crate::ledger::append_locked`]; the filing desk's new cases through [`seal_new_cases`],
//! called by [`crate::journal::append_new_cases`]), and opened where stored rows become events
//! ([`open_payload`], called by [`crate::stored`]'s decoder). The hash chain covers the sealed
//! bytes, so `audit verify` needs no key. Destroying a case's key (suppression) leaves its
//! ciphertext unreadable: readers then see [`SUPPRESSED`].

pub mod access;
pub mod in_force;
pub mod index;
pub mod keys;
pub mod rectify;
pub mod retention;
pub mod suppress;

use crate::crypto::{open_field, seal_field, SecretKey, ENVELOPE};
use crate::event_rows::{json_text, NewEvent, Rows};
use keys::{KeyState, Keys};
use pqrs_domain::personal_data::fields_of;
use serde_json::{json, Value};
use sqlx::AnyConnection;

/// What readers see where a suppressed case's personal data was.
pub const SUPPRESSED: &str = "dato suprimido";
/// What readers see where a sealed field does not open (its bytes were changed or moved to
/// another event or field; `pqrs audit verify` names the event).
pub const UNREADABLE: &str = "dato ilegible (alterado o movido)";

/// The key under which a sealed object (the petitioner) is stored: `{"sealed": "enc:v1:…"}`,
/// so a reader of the raw payload still finds an object there.
const SEALED_KEY: &str = "sealed";

/// The envelope of a stored field value, if it is sealed.
fn envelope(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) if s.starts_with(ENVELOPE) => Some(s),
        Value::Object(m) if m.len() == 1 => m
            .get(SEALED_KEY)
            .and_then(Value::as_str)
            .filter(|s| s.starts_with(ENVELOPE)),
        _ => None,
    }
}

/// What replaces a field that cannot be shown: a string for a string, an object with a name
/// for an object (a petitioner reads back as one named `text`).
fn placeholder(sealed_object: bool, text: &str) -> Value {
    if sealed_object {
        json!({ "name": text })
    } else {
        Value::String(text.to_owned())
    }
}

/// The JSON pointer of field `path` in a stored payload of `event_type` (events are stored
/// externally tagged: `{"PqrFiled": {…}}`).
fn pointer(event_type: &str, payload: &Value, path: &str) -> String {
    let tagged = matches!(payload, Value::Object(m) if m.len() == 1 && m.contains_key(event_type));
    let field = path.replace('.', "/");
    if tagged {
        format!("/{event_type}/{field}")
    } else {
        format!("/{field}")
    }
}

/// Seals every non-null personal field of `payload` (a stored payload of `event_type`, the
/// `sequence`th event of case `radicado`) under `key`, or replaces it with [`SUPPRESSED`]
/// when `key` is `None` (the case's key was destroyed).
pub fn seal_payload(
    key: Option<&SecretKey>,
    radicado: &str,
    sequence: i64,
    event_type: &str,
    payload: &mut Value,
) {
    let Some(fields) = fields_of(event_type) else {
        return;
    };
    for path in fields.personal {
        let at = pointer(event_type, payload, path);
        let Some(v) = payload.pointer_mut(&at) else {
            continue;
        };
        if v.is_null() || envelope(v).is_some() {
            continue;
        }
        let object = !v.is_string();
        *v = match key {
            Some(key) => {
                let env = seal_field(key, radicado, sequence, path, &json_text(v));
                if object {
                    json!({ SEALED_KEY: env })
                } else {
                    Value::String(env)
                }
            }
            None => placeholder(object, SUPPRESSED),
        };
    }
}

/// Opens every sealed field of `payload` with the case's key in `keys`: plaintext back, or
/// [`SUPPRESSED`] for a destroyed key, or [`UNREADABLE`] for a field that does not open.
/// Returns whether some field did not open. Fields stored in clear (cases filed before
/// encryption) are left as they are.
pub fn open_payload(
    keys: &Keys,
    radicado: &str,
    sequence: i64,
    event_type: &str,
    payload: &mut Value,
) -> bool {
    let Some(fields) = fields_of(event_type) else {
        return false;
    };
    let mut failed = false;
    for path in fields.personal {
        let at = pointer(event_type, payload, path);
        let Some(v) = payload.pointer_mut(&at) else {
            continue;
        };
        let Some(env) = envelope(v) else { continue };
        let object = v.is_object();
        let opened = match keys.get(radicado) {
            Some(KeyState::Live(key)) => open_field(key, radicado, sequence, path, env)
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok()),
            Some(KeyState::Destroyed) => Some(placeholder(object, SUPPRESSED)),
            Some(KeyState::Unreadable) | None => None,
        };
        *v = match opened {
            Some(value) => value,
            None => {
                failed = true;
                placeholder(object, UNREADABLE)
            }
        };
    }
    failed
}

/// Seals the personal fields of the `Pqr` events about to be appended, inside the append's
/// transaction on `conn`. A filing (`PqrFiled`, sequence 1) gets a new data key, wrapped by the
/// KEK: a row returned for the append to write with the events (the blind index of its
/// petitioner is written by the case projection, see [`index`]). Other events use their
/// case's key; a case without one (filed before encryption) stays in clear, and a case whose
/// key was destroyed gets [`SUPPRESSED`]. Without a keyring nothing changes.
pub async fn seal_events(
    conn: &mut AnyConnection,
    events: Vec<NewEvent>,
    recorded_at: &str,
) -> Result<(Vec<NewEvent>, Vec<Rows>), sqlx::Error> {
    let Some(ring) = keys::keyring() else {
        return Ok((events, Vec::new()));
    };
    let personal = |e: &NewEvent| {
        e.aggregate_type == "Pqr"
            && fields_of(&e.event_type).is_some_and(|f| !f.personal.is_empty())
    };
    let existing: Vec<&str> = events
        .iter()
        .filter(|e| personal(e) && !(e.event_type == "PqrFiled" && e.sequence == 1))
        .map(|e| e.aggregate_id.as_str())
        .collect();
    let mut keys = if existing.is_empty() {
        Keys::new()
    } else {
        ring.keys_for(conn, existing).await?
    };
    let mut key_rows = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for mut e in events {
        if !personal(&e) {
            out.push(e);
            continue;
        }
        let Ok(mut payload) = serde_json::from_str::<Value>(&e.payload) else {
            out.push(e);
            continue;
        };
        if e.event_type == "PqrFiled" && e.sequence == 1 {
            let (key, row) = new_case_key(&ring, &e.aggregate_id, recorded_at);
            key_rows.extend(row);
            keys.insert(e.aggregate_id.clone(), KeyState::Live(key));
        }
        match keys.get(&e.aggregate_id) {
            Some(KeyState::Live(key)) => seal_payload(
                Some(key),
                &e.aggregate_id,
                e.sequence,
                &e.event_type,
                &mut payload,
            ),
            Some(KeyState::Destroyed) => seal_payload(
                None,
                &e.aggregate_id,
                e.sequence,
                &e.event_type,
                &mut payload,
            ),
            Some(KeyState::Unreadable) => {
                return Err(sqlx::Error::Protocol(format!(
                    "la llave de datos del caso {} no abre con la llave maestra configurada",
                    e.aggregate_id
                )))
            }
            None => {}
        }
        e.payload = json_text(&payload);
        out.push(e);
    }
    Ok((out, vec![data_key_rows(key_rows)]))
}

/// A new data key for case `radicado` and its `data_keys` row (radicado, the key wrapped by
/// the KEK, the KEK's id, `recorded_at`), for the append to write with the case's first event.
fn new_case_key(
    ring: &keys::Keyring,
    radicado: &str,
    recorded_at: &str,
) -> (SecretKey, [String; 4]) {
    let key = SecretKey::generate();
    let row = [
        radicado.to_owned(),
        ring.kek().wrap(radicado, &key),
        ring.kek_id().to_owned(),
        recorded_at.to_owned(),
    ];
    (key, row)
}

/// `data_keys` rows (four values each, as [`new_case_key`] gives them) to insert.
fn data_key_rows(values: Vec<String>) -> Rows {
    Rows {
        table_and_columns: "data_keys (radicado, wrapped_key, kek_id, created_at)",
        per_row: 4,
        values,
        select: "*",
    }
}

/// [`seal_events`] for the first events of new cases (`PqrFiled`, sequence 1), whose stored
/// payloads the caller holds as JSON values (the filing desk): each case gets a new data key
/// and its personal fields are sealed with it in place, as [`seal_events`] would seal them,
/// without printing and parsing the payload in between. Returns the keys' rows for the
/// append to write with the events; without a keyring nothing changes and there are none.
pub fn seal_new_cases<'a>(
    cases: impl IntoIterator<Item = (&'a str, &'a mut Value)>,
    recorded_at: &str,
) -> Rows {
    match keys::keyring() {
        Some(ring) => seal_new_cases_with(&ring, cases, recorded_at),
        None => data_key_rows(Vec::new()),
    }
}

/// [`seal_new_cases`] with the keyring `ring`.
fn seal_new_cases_with<'a>(
    ring: &keys::Keyring,
    cases: impl IntoIterator<Item = (&'a str, &'a mut Value)>,
    recorded_at: &str,
) -> Rows {
    let mut key_rows = Vec::new();
    for (radicado, payload) in cases {
        let (key, row) = new_case_key(ring, radicado, recorded_at);
        seal_payload(Some(&key), radicado, 1, "PqrFiled", payload);
        key_rows.extend(row);
    }
    data_key_rows(key_rows)
}

/// [`open_payload`] for one stored payload read on `conn` (readers outside the decoder, such
/// as the outbox reading a case's filing inside an append).
pub async fn open_on(
    conn: &mut AnyConnection,
    radicado: &str,
    sequence: i64,
    event_type: &str,
    payload: &mut Value,
) -> Result<(), sqlx::Error> {
    let Some(ring) = keys::keyring() else {
        return Ok(());
    };
    if envelope_in(event_type, payload) {
        let keys = ring.keys_for(conn, [radicado]).await?;
        open_payload(&keys, radicado, sequence, event_type, payload);
    }
    Ok(())
}

/// Whether `payload` holds a sealed field.
fn envelope_in(event_type: &str, payload: &Value) -> bool {
    let Some(fields) = fields_of(event_type) else {
        return false;
    };
    fields.personal.iter().any(|path| {
        payload
            .pointer(&pointer(event_type, payload, path))
            .is_some_and(|v| envelope(v).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk's sealing of a new case: a fresh data key, wrapped by the KEK for that case
    /// alone, and every personal field of the filing sealed with it, so that opening the
    /// payload with the unwrapped key gives back what was filed.
    #[test]
    fn a_new_case_is_sealed_with_its_own_key_and_opens_to_what_was_filed() {
        let ring = keys::Keyring::new(SecretKey::generate());
        let clear = json!({"PqrFiled": {
            "radicado": "2026-000001",
            "kind": "claim",
            "subject": "Cobro doble",
            "description": "Me cobraron dos veces el mismo servicio.",
            "petitioner": {"name": "Ana Pérez", "email": "ana@example.co"},
            "term": {"days": 15, "unit": "business"}
        }});
        let mut payload = clear.clone();
        let at = "2026-12-03T05:00:00.000000Z";
        let rows = seal_new_cases_with(&ring, [("2026-000001", &mut payload)], at);
        let values = &rows.values;

        let filed = &payload["PqrFiled"];
        for field in ["subject", "description", "petitioner"] {
            assert!(
                envelope(&filed[field]).is_some(),
                "{field} in clear: {filed}"
            );
        }
        assert!(filed["petitioner"]["sealed"].is_string());
        // The text outside the envelopes: a random ciphertext may spell "Ana" in base64.
        let outside: String = payload
            .to_string()
            .split('"')
            .filter(|piece| !piece.starts_with(crate::crypto::ENVELOPE))
            .collect();
        for personal in ["Cobro", "Me cobraron", "Ana", "ana@example.co"] {
            assert!(!outside.contains(personal), "{personal} in {payload}");
        }
        assert_eq!(filed["kind"], "claim");
        assert_eq!(filed["term"], clear["PqrFiled"]["term"]);

        assert_eq!(values.len(), 4);
        assert_eq!(values[0], "2026-000001");
        assert_eq!(values[2], ring.kek_id());
        assert_eq!(values[3], at);
        // Wrapped for this case: another radicado does not unwrap it.
        assert!(ring.kek().unwrap_key("2026-000002", &values[1]).is_err());
        let key = ring
            .kek()
            .unwrap_key("2026-000001", &values[1])
            .expect("the data key unwraps for its case");
        let mut keys = Keys::new();
        keys.insert("2026-000001".to_owned(), KeyState::Live(key));
        let failed = open_payload(&keys, "2026-000001", 1, "PqrFiled", &mut payload);
        assert!(!failed);
        assert_eq!(payload, clear);
    }
}
