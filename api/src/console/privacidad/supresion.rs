//! `/funcionarios/privacidad/supresion`: suppression of a case's personal data (Ley 1581 de
//! 2012 art. 8 lit. e and art. 15; Decreto 1377 de 2013 art. 9; Ley 594 de 2000 art. 24).
//!
//! Three steps: the form (radicado, legal basis, optional authority order); a confirmation
//! that shows the case and says the suppression cannot be undone; the suppression itself,
//! through the handler of `POST /v1/privacy/suppressions` (the same [`Suppression`] with the
//! entity's retention schedule), so a refusal is the API's, in the page's language, with its article.
//!
//! [`Suppression`]: pqrs_infrastructure::privacy::suppress::Suppression

use super::{error_for, oficina, sentence, FieldErrors, Officer, OfficerForm};
use crate::auth::Allowed;
use crate::console::informes_comun::{api_error, page, Oficina};
use crate::console::texts::Texts;
use crate::console::Layout;
use crate::error::ApiError;
use crate::extract::{ApiJson, RequestId};
use crate::i18n::{translate, Lang};
use crate::pages::FormData;
use crate::routes::privacy::{suppress_case, PrivacyOfficers, SuppressionRequest};
use crate::state::AppState;
use crate::words::{date_in, date_time_in};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use pqrs_domain::deadline::local_date;
use pqrs_domain::Radicado;

/// The case as the confirmation shows it (no personal data).
struct Caso {
    kind: &'static str,
    status: &'static str,
    closed: String,
}

/// What the officer typed, kept across the steps.
struct Campos {
    radicado: String,
    basis: String,
    order: String,
}

impl Campos {
    fn of(form: &FormData) -> Campos {
        Campos {
            radicado: form.get("radicado").trim().to_owned(),
            basis: form.get("fundamento").trim().to_owned(),
            order: form.get("orden").trim().to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "console/privacidad_supresion.html")]
struct Pagina<'a> {
    l: Layout<'a>,
    campos: Campos,
    errors: FieldErrors,
    caso: Option<Caso>,
    refusal: Option<String>,
    done: Option<String>,
}

impl Pagina<'_> {
    fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }
}

fn pagina<'a>(o: &Oficina<'a>, campos: Campos) -> Pagina<'a> {
    Pagina {
        l: o.layout(o.words().supp_title),
        campos,
        errors: Vec::new(),
        caso: None,
        refusal: None,
        done: None,
    }
}

/// `GET /funcionarios/privacidad/supresion`: the form.
#[tracing::instrument(name = "console.privacidad.supresion", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Officer(official): Officer,
) -> Response {
    let o = oficina(&state, lang, &official);
    let empty = Campos::of(&FormData::parse(b""));
    page(StatusCode::OK, &pagina(&o, empty))
}

/// The fields checked as the API checks them, or what to correct.
fn check(w: &Texts, c: &Campos) -> Result<Radicado, FieldErrors> {
    let mut errors = Vec::new();
    let radicado = Radicado::parse(&c.radicado);
    if radicado.is_err() {
        errors.push(("radicado", w.radicado_error.to_owned()));
    }
    if c.basis.is_empty() || c.basis.chars().count() > 1000 {
        errors.push(("fundamento", w.supp_basis_error.to_owned()));
    }
    if c.order.chars().count() > 1000 {
        errors.push(("orden", w.order_error.to_owned()));
    }
    match radicado {
        Ok(r) if errors.is_empty() => Ok(r),
        _ => Err(errors),
    }
}

/// `POST /funcionarios/privacidad/supresion/confirmar`: shows the case and asks to confirm.
#[tracing::instrument(name = "console.privacidad.supresion.confirmar", skip_all)]
pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let mut p = pagina(&o, Campos::of(&form));
    let radicado = match check(w, &p.campos) {
        Ok(r) => r,
        Err(errors) => {
            p.errors = errors;
            return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
        }
    };
    let found = match pqrs_infrastructure::cases::find(&state.repo, &radicado).await {
        Ok(f) => f,
        Err(e) => return api_error(&o, e.into(), w.suppress_what),
    };
    let Some(case) = found.as_ref().and_then(|pqr| pqr.case()) else {
        p.errors = vec![("radicado", (w.no_case)(&radicado.to_string()))];
        return page(StatusCode::NOT_FOUND, &p);
    };
    p.caso = Some(Caso {
        kind: (w.kind)(case.kind),
        status: (w.status)(case.status.into()),
        closed: match (case.is_closed(), case.closed_at) {
            (true, Some(at)) => (w.closed_on)(&date_in(lang, local_date(&at))),
            (true, None) => w.closed_yes.to_owned(),
            (false, _) => w.still_open.to_owned(),
        },
    });
    page(StatusCode::OK, &p)
}

/// `POST /funcionarios/privacidad/supresion`: suppresses, once confirmed.
#[tracing::instrument(name = "console.privacidad.supresion.suprimir", skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, lang, &official);
    let w = o.words();
    let mut p = pagina(&o, Campos::of(&form));
    if let Err(errors) = check(w, &p.campos) {
        p.errors = errors;
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    // Only from the confirmation step: the form alone never suppresses.
    if form.get("confirmado") != "si" {
        p.errors = vec![("radicado", w.confirm_first.to_owned())];
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let caller = o.caller();
    let allowed = match Allowed::<PrivacyOfficers>::admit(&caller) {
        Ok(a) => a,
        Err(e) => return api_error(&o, e, w.suppress_what),
    };
    let body = SuppressionRequest {
        radicado: p.campos.radicado.clone(),
        basis: p.campos.basis.clone(),
        order: Some(p.campos.order.clone()).filter(|o| !o.is_empty()),
    };
    let result = suppress_case(
        State(state.clone()),
        caller,
        request_id,
        allowed,
        ApiJson(body),
    )
    .await;
    match result {
        Ok((_, Json(made))) => {
            p.done = Some((w.suppressed)(
                &made.radicado,
                &date_time_in(lang, made.suppressed_at),
                made.position,
            ));
            page(StatusCode::CREATED, &p)
        }
        Err(e) => {
            let status = match &e {
                ApiError::NotFound => StatusCode::NOT_FOUND,
                ApiError::Conflict(_) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let say = |m: &str| sentence(&translate(m, lang));
            p.refusal = Some(match e {
                ApiError::Rule(m) | ApiError::Conflict(m) => say(&m),
                ApiError::NotFound => (w.no_case)(&p.campos.radicado),
                ApiError::Validation(fields) => fields
                    .iter()
                    .map(|f| say(&f.message))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => return api_error(&o, other, w.suppress_what),
            });
            page(status, &p)
        }
    }
}
