//! The citizen's access gate in the portal: the lookup form and the check of a radicado and
//! access code, shared by `/consultar` and the case actions, exactly as the JSON API checks them
//! (`crate::access::admit_citizen`).

use super::{message, render, unavailable, Csrf, Layout, Portal, CSRF_NAME};
use crate::access::admit_citizen;
use crate::error::ApiError;
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
