//! The e-mail to petitioners, for admins, `/funcionarios/admin/correo` (issue 15): whether it
//! is on, through which server and sender, which messages are on, how many wait and since
//! when, and a form that sends one test message with those settings and shows the server's
//! reply, as `pqrs mail test` does (docs/notifications.md, "Checking the settings"). The
//! settings themselves are the service's configuration; this page only shows them.

use super::admin_form::{Admin, AdminForm};
use super::{texts, Layout, Official};
use crate::i18n::{Lang, Msg};
use crate::notify::MailConfig;
use crate::pages::render;
use crate::pages::FormData;
use crate::state::AppState;
use crate::words::date_time_in;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use pqrs_domain::contact::Email;
use pqrs_infrastructure::outbox::deliver::redact_url;

/// The page's path.
pub const MAIL: &str = "/funcionarios/admin/correo";

/// How long the page waits for the server to take the test message: under the requests'
/// 30 s limit, so that a server that does not answer is said on this page, not by a 408.
pub const TEST_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// The page's routes: the settings, and the test message.
pub fn routes() -> Router<AppState> {
    Router::new().route(MAIL, get(show).post(send_test))
}

/// What a test message came to.
enum Sent {
    /// The server took it: its reply.
    Accepted(String),
    /// It did not: why, in the server's or the transfer's words.
    Refused(String),
}

#[derive(Template)]
#[template(path = "console/admin_correo.html")]
struct Page<'a> {
    l: Layout<'a>,
    /// The server (password hidden), the sender and the reply-to; `None`: mail is off.
    settings: Option<(String, String, Option<String>)>,
    /// Whether the certificate authorities of `smtp_ca_file` are trusted too.
    own_authority: bool,
    /// How the connection is encrypted, in words.
    encryption: &'static str,
    /// Whether the SMTP password crosses the network unencrypted.
    password_in_clear: bool,
    /// The messages on, by their configuration names.
    enabled: Vec<&'static str>,
    /// Messages waiting, and since when the oldest (in words); `None` if it could not be read.
    waiting: Option<(i64, Option<String>)>,
    sent: Option<Sent>,
    to: String,
    error: Option<String>,
}

async fn view(
    state: &AppState,
    lang: Lang,
    official: &Official,
    status: StatusCode,
    form: Option<&FormData>,
    sent: Option<Sent>,
    error: Option<String>,
) -> Response {
    let mail: Option<&MailConfig> = state.mail.as_deref();
    let waiting = pqrs_infrastructure::outbox::waiting(&state.db)
        .await
        .ok()
        .map(|w| {
            let since = w
                .oldest
                .map(|t| date_time_in(lang, t.with_timezone(&pqrs_domain::deadline::bogota())));
            (w.messages, since)
        });
    let w = texts::of(lang);
    render(
        status,
        &Page {
            l: Layout::new(&state.entity, lang, w.admin_mail, Some(official), MAIL),
            settings: mail.map(|m| {
                (
                    redact_url(&m.settings.url),
                    m.settings.from.clone(),
                    m.settings.reply_to.clone(),
                )
            }),
            own_authority: mail.is_some_and(|m| m.settings.ca_pem.is_some()),
            encryption: mail.map_or("", |m| (w.encryption)(m.settings.encryption())),
            password_in_clear: mail.is_some_and(|m| m.settings.password_in_clear()),
            enabled: mail.map(MailConfig::messages_on).unwrap_or_default(),
            waiting,
            sent,
            to: form
                .map(|f| f.get("para").trim().to_owned())
                .unwrap_or_default(),
            error,
        },
    )
}

/// The settings in force.
pub async fn show(State(state): State<AppState>, lang: Lang, Admin(official): Admin) -> Response {
    view(&state, lang, &official, StatusCode::OK, None, None, None).await
}

/// Sends the test message to the address typed (the page again, with the server's reply).
pub async fn send_test(
    State(state): State<AppState>,
    lang: Lang,
    AdminForm { official, form }: AdminForm,
) -> Response {
    let w = texts::of(lang);
    let Some(mail) = state.mail.clone() else {
        let off = w.mail_off_refusal;
        return view(
            &state,
            lang,
            &official,
            StatusCode::CONFLICT,
            Some(&form),
            None,
            Some(off.into()),
        )
        .await;
    };
    let to = match Email::parse(form.get("para")) {
        Ok(to) => to,
        Err(_) => {
            let error = w.mail_to_invalid;
            return view(
                &state,
                lang,
                &official,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&form),
                None,
                Some(error.into()),
            )
            .await;
        }
    };
    let words = |key: &str| Msg::new(key).arg("entity", &state.entity.name).text(lang);
    let (subject, body) = (words("mail-test-subject"), words("mail-test-body"));
    let sending = mail.settings.send_test(&to, &subject, &body);
    let sent = match tokio::time::timeout(TEST_WAIT, sending).await {
        Ok(Ok(reply)) => Sent::Accepted(reply),
        Ok(Err(e)) => Sent::Refused(crate::i18n::translate_nested(&e.to_string(), lang)),
        Err(_) => Sent::Refused((w.mail_silent)(TEST_WAIT.as_secs())),
    };
    tracing::info!(
        official = %official.member.id,
        accepted = matches!(sent, Sent::Accepted(_)),
        "test e-mail sent from the console"
    );
    view(
        &state,
        lang,
        &official,
        StatusCode::OK,
        Some(&form),
        Some(sent),
        None,
    )
    .await
}
