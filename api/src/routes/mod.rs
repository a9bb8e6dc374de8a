//! One module per area of the API.

pub mod audit;
pub mod calendar;
pub mod cases;
pub mod deadlines;
pub mod dev;
pub mod health;
pub mod pqrs;
pub mod privacy;
pub mod queue;
pub mod reports;
pub mod schema;
