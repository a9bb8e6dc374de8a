//! `GET /`: what the entity receives, each kind in plain words with its term from the policy
//! in force, links to file and to follow a case, and the privacy notice.

use super::{render, texts, Layout, Portal};
use crate::i18n::Lang;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pqrs_domain::Kind;

/// A kind as the portal explains it.
pub struct KindInfo {
    /// The API value (the radio's value on the form).
    pub value: &'static str,
    /// Its name in the page's language, capitalised.
    pub name: String,
    /// What it is for, in plain words.
    pub hint: &'static str,
    /// The term the entity has to answer, in words.
    pub term: String,
    /// Where the term comes from.
    pub basis: String,
}

/// The article that gives each kind its term (Ley 1755 de 2015 art. 14), or the entity's own
/// procedure for kinds the law gives no term.
fn article(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::InformationRequest => "art. 14 num. 1",
        Kind::Consultation => "art. 14 num. 2",
        Kind::Suggestion | Kind::Commendation => texts::of(lang).entity_procedure,
        _ => "art. 14",
    }
}

/// Every kind with its term under the policy in force today, in `lang`.
pub fn kinds(portal: &Portal, lang: Lang) -> Vec<KindInfo> {
    let w = texts::of(lang);
    let today = portal
        .app
        .clock
        .now()
        .with_timezone(&pqrs_domain::deadline::bogota())
        .date_naive();
    let policy = portal.app.services.policies.in_force(today);
    Kind::ALL
        .into_iter()
        .map(|k| KindInfo {
            value: k.as_str(),
            name: texts::capitalised((w.kind_name)(k)),
            hint: (w.kind_hint)(k),
            term: (w.term)(policy.term(k)),
            basis: format!("{}, {}", policy.name, article(k, lang)),
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
pub async fn show(State(p): State<Portal>, lang: Lang) -> Response {
    render(
        StatusCode::OK,
        &Inicio {
            l: Layout::in_lang(&p.app.entity, lang, texts::of(lang).home_title),
            kinds: kinds(&p, lang),
        },
    )
}
