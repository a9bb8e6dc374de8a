//! The case page of the console, `GET /funcionarios/casos/{radicado}`: the case as the role
//! may see it (the tracking view of `GET /v1/pqrs/{radicado}`, redacted exactly as there), the
//! deadline panel, the timeline of every event with its actor and time (the log read as
//! `GET /v1/pqrs/{radicado}/events` reads it), the internal notes, the e-mails to the
//! petitioner, and a form for each action the case's state allows, with its legal limit
//! ([`super::acciones`] runs them).

use super::{unavailable, Layout, Official};
use crate::pages::{fecha, fecha_hora, plazo, render};
use crate::routes::pqrs::{tracking_of, Tracking};
use crate::routes::queue::to_item;
use crate::state::AppState;
use crate::words::{mail_language_text, reply_channel_text};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use pqrs_domain::actor::Role;
use pqrs_domain::clock_rules::{completion_request_deadline, extension_cap, forwarding_deadline};
use pqrs_domain::deadline::local_date;
use pqrs_domain::pqr::Status;
use pqrs_domain::Radicado;
use pqrs_projections::CaseRow;
use serde_json::Value;

/// What a page says after an action: done, or why not.
pub struct Notice {
    /// Whether the action was refused.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// A line of the timeline.
pub struct Line {
    /// When, written out.
    pub at: String,
    /// What happened.
    pub what: String,
    /// Who did it.
    pub who: String,
    /// Through which channel, if any.
    pub channel: String,
}

/// The deadline panel.
pub struct Panel {
    /// The due date, written out.
    pub due: String,
    /// Business days left, in words.
    pub left: String,
    /// Share of the term elapsed, in percent.
    pub elapsed: i64,
    /// The traffic light's class and words.
    pub light: &'static str,
    /// The traffic light in words.
    pub light_text: &'static str,
    /// The term and the article behind it.
    pub term: String,
}

/// The legal limits shown beside each form.
#[derive(Default)]
pub struct Limits {
    /// Completion may be asked until (art. 17).
    pub completion_until: String,
    /// The term may be extended until (art. 14 parágrafo); empty when already extended.
    pub extension_until: String,
    /// The suggested ISO date for the extension field.
    pub extension_iso: String,
    /// Forwarding is on time until (art. 21).
    pub forward_until: String,
}

/// Which forms the case's state and the official's role allow.
#[derive(Default)]
pub struct Allowed {
    /// Agent actions on an open case.
    pub work: bool,
    /// Completion may be requested (open, not suspended, not requested before).
    pub request_completion: bool,
    /// Completion may be supplied on the petitioner's behalf (suspended).
    pub supply: bool,
    /// The term may be extended.
    pub extend: bool,
    /// The case may be flagged priority.
    pub priority: bool,
    /// The case may be answered (open, not suspended).
    pub answer: bool,
    /// The radicado may be voided (supervisor, open).
    pub void: bool,
    /// An information request (the answer asks whether documents were delivered).
    pub information_request: bool,
}

#[derive(Template)]
#[template(path = "console/caso.html")]
struct Page<'a> {
    l: Layout<'a>,
    csrf: &'a str,
    t: Tracking,
    kind: String,
    status: &'static str,
    received: String,
    panel: Panel,
    limits: Limits,
    may: Allowed,
    lines: Vec<Line>,
    notes: Vec<Line>,
    mails: Vec<Line>,
    petitioner: Vec<(String, String)>,
    /// How the answer will reach the petitioner, beside the answer form.
    answer_delivery: Option<String>,
    notice: Option<Notice>,
    answer_on: String,
    answer_outcome: &'static str,
    priority: bool,
}

/// The status (its API value) in words, for officials.
pub(super) fn status_text(status: &str) -> &'static str {
    match status {
        "filed" => "Radicada, sin asignar",
        "in_progress" => "En trámite",
        "suspended" => "Suspendida: esperando que el peticionario complete (art. 17)",
        "answered" => "Respondida",
        "forwarded" => "Trasladada por competencia (art. 21)",
        "withdrawn" => "Desistida (art. 18)",
        "withdrawn_tacitly" => "Desistimiento tácito (art. 17)",
        "voided" => "Anulada",
        _ => "En trámite",
    }
}

fn event_text(event_type: &str) -> &'static str {
    match event_type {
        "PqrFiled" => "Radicada",
        "PqrClassified" => "Clasificada",
        "PqrAssigned" => "Asignada",
        "PqrEscalated" => "Escalada",
        "InternalNoteAdded" => "Nota interna",
        "CompletionRequested" => "Se pidió completar (art. 17)",
        "CompletionSupplied" => "El peticionario completó (art. 17)",
        "CompletionWindowExtended" => "Se amplió el plazo para completar (art. 17)",
        "TacitWithdrawalRecorded" => "Desistimiento tácito (art. 17)",
        "TermExtended" => "Prorrogada (art. 14 parágrafo)",
        "PqrForwarded" => "Trasladada por competencia (art. 21)",
        "PriorityFlagged" => "Marcada prioritaria (art. 20)",
        "PqrAnswered" => "Respondida",
        "ServiceRated" => "El peticionario calificó la atención",
        "PqrWithdrawn" => "Desistida (art. 18)",
        "RadicadoVoided" => "Radicado anulado",
        "PositiveSilenceReached" => "Silencio administrativo positivo (art. 14)",
        "DueDateMovedByClosure" => "Fecha límite movida por un cierre de la entidad",
        "PetitionerNotified" => "Se notificó al peticionario por correo",
        "NotificationFailed" => "Falló el correo al peticionario",
        _ => "Evento",
    }
}

/// What a field of the petitioner's identity and contact is called on a page.
pub(crate) fn petitioner_field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "name" => "Nombre",
        "id_type" => "Tipo de documento",
        "id_number" => "Número de documento",
        "email" => "Correo electrónico",
        "phone" => "Teléfono",
        "address" => "Dirección",
        _ => return None,
    })
}

/// What a petitioner's choice about how to be answered is called on a page.
pub(crate) fn petitioner_choice_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "preferred_reply_channel" => "Medio preferido de respuesta",
        "language" => "Idioma de los correos",
        _ => return None,
    })
}

/// How the petitioner asked to be answered and written to, recorded with the filing: the
/// reply channel they prefer (issue 13), whether decisions may be notified to them by e-mail
/// (CPACA — Ley 1437 de 2011 — art. 56) and the language of the e-mails. Nothing once their
/// data are suppressed (no contact left to reply to).
fn how_to_reply(
    t: &Tracking,
    petitioner: &serde_json::Map<String, Value>,
) -> Vec<(String, String)> {
    let Some(choices) = Choices::of(petitioner) else {
        return Vec::new();
    };
    vec![
        (
            petitioner_choice_label("preferred_reply_channel")
                .unwrap_or_default()
                .to_owned(),
            reply_channel_text(t.preferred_reply_channel.as_deref().unwrap_or_default()).to_owned(),
        ),
        (
            "Notificación por correo electrónico (Ley 1437 de 2011, art. 56)".to_owned(),
            if choices.consent {
                "Aceptada"
            } else {
                "No aceptada"
            }
            .to_owned(),
        ),
        (
            petitioner_choice_label("language")
                .unwrap_or_default()
                .to_owned(),
            mail_language_text(choices.language).to_owned(),
        ),
    ]
}

/// What an identified petitioner chose about e-mail, read from the petitioner as filed; none
/// for a petitioner without contacts (their data suppressed: no one left to write to).
struct Choices<'a> {
    /// Decisions may be notified by e-mail (CPACA art. 56).
    consent: bool,
    /// The e-mails' language (`en`, or empty for Spanish).
    language: &'a str,
}

impl<'a> Choices<'a> {
    fn of(petitioner: &'a serde_json::Map<String, Value>) -> Option<Choices<'a>> {
        let contact = ["email", "phone", "address"];
        contact
            .iter()
            .any(|k| petitioner.contains_key(*k))
            .then(|| Choices {
                consent: petitioner
                    .get("accepts_electronic_notification")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                language: petitioner
                    .get("language")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            })
    }
}

/// How the answer will reach an identified petitioner (none for an anonymous petition or once
/// the data are suppressed): by e-mail only when they accepted it (CPACA — Ley 1437 de 2011 —
/// art. 56) and this service sends answers; otherwise the official must deliver it, by the
/// channel the petitioner preferred (issue 13) when they chose one.
fn answer_delivery(t: &Tracking, petitioner: &serde_json::Map<String, Value>) -> Option<String> {
    let consent = Choices::of(petitioner)?.consent;
    let by = match t.preferred_reply_channel.as_deref() {
        Some(c) => format!(
            "por el medio que prefirió: {}",
            reply_channel_text(c).to_lowercase()
        ),
        None => "por uno de los datos de contacto que dio".to_owned(),
    };
    Some(if !consent {
        format!(
            "El peticionario no aceptó la notificación por correo electrónico (Ley 1437 de \
             2011, art. 56): la respuesta no se le enviará por correo. Hágasela llegar {by}."
        )
    } else if pqrs_infrastructure::outbox::queues(pqrs_domain::notification::Message::Answer) {
        "La respuesta se enviará al correo electrónico del peticionario, que aceptó esa \
         notificación (Ley 1437 de 2011, art. 56)."
            .to_owned()
    } else {
        format!(
            "El peticionario aceptó la notificación por correo electrónico (Ley 1437 de 2011, \
             art. 56), pero este servicio no envía las respuestas por correo: hágasela llegar \
             {by}."
        )
    })
}

fn who(metadata: &Value) -> String {
    let m = |k: &str| metadata.get(k).and_then(Value::as_str).unwrap_or("");
    match m("actor_kind") {
        "citizen" => "El peticionario".into(),
        "staff" => {
            let role = Role::parse(m("actor_role")).map_or("", super::role_name);
            format!("{} ({role})", m("actor_name"))
        }
        "cli" => "Línea de comandos".into(),
        _ => "El sistema".into(),
    }
}

fn channel_text(channel: &str) -> String {
    match channel {
        "web" => "web",
        "email" => "correo electrónico",
        "phone" => "teléfono",
        "in_person" => "presencial",
        "mail" => "correo postal",
        other => other,
    }
    .to_owned()
}

/// The case page for `official`, with `notice` after an action.
pub async fn page(
    state: &AppState,
    official: &Official,
    radicado: &Radicado,
    status: StatusCode,
    notice: Option<Notice>,
) -> Response {
    let not_found = || {
        crate::pages::message(
            &state.entity,
            StatusCode::NOT_FOUND,
            "Caso no encontrado",
            "No hay ningún caso con ese radicado.",
        )
    };
    let pqr = match pqrs_infrastructure::cases::find(&state.repo, radicado).await {
        Ok(Some(pqr)) => pqr,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(state, &e),
    };
    let Some(case) = pqr.case() else {
        return not_found();
    };
    let caller = official.caller();
    let now = state.clock.now();
    let today = local_date(&now);
    let staff_view = caller.has(Role::Agent) || caller.has(Role::Auditor);
    let t = tracking_of(case, &now, staff_view);
    let calendar = state.services.calendar.current();
    let Some(row) = CaseRow::of(&pqr, 0) else {
        return not_found();
    };
    let item = match to_item(&row, today, &calendar, &state.services.policies) {
        Ok(i) => i,
        Err(e) => return unavailable(state, &e),
    };
    let (light, light_text) = super::bandeja::light(item.deadline.state);
    let mut term = format!("{} (Ley 1755 de 2015, art. 14)", plazo(case.term));
    if case.priority.is_some() {
        term.push_str("; prioritaria: término reducido (art. 20)");
    }
    if case.extension.is_some() {
        term.push_str("; prorrogado (art. 14 parágrafo)");
    }
    let panel = Panel {
        due: fecha(item.deadline.due_date),
        left: super::bandeja::days_text(item.deadline.business_days_left),
        elapsed: (item.deadline.share_elapsed * 100.0).round() as i64,
        light,
        light_text,
        term,
    };
    let e = case.effective_received_on();
    let iso = |d: Result<NaiveDate, _>| d.ok();
    // The term that governs (art. 20: the priority term when it ends earlier), as the
    // aggregate counts the double of art. 14 parágrafo.
    let ends = |t| pqrs_domain::deadline::due_date(&calendar, e, t).ok();
    let governing = match &case.priority {
        Some(p) if ends(p.term) < ends(case.term) => p.term,
        _ => case.term,
    };
    let cap = iso(extension_cap(&calendar, e, governing, case.due_date));
    let limits = Limits {
        completion_until: iso(completion_request_deadline(&calendar, e))
            .map_or_else(String::new, fecha),
        extension_until: cap.map_or_else(String::new, fecha),
        extension_iso: cap.map_or_else(String::new, |d| d.to_string()),
        forward_until: iso(forwarding_deadline(&calendar, e)).map_or_else(String::new, fecha),
    };
    let open = !case.status.is_closed();
    let agent = caller.has(Role::Agent);
    let suspended = case.status == Status::Suspended;
    let may = Allowed {
        work: open && agent,
        request_completion: open && agent && !suspended && case.completion.is_none(),
        supply: open && agent && suspended,
        extend: open && agent && !suspended && case.extension.is_none(),
        priority: open && agent && case.priority.is_none(),
        answer: open && agent && !suspended,
        void: open && caller.has(Role::Supervisor),
        information_request: case.kind == pqrs_domain::Kind::InformationRequest,
    };
    let lines =
        match pqrs_infrastructure::audit::history(&state.db, "Pqr", &radicado.to_string()).await {
            Ok(events) => events
                .into_iter()
                .map(|ev| {
                    let metadata: Value =
                        serde_json::from_str(&ev.event.metadata).unwrap_or(Value::Null);
                    let at = chrono::DateTime::parse_from_rfc3339(&ev.recorded_at)
                        .map_or_else(|_| ev.recorded_at.clone(), fecha_hora);
                    Line {
                        at,
                        what: event_text(&ev.event.event_type).to_owned(),
                        who: who(&metadata),
                        channel: metadata
                            .get("channel")
                            .and_then(Value::as_str)
                            .map_or_else(String::new, channel_text),
                    }
                })
                .collect(),
            Err(e) => return unavailable(state, &e),
        };
    let notes = t
        .staff
        .as_ref()
        .map(|s| {
            s.notes
                .iter()
                .map(|n| Line {
                    at: fecha_hora(n.at),
                    what: n.detail.clone().unwrap_or_default(),
                    who: String::new(),
                    channel: String::new(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mails = case
        .notifications
        .iter()
        .map(|n| Line {
            at: fecha_hora(n.at),
            what: crate::words::message_title(n.message.as_str())
                .unwrap_or("Mensaje de la entidad")
                .to_owned(),
            who: if n.accepted {
                "Entregado al servidor de correo".into()
            } else {
                "No se pudo enviar".into()
            },
            channel: String::new(),
        })
        .collect();
    // The petitioner as the staff view carries it: personal data redacted for roles that may
    // not read it (the same JSON as `GET /v1/pqrs/{radicado}`).
    let filed_by = t
        .staff
        .as_ref()
        .and_then(|s| s.petitioner.as_ref())
        .and_then(Value::as_object);
    let petitioner = filed_by
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| {
                    let label = petitioner_field_label(k)?;
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Null => return None,
                        other => other.to_string(),
                    };
                    Some((label.to_owned(), text))
                })
                .chain(how_to_reply(&t, o))
                .collect()
        })
        .unwrap_or_default();
    let answer_delivery = filed_by.and_then(|o| answer_delivery(&t, o));
    let csrf = official.csrf.clone();
    let page = Page {
        l: Layout::new(
            &state.entity,
            format!("Caso {}", t.radicado),
            Some(official),
            "/funcionarios/bandeja",
        ),
        csrf: &csrf,
        kind: super::bandeja::kind_text(&t.kind),
        status: status_text(&t.status),
        received: fecha_hora(t.received_at),
        answer_on: t
            .answer
            .as_ref()
            .map_or(String::new(), |a| fecha(a.answered_on)),
        answer_outcome: t
            .answer
            .as_ref()
            .map_or("", |a| crate::words::outcome_text(&a.outcome)),
        priority: case.priority.is_some(),
        panel,
        limits,
        may,
        lines,
        notes,
        mails,
        petitioner,
        answer_delivery,
        notice,
        t,
    };
    render(status, &page)
}
