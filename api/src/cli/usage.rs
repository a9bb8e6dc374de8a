//! `--help` and clap's own words in the command line's language: the help's headings ("Uso:",
//! "Opciones:", "Argumentos:", "Comandos:") and the usage errors (an unknown option or command,
//! a missing or wrong value), which clap writes only in English. The language is read from the
//! arguments and `PQRS_LANG` before clap parses them ([`asked`]), as [`super::lang::resolve`]
//! reads it after. The help's own texts (what each command and option does) are the doc
//! comments, Spanish; in English they are read from [`super::help_en::HELP_EN`]
//! (docs/language.md).

use super::Cli;
use crate::i18n::{Lang, Msg};
use clap::error::{ContextKind, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::process::ExitCode;

/// The language a command line asks for: its `--lang` flag (`--lang en`, `--lang=en`), else
/// `env` (`PQRS_LANG`); Spanish when neither names one ([`super::lang::resolve`]'s rule, an
/// unknown flag value included: that refusal is Spanish).
pub fn asked(args: &[OsString], env: Option<&str>) -> Lang {
    let mut flag = None;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            flag = words.next();
        } else if let Some(value) = word.strip_prefix("--lang=") {
            flag = Some(value);
        }
    }
    super::lang::resolve(flag, env).unwrap_or_default()
}

/// The English of a help text of the doc comments, if it has one.
fn english(spanish: &str) -> Option<String> {
    const CONFIG: (&str, &str) = (
        "Un archivo de configuración TOML (claves: ",
        "; `entity` es una tabla)",
    );
    if let Some(keys) = spanish
        .strip_prefix(CONFIG.0)
        .and_then(|rest| rest.strip_suffix(CONFIG.1))
    {
        return Some(format!(
            "A TOML configuration file (keys: {keys}; `entity` is a table)"
        ));
    }
    super::help_en::HELP_EN
        .iter()
        .find(|(es, _)| *es == spanish)
        .map(|(_, en)| (*en).to_owned())
}

/// `text` in `lang`: as written for Spanish, its English when it has one.
fn help_in(text: Option<&clap::builder::StyledStr>, lang: Lang) -> Option<String> {
    match lang {
        Lang::Es => None,
        Lang::En => english(&text?.to_string()),
    }
}

/// `cmd` and its subcommands with clap's headings, and in English the help's texts, in `lang`.
pub fn localized(cmd: clap::Command, lang: Lang) -> clap::Command {
    let (usage, options, arguments, commands, command) = match lang {
        Lang::Es => ("Uso", "Opciones", "Argumentos", "Comandos", "COMANDO"),
        Lang::En => ("Usage", "Options", "Arguments", "Commands", "COMMAND"),
    };
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}: {{usage}}\n\n{{all-args}}{{after-help}}"
    );
    let about = help_in(cmd.get_about(), lang);
    let long_about = help_in(cmd.get_long_about(), lang);
    let mut cmd = cmd;
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    let has_lang = cmd.get_arguments().any(|a| a.get_id() == "lang");
    let cmd = match (lang, has_lang) {
        (Lang::En, true) => cmd.mut_arg("lang", |a| a.value_name("LANGUAGE")),
        _ => cmd,
    };
    let name = cmd.get_name().to_owned();
    let cmd = cmd
        .help_template(template)
        .subcommand_help_heading(commands)
        .subcommand_value_name(command)
        .mut_args(|a| {
            let a = match (lang, value_name_es(&name, &a)) {
                (Lang::Es, Some(spanish)) => a.value_name(spanish),
                _ => a,
            };
            let help = help_in(a.get_help(), lang);
            let long_help = help_in(a.get_long_help(), lang);
            let a = match help {
                Some(h) => a.help(h),
                None => a,
            };
            let a = match long_help {
                Some(h) => a.long_help(h),
                None => a,
            };
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading(arguments)
            } else {
                a.help_heading(options)
            }
        });
    cmd.mut_subcommands(|sub| localized(sub, lang))
}

/// The Spanish name of the value `arg` of `command` takes, as the usage line and the help show
/// it (`--email <CORREO>`); the names are declared in English, as the options are.
fn value_name_es(command: &str, arg: &clap::Arg) -> Option<&'static str> {
    let declared = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    Some(match (command, declared.as_str()) {
        ("test", "TO") => "CORREO",
        ("report", "NAME") => "INFORME",
        (_, "BIND") => "DIRECCIÓN",
        (_, "MAX_BATCH") => "CANTIDAD",
        (_, "SCHEDULER_INTERVAL_SECS") => "SEGUNDOS",
        (_, "ROLE") => "ROL",
        (_, "NAME") => "NOMBRE",
        (_, "EMAIL") => "CORREO",
        (_, "DEPENDENCY") => "DEPENDENCIA",
        (_, "LANGUAGE") => "IDIOMA",
        (_, "OUT" | "NEW" | "KEY" | "CONFIG") => "ARCHIVO",
        (_, "TO") => "HASTA",
        (_, "FROM") => "DESDE",
        (_, "BASIS") => "FUNDAMENTO",
        (_, "ORDER") => "ORDEN",
        (_, "ID_NUMBER") => "NÚMERO",
        (_, "FIELD") => "CAMPO",
        (_, "VALUE") => "VALOR",
        (_, "KIND") => "TIPO",
        (_, "RECEIVED") => "FECHA_HORA",
        (_, "DATE") => "FECHA",
        (_, "YEAR") => "AÑO",
        (_, "DIGEST") => "RESUMEN",
        (_, "PUBLIC_KEY") => "CLAVE_PÚBLICA",
        (_, "FORMAT") => "FORMATO",
        (_, "AT_POSITION") => "POSICIÓN",
        (_, "DATABASE_URL") => "URL",
        _ => return None,
    })
}

/// `text` with clap's `[OPTIONS]` placeholder in `lang` (clap writes it only in English).
fn placeholders(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Es => text.replace("[OPTIONS]", "[OPCIONES]"),
        Lang::En => text.to_owned(),
    }
}

/// A usage error of clap in `lang`: what is wrong, the suggestion clap found, the usage line
/// of the command (clap's, else `usage`: clap gives none with a value's error) and where to
/// read more.
pub fn error_text(e: &clap::Error, lang: Lang, usage: Option<String>) -> String {
    let context = |kind| e.get(kind).map(ToString::to_string).unwrap_or_default();
    let say = |key: &str, args: &[(&str, String)]| {
        args.iter()
            .fold(Msg::new(key), |m, (name, value)| m.arg(name, value))
            .text(lang)
    };
    let arg = context(ContextKind::InvalidArg);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => say("cli-usage-unknown-argument", &[("arg", arg)]),
        ErrorKind::InvalidSubcommand => say(
            "cli-usage-unknown-command",
            &[("command", context(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::MissingRequiredArgument => say("cli-usage-missing", &[("args", arg)]),
        ErrorKind::MissingSubcommand => say("cli-usage-missing-command", &[]),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = context(ContextKind::InvalidValue);
            if value.is_empty() {
                say("cli-usage-value-needed", &[("arg", arg)])
            } else {
                let reason = value_reason(e, &value);
                let what = say("cli-usage-invalid-value", &[("value", value), ("arg", arg)]);
                match reason {
                    Some(reason) => format!("{what}: {}", say(reason, &[])),
                    None => what,
                }
            }
        }
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg);
            if other.is_empty() || other == arg {
                say("cli-usage-repeated", &[("arg", arg)])
            } else {
                say("cli-usage-conflict", &[("arg", arg), ("other", other)])
            }
        }
        _ => say(
            "cli-usage-other",
            &[(
                "arg",
                if arg.is_empty() {
                    "pqrs".to_owned()
                } else {
                    arg
                },
            )],
        ),
    };
    let mut lines = vec![format!("pqrs: {what}")];
    let valid = context(ContextKind::ValidValue);
    if !valid.is_empty() && e.kind() == ErrorKind::InvalidValue {
        lines.push(say("cli-usage-possible", &[("values", valid)]));
    }
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(context)
    .find(|s| !s.is_empty());
    if let Some(s) = suggestion {
        lines.push(say("cli-usage-did-you-mean", &[("suggestion", s)]));
    }
    let usage = Some(context(ContextKind::Usage))
        .filter(|u| !u.trim().is_empty())
        .or(usage)
        .unwrap_or_default();
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    if !usage.is_empty() {
        lines.push(String::new());
        lines.push(say(
            "cli-usage-line",
            &[("usage", placeholders(usage, lang))],
        ));
    }
    lines.push(String::new());
    lines.push(say("cli-usage-more", &[]));
    lines.join("\n")
}

/// Why a value was refused by its parser, for the options that take a number or a date (the
/// only typed values: the others are read as text and refused later in our own words).
fn value_reason(e: &clap::Error, value: &str) -> Option<&'static str> {
    use std::num::IntErrorKind;
    let source = std::error::Error::source(e)?;
    if source.is::<chrono::ParseError>() {
        return Some("cli-usage-not-a-date");
    }
    match source.downcast_ref::<std::num::ParseIntError>() {
        Some(parsed) => Some(match parsed.kind() {
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "cli-usage-number-too-large",
            _ => "cli-usage-not-a-number",
        }),
        // A ranged parser (the year's) reads the number and then checks its range: a whole
        // number it refuses is outside that range.
        None => value
            .parse::<i128>()
            .is_ok()
            .then_some("cli-usage-number-out-of-range"),
    }
}

/// The usage line of the deepest command `args` names (`pqrs serve`, `pqrs user create`), as
/// clap writes it in `lang`.
fn usage_of(args: &[OsString], lang: Lang) -> Option<String> {
    let mut cmd = localized(Cli::command().bin_name("pqrs"), lang);
    cmd.build();
    let mut current = &mut cmd;
    for word in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if current.find_subcommand(word).is_some() {
            current = current.find_subcommand_mut(word)?;
        }
    }
    Some(current.render_usage().to_string())
}

/// The command line parsed, or the exit code of what was printed instead: the help and the
/// version (0), a usage error in the asked language (2).
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = asked(&args, std::env::var("PQRS_LANG").ok().as_deref());
    // Named `pqrs` in the usage lines whatever the file is called, as the messages name it.
    let parsed = localized(Cli::command().bin_name("pqrs"), lang)
        .try_get_matches_from(&args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                print!("{}", placeholders(&e.render().to_string(), lang));
                Err(ExitCode::SUCCESS)
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                eprint!("{}", placeholders(&e.render().to_string(), lang));
                Err(ExitCode::from(2))
            }
            _ => {
                eprintln!("{}", error_text(&e, lang, usage_of(&args, lang)));
                Err(ExitCode::from(2))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("pqrs")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_language_is_read_before_clap_as_lang_resolve_reads_it_after() {
        assert_eq!(asked(&args(&["holidays", "2026"]), None), Lang::Es);
        assert_eq!(asked(&args(&["--lang", "en", "holidays"]), None), Lang::En);
        assert_eq!(asked(&args(&["holidays", "--lang=en"]), None), Lang::En);
        assert_eq!(asked(&args(&["holidays"]), Some("en")), Lang::En);
        // The flag wins; an unknown one is Spanish, as its refusal is.
        assert_eq!(asked(&args(&["--lang", "es"]), Some("en")), Lang::Es);
        assert_eq!(asked(&args(&["--lang", "fr"]), Some("en")), Lang::Es);
        // After `--` nothing is a flag.
        assert_eq!(asked(&args(&["--", "--lang", "en"]), None), Lang::Es);
    }

    /// Every help text of the command tree has its English, and every English in the table
    /// belongs to a help text: a doc comment changed without its translation fails here.
    #[test]
    fn every_help_text_has_its_english_and_no_english_is_left_over() {
        fn walk(c: &clap::Command, out: &mut Vec<String>) {
            for t in [c.get_about(), c.get_long_about()].into_iter().flatten() {
                out.push(t.to_string());
            }
            for a in c.get_arguments() {
                for t in [a.get_help(), a.get_long_help()].into_iter().flatten() {
                    out.push(t.to_string());
                }
            }
            for s in c.get_subcommands() {
                walk(s, out);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut texts = Vec::new();
        walk(&cmd, &mut texts);
        assert!(texts.len() > 90, "{}", texts.len());
        for t in &texts {
            let en = english(t).unwrap_or_else(|| panic!("no English for the help text: {t}"));
            assert_ne!(&en, t);
        }
        for (es, _) in super::super::help_en::HELP_EN {
            assert!(
                texts.iter().any(|t| t == es),
                "not a help text any more: {es}"
            );
        }
        let mut english_cmd = localized(Cli::command().bin_name("pqrs"), Lang::En);
        english_cmd.build();
        let mut english_texts = Vec::new();
        walk(&english_cmd, &mut english_texts);
        for t in &english_texts {
            for spanish in ["Crea ", "Muestra ", "Lista ", "por omisión", " y ", " o "] {
                assert!(
                    !t.contains(spanish),
                    "Spanish `{spanish}` in the English help: {t}"
                );
            }
        }
    }

    /// In Spanish every value is named in Spanish (`--email <CORREO>`); in English as
    /// declared. A new option whose value has no Spanish name fails here.
    #[test]
    fn every_value_is_named_in_the_language_of_the_help() {
        fn walk(c: &clap::Command, out: &mut Vec<String>) {
            for a in c.get_arguments().filter(|a| a.get_action().takes_values()) {
                if let Some(names) = a.get_value_names() {
                    out.extend(names.iter().map(|n| format!("{} {n}", c.get_name())));
                }
            }
            c.get_subcommands().for_each(|s| walk(s, out));
        }
        let (mut es, mut en) = (Vec::new(), Vec::new());
        walk(&localized(Cli::command(), Lang::Es), &mut es);
        walk(&localized(Cli::command(), Lang::En), &mut en);
        assert!(es.len() > 40, "{es:?}");
        assert_eq!(es.len(), en.len());
        // The same word in both languages.
        let shared = ["RADICADO", "ID"];
        for (named_es, named_en) in es.iter().zip(&en) {
            let value = named_es.rsplit(' ').next().unwrap_or_default();
            assert!(
                named_es != named_en || shared.contains(&value),
                "{named_en} has no Spanish name"
            );
        }
        assert!(es.contains(&"test CORREO".to_owned()), "{es:?}");
        assert!(es.contains(&"export HASTA".to_owned()), "{es:?}");
        assert!(en.contains(&"test TO".to_owned()), "{en:?}");
        assert!(en.contains(&"create EMAIL".to_owned()), "{en:?}");
    }

    #[test]
    fn every_command_gets_the_headings_of_its_language() {
        for (lang, usage, options) in [
            (Lang::Es, "Uso: ", "Opciones:"),
            (Lang::En, "Usage: ", "Options:"),
        ] {
            let mut cmd = localized(Cli::command().bin_name("pqrs"), lang);
            let help = cmd
                .find_subcommand_mut("user")
                .and_then(|u| u.find_subcommand_mut("create"))
                .map(|c| c.render_help().to_string())
                .unwrap_or_default();
            assert!(help.contains(usage) && help.contains(options), "{help}");
        }
    }
}
