//! `GET /funcionarios/alertas` (agents and up): the alerts of `GET /v1/alerts` — open cases
//! due soon, overdue, in positive silence (Ley 1755 de 2015 art. 14 num. 1) or suspended
//! (art. 17) — most urgent first (priority cases first, art. 20), filtered by dependency and
//! kind of alert. The page calls the JSON handler itself, so it shows what the API shows.

use super::informes_comun::{api_error, forbidden, page, Oficina};
use super::texts::Texts;
use super::{Layout, Official};
use crate::auth::{Allowed, AnyStaff};
use crate::extract::ApiQuery;
use crate::i18n::Lang;
use crate::routes::queue::{self, AlertsQuery, QueueItem};
use crate::state::AppState;
use crate::words::date_in;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use pqrs_domain::actor::Role;
use pqrs_projections::DeadlineState;
use serde::Deserialize;

/// The filters of the page (`?dependencia=…&alerta=…`).
#[derive(Debug, Default, Deserialize)]
pub struct Filtros {
    /// Only this dependency (empty: all).
    #[serde(default)]
    dependencia: String,
    /// Only this kind of alert, as the API names it (empty: all).
    #[serde(default)]
    alerta: String,
}

/// The alerts the filter offers, in its order.
const CLASES: [DeadlineState; 5] = [
    DeadlineState::Overdue,
    DeadlineState::DueSoon,
    DeadlineState::PositiveSilence,
    DeadlineState::CopiesOverdue,
    DeadlineState::Suspended,
];

/// The API value of a deadline state (`overdue`, …).
fn valor(s: DeadlineState) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One row of the table.
struct Fila {
    radicado: String,
    clase: &'static str,
    urgente: bool,
    prioridad: bool,
    vence: String,
    dias: i64,
    dependencia: String,
    funcionario: String,
    asunto: String,
}

/// An option of the alert filter.
struct Opcion {
    valor: String,
    texto: &'static str,
    elegida: bool,
}

#[derive(Template)]
#[template(path = "console/alertas.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    hoy: String,
    dependencia: String,
    opciones: Vec<Opcion>,
    filas: Vec<Fila>,
}

fn fila(w: &Texts, lang: Lang, i: QueueItem) -> Fila {
    Fila {
        clase: (w.alert_class)(i.deadline.state),
        urgente: matches!(
            i.deadline.state,
            DeadlineState::Overdue | DeadlineState::PositiveSilence | DeadlineState::CopiesOverdue
        ),
        radicado: i.radicado,
        prioridad: i.priority,
        vence: date_in(lang, i.deadline.due_date),
        dias: i.deadline.business_days_left,
        dependencia: i.dependency.unwrap_or_else(|| w.unassigned.to_owned()),
        funcionario: i.official.unwrap_or_else(|| w.unassigned.to_owned()),
        asunto: i.subject,
    }
}

/// The alerts page.
#[tracing::instrument(name = "console.alertas", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Query(f): Query<Filtros>,
) -> Response {
    let o = Oficina {
        state: &state,
        official: &official,
        section: "/funcionarios/alertas",
        lang,
    };
    let w = o.words();
    if !official.member.role.includes(Role::Agent) {
        return forbidden(&o, w.see_alerts);
    }
    let caller = o.caller();
    let alerta = CLASES.iter().copied().find(|c| valor(*c) == f.alerta);
    let dependencia = f.dependencia.trim().to_owned();
    let q = AlertsQuery {
        state: alerta,
        dependency: Some(dependencia.clone()).filter(|d| !d.is_empty()),
        kind: None,
    };
    let allowed = match Allowed::<AnyStaff>::admit(&caller) {
        Ok(a) => a,
        Err(e) => return api_error(&o, e, w.see_alerts),
    };
    let Json(alerts) = match queue::alerts(State(state.clone()), caller, allowed, ApiQuery(q)).await
    {
        Ok(a) => a,
        Err(e) => return api_error(&o, e, w.see_alerts),
    };
    page(
        StatusCode::OK,
        &Pagina {
            l: o.layout(w.alerts_title),
            hoy: date_in(lang, alerts.today),
            opciones: CLASES
                .iter()
                .map(|c| Opcion {
                    valor: valor(*c),
                    texto: (w.alert_class)(*c),
                    elegida: Some(*c) == alerta,
                })
                .collect(),
            dependencia,
            filas: alerts
                .alerts
                .into_iter()
                .map(|i| fila(w, lang, i))
                .collect(),
        },
    )
}
