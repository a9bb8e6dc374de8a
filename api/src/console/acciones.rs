//! The case actions of the console, `POST /funcionarios/casos/{radicado}/{accion}`: each form
//! becomes the body of its JSON endpoint (`api/src/routes/cases/bodies.rs`) and runs through
//! the same [`crate::routes::cases::run`] as `POST /v1/pqrs/{radicado}/…`, as the official
//! (`Caller::Staff`). After success the browser goes back to the case page (303) with a notice;
//! a refusal shows the case page again with the reason and its article (the domain's own
//! error, through the Fluent catalogue), in Spanish or in the official's English.

use super::caso::{not_found, page, Notice};
use super::texts::{self, Texts};
use super::{forbidden_in, Official};
use crate::error::ApiError;
use crate::extract::RequestId;
use crate::i18n::{translate, Lang};
use crate::pages::FormData;
use crate::routes::cases::{
    run, AnswerBody, AssignBody, ClassifyBody, CompletionRequestBody, EscalateBody, ExtendBody,
    ForwardBody, NoteBody, PriorityBody, SupplyBody, VoidBody,
};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pqrs_domain::actor::Role;
use pqrs_domain::Radicado;
use std::collections::HashMap;

/// Why an action was refused, in `lang`, with the article where a rule speaks.
fn refusal_text(w: &Texts, lang: Lang, e: &ApiError) -> Option<(StatusCode, String)> {
    let say = |s: &str| translate(s, lang);
    let refused = |status, s: &str| (status, format!("{} {}", w.refused, say(s)));
    Some(match e {
        ApiError::Validation(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "{} {}",
                w.refused_check,
                errors
                    .iter()
                    .map(|f| {
                        let field = (w.field)(&f.field).unwrap_or(&f.field);
                        format!("{field}: {}", say(&f.message))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ),
        ApiError::Rule(s) => refused(StatusCode::UNPROCESSABLE_ENTITY, s),
        ApiError::Conflict(s) => refused(StatusCode::CONFLICT, s),
        ApiError::Forbidden(s) => refused(StatusCode::FORBIDDEN, s),
        _ => return None,
    })
}

fn opt(form: &FormData, name: &str) -> Option<String> {
    form.opt(name).map(str::to_owned)
}

fn text(form: &FormData, name: &str) -> String {
    form.get(name).trim().to_owned()
}

/// Runs the action's body; `Err` is a form that cannot become a body.
async fn act(
    state: &AppState,
    official: &Official,
    radicado: &Radicado,
    request_id: &RequestId,
    action: &str,
    form: &FormData,
) -> Result<(), ApiError> {
    let caller = official.caller();
    let (c, r, id) = (&caller, radicado, request_id);
    match action {
        "clasificar" => {
            let body = ClassifyBody {
                kind: opt(form, "kind"),
                topic: opt(form, "topic"),
                dependency: opt(form, "dependency"),
                reason: text(form, "reason"),
            };
            run(state, c, r, id, body).await
        }
        "asignar" => {
            let body = AssignBody {
                dependency: text(form, "dependency"),
                official: text(form, "official"),
                reason: opt(form, "reason"),
            };
            run(state, c, r, id, body).await
        }
        "escalar" => {
            let tier = form
                .get("tier")
                .trim()
                .parse::<u8>()
                .map_err(|_| ApiError::field("tier", "must be between 2 and 4"))?;
            let body = EscalateBody {
                tier,
                reason: text(form, "reason"),
            };
            run(state, c, r, id, body).await
        }
        "nota" => {
            run(
                state,
                c,
                r,
                id,
                NoteBody {
                    text: text(form, "text"),
                },
            )
            .await
        }
        "pedir-completar" => {
            let body = CompletionRequestBody {
                what: text(form, "what"),
            };
            run(state, c, r, id, body).await
        }
        "completar" => {
            run(
                state,
                c,
                r,
                id,
                SupplyBody {
                    text: text(form, "text"),
                },
            )
            .await
        }
        "prorrogar" => {
            let new_due_date = form
                .get("new_due_date")
                .trim()
                .parse()
                .map_err(|_| ApiError::field("new_due_date", "must be a date YYYY-MM-DD"))?;
            let body = ExtendBody {
                new_due_date,
                reasons: text(form, "reasons"),
            };
            run(state, c, r, id, body).await
        }
        "trasladar" => {
            let body = ForwardBody {
                authority: text(form, "authority"),
                reasons: text(form, "reasons"),
            };
            run(state, c, r, id, body).await
        }
        "prioridad" => {
            run(
                state,
                c,
                r,
                id,
                PriorityBody {
                    reason: text(form, "reason"),
                },
            )
            .await
        }
        "responder" => {
            let body = AnswerBody {
                text: text(form, "text"),
                outcome: text(form, "outcome"),
                documents_delivered: match form.get("documents_delivered") {
                    "si" => Some(true),
                    "no" => Some(false),
                    _ => None,
                },
            };
            run(state, c, r, id, body).await
        }
        "anular" => {
            caller.require(Role::Supervisor)?;
            run(
                state,
                c,
                r,
                id,
                VoidBody {
                    reason: text(form, "reason"),
                },
            )
            .await
        }
        _ => Err(ApiError::NotFound),
    }
    .map(drop)
}

/// `POST /funcionarios/casos/{radicado}/{accion}`.
#[tracing::instrument(name = "console.action", skip_all, fields(radicado = %radicado, action = %action))]
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    request_id: RequestId,
    Path((radicado, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let w = texts::of(lang);
    let form = FormData::parse(&body);
    if !official.check_csrf(form.get("csrf")) {
        return crate::console::say(
            &state.entity,
            lang,
            StatusCode::FORBIDDEN,
            w.form_expired_title,
            w.form_expired_text,
        );
    }
    if !official.member.role.includes(Role::Agent) || (w.done)(&action).is_none() {
        return forbidden_in(&state, lang);
    }
    let Ok(radicado) = Radicado::parse(&radicado) else {
        return not_found(&state, lang);
    };
    match act(&state, &official, &radicado, &request_id, &action, &form).await {
        Ok(()) => {
            Redirect::to(&format!("/funcionarios/casos/{radicado}?hecho={action}")).into_response()
        }
        Err(e) => match refusal_text(w, lang, &e) {
            Some((status, text)) => {
                tracing::info!(refusal = %e, "console action refused");
                page(
                    &state,
                    lang,
                    &official,
                    &radicado,
                    status,
                    Some(Notice { error: true, text }),
                )
                .await
            }
            None if matches!(e, ApiError::NotFound) => not_found(&state, lang),
            None => {
                tracing::error!(error = %e, "console action failed");
                crate::console::say(
                    &state.entity,
                    lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    w.unavailable_title,
                    w.action_failed_text,
                )
            }
        },
    }
}

/// `GET /funcionarios/casos/{radicado}?hecho=accion`: the case page with the notice of what
/// was done.
#[tracing::instrument(name = "console.case", skip_all, fields(radicado = %radicado))]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Path(radicado): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if !crate::auth::single_case_reader(official.member.role) {
        return forbidden_in(&state, lang);
    }
    let Ok(radicado) = Radicado::parse(&radicado) else {
        return not_found(&state, lang);
    };
    let notice = q
        .get("hecho")
        .and_then(|a| (texts::of(lang).done)(a))
        .map(|text| Notice {
            error: false,
            text: text.to_owned(),
        });
    page(&state, lang, &official, &radicado, StatusCode::OK, notice).await
}
