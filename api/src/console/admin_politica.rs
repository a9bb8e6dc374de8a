//! The policy book in force, for admins, `/funcionarios/admin/politica` (issue 14): read-only.
//! Each period with its dates and legal basis; per kind the term, its unit and the article
//! behind it; the priority term (Ley 1755 de 2015 art. 20) and the due-soon thresholds; and
//! whether the book is the default one or an entity's own file (`policy_file` /
//! `PQRS_POLICY_FILE`, docs/legal.md "Configuring an entity's catalog"), with the default term
//! beside each of its terms, so an admin sees what the file changes.

use super::admin_form::Admin;
use super::texts::{self, Texts};
use super::Layout;
use crate::i18n::Lang;
use crate::pages::render;
use crate::state::AppState;
use crate::words::date_in;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::Days;
use pqrs_domain::policy::{Policy, PolicyBook};
use pqrs_domain::Kind;

/// The page's path.
pub const POLICY: &str = "/funcionarios/admin/politica";

/// The policy page's route.
pub fn routes() -> Router<AppState> {
    Router::new().route(POLICY, get(show))
}

/// A kind's term in a period.
pub struct TermRow {
    /// The kind in the page's language.
    pub kind: &'static str,
    /// How many units.
    pub term: u32,
    /// The unit in words.
    pub unit: &'static str,
    /// The article behind the term.
    pub article: String,
    /// The default book's term for the same receipt date, when the book in force is not the
    /// default and differs.
    pub default_term: Option<String>,
}

/// A period of the book.
pub struct PeriodRow {
    /// Its dates in words ("desde el …", "hasta el …").
    pub dates: String,
    /// The norm that put it in force.
    pub basis: String,
    /// The policy's name and version.
    pub policy: String,
    /// The norm the terms come from.
    pub policy_basis: String,
    /// How cases in progress when it started are treated.
    pub in_progress: &'static str,
    /// The terms per kind.
    pub terms: Vec<TermRow>,
    /// The priority term (art. 20).
    pub priority: String,
    /// The due-soon thresholds in words.
    pub due_soon: String,
    /// The office-hours cut-off, if any.
    pub cutoff: Option<String>,
    /// Whether it is the period for filings received today.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "console/admin_politica.html")]
struct Page<'a> {
    l: Layout<'a>,
    periods: Vec<PeriodRow>,
    is_default: bool,
    horizon: i64,
}

/// The article behind `kind`'s term under `policy`: the numeral of Ley 1755 de 2015 art. 14 for
/// the statutory catalogue, Decreto 491 de 2020 art. 5 for its window, and the policy's own
/// legal basis for an entity's catalogue.
fn article(w: &Texts, policy: &Policy, kind: Kind) -> String {
    match policy.id.as_str() {
        "ley-1755-2015" => match kind {
            Kind::InformationRequest => "Ley 1755 de 2015, art. 14 num. 1".into(),
            Kind::Consultation => "Ley 1755 de 2015, art. 14 num. 2".into(),
            Kind::Suggestion | Kind::Commendation => w.no_legal_term.into(),
            _ => "Ley 1755 de 2015, art. 14".into(),
        },
        "decreto-491-2020" => match kind {
            Kind::Suggestion | Kind::Commendation => w.no_legal_term.into(),
            _ => "Decreto Legislativo 491 de 2020, art. 5".into(),
        },
        _ => policy.legal_basis.clone(),
    }
}

/// The periods of `book` as the page shows them; `today` marks the period in force.
fn periods(lang: Lang, book: &PolicyBook, today: chrono::NaiveDate) -> Vec<PeriodRow> {
    let w = texts::of(lang);
    let fecha = |d| date_in(lang, d);
    let plazo = |t| (crate::pages::texts::of(lang).term)(t);
    let default = PolicyBook::colombia();
    let is_default = *book == default;
    let list = book.periods();
    let current = book.period_in_force(today);
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            let until = list
                .get(i + 1)
                .and_then(|n| n.starts_on)
                .and_then(|d| d.checked_sub_days(Days::new(1)));
            let dates = match (p.starts_on, until) {
                (None, None) => w.period_always.to_owned(),
                (None, Some(u)) => (w.period_until)(&fecha(u)),
                (Some(s), None) => (w.period_from)(&fecha(s)),
                (Some(s), Some(u)) => (w.period_between)(&fecha(s), &fecha(u)),
            };
            // What the default book gives a filing received on the period's first day.
            let reference = default
                .period_in_force(p.starts_on.unwrap_or(chrono::NaiveDate::MIN))
                .policy
                .clone();
            let terms = Kind::ALL
                .iter()
                .map(|k| {
                    let t = p.policy.term(*k);
                    let d = reference.term(*k);
                    TermRow {
                        kind: (w.kind)(*k),
                        term: t.days,
                        unit: (w.unit)(t.unit),
                        article: article(w, &p.policy, *k),
                        default_term: (!is_default && d != t).then(|| plazo(d)),
                    }
                })
                .collect();
            let soon = p.policy.due_soon;
            PeriodRow {
                dates,
                basis: p.legal_basis.clone(),
                policy: format!("{} ({})", p.policy.name, p.policy.version),
                policy_basis: p.policy.legal_basis.clone(),
                in_progress: (w.in_progress)(p.cases_in_progress),
                terms,
                priority: plazo(p.policy.priority_term),
                due_soon: (w.due_soon_rule)(soon.business_days_left, soon.percent_elapsed),
                cutoff: p
                    .policy
                    .office_hours_cutoff
                    .map(|t| t.format("%H:%M").to_string()),
                current: std::ptr::eq(p, current),
            }
        })
        .collect()
}

/// `GET /funcionarios/admin/politica`: the policy book in force (read-only).
#[tracing::instrument(name = "console.admin.policy", skip_all)]
pub async fn show(State(state): State<AppState>, lang: Lang, Admin(official): Admin) -> Response {
    let book = &state.services.policies;
    let today = state
        .clock
        .now()
        .with_timezone(&pqrs_domain::deadline::bogota())
        .date_naive();
    render(
        StatusCode::OK,
        &Page {
            l: Layout::new(
                &state.entity,
                lang,
                texts::of(lang).admin_policy,
                Some(&official),
                "/funcionarios/admin/cuentas",
            ),
            periods: periods(lang, book, today),
            is_default: *book == PolicyBook::colombia(),
            horizon: book.due_soon_horizon_days(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_book_shows_its_three_periods_with_the_articles_of_ley_1755() {
        let rows = periods(
            Lang::Es,
            &PolicyBook::colombia(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        );
        assert_eq!(rows.len(), 3);
        assert!(rows[2].current && !rows[0].current);
        let info = &rows[2].terms[1];
        assert_eq!((info.term, info.unit), (10, "días hábiles"));
        assert_eq!(info.article, "Ley 1755 de 2015, art. 14 num. 1");
        assert!(info.default_term.is_none());
        assert_eq!(rows[1].terms[0].term, 30);
    }
}
