//! Signing in and out of the console, and the password change forced at first login.
//!
//! `GET/POST /funcionarios` (the login page; its form is protected by the portal's
//! double-submit CSRF cookie, since there is no session yet), `GET/POST /funcionarios/clave`,
//! `POST /funcionarios/salir`. Throttling and the access log are in
//! `pqrs_infrastructure::accounts::login`.

use super::session::{self, Address, Official};
use super::{texts, unavailable_in, Layout};
use crate::console::csrf_refused_in;
use crate::i18n::Lang;
use crate::pages::{render, Csrf, FormData, CSRF_NAME};
use crate::state::AppState;
use crate::words::date_time_in;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use pqrs_infrastructure::accounts::{self, log, password, sessions, Login};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "console/login.html")]
struct LoginPage<'a> {
    l: Layout<'a>,
    csrf_name: &'static str,
    csrf: &'a str,
    email: &'a str,
    error: Option<String>,
    notice: Option<&'static str>,
}

fn login_page(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    error: Option<String>,
    notice: Option<&'static str>,
) -> Response {
    let csrf = Csrf::for_page(headers);
    let page = LoginPage {
        l: Layout::new(&state.entity, lang, texts::of(lang).login_title, None, ""),
        csrf_name: CSRF_NAME,
        csrf: &csrf.0,
        email,
        error,
        notice,
    };
    csrf.set(render(status, &page))
}

/// `GET /funcionarios`: the login page, or the official's first page when signed in.
#[tracing::instrument(name = "console.login.show", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(secret) = session::cookie_secret(&headers) {
        match sessions::find(&state.db, state.clock.now(), secret, state.console.timeouts).await {
            Ok(Some(s)) => return Redirect::to(super::home_of(s.member.role)).into_response(),
            Ok(None) => {}
            Err(e) => return unavailable_in(&state, lang, &e),
        }
    }
    let notice = q
        .contains_key("salio")
        .then_some(texts::of(lang).signed_out);
    login_page(&state, lang, &headers, StatusCode::OK, "", None, notice)
}

/// `POST /funcionarios`: checks the e-mail and password; on success opens a session (a new
/// secret every time) and goes to the official's first page (the password page first when
/// the one-time password is still in use).
#[tracing::instrument(name = "console.login.submit", skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    Address(address): Address,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let w = texts::of(lang);
    let form = FormData::parse(&body);
    if !Csrf::check(&headers, &form) {
        return csrf_refused_in(&state.entity, lang, &headers, "/funcionarios");
    }
    let email = form.get("correo").trim().to_lowercase();
    let given = form.get("clave");
    if email.is_empty() || given.is_empty() {
        return login_page(
            &state,
            lang,
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            &email,
            Some(w.login_empty.into()),
            None,
        );
    }
    let now = state.clock.now();
    let outcome = match accounts::login(&state.db, now, &email, given, Some(&address)).await {
        Ok(o) => o,
        Err(e) => return unavailable_in(&state, lang, &e),
    };
    match outcome {
        Login::Ok(account_id) => {
            let secret = match sessions::open(&state.db, now, &account_id, Some(&address)).await {
                Ok(s) => s,
                Err(e) => return unavailable_in(&state, lang, &e),
            };
            let account = match accounts::get(&state.db, &account_id).await {
                Ok(a) => a,
                Err(e) => return unavailable_in(&state, lang, &e),
            };
            let role = account.as_ref().and_then(accounts::Account::role);
            let to = role.map_or(super::session::PASSWORD_PAGE, super::home_of);
            let mut res = Redirect::to(to).into_response();
            if let Some(v) = session::set_cookie(&state, &secret) {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
            // The language the official chose follows them to this browser. An official who
            // never chose keeps the one they are reading now (the login page's: the link's
            // cookie or the browser's), so their e-mails speak the language their console does.
            match account.as_ref().map(accounts::Account::language) {
                Some(Some(chosen)) => {
                    res.headers_mut()
                        .append(header::SET_COOKIE, crate::pages::lang::keep(chosen.into()));
                }
                Some(None) => {
                    if let Err(e) =
                        accounts::set_language(&state.db, &account_id, lang.into()).await
                    {
                        tracing::warn!(error = %e, "the official's language could not be kept");
                    }
                }
                None => {}
            }
            res
        }
        Login::Wrong => login_page(
            &state,
            lang,
            &headers,
            StatusCode::UNAUTHORIZED,
            &email,
            Some((w.login_wrong)(
                accounts::MAX_FAILURES_PER_ACCOUNT,
                accounts::THROTTLE_WINDOW_MINUTES,
            )),
            None,
        ),
        Login::Throttled { retry_at } => {
            let wait = (retry_at - now).num_seconds().max(1);
            let mut res = login_page(
                &state,
                lang,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                &email,
                Some((w.login_throttled)(
                    &date_time_in(lang, retry_at.fixed_offset()),
                    (wait + 59) / 60,
                )),
                None,
            );
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        Login::Disabled => login_page(
            &state,
            lang,
            &headers,
            StatusCode::FORBIDDEN,
            &email,
            Some(w.login_disabled.into()),
            None,
        ),
    }
}

/// `POST /funcionarios/salir`: ends the session.
#[tracing::instrument(name = "console.logout", skip_all)]
pub async fn sign_out(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Address(address): Address,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    if !official.check_csrf(form.get("csrf")) {
        return csrf_refused_in(&state.entity, lang, &headers, "/funcionarios");
    }
    if let Some(secret) = session::cookie_secret(&headers) {
        if let Err(e) = sessions::close(&state.db, secret).await {
            return unavailable_in(&state, lang, &e);
        }
    }
    let entry = log::Entry {
        account_id: Some(&official.member.id),
        actor: Some(&official.member.id),
        address: Some(&address),
        ..log::Entry::default()
    };
    if let Err(e) = log::record(&state.db, state.clock.now(), log::Kind::Logout, entry).await {
        return unavailable_in(&state, lang, &e);
    }
    let mut res = Redirect::to("/funcionarios?salio=1").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, session::clear_cookie(&state));
    res
}

#[derive(Template)]
#[template(path = "console/password.html")]
struct PasswordPage<'a> {
    l: Layout<'a>,
    first: bool,
    errors: Vec<(&'static str, String)>,
}

impl PasswordPage<'_> {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// `GET /funcionarios/clave`: the form to choose a new password.
#[tracing::instrument(name = "console.password.show", skip_all)]
pub async fn password_form(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
) -> Response {
    let page = PasswordPage {
        l: password_layout(&state, lang, &official),
        first: official.must_change_password,
        errors: Vec::new(),
    };
    render(StatusCode::OK, &page)
}

fn password_layout<'a>(state: &'a AppState, lang: Lang, official: &'a Official) -> Layout<'a> {
    let title = texts::of(lang).change_password;
    Layout::new(&state.entity, lang, title, Some(official), "")
}

/// `POST /funcionarios/clave`: checks the current password and the new one; on success stores
/// it, ends every other session of the account and opens a new one.
#[tracing::instrument(name = "console.password.change", skip_all)]
pub async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Address(address): Address,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    if !official.check_csrf(form.get("csrf")) {
        return csrf_refused_in(&state.entity, lang, &headers, session::PASSWORD_PAGE);
    }
    let w = texts::of(lang);
    let (current, new, again) = (form.get("actual"), form.get("nueva"), form.get("repetir"));
    let account = match accounts::get(&state.db, &official.member.id).await {
        Ok(Some(a)) => a,
        Ok(None) => return Redirect::to("/funcionarios").into_response(),
        Err(e) => return unavailable_in(&state, lang, &e),
    };
    let mut errors = Vec::new();
    match accounts::check_password(&state.db, &official.member.id, current).await {
        Ok(true) => {}
        Ok(false) => errors.push(("actual", w.wrong_current.to_owned())),
        Err(e) => return unavailable_in(&state, lang, &e),
    }
    if let Some(weak) = password::weakness(new, &account.email) {
        errors.push(("nueva", (w.weakness)(weak).to_owned()));
    } else if new == current {
        errors.push(("nueva", w.same_as_current.to_owned()));
    }
    if errors.iter().all(|(f, _)| *f != "nueva") && new != again {
        errors.push(("repetir", w.mismatch.to_owned()));
    }
    if !errors.is_empty() {
        let page = PasswordPage {
            l: password_layout(&state, lang, &official),
            first: official.must_change_password,
            errors,
        };
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let now = state.clock.now();
    let id = &official.member.id;
    let secret = async {
        accounts::change_password(&state.db, now, id, new, Some(&address)).await?;
        sessions::close_all(&state.db, id).await?;
        sessions::open(&state.db, now, id, Some(&address)).await
    }
    .await;
    let secret = match secret {
        Ok(s) => s,
        Err(e) => return unavailable_in(&state, lang, &e),
    };
    let mut res = Redirect::to(super::home_of(official.member.role)).into_response();
    if let Some(v) = session::set_cookie(&state, &secret) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
