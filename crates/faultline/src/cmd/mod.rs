//! One module per subcommand.

pub mod code;
pub mod demo;
pub mod dict;
pub mod ontology;
pub mod sentences;
pub mod events;
pub mod export;
pub mod import;
pub mod ingest;
pub mod sql;
pub mod petrarch;
pub mod dyad;
pub mod gap;
pub mod votes;
pub mod triangle;
pub mod rifts;
pub mod serve;
pub mod plot;
pub mod report;
