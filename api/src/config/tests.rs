//! Tests of the configuration layers.

use super::entity::contrast_with_white;
use super::*;

#[test]
fn the_config_help_names_every_key_the_file_accepts() {
    use clap::CommandFactory;
    let keys = file_keys();
    // Keys from both ends of the struct: the list is the struct's, not a copy of it.
    assert!(keys.contains(&"bind") && keys.contains(&"portal_filings_per_minute"));
    let mut cli = crate::cli::Cli::command();
    let help = cli.render_help().to_string();
    for key in keys {
        assert!(help.contains(key), "`--config` help lacks `{key}`:\n{help}");
        // Each listed key is one the file really takes (a wrong name would be refused).
        let err = toml::from_str::<FileConfig>(&format!("{key} = 0\nnot_a_key = 1"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!err.contains(&format!("unknown field `{key}`")), "{err}");
    }
}

fn entity_with(e: EntityFile) -> Result<Entity, ConfigError> {
    entity(&FileConfig {
        entity: Some(e),
        ..Default::default()
    })
}

#[test]
fn the_entity_has_defaults_and_refuses_unreadable_colours_links_and_logos() {
    let e = entity(&FileConfig::default()).unwrap();
    assert_eq!(e.name, "Entidad pública");
    assert_eq!(e.primary_color, DEFAULT_PRIMARY_COLOR);
    assert_eq!(e.filings_per_minute, 10);
    assert!(e.privacy_policy_url.is_none() && e.logo.is_none());
    // White on the default blue reads well; on yellow it does not (WCAG 2.1, 1.4.3).
    assert!(contrast_with_white(DEFAULT_PRIMARY_COLOR).unwrap() >= 4.5);
    for bad in ["#ffdd00", "blue", "#12345", "#gg0000"] {
        let r = entity_with(EntityFile {
            primary_color: Some(bad.into()),
            ..Default::default()
        });
        assert!(
            matches!(
                r,
                Err(ConfigError::Invalid {
                    key: "entity.primary_color",
                    ..
                })
            ),
            "{bad}"
        );
    }
    let r = entity_with(EntityFile {
        privacy_policy_url: Some("javascript:alert(1)".into()),
        ..Default::default()
    });
    assert!(matches!(
        r,
        Err(ConfigError::Invalid {
            key: "entity.privacy_policy_url",
            ..
        })
    ));
    let r = entity_with(EntityFile {
        logo_file: Some("/nonexistent/escudo.png".into()),
        ..Default::default()
    });
    assert!(matches!(r, Err(ConfigError::Read { .. })));
    let r = entity_with(EntityFile {
        logo_file: Some("escudo.exe".into()),
        ..Default::default()
    });
    assert!(matches!(
        r,
        Err(ConfigError::Invalid {
            key: "entity.logo_file",
            ..
        })
    ));
}

#[test]
fn connection_limits_come_from_the_file_with_conservative_defaults() {
    let d = connection_limits(&FileConfig::default()).unwrap();
    assert_eq!(d.header_read_timeout, Duration::from_secs(10));
    assert_eq!(d.idle_timeout, Duration::from_secs(5));
    assert_eq!(d.max_header_bytes, 16 * 1024);
    assert_eq!(d.max_connections, 1024);
    let file = FileConfig {
        header_read_timeout_secs: Some(2),
        idle_timeout_secs: Some(3),
        max_header_bytes: Some(8192),
        max_connections: Some(10),
        ..Default::default()
    };
    let l = connection_limits(&file).unwrap();
    assert_eq!(l.header_read_timeout, Duration::from_secs(2));
    assert_eq!(l.idle_timeout, Duration::from_secs(3));
    assert_eq!(l.max_header_bytes, 8192);
    assert_eq!(l.max_connections, 10);
    for bad in [
        FileConfig {
            header_read_timeout_secs: Some(0),
            ..Default::default()
        },
        FileConfig {
            max_header_bytes: Some(10),
            ..Default::default()
        },
        FileConfig {
            max_connections: Some(0),
            ..Default::default()
        },
    ] {
        assert!(connection_limits(&bad).is_err());
    }
}

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

#[test]
fn the_entity_audit_key_comes_from_the_first_way_given_and_a_bad_one_is_an_error() {
    let dir = std::env::temp_dir().join(format!("pqrs-config-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("a.key");
    let key = pqrs_infrastructure::audit::generate_key_file(&key_file).unwrap();
    let from_file = pqrs_infrastructure::audit::public_key_hex(&key);
    let other = pqrs_infrastructure::audit::public_key_hex(
        &pqrs_infrastructure::audit::load_signing_key(&{
            let p = dir.join("b.key");
            pqrs_infrastructure::audit::generate_key_file(&p).unwrap();
            p
        })
        .unwrap(),
    );
    let none = FileConfig::default();
    assert_eq!(audit_public_key(None, None, &none).unwrap(), None);
    assert_eq!(
        audit_public_key(None, Some(key_file.clone()), &none).unwrap(),
        Some(from_file.clone())
    );
    let file = FileConfig {
        audit_signing_key: Some(key_file.clone()),
        ..Default::default()
    };
    assert_eq!(
        audit_public_key(None, None, &file).unwrap(),
        Some(from_file.clone())
    );
    assert_eq!(
        audit_public_key(Some(other.to_uppercase()), None, &file).unwrap(),
        Some(other.clone())
    );
    let public_in_file = FileConfig {
        audit_public_key: Some(other.clone()),
        audit_signing_key: Some(key_file),
        ..Default::default()
    };
    assert_eq!(
        audit_public_key(None, None, &public_in_file).unwrap(),
        Some(other)
    );
    assert!(audit_public_key(Some("zz".into()), None, &none).is_err());
    assert!(audit_public_key(None, Some(dir.join("missing.key")), &none).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn failed_access_attempts_default_to_ten_and_refuse_zero() {
    assert_eq!(
        access_failures_per_minute(&FileConfig::default()).unwrap(),
        10
    );
    let zero = FileConfig {
        access_failures_per_minute: Some(0),
        ..Default::default()
    };
    assert!(access_failures_per_minute(&zero).is_err());
    let three = FileConfig {
        access_failures_per_minute: Some(3),
        ..Default::default()
    };
    assert_eq!(access_failures_per_minute(&three).unwrap(), 3);
}

/// A file that does not parse is refused with the line, the column and the line's text; a key
/// that does not exist in the service's words, with the keys there are.
#[test]
fn a_file_that_does_not_parse_names_the_line_and_a_key_that_does_not_exist() {
    let dir = std::env::temp_dir().join(format!("pqrs-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let typo = dir.join("typo.toml");
    std::fs::write(&typo, "bind = \"127.0.0.1:0\"\n  smtp_urll = \"x\"\n").unwrap();
    let said = FileConfig::load(&typo).unwrap_err().to_string();
    assert!(
        said.contains(
            "line 2, column 3 (`smtp_urll = \"x\"`): there is no key `smtp_urll`; the keys are `bind`"
        ),
        "{said}"
    );
    assert!(said.contains("`smtp_url`"), "{said}");
    let garbage = dir.join("garbage.toml");
    std::fs::write(&garbage, "[entity\n").unwrap();
    let said = FileConfig::load(&garbage).unwrap_err().to_string();
    assert!(said.contains("line 1, column "), "{said}");
    assert!(!said.contains("TOML parse error"), "{said}");
}

/// The usual mistakes of a hand-written file are told in the service's words (the English of
/// messages of the catalogues, read in the operator's language by `cli::lang`), each beside
/// the line it is on; another reason stays as the parser wrote it.
#[test]
fn the_usual_mistakes_of_a_file_are_told_in_the_services_words() {
    for (text, line, said) in [
        (
            "smtp_url = smtp://x\n",
            1,
            "write the text between quotes, as in key = \"value\"",
        ),
        (
            "bind = \"a\"\nbind = \"b\"\n",
            2,
            "this key was already given above in the file",
        ),
        (
            "smtp_url = \"smtp://x\n",
            1,
            "the text is not closed with its quote",
        ),
        (
            "smtp_url = 'smtp://x\n",
            1,
            "the text is not closed with its quote",
        ),
        (
            "smtp_url\n",
            1,
            "the key has no value: write = and the value after it",
        ),
        ("[entity\n", 1, "the table's name is not closed with ]"),
        (
            "mail_off = [\"a\" \"b\"]\n",
            1,
            "the items of a list are separated by commas",
        ),
        (
            "bind = \"a\" x\n",
            1,
            "only a comment (# …) may follow the value on its line",
        ),
        ("= 3\n", 1, "the line has no key before ="),
        (
            "\nmax_batch = \"x\"\n",
            2,
            "a whole number goes here, without quotes, as in key = 60",
        ),
        (
            "max_batch = 1.5\n",
            1,
            "a whole number goes here, without quotes, as in key = 60",
        ),
        (
            "bind = 8080\n",
            1,
            "a text between quotes goes here, as in key = \"value\"",
        ),
        (
            "[entity]\nname = 3\n",
            2,
            "a text between quotes goes here, as in key = \"value\"",
        ),
        (
            "cors_origins = \"https://a.co\"\n",
            1,
            "a list between brackets goes here, as in key = [\"a\", \"b\"]",
        ),
        ("max_batch = -1\n", 1, "the number may not be negative"),
        (
            "access_failures_per_minute = 99999999999\n",
            1,
            "the number is too large",
        ),
    ] {
        let e = toml::from_str::<FileConfig>(text).unwrap_err();
        let reason = toml_reason(text, &e);
        assert!(
            reason.starts_with(&format!("line {line}, column ")),
            "{text:?}: {reason}"
        );
        assert!(
            reason.ends_with(&format!("): {said}")),
            "{text:?}: {reason}"
        );
    }
    // A reason not among the usual ones is shown as the parser wrote it.
    let text = "max_batch = 0x\n";
    let e = toml::from_str::<FileConfig>(text).unwrap_err();
    assert!(
        toml_reason(text, &e).ends_with(e.message()),
        "{}",
        e.message()
    );
}
