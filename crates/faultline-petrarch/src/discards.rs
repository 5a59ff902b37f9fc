//! Discard lists (`*.discards.txt`): phrases whose presence drops a whole
//! story (`+PHRASE`) or just the sentence (plain `PHRASE`).

use std::path::Path;

use crate::diag::{read_file, Loaded, ReadError, Sink};
use crate::source::{decode, lines, offset_in, phrase_words, CommentStyle};

/// What a discard phrase drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    /// `+PHRASE`: the whole story.
    Story,
    /// `PHRASE`: only the sentence it occurs in.
    Sentence,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Words (split at spaces and `_`), case as written.
    pub words: Vec<String>,
    /// The phrase ended in `_`.
    pub exact: bool,
    /// Story or sentence.
    pub scope: DiscardScope,
    /// 1-based line.
    pub line: usize,
}

/// A whole discard file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscardList {
    /// Phrases in file order.
    pub discards: Vec<Discard>,
}

impl DiscardList {
    /// Reads a discard file from disk.
    pub fn read(path: &Path) -> Result<Loaded<DiscardList>, ReadError> {
        let bytes = read_file(path)?;
        Self::parse(&bytes, &path.display().to_string())
    }

    /// Reads discard-file bytes; `file` labels the diagnostics.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Loaded<DiscardList>, ReadError> {
        let mut sink = Sink::new(file);
        let text = decode(bytes, &mut sink);
        let mut all = lines(&text, CommentStyle { xml_blocks: true }, &sink);
        let mut list = DiscardList::default();
        let mut seen = std::collections::HashMap::new();
        for line in all.by_ref() {
            let line = &line;
            if line.is_blank() {
                continue;
            }
            let body = line.content.trim();
            let col = || Some(line.column(offset_in(&line.content, body)));
            let (scope, phrase) = match body.strip_prefix('+') {
                Some(p) => (DiscardScope::Story, p),
                None => (DiscardScope::Sentence, body),
            };
            let (words, exact) = phrase_words(phrase);
            if words.is_empty() {
                sink.error(line.number, col(), "expected a phrase after `+`");
                continue;
            }
            let key = words
                .iter()
                .map(|w| w.to_uppercase())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(first) = seen.insert(key.clone(), line.number) {
                sink.warn(
                    line.number,
                    col(),
                    format!("discard `{key}` repeats line {first}"),
                );
            }
            list.discards.push(Discard {
                words,
                exact,
                scope,
                line: line.number,
            });
        }
        all.finish(&mut sink);
        sink.finish(list)
    }
}
