//! `GET/POST /radicar`: the filing form (GOV.UK patterns: one question per idea, hints,
//! an error summary linked to each field, errors beside the field, nothing typed is lost).
//! A valid filing goes through the same filing desk as `POST /v1/pqrs` (and so keeps its
//! batching), channel `web`, as a citizen.

use super::inicio::{kinds, KindInfo};
use super::{csrf_refused_in, render, say, texts, Csrf, FormData, Layout};
use super::{Portal, CSRF_NAME};
use crate::access::ClientIp;
use crate::auth::Caller;
use crate::extract::RequestId;
use crate::i18n::Lang;
use crate::routes::pqrs::metadata;
use crate::words::{date_in, date_time_in};
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use pqrs_domain::contact::{Channel, RawPetitioner, ReplyChannel, ReplyChannelError};
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{Kind, Petitioner};
use pqrs_infrastructure::idempotency::{request_hash, IdempotencyKey};
use pqrs_infrastructure::radicacion::{Filing, FilingRequest};
use std::collections::BTreeMap;

/// The honeypot: a field people never see (hidden by the stylesheet, skipped by keyboard and
/// screen readers); a bot that fills every field fills it.
pub const HONEYPOT: &str = "sitio_web";

/// What the citizen typed, kept to show the form again.
#[derive(Debug, Default)]
pub struct Typed {
    kind: String,
    subject: String,
    description: String,
    identificacion: String,
    name: String,
    id_type: String,
    id_number: String,
    email: String,
    phone: String,
    address: String,
    consent: bool,
    notificacion: bool,
    reply: String,
}

impl Typed {
    fn from(form: &FormData) -> Typed {
        let s = |n: &str| form.get(n).to_owned();
        Typed {
            kind: s("kind"),
            subject: s("subject"),
            description: s("description"),
            identificacion: s("identificacion"),
            name: s("name"),
            id_type: s("id_type"),
            id_number: s("id_number"),
            email: s("email"),
            phone: s("phone"),
            address: s("address"),
            consent: form.get("consent") == "si",
            notificacion: form.get("notificacion") == "si",
            reply: s("preferred_reply_channel"),
        }
    }
}

/// A field's error: the id of the input it belongs to and what to do.
pub struct FieldError {
    /// The input's id (the summary links to `#id`).
    pub id: &'static str,
    /// What to do, in the page's language.
    pub message: String,
}

#[derive(Template)]
#[template(path = "radicar.html")]
struct Form<'a> {
    l: Layout<'a>,
    csrf: &'a str,
    kinds: Vec<KindInfo>,
    reply_channels: Vec<&'static str>,
    f: Typed,
    errors: Vec<FieldError>,
    honeypot: &'a str,
    csrf_name: &'a str,
}

impl Form<'_> {
    /// The error of field `id`, if any.
    fn error_for(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.message.as_str())
    }

    /// Whether the document type `code` was chosen.
    fn id_selected(&self, code: &str) -> bool {
        self.f.id_type == code
    }

    /// The name of the reply channel `value` in the page's language.
    fn reply_name(&self, value: &str) -> &'static str {
        (self.l.w.reply_channel)(value)
    }
}

fn form_page(
    p: &Portal,
    lang: Lang,
    headers: &HeaderMap,
    f: Typed,
    errors: Vec<FieldError>,
) -> Response {
    let csrf = Csrf::for_page(headers);
    let w = texts::of(lang);
    let title = if errors.is_empty() {
        w.nav_file
    } else {
        w.form_error_title
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    csrf.set(render(
        status,
        &Form {
            l: Layout::in_lang(&p.app.entity, lang, title),
            csrf: &csrf.0,
            kinds: kinds(p, lang),
            reply_channels: ReplyChannel::ALL.iter().map(|c| c.as_str()).collect(),
            f,
            errors,
            honeypot: HONEYPOT,
            csrf_name: CSRF_NAME,
        },
    ))
}

/// The empty form.
pub async fn show(State(p): State<Portal>, lang: Lang, headers: HeaderMap) -> Response {
    form_page(&p, lang, &headers, Typed::default(), Vec::new())
}

/// The input a petitioner field error belongs to, by the domain's field name.
fn petitioner_field_id(field: &str) -> &'static str {
    match field {
        "petitioner.name" => "name",
        "petitioner.id_type" => "id_type",
        "petitioner.id_number" => "id_number",
        "petitioner.phone" => "phone",
        "petitioner.address" => "address",
        // `petitioner.email` and "no contact at all" both point at the e-mail field.
        _ => "email",
    }
}

/// Every check of the form, all errors at once; the same domain types as the JSON API.
fn parse(f: &Typed, form: &FormData, lang: Lang) -> Result<FilingRequest, Vec<FieldError>> {
    let w = texts::of(lang);
    let mut errors = Vec::new();
    let kind = Kind::parse(&f.kind)
        .map_err(|_| {
            errors.push(FieldError {
                id: "kind-petition",
                message: w.err_kind.into(),
            })
        })
        .ok();
    let subject = Subject::parse(&f.subject)
        .map_err(|e| {
            errors.push(FieldError {
                id: "subject",
                message: (w.err_text)(true, Subject::MAX, &e),
            })
        })
        .ok();
    let description = Description::parse(&f.description)
        .map_err(|e| {
            errors.push(FieldError {
                id: "description",
                message: (w.err_text)(false, Description::MAX, &e),
            })
        })
        .ok();
    let petitioner = match f.identificacion.as_str() {
        "anonima" => None,
        "identificada" => {
            let raw = RawPetitioner {
                name: form.opt("name"),
                id_type: form.opt("id_type"),
                id_number: form.opt("id_number"),
                email: form.opt("email"),
                phone: form.opt("phone"),
                address: form.opt("address"),
            };
            match Petitioner::new(raw) {
                // Written to in the language of the page they filed on.
                Ok(p) => Some(Petitioner {
                    language: lang.into(),
                    ..p
                }),
                Err(pe) => {
                    for (field, _) in pe.0 {
                        let id = petitioner_field_id(field);
                        if !errors.iter().any(|e: &FieldError| e.id == id) {
                            let message = (w.err_petitioner)(field).to_owned();
                            errors.push(FieldError { id, message });
                        }
                    }
                    None
                }
            }
        }
        _ => {
            errors.push(FieldError {
                id: "identificacion-anonima",
                message: w.err_ident.into(),
            });
            None
        }
    };
    // Ley 1581 de 2012 art. 9: personal data are processed only with the holder's prior,
    // express and informed authorisation.
    if f.identificacion == "identificada" && !f.consent {
        errors.push(FieldError {
            id: "consent",
            message: w.err_consent.into(),
        });
    }
    // CPACA (Ley 1437 de 2011) art. 56: decisions are notified by e-mail only with the
    // petitioner's consent, and only to an address they gave (the JSON API's same rule).
    let mut petitioner = petitioner;
    if f.identificacion == "identificada" && f.notificacion {
        match petitioner.as_mut() {
            Some(p) if p.email.is_some() => p.accepts_electronic_notification = true,
            _ if !f.email.trim().is_empty() => {}
            _ => errors.push(FieldError {
                id: "notificacion",
                message: w.err_notif.into(),
            }),
        }
    }
    // Issue 13: the preferred reply channel must be one the contacts given can serve; an
    // anonymous filing has nobody to reply to (the JSON API's same rule).
    if !f.reply.is_empty() {
        let checked = ReplyChannel::parse(&f.reply).and_then(|c| {
            if f.identificacion == "identificada" && petitioner.is_none() {
                // The petitioner's own errors are already shown; judge by what was typed.
                return Ok(c);
            }
            c.check(petitioner.as_ref()).map(|()| c)
        });
        match (checked, petitioner.as_mut()) {
            (Ok(c), Some(p)) => p.preferred_reply_channel = Some(c),
            (Ok(_), None) => {}
            (Err(e), _) => errors.push(FieldError {
                id: "reply-email",
                message: (w.err_reply)(match e {
                    ReplyChannelError::Unknown => "",
                    ReplyChannelError::Anonymous => "in_person",
                    ReplyChannelError::MissingContact(_) => &f.reply,
                })
                .into(),
            }),
        }
    }
    match (kind, subject, description) {
        (Some(kind), Some(subject), Some(description)) if errors.is_empty() => Ok(FilingRequest {
            kind,
            subject,
            description,
            channel: Channel::Web,
            consent_personal_data: petitioner.is_some() && f.consent,
            petitioner,
            received_at: None,
            idempotency: None,
            metadata: BTreeMap::new(),
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "radicado.html")]
struct Confirmation<'a> {
    l: Layout<'a>,
    radicado: String,
    code: String,
    kind: String,
    received: String,
    due: String,
    anonymous: bool,
    reply: Option<&'static str>,
    meaning: String,
}

/// Files the form, or shows it again with what to fix.
#[tracing::instrument(name = "portal_file", skip_all)]
pub async fn submit(
    State(p): State<Portal>,
    ClientIp(ip): ClientIp,
    lang: Lang,
    request_id: RequestId,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let entity = &p.app.entity;
    let w = texts::of(lang);
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused_in(entity, lang, &headers, "/radicar");
    }
    if !form.get(HONEYPOT).is_empty() {
        tracing::info!("portal filing refused: honeypot field filled");
        return say(
            entity,
            lang,
            StatusCode::BAD_REQUEST,
            w.not_filed_title,
            w.honeypot_text,
        );
    }
    let typed = Typed::from(&form);
    let mut request = match parse(&typed, &form, lang) {
        Ok(r) => r,
        Err(errors) => return form_page(&p, lang, &headers, typed, errors),
    };
    if p.filings.check_key(&ip).is_err() {
        return say(
            entity,
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            w.too_many_filings_title,
            w.too_many_filings_text,
        );
    }
    request.metadata = metadata(&Caller::Citizen, Channel::Web, &request_id);
    // The same form sent twice by the same browser (a reload of the confirmation, a double
    // click on a slow connection) is one filing: the desk's idempotency keys, keyed by the
    // browser's CSRF token and what was typed, answer the first radicado again.
    let typed_again = format!(
        "portal\n{}\n{}",
        form.get(CSRF_NAME),
        serde_json::json!([
            typed.kind,
            typed.subject,
            typed.description,
            typed.identificacion,
            typed.name,
            typed.id_type,
            typed.id_number,
            typed.email,
            typed.phone,
            typed.address,
            typed.consent,
            typed.notificacion,
            typed.reply
        ])
    );
    let fingerprint = request_hash(&typed_again);
    request.idempotency = IdempotencyKey::parse(&format!("portal-{fingerprint}"))
        .ok()
        .map(|key| (key, fingerprint));
    let Filing {
        filed, access_code, ..
    } = match p.app.desk.file(request).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "portal filing failed");
            return say(
                entity,
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                w.not_filed_title,
                w.filing_failed_text,
            );
        }
    };
    tracing::info!(radicado = %filed.radicado, "filed through the portal");
    let policy = p
        .app
        .services
        .policies
        .periods()
        .iter()
        .map(|period| &period.policy)
        .find(|pol| pol.id == filed.policy_id)
        .map_or_else(|| filed.policy_id.clone(), |pol| pol.name.clone());
    let code = access_code.expose();
    let grouped = code
        .as_bytes()
        .chunks(4)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect::<Vec<_>>()
        .join(" ");
    let due = date_in(lang, filed.due_date);
    render(
        StatusCode::OK,
        &Confirmation {
            l: Layout::in_lang(entity, lang, w.confirm_title),
            radicado: filed.radicado.to_string(),
            code: grouped,
            kind: (w.kind_name)(filed.kind).to_owned(),
            received: date_time_in(lang, filed.received_at),
            meaning: (w.due_meaning)(&(w.term)(filed.term), &policy, &due),
            due,
            anonymous: filed.petitioner.is_none(),
            reply: filed
                .petitioner
                .as_ref()
                .and_then(|pet| pet.preferred_reply_channel)
                .map(|c| (w.reply_channel)(c.as_str())),
        },
    )
}
