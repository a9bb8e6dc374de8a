//! Every error of the API as `application/problem+json` (RFC 9457).
//!
//! Domain rule violations are 409/422 and name the rule; concurrency conflicts are 409;
//! anything unexpected is an opaque 500 logged with the request id. Responses produced by
//! middleware or the router itself (404, 405, 408, 413, panics) are rewritten into problems by
//! [`problem_for_bare_errors`].
//!
//! `title`, `detail` and each `errors[].message` are in Spanish (es-CO) unless the request asks
//! for English (`Accept-Language: en`); `type`, `status` and field names are the same in both
//! ([`crate::i18n`], docs/language.md).

use crate::i18n::{self, Lang, Msg};
use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use pqrs_infrastructure::radicacion::FilingError;
use pqrs_infrastructure::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, dotted for nested ones (e.g. `petitioner.email`).
    pub field: String,
    /// What is wrong with it, in words a person can act on.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    #[schema(example = "urn:pqrs:problem:validation")]
    pub type_: String,
    /// A short summary of the kind of problem.
    #[schema(example = "La solicitud tiene campos no válidos")]
    pub title: String,
    /// The HTTP status.
    #[schema(example = 422)]
    pub status: u16,
    /// What happened in this occurrence.
    pub detail: String,
    /// For validation errors: every invalid field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// What can go wrong while serving a request.
///
/// The strings it carries are written as the handler wrote them (mostly English, from the
/// domain's messages); they are translated when the problem is written ([`ApiError::problem_in`]).
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// The body or parameters have invalid fields (422).
    #[error("invalid fields")]
    Validation(Vec<FieldError>),
    /// The body is not JSON, or not the media type expected (400/415).
    #[error("{detail}")]
    Malformed {
        /// 400, 413 or 415.
        status: StatusCode,
        /// What was wrong.
        detail: String,
    },
    /// No or bad credentials (401).
    #[error("authentication required")]
    Unauthorized(String),
    /// Authenticated, but the role does not allow it (403).
    #[error("forbidden")]
    Forbidden(String),
    /// Nothing there — or nothing the caller may know is there (404).
    #[error("not found")]
    NotFound,
    /// A legal or state rule refused the command (422), named in the detail.
    #[error("{0}")]
    Rule(String),
    /// The request conflicts with the current state or a concurrent change (409).
    #[error("{0}")]
    Conflict(String),
    /// The store cannot be reached now (503); the client may retry.
    #[error("service unavailable")]
    Unavailable(String),
    /// A bug or corrupt data (500). The detail is logged, never shown.
    #[error("internal error")]
    Internal(String),
    /// The store is in a state where serving would do harm (503): a radicado counter behind
    /// the numbers already filed, or a damaged store. The detail names it and is shown.
    #[error("{0}")]
    StoreFault(String),
    /// The client address used up its failed access-code attempts (429, with `Retry-After`).
    #[error("too many failed access-code attempts")]
    TooManyFailures(std::time::Duration),
}

impl ApiError {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    /// Status, type slug, title and detail, in `lang`. Details a handler wrote out are
    /// recognised in the catalogues and translated ([`i18n::translate`]); the rest is shown as
    /// written.
    fn parts(&self, lang: Lang) -> (StatusCode, &'static str, String, String) {
        let t = |key: &str| Msg::new(key).text(lang);
        let written = |detail: &str| i18n::translate(detail, lang);
        match self {
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                t("problem-validation-title"),
                t("problem-validation-detail"),
            ),
            ApiError::Malformed { status, detail } => (
                *status,
                "malformed-request",
                t("problem-malformed-title"),
                written(detail),
            ),
            ApiError::Unauthorized(d) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                t("problem-unauthorized-title"),
                written(d),
            ),
            ApiError::Forbidden(d) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                t("problem-forbidden-title"),
                written(d),
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                t("problem-not-found-title"),
                t("problem-not-found-detail"),
            ),
            ApiError::Rule(d) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "rule-violation",
                t("problem-rule-title"),
                written(d),
            ),
            ApiError::Conflict(d) => (
                StatusCode::CONFLICT,
                "conflict",
                t("problem-conflict-title"),
                written(d),
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                t("problem-unavailable-title"),
                t("problem-unavailable-detail"),
            ),
            ApiError::StoreFault(d) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "store-fault",
                t("problem-store-fault-title"),
                written(d),
            ),
            ApiError::TooManyFailures(wait) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-failed-attempts",
                t("problem-too-many-failures-title"),
                Msg::new("problem-too-many-failures-detail")
                    .arg("seconds", retry_after_secs(*wait))
                    .text(lang),
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                t("problem-internal-title"),
                t("problem-internal-detail"),
            ),
        }
    }

    /// The problem document of this error, in Spanish (the default language).
    pub fn problem(&self) -> Problem {
        self.problem_in(Lang::default())
    }

    /// The problem document of this error in `lang`: `type`, `status` and field names are the
    /// same in every language; `title`, `detail` and each `errors[].message` are translated.
    pub fn problem_in(&self, lang: Lang) -> Problem {
        let (status, slug, title, detail) = self.parts(lang);
        Problem {
            type_: format!("urn:pqrs:problem:{slug}"),
            title,
            status: status.as_u16(),
            detail,
            errors: match self {
                ApiError::Validation(e) => e
                    .iter()
                    .map(|f| FieldError::new(&f.field, i18n::translate(&f.message, lang)))
                    .collect(),
                _ => Vec::new(),
            },
        }
    }
}

/// Writes a problem document with its status and media type.
pub fn problem_response(problem: &Problem) -> Response<Body> {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = Response::new(problem_body(problem));
    *res.status_mut() = status;
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    res
}

fn problem_body(problem: &Problem) -> Body {
    Body::from(serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec()))
}

/// Marks a response as answered in `lang`, for caches and for the reader.
/// Whether the request is a person's browser asking for a page: `Accept` names `text/html`, and
/// the path is not the JSON API's.
fn wants_a_page(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> bool {
    let path = uri.path();
    let api = path == "/v1" || path.starts_with("/v1/");
    let html = headers
        .get_all(header::ACCEPT)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("text/html")));
    html && !api
}

/// The message page for an error answer `res` to a page request at `uri` — in the console's
/// frame under `/funcionarios`, the portal's elsewhere — in the page's language, with `res`'s
/// status and headers (`Allow`, `Retry-After`…): the problem's own words when it came from an
/// [`ApiError`] (a body over the limit, say), else the page texts for its status.
fn error_page(
    state: &crate::state::AppState,
    uri: &axum::http::Uri,
    request_headers: &axum::http::HeaderMap,
    lang: Lang,
    error: Option<ApiError>,
    res: axum::response::Response,
) -> axum::response::Response {
    let lang = crate::pages::lang::kept_in_cookie(request_headers).unwrap_or(lang);
    let status = res.status();
    let (title, text) = match error {
        Some(error) => {
            let problem = error.problem_in(lang);
            (problem.title, problem.detail)
        }
        None => {
            let (title, text) = match status {
                StatusCode::NOT_FOUND => ("page-not-found-title", "page-not-found-text"),
                StatusCode::REQUEST_TIMEOUT => ("page-timeout-title", "page-timeout-text"),
                _ => ("page-error-title", "page-error-text"),
            };
            (Msg::new(title).text(lang), Msg::new(text).text(lang))
        }
    };
    let console =
        uri.path() == crate::console::session::PREFIX || uri.path().starts_with("/funcionarios/");
    let say = if console {
        crate::console::say
    } else {
        crate::pages::say
    };
    let mut out = say(&state.entity, lang, status, &title, &text);
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    set_language(&mut out, lang);
    out.headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept"));
    out
}

fn set_language(res: &mut Response<Body>, lang: Lang) {
    res.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-language"));
}

impl IntoResponse for ApiError {
    /// The problem in Spanish, with the error itself kept in the response's extensions so that
    /// [`problem_for_bare_errors`] can write it again in the language the request asked for.
    fn into_response(self) -> axum::response::Response {
        match &self {
            ApiError::Internal(d) => tracing::error!(detail = %d, "internal error"),
            ApiError::Unavailable(d) => tracing::warn!(detail = %d, "store unavailable"),
            ApiError::StoreFault(d) => tracing::warn!(detail = %d, "store fault"),
            _ => {}
        }
        let mut res = problem_response(&self.problem());
        set_language(&mut res, Lang::default());
        if let ApiError::TooManyFailures(wait) = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs(wait).to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res.extensions_mut().insert(self);
        res
    }
}

/// Whole seconds of `Retry-After`, rounded up.
fn retry_after_secs(wait: std::time::Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if let Some(detail) = e.fault_detail() {
            ApiError::StoreFault(detail)
        } else if e.is_unavailable() {
            ApiError::Unavailable(e.to_string())
        } else {
            ApiError::Internal(e.to_string())
        }
    }
}

impl From<FilingError> for ApiError {
    fn from(e: FilingError) -> Self {
        match e {
            FilingError::Refused(rule) => ApiError::Rule(rule.to_string()),
            FilingError::KeyReused => ApiError::Validation(vec![FieldError::new(
                "Idempotency-Key",
                "this key was already used with a different request; use a new key for a new filing",
            )]),
            FilingError::Store(s) => s.into(),
            FilingError::Closed => ApiError::Unavailable("filing desk closed".into()),
        }
    }
}

/// Writes every error answer as a problem document in the language the request asked for
/// (`Accept-Language`, [`Lang`]): a problem from an [`ApiError`] is written again in that
/// language, and any error response that is not already a problem document or a page (the
/// router's 404 and 405, the timeout's 408, a caught panic's 500) becomes one, keeping its
/// status.
///
/// A person's browser asking for a page outside the JSON API (`Accept: text/html`, any path
/// but `/v1/…`) gets the portal's message page instead, in the page's language (its cookie,
/// then `Accept-Language`): an unknown address, a page that took too long, a form over the
/// body limit. The JSON API under
/// `/v1` always answers problem documents (docs/api-contract: pages answer their errors as
/// pages, the API never does).
pub async fn problem_for_bare_errors(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    lang: Lang,
    uri: axum::http::Uri,
    request_headers: axum::http::HeaderMap,
    mut res: axum::response::Response,
) -> axum::response::Response {
    if let Some(error) = res.extensions_mut().remove::<ApiError>() {
        if wants_a_page(&uri, &request_headers) {
            return error_page(&state, &uri, &request_headers, lang, Some(error), res);
        }
        if lang != Lang::default() {
            *res.body_mut() = problem_body(&error.problem_in(lang));
            res.headers_mut().remove(header::CONTENT_LENGTH);
            res.headers_mut().insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.tag()),
            );
        }
        return res;
    }
    let status = res.status();
    // A problem already, or a JSON body a handler chose on purpose (`/ready`'s 503 report),
    // or a portal page that explains the error to a person.
    let is_problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        v.as_bytes().starts_with(PROBLEM_JSON.as_bytes())
            || v.as_bytes().starts_with(b"application/json")
            || v.as_bytes().starts_with(b"text/html")
    });
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return res;
    }
    if wants_a_page(&uri, &request_headers) {
        return error_page(&state, &uri, &request_headers, lang, None, res);
    }
    let (slug, title, detail) = match status {
        StatusCode::NOT_FOUND => ("not-found", "bare-not-found-title", "bare-not-found-detail"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            "bare-method-not-allowed-title",
            "bare-method-not-allowed-detail",
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "bare-timeout-title", "bare-timeout-detail"),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("too-large", "bare-too-large-title", "bare-too-large-detail")
        }
        StatusCode::INTERNAL_SERVER_ERROR => {
            ("internal", "bare-internal-title", "problem-internal-detail")
        }
        _ => ("error", "bare-error-title", "bare-error-detail"),
    };
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut out = problem_response(&Problem {
        type_: format!("urn:pqrs:problem:{slug}"),
        title: Msg::new(title).arg("reason", reason).text(lang),
        status: status.as_u16(),
        detail: Msg::new(detail).text(lang),
        errors: Vec::new(),
    });
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    set_language(&mut out, lang);
    out
}
