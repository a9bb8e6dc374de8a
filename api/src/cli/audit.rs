//! `pqrs audit …`: keys, signed digests of the head, verification, radicado completeness and
//! exports (issue 6; docs/audit.md).

use super::common::{open_named, progress_bar, CliResult, DbArgs};
use crate::config::{self, FileConfig};
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
    /// Create an Ed25519 signing key file (never overwrites) and print its public key.
    Keygen {
        /// Where to write the secret key (hex, owner-only permissions).
        #[arg(long)]
        out: PathBuf,
    },
    /// Verify the log, then print a signed statement of its head (position, hash, time).
    Digest {
        /// Write the digest here instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The signing key file (else `audit_signing_key` in the config file).
        #[arg(long, env = "PQRS_AUDIT_SIGNING_KEY")]
        key: Option<PathBuf>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Recompute every hash in position order and report the first tampered event; with
    /// `--digest`, also check the log still holds that earlier head (truncation).
    Verify {
        /// A digest written earlier by `pqrs audit digest`.
        #[arg(long)]
        digest: Option<PathBuf>,
        /// The entity's signing key file: the digest must be signed by it (else
        /// `audit_signing_key` in the config file).
        #[arg(long, env = "PQRS_AUDIT_SIGNING_KEY")]
        key: Option<PathBuf>,
        /// The entity's public key (64 hex digits), instead of the secret key file: the digest
        /// must be signed by it (else `audit_public_key` in the config file).
        #[arg(long, env = "PQRS_AUDIT_PUBLIC_KEY")]
        public_key: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Check that every radicado of a year from 1 to the counter is a filed PQR.
    Radicados {
        /// The year of receipt.
        #[arg(long)]
        year: i32,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Export the events recorded between two days (Bogotá), with the digest of the bytes.
    Export {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
        /// `jsonl` or `csv`.
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// Write the export here (and its digest to FILE.digest.json) instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// The progress bar of a verification.
const VERIFYING: &str = "verifying {bar:40} {pos}/{len} events  {per_sec}  eta {eta}";

/// Verifies with a progress bar on stderr (only when it is a terminal).
async fn verify_with_progress(
    db: &Db,
    checkpoint: Option<&audit::Checkpoint>,
) -> Result<VerifyReport, Box<dyn std::error::Error + Send + Sync>> {
    let bar = progress_bar(VERIFYING);
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
    let bar = progress_bar(VERIFYING);
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
    writeln!(out, "events verified: {}", report.checked)?;
    writeln!(
        out,
        "last position:   {} {}",
        report.last_position, report.last_hash
    )?;
    writeln!(
        out,
        "ledger head:     {} {}",
        report.head_position, report.head_hash
    )?;
    if let Some(cp) = &report.checkpoint {
        writeln!(out, "digest:          {} {}", cp.position, cp.hash)?;
    }
    if let Some(ours) = report.signed_by_entity_key {
        writeln!(
            out,
            "firma:           {}",
            if ours {
                "de la clave de la entidad"
            } else {
                "NO es de la clave de la entidad"
            }
        )?;
    }
    match &report.finding {
        None => writeln!(out, "OK: the chain is intact")?,
        Some(f) => writeln!(
            out,
            "FAILED at position {} ({:?}): {}",
            f.position, f.kind, f.detail
        )?,
    }
    Ok(())
}

fn read_digest(path: &Path) -> Result<HeadDigest, Box<dyn std::error::Error + Send + Sync>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the digest {}: {e}", path.display()))?;
    let digest: HeadDigest = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a pqrs head digest: {e}", path.display()))?;
    digest.verify_signature()?;
    Ok(digest)
}

fn write_out(path: Option<&Path>, text: &str) -> CliResult {
    match path {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()).into())
        }
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
                "signing key written to {}; the line above is its public key: publish it so \
                 anyone can check digests",
                out.display()
            );
            Ok(())
        }
        AuditCommand::Digest { out, key, db } => {
            let key_path = config::audit_signing_key(key, file).ok_or(
                "no signing key: give --key FILE, PQRS_AUDIT_SIGNING_KEY or audit_signing_key \
                 in the config file (create one with `pqrs audit keygen --out FILE`)",
            )?;
            let key = audit::load_signing_key(&key_path)?;
            let db = open_named(db, file).await?;
            let report = verify_with_progress(&db, None).await?;
            if let Some(f) = &report.finding {
                return Err(format!(
                    "refusing to sign: the log fails verification at position {} ({:?}): {}",
                    f.position, f.kind, f.detail
                )
                .into());
            }
            let digest = audit::sign_head(&db, &key, &instant_text(Clock::system().now())).await?;
            let text = format!("{}\n", serde_json::to_string_pretty(&digest)?);
            write_out(out.as_deref(), &text)?;
            eprintln!(
                "signed head: position {} hash {}",
                digest.position, digest.hash
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
                    "aviso: no se configuró la clave de la entidad (--key, --public-key, \
                     PQRS_AUDIT_SIGNING_KEY, PQRS_AUDIT_PUBLIC_KEY o el archivo de \
                     configuración): solo se comprobó que el resumen es coherente con su propia \
                     clave {}; compárela con la clave pública que la entidad publicó",
                    d.public_key
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
                Some(f) => Err(format!(
                    "verification failed at position {}: {}",
                    f.position, f.detail
                )
                .into()),
            }
        }
        AuditCommand::Radicados { year, json, db } => {
            if !(1984..=2199).contains(&year) {
                return Err("--year must be between 1984 and 2199".into());
            }
            let db = open_named(db, file).await?;
            let r = audit::radicados(&db, year).await?;
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?;
            } else {
                writeln!(out, "year:            {}", r.year)?;
                writeln!(out, "counter:         {}", r.last_number)?;
                writeln!(out, "filed:           {}", r.filed)?;
                writeln!(out, "of which voided: {}", r.voided)?;
                for g in &r.gaps {
                    writeln!(
                        out,
                        "gap:             {}-{:06} to {}-{:06}",
                        r.year, g.from, r.year, g.to
                    )?;
                }
                for d in &r.duplicates {
                    writeln!(
                        out,
                        "duplicate:       {} filed {} times",
                        d.radicado, d.filings
                    )?;
                }
                for b in &r.beyond_counter {
                    writeln!(out, "beyond counter:  {b}")?;
                }
                for v in &r.voided_without_filing {
                    writeln!(out, "void, no filing: {v}")?;
                }
                writeln!(
                    out,
                    "{}",
                    if r.complete {
                        "COMPLETE: every number is accounted for"
                    } else {
                        "INCOMPLETE"
                    }
                )?;
            }
            if r.complete {
                Ok(())
            } else {
                Err(format!("radicados of {year} are not complete").into())
            }
        }
        AuditCommand::Export {
            from,
            to,
            format,
            out,
            db,
        } => {
            let plan = ExportPlan::parse(&from, &to, &format).map_err(|errors| {
                errors
                    .into_iter()
                    .map(|(f, m)| format!("--{f} {m}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
            let db = open_named(db, file).await?;
            let (through, _) = audit::head(&db).await?;
            let mut sink: Box<dyn Write + Send> = match &out {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .map_err(|e| format!("cannot write {}: {e}", p.display()))?,
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
                return Err(format!("cannot write the export: {e}").into());
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
                        .map_err(|e| format!("cannot write {}: {e}", digest_path.display()))?;
                    eprintln!(
                        "exported {} events ({} bytes, sha256 {}) to {}; digest in {}",
                        digest.count,
                        digest.bytes,
                        digest.sha256,
                        p.display(),
                        digest_path.display()
                    );
                }
                None => eprint!("{text}"),
            }
            Ok(())
        }
    }
}
