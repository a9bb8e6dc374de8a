//! The language of what `pqrs` prints for a person: Spanish (es-CO) by default, English with
//! the global `--lang en` flag or `PQRS_LANG=en` (the flag wins; docs/language.md).
//!
//! The texts are the `cli-…` messages of the Fluent catalogues (`api/locales/*/main.ftl`),
//! written through [`say`]; the final error line goes through [`crate::i18n::translate`], so
//! an error of the domain or the infrastructure reaches the person in the same language.
//! JSON output and machine fields never change with the language. The language is chosen
//! once, before any command runs, and kept here like the key file of `common`.

use crate::i18n::{translate, Lang, Msg};
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

/// The final error line's text in the language of this run: a text the catalogues know (an
/// error of the domain, of the infrastructure or of the CLI) is written in that language,
/// any other as it came.
pub fn error_text(error: &(dyn std::error::Error + 'static)) -> String {
    translate(&error.to_string(), lang())
}

#[cfg(test)]
mod tests {
    use super::*;

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
