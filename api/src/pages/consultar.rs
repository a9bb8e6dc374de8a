//! `GET/POST /consultar`: follow a case with its radicado and access code, typed into a POST
//! form so the code never goes in a URL, a log or a referrer. The code passes the same gate as
//! `GET /v1/pqrs/{radicado}`: against its stored hash before anything of the case is read
//! (the API does the check and the read in one statement, this page one after the other), with
//! the same per-address limit on failures; an unknown radicado and a wrong code give the same
//! page.

use super::acceso::{check_code, lookup_page};
use super::caso::case_page;
use super::{csrf_refused_in, Csrf, FormData, Portal};
use crate::access::ClientIp;
use crate::i18n::Lang;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// The empty lookup form.
pub async fn show(State(p): State<Portal>, lang: Lang, headers: HeaderMap) -> Response {
    lookup_page(&p, lang, &headers, StatusCode::OK, "", None)
}

/// Shows the case when the radicado and code match.
#[tracing::instrument(name = "portal_lookup", skip_all)]
pub async fn submit(
    State(p): State<Portal>,
    ClientIp(ip): ClientIp,
    lang: Lang,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused_in(&p.app.entity, lang, &headers, "/consultar");
    }
    let (radicado, code) = (form.get("radicado"), form.get("codigo"));
    match check_code(&p, lang, &headers, ip, radicado, code).await {
        Ok(radicado) => case_page(&p, lang, &headers, &radicado, StatusCode::OK, None).await,
        Err(page) => page,
    }
}
