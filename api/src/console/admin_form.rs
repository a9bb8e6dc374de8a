//! What every administration page checks before it acts, in one place: the official is an
//! admin ([`Admin`], for the pages) and, for a form, also that the form carries the session's
//! CSRF token ([`AdminForm`]). A refusal is the page the official reads, never a change.

use super::session::Official;
use crate::console::csrf_refused_in;
use crate::i18n::Lang;
use crate::pages::FormData;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use pqrs_domain::actor::Role;

/// The page for a signed-in official who is not an admin.
pub fn admin_only(state: &AppState, lang: Lang) -> Response {
    let w = super::texts::of(lang);
    crate::console::say(
        &state.entity,
        lang,
        StatusCode::FORBIDDEN,
        w.no_permission_title,
        w.admin_only,
    )
}

/// A signed-in admin (any other role gets the 403 page; no session, the login page).
pub struct Admin(pub Official);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let official = Official::from_request_parts(parts, state).await?;
        if official.member.role != Role::Admin {
            let Ok(lang) = Lang::from_request_parts(parts, state).await;
            return Err(admin_only(state, lang));
        }
        Ok(Admin(official))
    }
}

/// A form posted by an admin with the session's CSRF token (compared in constant time by
/// [`Official::check_csrf`]). Put it last among a handler's arguments: it reads the body.
pub struct AdminForm {
    /// The admin.
    pub official: Official,
    /// The form's fields.
    pub form: FormData,
}

/// The administration page a form belongs to (`/funcionarios/admin/cuentas` for
/// `/funcionarios/admin/cuentas/{id}/estado`), where a refused form sends the official back.
fn section_of(path: &str) -> String {
    path.split('/').take(4).collect::<Vec<_>>().join("/")
}

impl FromRequest<AppState> for AdminForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Admin(official) = Admin::from_request_parts(&mut parts, state).await?;
        let Ok(lang) = Lang::from_request_parts(&mut parts, state).await;
        let back = section_of(parts.uri.path());
        let headers = parts.headers.clone();
        let refused = || csrf_refused_in(&state.entity, lang, &headers, &back);
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| refused())?;
        let form = FormData::parse(&bytes);
        if !official.check_csrf(form.get("csrf")) {
            return Err(refused());
        }
        Ok(AdminForm { official, form })
    }
}

#[cfg(test)]
mod tests {
    use super::section_of;

    #[test]
    fn a_refused_form_goes_back_to_its_administration_page() {
        assert_eq!(
            section_of("/funcionarios/admin/cuentas/abc/estado"),
            "/funcionarios/admin/cuentas"
        );
        assert_eq!(
            section_of("/funcionarios/admin/cierres"),
            "/funcionarios/admin/cierres"
        );
    }
}
