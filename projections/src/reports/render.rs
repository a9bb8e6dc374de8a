//! CSV and HTML forms of a report. Both are deterministic functions of the report: no clock,
//! no randomness, fixed orders.

mod charts;

use super::access::row_outcome_es;
use super::facts::NO_DEPENDENCY;
use super::{
    AccessToInformation, Dashboard, FollowUpGroup, Manifest, PqrFollowUp, Report, ReportData,
    ReportError,
};
use pqrs_domain::Kind;
use std::fmt::{Display, Write as _};

/// The CSV header of every report: one figure per row ("tidy" form, so a spreadsheet can
/// filter and pivot it).
pub const CSV_HEADER: [&str; 5] = ["section", "dimension", "group", "metric", "value"];

fn opt<T: Display>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Where the rows of the tidy table go, one at a time (so the CSV is written as it is
/// produced); the flag marks values that are decimal numbers (written with a decimal comma
/// in the es-CO dialect).
struct Rows<'s>(&'s mut dyn FnMut([String; 5], bool));

impl Rows<'_> {
    fn push(&mut self, section: &str, dimension: &str, group: &str, metric: &str, value: String) {
        self.put(section, dimension, group, metric, value, false);
    }

    /// A decimal figure (median, P90, mean, percentage).
    fn push_decimal(
        &mut self,
        section: &str,
        dimension: &str,
        group: &str,
        metric: &str,
        value: Option<f64>,
    ) {
        self.put(section, dimension, group, metric, opt(&value), true);
    }

    fn put(
        &mut self,
        section: &str,
        dimension: &str,
        group: &str,
        metric: &str,
        value: String,
        decimal: bool,
    ) {
        (self.0)(
            [
                section.to_owned(),
                dimension.to_owned(),
                group.to_owned(),
                metric.to_owned(),
                value,
            ],
            decimal,
        );
    }
}

/// How the CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CsvDialect {
    /// RFC 4180: `,` between fields, decimal point.
    Rfc4180,
    /// What a spreadsheet set up for Colombia (es-CO) reads: `;` between fields and a
    /// decimal comma.
    EsCo,
}

/// The UTF-8 byte order mark: without it, Excel reads a CSV in the machine's legacy code
/// page (Windows-1252) and garbles every accented letter.
pub const UTF8_BOM: &str = "\u{feff}";

fn manifest_rows(m: &Manifest, rows: &mut Rows<'_>) {
    let mut put = |metric: &str, value: String| rows.push("manifest", "", "", metric, value);
    put("report", m.report.clone());
    put("report_version", m.report_version.clone());
    put("title", m.title.clone());
    put("legal_basis", m.legal_basis.clone());
    put("period_from", m.period.from.to_string());
    put("period_to", m.period.to.to_string());
    put("position", m.position.to_string());
    put("as_of", opt(&m.as_of));
    put("as_of_local_date", opt(&m.as_of_local_date));
    put("calendar_version", m.calendar_version.clone());
    for v in &m.filing_calendar_versions {
        put("filing_calendar_version", v.clone());
    }
    for p in &m.policies {
        put("policy", format!("{} {}", p.id, p.version));
    }
    put("content_sha256", m.content_sha256.clone());
}

fn group_rows(dimension: &str, g: &FollowUpGroup, rows: &mut Rows<'_>) {
    let group = if g.key.is_empty() {
        NO_DEPENDENCY
    } else {
        &g.key
    };
    let mut put = |metric: &str, value: String| rows.push("group", dimension, group, metric, value);
    put("received", g.received.to_string());
    put("answered_on_time", g.answered_on_time.to_string());
    put("answered_late", g.answered_late.to_string());
    put("open", g.open.to_string());
    put("overdue_now", g.overdue_now.to_string());
    let mut decimal = |metric: &str, value: Option<f64>| {
        rows.push_decimal("group", dimension, group, metric, value)
    };
    decimal("median_business_days", g.median_business_days);
    decimal("p90_business_days", g.p90_business_days);
    let mut put = |metric: &str, value: String| rows.push("group", dimension, group, metric, value);
    put("suspensions", g.suspensions.to_string());
    put("extensions", g.extensions.to_string());
    put("forwards", g.forwards.to_string());
    put("forwards_late", g.forwards_late.to_string());
    put("withdrawals_express", g.withdrawals_express.to_string());
    put("withdrawals_tacit", g.withdrawals_tacit.to_string());
    put("voided", g.voided.to_string());
    // Issue 15 (mail): whether and when the petitioners were told by e-mail.
    put("notified", g.notified.to_string());
    put("notification_failures", g.notification_failures.to_string());
    put(
        "last_notified_at",
        g.last_notified_at.map_or(String::new(), |t| t.to_rfc3339()),
    );
    put("ratings_count", g.ratings.count.to_string());
    rows.push_decimal("group", dimension, group, "ratings_mean", g.ratings.mean);
    for (i, n) in g.ratings.distribution.iter().enumerate() {
        rows.push(
            "group",
            dimension,
            group,
            &format!("rating_{}", i + 1),
            n.to_string(),
        );
    }
}

/// The report as the rows of the tidy table, manifest first.
/// Hands every row of the tidy table of `report` to `sink`, in order.
fn tidy_rows(report: &Report, sink: &mut dyn FnMut([String; 5], bool)) {
    let mut rows = Rows(sink);
    manifest_rows(&report.manifest, &mut rows);
    match &report.data {
        ReportData::AccessToInformation(a) => {
            let s = &a.summary;
            for (metric, value) in [
                ("received", s.received.to_string()),
                ("forwarded", s.forwarded.to_string()),
                ("forwarded_art_21", s.forwarded_art_21.to_string()),
                ("forwarded_late", s.forwarded_late.to_string()),
                ("answered", s.answered.to_string()),
                ("answered_on_time", s.answered_on_time.to_string()),
                ("answered_late", s.answered_late.to_string()),
                ("access_denied", s.access_denied.to_string()),
                ("denied_fully", s.denied_fully.to_string()),
                ("denied_partially", s.denied_partially.to_string()),
                ("withdrawn", s.withdrawn.to_string()),
                ("open", s.open.to_string()),
                ("overdue_now", s.overdue_now.to_string()),
                ("positive_silence", s.positive_silence.to_string()),
                ("voided", s.voided.to_string()),
            ] {
                rows.push("summary", "total", "", metric, value);
            }
            for (metric, value) in [
                ("median_business_days", s.median_business_days),
                ("p90_business_days", s.p90_business_days),
            ] {
                rows.push_decimal("summary", "total", "", metric, value);
            }
            for r in &a.requests {
                for (metric, value) in [
                    ("received_on", r.received_on.to_string()),
                    ("effective_received_on", r.effective_received_on.to_string()),
                    ("due_date", r.due_date.to_string()),
                    ("status", r.status.clone()),
                    ("outcome", opt(&r.outcome)),
                    ("closed_on", opt(&r.closed_on)),
                    ("business_days", opt(&r.business_days)),
                    ("on_time", opt(&r.on_time)),
                    ("access_denied", r.access_denied.to_string()),
                    ("forwarded_to", opt(&r.forwarded_to)),
                ] {
                    rows.push("request", "radicado", &r.radicado, metric, value);
                }
            }
        }
        ReportData::PqrFollowUp(f) => {
            group_rows("total", &f.total, &mut rows);
            for g in &f.by_kind {
                group_rows("kind", g, &mut rows);
            }
            for g in &f.by_channel {
                group_rows("channel", g, &mut rows);
            }
            for g in &f.by_dependency {
                group_rows("dependency", g, &mut rows);
            }
        }
        ReportData::Dashboard(d) => {
            for w in &d.weeks {
                let week = w.week_start.to_string();
                let mut put = |metric: &str, value: String| {
                    rows.push("week", "week_start", &week, metric, value)
                };
                put("received", w.received.to_string());
                for k in &w.by_kind {
                    put(&format!("received_{}", k.kind), k.count.to_string());
                }
                put("answered_on_time", w.answered_on_time.to_string());
                put("answered_late", w.answered_late.to_string());
                put("open_overdue", w.open_overdue.to_string());
                rows.push_decimal("week", "week_start", &week, "on_time_pct", w.on_time_pct);
            }
            for b in &d.open_by_days_left {
                rows.push(
                    "open_by_days_left",
                    "bucket",
                    &b.key,
                    "count",
                    b.count.to_string(),
                );
            }
            for dep in &d.overdue_by_dependency {
                rows.push(
                    "overdue",
                    "dependency",
                    &dep.dependency,
                    "overdue",
                    dep.overdue.to_string(),
                );
                for c in &dep.top {
                    for (metric, value) in [
                        ("kind", c.kind.clone()),
                        ("due_date", c.due_date.to_string()),
                        ("business_days_overdue", c.business_days_overdue.to_string()),
                    ] {
                        rows.push("overdue_case", &dep.dependency, &c.radicado, metric, value);
                    }
                }
            }
        }
    }
}

/// The report as CSV (UTF-8 with a byte order mark, CRLF line ends, header [`CSV_HEADER`]) in
/// `dialect`; the manifest comes first as `manifest` rows.
/// It is written to `out` row by row, as the rows are produced.
pub(crate) fn csv(
    report: &Report,
    dialect: CsvDialect,
    out: &mut dyn std::io::Write,
) -> Result<(), ReportError> {
    out.write_all(UTF8_BOM.as_bytes())
        .map_err(|e| ReportError::Render(e.to_string()))?;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .delimiter(match dialect {
            CsvDialect::Rfc4180 => b',',
            CsvDialect::EsCo => b';',
        })
        .from_writer(out);
    let err = |e: ::csv::Error| ReportError::Render(e.to_string());
    w.write_record(CSV_HEADER).map_err(err)?;
    // The first failure to write is kept and the remaining rows are skipped.
    let mut failed: Option<::csv::Error> = None;
    tidy_rows(report, &mut |mut r, decimal| {
        if failed.is_some() {
            return;
        }
        if decimal && dialect == CsvDialect::EsCo {
            r[4] = r[4].replace('.', ",");
        }
        if let Err(e) = w.write_record(&r) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(err(e));
    }
    w.flush().map_err(|e| ReportError::Render(e.to_string()))
}

/// An instant of the manifest (RFC 3339, UTC) in Bogotá civil time, as a person there reads
/// it: `2026-12-17 16:00:00 -05:00`. Left as given if it cannot be read.
fn bogota_time(utc: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(utc) {
        Ok(t) => pqrs_domain::deadline::local_datetime(&t)
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string(),
        Err(_) => utc.to_owned(),
    }
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number in Spanish notation (decimal comma), or a dash.
fn num(v: Option<f64>) -> String {
    match v {
        Some(x) => x.to_string().replace('.', ","),
        None => "—".to_owned(),
    }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "sí",
        Some(false) => "no",
        None => "—",
    }
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;\
color:#1a1a1a;margin:2rem auto;max-width:1100px;padding:0 1rem;line-height:1.4}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #0b5394;\
padding-bottom:.2rem}.basis{color:#444;margin-top:0}table{border-collapse:collapse;width:100%;\
margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;\
vertical-align:top}th{background:#e8eef6}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.tabla{overflow-x:auto;max-width:100%;margin:.6rem 0}.tabla table{margin:0}\
.manifest td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;word-break:break-all}\
figure{margin:1rem 0;page-break-inside:avoid;break-inside:avoid}figcaption{font-size:.85rem;color:#444}\
svg{max-width:100%;height:auto}footer{margin-top:2rem;font-size:.8rem;color:#555}\
@media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid;break-after:avoid}\
table,figure{page-break-inside:avoid;break-inside:avoid}.tabla{overflow:visible}thead{display:table-header-group}\
a{color:inherit;text-decoration:none}@page{size:A4;margin:15mm}}";

/// The report as one self-contained HTML page in Spanish: tables, inline SVG charts and a
/// print style sheet. No external resources.
pub(crate) fn html(report: &Report) -> Result<String, ReportError> {
    let m = &report.manifest;
    let mut h = String::new();
    let w = |e: std::fmt::Error| ReportError::Render(e.to_string());
    write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — {from} a {to}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"basis\">{basis}</p>\n\
         <p>Periodo: radicadas entre el <strong>{from}</strong> y el <strong>{to}</strong> \
         (fecha local de recepción, Bogotá). Corte: posición <strong>{pos}</strong> del registro \
         de eventos{asof}.</p>\n</header>\n",
        title = esc(&m.title),
        basis = esc(&m.legal_basis),
        from = m.period.from,
        to = m.period.to,
        pos = m.position,
        asof = match (&m.as_of, &m.as_of_local_date) {
            (Some(t), Some(d)) => format!(", registrada el {d} ({})", esc(&bogota_time(t))),
            _ => String::new(),
        },
    )
    .map_err(w)?;
    match &report.data {
        ReportData::AccessToInformation(a) => access_html(a, &mut h)?,
        ReportData::PqrFollowUp(f) => follow_up_html(f, &mut h)?,
        ReportData::Dashboard(d) => dashboard_html(d, &mut h)?,
    }
    manifest_html(m, &mut h).map_err(w)?;
    // Wide tables scroll inside their own box instead of running off the page.
    let mut h = h
        .replace("<table", "<div class=\"tabla\"><table")
        .replace("</table>", "</table></div>");
    write!(
        h,
        "<footer>Generado por pqrs a partir del registro de eventos. Las cifras se recalculan \
         idénticas desde la posición {}; su huella SHA-256 es {}.</footer>\n</body>\n</html>\n",
        m.position, m.content_sha256
    )
    .map_err(w)?;
    Ok(h)
}

fn manifest_html(m: &Manifest, h: &mut String) -> std::fmt::Result {
    h.push_str("<h2>Ficha técnica (manifiesto)</h2>\n<table class=\"manifest\"><tbody>\n");
    let mut row = |k: &str, v: &str| writeln!(h, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    row(
        "Informe",
        &format!("{} (versión {})", m.report, m.report_version),
    )?;
    row("Periodo", &format!("{} a {}", m.period.from, m.period.to))?;
    row("Posición del registro", &m.position.to_string())?;
    row(
        "Instante de corte (hora de Bogotá)",
        &m.as_of.as_deref().map(bogota_time).unwrap_or_default(),
    )?;
    row("Instante de corte (as_of, UTC)", &opt(&m.as_of))?;
    row("Calendario usado", &m.calendar_version)?;
    row(
        "Calendarios de radicación",
        &m.filing_calendar_versions.join(", "),
    )?;
    row(
        "Políticas de términos",
        &m.policies
            .iter()
            .map(|p| format!("{} {}", p.id, p.version))
            .collect::<Vec<_>>()
            .join(", "),
    )?;
    row("SHA-256 del contenido", &m.content_sha256)?;
    h.push_str("</tbody></table>\n");
    Ok(())
}

fn figure(h: &mut String, svg: &str, caption: &str) {
    h.push_str("<figure>\n");
    h.push_str(svg);
    h.push_str("\n<figcaption>");
    h.push_str(&esc(caption));
    h.push_str("</figcaption>\n</figure>\n");
}

fn access_html(a: &AccessToInformation, h: &mut String) -> Result<(), ReportError> {
    let s = &a.summary;
    let w = |e: std::fmt::Error| ReportError::Render(e.to_string());
    h.push_str("<h2>Resumen (Decreto 103 de 2015, art. 52)</h2>\n<table><tbody>\n");
    for (label, value) in [
        (
            "1. Solicitudes de información recibidas",
            s.received.to_string(),
        ),
        (
            "2. Solicitudes trasladadas a otra institución",
            s.forwarded.to_string(),
        ),
        (
            "   — dentro de los 5 días del art. 21 de la Ley 1755",
            s.forwarded_art_21.to_string(),
        ),
        (
            "   — remitidas después (respuesta «remitida»)",
            s.forwarded_late.to_string(),
        ),
        (
            "3. Tiempo de respuesta: mediana (días hábiles)",
            num(s.median_business_days),
        ),
        (
            "   Tiempo de respuesta: percentil 90 (días hábiles)",
            num(s.p90_business_days),
        ),
        (
            "4. Solicitudes en las que se negó el acceso",
            s.access_denied.to_string(),
        ),
        ("   — negadas totalmente", s.denied_fully.to_string()),
        (
            "   — negadas parcialmente (concedidas en parte)",
            s.denied_partially.to_string(),
        ),
        ("Respondidas a tiempo", s.answered_on_time.to_string()),
        ("Respondidas fuera de término", s.answered_late.to_string()),
        ("Desistidas", s.withdrawn.to_string()),
        ("Abiertas al corte", s.open.to_string()),
        ("Vencidas al corte", s.overdue_now.to_string()),
        (
            "Con silencio positivo (art. 14 num. 1)",
            s.positive_silence.to_string(),
        ),
        (
            "Radicados anulados (no cuentan como recibidas)",
            s.voided.to_string(),
        ),
    ] {
        writeln!(
            h,
            "<tr><th>{}</th><td class=\"n\">{}</td></tr>",
            esc(label),
            esc(&value)
        )
        .map_err(w)?;
    }
    h.push_str("</tbody></table>\n");
    let bars: Vec<(String, f64)> = a
        .requests
        .iter()
        .filter_map(|r| r.business_days.map(|d| (r.radicado.clone(), f64::from(d))))
        .collect();
    figure(
        h,
        &charts::bars("Tiempo de respuesta por solicitud", "días hábiles", &bars)?,
        "Días hábiles entre la recepción efectiva y la respuesta o el traslado, sin los días \
         de suspensión del art. 17.",
    );
    h.push_str(
        "<h2>Tiempo de respuesta de cada solicitud (art. 52 num. 3)</h2>\n<table>\n<thead><tr>\
         <th>Radicado</th><th>Recibida</th><th>Vence</th><th>Estado</th><th>Sentido</th>\
         <th>Cierre</th><th>Días hábiles</th><th>A tiempo</th><th>Acceso negado</th>\
         <th>Trasladada a</th></tr></thead>\n<tbody>\n",
    );
    for r in &a.requests {
        writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.radicado),
            r.received_on,
            r.due_date,
            esc(&r.status_es),
            row_outcome_es(r),
            r.closed_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            r.business_days
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            yes_no(r.on_time),
            if r.access_denied { "sí" } else { "no" },
            esc(r.forwarded_to.as_deref().unwrap_or("—")),
        )
        .map_err(w)?;
    }
    h.push_str("</tbody></table>\n");
    Ok(())
}

fn groups_table(title: &str, groups: &[FollowUpGroup], h: &mut String) -> std::fmt::Result {
    writeln!(h, "<h2>{}</h2>", esc(title))?;
    h.push_str(
        "<table>\n<thead><tr><th></th><th>Recibidas</th><th>Resp. a tiempo</th>\
         <th>Resp. tarde</th><th>Abiertas</th><th>Vencidas hoy</th><th>Mediana (días háb.)</th>\
         <th>P90 (días háb.)</th><th>Suspensiones</th><th>Prórrogas</th><th>Traslados</th>\
         <th>Desist. expresos</th><th>Desist. tácitos</th><th>Calificaciones</th>\
         <th>Promedio</th><th>1·2·3·4·5</th><th>Avisados por correo</th>\
         <th>Correos fallidos</th><th>Último aviso</th></tr></thead>\n<tbody>\n",
    );
    for g in groups {
        let d = g.ratings.distribution;
        writeln!(
            h,
            "<tr><th>{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}·{}·{}·{}·{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&g.label),
            g.received,
            g.answered_on_time,
            g.answered_late,
            g.open,
            g.overdue_now,
            num(g.median_business_days),
            num(g.p90_business_days),
            g.suspensions,
            g.extensions,
            g.forwards,
            g.withdrawals_express,
            g.withdrawals_tacit,
            g.ratings.count,
            num(g.ratings.mean),
            d[0],
            d[1],
            d[2],
            d[3],
            d[4],
            g.notified,
            g.notification_failures,
            esc(&g
                .last_notified_at
                .map_or(String::new(), |t| t.format("%Y-%m-%d %H:%M").to_string())),
        )?;
    }
    h.push_str("</tbody></table>\n");
    Ok(())
}

fn follow_up_html(f: &PqrFollowUp, h: &mut String) -> Result<(), ReportError> {
    let w = |e: std::fmt::Error| ReportError::Render(e.to_string());
    groups_table("Total de la entidad", std::slice::from_ref(&f.total), h).map_err(w)?;
    let kinds: Vec<&FollowUpGroup> = f.by_kind.iter().filter(|g| g.received > 0).collect();
    let labels: Vec<String> = kinds.iter().map(|g| g.label.clone()).collect();
    let series = vec![
        (
            "a tiempo".to_owned(),
            kinds.iter().map(|g| g.answered_on_time).collect::<Vec<_>>(),
        ),
        (
            "tarde".to_owned(),
            kinds.iter().map(|g| g.answered_late).collect(),
        ),
        (
            "abiertas".to_owned(),
            kinds.iter().map(|g| g.open).collect(),
        ),
        (
            "otros cierres".to_owned(),
            kinds
                .iter()
                .map(|g| g.forwards + g.withdrawals_express + g.withdrawals_tacit)
                .collect(),
        ),
    ];
    figure(
        h,
        &charts::stacked("Recibidas por tipo y estado", &labels, &series)?,
        "Cada barra es un tipo de PQRSD; otros cierres: traslados (art. 21) y desistimientos \
         (arts. 17 y 18).",
    );
    groups_table("Por tipo", &f.by_kind, h).map_err(w)?;
    groups_table("Por canal", &f.by_channel, h).map_err(w)?;
    groups_table("Por dependencia", &f.by_dependency, h).map_err(w)?;
    let dist: Vec<(String, f64)> = f
        .total
        .ratings
        .distribution
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{}", i + 1), *n as f64))
        .collect();
    figure(
        h,
        &charts::bars("Calificaciones de satisfacción", "casos", &dist)?,
        "Distribución de las calificaciones (1 = peor, 5 = mejor) de los casos respondidos.",
    );
    Ok(())
}

fn dashboard_html(d: &Dashboard, h: &mut String) -> Result<(), ReportError> {
    let w = |e: std::fmt::Error| ReportError::Render(e.to_string());
    let labels: Vec<String> = d
        .weeks
        .iter()
        .map(|w| w.week_start.format("%m-%d").to_string())
        .collect();
    let series: Vec<(String, Vec<u64>)> = Kind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                k.spanish().to_owned(),
                d.weeks
                    .iter()
                    .map(|w| w.by_kind.get(i).map(|c| c.count).unwrap_or(0))
                    .collect::<Vec<u64>>(),
            )
        })
        .filter(|(_, counts)| counts.iter().any(|&c| c > 0))
        .collect();
    h.push_str("<h2>Volumen semanal por tipo</h2>\n");
    figure(
        h,
        &charts::stacked("Radicadas por semana", &labels, &series)?,
        "Semanas de lunes a domingo (se indica el lunes), recortadas al periodo.",
    );
    h.push_str("<h2>Cumplimiento semanal</h2>\n");
    let pct: Vec<(String, Option<f64>)> = d
        .weeks
        .iter()
        .zip(&labels)
        .map(|(w, l)| (l.clone(), w.on_time_pct))
        .collect();
    figure(
        h,
        &charts::line("Respuestas a tiempo por semana de radicación (%)", &pct)?,
        "A tiempo / (a tiempo + tarde + abiertas ya vencidas), por semana de radicación.",
    );
    h.push_str(
        "<table>\n<thead><tr><th>Semana (lunes)</th><th>Radicadas</th><th>A tiempo</th>\
         <th>Tarde</th><th>Abiertas vencidas</th><th>% a tiempo</th></tr></thead>\n<tbody>\n",
    );
    for wk in &d.weeks {
        writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            wk.week_start,
            wk.received,
            wk.answered_on_time,
            wk.answered_late,
            wk.open_overdue,
            num(wk.on_time_pct)
        )
        .map_err(w)?;
    }
    h.push_str("</tbody></table>\n<h2>Casos abiertos por días hábiles restantes</h2>\n");
    let buckets: Vec<(String, f64)> = d
        .open_by_days_left
        .iter()
        .map(|b| (b.label.clone(), b.count as f64))
        .collect();
    figure(
        h,
        &charts::bars("Abiertas por días hábiles restantes", "casos", &buckets)?,
        "Días hábiles que faltan para el vencimiento en la fecha de corte.",
    );
    h.push_str("<table><tbody>\n");
    for b in &d.open_by_days_left {
        writeln!(
            h,
            "<tr><th>{}</th><td class=\"n\">{}</td></tr>",
            esc(&b.label),
            b.count
        )
        .map_err(w)?;
    }
    h.push_str("</tbody></table>\n<h2>Casos más vencidos por dependencia</h2>\n");
    if d.overdue_by_dependency.is_empty() {
        h.push_str("<p>No hay casos vencidos en la fecha de corte.</p>\n");
    }
    for dep in &d.overdue_by_dependency {
        writeln!(
            h,
            "<h3>{} — {} vencidas</h3>\n<table>\n<thead><tr><th>Radicado</th><th>Tipo</th>\
             <th>Vencía</th><th>Días hábiles de atraso</th></tr></thead>\n<tbody>",
            esc(&dep.dependency),
            dep.overdue
        )
        .map_err(w)?;
        for c in &dep.top {
            let kind = Kind::parse(&c.kind).map(Kind::spanish).unwrap_or("—");
            writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&c.radicado),
                esc(kind),
                c.due_date,
                c.business_days_overdue
            )
            .map_err(w)?;
        }
        h.push_str("</tbody></table>\n");
    }
    Ok(())
}

/// The kind of a value of the tidy table, for a spreadsheet cell.
enum CellValue<'a> {
    Number(f64),
    Date(u16, u8, u8),
    Text(&'a str),
    Empty,
}

/// What the value `v` of a row is: integers and decimal figures are numbers, `YYYY-MM-DD` a
/// date, the rest (radicados, versions, instants, names) text.
fn cell_value(v: &str, decimal: bool) -> CellValue<'_> {
    use chrono::Datelike;
    if v.is_empty() {
        return CellValue::Empty;
    }
    let integer = v.len() <= 15
        && v.strip_prefix('-')
            .unwrap_or(v)
            .bytes()
            .all(|b| b.is_ascii_digit());
    if decimal || integer {
        if let Ok(x) = v.parse::<f64>() {
            return CellValue::Number(x);
        }
    }
    if v.len() == 10 {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            if let (Ok(y), Ok(m), Ok(day)) = (
                u16::try_from(d.year()),
                u8::try_from(d.month()),
                u8::try_from(d.day()),
            ) {
                return CellValue::Date(y, m, day);
            }
        }
    }
    CellValue::Text(v)
}

/// The report as an Excel workbook: one sheet, the tidy table of the CSV with typed cells —
/// counts and decimal figures as numbers, dates as Excel dates (shown `yyyy-mm-dd`), the rest
/// as text — and the header row frozen. Deterministic: the document's creation time is the
/// report's `as_of` (1980-01-01 for the empty log) and the zip entries carry a fixed time.
pub(crate) fn xlsx(report: &Report) -> Result<Vec<u8>, ReportError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ReportError::Render(e.to_string());
    let mut rows = Vec::new();
    tidy_rows(report, &mut |r, decimal| rows.push((r, decimal)));
    let mut book = Workbook::new();
    let created = match report.manifest.as_of_local_date {
        Some(d) => {
            use chrono::Datelike;
            ExcelDateTime::from_ymd(
                u16::try_from(d.year()).unwrap_or(1980),
                u8::try_from(d.month()).unwrap_or(1),
                u8::try_from(d.day()).unwrap_or(1),
            )
        }
        None => ExcelDateTime::from_ymd(1980, 1, 1),
    }
    .map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&report.manifest.title)
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name("informe").map_err(err)?;
    for (col, name) in CSV_HEADER.iter().enumerate() {
        let col = u16::try_from(col).map_err(|e| ReportError::Render(e.to_string()))?;
        sheet
            .write_string_with_format(0, col, *name, &bold)
            .map_err(err)?;
    }
    for (i, (cells, decimal)) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|e| ReportError::Render(e.to_string()))?;
        for (col, text) in cells.iter().enumerate().take(4) {
            let col = u16::try_from(col).map_err(|e| ReportError::Render(e.to_string()))?;
            if !text.is_empty() {
                sheet.write_string(row, col, text).map_err(err)?;
            }
        }
        match cell_value(&cells[4], *decimal) {
            CellValue::Number(x) => {
                sheet.write_number(row, 4, x).map_err(err)?;
            }
            CellValue::Date(y, m, d) => {
                let when = ExcelDateTime::from_ymd(y, m, d).map_err(err)?;
                sheet
                    .write_datetime_with_format(row, 4, &when, &date)
                    .map_err(err)?;
            }
            CellValue::Text(t) => {
                sheet.write_string(row, 4, t).map_err(err)?;
            }
            CellValue::Empty => {}
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    for (col, width) in [(0u16, 16.0), (1, 14.0), (2, 30.0), (3, 26.0), (4, 22.0)] {
        sheet.set_column_width(col, width).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}
