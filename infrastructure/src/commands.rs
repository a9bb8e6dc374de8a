//! Executing commands on aggregates through cqrs-es, on our event repository.
//!
//! `CqrsFramework` loads the aggregate from its events, runs `handle`, and commits the new
//! events through [`crate::ledger`]. A concurrent command on the same aggregate makes the
//! second commit hit the `(aggregate, sequence)` unique constraint; cqrs-es reports that as
//! `AggregateConflict`, and we retry the command on the fresh state (it is validated again, so
//! a retry can never apply a decision taken on stale state). No queries are registered with the
//! framework: read models are built from the log by the projection runner (issue 5), never from
//! cqrs-es's after-commit dispatch, which drops errors.

use crate::error::StoreError;
use crate::event_store::{event_store, load, PqrsEventRepository};
use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{Aggregate, AggregateError, CqrsFramework};
use std::collections::{BTreeMap, HashMap};

/// How often a conflicting command is tried on fresh state before a 409.
const ATTEMPTS: u32 = 10;

/// Why a command did not produce its events.
#[derive(Debug, thiserror::Error)]
pub enum CommandError<E: std::error::Error> {
    /// The aggregate refused it (a domain rule).
    #[error(transparent)]
    Refused(E),
    /// Concurrent commands kept conflicting; nothing was written.
    #[error("the case changed concurrently; retry")]
    Conflict,
    /// The store failed; nothing was written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A cqrs-es framework for `A` on our repository.
pub struct Executor<A: Aggregate> {
    cqrs: CqrsFramework<A, PersistedEventStore<PqrsEventRepository, A>>,
    repo: PqrsEventRepository,
}

impl<A: Aggregate> std::fmt::Debug for Executor<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("aggregate", &A::TYPE)
            .finish()
    }
}

fn store_error<E: std::error::Error>(e: AggregateError<E>) -> CommandError<E> {
    match e {
        AggregateError::UserError(e) => CommandError::Refused(e),
        AggregateError::AggregateConflict => CommandError::Conflict,
        AggregateError::DatabaseConnectionError(e) => {
            CommandError::Store(StoreError::Unavailable(e.to_string()))
        }
        other => CommandError::Store(StoreError::Corrupt(other.to_string())),
    }
}

impl<A> Executor<A>
where
    A: Aggregate,
    A::Command: Clone,
{
    /// An executor with the aggregate's services.
    pub fn new(repo: PqrsEventRepository, services: A::Services) -> Self {
        Executor {
            cqrs: CqrsFramework::new(event_store::<A>(repo.clone()), Vec::new(), services),
            repo,
        }
    }

    /// Runs `command` on aggregate `id` with event `metadata`, retrying on conflicts, and
    /// returns the aggregate as it stands after the commit.
    pub async fn execute(
        &self,
        id: &str,
        command: A::Command,
        metadata: &BTreeMap<String, String>,
    ) -> Result<A, CommandError<A::Error>> {
        let metadata: HashMap<String, String> = metadata.clone().into_iter().collect();
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self
                .cqrs
                .execute_with_metadata(id, command.clone(), metadata.clone())
                .await
            {
                Ok(()) => break,
                Err(AggregateError::AggregateConflict) if attempt < ATTEMPTS => {
                    // Jittered backoff, so commands racing on one case stop colliding.
                    let jitter = u64::from(rand::random::<u8>() % 8);
                    tokio::time::sleep(std::time::Duration::from_millis(
                        u64::from(attempt) * 2 + jitter,
                    ))
                    .await;
                    continue;
                }
                Err(e) => return Err(store_error(e)),
            }
        }
        self.load(id)
            .await?
            .ok_or(CommandError::Store(StoreError::Corrupt(format!(
                "{} {id} has no events after a command",
                A::TYPE
            ))))
    }

    /// The aggregate `id` as its events say, or `None`.
    pub async fn load(&self, id: &str) -> Result<Option<A>, CommandError<A::Error>> {
        load::<A>(&self.repo, id).await.map_err(store_error)
    }
}
