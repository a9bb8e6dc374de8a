//! `pqrs keys`: the key-encryption key (KEK) of personal data (issue 16, docs/privacy.md).
//! `init` creates one; `rotate` re-wraps every case's data key under a new one without
//! touching the event log.

use super::common::{open_with_keys, CliResult, DbArgs};
use super::lang::{say, word};
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_infrastructure::crypto::SecretKey;
use pqrs_infrastructure::privacy::keys;
use std::path::PathBuf;

/// Key commands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Crea un archivo con una llave maestra nueva (modo 0600; el archivo no debe existir).
    Init {
        /// El archivo que se crea.
        #[arg(long)]
        out: PathBuf,
    },
    /// Cifra de nuevo cada llave de caso del almacén con la llave de `--new` y la registra como la
    /// llave del almacén. Después configure `data_key_file` con el archivo nuevo.
    Rotate {
        /// El archivo de la llave nueva (hecho con `pqrs keys init`).
        #[arg(long)]
        new: PathBuf,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs a key command.
pub async fn run(command: KeysCommand, file: &FileConfig) -> CliResult {
    match command {
        KeysCommand::Init { out } => {
            let key = SecretKey::create_file(&out)?;
            println!("{}", out.display());
            eprintln!(
                "{}",
                say(Msg::new("cli-keys-init-done")
                    .arg("file", out.display())
                    .arg("id", key.id()))
            );
            Ok(())
        }
        KeysCommand::Rotate { new, db } => {
            let new = SecretKey::read_file(&new)?;
            let url = config::database_url(db.database_url, file);
            let db = open_with_keys(&url, true).await?;
            let ring = keys::keyring().ok_or_else(|| word("cli-keys-no-key"))?;
            let now = pqrs_infrastructure::clock::instant_text(chrono::Utc::now());
            let n = keys::rotate(&db, ring.kek(), &new, &now).await?;
            eprintln!(
                "{}",
                say(Msg::new("cli-keys-rotated")
                    .arg("count", n)
                    .arg("id", new.id()))
            );
            Ok(())
        }
    }
}
