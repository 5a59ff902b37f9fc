//! Faultline's text pipeline (skeleton: the foundation issue fills this in).

pub mod date;
pub mod dates;

pub use date::{Date, DateError, Precision};
pub use dates::{DateMention, DateResolver};
