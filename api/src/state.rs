//! What every handler shares.

use pqrs_domain::closures::EntityCalendar;
use pqrs_domain::PqrServices;
use pqrs_infrastructure::commands::Executor;
use pqrs_infrastructure::event_store::PqrsEventRepository;
use pqrs_infrastructure::radicacion::FilingDesk;
use pqrs_infrastructure::{Clock, Db};
use std::sync::Arc;

/// Shared state of the service: one pointer, so the clone every handler's extraction makes is
/// one reference count (the fields' own clones, a dozen counts each, showed in profiles of
/// filing).
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    /// The state of a service made of `shared`.
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What every handler shares (see [`AppState`]).
#[derive(Debug)]
pub struct Shared {
    /// The store.
    pub db: Db,
    /// The event repository.
    pub repo: PqrsEventRepository,
    /// The filing desk (radicación).
    pub desk: FilingDesk,
    /// Calendar and policies in force.
    pub services: PqrServices,
    /// The server clock (settable with `--dev-clock`).
    pub clock: Clock,
    /// Lag of the live projections.
    pub projection: pqrs_infrastructure::projection::ProjectionStatus,
    /// Runs of the in-process scheduler.
    pub scheduler: pqrs_infrastructure::scheduler::SchedulerStatus,
    /// Commands on cases.
    pub cases: Arc<Executor<pqrs_domain::Pqr>>,
    /// Commands on the entity calendar (closure days).
    pub calendar: Arc<Executor<EntityCalendar>>,
    /// The entity's audit public key (hex), if configured: digests must be signed by it.
    pub audit_public_key: Option<String>,
    /// Failed access-code attempts per client address (the tracking limit).
    pub access_failures: crate::access::FailureLimiter,
    /// The entity the citizen portal speaks for (`[entity]`).
    pub entity: Arc<crate::config::Entity>,
    /// The staff console's settings (session timeouts, cookie).
    pub console: Arc<crate::config::Console>,
    /// The e-mail settings this process sends with; `None`: mail is off.
    pub mail: Option<Arc<crate::notify::MailConfig>>,
}
