//! Configuration, in layers: defaults → optional TOML file (`--config` / `PQRS_CONFIG`) →
//! `PQRS_*` environment → command-line flags (clap merges the last two).

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

/// What a configuration file may set. Unknown keys are refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    pub bind: Option<String>,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: Option<String>,
    /// Most filings committed in one transaction.
    pub max_batch: Option<usize>,
    /// Longest a request may take, in seconds.
    pub request_timeout_secs: Option<u64>,
    /// Largest request body, in bytes.
    pub body_limit_bytes: Option<usize>,
    /// Seconds between scheduler runs.
    pub scheduler_interval_secs: Option<u64>,
    /// The entity's policy book (JSON: its periods, each with a catalog of terms per kind);
    /// default: Ley 1755 de 2015 with the Decreto 491 de 2020 window. Also `PQRS_POLICY_FILE`.
    pub policy_file: Option<std::path::PathBuf>,
    /// Webhooks that receive alerts: `[[webhooks]] url = "…" secret = "…"`.
    pub webhooks: Option<Vec<pqrs_infrastructure::alerts::Webhook>>,
    /// The Ed25519 key file that signs audit digests (`pqrs audit keygen --out FILE`).
    pub audit_signing_key: Option<std::path::PathBuf>,
    /// The key-encryption key of personal data (`pqrs keys init --out FILE`; also
    /// `PQRS_DATA_KEY_FILE`). Without one, a SQLite store uses (and first creates) the file
    /// beside it (`pqrs.db` → `pqrs.key`); docs/privacy.md.
    pub data_key_file: Option<std::path::PathBuf>,
    /// Seconds a client has to send a complete request head (also `PQRS_HEADER_READ_TIMEOUT_SECS`).
    pub header_read_timeout_secs: Option<u64>,
    /// Seconds a kept-alive connection may stay without a request (also `PQRS_IDLE_TIMEOUT_SECS`).
    pub idle_timeout_secs: Option<u64>,
    /// Largest request head (request line and headers), in bytes (also `PQRS_MAX_HEADER_BYTES`).
    pub max_header_bytes: Option<usize>,
    /// Most connections open at once (also `PQRS_MAX_CONNECTIONS`).
    pub max_connections: Option<usize>,
    /// The entity's audit public key (64 hex digits), for checking digests where the secret
    /// key is not at hand. Also `PQRS_AUDIT_PUBLIC_KEY`.
    pub audit_public_key: Option<String>,
    /// Failed access-code attempts a client address may make per minute before `429`
    /// (default 10). Also `PQRS_ACCESS_FAILURES_PER_MINUTE`.
    pub access_failures_per_minute: Option<u32>,
    /// Origins (`https://www.entidad.gov.co`) whose pages may call the JSON API from a browser
    /// (CORS). Empty or absent: none, the default. Also `PQRS_CORS_ORIGINS`, comma-separated.
    pub cors_origins: Option<Vec<String>>,
    /// The most business days a receipt date given by staff (`received_at`) may lie before
    /// the filing, 0–3650 (default 5: the art. 21 window; docs/legal.md). Also
    /// `PQRS_MAX_BACKDATING_DAYS`.
    pub max_backdating_days: Option<u32>,
    /// The entity the citizen portal speaks for (`[entity]`): name, logo, colour, address,
    /// contact, privacy policy. Everything optional.
    pub entity: Option<EntityFile>,
    /// Filings a client address may send through the portal's form per minute (default 10).
    pub portal_filings_per_minute: Option<u32>,
    // E-mail to the petitioner (issue 15; `crate::notify`, docs/notifications.md). Off unless
    // `smtp_url` is given; each also from the environment (`PQRS_SMTP_URL`, …), which wins.
    /// SMTP server in lettre's URL form (`smtp://127.0.0.1:2525`, `smtps://user:pass@host`,
    /// `smtp://user:pass@host:587?tls=required`). Also `PQRS_SMTP_URL`.
    pub smtp_url: Option<String>,
    /// Sender, e.g. `Alcaldía de Ejemplo <pqrs@alcaldia.gov.co>`. Also `PQRS_SMTP_FROM`.
    pub smtp_from: Option<String>,
    /// Reply-To mailbox. Also `PQRS_SMTP_REPLY_TO`.
    pub smtp_reply_to: Option<String>,
    /// A PEM file of certificate authorities to trust for the SMTP server's certificate
    /// beside the Mozilla roots (an entity's relay signed by its own CA). Also
    /// `PQRS_SMTP_CA_FILE`.
    pub smtp_ca_file: Option<String>,
    /// Messages not to send, e.g. `["positive_silence"]`. Also `PQRS_MAIL_OFF` (comma-separated).
    pub mail_off: Option<Vec<String>>,
    /// The portal's public address, for the link to follow a case. Also `PQRS_PORTAL_URL`.
    /// When it starts with `https://`, the console's session cookie is marked `Secure`.
    pub portal_url: Option<String>,
    // The staff console (issue 14, accounts; docs/console.md).
    /// Minutes a console session may stay unused before it ends (default 30). Also
    /// `PQRS_CONSOLE_IDLE_TIMEOUT_MINUTES`.
    pub console_idle_timeout_minutes: Option<u64>,
    /// Hours after login a console session ends, used or not (default 12). Also
    /// `PQRS_CONSOLE_ABSOLUTE_TIMEOUT_HOURS`.
    pub console_absolute_timeout_hours: Option<u64>,
}

mod entity;
#[cfg(test)]
mod tests;

pub use entity::{entity, Entity, EntityFile, DEFAULT_PRIMARY_COLOR};
pub use pqrs_infrastructure::error::{io_reason, io_write_reason};

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {}", io_reason(.source))]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("invalid config file {path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The mail settings cannot be used (the error names the setting).
    #[error(transparent)]
    Mail(#[from] pqrs_infrastructure::outbox::deliver::MailError),
    /// A value is out of range.
    #[error("invalid setting `{key}`: {message}")]
    Invalid {
        /// The setting.
        key: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl FileConfig {
    /// Reads a TOML file.
    pub fn load(path: &Path) -> Result<FileConfig, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.display().to_string(),
            message: toml_reason(&text, &e),
        })
    }
}

/// Where and why a TOML file does not parse, in the service's words (messages of the
/// catalogues): the line, the column and the line's text, then the parser's reason — a key
/// that does not exist said in our words with the keys there are, the usual mistakes in our
/// words ([`toml_words`]), any other reason as the parser wrote it.
fn toml_reason(text: &str, e: &toml::de::Error) -> String {
    let reason = e.message().trim().replace('\n', "; ");
    let reason = match reason
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once("`, expected one of "))
    {
        Some((key, keys)) => format!("there is no key `{key}`; the keys are {keys}"),
        None => toml_words(&reason).map_or(reason, str::to_owned),
    };
    let Some(at) = e.span().map(|s| s.start.min(text.len())) else {
        return reason;
    };
    let before = text.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[start..].chars().count() + 1;
    let written = text[start..].lines().next().unwrap_or_default().trim();
    format!("line {line}, column {column} (`{written}`): {reason}")
}

/// The usual mistakes of a hand-written TOML file, from the reasons the parser (and serde,
/// for a value of the wrong type) gives, said in the service's words: the English of messages
/// of the catalogues (`config-toml-…`), so the operator reads them in their language. `None`
/// for any other reason, which is then shown as the parser wrote it.
fn toml_words(reason: &str) -> Option<&'static str> {
    let (said, expected) = reason.split_once(", expected ").unwrap_or((reason, ""));
    let number = matches!(
        expected,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
    );
    Some(match said {
        "string values must be quoted" => "write the text between quotes, as in key = \"value\"",
        "duplicate key" => "this key was already given above in the file",
        "invalid basic string" | "invalid literal string" => {
            "the text is not closed with its quote"
        }
        "key with no value" => "the key has no value: write = and the value after it",
        "unclosed table" => "the table's name is not closed with ]",
        "missing comma between array elements" => "the items of a list are separated by commas",
        "unexpected key or value" => "only a comment (# …) may follow the value on its line",
        "unquoted keys cannot be empty" => "the line has no key before =",
        _ if said.starts_with("invalid type: ") && number => {
            "a whole number goes here, without quotes, as in key = 60"
        }
        _ if said.starts_with("invalid type: ") && expected == "a string" => {
            "a text between quotes goes here, as in key = \"value\""
        }
        _ if said.starts_with("invalid type: ") && expected == "a sequence" => {
            "a list between brackets goes here, as in key = [\"a\", \"b\"]"
        }
        _ if said.starts_with("invalid value: integer `-") && number => {
            "the number may not be negative"
        }
        _ if said.starts_with("invalid value: integer `") && number => "the number is too large",
        _ => return None,
    })
}

/// The keys a configuration file may hold, in the order of [`FileConfig`]. They are read from
/// its `Deserialize` implementation (the field list serde checks unknown keys against), so this
/// list and the struct cannot drift apart.
pub fn file_keys() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};
    /// A deserializer that only records the field names it is asked for.
    struct FieldNames(Option<&'static [&'static str]>);
    impl<'de> serde::Deserializer<'de> for &mut FieldNames {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Error::custom("only the field names are read"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(Error::custom("only the field names are read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut names = FieldNames(None);
    let _ = FileConfig::deserialize(&mut names);
    names.0.unwrap_or(&[])
}

/// The help of `--config`: every key a configuration file may hold ([`file_keys`]).
pub fn config_flag_help() -> String {
    format!(
        "Un archivo de configuración TOML (claves: {}; `entity` es una tabla)",
        file_keys().join(", ")
    )
}

/// The origins allowed to call the JSON API from a browser: `PQRS_CORS_ORIGINS`
/// (comma-separated), then `cors_origins` in the file; none by default. Each must be an origin
/// as a browser sends it: `http` or `https`, a host, an optional port, no path.
pub fn cors_origins(file: &FileConfig) -> Result<Vec<String>, ConfigError> {
    let given: Vec<String> = match env_text("PQRS_CORS_ORIGINS") {
        Some(list) => list.split(',').map(|o| o.trim().to_owned()).collect(),
        None => file.cors_origins.clone().unwrap_or_default(),
    };
    given
        .into_iter()
        .filter(|o| !o.is_empty())
        .map(|origin| {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            let valid = rest.is_some_and(|host| {
                !host.is_empty()
                    && host.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')
                    })
            });
            if valid {
                Ok(origin)
            } else {
                Err(ConfigError::Invalid {
                    key: "cors_origins",
                    message: format!(
                        "`{origin}` no es un origen: escriba esquema y dominio, sin ruta, p. ej. \
                         https://www.entidad.gov.co"
                    ),
                })
            }
        })
        .collect()
}

/// The settings `pqrs serve` runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Origins allowed to call the JSON API from a browser (CORS); empty: none.
    pub cors_origins: Vec<String>,
    /// Listen address.
    pub bind: SocketAddr,
    /// The store.
    pub database_url: String,
    /// Most filings per transaction.
    pub max_batch: usize,
    /// Request timeout.
    pub request_timeout: Duration,
    /// Body limit.
    pub body_limit_bytes: usize,
    /// Whether `PUT /v1/dev/clock` exists.
    pub dev_clock: bool,
    /// Time between scheduler runs.
    pub scheduler_interval: Duration,
    /// Alert webhooks.
    pub webhooks: Vec<pqrs_infrastructure::alerts::Webhook>,
    /// Connection limits of the accept loop.
    pub connections: crate::server::ConnectionLimits,
    /// Failed access-code attempts allowed per client address and minute.
    pub access_failures_per_minute: u32,
    /// The entity's audit public key (hex), if configured: digests sent to
    /// `POST /v1/audit/verify` must be signed by it.
    pub audit_public_key: Option<String>,
    /// The entity the citizen portal speaks for.
    pub entity: Entity,
}

/// Default seconds to send a request head: generous for a slow mobile link, short enough that
/// a client trickling headers holds its connection only briefly.
pub const DEFAULT_HEADER_READ_TIMEOUT_SECS: u64 = 10;
/// Default seconds an idle kept-alive connection stays open (Apache's `KeepAliveTimeout`).
pub const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 5;
/// Default largest request head: 16 KiB (Node.js's default; a pqrs request carries a short
/// bearer token and a few headers).
pub const DEFAULT_MAX_HEADER_BYTES: usize = 16 * 1024;
/// Default most connections open at once.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// A numeric setting: the `PQRS_*` environment variable, then the file, then the default;
/// refused outside `range`.
fn numeric<T>(
    key: &'static str,
    env: &str,
    file: Option<T>,
    default: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let value = match std::env::var(env) {
        Ok(text) => text.trim().parse().map_err(|_| ConfigError::Invalid {
            key,
            message: format!("{env}=`{text}` is not a whole number"),
        })?,
        Err(_) => file.unwrap_or(default),
    };
    if !range.contains(&value) {
        return Err(ConfigError::Invalid {
            key,
            message: format!("must be between {} and {}", range.start(), range.end()),
        });
    }
    Ok(value)
}

/// The connection limits: `PQRS_*` environment, then the file, then the defaults.
pub fn connection_limits(
    file: &FileConfig,
) -> Result<crate::server::ConnectionLimits, ConfigError> {
    Ok(crate::server::ConnectionLimits {
        header_read_timeout: Duration::from_secs(numeric(
            "header_read_timeout_secs",
            "PQRS_HEADER_READ_TIMEOUT_SECS",
            file.header_read_timeout_secs,
            DEFAULT_HEADER_READ_TIMEOUT_SECS,
            1..=3_600,
        )?),
        idle_timeout: Duration::from_secs(numeric(
            "idle_timeout_secs",
            "PQRS_IDLE_TIMEOUT_SECS",
            file.idle_timeout_secs,
            DEFAULT_IDLE_TIMEOUT_SECS,
            1..=3_600,
        )?),
        max_header_bytes: numeric(
            "max_header_bytes",
            "PQRS_MAX_HEADER_BYTES",
            file.max_header_bytes,
            DEFAULT_MAX_HEADER_BYTES,
            1_024..=1_048_576,
        )?,
        max_connections: numeric(
            "max_connections",
            "PQRS_MAX_CONNECTIONS",
            file.max_connections,
            DEFAULT_MAX_CONNECTIONS,
            1..=1_000_000,
        )?,
    })
}

/// The policy book in force: the entity's (`policy_file` / `PQRS_POLICY_FILE`) or the default
/// Colombian book (docs/legal.md §3).
pub fn policies(file: &FileConfig) -> Result<pqrs_domain::policy::PolicyBook, ConfigError> {
    let path = std::env::var_os("PQRS_POLICY_FILE")
        .map(std::path::PathBuf::from)
        .or_else(|| file.policy_file.clone());
    let Some(path) = path else {
        return Ok(pqrs_domain::policy::PolicyBook::colombia());
    };
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// The aggregate's services: the national calendar (closure days are loaded from the log) and
/// the policy book of the configuration.
pub fn services(file: &FileConfig) -> Result<pqrs_domain::PqrServices, ConfigError> {
    Ok(pqrs_domain::PqrServices {
        calendar: pqrs_domain::pqr::SharedCalendar::new(pqrs_domain::Calendar::colombia()),
        policies: policies(file)?,
        max_backdating_days: max_backdating_days(file)?,
    })
}

/// The backdating limit: `PQRS_MAX_BACKDATING_DAYS`, then the file, then
/// [`pqrs_domain::clock_rules::DEFAULT_MAX_BACKDATING_DAYS`]; 0–3650 business days.
pub fn max_backdating_days(file: &FileConfig) -> Result<u32, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        key: "max_backdating_days",
        message,
    };
    let days = match std::env::var("PQRS_MAX_BACKDATING_DAYS") {
        Ok(v) => v
            .trim()
            .parse::<u32>()
            .map_err(|_| invalid(format!("`{v}` is not a whole number of business days")))?,
        Err(_) => file
            .max_backdating_days
            .unwrap_or(pqrs_domain::clock_rules::DEFAULT_MAX_BACKDATING_DAYS),
    };
    if days > 3650 {
        return Err(invalid(format!("{days} is more than 3650 business days")));
    }
    Ok(days)
}

/// Defaults.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Resolves the database URL: flag/env, then file, then the SQLite default.
pub fn database_url(flag: Option<String>, file: &FileConfig) -> String {
    flag.or_else(|| file.database_url.clone())
        .unwrap_or_else(|| pqrs_infrastructure::db::DEFAULT_URL.to_owned())
}

/// Resolves the audit signing key file: flag/env (`PQRS_AUDIT_SIGNING_KEY`), then file.
pub fn audit_signing_key(
    flag: Option<std::path::PathBuf>,
    file: &FileConfig,
) -> Option<std::path::PathBuf> {
    flag.or_else(|| file.audit_signing_key.clone())
}

/// Resolves the key-encryption key file of personal data: `PQRS_DATA_KEY_FILE`, then the
/// file's `data_key_file` (docs/privacy.md).
pub fn data_key_file(file: &FileConfig) -> Option<std::path::PathBuf> {
    env_text("PQRS_DATA_KEY_FILE")
        .map(std::path::PathBuf::from)
        .or_else(|| file.data_key_file.clone())
}

/// Default of [`Settings::access_failures_per_minute`]: ten wrong codes a minute are more than
/// a citizen mistyping ever needs, and far too few to search codes of 100 bits.
pub const DEFAULT_ACCESS_FAILURES_PER_MINUTE: u32 = 10;

fn env_text(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Resolves the failed access-code attempts per minute: `PQRS_ACCESS_FAILURES_PER_MINUTE`,
/// then the file, then [`DEFAULT_ACCESS_FAILURES_PER_MINUTE`]; 1 to 10 000.
pub fn access_failures_per_minute(file: &FileConfig) -> Result<u32, ConfigError> {
    let invalid = || ConfigError::Invalid {
        key: "access_failures_per_minute",
        message: "debe ser un número entero entre 1 y 10000".into(),
    };
    let n = match env_text("PQRS_ACCESS_FAILURES_PER_MINUTE") {
        Some(v) => v.trim().parse::<u32>().map_err(|_| invalid())?,
        None => file
            .access_failures_per_minute
            .unwrap_or(DEFAULT_ACCESS_FAILURES_PER_MINUTE),
    };
    if !(1..=10_000).contains(&n) {
        return Err(invalid());
    }
    Ok(n)
}

/// Resolves the entity's audit public key (hex, lower case), from the first of: `public_key`
/// (`--public-key` / `PQRS_AUDIT_PUBLIC_KEY`), the signing key file `key_file` (`--key` /
/// `PQRS_AUDIT_SIGNING_KEY`), `audit_public_key` and `audit_signing_key` in the file. `None`
/// when none is given; an error when the one given cannot be used (never ignored).
pub fn audit_public_key(
    public_key: Option<String>,
    key_file: Option<std::path::PathBuf>,
    file: &FileConfig,
) -> Result<Option<String>, Box<dyn std::error::Error + Send + Sync>> {
    let from_hex = |hex_text: &str| -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        pqrs_infrastructure::audit::parse_public_key_hex(hex_text).ok_or_else(|| {
            format!(
                "la clave pública de auditoría `{}` no es una clave Ed25519 de 64 dígitos \
                 hexadecimales",
                hex_text.trim()
            )
            .into()
        })
    };
    let from_file = |path: &Path| -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let key = pqrs_infrastructure::audit::load_signing_key(path)?;
        Ok(pqrs_infrastructure::audit::public_key_hex(&key))
    };
    if let Some(hex_text) = public_key {
        return from_hex(&hex_text).map(Some);
    }
    if let Some(path) = key_file {
        return from_file(&path).map(Some);
    }
    if let Some(hex_text) = &file.audit_public_key {
        return from_hex(hex_text).map(Some);
    }
    match &file.audit_signing_key {
        Some(path) => from_file(path).map(Some),
        None => Ok(None),
    }
}

impl Settings {
    /// Merges the layers; `flags` already hold the environment (clap `env`).
    pub fn resolve(
        file: &FileConfig,
        bind: Option<String>,
        database_url_flag: Option<String>,
        max_batch: Option<usize>,
        dev_clock: bool,
    ) -> Result<Settings, ConfigError> {
        let bind_text = bind
            .or_else(|| file.bind.clone())
            .unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind = bind_text.parse().map_err(|_| ConfigError::Invalid {
            key: "bind",
            message: format!("`{bind_text}` is not an address such as 127.0.0.1:8080"),
        })?;
        let max_batch = max_batch
            .or(file.max_batch)
            .unwrap_or(pqrs_infrastructure::radicacion::DEFAULT_MAX_BATCH);
        if !(1..=2_000).contains(&max_batch) {
            return Err(ConfigError::Invalid {
                key: "max_batch",
                message: "must be between 1 and 2000".into(),
            });
        }
        let audit_public_key = audit_public_key(
            env_text("PQRS_AUDIT_PUBLIC_KEY"),
            env_text("PQRS_AUDIT_SIGNING_KEY").map(std::path::PathBuf::from),
            file,
        )
        .map_err(|e| ConfigError::Invalid {
            key: "audit_signing_key",
            message: e.to_string(),
        })?;
        Ok(Settings {
            cors_origins: cors_origins(file)?,
            entity: entity(file)?,
            access_failures_per_minute: access_failures_per_minute(file)?,
            audit_public_key,
            bind,
            database_url: database_url(database_url_flag, file),
            max_batch,
            request_timeout: Duration::from_secs(file.request_timeout_secs.unwrap_or(30).max(1)),
            body_limit_bytes: file.body_limit_bytes.unwrap_or(256 * 1024).max(1024),
            dev_clock,
            webhooks: file.webhooks.clone().unwrap_or_default(),
            connections: connection_limits(file)?,
            scheduler_interval: Duration::from_secs(
                file.scheduler_interval_secs.unwrap_or(60).max(1),
            ),
        })
    }
}

/// The staff console's settings (issue 14; docs/console.md).
#[derive(Debug, Clone)]
pub struct Console {
    /// Idle and absolute session timeouts.
    pub timeouts: pqrs_infrastructure::accounts::sessions::Timeouts,
    /// Whether the session cookie is `Secure`: the service is reached over TLS, which pqrs
    /// knows from its public address (`portal_url` / `PQRS_PORTAL_URL` starting with
    /// `https://`; TLS itself ends at the entity's proxy).
    pub secure_cookie: bool,
    /// The public address of the service (`portal_url`), without a trailing `/`.
    pub public_url: Option<String>,
}

/// The public address of the service: `PQRS_PORTAL_URL`, then `portal_url` in the file.
pub fn public_url(file: &FileConfig) -> Option<String> {
    env_text("PQRS_PORTAL_URL")
        .or_else(|| file.portal_url.clone())
        .map(|u| u.trim().trim_end_matches('/').to_owned())
}

/// Resolves the console's settings: `PQRS_CONSOLE_*` environment, then the file, then the
/// defaults (30 minutes idle, 12 hours absolute).
pub fn console(file: &FileConfig) -> Result<Console, ConfigError> {
    let idle = numeric(
        "console_idle_timeout_minutes",
        "PQRS_CONSOLE_IDLE_TIMEOUT_MINUTES",
        file.console_idle_timeout_minutes,
        30,
        1..=24 * 60,
    )?;
    let absolute = numeric(
        "console_absolute_timeout_hours",
        "PQRS_CONSOLE_ABSOLUTE_TIMEOUT_HOURS",
        file.console_absolute_timeout_hours,
        12,
        1..=24 * 30,
    )?;
    let public_url = public_url(file);
    Ok(Console {
        timeouts: pqrs_infrastructure::accounts::sessions::Timeouts {
            idle: Duration::from_secs(idle * 60),
            absolute: Duration::from_secs(absolute * 3600),
        },
        secure_cookie: public_url
            .as_deref()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://")),
        public_url,
    })
}
