//! Reading a case by its radicado.

use crate::error::StoreError;
use crate::event_store::{load, PqrsEventRepository};
use pqrs_domain::{Pqr, Radicado};

/// The aggregate of `radicado` as its events say, or `None` if nothing was filed under it.
pub async fn find(
    repo: &PqrsEventRepository,
    radicado: &Radicado,
) -> Result<Option<Pqr>, StoreError> {
    load::<Pqr>(repo, &radicado.to_string())
        .await
        .map_err(|e| match e {
            cqrs_es::AggregateError::DatabaseConnectionError(e) => {
                StoreError::Unavailable(e.to_string())
            }
            other => StoreError::Corrupt(other.to_string()),
        })
}
