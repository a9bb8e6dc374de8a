//! The Excel form of a report: the tidy table with typed cells.

use super::super::{Report, ReportError, ReportKind};
use super::labels::Lang;
use super::tidy::tidy_rows;
use super::CSV_HEADER;

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
pub(crate) fn xlsx(report: &Report, lang: Lang) -> Result<Vec<u8>, ReportError> {
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
            .set_title(
                ReportKind::parse(&report.manifest.report)
                    .map_or(report.manifest.title.as_str(), |k| lang.labels().title(k)),
            )
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(lang.labels().sheet).map_err(err)?;
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
