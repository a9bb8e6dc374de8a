//! `pqrs user create|list`: staff accounts for the console (issue 14; docs/console.md). The
//! first admin is created here; after that admins create accounts in the console too.

use super::common::{open, CliResult, DbArgs};
use crate::config::{self, FileConfig};
use clap::Subcommand;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::accounts::{self, NewAccount};
use pqrs_infrastructure::db::redact;

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account and print its one-time password once (changed at first login).
    Create {
        /// The login e-mail (stored lower-case; one account per e-mail).
        #[arg(long)]
        email: String,
        /// The official's name.
        #[arg(long)]
        name: String,
        /// agent, supervisor, auditor, reporter or admin.
        #[arg(long)]
        role: String,
        /// The office (dependencia) the official works in.
        #[arg(long)]
        dependency: Option<String>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Disable an account (its sessions end at once).
    Disable {
        /// The account's e-mail.
        email: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Enable a disabled account again.
    Enable {
        /// The account's e-mail.
        email: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// Give an account a new one-time password, printed once (e.g. an admin who forgot theirs).
    ResetPassword {
        /// The account's e-mail.
        email: String,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
    /// List the accounts.
    List {
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
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
        Ok(p) => format!("el archivo SQLite {}", p.display()),
        Err(_) => format!("el archivo SQLite {path}"),
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

/// Parses a role, with a Spanish refusal.
pub fn parse_role(role: &str) -> Result<Role, String> {
    Role::parse(role.trim()).ok_or_else(|| {
        format!("el rol `{role}` no existe: use agent, supervisor, auditor, reporter o admin")
    })
}

/// Runs an account command.
pub async fn run(command: UserCommand, file: &FileConfig) -> CliResult {
    match command {
        UserCommand::Create {
            email,
            name,
            role,
            dependency,
            db,
        } => {
            let role = parse_role(&role)?;
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
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            println!("{password}");
            eprintln!(
                "Cuenta creada para {} <{}>, rol {}, id {}, en {}.\n\
                 Clave de un solo uso (arriba; se muestra solo esta vez): {password}\n\
                 Ingrese en {} con el correo y esa clave; en el primer ingreso se le pedirá \
                 una clave nueva.",
                account.name,
                account.email,
                account.role,
                account.id,
                describe_store(&url),
                login_url(file),
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
                "Nueva clave de un solo uso para {} en {} (arriba; se muestra solo esta vez). \
                 Sus sesiones se cerraron. Ingrese en {}; se le pedirá una clave nueva.",
                account.email,
                describe_store(&url),
                login_url(file)
            );
            Ok(())
        }
        UserCommand::List { db } => {
            let url = config::database_url(db.database_url, file);
            let store = open(&url).await?;
            let list = accounts::list(&store).await?;
            println!("id\temail\tname\trole\tdependency\tcreated_by\tcreated_at\tdisabled_at");
            for a in &list {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    a.id,
                    a.email,
                    a.name,
                    a.role,
                    a.dependency.as_deref().unwrap_or("-"),
                    a.created_by,
                    a.created_at,
                    a.disabled_at.as_deref().unwrap_or("-")
                );
            }
            eprintln!("{} cuentas en {}.", list.len(), describe_store(&url));
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
            format!(
                "no hay una cuenta con el correo {email} en {}",
                describe_store(url)
            )
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
    eprintln!(
        "Cuenta {} {} en {}.",
        account.email,
        if disabled {
            "desactivada (sus sesiones se cerraron)"
        } else {
            "activada"
        },
        describe_store(&url)
    );
    Ok(())
}
