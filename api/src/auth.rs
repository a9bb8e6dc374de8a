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
        // Authenticated once per request: a role extractor and the handler's own `Caller`
        // share the answer (one token lookup).
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let caller = authenticate(parts, state).await?;
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Caller, ApiError> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else {
        return Ok(Caller::Citizen);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| ApiError::Unauthorized("Use `Authorization: Bearer <token>`.".into()))?;
    match tokens::authenticate(&state.db, token, state.clock.now()).await? {
        Some(staff) => Ok(Caller::Staff(staff)),
        None => Err(ApiError::Unauthorized(
            "The token is not valid (unknown or revoked).".into(),
        )),
    }
}

/// Who an endpoint admits, checked by [`Allowed`] from the headers alone, so that a request
/// without the right credentials gets its 401/403 before its query or body is looked at.
pub trait Admits {
    /// Ok when `caller` may call the endpoint; the 401/403 otherwise.
    fn check(caller: &Caller) -> Result<(), ApiError>;
}

/// Staff with a role that includes `agent` (agents, supervisors, admins).
pub struct Agents;
/// Supervisors and admins.
pub struct Supervisors;
/// Admins.
pub struct Admins;
/// Auditors and admins.
pub struct Auditors;
/// Reporters and admins.
pub struct Reporters;
/// Auditors, reporters and admins.
pub struct AuditorsOrReporters;
/// Any staff role: agents and up, auditors, reporters.
pub struct AnyStaff;
/// Citizens (no token; the access code is checked later) and staff with the agent role.
pub struct CitizensOrAgents;
/// Only citizens (no token; the access code is checked later).
pub struct CitizensOnly;

impl Admits for Agents {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require(Role::Agent).map(drop)
    }
}

impl Admits for Supervisors {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require(Role::Supervisor).map(drop)
    }
}

impl Admits for Admins {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require(Role::Admin).map(drop)
    }
}

impl Admits for Auditors {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require(Role::Auditor).map(drop)
    }
}

impl Admits for Reporters {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require(Role::Reporter).map(drop)
    }
}

impl Admits for AuditorsOrReporters {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        if caller.has(Role::Reporter) {
            return Ok(());
        }
        caller.require(Role::Auditor).map(drop)
    }
}

impl Admits for AnyStaff {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        if caller.has(Role::Auditor) || caller.has(Role::Reporter) {
            return Ok(());
        }
        caller.require(Role::Agent).map(drop)
    }
}

impl Admits for CitizensOrAgents {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        match caller {
            Caller::Citizen => Ok(()),
            Caller::Staff(_) => caller.require(Role::Agent).map(drop),
        }
    }
}

impl Admits for CitizensOnly {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        match caller {
            Caller::Citizen => Ok(()),
            Caller::Staff(_) => Err(ApiError::Forbidden(
                "only the petitioner may do this, with the access code".into(),
            )),
        }
    }
}

/// An extractor that admits the request only for the callers `A` admits; put it before the
/// query and body extractors (axum runs them in order), so authentication and role come first.
pub struct Allowed<A>(std::marker::PhantomData<A>);

impl<A> std::fmt::Debug for Allowed<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Allowed")
    }
}

impl<A: Admits> Allowed<A> {
    /// Admits `caller` as the extractor would: for the console pages (issue 14), which call
    /// the JSON handlers themselves with the official's [`Caller`], so both answer alike.
    pub(crate) fn admit(caller: &Caller) -> Result<Self, ApiError> {
        A::check(caller)?;
        Ok(Allowed(std::marker::PhantomData))
    }
}

impl<A: Admits> FromRequestParts<AppState> for Allowed<A> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        A::check(&caller)?;
        Ok(Allowed(std::marker::PhantomData))
    }
}
