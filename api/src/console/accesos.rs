//! `GET /funcionarios/auditoria/accesos`: the staff access log for auditors (and admins),
//! newest first, 50 a page — the same entries as `GET /v1/audit/access-log`.

use super::session::Official;
use super::{texts, Layout};
use crate::i18n::Lang;
use crate::pages::render;
use crate::state::AppState;
use crate::words::date_time_in;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::accounts::log::{self, Kind};
use std::collections::HashMap;

const PAGE_SIZE: i64 = 50;

/// An entry as the page shows it.
pub struct Row {
    /// When, written out in Bogotá time.
    pub at: String,
    /// What, in the page's language.
    pub what: String,
    /// The e-mail or account concerned.
    pub whom: String,
    /// Who did it.
    pub actor: String,
    /// From where.
    pub address: String,
    /// A note.
    pub detail: String,
}

#[derive(Template)]
#[template(path = "console/accesos.html")]
struct AccessPage<'a> {
    l: Layout<'a>,
    rows: Vec<Row>,
    page: i64,
    pages: i64,
    total: i64,
    /// "Page 1 of 3."
    page_of: String,
}

/// The auditors' view of the access log.
#[tracing::instrument(name = "console.access_log", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let w = texts::of(lang);
    if !official.member.role.includes(Role::Auditor) {
        return crate::console::say(
            &state.entity,
            lang,
            StatusCode::FORBIDDEN,
            w.no_permission_title,
            w.access_forbidden,
        );
    }
    let page = q
        .get("pagina")
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let (entries, total) = match log::page(&state.db, (page - 1) * PAGE_SIZE, PAGE_SIZE).await {
        Ok(x) => x,
        Err(e) => {
            tracing::error!(error = %e, "the access log could not be read");
            return crate::console::say(
                &state.entity,
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                w.unavailable_title,
                w.record_unavailable_text,
            );
        }
    };
    let dash = |o: Option<String>| o.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into());
    let rows = entries
        .into_iter()
        .map(|e| Row {
            at: chrono::DateTime::parse_from_rfc3339(&e.at)
                .map_or(e.at.clone(), |at| date_time_in(lang, at)),
            what: e
                .kind
                .parse::<Kind>()
                .map_or(e.kind.clone(), |k| (w.access_kind)(k).to_owned()),
            whom: dash(e.email.or(e.account_id)),
            actor: dash(e.actor),
            address: dash(e.address),
            detail: dash(e.detail),
        })
        .collect();
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page_view = AccessPage {
        l: Layout::new(
            &state.entity,
            lang,
            w.access_title,
            Some(&official),
            "/funcionarios/auditoria",
        ),
        rows,
        page,
        pages,
        total,
        page_of: (w.page_of)(
            u32::try_from(page).unwrap_or(u32::MAX),
            u32::try_from(pages).unwrap_or(u32::MAX),
        ),
    };
    render(StatusCode::OK, &page_view)
}
