//! `GET/POST /consultar`: follow a case with its radicado and access code, typed into a POST
//! form so the code never goes in a URL, a log or a referrer. The code is checked exactly as
//! `GET /v1/pqrs/{radicado}` checks it: against its stored hash before anything of the case is
//! read, with the same per-address limit on failures; an unknown radicado and a wrong code give
//! the same page.

use super::caso::case_page;
use super::{csrf_refused, message, render, Csrf, FormData, Layout, Portal, CSRF_NAME};
use crate::access::{admit_citizen, ClientIp};
use crate::error::ApiError;
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
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

/// What the lookup page says when the radicado and code do not match a case (the same text
/// for an unknown radicado and a wrong code).
pub const NO_MATCH: &str = "No encontramos una solicitud con ese radicado y ese código de \
     acceso. Revise los dos datos en su constancia de radicación e intente de nuevo.";

/// The lookup form, empty or with an error (the radicado typed is kept, never the code).
pub fn lookup_page(
    p: &Portal,
    headers: &HeaderMap,
    status: StatusCode,
    radicado: &str,
    error: Option<&str>,
) -> Response {
    let csrf = Csrf::for_page(headers);
    let title = if error.is_some() {
        "Error: consultar su solicitud"
    } else {
        "Consultar su solicitud"
    };
    csrf.set(render(
        status,
        &Lookup {
            l: Layout::new(&p.app.entity, title),
            csrf: &csrf.0,
            csrf_name: CSRF_NAME,
            radicado,
            error,
        },
    ))
}

/// The empty lookup form.
pub async fn show(State(p): State<Portal>, headers: HeaderMap) -> Response {
    lookup_page(&p, &headers, StatusCode::OK, "", None)
}

/// Checks the radicado and code typed by the citizen, as the JSON API does; on failure the
/// page to answer (the lookup form with the same error either way, or the 429 page).
pub async fn check_code(
    p: &Portal,
    headers: &HeaderMap,
    ip: IpAddr,
    radicado: &str,
    code: &str,
) -> Result<Radicado, Response> {
    let blocked = |wait: std::time::Duration| {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        message(
            &p.app.entity,
            StatusCode::TOO_MANY_REQUESTS,
            "Demasiados intentos",
            &format!(
                "Desde esta conexión se hicieron demasiados intentos con un radicado o un \
                 código que no coinciden. Espere {seconds} segundos e intente de nuevo."
            ),
        )
    };
    // The one gate of citizen access, shared with the JSON API.
    match admit_citizen(&p.app, ip, radicado.trim(), Some(code.trim())).await {
        Ok(r) => Ok(r),
        Err(ApiError::TooManyFailures(wait)) => Err(blocked(wait)),
        Err(ApiError::NotFound) => Err(lookup_page(
            p,
            headers,
            StatusCode::NOT_FOUND,
            radicado,
            Some(NO_MATCH),
        )),
        Err(e) => {
            tracing::error!(error = %e, "access-code check failed");
            Err(unavailable(p))
        }
    }
}

/// The page for a store that does not answer.
pub fn unavailable(p: &Portal) -> Response {
    message(
        &p.app.entity,
        StatusCode::SERVICE_UNAVAILABLE,
        "Servicio no disponible",
        "No pudimos consultar la información en este momento. Intente de nuevo en unos minutos.",
    )
}

/// Shows the case when the radicado and code match.
#[tracing::instrument(name = "portal_lookup", skip_all)]
pub async fn submit(
    State(p): State<Portal>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused(&p.app.entity, &headers, "/consultar");
    }
    match check_code(&p, &headers, ip, form.get("radicado"), form.get("codigo")).await {
        Ok(radicado) => case_page(&p, &headers, &radicado, StatusCode::OK, None).await,
        Err(page) => page,
    }
}
