//! Every error of the API as `application/problem+json` (RFC 9457).
//!
//! Domain rule violations are 409/422 and name the rule; concurrency conflicts are 409;
//! anything unexpected is an opaque 500 logged with the request id. Responses produced by
//! middleware or the router itself (404, 405, 408, 413, panics) are rewritten into problems by
//! [`problem_for_bare_errors`].

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
    #[schema(example = "The request has invalid fields")]
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
#[derive(Debug, thiserror::Error)]
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

    fn parts(&self) -> (StatusCode, &'static str, &'static str, String) {
        match self {
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "The request has invalid fields",
                "See `errors` for each invalid field.".into(),
            ),
            ApiError::Malformed { status, detail } => {
                (*status, "malformed-request", "The request cannot be read", detail.clone())
            }
            ApiError::Unauthorized(d) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
                d.clone(),
            ),
            ApiError::Forbidden(d) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed for this role",
                d.clone(),
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "Not found",
                "There is nothing here, or the access code does not match.".into(),
            ),
            ApiError::Rule(d) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "rule-violation",
                "A legal or business rule refuses this request",
                d.clone(),
            ),
            ApiError::Conflict(d) => (StatusCode::CONFLICT, "conflict", "Conflict", d.clone()),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The service is temporarily unavailable",
                "The store cannot be reached. Nothing was changed; retry later (with the same Idempotency-Key when filing).".into(),
            ),
            ApiError::StoreFault(d) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "store-fault",
                "El almacén de datos necesita atención",
                d.clone(),
            ),
            ApiError::TooManyFailures(wait) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-failed-attempts",
                "Too many failed access-code attempts",
                format!(
                    "Desde esta dirección se hicieron demasiados intentos con un radicado o un \
                     código de acceso que no coinciden. Espere {} segundos antes de intentar de \
                     nuevo.",
                    retry_after_secs(*wait)
                ),
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "An unexpected error occurred; it was logged with this response's x-request-id.".into(),
            ),
        }
    }

    /// The problem document of this error.
    pub fn problem(&self) -> Problem {
        let (status, slug, title, detail) = self.parts();
        Problem {
            type_: format!("urn:pqrs:problem:{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors: match self {
                ApiError::Validation(e) => e.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// Writes a problem document with its status and media type.
pub fn problem_response(problem: &Problem) -> Response<Body> {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    res
}

impl IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        match &self {
            ApiError::Internal(d) => tracing::error!(detail = %d, "internal error"),
            ApiError::Unavailable(d) => tracing::warn!(detail = %d, "store unavailable"),
            ApiError::StoreFault(d) => tracing::warn!(detail = %d, "store fault"),
            _ => {}
        }
        let mut res = problem_response(&self.problem());
        if let ApiError::TooManyFailures(wait) = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs(wait).to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
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

/// Rewrites any error response that is not already a problem document (the router's 404 and
/// 405, the timeout's 408, a caught panic's 500) into one, keeping its status.
pub async fn problem_for_bare_errors(res: axum::response::Response) -> axum::response::Response {
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
    let (slug, detail) = match status {
        StatusCode::NOT_FOUND => ("not-found", "No route matches this path."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            "This method is not allowed on this path.",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            "The request took too long and was abandoned; retry it.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too-large", "The request body is too large."),
        StatusCode::INTERNAL_SERVER_ERROR => (
            "internal",
            "An unexpected error occurred; it was logged with this response's x-request-id.",
        ),
        _ => ("error", "The request failed."),
    };
    let mut out = problem_response(&Problem {
        type_: format!("urn:pqrs:problem:{slug}"),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail: detail.to_owned(),
        errors: Vec::new(),
    });
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}
