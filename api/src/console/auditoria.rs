//! `/funcionarios/auditoria` (auditors and admins, as the audit API admits): verify the hash
//! chain (`GET /v1/audit/verify`), verify a signed head digest (`POST /v1/audit/verify`),
//! check the radicados of a year (`GET /v1/audit/radicados`), read a case's full history
//! (`GET /v1/pqrs/{radicado}/events`) and download an export (`GET /v1/audit/export`).
//!
//! Each page calls the JSON handler itself with the official's caller, so it sees and
//! redacts exactly what the API does. Verifications walk the whole log, so they are POST
//! forms with the session's CSRF token: another site cannot make an auditor's browser start
//! one. The logins and account changes are on `/funcionarios/auditoria/accesos`.

use super::informes_comun::{
    api_error, as_download, csrf_refused, es, field_errors, forbidden, page, Oficina,
};
use super::{Layout, Official};
use crate::auth::{Allowed, Auditors};
use crate::extract::{ApiJson, ApiQuery};
use crate::pages::{fecha_hora, FormData};
use crate::routes::audit::{self, ExportQuery, RadicadosQuery, VerifyQuery};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::audit::{FindingKind, HeadDigest, RadicadoReport, VerifyReport};
use serde::Deserialize;

/// What a verification found, in words.
struct Verificacion {
    ok: bool,
    titulo: &'static str,
    revisados: i64,
    posicion: i64,
    hash: String,
    hallazgo: Option<String>,
    firma: Option<&'static str>,
}

impl From<VerifyReport> for Verificacion {
    fn from(r: VerifyReport) -> Verificacion {
        Verificacion {
            ok: r.ok,
            titulo: if r.ok {
                "La cadena está íntegra"
            } else {
                "La cadena NO está íntegra"
            },
            revisados: r.checked,
            posicion: r.last_position,
            hash: r.last_hash,
            hallazgo: r.finding.map(|f| {
                format!(
                    "Posición {}: {}. {}",
                    f.position,
                    hallazgo(f.kind),
                    es(&f.detail)
                )
            }),
            firma: r.signed_by_entity_key.map(|s| {
                if s {
                    "Firmado con la clave de la entidad."
                } else {
                    "No está firmado con la clave de la entidad."
                }
            }),
        }
    }
}

/// A finding in words.
fn hallazgo(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Modified => "un evento fue modificado (su huella no coincide)",
        FindingKind::Removed => "falta un evento",
        FindingKind::Inserted => "hay un evento que el registro no escribió",
        FindingKind::Reordered => "los eventos no están en el orden en que se registraron",
        FindingKind::Truncated => "falta el final del registro",
        FindingKind::HeadMismatch => "la cabeza del registro no coincide con el último evento",
        FindingKind::Signature => "el compendio no está firmado con la clave de la entidad",
        #[allow(unreachable_patterns)]
        _ => "el registro no verifica",
    }
}

#[derive(Template)]
#[template(path = "console/auditoria.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    verificacion: Option<Verificacion>,
    compendio: String,
    compendio_error: Option<String>,
    anio: String,
    anio_error: Option<String>,
    radicados: Option<RadicadoReport>,
    radicado: String,
    desde: String,
    hasta: String,
}

impl<'a> Pagina<'a> {
    fn new(o: &Oficina<'a>) -> Pagina<'a> {
        Pagina {
            l: o.layout("Auditoría"),
            verificacion: None,
            compendio: String::new(),
            compendio_error: None,
            anio: String::new(),
            anio_error: None,
            radicados: None,
            radicado: String::new(),
            desde: String::new(),
            hasta: String::new(),
        }
    }
}

const QUE: &str = "usar las herramientas de auditoría";

/// The section of the console's navigation.
const SECTION: &str = "/funcionarios/auditoria";

/// The audit page.
#[tracing::instrument(name = "console.auditoria", skip_all)]
pub async fn show(State(state): State<AppState>, official: Official) -> Response {
    let o = Oficina {
        lang: None,
        state: &state,
        official: &official,
        section: SECTION,
    };
    if !official.member.role.includes(Role::Auditor) {
        return forbidden(&o, QUE);
    }
    page(StatusCode::OK, &Pagina::new(&o))
}

/// `POST /funcionarios/auditoria/verificar`: walks the whole chain.
#[tracing::instrument(name = "console.auditoria.verificar", skip_all)]
pub async fn verify(State(state): State<AppState>, official: Official, body: Bytes) -> Response {
    let o = Oficina {
        lang: None,
        state: &state,
        official: &official,
        section: SECTION,
    };
    if !official.member.role.includes(Role::Auditor) {
        return forbidden(&o, QUE);
    }
    if !official.check_csrf(FormData::parse(&body).get("csrf")) {
        return csrf_refused(&o, "la página de auditoría");
    }
    let caller = o.caller();
    let result = match Allowed::<Auditors>::admit(&caller) {
        Ok(allowed) => {
            audit::verify(
                State(state.clone()),
                caller,
                allowed,
                ApiQuery(VerifyQuery {
                    position: None,
                    hash: None,
                }),
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Json(report)) => {
            let mut p = Pagina::new(&o);
            p.verificacion = Some(report.into());
            page(StatusCode::OK, &p)
        }
        Err(e) => api_error(&o, e, QUE),
    }
}

/// `POST /funcionarios/auditoria/compendio`: checks a signed head digest (the JSON that
/// `pqrs audit digest` writes) and the chain against it.
#[tracing::instrument(name = "console.auditoria.compendio", skip_all)]
pub async fn digest(State(state): State<AppState>, official: Official, body: Bytes) -> Response {
    let o = Oficina {
        lang: None,
        state: &state,
        official: &official,
        section: SECTION,
    };
    if !official.member.role.includes(Role::Auditor) {
        return forbidden(&o, QUE);
    }
    let form = FormData::parse(&body);
    if !official.check_csrf(form.get("csrf")) {
        return csrf_refused(&o, "la página de auditoría");
    }
    let mut p = Pagina::new(&o);
    p.compendio = form.get("compendio").to_owned();
    let parsed: Result<HeadDigest, _> = serde_json::from_str(form.get("compendio"));
    let Ok(d) = parsed else {
        p.compendio_error = Some(
            "Pegue el compendio tal como lo escribió «pqrs audit digest»: un objeto JSON con \
             format, position, hash, recorded_at, signed_at, public_key y signature."
                .to_owned(),
        );
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let caller = o.caller();
    let result = match Allowed::<Auditors>::admit(&caller) {
        Ok(allowed) => audit::verify_digest(State(state.clone()), allowed, ApiJson(d)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(Json(report)) => {
            p.verificacion = Some(report.into());
            page(StatusCode::OK, &p)
        }
        Err(e) => match field_errors(&e) {
            Some(f) => {
                p.compendio_error =
                    Some(f.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" "));
                page(StatusCode::UNPROCESSABLE_ENTITY, &p)
            }
            None => api_error(&o, e, QUE),
        },
    }
}

/// The year asked for (`?anio=2026`).
#[derive(Debug, Default, Deserialize)]
pub struct Anio {
    #[serde(default)]
    anio: String,
}

/// `GET /funcionarios/auditoria/radicados?anio=…`: gaps and duplicates of a year.
#[tracing::instrument(name = "console.auditoria.radicados", skip_all)]
pub async fn radicados(
    State(state): State<AppState>,
    official: Official,
    Query(q): Query<Anio>,
) -> Response {
    let o = Oficina {
        lang: None,
        state: &state,
        official: &official,
        section: SECTION,
    };
    if !official.member.role.includes(Role::Auditor) {
        return forbidden(&o, QUE);
    }
    let mut p = Pagina::new(&o);
    p.anio = q.anio.trim().to_owned();
    let Some(year) = p
        .anio
        .parse::<i32>()
        .ok()
        .filter(|y| (1984..=2199).contains(y))
    else {
        p.anio_error = Some("Escriba un año entre 1984 y 2199, por ejemplo 2026.".to_owned());
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let caller = o.caller();
    let result = match Allowed::<Auditors>::admit(&caller) {
        Ok(allowed) => {
            audit::radicados(
                State(state.clone()),
                caller,
                allowed,
                ApiQuery(RadicadosQuery { year }),
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Json(report)) => {
            p.radicados = Some(report);
            page(StatusCode::OK, &p)
        }
        Err(e) => api_error(&o, e, QUE),
    }
}

/// One event of a history as the page shows it.
struct Evento {
    posicion: i64,
    secuencia: i64,
    tipo: String,
    cuando: String,
    instante: String,
    actor: String,
    canal: String,
    hash: String,
    anterior: String,
    carga: String,
    reservado: bool,
}

#[derive(Template)]
#[template(path = "console/auditoria_historia.html")]
struct Historia<'a> {
    l: Layout<'a>,
    radicado: String,
    eventos: Vec<Evento>,
}

/// The radicado asked for (`?radicado=2026-000001`).
#[derive(Debug, Default, Deserialize)]
pub struct CualCaso {
    #[serde(default)]
    radicado: String,
}

/// Who caused an event, in words.
fn actor(a: &audit::ActorView) -> String {
    let kind = match a.kind.as_deref() {
        Some("citizen") => "Ciudadano",
        Some("staff") => "Funcionario",
        Some("system") => "Sistema",
        Some("cli") => "Línea de comandos",
        _ => "Desconocido",
    };
    match (&a.name, &a.role) {
        (Some(n), Some(r)) => format!(
            "{kind}: {n} ({})",
            pqrs_domain::actor::Role::parse(r)
                .map_or_else(|| r.clone(), |r| super::role_name(r).to_owned())
        ),
        (Some(n), None) => format!("{kind}: {n}"),
        _ => kind.to_owned(),
    }
}

/// `GET /funcionarios/auditoria/historia?radicado=…`: every event of a case, with who, when
/// and its place in the chain (personal data redacted for any role but auditor, as the API).
#[tracing::instrument(name = "console.auditoria.historia", skip_all)]
pub async fn history(
    State(state): State<AppState>,
    official: Official,
    Query(q): Query<CualCaso>,
) -> Response {
    let o = Oficina {
        lang: None,
        state: &state,
        official: &official,
        section: SECTION,
    };
    if !official.member.role.includes(Role::Auditor) {
        return forbidden(&o, QUE);
    }
    let radicado = q.radicado.trim().to_owned();
    if radicado.is_empty() {
        let mut p = Pagina::new(&o);
        p.radicado = radicado;
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let result = audit::case_history(State(state.clone()), o.caller(), Path(radicado)).await;
    match result {
        Ok(Json(h)) => page(
            StatusCode::OK,
            &Historia {
                l: o.layout(format!("Historia del caso {}", h.radicado)),
                eventos: h
                    .events
                    .into_iter()
                    .map(|e| Evento {
                        cuando: chrono::DateTime::parse_from_rfc3339(&e.recorded_at)
                            .map(fecha_hora)
                            .unwrap_or_else(|_| e.recorded_at.clone()),
                        actor: actor(&e.actor),
                        canal: e.channel.clone().unwrap_or_default(),
                        carga: serde_json::to_string_pretty(&e.payload).unwrap_or_default(),
                        posicion: e.position,
                        secuencia: e.sequence,
                        tipo: e.event_type,
                        instante: e.recorded_at,
                        hash: e.hash,
                        anterior: e.prev_hash,
                        reservado: e.redacted,
                    })
                    .collect(),
                radicado: h.radicado,
            },
        ),
        Err(e) => api_error(&o, e, QUE),
    }
}

/// The export asked for (`?desde=…&hasta=…&formato=csv|jsonl`).
#[derive(Debug, Default, Deserialize)]
pub struct Exportacion {
    #[serde(default)]
    desde: String,
    #[serde(default)]
    hasta: String,
    #[serde(default)]
    formato: String,
}

/// `GET /funcionarios/auditoria/exportar`: the API's export, as a download.
#[tracing::instrument(name = "console.auditoria.exportar", skip_all)]
pub async fn export(
    State(state): State<AppState>,
    official: Official,
    Query(q): Query<Exportacion>,
) -> Response {
    let o = Oficina {
        lang: None,
        state: &state,
        official: &official,
        section: SECTION,
    };
    if !official.member.role.includes(Role::Auditor) {
        return forbidden(&o, QUE);
    }
    let caller = o.caller();
    let result = match Allowed::<Auditors>::admit(&caller) {
        Ok(allowed) => {
            audit::export(
                State(state.clone()),
                caller,
                allowed,
                ApiQuery(ExportQuery {
                    from: q.desde,
                    to: q.hasta,
                    format: q.formato,
                    through: None,
                }),
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(res) => as_download(res),
        Err(e) => api_error(&o, e, "exportar el registro"),
    }
}
