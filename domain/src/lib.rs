//! The pure PQR domain of pqrs.
//!
//! Nothing in this crate does I/O or reads a clock: instants, random bytes and the calendar in
//! force come in as arguments or through [`pqr::PqrServices`]. The modules are named after the
//! concepts of Colombian PQR law so that a rule can be found by grepping its article
//! (e.g. `art. 14`).

pub mod access_code;
pub mod actor;
pub mod calendar;
pub mod clock_rules;
pub mod closures;
pub mod contact;
pub mod deadline;
pub mod kind;
pub mod notification;
pub mod personal_data;
pub mod policy;
pub mod pqr;
pub mod radicado;
pub mod text;

pub use access_code::{AccessCode, AccessCodeHash};
pub use calendar::{Calendar, CalendarError};
pub use contact::{Channel, Petitioner};
pub use kind::Kind;
pub use pqr::{Pqr, PqrCommand, PqrError, PqrEvent, PqrServices};
pub use radicado::Radicado;
