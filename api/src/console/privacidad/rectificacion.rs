//! `/funcionarios/privacidad/rectificacion`: rectification of a contact field of a case's
//! petitioner at the holder's request (Ley 1581 de 2012 art. 8 lit. a and art. 15; Decreto
//! 1377 de 2013 art. 22), through [`rectify`], the function `POST /v1/privacy/rectifications`
//! and `pqrs privacy rectify` call; a refusal is shown in the words the CLI prints
//! ([`crate::routes::privacy::rectification_refusal`]) and is recorded as the API records it.

use super::{oficina, sentence, Officer, OfficerForm};
use crate::auth::Allowed;
use crate::console::informes_comun::{api_error, page, Oficina};
use crate::console::Layout;
use crate::extract::RequestId;
use crate::i18n::Lang;
use crate::pages::FormData;
use crate::routes::privacy::{rectification_refusal, PrivacyOfficers};
use crate::state::AppState;
use crate::words::date_time_in;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pqrs_domain::actor::{Actor, Role};
use pqrs_infrastructure::privacy::rectify::{rectify, Rectification, RectifyError};
use std::collections::BTreeMap;

/// The fields that may be rectified here.
const FIELDS: [&str; 3] = ["email", "phone", "address"];

#[derive(Template)]
#[template(path = "console/privacidad_rectificacion.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    radicado: String,
    field: String,
    value: String,
    basis: String,
    fields: [(&'static str, &'static str); 3],
    refusal: Option<String>,
    done: Option<String>,
}

fn pagina<'a>(o: &Oficina<'a>, form: &FormData) -> Pagina<'a> {
    Pagina {
        l: o.layout(o.words().rect_title),
        radicado: form.get("radicado").trim().to_owned(),
        field: form.get("campo").trim().to_owned(),
        value: form.get("valor").trim().to_owned(),
        basis: form.get("fundamento").trim().to_owned(),
        fields: FIELDS.map(|f| (f, (o.words().petitioner_field)(f).unwrap_or(f))),
        refusal: None,
        done: None,
    }
}

/// `GET /funcionarios/privacidad/rectificacion`: the form.
#[tracing::instrument(name = "console.privacidad.rectificacion", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Officer(official): Officer,
) -> Response {
    let o = oficina(&state, lang, &official);
    page(StatusCode::OK, &pagina(&o, &FormData::parse(b"")))
}

/// `POST /funcionarios/privacidad/rectificacion`: rectifies, or says why not.
#[tracing::instrument(name = "console.privacidad.rectificacion.rectificar", skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let mut p = pagina(&o, &form);
    let caller = o.caller();
    let member = match Allowed::<PrivacyOfficers>::admit(&caller)
        .and_then(|_| caller.require(Role::Privacy))
    {
        Ok(m) => m.clone(),
        Err(e) => return api_error(&o, e, w.rect_what),
    };
    let request = Rectification {
        radicado: p.radicado.clone(),
        field: p.field.clone(),
        value: p.value.clone(),
        basis: p.basis.clone(),
        actor: Actor::Staff {
            id: member.id,
            name: member.name,
            role: member.role,
        },
        metadata: BTreeMap::from([("request_id".to_owned(), request_id.0)]),
    };
    match rectify(&state.db, &state.cases, &state.clock, request).await {
        Ok(done) => {
            let what = (w.petitioner_field)(done.field.as_str()).unwrap_or(w.the_field);
            p.done = Some((w.rectified)(
                what,
                &done.radicado.to_string(),
                &date_time_in(lang, done.at),
            ));
            page(StatusCode::CREATED, &p)
        }
        Err(RectifyError::Store(e)) => api_error(&o, e.into(), w.rect_what),
        Err(e) => {
            let status = match &e {
                RectifyError::NotFound => StatusCode::NOT_FOUND,
                RectifyError::Suppressed(_) | RectifyError::Conflict => StatusCode::CONFLICT,
                RectifyError::Refused(rule) if rule.is_state_conflict() => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            p.refusal = Some(sentence(&rectification_refusal(&e, lang)));
            page(status, &p)
        }
    }
}
