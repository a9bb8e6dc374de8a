//! The citizen's access gate in the portal: the lookup form and the check of a radicado and
//! access code, shared by `/consultar` and the case actions, exactly as the JSON API checks them
//! (`crate::access::admit_citizen`).

use super::{render, say, texts, unavailable, Csrf, Layout, Portal, CSRF_NAME};
use crate::access::admit_citizen;
use crate::error::ApiError;
use crate::i18n::Lang;
use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use pqrs_domain::Radicado;
use std::net::IpAddr;

#[derive(Template)]
#[template(path = "consultar.html")]
struct Lookup<'a> {
    l: Layout<'a>,
    csrf: &'a str,
    csrf_name: &'a str,
    radicado: &'a str,
    error: Option<&'a str>,
}

/// The lookup form, empty or with an error (the radicado typed is kept, never the code).
pub fn lookup_page(
    p: &Portal,
    lang: Lang,
    headers: &HeaderMap,
    status: StatusCode,
    radicado: &str,
    error: Option<&str>,
) -> Response {
    let csrf = Csrf::for_page(headers);
    let w = texts::of(lang);
    let title = if error.is_some() {
        w.lookup_error_title
    } else {
        w.nav_follow
    };
    csrf.set(render(
        status,
        &Lookup {
            l: Layout::in_lang(&p.app.entity, lang, title),
            csrf: &csrf.0,
            csrf_name: CSRF_NAME,
            radicado,
            error,
        },
    ))
}

/// Checks the radicado and code typed by the citizen, as the JSON API does; on failure the
/// page to answer (the lookup form with the same error either way, or the 429 page).
pub async fn check_code(
    p: &Portal,
    lang: Lang,
    headers: &HeaderMap,
    ip: IpAddr,
    radicado: &str,
    code: &str,
) -> Result<Radicado, Response> {
    let blocked = |wait: std::time::Duration| {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let w = texts::of(lang);
        say(
            &p.app.entity,
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            w.too_many_attempts_title,
            &(w.too_many_attempts_text)(seconds),
        )
    };
    // The one gate of citizen access, shared with the JSON API.
    match admit_citizen(
        &p.app.access_failures,
        &p.app.db,
        ip,
        radicado.trim(),
        Some(code.trim()),
    )
    .await
    {
        Ok(r) => Ok(r),
        Err(ApiError::TooManyFailures(wait)) => Err(blocked(wait)),
        Err(ApiError::NotFound) => Err(lookup_page(
            p,
            lang,
            headers,
            StatusCode::NOT_FOUND,
            radicado,
            Some(texts::of(lang).no_match),
        )),
        Err(e) => {
            tracing::error!(error = %e, "access-code check failed");
            Err(unavailable(p, lang))
        }
    }
}
