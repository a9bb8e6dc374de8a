//! The staff console (issue 14) under `/funcionarios`.
//!
//! STAND-IN (office helper): the accounts helper owns this file; until its milestone is merged
//! it only mounts the back-office pages behind a stand-in [`Official`].

pub mod alertas;
pub mod auditoria;
pub mod informes;
pub mod informes_comun;
mod standin_office;

pub use standin_office::Official;

use crate::state::AppState;
use axum::Router;

/// The console's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        // ── office (issue 14 part 3): alerts, reports, audit ──
        .merge(informes_comun::router())
        // ── end office ──
        .with_state(state)
        .layer(axum::middleware::map_response(standin_office::headers))
}
