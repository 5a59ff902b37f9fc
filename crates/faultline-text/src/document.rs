//! A document: its metadata, its decoded text, and the map from that text
//! back to the original bytes.

use std::ops::Range;

use crate::date::Date;
use crate::decode::{decode_lossy, InvalidUtf8};
use crate::html;
use crate::offsets::OffsetMap;

/// How a document's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocFormat {
    /// Plain UTF-8 text.
    Text,
    /// An HTML page: the article's main text is extracted.
    Html,
}

/// One news document.
///
/// `text` is what the pipeline reads: the decoded file for plain text, the
/// extracted article text for HTML, the `text` field for a JSONL record.
/// [`Document::original_span`] maps a range of `text` back to byte offsets
/// in the original file (for JSONL records: in the record's decoded `text`
/// field, since a record's bytes inside the JSONL line are JSON-escaped).
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's id: a file's path as given, or a JSONL record's `id`.
    pub id: String,
    /// The publication date, when known; relative dates resolve against it.
    pub date: Option<Date>,
    /// The headline, when known (JSONL `title`, HTML `<title>`).
    pub title: Option<String>,
    /// The URL, when known (JSONL `url`).
    pub url: Option<String>,
    /// The source (outlet), when known (JSONL `source`).
    pub source: Option<String>,
    text: String,
    map: OffsetMap,
}

impl Document {
    /// A document whose original *is* `text` (offsets are offsets into it).
    pub fn from_text(id: impl Into<String>, date: Option<Date>, text: impl Into<String>) -> Document {
        let text = text.into();
        let map = OffsetMap::identity(0, text.len());
        Document { id: id.into(), date, title: None, url: None, source: None, text, map }
    }

    /// A document read from raw file bytes in `format`. Invalid UTF-8 is
    /// replaced by U+FFFD (reported in the second value) and offsets still
    /// refer to `bytes`.
    pub fn from_bytes(
        id: impl Into<String>,
        date: Option<Date>,
        bytes: Vec<u8>,
        format: DocFormat,
    ) -> (Document, Option<InvalidUtf8>) {
        let (decoded, decode_map, invalid) = decode_lossy(bytes);
        let mut doc = Document {
            id: id.into(),
            date,
            title: None,
            url: None,
            source: None,
            text: String::new(),
            map: OffsetMap::default(),
        };
        match format {
            DocFormat::Text => {
                doc.text = decoded;
                doc.map = decode_map;
            }
            DocFormat::Html => {
                let page = html::extract(&decoded);
                doc.map = page.map.compose(&decode_map);
                doc.text = page.text;
                doc.title = page.title;
            }
        }
        (doc, invalid)
    }

    /// The decoded text the pipeline reads.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The map from [`Document::text`] to original byte offsets.
    pub fn offset_map(&self) -> &OffsetMap {
        &self.map
    }

    /// Original byte span of the range `r` of [`Document::text`].
    pub fn original_span(&self, r: Range<usize>) -> Range<usize> {
        self.map.span(r)
    }
}
