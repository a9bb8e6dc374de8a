//! `GET/POST /radicar`: the filing form (GOV.UK patterns: one question per idea, hints,
//! an error summary linked to each field, errors beside the field, nothing typed is lost).
//! A valid filing goes through the same filing desk as `POST /v1/pqrs` (and so keeps its
//! batching), channel `web`, as a citizen.

use super::inicio::{kinds, KindInfo};
use super::{csrf_refused, fecha, fecha_hora, message, plazo, render, Csrf, FormData, Layout};
use super::{Portal, CSRF_NAME};
use crate::access::ClientIp;
use crate::auth::Caller;
use crate::extract::RequestId;
use crate::routes::pqrs::metadata;
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use pqrs_domain::contact::{Channel, RawPetitioner};
use pqrs_domain::text::{Description, Subject, TextError};
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
        }
    }
}

/// A field's error: the id of the input it belongs to and what to do.
pub struct FieldError {
    /// The input's id (the summary links to `#id`).
    pub id: &'static str,
    /// What to do, in Spanish.
    pub message: String,
}

/// Identity document types offered, with their names.
pub const ID_TYPES: [(&str, &str); 8] = [
    ("CC", "Cédula de ciudadanía"),
    ("CE", "Cédula de extranjería"),
    ("TI", "Tarjeta de identidad"),
    ("RC", "Registro civil"),
    ("PA", "Pasaporte"),
    ("NIT", "NIT"),
    ("PEP", "Permiso especial de permanencia"),
    ("PPT", "Permiso por protección temporal"),
];

#[derive(Template)]
#[template(path = "radicar.html")]
struct Form<'a> {
    l: Layout<'a>,
    csrf: &'a str,
    kinds: Vec<KindInfo>,
    id_types: &'a [(&'a str, &'a str)],
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
}

fn form_page(p: &Portal, headers: &HeaderMap, f: Typed, errors: Vec<FieldError>) -> Response {
    let csrf = Csrf::for_page(headers);
    let title = if errors.is_empty() {
        "Radicar una solicitud"
    } else {
        "Error: revise su solicitud"
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    csrf.set(render(
        status,
        &Form {
            l: Layout::new(&p.app.entity, title),
            csrf: &csrf.0,
            kinds: kinds(p),
            id_types: &ID_TYPES,
            f,
            errors,
            honeypot: HONEYPOT,
            csrf_name: CSRF_NAME,
        },
    ))
}

/// The empty form.
pub async fn show(State(p): State<Portal>, headers: HeaderMap) -> Response {
    form_page(&p, &headers, Typed::default(), Vec::new())
}

fn text_error(what: &str, max: usize, e: &TextError) -> String {
    match e {
        TextError::Empty => format!("Escriba {what}."),
        TextError::TooLong { .. } => {
            format!("Escriba {what} con {max} caracteres como máximo.")
        }
        TextError::ControlCharacters => format!("Revise {what}: tiene caracteres no válidos."),
    }
}

fn petitioner_error(field: &str) -> (&'static str, String) {
    match field {
        "petitioner.name" => (
            "name",
            "Escriba su nombre con 200 caracteres como máximo.".into(),
        ),
        "petitioner.id_type" => (
            "id_type",
            "Si da su número de documento, elija también el tipo de documento, y al revés.".into(),
        ),
        "petitioner.id_number" => (
            "id_number",
            "Escriba el número de documento: entre 3 y 20 letras o números.".into(),
        ),
        "petitioner.email" => (
            "email",
            "Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.co.".into(),
        ),
        "petitioner.phone" => (
            "phone",
            "Escriba un número de teléfono válido, por ejemplo 601 555 1234.".into(),
        ),
        "petitioner.address" => (
            "address",
            "Escriba la dirección con 300 caracteres como máximo.".into(),
        ),
        _ => (
            "email",
            "Escriba al menos un medio para responderle: correo electrónico, teléfono o \
             dirección."
                .into(),
        ),
    }
}

/// Every check of the form, all errors at once; the same domain types as the JSON API.
fn parse(f: &Typed, form: &FormData) -> Result<FilingRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = Kind::parse(&f.kind)
        .map_err(|_| {
            errors.push(FieldError {
                id: "kind-petition",
                message: "Elija qué tipo de solicitud quiere presentar.".into(),
            })
        })
        .ok();
    let subject = Subject::parse(&f.subject)
        .map_err(|e| {
            errors.push(FieldError {
                id: "subject",
                message: text_error("el asunto", Subject::MAX, &e),
            })
        })
        .ok();
    let description = Description::parse(&f.description)
        .map_err(|e| {
            errors.push(FieldError {
                id: "description",
                message: text_error("su solicitud", Description::MAX, &e),
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
                Ok(p) => Some(p),
                Err(pe) => {
                    for (field, _) in pe.0 {
                        let (id, message) = petitioner_error(field);
                        if !errors.iter().any(|e: &FieldError| e.id == id) {
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
                message: "Indique si presenta la solicitud de forma anónima o con sus datos."
                    .into(),
            });
            None
        }
    };
    // Ley 1581 de 2012 art. 9: personal data are processed only with the holder's prior,
    // express and informed authorisation.
    if f.identificacion == "identificada" && !f.consent {
        errors.push(FieldError {
            id: "consent",
            message: "Para radicar con sus datos debe autorizar su tratamiento (Ley 1581 de \
                      2012)."
                .into(),
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
                message: "Para notificarle por correo electrónico escriba su correo \
                          electrónico, o desmarque la casilla."
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
    term: String,
    policy: String,
    anonymous: bool,
}

/// Files the form, or shows it again with what to fix.
#[tracing::instrument(name = "portal_file", skip_all)]
pub async fn submit(
    State(p): State<Portal>,
    ClientIp(ip): ClientIp,
    request_id: RequestId,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let entity = &p.app.entity;
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused(entity, &headers, "/radicar");
    }
    if !form.get(HONEYPOT).is_empty() {
        tracing::info!("portal filing refused: honeypot field filled");
        return message(
            entity,
            StatusCode::BAD_REQUEST,
            "No pudimos radicar su solicitud",
            "El formulario llegó con un campo que las personas no llenan, y no se radicó nada. \
             Si usted es una persona, vuelva a abrir el formulario y envíelo de nuevo.",
        );
    }
    let typed = Typed::from(&form);
    let mut request = match parse(&typed, &form) {
        Ok(r) => r,
        Err(errors) => return form_page(&p, &headers, typed, errors),
    };
    if p.filings.check_key(&ip).is_err() {
        return message(
            entity,
            StatusCode::TOO_MANY_REQUESTS,
            "Demasiadas solicitudes seguidas",
            "Desde esta conexión se enviaron muchas solicitudes en poco tiempo, y esta no se \
             radicó. Espere un minuto y vuelva a enviarla.",
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
            typed.notificacion
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
            return message(
                entity,
                StatusCode::SERVICE_UNAVAILABLE,
                "No pudimos radicar su solicitud",
                "Tuvimos un problema y su solicitud no quedó radicada. Intente de nuevo en unos \
                 minutos.",
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
    render(
        StatusCode::OK,
        &Confirmation {
            l: Layout::new(entity, "Su solicitud quedó radicada"),
            radicado: filed.radicado.to_string(),
            code: grouped,
            kind: filed.kind.spanish().to_owned(),
            received: fecha_hora(filed.received_at),
            due: fecha(filed.due_date),
            term: plazo(filed.term),
            policy,
            anonymous: filed.petitioner.is_none(),
        },
    )
}
