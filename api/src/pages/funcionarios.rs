//! `GET /funcionarios`: where the staff console will be (issue 14); linked from the footer.

use super::{message, Portal};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

/// The placeholder page of the staff console.
pub async fn show(State(p): State<Portal>) -> Response {
    message(
        &p.app.entity,
        StatusCode::OK,
        "Acceso funcionarios",
        "La consola para los funcionarios de la entidad está en preparación. Mientras tanto, \
         los funcionarios trabajan los casos a través de la API (/docs).",
    )
}
