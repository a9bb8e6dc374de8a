//! What the back-office pages share (issue 14 part 3: alerts, reports, audit): their stylesheet,
//! the frame every page is drawn in, and how an answer of the JSON handlers becomes a page.
//!
//! The pages call the JSON handlers themselves (`routes::queue::alerts`,
//! `routes::reports::report`, `routes::audit::*`) with the official's [`Caller`], so a page
//! admits, refuses and redacts exactly as `GET /v1/...` does for the same role; there is no
//! second path to the store.

use super::texts::{self, Texts};
use super::{Layout, Official};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use pqrs_domain::actor::Role;

/// The back-office pages' stylesheet (tables, filter rows), from the binary.
const OFICINA_CSS: &str = include_str!("../../static/oficina.css");

pub(super) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        OFICINA_CSS,
    )
        .into_response()
}

/// Where a back-office page is drawn: the service, the official signed in and the section
/// of the console's navigation the page belongs to.
pub struct Oficina<'a> {
    /// The service state (the entity's name for the frame).
    pub state: &'a AppState,
    /// The official signed in.
    pub official: &'a Official,
    /// The section (`/funcionarios/alertas`, …), to mark its link.
    pub section: &'static str,
    /// The page's language.
    pub lang: Lang,
}

impl<'a> Oficina<'a> {
    /// The console frame of a page titled `title`.
    pub fn layout(&self, title: impl Into<String>) -> Layout<'a> {
        let (entity, official) = (&self.state.entity, Some(self.official));
        Layout::new(entity, self.lang, title, official, self.section)
    }

    /// The page's words.
    pub fn words(&self) -> &'static Texts {
        texts::of(self.lang)
    }

    /// The caller the JSON handlers see.
    pub fn caller(&self) -> Caller {
        self.official.caller()
    }
}

/// A page that only says something (a refusal, an error).
#[derive(Template)]
#[template(path = "console/informes_aviso.html")]
struct Aviso<'a> {
    l: Layout<'a>,
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
pub fn aviso(o: &Oficina<'_>, status: StatusCode, titulo: &str, texto: &str) -> Response {
    let aviso = Aviso {
        l: o.layout(titulo),
        texto,
    };
    page(status, &aviso)
}

/// The official signed in, when their role includes `role` (as the JSON API admits it, through
/// [`Role::includes`]); else the 403 page in `section` of the console, naming what they may
/// not do (`que`, from the page's words), or the login page without a session. What the
/// extractors of the role-bound sections (`auditoria::Auditor`, `privacidad::Officer`) ask.
pub async fn official_with_role(
    parts: &mut Parts,
    state: &AppState,
    role: Role,
    section: &'static str,
    que: fn(&Texts) -> &'static str,
) -> Result<Official, Response> {
    let official = Official::from_request_parts(parts, state).await?;
    if official.member.role.includes(role) {
        return Ok(official);
    }
    let Ok(lang) = Lang::from_request_parts(parts, state).await;
    let o = Oficina {
        state,
        official: &official,
        section,
        lang,
    };
    Err(forbidden(&o, que(o.words())))
}

/// The 403 page: the role does not open this page (checked as the JSON API checks it).
pub fn forbidden(o: &Oficina<'_>, que: &str) -> Response {
    let w = o.words();
    let texto = (w.role_may_not)((w.role)(o.official.member.role), que);
    aviso(o, StatusCode::FORBIDDEN, w.no_permission_title, &texto)
}

/// The page for a form whose CSRF token is missing or wrong: nothing was done.
pub fn csrf_refused(o: &Oficina<'_>, back: &str) -> Response {
    let w = o.words();
    let texto = (w.nothing_done_reopen)(back);
    aviso(o, StatusCode::FORBIDDEN, w.form_expired_title, &texto)
}

/// The page for an error of a JSON handler that is not the caller's to fix on a form.
pub fn api_error(o: &Oficina<'_>, e: ApiError, que: &str) -> Response {
    let w = o.words();
    match e {
        ApiError::Forbidden(_) | ApiError::Unauthorized(_) => forbidden(o, que),
        ApiError::NotFound => aviso(
            o,
            StatusCode::NOT_FOUND,
            w.not_found_title,
            w.not_found_text,
        ),
        ApiError::Unavailable(_) | ApiError::StoreFault(_) => aviso(
            o,
            StatusCode::SERVICE_UNAVAILABLE,
            w.unavailable_title,
            w.record_unavailable_text,
        ),
        ApiError::Validation(errors) => {
            let texto = errors
                .iter()
                .map(|f| {
                    let message = crate::i18n::translate(&f.message, o.lang);
                    format!("{}: {message}", f.field)
                })
                .collect::<Vec<_>>()
                .join("; ");
            aviso(
                o,
                StatusCode::UNPROCESSABLE_ENTITY,
                w.check_data_title,
                &texto,
            )
        }
        other => {
            if let ApiError::Internal(d) = &other {
                tracing::error!(detail = %d, "a console page failed");
            }
            aviso(
                o,
                StatusCode::INTERNAL_SERVER_ERROR,
                w.unexpected_title,
                w.unexpected_text,
            )
        }
    }
}

/// A page's `(field, message)` errors from a handler's 422: every field with its message in
/// `lang` (the Fluent catalogues; docs/language.md); `None` for any other error.
pub fn field_errors_in(e: &ApiError, lang: Lang) -> Option<Vec<(String, String)>> {
    match e {
        ApiError::Validation(errors) => Some(
            errors
                .iter()
                .map(|f| (f.field.clone(), crate::i18n::translate(&f.message, lang)))
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
