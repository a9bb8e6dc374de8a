//! The bandeja (work queue) of the console, `GET /funcionarios/bandeja`: the filters, sorting
//! and paging of `GET /v1/cases` (the same [`QueueQuery`] and the same query,
//! [`crate::routes::queue::queue_page`]), with a deadline traffic light in words and colour,
//! priority cases first (Ley 1755 de 2015 art. 20).
//!
//! New cases show without a reload when scripts are on: `GET /funcionarios/bandeja/eventos`
//! is a server-sent event stream that polls the case view's checkpoint (one row, cheap; it
//! moves whichever `pqrs` process filed the case) and, when it moved, counts the cases filed
//! since the page was shown; `/funcionarios/static/console.js` turns that into a "N casos
//! nuevos — actualizar" notice, in the page's words (its `data-` attributes). With scripts off
//! the page has a plain "Actualizar" link.
//!
//! The page is in Spanish, or in English for an official who asks for it (docs/language.md).

use super::texts::{self, Texts};
use super::{forbidden_in, Layout, Official};
use crate::i18n::Lang;
use crate::pages::render;
use crate::routes::queue::{queue_page, QueueItem, QueueQuery};
use crate::state::AppState;
use crate::words::date_in;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::Stream;
use pqrs_domain::actor::Role;
use pqrs_domain::Kind;
use pqrs_infrastructure::projection::CASE_VIEW;
use pqrs_projections::DeadlineState;
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;

/// The script of the console, served from the binary.
const CONSOLE_JS: &str = include_str!("../../static/console.js");
/// The console's own styles (the traffic light), served from the binary.
const CONSOLE_CSS: &str = include_str!("../../static/console.css");

/// The Content-Security-Policy of the bandeja: the portal's, but scripts from this origin.
pub const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

/// How often the event stream looks at the case view's checkpoint.
const POLL: Duration = Duration::from_millis(400);

/// A row of the bandeja.
pub struct Row {
    /// The queue item as `GET /v1/cases` gives it.
    pub item: QueueItem,
    /// The traffic light's CSS class.
    pub light: &'static str,
    /// The traffic light in words.
    pub light_text: &'static str,
    /// Business days left, in words.
    pub days_text: String,
    /// The kind in the page's language.
    pub kind: String,
    /// The due date, written out.
    pub due: String,
}

/// The deadline state in the words of `w` and its colour class.
pub fn light_in(w: &Texts, state: DeadlineState) -> (&'static str, &'static str) {
    let class = match state {
        DeadlineState::OnTime => "a-tiempo",
        DeadlineState::DueSoon => "por-vencer",
        DeadlineState::Overdue => "vencida",
        DeadlineState::Suspended => "suspendida",
        DeadlineState::PositiveSilence | DeadlineState::CopiesOverdue => "silencio",
        DeadlineState::Closed => "cerrada",
    };
    (class, (w.light)(state))
}

/// The kind (its API value) in the words of `w`; a value the domain does not know, as it is.
pub fn kind_text_in(w: &Texts, kind: &str) -> String {
    Kind::parse(kind).map_or_else(|_| kind.to_owned(), |k| (w.kind)(k).to_owned())
}

/// The kinds a form offers (the bandeja's filter, the classification): the API value and
/// its words in `w`.
pub fn kind_options(w: &Texts) -> Vec<(&'static str, &'static str)> {
    KIND_FILTERS
        .iter()
        .map(|k| (k.as_str(), (w.kind_option)(*k)))
        .collect()
}

/// The kinds the bandeja's filter offers, in its order.
const KIND_FILTERS: [Kind; 6] = [
    Kind::Petition,
    Kind::InformationRequest,
    Kind::Consultation,
    Kind::Complaint,
    Kind::Claim,
    Kind::Suggestion,
];

#[derive(Template)]
#[template(path = "console/bandeja.html")]
struct Page<'a> {
    l: Layout<'a>,
    rows: Vec<Row>,
    total: i64,
    page: u32,
    pages: u32,
    position: i64,
    today: String,
    /// The filters as typed, to keep them in the form and the paging links.
    f: Filters,
    /// The query string without `page`, for the paging links.
    query: String,
    error: Option<String>,
    /// The kind filter's options: the API value and its label.
    kinds: Vec<(&'static str, &'static str)>,
}

/// The filters as the form sent them.
#[derive(Default)]
pub struct Filters {
    status: String,
    kind: String,
    dependency: String,
    official: String,
    overdue: String,
    sort: String,
    tier: String,
    page_size: String,
}

impl Filters {
    /// Whether `field` has `value` (to mark a selected option).
    pub fn is(&self, field: &str, value: &str) -> bool {
        let v = match field {
            "status" => &self.status,
            "kind" => &self.kind,
            "overdue" => &self.overdue,
            "tier" => &self.tier,
            "page_size" => &self.page_size,
            _ => &self.sort,
        };
        v == value
    }
}

/// Who may open the bandeja: agents and up (the case roles).
fn works_cases(official: &Official) -> bool {
    official.member.role.includes(Role::Agent)
}

/// `GET /funcionarios/bandeja`.
#[tracing::instrument(name = "console.bandeja", skip_all)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    uri: Uri,
) -> Response {
    if !works_cases(&official) {
        return forbidden_in(&state, lang);
    }
    let w = texts::of(lang);
    // Empty fields of the GET form mean "any": dropped before the API's query struct reads it,
    // with the language link's `lang` (the language is already chosen).
    let pairs: Vec<(String, String)> = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .filter(|(k, v)| !v.trim().is_empty() && k != "lang")
        .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
        .collect();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    let f = Filters {
        status: get("status"),
        kind: get("kind"),
        dependency: get("dependency"),
        official: get("official"),
        overdue: get("overdue"),
        sort: get("sort"),
        tier: get("tier"),
        page_size: get("page_size"),
    };
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().filter(|(k, _)| k != "page"))
        .finish();
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter())
        .finish();
    let parsed = format!("/?{encoded}")
        .parse::<Uri>()
        .ok()
        .and_then(|u| Query::<QueueQuery>::try_from_uri(&u).ok());
    let (rows, total, page, pages, position, today, error) = match parsed {
        None => (
            Vec::new(),
            0,
            1,
            1,
            0,
            String::new(),
            Some(w.bad_filters.to_owned()),
        ),
        Some(Query(q)) => match queue_page(&state, q).await {
            Ok(p) => {
                let mut rows: Vec<Row> = p
                    .items
                    .into_iter()
                    .map(|item| {
                        let (light, light_text) = light_in(w, item.deadline.state);
                        Row {
                            light,
                            light_text,
                            days_text: (w.days_left)(item.deadline.business_days_left),
                            kind: kind_text_in(w, &item.kind),
                            due: date_in(lang, item.deadline.due_date),
                            item,
                        }
                    })
                    .collect();
                // Ley 1755 de 2015 art. 20: priority cases first on the page.
                rows.sort_by_key(|r| !r.item.priority);
                let size = i64::from(p.page_size.max(1));
                let pages = u32::try_from((p.total + size - 1) / size)
                    .unwrap_or(1)
                    .max(1);
                (
                    rows,
                    p.total,
                    p.page,
                    pages,
                    p.as_of_position,
                    date_in(lang, p.today),
                    None,
                )
            }
            Err(crate::error::ApiError::Validation(errors)) => (
                Vec::new(),
                0,
                1,
                1,
                0,
                String::new(),
                Some(format!(
                    "{} {}",
                    w.check_filters,
                    errors
                        .iter()
                        .map(|e| crate::i18n::translate(&e.message, lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
            ),
            Err(e) => {
                tracing::error!(error = %e, "the bandeja could not be read");
                return crate::console::say(
                    &state.entity,
                    lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    w.unavailable_title,
                    w.bandeja_unavailable,
                );
            }
        },
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = Page {
        l: Layout::new(
            &state.entity,
            lang,
            w.bandeja_title,
            Some(&official),
            "/funcionarios/bandeja",
        ),
        rows,
        total,
        page,
        pages,
        position,
        today,
        f,
        query,
        error,
        kinds: kind_options(w),
    };
    with_script_csp(render(status, &page))
}

/// Lets a console page load `/funcionarios/static/console.js` (and nothing else).
pub fn with_script_csp(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONSOLE_CSP),
    );
    res
}

/// Where the stream starts.
#[derive(Debug, Deserialize)]
pub struct Since {
    /// The case view position the page showed.
    desde: i64,
}

/// `GET /funcionarios/bandeja/eventos?desde=N`: an event `nuevos` with the number of cases
/// filed since position N, each time the case view moves.
#[tracing::instrument(name = "console.bandeja_events", skip_all)]
pub async fn events(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Query(since): Query<Since>,
) -> Response {
    if !works_cases(&official) {
        return forbidden_in(&state, lang);
    }
    Sse::new(stream(state, since.desde))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn stream(state: AppState, since: i64) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::unfold(
        (state, since, -1_i64),
        |(state, since, mut sent)| async move {
            loop {
                let at = pqrs_infrastructure::projection::checkpoint(&state.db, CASE_VIEW).await;
                if let Ok(at) = at {
                    if at > since {
                        if let Ok(n) =
                            pqrs_infrastructure::queue::filed_since(&state.db, since).await
                        {
                            if n != sent {
                                sent = n;
                                let event = Event::default().event("nuevos").data(n.to_string());
                                return Some((Ok(event), (state, since, sent)));
                            }
                        }
                    }
                }
                tokio::time::sleep(POLL).await;
            }
        },
    )
}

/// `GET /funcionarios/static/console.js`.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CONSOLE_JS,
    )
        .into_response()
}

/// `GET /funcionarios/static/console.css`.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CONSOLE_CSS,
    )
        .into_response()
}
