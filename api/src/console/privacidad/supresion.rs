//! `/funcionarios/privacidad/supresion`: suppression of a case's personal data (Ley 1581 de
//! 2012 art. 8 lit. e and art. 15; Decreto 1377 de 2013 art. 9; Ley 594 de 2000 art. 24).
//!
//! Three steps: the form (radicado, legal basis, optional authority order); a confirmation
//! that shows the case and says the suppression cannot be undone; the suppression itself,
//! through the handler of `POST /v1/privacy/suppressions` (the same [`Suppression`] with the
//! entity's retention schedule), so a refusal is the API's, in Spanish, with its article.
//!
//! [`Suppression`]: pqrs_infrastructure::privacy::suppress::Suppression

use super::{error_for, oficina, sentence, FieldErrors, Officer, OfficerForm};
use crate::auth::Allowed;
use crate::console::caso::status_text;
use crate::console::informes_comun::{api_error, es, page, Oficina};
use crate::console::Layout;
use crate::error::ApiError;
use crate::extract::{ApiJson, RequestId};
use crate::pages::{fecha, fecha_hora, FormData};
use crate::routes::privacy::{suppress_case, PrivacyOfficers, SuppressionRequest};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use pqrs_domain::deadline::local_date;
use pqrs_domain::Radicado;

const QUE: &str = "suprimir datos personales";

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
        l: o.layout("Suprimir los datos personales de un caso"),
        campos,
        errors: Vec::new(),
        caso: None,
        refusal: None,
        done: None,
    }
}

/// `GET /funcionarios/privacidad/supresion`: the form.
#[tracing::instrument(name = "console.privacidad.supresion", skip_all)]
pub async fn show(State(state): State<AppState>, Officer(official): Officer) -> Response {
    let o = oficina(&state, &official);
    let empty = Campos::of(&FormData::parse(b""));
    page(StatusCode::OK, &pagina(&o, empty))
}

/// The fields checked as the API checks them, or what to correct.
fn check(c: &Campos) -> Result<Radicado, FieldErrors> {
    let mut errors = Vec::new();
    let radicado = Radicado::parse(&c.radicado);
    if radicado.is_err() {
        errors.push((
            "radicado",
            "Escriba el número de radicado como aparece en el caso, por ejemplo 2026-000123."
                .to_owned(),
        ));
    }
    if c.basis.is_empty() || c.basis.chars().count() > 1000 {
        errors.push((
            "fundamento",
            "Escriba el fundamento de la supresión, de 1 a 1000 caracteres, por ejemplo \
             «Solicitud de la titular del 3 de marzo de 2027»."
                .to_owned(),
        ));
    }
    if c.order.chars().count() > 1000 {
        errors.push((
            "orden",
            "La orden de autoridad puede tener hasta 1000 caracteres.".to_owned(),
        ));
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
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, &official);
    let mut p = pagina(&o, Campos::of(&form));
    let radicado = match check(&p.campos) {
        Ok(r) => r,
        Err(errors) => {
            p.errors = errors;
            return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
        }
    };
    let found = match pqrs_infrastructure::cases::find(&state.repo, &radicado).await {
        Ok(f) => f,
        Err(e) => return api_error(&o, e.into(), QUE),
    };
    let Some(case) = found.as_ref().and_then(|pqr| pqr.case()) else {
        p.errors = vec![(
            "radicado",
            format!("No hay un caso con el radicado {radicado}. Revise el número."),
        )];
        return page(StatusCode::NOT_FOUND, &p);
    };
    p.caso = Some(Caso {
        kind: case.kind.spanish(),
        status: status_text(case.status.into()),
        closed: match (case.is_closed(), case.closed_at) {
            (true, Some(at)) => format!("Sí, el {}", fecha(local_date(&at))),
            (true, None) => "Sí".to_owned(),
            (false, _) => "No: el caso sigue en trámite".to_owned(),
        },
    });
    page(StatusCode::OK, &p)
}

/// `POST /funcionarios/privacidad/supresion`: suppresses, once confirmed.
#[tracing::instrument(name = "console.privacidad.supresion.suprimir", skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    request_id: RequestId,
    OfficerForm { official, form }: OfficerForm,
) -> Response {
    let o = oficina(&state, &official);
    let mut p = pagina(&o, Campos::of(&form));
    if let Err(errors) = check(&p.campos) {
        p.errors = errors;
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    // Only from the confirmation step: the form alone never suppresses.
    if form.get("confirmado") != "si" {
        p.errors = vec![(
            "radicado",
            "Revise el caso y confirme la supresión antes de hacerla.".to_owned(),
        )];
        return page(StatusCode::UNPROCESSABLE_ENTITY, &p);
    }
    let caller = o.caller();
    let allowed = match Allowed::<PrivacyOfficers>::admit(&caller) {
        Ok(a) => a,
        Err(e) => return api_error(&o, e, QUE),
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
            p.done = Some(format!(
                "Se suprimieron los datos personales del caso {} el {}. La supresión quedó \
                 registrada en la posición {} del registro.",
                made.radicado,
                fecha_hora(made.suppressed_at),
                made.position
            ));
            page(StatusCode::CREATED, &p)
        }
        Err(e) => {
            let status = match &e {
                ApiError::NotFound => StatusCode::NOT_FOUND,
                ApiError::Conflict(_) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            p.refusal = Some(match e {
                ApiError::Rule(m) | ApiError::Conflict(m) => sentence(&es(&m)),
                ApiError::NotFound => format!(
                    "No hay un caso con el radicado {}. Revise el número.",
                    p.campos.radicado
                ),
                ApiError::Validation(fields) => fields
                    .iter()
                    .map(|f| sentence(&es(&f.message)))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => return api_error(&o, other, QUE),
            });
            page(status, &p)
        }
    }
}
