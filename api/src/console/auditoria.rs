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
    api_error, as_download, csrf_refused, field_errors_in, official_with_role, page, Oficina,
};
use super::texts::Texts;
use super::{Layout, Official};
use crate::auth::{Allowed, Auditors};
use crate::extract::{ApiJson, ApiQuery};
use crate::i18n::{translate, Lang};
use crate::pages::FormData;
use crate::routes::audit::{self, ExportQuery, RadicadosQuery, VerifyQuery};
use crate::state::AppState;
use crate::words::date_time_in;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::audit::{HeadDigest, RadicadoReport, VerifyReport};
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

impl Verificacion {
    /// A verification's report in the words of `w`, the verifier's detail in `lang`.
    fn of(r: VerifyReport, w: &Texts, lang: Lang) -> Verificacion {
        Verificacion {
            ok: r.ok,
            titulo: if r.ok { w.chain_ok } else { w.chain_broken },
            revisados: r.checked,
            posicion: r.last_position,
            hash: r.last_hash,
            hallazgo: r.finding.map(|f| {
                (w.finding_at)(f.position, (w.finding)(f.kind), &translate(&f.detail, lang))
            }),
            firma: r
                .signed_by_entity_key
                .map(|s| if s { w.signed } else { w.not_signed }),
        }
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
            l: o.layout(o.words().nav_audit),
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

/// The section of the console's navigation.
const SECTION: &str = "/funcionarios/auditoria";

/// Where an auditor works on these pages: the audit section of the console.
fn oficina<'a>(state: &'a AppState, lang: Lang, official: &'a Official) -> Oficina<'a> {
    Oficina {
        lang,
        state,
        official,
        section: SECTION,
    }
}

/// A signed-in official whose role includes the auditor's (as `Auditors` admits on the API:
/// auditors and admins, through [`Role::includes`]); any other role gets the 403 page, no
/// session the login page.
pub struct Auditor(pub Official);

impl FromRequestParts<AppState> for Auditor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        official_with_role(parts, state, Role::Auditor, SECTION, |w| w.use_audit)
            .await
            .map(Auditor)
    }
}

/// The audit page.
#[tracing::instrument(name = "console.auditoria", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Auditor(official): Auditor,
) -> Response {
    let o = oficina(&state, lang, &official);
    page(StatusCode::OK, &Pagina::new(&o))
}

/// `POST /funcionarios/auditoria/verificar`: walks the whole chain.
#[tracing::instrument(name = "console.auditoria.verificar", skip_all)]
pub async fn verify(
    State(state): State<AppState>,
    lang: Lang,
    Auditor(official): Auditor,
    body: Bytes,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    if !official.check_csrf(FormData::parse(&body).get("csrf")) {
        return csrf_refused(&o, w.audit_page);
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
            p.verificacion = Some(Verificacion::of(report, w, lang));
            page(StatusCode::OK, &p)
        }
        Err(e) => api_error(&o, e, w.use_audit),
    }
}

/// `POST /funcionarios/auditoria/compendio`: checks a signed head digest (the JSON that
/// `pqrs audit digest` writes) and the chain against it.
#[tracing::instrument(name = "console.auditoria.compendio", skip_all)]
pub async fn digest(
    State(state): State<AppState>,
    lang: Lang,
    Auditor(official): Auditor,
    body: Bytes,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let form = FormData::parse(&body);
    if !official.check_csrf(form.get("csrf")) {
        return csrf_refused(&o, w.audit_page);
    }
    let mut p = Pagina::new(&o);
    p.compendio = form.get("compendio").to_owned();
    let parsed: Result<HeadDigest, _> = serde_json::from_str(form.get("compendio"));
    let Ok(d) = parsed else {
        p.compendio_error = Some(w.digest_error.to_owned());
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    };
    let caller = o.caller();
    let result = match Allowed::<Auditors>::admit(&caller) {
        Ok(allowed) => audit::verify_digest(State(state.clone()), allowed, ApiJson(d)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(Json(report)) => {
            p.verificacion = Some(Verificacion::of(report, w, lang));
            page(StatusCode::OK, &p)
        }
        Err(e) => match field_errors_in(&e, lang) {
            Some(f) => {
                p.compendio_error =
                    Some(f.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" "));
                page(StatusCode::UNPROCESSABLE_ENTITY, &p)
            }
            None => api_error(&o, e, w.use_audit),
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
    lang: Lang,
    Auditor(official): Auditor,
    Query(q): Query<Anio>,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let mut p = Pagina::new(&o);
    p.anio = q.anio.trim().to_owned();
    let Some(year) = p
        .anio
        .parse::<i32>()
        .ok()
        .filter(|y| (1984..=2199).contains(y))
    else {
        p.anio_error = Some(w.year_error.to_owned());
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
        Err(e) => api_error(&o, e, w.use_audit),
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
fn actor(w: &Texts, a: &audit::ActorView) -> String {
    let kind = (w.actor_kind)(a.kind.as_deref().unwrap_or_default());
    match (&a.name, &a.role) {
        (Some(n), Some(r)) => format!(
            "{kind}: {n} ({})",
            pqrs_domain::actor::Role::parse(r)
                .map_or_else(|| r.clone(), |r| (w.role)(r).to_owned())
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
    lang: Lang,
    Auditor(official): Auditor,
    Query(q): Query<CualCaso>,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
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
                l: o.layout((w.history_title)(&h.radicado)),
                eventos: h
                    .events
                    .into_iter()
                    .map(|e| Evento {
                        cuando: chrono::DateTime::parse_from_rfc3339(&e.recorded_at)
                            .map(|at| date_time_in(lang, at))
                            .unwrap_or_else(|_| e.recorded_at.clone()),
                        actor: actor(w, &e.actor),
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
        Err(e) => api_error(&o, e, w.use_audit),
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
    lang: Lang,
    Auditor(official): Auditor,
    Query(q): Query<Exportacion>,
) -> Response {
    let o = oficina(&state, lang, &official);
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
