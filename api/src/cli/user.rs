//! `pqrs user create|list`: staff accounts for the console (issue 14; docs/console.md). The
//! first admin is created here; after that admins create accounts in the console too.

use super::common::{open, CliResult, DbArgs};
use super::lang::{say, word};
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Language;
use pqrs_infrastructure::accounts::{self, NewAccount};
use pqrs_infrastructure::db::redact;

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Crea una cuenta y muestra una sola vez su clave de un solo uso (se cambia en el primer
    /// ingreso).
    Create {
        /// El correo de ingreso (se guarda en minúsculas; una cuenta por correo).
        #[arg(long)]
        email: String,
        /// El nombre del funcionario.
        #[arg(long)]
        name: String,
        /// agent, supervisor, auditor, reporter o admin.
        #[arg(long)]
        role: String,
        /// La dependencia en la que trabaja el funcionario.
        #[arg(long)]
        dependency: Option<String>,
        /// El idioma de su consola y de sus correos: es o en. Sin él, el de la página con la que
        /// ingrese por primera vez.
        #[arg(long)]
        language: Option<String>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Desactiva una cuenta (sus sesiones se cierran de inmediato).
    Disable {
        /// El correo de la cuenta.
        email: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Activa de nuevo una cuenta desactivada.
    Enable {
        /// El correo de la cuenta.
        email: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Da a una cuenta una nueva clave de un solo uso, que se muestra una vez (p. ej. a un
    /// administrador que olvidó la suya).
    ResetPassword {
        /// El correo de la cuenta.
        email: String,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Lista las cuentas.
    List {
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Who acts from the command line, as the access log records it: `cli:<os user>`.
pub fn cli_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_default();
    if user.trim().is_empty() {
        "cli".to_owned()
    } else {
        format!("cli:{}", user.trim())
    }
}

/// The store a command wrote to, as a person can find it: the absolute path of a SQLite file,
/// or the PostgreSQL address without its password. A token or account created from another
/// folder would otherwise silently land in another `pqrs.db`.
pub fn describe_store(url: &str) -> String {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return redact(url);
    };
    let path = rest.split('?').next().unwrap_or(rest);
    match std::path::absolute(path) {
        Ok(p) => say(Msg::new("cli-store-sqlite-file").arg("path", p.display())),
        Err(_) => say(Msg::new("cli-store-sqlite-file").arg("path", path)),
    }
}

/// Where officials sign in: the public address (`portal_url`) or the listening address.
fn login_url(file: &FileConfig) -> String {
    match config::public_url(file) {
        Some(u) => format!("{u}/funcionarios"),
        None => {
            let bind = std::env::var("PQRS_BIND")
                .ok()
                .or_else(|| file.bind.clone())
                .unwrap_or_else(|| config::DEFAULT_BIND.to_owned());
            format!("http://{bind}/funcionarios")
        }
    }
}

/// Parses a role, with a refusal in the language of the run.
pub fn parse_role(role: &str) -> Result<Role, String> {
    Role::parse(role.trim()).ok_or_else(|| say(Msg::new("cli-role-unknown").arg("role", role)))
}

/// Runs an account command.
pub async fn run(command: UserCommand, file: &FileConfig) -> CliResult {
    match command {
        UserCommand::Create {
            email,
            name,
            role,
            dependency,
            language,
            db,
        } => {
            let role = parse_role(&role)?;
            let language = language
                .map(|l| {
                    Language::parse(l.trim()).ok_or_else(|| {
                        say(Msg::new("cli-user-language-unknown").arg("language", l))
                    })
                })
                .transpose()?;
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let actor = cli_actor();
            let now = chrono::Utc::now();
            let (account, password) = accounts::create(
                &store,
                now,
                NewAccount {
                    email: &email,
                    name: &name,
                    role,
                    dependency: dependency.as_deref(),
                    created_by: &actor,
                    language,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            println!("{password}");
            eprintln!(
                "{}\n{}\n{}",
                say(Msg::new("cli-user-created")
                    .arg("name", &account.name)
                    .arg("email", &account.email)
                    .arg("role", account.role)
                    .arg("id", &account.id)
                    .arg("store", describe_store(&url))),
                say(Msg::new("cli-user-one-time-password").arg("password", &password)),
                say(Msg::new("cli-user-first-login").arg("url", login_url(file))),
            );
            Ok(())
        }
        UserCommand::Disable { email, db } => set_disabled(&email, db, file, true).await,
        UserCommand::Enable { email, db } => set_disabled(&email, db, file, false).await,
        UserCommand::ResetPassword { email, db } => {
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let account = find(&store, &email, &url).await?;
            let password = accounts::reset_password(
                &store,
                chrono::Utc::now(),
                &account.id,
                &cli_actor(),
                None,
            )
            .await
            .map_err(|e| e.to_string())?;
            println!("{password}");
            eprintln!(
                "{}",
                say(Msg::new("cli-user-password-reset")
                    .arg("email", &account.email)
                    .arg("store", describe_store(&url))
                    .arg("url", login_url(file)))
            );
            Ok(())
        }
        UserCommand::List { db } => {
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let list = accounts::list(&store).await?;
            println!("{}", word("cli-user-columns").replace(' ', "\t"));
            for a in &list {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    a.id,
                    a.email,
                    a.name,
                    a.role,
                    a.dependency.as_deref().unwrap_or("-"),
                    a.created_by,
                    a.created_at,
                    a.disabled_at.as_deref().unwrap_or("-"),
                    a.language.as_deref().unwrap_or("-")
                );
            }
            eprintln!(
                "{}",
                say(Msg::new("cli-user-count")
                    .arg("count", list.len())
                    .arg("store", describe_store(&url)))
            );
            Ok(())
        }
    }
}

async fn find(
    store: &pqrs_infrastructure::Db,
    email: &str,
    url: &str,
) -> Result<accounts::Account, String> {
    accounts::find_by_email(store, email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            say(Msg::new("cli-user-not-found")
                .arg("email", email)
                .arg("store", describe_store(url)))
        })
}

async fn set_disabled(email: &str, db: DbArgs, file: &FileConfig, disabled: bool) -> CliResult {
    let url = config::database_url(db.database_url, file);
    let store = open(&url).await?;
    let account = find(&store, email, &url).await?;
    accounts::set_disabled(
        &store,
        chrono::Utc::now(),
        &account.id,
        disabled,
        &cli_actor(),
        None,
    )
    .await
    .map_err(|e| e.to_string())?;
    let key = if disabled {
        "cli-user-disabled"
    } else {
        "cli-user-enabled"
    };
    eprintln!(
        "{}",
        say(Msg::new(key)
            .arg("email", &account.email)
            .arg("store", describe_store(&url)))
    );
    Ok(())
}
