//! `GET /funcionarios/informes` (reporters and admins, as `GET /v1/reports/{name}` admits):
//! choose a report and a period, read it in the page, download it as CSV or XLSX.
//!
//! The page and the downloads call `routes::reports::report` itself with the same
//! `ReportRequest` fields (`from`, `to`, `format`, `at_position`), so the figures, the
//! manifest and the bytes are the API's. The view is the report's own HTML rendering (the
//! same renderer as `format=html`), its body set inside the console page; the download links
//! are pinned to the log position the view was computed at, so what is downloaded is what
//! was read.

use super::informes_comun::{
    api_error, as_download, body_bytes, field_errors_in, forbidden, page, Oficina,
};
use super::texts::Texts;
use super::{Layout, Official};
use crate::auth::{Allowed, Reporters};
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::i18n::Lang;
use crate::routes::reports::{self, ReportQuery};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pqrs_domain::actor::Role;
use pqrs_projections::reports::ReportKind;
use serde::Deserialize;

/// What the official asked for (`?informe=…&desde=…&hasta=…`).
#[derive(Debug, Default, Deserialize)]
pub struct Pedido {
    /// The report, as the API names it.
    #[serde(default)]
    informe: String,
    /// First day of the period (YYYY-MM-DD).
    #[serde(default)]
    desde: String,
    /// Last day (YYYY-MM-DD).
    #[serde(default)]
    hasta: String,
    /// For a download: `csv`, `csv-es` or `xlsx`.
    #[serde(default)]
    formato: String,
    /// For a download: the log position the view was computed at.
    #[serde(default)]
    posicion: String,
    /// Set by the form's button: the form was sent (even empty).
    #[serde(default)]
    ver: String,
}

/// A report a person can choose, with its title in the page's language.
struct Opcion {
    valor: &'static str,
    titulo: &'static str,
    base: &'static str,
    elegida: bool,
}

/// A download link.
struct Descarga {
    texto: &'static str,
    url: String,
    id: &'static str,
}

#[derive(Template)]
#[template(path = "console/informes.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    opciones: Vec<Opcion>,
    desde: String,
    hasta: String,
    errores: Vec<(String, String)>,
    /// The report's HTML body (escaped by its renderer), when one was asked for.
    informe: Option<String>,
    descargas: Vec<Descarga>,
}

impl Pagina<'_> {
    fn error_de(&self, campo: &str) -> Option<&str> {
        self.errores
            .iter()
            .find(|(f, _)| f == campo)
            .map(|(_, m)| m.as_str())
    }
}

/// The formats offered for download, with their words.
const FORMATOS: [(&str, &str); 3] = [
    ("csv", "descargar-csv"),
    ("csv-es", "descargar-csv-es"),
    ("xlsx", "descargar-xlsx"),
];

/// Checks the form, in the words of `w`, before the report runs (the API checks again).
fn revisar(w: &Texts, p: &Pedido) -> Vec<(String, String)> {
    let mut errores = Vec::new();
    if ReportKind::parse(&p.informe).is_err() {
        errores.push(("informe".to_owned(), w.choose_report.to_owned()));
    }
    let fecha = |v: &str| v.parse::<chrono::NaiveDate>().ok();
    let desde = fecha(&p.desde);
    let hasta = fecha(&p.hasta);
    if desde.is_none() {
        errores.push(("desde".to_owned(), w.from_format.to_owned()));
    }
    if hasta.is_none() {
        errores.push(("hasta".to_owned(), w.to_format.to_owned()));
    }
    if let (Some(d), Some(h)) = (desde, hasta) {
        if h < d {
            errores.push(("hasta".to_owned(), w.to_before_from.to_owned()));
        }
    }
    errores
}

/// The API's field names as the form names them.
fn campo(api: &str) -> String {
    match api {
        "from" => "desde",
        "to" => "hasta",
        other => other,
    }
    .to_owned()
}

/// Runs the report through the JSON handler.
async fn run(o: &Oficina<'_>, name: &str, q: ReportQuery) -> Result<Response, ApiError> {
    let caller = o.caller();
    let allowed = Allowed::<Reporters>::admit(&caller)?;
    reports::report(
        State(o.state.clone()),
        caller,
        allowed,
        o.lang,
        Path(name.to_owned()),
        ApiQuery(q),
    )
    .await
}

/// The body of the report's HTML document, with its headings one level down (the page has
/// its own `<h1>`) and its wide tables reachable by keyboard.
fn cuerpo(html: &str, table: &str) -> String {
    let start = html.find("<body>").map_or(0, |i| i + "<body>".len());
    let end = html.rfind("</body>").unwrap_or(html.len());
    html[start..end]
        .replace("<h2", "<h3")
        .replace("</h2>", "</h3>")
        .replace("<h1", "<h2 id=\"titulo-informe\"")
        .replace("</h1>", "</h2>")
        .replace(
            "<div class=\"tabla\">",
            &format!("<div class=\"tabla\" tabindex=\"0\" role=\"region\" aria-label=\"{table}\">"),
        )
}

/// The reports page: the form, and the report when one was asked for.
#[tracing::instrument(name = "console.informes", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Query(p): Query<Pedido>,
) -> Response {
    let o = Oficina {
        lang,
        state: &state,
        official: &official,
        section: "/funcionarios/informes",
    };
    let w = o.words();
    if !official.member.role.includes(Role::Reporter) {
        return forbidden(&o, w.see_reports);
    }
    let pedido =
        !(p.ver.is_empty() && p.informe.is_empty() && p.desde.is_empty() && p.hasta.is_empty());
    let mut errores = if pedido { revisar(w, &p) } else { Vec::new() };
    let mut informe = None;
    let mut descargas = Vec::new();
    if pedido && errores.is_empty() {
        let q = ReportQuery {
            from: Some(p.desde.clone()),
            to: Some(p.hasta.clone()),
            format: Some("html".to_owned()),
            at_position: None,
        };
        match run(&o, &p.informe, q).await {
            Ok(res) => {
                let posicion = res
                    .headers()
                    .get("x-pqrs-report-position")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                match body_bytes(res).await {
                    Ok(bytes) => {
                        informe = Some(cuerpo(&String::from_utf8_lossy(&bytes), w.report_table));
                        descargas = FORMATOS
                            .iter()
                            .map(|(formato, id)| Descarga {
                                texto: (w.download)(formato),
                                id,
                                url: format!(
                                    "/funcionarios/informes/descargar?informe={}&desde={}&hasta={}&formato={formato}&posicion={posicion}",
                                    p.informe, p.desde, p.hasta
                                ),
                            })
                            .collect();
                    }
                    Err(e) => return api_error(&o, e, w.see_reports),
                }
            }
            Err(e) => match field_errors_in(&e, lang) {
                Some(fields) => {
                    errores = fields.into_iter().map(|(f, m)| (campo(&f), m)).collect();
                }
                None => return api_error(&o, e, w.see_reports),
            },
        }
    }
    let status = if errores.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        &Pagina {
            l: o.layout(w.nav_reports),
            opciones: ReportKind::ALL
                .iter()
                .map(|k| Opcion {
                    valor: k.as_str(),
                    titulo: k.title_in(w.report_lang),
                    base: (w.report_basis)(*k),
                    elegida: k.as_str() == p.informe,
                })
                .collect(),
            desde: p.desde,
            hasta: p.hasta,
            errores,
            informe,
            descargas,
        },
    )
}

/// A download: the report in CSV, CSV for es-CO spreadsheets or XLSX, as of the position the
/// page showed, with the API's bytes, media type and file name.
#[tracing::instrument(name = "console.informes.descargar", skip_all)]
pub async fn download(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Query(p): Query<Pedido>,
) -> Response {
    let o = Oficina {
        lang,
        state: &state,
        official: &official,
        section: "/funcionarios/informes",
    };
    let w = o.words();
    if !official.member.role.includes(Role::Reporter) {
        return forbidden(&o, w.download_reports);
    }
    if !FORMATOS.iter().any(|(f, _)| *f == p.formato) {
        return api_error(
            &o,
            ApiError::field("formato", "must be csv, csv-es or xlsx"),
            w.download_reports,
        );
    }
    let q = ReportQuery {
        from: Some(p.desde.clone()),
        to: Some(p.hasta.clone()),
        format: Some(p.formato.clone()),
        at_position: Some(p.posicion.clone()).filter(|s| !s.is_empty()),
    };
    match run(&o, &p.informe, q).await {
        Ok(res) => as_download(res),
        Err(e) => api_error(&o, e, w.download_reports),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_set_in_the_page_without_its_head_and_a_level_down() {
        let html = "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<style>body{margin:0}</style>\n\
                    </head>\n<body>\n<header>\n<h1>Informe</h1>\n</header>\n<h2>Resumen</h2>\n\
                    <div class=\"tabla\"><table></table></div>\n</body>\n</html>\n";
        let body = cuerpo(html, "Tabla del informe");
        assert!(!body.contains("<style"), "{body}");
        assert!(!body.contains("<h1"), "{body}");
        assert!(
            body.contains("<h2 id=\"titulo-informe\">Informe</h2>"),
            "{body}"
        );
        assert!(body.contains("<h3>Resumen</h3>"), "{body}");
        assert!(body.contains("tabindex=\"0\" role=\"region\""), "{body}");
        assert!(!body.contains("</body>"), "{body}");
    }

    #[test]
    fn the_form_is_checked_in_spanish_before_the_report_runs() {
        let p = Pedido {
            informe: "nada".into(),
            desde: "2026-12-01".into(),
            hasta: "2026-11-01".into(),
            ..Pedido::default()
        };
        let errores = revisar(crate::console::texts::of(Lang::Es), &p);
        let campos: Vec<&str> = errores.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(campos, ["informe", "hasta"], "{errores:?}");
        let ok = Pedido {
            informe: "dashboard".into(),
            desde: "2026-11-01".into(),
            hasta: "2026-11-30".into(),
            ..Pedido::default()
        };
        assert!(revisar(crate::console::texts::of(Lang::Es), &ok).is_empty());
    }
}
