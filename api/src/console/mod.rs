//! The staff console (issue 14). STAND-IN of the accounts helper's module until `h/accounts`
//! is merged: only the daily work's routes and a token-cookie sign-in.

pub mod acciones;
pub mod bandeja;
pub mod caso;
pub mod radicar;
pub mod standin;

use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
pub use standin::{role_name, Layout, Official};

/// The console's routes.
pub fn router(state: AppState) -> Router {
    let router = Router::new().route("/funcionarios/standin", get(standin::sign_in));
    // ---- console (issue 14 part 2): the daily work's routes ----
    let router = router.merge(work_routes());
    router
        .with_state(state)
        .layer(axum::middleware::map_response(
            crate::pages::security_headers,
        ))
}

/// The daily work: bandeja, case page and actions, filing on a citizen's behalf.
fn work_routes() -> Router<AppState> {
    Router::new()
        .route("/funcionarios/bandeja", get(bandeja::show))
        .route("/funcionarios/bandeja/eventos", get(bandeja::events))
        .route("/funcionarios/static/console.js", get(bandeja::script))
        .route("/funcionarios/static/console.css", get(bandeja::stylesheet))
        .route("/funcionarios/casos/{radicado}", get(acciones::show))
        .route(
            "/funcionarios/casos/{radicado}/{accion}",
            post(acciones::submit),
        )
        .route(
            "/funcionarios/radicar",
            get(radicar::show).post(radicar::submit),
        )
}

/// The page for an official whose role does not open this page.
pub fn forbidden(state: &AppState, _official: &Official) -> Response {
    crate::pages::message(
        &state.entity,
        StatusCode::FORBIDDEN,
        "No tiene acceso a esta página",
        "Su rol no permite abrir esta página de la consola.",
    )
}
