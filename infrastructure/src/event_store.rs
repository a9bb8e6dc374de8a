//! The cqrs-es event repository of pqrs, on both backends.
//!
//! We implement `PersistedEventRepository` ourselves instead of using postgres-es/sqlite-es:
//! their `persist` owns its transaction, so it cannot write the global position, the hash
//! chain (issue 5 and 6) or the radicado counter (issue 2) in the same transaction as the
//! events. Used in the plain event-store mode: snapshots are not supported and refused.

use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::{unique_violation, Constraint};
use crate::journal;
use crate::ledger::NewEvent;
use crate::privacy::keys::{self, Keys};
use crate::stored;
use cqrs_es::persist::{
    PersistedEventRepository, PersistedEventStore, PersistenceError, ReplayStream, SerializedEvent,
    SerializedSnapshot,
};
use cqrs_es::{Aggregate, AggregateError, EventEnvelope};
use serde_json::Value;
use sqlx::any::AnyRow;

/// The event repository: reads streams and appends through [`journal::append`] (the
/// ledger's append and the messages the events owe).
#[derive(Debug, Clone)]
pub struct PqrsEventRepository {
    db: Db,
    clock: Clock,
}

fn conn_err(e: sqlx::Error) -> PersistenceError {
    PersistenceError::ConnectionError(Box::new(e))
}

fn select() -> String {
    format!("SELECT {} FROM events", stored::COLUMNS)
}

/// A row as cqrs-es reads it, through the one decoder of stored events, its personal fields
/// opened with the keys of its case ([`keys_of`]).
pub(crate) fn deser(row: &AnyRow, keys: &Keys) -> Result<SerializedEvent, PersistenceError> {
    let e = stored::stored(row).map_err(conn_err)?;
    stored::serialized(e, keys).map_err(|e| PersistenceError::DeserializationError(Box::new(e)))
}

/// The data keys of one stream (none for aggregates without personal data).
pub(crate) async fn keys_of(
    db: &Db,
    aggregate_type: &str,
    aggregate_id: &str,
) -> Result<Keys, PersistenceError> {
    if aggregate_type != "Pqr" {
        return Ok(Keys::new());
    }
    keys::keys_on(db, [aggregate_id])
        .await
        .map_err(|e| PersistenceError::UnknownError(Box::new(e)))
}

/// Turns a serialized event into a row to append (canonical JSON text).
pub fn to_new_event(e: &SerializedEvent) -> Result<NewEvent, PersistenceError> {
    Ok(NewEvent {
        aggregate_type: e.aggregate_type.clone(),
        aggregate_id: e.aggregate_id.clone(),
        sequence: i64::try_from(e.sequence)
            .map_err(|err| PersistenceError::UnknownError(Box::new(err)))?,
        event_type: e.event_type.clone(),
        event_version: e.event_version.clone(),
        payload: serde_json::to_string(&e.payload)?,
        metadata: serde_json::to_string(&e.metadata)?,
    })
}

impl PqrsEventRepository {
    /// A repository on `db`, stamping events with `clock`.
    pub fn new(db: Db, clock: Clock) -> Self {
        PqrsEventRepository { db, clock }
    }

    async fn select(
        &self,
        aggregate_type: &str,
        aggregate_id: &str,
        after_sequence: i64,
    ) -> Result<Vec<SerializedEvent>, PersistenceError> {
        let sql = format!(
            "{} WHERE aggregate_type = $1 AND aggregate_id = $2 AND sequence > $3 \
             ORDER BY sequence",
            select()
        );
        // A reader: loading a case is on every citizen's tracking request.
        let mut reader = self
            .db
            .readers
            .take(&self.db.pool)
            .await
            .map_err(conn_err)?;
        let rows = sqlx::query(&sql)
            .bind(aggregate_type.to_owned())
            .bind(aggregate_id.to_owned())
            .bind(after_sequence)
            .fetch_all(&mut *reader.conn())
            .await
            .map_err(conn_err)?;
        reader.done();
        let keys = keys_of(&self.db, aggregate_type, aggregate_id).await?;
        rows.iter().map(|row| deser(row, &keys)).collect()
    }

    fn stream(&self, sql: String, binds: Vec<String>) -> ReplayStream {
        let (mut feed, stream) = ReplayStream::new(256);
        let pool = self.db.pool.clone();
        let db = self.db.clone();
        tokio::spawn(async move {
            use futures_util::TryStreamExt;
            let mut q = sqlx::query(&sql);
            for b in binds {
                q = q.bind(b);
            }
            let mut rows = q.fetch(&pool);
            loop {
                let item = match rows.try_next().await {
                    Ok(Some(row)) => {
                        let id: String = sqlx::Row::try_get(&row, 2).unwrap_or_default();
                        let kind: String = sqlx::Row::try_get(&row, 1).unwrap_or_default();
                        match keys_of(&db, &kind, &id).await {
                            Ok(keys) => deser(&row, &keys),
                            Err(e) => Err(e),
                        }
                    }
                    Ok(None) => return,
                    Err(e) => Err(conn_err(e)),
                };
                let failed = item.is_err();
                if feed.push(item).await.is_err() || failed {
                    return;
                }
            }
        });
        stream
    }
}

impl PersistedEventRepository for PqrsEventRepository {
    async fn get_events<A: Aggregate>(
        &self,
        aggregate_id: &str,
    ) -> Result<Vec<SerializedEvent>, PersistenceError> {
        self.select(A::TYPE, aggregate_id, 0).await
    }

    async fn get_last_events<A: Aggregate>(
        &self,
        aggregate_id: &str,
        last_sequence: usize,
    ) -> Result<Vec<SerializedEvent>, PersistenceError> {
        let after = i64::try_from(last_sequence)
            .map_err(|e| PersistenceError::UnknownError(Box::new(e)))?;
        self.select(A::TYPE, aggregate_id, after).await
    }

    async fn get_snapshot<A: Aggregate>(
        &self,
        _aggregate_id: &str,
    ) -> Result<Option<SerializedSnapshot>, PersistenceError> {
        Ok(None)
    }

    async fn persist<A: Aggregate>(
        &self,
        events: &[SerializedEvent],
        snapshot_update: Option<(String, Value, usize)>,
    ) -> Result<(), PersistenceError> {
        if snapshot_update.is_some() {
            return Err(PersistenceError::UnknownError(
                "pqrs uses the plain event store: snapshots are not supported".into(),
            ));
        }
        if events.is_empty() {
            return Ok(());
        }
        let rows = events
            .iter()
            .map(to_new_event)
            .collect::<Result<Vec<_>, _>>()?;
        let _turn = self.db.write_turn().await;
        let recorded_at = instant_text(self.clock.now());
        let mut tx = self.db.pool.begin().await.map_err(conn_err)?;
        match journal::append(&mut tx, rows, &recorded_at).await {
            Ok(_) => {}
            Err(e) if unique_violation(&e) == Some(Constraint::StreamSequence) => {
                return Err(PersistenceError::OptimisticLockError)
            }
            Err(e) => return Err(conn_err(e)),
        }
        tx.commit().await.map_err(conn_err)
    }

    async fn stream_events<A: Aggregate>(
        &self,
        aggregate_id: &str,
    ) -> Result<ReplayStream, PersistenceError> {
        Ok(self.stream(
            format!(
                "{} WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY sequence",
                select()
            ),
            vec![A::TYPE.to_owned(), aggregate_id.to_owned()],
        ))
    }

    async fn stream_all_events<A: Aggregate>(&self) -> Result<ReplayStream, PersistenceError> {
        Ok(self.stream(
            format!("{} WHERE aggregate_type = $1 ORDER BY position", select()),
            vec![A::TYPE.to_owned()],
        ))
    }
}

/// The cqrs-es event store of an aggregate on this repository (plain event-store mode).
pub fn event_store<A: Aggregate>(
    repo: PqrsEventRepository,
) -> PersistedEventStore<PqrsEventRepository, A> {
    PersistedEventStore::new_event_store(repo)
}

/// Loads an aggregate by folding its events; `None` if it has none.
pub async fn load<A: Aggregate>(
    repo: &PqrsEventRepository,
    aggregate_id: &str,
) -> Result<Option<A>, AggregateError<A::Error>> {
    Ok(fold(repo.get_events::<A>(aggregate_id).await?)?)
}

/// Folds a stream's events, in sequence order, into their aggregate (`None` for no events),
/// as cqrs-es's event store does before a command: each event decoded from its payload and
/// applied. The one fold of every read of a single case ([`load`], [`crate::cases::find`], and
/// tracking's [`crate::access::case_if_code_matches`], which reads the events with the access
/// check).
pub fn fold<A: Aggregate>(events: Vec<SerializedEvent>) -> Result<Option<A>, PersistenceError> {
    if events.is_empty() {
        return Ok(None);
    }
    let mut aggregate = A::default();
    for event in events {
        aggregate.apply(EventEnvelope::<A>::try_from(event)?.payload);
    }
    Ok(Some(aggregate))
}
