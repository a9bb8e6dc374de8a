//! `pqrs migrate`: apply the schema migrations and exit.

use super::common::{open, CliResult, DbArgs};
use crate::config::{self, FileConfig};
use pqrs_infrastructure::db::redact;

/// Runs `pqrs migrate`.
pub async fn run(db: DbArgs, file: &FileConfig) -> CliResult {
    let url = config::database_url(db.database_url, file);
    open(&url).await?;
    println!("migrated {}", redact(&url));
    Ok(())
}
