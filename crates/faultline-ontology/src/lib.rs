//! CAMEO and PLOVER ontology (skeleton; the ontology issue fills this in).

pub mod code;

pub use code::{CameoCode, CameoCodeError};
