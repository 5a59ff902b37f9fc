//! Readers for PETRARCH and TABARI inputs: dictionaries, PETR XML and Penn
//! Treebank parses, read faithfully into typed values.
//!
//! # Brief overview
//!
//! Each input has a reader that takes bytes (or a path) and returns a
//! [`Loaded`] value with its warnings, or a [`ReadError`] listing every
//! error of the file as `file:line[:column]: what was expected`:
//!
//! * [`VerbDictionary`] — verb groups ([`VerbGroup`]), their verbs and
//!   structured [`Pattern`]s, synsets and PETRARCH2 [`Transformation`]s, in
//!   both dialects ([`Generation`]); duplicates and conflicts are warnings;
//! * [`ActorDictionary`] — [`Actor`]s with names and dated [`ActorCode`]s;
//! * [`AgentDictionary`] — [`Agent`]s with plural rules and `~` code placement;
//! * [`DiscardList`], [`IssueDictionary`] — discard phrases and issue sections;
//! * [`Config`] — `PETR_config.ini`, file names resolved against its folder,
//!   and the coding [`Options`] (also set by suite `<Config>` records);
//! * [`PetrXml`] — sentence files and unit-test suites: an optional
//!   [`Environment`] and a stream of [`Item`]s ([`SentenceRecord`]s with
//!   their [`Expectation`]s, `<Config>` changes, `<Stop>`);
//! * [`Tree`] — a parse read into an arena of [`Node`]s with indexed leaves;
//!   [`SentenceRecord::tree`] names the sentence id and byte offset on error.
//!
//! They meet in the PETRARCH compatibility layer: a [`Config`] or a suite's
//! [`Environment`] names the dictionary files, [`DictionarySet`] reads them
//! all (or [`dictionaries_in`] finds them in a folder), and each
//! [`SentenceRecord`]'s [`Tree`] is coded:
//!
//! * [`PetrarchCoder`] — the dictionaries compiled once (immutable, `Sync`);
//!   [`PetrarchCoder::code`] codes a tree with PETRARCH-1 semantics into an
//!   [`Outcome`]: [`PetrEvent`]s (source, target, code and their texts) or a
//!   [`Discarded`] reason; [`PetrarchCoder::issues`] gives issue counts;
//! * [`run_suite`] / [`score`] — a unit-test suite run into a [`SuiteReport`]
//!   of [`RecordResult`]s;
//! * [`write_events`] — PETRARCH2's tab-separated layout or Faultline's JSONL
//!   ([`EventFormat`]).
//! * [`FaultlineEngine`] — the other engine: a [`Tree`]'s words and tags
//!   ([`penn_class`]) analysed and coded by Faultline's own analyser, coder
//!   and dictionaries into Faultline events, story by story ([`stories`]).
//!
//! Why a matcher of its own rather than Faultline's coder: see
//! `docs/petrarch.md`.
//!
//! ```
//! use faultline_petrarch::{ActorDictionary, DateRestriction, Element, Generation, Tree, VerbDictionary};
//!
//! let verbs = b"&MONEY\n+DOLLARS\n\n--- LEND [071] ---\nLEND {LENT LENDS}\n- $ * &MONEY TO + [0712] # note\n";
//! let v = VerbDictionary::parse(verbs, "demo.verbs", Generation::Petrarch1).unwrap().value;
//! let p = &v.groups[0].patterns[0];
//! assert_eq!(p.pre[0].element, Element::Source);
//! assert_eq!(p.text(), "$ * &MONEY TO +");
//!
//! let actors = b"GOLLUM\n+SMEAGOL\n\t[HOB <950601]\n\t[HOBREB >990816]\n";
//! let a = ActorDictionary::parse(actors, "demo.actors").unwrap().value;
//! assert_eq!(a.actors[0].names.len(), 2);
//! assert!(matches!(a.actors[0].codes[0].restriction, DateRestriction::Before(_)));
//!
//! let t = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is))))").unwrap();
//! assert_eq!(t.words().collect::<Vec<_>>(), ["Arnor", "is"]);
//!
//! let bad = ActorDictionary::parse(b"X [ABC >2012x]\n", "bad.txt").unwrap_err();
//! assert!(bad.to_string().starts_with("bad.txt:1:4: expected a date"));
//!
//! // Coding: dictionaries compiled once, then trees coded.
//! use faultline_petrarch::{DictionarySet, Options, Outcome, PetrarchCoder};
//! let set = DictionarySet {
//!     verbs: Some(VerbDictionary::parse(b"--- RESTORE [064] ---\nRESTORE\n", "v", Generation::Petrarch1).unwrap().value),
//!     actors: vec![ActorDictionary::parse(b"ARNOR [ARN]\nGONDOR [GON]\n", "a").unwrap().value],
//!     agents: None, discards: None, issues: None,
//! };
//! let coder = PetrarchCoder::new(&set);
//! let tree = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor))))))").unwrap();
//! let Outcome::Events(ev) = coder.code(&tree, None, &Options::default()) else { panic!() };
//! assert_eq!((ev[0].source.as_str(), ev[0].target.as_str(), ev[0].code.as_str()), ("ARN", "GON", "064"));
//! ```

#![warn(missing_docs)]

mod actors;
mod agents;
mod coder;
mod config;
mod date;
mod diag;
mod discards;
mod discover;
mod faultline_engine;
mod issues;
mod output;
mod set;
mod source;
mod tree;
mod validate;
mod verbs;
mod xml;

pub use actors::{Actor, ActorCode, ActorDictionary, ActorName};
pub use agents::{
    regular_plural, Agent, AgentCode, AgentDictionary, AgentWord, CodePlacement, Plurals, WordPart,
};
pub use coder::{CoderStats, Discarded, Outcome, PetrEvent, PetrarchCoder};
pub use config::{Config, OptionError, Options};
pub use date::{parse_date, DateRestriction, ParsedDate, PetrDate};
pub use diag::{Diagnostic, Loaded, ReadError};
pub use discards::{Discard, DiscardList, DiscardScope};
pub use discover::dictionaries_in;
pub use faultline_engine::{
    penn_class, stories, story_of, CodedStory, EngineScratch, FaultlineEngine, TreeRecord, TreeText,
};
pub use issues::{
    ExclusionKind, IssueDictionary, IssueExclusion, IssuePhrase, IssueSection, IssueWord,
    PartOfSpeech,
};
pub use output::{write_events, EventFormat, SentenceInfo};
pub use set::DictionarySet;
pub use tree::{Leaf, Node, NodeId, Tree, TreeError};
pub use validate::{
    run_suite, run_suite_with, score, score_with, RecordResult, Scope, SuiteError, SuiteReport,
};
pub use verbs::{
    CodeValue, Element, Generation, InnerVerb, Part, Pattern, ResultCode, Slot, Synset,
    Transformation, VerbCode, VerbDictionary, VerbEntry, VerbGroup, VerbPhrase, Word,
};
pub use xml::{Environment, Expectation, Item, ParseText, PetrXml, SentenceRecord};
