//! The case page (after `POST /consultar`) and the citizen's actions on it
//! (`POST /consultar/accion`): supply what was asked (art. 17), ask once for more time to do
//! it (art. 17), withdraw (art. 18), rate the service. Each action runs the same command as
//! its JSON endpoint, through the same executor, as the citizen on channel `web`.
//!
//! The access code is asked again in each action form (the citizen types it; it is never
//! written into the page): the portal stays session-less, the code stays the only credential,
//! and a page left open on a shared computer cannot act on the case.

use super::acceso::check_code;
use super::{
    csrf_refused, fecha, fecha_hora, render, unavailable, Csrf, FormData, Layout, Portal, CSRF_NAME,
};
use crate::access::ClientIp;
use crate::auth::Caller;
use crate::extract::RequestId;
use crate::routes::pqrs::{metadata_of, tracking_of, Tracking};
use crate::words::outcome_text;
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Months;
use pqrs_domain::contact::Channel;
use pqrs_domain::deadline::bogota;
use pqrs_domain::pqr::{
    Comment, ExtendCompletionWindow, PqrCommand, Rate, Score, SupplyCompletion, Withdraw,
    WithdrawNotificationConsent,
};
use pqrs_domain::text::{Description, Reason};
use pqrs_domain::{Kind, Radicado};
use pqrs_infrastructure::cases;

/// A line of the timeline.
pub struct Step {
    /// When, written out.
    pub at: String,
    /// What happened, in plain Spanish.
    pub what: String,
    /// Details the citizen may read.
    pub detail: Option<String>,
}

/// What the page says after an action: done, or why not.
pub struct Notice {
    /// Whether the action was refused.
    pub error: bool,
    /// The text.
    pub text: String,
}

/// The status in plain Spanish.
pub fn status_text(status: &str) -> &'static str {
    match status {
        "filed" => "Radicada: la entidad la recibió y la va a asignar",
        "in_progress" => "En trámite: asignada a un área de la entidad",
        "suspended" => {
            "Suspendida mientras usted completa la información (Ley 1755 de 2015, art. 17)"
        }
        "answered" => "Respondida",
        "forwarded" => "Trasladada por competencia a otra autoridad (Ley 1755 de 2015, art. 21)",
        "withdrawn" => "Desistida por usted (Ley 1755 de 2015, art. 18)",
        "withdrawn_tacitly" => {
            "Desistida porque no se completó a tiempo (Ley 1755 de 2015, art. 17)"
        }
        "voided" => "Anulada: el radicado se emitió por error",
        _ => "En trámite",
    }
}

fn step_text(what: &str) -> &'static str {
    match what {
        "filed" => "Radicada",
        "reclassified" => "Reclasificada",
        "in_progress" => "Asignada a un área de la entidad",
        "completion_requested" => "Suspendida mientras usted completa la información (art. 17)",
        "completion_supplied" => "Usted completó la información; el plazo sigue corriendo",
        "completion_window_extended" => "Se amplió su plazo para completar (art. 17)",
        "withdrawn_tacitly" => "Desistimiento tácito: no se completó a tiempo (art. 17)",
        "term_extended" => "Prorrogada: la entidad amplió el plazo (art. 14)",
        "forwarded" => "Trasladada por competencia (art. 21)",
        "priority_flagged" => "Atención prioritaria (art. 20)",
        "positive_silence_reached" => "Silencio administrativo positivo",
        "answered" => "Respondida",
        "rated" => "Usted calificó la atención",
        "withdrawn" => "Desistida por usted (art. 18)",
        "voided" => "Anulada",
        "petitioner_notified" => "Le enviamos un correo electrónico",
        "notification_failed" => "No fue posible enviarle un correo electrónico",
        "notification_consent_withdrawn" => "Usted pidió no recibir más correos electrónicos",
        _ => "Actualizada",
    }
}

fn kind_text(kind: &str) -> String {
    Kind::parse(kind).map_or_else(|_| kind.to_owned(), |k| k.spanish().to_owned())
}

/// The detail a step shows the citizen, rewritten where the stored form is technical.
fn step_detail(what: &str, detail: Option<&str>) -> Option<String> {
    let detail = detail?;
    let date = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| s.to_owned(), fecha)
    };
    match what {
        "reclassified" => detail
            .split_once(" → ")
            .map(|(a, b)| format!("De {} a {}", kind_text(a), kind_text(b))),
        "completion_requested" => detail
            .split_once(": ")
            .map(|(d, w)| format!("{w} (puede entregarlo hasta el {})", date(d))),
        "term_extended" => detail
            .split_once(": ")
            .map(|(d, r)| format!("Nueva fecha límite: {}. Motivos: {r}", date(d))),
        "forwarded" => detail
            .split_once(": ")
            .map(|(a, r)| format!("A: {a}. Motivos: {r}")),
        "completion_supplied" | "priority_flagged" => {
            Some(format!("Nueva fecha límite: {}", date(detail)))
        }
        "answered" => Some(outcome_text(detail).to_owned()),
        "withdrawn" | "withdrawn_tacitly" | "voided" => Some(detail.to_owned()),
        "petitioner_notified" | "notification_failed" => {
            crate::words::message_title(detail).map(str::to_owned)
        }
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "caso.html")]
struct CasePage<'a> {
    l: Layout<'a>,
    csrf: &'a str,
    csrf_name: &'a str,
    t: Tracking,
    kind: String,
    status: &'static str,
    due: String,
    received: String,
    steps: Vec<Step>,
    answer_outcome: &'static str,
    answer_on: String,
    completion_until: String,
    may_supply: bool,
    may_extend: bool,
    may_withdraw: bool,
    may_rate: bool,
    notice: Option<Notice>,
    /// With an e-mail given: whether the petitioner accepted electronic notification
    /// (CPACA art. 56); `None` without an e-mail address (anonymous, erased, phone only).
    electronic_notification: Option<bool>,
    /// The e-mail messages sent to the petitioner, oldest first.
    mails: Vec<Step>,
    /// When the petitioner asked for no more e-mail (issue 15), if they did.
    mail_stopped: Option<String>,
}

/// The case as its petitioner sees it (the same view as `GET /v1/pqrs/{radicado}`).
pub async fn case_page(
    p: &Portal,
    headers: &HeaderMap,
    radicado: &Radicado,
    status: StatusCode,
    notice: Option<Notice>,
) -> Response {
    let pqr = match cases::find(&p.app.repo, radicado).await {
        Ok(Some(pqr)) => pqr,
        Ok(None) => return unavailable(p),
        Err(e) => {
            tracing::error!(error = %e, "case could not be read");
            return unavailable(p);
        }
    };
    let Some(case) = pqr.case() else {
        return unavailable(p);
    };
    let electronic_notification = case
        .filing
        .petitioner
        .as_ref()
        .filter(|pet| pet.email.is_some())
        .map(|pet| pet.accepts_electronic_notification);
    let mails = case
        .notifications
        .iter()
        .map(|n| Step {
            at: fecha_hora(n.at),
            what: crate::words::message_title(n.message.as_str())
                .unwrap_or("Mensaje de la entidad")
                .to_owned(),
            detail: Some(if n.accepted {
                "Enviado: el servidor de correo de la entidad lo entregó para su envío.".into()
            } else {
                "No se pudo enviar: revise que su correo electrónico esté bien escrito.".into()
            }),
        })
        .collect();
    let t = tracking_of(case, &p.app.clock.now(), false);
    let open_completion = t.completion.as_ref().filter(|c| c.supplied_on.is_none());
    let closed = matches!(
        t.status.as_str(),
        "answered" | "forwarded" | "withdrawn" | "withdrawn_tacitly" | "voided"
    );
    let csrf = Csrf::for_page(headers);
    let page = CasePage {
        l: Layout::new(&p.app.entity, format!("Solicitud {}", t.radicado)),
        csrf: &csrf.0,
        csrf_name: CSRF_NAME,
        kind: kind_text(&t.kind),
        status: status_text(&t.status),
        due: fecha(t.due_date),
        received: fecha_hora(t.received_at),
        steps: t
            .milestones
            .iter()
            .map(|m| Step {
                at: fecha_hora(m.at),
                what: step_text(&m.what).to_owned(),
                detail: step_detail(&m.what, m.detail.as_deref()),
            })
            .collect(),
        answer_outcome: t.answer.as_ref().map_or("", |a| outcome_text(&a.outcome)),
        answer_on: t
            .answer
            .as_ref()
            .map_or(String::new(), |a| fecha(a.answered_on)),
        completion_until: open_completion.map_or(String::new(), |c| fecha(c.window_ends_on)),
        may_supply: open_completion.is_some() && !closed,
        may_extend: open_completion.is_some() && !closed,
        may_withdraw: !closed,
        may_rate: t.status == "answered" && t.rating.is_none(),
        notice,
        electronic_notification,
        mails,
        mail_stopped: case.notification_consent_withdrawn_at.map(fecha_hora),
        t,
    };
    csrf.set(render(status, &page))
}

/// Why an action was refused, in Spanish.
fn refused(action: &str) -> String {
    match action {
        "completar" => "No se pudo registrar la información: la entidad no tiene una solicitud \
                        de completar abierta para este caso."
            .into(),
        "ampliar" => "No se pudo ampliar el plazo: solo se puede pedir una vez, por hasta un \
                      mes más, antes de que venza (Ley 1755 de 2015, art. 17)."
            .into(),
        "calificar" => "No se pudo registrar la calificación: solo se puede calificar una \
                        vez, después de la respuesta."
            .into(),
        "sin_correo" => "Usted ya había pedido que no le escribamos por correo electrónico \
                         sobre esta solicitud."
            .into(),
        _ => "No se pudo desistir: la solicitud ya está cerrada.".into(),
    }
}

fn invalid(status: StatusCode, text: &str) -> Result<PqrCommand, (StatusCode, String)> {
    Err((status, text.to_owned()))
}

/// The command of an action, from the form; the same commands as the JSON endpoints.
fn command(
    action: &str,
    form: &FormData,
    t: &Tracking,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<PqrCommand, (StatusCode, String)> {
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    match action {
        "completar" => match Description::parse(form.get("texto")) {
            Ok(text) => Ok(PqrCommand::SupplyCompletion(SupplyCompletion { text, at })),
            Err(_) => invalid(
                bad,
                "Escriba la información que le pidieron (hasta 20 000 caracteres).",
            ),
        },
        "ampliar" => {
            // art. 17: the petitioner may ask once for up to one more month.
            let until = t
                .completion
                .as_ref()
                .and_then(|c| c.window_ends_on.checked_add_months(Months::new(1)));
            match until {
                Some(until) => Ok(PqrCommand::ExtendCompletionWindow(ExtendCompletionWindow {
                    until,
                    at,
                })),
                None => invalid(StatusCode::CONFLICT, &refused("ampliar")),
            }
        }
        "desistir" => match form.opt("motivo").map(Reason::parse).transpose() {
            Ok(reason) => Ok(PqrCommand::Withdraw(Withdraw { reason, at })),
            Err(_) => invalid(
                bad,
                "Revise el motivo: es demasiado largo o tiene caracteres no válidos.",
            ),
        },
        "calificar" => {
            let score = form
                .get("puntaje")
                .parse::<u8>()
                .ok()
                .and_then(|s| Score::new(s).ok());
            let comment = form.opt("comentario").map(Comment::parse).transpose();
            match (score, comment) {
                (Some(score), Ok(comment)) => Ok(PqrCommand::Rate(Rate { score, comment, at })),
                (None, _) => invalid(bad, "Elija una calificación de 1 a 5."),
                (_, Err(_)) => invalid(
                    bad,
                    "Revise el comentario: es demasiado largo o tiene caracteres no válidos.",
                ),
            }
        }
        // Issue 15: the consent to e-mail is revocable (Ley 1437 de 2011 art. 56).
        "sin_correo" => Ok(PqrCommand::WithdrawNotificationConsent(
            WithdrawNotificationConsent { at },
        )),
        _ => invalid(StatusCode::BAD_REQUEST, "No reconocemos esa acción."),
    }
}

/// Runs a citizen action after checking the code typed in its form.
#[tracing::instrument(name = "portal_action", skip_all)]
pub async fn act(
    State(p): State<Portal>,
    ClientIp(ip): ClientIp,
    request_id: RequestId,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused(&p.app.entity, &headers, "/consultar");
    }
    let radicado =
        match check_code(&p, &headers, ip, form.get("radicado"), form.get("codigo")).await {
            Ok(r) => r,
            Err(page) => return page,
        };
    let action = form.get("accion");
    let loaded = match cases::find(&p.app.repo, &radicado).await {
        Ok(Some(pqr)) => pqr,
        Ok(None) => return unavailable(&p),
        Err(e) => {
            tracing::error!(error = %e, "case could not be read");
            return unavailable(&p);
        }
    };
    let Some(case) = loaded.case() else {
        return unavailable(&p);
    };
    let t = tracking_of(case, &p.app.clock.now(), false);
    let at = p.app.clock.now().with_timezone(&bogota());
    let command = match command(action, &form, &t, at) {
        Ok(c) => c,
        Err((status, text)) => {
            let notice = Notice { error: true, text };
            return case_page(&p, &headers, &radicado, status, Some(notice)).await;
        }
    };
    let metadata = metadata_of(&Caller::Citizen, Some(Channel::Web), &request_id);
    match p
        .app
        .cases
        .execute(&radicado.to_string(), command, &metadata)
        .await
    {
        Ok(_) => {
            let text = match action {
                "completar" => {
                    "Recibimos la información. El plazo para responderle sigue \
                                corriendo desde mañana."
                }
                "ampliar" => "Listo: tiene un mes más para completar la información.",
                "calificar" => "Gracias: registramos su calificación.",
                "sin_correo" => {
                    "Listo: no le enviaremos más correos sobre esta solicitud. La respuesta se \
                     le notificará por los otros medios que usted dio."
                }
                _ => {
                    "Registramos su desistimiento: la entidad no seguirá tramitando su \
                      solicitud."
                }
            };
            let notice = Notice {
                error: false,
                text: text.to_owned(),
            };
            case_page(&p, &headers, &radicado, StatusCode::OK, Some(notice)).await
        }
        Err(pqrs_infrastructure::commands::CommandError::Store(e)) => {
            tracing::error!(error = %e, "portal action failed");
            unavailable(&p)
        }
        Err(e) => {
            tracing::info!(refusal = %e, action, "portal action refused");
            let notice = Notice {
                error: true,
                text: refused(action),
            };
            case_page(&p, &headers, &radicado, StatusCode::CONFLICT, Some(notice)).await
        }
    }
}
