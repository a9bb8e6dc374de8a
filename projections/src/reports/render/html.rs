//! The HTML form of a report, on askama (the portal's engine, issue 13): compile-time-checked
//! templates in `projections/templates/reports/`, every value escaped unless it is one of
//! the SVG charts drawn here (`|safe`). The labels come from the language's table
//! ([`super::labels`]); the figures do not change with the language.

use super::super::access::row_outcome_es;
use super::super::facts::NO_DEPENDENCY;
use super::super::{
    AccessToInformation, Bucket, Dashboard, FollowUpGroup, Manifest, PqrFollowUp, Report,
    ReportData, ReportError, ReportKind,
};
use super::charts;
use super::labels::{Labels, Lang};
use askama::Template;
use pqrs_domain::pqr::{Outcome, Status};
use pqrs_domain::Kind;

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

/// Renders a template, with the line end askama drops from the end of every template file.
fn render<T: Template>(t: &T) -> Result<String, ReportError> {
    let mut out = t.render().map_err(|e| ReportError::Render(e.to_string()))?;
    out.push('\n');
    Ok(out)
}

#[derive(Template)]
#[template(path = "reports/page.html")]
struct Page<'a> {
    l: &'a Labels,
    lang: &'a str,
    title: &'a str,
    basis: &'a str,
    from: String,
    to: String,
    position: i64,
    as_of: Option<(String, String)>,
    css: &'a str,
    body: String,
    manifest: Vec<(&'a str, String)>,
    sha: &'a str,
}

#[derive(Template)]
#[template(path = "reports/figure.html")]
struct Figure<'a> {
    svg: &'a str,
    caption: &'a str,
}

fn figure(svg: &str, caption: &str) -> Result<String, ReportError> {
    render(&Figure { svg, caption })
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

fn dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

/// The report as one self-contained HTML page in `lang`: tables, inline SVG charts and a
/// print style sheet. No external resources.
pub(crate) fn html(report: &Report, lang: Lang) -> Result<String, ReportError> {
    let l = lang.labels();
    let m = &report.manifest;
    let body = match &report.data {
        ReportData::AccessToInformation(a) => access(a, lang)?,
        ReportData::PqrFollowUp(f) => follow_up(f, lang)?,
        ReportData::Dashboard(d) => dashboard(d, lang)?,
    };
    render(&Page {
        l,
        lang: lang.code(),
        title: ReportKind::parse(&m.report).map_or(m.title.as_str(), |k| l.title(k)),
        basis: &m.legal_basis,
        from: m.period.from.to_string(),
        to: m.period.to.to_string(),
        position: m.position,
        as_of: match (&m.as_of, &m.as_of_local_date) {
            (Some(t), Some(d)) => Some((d.to_string(), bogota_time(t))),
            _ => None,
        },
        css: CSS,
        body,
        manifest: manifest_rows(m, l),
        sha: &m.content_sha256,
    })
}

fn manifest_rows<'a>(m: &Manifest, l: &'a Labels) -> Vec<(&'a str, String)> {
    vec![
        (
            l.m_report,
            format!("{} ({} {})", m.report, l.m_version, m.report_version),
        ),
        (
            l.m_period,
            format!("{} {} {}", m.period.from, l.to, m.period.to),
        ),
        (l.m_position, m.position.to_string()),
        (
            l.m_as_of_local,
            m.as_of.as_deref().map(bogota_time).unwrap_or_default(),
        ),
        (l.m_as_of_utc, m.as_of.clone().unwrap_or_default()),
        (l.m_calendar, m.calendar_version.clone()),
        (l.m_filing_calendars, m.filing_calendar_versions.join(", ")),
        (
            l.m_policies,
            m.policies
                .iter()
                .map(|p| format!("{} {}", p.id, p.version))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (l.m_sha, m.content_sha256.clone()),
    ]
}

struct AccessRowView {
    radicado: String,
    received: String,
    due: String,
    status: String,
    outcome: String,
    closed: String,
    days: String,
    on_time: &'static str,
    denied: &'static str,
    forwarded_to: String,
}

#[derive(Template)]
#[template(path = "reports/access.html")]
struct AccessPage<'a> {
    l: &'a Labels,
    summary: Vec<(&'a str, String)>,
    chart: String,
    rows: Vec<AccessRowView>,
}

fn access(a: &AccessToInformation, lang: Lang) -> Result<String, ReportError> {
    let l = lang.labels();
    let s = &a.summary;
    let figures = [
        s.received.to_string(),
        s.forwarded.to_string(),
        s.forwarded_art_21.to_string(),
        s.forwarded_late.to_string(),
        lang.num(s.median_business_days),
        lang.num(s.p90_business_days),
        s.access_denied.to_string(),
        s.denied_fully.to_string(),
        s.denied_partially.to_string(),
        s.answered_on_time.to_string(),
        s.answered_late.to_string(),
        s.withdrawn.to_string(),
        s.open.to_string(),
        s.overdue_now.to_string(),
        s.positive_silence.to_string(),
        s.voided.to_string(),
    ];
    let bars: Vec<(String, f64)> = a
        .requests
        .iter()
        .filter_map(|r| r.business_days.map(|d| (r.radicado.clone(), f64::from(d))))
        .collect();
    let yes_no = |v: bool| if v { l.yes } else { l.no };
    let rows = a
        .requests
        .iter()
        .map(|r| AccessRowView {
            radicado: r.radicado.clone(),
            received: r.received_on.to_string(),
            due: r.due_date.to_string(),
            status: match lang {
                Lang::Es => r.status_es.clone(),
                Lang::En => r
                    .status
                    .parse::<Status>()
                    .map_or_else(|_| r.status.clone(), |st| Lang::status_en(st).to_owned()),
            },
            outcome: match lang {
                Lang::Es => row_outcome_es(r).to_owned(),
                Lang::En => dash(
                    r.outcome
                        .as_deref()
                        .and_then(Outcome::parse)
                        .map(Lang::outcome_en),
                ),
            },
            closed: dash(r.closed_on),
            days: dash(r.business_days),
            on_time: r.on_time.map_or("—", yes_no),
            denied: yes_no(r.access_denied),
            forwarded_to: dash(r.forwarded_to.as_deref()),
        })
        .collect();
    render(&AccessPage {
        l,
        summary: l.a_rows.iter().copied().zip(figures).collect(),
        chart: figure(
            &charts::bars(l.a_chart, l.business_days, &bars)?,
            l.a_chart_caption,
        )?,
        rows,
    })
}

struct GroupView {
    label: String,
    figures: Vec<String>,
    last: String,
}

#[derive(Template)]
#[template(path = "reports/groups.html")]
struct GroupsTable<'a> {
    l: &'a Labels,
    title: &'a str,
    groups: Vec<GroupView>,
}

/// The label of a follow-up group in `lang`: the data carries the Spanish one; kinds, channels
/// and the total have an English name, dependencies keep theirs (they are the entity's names).
fn group_label(g: &FollowUpGroup, lang: Lang) -> String {
    match lang {
        Lang::Es => g.label.clone(),
        Lang::En if g.key == "total" => lang.labels().f_total.to_owned(),
        Lang::En if g.key.is_empty() => "(no dependency)".to_owned(),
        Lang::En => match Kind::parse(&g.key) {
            Ok(k) => lang.kind(k).to_owned(),
            Err(_) => Lang::channel_en(&g.key).map_or_else(|| g.label.clone(), str::to_owned),
        },
    }
}

/// The label of a bucket of open cases in `lang` (the data carries the Spanish one).
fn bucket_label(b: &Bucket, lang: Lang) -> String {
    match lang {
        Lang::Es => b.label.clone(),
        Lang::En => Lang::bucket_en(&b.key).map_or_else(|| b.label.clone(), str::to_owned),
    }
}

fn groups_table(title: &str, groups: &[FollowUpGroup], lang: Lang) -> Result<String, ReportError> {
    let groups = groups
        .iter()
        .map(|g| {
            let d = g.ratings.distribution;
            GroupView {
                label: group_label(g, lang),
                figures: vec![
                    g.received.to_string(),
                    g.answered_on_time.to_string(),
                    g.answered_late.to_string(),
                    g.open.to_string(),
                    g.overdue_now.to_string(),
                    lang.num(g.median_business_days),
                    lang.num(g.p90_business_days),
                    g.suspensions.to_string(),
                    g.extensions.to_string(),
                    g.forwards.to_string(),
                    g.withdrawals_express.to_string(),
                    g.withdrawals_tacit.to_string(),
                    g.ratings.count.to_string(),
                    lang.num(g.ratings.mean),
                    format!("{}·{}·{}·{}·{}", d[0], d[1], d[2], d[3], d[4]),
                    g.notified.to_string(),
                    g.notification_failures.to_string(),
                ],
                last: g
                    .last_notified_at
                    .map_or(String::new(), |t| t.format("%Y-%m-%d %H:%M").to_string()),
            }
        })
        .collect();
    render(&GroupsTable {
        l: lang.labels(),
        title,
        groups,
    })
}

fn follow_up(f: &PqrFollowUp, lang: Lang) -> Result<String, ReportError> {
    let l = lang.labels();
    let mut h = groups_table(l.f_total, std::slice::from_ref(&f.total), lang)?;
    let kinds: Vec<&FollowUpGroup> = f.by_kind.iter().filter(|g| g.received > 0).collect();
    let labels: Vec<String> = kinds.iter().map(|g| group_label(g, lang)).collect();
    let [on_time, late, open, other] = l.f_series;
    let series = vec![
        (
            on_time.to_owned(),
            kinds.iter().map(|g| g.answered_on_time).collect::<Vec<_>>(),
        ),
        (
            late.to_owned(),
            kinds.iter().map(|g| g.answered_late).collect(),
        ),
        (open.to_owned(), kinds.iter().map(|g| g.open).collect()),
        (
            other.to_owned(),
            kinds
                .iter()
                .map(|g| g.forwards + g.withdrawals_express + g.withdrawals_tacit)
                .collect(),
        ),
    ];
    h += &figure(
        &charts::stacked(l.f_chart, l.cases, &labels, &series)?,
        l.f_chart_caption,
    )?;
    h += &groups_table(l.f_by_kind, &f.by_kind, lang)?;
    h += &groups_table(l.f_by_channel, &f.by_channel, lang)?;
    h += &groups_table(l.f_by_dependency, &f.by_dependency, lang)?;
    let dist: Vec<(String, f64)> = f
        .total
        .ratings
        .distribution
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{}", i + 1), *n as f64))
        .collect();
    h += &figure(
        &charts::bars(l.f_ratings, l.cases, &dist)?,
        l.f_ratings_caption,
    )?;
    Ok(h)
}

struct DependencyView {
    dependency: String,
    overdue: u64,
    cases: Vec<(String, &'static str, String, i64)>,
}

#[derive(Template)]
#[template(path = "reports/dashboard.html")]
struct DashboardPage<'a> {
    l: &'a Labels,
    weekly: String,
    on_time: String,
    weeks: Vec<(String, Vec<String>)>,
    open_chart: String,
    buckets: Vec<(String, u64)>,
    deps: Vec<DependencyView>,
}

fn dashboard(d: &Dashboard, lang: Lang) -> Result<String, ReportError> {
    let l = lang.labels();
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
                lang.kind(*k).to_owned(),
                d.weeks
                    .iter()
                    .map(|w| w.by_kind.get(i).map(|c| c.count).unwrap_or(0))
                    .collect::<Vec<u64>>(),
            )
        })
        .filter(|(_, counts)| counts.iter().any(|&c| c > 0))
        .collect();
    let pct: Vec<(String, Option<f64>)> = d
        .weeks
        .iter()
        .zip(&labels)
        .map(|(w, l)| (l.clone(), w.on_time_pct))
        .collect();
    let buckets: Vec<(String, f64)> = d
        .open_by_days_left
        .iter()
        .map(|b| (bucket_label(b, lang), b.count as f64))
        .collect();
    // Its last loop ends the text with its own line end.
    DashboardPage {
        l,
        weekly: figure(
            &charts::stacked(l.d_weekly_chart, l.cases, &labels, &series)?,
            l.d_weekly_caption,
        )?,
        on_time: figure(
            &charts::line(l.d_on_time_chart, l.d_on_time_axis, &pct)?,
            l.d_on_time_caption,
        )?,
        weeks: d
            .weeks
            .iter()
            .map(|w| {
                (
                    w.week_start.to_string(),
                    vec![
                        w.received.to_string(),
                        w.answered_on_time.to_string(),
                        w.answered_late.to_string(),
                        w.open_overdue.to_string(),
                        lang.num(w.on_time_pct),
                    ],
                )
            })
            .collect(),
        open_chart: figure(
            &charts::bars(l.d_open_chart, l.cases, &buckets)?,
            l.d_open_caption,
        )?,
        buckets: d
            .open_by_days_left
            .iter()
            .map(|b| (bucket_label(b, lang), b.count))
            .collect(),
        deps: d
            .overdue_by_dependency
            .iter()
            .map(|dep| DependencyView {
                dependency: if lang == Lang::En && dep.dependency == NO_DEPENDENCY {
                    "(no dependency)".to_owned()
                } else {
                    dep.dependency.clone()
                },
                overdue: dep.overdue,
                cases: dep
                    .top
                    .iter()
                    .map(|c| {
                        (
                            c.radicado.clone(),
                            Kind::parse(&c.kind).map_or("—", |k| lang.kind(k)),
                            c.due_date.to_string(),
                            c.business_days_overdue,
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
    .render()
    .map_err(|e| ReportError::Render(e.to_string()))
}
