//! Faultline's event coder: sentence analyses + dictionaries → CAMEO/PLOVER
//! events with source, target, date, negation, modality and evidence.
//!
//! # Brief overview
//!
//! * A [`Coder`] is built once from the [`faultline_dict::Dictionaries`] and
//!   the [`faultline_ontology::Ontology`]; it is immutable and `Sync`.
//! * [`Coder::code_document`] takes a [`faultline_text::Document`] and its
//!   [`faultline_text::Sentence`]s, analyses each sentence with
//!   [`faultline_syntax::Analyzer`] (carrying pronoun context from sentence
//!   to sentence), matches verb and noun patterns on the
//!   [`faultline_syntax::Analysis`], and returns [`Event`]s: source and
//!   target [`EventActor`]s (looked up on the event's date), CAMEO code,
//!   [`EventDate`], `negated`, [`Modality`], [`Quantity`], evidence and
//!   trigger spans. A per-thread [`CoderScratch`] keeps the buffers.
//! * [`Coder::code_analysis`] codes an `Analysis` built elsewhere (the
//!   PETRARCH front end builds it from Penn Treebank trees).
//! * [`EventFilter`] is the output policy: by default asserted, reported
//!   and future events that are not negated; [`EventFilter::all`] keeps
//!   every event with its flags. See `docs/events.md`.
//!
//! ```
//! use faultline_coder::{Coder, EventFilter, Modality};
//! use faultline_dict::Dictionaries;
//! use faultline_ontology::Ontology;
//! use faultline_text::{sentences, Document};
//!
//! let dicts = Dictionaries::builtin()?;
//! let coder = Coder::new(&dicts, Ontology::builtin());
//! let doc = Document::from_text("d", Some("2023-02-01".parse()?),
//!     "China has provided $3 million in humanitarian aid to Ukraine. \
//!      The United States should impose sanctions on China.");
//! let mut events = coder.code(&doc, &sentences(&doc));
//! let aid = &events[0];
//! assert_eq!((aid.source.code.as_str(), aid.target.code.as_str()), ("CHN", "UKR"));
//! assert!(aid.code.as_str().starts_with("07"));
//! assert_eq!(aid.quantity.map(|q| (q.amount, q.unit)), Some((3e6, "USD")));
//! assert!(events.iter().any(|e| e.modality == Modality::Prescriptive));
//! EventFilter::default().apply(&mut events);
//! assert!(events.iter().all(|e| e.modality != Modality::Prescriptive));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod coder;
pub mod event;
pub mod filter;
pub mod output;

pub use coder::{Coder, CoderScratch};
pub use event::{Event, EventActor, EventDate, Modality, Quantity};
pub use filter::EventFilter;
/// The sentence representation and analyser, re-exported for front ends
/// that build analyses themselves.
pub use faultline_syntax as syntax;
pub use faultline_syntax::{Analysis, Analyzer};
