//! Staff authentication: `Authorization: Bearer <token>`.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::tokens::{self, StaffMember};

/// The caller: a staff member (valid token) or a citizen (no `Authorization` header).
/// A present but invalid token is refused with 401, never downgraded to a citizen.
#[derive(Debug, Clone)]
pub enum Caller {
    /// No credentials.
    Citizen,
    /// A valid staff token.
    Staff(StaffMember),
}

impl Caller {
    /// The staff member, if the caller holds a role that includes `role`; 401 for a citizen,
    /// 403 for staff without it.
    pub fn require(&self, role: Role) -> Result<&StaffMember, ApiError> {
        match self {
            Caller::Citizen => Err(ApiError::Unauthorized(
                "This endpoint needs `Authorization: Bearer <token>`.".into(),
            )),
            Caller::Staff(s) if s.role.includes(role) => Ok(s),
            Caller::Staff(s) => Err(ApiError::Forbidden(format!(
                "The role `{}` may not do this; it needs `{role}`.",
                s.role
            ))),
        }
    }

    /// Whether the caller is staff with a role that includes `role`.
    pub fn has(&self, role: Role) -> bool {
        matches!(self, Caller::Staff(s) if s.role.includes(role))
    }
}

/// Whether staff with `role` may read a single case (tracking, case history). Reporters may
/// not: they work with aggregates (reports, the redacted feed), and a case read without its
/// access code is the petitioner's data (Ley 1581 de 2012 art. 4 lit. f, principle of
/// restricted access: data only for those whose functions need it). docs/audit.md.
pub fn single_case_reader(role: Role) -> bool {
    role != Role::Reporter
}

/// The 403 detail for a reporter reading a single case.
pub const REPORTERS_READ_AGGREGATES: &str =
    "El rol `reporter` trabaja con cifras agregadas (informes y el registro de eventos sin datos \
     personales) y no puede consultar casos individuales.";

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(AUTHORIZATION) else {
            return Ok(Caller::Citizen);
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| ApiError::Unauthorized("Use `Authorization: Bearer <token>`.".into()))?;
        match tokens::authenticate(&state.db, token).await? {
            Some(staff) => Ok(Caller::Staff(staff)),
            None => Err(ApiError::Unauthorized(
                "The token is not valid (unknown or revoked).".into(),
            )),
        }
    }
}
