//! The console's session: the `pqrs_session` cookie, the [`Official`] extractor every console
//! page takes, and the CSRF check of its forms.
//!
//! The cookie is `HttpOnly; SameSite=Strict; Path=/funcionarios`, and `Secure` when the
//! service's public address (`portal_url`) is `https://` (docs/console.md). It holds a random
//! 256-bit secret; the store keeps only its SHA-256 (`pqrs_infrastructure::accounts::sessions`).

use crate::access::ClientIp;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use pqrs_domain::contact::Language;
use pqrs_infrastructure::accounts::{self, sessions};
use pqrs_infrastructure::tokens::StaffMember;
use subtle::ConstantTimeEq;

/// The session cookie's name.
pub const COOKIE: &str = "pqrs_session";

/// Where the console lives; the login page is its root.
pub const PREFIX: &str = "/funcionarios";

/// The page where an official chooses a new password.
pub const PASSWORD_PAGE: &str = "/funcionarios/clave";

/// An official with a live console session. A missing or expired session answers a redirect
/// to the login page (303) for GET and an error page (in the request's language) for other methods; an official who
/// must change the password is sent to [`PASSWORD_PAGE`] first.
#[derive(Debug, Clone)]
pub struct Official {
    /// Who (id = the account id, the name, the role).
    pub member: StaffMember,
    /// The session's CSRF token: the hidden `csrf` field of every console form.
    pub csrf: String,
    /// Whether the official must choose a new password before anything else.
    pub must_change_password: bool,
}

/// Keeps the language the official asked for with the header's link (`?lang=`) as their
/// account's, when it differs from the one kept: the console opens in it at their next login,
/// on any browser, and their e-mails are written in it (docs/language.md). A store that fails
/// here costs the official nothing but the keeping: the page is still served.
async fn keep_language(
    state: &AppState,
    account_id: &str,
    query: Option<&str>,
    kept: Option<Language>,
) {
    let Some(asked) = crate::pages::lang::asked_in_query(query).map(Language::from) else {
        return;
    };
    if kept == Some(asked) {
        return;
    }
    if let Err(e) = accounts::set_language(&state.db, account_id, asked).await {
        tracing::warn!(error = %e, "the official's language could not be kept");
    }
}

impl Official {
    /// Whether `form_value` is this session's CSRF token (constant-time compare).
    pub fn check_csrf(&self, form_value: &str) -> bool {
        !form_value.is_empty() && bool::from(self.csrf.as_bytes().ct_eq(form_value.as_bytes()))
    }

    /// The caller the API's commands and redaction take.
    pub fn caller(&self) -> crate::auth::Caller {
        crate::auth::Caller::Staff(self.member.clone())
    }
}

/// The session secret in the request's cookies, if any.
pub fn cookie_secret(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value that opens a session with `secret`.
pub fn set_cookie(state: &AppState, secret: &str) -> Option<HeaderValue> {
    let secure = if state.console.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{COOKIE}={secret}; Path={PREFIX}; HttpOnly; SameSite=Strict{secure}"
    ))
    .ok()
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(state: &AppState) -> HeaderValue {
    let value = if state.console.secure_cookie {
        "pqrs_session=; Path=/funcionarios; HttpOnly; SameSite=Strict; Secure; Max-Age=0"
    } else {
        "pqrs_session=; Path=/funcionarios; HttpOnly; SameSite=Strict; Max-Age=0"
    };
    HeaderValue::from_static(value)
}

/// The client's address, as an extractor.
pub struct Address(pub String);

impl FromRequestParts<AppState> for Address {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Ok(ClientIp(ip)) = ClientIp::from_request_parts(parts, state).await;
        Ok(Address(ip.to_string()))
    }
}

fn signed_out(state: &AppState, lang: Lang, method: &Method) -> Response {
    let mut res = if method == Method::GET || method == Method::HEAD {
        Redirect::to(PREFIX).into_response()
    } else {
        let w = super::texts::of(lang);
        crate::console::say(
            &state.entity,
            lang,
            StatusCode::UNAUTHORIZED,
            w.session_ended_title,
            w.session_ended_text,
        )
    };
    res.headers_mut()
        .insert(header::SET_COOKIE, clear_cookie(state));
    res
}

impl FromRequestParts<AppState> for Official {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(o) = parts.extensions.get::<Official>() {
            return Ok(o.clone());
        }
        let Ok(lang) = Lang::from_request_parts(parts, state).await;
        let w = super::texts::of(lang);
        let Some(secret) = cookie_secret(&parts.headers) else {
            return Err(signed_out(state, lang, &parts.method));
        };
        let found = sessions::find(&state.db, state.clock.now(), secret, state.console.timeouts)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "the console session could not be read");
                crate::console::say(
                    &state.entity,
                    lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    w.unavailable_title,
                    w.unavailable_session_text,
                )
            })?;
        let Some(session) = found else {
            return Err(signed_out(state, lang, &parts.method));
        };
        keep_language(
            state,
            &session.member.id,
            parts.uri.query(),
            session.language,
        )
        .await;
        let official = Official {
            member: session.member,
            csrf: session.csrf,
            must_change_password: session.must_change_password,
        };
        let path = parts.uri.path();
        if official.must_change_password && path != PASSWORD_PAGE && path != "/funcionarios/salir" {
            return Err(if parts.method == Method::GET {
                Redirect::to(PASSWORD_PAGE).into_response()
            } else {
                crate::console::say(
                    &state.entity,
                    lang,
                    StatusCode::FORBIDDEN,
                    w.change_first_title,
                    w.change_first_text,
                )
            });
        }
        parts.extensions.insert(official.clone());
        Ok(official)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_check_is_exact() {
        let o = Official {
            member: StaffMember {
                id: "a".into(),
                name: "A".into(),
                role: pqrs_domain::actor::Role::Agent,
            },
            csrf: "ab".repeat(32),
            must_change_password: false,
        };
        assert!(o.check_csrf(&"ab".repeat(32)));
        assert!(!o.check_csrf(&"ab".repeat(31)));
        assert!(!o.check_csrf(""));
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("pqrs_csrf=x; pqrs_session=abc"),
        );
        assert_eq!(cookie_secret(&h), Some("abc"));
    }
}
