//! The staff access log (`staff_access_log`): who signed in, failed to, signed out, or changed
//! an account or a token — when and from where. Read by auditors; never holds a password or a
//! secret. The failed logins it keeps are also what throttling counts, so the limit holds
//! across restarts and across every `pqrs` process on the store.

use crate::clock::instant_text;
use crate::db::Db;
use crate::error::StoreError;
use chrono::{DateTime, Utc};

/// What happened.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::Display, strum::EnumString, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    /// A successful login.
    Login,
    /// A wrong e-mail or password (the e-mail tried is kept, never the password).
    LoginFailed,
    /// A login refused because of too many recent failures (not counted as a failure).
    LoginThrottled,
    /// A login refused because the account is disabled.
    LoginDisabled,
    /// The official signed out.
    Logout,
    /// The official changed their password.
    PasswordChanged,
    /// An account was created.
    AccountCreated,
    /// An account was disabled (its sessions end).
    AccountDisabled,
    /// An account was enabled again.
    AccountEnabled,
    /// An admin reset an account's password (a new one-time password).
    PasswordReset,
    /// A machine token was created.
    TokenCreated,
    /// A machine token was revoked.
    TokenRevoked,
}

impl Kind {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The entry in plain Spanish, for the auditors' page.
    pub fn spanish(self) -> &'static str {
        match self {
            Kind::Login => "Inicio de sesión",
            Kind::LoginFailed => "Intento fallido de inicio de sesión",
            Kind::LoginThrottled => "Inicio de sesión bloqueado por intentos fallidos",
            Kind::LoginDisabled => "Inicio de sesión de una cuenta desactivada",
            Kind::Logout => "Cierre de sesión",
            Kind::PasswordChanged => "Cambio de clave",
            Kind::AccountCreated => "Cuenta creada",
            Kind::AccountDisabled => "Cuenta desactivada",
            Kind::AccountEnabled => "Cuenta activada",
            Kind::PasswordReset => "Clave restablecida",
            Kind::TokenCreated => "Token creado",
            Kind::TokenRevoked => "Token revocado",
        }
    }
}

/// One entry to record.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    /// The account concerned (the one that signed in, or was changed), if any.
    pub account_id: Option<&'a str>,
    /// The e-mail concerned (for a failed login: the one tried, lower-cased).
    pub email: Option<&'a str>,
    /// Who did it: an account id, or `cli:<os user>` for the command line.
    pub actor: Option<&'a str>,
    /// The client address.
    pub address: Option<&'a str>,
    /// A short note (a token id, a role), never a secret.
    pub detail: Option<&'a str>,
}

/// Records `kind` with `entry` at `at`.
pub async fn record(
    db: &Db,
    at: DateTime<Utc>,
    kind: Kind,
    entry: Entry<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO staff_access_log (at, kind, account_id, email, actor, address, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(instant_text(at))
    .bind(kind.as_str())
    .bind(entry.account_id.map(str::to_owned))
    .bind(entry.email.map(str::to_owned))
    .bind(entry.actor.map(str::to_owned))
    .bind(entry.address.map(str::to_owned))
    .bind(entry.detail.map(str::to_owned))
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A recorded entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Recorded {
    /// Its number (increasing).
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What ([`Kind`] in snake_case).
    pub kind: String,
    /// The account concerned.
    pub account_id: Option<String>,
    /// The e-mail concerned.
    pub email: Option<String>,
    /// Who did it.
    pub actor: Option<String>,
    /// From which address.
    pub address: Option<String>,
    /// A short note.
    pub detail: Option<String>,
}

/// The entries newest first, `limit` of them after skipping `offset`; and the total count.
pub async fn page(db: &Db, offset: i64, limit: i64) -> Result<(Vec<Recorded>, i64), StoreError> {
    let rows = sqlx::query_as::<_, Recorded>(
        "SELECT id, at, kind, account_id, email, actor, address, detail FROM staff_access_log \
         ORDER BY id DESC LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_access_log")
        .fetch_one(&db.pool)
        .await?;
    Ok((rows, total))
}

/// The instants of the failed logins since `since` whose `column` (`email` or `address`)
/// equals `value`, newest first, at most `limit`; failures before the account's last
/// successful login (for `email`) do not count.
pub(crate) async fn failures_since(
    db: &Db,
    column: FailureKey,
    value: &str,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    let sql = match column {
        FailureKey::Email => {
            "SELECT at FROM staff_access_log WHERE kind = 'login_failed' AND email = $1 AND at >= $2 \
             AND at > COALESCE((SELECT MAX(at) FROM staff_access_log WHERE kind = 'login' AND email = $1), '') \
             ORDER BY at DESC LIMIT $3"
        }
        FailureKey::Address => {
            "SELECT at FROM staff_access_log WHERE kind = 'login_failed' AND address = $1 AND at >= $2 \
             ORDER BY at DESC LIMIT $3"
        }
    };
    Ok(sqlx::query_scalar::<_, String>(sql)
        .bind(value.to_owned())
        .bind(instant_text(since))
        .bind(limit)
        .fetch_all(&db.pool)
        .await?)
}

/// Which column failed logins are counted by.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FailureKey {
    /// Per account (the e-mail tried).
    Email,
    /// Per client address.
    Address,
}
