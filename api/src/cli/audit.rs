//! `pqrs audit …`: keys, signed digests of the head, verification, radicado completeness and
//! exports (issue 6; docs/audit.md).

use super::common::{open_named, progress_bar, CliResult, DbArgs};
use super::lang::{option_errors, reason, say, word};
use crate::config::{self, io_reason, io_write_reason, FileConfig};
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_infrastructure::audit::{self, HeadDigest, VerifyReport};
use pqrs_infrastructure::audit::{run_export, ExportPlan};
use pqrs_infrastructure::clock::instant_text;
use pqrs_infrastructure::{Clock, Db};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Audit commands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Crea un archivo con una llave de firma Ed25519 (nunca sobrescribe) y muestra su clave
    /// pública.
    Keygen {
        /// Dónde escribir la llave secreta (hexadecimal, solo su dueño la puede leer).
        #[arg(long)]
        out: PathBuf,
    },
    /// Verifica el registro y luego escribe una constancia firmada de su cabeza (posición, hash,
    /// hora).
    Digest {
        /// Escribe el resumen en este archivo y no en la salida estándar.
        #[arg(long)]
        out: Option<PathBuf>,
        /// El archivo de la llave de firma (si no, `audit_signing_key` del archivo de
        /// configuración).
        #[arg(long, env = "PQRS_AUDIT_SIGNING_KEY")]
        key: Option<PathBuf>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Recalcula cada hash en orden de posición e informa el primer evento alterado; con `--digest`
    /// comprueba además que el registro aún contiene esa cabeza anterior (truncamiento).
    Verify {
        /// Un resumen escrito antes por `pqrs audit digest`.
        #[arg(long)]
        digest: Option<PathBuf>,
        /// El archivo de la llave de firma de la entidad: el resumen debe estar firmado con ella
        /// (si no, `audit_signing_key` del archivo de configuración).
        #[arg(long, env = "PQRS_AUDIT_SIGNING_KEY")]
        key: Option<PathBuf>,
        /// La clave pública de la entidad (64 dígitos hexadecimales), en lugar del archivo de la
        /// llave secreta: el resumen debe estar firmado con ella (si no, `audit_public_key` del
        /// archivo de configuración).
        #[arg(long, env = "PQRS_AUDIT_PUBLIC_KEY")]
        public_key: Option<String>,
        /// Escribe el informe en JSON (igual en todos los idiomas).
        #[arg(long)]
        json: bool,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Comprueba que cada radicado de un año, del 1 al consecutivo, sea una PQR radicada.
    Radicados {
        /// El año de recibo.
        #[arg(long)]
        year: i32,
        /// Escribe el informe en JSON (igual en todos los idiomas).
        #[arg(long)]
        json: bool,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Exporta los eventos registrados entre dos días (Bogotá), con el resumen de sus bytes.
    Export {
        /// Primer día, AAAA-MM-DD.
        #[arg(long)]
        from: String,
        /// Último día, AAAA-MM-DD (incluido).
        #[arg(long)]
        to: String,
        /// `jsonl` o `csv`.
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// Escribe la exportación en este archivo (y su resumen en ARCHIVO.digest.json) y no en la
        /// salida estándar.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// The progress bar of a verification, in the language of the run.
fn verifying() -> String {
    format!(
        "{} {{bar:40}} {{pos}}/{{len}} {}  {{per_sec}}  eta {{eta}}",
        word("cli-audit-progress"),
        word("cli-projection-progress")
    )
}

/// Verifies with a progress bar on stderr (only when it is a terminal).
async fn verify_with_progress(
    db: &Db,
    checkpoint: Option<&audit::Checkpoint>,
) -> Result<VerifyReport, Box<dyn std::error::Error + Send + Sync>> {
    let bar = progress_bar(&verifying());
    let report = audit::verify(db, checkpoint, |done, total| {
        bar.set_length(u64::try_from(total).unwrap_or(0));
        bar.set_position(u64::try_from(done).unwrap_or(0));
    })
    .await?;
    bar.finish_and_clear();
    Ok(report)
}

/// [`audit::verify_against_digest`] with the progress bar of [`verify_with_progress`].
async fn verify_against_digest_with_progress(
    db: &Db,
    digest: &HeadDigest,
    entity_key: Option<&str>,
) -> Result<VerifyReport, Box<dyn std::error::Error + Send + Sync>> {
    let bar = progress_bar(&verifying());
    let report = audit::verify_against_digest(db, digest, entity_key, |done, total| {
        bar.set_length(u64::try_from(total).unwrap_or(0));
        bar.set_position(u64::try_from(done).unwrap_or(0));
    })
    .await?;
    bar.finish_and_clear();
    Ok(report)
}

fn print_report(report: &VerifyReport, json: bool) -> CliResult {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(report)?)?;
        return Ok(());
    }
    let mut lines = vec![
        Msg::new("cli-audit-events-verified").arg("count", report.checked),
        Msg::new("cli-audit-last-position")
            .arg("position", report.last_position)
            .arg("hash", &report.last_hash),
        Msg::new("cli-audit-ledger-head")
            .arg("position", report.head_position)
            .arg("hash", &report.head_hash),
    ];
    if let Some(cp) = &report.checkpoint {
        lines.push(
            Msg::new("cli-audit-digest")
                .arg("position", cp.position)
                .arg("hash", &cp.hash),
        );
    }
    if let Some(ours) = report.signed_by_entity_key {
        let whose = if ours {
            "cli-audit-signed-by-entity"
        } else {
            "cli-audit-not-signed-by-entity"
        };
        lines.push(Msg::new("cli-audit-signature").arg("whose", word(whose)));
    }
    lines.push(match &report.finding {
        None => Msg::new("cli-audit-intact"),
        Some(f) => Msg::new("cli-audit-failed-at")
            .arg("position", f.position)
            .arg("kind", format!("{:?}", f.kind))
            .arg("reason", &f.detail),
    });
    for line in lines {
        writeln!(out, "{}", say(line))?;
    }
    Ok(())
}

fn read_digest(path: &Path) -> Result<HeadDigest, Box<dyn std::error::Error + Send + Sync>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        say(Msg::new("cli-audit-read-digest-failed")
            .arg("file", path.display())
            .arg("reason", reason(&io_reason(&e))))
    })?;
    let digest: HeadDigest = serde_json::from_str(&text).map_err(|e| {
        say(Msg::new("cli-audit-not-a-digest")
            .arg("file", path.display())
            .arg("reason", e))
    })?;
    digest.verify_signature()?;
    Ok(digest)
}

/// "cannot write FILE: why", in the language of the run.
fn write_failed(path: &Path, e: std::io::Error) -> String {
    say(Msg::new("cli-write-failed")
        .arg("file", path.display())
        .arg("reason", reason(&io_write_reason(&e))))
}

fn write_out(path: Option<&Path>, text: &str) -> CliResult {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| write_failed(p, e).into()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            Ok(out.flush()?)
        }
    }
}

/// Runs an audit command.
#[tracing::instrument(name = "cli.audit", skip_all)]
pub async fn run(command: AuditCommand, file: &FileConfig) -> CliResult {
    match command {
        AuditCommand::Keygen { out } => {
            let key = audit::generate_key_file(&out)?;
            println!("{}", audit::public_key_hex(&key));
            eprintln!(
                "{}",
                say(Msg::new("cli-audit-keygen-done").arg("file", out.display()))
            );
            Ok(())
        }
        AuditCommand::Digest { out, key, db } => {
            let key_path = config::audit_signing_key(key, file)
                .ok_or_else(|| word("cli-audit-no-signing-key"))?;
            let key = audit::load_signing_key(&key_path)?;
            let db = open_named(db, file).await?;
            let report = verify_with_progress(&db, None).await?;
            if let Some(f) = &report.finding {
                return Err(say(Msg::new("cli-audit-refuse-to-sign")
                    .arg("position", f.position)
                    .arg("kind", format!("{:?}", f.kind))
                    .arg("reason", &f.detail))
                .into());
            }
            let digest = audit::sign_head(&db, &key, &instant_text(Clock::system().now())).await?;
            let text = format!("{}\n", serde_json::to_string_pretty(&digest)?);
            write_out(out.as_deref(), &text)?;
            eprintln!(
                "{}",
                say(Msg::new("cli-audit-signed-head")
                    .arg("position", digest.position)
                    .arg("hash", &digest.hash))
            );
            Ok(())
        }
        AuditCommand::Verify {
            digest,
            key,
            public_key,
            json,
            db,
        } => {
            let digest = digest.as_deref().map(read_digest).transpose()?;
            // The entity's key is resolved (and must be usable) whenever a digest is checked:
            // a digest signed by another key proves nothing, so it fails below.
            let entity_key = match &digest {
                Some(_) => config::audit_public_key(public_key, key, file)?,
                None => None,
            };
            if let (Some(d), None) = (&digest, &entity_key) {
                eprintln!(
                    "{}",
                    say(Msg::new("cli-audit-no-entity-key").arg("key", &d.public_key))
                );
            }
            let db = open_named(db, file).await?;
            let report = match &digest {
                Some(d) => {
                    verify_against_digest_with_progress(&db, d, entity_key.as_deref()).await?
                }
                None => verify_with_progress(&db, None).await?,
            };
            print_report(&report, json)?;
            match report.finding {
                None => Ok(()),
                Some(f) => Err(say(Msg::new("cli-audit-verify-failed")
                    .arg("position", f.position)
                    .arg("reason", &f.detail))
                .into()),
            }
        }
        AuditCommand::Radicados { year, json, db } => {
            if !(1984..=2199).contains(&year) {
                return Err(word("cli-audit-year-range").into());
            }
            let db = open_named(db, file).await?;
            let r = audit::radicados(&db, year).await?;
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?;
            } else {
                let mut lines = vec![
                    Msg::new("cli-audit-year").arg("year", r.year),
                    Msg::new("cli-audit-counter").arg("number", r.last_number),
                    Msg::new("cli-audit-filed").arg("count", r.filed),
                    Msg::new("cli-audit-voided").arg("count", r.voided),
                ];
                for g in &r.gaps {
                    lines.push(
                        Msg::new("cli-audit-gap")
                            .arg("from", format!("{}-{:06}", r.year, g.from))
                            .arg("to", format!("{}-{:06}", r.year, g.to)),
                    );
                }
                for d in &r.duplicates {
                    lines.push(
                        Msg::new("cli-audit-duplicate")
                            .arg("radicado", &d.radicado)
                            .arg("count", d.filings),
                    );
                }
                for b in &r.beyond_counter {
                    lines.push(Msg::new("cli-audit-beyond-counter").arg("radicado", b));
                }
                for v in &r.voided_without_filing {
                    lines.push(Msg::new("cli-audit-void-no-filing").arg("radicado", v));
                }
                lines.push(Msg::new(if r.complete {
                    "cli-audit-complete"
                } else {
                    "cli-audit-incomplete"
                }));
                for line in lines {
                    writeln!(out, "{}", say(line))?;
                }
            }
            if r.complete {
                Ok(())
            } else {
                Err(say(Msg::new("cli-audit-radicados-incomplete").arg("year", year)).into())
            }
        }
        AuditCommand::Export {
            from,
            to,
            format,
            out,
            db,
        } => {
            let plan = ExportPlan::parse(&from, &to, &format).map_err(option_errors)?;
            let db = open_named(db, file).await?;
            let (through, _) = audit::head(&db).await?;
            let mut sink: Box<dyn Write + Send> = match &out {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p).map_err(|e| write_failed(p, e))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout())),
            };
            let mut failed: Option<std::io::Error> = None;
            let digest = run_export(&db, &plan, through, |chunk| {
                let ok = match sink.write_all(&chunk) {
                    Ok(()) => true,
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                };
                async move { ok }
            })
            .await?;
            if let Some(e) = failed {
                return Err(say(Msg::new("cli-audit-export-write-failed").arg("reason", e)).into());
            }
            sink.flush()?;
            drop(sink);
            let text = format!("{}\n", serde_json::to_string_pretty(&digest)?);
            match &out {
                Some(p) => {
                    let mut name = p.as_os_str().to_owned();
                    name.push(".digest.json");
                    let digest_path = PathBuf::from(name);
                    std::fs::write(&digest_path, &text)
                        .map_err(|e| write_failed(&digest_path, e))?;
                    eprintln!(
                        "{}",
                        say(Msg::new("cli-audit-exported")
                            .arg("count", digest.count)
                            .arg("bytes", digest.bytes)
                            .arg("sha256", &digest.sha256)
                            .arg("file", p.display())
                            .arg("digest", digest_path.display()))
                    );
                }
                None => eprint!("{text}"),
            }
            Ok(())
        }
    }
}
