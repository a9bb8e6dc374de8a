//! `/funcionarios/privacidad/acceso`: the right to know (Ley 1581 de 2012 art. 8 lit. a). The
//! officer asks by identity number or e-mail (exactly one); the page lists the cases found with
//! their personal fields opened, and "Descargar JSON" returns the export of `POST
//! /v1/privacy/access-requests`. Both call that handler, so each is recorded as the API
//! records it (a `PersonalDataAccessed` event: which kind of identifier and which cases, never
//! the identifier). The identifier travels only in POST bodies: never in a URL or a log.

use super::{error_for, oficina, sentence, FieldErrors, Officer, OfficerForm};
use crate::auth::Allowed;
use crate::console::caso::{petitioner_choice_label, petitioner_field_label, status_text};
use crate::console::informes_comun::{api_error, es, no_store, page, Oficina};
use crate::console::Layout;
use crate::error::ApiError;
use crate::extract::{ApiJson, RequestId};
use crate::pages::{fecha, fecha_hora, FormData};
use crate::routes::privacy::access::{access_request, AccessRequest};
use crate::routes::privacy::PrivacyOfficers;
use crate::state::AppState;
use crate::words::{mail_language_text, reply_channel_text};
use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pqrs_domain::Radicado;
use serde_json::Value;

const QUE: &str = "consultar los datos personales de una persona";

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
        l: o.layout("Consultar los datos de una persona"),
        id_number: form.get("identificacion").trim().to_owned(),
        email: form.get("correo").trim().to_owned(),
        errors: Vec::new(),
        cases: None,
    }
}

/// `GET /funcionarios/privacidad/acceso`: the form.
#[tracing::instrument(name = "console.privacidad.acceso", skip_all)]
pub async fn show(State(state): State<AppState>, Officer(official): Officer) -> Response {
    let o = oficina(&state, &official);
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
    let allowed = Allowed::<PrivacyOfficers>::admit(&caller).map_err(|e| api_error(o, e, QUE))?;
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
                    (field, sentence(&es(&f.message)))
                })
                .collect();
            Err(page(StatusCode::UNPROCESSABLE_ENTITY, &*p))
        }
        Err(e) => Err(api_error(o, e, QUE)),
    }
}

/// `POST /funcionarios/privacidad/acceso`: the cases found.
#[tracing::instrument(name = "console.privacidad.acceso.buscar", skip_all)]
pub async fn search(
    State(state): State<AppState>,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, &official);
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
        match caso(&state, c).await {
            Ok(found) => cases.extend(found),
            Err(e) => return api_error(&o, e, QUE),
        }
    }
    p.cases = Some(cases);
    page(StatusCode::OK, &p)
}

/// `POST /funcionarios/privacidad/acceso/descargar`: the export as a JSON file.
#[tracing::instrument(name = "console.privacidad.acceso.descargar", skip_all)]
pub async fn download(
    State(state): State<AppState>,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, &official);
    let mut p = pagina(&o, &form);
    let out = match export(&state, &o, &mut p, request_id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let text = match serde_json::to_string_pretty(&out) {
        Ok(t) => t,
        Err(e) => return api_error(&o, ApiError::Internal(e.to_string()), QUE),
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
async fn caso(state: &AppState, exported: &Value) -> Result<Option<Caso>, ApiError> {
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
        kind: case.kind.spanish(),
        status: status_text(case.status.into()),
        filed: fecha_hora(case.filing.received_at),
        due: fecha(case.due_date),
        closed: case.closed_at.map_or_else(|| "No".to_owned(), fecha_hora),
        fields: personal_fields(events),
    }))
}

/// What a petitioner field is called: the case page's names, for identity, contacts and the
/// choices about how to be answered.
fn label(field: &str) -> Option<&'static str> {
    petitioner_choice_label(field).or_else(|| petitioner_field_label(field))
}

/// The personal fields of a case's events: the petitioner as filed, then each rectification.
fn personal_fields(events: &[Value]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for e in events {
        let payload = &e["payload"];
        if let Some(p) = payload["PqrFiled"]["petitioner"].as_object() {
            for (k, v) in p {
                if let (Some(what), Some(value)) = (label(k), v.as_str()) {
                    let value = match k.as_str() {
                        "language" => mail_language_text(value),
                        "preferred_reply_channel" => reply_channel_text(value),
                        _ => value,
                    };
                    fields.push((what.to_owned(), value.to_owned()));
                }
            }
        }
        let r = &payload["PetitionerContactRectified"];
        if let (Some(what), Some(value)) =
            (r["field"].as_str().and_then(label), r["value"].as_str())
        {
            let when = e["recorded_at"].as_str().unwrap_or_default();
            fields.push((
                format!("{what} (rectificado, {})", when.get(..10).unwrap_or(when)),
                value.to_owned(),
            ));
        }
    }
    fields
}
