//! The staff console (issue 14): server-rendered pages in Spanish, or in English for an official
//! who asks for it (`texts`; docs/language.md), under `/funcionarios`, for
//! officials signed in with an account (docs/console.md). The pages call the same commands and
//! queries as the JSON API, as [`crate::auth::Caller::Staff`], so a page never shows what the
//! role may not see.
//!
//! Security: a session cookie (`session`), the session's CSRF token in every form (checked in
//! constant time), and the portal's Content-Security-Policy and security headers with
//! `Cache-Control: no-store` on every page.

pub mod accesos;
pub mod acciones;
pub mod admin;
pub mod admin_cierres;
pub mod admin_correo;
pub mod admin_form;
pub mod admin_politica;
pub mod bandeja;
pub mod caso;
pub mod login;
pub mod privacidad;
pub mod radicar;
pub mod session;
pub(crate) mod texts;
// ---- office (issue 14 part 3): alerts, reports, audit ----
pub mod alertas;
pub mod auditoria;
pub mod informes;
pub mod informes_comun;
// ---- end office ----

use crate::config::Entity;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use pqrs_domain::actor::Role;
pub use session::Official;

/// The console's routes, with the portal's security headers.
pub fn router(state: AppState) -> Router {
    let router = Router::new()
        .route("/funcionarios", get(login::show).post(login::submit))
        .route(
            session::PASSWORD_PAGE,
            get(login::password_form).post(login::change_password),
        )
        .route("/funcionarios/salir", post(login::sign_out))
        .merge(admin::routes())
        .merge(admin_cierres::routes())
        .merge(admin_politica::routes())
        .merge(admin_correo::routes())
        .merge(privacidad::routes())
        .route("/funcionarios/auditoria/accesos", get(accesos::show));
    // ---- console (issue 14 part 2): the daily work's routes ----
    let router = router
        .route("/funcionarios/bandeja", get(bandeja::show))
        .route("/funcionarios/bandeja/eventos", get(bandeja::events))
        .route("/funcionarios/static/console.js", get(bandeja::script))
        .route("/funcionarios/static/console.css", get(bandeja::stylesheet))
        .route("/funcionarios/casos/{radicado}", get(acciones::show))
        .route(
            "/funcionarios/casos/{radicado}/{accion}",
            post(acciones::submit),
        )
        .route(
            "/funcionarios/radicar",
            get(radicar::show).post(radicar::submit),
        );
    // ---- end of the daily work's routes ----
    // ---- office (issue 14 part 3): alerts, reports and audit pages ----
    let router = router.merge(office_router());
    // ---- end office ----
    router
        .with_state(state)
        .layer(axum::middleware::from_fn(crate::pages::lang::choose))
        .layer(axum::middleware::map_response(
            crate::pages::security_headers,
        ))
}

/// The routes of the alerts, reports and audit pages.
fn office_router() -> Router<AppState> {
    Router::new()
        .route("/funcionarios/oficina.css", get(informes_comun::stylesheet))
        .route("/funcionarios/alertas", get(alertas::show))
        .route("/funcionarios/informes", get(informes::show))
        .route("/funcionarios/informes/descargar", get(informes::download))
        .route("/funcionarios/auditoria", get(auditoria::show))
        .route("/funcionarios/auditoria/verificar", post(auditoria::verify))
        .route("/funcionarios/auditoria/compendio", post(auditoria::digest))
        .route(
            "/funcionarios/auditoria/radicados",
            get(auditoria::radicados),
        )
        .route("/funcionarios/auditoria/historia", get(auditoria::history))
        .route("/funcionarios/auditoria/exportar", get(auditoria::export))
}

/// A link of the console's navigation.
pub struct NavLink {
    /// Where it goes.
    pub href: &'static str,
    /// What it says.
    pub label: &'static str,
    /// Whether it is the section of the current page.
    pub current: bool,
}

/// What every console page's frame shows: the entity, the title, and the official signed in
/// (name, role, navigation by role, logout form), in the page's language.
pub struct Layout<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// The page title.
    pub title: String,
    /// The official signed in, if any (the login page has none).
    pub official: Option<&'a Official>,
    /// The section of the page (`/funcionarios/bandeja`, …), to mark its link.
    pub section: &'static str,
    /// The language of the page (`<html lang>`).
    pub lang: Lang,
    /// The frame's texts in that language.
    pub(crate) w: &'static texts::Texts,
}

impl<'a> Layout<'a> {
    /// The frame of a page in `lang` titled `title` in `section`, for `official`, with the link
    /// to the other language.
    pub fn new(
        entity: &'a Entity,
        lang: Lang,
        title: impl Into<String>,
        official: Option<&'a Official>,
        section: &'static str,
    ) -> Self {
        Layout {
            entity,
            title: title.into(),
            official,
            section,
            lang,
            w: texts::of(lang),
        }
    }

    /// The official's name, or "".
    pub fn name(&self) -> &str {
        self.official.map_or("", |o| o.member.name.as_str())
    }

    /// The official's role in the page's language, or "".
    pub fn role(&self) -> &str {
        self.official.map_or("", |o| (self.w.role)(o.member.role))
    }

    /// The session's CSRF token (for the logout form), or "".
    pub fn csrf(&self) -> &str {
        self.official.map_or("", |o| o.csrf.as_str())
    }

    /// The sections the official's role opens; none before the password is changed.
    pub fn nav(&self) -> Vec<NavLink> {
        let Some(o) = self.official.filter(|o| !o.must_change_password) else {
            return Vec::new();
        };
        let (r, w) = (o.member.role, self.w);
        let links: [(&'static str, &'static str, bool); 6] = [
            (
                "/funcionarios/bandeja",
                w.nav_bandeja,
                r.includes(Role::Agent),
            ),
            (
                "/funcionarios/alertas",
                w.nav_alerts,
                r.includes(Role::Agent),
            ),
            (
                "/funcionarios/informes",
                w.nav_reports,
                r.includes(Role::Reporter),
            ),
            (
                "/funcionarios/auditoria",
                w.nav_audit,
                r.includes(Role::Auditor),
            ),
            (privacidad::HOME, w.nav_privacy, r.includes(Role::Privacy)),
            (
                "/funcionarios/admin/cuentas",
                w.nav_admin,
                r.includes(Role::Admin),
            ),
        ];
        links
            .into_iter()
            .filter(|(_, _, shown)| *shown)
            .map(|(href, label, _)| NavLink {
                href,
                label,
                current: self.section == href,
            })
            .collect()
    }
}

/// Where an official lands after signing in: the bandeja for those who work cases, else the
/// first section their role opens.
pub fn home_of(role: Role) -> &'static str {
    if role.includes(Role::Agent) {
        "/funcionarios/bandeja"
    } else if role == Role::Auditor {
        "/funcionarios/auditoria/accesos"
    } else if role == Role::Privacy {
        privacidad::HOME
    } else {
        "/funcionarios/informes"
    }
}

#[derive(Template)]
#[template(path = "console/mensaje.html")]
struct MessagePage<'a> {
    l: Layout<'a>,
    text: &'a str,
}

/// A refusal or a failure in the console's own frame, in `lang`: the title, what happened and
/// the way back (the console's root sends a signed-in official to their home page, anyone else
/// to the login). The frame has no navigation: the helpers that answer this way are called
/// before, or instead of, a page that knows the official.
pub fn say(entity: &Entity, lang: Lang, status: StatusCode, title: &str, text: &str) -> Response {
    crate::pages::render(
        status,
        &MessagePage {
            l: Layout::new(entity, lang, title, None, ""),
            text,
        },
    )
}

/// The page, in `lang`, for a console form whose token expired or did not come, with a fresh
/// token for the form at `back` (the login's, before a session exists).
pub fn csrf_refused_in(entity: &Entity, lang: Lang, headers: &HeaderMap, back: &str) -> Response {
    let w = crate::pages::texts::of(lang);
    crate::pages::Csrf::for_page(headers).set(say(
        entity,
        lang,
        StatusCode::FORBIDDEN,
        w.csrf_title,
        &(w.csrf_text)(back),
    ))
}

/// The page, in `lang`, for a console request the store could not answer; the cause goes to
/// the log (store errors carry no personal data).
pub fn unavailable_in(state: &AppState, lang: Lang, e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "a console page could not reach the store");
    let w = crate::pages::texts::of(lang);
    say(
        &state.entity,
        lang,
        StatusCode::SERVICE_UNAVAILABLE,
        w.unavailable_title,
        w.unavailable_text,
    )
}

/// The page, in `lang`, for an official whose role does not open a page of the daily work.
pub fn forbidden_in(state: &AppState, lang: Lang) -> Response {
    let w = texts::of(lang);
    say(
        &state.entity,
        lang,
        StatusCode::FORBIDDEN,
        w.forbidden_title,
        w.forbidden_text,
    )
}
