//! Statutory and management reports as pure functions of the event log (issue 7;
//! docs/reports.md).
//!
//! - [`ReportKind::AccessToInformation`]: the information-request report of Ley 1712 de 2014
//!   art. 11 lit. h and Decreto 103 de 2015 art. 52 (compiled in Decreto 1081 de 2015, art.
//!   2.1.1.6.2).
//! - [`ReportKind::PqrFollowUp`]: the semiannual PQR follow-up report of the control office
//!   (Ley 1474 de 2011 art. 76).
//! - [`ReportKind::Dashboard`]: the management dashboard (no statute: the entity's own
//!   steering).
//!
//! A report is computed **as of a log position**: [`Snapshot`] folds the events up to that
//! position (cases with the aggregate's own `apply`, closure days with the entity calendar's),
//! "now" for "overdue now" is the `recorded_at` of the event at that position (never the wall
//! clock), and the calendar is an argument. The same position therefore always gives the same
//! figures, and [`Report::render`] gives the same bytes. Periods select cases by the **local
//! (Bogotá) date of receipt**, both ends inclusive.
//!
//! Nothing here does I/O: the infrastructure reads the events and hands them over.

mod access;
mod dashboard;
mod facts;
mod follow_up;
mod log;
mod render;
mod request;
pub mod stats;

pub use access::{AccessRow, AccessSummary, AccessToInformation};
pub use dashboard::{Bucket, Dashboard, DependencyOverdue, KindCount, OverdueCase, Week};
pub use facts::{ReportAnswer, ReportCase, ReportCompletion};
pub use follow_up::{FollowUpGroup, PqrFollowUp, Ratings};
pub use log::{entity_calendar, parse_as_of, CaseByCase, Snapshot, IGNORED_EVENT_TYPES};
pub use render::Lang;
pub use request::{ReportRequest, RequestError};

use crate::cases::FoldError;
use chrono::{DateTime, FixedOffset, NaiveDate};
use facts::Facts;
use pqrs_domain::calendar::{FIRST_DATE, LAST_DATE};
use pqrs_domain::{Calendar, CalendarError, Pqr};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Why a report cannot be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No report has that name.
    #[error(
        "unknown report `{0}`: known reports are access-to-information, pqr-follow-up, dashboard"
    )]
    UnknownReport(String),
    /// No output format has that name.
    #[error("unknown format `{0}`: use json, csv, csv-es, xlsx or html")]
    UnknownFormat(String),
    /// The period is not a valid range of dates.
    #[error("invalid period: {0}")]
    InvalidPeriod(String),
    /// The position asked for is not in the log.
    #[error("position {position} is not in the log (its head is {head})")]
    PositionNotInLog {
        /// The position asked for.
        position: i64,
        /// The head of the log.
        head: i64,
    },
    /// An event cannot be read.
    #[error(transparent)]
    Unreadable(#[from] FoldError),
    /// A stored instant cannot be read.
    #[error("event at position {position} has an unreadable recorded_at `{value}`")]
    BadInstant {
        /// Its position.
        position: i64,
        /// The text.
        value: String,
    },
    /// A date is outside the supported calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// Writing the output failed.
    #[error("cannot render the report: {0}")]
    Render(String),
}

/// The reports pqrs produces. The API and CLI name is [`ReportKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// Information requests: received, forwarded, response time of each, access denied (Ley
    /// 1712 de 2014 art. 11 lit. h; Decreto 103 de 2015 art. 52).
    AccessToInformation,
    /// The semiannual PQR follow-up report (Ley 1474 de 2011 art. 76).
    PqrFollowUp,
    /// The management dashboard.
    Dashboard,
}

impl ReportKind {
    /// Every report.
    pub const ALL: [ReportKind; 3] = [
        ReportKind::AccessToInformation,
        ReportKind::PqrFollowUp,
        ReportKind::Dashboard,
    ];

    /// The name in the CLI and the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::AccessToInformation => "access-to-information",
            ReportKind::PqrFollowUp => "pqr-follow-up",
            ReportKind::Dashboard => "dashboard",
        }
    }

    /// Parses the name.
    pub fn parse(s: &str) -> Result<ReportKind, ReportError> {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ReportError::UnknownReport(s.to_owned()))
    }

    /// The version of the report's definition: bumped whenever a figure changes meaning, so
    /// a manifest says which definition produced it.
    pub fn version(self) -> &'static str {
        "1"
    }

    /// The title, in Spanish (the manifest's; the HTML page and the workbook use the
    /// title of the request's language).
    pub fn title(self) -> &'static str {
        Lang::Es.labels().title(self)
    }

    /// The title in `lang` (the HTML page's and the workbook's).
    pub fn title_in(self, lang: Lang) -> &'static str {
        lang.labels().title(self)
    }

    /// The legal basis, in Spanish.
    pub fn legal_basis(self) -> &'static str {
        match self {
            ReportKind::AccessToInformation => {
                "Ley 1712 de 2014 art. 11 lit. h; Decreto 103 de 2015 art. 52 (Decreto 1081 de 2015 art. 2.1.1.6.2)"
            }
            ReportKind::PqrFollowUp => "Ley 1474 de 2011 art. 76; Ley 1755 de 2015",
            ReportKind::Dashboard => "Gestión interna (sin informe legal asociado)",
        }
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `{"manifest": …, "data": …}`, pretty-printed.
    Json,
    /// RFC 4180, UTF-8 with a byte order mark, with header
    /// `section,dimension,group,metric,value`.
    Csv,
    /// The same table for a spreadsheet set up for Colombia (es-CO): `;` between fields, a
    /// decimal comma, UTF-8 with a byte order mark (`csv-es`).
    CsvEs,
    /// An Excel workbook (`xlsx`): the tidy table with typed cells (numbers, dates).
    Xlsx,
    /// One self-contained HTML page in Spanish with inline SVG charts.
    Html,
}

impl Format {
    /// Parses `json`, `csv`, `csv-es`, `xlsx` or `html`.
    pub fn parse(s: &str) -> Result<Format, ReportError> {
        match s {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "csv-es" => Ok(Format::CsvEs),
            "xlsx" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            _ => Err(ReportError::UnknownFormat(s.to_owned())),
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv | Format::CsvEs => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv | Format::CsvEs => "text/csv; charset=utf-8; header=present",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// The period of a report: cases whose local (Bogotá) receipt date is in `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
}

impl Period {
    /// A period; refused when `from` is after `to` or outside the supported calendar.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, ReportError> {
        if from > to {
            return Err(ReportError::InvalidPeriod(format!(
                "`from` ({from}) is after `to` ({to})"
            )));
        }
        if from < FIRST_DATE || to > LAST_DATE {
            return Err(ReportError::InvalidPeriod(format!(
                "dates must be between {FIRST_DATE} and {LAST_DATE}"
            )));
        }
        Ok(Period { from, to })
    }

    /// Whether `date` is in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }
}

/// A policy version used by the cases of a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PolicyUsed {
    /// e.g. `ley-1755-2015`.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// What a report was computed from, so anyone can recompute it and check the figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    /// The report's name (`pqr-follow-up`, …).
    pub report: String,
    /// The version of its definition.
    pub report_version: String,
    /// Its title (Spanish).
    pub title: String,
    /// Its legal basis.
    pub legal_basis: String,
    /// The period, on the local receipt date.
    pub period: Period,
    /// The log position it was computed at.
    pub position: i64,
    /// The "now" of "overdue now": the `recorded_at` of the event at `position` (RFC 3339,
    /// UTC). `None` for the empty log.
    pub as_of: Option<String>,
    /// The Bogotá date of `as_of`.
    pub as_of_local_date: Option<NaiveDate>,
    /// The version (hash) of the calendar used for business days: national holidays plus
    /// the closure days declared up to `position`.
    pub calendar_version: String,
    /// The calendar versions recorded on the filings of the cases in the report.
    pub filing_calendar_versions: Vec<String>,
    /// The policies (terms by kind) in force on the cases of the report.
    pub policies: Vec<PolicyUsed>,
    /// SHA-256 (hex) of the canonical JSON of `data`: keys sorted, no whitespace
    /// ([`canonical_json`]). The same in every format.
    pub content_sha256: String,
}

/// The figures of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ReportData {
    /// Ley 1712 de 2014; Decreto 103 de 2015 art. 52.
    AccessToInformation(AccessToInformation),
    /// Ley 1474 de 2011 art. 76.
    PqrFollowUp(PqrFollowUp),
    /// Management.
    Dashboard(Dashboard),
}

/// A computed report: its manifest and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// What it was computed from.
    pub manifest: Manifest,
    /// The figures.
    pub data: ReportData,
}

/// Computes `kind` for `period` from `snapshot`, counting business days with `calendar`
/// (normally [`Snapshot::calendar`]). The in-memory path: every case of the log is held in
/// the snapshot. The infrastructure streams cases one at a time into a [`ReportBuilder`]
/// instead; both give the same bytes.
pub fn compute(
    kind: ReportKind,
    snapshot: &Snapshot,
    calendar: &Calendar,
    period: Period,
) -> Result<Report, ReportError> {
    let mut builder = ReportBuilder::new(kind, period, calendar, snapshot.as_of())?;
    for pqr in snapshot.cases() {
        builder.add(pqr)?;
    }
    builder.finish(snapshot.position())
}

/// The running totals of one report.
#[derive(Debug, Clone)]
enum Tally {
    AccessToInformation(access::AccessTally),
    PqrFollowUp(follow_up::FollowUpTally),
    Dashboard(dashboard::DashboardTally),
}

/// A report computed one case at a time, in any order of cases: [`ReportBuilder::add`] each
/// case as it stands at the position, then [`ReportBuilder::finish`]. Memory grows with the
/// size of the report (dependencies, weeks, distinct response times, and the rows the
/// access-to-information report lists one by one), not with the number of cases, so a
/// reader can stream a log of millions of cases through it.
#[derive(Debug, Clone)]
pub struct ReportBuilder<'a> {
    kind: ReportKind,
    period: Period,
    calendar: &'a Calendar,
    as_of: Option<DateTime<FixedOffset>>,
    tally: Tally,
    filing_calendars: BTreeSet<String>,
    policies: BTreeSet<PolicyUsed>,
}

impl<'a> ReportBuilder<'a> {
    /// A report of `kind` for `period`, counting business days with `calendar` (the one in
    /// force at the position) and measuring "overdue now" at `as_of` (the `recorded_at` of
    /// the event at the position; `None` for the empty log).
    pub fn new(
        kind: ReportKind,
        period: Period,
        calendar: &'a Calendar,
        as_of: Option<DateTime<FixedOffset>>,
    ) -> Result<ReportBuilder<'a>, ReportError> {
        let tally = match kind {
            ReportKind::AccessToInformation => {
                Tally::AccessToInformation(access::AccessTally::new())
            }
            ReportKind::PqrFollowUp => Tally::PqrFollowUp(follow_up::FollowUpTally::new()),
            ReportKind::Dashboard => Tally::Dashboard(dashboard::DashboardTally::new(period)?),
        };
        Ok(ReportBuilder {
            kind,
            period,
            calendar,
            as_of,
            tally,
            filing_calendars: BTreeSet::new(),
            policies: BTreeSet::new(),
        })
    }

    /// Counts one case as it stands at the position (cases never filed are skipped, and so
    /// are those received outside the period or, for the access-to-information report, of
    /// another kind).
    pub fn add(&mut self, pqr: &Pqr) -> Result<(), ReportError> {
        match pqr.case() {
            Some(case) => self.add_case(&ReportCase::of(case)),
            None => Ok(()),
        }
    }

    /// Counts one case given as the reports read it ([`ReportCase`], e.g. from the case view),
    /// as [`ReportBuilder::add`] does.
    pub fn add_case(&mut self, case: &ReportCase) -> Result<(), ReportError> {
        let f = Facts::of(case, self.calendar, self.as_of.as_ref())?;
        if !self.period.contains(f.received_on) {
            return Ok(());
        }
        if self.kind == ReportKind::AccessToInformation
            && f.kind != pqrs_domain::Kind::InformationRequest
        {
            return Ok(());
        }
        if !self.filing_calendars.contains(&case.calendar_version) {
            self.filing_calendars.insert(case.calendar_version.clone());
        }
        let policy = PolicyUsed {
            id: case.policy_id.clone(),
            version: case.policy_version.clone(),
        };
        if !self.policies.contains(&policy) {
            self.policies.insert(policy);
        }
        match &mut self.tally {
            Tally::AccessToInformation(t) => t.add(&f),
            Tally::PqrFollowUp(t) => t.add(&f),
            Tally::Dashboard(t) => t.add(&f),
        }
        Ok(())
    }

    /// The report as of log position `position` (the one `as_of` was read at).
    pub fn finish(self, position: i64) -> Result<Report, ReportError> {
        let kind = self.kind;
        let as_of = self.as_of;
        let data = match self.tally {
            Tally::AccessToInformation(t) => ReportData::AccessToInformation(t.finish()),
            Tally::PqrFollowUp(t) => ReportData::PqrFollowUp(t.finish()),
            Tally::Dashboard(t) => ReportData::Dashboard(t.finish()),
        };
        let content_sha256 = content_sha256(&data)?;
        Ok(Report {
            manifest: Manifest {
                report: kind.as_str().to_owned(),
                report_version: kind.version().to_owned(),
                title: kind.title().to_owned(),
                legal_basis: kind.legal_basis().to_owned(),
                period: self.period,
                position,
                as_of: as_of.map(|t| {
                    t.with_timezone(&chrono::Utc)
                        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                }),
                as_of_local_date: as_of.map(|t| pqrs_domain::deadline::local_date(&t)),
                calendar_version: self.calendar.version().to_owned(),
                filing_calendar_versions: self.filing_calendars.into_iter().collect(),
                policies: self.policies.into_iter().collect(),
                content_sha256,
            },
            data,
        })
    }
}

/// SHA-256 (hex) of the canonical JSON of `data` ([`canonical_json`]). The rows of the
/// access-to-information report are hashed one at a time (`{"requests":[…],"summary":…}`,
/// keys sorted), so no JSON tree of every row is built: the same text, hence the same hash,
/// without a second copy of the rows in memory (issue 11, item 20).
fn content_sha256(data: &ReportData) -> Result<String, ReportError> {
    let render = |e: serde_json::Error| ReportError::Render(e.to_string());
    let mut hasher = Sha256::new();
    match data {
        ReportData::AccessToInformation(a) => {
            hasher.update(b"{\"requests\":[");
            for (i, row) in a.requests.iter().enumerate() {
                if i > 0 {
                    hasher.update(b",");
                }
                let value = serde_json::to_value(row).map_err(render)?;
                hasher.update(canonical_json(&value).as_bytes());
            }
            hasher.update(b"],\"summary\":");
            let value = serde_json::to_value(&a.summary).map_err(render)?;
            hasher.update(canonical_json(&value).as_bytes());
            hasher.update(b"}");
        }
        other => {
            let value = serde_json::to_value(other).map_err(render)?;
            hasher.update(canonical_json(&value).as_bytes());
        }
    }
    Ok(hex::encode(hasher.finalize()))
}

impl Report {
    /// The report in `format`. Deterministic: the same report gives the same bytes.
    pub fn render(&self, format: Format) -> Result<Vec<u8>, ReportError> {
        self.render_in(format, Lang::Es)
    }

    /// The report in `format` with its human labels in `lang` (the figures, keys and
    /// values are the same in every language).
    pub fn render_in(&self, format: Format, lang: Lang) -> Result<Vec<u8>, ReportError> {
        let mut out = Vec::new();
        self.render_to(format, lang, &mut out)?;
        Ok(out)
    }

    /// Writes the report in `format`, labels in `lang`, to `out`: the bytes of
    /// [`Report::render_in`]. JSON and CSV
    /// are written as they are produced, row by row, so no second copy of the report is
    /// held (issue 11, item 20); HTML and xlsx are built whole, then written. `out` is
    /// not buffered here: wrap a file or socket in a `BufWriter`.
    pub fn render_to(
        &self,
        format: Format,
        lang: Lang,
        out: &mut dyn std::io::Write,
    ) -> Result<(), ReportError> {
        let io = |e: std::io::Error| ReportError::Render(e.to_string());
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, self)
                    .map_err(|e| ReportError::Render(e.to_string()))?;
                out.write_all(b"\n").map_err(io)
            }
            Format::Csv => render::csv(self, render::CsvDialect::Rfc4180, out),
            Format::CsvEs => render::csv(self, render::CsvDialect::EsCo, out),
            Format::Xlsx => out.write_all(&render::xlsx(self, lang)?).map_err(io),
            Format::Html => out
                .write_all(render::html(self, lang)?.as_bytes())
                .map_err(io),
        }
    }
}

/// The canonical JSON text of a value: object keys sorted (by their UTF-8 bytes), no
/// whitespace, serde_json's number and string forms (Python's `json.dumps(v, sort_keys=True,
/// separators=(",", ":"), ensure_ascii=False)` prints the same text). What `content_sha256`
/// hashes.
pub fn canonical_json(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        Value::String(k.clone()),
                        canonical_json(&map[k.as_str()])
                    )
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
