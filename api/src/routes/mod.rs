//! One module per area of the API.

pub mod access_log;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod consent;
pub mod deadlines;
pub mod dev;
pub mod health;
pub mod pqrs;
pub mod privacy;
pub mod queue;
pub mod reports;
pub mod schema;
