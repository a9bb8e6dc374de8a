//! What the back-office pages share (issue 14 part 3: alerts, reports, audit): their routes,
//! the frame every page is drawn in, and how an answer of the JSON handlers becomes a page.
//!
//! The pages call the JSON handlers themselves (`routes::queue::alerts`,
//! `routes::reports::report`, `routes::audit::*`) with the official's [`Caller`], so a page
//! admits, refuses and redacts exactly as `GET /v1/...` does for the same role; there is no
//! second path to the store.

use super::{alertas, auditoria, informes, Official};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;
use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use pqrs_domain::actor::Role;

/// The routes of the alerts, reports and audit pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/funcionarios/oficina.css", get(stylesheet))
        .route("/funcionarios/alertas", get(alertas::show))
        .route("/funcionarios/informes", get(informes::show))
        .route("/funcionarios/informes/descargar", get(informes::download))
        .route("/funcionarios/auditoria", get(auditoria::show))
        .route("/funcionarios/auditoria/verificar", post(auditoria::verify))
        .route("/funcionarios/auditoria/compendio", post(auditoria::digest))
        .route(
            "/funcionarios/auditoria/radicados",
            get(auditoria::radicados),
        )
        .route("/funcionarios/auditoria/historia", get(auditoria::history))
        .route("/funcionarios/auditoria/exportar", get(auditoria::export))
}

/// The back-office pages' stylesheet (tables, filter rows), from the binary.
const OFICINA_CSS: &str = include_str!("../../static/oficina.css");

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        OFICINA_CSS,
    )
        .into_response()
}

/// What the frame of a back-office page shows: its title and who is signed in.
pub struct Marco {
    /// The page title (and its `<h1>`).
    pub titulo: String,
    /// The official's name.
    pub nombre: String,
    /// The official's role in words.
    pub rol: &'static str,
    /// The session's CSRF token, for the forms (and the logout form).
    pub csrf: String,
    /// The role as the API names it.
    role: Role,
}

impl Marco {
    /// The frame of a page titled `titulo` for `official`.
    pub fn new(official: &Official, titulo: impl Into<String>) -> Marco {
        Marco {
            titulo: titulo.into(),
            nombre: official.member.name.clone(),
            rol: rol(official.member.role),
            csrf: official.csrf.clone(),
            role: official.member.role,
        }
    }

    /// Whether the nav shows the agents' pages (bandeja, alertas).
    pub fn agente(&self) -> bool {
        self.role.includes(Role::Agent)
    }

    /// Whether the nav shows the reports.
    pub fn informes(&self) -> bool {
        self.role.includes(Role::Reporter)
    }

    /// Whether the nav shows the audit pages.
    pub fn auditoria(&self) -> bool {
        self.role.includes(Role::Auditor)
    }
}

/// A role in words.
pub fn rol(role: Role) -> &'static str {
    match role {
        Role::Agent => "Agente",
        Role::Supervisor => "Supervisor",
        Role::Auditor => "Auditor",
        Role::Reporter => "Informes",
        Role::Admin => "Administrador",
        #[allow(unreachable_patterns)]
        _ => "Funcionario",
    }
}

/// The caller the JSON handlers see for `official`.
pub fn caller(official: &Official) -> Caller {
    Caller::Staff(official.member.clone())
}

/// A page that only says something (a refusal, an error).
#[derive(Template)]
#[template(path = "console/informes_aviso.html")]
struct Aviso<'a> {
    m: Marco,
    texto: &'a str,
}

/// Renders `page` with `status`, never cached (it holds what only this official may read).
pub fn page(status: StatusCode, page: &impl Template) -> Response {
    no_store(crate::pages::render(status, page))
}

/// Marks `res` as not to be stored by any cache.
pub fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A page with a title and a message.
pub fn aviso(official: &Official, status: StatusCode, titulo: &str, texto: &str) -> Response {
    page(
        status,
        &Aviso {
            m: Marco::new(official, titulo),
            texto,
        },
    )
}

/// The 403 page: the role does not open this page (checked as the JSON API checks it).
pub fn forbidden(official: &Official, que: &str) -> Response {
    let texto = format!(
        "Su rol ({}) no permite {que}. Si lo necesita para su trabajo, pídaselo a un \
         administrador de la consola.",
        rol(official.member.role)
    );
    aviso(official, StatusCode::FORBIDDEN, "No tiene permiso", &texto)
}

/// The page for a form whose CSRF token is missing or wrong: nothing was done.
pub fn csrf_refused(official: &Official, back: &str) -> Response {
    let texto = format!(
        "El formulario venció o llegó incompleto, y no se hizo nada. Vuelva a abrir {back} y \
         envíelo de nuevo."
    );
    aviso(
        official,
        StatusCode::FORBIDDEN,
        "No pudimos recibir el formulario",
        &texto,
    )
}

/// The page for an error of a JSON handler that is not the caller's to fix on a form.
pub fn api_error(official: &Official, e: ApiError, que: &str) -> Response {
    match e {
        ApiError::Forbidden(_) | ApiError::Unauthorized(_) => forbidden(official, que),
        ApiError::NotFound => aviso(
            official,
            StatusCode::NOT_FOUND,
            "No encontrado",
            "No hay nada con ese nombre o número. Revise lo que escribió.",
        ),
        ApiError::Unavailable(_) | ApiError::StoreFault(_) => aviso(
            official,
            StatusCode::SERVICE_UNAVAILABLE,
            "Servicio no disponible",
            "No pudimos consultar el registro en este momento. Intente de nuevo en unos minutos.",
        ),
        ApiError::Validation(errors) => {
            let texto = errors
                .iter()
                .map(|f| format!("{}: {}", f.field, es(&f.message)))
                .collect::<Vec<_>>()
                .join("; ");
            aviso(
                official,
                StatusCode::UNPROCESSABLE_ENTITY,
                "Revise los datos",
                &texto,
            )
        }
        other => {
            if let ApiError::Internal(d) = &other {
                tracing::error!(detail = %d, "a console page failed");
            }
            aviso(
                official,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Error inesperado",
                "Ocurrió un error inesperado. Intente de nuevo más tarde.",
            )
        }
    }
}

/// A message of the JSON API in Spanish (the Fluent catalogues; docs/language.md).
pub fn es(written: &str) -> String {
    crate::i18n::translate(written, crate::i18n::Lang::Es)
}

/// A page's `(field, message)` errors from a handler's 422: every field with its message in
/// Spanish; `None` for any other error.
pub fn field_errors(e: &ApiError) -> Option<Vec<(String, String)>> {
    match e {
        ApiError::Validation(errors) => Some(
            errors
                .iter()
                .map(|f| (f.field.clone(), es(&f.message)))
                .collect(),
        ),
        _ => None,
    }
}

/// The body of a handler's response, whole (a report or an export is streamed).
pub async fn body_bytes(res: Response) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(res.into_body(), 64 * 1024 * 1024)
        .await
        .map_err(|e| ApiError::Internal(format!("reading a report's body: {e}")))
}

/// Turns a handler's download into the console's: `Content-Disposition: attachment` (keeping
/// the handler's file name), never cached.
pub fn as_download(mut res: Response) -> Response {
    let name = res
        .headers()
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once("filename="))
        .map(|(_, n)| n.trim_matches('"').to_owned());
    if let Some(name) = name {
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
    }
    no_store(res.into_response())
}
