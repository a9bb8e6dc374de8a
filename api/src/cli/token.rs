//! `pqrs token create|list|revoke`: bearer tokens for machines (people use accounts,
//! `pqrs user`). A token is printed once; the store keeps its SHA-256, its creator
//! (`cli:<os user>` here) and its last use.

use super::common::{open, CliResult, DbArgs};
use super::lang::{say, word};
use super::user::{cli_actor, describe_store, parse_role};
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_infrastructure::{tokens, Clock};

/// Token commands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Crea un token y lo muestra una sola vez.
    Create {
        /// agent, supervisor, auditor, reporter o admin.
        #[arg(long)]
        role: String,
        /// Quién lo tiene.
        #[arg(long)]
        name: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Lista los tokens (id, nombre, rol, quién lo creó, cuándo, último uso, revocado).
    List {
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Revoca un token por su id: deja de funcionar de inmediato.
    Revoke {
        /// El id del token (de `pqrs token list`).
        id: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs a token command.
pub async fn run(command: TokenCommand, file: &FileConfig) -> CliResult {
    match command {
        TokenCommand::Create { role, name, db } => {
            let role = parse_role(&role)?;
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err(word("cli-name-length").into());
            }
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let (token, staff) =
                tokens::create(&store, &Clock::system(), role, name, &cli_actor()).await?;
            println!("{token}");
            eprintln!(
                "{}",
                say(Msg::new("cli-token-created")
                    .arg("name", &staff.name)
                    .arg("role", staff.role)
                    .arg("id", &staff.id)
                    .arg("store", describe_store(&url)))
            );
            Ok(())
        }
        TokenCommand::List { db } => {
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let list = tokens::list(&store).await?;
            println!("{}", word("cli-token-columns").replace(' ', "\t"));
            for t in &list {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    t.id,
                    t.name,
                    t.role,
                    t.created_by.as_deref().unwrap_or("-"),
                    t.created_at,
                    t.last_used_at.as_deref().unwrap_or("-"),
                    t.revoked_at.as_deref().unwrap_or("no")
                );
            }
            eprintln!(
                "{}",
                say(Msg::new("cli-token-count")
                    .arg("count", list.len())
                    .arg("store", describe_store(&url)))
            );
            Ok(())
        }
        TokenCommand::Revoke { id, db } => {
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let done =
                tokens::revoke(&store, chrono::Utc::now(), id.trim(), &cli_actor(), None).await?;
            if !done {
                return Err(say(Msg::new("cli-token-not-found")
                    .arg("id", &id)
                    .arg("store", describe_store(&url)))
                .into());
            }
            eprintln!(
                "{}",
                say(Msg::new("cli-token-revoked")
                    .arg("id", &id)
                    .arg("store", describe_store(&url)))
            );
            Ok(())
        }
    }
}
