//! Faultline's event coder (skeleton: the coder issue fills this in).

pub mod event;

pub use event::{Event, EventActor, EventDate, Modality, Quantity};
