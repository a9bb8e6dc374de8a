//! Reading a case by its radicado.

use crate::error::StoreError;
use crate::event_store::{fold, PqrsEventRepository};
use cqrs_es::persist::{PersistedEventRepository, PersistenceError};
use pqrs_domain::{Pqr, Radicado};

/// The aggregate of `radicado` as its events say, or `None` if nothing was filed under it.
pub async fn find(
    repo: &PqrsEventRepository,
    radicado: &Radicado,
) -> Result<Option<Pqr>, StoreError> {
    let events = repo
        .get_events::<Pqr>(&radicado.to_string())
        .await
        .map_err(unreadable)?;
    fold(events).map_err(unreadable)
}

/// What a failed read of a case's events is: the store unavailable when the connection
/// failed, a corrupt store when an event cannot be read or decoded.
pub(crate) fn unreadable(e: PersistenceError) -> StoreError {
    match e {
        PersistenceError::ConnectionError(e) => StoreError::Unavailable(e.to_string()),
        other => StoreError::Corrupt(other.to_string()),
    }
}
