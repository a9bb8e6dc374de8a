//! The language of a portal page: Spanish (es-CO) unless the person asks for English, by the
//! browser's `Accept-Language` (negotiated by [`Lang::negotiate`]) or by the "English" /
//! "Español" link in every page's header, which works without JavaScript: `?lang=en` or
//! `?lang=es` on any page sets the cookie `pqrs_lang` (a year, `SameSite=Lax`, `HttpOnly`,
//! nothing but the language: no tracking), and the choice wins over the header
//! (docs/language.md).
//!
//! The chosen language is put in the request's extensions, so handlers read it with the
//! [`Lang`] extractor; the answer says which it is in `Content-Language` and varies on
//! `Accept-Language` and `Cookie`.

use crate::i18n::Lang;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The cookie that keeps the language chosen with the header link.
pub const LANG_COOKIE: &str = "pqrs_lang";

/// A language named by `?lang=` or by the cookie: `es` or `en`, nothing else.
fn named(value: &str) -> Option<Lang> {
    match value {
        "es" | "es-CO" => Some(Lang::Es),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language asked for in the query string (`?lang=en`), if any.
pub fn asked_in_query(query: Option<&str>) -> Option<Lang> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| named(&v))
}

/// The language kept in the cookie, if any.
pub fn kept_in_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| named(value))
}

/// The language of a request: the link's choice, then the cookie, then `Accept-Language`.
pub fn of(query: Option<&str>, headers: &HeaderMap) -> Lang {
    asked_in_query(query)
        .or_else(|| kept_in_cookie(headers))
        .unwrap_or_else(|| Lang::of(headers))
}

/// The `Set-Cookie` value that keeps `lang` as the browser's choice.
pub fn keep(lang: Lang) -> HeaderValue {
    HeaderValue::from_static(match lang {
        Lang::Es => "pqrs_lang=es; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
        Lang::En => "pqrs_lang=en; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
    })
}

/// Middleware of the portal and the console: chooses the language, keeps a choice made with
/// the link.
pub async fn choose(mut req: Request, next: Next) -> Response {
    let asked = asked_in_query(req.uri().query());
    let lang = of(req.uri().query(), req.headers());
    req.extensions_mut().insert(lang);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Some(asked) = asked {
        h.append(header::SET_COOKIE, keep(asked));
    }
    if !h.contains_key(header::CONTENT_LANGUAGE) {
        h.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.tag()),
        );
    }
    h.append(
        header::VARY,
        HeaderValue::from_static("accept-language, cookie"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_wins_over_the_cookie_and_the_cookie_over_the_header() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("en"));
        assert_eq!(of(None, &headers), Lang::En);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("pqrs_csrf=x; pqrs_lang=es"),
        );
        assert_eq!(of(None, &headers), Lang::Es);
        assert_eq!(of(Some("lang=en"), &headers), Lang::En);
        assert_eq!(of(Some("lang=fr"), &HeaderMap::new()), Lang::Es);
    }

    #[test]
    fn the_kept_cookie_names_the_language_the_cookie_reader_finds() {
        for lang in [Lang::Es, Lang::En] {
            let set = keep(lang);
            let set = set.to_str().unwrap_or_default();
            assert!(set.starts_with(&format!("{LANG_COOKIE}=")), "{set}");
            let mut headers = HeaderMap::new();
            let sent = set.split(';').next().unwrap_or_default().to_owned();
            headers.insert(
                header::COOKIE,
                HeaderValue::from_str(&sent).unwrap_or(HeaderValue::from_static("")),
            );
            assert_eq!(kept_in_cookie(&headers), Some(lang));
        }
    }
}
