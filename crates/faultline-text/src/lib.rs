//! Faultline's text pipeline: documents in, clean sentences with byte
//! offsets, tokens and resolved dates out.
//!
//! # Brief overview
//!
//! * [`InputReader`] streams [`InputEvent`]s — a [`Document`], an
//!   [`InputWarning`] or an [`InputError`] — from paths (plain text, HTML,
//!   JSONL, directories, `-` for standard input), in a deterministic order
//!   and without loading more than one document at a time.
//! * A [`Document`] holds its metadata, its decoded text (for HTML: the
//!   extracted article text) and an [`OffsetMap`] from that text back to the
//!   original file bytes.
//! * [`Pipeline::run`] (or [`sentences`]; [`Pipeline::for_each`] to stream)
//!   turns a document into [`Sentence`]s: [`clean`] keeps the article body (drops duplicates,
//!   boilerplate, photo credits and the related-article tail),
//!   [`normalize`] unifies quotes, dashes and spaces, the tokenizer makes
//!   cheap [`Token`]s, the segmenter finds sentence ends, and one
//!   [`DateResolver`] per document resolves date expressions. Every
//!   sentence and date carries `start`/`end` byte offsets into the original
//!   document.
//! * [`SentenceRecord`] is the JSON line the `faultline sentences` command prints.
//!
//! ```
//! use faultline_text::{sentences, Date, Document};
//!
//! let src = "Xi visited Kazakhstan last September and pledged to support its sovereignty. \
//!            U.S. officials said so.\n\nMore from Foreign Policy\n\nOther story.";
//! let doc = Document::from_text("op-ed", Some("2023-02-01".parse::<Date>()?), src);
//! let ss = sentences(&doc);
//! assert_eq!(ss.len(), 2);
//! assert_eq!(ss[1].text, "U.S. officials said so.");
//! assert_eq!(&src[ss[1].start..ss[1].end], "U.S. officials said so.");
//! assert_eq!(ss[1].token_text(&ss[1].tokens[0]), "U.S.");
//! # Ok::<(), faultline_text::DateError>(())
//! ```

#![warn(missing_docs)]

pub mod clean;
pub mod date;
pub mod dates;
pub mod decode;
pub mod document;
pub mod html;
pub mod input;
pub mod json;
pub mod normalize;
pub mod offsets;
pub mod sentence;
pub mod tokenize;

pub use date::{Date, DateError, Precision};
pub use dates::{DateMention, DateResolver};
pub use document::{DocFormat, Document};
pub use input::{jsonl_document, InputError, InputEvent, InputFormat, InputOptions, InputReader, InputWarning, WarningKind};
pub use json::{write_sentence_json, SentenceRecord};
pub use offsets::OffsetMap;
pub use sentence::{sentences, Pipeline, Sentence};
pub use tokenize::{Token, TokenKind};
