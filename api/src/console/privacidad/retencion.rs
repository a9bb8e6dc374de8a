//! `/funcionarios/privacidad/retencion?desde=…&hasta=…`: the cases whose personal data the
//! scheduler suppressed because their retention passed (Ley 594 de 2000 art. 24), from the
//! handler of `GET /v1/privacy/retention-report` (readers as there: the data-protection
//! officer, auditors and admins). The report holds no personal data, so the period may travel
//! in the URL.

use super::{oficina, sentence};
use crate::auth::Allowed;
use crate::console::informes_comun::{api_error, forbidden, page};
use crate::console::texts::Texts;
use crate::console::{Layout, Official};
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::i18n::{translate, Lang};
use crate::routes::privacy::retention::{retention_report, PeriodQuery, RetentionReaders};
use crate::state::AppState;
use crate::words::{date_in, date_time_in};
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;

/// A parameter of the query (`desde`, `hasta`), or "" (anything else is ignored).
fn param(uri: &Uri, name: &str) -> String {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// A row of the report, dates written out.
struct Fila {
    radicado: String,
    kind: String,
    closed_on: String,
    retained_until: String,
    years: u64,
    suppressed_at: String,
    basis: String,
}

#[derive(Template)]
#[template(path = "console/privacidad_retencion.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    desde: String,
    hasta: String,
    error: Option<(&'static str, String)>,
    rows: Option<Vec<Fila>>,
}

/// A date of the report (YYYY-MM-DD) written out, or as given.
fn escrita(lang: Lang, date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_owned(), |d| date_in(lang, d))
}

/// The kind's API value in the words of `w`, or as given.
fn tipo(w: &Texts, kind: &str) -> String {
    crate::console::bandeja::kind_text_in(w, kind)
}

/// `GET /funcionarios/privacidad/retencion`: the form, and the report once a period is given.
#[tracing::instrument(name = "console.privacidad.retencion", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    uri: Uri,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let caller = o.caller();
    let Ok(allowed) = Allowed::<RetentionReaders>::admit(&caller) else {
        return forbidden(&o, w.ret_what);
    };
    let mut p = Pagina {
        l: o.layout(w.ret_title),
        desde: param(&uri, "desde"),
        hasta: param(&uri, "hasta"),
        error: None,
        rows: None,
    };
    if p.desde.is_empty() && p.hasta.is_empty() {
        return page(StatusCode::OK, &p);
    }
    let query = PeriodQuery {
        from: Some(p.desde.clone()),
        to: Some(p.hasta.clone()),
    };
    match retention_report(State(state.clone()), allowed, ApiQuery(query)).await {
        Ok(Json(report)) => {
            p.rows = Some(
                report
                    .cases
                    .into_iter()
                    .map(|r| Fila {
                        radicado: r.radicado,
                        kind: tipo(w, &r.kind),
                        closed_on: escrita(lang, &r.closed_on),
                        retained_until: escrita(lang, &r.retained_until),
                        years: r.years,
                        suppressed_at: chrono::DateTime::parse_from_rfc3339(&r.suppressed_at)
                            .map_or(r.suppressed_at, |at| date_time_in(lang, at)),
                        basis: r.basis,
                    })
                    .collect(),
            );
            page(StatusCode::OK, &p)
        }
        Err(ApiError::Validation(fields)) => {
            p.error = fields.first().map(|f| {
                let field = if f.field == "to" { "hasta" } else { "desde" };
                (field, sentence(&translate(&f.message, lang)))
            });
            page(StatusCode::UNPROCESSABLE_ENTITY, &p)
        }
        Err(e) => api_error(&o, e, w.ret_what),
    }
}
