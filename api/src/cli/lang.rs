//! The language of what `pqrs` prints for a person: Spanish (es-CO) by default, English with
//! the global `--lang en` flag or `PQRS_LANG=en` (the flag wins; docs/language.md).
//!
//! The texts are the `cli-…` messages of the Fluent catalogues (`api/locales/*/main.ftl`),
//! written through [`say`]; the final error line goes through
//! [`crate::i18n::translate_nested`], so an error of the domain, the infrastructure or the
//! configuration reaches the person in the same language.
//! JSON output and machine fields never change with the language. The language is chosen
//! once, before any command runs, and kept here like the key file of `common`.

use crate::i18n::{translate, translate_nested, Lang, Msg};
use std::sync::OnceLock;

/// The language chosen for this run (Spanish until [`choose`] says otherwise).
static LANG: OnceLock<Lang> = OnceLock::new();

/// A `--lang` value that is neither Spanish nor English: a usage error, written in Spanish
/// because no language was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl std::fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            &Msg::new("cli-lang-unknown")
                .arg("value", &self.0)
                .text(Lang::Es),
        )
    }
}

/// The language of a `--lang` value: `es` (or `es-CO`, `es-419`…) or `en` (or `en-US`…),
/// in any case; anything else is refused.
pub fn parse(value: &str) -> Result<Lang, UnknownLang> {
    let primary = value.trim().split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "es" => Ok(Lang::Es),
        "en" => Ok(Lang::En),
        _ => Err(UnknownLang(value.to_owned())),
    }
}

/// The language of a run: the `--lang` flag if given (an unknown value is refused), else
/// `PQRS_LANG` (English only when it names English; any other value is Spanish, so a stray
/// environment does not stop a cron job), else Spanish.
pub fn resolve(flag: Option<&str>, env: Option<&str>) -> Result<Lang, UnknownLang> {
    match flag {
        Some(value) => parse(value),
        None => Ok(env.and_then(|v| parse(v).ok()).unwrap_or_default()),
    }
}

/// Records the language of this run; the first choice stands.
pub fn choose(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of this run.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A message of the catalogues in the language of this run.
pub fn say(msg: Msg) -> String {
    msg.text(lang())
}

/// A message without arguments in the language of this run.
pub fn word(key: &str) -> String {
    say(Msg::new(key))
}

/// A reason the service writes in English (why a file, an address or a store could not be
/// used, known to the catalogues), in the language of this run with the reasons it carries;
/// the system's own words as they are.
pub fn reason(english: &str) -> String {
    translate_nested(english, lang())
}

/// Field errors of a request the CLI built from its options (`from`, "must not be before
/// `from`"), as the options they came from (`--from`, `--at-position`) with each message in the
/// language of this run, joined with "; ". The messages are the API's, written in English and
/// known to the catalogues.
pub fn option_errors<F: AsRef<str>, M: AsRef<str>>(
    errors: impl IntoIterator<Item = (F, M)>,
) -> String {
    errors
        .into_iter()
        .map(|(field, message)| {
            let option = field.as_ref().replace('_', "-");
            format!("--{option} {}", translate(message.as_ref(), lang()))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The final error line's text in the language of this run: a text the catalogues know (an
/// error of the domain, of the infrastructure, of the CLI or of the configuration, and the
/// texts such an error carries) is written in that language, any other as it came.
pub fn error_text(error: &(dyn std::error::Error + 'static)) -> String {
    translate_nested(&error.to_string(), lang())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{EntityFile, FileConfig};
    use crate::i18n::translate;
    use pqrs_infrastructure::outbox::deliver::MailSettings;

    /// What loading a configuration file holding `text` says.
    fn toml_refused(dir: &std::path::Path, text: &str) -> String {
        let file = dir.join("refused.toml");
        std::fs::write(&file, text).unwrap();
        FileConfig::load(&file).unwrap_err().to_string()
    }

    /// What stops a start, as the code writes it: each kind of configuration error, from the
    /// functions that refuse it (those read from the file, so no environment is needed).
    fn refusals() -> Vec<String> {
        let dir = std::env::temp_dir().join(format!("pqrs-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let garbage = dir.join("garbage.txt");
        std::fs::write(&garbage, "[entity\n").unwrap();
        let typo = dir.join("typo.toml");
        std::fs::write(&typo, "bind = \"127.0.0.1:0\"\nsmtp_urll = \"x\"\n").unwrap();
        let mail = |f: FileConfig| {
            crate::notify::mail_config(&FileConfig {
                smtp_url: Some("smtp://127.0.0.1:2525".into()),
                ..f
            })
            .expect_err("refused")
            .to_string()
        };
        let entity = |e: EntityFile| {
            crate::config::entity(&FileConfig {
                entity: Some(e),
                ..FileConfig::default()
            })
            .expect_err("refused")
            .to_string()
        };
        let transport = |url: &str| {
            MailSettings {
                url: url.into(),
                from: "pqrs@prueba.gov.co".into(),
                reply_to: None,
                ca_pem: Some(b"-----BEGIN CERTIFICATE-----".to_vec()),
            }
            .transport()
            .map(|_| ())
            .expect_err("refused")
            .to_string()
        };
        let from = |from: &str| FileConfig {
            smtp_from: Some(from.into()),
            ..FileConfig::default()
        };
        vec![
            FileConfig::load(&dir.join("missing.toml"))
                .unwrap_err()
                .to_string(),
            FileConfig::load(&garbage).unwrap_err().to_string(),
            FileConfig::load(&typo).unwrap_err().to_string(),
            // The usual mistakes of a hand-written file, in the service's words.
            toml_refused(&dir, "smtp_url = smtp://x\n"),
            toml_refused(&dir, "bind = \"a\"\nbind = \"b\"\n"),
            toml_refused(&dir, "smtp_url = \"smtp://x\n"),
            toml_refused(&dir, "smtp_url\n"),
            toml_refused(&dir, "max_batch = \"x\"\n"),
            toml_refused(&dir, "bind = 8080\n"),
            toml_refused(&dir, "cors_origins = \"https://a.co\"\n"),
            toml_refused(&dir, "max_batch = -1\n"),
            toml_refused(&dir, "access_failures_per_minute = 99999999999\n"),
            toml_refused(&dir, "mail_off = [\"a\" \"b\"]\n"),
            toml_refused(&dir, "bind = \"a\" x\n"),
            toml_refused(&dir, "= 3\n"),
            mail(FileConfig::default()),
            mail(from("nada")),
            mail(FileConfig {
                mail_off: Some(vec!["todo".into()]),
                ..from("pqrs@prueba.gov.co")
            }),
            mail(FileConfig {
                portal_url: Some("ftp://prueba.gov.co".into()),
                ..from("pqrs@prueba.gov.co")
            }),
            mail(FileConfig {
                smtp_ca_file: Some(dir.join("missing.pem").display().to_string()),
                ..from("pqrs@prueba.gov.co")
            }),
            mail(FileConfig {
                smtp_ca_file: Some(garbage.display().to_string()),
                ..from("pqrs@prueba.gov.co")
            }),
            transport("smtp://127.0.0.1:2525"),
            transport("correo://127.0.0.1"),
            // Every reason a URL or a mailbox is refused, in the service's words, not the
            // libraries' (English only).
            transport("relay.prueba.gov.co:25"),
            transport("smtp://"),
            transport("smtp://relay.prueba.gov.co:99999"),
            transport("smtp://relay prueba.gov.co"),
            transport("smtp://[::1"),
            transport("smtp://relay.prueba.gov.co?tls=siempre"),
            mail(from("Alcaldía <pqrs@prueba.gov.co")),
            mail(from("Alcaldía <@prueba.gov.co>")),
            mail(from("Alcaldía <pqrs@prueba..gov.co>")),
            mail(from("Alcaldía <pqrs@prueba.gov.co> x")),
            entity(EntityFile {
                primary_color: Some("rojo".into()),
                ..EntityFile::default()
            }),
            entity(EntityFile {
                primary_color: Some("#ffff00".into()),
                ..EntityFile::default()
            }),
            entity(EntityFile {
                privacy_policy_url: Some("ftp://x".into()),
                ..EntityFile::default()
            }),
            entity(EntityFile {
                logo_file: Some(dir.join("logo.gif")),
                ..EntityFile::default()
            }),
            crate::config::cors_origins(&FileConfig {
                cors_origins: Some(vec!["https://x.co/ruta".into()]),
                ..FileConfig::default()
            })
            .unwrap_err()
            .to_string(),
            crate::config::max_backdating_days(&FileConfig {
                max_backdating_days: Some(5000),
                ..FileConfig::default()
            })
            .unwrap_err()
            .to_string(),
            crate::config::audit_public_key(Some("abc".into()), None, &FileConfig::default())
                .unwrap_err()
                .to_string(),
        ]
    }

    /// Why a file or an address cannot be used, as the code writes it (the keys' files — the
    /// personal data master key, the audit signing key —, a digest, a file written, the
    /// address the service listens on), and the infrastructure's refusals it writes in
    /// Spanish (accounts, keys, suppression, rectification).
    fn files_and_infrastructure_refused() -> Vec<String> {
        use pqrs_infrastructure::audit::{self as digest, HeadDigest};
        use pqrs_infrastructure::crypto::SecretKey;
        use std::io::{Error, ErrorKind};
        let dir = std::env::temp_dir().join(format!("pqrs-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let garbage = dir.join("garbage.key");
        std::fs::write(&garbage, "not a key\n").unwrap();
        let (missing, no_folder) = (dir.join("missing.key"), dir.join("no/such/file.key"));
        let malformed: HeadDigest = serde_json::from_value(serde_json::json!({
            "format": "x", "position": 0, "hash": "", "recorded_at": "", "signed_at": "",
            "public_key": "", "signature": ""
        }))
        .unwrap();
        let mut said = vec![
            SecretKey::read_file(&missing).unwrap_err().to_string(),
            SecretKey::read_file(&garbage).unwrap_err().to_string(),
            SecretKey::create_file(&garbage).unwrap_err().to_string(),
            SecretKey::create_file(&no_folder).unwrap_err().to_string(),
            digest::load_signing_key(&missing).unwrap_err().to_string(),
            digest::load_signing_key(&garbage).unwrap_err().to_string(),
            digest::generate_key_file(&no_folder)
                .unwrap_err()
                .to_string(),
            malformed.verify_signature().unwrap_err().to_string(),
        ];
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::IsADirectory,
            ErrorKind::AlreadyExists,
            ErrorKind::StorageFull,
        ] {
            said.push(crate::config::io_write_reason(&Error::from(kind)));
        }
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::IsADirectory,
        ] {
            said.push(crate::config::io_reason(&Error::from(kind)));
        }
        for kind in [
            ErrorKind::AddrInUse,
            ErrorKind::PermissionDenied,
            ErrorKind::AddrNotAvailable,
        ] {
            said.push(super::super::serve::listen_reason(&Error::from(kind)));
        }
        // The infrastructure's refusals written in Spanish, known to the catalogues, so an
        // English run reads them in English.
        use pqrs_infrastructure::accounts::AccountError;
        use pqrs_infrastructure::crypto::CryptoError;
        use pqrs_infrastructure::privacy::keys::KeyStartError;
        use pqrs_infrastructure::privacy::rectify::RectifyError;
        use pqrs_infrastructure::privacy::suppress::SuppressError;
        said.extend([
            AccountError::InvalidEmail("ana".into()).to_string(),
            AccountError::InvalidName.to_string(),
            AccountError::EmailTaken("ana@entidad.gov.co".into()).to_string(),
            AccountError::NotFound("7".into()).to_string(),
            KeyStartError::WrongKek {
                given: "a1".into(),
                expected: "b2".into(),
            }
            .to_string(),
            KeyStartError::Missing.to_string(),
            CryptoError::Open.to_string(),
            CryptoError::Malformed.to_string(),
            SuppressError::NotFound.to_string(),
            SuppressError::AlreadySuppressed("2026-03-01".into()).to_string(),
            SuppressError::NotEncrypted.to_string(),
            SuppressError::NoKeyring.to_string(),
            RectifyError::Suppressed("2026-03-01".into()).to_string(),
            RectifyError::Conflict.to_string(),
        ]);
        said
    }

    #[test]
    fn what_stops_a_start_is_spanish_by_default_and_english_on_request_all_through() {
        for written in refusals()
            .into_iter()
            .chain(files_and_infrastructure_refused())
        {
            assert!(
                Msg::recognise(&written).is_some(),
                "unknown to the catalogues: {written}"
            );
            let (es, en) = (
                translate_nested(&written, Lang::Es),
                translate_nested(&written, Lang::En),
            );
            assert_ne!(es, en, "{written}");
            for english in [
                "invalid setting",
                "cannot read",
                "is not",
                "must ",
                "Missing",
                "Invalid",
                "Unknown",
                "invalid",
                " the ",
                "Connection error",
                "No such file",
                "without",
                "angle bracket",
                "expected",
                "quote",
                "duplicate",
                "unclosed",
                "integer",
                "table",
            ] {
                assert!(!es.contains(english), "{es}");
            }
            for spanish in ["valor no válido", "no se pudo", "no es ", "debe "] {
                assert!(!en.contains(spanish), "{en}");
            }
        }
    }

    /// Every holiday's legal basis reads in Spanish in a Spanish run: the English glosses the
    /// domain keeps beside the law's words are messages of the catalogues.
    #[test]
    fn every_holidays_law_reads_in_spanish() {
        for rule in pqrs_domain::calendar::rules::NATIONAL_RULES {
            let es = translate_nested(&rule.legal_basis, Lang::Es);
            for english in ["moved", "Monday", "feast", "July", " the "] {
                assert!(!es.contains(english), "{}: {es}", rule.name);
            }
        }
    }

    #[test]
    fn the_flag_wins_and_anything_but_english_is_spanish() {
        for (flag, env, lang) in [
            (None, None, Lang::Es),
            (None, Some("en"), Lang::En),
            (None, Some("EN_us"), Lang::En),
            (None, Some("fr"), Lang::Es),
            (None, Some(""), Lang::Es),
            (Some("es"), Some("en"), Lang::Es),
            (Some("en"), Some("es"), Lang::En),
            (Some("es-CO"), None, Lang::Es),
            (Some("en-US"), None, Lang::En),
        ] {
            assert_eq!(
                resolve(flag, env),
                Ok(lang),
                "--lang {flag:?}, PQRS_LANG {env:?}"
            );
        }
    }

    #[test]
    fn an_unknown_flag_value_is_a_spanish_usage_error() {
        let err = resolve(Some("fr"), Some("en")).expect_err("fr is refused");
        let text = err.to_string();
        assert!(
            text.contains("`fr`") && text.contains("--lang en"),
            "{text}"
        );
        assert!(text.contains("idioma"), "{text}");
    }

    #[test]
    fn an_error_of_the_domain_is_written_in_the_chosen_language() {
        let err = pqrs_domain::Kind::parse("queja").expect_err("not a kind");
        let es = translate(&err.to_string(), Lang::Es);
        let en = translate(&err.to_string(), Lang::En);
        assert!(es.contains("tipo"), "{es}");
        assert!(en.starts_with("unknown kind `queja`"), "{en}");
    }
}
