//! `pqrs report NAME --from DATE --to DATE --format json|csv|csv-es|xlsx|html [--out FILE]
//! [--at-position N] [--from-log]` (issue 7; docs/reports.md).
//!
//! Cron-friendly: the exit code is non-zero on any failure, and with `--out` the report is
//! written to a temporary file in the same directory, flushed to disk and renamed over FILE,
//! so FILE is either the whole new report or untouched. A progress bar is drawn on stderr only
//! when stderr is a terminal.

use super::common::{open_named, progress_bar, CliResult, DbArgs};
use super::lang::{option_errors, reason, say, word};
use crate::config::{io_write_reason, FileConfig};
use crate::i18n::Msg;
use pqrs_infrastructure::reports::{build_from, Source};
use pqrs_projections::reports::{ReportRequest, RequestError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `pqrs report …`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// access-to-information (Ley 1712 de 2014; Decreto 103 de 2015 art. 52), pqr-follow-up (Ley
    /// 1474 de 2011 art. 76) o dashboard.
    pub name: String,
    /// Primer día del periodo (fecha local de recibo, AAAA-MM-DD), incluido.
    #[arg(long)]
    pub from: String,
    /// Último día del periodo, incluido.
    #[arg(long)]
    pub to: String,
    /// json, csv, csv-es (punto y coma y coma decimal, para una hoja de cálculo configurada para
    /// Colombia), xlsx o html.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Escribe el informe en este archivo (de forma atómica) y no en la salida estándar.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Calcula a esta posición del registro (por omisión, la cabeza al empezar). La misma posición
    /// da siempre los mismos bytes.
    #[arg(long)]
    pub at_position: Option<i64>,
    /// Pliega cada caso desde el registro de eventos, sin tomar los casos de la vista de casos
    /// (da los mismos bytes; para quien reproduce un informe desde el registro solamente).
    #[arg(long)]
    pub from_log: bool,
    /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de configuración).
    #[command(flatten)]
    pub db: DbArgs,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, fsynced, then
/// renamed over `path`. On any error the temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomically`], with the contents written by `write` into the (buffered)
/// temporary file, so a large report is never held whole in memory (issue 11, item 20).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_owned());
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let result = (|| {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut buffered = std::io::BufWriter::new(f);
        write(&mut buffered)?;
        let f = buffered.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Runs `pqrs report`.
#[tracing::instrument(name = "cli.report", skip_all, fields(report = %args.name))]
pub async fn run(args: ReportArgs, file: &FileConfig) -> CliResult {
    let position = args.at_position.map(|p| p.to_string());
    let req = ReportRequest::parse(
        &args.name,
        Some(&args.from),
        Some(&args.to),
        Some(&args.format),
        position.as_deref(),
    )
    .map_err(|e| match e {
        RequestError::UnknownReport(n) => say(Msg::new("cli-report-unknown").arg("name", n)),
        RequestError::Fields(f) => option_errors(f),
    })?;
    // The labels of the HTML page and the workbook follow the language of the run.
    let lang = match super::lang::lang() {
        crate::i18n::Lang::Es => pqrs_projections::reports::Lang::Es,
        crate::i18n::Lang::En => pqrs_projections::reports::Lang::En,
    };
    let db = open_named(args.db, file).await?;
    let bar = progress_bar(&format!(
        "{} {{bar:40}} {{pos}}/{{len}} {}  eta {{eta}}",
        word("cli-report-progress"),
        word("cli-projection-progress")
    ));
    let source = if args.from_log {
        Source::Log
    } else {
        Source::CaseView
    };
    let (report, _) = build_from(
        &db,
        req.kind,
        req.period,
        req.at_position,
        source,
        |done, total| {
            bar.set_length(u64::try_from(total).unwrap_or(0));
            bar.set_position(u64::try_from(done).unwrap_or(0));
        },
    )
    .await?;
    bar.finish_and_clear();
    // Written as it is rendered (JSON and CSV row by row): no second copy of the report.
    match &args.out {
        Some(path) => {
            let mut failed = None;
            write_atomically_with(path, |w| {
                report.render_to(req.format, lang, w).map_err(|e| {
                    let text = e.to_string();
                    failed = Some(e);
                    std::io::Error::other(text)
                })
            })
            .map_err(|e| match failed.take() {
                Some(render) => render.to_string(),
                None => say(Msg::new("cli-write-failed")
                    .arg("file", path.display())
                    .arg("reason", reason(&io_write_reason(&e)))),
            })?;
            eprintln!(
                "{}",
                say(Msg::new("cli-report-written")
                    .arg("report", &report.manifest.report)
                    .arg("format", req.format.extension())
                    .arg("file", path.display())
                    .arg("position", report.manifest.position)
                    .arg("sha256", &report.manifest.content_sha256))
            );
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            report.render_to(req.format, lang, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = std::env::temp_dir().join(format!("pqrs-report-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // Into a directory that does not exist: fails, nothing is created.
        let missing = dir.join("nope").join("r.csv");
        assert!(write_atomically(&missing, b"x").is_err());
        assert!(!missing.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
