//! Which fields of each event can hold personal data (Ley 1581 de 2012): the one list.
//!
//! Every string field of every event the log records is classified here, once: either it can
//! hold personal data ([`EventFields::personal`]) or it cannot ([`EventFields::not_personal`]).
//! Views for roles that must not see personal data redact by this list ([`redact_payload`]),
//! and the encryption of personal data at rest is to encrypt exactly these fields. A test walks
//! a sample of every event type and fails when a string field is in neither list, so a new
//! field cannot reach a view unclassified.
//!
//! What counts as personal: the petitioner (identity and contact data, art. 3 lit. c), every
//! text a citizen writes (subject, description, the completion they supply, the comment of a
//! rating, the reason of a withdrawal: free text may name people or describe their health,
//! family or money), the answer (addressed to the petitioner, it restates their case), and the
//! reason for priority (art. 20 Ley 1755 de 2015: it names the risk to a person's fundamental
//! rights, often health — sensitive data, art. 5 Ley 1581). Texts staff write as public
//! servants about the procedure (classification, assignment, forwarding, extension reasons,
//! internal notes) and names of officials and authorities are not personal data of the
//! petitioner: the trail must say who did what and why.

use serde_json::Value;

/// What replaces a redacted value.
pub const REDACTED: &str = "[redacted]";

/// The classification of one event type's string fields. Paths are field names of the event
/// body, dotted for nested fields (`term.unit`); a personal path covers everything under it.
#[derive(Debug, Clone, Copy)]
pub struct EventFields {
    /// The event type, as stored (`PqrFiled`).
    pub event_type: &'static str,
    /// Fields that can hold personal data.
    pub personal: &'static [&'static str],
    /// String fields that cannot.
    pub not_personal: &'static [&'static str],
}

/// Every event type of the log, with its fields classified.
pub const EVENT_FIELDS: &[EventFields] = &[
    EventFields {
        event_type: "PqrFiled",
        personal: &["petitioner", "subject", "description"],
        not_personal: &[
            "radicado",
            "kind",
            "channel",
            "received_at",
            "effective_received_on",
            "term.unit",
            "due_date",
            "policy_id",
            "policy_version",
            "calendar_version",
            "access_code_hash",
        ],
    },
    EventFields {
        event_type: "PqrClassified",
        personal: &[],
        not_personal: &[
            "kind_from",
            "kind_to",
            "topic",
            "dependency_from",
            "dependency",
            "reason",
            "term.unit",
            "due_date",
            "policy_id",
            "policy_version",
            "at",
        ],
    },
    EventFields {
        event_type: "PqrAssigned",
        personal: &[],
        not_personal: &[
            "dependency",
            "official",
            "previous_dependency",
            "previous_official",
            "reason",
            "at",
        ],
    },
    EventFields {
        event_type: "PqrEscalated",
        personal: &[],
        not_personal: &["reason", "at"],
    },
    EventFields {
        event_type: "InternalNoteAdded",
        personal: &[],
        not_personal: &["text", "at"],
    },
    EventFields {
        event_type: "CompletionRequested",
        personal: &[],
        not_personal: &[
            "what",
            "requested_on",
            "consumed.unit",
            "remaining.unit",
            "due_date_on_hold",
            "window_ends_on",
            "at",
        ],
    },
    EventFields {
        event_type: "CompletionSupplied",
        personal: &["text"],
        not_personal: &["supplied_on", "resumes_on", "new_due_date", "at"],
    },
    EventFields {
        event_type: "CompletionWindowExtended",
        personal: &[],
        not_personal: &[
            "asked_on",
            "previous_window_ends_on",
            "window_ends_on",
            "at",
        ],
    },
    EventFields {
        event_type: "TacitWithdrawalRecorded",
        personal: &[],
        not_personal: &["decided_on", "window_closed_on", "reasons", "at"],
    },
    EventFields {
        event_type: "TermExtended",
        personal: &[],
        not_personal: &[
            "notified_on",
            "previous_due_date",
            "new_due_date",
            "cap",
            "reasons",
            "at",
        ],
    },
    EventFields {
        event_type: "PqrForwarded",
        personal: &[],
        not_personal: &["authority", "reasons", "forwarded_on", "last_day", "at"],
    },
    EventFields {
        event_type: "PriorityFlagged",
        personal: &["reason"],
        not_personal: &[
            "priority_term.unit",
            "previous_due_date",
            "new_due_date",
            "at",
        ],
    },
    EventFields {
        event_type: "PqrAnswered",
        personal: &["text"],
        not_personal: &["outcome", "answered_on", "due_date", "at"],
    },
    EventFields {
        event_type: "ServiceRated",
        personal: &["comment"],
        not_personal: &["at"],
    },
    EventFields {
        event_type: "PqrWithdrawn",
        personal: &["reason"],
        not_personal: &["withdrawn_on", "at"],
    },
    EventFields {
        event_type: "RadicadoVoided",
        personal: &[],
        not_personal: &["radicado", "reason", "at"],
    },
    EventFields {
        event_type: "PositiveSilenceReached",
        personal: &[],
        not_personal: &["due_date", "accepted_from", "deliver_by", "at"],
    },
    EventFields {
        event_type: "DueDateMovedByClosure",
        personal: &[],
        not_personal: &[
            "closure_date",
            "legal_basis",
            "previous_due_date",
            "new_due_date",
            "at",
        ],
    },
    // The address a message went to is the petitioner's contact data (Ley 1581 de 2012 art.
    // 3 lit. c); the Message-ID names the radicado and the sender's domain, the server's reply
    // and the error are the mail server's words about the transfer.
    EventFields {
        event_type: "PetitionerNotified",
        personal: &["to"],
        not_personal: &["message", "message_id", "server_reply", "at"],
    },
    EventFields {
        event_type: "NotificationFailed",
        personal: &["to"],
        not_personal: &["message", "message_id", "error", "at"],
    },
    // Issue 15 (mail helper): withdrawing the consent to e-mail states only when.
    EventFields {
        event_type: "NotificationConsentWithdrawn",
        personal: &[],
        not_personal: &["at"],
    },
    EventFields {
        event_type: "ClosureDayDeclared",
        personal: &[],
        not_personal: &["date", "legal_basis", "at"],
    },
    // The record of a suppression (issue 16): the legal basis and the authority's order are
    // the officer's words about the procedure, not the petitioner's data.
    EventFields {
        event_type: "PersonalDataSuppressed",
        personal: &[],
        not_personal: &[
            "radicado",
            "basis",
            "order",
            "retention.kind",
            "retention.closed_on",
            "retention.retained_until",
            "retention.basis",
            "at",
        ],
    },
    // The record of an access request: which kind of identifier was searched and which
    // cases were found, never the identifier itself.
    EventFields {
        event_type: "PersonalDataAccessed",
        personal: &[],
        not_personal: &["identifier", "cases", "at"],
    },
];

/// The classification of `event_type`, if it is a known type.
pub fn fields_of(event_type: &str) -> Option<&'static EventFields> {
    EVENT_FIELDS.iter().find(|f| f.event_type == event_type)
}

fn redact_path(value: &mut Value, path: &[&str]) -> bool {
    match (value, path) {
        (v, []) if v.is_null() => false,
        (v, []) => {
            *v = Value::String(REDACTED.into());
            true
        }
        (Value::Object(m), [first, rest @ ..]) => match m.get_mut(*first) {
            Some(v) => redact_path(v, rest),
            None => false,
        },
        (Value::Array(items), path) => items
            .iter_mut()
            .fold(false, |acc, v| redact_path(v, path) | acc),
        _ => false,
    }
}

fn redact_all_strings(value: &mut Value) -> bool {
    match value {
        Value::String(s) if s != REDACTED => {
            *s = REDACTED.into();
            true
        }
        Value::Object(m) => m
            .values_mut()
            .fold(false, |acc, v| redact_all_strings(v) | acc),
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |acc, v| redact_all_strings(v) | acc),
        _ => false,
    }
}

/// Replaces every non-null personal field of a stored payload of `event_type` with
/// [`REDACTED`]; returns whether anything was redacted. A `null` field (an anonymous filing's
/// petitioner, a rating without comment) stays `null`. An event type missing from
/// [`EVENT_FIELDS`] has every string redacted: unclassified data is never shown.
pub fn redact_payload(event_type: &str, payload: &mut Value) -> bool {
    // Events are stored externally tagged: `{"PqrFiled": {…}}`.
    let tagged =
        matches!(&*payload, Value::Object(m) if m.len() == 1 && m.contains_key(event_type));
    match payload.get_mut(event_type) {
        Some(body) if tagged => redact_body(event_type, body),
        _ => redact_body(event_type, payload),
    }
}

/// The prefix of a personal field sealed in the log (issue 16, docs/privacy.md; the envelope
/// of `pqrs_infrastructure::crypto`). A sealed object (the petitioner) is stored as
/// `{"sealed": "enc:v1:…"}`.
pub const SEALED_PREFIX: &str = "enc:v1:";

/// For readers of the raw log that need no personal data (the reports): replaces every sealed
/// personal field of a stored payload with [`REDACTED`] (a sealed object becomes `{}`), so the
/// payload reads as its event whatever the length of the ciphertext. Returns whether anything
/// changed.
pub fn blank_sealed(payload: &mut Value) -> bool {
    let Some((event_type, body)) = payload
        .as_object_mut()
        .filter(|m| m.len() == 1)
        .and_then(|m| m.iter_mut().next())
    else {
        return false;
    };
    let Some(fields) = fields_of(event_type) else {
        return false;
    };
    let mut changed = false;
    for path in fields.personal {
        let pointer = format!("/{}", path.replace('.', "/"));
        let Some(v) = body.pointer_mut(&pointer) else {
            continue;
        };
        let sealed_object = v
            .get("sealed")
            .and_then(Value::as_str)
            .is_some_and(|s| s.starts_with(SEALED_PREFIX));
        if sealed_object {
            *v = Value::Object(serde_json::Map::new());
            changed = true;
        } else if v.as_str().is_some_and(|s| s.starts_with(SEALED_PREFIX)) {
            *v = Value::String(REDACTED.into());
            changed = true;
        }
    }
    changed
}

fn redact_body(event_type: &str, body: &mut Value) -> bool {
    match fields_of(event_type) {
        Some(fields) => fields.personal.iter().fold(false, |acc, path| {
            let parts: Vec<&str> = path.split('.').collect();
            redact_path(body, &parts) | acc
        }),
        None => redact_all_strings(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::closures::CalendarEvent;
    use crate::pqr::PqrEvent;
    use cqrs_es::DomainEvent;
    use serde_json::json;

    /// The stored event type of each variant. No wildcard: a new variant does not compile
    /// until it is named here — and then needs a sample in [`samples`].
    fn type_of(e: &PqrEvent) -> &'static str {
        match e {
            PqrEvent::PqrFiled(_) => "PqrFiled",
            PqrEvent::PqrClassified(_) => "PqrClassified",
            PqrEvent::PqrAssigned(_) => "PqrAssigned",
            PqrEvent::PqrEscalated(_) => "PqrEscalated",
            PqrEvent::InternalNoteAdded(_) => "InternalNoteAdded",
            PqrEvent::CompletionRequested(_) => "CompletionRequested",
            PqrEvent::CompletionSupplied(_) => "CompletionSupplied",
            PqrEvent::CompletionWindowExtended(_) => "CompletionWindowExtended",
            PqrEvent::TacitWithdrawalRecorded(_) => "TacitWithdrawalRecorded",
            PqrEvent::TermExtended(_) => "TermExtended",
            PqrEvent::PqrForwarded(_) => "PqrForwarded",
            PqrEvent::PriorityFlagged(_) => "PriorityFlagged",
            PqrEvent::PqrAnswered(_) => "PqrAnswered",
            PqrEvent::ServiceRated(_) => "ServiceRated",
            PqrEvent::PqrWithdrawn(_) => "PqrWithdrawn",
            PqrEvent::RadicadoVoided(_) => "RadicadoVoided",
            PqrEvent::PositiveSilenceReached(_) => "PositiveSilenceReached",
            PqrEvent::DueDateMovedByClosure(_) => "DueDateMovedByClosure",
            PqrEvent::PetitionerNotified(_) => "PetitionerNotified",
            PqrEvent::NotificationFailed(_) => "NotificationFailed",
            PqrEvent::NotificationConsentWithdrawn(_) => "NotificationConsentWithdrawn",
        }
    }

    /// One stored payload of every event type, every optional field present. Built as JSON and
    /// read into the event types, so a new required field makes its sample fail to read, and
    /// a new optional one shows up as `null` and must be classified too.
    fn samples() -> Vec<(String, Value)> {
        let at = "2026-11-23T09:00:00-05:00";
        let term = json!({"days": 15, "unit": "business"});
        let pqr = vec![
            json!({"PqrFiled": {
                "radicado": "2026-000001", "kind": "petition", "subject": "Alumbrado público",
                "description": "Vivo en la Calle 12 y no hay luz", "channel": "web",
                "petitioner": {"name": "Ana Pérez", "id_type": "CC", "id_number": "52123456",
                    "email": "ana@example.co", "phone": "3001234567", "address": "Calle 12 # 3-4"},
                "consent_personal_data": true, "received_at": at,
                "effective_received_on": "2026-11-23", "term": term, "due_date": "2026-12-15",
                "policy_id": "colombia", "policy_version": "1", "calendar_version": "abc",
                "access_code_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}}),
            json!({"PqrClassified": {"kind_from": "petition", "kind_to": "complaint",
                "topic": "Alumbrado", "dependency_from": "Atención", "dependency": "Obras",
                "reason": "Es una queja", "term": term, "due_date": "2026-12-15",
                "policy_id": "colombia", "policy_version": "1", "at": at}}),
            json!({"PqrAssigned": {"dependency": "Obras", "official": "Luis Gómez",
                "previous_dependency": "Atención", "previous_official": "Marta Ruiz",
                "dependency_changed": true, "reason": "Competencia", "at": at}}),
            json!({"PqrEscalated": {"from_tier": 1, "to_tier": 2, "reason": "Complejo", "at": at}}),
            json!({"InternalNoteAdded": {"text": "Pedir plano", "at": at}}),
            json!({"CompletionRequested": {"what": "Falta la dirección",
                "requested_on": "2026-11-24", "consumed": term, "remaining": term,
                "due_date_on_hold": "2026-12-15", "window_ends_on": "2026-12-24", "at": at}}),
            json!({"CompletionSupplied": {"text": "Es la Calle 12 # 3-4",
                "supplied_on": "2026-11-25", "resumes_on": "2026-11-26",
                "new_due_date": "2026-12-17", "at": at}}),
            json!({"CompletionWindowExtended": {"asked_on": "2026-11-25",
                "previous_window_ends_on": "2026-12-24", "window_ends_on": "2027-01-24", "at": at}}),
            json!({"TacitWithdrawalRecorded": {"decided_on": "2027-01-25",
                "window_closed_on": "2027-01-24", "reasons": "No completó", "at": at}}),
            json!({"TermExtended": {"notified_on": "2026-12-10", "previous_due_date": "2026-12-15",
                "new_due_date": "2027-01-15", "cap": "2027-01-20", "reasons": "Volumen", "at": at}}),
            json!({"PqrForwarded": {"authority": "Gobernación", "reasons": "No es competente",
                "forwarded_on": "2026-11-24", "last_day": "2026-11-30", "late": false, "at": at}}),
            json!({"PriorityFlagged": {"reason": "Paciente en tratamiento", "priority_term": term,
                "previous_due_date": "2026-12-15", "new_due_date": "2026-12-01", "at": at}}),
            json!({"PqrAnswered": {"text": "Señora Ana: se repara el alumbrado",
                "outcome": "granted", "documents_delivered": true, "answered_on": "2026-12-01",
                "due_date": "2026-12-15", "on_time": true, "business_days_taken": 6, "at": at}}),
            json!({"ServiceRated": {"score": 5, "comment": "Gracias, soy Ana", "at": at}}),
            json!({"PqrWithdrawn": {"reason": "Ya me mudé de la Calle 12",
                "withdrawn_on": "2026-11-30", "at": at}}),
            json!({"RadicadoVoided": {"radicado": "2026-000001", "reason": "Duplicado", "at": at}}),
            json!({"PositiveSilenceReached": {"due_date": "2026-12-15",
                "accepted_from": "2026-12-16", "deliver_by": "2026-12-21", "at": at}}),
            json!({"DueDateMovedByClosure": {"closure_date": "2026-12-24",
                "legal_basis": "Resolución 12 de 2026", "previous_due_date": "2026-12-15",
                "new_due_date": "2026-12-16", "at": at}}),
            json!({"PetitionerNotified": {"message": "filing_acknowledgement",
                "to": "ana@example.co", "message_id": "<pqrs.2026-000001.1@example.gov.co>",
                "caused_by": 1, "server_reply": "250 OK", "at": at}}),
            json!({"NotificationFailed": {"message": "answer", "to": "ana@example.co",
                "message_id": "<pqrs.2026-000001.5@example.gov.co>", "caused_by": 5,
                "error": "550 mailbox unavailable", "attempts": 3, "at": at}}),
            json!({"NotificationConsentWithdrawn": {"at": at}}),
        ];
        let mut out = Vec::new();
        for sample in pqr {
            let event: PqrEvent = serde_json::from_value(sample.clone())
                .unwrap_or_else(|e| panic!("sample {sample} does not read as an event: {e}"));
            assert_eq!(type_of(&event), event.event_type());
            out.push((event.event_type(), serde_json::to_value(&event).unwrap()));
        }
        let closure = CalendarEvent::ClosureDayDeclared {
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
            legal_basis: "Resolución 12 de 2026".into(),
            at: Some(chrono::DateTime::parse_from_rfc3339(at).unwrap()),
        };
        out.push((
            closure.event_type(),
            serde_json::to_value(&closure).unwrap(),
        ));
        out.push((
            "PersonalDataSuppressed".into(),
            json!({"PersonalDataSuppressed": {"radicado": "2026-000001",
                "basis": "Retención cumplida", "order": null, "automatic": true,
                "retention": {"kind": "claim", "years": 10, "closed_on": "2016-11-24",
                    "retained_until": "2026-11-24", "basis": "TRD, serie PQRSD"},
                "at": at}}),
        ));
        out.push((
            "PersonalDataAccessed".into(),
            json!({"PersonalDataAccessed": {"identifier": "id_number",
                "cases": ["2026-000001"], "at": at}}),
        ));
        out
    }

    /// Every string (or null, which may be a string) leaf not under a personal path.
    fn unclassified(fields: &EventFields, value: &Value, path: &str, out: &mut Vec<String>) {
        if fields.personal.contains(&path) {
            return;
        }
        match value {
            Value::Object(m) => {
                for (k, v) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    unclassified(fields, v, &p, out);
                }
            }
            Value::Array(items) => items
                .iter()
                .for_each(|v| unclassified(fields, v, path, out)),
            Value::String(_) | Value::Null if !fields.not_personal.contains(&path) => {
                out.push(path.to_owned())
            }
            _ => {}
        }
    }

    #[test]
    fn every_string_field_of_every_event_type_is_classified() {
        let samples = samples();
        let mut problems = Vec::new();
        for (event_type, payload) in &samples {
            let Some(fields) = fields_of(event_type) else {
                problems.push(format!("{event_type}: not in EVENT_FIELDS"));
                continue;
            };
            let body = &payload[event_type.as_str()];
            assert!(body.is_object(), "{event_type} is stored externally tagged");
            let mut missing = Vec::new();
            unclassified(fields, body, "", &mut missing);
            for m in missing {
                problems.push(format!(
                    "{event_type}.{m}: neither personal nor not_personal"
                ));
            }
            for p in fields.personal.iter().chain(fields.not_personal) {
                let pointer = format!("/{}", p.replace('.', "/"));
                if body.pointer(&pointer).is_none() {
                    problems.push(format!("{event_type}.{p}: classified but not in the event"));
                }
            }
        }
        for f in EVENT_FIELDS {
            if !samples.iter().any(|(t, _)| t == f.event_type) {
                problems.push(format!("{}: classified but has no sample", f.event_type));
            }
        }
        assert!(
            problems.is_empty(),
            "unclassified fields:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn redaction_leaves_no_personal_text_and_keeps_the_rest() {
        for (event_type, mut payload) in samples() {
            let before = payload.clone();
            let fields = fields_of(&event_type).unwrap();
            let changed = redact_payload(&event_type, &mut payload);
            assert_eq!(changed, !fields.personal.is_empty(), "{event_type}");
            let body = &payload[event_type.as_str()];
            for p in fields.personal {
                let pointer = format!("/{}", p.replace('.', "/"));
                assert_eq!(
                    body.pointer(&pointer),
                    Some(&json!(REDACTED)),
                    "{event_type}.{p}"
                );
            }
            for p in fields.not_personal {
                let pointer = format!("/{}", p.replace('.', "/"));
                assert_eq!(
                    body.pointer(&pointer),
                    before[event_type.as_str()].pointer(&pointer),
                    "{event_type}.{p}"
                );
            }
        }
    }

    #[test]
    fn sealed_fields_are_blanked_for_readers_without_keys() {
        let long = format!("{SEALED_PREFIX}{}", "A".repeat(40_000));
        let mut p = json!({"PqrAnswered": {"text": long, "outcome": "granted",
            "documents_delivered": true, "answered_on": "2026-12-01", "due_date": "2026-12-15",
            "on_time": true, "business_days_taken": 6, "at": "2026-12-01T09:00:00-05:00"}});
        assert!(blank_sealed(&mut p));
        assert_eq!(p["PqrAnswered"]["text"], REDACTED);
        let _: PqrEvent = serde_json::from_value(p).unwrap();
        let mut f = json!({"PqrFiled": {"petitioner": {"sealed": format!("{SEALED_PREFIX}x")}}});
        assert!(blank_sealed(&mut f));
        assert_eq!(f["PqrFiled"]["petitioner"], json!({}));
    }

    #[test]
    fn null_stays_null_and_unknown_types_are_redacted_whole() {
        let mut anonymous = json!({"PqrFiled": {"petitioner": null, "description": "x"}});
        assert!(redact_payload("PqrFiled", &mut anonymous));
        assert!(anonymous["PqrFiled"]["petitioner"].is_null());
        let mut rated = json!({"ServiceRated": {"score": 4, "comment": null}});
        assert!(!redact_payload("ServiceRated", &mut rated));
        let mut unknown = json!({"SomethingNew": {"text": "Ana", "n": 1, "list": ["a"]}});
        assert!(redact_payload("SomethingNew", &mut unknown));
        assert_eq!(
            unknown,
            json!({"SomethingNew": {"text": REDACTED, "n": 1, "list": [REDACTED]}})
        );
    }
}
