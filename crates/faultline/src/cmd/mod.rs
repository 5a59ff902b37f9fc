//! One module per subcommand.

pub mod demo;
pub mod dict;
pub mod ontology;
pub mod sentences;
