//! A report to run, parsed and checked once for both the HTTP query string and the CLI.

use super::{Format, Period, ReportKind};
use chrono::NaiveDate;

/// A report to run, parsed from the CLI or the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRequest {
    /// Which report.
    pub kind: ReportKind,
    /// The period, on the local receipt date.
    pub period: Period,
    /// The output format.
    pub format: Format,
    /// The log position (default: the head).
    pub at_position: Option<i64>,
}

/// Why a report request is refused before it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// No report has this name (404 over HTTP).
    UnknownReport(String),
    /// Invalid parameters: every one, with what is wrong (422 over HTTP).
    Fields(Vec<(String, String)>),
}

impl ReportRequest {
    /// Parses and checks every parameter, reporting all invalid ones at once.
    pub fn parse(
        name: &str,
        from: Option<&str>,
        to: Option<&str>,
        format: Option<&str>,
        at_position: Option<&str>,
    ) -> Result<ReportRequest, RequestError> {
        let kind =
            ReportKind::parse(name).map_err(|_| RequestError::UnknownReport(name.to_owned()))?;
        let mut errors = Vec::new();
        let mut date = |field: &str, v: Option<&str>| match v {
            None => {
                errors.push((field.to_owned(), "is required (YYYY-MM-DD)".to_owned()));
                None
            }
            Some(s) => match s.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push((
                        field.to_owned(),
                        format!("`{s}` is not a date (YYYY-MM-DD)"),
                    ));
                    None
                }
            },
        };
        let from = date("from", from);
        let to = date("to", to);
        let format = match Format::parse(format.unwrap_or("json")) {
            Ok(f) => Some(f),
            Err(e) => {
                errors.push(("format".to_owned(), e.to_string()));
                None
            }
        };
        let at_position = match at_position.map(str::parse::<i64>) {
            None => None,
            Some(Ok(p)) if p >= 0 => Some(p),
            Some(_) => {
                errors.push((
                    "at_position".to_owned(),
                    "must be a log position (0 or more)".to_owned(),
                ));
                None
            }
        };
        let period = match (from, to) {
            (Some(f), Some(t)) => match Period::new(f, t) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(("to".to_owned(), e.to_string()));
                    None
                }
            },
            _ => None,
        };
        match (period, format) {
            (Some(period), Some(format)) if errors.is_empty() => Ok(ReportRequest {
                kind,
                period,
                format,
                at_position,
            }),
            _ => Err(RequestError::Fields(errors)),
        }
    }

    /// The file name a download suggests, e.g. `pqr-follow-up_2026-07-01_2026-12-31_p1234.html`.
    pub fn file_name(&self, position: i64) -> String {
        format!(
            "{}_{}_{}_p{position}.{}",
            self.kind.as_str(),
            self.period.from,
            self.period.to,
            self.format.extension()
        )
    }
}
