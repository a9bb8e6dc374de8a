//! The citizen portal (issue 13): server-rendered pages in Spanish (es-CO), or in English on
//! request ([`lang`]; texts in [`texts`]), from the root of the service, beside the JSON API and through the same commands and queries — the filing desk
//! of `POST /v1/pqrs`, the access-code check and tracking view of `GET /v1/pqrs/{radicado}`,
//! the case commands of `POST /v1/pqrs/{radicado}/…`. No script is needed or served.
//!
//! Security of a public form (docs/portal.md): every form carries a CSRF token that must
//! equal the `SameSite=Strict` cookie of the same name (double submit, compared in constant
//! time); every page is sent with a strict Content-Security-Policy, `X-Frame-Options: DENY`,
//! `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`; the access code only
//! travels in POST bodies. A bad input always answers a page that says what to fix.

pub mod acceso;
pub mod caso;
pub mod consultar;
pub mod inicio;
pub mod lang;
pub mod radicar;
pub(crate) mod texts;

use crate::config::Entity;
use crate::i18n::Lang;
use crate::state::AppState;
pub use crate::words::fecha;
use askama::Template;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use governor::clock::DefaultClock;
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use subtle::ConstantTimeEq;
pub use texts::capitalised;
pub(crate) use texts::Texts;

/// The portal's stylesheet, served from the binary.
const PORTAL_CSS: &str = include_str!("../../static/portal.css");

/// The Content-Security-Policy of every page: only this origin, no script at all, no
/// inline style, no framing, forms only to this origin.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'none'; \
     style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The name of the CSRF cookie (and of the hidden form field).
pub const CSRF_NAME: &str = "pqrs_csrf";

type IpLimiter = RateLimiter<IpAddr, HashMapStateStore<IpAddr>, DefaultClock>;

/// What the portal's handlers share.
#[derive(Clone)]
pub struct Portal {
    /// The service state (store, filing desk, case commands).
    pub app: AppState,
    /// Filings through the form per client address.
    filings: Arc<IpLimiter>,
}

/// The portal's routes, with their security headers.
pub fn router(app: AppState) -> Router {
    let per_minute = NonZeroU32::new(app.entity.filings_per_minute).unwrap_or(NonZeroU32::MIN);
    let portal = Portal {
        app,
        filings: Arc::new(RateLimiter::hashmap(Quota::per_minute(per_minute))),
    };
    Router::new()
        .route("/", get(inicio::show))
        .route("/radicar", get(radicar::show).post(radicar::submit))
        .route("/consultar", get(consultar::show).post(consultar::submit))
        .route("/consultar/accion", get(consultar::show).post(caso::act))
        .route("/static/portal.css", get(stylesheet))
        .route("/static/entidad.css", get(entity_stylesheet))
        .route("/static/logo", get(logo))
        .with_state(portal)
        .layer(axum::middleware::from_fn(lang::choose))
        .layer(axum::middleware::map_response(security_headers))
}

/// Adds the security headers to every portal (and console) response; pages are not cached unless the
/// handler said otherwise (a case page holds what only its petitioner may read).
pub async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    // A console page that loads the console's script set its own policy (script-src 'self').
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        PORTAL_CSS,
    )
        .into_response()
}

/// The entity's colour as a stylesheet (inline styles are forbidden by the CSP).
async fn entity_stylesheet(axum::extract::State(p): axum::extract::State<Portal>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        format!(":root{{--entidad:{};}}\n", p.app.entity.primary_color),
    )
        .into_response()
}

async fn logo(axum::extract::State(p): axum::extract::State<Portal>, lang: Lang) -> Response {
    match &p.app.entity.logo {
        Some((bytes, kind)) => (
            [
                (header::CONTENT_TYPE, *kind),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            bytes.clone(),
        )
            .into_response(),
        None => {
            let w = texts::of(lang);
            say(
                &p.app.entity,
                lang,
                StatusCode::NOT_FOUND,
                w.not_found_title,
                w.not_found_text,
            )
        }
    }
}

/// What every page's frame shows: the entity, the page title and the page's language.
pub struct Layout<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// The page title (also the `<h1>` of most pages).
    pub title: String,
    /// The language of the page (`<html lang>`).
    pub lang: Lang,
    /// The page's texts in that language.
    pub(crate) w: &'static Texts,
}

impl<'a> Layout<'a> {
    /// The frame of a Spanish page titled `title`.
    pub fn new(entity: &'a Entity, title: impl Into<String>) -> Self {
        Layout::in_lang(entity, Lang::Es, title)
    }

    /// The frame of a page in `lang` titled `title`.
    pub fn in_lang(entity: &'a Entity, lang: Lang, title: impl Into<String>) -> Self {
        Layout {
            entity,
            title: title.into(),
            lang,
            w: texts::of(lang),
        }
    }

    /// Where the privacy policy is: the entity's link, or the notice on the home page.
    pub fn privacy_url(&self) -> &str {
        self.entity
            .privacy_policy_url
            .as_deref()
            .unwrap_or("/#privacidad")
    }
}

/// A page that only says something: a title and a paragraph.
#[derive(Template)]
#[template(path = "mensaje.html")]
struct MessagePage<'a> {
    l: Layout<'a>,
    text: &'a str,
}

/// Renders a template as an HTML response with `status`.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a portal page could not be rendered");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(
                    "<!doctype html><html lang=\"es-CO\"><title>Error</title>\
                     <p>Ocurrió un error inesperado. Intente de nuevo más tarde.</p></html>",
                ),
            )
                .into_response()
        }
    }
}

/// A page with a title and a message, in `lang`.
pub fn say(entity: &Entity, lang: Lang, status: StatusCode, title: &str, text: &str) -> Response {
    render(
        status,
        &MessagePage {
            l: Layout::in_lang(entity, lang, title),
            text,
        },
    )
}

/// The page for a store that does not answer, in `lang`.
pub fn unavailable(p: &Portal, lang: Lang) -> Response {
    let w = texts::of(lang);
    say(
        &p.app.entity,
        lang,
        StatusCode::SERVICE_UNAVAILABLE,
        w.unavailable_title,
        w.unavailable_text,
    )
}

/// A form body: the first value of each field (decoding never fails; invalid UTF-8 becomes
/// U+FFFD and is then refused by the field's own check).
pub struct FormData(HashMap<String, String>);

impl FormData {
    /// Decodes `application/x-www-form-urlencoded` bytes.
    pub fn parse(body: &[u8]) -> FormData {
        let mut map = HashMap::new();
        for (k, v) in form_urlencoded::parse(body) {
            map.entry(k.into_owned()).or_insert_with(|| v.into_owned());
        }
        FormData(map)
    }

    /// The field's value, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The field's value trimmed, or `None` when empty.
    pub fn opt(&self, name: &str) -> Option<&str> {
        Some(self.get(name).trim()).filter(|s| !s.is_empty())
    }
}

/// The CSRF token of a page: the caller's cookie when it holds a well-formed token, else a
/// new random one (256 bits); sent back as the cookie and as the forms' hidden field.
#[derive(Debug, Clone)]
pub struct Csrf(pub String);

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == CSRF_NAME)
        .map(|(_, value)| value)
        .filter(|v| well_formed(v))
}

impl Csrf {
    /// The token for a page answering `headers`.
    pub fn for_page(headers: &HeaderMap) -> Csrf {
        Csrf(
            cookie_token(headers)
                .map(str::to_owned)
                .unwrap_or_else(|| hex::encode(rand::random::<[u8; 32]>())),
        )
    }

    /// Whether the form's token equals the cookie's (constant-time compare).
    pub fn check(headers: &HeaderMap, form: &FormData) -> bool {
        match cookie_token(headers) {
            Some(cookie) => {
                let sent = form.get(CSRF_NAME);
                well_formed(sent) && bool::from(cookie.as_bytes().ct_eq(sent.as_bytes()))
            }
            None => false,
        }
    }

    /// Sets the cookie on `res`.
    pub fn set(&self, mut res: Response) -> Response {
        let cookie = format!("{CSRF_NAME}={}; Path=/; HttpOnly; SameSite=Strict", self.0);
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, v);
        }
        res
    }
}

/// The CSRF refusal in `lang`.
pub fn csrf_refused_in(entity: &Entity, lang: Lang, headers: &HeaderMap, back: &str) -> Response {
    let csrf = Csrf::for_page(headers);
    let w = texts::of(lang);
    csrf.set(say(
        entity,
        lang,
        StatusCode::FORBIDDEN,
        w.csrf_title,
        &(w.csrf_text)(back),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_check_needs_the_cookie_and_the_same_field() {
        let token = "a".repeat(64);
        let mut headers = HeaderMap::new();
        let form = FormData::parse(format!("{CSRF_NAME}={token}").as_bytes());
        assert!(!Csrf::check(&headers, &form), "no cookie");
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("x=1; {CSRF_NAME}={token}")).expect("header"),
        );
        assert!(Csrf::check(&headers, &form));
        let other = FormData::parse(format!("{CSRF_NAME}={}", "b".repeat(64)).as_bytes());
        assert!(!Csrf::check(&headers, &other), "different token");
        assert!(!Csrf::check(&headers, &FormData::parse(b"")), "no field");
    }
}
