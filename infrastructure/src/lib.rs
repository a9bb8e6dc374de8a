//! Storage and services of pqrs on SQLite (default) and PostgreSQL.
//!
//! The same SQL runs on both backends through `sqlx::Any` (parameters are written `$N`, which
//! both accept). Every append to the event log goes through [`ledger`], which gives events a
//! gapless global position in commit order and chains their hashes; filings go through the
//! [`radicacion`] desk, which allocates radicados in the same transaction.

pub mod access;
pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod calendar_store;
pub mod cases;
pub mod clock;
pub mod commands;
pub mod crypto;
pub mod db;
pub mod error;
pub mod event_rows;
pub mod event_store;
pub mod idempotency;
pub mod journal;
pub mod ledger;
pub mod outbox;
pub mod privacy;
pub mod projection;
pub mod queue;
pub mod radicacion;
pub mod readers;
pub mod recent;
pub mod reports;
pub mod scheduler;
pub mod stored;
pub mod tokens;
pub mod view_schema;

pub use clock::Clock;
pub use db::{Backend, Db};
pub use error::StoreError;
