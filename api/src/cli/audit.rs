//! `pqrs audit …`: keys, signed digests of the head, verification, radicado completeness and
//! exports (issue 6; docs/audit.md).

use super::common::{open_named, progress_bar, CliResult, DbArgs};
use super::lang::{say, word};
use crate::config::{self, FileConfig};
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
            .arg("reason", e))
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
        .arg("reason", e))
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
