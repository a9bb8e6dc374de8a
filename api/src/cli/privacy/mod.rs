//! `pqrs privacy`: the data-protection officer's requests (Ley 1581 de 2012 art. 8;
//! docs/privacy.md). `suppress` destroys a case's data key once no legal duty keeps the data;
//! `access` exports what is held about a person; `rectify` corrects a contact field.

mod retention;

use super::common::{open_with_keys, CliResult, DbArgs};
use super::lang::{lang, say, word};
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_domain::actor::{Actor, Role};
use pqrs_domain::Radicado;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::privacy::suppress::{suppress, Suppression};
use pqrs_infrastructure::Clock;

/// Privacy commands.
#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Suppress a case's personal data: its data key is destroyed and an event records it.
    /// Refused while the case is open or within its retention period, unless `--order` names
    /// the authority's order that overrides (Ley 1581 de 2012 art. 8 lit. e and art. 15).
    Suppress {
        /// The case, e.g. 2026-000001.
        #[arg(long)]
        radicado: String,
        /// The legal basis (e.g. "Solicitud de la titular radicada el 3 de marzo").
        #[arg(long)]
        basis: String,
        /// The order of a competent authority, if one overrides the duty to keep the data.
        #[arg(long)]
        order: Option<String>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Everything held about a person (Ley 1581 de 2012 art. 8 lit. a), found by identity
    /// number or e-mail, printed as JSON. The request is recorded.
    Access {
        /// The identity number (dots and dashes are ignored).
        #[arg(long, conflicts_with = "email", required_unless_present = "email")]
        id_number: Option<String>,
        /// The e-mail address.
        #[arg(long)]
        email: Option<String>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// The cases whose personal data the scheduler suppressed because their retention
    /// passed (Ley 594 de 2000 art. 24), from `--from` through `--to`, as JSON.
    RetentionReport {
        /// First day, YYYY-MM-DD (Bogotá).
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (Bogotá).
        #[arg(long)]
        to: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Rectify a contact field of a case's petitioner at the holder's request (Ley 1581 de
    /// 2012 art. 8 lit. a; Decreto 1377 de 2013 art. 22). The request and its outcome are
    /// recorded, refused or not.
    Rectify {
        /// The case, e.g. 2026-000001.
        #[arg(long)]
        radicado: String,
        /// email, phone or address.
        #[arg(long)]
        field: String,
        /// The new value (checked as at filing).
        #[arg(long)]
        value: String,
        /// The request and its support (e.g. "Solicitud de la titular con copia de la cédula").
        #[arg(long)]
        basis: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
}

fn cli_actor() -> Actor {
    let user = std::env::var("USER").unwrap_or_else(|_| "cli".into());
    Actor::Staff {
        id: format!("cli:{user}"),
        name: user,
        role: Role::Privacy,
    }
}

/// Runs a privacy command.
pub async fn run(command: PrivacyCommand, file: &FileConfig) -> CliResult {
    match command {
        PrivacyCommand::RetentionReport { from, to, db } => {
            retention::run(&config::database_url(db.database_url, file), &from, &to).await
        }
        PrivacyCommand::Rectify {
            radicado,
            field,
            value,
            basis,
            db,
        } => {
            use pqrs_infrastructure::commands::Executor;
            use pqrs_infrastructure::privacy::rectify::{rectify, Rectification};
            let url = config::database_url(db.database_url, file);
            let db = open_with_keys(&url, true).await?;
            let clock = Clock::system();
            let repo = PqrsEventRepository::new(db.clone(), clock.clone());
            let cases = Executor::<pqrs_domain::Pqr>::new(repo, config::services(file)?);
            let request = Rectification {
                radicado,
                field,
                value,
                basis,
                actor: cli_actor(),
                metadata: Default::default(),
            };
            let done = rectify(&db, &cases, &clock, request).await.map_err(|e| {
                let reason = crate::routes::privacy::rectification_refusal(&e, lang());
                say(Msg::new("cli-privacy-rectify-refused").arg("reason", reason))
            })?;
            println!("{}", done.radicado);
            eprintln!(
                "{}",
                say(Msg::new("cli-privacy-rectified")
                    .arg("field", done.field.as_str())
                    .arg("radicado", &done.radicado))
            );
            Ok(())
        }
        PrivacyCommand::Access {
            id_number,
            email,
            db,
        } => {
            use pqrs_infrastructure::privacy::access::{export, Holder};
            let holder = match (id_number, email) {
                (Some(n), _) => Holder::IdNumber(n),
                (None, Some(e)) => Holder::Email(e),
                (None, None) => return Err(word("cli-privacy-holder-missing").into()),
            };
            let url = config::database_url(db.database_url, file);
            let db = open_with_keys(&url, true).await?;
            let out = export(&db, &Clock::system(), &holder, &cli_actor()).await?;
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(())
        }
        PrivacyCommand::Suppress {
            radicado,
            basis,
            order,
            db,
        } => {
            let radicado = Radicado::parse(&radicado).map_err(|e| {
                say(Msg::new("cli-privacy-bad-radicado")
                    .arg("radicado", &radicado)
                    .arg("reason", e))
            })?;
            let basis = basis.trim().to_owned();
            if basis.is_empty() || basis.chars().count() > 1000 {
                return Err(word("cli-privacy-basis-length").into());
            }
            let url = config::database_url(db.database_url, file);
            let db = open_with_keys(&url, true).await?;
            let clock = Clock::system();
            let repo = PqrsEventRepository::new(db.clone(), clock.clone());
            let actor = cli_actor();
            let order = order.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
            let schedule = config::policies(file)?.retention().clone();
            let done = suppress(
                &db,
                &repo,
                &clock,
                Suppression::new(radicado, basis, order, actor).with_schedule(schedule),
            )
            .await?;
            println!("{}", done.position);
            eprintln!(
                "{}",
                say(Msg::new("cli-privacy-suppressed")
                    .arg("radicado", &done.radicado)
                    .arg("position", done.position))
            );
            Ok(())
        }
    }
}
