//! Sentences: clean-up, normalisation, tokens, sentence boundaries and dates
//! for one [`Document`].
//!
//! Sentence boundaries are decided on tokens:
//!
//! * `.`, `!`/`?` runs and `...` end a sentence when whitespace and then a
//!   word that is not lower case follow; closing quotes and brackets right
//!   after the mark stay in the sentence (`He said "no." Then…`);
//! * an abbreviation's period ends a sentence only in clear cases: `etc.`
//!   before any capitalised word; `U.S.`, `Inc.`, `Jr.`, `a.m.` and initials
//!   before a typical sentence opener (`The`, `He`, `But`…); titles, months
//!   and `No.` never (`Gen. Li`, `Feb. 24`, `No. 3`);
//! * a paragraph break (blank line, HTML block) always ends a sentence;
//! * a line break inside a paragraph ends a sentence when the next line
//!   starts with a list bullet, or when the line has no final punctuation and
//!   is headline-like: every word capitalised except short function words
//!   ("Washington Is Missing a Chance to Turn China Against Russia"), or at
//!   most four words before a capitalised line. Otherwise it is a space:
//!   hard-wrapped prose keeps its sentences whole;
//! * a sentence longer than [`SOFT_MAX_TOKENS`] ends at its next comma,
//!   semicolon, colon or dash, and one of [`HARD_MAX_TOKENS`] ends there, so
//!   pathological input cannot make sentences that later stages choke on.

use std::ops::Range;

use crate::clean::{clean, paragraphs};
use crate::dates::{DateMention, DateResolver};
use crate::document::Document;
use crate::normalize::normalize_into;
use crate::offsets::{OffsetMap, OffsetMapBuilder};
use crate::tokenize::{abbrev_class, tokenize, AbbrevClass, Token, TokenKind};

/// Sentences this long end at their next clause punctuation.
pub const SOFT_MAX_TOKENS: usize = 200;
/// Sentences this long end regardless.
pub const HARD_MAX_TOKENS: usize = 400;

/// Blocks longer than this are processed in pieces (cut at whitespace), so
/// token offsets fit in `u32`.
const MAX_BLOCK_BYTES: usize = 64 << 20;

/// One sentence of a document.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Position in the document, from 0.
    pub index: usize,
    /// Normalised text (quotes, dashes, spaces; see [`crate::normalize`]).
    pub text: String,
    /// Byte offset of the sentence's first byte in the original document.
    pub start: usize,
    /// Byte offset one past its last byte in the original document.
    pub end: usize,
    /// Tokens, as spans of `text`.
    pub tokens: Vec<Token>,
    /// Dates mentioned, with `start`/`end` as original document offsets.
    pub dates: Vec<DateMention>,
    map: OffsetMap,
}

impl Sentence {
    /// The text of `token`.
    pub fn token_text(&self, token: &Token) -> &str {
        token.text(&self.text)
    }

    /// Original byte span of the range `r` of [`Sentence::text`] (for
    /// example of a token: `s.original_span(t.start as usize..t.end as usize)`).
    pub fn original_span(&self, r: Range<usize>) -> Range<usize> {
        self.map.span(r)
    }
}

/// Turns documents into sentences.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// Drop duplicates, boilerplate, credits and the related-article tail
    /// (see [`crate::clean`]). On by default; when off, paragraphs are
    /// still split at blank lines.
    pub clean: bool,
    /// Find and resolve dates in each sentence. On by default.
    pub resolve_dates: bool,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline { clean: true, resolve_dates: true }
    }
}

/// The sentences of `doc` with the default [`Pipeline`].
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    Pipeline::default().run(doc)
}

impl Pipeline {
    /// The sentences of `doc`, in order.
    pub fn run(&self, doc: &Document) -> Vec<Sentence> {
        let mut out = Vec::new();
        self.for_each(doc, |s| out.push(s));
        out
    }

    /// Calls `f` with each sentence of `doc`, in order, without keeping
    /// them: memory stays proportional to the largest paragraph, not to the
    /// document's sentence count.
    pub fn for_each(&self, doc: &Document, mut f: impl FnMut(Sentence)) {
        let text = doc.text();
        let blocks = if self.clean { clean(text).blocks } else { paragraphs(text) };
        let mut resolver = DateResolver::new(doc.date);
        let mut index = 0;
        let mut norm = String::new();
        let mut toks = Vec::new();
        for block in blocks {
            for piece in pieces(text, block) {
                norm.clear();
                toks.clear();
                let mut mb = OffsetMapBuilder::default();
                normalize_into(text, piece, &mut norm, &mut mb);
                let mut map = mb.finish(norm.len());
                if !doc.offset_map().is_identity() {
                    map = map.compose(doc.offset_map());
                }
                tokenize(&norm, &mut toks);
                for r in split(&norm, &toks) {
                    let mut s = build(&norm, &toks[r], &map, index);
                    index += 1;
                    if self.resolve_dates {
                        s.dates = resolver
                            .find(&s.text)
                            .into_iter()
                            .map(|mut m| {
                                let span = s.map.span(m.start..m.end);
                                m.start = span.start;
                                m.end = span.end;
                                m
                            })
                            .collect();
                    }
                    f(s);
                }
            }
        }
    }
}

/// Cuts an over-long block at whitespace into pieces of at most
/// [`MAX_BLOCK_BYTES`].
fn pieces(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let mut v = Vec::new();
    let mut s = block.start;
    while block.end - s > MAX_BLOCK_BYTES {
        let mut cut = s + MAX_BLOCK_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(ws) = text[s..cut].rfind(char::is_whitespace) {
            if ws > 0 {
                cut = s + ws;
            }
        }
        v.push(s..cut);
        s = cut;
    }
    v.push(s..block.end);
    v
}

fn build(norm: &str, toks: &[Token], map: &OffsetMap, index: usize) -> Sentence {
    let (a, b) = (toks[0].start, toks[toks.len() - 1].end);
    let range = a as usize..b as usize;
    let raw = &norm[range.clone()];
    let text = if memchr::memchr(b'\n', raw.as_bytes()).is_some() { raw.replace('\n', " ") } else { raw.to_owned() };
    let smap = map.slice(range.clone());
    let span = smap.span(0..text.len());
    Sentence {
        index,
        text,
        start: span.start,
        end: span.end,
        tokens: toks.iter().map(|t| t.shifted(a)).collect(),
        dates: Vec::new(),
        map: smap,
    }
}

/// Capitalised words that typically open a sentence: after a "weak"
/// abbreviation ("the U.S. The…") they signal a boundary.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "By",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "Now",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "Both",
    "Each",
    "All",
    "Such",
    "Even",
    "Only",
    "Despite",
    "Under",
    "With",
    "From",
    "Instead",
    "Moreover",
    "Indeed",
    "Thus",
    "Officials",
    "Analysts",
];

/// Function words allowed in lower case in a headline.
const HEADLINE_LOWER: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "into", "via", "vs", "vs.", "per", "up", "off", "over", "is", "are", "be", "'s", "n't",
];

fn is_terminal(t: &Token, s: &str) -> bool {
    match t.kind {
        TokenKind::Punct => matches!(s.as_bytes()[0], b'.' | b'!' | b'?'),
        TokenKind::Word => t.is_abbreviation(),
        _ => false,
    }
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "}")
}

/// Splits the tokens of one block into sentences (token index ranges).
fn split(norm: &str, toks: &[Token]) -> Vec<Range<usize>> {
    let n = toks.len();
    let mut out = Vec::new();
    let text = |i: usize| toks[i].text(norm);
    let mut s = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i < n {
        let t = toks[i];
        let terminal = is_terminal(&t, text(i));
        let mut k = i + 1;
        if terminal {
            while k < n && is_closer(text(k)) && toks[k].start == toks[k - 1].end {
                k += 1;
            }
        }
        if k >= n {
            break;
        }
        let gap = &norm[toks[k - 1].end as usize..toks[k].start as usize];
        let newline = gap.contains('\n');
        // "1. Withdraw troops": a short number and a period opening a line
        // or a sentence, or after a colon, is a list marker, not a sentence.
        let list_marker = text(i) == "."
            && i > 0
            && toks[i - 1].kind == TokenKind::Number
            && text(i - 1).len() <= 2
            && (i - 1 == line_start || i - 1 == s || matches!(text(i.saturating_sub(2)), ":" | ";"));
        let mut boundary = terminal && !list_marker && !gap.is_empty() && ends_sentence(text(i), &t, &toks[k..], norm);
        if !boundary && newline {
            boundary = line_ends_sentence(norm, &toks[line_start..k], &toks[k..]);
        }
        let len = k - s;
        if !boundary && len >= SOFT_MAX_TOKENS {
            boundary = len >= HARD_MAX_TOKENS || matches!(text(k - 1), "," | ";" | ":" | "--");
        }
        if boundary {
            out.push(s..k);
            s = k;
        }
        if newline {
            line_start = k;
        }
        i = k;
    }
    if s < n {
        out.push(s..n);
    }
    out
}

/// Does terminal token `t` (text `ts`) end the sentence, given what follows?
fn ends_sentence(ts: &str, t: &Token, next: &[Token], norm: &str) -> bool {
    let nt = next[0].text(norm);
    let nc = nt.chars().next().unwrap_or(' ');
    if t.kind == TokenKind::Word {
        return match abbrev_class(ts) {
            AbbrevClass::Inner => false,
            AbbrevClass::Weak => {
                OPENERS.contains(&nt)
                    || (nt == "\"" && next.len() > 1 && next[1].text(norm).starts_with(char::is_uppercase))
            }
            AbbrevClass::Strong => nc.is_uppercase() || nc == '"',
        };
    }
    if ts.starts_with("..") {
        return nc.is_uppercase() || nc == '"';
    }
    !(nc.is_lowercase() || matches!(nc, ',' | ';' | ':' | ')' | ']' | '}' | '.' | '!' | '?'))
}

/// Does the line `line` (no final punctuation handled here) end the
/// sentence at its line break, given the next line starting at `next`?
fn line_ends_sentence(norm: &str, line: &[Token], next: &[Token]) -> bool {
    let nt = next[0].text(norm);
    let bullet = matches!(nt, "-" | "*" | "\u{2022}" | "\u{b7}" | "--")
        || (next[0].kind == TokenKind::Number && next.get(1).is_some_and(|t| matches!(t.text(norm), "." | ")")));
    if bullet {
        return true;
    }
    let Some(last) = line.last() else {
        return false;
    };
    let lt = last.text(norm);
    if last.kind == TokenKind::Punct && !matches!(lt, "\"" | "'" | ")" | "]") {
        // Final or clause punctuation: the ordinary rules decided already.
        return false;
    }
    let words: Vec<&str> = line
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number | TokenKind::Clitic))
        .map(|t| t.text(norm))
        .collect();
    if words.is_empty() {
        return false;
    }
    let next_upper = nt.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '"');
    let headline = words.iter().any(|w| w.starts_with(char::is_uppercase))
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || HEADLINE_LOWER.contains(w));
    headline || (words.len() <= 4 && next_upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(s: &str) -> Vec<String> {
        sentences(&Document::from_text("t", None, s)).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(split_text("One. Two! Three?"), ["One.", "Two!", "Three?"]);
    }

    #[test]
    fn offsets_are_original() {
        let src = "\u{201C}Hi,\u{201D} he said\u{2014}twice.  Then\nleft.";
        let doc = Document::from_text("t", None, src);
        let ss = sentences(&doc);
        assert_eq!(ss.len(), 2);
        assert_eq!(ss[0].text, "\"Hi,\" he said--twice.");
        assert_eq!(&src[ss[0].start..ss[0].end], "\u{201C}Hi,\u{201D} he said\u{2014}twice.");
        assert_eq!(&src[ss[1].start..ss[1].end], "Then\nleft.");
        let t = ss[0].tokens[0];
        assert_eq!(ss[0].token_text(&t), "\"");
        assert_eq!(&src[ss[0].original_span(t.start as usize..t.end as usize)], "\u{201C}");
    }
}
