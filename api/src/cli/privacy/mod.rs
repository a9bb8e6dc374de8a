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
    /// Suprime los datos personales de un caso: se destruye su llave y un evento lo registra. Se
    /// rechaza mientras el caso está en trámite o dentro de su tiempo de retención, salvo que
    /// `--order` nombre la orden de autoridad que lo permite (Ley 1581 de 2012 art. 8 lit. e y art.
    /// 15).
    Suppress {
        /// El caso, p. ej. 2026-000001.
        #[arg(long)]
        radicado: String,
        /// El fundamento (p. ej. "Solicitud de la titular radicada el 3 de marzo").
        #[arg(long)]
        basis: String,
        /// La orden de autoridad competente, si una levanta el deber de conservar los datos.
        #[arg(long)]
        order: Option<String>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Todo lo que se guarda de una persona (Ley 1581 de 2012 art. 8 lit. a), buscada por número de
    /// identificación o correo, en JSON. La consulta queda registrada.
    Access {
        /// El número de identificación (se ignoran puntos y guiones).
        #[arg(long, conflicts_with = "email", required_unless_present = "email")]
        id_number: Option<String>,
        /// El correo electrónico.
        #[arg(long)]
        email: Option<String>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Los casos cuyos datos personales suprimió el programador porque pasó su tiempo de retención
    /// (Ley 594 de 2000 art. 24), de `--from` a `--to`, en JSON.
    RetentionReport {
        /// Primer día, AAAA-MM-DD (Bogotá).
        #[arg(long)]
        from: String,
        /// Último día, AAAA-MM-DD (Bogotá).
        #[arg(long)]
        to: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Rectifica un dato de contacto del peticionario de un caso a solicitud del titular (Ley 1581
    /// de 2012 art. 8 lit. a; Decreto 1377 de 2013 art. 22). La solicitud y su resultado quedan
    /// registrados, se acepte o no.
    Rectify {
        /// El caso, p. ej. 2026-000001.
        #[arg(long)]
        radicado: String,
        /// email (correo), phone (teléfono) o address (dirección).
        #[arg(long)]
        field: String,
        /// El valor nuevo (se revisa como al radicar).
        #[arg(long)]
        value: String,
        /// La solicitud y su soporte (p. ej. "Solicitud de la titular con copia de la cédula").
        #[arg(long)]
        basis: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
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
