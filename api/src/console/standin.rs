//! STAND-IN until the accounts helper's sessions land (issue 14 part 1): an official signed in
//! by a bearer token kept in a cookie, with the same interface as `console::session::Official`
//! and `console::Layout`. Deleted when `h/accounts` is merged.

use crate::config::Entity;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use pqrs_domain::actor::Role;
use pqrs_infrastructure::tokens::{self, StaffMember};
use std::collections::HashMap;
use subtle::ConstantTimeEq;

const COOKIE: &str = "pqrs_standin";

/// An official signed in.
#[derive(Debug, Clone)]
pub struct Official {
    /// Who.
    pub member: StaffMember,
    /// The CSRF token of the forms.
    pub csrf: String,
    /// Always false here.
    pub must_change_password: bool,
}

impl Official {
    /// Whether `form_value` is the CSRF token.
    pub fn check_csrf(&self, form_value: &str) -> bool {
        !form_value.is_empty() && bool::from(self.csrf.as_bytes().ct_eq(form_value.as_bytes()))
    }

    /// The caller the API's commands take.
    pub fn caller(&self) -> crate::auth::Caller {
        crate::auth::Caller::Staff(self.member.clone())
    }
}

impl FromRequestParts<AppState> for Official {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(n, _)| *n == COOKIE)
            .map(|(_, v)| v.to_owned());
        let member = match token {
            Some(t) => tokens::authenticate(&state.db, &t).await.ok().flatten(),
            None => None,
        };
        match member {
            Some(member) => Ok(Official {
                csrf: hex::encode(member.id.as_bytes()),
                member,
                must_change_password: false,
            }),
            None => Err(Redirect::to("/funcionarios").into_response()),
        }
    }
}

/// `GET /funcionarios/standin?token=…`: sets the cookie and goes to the bandeja.
pub async fn sign_in(Query(q): Query<HashMap<String, String>>) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    let mut res = Redirect::to("/funcionarios/bandeja").into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/funcionarios; HttpOnly; SameSite=Lax"
    )) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// The role in Spanish.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Agent => "Gestor",
        Role::Supervisor => "Supervisor",
        Role::Auditor => "Auditor",
        Role::Reporter => "Reportes",
        Role::Admin => "Administrador",
    }
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

/// The frame of a console page.
pub struct Layout<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// The page title.
    pub title: String,
    /// The official signed in.
    pub official: Option<&'a Official>,
    /// The section.
    pub section: &'static str,
}

impl<'a> Layout<'a> {
    /// The frame of a page.
    pub fn new(
        entity: &'a Entity,
        title: impl Into<String>,
        official: Option<&'a Official>,
        section: &'static str,
    ) -> Self {
        Layout {
            entity,
            title: title.into(),
            official,
            section,
        }
    }

    /// The official's name.
    pub fn name(&self) -> &str {
        self.official.map_or("", |o| o.member.name.as_str())
    }

    /// The role in Spanish.
    pub fn role(&self) -> &str {
        self.official.map_or("", |o| role_name(o.member.role))
    }

    /// The CSRF token.
    pub fn csrf(&self) -> &str {
        self.official.map_or("", |o| o.csrf.as_str())
    }

    /// The sections.
    pub fn nav(&self) -> Vec<NavLink> {
        vec![NavLink {
            href: "/funcionarios/bandeja",
            label: "Bandeja",
            current: self.section == "/funcionarios/bandeja",
        }]
    }
}
