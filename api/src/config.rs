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
    /// The most business days a receipt date given by staff (`received_at`) may lie before
    /// the filing, 0–3650 (default 5: the art. 21 window; docs/legal.md). Also
    /// `PQRS_MAX_BACKDATING_DAYS`.
    pub max_backdating_days: Option<u32>,
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {source}")]
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
            message: e.to_string(),
        })
    }
}

/// The settings `pqrs serve` runs with.
#[derive(Debug, Clone)]
pub struct Settings {
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
}

/// The policy book in force: the entity's (`policy_file` / `PQRS_POLICY_FILE`) or the default
/// Colombian book (legal-terms.md §2).
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
        Ok(Settings {
            bind,
            database_url: database_url(database_url_flag, file),
            max_batch,
            request_timeout: Duration::from_secs(file.request_timeout_secs.unwrap_or(30).max(1)),
            body_limit_bytes: file.body_limit_bytes.unwrap_or(256 * 1024).max(1024),
            dev_clock,
            webhooks: file.webhooks.clone().unwrap_or_default(),
            scheduler_interval: Duration::from_secs(
                file.scheduler_interval_secs.unwrap_or(60).max(1),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_which_overrides_defaults() {
        let file = FileConfig {
            bind: Some("0.0.0.0:9000".into()),
            database_url: Some("sqlite://from-file.db".into()),
            ..Default::default()
        };
        let s = Settings::resolve(&file, None, None, None, false).unwrap();
        assert_eq!(s.bind.to_string(), "0.0.0.0:9000");
        assert_eq!(s.database_url, "sqlite://from-file.db");
        let s = Settings::resolve(
            &file,
            Some("127.0.0.1:1".into()),
            Some("postgres://x/y".into()),
            Some(8),
            true,
        )
        .unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:1");
        assert_eq!(s.database_url, "postgres://x/y");
        assert_eq!(s.max_batch, 8);
        let s = Settings::resolve(&FileConfig::default(), None, None, None, false).unwrap();
        assert_eq!(s.database_url, "sqlite://pqrs.db");
        assert!(Settings::resolve(
            &FileConfig::default(),
            Some("nope".into()),
            None,
            None,
            false
        )
        .is_err());
    }
}
