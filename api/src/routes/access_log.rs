//! `GET /v1/audit/access-log`: the staff access log for auditors (issue 14) — logins, failed
//! logins (the e-mail tried, never the password), logouts, password, account and token
//! changes; who, when, from where. Newest first, paginated. The console shows the same at
//! `/funcionarios/auditoria/accesos`.

use crate::auth::{Allowed, Auditors};
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use pqrs_infrastructure::accounts::log;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Paging of the access log.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AccessLogQuery {
    /// 1-based page (default 1).
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Entries per page, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub page_size: Option<u32>,
}

/// One entry of the access log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccessEntry {
    /// Increasing number of the entry.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// login, login_failed, login_throttled, login_disabled, logout, password_changed,
    /// account_created, account_disabled, account_enabled, password_reset, token_created,
    /// token_revoked.
    pub kind: String,
    /// The account concerned.
    pub account_id: Option<String>,
    /// The e-mail concerned (for a failed login, the one tried).
    pub email: Option<String>,
    /// Who did it: an account id, or `cli:<os user>`.
    pub actor: Option<String>,
    /// The client address.
    pub address: Option<String>,
    /// A short note (a token id and role, a role), never a secret.
    pub detail: Option<String>,
}

/// A page of the access log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccessLogPage {
    /// The entries, newest first.
    pub entries: Vec<AccessEntry>,
    /// This page (1-based).
    pub page: u32,
    /// Entries per page.
    pub page_size: u32,
    /// Entries in the whole log.
    pub total: i64,
}

/// The staff access log, newest first (auditors; admins too).
#[utoipa::path(get, path = "/v1/audit/access-log", tag = "audit",
    params(AccessLogQuery),
    responses(
        (status = 200, description = "A page of the access log", body = AccessLogPage),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "access_log.http", skip_all)]
pub async fn access_log(
    State(state): State<AppState>,
    _allowed: Allowed<Auditors>,
    ApiQuery(q): ApiQuery<AccessLogQuery>,
) -> Result<Json<AccessLogPage>, ApiError> {
    let page = q.page.unwrap_or(1).max(1);
    let page_size = q.page_size.unwrap_or(100).clamp(1, 500);
    let (rows, total) = log::page(
        &state.db,
        i64::from(page - 1) * i64::from(page_size),
        i64::from(page_size),
    )
    .await?;
    Ok(Json(AccessLogPage {
        entries: rows
            .into_iter()
            .map(|r| AccessEntry {
                id: r.id,
                at: r.at,
                kind: r.kind,
                account_id: r.account_id,
                email: r.email,
                actor: r.actor,
                address: r.address,
                detail: r.detail,
            })
            .collect(),
        page,
        page_size,
        total,
    }))
}

pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(access_log))
}
