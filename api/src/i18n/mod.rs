//! Spanish first, English on request: the language of every text a person reads in the API.
//!
//! Texts meant for people (a problem's `title`, `detail` and `errors[].message`) come from one
//! Fluent catalogue per language, `api/locales/es-CO/main.ftl` and `api/locales/en/main.ftl`,
//! embedded in the binary. The language is negotiated from `Accept-Language` ([`Lang`]):
//! Spanish (es-CO) unless the client prefers English. What machines read (`type`, field names,
//! enum values, status codes) never changes with the language.
//!
//! A message is a key and its arguments ([`Msg`]). Errors of the domain and the infrastructure
//! name theirs through [`Localize`] (in [`messages`]), matched exhaustively so a new variant
//! cannot compile without one. Texts that reach the API layer already written out (a handler
//! that wrote `e.to_string()` or a literal) are recognised by [`Msg::recognise`], which matches
//! them against every message of both catalogues; that is why the English catalogue repeats the
//! domain's own English words exactly (a test checks every variant). See docs/language.md.

pub mod messages;

pub use messages::Localize;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::LazyLock;

/// The Spanish (es-CO) catalogue: the default.
pub const ES_CO_FTL: &str = include_str!("../../locales/es-CO/main.ftl");
/// The English catalogue, for clients that ask for it.
pub const EN_FTL: &str = include_str!("../../locales/en/main.ftl");

/// A language the API speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Spanish as written in Colombia: the default for anyone who does not ask for English.
    #[default]
    Es,
    /// English, for `Accept-Language: en` (or `en-US`, …) preferred over Spanish.
    En,
}

impl Lang {
    /// Both languages, Spanish first.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// The BCP 47 tag, as `Content-Language` writes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Es => "es-CO",
            Lang::En => "en",
        }
    }

    /// The language of an `Accept-Language` header (RFC 9110 §12.5.4): the range with the
    /// highest q-value that names Spanish or English wins, Spanish on a tie; `*` means any
    /// (so Spanish); ranges of other languages are skipped; `q=0` refuses a language. No header,
    /// or nothing usable in it, is Spanish.
    pub fn negotiate(accept_language: &str) -> Lang {
        // Best q-value seen for each language, in thousandths (q has at most 3 decimals).
        let (mut es, mut en, mut any) = (None::<u16>, None::<u16>, None::<u16>);
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let range = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let mut q = 1000u16;
            for param in parts {
                if let Some((name, value)) = param.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = parse_q(value.trim()).unwrap_or(0);
                    }
                }
            }
            let primary = range.split('-').next().unwrap_or("");
            let slot = match primary {
                "es" => &mut es,
                "en" => &mut en,
                "*" => &mut any,
                _ => continue,
            };
            *slot = Some(slot.map_or(q, |old: u16| old.max(q)));
        }
        // A language not named takes the q-value of `*`, if any.
        let es = es.or(any).unwrap_or(0);
        let en = en.or(any).unwrap_or(0);
        if en > es {
            Lang::En
        } else {
            Lang::Es
        }
    }

    /// The language a request asks for in its headers.
    pub fn of(headers: &HeaderMap) -> Lang {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
    }
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths; `None` when it is not one.
fn parse_q(s: &str) -> Option<u16> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_value: u16 = format!("{frac:0<3}").parse().ok()?;
    match int {
        "0" => Some(frac_value),
        "1" if frac_value == 0 => Some(1000),
        _ => None,
    }
}

/// The language a petitioner is written to in: the one they filed in.
impl From<Lang> for pqrs_domain::contact::Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Es => pqrs_domain::contact::Language::Spanish,
            Lang::En => pqrs_domain::contact::Language::English,
        }
    }
}

impl From<pqrs_domain::contact::Language> for Lang {
    fn from(language: pqrs_domain::contact::Language) -> Self {
        match language {
            pqrs_domain::contact::Language::Spanish => Lang::Es,
            pqrs_domain::contact::Language::English => Lang::En,
        }
    }
}

/// The negotiated language as an extractor: never refuses, Spanish by default.
impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Lang, Infallible> {
        if let Some(lang) = parts.extensions.get::<Lang>() {
            return Ok(*lang);
        }
        let lang = Lang::of(&parts.headers);
        parts.extensions.insert(lang);
        Ok(lang)
    }
}

/// A message of the catalogues: its key and its arguments, all as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The key, the same in every catalogue (e.g. `pqr-completion-already-requested`).
    pub key: String,
    /// Named arguments (`$date` → `2026-03-02`).
    pub args: Vec<(String, String)>,
}

impl Msg {
    /// A message without arguments.
    pub fn new(key: &str) -> Msg {
        Msg {
            key: key.to_owned(),
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &str, value: impl ToString) -> Msg {
        self.args.push((name.to_owned(), value.to_string()));
        self
    }

    /// The message in `lang`. A key missing from the catalogue (a test forbids it) falls back
    /// to the other catalogue, then to the key itself.
    pub fn text(&self, lang: Lang) -> String {
        let cat = &*CATALOGUES;
        cat.format(lang, self)
            .or_else(|| cat.format(other(lang), self))
            .unwrap_or_else(|| self.key.clone())
    }

    /// The message whose English or Spanish text `written` is, with the arguments read back
    /// from it; `None` for a text no catalogue knows (it is then shown as written).
    pub fn recognise(written: &str) -> Option<Msg> {
        CATALOGUES.recognise(written)
    }
}

/// `written` in `lang`: the catalogue's text when the message is recognised, else as written.
pub fn translate(written: &str, lang: Lang) -> String {
    match Msg::recognise(written) {
        Some(msg) => msg.text(lang),
        None => written.to_owned(),
    }
}

/// [`translate`], and each argument that is itself a message of the catalogues, to three
/// levels: an error that carries another's text (a setting refused for a reason the
/// infrastructure wrote) is written in `lang` all through. For the command line's last line,
/// where such errors end; the API's messages are translated one level, by [`translate`].
pub fn translate_nested(written: &str, lang: Lang) -> String {
    nested(written, lang, 3)
}

fn nested(written: &str, lang: Lang, depth: u8) -> String {
    match Msg::recognise(written) {
        Some(mut msg) => {
            if depth > 1 {
                for (_, value) in &mut msg.args {
                    *value = nested(value, lang, depth - 1);
                }
            }
            msg.text(lang)
        }
        None => written.to_owned(),
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Es => Lang::En,
        Lang::En => Lang::Es,
    }
}

/// One piece of a message as written: text, or a variable.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Var(String),
}

/// A message that can be recognised in a written text.
#[derive(Debug)]
struct Shape {
    key: String,
    pieces: Vec<Piece>,
    /// Characters of fixed text: the more, the more specific (tried first).
    fixed: usize,
}

struct Catalogues {
    es: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
    shapes: Vec<Shape>,
}

/// Arguments whose value is itself a message (a reason inside a sentence) are translated too.
const NESTED_ARG: &str = "reason";

static CATALOGUES: LazyLock<Catalogues> = LazyLock::new(|| {
    let mut shapes = Vec::new();
    let es = bundle("es-CO", ES_CO_FTL, &mut shapes);
    let en = bundle("en", EN_FTL, &mut shapes);
    shapes.sort_by_key(|s| std::cmp::Reverse(s.fixed));
    Catalogues { es, en, shapes }
});

/// A bundle of one catalogue; its messages' shapes are added to `shapes`. The catalogues are
/// part of the binary and tested, so a syntax error there is a bug: the bad entries are left
/// out (and the tests fail), the rest still serves.
fn bundle(tag: &str, source: &str, shapes: &mut Vec<Shape>) -> FluentBundle<FluentResource> {
    let langid = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks around arguments: the texts go into JSON, not bidi UI.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    for entry in resource.entries() {
        if let ast::Entry::Message(ast::Message {
            id,
            value: Some(pattern),
            ..
        }) = entry
        {
            if let Some(pieces) = pieces(pattern) {
                let fixed = pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text(t) => t.chars().count(),
                        Piece::Var(_) => 0,
                    })
                    .sum();
                // A message that is only a variable would recognise anything.
                if fixed > 0 {
                    shapes.push(Shape {
                        key: id.name.to_owned(),
                        pieces,
                        fixed,
                    });
                }
            }
        }
    }
    let _ = bundle.add_resource(resource);
    bundle
}

/// The pieces of a pattern made only of text and variables (others are not recognised).
fn pieces(pattern: &ast::Pattern<&str>) -> Option<Vec<Piece>> {
    let mut out: Vec<Piece> = Vec::new();
    for element in &pattern.elements {
        let piece = match element {
            ast::PatternElement::TextElement { value } => Piece::Text((*value).to_owned()),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(inline),
            } => match inline {
                ast::InlineExpression::VariableReference { id } => Piece::Var(id.name.to_owned()),
                ast::InlineExpression::StringLiteral { value } => Piece::Text((*value).to_owned()),
                _ => return None,
            },
            _ => return None,
        };
        match (out.last_mut(), piece) {
            (Some(Piece::Text(prev)), Piece::Text(t)) => prev.push_str(&t),
            (_, piece) => out.push(piece),
        }
    }
    Some(out)
}

/// Whether `text` is written as `pieces`; fills `args` with the variables' values.
fn matches(pieces: &[Piece], text: &str, args: &mut Vec<(String, String)>) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Text(t), rest)) => text
            .strip_prefix(t.as_str())
            .is_some_and(|tail| matches(rest, tail, args)),
        Some((Piece::Var(name), rest)) => {
            // Every non-empty prefix, shortest first; the fixed text after it prunes the search.
            for (i, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
                if let Some(Piece::Text(next)) = rest.first() {
                    if !text[i..].starts_with(next.as_str()) {
                        continue;
                    }
                }
                args.push((name.clone(), text[..i].to_owned()));
                if matches(rest, &text[i..], args) {
                    return true;
                }
                args.pop();
            }
            false
        }
    }
}

impl Catalogues {
    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }

    fn format(&self, lang: Lang, msg: &Msg) -> Option<String> {
        let bundle = self.bundle(lang);
        let pattern = bundle.get_message(&msg.key)?.value()?;
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            let value = if name == NESTED_ARG {
                translate(value, lang)
            } else {
                value.clone()
            };
            args.set(name.clone(), FluentValue::from(value));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }

    fn recognise(&self, written: &str) -> Option<Msg> {
        let mut args = Vec::new();
        for shape in &self.shapes {
            args.clear();
            if matches(&shape.pieces, written, &mut args) {
                return Some(Msg {
                    key: shape.key.clone(),
                    args,
                });
            }
        }
        None
    }
}

/// The keys of a catalogue, with the variables each message uses.
pub fn keys(source: &str) -> BTreeMap<String, Vec<String>> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            let mut vars: Vec<String> = m
                .value
                .as_ref()
                .and_then(pieces)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Var(v) => Some(v),
                    Piece::Text(_) => None,
                })
                .collect();
            vars.sort();
            vars.dedup();
            out.insert(m.id.name.to_owned(), vars);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_unless_english_is_preferred() {
        for (header, lang) in [
            ("", Lang::Es),
            ("en", Lang::En),
            ("EN", Lang::En),
            ("en-US", Lang::En),
            ("en-GB,en;q=0.9", Lang::En),
            ("es", Lang::Es),
            ("es-CO", Lang::Es),
            ("*", Lang::Es),
            ("fr", Lang::Es),
            ("fr, en;q=0.5", Lang::En),
            ("es;q=0.5, en;q=0.8", Lang::En),
            ("en;q=0.5, es;q=0.8", Lang::Es),
            ("en;q=0.8, es;q=0.8", Lang::Es),
            ("en;q=0", Lang::Es),
            ("en;q=0.001", Lang::En),
            ("es;q=0, *;q=0.3", Lang::En),
            ("en;q=banana", Lang::Es),
            ("en;q=1.5", Lang::Es),
            ("de-DE, *;q=0.1", Lang::Es),
            ("en-US;q=0.9, es-419;q=0.9", Lang::Es),
        ] {
            assert_eq!(Lang::negotiate(header), lang, "Accept-Language: {header}");
        }
    }

    #[test]
    fn every_key_is_in_both_catalogues_with_the_same_arguments() {
        let es = keys(ES_CO_FTL);
        let en = keys(EN_FTL);
        assert!(es.len() > 50, "the Spanish catalogue parsed: {}", es.len());
        let only_es: Vec<_> = es.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !es.contains_key(*k)).collect();
        assert!(only_es.is_empty(), "only in es-CO/main.ftl: {only_es:?}");
        assert!(only_en.is_empty(), "only in en/main.ftl: {only_en:?}");
        for (key, vars) in &es {
            assert_eq!(Some(vars), en.get(key), "arguments of {key}");
        }
    }

    #[test]
    fn the_catalogues_parse_without_errors() {
        for (name, source) in [("es-CO", ES_CO_FTL), ("en", EN_FTL)] {
            if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
                panic!("{name}/main.ftl: {errors:?}");
            }
        }
    }

    /// The messages a call writes as literals: the last literal with a space inside the
    /// brackets that follow `open`, with the `{..}` of a `format!` filled with `7`.
    fn written_messages(source: &str, open: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (at, _) in source.match_indices(open) {
            let rest = &source[at + open.len()..];
            let (mut depth, mut in_str, mut escaped) = (1, false, false);
            let (mut literal, mut last) = (String::new(), None::<String>);
            for c in rest.chars() {
                if in_str {
                    match (escaped, c) {
                        (true, _) => {
                            escaped = false;
                            if c != '\n' {
                                literal.push(c);
                            }
                        }
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            in_str = false;
                            let text = std::mem::take(&mut literal);
                            // Field names have no spaces; messages do.
                            if text.contains(' ') {
                                last = Some(text);
                            }
                        }
                        (false, c) => literal.push(c),
                    }
                    continue;
                }
                match c {
                    '"' => in_str = true,
                    '(' | '{' => depth += 1,
                    ')' | '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
            if let Some(text) = last {
                // Rust's `\` line continuation swallows the next line's indentation.
                let text = text
                    .split('\n')
                    .map(str::trim_start)
                    .collect::<Vec<_>>()
                    .join("");
                let mut filled = String::new();
                let mut in_braces = false;
                for c in text.chars() {
                    match c {
                        '{' => in_braces = true,
                        '}' if in_braces => {
                            in_braces = false;
                            filled.push('7');
                        }
                        _ if in_braces => {}
                        c => filled.push(c),
                    }
                }
                out.push(filled);
            }
        }
        out
    }

    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("api/src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                // The portal's and the console's pages are HTML in Spanish, not API problems.
                if !path.ends_with("i18n") && !path.ends_with("pages") && !path.ends_with("console")
                {
                    sources(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// Every message a handler writes as a literal (a field error, a refusal, a reason for a
    /// 401/403/409, the detail of an unreadable body) is a message of both catalogues, so it
    /// reaches the client in the language asked for.
    #[test]
    fn every_message_a_handler_writes_is_in_the_catalogues() {
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut seen = 0;
        let mut unknown = Vec::new();
        for (path, source) in &files {
            for open in [
                "FieldError::new(",
                "ApiError::field(",
                "ApiError::Forbidden(",
                "ApiError::Unauthorized(",
                "ApiError::Conflict(",
                "ApiError::Rule(",
                "errors.push((",
                "Malformed {",
            ] {
                for written in written_messages(source, open) {
                    seen += 1;
                    match Msg::recognise(&written) {
                        Some(msg) if msg.text(Lang::Es) != msg.text(Lang::En) => {}
                        _ => unknown.push(format!("{path}: {written}")),
                    }
                }
            }
        }
        assert!(seen > 30, "the scan found the handlers' messages: {seen}");
        assert!(
            unknown.is_empty(),
            "not in the catalogues:\n{}",
            unknown.join("\n")
        );
    }

    #[test]
    fn a_written_text_is_recognised_with_its_arguments() {
        let msg = Msg::recognise(
            "art. 17: completion requested on 2026-03-20, after the 10 business days \
             following filing (last day 2026-03-16)",
        )
        .expect("recognised");
        assert_eq!(msg.key, "rule-completion-request-late");
        assert_eq!(
            msg.text(Lang::Es),
            "art. 17: la solicitud de completar se hizo el 2026-03-20, después de los 10 días \
             hábiles siguientes a la radicación (el último fue el 2026-03-16)"
        );
        assert_eq!(Msg::recognise("nothing anyone wrote"), None);
        assert_eq!(
            translate("nothing anyone wrote", Lang::Es),
            "nothing anyone wrote"
        );
    }
}
