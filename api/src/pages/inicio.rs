//! `GET /`: what the entity receives, each kind in plain words with its term from the policy
//! in force, links to file and to follow a case, and the privacy notice.

use super::{plazo, render, Layout, Portal};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pqrs_domain::Kind;

/// A kind as the portal explains it.
pub struct KindInfo {
    /// The API value (the radio's value on the form).
    pub value: &'static str,
    /// Its Spanish name, capitalised.
    pub name: String,
    /// What it is for, in plain words.
    pub hint: &'static str,
    /// The term the entity has to answer, in words.
    pub term: String,
    /// Where the term comes from.
    pub basis: String,
}

/// What each kind is for, in plain words (docs/legal.md §3).
pub fn hint(kind: Kind) -> &'static str {
    match kind {
        Kind::Petition => {
            "Pedir a la entidad que haga algo, que le reconozca un derecho o que resuelva una \
             situación, de interés suyo o de todos."
        }
        Kind::InformationRequest => {
            "Pedir información o copias de documentos que tiene la entidad."
        }
        Kind::Consultation => "Pedir la opinión de la entidad sobre un tema a su cargo.",
        Kind::Complaint => {
            "Expresar su inconformidad con la forma en que le atendió un servidor público."
        }
        Kind::Claim => "Exigir que se corrija un servicio que no se prestó o que se prestó mal.",
        Kind::Report => {
            "Informar de una conducta posiblemente irregular para que la entidad la revise."
        }
        Kind::Suggestion => "Proponer una mejora en un servicio o en un trámite.",
        Kind::Commendation => "Reconocer un buen servicio o el trabajo de un servidor público.",
    }
}

/// The article that gives each kind its term.
fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::InformationRequest => "art. 14 num. 1",
        Kind::Consultation => "art. 14 num. 2",
        Kind::Suggestion | Kind::Commendation => "procedimiento de PQRS de la entidad",
        _ => "art. 14",
    }
}

/// Every kind with its term under the policy in force today.
pub fn kinds(portal: &Portal) -> Vec<KindInfo> {
    let today = portal
        .app
        .clock
        .now()
        .with_timezone(&pqrs_domain::deadline::bogota())
        .date_naive();
    let policy = portal.app.services.policies.in_force(today);
    Kind::ALL
        .into_iter()
        .map(|k| {
            let mut chars = k.spanish().chars();
            let name = chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            KindInfo {
                value: k.as_str(),
                name,
                hint: hint(k),
                term: plazo(policy.term(k)),
                basis: format!("{}, {}", policy.name, article(k)),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "inicio.html")]
struct Inicio<'a> {
    l: Layout<'a>,
    kinds: Vec<KindInfo>,
}

/// The home page.
pub async fn show(State(p): State<Portal>) -> Response {
    render(
        StatusCode::OK,
        &Inicio {
            l: Layout::new(&p.app.entity, "Peticiones, quejas, reclamos y denuncias"),
            kinds: kinds(&p),
        },
    )
}
