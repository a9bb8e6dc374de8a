//! `pqrs migrate`: apply the schema migrations and exit.

use super::common::{open, CliResult, DbArgs};
use super::lang::say;
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use pqrs_infrastructure::db::redact;

/// Runs `pqrs migrate`.
pub async fn run(db: DbArgs, file: &FileConfig) -> CliResult {
    let url = config::database_url(db.database_url, file);
    open(&url).await?;
    println!(
        "{}",
        say(Msg::new("cli-migrated").arg("store", redact(&url)))
    );
    Ok(())
}
