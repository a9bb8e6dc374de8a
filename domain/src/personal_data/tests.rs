//! The classification is complete, and redaction and blanking keep what they must.

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
        PqrEvent::PetitionerContactRectified(_) => "PetitionerContactRectified",
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
        json!({"PetitionerContactRectified": {"field": "email",
            "value": "ana.nueva@example.co", "basis": "Solicitud de la titular", "at": at}}),
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
    out.push((
        "PersonalDataRectificationRefused".into(),
        json!({"PersonalDataRectificationRefused": {"radicado": "2026-000001",
            "field": "email", "basis": "Solicitud de la titular",
            "refusal": "el caso es anónimo", "at": at}}),
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

#[test]
fn addresses_in_a_mail_servers_words_are_redacted() {
    let cases = [
        // Postfix refusing a recipient.
        (
            "permanent error (550): 5.1.1 <ana.perez@example.co>: Recipient address rejected: \
             User unknown in local recipient table",
            "permanent error (550): 5.1.1 <[redacted]>: Recipient address rejected: \
             User unknown in local recipient table",
        ),
        // Exim, the address bare and followed by a colon; sendmail's "..." after it.
        (
            "550 ana@example.co: unknown user",
            "550 [redacted]: unknown user",
        ),
        (
            "553 5.1.3 Ana@Example.CO... User unknown",
            "553 5.1.3 [redacted]... User unknown",
        ),
        // Several, in a DSN's notation and a quoted list.
        (
            "450 rfc822;ana@example.co, \"beto@example.co\" deferred",
            "450 rfc822;[redacted], \"[redacted]\" deferred",
        ),
    ];
    for (words, redacted) in cases {
        assert_eq!(redact_addresses(words), redacted, "{words}");
    }
    // Words without an address are kept as they are, without a copy.
    let plain = "250 2.0.0 Ok: queued as 4F2A";
    assert!(matches!(
        redact_addresses(plain),
        std::borrow::Cow::Borrowed(p) if p == plain
    ));
    assert_eq!(
        redact_addresses("Connection refused (os error 111)"),
        "Connection refused (os error 111)"
    );
}
