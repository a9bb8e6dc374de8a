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
    csrf_refused_in, render, texts, unavailable, Csrf, FormData, Layout, Portal, Texts, CSRF_NAME,
};
use crate::access::ClientIp;
use crate::auth::Caller;
use crate::extract::RequestId;
use crate::i18n::Lang;
use crate::routes::pqrs::{metadata_of, tracking_of, Tracking};
use crate::words::{date_in, date_time_in, message_title_in, outcome_in};
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
    /// What happened, in plain words.
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

/// The name of a kind (API value) in `lang`; an unknown value is shown as stored.
fn kind_text(w: &Texts, kind: &str) -> String {
    Kind::parse(kind).map_or_else(|_| kind.to_owned(), |k| (w.kind_name)(k).to_owned())
}

/// The detail a step shows the citizen, rewritten where the stored form is technical.
fn step_detail(lang: Lang, what: &str, detail: Option<&str>) -> Option<String> {
    let detail = detail?;
    let w = texts::of(lang);
    let date = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_or_else(|_| s.to_owned(), |d| date_in(lang, d))
    };
    match what {
        "reclassified" => detail
            .split_once(" → ")
            .map(|(a, b)| (w.from_to)(&kind_text(w, a), &kind_text(w, b))),
        "completion_requested" => detail
            .split_once(": ")
            .map(|(d, what)| (w.asked_until)(what, &date(d))),
        "term_extended" => detail
            .split_once(": ")
            .map(|(d, r)| (w.new_due_reasons)(&date(d), r)),
        "forwarded" => detail.split_once(": ").map(|(a, r)| (w.to_reasons)(a, r)),
        "completion_supplied" | "priority_flagged" => Some((w.new_due)(&date(detail))),
        "answered" => Some(outcome_in(lang, detail).to_owned()),
        "withdrawn" | "withdrawn_tacitly" | "voided" => Some(detail.to_owned()),
        "petitioner_notified" | "notification_failed" => {
            message_title_in(lang, detail).map(str::to_owned)
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
    reply: Option<&'static str>,
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
    lang: Lang,
    headers: &HeaderMap,
    radicado: &Radicado,
    status: StatusCode,
    notice: Option<Notice>,
) -> Response {
    let w = texts::of(lang);
    let pqr = match cases::find(&p.app.repo, radicado).await {
        Ok(Some(pqr)) => pqr,
        Ok(None) => return unavailable(p, lang),
        Err(e) => {
            tracing::error!(error = %e, "case could not be read");
            return unavailable(p, lang);
        }
    };
    let Some(case) = pqr.case() else {
        return unavailable(p, lang);
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
            at: date_time_in(lang, n.at),
            what: message_title_in(lang, n.message.as_str())
                .unwrap_or(w.mail_other)
                .to_owned(),
            detail: Some(
                if n.accepted {
                    w.mail_sent
                } else {
                    w.mail_failed
                }
                .to_owned(),
            ),
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
        l: Layout::in_lang(
            &p.app.entity,
            lang,
            format!("{} {}", w.case_title, t.radicado),
        ),
        csrf: &csrf.0,
        csrf_name: CSRF_NAME,
        kind: kind_text(w, &t.kind),
        status: (w.status)(&t.status),
        reply: t
            .preferred_reply_channel
            .as_deref()
            .map(|c| (w.reply_channel)(c)),
        due: date_in(lang, t.due_date),
        received: date_time_in(lang, t.received_at),
        steps: t
            .milestones
            .iter()
            .map(|m| Step {
                at: date_time_in(lang, m.at),
                what: (w.step)(&m.what).to_owned(),
                detail: step_detail(lang, &m.what, m.detail.as_deref()),
            })
            .collect(),
        answer_outcome: t
            .answer
            .as_ref()
            .map_or("", |a| outcome_in(lang, &a.outcome)),
        answer_on: t
            .answer
            .as_ref()
            .map_or(String::new(), |a| date_in(lang, a.answered_on)),
        completion_until: open_completion
            .map_or(String::new(), |c| date_in(lang, c.window_ends_on)),
        may_supply: open_completion.is_some() && !closed,
        may_extend: open_completion.is_some() && !closed,
        may_withdraw: !closed,
        may_rate: t.status == "answered" && t.rating.is_none(),
        notice,
        electronic_notification,
        mails,
        mail_stopped: case
            .notification_consent_withdrawn_at
            .map(|at| date_time_in(lang, at)),
        t,
    };
    csrf.set(render(status, &page))
}

fn invalid(status: StatusCode, text: &str) -> Result<PqrCommand, (StatusCode, String)> {
    Err((status, text.to_owned()))
}

/// The command of an action, from the form; the same commands as the JSON endpoints.
fn command(
    w: &Texts,
    action: &str,
    form: &FormData,
    t: &Tracking,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<PqrCommand, (StatusCode, String)> {
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    match action {
        "completar" => match Description::parse(form.get("texto")) {
            Ok(text) => Ok(PqrCommand::SupplyCompletion(SupplyCompletion { text, at })),
            Err(_) => invalid(bad, w.bad_completion),
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
                None => invalid(StatusCode::CONFLICT, (w.refused)("ampliar")),
            }
        }
        "desistir" => match form.opt("motivo").map(Reason::parse).transpose() {
            Ok(reason) => Ok(PqrCommand::Withdraw(Withdraw { reason, at })),
            Err(_) => invalid(bad, w.bad_reason),
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
                (None, _) => invalid(bad, w.bad_score),
                (_, Err(_)) => invalid(bad, w.bad_comment),
            }
        }
        // Issue 15: the consent to e-mail is revocable (Ley 1437 de 2011 art. 56).
        "sin_correo" => Ok(PqrCommand::WithdrawNotificationConsent(
            WithdrawNotificationConsent { at },
        )),
        _ => invalid(StatusCode::BAD_REQUEST, w.bad_action),
    }
}

/// Runs a citizen action after checking the code typed in its form.
#[tracing::instrument(name = "portal_action", skip_all)]
pub async fn act(
    State(p): State<Portal>,
    ClientIp(ip): ClientIp,
    lang: Lang,
    request_id: RequestId,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let w = texts::of(lang);
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused_in(&p.app.entity, lang, &headers, "/consultar");
    }
    let (radicado, code) = (form.get("radicado"), form.get("codigo"));
    let radicado = match check_code(&p, lang, &headers, ip, radicado, code).await {
        Ok(r) => r,
        Err(page) => return page,
    };
    let action = form.get("accion");
    let loaded = match cases::find(&p.app.repo, &radicado).await {
        Ok(Some(pqr)) => pqr,
        Ok(None) => return unavailable(&p, lang),
        Err(e) => {
            tracing::error!(error = %e, "case could not be read");
            return unavailable(&p, lang);
        }
    };
    let Some(case) = loaded.case() else {
        return unavailable(&p, lang);
    };
    let t = tracking_of(case, &p.app.clock.now(), false);
    let at = p.app.clock.now().with_timezone(&bogota());
    let command = match command(w, action, &form, &t, at) {
        Ok(c) => c,
        Err((status, text)) => {
            let notice = Notice { error: true, text };
            return case_page(&p, lang, &headers, &radicado, status, Some(notice)).await;
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
            let notice = Notice {
                error: false,
                text: (w.done)(action).to_owned(),
            };
            case_page(&p, lang, &headers, &radicado, StatusCode::OK, Some(notice)).await
        }
        Err(pqrs_infrastructure::commands::CommandError::Store(e)) => {
            tracing::error!(error = %e, "portal action failed");
            unavailable(&p, lang)
        }
        Err(e) => {
            tracing::info!(refusal = %e, action, "portal action refused");
            let notice = Notice {
                error: true,
                text: (w.refused)(action).to_owned(),
            };
            case_page(
                &p,
                lang,
                &headers,
                &radicado,
                StatusCode::CONFLICT,
                Some(notice),
            )
            .await
        }
    }
}
