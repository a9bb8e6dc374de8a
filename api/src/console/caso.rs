//! The case page of the console, `GET /funcionarios/casos/{radicado}`: the case as the role
//! may see it (the tracking view of `GET /v1/pqrs/{radicado}`, redacted exactly as there), the
//! deadline panel, the timeline of every event with its actor and time (the log read as
//! `GET /v1/pqrs/{radicado}/events` reads it), the internal notes, the e-mails to the
//! petitioner, and a form for each action the case's state allows, with its legal limit
//! ([`super::acciones`] runs them). In Spanish, or in English for an official who asks for it.

use super::texts::{self, Texts};
use super::{unavailable_in, Layout, Official};
use crate::i18n::Lang;
use crate::pages::render;
use crate::routes::pqrs::{tracking_of, Tracking};
use crate::routes::queue::to_item;
use crate::state::AppState;
use crate::words::{date_in, date_time_in};
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
    /// The request to complete, in words (art. 17).
    completion: Option<String>,
    /// The kind filter's options, for the classification form.
    kinds: Vec<(&'static str, &'static str)>,
    /// The answer's outcomes: the API value and its words.
    outcomes: Vec<(&'static str, &'static str)>,
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
    /// What follows the answer's outcome: its date, whether on time.
    answer_line: String,
    answer_outcome: &'static str,
    priority: bool,
}

/// How the petitioner asked to be answered and written to, recorded with the filing: the
/// reply channel they prefer (issue 13), whether decisions may be notified to them by e-mail
/// (CPACA — Ley 1437 de 2011 — art. 56) and the language of the e-mails. Nothing once their
/// data are suppressed (no contact left to reply to).
fn how_to_reply(
    w: &Texts,
    t: &Tracking,
    petitioner: &serde_json::Map<String, Value>,
) -> Vec<(String, String)> {
    let Some(choices) = Choices::of(petitioner) else {
        return Vec::new();
    };
    let label = |field| (w.petitioner_choice)(field).unwrap_or_default().to_owned();
    let channel = t.preferred_reply_channel.as_deref().unwrap_or_default();
    vec![
        (
            label("preferred_reply_channel"),
            (w.reply_channel)(channel).to_owned(),
        ),
        (
            w.consent_label.to_owned(),
            if choices.consent {
                w.consent_given
            } else {
                w.consent_refused
            }
            .to_owned(),
        ),
        (
            label("language"),
            (w.mail_language)(choices.language).to_owned(),
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
fn answer_delivery(
    w: &Texts,
    t: &Tracking,
    petitioner: &serde_json::Map<String, Value>,
) -> Option<String> {
    let consent = Choices::of(petitioner)?.consent;
    let by = match t.preferred_reply_channel.as_deref() {
        Some(c) => (w.deliver_by_channel)((w.reply_channel)(c)),
        None => w.deliver_by_contact.to_owned(),
    };
    Some(if !consent {
        (w.delivery_refused)(&by)
    } else if pqrs_infrastructure::outbox::queues(pqrs_domain::notification::Message::Answer) {
        w.delivery_by_email.to_owned()
    } else {
        (w.delivery_not_sent)(&by)
    })
}

fn who(w: &Texts, metadata: &Value) -> String {
    let m = |k: &str| metadata.get(k).and_then(Value::as_str).unwrap_or("");
    match m("actor_kind") {
        "citizen" => w.by_petitioner.into(),
        "staff" => {
            let role = Role::parse(m("actor_role")).map_or("", w.role);
            format!("{} ({role})", m("actor_name"))
        }
        "cli" => w.by_command_line.into(),
        _ => w.by_system.into(),
    }
}

/// The page for a radicado that names no case, in `lang`.
pub fn not_found(state: &AppState, lang: Lang) -> Response {
    let w = texts::of(lang);
    crate::console::say(
        &state.entity,
        lang,
        StatusCode::NOT_FOUND,
        w.case_not_found_title,
        w.case_not_found_text,
    )
}

/// The case page for `official` in `lang`, with `notice` after an action.
pub async fn page(
    state: &AppState,
    lang: Lang,
    official: &Official,
    radicado: &Radicado,
    status: StatusCode,
    notice: Option<Notice>,
) -> Response {
    let w = texts::of(lang);
    let not_found = || not_found(state, lang);
    let unavailable = |e: &dyn std::fmt::Display| unavailable_in(state, lang, e);
    let date = |d| date_in(lang, d);
    let date_time = |at| date_time_in(lang, at);
    let pqr = match pqrs_infrastructure::cases::find(&state.repo, radicado).await {
        Ok(Some(pqr)) => pqr,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(&e),
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
        Err(e) => return unavailable(&e),
    };
    let (light, light_text) = super::bandeja::light_in(w, item.deadline.state);
    let mut term = (w.term_with_article)(&(crate::pages::texts::of(lang).term)(case.term));
    if case.priority.is_some() {
        term.push_str(w.term_priority);
    }
    if case.extension.is_some() {
        term.push_str(w.term_extended);
    }
    let panel = Panel {
        due: date(item.deadline.due_date),
        left: (w.days_left)(item.deadline.business_days_left),
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
            .map_or_else(String::new, date),
        extension_until: cap.map_or_else(String::new, date),
        extension_iso: cap.map_or_else(String::new, |d| d.to_string()),
        forward_until: iso(forwarding_deadline(&calendar, e)).map_or_else(String::new, date),
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
                        .map_or_else(|_| ev.recorded_at.clone(), date_time);
                    Line {
                        at,
                        what: (w.event)(&ev.event.event_type).to_owned(),
                        who: who(w, &metadata),
                        channel: metadata
                            .get("channel")
                            .and_then(Value::as_str)
                            .map_or_else(String::new, |c| (w.channel)(c).to_owned()),
                    }
                })
                .collect(),
            Err(e) => return unavailable(&e),
        };
    let notes = t
        .staff
        .as_ref()
        .map(|s| {
            s.notes
                .iter()
                .map(|n| Line {
                    at: date_time(n.at),
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
            at: date_time(n.at),
            what: crate::words::message_title_in(lang, n.message.as_str())
                .unwrap_or(w.mail_other)
                .to_owned(),
            who: if n.accepted {
                w.mail_accepted.into()
            } else {
                w.mail_failed.into()
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
                    let label = (w.petitioner_field)(k)?;
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Null => return None,
                        other => other.to_string(),
                    };
                    Some((label.to_owned(), text))
                })
                .chain(how_to_reply(w, &t, o))
                .collect()
        })
        .unwrap_or_default();
    let answer_delivery = filed_by.and_then(|o| answer_delivery(w, &t, o));
    let csrf = official.csrf.clone();
    let page = Page {
        l: Layout::new(
            &state.entity,
            lang,
            (w.case_title)(&t.radicado),
            Some(official),
            "/funcionarios/bandeja",
        ),
        csrf: &csrf,
        kind: super::bandeja::kind_text_in(w, &t.kind),
        status: (w.status)(&t.status),
        received: date_time(t.received_at),
        completion: t.completion.as_ref().map(|c| {
            let supplied = c.supplied_on.map(date);
            (w.completion_line)(&c.what, &date(c.window_ends_on), supplied.as_deref())
        }),
        kinds: super::bandeja::kind_options(w),
        outcomes: ["granted", "denied", "partially_granted", "informative"]
            .map(|o| (o, crate::words::outcome_in(lang, o)))
            .to_vec(),
        answer_line: t.answer.as_ref().map_or(String::new(), |a| {
            (w.answer_line)(&date(a.answered_on), a.on_time)
        }),
        answer_outcome: t
            .answer
            .as_ref()
            .map_or("", |a| crate::words::outcome_in(lang, &a.outcome)),
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
