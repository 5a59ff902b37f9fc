//! Verb and noun patterns: parsing into typed elements, the head-lemma
//! index, and a small reference matcher over plain token sequences.
//!
//! Patterns are compiled once: every word becomes a [`LemmaId`] (with all
//! its inflections entered in the [`Lexicon`]), so matching compares
//! integers, never strings. The coder finds candidate patterns for a token
//! by looking up the token's lemmas in [`PatternSet::by_head`]; only
//! patterns whose head is present in a sentence are ever tried.

use faultline_ontology::CameoCode;

use crate::fx::FxHashMap;
use crate::morph::{LemmaId, Lexicon, Pos};
use crate::normalize_key;
pub use crate::reader::PatternKind;

/// Index of a synset in [`PatternSet::synsets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SynsetId(pub u32);

/// Index of a pattern in [`PatternSet::patterns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub u32);

/// One alternative of `(a|b)` or one member of a synset.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AltItem {
    /// Words that match their inflections, in order (usually one).
    Words(Vec<LemmaId>),
    /// A quoted word or phrase: exact token keys, no inflection.
    Exact(Vec<Box<str>>),
    /// `&NAME` inside a group (`(&ENVOY|delegation)`): any member of the
    /// synset. Synset members themselves are never synsets.
    Synset(SynsetId),
    /// A sub-sequence with gaps, quoted words or synsets inside a group
    /// (`(access to * market|trade)`). Never contains a group, `+` or `$`.
    Seq(Vec<Element>),
}

/// The alternatives of a group, shared between the patterns that repeat
/// the same group text. Derefs to a slice: iterate, index and take `len`
/// as with a `Vec`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AltItems(std::sync::Arc<[AltItem]>);

impl std::ops::Deref for AltItems {
    type Target = [AltItem];
    fn deref(&self) -> &[AltItem] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a AltItems {
    type Item = &'a AltItem;
    type IntoIter = std::slice::Iter<'a, AltItem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<AltItem>> for AltItems {
    fn from(v: Vec<AltItem>) -> AltItems {
        AltItems(v.into())
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Element {
    /// `word`: the lemma and its inflections.
    Word(LemmaId),
    /// `"word"`: exactly this token key (a quoted phrase gives several keys).
    Exact(Vec<Box<str>>),
    /// `(a|b|c)`; `optional` when an alternative is empty (`(a|)`).
    Alt {
        /// The non-empty alternatives (shared: a group that recurs in many
        /// patterns is parsed and stored once).
        items: AltItems,
        /// True when the group may match nothing.
        optional: bool,
    },
    /// `&NAME`: any member of the synset.
    Synset(SynsetId),
    /// `*`: 0–6 tokens, no clause verb or sentence punctuation.
    Gap,
    /// `+`: the target actor.
    Target,
    /// `$`: the source actor, when it is not the subject.
    Source,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The CAMEO event code it codes.
    pub code: CameoCode,
    /// `verb:` or `noun:`.
    pub kind: PatternKind,
    /// Its elements; the first is the head.
    pub elements: Vec<Element>,
    /// The pattern as written (whitespace-normalised): its identity with `code`.
    pub text: Box<str>,
    /// Number of literal word elements — "more specific" patterns win.
    pub literals: u16,
}

/// A synset: a named list of words and phrases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Its name (without `&`).
    pub name: Box<str>,
    /// Its members.
    pub members: Vec<AltItem>,
}

/// Why a pattern is not valid, with the byte offset in the pattern text
/// where the problem starts (the compiler turns it into a column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset in the pattern text.
    pub offset: usize,
    /// What was expected.
    pub message: String,
}

/// Parses a synset member (`sanction`, `"export controls"`) into an item,
/// entering its words in the lexicon.
pub fn parse_member(text: &str, lex: &mut Lexicon) -> Option<AltItem> {
    if let Some(q) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        let keys: Vec<Box<str>> = q
            .split_whitespace()
            .map(|w| Box::from(&*normalize_key(w)))
            .collect();
        if keys.is_empty() {
            return None;
        }
        for k in &keys {
            lex.add_exact(k);
        }
        return Some(AltItem::Exact(keys));
    }
    let words: Vec<LemmaId> = text
        .split_whitespace()
        .map(|w| lex.add_word(&normalize_key(w)))
        .collect();
    (!words.is_empty()).then_some(AltItem::Words(words))
}

/// Splits pattern text into element tokens with their byte offsets;
/// parentheses and quotes group (spaces inside them do not split).
fn element_tokens(text: &str) -> Result<Vec<(usize, &str)>, PatternError> {
    let b = text.as_bytes();
    // Patterns have a handful of elements; one allocation covers most.
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let close = match b[i] {
            b'(' => Some(b')'),
            b'"' => Some(b'"'),
            _ => None,
        };
        if let Some(close) = close {
            let Some(end) = b[i + 1..].iter().position(|&c| c == close) else {
                return Err(PatternError {
                    offset: start,
                    message: format!("expected a closing `{}`", close as char),
                });
            };
            i += end + 2;
            if i < b.len() && !b[i].is_ascii_whitespace() {
                return Err(PatternError {
                    offset: i,
                    message: "expected a space after a group or quoted word".into(),
                });
            }
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                if matches!(b[i], b'(' | b')' | b'"' | b'|') {
                    return Err(PatternError {
                        offset: i,
                        message: format!("expected a space before `{}`", b[i] as char),
                    });
                }
                i += 1;
            }
        }
        out.push((start, &text[start..i]));
    }
    Ok(out)
}

/// Parses one pattern. `synsets` resolves `&NAME`.
pub fn parse_pattern(
    code: CameoCode,
    kind: PatternKind,
    text: &str,
    lex: &mut Lexicon,
    synsets: &FxHashMap<Box<str>, SynsetId>,
) -> Result<Pattern, PatternError> {
    parse_pattern_cached(code, kind, text, lex, synsets, &mut GroupCache::default())
}

/// Parsed `(a|b|…)` groups by their text, head flag and pattern kind.
/// The same long groups ("(strike|strikes|protest|…)") recur across many
/// patterns; parsing each once keeps start-up fast.
#[derive(Debug, Default)]
pub struct GroupCache {
    // Group text → parsed element per (head?, kind) slot; keyed by text
    // alone so look-ups borrow the pattern text instead of allocating.
    groups: FxHashMap<Box<str>, [Option<Element>; 4]>,
    // Non-head alternative (one word, as written) → its lemma: most
    // alternatives recur across groups ("(to|for)", "(aid|assistance)").
    words: FxHashMap<Box<str>, LemmaId>,
}

fn group_slot(head: bool, kind: PatternKind) -> usize {
    usize::from(head) * 2 + usize::from(kind == PatternKind::Noun)
}

/// [`parse_pattern`] with a [`GroupCache`] shared across patterns.
pub fn parse_pattern_cached(
    code: CameoCode,
    kind: PatternKind,
    text: &str,
    lex: &mut Lexicon,
    synsets: &FxHashMap<Box<str>, SynsetId>,
    cache: &mut GroupCache,
) -> Result<Pattern, PatternError> {
    let toks = element_tokens(text)?;
    if toks.is_empty() {
        return Err(PatternError {
            offset: 0,
            message: "expected a pattern".into(),
        });
    }
    let mut elements = Vec::with_capacity(toks.len());
    let mut literals = 0u16;
    let (mut targets, mut sources) = (0, 0);
    for (n, &(off, tok)) in toks.iter().enumerate() {
        let head = n == 0;
        let el = match tok {
            "*" => Element::Gap,
            "+" => {
                targets += 1;
                Element::Target
            }
            "$" => {
                sources += 1;
                Element::Source
            }
            t if t.starts_with('&') => {
                let name = &t[1..];
                match synsets.get(name) {
                    Some(&id) => {
                        literals += 1;
                        Element::Synset(id)
                    }
                    None => {
                        return Err(PatternError {
                            offset: off,
                            message: format!(
                            "expected a known synset, found `&{name}` (no `synset {name}` record)"
                        ),
                        })
                    }
                }
            }
            t if t.starts_with('"') => {
                literals += 1;
                exact_phrase(t, off, lex)?
            }
            t if t.starts_with('(')
                && cache
                    .groups
                    .get(t)
                    .is_some_and(|g| g[group_slot(head, kind)].is_some()) =>
            {
                let el = cache.groups[t][group_slot(head, kind)]
                    .clone()
                    .unwrap_or(Element::Gap);
                if matches!(
                    el,
                    Element::Alt {
                        optional: false,
                        ..
                    }
                ) {
                    literals += 1;
                }
                el
            }
            t if t.starts_with('(') => {
                let inner = &t[1..t.len() - 1];
                let mut items = Vec::new();
                let mut optional = false;
                for alt in inner.split('|') {
                    let alt = alt.trim();
                    if alt.is_empty() {
                        optional = true;
                        continue;
                    }
                    if let Some(name) = alt
                        .strip_prefix('&')
                        .filter(|n| !n.contains(char::is_whitespace))
                    {
                        match synsets.get(name) {
                            Some(&id) => items.push(AltItem::Synset(id)),
                            None => return Err(PatternError { offset: off, message: format!("expected a known synset, found `&{name}` (no `synset {name}` record)") }),
                        }
                        continue;
                    }
                    let shape = AltShape::of(alt);
                    if shape.forbidden {
                        return Err(PatternError { offset: off, message: format!("expected words, quoted words, gaps or &SYNSETs in an alternative (no groups, `+` or `$`), found `{alt}`") });
                    }
                    if shape.quotes % 2 == 1 {
                        return Err(PatternError {
                            offset: off,
                            message: format!("expected a closing `\"` in alternative `{alt}`"),
                        });
                    }
                    let needs_seq = shape.words > 1 && shape.special_word;
                    let item = if needs_seq {
                        AltItem::Seq(parse_seq(kind, head, alt, off, lex, synsets)?)
                    } else if head && !alt.starts_with('"') {
                        let words: Vec<LemmaId> = alt
                            .split_whitespace()
                            .enumerate()
                            .map(|(i, w)| head_word(kind, i == 0, &normalize_key(w), lex))
                            .collect();
                        AltItem::Words(words)
                    } else if let Some(&id) = cache.words.get(alt) {
                        AltItem::Words(vec![id])
                    } else {
                        let item = match parse_member(alt, lex) {
                            Some(it) => it,
                            None => {
                                return Err(PatternError {
                                    offset: off,
                                    message: "expected a word inside the quotes".into(),
                                })
                            }
                        };
                        if let AltItem::Words(w) = &item {
                            if w.len() == 1 {
                                cache.words.insert(alt.into(), w[0]);
                            }
                        }
                        item
                    };
                    items.push(item);
                }
                if items.is_empty() {
                    return Err(PatternError {
                        offset: off,
                        message: "expected at least one non-empty alternative".into(),
                    });
                }
                if !optional {
                    literals += 1;
                }
                let el = Element::Alt {
                    items: items.into(),
                    optional,
                };
                cache.groups.entry(t.into()).or_default()[group_slot(head, kind)] =
                    Some(el.clone());
                el
            }
            t => {
                if t.contains(['&', '$', '+', '*']) && t.len() > 1 {
                    return Err(PatternError {
                        offset: off,
                        message: format!("expected a word, found `{t}`"),
                    });
                }
                literals += 1;
                Element::Word(head_word(kind, head, &normalize_key(t), lex))
            }
        };
        if head && matches!(el, Element::Gap | Element::Target | Element::Source) {
            return Err(PatternError { offset: off, message: format!("expected the pattern to start with its head {} (a word, group or synset), found `{tok}`", if kind == PatternKind::Verb { "verb" } else { "noun" }) });
        }
        if head && matches!(el, Element::Alt { optional: true, .. }) {
            return Err(PatternError {
                offset: off,
                message: "expected a head word, found an optional group".into(),
            });
        }
        elements.push(el);
    }
    if targets > 1 || sources > 1 {
        return Err(PatternError {
            offset: 0,
            message: "expected at most one `+` (target) and one `$` (source)".into(),
        });
    }
    if matches!(elements.last(), Some(Element::Gap)) {
        return Err(PatternError {
            offset: toks[toks.len() - 1].0,
            message: "expected something after `*` (a gap cannot end a pattern)".into(),
        });
    }
    let len = toks.iter().map(|t| t.1.len() + 1).sum::<usize>() - 1;
    let mut text = String::with_capacity(len);
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(t.1);
    }
    Ok(Pattern {
        code,
        kind,
        elements,
        text: text.into(),
        literals,
    })
}

/// What one byte scan tells about an alternative of a group: start-up
/// parses tens of thousands of them, and separate passes (count words,
/// count quotes, look for forbidden characters) cost several times more.
struct AltShape {
    /// Contains `(`, `+` or `$`.
    forbidden: bool,
    /// Number of `"`.
    quotes: usize,
    /// Number of whitespace-separated words.
    words: usize,
    /// Some word is `*` or starts with `&` or `"`.
    special_word: bool,
}

impl AltShape {
    fn of(alt: &str) -> AltShape {
        let b = alt.as_bytes();
        let mut shape = AltShape {
            forbidden: false,
            quotes: 0,
            words: 0,
            special_word: false,
        };
        let mut in_word = false;
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'(' | b'+' | b'$' => shape.forbidden = true,
                b'"' => shape.quotes += 1,
                _ => {}
            }
            if c.is_ascii_whitespace() {
                in_word = false;
                continue;
            }
            if !in_word {
                in_word = true;
                shape.words += 1;
                let lone_star = c == b'*' && b.get(i + 1).map_or(true, |n| n.is_ascii_whitespace());
                if lone_star || c == b'&' || c == b'"' {
                    shape.special_word = true;
                }
            }
        }
        shape
    }
}

/// Parses an alternative that is a sequence (`access to * market`).
fn parse_seq(
    kind: PatternKind,
    head: bool,
    alt: &str,
    off: usize,
    lex: &mut Lexicon,
    synsets: &FxHashMap<Box<str>, SynsetId>,
) -> Result<Vec<Element>, PatternError> {
    let toks = element_tokens(alt).map_err(|e| PatternError {
        offset: off,
        message: e.message,
    })?;
    let mut out = Vec::with_capacity(toks.len());
    for (i, (_, t)) in toks.iter().enumerate() {
        let el = if *t == "*" {
            Element::Gap
        } else if let Some(name) = t.strip_prefix('&') {
            match synsets.get(name) {
                Some(&id) => Element::Synset(id),
                None => {
                    return Err(PatternError {
                        offset: off,
                        message: format!(
                            "expected a known synset, found `&{name}` (no `synset {name}` record)"
                        ),
                    })
                }
            }
        } else if t.starts_with('"') {
            exact_phrase(t, off, lex)?
        } else {
            Element::Word(head_word(kind, head && i == 0, &normalize_key(t), lex))
        };
        if i == 0 && head && el == Element::Gap {
            return Err(PatternError {
                offset: off,
                message: "expected the head word first in an alternative, found `*`".into(),
            });
        }
        out.push(el);
    }
    if matches!(out.last(), Some(Element::Gap)) {
        return Err(PatternError {
            offset: off,
            message: format!("expected something after `*` in alternative `{alt}`"),
        });
    }
    Ok(out)
}

/// A quoted phrase token (`"rare earths"`, quotes included, at byte `off`):
/// its words as exact keys, registered with the lexicon.
fn exact_phrase(t: &str, off: usize, lex: &mut Lexicon) -> Result<Element, PatternError> {
    let keys: Vec<Box<str>> = t[1..t.len() - 1]
        .split_whitespace()
        .map(|w| Box::from(&*normalize_key(w)))
        .collect();
    if keys.is_empty() {
        return Err(PatternError {
            offset: off,
            message: "expected a word inside the quotes".into(),
        });
    }
    for k in &keys {
        lex.add_exact(k);
    }
    Ok(Element::Exact(keys))
}

fn head_word(kind: PatternKind, head: bool, w: &str, lex: &mut Lexicon) -> LemmaId {
    match (head, kind) {
        (true, PatternKind::Verb) => lex.add_verb(w),
        (true, PatternKind::Noun) => lex.add_noun(w, None),
        (false, _) => lex.add_word(w),
    }
}

/// All compiled patterns, indexed by head lemma.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// Every pattern, sorted most specific first (more literals, then more
    /// elements), so a caller scanning a head's list can stop at the first
    /// match for a span.
    pub patterns: Vec<Pattern>,
    /// Synsets, by [`SynsetId`].
    pub synsets: Vec<Synset>,
    /// Head lemma → patterns (verb heads and noun heads kept apart, since a
    /// verb pattern's head must be read as a verb).
    pub by_head: FxHashMap<(LemmaId, PatternKind), Vec<PatternId>>,
}

/// A pattern found by [`PatternSet::matches_in`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternMatch {
    /// Which pattern.
    pub pattern: PatternId,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Tokens a gap may not cross: sentence punctuation.
fn is_clause_punct(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | ";" | ":")
}

const MAX_GAP: usize = 6;

impl PatternSet {
    /// Builds the set: sorts by specificity and indexes heads.
    pub fn new(mut patterns: Vec<Pattern>, synsets: Vec<Synset>, lex: &Lexicon) -> PatternSet {
        // Ties keep file order, which is deterministic (`sort_by_cached_key`
        // orders by (key, index): as stable as `sort_by_key`, and it moves
        // small pairs instead of whole patterns while sorting).
        patterns.sort_by_cached_key(|p| {
            (
                std::cmp::Reverse(p.literals),
                std::cmp::Reverse(p.elements.len()),
                p.code,
            )
        });
        let mut set = PatternSet {
            patterns,
            synsets,
            by_head: FxHashMap::default(),
        };
        for (i, p) in set.patterns.iter().enumerate() {
            let mut heads = Vec::new();
            set.head_lemmas(&p.elements[0], lex, &mut heads);
            heads.sort();
            heads.dedup();
            for h in heads {
                set.by_head
                    .entry((h, p.kind))
                    .or_default()
                    .push(PatternId(i as u32));
            }
        }
        set
    }

    fn head_lemmas(&self, el: &Element, lex: &Lexicon, out: &mut Vec<LemmaId>) {
        // Quoted heads are indexed under the lemma interned for their first
        // key, which the lexicon reads as `Pos::Word`.
        fn item(set: &PatternSet, lex: &Lexicon, it: &AltItem, out: &mut Vec<LemmaId>) {
            match it {
                AltItem::Words(w) => out.extend(w.first()),
                AltItem::Exact(e) => out.extend(e.first().and_then(|k| lex.lemma_id(k))),
                AltItem::Synset(s) => set.synsets[s.0 as usize]
                    .members
                    .iter()
                    .for_each(|m| item(set, lex, m, out)),
                AltItem::Seq(els) => set.head_lemmas(&els[0], lex, out),
            }
        }
        match el {
            Element::Word(l) => out.push(*l),
            Element::Exact(e) => out.extend(e.first().and_then(|k| lex.lemma_id(k))),
            Element::Alt { items, .. } => items.iter().for_each(|it| item(self, lex, it, out)),
            Element::Synset(s) => self.synsets[s.0 as usize]
                .members
                .iter()
                .for_each(|it| item(self, lex, it, out)),
            _ => {}
        }
    }

    /// A pattern by id.
    pub fn get(&self, id: PatternId) -> &Pattern {
        &self.patterns[id.0 as usize]
    }

    /// Reference matcher over a plain token sequence (for tests and the
    /// `dict` command; the coder matches against a sentence analysis).
    /// Tokens are raw words; `+` stands for the target and `$` for the
    /// source. Returns, for each start position, the most specific pattern
    /// that matches there (heads are read through `lex`).
    pub fn matches_in(&self, lex: &Lexicon, tokens: &[&str]) -> Vec<PatternMatch> {
        let keys: Vec<String> = tokens
            .iter()
            .map(|t| normalize_key(t).into_owned())
            .collect();
        let mut out = Vec::new();
        for start in 0..keys.len() {
            let mut best: Option<PatternMatch> = None;
            for a in lex.analyses(&keys[start]) {
                let kinds: &[PatternKind] = match a.pos {
                    Pos::Verb => &[PatternKind::Verb],
                    Pos::Noun => &[PatternKind::Noun],
                    Pos::Word => &[PatternKind::Verb, PatternKind::Noun],
                };
                for &id in kinds
                    .iter()
                    .filter_map(|&k| self.by_head.get(&(a.lemma, k)))
                    .flatten()
                {
                    if best.is_some_and(|b| b.pattern <= id) {
                        break;
                    }
                    let p = self.get(id);
                    if let Some(end) =
                        self.match_from(lex, &keys, &p.elements, start, true, a.lemma)
                    {
                        best = Some(PatternMatch {
                            pattern: id,
                            start,
                            end,
                        });
                        break;
                    }
                }
            }
            out.extend(best);
        }
        out
    }

    /// Tries one pattern at `start` of a plain token sequence (as in
    /// [`PatternSet::matches_in`]); returns the end of the match. The head
    /// token must be read by the lexicon as a form of the head with the
    /// pattern's part of speech.
    pub fn match_one(
        &self,
        lex: &Lexicon,
        tokens: &[&str],
        start: usize,
        id: PatternId,
    ) -> Option<usize> {
        let keys: Vec<String> = tokens
            .iter()
            .map(|t| normalize_key(t).into_owned())
            .collect();
        let p = self.get(id);
        let wanted = match p.kind {
            PatternKind::Verb => Pos::Verb,
            PatternKind::Noun => Pos::Noun,
        };
        lex.analyses(keys.get(start)?)
            .iter()
            .filter(|a| a.pos == wanted || a.pos == Pos::Word)
            .find_map(|a| self.match_from(lex, &keys, &p.elements, start, true, a.lemma))
    }

    fn word_matches(lex: &Lexicon, key: &str, lemma: LemmaId) -> bool {
        lex.lemma(lemma) == key || lex.analyses(key).iter().any(|a| a.lemma == lemma)
    }

    fn item_len_at(
        &self,
        lex: &Lexicon,
        keys: &[String],
        pos: usize,
        it: &AltItem,
    ) -> Option<usize> {
        match it {
            AltItem::Words(ws) => {
                let ok = pos + ws.len() <= keys.len()
                    && ws
                        .iter()
                        .enumerate()
                        .all(|(i, &l)| Self::word_matches(lex, &keys[pos + i], l));
                ok.then_some(ws.len())
            }
            AltItem::Exact(es) => {
                let ok = pos + es.len() <= keys.len()
                    && es.iter().enumerate().all(|(i, e)| keys[pos + i] == **e);
                ok.then_some(es.len())
            }
            AltItem::Synset(s) => self.synsets[s.0 as usize]
                .members
                .iter()
                .find_map(|m| self.item_len_at(lex, keys, pos, m)),
            // Sequences have no fixed length; `match_from` expands them in place.
            AltItem::Seq(_) => None,
        }
    }

    /// Like [`Self::item_len_at`] for the head position, where the first
    /// word was already read (with the pattern's part of speech) as
    /// `head_lemma`.
    fn head_item_len(
        &self,
        lex: &Lexicon,
        keys: &[String],
        pos: usize,
        it: &AltItem,
        head_lemma: LemmaId,
    ) -> Option<usize> {
        match it {
            AltItem::Words(w) if w.first() == Some(&head_lemma) => {
                let tail_ok = w[1..].iter().enumerate().all(|(i, &l)| {
                    keys.get(pos + 1 + i)
                        .is_some_and(|k| Self::word_matches(lex, k, l))
                });
                tail_ok.then_some(w.len())
            }
            AltItem::Words(_) => None,
            AltItem::Exact(_) => self.item_len_at(lex, keys, pos, it),
            AltItem::Synset(s) => self.synsets[s.0 as usize]
                .members
                .iter()
                .find_map(|m| self.head_item_len(lex, keys, pos, m, head_lemma)),
            AltItem::Seq(_) => None,
        }
    }

    /// Backtracking match of `els` at `pos`; returns the end position.
    fn match_from(
        &self,
        lex: &Lexicon,
        keys: &[String],
        els: &[Element],
        pos: usize,
        head: bool,
        head_lemma: LemmaId,
    ) -> Option<usize> {
        let Some((el, rest)) = els.split_first() else {
            return Some(pos);
        };
        let next = |p: usize| self.match_from(lex, keys, rest, p, false, head_lemma);
        let key = keys.get(pos).map(String::as_str);
        match el {
            Element::Word(l) => {
                // The head was already read with the right part of speech.
                let ok = if head {
                    *l == head_lemma
                } else {
                    key.is_some_and(|k| Self::word_matches(lex, k, *l))
                };
                if ok {
                    next(pos + 1)
                } else {
                    None
                }
            }
            Element::Exact(es) => {
                let n = es.len();
                (pos + n <= keys.len() && es.iter().enumerate().all(|(i, e)| keys[pos + i] == **e))
                    .then_some(())?;
                next(pos + n)
            }
            Element::Alt { items, optional } => {
                for it in items.iter() {
                    if let AltItem::Seq(seq) = it {
                        // Splice the sequence in front of the rest and match on.
                        let mut spliced = seq.clone();
                        spliced.extend_from_slice(rest);
                        if let Some(e) = self.match_from(lex, keys, &spliced, pos, head, head_lemma)
                        {
                            return Some(e);
                        }
                        continue;
                    }
                    let n = if head {
                        self.head_item_len(lex, keys, pos, it, head_lemma)
                    } else {
                        self.item_len_at(lex, keys, pos, it)
                    };
                    if let Some(e) = n.and_then(|n| next(pos + n)) {
                        return Some(e);
                    }
                }
                if *optional {
                    next(pos)
                } else {
                    None
                }
            }
            Element::Synset(s) => {
                for it in &self.synsets[s.0 as usize].members {
                    let n = if head {
                        self.head_item_len(lex, keys, pos, it, head_lemma)
                    } else {
                        self.item_len_at(lex, keys, pos, it)
                    };
                    if let Some(e) = n.and_then(|n| next(pos + n)) {
                        return Some(e);
                    }
                }
                None
            }
            Element::Gap => {
                for n in 0..=MAX_GAP {
                    if n > 0 {
                        let k = keys.get(pos + n - 1)?;
                        if is_clause_punct(k) || k == "+" || k == "$" {
                            return None;
                        }
                    }
                    if let Some(e) = next(pos + n) {
                        return Some(e);
                    }
                }
                None
            }
            Element::Target => (key == Some("+")).then(|| next(pos + 1))?,
            Element::Source => (key == Some("$")).then(|| next(pos + 1))?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(pats: &[(&str, PatternKind, &str)]) -> (PatternSet, Lexicon) {
        let mut lex = Lexicon::default();
        let mut syn_ids = FxHashMap::default();
        let members = ["sanction", "embargo", "\"export controls\""]
            .iter()
            .filter_map(|m| parse_member(m, &mut lex))
            .collect();
        let synsets = vec![Synset {
            name: "SANCTION".into(),
            members,
        }];
        syn_ids.insert(Box::from("SANCTION"), SynsetId(0));
        let ps = pats
            .iter()
            .map(|(c, k, t)| parse_pattern(c.parse().unwrap(), *k, t, &mut lex, &syn_ids).unwrap())
            .collect();
        (PatternSet::new(ps, synsets, &lex), lex)
    }

    fn codes(set: &PatternSet, lex: &Lexicon, toks: &str) -> Vec<String> {
        let t: Vec<&str> = toks.split(' ').collect();
        set.matches_in(lex, &t)
            .iter()
            .map(|m| set.get(m.pattern).code.to_string())
            .collect()
    }

    #[test]
    fn parses_elements() {
        let (set, lex) = setup(&[(
            "163",
            PatternKind::Verb,
            "impose  &SANCTION (on|against|) \"the\" * +",
        )]);
        let p = &set.patterns[0];
        assert_eq!(&*p.text, "impose &SANCTION (on|against|) \"the\" * +");
        assert!(matches!(p.elements[0], Element::Word(l) if lex.lemma(l) == "impose"));
        assert!(matches!(p.elements[1], Element::Synset(_)));
        assert!(
            matches!(&p.elements[2], Element::Alt { items, optional: true } if items.len() == 2)
        );
        assert!(matches!(&p.elements[3], Element::Exact(k) if &*k[0] == "the"));
        assert_eq!(p.elements[4], Element::Gap);
        assert_eq!(p.elements[5], Element::Target);
        assert_eq!(p.literals, 3);
    }

    #[test]
    fn pattern_errors() {
        let mut lex = Lexicon::default();
        let syn = FxHashMap::default();
        let c: CameoCode = "01".parse().unwrap();
        let bad = [
            ("impose (on|against +", 7, "closing `)`"),
            ("impose \"on +", 7, "closing `\"`"),
            ("impose &NOPE +", 7, "known synset"),
            ("+ impose", 0, "start with its head"),
            ("impose + +", 0, "at most one"),
            ("impose on *", 10, "gap cannot end"),
            ("impose o(n +", 8, "space before"),
            ("impose (|) +", 7, "non-empty alternative"),
            ("impose (on *|at) +", 7, "something after `*`"),
            ("impose (on +|at) +", 7, "no groups, `+` or `$`"),
            ("(* meet|talk) +", 0, "head word first"),
            ("(meet|) +", 0, "optional group"),
        ];
        for (t, off, msg) in bad {
            let e = parse_pattern(c, PatternKind::Verb, t, &mut lex, &syn).unwrap_err();
            assert_eq!(e.offset, off, "{t}: {e:?}");
            assert!(e.message.contains(msg), "{t}: {e:?}");
        }
    }

    #[test]
    fn reference_matcher() {
        let (set, lex) = setup(&[
            ("163", PatternKind::Verb, "impose &SANCTION (on|against) +"),
            ("16", PatternKind::Verb, "impose * on +"),
            (
                "0333",
                PatternKind::Verb,
                "pledge humanitarian (aid|assistance) (to|for) +",
            ),
            ("163", PatternKind::Noun, "&SANCTION (on|against) +"),
            ("036", PatternKind::Verb, "(meet|talk) with +"),
            (
                "1031",
                PatternKind::Verb,
                "demand (access to * market|\"fair\" &SANCTION) from +",
            ),
        ]);
        assert_eq!(
            codes(&set, &lex, "demanded access to the Chinese market from +"),
            ["1031"]
        );
        assert_eq!(
            codes(&set, &lex, "demanding fair embargoes from +"),
            ["1031"]
        );
        assert_eq!(
            codes(&set, &lex, "demanding access to the market to +"),
            Vec::<String>::new()
        );
        assert_eq!(codes(&set, &lex, "imposed sanctions on +"), ["163", "163"]);
        assert_eq!(
            codes(&set, &lex, "imposing new export controls against +"),
            ["163"]
        );
        assert_eq!(codes(&set, &lex, "imposing new curbs on +"), ["16"]);
        assert_eq!(codes(&set, &lex, "imposes tariffs on +"), ["16"]);
        assert_eq!(
            codes(&set, &lex, "imposes tariffs . on +"),
            Vec::<String>::new()
        );
        assert_eq!(
            codes(&set, &lex, "pledged humanitarian assistance for +"),
            ["0333"]
        );
        assert_eq!(codes(&set, &lex, "embargoes against +"), ["163"]);
        assert_eq!(
            codes(&set, &lex, "met with +"),
            Vec::<String>::new(),
            "meet is irregular and no table was loaded"
        );
        assert_eq!(codes(&set, &lex, "talked with +"), ["036"]);
        assert_eq!(
            codes(&set, &lex, "impose sanctions on Russia"),
            Vec::<String>::new(),
            "target must be `+`"
        );
    }
}
