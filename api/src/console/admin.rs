//! Administration for admins (issue 14): accounts (list, create with the one-time password
//! shown once, disable/enable, reset the password) and machine tokens (list, create shown
//! once, revoke), under `/funcionarios/admin/…`. Every change is written to the access log
//! with the admin's account id and address.

use super::admin_form::{Admin, AdminForm};
use super::session::{Address, Official};
use super::texts::{self, Texts};
use super::{unavailable_in, Layout};
use crate::i18n::Lang;
use crate::pages::render;
use crate::pages::FormData;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Language;
use pqrs_infrastructure::accounts::{self, Account, AccountError, NewAccount};
use pqrs_infrastructure::tokens::{self, TokenInfo};

const ACCOUNTS: &str = "/funcionarios/admin/cuentas";
const TOKENS: &str = "/funcionarios/admin/tokens";

/// The administration routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ACCOUNTS, get(accounts_page).post(create_account))
        .route("/funcionarios/admin/cuentas/{id}/estado", post(set_state))
        .route(
            "/funcionarios/admin/cuentas/{id}/clave",
            post(reset_password),
        )
        .route(TOKENS, get(tokens_page).post(create_token))
        .route(
            "/funcionarios/admin/tokens/{id}/revocar",
            post(revoke_token),
        )
}

/// A choice of the forms' lists (a role, a language).
pub struct RoleOption {
    /// The API value.
    pub value: &'static str,
    /// Its name in the page's language.
    pub label: &'static str,
    /// Whether it is the one chosen.
    pub selected: bool,
}

fn role_options(w: &Texts, chosen: &str) -> Vec<RoleOption> {
    Role::ALL
        .iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: (w.role)(*r),
            selected: r.as_str() == chosen,
        })
        .collect()
}

/// The language choices of the account form: none (the one of the first login), Spanish,
/// English.
fn language_options(w: &Texts, chosen: &str) -> Vec<RoleOption> {
    [
        ("", None),
        ("es", Some(Language::Spanish)),
        ("en", Some(Language::English)),
    ]
    .into_iter()
    .map(|(value, language)| RoleOption {
        value,
        label: (w.account_language_choice)(language),
        selected: value == chosen,
    })
    .collect()
}

/// An account as the list shows it.
pub struct AccountRow {
    /// The account.
    pub account: Account,
    /// Its role in the page's language.
    pub role: &'static str,
    /// The language its official chose, in the page's language.
    pub language: &'static str,
}

#[derive(Template)]
#[template(path = "console/admin_cuentas.html")]
struct AccountsPage<'a> {
    l: Layout<'a>,
    accounts: Vec<AccountRow>,
    roles: Vec<RoleOption>,
    languages: Vec<RoleOption>,
    email: String,
    name: String,
    dependency: String,
    errors: Vec<(&'static str, String)>,
}

impl AccountsPage<'_> {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn accounts_view<'a>(
    state: &'a AppState,
    lang: Lang,
    official: &'a Official,
    status: StatusCode,
    form: Option<&FormData>,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let w = texts::of(lang);
    let list = match accounts::list(&state.db).await {
        Ok(l) => l,
        Err(e) => return unavailable_in(state, lang, &e),
    };
    let field = |n: &str| form.map_or(String::new(), |f| f.get(n).trim().to_owned());
    let page = AccountsPage {
        l: Layout::new(
            &state.entity,
            lang,
            w.admin_accounts,
            Some(official),
            "/funcionarios/admin/cuentas",
        ),
        accounts: list
            .into_iter()
            .map(|a| AccountRow {
                role: a.role().map_or("", w.role),
                language: (w.account_language)(a.language()),
                account: a,
            })
            .collect(),
        roles: role_options(
            w,
            &form.map_or("agent".to_owned(), |f| f.get("rol").to_owned()),
        ),
        languages: language_options(w, &field("idioma")),
        email: field("correo"),
        name: field("nombre"),
        dependency: field("dependencia"),
        errors,
    };
    render(status, &page)
}

/// `GET /funcionarios/admin/cuentas`: the accounts and the form to create one.
#[tracing::instrument(name = "console.admin.accounts", skip_all)]
pub async fn accounts_page(
    State(state): State<AppState>,
    lang: Lang,
    Admin(official): Admin,
) -> Response {
    accounts_view(&state, lang, &official, StatusCode::OK, None, Vec::new()).await
}

#[derive(Template)]
#[template(path = "console/admin_secreto.html")]
struct SecretPage<'a> {
    l: Layout<'a>,
    heading: String,
    what: &'static str,
    secret: String,
    back: &'static str,
    back_label: &'static str,
}

/// `POST /funcionarios/admin/cuentas`: creates an account; its one-time password is shown on
/// the next page, once.
#[tracing::instrument(name = "console.admin.create_account", skip_all)]
pub async fn create_account(
    State(state): State<AppState>,
    lang: Lang,
    AdminForm { official, form }: AdminForm,
) -> Response {
    let w = texts::of(lang);
    let mut errors = Vec::new();
    if let Err(e) = accounts::normalize_email(form.get("correo")) {
        errors.push(("correo", (w.email_invalid)(&e.to_string())));
    }
    let name = form.get("nombre").trim();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(("nombre", w.name_invalid.into()));
    }
    let role = Role::parse(form.get("rol"));
    if role.is_none() {
        errors.push(("rol", w.choose_role.into()));
    }
    let language = match form.get("idioma") {
        "" => Ok(None),
        l => Language::parse(l).map(Some).ok_or(()),
    };
    if language.is_err() {
        errors.push(("idioma", w.choose_language.into()));
    }
    let (Some(role), Ok(language), true) = (role, language, errors.is_empty()) else {
        return accounts_view(
            &state,
            lang,
            &official,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(&form),
            errors,
        )
        .await;
    };
    let created = accounts::create(
        &state.db,
        state.clock.now(),
        NewAccount {
            email: form.get("correo"),
            name,
            role,
            dependency: form.opt("dependencia"),
            created_by: &official.member.id,
            language,
        },
    )
    .await;
    match created {
        Ok((account, password)) => render(
            StatusCode::OK,
            &SecretPage {
                l: Layout::new(
                    &state.entity,
                    lang,
                    w.account_created,
                    Some(&official),
                    ACCOUNTS,
                ),
                heading: (w.account_created_for)(&account.name, &account.email),
                what: w.one_time_shown,
                secret: password,
                back: ACCOUNTS,
                back_label: w.back_to_accounts,
            },
        ),
        Err(AccountError::EmailTaken(e)) => {
            let errors = vec![("correo", (w.email_taken)(&e))];
            let status = StatusCode::CONFLICT;
            accounts_view(&state, lang, &official, status, Some(&form), errors).await
        }
        Err(e) => unavailable_in(&state, lang, &e),
    }
}

/// `POST /funcionarios/admin/cuentas/{id}/estado`: disables (`accion=desactivar`) or enables
/// an account; disabling ends its sessions.
#[tracing::instrument(name = "console.admin.set_state", skip_all)]
pub async fn set_state(
    State(state): State<AppState>,
    lang: Lang,
    Address(address): Address,
    Path(id): Path<String>,
    AdminForm { official, form }: AdminForm,
) -> Response {
    let w = texts::of(lang);
    let disable = form.get("accion") == "desactivar";
    if disable && id == official.member.id {
        let errors = vec![("cuentas", w.not_yourself.to_owned())];
        return accounts_view(
            &state,
            lang,
            &official,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            errors,
        )
        .await;
    }
    let now = state.clock.now();
    match accounts::set_disabled(
        &state.db,
        now,
        &id,
        disable,
        &official.member.id,
        Some(&address),
    )
    .await
    {
        Ok(()) => Redirect::to(ACCOUNTS).into_response(),
        Err(AccountError::NotFound(_)) => account_not_found(&state, lang),
        Err(e) => unavailable_in(&state, lang, &e),
    }
}

/// The page for an account id that names no account.
fn account_not_found(state: &AppState, lang: Lang) -> Response {
    let w = texts::of(lang);
    crate::console::say(
        &state.entity,
        lang,
        StatusCode::NOT_FOUND,
        w.account_not_found_title,
        w.account_not_found_text,
    )
}

/// `POST /funcionarios/admin/cuentas/{id}/clave`: a new one-time password, shown once; the
/// account's sessions end.
#[tracing::instrument(name = "console.admin.reset_password", skip_all)]
pub async fn reset_password(
    State(state): State<AppState>,
    lang: Lang,
    Address(address): Address,
    Path(id): Path<String>,
    AdminForm { official, .. }: AdminForm,
) -> Response {
    let now = state.clock.now();
    match accounts::reset_password(&state.db, now, &id, &official.member.id, Some(&address)).await {
        Ok(password) => {
            let w = texts::of(lang);
            let title = w.password_reset_title;
            render(
                StatusCode::OK,
                &SecretPage {
                    l: Layout::new(&state.entity, lang, title, Some(&official), ACCOUNTS),
                    heading: title.into(),
                    what: w.password_reset_shown,
                    secret: password,
                    back: ACCOUNTS,
                    back_label: w.back_to_accounts,
                },
            )
        }
        Err(AccountError::NotFound(_)) => account_not_found(&state, lang),
        Err(e) => unavailable_in(&state, lang, &e),
    }
}

/// A token as the list shows it.
pub struct TokenRow {
    /// The token.
    pub token: TokenInfo,
    /// Its role in the page's language.
    pub role: &'static str,
}

#[derive(Template)]
#[template(path = "console/admin_tokens.html")]
struct TokensPage<'a> {
    l: Layout<'a>,
    tokens: Vec<TokenRow>,
    roles: Vec<RoleOption>,
    name: String,
    errors: Vec<(&'static str, String)>,
}

impl TokensPage<'_> {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn tokens_view(
    state: &AppState,
    lang: Lang,
    official: &Official,
    status: StatusCode,
    form: Option<&FormData>,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let w = texts::of(lang);
    let list = match tokens::list(&state.db).await {
        Ok(l) => l,
        Err(e) => return unavailable_in(state, lang, &e),
    };
    let page = TokensPage {
        l: Layout::new(
            &state.entity,
            lang,
            w.admin_tokens,
            Some(official),
            "/funcionarios/admin/cuentas",
        ),
        tokens: list
            .into_iter()
            .map(|t| TokenRow {
                role: Role::parse(&t.role).map_or("", w.role),
                token: t,
            })
            .collect(),
        roles: role_options(
            w,
            &form.map_or("agent".to_owned(), |f| f.get("rol").to_owned()),
        ),
        name: form.map_or(String::new(), |f| f.get("nombre").trim().to_owned()),
        errors,
    };
    render(status, &page)
}

/// `GET /funcionarios/admin/tokens`: the machine tokens and the form to create one.
#[tracing::instrument(name = "console.admin.tokens", skip_all)]
pub async fn tokens_page(
    State(state): State<AppState>,
    lang: Lang,
    Admin(official): Admin,
) -> Response {
    tokens_view(&state, lang, &official, StatusCode::OK, None, Vec::new()).await
}

/// `POST /funcionarios/admin/tokens`: creates a token, shown once on the next page.
#[tracing::instrument(name = "console.admin.create_token", skip_all)]
pub async fn create_token(
    State(state): State<AppState>,
    lang: Lang,
    AdminForm { official, form }: AdminForm,
) -> Response {
    let w = texts::of(lang);
    let name = form.get("nombre").trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(("nombre", w.token_user_invalid.to_owned()));
    }
    let role = Role::parse(form.get("rol"));
    if role.is_none() {
        errors.push(("rol", w.choose_role.to_owned()));
    }
    let (Some(role), true) = (role, errors.is_empty()) else {
        return tokens_view(
            &state,
            lang,
            &official,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(&form),
            errors,
        )
        .await;
    };
    match tokens::create(&state.db, &state.clock, role, name, &official.member.id).await {
        Ok((token, staff)) => render(
            StatusCode::OK,
            &SecretPage {
                l: Layout::new(
                    &state.entity,
                    lang,
                    w.token_created,
                    Some(&official),
                    ACCOUNTS,
                ),
                heading: (w.token_created_for)(&staff.name, &staff.id),
                what: w.token_shown,
                secret: token,
                back: TOKENS,
                back_label: w.back_to_tokens,
            },
        ),
        Err(e) => unavailable_in(&state, lang, &e),
    }
}

/// `POST /funcionarios/admin/tokens/{id}/revocar`: revokes a token at once.
#[tracing::instrument(name = "console.admin.revoke_token", skip_all)]
pub async fn revoke_token(
    State(state): State<AppState>,
    lang: Lang,
    Address(address): Address,
    Path(id): Path<String>,
    AdminForm { official, .. }: AdminForm,
) -> Response {
    let now = state.clock.now();
    match tokens::revoke(&state.db, now, &id, &official.member.id, Some(&address)).await {
        Ok(_) => Redirect::to(TOKENS).into_response(),
        Err(e) => unavailable_in(&state, lang, &e),
    }
}
