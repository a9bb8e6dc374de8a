//! The CSV, XLSX and HTML forms of a report. All are deterministic functions of the report
//! and the language of its labels: no clock, no randomness, fixed orders.

mod charts;
mod html;
mod labels;
mod tidy;
mod xlsx;

pub(crate) use html::html;
pub use labels::Lang;
pub(crate) use xlsx::xlsx;

use super::{Report, ReportError};
use tidy::tidy_rows;

/// The CSV header of every report: one figure per row ("tidy" form, so a spreadsheet can
/// filter and pivot it). Keys, not labels: the same in every language.
pub const CSV_HEADER: [&str; 5] = ["section", "dimension", "group", "metric", "value"];

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
