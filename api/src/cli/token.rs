//! `pqrs token create`: a staff token, printed once.

use super::common::{open_named, CliResult, DbArgs};
use crate::config::FileConfig;
use clap::Subcommand;
use pqrs_domain::actor::Role;
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
}

/// Runs a token command.
pub async fn run(command: TokenCommand, file: &FileConfig) -> CliResult {
    let TokenCommand::Create { role, name, db } = command;
    let role = Role::parse(&role).ok_or_else(|| {
        format!("unknown role `{role}`: use agent, supervisor, auditor, reporter or admin")
    })?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err("--name must be 1 to 200 characters".into());
    }
    let db = open_named(db, file).await?;
    let (token, staff) = tokens::create(&db, &Clock::system(), role, name).await?;
    println!("{token}");
    eprintln!(
        "token for {} ({}) created, id {}; it is shown only once",
        staff.name, staff.role, staff.id
    );
    Ok(())
}
