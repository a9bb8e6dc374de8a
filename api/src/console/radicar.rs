//! Filing on a citizen's behalf, `/funcionarios/radicar`: an official registers a petition
//! received by phone, in person, by mail or by e-mail, with the moment it was received
//! (`received_at`, never in the future, backdating limited as in `POST /v1/pqrs`). The form
//! becomes the JSON body of `POST /v1/pqrs` and goes through the same filing desk
//! ([`crate::routes::pqrs::file`]) as the official. The radicado and the access code are shown
//! once, to hand to the citizen. The official records, as the citizen said, how they prefer the
//! answer (issue 13), whether decisions may be notified by e-mail (CPACA art. 56) and in which
//! language the e-mails are written. In Spanish, or in English for an official who asks for it.

use super::texts::{self, Texts};
use super::{forbidden_in, Layout, Official};
use crate::error::ApiError;
use crate::extract::RequestId;
use crate::i18n::{translate, Lang};
use crate::pages::render;
use crate::pages::FormData;
use crate::state::AppState;
use crate::words::date_in;
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDateTime, TimeZone};
use pqrs_domain::actor::Role;
use pqrs_domain::contact::{Language, ReplyChannel};
use pqrs_domain::deadline::bogota;
use pqrs_domain::Kind;
use pqrs_infrastructure::radicacion::Filing;
use serde_json::{json, Map, Value};

/// The channels an official files through (the web is the citizen's own).
const CHANNELS: [&str; 4] = ["phone", "in_person", "mail", "email"];

/// The form as typed, kept when it is shown again.
#[derive(Default)]
pub struct Typed {
    kind: String,
    channel: String,
    received_at: String,
    subject: String,
    description: String,
    name: String,
    id_number: String,
    email: String,
    phone: String,
    address: String,
    consent: bool,
    /// The citizen accepts e-mail notification of decisions (CPACA art. 56).
    notification: bool,
    /// The language of the e-mails to the citizen: `es` (or empty) or `en`.
    language: String,
    /// How the citizen prefers to receive the answer (issue 13): a reply channel, or empty.
    reply: String,
}

impl Typed {
    /// Whether `field` has `value` (radios).
    pub fn is(&self, field: &str, value: &str) -> bool {
        match field {
            "kind" => self.kind == value,
            // Spanish unless English was chosen: the official language (Constitución art. 10).
            "language" => (self.language == "en") == (value == "en"),
            "reply" => self.reply == value,
            _ => self.channel == value,
        }
    }
}

#[derive(Template)]
#[template(path = "console/radicar.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    csrf: &'a str,
    kinds: Vec<(&'static str, &'static str)>,
    channels: [(&'static str, &'static str); 4],
    replies: Vec<(&'static str, &'static str)>,
    languages: [(&'static str, &'static str); 2],
    v: Typed,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "console/radicado.html")]
struct DonePage<'a> {
    l: Layout<'a>,
    radicado: String,
    access_code: String,
    due: String,
}

fn form_page(
    state: &AppState,
    lang: Lang,
    official: &Official,
    v: Typed,
    errors: Vec<String>,
    status: StatusCode,
) -> Response {
    let w = texts::of(lang);
    render(
        status,
        &FormPage {
            l: Layout::new(
                &state.entity,
                lang,
                w.file_for_citizen,
                Some(official),
                "/funcionarios/bandeja",
            ),
            csrf: &official.csrf,
            kinds: Kind::ALL
                .iter()
                .map(|k| (k.as_str(), (w.kind)(*k)))
                .collect(),
            channels: CHANNELS.map(|c| (c, (w.filing_channel)(c))),
            replies: ReplyChannel::ALL
                .iter()
                .map(|c| (c.as_str(), (w.reply_channel)(c.as_str())))
                .collect(),
            languages: ["es", "en"].map(|l| (l, (w.mail_language)(l))),
            v,
            errors,
        },
    )
}

/// The form shown again with what was typed and why nothing was filed (422).
fn refused(
    state: &AppState,
    lang: Lang,
    official: &Official,
    v: Typed,
    errors: Vec<String>,
) -> Response {
    form_page(
        state,
        lang,
        official,
        v,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

/// `GET /funcionarios/radicar`.
pub async fn show(State(state): State<AppState>, lang: Lang, official: Official) -> Response {
    if !official.member.role.includes(Role::Agent) {
        return forbidden_in(&state, lang);
    }
    let now = state.clock.now().with_timezone(&bogota());
    let v = Typed {
        received_at: now.format("%Y-%m-%dT%H:%M").to_string(),
        ..Typed::default()
    };
    form_page(&state, lang, &official, v, Vec::new(), StatusCode::OK)
}

/// The name of a field of `POST /v1/pqrs` in the words of `w`.
fn field_text<'a>(w: &Texts, field: &'a str) -> &'a str {
    (w.desk_field)(field)
        .or_else(|| {
            field
                .strip_prefix("petitioner.")
                .and_then(w.petitioner_field)
        })
        .or_else(|| (w.petitioner_choice)(field))
        .unwrap_or(field)
}

/// The body of `POST /v1/pqrs` the form stands for.
fn body_of(v: &Typed) -> Value {
    let mut body = Map::new();
    body.insert("kind".into(), json!(v.kind));
    body.insert("subject".into(), json!(v.subject));
    body.insert("description".into(), json!(v.description));
    body.insert("channel".into(), json!(v.channel));
    // `datetime-local` is Bogotá's wall clock; the API takes RFC 3339 with offset.
    let received = NaiveDateTime::parse_from_str(&v.received_at, "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|t| bogota().from_local_datetime(&t).single())
        .map_or_else(|| v.received_at.clone(), |t| t.to_rfc3339());
    if !v.received_at.is_empty() {
        body.insert("received_at".into(), json!(received));
    }
    let mut p = Map::new();
    for (k, val) in [
        ("name", &v.name),
        ("id_number", &v.id_number),
        ("email", &v.email),
        ("phone", &v.phone),
        ("address", &v.address),
    ] {
        if !val.is_empty() {
            p.insert(k.into(), json!(val));
        }
    }
    if !v.id_number.is_empty() {
        p.insert("id_type".into(), json!("CC"));
    }
    if p.is_empty() {
        body.insert("petitioner".into(), Value::Null);
    } else {
        body.insert("petitioner".into(), Value::Object(p));
        body.insert("consent_personal_data".into(), json!(v.consent));
    }
    if !v.reply.is_empty() {
        body.insert("preferred_reply_channel".into(), json!(v.reply));
    }
    if v.notification {
        body.insert("consent_electronic_notification".into(), json!(true));
    }
    Value::Object(body)
}

/// `POST /funcionarios/radicar`.
#[tracing::instrument(name = "console.file", skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    request_id: RequestId,
    body: Bytes,
) -> Response {
    let w = texts::of(lang);
    let form = FormData::parse(&body);
    if !official.check_csrf(form.get("csrf")) {
        return crate::console::say(
            &state.entity,
            lang,
            StatusCode::FORBIDDEN,
            w.form_expired_title,
            w.filing_expired_text,
        );
    }
    if !official.member.role.includes(Role::Agent) {
        return forbidden_in(&state, lang);
    }
    let t = |k: &str| form.get(k).trim().to_owned();
    let v = Typed {
        kind: t("kind"),
        channel: t("channel"),
        received_at: t("received_at"),
        subject: t("subject"),
        description: t("description"),
        name: t("name"),
        id_number: t("id_number"),
        email: t("email"),
        phone: t("phone"),
        address: t("address"),
        consent: form.get("consent") == "si",
        notification: form.get("notificacion") == "si",
        language: t("idioma"),
        reply: t("preferred_reply_channel"),
    };
    if !CHANNELS.contains(&v.channel.as_str()) {
        let errors = vec![w.channel_missing.to_owned()];
        return refused(&state, lang, &official, v, errors);
    }
    // Constitución Política art. 10: Spanish is the official language; English e-mails are a
    // translation followed by the official Spanish text (docs/notifications.md, "Language").
    let language = match v.language.as_str() {
        "" | "es" => Language::Spanish,
        "en" => Language::English,
        _ => {
            let errors = vec![w.language_invalid.to_owned()];
            return refused(&state, lang, &official, v, errors);
        }
    };
    let json = body_of(&v);
    let caller = official.caller();
    match crate::routes::pqrs::file(&state, &caller, &request_id, &json, None, language).await {
        Ok(Filing {
            filed, access_code, ..
        }) => {
            tracing::info!(radicado = %filed.radicado, "filed on a citizen's behalf");
            render(
                StatusCode::CREATED,
                &DonePage {
                    l: Layout::new(
                        &state.entity,
                        lang,
                        w.filed_title,
                        Some(&official),
                        "/funcionarios/bandeja",
                    ),
                    radicado: filed.radicado.to_string(),
                    access_code: access_code.expose().to_owned(),
                    due: date_in(lang, filed.due_date),
                },
            )
        }
        Err(ApiError::Validation(errors)) => {
            let mut errors: Vec<String> = errors
                .iter()
                .map(|e| {
                    // The API names its field; the desk names the box to fill in.
                    let desk = match e.field.as_str() {
                        "consent_electronic_notification" => Some(w.notification_needs_email),
                        "preferred_reply_channel" => (w.reply_needs)(&v.reply),
                        _ => None,
                    };
                    desk.map_or_else(
                        || {
                            let message = translate(&e.message, lang);
                            format!("{}: {message}", field_text(w, &e.field))
                        },
                        str::to_owned,
                    )
                })
                .collect();
            // The API leaves the consent unjudged while the petitioner's data are refused.
            if v.notification
                && v.email.is_empty()
                && !errors.iter().any(|e| e == w.notification_needs_email)
            {
                errors.push(w.notification_needs_email.to_owned());
            }
            refused(&state, lang, &official, v, errors)
        }
        Err(ApiError::Rule(s) | ApiError::Forbidden(s) | ApiError::Conflict(s)) => {
            let errors = vec![translate(&s, lang)];
            refused(&state, lang, &official, v, errors)
        }
        Err(e) => {
            tracing::error!(error = %e, "console filing failed");
            crate::console::say(
                &state.entity,
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                w.filing_failed_title,
                w.filing_failed_text,
            )
        }
    }
}
