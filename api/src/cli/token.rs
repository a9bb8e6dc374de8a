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
    /// Create a token and print it once.
    Create {
        /// agent, supervisor, auditor, reporter or admin.
        #[arg(long)]
        role: String,
        /// Who holds it.
        #[arg(long)]
        name: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// List the tokens (id, name, role, created_by, created_at, last_used_at, revoked).
    List {
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Revoke a token by its id: it stops working at once.
    Revoke {
        /// The token's id (from `pqrs token list`).
        id: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
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
