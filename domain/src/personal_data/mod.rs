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
    // and the error are the mail server's words about the transfer, recorded only with every
    // address in them redacted ([`redact_addresses`]).
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
    // Issue 16: a rectified contact value is the petitioner's contact data (art. 3 lit. c),
    // sealed under the case's key like the filing; the field's name and the officer's basis
    // (the request and its support) are about the procedure.
    EventFields {
        event_type: "PetitionerContactRectified",
        personal: &["value"],
        not_personal: &["field", "basis", "at"],
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
    // The record of a refused rectification: the case, the field and why — never the value
    // asked for (it may be the petitioner's data, and it was not taken).
    EventFields {
        event_type: "PersonalDataRectificationRefused",
        personal: &[],
        not_personal: &["radicado", "field", "basis", "refusal", "at"],
    },
];

/// A mail server's words (its reply to a message, or the error of a failed transfer) with
/// every e-mail address in them replaced by [`REDACTED`].
///
/// Servers name the recipient when they refuse it (Postfix: `550 5.1.1 <ana@example.co>:
/// Recipient address rejected: User unknown`). The address is the petitioner's contact data
/// (Ley 1581 de 2012 art. 3 lit. c), and these words are recorded in clear (`server_reply`,
/// `error`: not sealed, so no suppression could erase them) and written to the service's log,
/// which must hold no personal data. An address is any run of characters with an `@` in it
/// between spaces, brackets, quotes, commas or semicolons; a `.` or `:` ending the run stays.
pub fn redact_addresses(words: &str) -> std::borrow::Cow<'_, str> {
    if !words.contains('@') {
        return std::borrow::Cow::Borrowed(words);
    }
    let apart = |c: char| c.is_whitespace() || "<>()[]\"',;".contains(c);
    let mut out = String::with_capacity(words.len());
    let mut rest = words;
    while !rest.is_empty() {
        // What separates, then one run up to the next separator.
        let run_starts = rest.find(|c: char| !apart(c)).unwrap_or(rest.len());
        out.push_str(&rest[..run_starts]);
        rest = &rest[run_starts..];
        let run_ends = rest.find(apart).unwrap_or(rest.len());
        let run = &rest[..run_ends];
        let core = run.trim_end_matches(['.', ':']);
        if core.contains('@') {
            out.push_str(REDACTED);
            out.push_str(&run[core.len()..]);
        } else {
            out.push_str(run);
        }
        rest = &rest[run_ends..];
    }
    std::borrow::Cow::Owned(out)
}

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
mod tests;
