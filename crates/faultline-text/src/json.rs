//! The `sentences` command's output: one JSON object per sentence.

use std::io::{self, Write};

use crate::dates::DateMention;
use crate::sentence::Sentence;

/// The JSON form of a sentence: exactly `doc_id`, `index`, `text`, `start`,
/// `end` and `dates` (each with `text`, `start`, `end`, `value` as
/// `YYYY-MM-DD` and `precision`). Offsets are original document bytes.
#[derive(Debug, serde::Serialize)]
pub struct SentenceRecord<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// The sentence's index in the document.
    pub index: usize,
    /// Normalised sentence text.
    pub text: &'a str,
    /// First byte in the original document.
    pub start: usize,
    /// One past the last byte in the original document.
    pub end: usize,
    /// Resolved date mentions.
    pub dates: &'a [DateMention],
}

impl<'a> SentenceRecord<'a> {
    /// The record for sentence `s` of document `doc_id`.
    pub fn new(doc_id: &'a str, s: &'a Sentence) -> Self {
        SentenceRecord { doc_id, index: s.index, text: &s.text, start: s.start, end: s.end, dates: &s.dates }
    }
}

/// Writes `s` as one JSON line.
pub fn write_sentence_json<W: Write>(w: &mut W, doc_id: &str, s: &Sentence) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &SentenceRecord::new(doc_id, s)).map_err(io::Error::from)?;
    w.write_all(b"\n")
}
