//! The data-protection officer's pages, `/funcionarios/privacidad` (issue 16; docs/privacy.md):
//! suppression of a case's personal data (Ley 1581 de 2012 art. 8 lit. e), the right to know
//! (art. 8 lit. a), rectification of a contact field (art. 8 lit. a; Decreto 1377 de 2013
//! art. 22) and the report of the suppressions by retention (Ley 594 de 2000 art. 24).
//!
//! Each page calls what the JSON handler of `/v1/privacy/...` calls, with the official as
//! [`crate::auth::Caller::Staff`], so it admits, refuses and records exactly as the API does
//! (`routes::privacy::PrivacyOfficers`: role `privacy`, and admins through
//! [`Role::includes`]). Every form is a POST with the session's CSRF token; the identifier of
//! an access request travels only in POST bodies, never in a URL or a log.

mod acceso;
mod rectificacion;
mod retencion;
mod supresion;

use super::informes_comun::{csrf_refused, official_with_role, page, Oficina};
use super::Official;
use crate::i18n::Lang;
use crate::pages::FormData;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use pqrs_domain::actor::Role;

/// The landing page of the data-protection officer.
pub const HOME: &str = "/funcionarios/privacidad";

/// What a refusal of the role says the official may not do.
/// The routes of the data-protection officer's pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(HOME, get(show))
        .route(
            "/funcionarios/privacidad/supresion",
            get(supresion::show).post(supresion::submit),
        )
        .route(
            "/funcionarios/privacidad/supresion/confirmar",
            post(supresion::confirm),
        )
        .route(
            "/funcionarios/privacidad/acceso",
            get(acceso::show).post(acceso::search),
        )
        .route(
            "/funcionarios/privacidad/acceso/descargar",
            post(acceso::download),
        )
        .route(
            "/funcionarios/privacidad/rectificacion",
            get(rectificacion::show).post(rectificacion::submit),
        )
        .route("/funcionarios/privacidad/retencion", get(retencion::show))
}

/// The frame of a privacy page for `official`.
fn oficina<'a>(state: &'a AppState, lang: Lang, official: &'a Official) -> Oficina<'a> {
    Oficina {
        lang,
        state,
        official,
        section: HOME,
    }
}

/// A signed-in official whose role includes the data-protection officer's (as
/// `PrivacyOfficers` admits on the API); any other role gets the 403 page, no session the
/// login page.
pub struct Officer(pub Official);

impl FromRequestParts<AppState> for Officer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        official_with_role(parts, state, Role::Privacy, HOME, |w| w.attend_privacy)
            .await
            .map(Officer)
    }
}

/// A form posted by the data-protection officer with the session's CSRF token (compared in
/// constant time by [`Official::check_csrf`]); otherwise the page that says why nothing was
/// done. Put it last among a handler's arguments: it reads the body.
pub struct OfficerForm {
    /// The officer.
    pub official: Official,
    /// The form's fields.
    pub form: FormData,
}

impl FromRequest<AppState> for OfficerForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Officer(official) = Officer::from_request_parts(&mut parts, state).await?;
        let Ok(lang) = Lang::from_request_parts(&mut parts, state).await;
        let refused = |official: &Official| {
            let o = oficina(state, lang, official);
            csrf_refused(&o, o.words().privacy_page)
        };
        let Ok(bytes) = Bytes::from_request(Request::from_parts(parts, body), state).await else {
            return Err(refused(&official));
        };
        let form = FormData::parse(&bytes);
        if !official.check_csrf(form.get("csrf")) {
            return Err(refused(&official));
        }
        Ok(OfficerForm { official, form })
    }
}

/// A `(field, message)` error of a form.
type FieldErrors = Vec<(&'static str, String)>;

/// The message of `field` in `errors`, if any.
fn error_for<'e>(errors: &'e FieldErrors, field: &str) -> Option<&'e str> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.as_str())
}

#[derive(Template)]
#[template(path = "console/privacidad.html")]
struct Inicio<'a> {
    l: super::Layout<'a>,
}

/// `GET /funcionarios/privacidad`: the four requests the officer answers.
#[tracing::instrument(name = "console.privacidad", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Officer(official): Officer,
) -> Response {
    let o = oficina(&state, lang, &official);
    page(
        StatusCode::OK,
        &Inicio {
            l: o.layout(o.words().privacy_title),
        },
    )
}

/// `text` as a sentence: its first letter in capitals and a final period (the API's messages
/// are clauses).
pub(super) fn sentence(text: &str) -> String {
    let mut out = crate::pages::capitalised(text);
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
