//! The [`Dictionaries`] struct itself, in a module of its own so that
//! `build.rs` can include it (with the reader, compiler and
//! [`crate::binary`]) to precompile the built-in files; its methods are in
//! the crate root.

use crate::actors::{Agent, Country, Org, Person};
use crate::morph::Lexicon;
use crate::names::NameIndex;
use crate::pattern::PatternSet;

/// Compiled dictionaries: actors, name index, lexicon and patterns.
/// Immutable after compilation and cheap to share by reference.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    pub(crate) countries: Vec<Country>,
    pub(crate) persons: Vec<Person>,
    pub(crate) orgs: Vec<Org>,
    pub(crate) agents: Vec<Agent>,
    pub(crate) names: NameIndex,
    pub(crate) lexicon: Lexicon,
    pub(crate) patterns: PatternSet,
}
