//! Shallow syntax for news English: the sentence representation Faultline
//! codes events from.
//!
//! # Brief overview
//!
//! * [`Analysis`] is the one sentence representation: [`Word`]s with word
//!   classes ([`Class`]) and lexicon readings, actor [`Mention`]s (dictionary
//!   names, "Chinese officials" combinations, counterparts, hyphenated
//!   compounds, resolved pronouns), noun-phrase [`Chunk`]s (possessor,
//!   actor modifier, coordinated actors), [`Clause`]s (one per verb group:
//!   kind, subject, parent, voice, "by" agent, negation, [`Modality`]),
//!   [`DateRef`]s and [`Money`] amounts. It is plain data, so another front
//!   end (the PETRARCH adapter reading Penn Treebank trees) can build it too.
//! * [`Analyzer`] builds an `Analysis` from a [`faultline_text::Sentence`]
//!   with the dictionaries' name index and lexicon; a [`Context`] carries
//!   pronoun antecedents from one sentence to the next, and a [`Scratch`]
//!   holds reusable buffers (one per thread).
//! * [`words`] holds the closed-class lexicon and suffix morphology;
//!   [`money`] reads amounts such as "$3.5 million" or "€50m".
//!
//! Every pass is linear in the sentence length: look-arounds use fixed
//! windows, and the name-trie walk is bounded by the longest dictionary name
//! (see [`analyze`]).
//!
//! ```
//! use faultline_dict::Dictionaries;
//! use faultline_syntax::{Analysis, Analyzer, ClauseKind, Context, Modality, Scratch};
//! use faultline_text::{sentences, Document};
//!
//! let dicts = Dictionaries::builtin()?;
//! let doc = Document::from_text("d", None, "U.S. officials said China had not helped Russia.");
//! let ss = sentences(&doc);
//! let (mut ctx, mut scratch, mut a) = (Context::default(), Scratch::default(), Analysis::default());
//! Analyzer::new(&dicts).analyze(&ss[0], &mut ctx, &mut scratch, &mut a);
//! let helped = a.clauses.iter().find(|c| a.key(c.verb as usize) == "helped").unwrap();
//! assert_eq!(helped.kind, ClauseKind::Complement);
//! assert!(helped.negated);
//! assert_eq!(helped.modality, Modality::Reported);
//! # Ok::<(), faultline_dict::DictError>(())
//! ```

#![warn(missing_docs)]

pub mod analysis;
pub mod analyze;
pub mod money;
pub mod words;

pub use analysis::{Analysis, Chunk, Clause, ClauseKind, DateRef, Mention, MentionKind, Modality, Word, NONE};
pub use analyze::{Analyzer, Context, Scratch};
pub use money::{find_money, Money};
pub use words::{Class, VerbForm};
