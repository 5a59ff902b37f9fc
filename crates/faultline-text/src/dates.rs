//! Date expressions in sentences (skeleton: filled in by the dates work).

use crate::date::{Date, Precision};

/// A date expression found in a sentence, resolved to a calendar date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DateMention {
    /// The words of the expression as they appear in the sentence.
    pub text: String,
    /// Byte offset of the expression's first byte in the text given to [`DateResolver::find`].
    pub start: usize,
    /// Byte offset one past the expression's last byte.
    pub end: usize,
    /// The resolved date: the first day of the period when coarser than a day.
    pub value: Date,
    /// How precise `value` is.
    pub precision: Precision,
}

/// Finds and resolves date expressions sentence by sentence within one
/// document, keeping the state that relative expressions need (the document
/// date, and the last date mentioned for "that same month").
#[derive(Debug, Clone)]
pub struct DateResolver {
    document_date: Option<Date>,
}

impl DateResolver {
    /// A resolver for a document published on `document_date` (if known).
    pub fn new(document_date: Option<Date>) -> Self {
        DateResolver { document_date }
    }

    /// The date expressions in `sentence`, in order, with offsets relative to it.
    pub fn find(&mut self, sentence: &str) -> Vec<DateMention> {
        let _ = (sentence, self.document_date);
        Vec::new()
    }
}
