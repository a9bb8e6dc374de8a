//! Closure days for admins, `/funcionarios/admin/cierres` (issue 14): the days the entity
//! declared closed, and a form to declare one day or a range. Declaring goes through the
//! handler of `POST /v1/calendar/closures` itself ([`calendar::declare_closure`]) with the
//! admin as the caller, so the page admits and refuses exactly as the API.
//!
//! Ley 4 de 1913 art. 62: a closure day is not a business day; it counts from its declaration
//! on, and an open case whose running term includes it gets one more business day (recorded on
//! the case by the scheduler as `DueDateMovedByClosure`; docs/legal.md §1 "Calendar").
//! The API has no way to withdraw a declared closure (each is an event of the audited log and
//! may already have moved due dates), and no closure per dependency: the page says so.

use super::admin_form::{Admin, AdminForm};
use super::texts::{self, Texts};
use super::{unavailable_in, Layout, Official};
use crate::auth::{Admins, Allowed};
use crate::bodies::calendar::Closure;
use crate::error::ApiError;
use crate::extract::{ApiJson, RequestId};
use crate::i18n::{translate, Lang};
use crate::pages::render;
use crate::pages::FormData;
use crate::routes::calendar;
use crate::state::AppState;
use crate::words::date_in;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;

/// The page's path.
pub const CLOSURES: &str = "/funcionarios/admin/cierres";
/// The longest range declared in one form (a month and a day: a long closure is rare, and a
/// typing slip should not close a year).
const MAX_RANGE_DAYS: i64 = 31;

/// The closure-day routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(CLOSURES, get(show).post(declare))
}

/// A closure day as the list shows it.
pub struct Row {
    /// The date written out.
    pub date: String,
    /// The date, YYYY-MM-DD.
    pub iso: String,
    /// Its legal basis.
    pub basis: String,
}

#[derive(Template)]
#[template(path = "console/admin_cierres.html")]
struct Page<'a> {
    l: Layout<'a>,
    rows: Vec<Row>,
    version: String,
    notice: Option<String>,
    from: String,
    to: String,
    basis: String,
    errors: Vec<(&'static str, String)>,
}

impl Page<'_> {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn view(
    state: &AppState,
    lang: Lang,
    official: &Official,
    status: StatusCode,
    notice: Option<String>,
    form: Option<&FormData>,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let list = calendar::list(state);
    let field = |n: &str| form.map_or(String::new(), |f| f.get(n).trim().to_owned());
    let w = texts::of(lang);
    render(
        status,
        &Page {
            l: Layout::new(
                &state.entity,
                lang,
                w.admin_closures,
                Some(official),
                "/funcionarios/admin/cuentas",
            ),
            rows: list
                .closures
                .into_iter()
                .map(|c| Row {
                    date: date_in(lang, c.date),
                    iso: c.date.to_string(),
                    basis: c.legal_basis,
                })
                .collect(),
            version: list.calendar_version,
            notice,
            from: field("desde"),
            to: field("hasta"),
            basis: field("fundamento"),
            errors,
        },
    )
}

/// `GET /funcionarios/admin/cierres`: the closure days and the form to declare one.
#[tracing::instrument(name = "console.admin.closures", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Admin(official): Admin,
    uri: Uri,
) -> Response {
    // What the page says after a declaration (`?declarados=N&omitidos=M`); anything else in
    // the query is ignored.
    let number = |name: &str| {
        form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse::<u32>().ok())
    };
    let notice = number("declarados")
        .map(|n| (texts::of(lang).declared)(n, number("omitidos").unwrap_or(0)));
    view(
        &state,
        lang,
        &official,
        StatusCode::OK,
        notice,
        None,
        Vec::new(),
    )
}

/// A refusal of the API in `lang`, with the rule behind closure days.
fn refusal(w: &Texts, lang: Lang, e: &ApiError) -> Option<(&'static str, String)> {
    match e {
        ApiError::Conflict(m) | ApiError::Rule(m) => {
            Some(("desde", (w.not_declared)(&translate(m, lang))))
        }
        ApiError::Validation(fields) => fields.first().map(|f| {
            let field = if f.field == "legal_basis" {
                "fundamento"
            } else {
                "desde"
            };
            (field, (w.not_declared)(&translate(&f.message, lang)))
        }),
        _ => None,
    }
}

/// The dates the form asks for, or what to correct.
fn dates(w: &Texts, form: &FormData) -> Result<Vec<NaiveDate>, Vec<(&'static str, String)>> {
    let parse = |name: &str| form.get(name).trim().parse::<NaiveDate>();
    let mut errors = Vec::new();
    let from = parse("desde").map_err(|_| errors.push(("desde", w.closure_from_error.to_owned())));
    let to = match form.opt("hasta").map(str::trim).filter(|s| !s.is_empty()) {
        None => from,
        Some(t) => t
            .parse::<NaiveDate>()
            .map_err(|_| errors.push(("hasta", w.closure_to_error.to_owned()))),
    };
    if form.get("fundamento").trim().is_empty() {
        errors.push(("fundamento", w.closure_basis_error.to_owned()));
    }
    let (Ok(from), Ok(to), true) = (from, to, errors.is_empty()) else {
        return Err(errors);
    };
    let days = (to - from).num_days();
    if days < 0 {
        return Err(vec![("hasta", w.closure_order_error.to_owned())]);
    }
    if days >= MAX_RANGE_DAYS {
        return Err(vec![("hasta", (w.closure_range_error)(MAX_RANGE_DAYS))]);
    }
    Ok(from.iter_days().take_while(|d| *d <= to).collect())
}

/// `POST /funcionarios/admin/cierres`: declares one day (`desde`) or the business days of a
/// range (`desde`–`hasta`) with their legal basis (`fundamento`), one `POST
/// /v1/calendar/closures` each. A single day the API refuses is shown with its reason; in a
/// range the days that are already non-business are skipped and counted.
#[tracing::instrument(name = "console.admin.declare_closure", skip_all)]
pub async fn declare(
    State(state): State<AppState>,
    lang: Lang,
    request_id: RequestId,
    AdminForm { official, form }: AdminForm,
) -> Response {
    let w = texts::of(lang);
    let refused = |status, errors| view(&state, lang, &official, status, None, Some(&form), errors);
    let days = match dates(w, &form) {
        Ok(d) => d,
        Err(errors) => return refused(StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let range = days.len() > 1;
    let calendar_now = state.services.calendar.current();
    let (mut declared, mut skipped) = (0_u32, 0_u32);
    for date in days {
        // In a range, weekends, holidays and days already closed are passed over; a single day
        // goes to the API as typed, so its refusal is the API's.
        if range && !calendar_now.is_business_day(date).unwrap_or(false) {
            skipped += 1;
            continue;
        }
        let allowed = match Allowed::<Admins>::admit(&official.caller()) {
            Ok(a) => a,
            Err(_) => return super::admin_form::admin_only(&state, lang),
        };
        let body = Closure {
            date,
            legal_basis: form.get("fundamento").trim().to_owned(),
        };
        let result = calendar::declare_closure(
            State(state.clone()),
            official.caller(),
            request_id.clone(),
            allowed,
            ApiJson(body),
        )
        .await;
        match result {
            Ok(_) => declared += 1,
            Err(e) => match refusal(w, lang, &e) {
                Some((field, text)) => {
                    let text = if declared > 0 {
                        format!("{text}{}", (w.declared_before)(declared))
                    } else {
                        text
                    };
                    let status = if matches!(e, ApiError::Conflict(_)) {
                        StatusCode::CONFLICT
                    } else {
                        StatusCode::UNPROCESSABLE_ENTITY
                    };
                    let text = format!("{}: {text}", date_in(lang, date));
                    return refused(status, vec![(field, text)]);
                }
                None => return unavailable_in(&state, lang, &e),
            },
        }
    }
    if declared == 0 {
        let errors = vec![("desde", w.no_business_days.to_owned())];
        return refused(StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    Redirect::to(&format!(
        "{CLOSURES}?declarados={declared}&omitidos={skipped}"
    ))
    .into_response()
}
