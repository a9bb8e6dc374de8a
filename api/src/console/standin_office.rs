//! STAND-IN for the accounts helper's `Official` (removed when `h/accounts` is merged): the
//! session is a staff token in the cookie `pqrs_standin_token`.

use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Redirect, Response};
use pqrs_infrastructure::tokens::{self, StaffMember};
use subtle::ConstantTimeEq;

/// A signed-in official.
#[derive(Debug, Clone)]
pub struct Official {
    /// The account.
    pub member: StaffMember,
    /// The CSRF token of the session.
    pub csrf: String,
    /// Whether the password must be changed first.
    pub must_change_password: bool,
}

impl Official {
    /// Whether a form's token is the session's (constant time).
    pub fn check_csrf(&self, sent: &str) -> bool {
        bool::from(self.csrf.as_bytes().ct_eq(sent.as_bytes()))
    }
}

impl FromRequestParts<AppState> for Official {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(n, _)| *n == "pqrs_standin_token")
            .map(|(_, v)| v.to_owned());
        let member = match token {
            Some(t) => tokens::authenticate(&state.db, &t)
                .await
                .ok()
                .flatten()
                .map(|m| (m, t)),
            None => None,
        };
        match member {
            Some((member, t)) => Ok(Official {
                member,
                csrf: hex::encode(t.as_bytes()),
                must_change_password: false,
            }),
            None if parts.method == Method::GET => {
                Err(Redirect::to("/funcionarios").into_response())
            }
            None => Err((axum::http::StatusCode::FORBIDDEN, "Sesión vencida").into_response()),
        }
    }
}

/// The portal's security headers.
pub async fn headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::pages::CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
