//! `pqrs keys`: the key-encryption key (KEK) of personal data (issue 16, docs/privacy.md).
//! `init` creates one; `rotate` re-wraps every case's data key under a new one without
//! touching the event log.

use super::common::{open_with_keys, CliResult, DbArgs};
use crate::config::{self, FileConfig};
use clap::Subcommand;
use pqrs_infrastructure::crypto::SecretKey;
use pqrs_infrastructure::privacy::keys;
use std::path::PathBuf;

/// Key commands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a new key-encryption key file (mode 0600; the file must not exist).
    Init {
        /// The file to create.
        #[arg(long)]
        out: PathBuf,
    },
    /// Re-wrap every data key of the store under the key in `--new`, then record it as the
    /// store's key. Afterwards configure `data_key_file` to the new file.
    Rotate {
        /// The new key file (made with `pqrs keys init`).
        #[arg(long)]
        new: PathBuf,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
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
                "llave maestra de datos personales creada en {} (id {}). Guarde una copia \
                 fuera de este equipo: sin ella los datos personales no se pueden leer.",
                out.display(),
                key.id()
            );
            Ok(())
        }
        KeysCommand::Rotate { new, db } => {
            let new = SecretKey::read_file(&new)?;
            let url = config::database_url(db.database_url, file);
            let db = open_with_keys(&url, true).await?;
            let ring = keys::keyring()
                .ok_or("este almacén no tiene llave maestra de datos personales: nada que rotar")?;
            let now = pqrs_infrastructure::clock::instant_text(chrono::Utc::now());
            let n = keys::rotate(&db, ring.kek(), &new, &now).await?;
            eprintln!(
                "{n} llaves de casos cifradas de nuevo con la llave {}; configure \
                 data_key_file con el archivo nuevo y guarde el anterior hasta comprobarlo.",
                new.id()
            );
            Ok(())
        }
    }
}
