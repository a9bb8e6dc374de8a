//! Read models of pqrs, as pure functions of the event log.
//!
//! Nothing here does I/O: the infrastructure's projection runner reads events in position
//! order, hands them to these folds and stores what they return, together with the position,
//! in one transaction. Folding the same events always gives the same rows, so a rebuild from
//! scratch equals the live views.

pub mod cases;
pub mod deadline_view;
pub mod record;
pub mod reports;

pub use cases::{CaseFold, CaseRow};
pub use deadline_view::{
    deadline_view, AlertThresholds, DeadlineInput, DeadlineState, DeadlineView,
};
pub use record::{decode, DecodeError, Decoded, EventRecord};
