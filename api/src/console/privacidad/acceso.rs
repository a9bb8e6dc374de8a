//! `/funcionarios/privacidad/acceso`: the right to know (Ley 1581 de 2012 art. 8 lit. a). The
//! officer asks by identity number or e-mail (exactly one); the page lists the cases found with
//! their personal fields opened, and "Descargar JSON" returns the export of `POST
//! /v1/privacy/access-requests`. Both call that handler, so each is recorded as the API
//! records it (a `PersonalDataAccessed` event: which kind of identifier and which cases, never
//! the identifier). The identifier travels only in POST bodies: never in a URL or a log.

use super::{error_for, oficina, sentence, FieldErrors, Officer, OfficerForm};
use crate::auth::Allowed;
use crate::console::informes_comun::{api_error, no_store, page, Oficina};
use crate::console::texts::Texts;
use crate::console::Layout;
use crate::error::ApiError;
use crate::extract::{ApiJson, RequestId};
use crate::i18n::{translate, Lang};
use crate::pages::FormData;
use crate::routes::privacy::access::{access_request, AccessRequest};
use crate::routes::privacy::PrivacyOfficers;
use crate::state::AppState;
use crate::words::{date_in, date_time_in};
use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pqrs_domain::Radicado;
use serde_json::Value;

/// A case found, as the page lists it.
struct Caso {
    radicado: String,
    kind: &'static str,
    status: &'static str,
    filed: String,
    due: String,
    closed: String,
    /// The personal fields opened: (what, value).
    fields: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "console/privacidad_acceso.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    id_number: String,
    email: String,
    errors: FieldErrors,
    cases: Option<Vec<Caso>>,
}

impl Pagina<'_> {
    fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }
}

fn pagina<'a>(o: &Oficina<'a>, form: &FormData) -> Pagina<'a> {
    Pagina {
        l: o.layout(o.words().access_req_title),
        id_number: form.get("identificacion").trim().to_owned(),
        email: form.get("correo").trim().to_owned(),
        errors: Vec::new(),
        cases: None,
    }
}

/// `GET /funcionarios/privacidad/acceso`: the form.
#[tracing::instrument(name = "console.privacidad.acceso", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Officer(official): Officer,
) -> Response {
    let o = oficina(&state, lang, &official);
    page(StatusCode::OK, &pagina(&o, &FormData::parse(b"")))
}

/// The export of `POST /v1/privacy/access-requests` for the form's identifier, or the page
/// that says what to correct.
async fn export(
    state: &AppState,
    o: &Oficina<'_>,
    p: &mut Pagina<'_>,
    request_id: RequestId,
) -> Result<Value, Response> {
    let caller = o.caller();
    let what = o.words().access_what;
    let allowed = Allowed::<PrivacyOfficers>::admit(&caller).map_err(|e| api_error(o, e, what))?;
    let body = AccessRequest {
        id_number: Some(p.id_number.clone()),
        email: Some(p.email.clone()),
    };
    match access_request(
        State(state.clone()),
        caller,
        request_id,
        allowed,
        ApiJson(body),
    )
    .await
    {
        Ok(Json(v)) => Ok(v),
        Err(ApiError::Validation(fields)) => {
            p.errors = fields
                .iter()
                .map(|f| {
                    let field = if f.field == "email" {
                        "correo"
                    } else {
                        "identificacion"
                    };
                    (field, sentence(&translate(&f.message, o.lang)))
                })
                .collect();
            Err(page(StatusCode::UNPROCESSABLE_ENTITY, &*p))
        }
        Err(e) => Err(api_error(o, e, what)),
    }
}

/// `POST /funcionarios/privacidad/acceso`: the cases found.
#[tracing::instrument(name = "console.privacidad.acceso.buscar", skip_all)]
pub async fn search(
    State(state): State<AppState>,
    lang: Lang,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let mut p = pagina(&o, &form);
    let out = match export(&state, &o, &mut p, request_id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut cases = Vec::new();
    for c in out["cases"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        match caso(&state, w, lang, c).await {
            Ok(found) => cases.extend(found),
            Err(e) => return api_error(&o, e, w.access_what),
        }
    }
    p.cases = Some(cases);
    page(StatusCode::OK, &p)
}

/// `POST /funcionarios/privacidad/acceso/descargar`: the export as a JSON file.
#[tracing::instrument(name = "console.privacidad.acceso.descargar", skip_all)]
pub async fn download(
    State(state): State<AppState>,
    lang: Lang,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, lang, &official);
    let mut p = pagina(&o, &form);
    let out = match export(&state, &o, &mut p, request_id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let text = match serde_json::to_string_pretty(&out) {
        Ok(t) => t,
        Err(e) => return api_error(&o, ApiError::Internal(e.to_string()), o.words().access_what),
    };
    no_store(
        (
            [
                (header::CONTENT_TYPE, "application/json"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"datos-personales.json\"",
                ),
            ],
            text,
        )
            .into_response(),
    )
}

/// A case of the export as the page lists it: its state from the case, its personal fields
/// from the export's events (opened by the export itself).
async fn caso(
    state: &AppState,
    w: &Texts,
    lang: Lang,
    exported: &Value,
) -> Result<Option<Caso>, ApiError> {
    let Some(radicado) = exported["radicado"].as_str() else {
        return Ok(None);
    };
    let Ok(parsed) = Radicado::parse(radicado) else {
        return Ok(None);
    };
    let found = pqrs_infrastructure::cases::find(&state.repo, &parsed).await?;
    let Some(case) = found.as_ref().and_then(|pqr| pqr.case()) else {
        return Ok(None);
    };
    let events = exported["events"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    Ok(Some(Caso {
        radicado: radicado.to_owned(),
        kind: (w.kind)(case.kind),
        status: (w.status)(case.status.into()),
        filed: date_time_in(lang, case.filing.received_at),
        due: date_in(lang, case.due_date),
        closed: case
            .closed_at
            .map_or_else(|| w.no.to_owned(), |at| date_time_in(lang, at)),
        fields: personal_fields(w, events),
    }))
}

/// What a petitioner field is called: the case page's names, for identity, contacts and the
/// choices about how to be answered.
fn label(w: &Texts, field: &str) -> Option<&'static str> {
    (w.petitioner_choice)(field).or_else(|| (w.petitioner_field)(field))
}

/// The personal fields of a case's events: the petitioner as filed, then each rectification.
fn personal_fields(w: &Texts, events: &[Value]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for e in events {
        let payload = &e["payload"];
        if let Some(p) = payload["PqrFiled"]["petitioner"].as_object() {
            for (k, v) in p {
                if let (Some(what), Some(value)) = (label(w, k), v.as_str()) {
                    let value = match k.as_str() {
                        "language" => (w.mail_language)(value),
                        "preferred_reply_channel" => (w.reply_channel)(value),
                        _ => value,
                    };
                    fields.push((what.to_owned(), value.to_owned()));
                }
            }
        }
        let r = &payload["PetitionerContactRectified"];
        if let (Some(what), Some(value)) = (
            r["field"].as_str().and_then(|f| label(w, f)),
            r["value"].as_str(),
        ) {
            let when = e["recorded_at"].as_str().unwrap_or_default();
            fields.push((
                (w.rectified_on)(what, when.get(..10).unwrap_or(when)),
                value.to_owned(),
            ));
        }
    }
    fields
}
