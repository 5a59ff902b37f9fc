//! The Faultline engine for PETR XML: Penn Treebank trees coded by
//! Faultline's own analyser and coder instead of the PETRARCH matcher.
//!
//! A CoreNLP parse already knows the words of a sentence and their parts of
//! speech. This front end keeps both and hands them to Faultline:
//!
//! 1. **text** — [`TreeText::new`] rebuilds the sentence from the leaves:
//!    PTB escapes undone (`-LRB-` → `(`, ` `` ` and `''` → `"`, `\/` → `/`),
//!    clitics joined (`did n't` → `didn't`, `Russia 's` → `Russia's`),
//!    no blank before closing punctuation or after opening brackets, quotes
//!    and `$`, hyphens marked `HYPH` joined (`Sino - Russian` → `Sino-Russian`),
//!    and the period CoreNLP repeats after a sentence-final `U.S.` dropped.
//!    Each leaf keeps its byte span in the text.
//! 2. **tokens** — the text goes through Faultline's pipeline (normaliser,
//!    tokenizer, date resolver), which splits clitics as the Penn Treebank
//!    does, so its tokens line up one-to-one with the leaves in practice.
//!    Each token takes the class of the leaf it lies in ([`penn_class`]); a
//!    token that straddles leaves is left to Faultline's own guess.
//! 3. **analysis and coding** — [`faultline_syntax::Analyzer::analyze_tagged`]
//!    builds the [`faultline_syntax::Analysis`] with those classes (the
//!    rest of the analysis — mentions, chunks, clauses, negation, modality,
//!    pronouns, dates — is Faultline's), and
//!    [`faultline_coder::Coder::code_analysis`] codes it into Faultline
//!    [`Event`]s with Faultline's dictionaries.
//!
//! Records are coded by story ([`stories`]): consecutive records with the
//! same story id (the part of the record id before its last `-`, PETRARCH's
//! convention) and date are one document, so pronouns find antecedents in
//! earlier sentences of the story and relative dates resolve against the
//! record's date. The document id of the events is the story id and their
//! sentence number is the record's number after the `-` (`AFP-3` →
//! `AFP:3:n`); records whose ids have no distinct numbers are numbered by
//! position within the story instead.
//!
//! Evidence offsets (`evidence.start`, `evidence.end`) are byte offsets into
//! the sentence text rebuilt from the parse (`evidence.text`), not into the
//! XML file: the parse is what was coded.
//!
//! ```
//! use faultline_coder::Coder;
//! use faultline_dict::Dictionaries;
//! use faultline_ontology::Ontology;
//! use faultline_petrarch::{EngineScratch, FaultlineEngine, PetrDate, Tree, TreeRecord};
//!
//! let dicts = Dictionaries::builtin()?;
//! let engine = FaultlineEngine::new(Coder::new(&dicts, Ontology::builtin()));
//! let tree = Tree::parse("(ROOT (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine))) (. .)))")?;
//! let date = Some(PetrDate { year: 2022, month: 2, day: 24 });
//! let story = engine.code_story(&[TreeRecord { id: "AFP-1", date, tree: &tree }], &mut EngineScratch::default());
//! assert_eq!(story.doc_id, "AFP");
//! assert_eq!(story.sentences[0].text, "Russia attacked Ukraine.");
//! let e = &story.events[0];
//! assert_eq!((e.source.code.as_str(), e.target.code.as_str(), e.sentence), ("RUS", "UKR", 1));
//! assert_eq!(e.code.root(), 19);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::ops::Range;

use faultline_coder::{Coder, CoderScratch, Event};
use faultline_syntax::words::closed_class;
use faultline_syntax::{Analysis, Analyzer, Class, Context, Scratch, VerbForm};
use faultline_text::{Date, Document, Pipeline, Sentence, TokenKind};

use crate::date::PetrDate;
use crate::tree::Tree;

/// A token's external word class, as [`Analyzer::analyze_tagged`] takes it.
type Tag = Option<(Class, VerbForm)>;

/// The Faultline word class of a Penn Treebank pre-terminal: its tag and
/// word (as in the sentence text, PTB escapes undone). `None` for tags
/// without a Faultline counterpart (`FW`, `UH`, `LS`, `-NONE-`, unknown
/// tags): Faultline then guesses as for plain text.
///
/// Faultline's classes are finer than Penn's for function words, so the
/// word refines the tag: forms of *be*, *have* and *do* are auxiliaries
/// whatever their `VB*` tag (Faultline's clause rules expect that), `that`
/// is always [`Class::That`], `not`/`n't`/`never` are negators, and an `IN`
/// word keeps Faultline's reading of it (preposition, subordinator or
/// `that`). The `AUX*` tags of PETRARCH-preprocessed trees are auxiliaries.
pub fn penn_class(tag: &str, word: &str) -> Option<(Class, VerbForm)> {
    use Class::*;
    let key: Cow<'_, str> = if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    let key = key.as_ref();
    let closed = closed_class(key);
    let none = VerbForm::None;
    let verb = |form: VerbForm| match closed {
        Some(Aux) => (Aux, none),
        Some(Modal) => (Modal, none),
        // "it's": the clitic of "is"/"has".
        _ if key == "'s" => (Aux, none),
        _ => (Verb, form),
    };
    Some(match tag {
        "NN" | "NNS" => (Noun, none),
        "NNP" | "NNPS" => (Proper, none),
        "VB" | "VBP" => verb(VerbForm::Base),
        "VBZ" => verb(VerbForm::Third),
        "VBD" | "VBN" => verb(VerbForm::Past),
        "VBG" => verb(VerbForm::Ing),
        t if t.starts_with("AUX") => (Aux, none),
        "MD" => (Modal, none),
        "TO" => (To, none),
        "IN" => match closed {
            Some(c @ (Prep | Subord | That | To)) => (c, none),
            _ => (Prep, none),
        },
        "RB" | "RBR" | "RBS" => match closed {
            Some(Neg) => (Neg, none),
            _ => (Adv, none),
        },
        "RP" => (Adv, none),
        "DT" | "PDT" => (if key == "that" { That } else { Det }, none),
        "WDT" | "WP" | "WP$" => match closed {
            Some(c @ (Rel | That)) => (c, none),
            _ => return None,
        },
        "WRB" => match closed {
            Some(Subord) => (Subord, none),
            _ => (Adv, none),
        },
        // "both … and": Faultline reads the correlative as a determiner.
        "CC" => (if closed == Some(Det) { Det } else { Coord }, none),
        "PRP" | "EX" => (Pron, none),
        "PRP$" => (PossPron, none),
        "JJ" | "JJR" | "JJS" => (Adj, none),
        "CD" => (Num, none),
        "POS" => (Possessive, none),
        "$" | "#" | "SYM" => (Symbol, none),
        "." | "," | ":" | "``" | "''" | "HYPH" | "NFP" | "-LRB-" | "-RRB-" | "-LSB-" | "-RSB-"
        | "-LCB-" | "-RCB-" => (Punct, none),
        _ => return None,
    })
}

/// A leaf's word with the Penn Treebank escapes undone.
fn unescape(word: &str) -> Cow<'_, str> {
    let simple = match word.to_ascii_uppercase().as_str() {
        "-LRB-" => Some("("),
        "-RRB-" => Some(")"),
        "-LSB-" => Some("["),
        "-RSB-" => Some("]"),
        "-LCB-" => Some("{"),
        "-RCB-" => Some("}"),
        "``" | "''" => Some("\""),
        "`" => Some("'"),
        _ => None,
    };
    if let Some(s) = simple {
        return Cow::Borrowed(s);
    }
    if word.contains('\\') {
        // CoreNLP escapes `/` and `*` as `\/`, `\*`.
        return Cow::Owned(word.replace("\\/", "/").replace("\\*", "*"));
    }
    Cow::Borrowed(word)
}

/// Clitics that attach to the word before them (`n't`, `'s`, `'re`, …).
fn is_clitic(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "n't" | "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m" | "'"
    )
}

/// A sentence's text rebuilt from the leaves of its parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeText {
    /// The text: words separated by single spaces where English puts them.
    pub text: String,
    /// Per leaf, in sentence order: its byte span in `text`. Empty for a
    /// leaf that adds nothing to the text (the period CoreNLP repeats after
    /// a sentence-final abbreviation, `-NONE-` empty elements).
    pub spans: Vec<(u32, u32)>,
}

impl TreeText {
    /// Rebuilds the text of `tree` (see the module documentation).
    pub fn new(tree: &Tree) -> TreeText {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(tree.word_count());
        // No blank before the next word (after `(`, an opening quote, `$`, a hyphen).
        let mut glue_next = true;
        // Inside double quotes (for plain `"` leaves, whose side is not tagged).
        let mut quote_open = false;
        let mut prev_word = String::new();
        for (_, node) in tree.leaves() {
            let Some(leaf) = &node.word else { continue };
            let tag = node.label.as_str();
            let raw = leaf.text.as_str();
            let word = unescape(raw);
            let w = word.as_ref();
            let at = text.len() as u32;
            if tag == "-NONE-"
                || w.is_empty()
                || (w == "."
                    && tag == "."
                    && prev_word.len() > 1
                    && prev_word.ends_with('.')
                    && !prev_word.ends_with(".."))
            {
                // An empty element, or CoreNLP's repeated final period ("U.S." ".").
                spans.push((at, at));
                continue;
            }
            let is_quote = w == "\"" || (w == "'" && tag != "POS");
            let opening = if is_quote {
                match raw {
                    "``" | "`" => true,
                    "''" => false,
                    _ => match tag {
                        "``" => true,
                        "''" => false,
                        _ => !quote_open,
                    },
                }
            } else {
                false
            };
            let attach = !is_quote
                && (is_clitic(w)
                    || tag == "POS"
                    || matches!(
                        w,
                        "," | "."
                            | ";"
                            | "!"
                            | "?"
                            | "%"
                            | ")"
                            | "]"
                            | "}"
                            | "..."
                            | "!!"
                            | "??"
                            | "?!"
                    ))
                || (w == ":" && tag == ":")
                || (is_quote && !opening)
                || tag == "HYPH"
                || (w == "-" && prev_word.ends_with('-'));
            if !text.is_empty() && !glue_next && !attach {
                text.push(' ');
            }
            let start = text.len() as u32;
            text.push_str(w);
            spans.push((start, text.len() as u32));
            if is_quote {
                quote_open = opening;
            }
            glue_next = matches!(w, "(" | "[" | "{" | "$" | "US$" | "#")
                || (is_quote && opening)
                || tag == "HYPH";
            prev_word.clear();
            prev_word.push_str(w);
        }
        TreeText { text, spans }
    }
}

/// One PETR XML record for the engine: its id, date and parse.
#[derive(Debug, Clone, Copy)]
pub struct TreeRecord<'a> {
    /// The record id (`STORY-N` by PETRARCH's convention).
    pub id: &'a str,
    /// The record date: the document date of its story.
    pub date: Option<PetrDate>,
    /// The parse.
    pub tree: &'a Tree,
}

/// The story of a record id: the part before its last `-`, or the whole id
/// when it has none (PETRARCH's convention, as for story discards).
pub fn story_of(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(s, _)| s)
}

/// The stories of a record sequence: maximal runs of consecutive records
/// with the same story id and date, as index ranges, in order.
pub fn stories(records: &[TreeRecord<'_>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        match out.last_mut() {
            Some(last)
                if story_of(records[last.start].id) == story_of(r.id)
                    && records[last.start].date == r.date =>
            {
                last.end = i + 1
            }
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// A story coded by the [`FaultlineEngine`].
#[derive(Debug, Clone, Default)]
pub struct CodedStory {
    /// The document id of the events: the story id.
    pub doc_id: String,
    /// One sentence per record that has words, in record order; its `index`
    /// is the sentence number its events carry, its text the one rebuilt
    /// from the parse, and its `start`/`end` are offsets into that text.
    pub sentences: Vec<Sentence>,
    /// Per sentence: the position of its record in the slice coded.
    pub records: Vec<usize>,
    /// Every event (no output policy applied), in sentence order.
    pub events: Vec<Event>,
}

impl CodedStory {
    /// The position (in the slice coded) of the record an event comes from.
    pub fn record_of(&self, event: &Event) -> Option<usize> {
        let k = self
            .sentences
            .iter()
            .position(|s| s.index == event.sentence)?;
        self.records.get(k).copied()
    }
}

/// Reusable buffers for [`FaultlineEngine::code_story`] (one per thread).
#[derive(Debug, Default)]
pub struct EngineScratch {
    coder: CoderScratch,
    context: Context,
    syntax: Scratch,
    analysis: Analysis,
    tags: Vec<Tag>,
}

/// Codes Penn Treebank parses with Faultline's analyser and coder (see the
/// module documentation). Immutable and `Sync`: one engine serves every
/// thread, each with its own [`EngineScratch`].
#[derive(Debug, Clone)]
pub struct FaultlineEngine<'d> {
    coder: Coder<'d>,
    pipeline: Pipeline,
}

impl<'d> FaultlineEngine<'d> {
    /// An engine coding with `coder` (its dictionaries and ontology).
    pub fn new(coder: Coder<'d>) -> Self {
        // Each record is its own paragraph; there is no boilerplate to clean.
        FaultlineEngine {
            coder,
            pipeline: Pipeline {
                clean: false,
                resolve_dates: true,
            },
        }
    }

    /// The coder.
    pub fn coder(&self) -> &Coder<'d> {
        &self.coder
    }

    /// Codes one story: records of one story id and date, in order (see
    /// [`stories`]). Pronoun context runs from record to record.
    pub fn code_story(
        &self,
        records: &[TreeRecord<'_>],
        scratch: &mut EngineScratch,
    ) -> CodedStory {
        let Some(first) = records.first() else {
            return CodedStory::default();
        };
        let doc_id = story_of(first.id).to_string();
        let numbers = sentence_numbers(records);
        // One document per story, one paragraph per record.
        let mut story_text = String::new();
        let mut ranges = Vec::with_capacity(records.len());
        let mut leaf_spans: Vec<Vec<(u32, u32)>> = Vec::with_capacity(records.len());
        for r in records {
            if !story_text.is_empty() {
                story_text.push_str("\n\n");
            }
            let tt = TreeText::new(r.tree);
            let at = story_text.len();
            story_text.push_str(&tt.text);
            ranges.push(at..story_text.len());
            leaf_spans.push(
                tt.spans
                    .iter()
                    .map(|&(a, b)| (a + at as u32, b + at as u32))
                    .collect(),
            );
        }
        let date = first.date.and_then(|d| {
            Date::from_ymd(i32::from(d.year), u32::from(d.month), u32::from(d.day)).ok()
        });
        let doc = Document::from_text(doc_id.clone(), date, story_text);

        // The pipeline's sentences, each with the tags of its tokens, by record.
        let mut pieces: Vec<(usize, Sentence, Vec<Tag>)> = Vec::new();
        self.pipeline.for_each(&doc, |s| {
            let Some(r) = ranges
                .iter()
                .position(|g| g.start <= s.start && s.start < g.end.max(g.start + 1))
            else {
                return;
            };
            let mut tags = Vec::with_capacity(s.tokens.len());
            align(&s, records[r].tree, &leaf_spans[r], &mut tags);
            pieces.push((r, s, tags));
        });

        let mut out = CodedStory {
            doc_id,
            ..CodedStory::default()
        };
        scratch.context.clear();
        let analyzer = Analyzer::new(self.coder.dictionaries());
        let mut pieces = pieces.into_iter().peekable();
        while let Some((r, mut s, tags)) = pieces.next() {
            scratch.tags.clear();
            scratch.tags.extend(tags);
            // Faultline's segmenter may cut a parse in two ("… U.S. The …"):
            // the parse is one sentence, so the pieces are joined again.
            while let Some((_, next, next_tags)) = pieces.next_if(|p| p.0 == r) {
                join(&mut s, next, doc.text());
                scratch.tags.extend(next_tags);
            }
            let base = ranges[r].start;
            s.index = numbers[r];
            s.start -= base.min(s.start);
            s.end -= base.min(s.end);
            analyzer.analyze_tagged(
                &s,
                &scratch.tags,
                &mut scratch.context,
                &mut scratch.syntax,
                &mut scratch.analysis,
            );
            self.coder.code_analysis(
                &scratch.analysis,
                s.index,
                (s.start, s.end),
                date,
                &mut scratch.coder,
                &mut out.events,
            );
            out.sentences.push(s);
            out.records.push(r);
        }
        out
    }
}

/// The sentence number of each record of a story: the number after the
/// last `-` of its id when every record has one and they are distinct,
/// else the record's position in the story.
fn sentence_numbers(records: &[TreeRecord<'_>]) -> Vec<usize> {
    let parsed: Option<Vec<usize>> = records
        .iter()
        .map(|r| {
            r.id.rsplit_once('-')
                .and_then(|(_, n)| n.parse::<usize>().ok())
        })
        .collect();
    if let Some(v) = parsed {
        let mut sorted = v.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() == v.len() {
            return v;
        }
    }
    (0..records.len()).collect()
}

/// Appends sentence `next` (a later piece of the same paragraph) to `s`.
/// Token offsets are shifted into the joined text; the dates keep their
/// document offsets.
fn join(s: &mut Sentence, next: Sentence, doc_text: &str) {
    let gap = doc_text.get(s.end..next.start).unwrap_or(" ");
    if !gap.is_empty() {
        s.text.push(' ');
    }
    let off = s.text.len() as u32;
    s.text.push_str(&next.text);
    s.tokens.extend(next.tokens.into_iter().map(|mut t| {
        t.start += off;
        t.end += off;
        t
    }));
    s.dates.extend(next.dates);
    s.end = next.end;
}

/// The tag of each token of `s`: the class of the leaf the token lies in
/// (`spans`: the leaves' spans in the document text). A token across leaf
/// boundaries gets `None`, and so does punctuation inside a longer leaf
/// (the `/` of a `1/2` tagged `CD`).
fn align(s: &Sentence, tree: &Tree, spans: &[(u32, u32)], out: &mut Vec<Tag>) {
    let leaves: Vec<&str> = tree.leaves().map(|(_, n)| n.label.as_str()).collect();
    for t in &s.tokens {
        let orig = s.original_span(t.start as usize..t.end as usize);
        let (a, b) = (orig.start as u32, orig.end as u32);
        // The first non-empty leaf ending after the token's start.
        let mut j = spans.partition_point(|&(_, e)| e <= a);
        while j < spans.len() && spans[j].0 == spans[j].1 {
            j += 1;
        }
        let tag = match spans.get(j) {
            Some(&(ls, le)) if ls <= a && b <= le => {
                let exact = ls == a && le == b;
                if exact || matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                    leaves
                        .get(j)
                        .and_then(|tag| penn_class(tag, t.text(&s.text)))
                } else {
                    None
                }
            }
            _ => None,
        };
        out.push(tag);
    }
}
