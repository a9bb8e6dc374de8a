//! Staff accounts (issue 14): people who sign in to the console with an e-mail and a password.
//! Machines keep using bearer tokens ([`crate::tokens`]).
//!
//! An account is created with a one-time password (printed once by `pqrs user create`, or
//! shown once to the admin who created it in the console) that must be changed at first
//! login. Passwords are stored as Argon2id PHC strings ([`password`]). Sessions live in the
//! store ([`sessions`]), and every login, failure, logout and change is written to the access
//! log ([`log`]), which is also what throttling counts.

pub mod log;
pub mod password;
pub mod sessions;

use crate::clock::instant_text;
use crate::db::Db;
use crate::error::{unique_violation, StoreError};
use chrono::{DateTime, Utc};
use log::{Entry, FailureKey, Kind};
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Language;

/// A staff account as stored (without its password hash).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Account {
    /// Account id (a UUID): what events and assignments record as the official.
    pub id: String,
    /// The login, lower-case.
    pub email: String,
    /// The official's name.
    pub name: String,
    /// The role (`Role::as_str`).
    pub role: String,
    /// The office the official works in, if any.
    pub dependency: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// Who created it: an account id, or `cli:<os user>`.
    pub created_by: String,
    /// When it was disabled, if it is.
    pub disabled_at: Option<String>,
    /// The language of the official's console and e-mails (`es`, `en`); none before their
    /// first login (Spanish).
    pub language: Option<String>,
}

impl Account {
    /// The role, parsed.
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }

    /// The language kept, parsed; none before the official's first login.
    pub fn language(&self) -> Option<Language> {
        self.language.as_deref().and_then(Language::parse)
    }
}

/// Why an account operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The e-mail is not an address.
    #[error("el correo `{0}` no es una dirección válida")]
    InvalidEmail(String),
    /// The name is empty or too long.
    #[error("el nombre debe tener entre 1 y 200 caracteres")]
    InvalidName,
    /// Another account has this e-mail.
    #[error("ya existe una cuenta con el correo {0}")]
    EmailTaken(String),
    /// No account has this id.
    #[error("no existe la cuenta {0}")]
    NotFound(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for AccountError {
    fn from(e: sqlx::Error) -> Self {
        AccountError::Store(e.into())
    }
}

/// An e-mail as a login: trimmed, lower-cased, `local@domain` with a dot in the domain.
pub fn normalize_email(email: &str) -> Result<String, AccountError> {
    let e = email.trim().to_lowercase();
    let ok = e.len() <= 254
        && !e.chars().any(char::is_whitespace)
        && matches!(e.split_once('@'), Some((l, d)) if !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !d.contains('@'));
    if ok {
        Ok(e)
    } else {
        Err(AccountError::InvalidEmail(email.trim().to_owned()))
    }
}

/// What a new account needs.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    /// The login (normalized here).
    pub email: &'a str,
    /// The official's name.
    pub name: &'a str,
    /// The role.
    pub role: Role,
    /// The office, if any.
    pub dependency: Option<&'a str>,
    /// Who creates it: an account id, or `cli:<os user>`.
    pub created_by: &'a str,
    /// The language of the official's console and e-mails, when whoever creates the account
    /// knows it; none keeps, at the first login, the one the login page is read in.
    pub language: Option<Language>,
}

const COLUMNS: &str =
    "id, email, name, role, dependency, created_at, created_by, disabled_at, language";

/// Creates an account with a one-time password that must be changed at first login; returns
/// the account and the password (shown once, stored only as its hash). Logged as
/// `account_created`.
pub async fn create(
    db: &Db,
    now: DateTime<Utc>,
    new: NewAccount<'_>,
) -> Result<(Account, String), AccountError> {
    let email = normalize_email(new.email)?;
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AccountError::InvalidName);
    }
    let dependency = new.dependency.map(str::trim).filter(|d| !d.is_empty());
    let one_time = password::one_time();
    let hash = password::hash(&one_time).map_err(StoreError::Corrupt)?;
    let account = Account {
        id: uuid::Uuid::new_v4().to_string(),
        email,
        name: name.to_owned(),
        role: new.role.as_str().to_owned(),
        dependency: dependency.map(str::to_owned),
        created_at: instant_text(now),
        created_by: new.created_by.to_owned(),
        disabled_at: None,
        language: new.language.map(|l| l.as_str().to_owned()),
    };
    let inserted = sqlx::query(
        "INSERT INTO staff_accounts (id, email, name, role, dependency, password_hash, \
         must_change_password, created_at, created_by, language) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9)",
    )
    .bind(account.id.clone())
    .bind(account.email.clone())
    .bind(account.name.clone())
    .bind(account.role.clone())
    .bind(account.dependency.clone())
    .bind(hash)
    .bind(account.created_at.clone())
    .bind(account.created_by.clone())
    .bind(account.language.clone())
    .execute(&db.pool)
    .await;
    if let Err(e) = inserted {
        return Err(match unique_violation(&e) {
            Some(_) => AccountError::EmailTaken(account.email),
            None => e.into(),
        });
    }
    log::record(
        db,
        now,
        Kind::AccountCreated,
        Entry {
            account_id: Some(&account.id),
            email: Some(&account.email),
            actor: Some(new.created_by),
            detail: Some(&account.role),
            ..Entry::default()
        },
    )
    .await?;
    Ok((account, one_time))
}

/// Every account, by e-mail.
pub async fn list(db: &Db) -> Result<Vec<Account>, StoreError> {
    Ok(sqlx::query_as::<_, Account>(&format!(
        "SELECT {COLUMNS} FROM staff_accounts ORDER BY email"
    ))
    .fetch_all(&db.pool)
    .await?)
}

/// The account with `id`, if any.
pub async fn get(db: &Db, id: &str) -> Result<Option<Account>, StoreError> {
    Ok(sqlx::query_as::<_, Account>(&format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE id = $1"
    ))
    .bind(id.to_owned())
    .fetch_optional(&db.pool)
    .await?)
}

/// The account whose login is `email` (normalized here), if any.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<Account>, StoreError> {
    Ok(sqlx::query_as::<_, Account>(&format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE email = $1"
    ))
    .bind(email.trim().to_lowercase())
    .fetch_optional(&db.pool)
    .await?)
}

/// Keeps `language` as the one of the official of `account_id` (read at their first login,
/// then chosen with the console's language link): the console opens in it at their next login
/// and their e-mails are written in it. Returns whether it changed. A preference, not a
/// permission: it is not written to the access log.
pub async fn set_language(
    db: &Db,
    account_id: &str,
    language: Language,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE staff_accounts SET language = $1 WHERE id = $2 \
         AND (language IS NULL OR language <> $1)",
    )
    .bind(language.as_str())
    .bind(account_id.to_owned())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Failed logins per account before it is refused for [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
/// Failed logins per client address (any account) before the address is refused.
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
/// The window in which failed logins are counted.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

/// The answer to a login attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    /// The password matched an enabled account: its id.
    Ok(String),
    /// Unknown e-mail or wrong password (the answer does not say which).
    Wrong,
    /// Too many recent failures for this account or address: refused until `retry_at`,
    /// even with the right password.
    Throttled {
        /// When a new attempt will be considered.
        retry_at: DateTime<Utc>,
    },
    /// The account is disabled.
    Disabled,
}

async fn throttled(
    db: &Db,
    now: DateTime<Utc>,
    key: FailureKey,
    value: &str,
    max: usize,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let window = chrono::Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let recent = log::failures_since(db, key, value, now - window, max as i64).await?;
    if recent.len() < max {
        return Ok(None);
    }
    // The oldest of the last `max` failures leaves the window first.
    let oldest = recent.last().map(String::as_str).unwrap_or_default();
    let oldest = DateTime::parse_from_rfc3339(oldest)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now);
    Ok(Some(oldest + window))
}

#[derive(sqlx::FromRow)]
struct Credentials {
    id: String,
    password_hash: Option<String>,
    disabled_at: Option<String>,
}

/// Checks `email` and `password` from `address`, throttled per account and per address by the
/// failures in the access log (so the limit holds across processes and restarts), and records
/// the outcome there (the e-mail tried, never the password).
pub async fn login(
    db: &Db,
    now: DateTime<Utc>,
    email: &str,
    password: &str,
    address: Option<&str>,
) -> Result<Login, StoreError> {
    let email = email.trim().to_lowercase();
    let mut retry = throttled(db, now, FailureKey::Email, &email, MAX_FAILURES_PER_ACCOUNT).await?;
    if let Some(a) = address {
        if let Some(t) =
            throttled(db, now, FailureKey::Address, a, MAX_FAILURES_PER_ADDRESS).await?
        {
            retry = Some(retry.map_or(t, |r| r.max(t)));
        }
    }
    let row = sqlx::query_as::<_, Credentials>(
        "SELECT id, password_hash, disabled_at FROM staff_accounts WHERE email = $1",
    )
    .bind(email.clone())
    .fetch_optional(&db.pool)
    .await?;
    let entry = |account_id| Entry {
        account_id,
        email: Some(&email),
        address,
        ..Entry::default()
    };
    if let Some(retry_at) = retry {
        let id = row.as_ref().map(|r| r.id.as_str());
        log::record(db, now, Kind::LoginThrottled, entry(id)).await?;
        return Ok(Login::Throttled { retry_at });
    }
    // Verify even without an account, so both answers take the same time.
    let stored = row
        .as_ref()
        .and_then(|r| r.password_hash.as_deref())
        .unwrap_or(password::decoy());
    let stored = stored.to_owned();
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .unwrap_or(false);
    match row {
        Some(r) if matches && r.disabled_at.is_some() => {
            log::record(db, now, Kind::LoginDisabled, entry(Some(&r.id))).await?;
            Ok(Login::Disabled)
        }
        Some(r) if matches => {
            log::record(db, now, Kind::Login, entry(Some(&r.id))).await?;
            Ok(Login::Ok(r.id))
        }
        r => {
            let id = r.as_ref().map(|r| r.id.as_str());
            log::record(db, now, Kind::LoginFailed, entry(id)).await?;
            Ok(Login::Wrong)
        }
    }
}

/// Sets the password of `account_id` to `new` (chosen by its owner) and clears
/// `must_change_password`. Logged as `password_changed`.
pub async fn change_password(
    db: &Db,
    now: DateTime<Utc>,
    account_id: &str,
    new: &str,
    address: Option<&str>,
) -> Result<(), StoreError> {
    let new = new.to_owned();
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .map_err(StoreError::Corrupt)?;
    sqlx::query(
        "UPDATE staff_accounts SET password_hash = $1, must_change_password = 0 WHERE id = $2",
    )
    .bind(hash)
    .bind(account_id.to_owned())
    .execute(&db.pool)
    .await?;
    log::record(
        db,
        now,
        Kind::PasswordChanged,
        Entry {
            account_id: Some(account_id),
            actor: Some(account_id),
            address,
            ..Entry::default()
        },
    )
    .await
}

/// Whether `password` is the current password of `account_id`.
pub async fn check_password(db: &Db, account_id: &str, password: &str) -> Result<bool, StoreError> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("SELECT password_hash FROM staff_accounts WHERE id = $1")
            .bind(account_id.to_owned())
            .fetch_optional(&db.pool)
            .await?;
    let Some(Some(stored)) = stored else {
        return Ok(false);
    };
    let password = password.to_owned();
    Ok(
        tokio::task::spawn_blocking(move || password::verify(&password, &stored))
            .await
            .unwrap_or(false),
    )
}

/// Disables (`disabled = true`) or enables `account_id`, by `actor`. Disabling ends its
/// sessions at once (and [`sessions::find`] refuses a disabled account's session anyway).
pub async fn set_disabled(
    db: &Db,
    now: DateTime<Utc>,
    account_id: &str,
    disabled: bool,
    actor: &str,
    address: Option<&str>,
) -> Result<(), AccountError> {
    let account = get(db, account_id)
        .await?
        .ok_or_else(|| AccountError::NotFound(account_id.to_owned()))?;
    let at = disabled.then(|| instant_text(now));
    sqlx::query("UPDATE staff_accounts SET disabled_at = $1 WHERE id = $2")
        .bind(at)
        .bind(account_id.to_owned())
        .execute(&db.pool)
        .await?;
    if disabled {
        sessions::close_all(db, account_id).await?;
    }
    let kind = if disabled {
        Kind::AccountDisabled
    } else {
        Kind::AccountEnabled
    };
    log::record(
        db,
        now,
        kind,
        Entry {
            account_id: Some(account_id),
            email: Some(&account.email),
            actor: Some(actor),
            address,
            ..Entry::default()
        },
    )
    .await?;
    Ok(())
}

/// Gives `account_id` a new one-time password (returned, shown once) to be changed at the next
/// login, and ends its sessions. Logged as `password_reset`.
pub async fn reset_password(
    db: &Db,
    now: DateTime<Utc>,
    account_id: &str,
    actor: &str,
    address: Option<&str>,
) -> Result<String, AccountError> {
    let account = get(db, account_id)
        .await?
        .ok_or_else(|| AccountError::NotFound(account_id.to_owned()))?;
    let one_time = password::one_time();
    let copy = one_time.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&copy))
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .map_err(StoreError::Corrupt)?;
    sqlx::query(
        "UPDATE staff_accounts SET password_hash = $1, must_change_password = 1 WHERE id = $2",
    )
    .bind(hash)
    .bind(account_id.to_owned())
    .execute(&db.pool)
    .await?;
    sessions::close_all(db, account_id).await?;
    log::record(
        db,
        now,
        Kind::PasswordReset,
        Entry {
            account_id: Some(account_id),
            email: Some(&account.email),
            actor: Some(actor),
            address,
            ..Entry::default()
        },
    )
    .await?;
    Ok(one_time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(
            normalize_email("  Ana.Perez@Entidad.GOV.co ").unwrap(),
            "ana.perez@entidad.gov.co"
        );
        for bad in [
            "", "ana", "ana@", "@x.co", "ana@x", "a b@x.co", "a@b@x.co", "a@.co",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }
}
