//! Executing commands on aggregates, on our event repository.
//!
//! A command loads its aggregate ONCE: [`Executor::open`] folds the events into a [`Loaded`]
//! aggregate (the caller may check it, e.g. who may act on the case), [`Executor::execute_on`]
//! runs `handle` on that same state and commits the new events through cqrs-es's event store
//! and [`crate::ledger`], and returns the state with the new events applied: no reload. A
//! concurrent command on the same aggregate makes the second commit hit the `(aggregate,
//! sequence)` unique constraint; the event store reports it as `AggregateConflict`, and only
//! then the aggregate is loaded again and the command decided on the fresh state (never
//! applied blindly). No queries are registered: read models are built from the log by the
//! projection runner, never from cqrs-es's after-commit dispatch, which drops errors.

use crate::error::StoreError;
use crate::event_store::{event_store, PqrsEventRepository};
use cqrs_es::event_sink::EventSink;
use cqrs_es::persist::{EventStoreAggregateContext, PersistedEventStore};
use cqrs_es::{Aggregate, AggregateError, EventStore};
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

/// Runs commands on aggregates of type `A` on our repository.
pub struct Executor<A: Aggregate> {
    store: PersistedEventStore<PqrsEventRepository, A>,
    services: A::Services,
}

impl<A: Aggregate> std::fmt::Debug for Executor<A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("aggregate", &A::TYPE)
            .finish()
    }
}

/// An aggregate as loaded for a command: its state and its last sequence.
#[derive(Debug)]
pub struct Loaded<A: Aggregate> {
    id: String,
    aggregate: A,
    sequence: usize,
}

impl<A: Aggregate> Loaded<A> {
    /// The aggregate's state.
    pub fn aggregate(&self) -> &A {
        &self.aggregate
    }

    /// Whether it has any event.
    pub fn exists(&self) -> bool {
        self.sequence > 0
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
            store: event_store::<A>(repo),
            services,
        }
    }

    /// Loads aggregate `id` for a command (its default state if it has no events).
    pub async fn open(&self, id: &str) -> Result<Loaded<A>, CommandError<A::Error>> {
        let context = self.store.load_aggregate(id).await.map_err(store_error)?;
        Ok(Loaded {
            id: context.aggregate_id,
            aggregate: context.aggregate,
            sequence: context.current_sequence,
        })
    }

    /// Runs `command` on aggregate `id` with event `metadata`, retrying on conflicts, and
    /// returns the aggregate as it stands after the commit.
    pub async fn execute(
        &self,
        id: &str,
        command: A::Command,
        metadata: &BTreeMap<String, String>,
    ) -> Result<A, CommandError<A::Error>> {
        let loaded = self.open(id).await?;
        self.execute_on(loaded, command, metadata).await
    }

    /// Runs `command` on `loaded` (as [`Executor::open`] returned it) with event `metadata`,
    /// and returns the aggregate after the commit. On a conflict the aggregate is loaded
    /// again and the command decided again on the fresh state, with a short jittered backoff.
    #[tracing::instrument(name = "command", skip_all, fields(aggregate = A::TYPE, id = %loaded.id))]
    pub async fn execute_on(
        &self,
        loaded: Loaded<A>,
        command: A::Command,
        metadata: &BTreeMap<String, String>,
    ) -> Result<A, CommandError<A::Error>> {
        let metadata: HashMap<String, String> = metadata.clone().into_iter().collect();
        let mut loaded = loaded;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let Loaded {
                id,
                mut aggregate,
                sequence,
            } = loaded;
            // `handle` writes each event to the sink, which applies it to `aggregate`.
            let sink = EventSink::default();
            aggregate
                .handle(command.clone(), &self.services, &sink)
                .await
                .map_err(CommandError::Refused)?;
            let context = EventStoreAggregateContext {
                aggregate_id: id.clone(),
                aggregate: A::default(),
                current_sequence: sequence,
                current_snapshot: None,
            };
            match self
                .store
                .commit(sink.collect().await, context, metadata.clone())
                .await
            {
                Ok(_) => return Ok(aggregate),
                Err(AggregateError::AggregateConflict) if attempt < ATTEMPTS => {
                    tracing::debug!(attempt, "conflict; deciding again on fresh state");
                    // Jittered backoff, so commands racing on one case stop colliding.
                    let jitter = u64::from(rand::random::<u8>() % 8);
                    tokio::time::sleep(std::time::Duration::from_millis(
                        u64::from(attempt) * 2 + jitter,
                    ))
                    .await;
                    loaded = self.open(&id).await?;
                }
                Err(e) => return Err(store_error(e)),
            }
        }
    }

    /// The aggregate `id` as its events say, or `None`.
    pub async fn load(&self, id: &str) -> Result<Option<A>, CommandError<A::Error>> {
        let loaded = self.open(id).await?;
        Ok(loaded.exists().then_some(loaded.aggregate))
    }
}
