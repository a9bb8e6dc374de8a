//! The `pqrs` command line speaks Spanish (es-CO) by default and English when asked with
//! `--lang en` or `PQRS_LANG=en` (the flag wins); an unknown language is a Spanish usage
//! error; `--json` output is the same in both languages (docs/language.md).

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use std::process::Output;

on_both_backends!(
    migrate_says_what_it_did_in_the_language_asked_for,
    token_create_and_list_speak_the_language_asked_for,
    a_jobs_run_summarises_in_the_language_asked_for,
    audit_verify_writes_its_labels_in_the_language_but_not_its_json,
    an_unknown_radicado_to_suppress_is_refused_in_the_language_asked_for,
    options_refused_after_parsing_speak_the_language_asked_for,
    the_calendar_rules_give_the_law_in_the_language_asked_for,
);

/// How a run asks for its language.
#[derive(Debug, Clone, Copy)]
enum Asked {
    /// Nothing: Spanish.
    Nothing,
    /// `--lang en`.
    Flag,
    /// `PQRS_LANG=en`.
    Env,
}

/// The three ways, with whether each one means English.
const WAYS: [(Asked, bool); 3] = [
    (Asked::Nothing, false),
    (Asked::Flag, true),
    (Asked::Env, true),
];

/// Runs `pqrs` with `args`, asking for the language as `asked` (and nothing else from the
/// environment: no store, no language but the one given).
async fn pqrs(asked: Asked, args: &[&str]) -> Output {
    let mut cmd = tokio::process::Command::new(server_binary());
    if let Asked::Flag = asked {
        cmd.args(["--lang", "en"]);
    }
    cmd.args(args)
        .env_remove("PQRS_DATABASE_URL")
        .env_remove("PQRS_LANG")
        .env_remove("PQRS_CONFIG");
    if let Asked::Env = asked {
        cmd.env("PQRS_LANG", "en");
    }
    cmd.output().await.expect("run pqrs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts `out` says `spanish` (or `english`) on stdout+stderr, and not the other.
fn says(out: &Output, english: bool, spanish_text: &str, english_text: &str) {
    let all = format!("{}{}", stdout(out), stderr(out));
    let (want, not) = if english {
        (english_text, spanish_text)
    } else {
        (spanish_text, english_text)
    };
    assert!(all.contains(want), "expected {want:?} in:\n{all}");
    assert!(!all.contains(not), "did not expect {not:?} in:\n{all}");
}

async fn migrate_says_what_it_did_in_the_language_asked_for(b: Backend) {
    let db = TestDb::new(b).await;
    for (asked, english) in WAYS {
        let out = pqrs(asked, &["migrate", "--database-url", &db.url]).await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        says(&out, english, "migraciones aplicadas en ", "migrated ");
    }
    // The flag wins over the environment.
    let mut cmd = tokio::process::Command::new(server_binary());
    let out = cmd
        .args(["migrate", "--lang", "es", "--database-url", &db.url])
        .env_remove("PQRS_DATABASE_URL")
        .env("PQRS_LANG", "en")
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    says(&out, false, "migraciones aplicadas en ", "migrated ");
}

async fn token_create_and_list_speak_the_language_asked_for(b: Backend) {
    let db = TestDb::new(b).await;
    for (asked, english) in WAYS {
        let out = pqrs(
            asked,
            &[
                "token",
                "create",
                "--role",
                "auditor",
                "--name",
                "Auditoría externa",
                "--database-url",
                &db.url,
            ],
        )
        .await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        // The token itself (stdout) is the same in both languages: only its first line.
        assert!(stdout(&out).trim().starts_with("pqrs_"), "{}", stdout(&out));
        says(
            &out,
            english,
            "Token para Auditoría externa (rol auditor) creado con id",
            "Token for Auditoría externa (role auditor) created with id",
        );
        let out = pqrs(asked, &["token", "list", "--database-url", &db.url]).await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        says(
            &out,
            english,
            "id\tnombre\trol\tcreado_por\tcreado_el\tultimo_uso\trevocado",
            "id\tname\trole\tcreated_by\tcreated_at\tlast_used_at\trevoked",
        );
        says(&out, english, " tokens en ", " tokens in ");
    }
    // A refusal of the command line itself.
    for (asked, english) in WAYS {
        let out = pqrs(
            asked,
            &["token", "revoke", "no-such-id", "--database-url", &db.url],
        )
        .await;
        assert!(!out.status.success());
        says(
            &out,
            english,
            "pqrs: no hay un token vigente con id no-such-id",
            "pqrs: there is no active token with id no-such-id",
        );
    }
}

async fn a_jobs_run_summarises_in_the_language_asked_for(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let filed = app.file(&anonymous_petition()).await;
    assert_eq!(filed.status(), reqwest::StatusCode::CREATED);
    for (asked, english) in WAYS {
        let out = pqrs(asked, &["jobs", "run", "--database-url", &db.url]).await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        says(&out, english, "se revisaron ", "examined ");
        says(&out, english, " casos abiertos", " open cases");
        says(
            &out,
            english,
            "el correo a los peticionarios está apagado",
            "e-mail to petitioners is off",
        );
    }
}

async fn audit_verify_writes_its_labels_in_the_language_but_not_its_json(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let filed = app.file(&anonymous_petition()).await;
    assert_eq!(filed.status(), reqwest::StatusCode::CREATED);
    let mut json = Vec::new();
    for (asked, english) in WAYS {
        let out = pqrs(asked, &["audit", "verify", "--database-url", &db.url]).await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        says(&out, english, "eventos verificados:", "events verified:");
        says(
            &out,
            english,
            "OK: la cadena está intacta",
            "OK: the chain is intact",
        );
        let out = pqrs(
            asked,
            &["audit", "verify", "--json", "--database-url", &db.url],
        )
        .await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        json.push(out.stdout);
        let out = pqrs(
            asked,
            &[
                "audit",
                "radicados",
                "--year",
                "2026",
                "--json",
                "--database-url",
                &db.url,
            ],
        )
        .await;
        json.push(out.stdout);
    }
    let report: serde_json::Value = serde_json::from_slice(&json[0]).expect("a JSON report");
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(
        json[0], json[2],
        "verify --json in Spanish and with --lang en"
    );
    assert_eq!(
        json[0], json[4],
        "verify --json in Spanish and with PQRS_LANG=en"
    );
    assert_eq!(
        json[1], json[3],
        "radicados --json in Spanish and with --lang en"
    );
    assert_eq!(
        json[1], json[5],
        "radicados --json in Spanish and with PQRS_LANG=en"
    );
}

async fn an_unknown_radicado_to_suppress_is_refused_in_the_language_asked_for(b: Backend) {
    let db = TestDb::new(b).await;
    // A key-encryption key, as a store that can suppress has (docs/privacy.md).
    let config = db.key_config("cli").await;
    let config = config.to_str().unwrap().to_owned();
    let app = spawn_app_with(&db, &["--config", &config]).await;
    let filed = app.file(&anonymous_petition()).await;
    assert_eq!(filed.status(), reqwest::StatusCode::CREATED);
    drop(app);
    let events = db.query_i64("SELECT COUNT(*) FROM events").await;
    for (asked, english) in WAYS {
        let suppress = |radicado: &'static str| {
            let (url, config) = (db.url.clone(), config.clone());
            async move {
                pqrs(
                    asked,
                    &[
                        "privacy",
                        "suppress",
                        "--radicado",
                        radicado,
                        "--basis",
                        "Solicitud de la titular",
                        "--database-url",
                        &url,
                        "--config",
                        &config,
                    ],
                )
                .await
            }
        };
        // An error of the infrastructure, written in the language asked for.
        let out = suppress("2026-999999").await;
        assert!(!out.status.success());
        says(
            &out,
            english,
            "pqrs: no hay un caso con ese radicado",
            "pqrs: there is no case with that radicado",
        );
        // A refusal of the command line with the domain's reason inside.
        let out = suppress("2026-1").await;
        assert!(!out.status.success());
        says(
            &out,
            english,
            "pqrs: radicado no válido `2026-1`: un radicado tiene la forma AAAA-NNNNNN",
            "pqrs: not a valid radicado `2026-1`: a radicado has the form YYYY-NNNNNN",
        );
    }
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events").await,
        events,
        "a refusal changes nothing"
    );
}

/// `calendar rules` names each holiday's law with its gloss in the language asked for (the
/// domain keeps it in English beside the law's own words).
async fn the_calendar_rules_give_the_law_in_the_language_asked_for(b: Backend) {
    let db = TestDb::new(b).await;
    for (asked, english) in WAYS {
        let args = [
            "calendar",
            "rules",
            "--from",
            "2026-06-01",
            "--to",
            "2026-07-31",
            "--database-url",
            &db.url,
        ];
        let out = pqrs(asked, &args).await;
        assert!(out.status.success(), "{}", stderr(&out));
        says(
            &out,
            english,
            "Ley 2578 de 2026: 9 de julio, se traslada al lunes siguiente",
            "Ley 2578 de 2026: 9 July, moved to the following Monday",
        );
        says(
            &out,
            english,
            "(CST art. 177): fiesta móvil que se traslada al lunes siguiente",
            "(CST art. 177): movable feast moved to the following Monday",
        );
    }
}

/// An option clap took but the command refuses (a date that does not exist, a period that
/// ends before it starts, an empty legal basis) is told with the option's name and the reason
/// in the language asked for, not in the API's English; nothing is recorded.
async fn options_refused_after_parsing_speak_the_language_asked_for(b: Backend) {
    let db = TestDb::new(b).await;
    let migrated = pqrs(Asked::Nothing, &["migrate", "--database-url", &db.url]).await;
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    let events = db.query_i64("SELECT COUNT(*) FROM events").await;
    for (asked, english) in WAYS {
        for (args, code, spanish, english_text) in [
            (
                &[
                    "report",
                    "pqr-follow-up",
                    "--from",
                    "2026-13-01",
                    "--to",
                    "2026-01-31",
                ][..],
                1,
                "pqrs: --from `2026-13-01` no es una fecha (AAAA-MM-DD)",
                "pqrs: --from `2026-13-01` is not a date (YYYY-MM-DD)",
            ),
            (
                &[
                    "audit",
                    "export",
                    "--from",
                    "2026-02-01",
                    "--to",
                    "2026-01-01",
                ][..],
                1,
                "pqrs: --to no puede ser anterior a `from`",
                "pqrs: --to must not be before `from`",
            ),
            (
                &[
                    "calendar",
                    "rules",
                    "--from",
                    "2026-02-01",
                    "--to",
                    "2026-01-01",
                ][..],
                1,
                "pqrs: --to debe ser igual o posterior a `from`",
                "pqrs: --to must be equal to or later than `from`",
            ),
            (
                &["calendar", "close", "--date", "2026-12-07", "--basis", "  "][..],
                1,
                "pqrs: --basis no puede estar vacío",
                "pqrs: --basis must not be empty",
            ),
            (
                &[
                    "calendar",
                    "close",
                    "--date",
                    "2026-13-01",
                    "--basis",
                    "Resolución 1",
                ][..],
                2,
                "--date <FECHA>: escriba una fecha que exista, como AAAA-MM-DD",
                "--date <DATE>: write a date that exists, as YYYY-MM-DD",
            ),
        ] {
            let mut args = args.to_vec();
            args.extend(["--database-url", &db.url]);
            let out = pqrs(asked, &args).await;
            assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
            says(&out, english, spanish, english_text);
        }
    }
    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, events);
}

/// A file, a store or an address that cannot be used is told why in the language asked for,
/// not in the operating system's English: a file that is not a SQLite database or is a
/// folder, a database URL of another kind, a folder that does not exist for a new key, a
/// digest file that does not exist, an address another program listens on.
#[tokio::test]
async fn files_and_addresses_that_cannot_be_used_are_told_why_in_the_language_asked_for() {
    let dir = std::env::temp_dir().join(format!("pqrs-cli-files-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = format!("sqlite://{}", dir.join("pqrs.db").display());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = taken.local_addr().unwrap().to_string();
    let no_folder = dir.join("no/such/folder/k.key").display().to_string();
    let missing = dir.join("missing.json").display().to_string();
    let not_sqlite = dir.join("notas.txt");
    std::fs::write(&not_sqlite, "no es una base de datos\n").unwrap();
    let not_sqlite = format!("sqlite://{}", not_sqlite.display());
    let folder = format!("sqlite://{}", dir.display());
    for (asked, english) in WAYS {
        for (args, spanish, english_text) in [
            (
                vec!["migrate", "--database-url", &not_sqlite],
                "no es una base de datos SQLite (no empieza con el encabezado \"SQLite format 3\")",
                "is not a SQLite database (it does not start with the header \"SQLite format 3\")",
            ),
            (
                vec!["migrate", "--database-url", &folder],
                "es una carpeta, no un archivo de base de datos SQLite",
                "is a folder, not a SQLite database file",
            ),
            (
                vec!["migrate", "--database-url", "mysql://localhost/pqrs"],
                "la URL del almacén `mysql://localhost/pqrs` no es compatible",
                "unsupported database URL `mysql://localhost/pqrs`",
            ),
            (
                vec!["keys", "init", "--out", &no_folder],
                ": la carpeta no existe",
                ": the folder does not exist",
            ),
            (
                vec!["audit", "keygen", "--out", &no_folder],
                "no se pudo escribir el archivo de la llave",
                "cannot write the key file",
            ),
            (
                vec![
                    "audit",
                    "verify",
                    "--digest",
                    &missing,
                    "--database-url",
                    &store,
                ],
                ": el archivo no existe",
                ": the file does not exist",
            ),
            (
                vec!["serve", "--bind", &taken, "--database-url", &store],
                ": otro programa ya escucha en esa dirección",
                ": another program is already listening there",
            ),
        ] {
            let out = pqrs(asked, &args).await;
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            says(&out, english, spanish, english_text);
            assert!(
                !stderr(&out).contains("os error"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    assert!(!std::path::Path::new(&no_folder).exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without a store: a bad date and an unknown kind in `pqrs deadline`, and its labels.
#[tokio::test]
async fn deadline_speaks_the_language_asked_for_with_and_without_errors() {
    for (asked, english) in WAYS {
        let out = pqrs(
            asked,
            &["deadline", "--kind", "petition", "--received", "2026-13-45"],
        )
        .await;
        assert_eq!(out.status.code(), Some(1), "{asked:?}");
        says(
            &out,
            english,
            "pqrs: --received debe ser una fecha y hora RFC 3339",
            "pqrs: --received must be RFC 3339 with offset",
        );
        let out = pqrs(
            asked,
            &[
                "deadline",
                "--kind",
                "queja",
                "--received",
                "2026-11-23T09:00:00-05:00",
            ],
        )
        .await;
        assert!(!out.status.success());
        says(
            &out,
            english,
            "pqrs: el tipo `queja` no existe",
            "pqrs: unknown kind `queja`",
        );
        let out = pqrs(
            asked,
            &[
                "deadline",
                "--kind",
                "petition",
                "--received",
                "2026-11-23T09:00:00-05:00",
            ],
        )
        .await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        says(
            &out,
            english,
            "vence:                   2026-12-15 (hasta las 23:59:59, hora de Bogotá)",
            "due date:              2026-12-15 (until 23:59:59 Bogotá)",
        );
        says(&out, english, "15 días hábiles", "15 business days");
    }
}

#[tokio::test]
async fn holidays_name_the_year_and_the_weekdays_in_the_language_asked_for() {
    for (asked, english) in WAYS {
        let out = pqrs(asked, &["holidays", "2026"]).await;
        assert!(out.status.success(), "{asked:?}: {}", stderr(&out));
        says(
            &out,
            english,
            "Festivos nacionales de Colombia, 2026",
            "National holidays of Colombia, 2026",
        );
        // 1 January 2026 is a Thursday.
        says(&out, english, "2026-01-01  jueves", "2026-01-01  Thursday");
    }
}

/// clap's own words in the language asked for: `--help` (its headings and, in English, its
/// texts) and every usage error
/// (an unknown option or command with clap's suggestion, a missing option, a wrong value, an
/// option given twice), each with the command's usage line and exit code 2; nothing of clap's
/// English is left in Spanish.
#[tokio::test]
async fn the_help_headings_and_usage_errors_speak_the_language_asked_for() {
    for (asked, english) in WAYS {
        let help = pqrs(asked, &["user", "create", "--help"]).await;
        assert!(help.status.success(), "{}", stderr(&help));
        let text = stdout(&help);
        let (usage, options, about) = if english {
            ("Usage: pqrs user create", "Options:", "Creates an account")
        } else {
            ("Uso: pqrs user create", "Opciones:", "Crea una cuenta")
        };
        assert!(
            text.contains(usage) && text.contains(options) && text.contains(about),
            "{text}"
        );
        let top = stdout(&pqrs(asked, &["--help"]).await);
        assert!(
            top.contains(if english { "Commands:" } else { "Comandos:" }),
            "{top}"
        );
        if english {
            assert!(
                text.contains("--email <EMAIL> --name <NAME> --role <ROLE>"),
                "{text}"
            );
        } else {
            assert!(text.contains("Uso: pqrs user create [OPCIONES]"), "{text}");
            // The values are named in Spanish too, in the usage line and beside each option.
            assert!(
                text.contains("--email <CORREO> --name <NOMBRE> --role <ROL>")
                    && text.contains("--dependency <DEPENDENCIA>")
                    && text.contains("--language <IDIOMA>"),
                "{text}"
            );
            for word in ["Usage:", "Options:", "Commands:", "Arguments:", "[OPTIONS]"] {
                assert!(
                    !text.contains(word) && !top.contains(word),
                    "{word}:\n{text}"
                );
            }
            let report = stdout(&pqrs(asked, &["report", "--help"]).await);
            assert!(report.contains("Argumentos:"), "{report}");
        }

        for (args, spanish, english_text) in [
            (
                &["user", "create", "--email", "a@entidad.gov.co"][..],
                "pqrs: falta --name <NOMBRE>, --role <ROL>",
                "pqrs: --name <NAME>, --role <ROLE> is missing",
            ),
            (
                &["user", "crate"][..],
                "pqrs: el comando `crate` no existe\n¿Quiso decir «create»?",
                "pqrs: there is no command `crate`\nDid you mean \"create\"?",
            ),
            (
                &["serve", "--bnd", "127.0.0.1:0"][..],
                "pqrs: la opción `--bnd` no existe\n¿Quiso decir «--bind»?",
                "pqrs: there is no option `--bnd`\nDid you mean \"--bind\"?",
            ),
            (
                &["serve", "--max-batch", "mucho"][..],
                "pqrs: `mucho` no es un valor válido para --max-batch <CANTIDAD>: escriba un \
                 número entero, solo con cifras",
                "pqrs: `mucho` is not a valid value for --max-batch <MAX_BATCH>: write a whole \
                 number, with digits only",
            ),
            (
                &["holidays", "99999999999"][..],
                "pqrs: `99999999999` no es un valor válido para <AÑO>: el número está fuera \
                 del rango admitido",
                "pqrs: `99999999999` is not a valid value for <YEAR>: the number is outside the \
                 range allowed",
            ),
            (
                &["serve", "--max-batch", "99999999999999999999999"][..],
                "pqrs: `99999999999999999999999` no es un valor válido para --max-batch \
                 <CANTIDAD>: el número es demasiado grande",
                "pqrs: `99999999999999999999999` is not a valid value for --max-batch \
                 <MAX_BATCH>: the number is too large",
            ),
            (
                &[
                    "user",
                    "create",
                    "--email",
                    "a@entidad.gov.co",
                    "--email",
                    "b@entidad.gov.co",
                ][..],
                "se escribió más de una vez",
                "was given more than once",
            ),
        ] {
            let out = pqrs(asked, args).await;
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            let said = stderr(&out);
            let (want, usage, more) = if english {
                (
                    english_text,
                    "Usage: pqrs ",
                    "For more information, use --help.",
                )
            } else {
                (spanish, "Uso: pqrs ", "Para más información, use --help.")
            };
            assert!(said.contains(want), "{args:?}: {said}");
            assert!(said.contains(more), "{args:?}: {said}");
            // Every usage error has its command's usage line, a value's too (clap gives none
            // with those; `cli::usage` writes it).
            assert!(said.contains(usage), "{args:?}: {said}");
            if !english {
                for clap in [
                    "error:",
                    "Usage:",
                    "unexpected",
                    "required",
                    "invalid value",
                ] {
                    assert!(!said.contains(clap), "{args:?}: `{clap}` in {said}");
                }
            }
        }
    }
}

/// `--lang fr` is a usage error (exit code 2), written in Spanish whatever `PQRS_LANG` says;
/// an unknown `PQRS_LANG` is Spanish, so a stray environment does not stop a cron job.
#[tokio::test]
async fn an_unknown_language_is_a_spanish_usage_error_and_an_unknown_env_is_spanish() {
    for env in [None, Some("en")] {
        let mut cmd = tokio::process::Command::new(server_binary());
        cmd.args(["--lang", "fr", "holidays", "2026"])
            .env_remove("PQRS_LANG");
        if let Some(v) = env {
            cmd.env("PQRS_LANG", v);
        }
        let out = cmd.output().await.unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stdout(&out).is_empty(),
            "nothing was done: {}",
            stdout(&out)
        );
        assert!(
            stderr(&out).contains("`fr` no es un idioma de pqrs: use --lang es"),
            "{}",
            stderr(&out)
        );
    }
    let out = tokio::process::Command::new(server_binary())
        .args(["deadline", "--kind", "petition", "--received", "ayer"])
        .env("PQRS_LANG", "fr")
        .output()
        .await
        .unwrap();
    says(
        &out,
        false,
        "--received debe ser una fecha",
        "--received must be",
    );
}
