//! Assembling and running the HTTP service.

use crate::error::problem_for_bare_errors;
use crate::openapi::ApiDoc;
use crate::routes::{
    access_log, audit, calendar, cases, consent, deadlines, dev, health, pqrs, privacy, queue,
    reports,
};
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, StatusCode};
use axum::Router;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

/// HTTP limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body accepted.
    pub body_bytes: usize,
    /// Longest a request may take before a 408.
    pub timeout: Duration,
}

/// CORS for the JSON API: off unless the entity lists the origins of its own sites
/// (`cors_origins`), so their pages may call the API from a browser. Preflights are answered
/// here; the headers a client needs (`Idempotency-Key`, `X-Access-Code`, the token) are
/// allowed and `Location`, `Retry-After` and `X-Request-Id` are exposed.
fn cors(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    use axum::http::{header, HeaderValue, Method};
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        tower_http::cors::CorsLayer::new()
            .allow_origin(tower_http::cors::AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::PUT])
            .allow_headers([
                header::CONTENT_TYPE,
                header::AUTHORIZATION,
                header::ACCEPT_LANGUAGE,
                HeaderName::from_static("idempotency-key"),
                HeaderName::from_static("x-access-code"),
            ])
            .expose_headers([
                header::LOCATION,
                header::RETRY_AFTER,
                HeaderName::from_static("x-request-id"),
            ])
            .max_age(Duration::from_secs(600)),
    )
}

/// The router and its OpenAPI document.
pub fn router(state: AppState, dev_clock: bool, limits: Limits, cors_origins: &[String]) -> Router {
    let mut api = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(pqrs::router())
        .merge(deadlines::router())
        .merge(calendar::router())
        .merge(cases::router())
        // mail (issue 15): the petitioner withdraws the consent to e-mail.
        .merge(consent::router())
        .merge(queue::router())
        .merge(audit::router())
        .merge(access_log::router())
        .merge(reports::router())
        // privacy (issue 16): the data-protection officer's requests.
        .merge(privacy::router())
        .merge(health::router());
    if dev_clock {
        api = api.merge(dev::router());
    }
    let bare_errors_state = state.clone();
    let portal = crate::pages::router(state.clone());
    let console = crate::console::router(state.clone());
    let (router, doc) = api.with_state(state).split_for_parts();
    let doc = crate::openapi::complete(doc);
    let request_id = HeaderName::from_static("x-request-id");
    router
        .merge(SwaggerUi::new("/docs").external_url_unchecked("/openapi.json", doc))
        .merge(portal)
        .merge(console)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(axum::middleware::from_fn(move |req, next| {
            crate::extract::buffer_body(limits.body_bytes, req, next)
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::map_response_with_state(
            bare_errors_state,
            problem_for_bare_errors,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &axum::http::Request<axum::body::Body>| {
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            },
        ))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(tower::util::option_layer(cors(cors_origins)))
}
