//! Connections kept for the reads on a citizen's path (tracking a case: the access check,
//! then the case's events), outside sqlx's pool.
//!
//! Why not the pool: sqlx 0.8 pings every connection as it goes back to the pool (a round
//! trip to PostgreSQL, a hand-off to the connection's thread on SQLite) and spawns a task to
//! do it, with no setting to turn it off. The ping is there for connections a dropped future
//! left mid-statement. On PostgreSQL tracking it was 15 % of pqrs's CPU, besides the server's
//! share of the round trip (docs/performance.md). A reader here is put back only when its
//! statements ran to the end ([`Reader::done`]); any other way out — an error, a cancelled
//! request — closes it, so no connection in an unknown state is ever used again, and none
//! needs the ping.
//!
//! The readers have a budget of their own ([`Readers::new`]), taken out of the pool
//! (`PoolConnection::detach`) as they are first needed, so they never hold a connection the
//! filing desk waits for. When all are in use, a read takes a pooled connection as before.

use crate::db::{Backend, TRUSTED_IDLE};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The connections kept for reads of one [`crate::Db`] and its clones.
pub struct Readers {
    /// Put back by [`Reader::done`], with when.
    idle: std::sync::Mutex<Vec<(AnyConnection, Instant)>>,
    /// One permit per reader that may exist, idle or in use.
    budget: Arc<Semaphore>,
    backend: Backend,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers")
            .field("idle", &self.idle_count())
            .field("free", &self.budget.available_permits())
            .finish()
    }
}

impl Readers {
    /// Up to `budget` readers on `backend`. [`crate::Db`] gives them as many as its pool has
    /// connections (16 on PostgreSQL, so a process opens at most 32; 8 on SQLite).
    pub fn new(backend: Backend, budget: usize) -> Readers {
        Readers {
            idle: std::sync::Mutex::new(Vec::with_capacity(budget)),
            budget: Arc::new(Semaphore::new(budget)),
            backend,
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<(AnyConnection, Instant)>> {
        self.idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Readers waiting to be used.
    pub fn idle_count(&self) -> usize {
        self.idle().len()
    }

    /// A connection for reads: a kept one if one is idle (pinged first on PostgreSQL if it was
    /// idle longer than [`TRUSTED_IDLE`], as the pool does), a new one taken out of `pool` if
    /// the budget allows, or else a pooled one.
    pub async fn take(&self, pool: &AnyPool) -> Result<Reader<'_>, sqlx::Error> {
        let Ok(permit) = self.budget.clone().try_acquire_owned() else {
            return Ok(Reader {
                conn: Held::Pooled(pool.acquire().await?),
                readers: self,
            });
        };
        loop {
            let next = self.idle().pop();
            let Some((mut conn, since)) = next else { break };
            if self.backend == Backend::Postgres
                && since.elapsed() > TRUSTED_IDLE
                && conn.ping().await.is_err()
            {
                // Lost (a server restart, a dropped socket): closed, try the next.
                continue;
            }
            return Ok(Reader {
                conn: Held::Kept(conn, permit),
                readers: self,
            });
        }
        let conn = pool.acquire().await?.detach();
        Ok(Reader {
            conn: Held::Kept(conn, permit),
            readers: self,
        })
    }

    /// Closes the idle readers (for a process about to exit).
    pub async fn close(&self) {
        let idle = std::mem::take(&mut *self.idle());
        for (conn, _) in idle {
            let _ = conn.close().await;
        }
    }
}

enum Held {
    /// One of the readers, with its place in the budget.
    Kept(AnyConnection, OwnedSemaphorePermit),
    /// The budget was spent: a pooled connection, which goes back to the pool.
    Pooled(PoolConnection<Any>),
}

/// A connection for reads. Call [`Reader::done`] once its statements ran to the end; dropped
/// without it, it is closed.
pub struct Reader<'a> {
    conn: Held,
    readers: &'a Readers,
}

impl Reader<'_> {
    /// The connection, to run statements on (`&mut *reader.conn()`).
    pub fn conn(&mut self) -> &mut AnyConnection {
        match &mut self.conn {
            Held::Kept(conn, _) => conn,
            Held::Pooled(conn) => conn,
        }
    }

    /// Its statements ran to the end: it is kept for the next read.
    pub fn done(self) {
        let Reader { conn, readers } = self;
        match conn {
            Held::Kept(conn, permit) => {
                readers.idle().push((conn, Instant::now()));
                drop(permit);
            }
            Held::Pooled(conn) => drop(conn),
        }
    }
}
