//! A PETRARCH-1 coder over Penn Treebank trees.
//!
//! PETRARCH's verb patterns are written for its own matcher: `$`/`+` are
//! noun phrases *relative to the verb* (in the words before it, read
//! backwards, or in the words of its verb phrase after it), `_` demands
//! adjacency, `^` skips a noun phrase and `%` is a compound actor. Those
//! semantics do not map onto Faultline's clause-role coder, so this module
//! reproduces them directly over the tree (see `docs/petrarch.md`):
//!
//! 1. the tree's noun phrases become [`Unit`]s — base noun phrases (a
//!    possessive folded into its head), coordinations of them as compound
//!    units — each coded from the actor and agent dictionaries, dated codes
//!    chosen by the sentence date;
//! 2. every verb found in the verb dictionary gets an *upper sequence*
//!    (words and units before it, back to the previous complete clause) and
//!    a *lower sequence* (the rest of its verb phrase);
//! 3. the group's patterns are tried longest first; a match gives the code
//!    and possibly the source (`$`), target (`+`) or compound (`%`);
//!    otherwise the source is the nearest coded unit before the verb and
//!    the target the first coded unit after it;
//! 4. compound units multiply events; `[A:B]` codes add the reverse event.
//!
//! [`PetrarchCoder`] is compiled once from a [`DictionarySet`] and is
//! immutable (`Sync`), so threads can share it.

use std::collections::HashMap;

use crate::actors::ActorDictionary;
use crate::agents::{regular_plural, AgentDictionary, CodePlacement, Plurals};
use crate::config::Options;
use crate::date::{DateRestriction, PetrDate};
use crate::discards::{DiscardList, DiscardScope};
use crate::issues::{IssueDictionary, PartOfSpeech};
use crate::set::DictionarySet;
use crate::tree::{NodeId, Tree};
use crate::verbs::{
    CodeValue, Element, InnerVerb, Part, Pattern, ResultCode, Slot, Transformation, VerbCode,
    VerbDictionary, Word,
};

/// Dictionary look-up tables keyed by upper-case words, with a fast hash.
type FxMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<Fx>>;

/// One coded event: PETRARCH's (source, target, code) plus the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PetrEvent {
    /// Source actor code (`ARNGOV`, `---GOV`, or `"QUOTED TEXT"` for a new actor).
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Event code as written in the verb dictionary.
    pub code: String,
    /// Words of the source noun phrase.
    pub source_text: String,
    /// Words of the target noun phrase.
    pub target_text: String,
    /// The verb (and the pattern words it matched, in `<…>`).
    pub event_text: String,
}

/// Why a sentence produced no events by rule rather than by absence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discarded {
    /// A story-level discard phrase (`+PHRASE`) occurs: drop the story.
    Story(String),
    /// A sentence-level discard phrase occurs: drop the sentence.
    Sentence(String),
    /// The parse starts with a wire-service dateline (`CEBU CITY: --`)
    /// rather than a sentence: PETRARCH reports a `dateline` error.
    Dateline(String),
}

/// The result of coding one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Coded (possibly to nothing).
    Events(Vec<PetrEvent>),
    /// Dropped by a discard phrase.
    Discarded(Discarded),
}

/// An actor name's payload: its codes, a range of
/// [`PetrarchCoder::actor_codes`] shared by all the actor's names (the
/// code texts are spans of the actor index's `text`).
#[derive(Debug, Clone, Copy)]
struct ActorEntry {
    codes: (u32, u32),
}

/// An agent phrase's payload: its code (a span of the agent index's
/// `text`) and where it goes.
#[derive(Debug, Clone, Copy)]
struct AgentEntry {
    code: (u32, u32),
    placement: CodePlacement,
}

/// One phrase of a [`PhraseIndex`]: its words (a range of
/// [`PhraseIndex::words`]) and its payload.
#[derive(Debug, Clone, Copy)]
struct PhraseEntry<E> {
    words: (u32, u32),
    payload: E,
}

/// Dictionary phrases (actor names, agent phrases), stored flat and
/// indexed by their first word and, when longer, by their first two: a
/// frequent first word (`INTERNATIONAL`, `JOSE`) has hundreds of names,
/// and comparing each against the sentence dominated the profile. Phrases
/// match as whole words, so a longer name can only match when its second
/// word does.
///
/// Flat storage (one text buffer, one span list, one entry list) rather
/// than a `Vec<String>` per phrase: the Phoenix actor files have 35,618
/// names, and allocating (and later freeing) their words one by one was
/// most of the compile time.
#[derive(Debug, Clone)]
struct PhraseIndex<E> {
    /// Every phrase word, upper-cased, concatenated.
    text: String,
    /// Byte span of each word in `text`.
    words: Vec<(u32, u32)>,
    /// Phrases in insertion (dictionary) order.
    entries: Vec<PhraseEntry<E>>,
    /// Entry indices grouped by key: each key's list is a range of this.
    order: Vec<u32>,
    /// One-word phrases by the hash of their word ([`word_hash`]; a
    /// collision is resolved by comparing the word), in dictionary order
    /// (the first wins).
    single: HashMap<u64, (u32, u32), std::hash::BuildHasherDefault<Fx>>,
    /// Longer phrases by the key of their first two words ([`pair_key`];
    /// a collision only costs a comparison, every word is checked),
    /// longest first, dictionary order among equals.
    pairs: HashMap<u64, (u32, u32), std::hash::BuildHasherDefault<Fx>>,
}

impl<E> Default for PhraseIndex<E> {
    fn default() -> Self {
        PhraseIndex {
            text: String::new(),
            words: Vec::new(),
            entries: Vec::new(),
            order: Vec::new(),
            single: HashMap::default(),
            pairs: HashMap::default(),
        }
    }
}

/// The hash of one word, computed once per sentence word (see
/// [`Words`]) and once per dictionary word.
fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = Fx::default();
    h.write(w.as_bytes());
    h.write_u8(0xff); // `AB` + `C` and `A` + `BC` hash apart in pairs
    h.finish()
}

/// The key of a phrase's first two words, from their word hashes.
fn pair_key(a: u64, b: u64) -> u64 {
    (a.rotate_left(21) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A run of a sentence's upper-cased words with their hashes (computed
/// once per sentence: a word is looked up in the actor and agent indexes
/// many times, once for every noun phrase that holds it).
#[derive(Clone, Copy)]
struct Words<'w> {
    w: &'w [&'w str],
    h: &'w [u64],
}

impl<'w> Words<'w> {
    fn len(&self) -> usize {
        self.w.len()
    }

    fn slice(&self, a: usize, b: usize) -> Words<'w> {
        Words {
            w: &self.w[a..b],
            h: &self.h[a..b],
        }
    }
}

/// Appends `w` upper-cased (see [`upper`]).
fn push_upper(out: &mut String, w: &str) {
    if w.is_ascii() {
        let from = out.len();
        out.push_str(w);
        out[from..].make_ascii_uppercase();
    } else {
        out.extend(w.chars().flat_map(char::to_uppercase));
    }
}

impl<E> PhraseIndex<E> {
    /// Adds a phrase (empty ones are ignored); call [`PhraseIndex::finish`]
    /// once after all insertions.
    fn insert<'x>(&mut self, words: impl IntoIterator<Item = &'x str>, payload: E) {
        let w0 = self.words.len() as u32;
        for w in words {
            let a = self.text.len() as u32;
            push_upper(&mut self.text, w);
            self.words.push((a, self.text.len() as u32));
        }
        let w1 = self.words.len() as u32;
        if w1 > w0 {
            self.entries.push(PhraseEntry {
                words: (w0, w1),
                payload,
            });
        }
    }

    /// Stores a text (a code) upper-cased beside the words; its span.
    fn push_text(&mut self, t: &str) -> (u32, u32) {
        let a = self.text.len() as u32;
        push_upper(&mut self.text, t);
        (a, self.text.len() as u32)
    }

    /// A span of `text`.
    fn text_at(&self, (a, b): (u32, u32)) -> &str {
        &self.text[a as usize..b as usize]
    }

    fn word(&self, k: u32) -> &str {
        let (a, b) = self.words[k as usize];
        &self.text[a as usize..b as usize]
    }

    /// Builds the look-up maps: one sort of all entries by key, then each
    /// key's run is a range of `order`.
    fn finish(&mut self) {
        // (is a pair, key, longest first, dictionary order)
        let mut keyed: Vec<(bool, u64, std::cmp::Reverse<u32>, u32)> = self
            .entries
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let (a, b) = e.words;
                let h0 = word_hash(self.word(a));
                if b - a == 1 {
                    (false, h0, std::cmp::Reverse(1), k as u32)
                } else {
                    let key = pair_key(h0, word_hash(self.word(a + 1)));
                    (true, key, std::cmp::Reverse(b - a), k as u32)
                }
            })
            .collect();
        keyed.sort_unstable();
        self.order = keyed.iter().map(|k| k.3).collect();
        self.single.clear();
        self.pairs.clear();
        let mut i = 0;
        while i < keyed.len() {
            let (pair, key) = (keyed[i].0, keyed[i].1);
            let mut j = i + 1;
            while j < keyed.len() && keyed[j].0 == pair && keyed[j].1 == key {
                j += 1;
            }
            let map = if pair { &mut self.pairs } else { &mut self.single };
            map.insert(key, (i as u32, j as u32));
            i = j;
        }
    }

    /// The entries of an `order` range.
    fn list(&self, (a, b): (u32, u32)) -> impl Iterator<Item = &PhraseEntry<E>> {
        self.order[a as usize..b as usize]
            .iter()
            .map(|&k| &self.entries[k as usize])
    }

    /// The longest phrase matching `words` at `i`, with its length.
    fn find(&self, words: Words<'_>, i: usize) -> Option<(&E, usize)> {
        if let Some(&next) = words.h.get(i + 1) {
            if let Some(&range) = self.pairs.get(&pair_key(words.h[i], next)) {
                for e in self.list(range) {
                    let (a, b) = e.words;
                    let n = (b - a) as usize;
                    if i + n <= words.len()
                        && (a..b).zip(&words.w[i..]).all(|(k, w)| self.word(k) == *w)
                    {
                        return Some((&e.payload, n));
                    }
                }
            }
        }
        let &range = self.single.get(&words.h[i])?;
        self.list(range)
            .find(|e| self.word(e.words.0) == words.w[i])
            .map(|e| (&e.payload, 1))
    }

    /// Phrases indexed.
    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// One verb phrase (form) of a group: its words and which one is the verb.
#[derive(Debug, Clone)]
struct VerbForm {
    words: Vec<String>,
    head: usize,
    group: usize,
    code: Option<VerbCode>,
    /// The entry's verb in its base form (`SAY` for `SAID`), which
    /// transformations name.
    lemma: String,
}

/// The literal words one side of a pattern needs: per word, the interned
/// ids of its alternative forms.
type Required = Vec<Vec<u32>>;

/// A group with its patterns ordered for matching (most specific first).
#[derive(Debug, Clone)]
struct Group {
    name: String,
    code: VerbCode,
    patterns: Vec<Pattern>,
    /// Per pattern: its pre-verb parts in the order the upper sequence is
    /// read (reversed once here rather than on every attempt).
    rev_pre: Vec<Vec<Part>>,
    /// Per pattern: the literal words it needs before and after the verb,
    /// checked before the backtracking match (most patterns fail here).
    /// Each word is the ids (in [`PetrarchCoder::required_ids`]) of its
    /// alternative forms, so the check compares integers.
    required: Vec<(Required, Required)>,
}

/// The dictionaries compiled for coding.
#[derive(Debug, Clone, Default)]
pub struct PetrarchCoder {
    actors: PhraseIndex<ActorEntry>,
    agents: PhraseIndex<AgentEntry>,
    /// Actor codes (a span of the actor index's text) with their date
    /// restrictions; each actor's codes are one range, shared by its names.
    actor_codes: Vec<((u32, u32), DateRestriction)>,
    verbs: FxMap<Vec<VerbForm>>,
    groups: Vec<Group>,
    synsets: FxMap<Vec<Vec<Part>>>,
    discards: Vec<(Vec<String>, bool, DiscardScope)>,
    /// Discards by first word (a stem-matched single word is under its stem
    /// and checked by prefix separately).
    discard_index: FxMap<Vec<usize>>,
    /// One-word discards matched as stems, by their word.
    discard_stems: FxMap<usize>,
    /// Which first bytes and lengths the stems have: most words start
    /// with no stem, and probing every prefix of every word was an eighth
    /// of coding time.
    discard_stem_filter: PrefixFilter,
    /// Issue phrases as word sequences (each a set of alternative forms),
    /// with their code; keyed by nothing: the list is short and scanned.
    issues: Vec<(Vec<Vec<String>>, String)>,
    /// PETRARCH2 `~` transformations, compiled.
    transformations: Vec<CompiledTransformation>,
    /// Every word form some pattern requires, interned: a sentence's words
    /// and their stems are looked up here once, and the per-pattern check
    /// then works on ids.
    required_ids: FxMap<u32>,
    /// The same filter over the required forms, checked before the four
    /// probes (word and three stems) per sentence word.
    required_filter: PrefixFilter,
    /// The verb file's dialect: PETRARCH2 patterns look only at the verb's
    /// own clause, PETRARCH-1 ones at its whole verb phrase.
    clause_bound: bool,
}

/// How a transformation's inner verb matches an inner event.
#[derive(Debug, Clone)]
enum InnerMatch {
    /// Codes with this two-digit root.
    Root(String),
    /// Any code (the letter variable; the result may reuse it).
    Any,
}

/// A transformation with its outer verb and inner match resolved.
#[derive(Debug, Clone)]
struct CompiledTransformation {
    t: Transformation,
    outer: String,
    inner: InnerMatch,
}

/// What coding one verb left for the transformation pass.
#[derive(Debug, Clone)]
struct VerbRecord {
    vi: usize,
    /// Word span of its verb phrase.
    span: (usize, usize),
    lemma: String,
    /// Source codes (whether or not an event was made).
    sources: Vec<String>,
    /// Its own clause names a subject.
    own_subject: bool,
    /// Indices of its events in the sentence's event list.
    events: std::ops::Range<usize>,
}

/// Statistics of a compiled coder, for reports and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoderStats {
    /// Actor names indexed.
    pub actor_names: usize,
    /// Agent phrases indexed (plurals included).
    pub agent_phrases: usize,
    /// Verb forms indexed.
    pub verb_forms: usize,
    /// Verb patterns.
    pub patterns: usize,
}

/// Upper-cases a dictionary word. Nearly all are ASCII, and the general
/// Unicode mapping was a fifth of compile time.
fn upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.to_uppercase()
    }
}

/// Regular verb forms as TABARI generates them: `-S`, `-ED`, `-ING`.
fn regular_verb_forms(base: &str, past: bool) -> Vec<String> {
    let mut v = vec![base.to_string()];
    let ends = |s: &str| base.ends_with(s);
    let third = if ends("S") || ends("X") || ends("Z") || ends("CH") || ends("SH") || ends("O") {
        format!("{base}ES")
    } else if ends("Y") && !ends("AY") && !ends("EY") && !ends("OY") && !ends("UY") {
        format!("{}IES", &base[..base.len() - 1])
    } else {
        format!("{base}S")
    };
    v.push(third);
    let stem_e = base
        .strip_suffix('E')
        .filter(|s| !s.is_empty() && !base.ends_with("EE"));
    let ing = match stem_e {
        Some(s) => format!("{s}ING"),
        None => format!("{base}ING"),
    };
    v.push(ing);
    if past {
        let ed = if ends("E") {
            format!("{base}D")
        } else if ends("Y") && !ends("AY") && !ends("EY") && !ends("OY") && !ends("UY") {
            format!("{}IED", &base[..base.len() - 1])
        } else {
            format!("{base}ED")
        };
        v.push(ed);
    }
    // Doubled final consonant (`STOP` → `STOPPED`): harmless extra forms.
    let b = base.as_bytes();
    if b.len() >= 3 {
        let (c1, c2, c3) = (b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]);
        let vowel = |c: u8| b"AEIOU".contains(&c);
        if !vowel(c1) && vowel(c2) && !vowel(c3) && !b"WXY".contains(&c3) {
            let last = c3 as char;
            v.push(format!("{base}{last}ING"));
            if past {
                v.push(format!("{base}{last}ED"));
            }
        }
    }
    v
}

/// Upper-cases pattern words and synset names once, at compile time, so
/// matching compares without allocating.
fn normalise(parts: &mut [Part]) {
    for p in parts {
        match &mut p.element {
            Element::Word(w) => {
                for f in &mut w.forms {
                    *f = upper(f);
                }
            }
            Element::Synset { name, exact } => {
                if name.ends_with('_') {
                    *exact = true;
                }
                *name = upper(name.trim_end_matches('_'));
            }
            Element::NounPhrase(x) | Element::PrepPhrase(x) => normalise(x),
            _ => {}
        }
    }
}

/// PETRARCH2 stores a group's patterns in a tree keyed by their elements,
/// so a pattern written again in the same group replaces the earlier one:
/// CAMEO.2.0's ORDER has `* &INVESTIGATION [091]` and later
/// `* &INVESTIGATION [1014]`, and PETRARCH2 codes 1014 (GigaWord SYNSET_0);
/// its ALLOW group has `* &TREATY` as 031:031, 057:057 and 057, and
/// `ratified a … agreement` is 057 one way (GOLD_4). The pattern's
/// `# VERB` comment does not decide: `launched an air strike` takes the
/// START group's `* {AIR STRIKE} [195] # INITIATE` (GOLD_0). Keeps the last
/// of each set of identical patterns, in file order.
fn keep_last_duplicates(patterns: &mut Vec<Pattern>) {
    let texts: Vec<String> = patterns.iter().map(Pattern::text).collect();
    let mut last: FxMap<usize> = FxMap::default();
    for (i, t) in texts.iter().enumerate() {
        last.insert(t.clone(), i);
    }
    let mut i = 0;
    patterns.retain(|_| {
        let keep = last.get(&texts[i]) == Some(&i);
        i += 1;
        keep
    });
}

fn pattern_size(p: &Pattern) -> usize {
    fn size(parts: &[Part]) -> usize {
        parts
            .iter()
            .map(|p| match &p.element {
                Element::NounPhrase(x) | Element::PrepPhrase(x) => size(x),
                _ => 1,
            })
            .sum()
    }
    size(&p.pre) + size(&p.post)
}

impl PetrarchCoder {
    /// Compiles every dictionary of a set.
    pub fn new(set: &DictionarySet) -> PetrarchCoder {
        let mut c = PetrarchCoder::default();
        // The actor files (35,618 names in Phoenix) compile on a second
        // thread while the agents and verbs compile on this one; the result
        // does not depend on the timing.
        let (actors, actor_codes) = std::thread::scope(|scope| {
            let actors = scope.spawn(|| Self::compile_actors(&set.actors));
            if let Some(a) = &set.agents {
                c.add_agents(a);
            }
            c.agents.finish();
            if let Some(v) = &set.verbs {
                c.add_verbs(v);
            }
            match actors.join() {
                Ok(a) => a,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        c.actors = actors;
        c.actor_codes = actor_codes;
        if let Some(d) = &set.discards {
            c.add_discards(d);
        }
        if let Some(i) = &set.issues {
            c.add_issues(i);
        }
        c
    }

    /// Counts of what was compiled.
    pub fn stats(&self) -> CoderStats {
        CoderStats {
            actor_names: self.actors.len(),
            agent_phrases: self.agents.len(),
            verb_forms: self.verbs.values().map(Vec::len).sum(),
            patterns: self.groups.iter().map(|g| g.patterns.len()).sum(),
        }
    }

    /// The actor files' names indexed, and their codes.
    #[allow(clippy::type_complexity)]
    fn compile_actors(
        dicts: &[ActorDictionary],
    ) -> (PhraseIndex<ActorEntry>, Vec<((u32, u32), DateRestriction)>) {
        let mut index = PhraseIndex::default();
        let mut all_codes = Vec::new();
        for dict in dicts {
            for actor in &dict.actors {
                let c0 = all_codes.len() as u32;
                for c in &actor.codes {
                    all_codes.push((index.push_text(&c.code), c.restriction));
                }
                let codes = (c0, all_codes.len() as u32);
                for name in &actor.names {
                    index.insert(name.words.iter().map(String::as_str), ActorEntry { codes });
                }
            }
        }
        index.finish();
        (index, all_codes)
    }

    fn add_agents(&mut self, dict: &AgentDictionary) {
        for agent in &dict.agents {
            let mut phrases = dict.expand(agent);
            let singulars = phrases.clone();
            match &agent.plurals {
                Plurals::Regular => {
                    for s in &singulars {
                        if let Some(last) = s.last() {
                            let mut p = s.clone();
                            *p.last_mut().expect("non-empty") = regular_plural(last);
                            phrases.push(p);
                        }
                    }
                }
                Plurals::None => {}
                Plurals::Irregular(list) => phrases.extend(list.iter().cloned()),
            }
            let code = self.agents.push_text(&agent.code.code);
            for words in &phrases {
                self.agents.insert(
                    words.iter().map(String::as_str),
                    AgentEntry {
                        code,
                        placement: agent.code.placement,
                    },
                );
            }
        }
    }

    fn add_verbs(&mut self, dict: &VerbDictionary) {
        self.clause_bound = dict.generation == crate::verbs::Generation::Petrarch2;
        for s in &dict.synsets {
            let name = upper(s.name.trim_end_matches('_'));
            let mut members = s.members.clone();
            for m in &mut members {
                normalise(m);
            }
            self.synsets.entry(name).or_default().extend(members);
        }
        for g in &dict.groups {
            let gi = self.groups.len();
            let mut patterns = g.patterns.clone();
            if self.clause_bound {
                keep_last_duplicates(&mut patterns);
            }
            for p in &mut patterns {
                normalise(&mut p.pre);
                normalise(&mut p.post);
            }
            // Most specific first; the sort is stable so file order breaks ties.
            patterns.sort_by_key(|p| std::cmp::Reverse(pattern_size(p)));
            let required = patterns
                .iter()
                .map(|p| {
                    let pre = self.required_words(&p.pre);
                    let post = self.required_words(&p.post);
                    (self.intern_required(&pre), self.intern_required(&post))
                })
                .collect();
            let rev_pre = patterns
                .iter()
                .map(|p| reversed_parts(&p.pre, p.verb_joined))
                .collect();
            self.groups.push(Group {
                name: g.name.clone(),
                code: g.code.clone(),
                patterns,
                rev_pre,
                required,
            });
            for e in &g.verbs {
                let mut phrases: Vec<Vec<String>> = Vec::new();
                let base: Vec<String> = e.phrase.words.iter().map(|w| upper(w)).collect();
                let head = e.phrase.head.min(base.len().saturating_sub(1));
                let Some(hw) = base.get(head).cloned() else {
                    continue;
                };
                let irregular = e.forms.as_ref();
                for f in regular_verb_forms(&hw, irregular.is_none() && !e.phrase.exact) {
                    let mut p = base.clone();
                    p[head] = f;
                    phrases.push(p);
                }
                if e.phrase.exact {
                    phrases.truncate(1);
                }
                let mut forms: Vec<(Vec<String>, usize)> =
                    phrases.into_iter().map(|p| (p, head)).collect();
                if let Some(list) = irregular {
                    for f in list {
                        let w: Vec<String> = f.words.iter().map(|w| upper(w)).collect();
                        if !w.is_empty() {
                            forms.push((w, f.head.min(f.words.len() - 1)));
                        }
                    }
                }
                for (words, head) in forms {
                    let key = words[head].clone();
                    let list = self.verbs.entry(key).or_default();
                    // A verb defined again in a later group belongs to that
                    // group (PETRARCH keys its verb table by the verb: the
                    // last definition wins; `SHOT` in the validation file).
                    if !self.clause_bound {
                        list.retain(|v| v.words != words || v.group == gi);
                    }
                    if !list.iter().any(|v| v.words == words) {
                        list.push(VerbForm {
                            words,
                            head,
                            group: gi,
                            code: e.code.clone(),
                            lemma: hw.clone(),
                        });
                    }
                }
            }
        }
        for v in self.verbs.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        for t in &dict.transformations {
            // An inner verb stands for its group's code family (`ATTACK`:
            // the 19x of PHYSICAL_CONFLICT); a letter binds any code.
            let inner = match &t.inner_verb {
                InnerVerb::CodeVar(_) => InnerMatch::Any,
                InnerVerb::Verb(v) => {
                    let root = self
                        .verbs
                        .get(&upper(v))
                        .and_then(|l| l.iter().find(|f| f.lemma == upper(v)))
                        .and_then(|f| match &self.groups[f.group].code.forward {
                            Some(CodeValue::Code(c)) => c.get(..2).map(str::to_string),
                            _ => None,
                        });
                    match root {
                        Some(r) => InnerMatch::Root(r),
                        None => continue, // a verb the dictionary lacks never matches
                    }
                }
            };
            self.transformations.push(CompiledTransformation {
                t: t.clone(),
                outer: upper(&t.outer_verb),
                inner,
            });
        }
    }

    /// What a pattern side needs to be present before trying it: each
    /// literal word, and for each synset a word standing for "one of its
    /// members' first words" (matched as a stem: a superset, so the check
    /// never rejects a pattern that would match).
    fn required_words(&self, parts: &[Part]) -> Vec<Word> {
        let mut out = Vec::new();
        for p in parts {
            match &p.element {
                Element::Word(w) => out.push(w.clone()),
                Element::Synset { name, .. } => {
                    let mut forms = Vec::new();
                    self.first_words(name, &mut forms, 0);
                    if !forms.is_empty() {
                        out.push(Word {
                            forms,
                            exact: false,
                        });
                    }
                }
                Element::NounPhrase(x) | Element::PrepPhrase(x) => {
                    out.extend(self.required_words(x))
                }
                _ => {}
            }
        }
        out
    }

    /// The ids of each required word's forms, interning new forms.
    fn intern_required(&mut self, words: &[Word]) -> Vec<Vec<u32>> {
        words
            .iter()
            .map(|w| {
                w.forms
                    .iter()
                    .map(|f| match self.required_ids.get(f) {
                        Some(&id) => id,
                        None => {
                            let id = self.required_ids.len() as u32;
                            self.required_ids.insert(f.clone(), id);
                            self.required_filter.insert(f);
                            id
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Where the sentence's words can satisfy required pattern words:
    /// `(form id, word index)` pairs, sorted, for every word and its stems
    /// (the word less up to three final characters, at least two left; see
    /// [`word_matches`]). Deleted words are included: the check is a
    /// superset filter and the full match decides.
    fn required_occurrences(&self, s: &Sentence, out: &mut Vec<(u32, u32)>) {
        out.clear();
        if self.required_ids.is_empty() {
            return;
        }
        for (k, w) in s.words.iter().enumerate() {
            let w: &str = w;
            if !self.required_filter.may_prefix(w) {
                continue;
            }
            if let Some(&id) = self.required_ids.get(w) {
                out.push((id, k as u32));
            }
            let mut end = w.len();
            for _ in 0..3 {
                let Some((i, _)) = w[..end].char_indices().next_back() else {
                    break;
                };
                end = i;
                if end < 2 {
                    break;
                }
                if !self.required_filter.has_len(end) {
                    continue;
                }
                if let Some(&id) = self.required_ids.get(&w[..end]) {
                    out.push((id, k as u32));
                }
            }
        }
        out.sort_unstable();
    }

    fn first_words(&self, synset: &str, out: &mut Vec<String>, depth: usize) {
        let Some(members) = self.synsets.get(synset) else {
            return;
        };
        if depth > 8 {
            return;
        }
        for m in members {
            match m.first().map(|p| &p.element) {
                Some(Element::Word(w)) => out.extend(w.forms.iter().cloned()),
                Some(Element::Synset { name, .. }) => self.first_words(name, out, depth + 1),
                _ => {}
            }
        }
    }

    fn add_issues(&mut self, dict: &IssueDictionary) {
        for sec in &dict.sections {
            for p in &sec.phrases {
                // `+` joins: `pre+k` is one token `PRE-K` in a parse; keep
                // the hyphenated and the closed forms.
                let mut words: Vec<Vec<String>> = Vec::new();
                for w in &p.words {
                    let t = upper(&w.text);
                    let mut forms = vec![t.clone()];
                    if w.pos == PartOfSpeech::Noun {
                        forms.push(upper(&regular_plural(&w.text)));
                    }
                    if w.joined {
                        if let Some(prev) = words.pop() {
                            let mut joined = Vec::new();
                            for a in &prev {
                                for b in &forms {
                                    joined.push(format!("{a}-{b}"));
                                    joined.push(format!("{a}{b}"));
                                }
                            }
                            words.push(joined);
                            continue;
                        }
                    }
                    words.push(forms);
                }
                let code = p.code.clone().unwrap_or_else(|| sec.category.clone());
                if !words.is_empty() {
                    self.issues.push((words, code));
                }
            }
        }
    }

    /// Issue codes found in a sentence, with counts, in order of first
    /// appearance (PETRARCH2's `CODE,count` issue column).
    pub fn issues(&self, tree: &Tree) -> Vec<(String, usize)> {
        let words: Vec<String> = tree.words().map(str::to_uppercase).collect();
        let mut found: Vec<(String, usize)> = Vec::new();
        for (phrase, code) in &self.issues {
            let n = phrase.len();
            let hits = (0..words.len().saturating_sub(n - 1))
                .filter(|&i| {
                    phrase
                        .iter()
                        .enumerate()
                        .all(|(k, f)| f.contains(&words[i + k]))
                })
                .count();
            if hits > 0 {
                match found.iter_mut().find(|(c, _)| c == code) {
                    Some((_, k)) => *k += hits,
                    None => found.push((code.clone(), hits)),
                }
            }
        }
        found
    }

    fn add_discards(&mut self, list: &DiscardList) {
        for d in &list.discards {
            let words: Vec<String> = d.words.iter().map(|w| upper(w)).collect();
            if !words.is_empty() {
                self.discard_index
                    .entry(words[0].clone())
                    .or_default()
                    .push(self.discards.len());
                if words.len() == 1 && !d.exact {
                    self.discard_stem_filter.insert(&words[0]);
                    self.discard_stems
                        .entry(words[0].clone())
                        .or_insert(self.discards.len());
                }
                self.discards.push((words, d.exact, d.scope));
            }
        }
    }

    /// Codes one sentence's tree on its date with the given options.
    pub fn code(&self, tree: &Tree, date: Option<PetrDate>, options: &Options) -> Outcome {
        let mut buf = String::new();
        let mut s = Sentence::new(tree, &mut buf);
        if let Some(d) = self.discard(&s) {
            return Outcome::Discarded(d);
        }
        if let Some(d) = s.dateline() {
            return Outcome::Discarded(Discarded::Dateline(d));
        }
        s.delete_comma_clauses(options);
        let mut units = self.units(&s, date);
        units.retain(|u| !s.deleted[u.start]);
        let flags = Flags::new(&units, s.words.len());
        let mut occurrences = Vec::new();
        self.required_occurrences(&s, &mut occurrences);
        let mut present = Present::new(self.required_ids.len());
        let mut events: Vec<PetrEvent> = Vec::new();
        let mut done_verbs = vec![false; s.words.len()];
        let mut records: Vec<VerbRecord> = Vec::new();
        for (vi, vp) in s.verbs() {
            if done_verbs[vi] {
                continue;
            }
            let Some((form, consumed)) = self.verb_at(&s, vi) else {
                continue;
            };
            // PETRARCH2 codes no negated verb (`would not help Israel`),
            // nor anything under one (`would not ask Russia to help`).
            if self.clause_bound && s.is_negated(vi) {
                continue;
            }
            for &c in &consumed {
                done_verbs[c] = true;
            }
            let before = events.len();
            let (sources, own_subject) = self.code_verb(
                &s,
                &units,
                &flags,
                vi,
                vp,
                form,
                &consumed,
                options,
                (&occurrences, &mut present),
                &mut events,
            );
            if !self.transformations.is_empty() {
                records.push(VerbRecord {
                    vi,
                    span: s.span[vp.0 as usize],
                    lemma: form.lemma.clone(),
                    sources,
                    own_subject,
                    events: before..events.len(),
                });
            }
            // PETRARCH-1 moves on past the verb phrase it coded: verbs
            // inside it (`abandoned efforts to stop …`) are not coded again.
            if events.len() > before {
                let (_, end) = s.span[vp.0 as usize];
                for d in &mut done_verbs[(vi + 1).min(end)..end] {
                    *d = true;
                }
            }
        }
        if !records.is_empty() {
            self.transform(&records, &mut events);
        }
        // A sentence has a handful of events: a quadratic scan beats hashing
        // cloned keys.
        let mut k = 0;
        while k < events.len() {
            let e = &events[k];
            let dup = events[..k]
                .iter()
                .any(|f| f.source == e.source && f.target == e.target && f.code == e.code);
            if dup {
                events.remove(k);
            } else {
                k += 1;
            }
        }
        Outcome::Events(events)
    }

    /// PETRARCH2's transformations: an outer verb (`SAY`, `WANT`) whose
    /// verb phrase holds a coded inner event becomes one event of the
    /// outer actor (`Obama wants Putin to attack Switzerland` → USAGOV →
    /// RUSGOV 021 instead of an attack). The first transformation that
    /// fits replaces the inner event.
    fn transform(&self, records: &[VerbRecord], events: &mut [PetrEvent]) {
        for outer in records {
            let ts: Vec<&CompiledTransformation> = self
                .transformations
                .iter()
                .filter(|t| t.outer == outer.lemma)
                .collect();
            if ts.is_empty() || outer.sources.is_empty() {
                continue;
            }
            let inner = records
                .iter()
                .find(|r| r.vi > outer.vi && r.vi < outer.span.1 && !r.events.is_empty());
            let Some(inner) = inner else { continue };
            for k in inner.events.clone() {
                let e = &events[k];
                // The outer actor who is also the inner one first (`Obama
                // and Putin said they will attack Iraq`: each about himself).
                let mut sources: Vec<&String> = outer.sources.iter().collect();
                sources.sort_by_key(|a| **a != e.source);
                let new = sources
                    .into_iter()
                    .find_map(|a| ts.iter().find_map(|ct| apply(ct, a, e, inner.own_subject)));
                if let Some(new) = new {
                    events[k] = PetrEvent {
                        event_text: format!("{} ... {}", outer.lemma, new.event_text),
                        ..new
                    };
                }
            }
        }
    }

    /// A human-readable account of how a sentence is seen: its noun-phrase
    /// units with their codes and the verbs found in the dictionary. For
    /// diagnosing dictionary entries and coding differences.
    pub fn trace(&self, tree: &Tree, date: Option<PetrDate>) -> String {
        use std::fmt::Write;
        let mut buf = String::new();
        let s = Sentence::new(tree, &mut buf);
        let units = self.units(&s, date);
        let mut out = String::new();
        for u in &units {
            let codes: Vec<String> = u
                .members
                .iter()
                .map(|m| {
                    format!(
                        "{}={}",
                        s.words[m.start..m.end].join(" "),
                        m.code.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            let _ = writeln!(out, "unit [{}..{}) {}", u.start, u.end, codes.join(" | "));
        }
        for (vi, _) in s.verbs() {
            let found = self
                .verb_at(&s, vi)
                .map(|(f, _)| self.groups[f.group].name.clone());
            let _ = writeln!(out, "verb {} {} -> {:?}", vi, s.words[vi], found);
        }
        out
    }

    fn discard(&self, s: &Sentence) -> Option<Discarded> {
        let hit = |k: usize, i: usize| {
            let (words, exact, _) = &self.discards[k];
            i + words.len() <= s.words.len()
                && words.iter().enumerate().all(|(j, w)| {
                    let t = &s.words[i + j];
                    t == w || (!*exact && j + 1 == words.len() && t.starts_with(w.as_str()))
                })
        };
        let mut found: Option<usize> = None;
        for i in 0..s.words.len() {
            let exact_first = self.discard_index.get(s.words[i]).into_iter().flatten();
            // One-word stems (`BALLCLUB` matching `BALLCLUBS`) by prefix.
            for k in exact_first.copied() {
                if hit(k, i) {
                    found = Some(found.map_or(k, |f| f.min(k)));
                }
            }
        }
        if found.is_none() && !self.discard_stems.is_empty() {
            // One-word stems: look each word's prefixes up (a handful of
            // hash probes per word instead of a scan of every discard).
            for t in &s.words {
                if !self.discard_stem_filter.may_prefix(t) {
                    continue;
                }
                for (end, _) in t
                    .char_indices()
                    .skip(1)
                    .chain(std::iter::once((t.len(), ' ')))
                {
                    if !self.discard_stem_filter.has_len(end) {
                        continue;
                    }
                    if let Some(&k) = self.discard_stems.get(&t[..end]) {
                        found = Some(found.map_or(k, |f: usize| f.min(k)));
                    }
                }
            }
        }
        let (words, _, scope) = &self.discards[found?];
        let text = words.join(" ");
        Some(match scope {
            DiscardScope::Story => Discarded::Story(text),
            DiscardScope::Sentence => Discarded::Sentence(text),
        })
    }

    /// The verb form that matches at word `vi` (multi-word forms first) and
    /// the word indices it covers.
    fn verb_at(&self, s: &Sentence, vi: usize) -> Option<(&VerbForm, Vec<usize>)> {
        let forms = self.verbs.get(s.words[vi])?;
        for f in forms {
            let start = vi.checked_sub(f.head)?;
            if start + f.words.len() > s.words.len() {
                continue;
            }
            if f.words
                .iter()
                .enumerate()
                .all(|(k, w)| s.words[start + k] == w)
            {
                return Some((f, (start..start + f.words.len()).collect()));
            }
        }
        None
    }

    fn actor_code(&self, entry: &ActorEntry, date: Option<PetrDate>) -> &str {
        let codes = &self.actor_codes[entry.codes.0 as usize..entry.codes.1 as usize];
        // A dated code that holds on the sentence date wins over the default.
        if let Some(d) = date {
            for &(c, ref r) in codes {
                let holds = match r {
                    DateRestriction::Always => false,
                    DateRestriction::Before(x) => d < *x,
                    DateRestriction::After(x) => d >= *x,
                    DateRestriction::Between(a, b) => d >= *a && d <= *b,
                    DateRestriction::Unmarked(x) => d >= *x,
                };
                if holds {
                    return self.actors.text_at(c);
                }
            }
        }
        codes
            .iter()
            .find(|(_, r)| matches!(r, DateRestriction::Always))
            .or(codes.first())
            .map_or("---", |&(c, _)| self.actors.text_at(c))
    }

    /// The code of the words `range` of a base noun phrase: the first actor,
    /// with every agent around it; `None` when neither occurs.
    fn code_words(&self, words: Words<'_>, date: Option<PetrDate>) -> Option<String> {
        let mut actor: Option<&str> = None;
        let mut prefix = String::new();
        let mut suffix = String::new();
        let mut i = 0;
        while i < words.len() {
            if actor.is_none() {
                if let Some((e, n)) = self.match_actor(words, i) {
                    actor = Some(self.actor_code(e, date));
                    i += n;
                    continue;
                }
            }
            if let Some((a, n)) = self.match_agent(words, i) {
                let code = self.agents.text_at(a.code);
                match a.placement {
                    CodePlacement::Suffix => {
                        if !suffix.contains(code) {
                            suffix.push_str(code)
                        }
                    }
                    CodePlacement::Prefix => prefix.push_str(code),
                }
                i += n;
                continue;
            }
            i += 1;
        }
        if actor.is_none() && prefix.is_empty() && suffix.is_empty() {
            return None;
        }
        let actor = actor.unwrap_or("---");
        // An agent already part of the actor's code is not repeated
        // (`White House officials`: USAGOV, not USAGOVGOV).
        if suffix.len() >= 3 && actor.ends_with(suffix.as_str()) {
            suffix.clear();
        }
        if actor == "---" && !(prefix.is_empty() && suffix.is_empty()) {
            return Some(format!("{prefix}---{suffix}"));
        }
        Some(format!("{prefix}{actor}{suffix}"))
    }

    /// `Danish media and government`: a conjunct with agents but no actor
    /// takes the actor (and the agents before the head) of the first
    /// conjunct that has one — DNKMED and DNKGOV.
    fn share_actor(
        &self,
        members: Vec<Member>,
        words: Words<'_>,
        date: Option<PetrDate>,
    ) -> Vec<Member> {
        if members.len() < 2 {
            return members;
        }
        let donor = members
            .iter()
            .find(|m| m.code.as_deref().is_some_and(|c| !c.contains("---")));
        let Some(donor) = donor else { return members };
        // The donor's code without the agent of its own last word(s).
        let dw = words.slice(donor.start, donor.end);
        let base = (1..dw.len())
            .rev()
            .find_map(|cut| {
                let head_is_agent = self
                    .match_agent(dw, cut)
                    .is_some_and(|(_, n)| cut + n == dw.len());
                if head_is_agent {
                    self.code_words(dw.slice(0, cut), date)
                } else {
                    None
                }
            })
            .filter(|c| !c.contains("---"));
        let Some(base) = base else { return members };
        members
            .into_iter()
            .map(|mut m| {
                if let Some(c) = m.code.as_deref().filter(|c| c.starts_with("---")) {
                    m.code = Some(format!("{base}{}", &c[3..]));
                }
                m
            })
            .collect()
    }

    /// An agent phrase that starts before `cut` and ends after it
    /// (`Ministry of Silly Walks` across a noun phrase and its PP).
    fn agent_span_across(&self, words: Words<'_>, cut: usize) -> Option<(usize, usize)> {
        (0..cut).find_map(|i| {
            self.match_agent(words, i)
                .filter(|(_, n)| i + n > cut)
                .map(|(_, n)| (i, n))
        })
    }

    /// Where the first actor name in `words` starts and how long it is.
    fn actor_span(&self, words: Words<'_>) -> Option<(usize, usize)> {
        (0..words.len()).find_map(|i| self.match_actor(words, i).map(|(_, n)| (i, n)))
    }

    /// The longest actor name at word `i`. Names match as whole words:
    /// PETRARCH-1 does not take a name's last word as a stem (`THE_KU` must
    /// not code `the Kuwait government`, unit test ACTOR-05).
    fn match_actor(&self, words: Words<'_>, i: usize) -> Option<(&ActorEntry, usize)> {
        self.actors.find(words, i)
    }

    /// The longest agent phrase at word `i`.
    fn match_agent(&self, words: Words<'_>, i: usize) -> Option<(&AgentEntry, usize)> {
        self.agents.find(words, i)
    }

    /// Noun-phrase units of the sentence.
    fn units(&self, s: &Sentence, date: Option<PetrDate>) -> Vec<Unit> {
        let t = s.tree;
        let mut units: Vec<Unit> = Vec::new();
        // Base NPs: NPs with no NP child other than a possessive one.
        let n = t.nodes().len();
        let mut unit_of_node: Vec<Option<usize>> = vec![None; n];
        for id in (0..n).rev() {
            let node = &t.nodes()[id];
            if node.label != "NP" && node.label != "NX" {
                continue;
            }
            let np_children: Vec<NodeId> = node
                .children
                .iter()
                .copied()
                .filter(|c| is_np(&t.node(*c).label))
                .collect();
            let conj = node
                .children
                .iter()
                .any(|c| t.node(*c).label == "CC" || t.node(*c).label == ",");
            let possessive_only = np_children.iter().all(|c| s.is_possessive(*c));
            if np_children.is_empty() || possessive_only {
                // Base NP: split at coordinations of its own words.
                let (a, b) = s.span[id];
                let mut coded: Vec<Member> = Vec::new();
                let code_span = |x: usize, y: usize, coded: &mut Vec<Member>| {
                    push_split_member(self.code_words(s.words_in(x, y), date), x, y, coded)
                };
                if conj && node.children.iter().any(|c| t.node(*c).label == "CC") {
                    let mut start = a;
                    for c in &node.children {
                        let l = &t.node(*c).label;
                        let (ca, cb) = s.span[c.0 as usize];
                        if l == "CC" || l == "," {
                            if ca > start {
                                code_span(start, ca, &mut coded);
                            }
                            start = cb;
                        }
                    }
                    if start < b {
                        code_span(start, b, &mut coded);
                    }
                } else {
                    code_span(a, b, &mut coded);
                }
                // In a coordination whose members are not all coded, the
                // phrase is one actor (`death and injury toll`).
                let coded = if coded.len() > 1 && coded.iter().any(|m| m.code.is_none()) {
                    vec![Member {
                        code: self.code_words(s.words_in(a, b), date),
                        start: a,
                        end: b,
                    }]
                } else {
                    self.share_actor(coded, s.words_in(0, s.words.len()), date)
                };
                // A possessive child (`Gryffindor 's`) is part of this phrase.
                for c in &np_children {
                    if let Some(k) = unit_of_node[c.0 as usize] {
                        units[k].absorbed = true;
                    }
                }
                unit_of_node[id] = Some(units.len());
                units.push(Unit {
                    start: a,
                    end: b,
                    members: coded,
                    absorbed: false,
                });
            } else if conj && node.children.iter().any(|c| t.node(*c).label == "CC") {
                // A coordination of noun phrases (`(NP A) and (NP B)`, also
                // with bare nouns among them: `(NP Minas Tirith) and
                // (NNP Osgiliath)`): one compound unit.
                let mut members = Vec::new();
                let mut run: Option<(usize, usize)> = None;
                let flush = |run: &mut Option<(usize, usize)>, members: &mut Vec<Member>| {
                    if let Some((x, y)) = run.take() {
                        push_split_member(self.code_words(s.words_in(x, y), date), x, y, members);
                    }
                };
                let mut kids = Vec::new();
                let mut ok = true;
                for c in &node.children {
                    let l = t.node(*c).label.as_str();
                    let (ca, cb) = s.span[c.0 as usize];
                    if is_np(l) {
                        flush(&mut run, &mut members);
                        let inner = unit_of_node[c.0 as usize].or_else(|| {
                            units.iter().position(|u| {
                                !u.absorbed
                                    && u.start >= ca
                                    && u.end <= cb
                                    && u.members.iter().any(|m| m.code.is_some())
                            })
                        });
                        match inner {
                            Some(k) => {
                                members.extend(units[k].members.iter().cloned());
                                kids.push(k);
                            }
                            None => ok = false,
                        }
                    } else if l == "CC" || l == "," || l == ":" {
                        flush(&mut run, &mut members);
                    } else if t.node(*c).word.is_some() {
                        run = Some(run.map_or((ca, cb), |(x, _)| (x, cb)));
                    } else {
                        ok = false;
                    }
                }
                flush(&mut run, &mut members);
                if ok && members.iter().filter(|m| m.code.is_some()).count() >= 2 {
                    for k in kids {
                        units[k].absorbed = true;
                    }
                    let (a, b) = s.span[id];
                    unit_of_node[id] = Some(units.len());
                    units.push(Unit {
                        start: a,
                        end: b,
                        members,
                        ..Unit::default()
                    });
                }
            } else {
                // `the Prince of Dol Amroth`: an actor name that runs from
                // the head phrase into its PP makes the whole phrase one unit.
                let (a, b) = s.span[id];
                let head_end = np_children.first().map_or(a, |c| s.span[c.0 as usize].1);
                if let Some((at, len)) = self
                    .actor_span(s.words_in(a, b))
                    .filter(|&(at, len)| a + at < head_end && a + at + len > head_end)
                    .or_else(|| self.agent_span_across(s.words_in(a, b), head_end - a))
                {
                    if a + at < head_end && a + at + len > head_end {
                        for k in units.iter_mut().filter(|u| u.start >= a && u.end <= b) {
                            k.absorbed = true;
                        }
                        unit_of_node[id] = Some(units.len());
                        units.push(Unit {
                            start: a,
                            end: b,
                            members: split_member(self.code_words(s.words_in(a, b), date), a, b),
                            absorbed: false,
                        });
                        continue;
                    }
                }
                // `soldiers from Gondor`, `the ambassadors of A, B and C`,
                // `lawmakers and officials in A and B`: agent-only heads take
                // the actors of their PP's object.
                let head = np_children.first().and_then(|c| unit_of_node[c.0 as usize]);
                let Some(h) = head else { continue };
                let agent_only = !units[h].members.is_empty()
                    && units[h]
                        .members
                        .iter()
                        .all(|m| m.code.as_deref().is_some_and(|c| c.contains("---")));
                if !agent_only {
                    continue;
                }
                let pp_obj = node
                    .children
                    .iter()
                    .filter(|c| t.node(**c).label == "PP")
                    .find_map(|pp| {
                        let pn = t.node(*pp);
                        let prep = pn.children.first()?;
                        let (pa, _) = s.span[prep.0 as usize];
                        if !["OF", "FROM", "IN"].contains(&s.words[pa]) {
                            return None;
                        }
                        let mut np = *pn.children.iter().find(|c| is_np(&t.node(**c).label))?;
                        // PETRARCH2 (not PETRARCH-1, PATTERN-25): `the mayor
                        // of [the West Bank city [of Nablus]]`, a complex
                        // object stands for its head phrase.
                        loop {
                            if let Some(u) = unit_of_node[np.0 as usize] {
                                return Some(u);
                            }
                            if !self.clause_bound {
                                return None;
                            }
                            np = *t.node(np).children.first().filter(|c| is_np(&t.node(**c).label))?;
                        }
                    });
                if let Some(o) = pp_obj {
                    let heads: Vec<String> = units[h]
                        .members
                        .iter()
                        .filter_map(|m| m.code.clone())
                        .collect();
                    let mut members: Vec<Member> = Vec::new();
                    for m in &units[o].members {
                        let Some(c) = m.code.as_deref().filter(|c| !c.contains("---")) else {
                            continue;
                        };
                        for hc in &heads {
                            members.push(Member {
                                code: Some(hc.replacen("---", c, 1)),
                                start: m.start,
                                end: m.end,
                            });
                        }
                    }
                    if !members.is_empty() {
                        units[h].absorbed = true;
                        units[o].absorbed = true;
                        unit_of_node[id] = Some(units.len());
                        units.push(Unit {
                            start: a,
                            end: b,
                            members,
                            absorbed: false,
                        });
                    }
                }
            }
        }
        units.retain(|u| !u.absorbed);
        units.sort_by_key(|u| (u.start, std::cmp::Reverse(u.end)));
        units
    }

    #[allow(clippy::too_many_arguments)]
    fn code_verb(
        &self,
        s: &Sentence,
        units: &[Unit],
        flags: &Flags,
        vi: usize,
        vp: NodeId,
        form: &VerbForm,
        consumed: &[usize],
        options: &Options,
        (occurrences, present): (&[(u32, u32)], &mut Present),
        out: &mut Vec<PetrEvent>,
    ) -> (Vec<String>, bool) {
        let first = *consumed.first().unwrap_or(&vi);
        let last = *consumed.last().unwrap_or(&vi);
        let (_, mut vp_end) = s.span[vp.0 as usize];
        if self.clause_bound {
            // PETRARCH2 codes an embedded clause with its own verb: the
            // lower sequence ends where the first clause inside the VP starts.
            if let Some(c) = s.first_clause_in(vp, last + 1) {
                vp_end = c.max(last + 1);
            }
        }
        let lower = Seq::lower(s, flags, units, last + 1, vp_end.max(last + 1));
        let upper_start = s.clause_start(first);
        let upper = Seq::upper(s, flags, units, upper_start, first);
        let group = &self.groups[form.group];
        let mut code = form.code.clone().unwrap_or_else(|| group.code.clone());
        let mut bind = Binding::default();
        let mut matched_text = String::new();
        if !group.patterns.is_empty() {
            present.fill(
                occurrences,
                (upper_start as u32, first as u32),
                ((last + 1) as u32, vp_end.max(last + 1) as u32),
            );
        }
        // The passive reading (`Evidence against Russia was presented by
        // the US`, `The civilians were released by Putin`): the subject is
        // the object the patterns look for after the verb, and the `by`
        // phrase the source. Tried first; the active reading follows.
        let subject_np0 = s.subject(vp);
        let mut passive_agent = None;
        if !group.patterns.is_empty() && s.is_passive(first) {
            if let (Some(agent), Some(np)) = (lower.after_word("BY"), subject_np0) {
                let (sa, sb) = s.span[np.0 as usize];
                let by = (last + 1..vp_end)
                    .find(|&i| s.words[i] == "BY")
                    .unwrap_or(vp_end);
                let reading = Seq::lower_ranges(s, flags, units, &[(sa, sb), (last + 1, by)]);
                let empty = Seq::upper(s, flags, units, first, first);
                for (p, rev_pre) in group.patterns.iter().zip(&group.rev_pre) {
                    if !rev_pre.is_empty() || p.post.is_empty() {
                        continue;
                    }
                    if let Some(b) = self.match_pattern(p, rev_pre, &empty, &reading) {
                        code = p.code.clone();
                        matched_text = p.text();
                        let target = b.target.or_else(|| reading.default_target(b.literal_after));
                        bind = Binding {
                            source: Some(agent),
                            target,
                            ..Binding::default()
                        };
                        passive_agent = Some(agent);
                        break;
                    }
                }
            }
        }
        for ((p, rev_pre), (pre, post)) in group
            .patterns
            .iter()
            .zip(&group.rev_pre)
            .zip(&group.required)
        {
            if passive_agent.is_some() {
                break;
            }
            if !present.has_all(pre, false) || !present.has_all(post, true) {
                continue;
            }
            if let Some(b) = self.match_pattern(p, rev_pre, &upper, &lower) {
                code = p.code.clone();
                bind = b;
                matched_text = p.text();
                break;
            }
        }
        let verb_text = consumed
            .iter()
            .map(|&i| s.orig[i])
            .collect::<Vec<_>>()
            .join(" ");
        let event_text = if matched_text.is_empty() {
            verb_text
        } else {
            format!("{verb_text} <{matched_text}>")
        };
        // The clause's subject decides the source when it has one: its first
        // coded unit (`Resumption of ties between A and B may spur …`), or
        // none at all when it names no actor (`a hafling was reported`). A
        // pronoun subject says nothing: PETRARCH then takes the nearest
        // actor before the verb.
        let subject_np = s.subject(vp).filter(|np| !s.is_pronoun(*np));
        let subject = subject_np.map(|np| flags.first_coded_in(units, s.span[np.0 as usize]));
        let mut source_unit = bind.source.or_else(|| subject.flatten()).or_else(|| {
            if subject.is_some() {
                None
            } else {
                // Not from an introductory phrase (`On improvement of …
                // Gondor's health centres, he said …`: TABDEBUG-19).
                upper
                    .coded_units()
                    .find(|&u| !s.in_opening_pp(units[u].start))
            }
        });
        let mut target_unit = bind
            .target
            .or_else(|| lower.default_target(bind.literal_after));
        // The pattern took the subject as its target (`NOTED + *`): the
        // source is then the next actor back (`Gondor's PM noted that
        // Cirith Ungol regretted …`).
        if bind.target.is_some() && bind.source.is_none() && source_unit == target_unit {
            source_unit = upper.coded_units().find(|u| Some(*u) != target_unit);
        }
        // A passive (`was opposed by B`): the `by` phrase acts on the subject.
        if bind.source.is_none() && bind.target.is_none() && s.is_passive(first) {
            if let Some(agent) = lower.after_word("BY") {
                target_unit = source_unit;
                source_unit = Some(agent);
            }
        }
        // For transformations: who the subject is, and whether the verb's
        // own clause names one (`wants Putin to attack` vs `wants to attack`).
        let own_subject = s.own_subject(vp);
        let record_sources: Vec<String> = Self::members(units, source_unit)
            .into_iter()
            .filter_map(|m| m.code)
            .collect();
        let mut pairs: Vec<(Member, Member)> = Vec::new();
        if let (Some(c), true) = (bind.compound, bind.compound_after) {
            // `* WITH %`: the subject acts on each member of the compound.
            for a in Self::members(units, source_unit) {
                for b in units[c].members.iter().filter(|m| m.code.is_some()) {
                    pairs.push((a.clone(), b.clone()));
                }
            }
        } else if let Some(c) = bind.compound {
            // `% *`: every member acts on every other.
            let ms: Vec<&Member> = units[c]
                .members
                .iter()
                .filter(|m| m.code.is_some())
                .collect();
            for a in &ms {
                for b in &ms {
                    if a.code != b.code {
                        pairs.push(((*a).clone(), (*b).clone()));
                    }
                }
            }
            if let Some(t) = bind.target.or(if bind.source.is_none() {
                None
            } else {
                target_unit
            }) {
                pairs.clear();
                for a in &ms {
                    for b in units[t].members.iter().filter(|m| m.code.is_some()) {
                        pairs.push(((*a).clone(), b.clone()));
                    }
                }
            }
        } else {
            let mut srcs = Self::members(units, source_unit);
            let mut tgts = Self::members(units, target_unit);
            // PETRARCH2: an agent-only target takes the actor of a `from`,
            // `of` or `in` phrase right after it even when the parse
            // attaches that phrase to the verb (`meet with exiled
            // dissidents from Myanmar` → MMROPP).
            if self.clause_bound && tgts.iter().all(|m| m.code.as_deref().is_some_and(|c| c.starts_with("---"))) {
                if let Some(o) = target_unit.and_then(|t| lower.pp_actor_after(t, units)) {
                    tgts = tgts
                        .iter()
                        .flat_map(|m| {
                            let agent = m.code.as_deref().unwrap_or("---");
                            units[o].members.iter().filter_map(move |a| {
                                let actor = a.code.as_deref().filter(|c| !c.contains("---"))?;
                                Some(Member {
                                    code: Some(agent.replacen("---", actor, 1)),
                                    start: m.start,
                                    end: a.end,
                                })
                            })
                        })
                        .collect();
                }
            }
            // New actors (`new_actor_length`): an uncoded proper-noun
            // phrase, with its `of` complement, named by its words.
            let limit = options.new_actor_length as usize;
            if limit > 0 && srcs.is_empty() {
                let span = match subject_np {
                    Some(np) => Some(s.span[np.0 as usize]),
                    None => upper
                        .first_proper(units)
                        .map(|u| (units[u].start, units[u].end)),
                };
                srcs.extend(span.and_then(|sp| s.new_actor(sp, limit)));
            } else if limit > 0 {
                // `Eriador's death and injury toll`: an uncoded conjunct of
                // a coordinated subject beside a coded one is a new actor
                // too (DEMO-22), proper noun or not.
                if let Some(np) = subject_np.filter(|np| s.is_coordination(*np)) {
                    for &c in &s.tree.node(np).children {
                        if !is_np(&s.tree.node(c).label) {
                            continue;
                        }
                        let span = s.span[c.0 as usize];
                        if flags.first_coded_in(units, span).is_none() {
                            srcs.extend(s.new_actor_words(span, limit));
                        }
                    }
                }
            }
            if limit > 0 && tgts.is_empty() {
                let span = lower
                    .first_proper(units)
                    .map(|u| (units[u].start, units[u].end));
                tgts.extend(span.and_then(|sp| s.new_actor(s.with_of_complement(sp), limit)));
            }
            if srcs.is_empty() && tgts.is_empty() {
                return (record_sources, own_subject);
            }
            // PETRARCH2: a compound subject with no target acts among its
            // members (`The US, Russia, and Switzerland met` gives all six
            // directed pairs), as `% *` does in PETRARCH-1 files. Not when
            // the verb governs a clause (`agree that …`, `said he will …`,
            // `seeking to deepen …`): that clause's verb codes the event.
            if self.clause_bound
                && tgts.is_empty()
                && srcs.len() >= 2
                && s.first_clause_in(vp, last + 1).is_none()
            {
                for a in &srcs {
                    for b in &srcs {
                        if a.code != b.code {
                            pairs.push((a.clone(), b.clone()));
                        }
                    }
                }
            } else {
                if options.require_dyad && (srcs.is_empty() || tgts.is_empty()) {
                    return (record_sources, own_subject);
                }
                // PETRARCH-1 fills a missing target with `---` only from a
                // noun phrase after the verb (coded or not): `said on
                // Saturday` has one (COMMA-07), `said today` (an `NP-TMP`,
                // no phrase) none, so nothing is coded (COMMA-06, COMMA-12).
                let lower_has_np = lower.items.iter().any(|i| matches!(i, SeqItem::Unit { .. }));
                if tgts.is_empty() && !lower_has_np {
                    return (record_sources, own_subject);
                }
                let none = || Member {
                    code: Some("---".into()),
                    start: 0,
                    end: 0,
                };
                let srcs = if srcs.is_empty() { vec![none()] } else { srcs };
                let tgts = if tgts.is_empty() { vec![none()] } else { tgts };
                for a in &srcs {
                    for b in &tgts {
                        pairs.push((a.clone(), b.clone()));
                    }
                }
            }
        }
        let text = |m: &Member| s.orig[m.start..m.end].join(" ");
        for (a, b) in pairs {
            let (Some(sc), Some(tc)) = (a.code.clone(), b.code.clone()) else {
                continue;
            };
            if sc == tc {
                continue;
            }
            if let Some(CodeValue::Code(c)) = &code.forward {
                out.push(PetrEvent {
                    source: sc.clone(),
                    target: tc.clone(),
                    code: c.clone(),
                    source_text: text(&a),
                    target_text: text(&b),
                    event_text: event_text.clone(),
                });
            }
            if let Some(CodeValue::Code(c)) = &code.reverse {
                out.push(PetrEvent {
                    source: tc,
                    target: sc,
                    code: c.clone(),
                    source_text: text(&b),
                    target_text: text(&a),
                    event_text: event_text.clone(),
                });
            }
        }
        (record_sources, own_subject)
    }

    /// The coded members of a unit (new actors are made by the caller).
    fn members(units: &[Unit], unit: Option<usize>) -> Vec<Member> {
        let Some(u) = unit else { return vec![] };
        units[u]
            .members
            .iter()
            .filter(|m| m.code.is_some())
            .cloned()
            .collect()
    }

    /// Matches a pattern; `rev_pre` is its pre-verb part reversed at
    /// compile time (the upper sequence is read from the verb outwards).
    fn match_pattern(
        &self,
        p: &Pattern,
        rev_pre: &[Part],
        upper: &Seq,
        lower: &Seq,
    ) -> Option<Binding> {
        let mut b = Binding::default();
        // Lower: elements in order from the verb.
        if !p.post.is_empty() {
            let first_joined = p.post[0].joined;
            self.match_parts(&p.post, 0, lower, 0, first_joined, &mut b)?;
            b.compound_after = b.compound.is_some();
        }
        if !rev_pre.is_empty() {
            let first_joined = p.verb_joined;
            self.match_parts(rev_pre, 0, upper, 0, first_joined, &mut b)?;
        }
        Some(b)
    }

    /// Matches `parts[k..]` in `seq` from position `pos`; `adjacent` says
    /// the first part must match exactly at `pos`.
    fn match_parts(
        &self,
        parts: &[Part],
        k: usize,
        seq: &Seq,
        pos: usize,
        adjacent: bool,
        b: &mut Binding,
    ) -> Option<()> {
        if k == parts.len() {
            return Some(());
        }
        let last = if adjacent { pos + 1 } else { seq.items.len() };
        for at in pos..last.min(seq.items.len()) {
            let saved = b.clone();
            if let Some(next) = self.match_element(&parts[k].element, seq, at, b) {
                let adj = parts.get(k + 1).is_some_and(|p| p.joined);
                if self.match_parts(parts, k + 1, seq, next, adj, b).is_some() {
                    return Some(());
                }
            }
            *b = saved;
        }
        None
    }

    /// Matches one element at `at`; returns the position after it.
    fn match_element(&self, e: &Element, seq: &Seq, at: usize, b: &mut Binding) -> Option<usize> {
        match e {
            Element::Word(w) => {
                let (t, at) = seq.word_at(at)?;
                let ok = w.forms.iter().any(|f| word_matches(t, f, w.exact));
                if ok {
                    b.literal(seq, at);
                }
                ok.then_some(at + 1)
            }
            Element::Synset { name, exact } => {
                let members = self.synsets.get(name.as_str())?;
                let exact = *exact;
                for m in members {
                    if let Some(n) = self.match_member(m, seq, at, exact, b, 0) {
                        return Some(n);
                    }
                }
                None
            }
            Element::Source | Element::Target | Element::Compound => {
                let SeqItem::Unit { unit, len } = seq.items.get(at)? else {
                    return None;
                };
                let coded = seq.coded[*unit];
                match e {
                    Element::Source if coded => b.source = Some(*unit),
                    Element::Target if coded => b.target = Some(*unit),
                    Element::Compound if seq.compound[*unit] => b.compound = Some(*unit),
                    _ => return None,
                }
                Some(at + 1 + len)
            }
            Element::Skip => match seq.items.get(at)? {
                // `^` skips a noun phrase: the next one, or the rest of the
                // one the previous word was in (`* THEIR ^ ABOUT +`).
                SeqItem::Unit { len, .. } => Some(at + 1 + len),
                SeqItem::Word(_) => seq.unit_end.get_or_init(|| unit_ends(&seq.items))[at],
            },
            Element::NounPhrase(inner) | Element::PrepPhrase(inner) => {
                // PETRARCH2 groups: the inner words in order, starting here,
                // each within a few items of the previous one (an adjective
                // or determiner may intervene inside a phrase).
                let mut pos = at;
                for (k, p) in inner.iter().enumerate() {
                    let window = if k == 0 { 1 } else { GROUP_GAP + 1 };
                    let mut found = None;
                    for q in pos..(pos + window).min(seq.items.len()) {
                        if let Some(n) = self.match_element(&p.element, seq, q, b) {
                            found = Some(n);
                            break;
                        }
                    }
                    pos = found?;
                }
                Some(pos)
            }
            Element::Verb => None,
        }
    }

    fn match_member(
        &self,
        parts: &[Part],
        seq: &Seq,
        at: usize,
        exact: bool,
        b: &mut Binding,
        depth: usize,
    ) -> Option<usize> {
        if depth > 8 {
            return None; // a synset that contains itself
        }
        let mut pos = at;
        let n = parts.len();
        // Indexing rather than collecting the order: this runs for every
        // synset member tried, and an allocation here dominated the profile.
        for i in 0..n {
            let p = if seq.reversed {
                &parts[n - 1 - i]
            } else {
                &parts[i]
            };
            pos = match &p.element {
                Element::Word(w) => {
                    let (t, at) = seq.word_at(pos)?;
                    let ok = w.forms.iter().any(|f| word_matches(t, f, exact || w.exact));
                    if ok {
                        b.literal(seq, at);
                    }
                    ok.then_some(at + 1)?
                }
                Element::Synset { name, exact: e2 } => {
                    let ms = self.synsets.get(name.as_str())?;
                    ms.iter()
                        .find_map(|m| self.match_member(m, seq, pos, exact || *e2, b, depth + 1))?
                }
                other => self.match_element(other, seq, pos, b)?,
            };
        }
        Some(pos)
    }
}

/// One transformation on one inner event, with the outer source `a`.
fn apply(
    ct: &CompiledTransformation,
    a: &str,
    e: &PetrEvent,
    own_subject: bool,
) -> Option<PetrEvent> {
    let t = &ct.t;
    let mut vars: Vec<(String, String)> = Vec::new();
    let bind = |slot: &Slot, value: Option<&str>, vars: &mut Vec<(String, String)>| -> bool {
        match (slot, value) {
            (Slot::Any, _) => true,
            (Slot::Absent, v) => v.is_none(),
            (Slot::Var(_), None) => false,
            (Slot::Var(n), Some(v)) => match vars.iter().find(|(k, _)| k == n) {
                Some((_, old)) => old == v,
                None => {
                    vars.push((n.clone(), v.to_string()));
                    true
                }
            },
        }
    };
    if !bind(&t.source, Some(a), &mut vars) {
        return None;
    }
    // `_` as the inner source: the inner clause has no subject of its own
    // (`Obama wants to attack …`); the source we gave it was inherited.
    let inner_source = own_subject.then_some(e.source.as_str());
    if !bind(&t.inner_source, inner_source, &mut vars) {
        return None;
    }
    let inner_target = (e.target != "---").then_some(e.target.as_str());
    if !bind(&t.inner_target, inner_target, &mut vars) {
        return None;
    }
    if let InnerMatch::Root(r) = &ct.inner {
        if !e.code.starts_with(r.as_str()) {
            return None;
        }
    }
    let code = match &t.result_code {
        ResultCode::Code(c) => c.clone(),
        ResultCode::Var(_) => e.code.clone(),
    };
    let get = |slot: &Slot| match slot {
        Slot::Var(n) => vars.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()),
        _ => None,
    };
    let source = get(&t.result_source)?;
    let target = get(&t.result_target)?;
    if source == target {
        return None;
    }
    let text = |code: &str| {
        if code == e.source {
            e.source_text.clone()
        } else if code == e.target {
            e.target_text.clone()
        } else {
            String::new()
        }
    };
    Some(PetrEvent {
        source_text: text(&source),
        target_text: text(&target),
        source,
        target,
        code,
        event_text: e.event_text.clone(),
    })
}

/// A cheap pre-filter for "is some prefix of this word in the set": the
/// set's first two bytes (or first byte, for one-byte members) and its
/// byte lengths. `may_prefix` false means no member is a prefix of the
/// word; true means look the prefixes up.
#[derive(Debug, Clone)]
struct PrefixFilter {
    /// Bit `256 * b0 + b1` for a member starting with bytes b0 b1; bit
    /// `256 * b0` (b1 = 0, which no word holds) for a one-byte member.
    first_two: Vec<u64>,
    /// Bit `n` for a member of `n` bytes (bit 63: 63 bytes or more).
    lengths: u64,
}

impl Default for PrefixFilter {
    fn default() -> Self {
        PrefixFilter {
            first_two: vec![0; 65536 / 64],
            lengths: 0,
        }
    }
}

impl PrefixFilter {
    fn key(b: &[u8]) -> usize {
        256 * usize::from(b[0]) + b.get(1).map_or(0, |&x| usize::from(x))
    }

    fn insert(&mut self, member: &str) {
        let b = member.as_bytes();
        if b.is_empty() {
            return;
        }
        let k = Self::key(b);
        self.first_two[k / 64] |= 1 << (k % 64);
        self.lengths |= 1 << b.len().min(63);
    }

    fn may_prefix(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.is_empty() {
            return false;
        }
        let one = 256 * usize::from(b[0]);
        let two = Self::key(b);
        let bit = |k: usize| self.first_two[k / 64] & (1 << (k % 64)) != 0;
        bit(one) || (b.len() > 1 && bit(two))
    }

    fn has_len(&self, n: usize) -> bool {
        self.lengths & (1 << n.min(63)) != 0
    }
}

/// Which required word forms (by id) occur before and after the verb
/// being coded: two bit sets over the ids, refilled for each verb from the
/// sentence's occurrences, so each pattern's pre-check is a few bit tests.
struct Present {
    upper: Vec<u64>,
    lower: Vec<u64>,
}

impl Present {
    fn new(ids: usize) -> Present {
        let n = ids.div_ceil(64);
        Present {
            upper: vec![0; n],
            lower: vec![0; n],
        }
    }

    /// Marks the forms occurring in the word ranges `[a, b)` of the upper
    /// and lower sequences.
    fn fill(&mut self, occurrences: &[(u32, u32)], up: (u32, u32), low: (u32, u32)) {
        self.upper.fill(0);
        self.lower.fill(0);
        for &(id, k) in occurrences {
            let (w, bit) = ((id / 64) as usize, 1u64 << (id % 64));
            if k >= up.0 && k < up.1 {
                self.upper[w] |= bit;
            }
            if k >= low.0 && k < low.1 {
                self.lower[w] |= bit;
            }
        }
    }

    /// Whether every required word (a list of form ids) has a form present.
    fn has_all(&self, words: &[Vec<u32>], lower: bool) -> bool {
        let set = if lower { &self.lower } else { &self.upper };
        words.iter().all(|forms| {
            forms
                .iter()
                .any(|&id| set[(id / 64) as usize] & (1u64 << (id % 64)) != 0)
        })
    }
}

/// Items allowed between two words of a PETRARCH2 `{…}`/`(…)` group.
const GROUP_GAP: usize = 3;

/// Extra characters a non-exact pattern word may be followed by (PETRARCH-1
/// matches pattern words as stems only loosely; see docs/petrarch.md).
const STEM_SLACK: usize = 0;

fn word_matches(token: &str, form: &str, exact: bool) -> bool {
    token == form
        || (!exact
            && form.len() >= 2
            && token.starts_with(form)
            && token.len() <= form.len() + STEM_SLACK)
}

/// Pre-verb parts in the order the upper sequence is read (from the verb
/// outwards), with joins moved to the part they now follow.
fn reversed_parts(pre: &[Part], _verb_joined: bool) -> Vec<Part> {
    let n = pre.len();
    (0..n)
        .rev()
        .map(|i| Part {
            element: pre[i].element.clone(),
            // In reverse, part i follows part i+1: joined iff i+1 was joined to i.
            joined: if i + 1 < n { pre[i + 1].joined } else { false },
        })
        .collect()
}

fn split_member(code: Option<String>, start: usize, end: usize) -> Vec<Member> {
    let mut out = Vec::new();
    push_split_member(code, start, end, &mut out);
    out
}

/// Appends the member(s) of one coded span: a code `A/B` names several
/// actors at once (`ELR/GAL`).
fn push_split_member(code: Option<String>, start: usize, end: usize, out: &mut Vec<Member>) {
    match code {
        Some(c) if c.contains('/') => out.extend(c.split('/').filter(|p| !p.is_empty()).map(|p| {
            Member {
                code: Some(p.to_string()),
                start,
                end,
            }
        })),
        code => out.push(Member { code, start, end }),
    }
}

fn is_np(label: &str) -> bool {
    label == "NP" || label == "NX" || label == "NML"
}

/// Who the pattern bound.
#[derive(Debug, Clone, Default)]
struct Binding {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    /// The `%` was after the verb: the compound is the target.
    compound_after: bool,
    /// The items of the lower sequence (the first 128) that the pattern's
    /// literal words matched: a unit holding one is part of the pattern
    /// (`conducting military exercises in Alaska` with
    /// `* {MILITARY EXERCISES}`), not its default target.
    literal_after: u128,
}

impl Binding {
    /// Notes a literal word matched at item `at` of `seq`.
    fn literal(&mut self, seq: &Seq, at: usize) {
        if !seq.reversed && at < 128 {
            self.literal_after |= 1 << at;
        }
    }
}

/// One actor of a unit (a conjunct of a compound, or the whole phrase).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Member {
    code: Option<String>,
    start: usize,
    end: usize,
}

/// A noun-phrase unit: a base noun phrase or a coordination of them.
#[derive(Debug, Clone, Default)]
struct Unit {
    start: usize,
    end: usize,
    members: Vec<Member>,
    absorbed: bool,
}

/// An item of an upper or lower sequence.
#[derive(Debug, Clone, Copy)]
enum SeqItem {
    Word(usize),
    /// A unit; its `len` words follow as `Word` items.
    Unit {
        unit: usize,
        len: usize,
    },
}

/// A sequence of words and units seen from the verb.
struct Seq<'a> {
    s: &'a Sentence<'a>,
    items: Vec<SeqItem>,
    coded: &'a [bool],
    compound: &'a [bool],
    /// For a word item inside a unit: the item index just past the unit's
    /// words (what `^` skips to).
    unit_end: std::cell::OnceCell<Vec<Option<usize>>>,
    /// The upper sequence runs backwards from the verb: multi-word synset
    /// members and groups are then matched last word first.
    reversed: bool,
}

/// FxHash (rustc's hasher): multiply-rotate over 8-byte chunks. The keys
/// are dictionary words; no adversary can make them collide usefully, and
/// SipHash dominated the profile.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn unit_ends(items: &[SeqItem]) -> Vec<Option<usize>> {
    let mut out = vec![None; items.len()];
    for (p, i) in items.iter().enumerate() {
        if let SeqItem::Unit { len, .. } = i {
            let end = (p + 1 + len).min(items.len());
            for e in &mut out[p + 1..end] {
                *e = Some(end);
            }
        }
    }
    out
}

/// Per-sentence facts about the units, computed once for all its verbs.
struct Flags {
    /// The unit has a coded member.
    coded: Vec<bool>,
    /// The unit has two or more coded members.
    compound: Vec<bool>,
    /// Units starting at each word, longest first.
    by_start: Vec<std::ops::Range<usize>>,
}

impl Flags {
    /// The first coded unit inside the word span `(a, b)`.
    fn first_coded_in(&self, units: &[Unit], (a, b): (usize, usize)) -> Option<usize> {
        (a..b).find_map(|i| {
            self.starting_at(i)
                .find(|&k| units[k].end <= b && self.coded[k])
        })
    }

    /// Units starting at word `i`, longest first.
    fn starting_at(&self, i: usize) -> std::ops::Range<usize> {
        self.by_start.get(i).cloned().unwrap_or(0..0)
    }

    /// `units` must be sorted by start, longest first (as
    /// [`PetrarchCoder::units`] leaves them): each start's units are then
    /// one range.
    fn new(units: &[Unit], words: usize) -> Flags {
        let mut by_start = vec![0..0; words];
        let mut k = 0;
        while k < units.len() {
            let start = units[k].start;
            let mut j = k + 1;
            while j < units.len() && units[j].start == start {
                j += 1;
            }
            if let Some(r) = by_start.get_mut(start) {
                *r = k..j;
            }
            k = j;
        }
        Flags {
            coded: units
                .iter()
                .map(|u| u.members.iter().any(|m| m.code.is_some()))
                .collect(),
            compound: units
                .iter()
                .map(|u| u.members.iter().filter(|m| m.code.is_some()).count() >= 2)
                .collect(),
            by_start,
        }
    }
}

impl<'a> Seq<'a> {
    /// Chunks of `[a, b)`: words and outermost units inside the range.
    fn chunks(
        s: &Sentence,
        f: &Flags,
        units: &[Unit],
        a: usize,
        b: usize,
    ) -> Vec<(Option<usize>, usize, usize)> {
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            if s.deleted[i] {
                i += 1;
                continue;
            }
            let unit = f.starting_at(i).find(|&k| units[k].end <= b);
            if let Some(k) = unit {
                out.push((Some(k), i, units[k].end));
                i = units[k].end;
            } else {
                out.push((None, i, i + 1));
                i += 1;
            }
        }
        out
    }

    fn lower(s: &'a Sentence<'a>, f: &'a Flags, units: &[Unit], a: usize, b: usize) -> Seq<'a> {
        Self::lower_ranges(s, f, units, &[(a, b)])
    }

    /// A lower sequence read from several word ranges in turn (the passive
    /// reading puts the subject first, see [`PetrarchCoder::code_verb`]).
    fn lower_ranges(
        s: &'a Sentence<'a>,
        f: &'a Flags,
        units: &[Unit],
        ranges: &[(usize, usize)],
    ) -> Seq<'a> {
        let mut items = Vec::new();
        for &(a, b) in ranges {
            for (u, x, y) in Self::chunks(s, f, units, a, b) {
                if let Some(u) = u {
                    items.push(SeqItem::Unit {
                        unit: u,
                        len: y - x,
                    });
                }
                items.extend((x..y).map(SeqItem::Word));
            }
        }
        let unit_end = std::cell::OnceCell::new();
        Seq {
            s,
            items,
            coded: &f.coded,
            compound: &f.compound,
            reversed: false,
            unit_end,
        }
    }

    fn upper(s: &'a Sentence<'a>, f: &'a Flags, units: &[Unit], a: usize, b: usize) -> Seq<'a> {
        let mut items = Vec::new();
        for (u, x, y) in Self::chunks(s, f, units, a, b).into_iter().rev() {
            if let Some(u) = u {
                items.push(SeqItem::Unit {
                    unit: u,
                    len: y - x,
                });
            }
            items.extend((x..y).rev().map(SeqItem::Word));
        }
        let unit_end = std::cell::OnceCell::new();
        Seq {
            s,
            items,
            coded: &f.coded,
            compound: &f.compound,
            reversed: true,
            unit_end,
        }
    }

    /// The word at `at`, looking through a unit marker to the unit's first
    /// word (a marker is not a word: `FOR_ASYLUM` is adjacent in `for
    /// [asylum]`). Returns the word and the item index it was found at.
    fn word_at(&self, at: usize) -> Option<(&str, usize)> {
        match self.items.get(at)? {
            SeqItem::Word(i) => Some((self.s.words[*i], at)),
            SeqItem::Unit { .. } => match self.items.get(at + 1)? {
                SeqItem::Word(i) => Some((self.s.words[*i], at + 1)),
                SeqItem::Unit { .. } => None,
            },
        }
    }

    /// The coded units in reading order.
    fn coded_units(&self) -> impl Iterator<Item = usize> + '_ {
        self.items.iter().filter_map(|i| match i {
            SeqItem::Unit { unit, .. } if self.coded[*unit] => Some(*unit),
            _ => None,
        })
    }

    /// The first unit holding a proper noun (a candidate new actor).
    fn first_proper(&self, units: &[Unit]) -> Option<usize> {
        self.items.iter().find_map(|i| match i {
            SeqItem::Unit { unit, .. }
                if (units[*unit].start..units[*unit].end)
                    .any(|k| self.s.tags[k].starts_with("NNP")) =>
            {
                Some(*unit)
            }
            _ => None,
        })
    }

    /// The coded unit right after the word `w` (`by Osgiliath`).
    fn after_word(&self, w: &str) -> Option<usize> {
        self.items.windows(2).find_map(|p| match (p[0], p[1]) {
            (SeqItem::Word(k), SeqItem::Unit { unit, .. })
                if self.s.words[k] == w && self.coded[unit] =>
            {
                Some(unit)
            }
            _ => None,
        })
    }

    /// The first coded unit none of whose words is in `literal` (a bit
    /// set over item positions, see [`Binding::literal_after`]).
    fn first_unit_outside(&self, literal: u128) -> Option<usize> {
        self.items.iter().enumerate().find_map(|(p, i)| match i {
            SeqItem::Unit { unit, len } if self.coded[*unit] => {
                let words = (p + 1)..(p + 1 + len).min(128);
                let hit = words.into_iter().any(|k| literal & (1 << k) != 0);
                (!hit).then_some(*unit)
            }
            _ => None,
        })
    }

    /// The unit with an actor (not an agent alone) that follows unit `u`
    /// across one `FROM`, `OF` or `IN`.
    fn pp_actor_after(&self, u: usize, units: &[Unit]) -> Option<usize> {
        let p = self
            .items
            .iter()
            .position(|i| matches!(i, SeqItem::Unit { unit, .. } if *unit == u))?;
        let SeqItem::Unit { len, .. } = self.items[p] else {
            return None;
        };
        let q = p + 1 + len;
        let SeqItem::Word(k) = *self.items.get(q)? else {
            return None;
        };
        if !matches!(self.s.words[k], "FROM" | "OF" | "IN") {
            return None;
        }
        match *self.items.get(q + 1)? {
            SeqItem::Unit { unit, .. }
                if units[unit]
                    .members
                    .iter()
                    .any(|m| m.code.as_deref().is_some_and(|c| !c.contains("---"))) =>
            {
                Some(unit)
            }
            _ => None,
        }
    }

    /// The default target: the first coded unit outside the pattern's
    /// literal words, else the first coded unit (`released the civilians`
    /// with `* &PEOPLE`: the phrase the pattern named is all there is).
    fn default_target(&self, literal: u128) -> Option<usize> {
        self.first_unit_outside(literal).or_else(|| self.coded_units().next())
    }

}

/// The tree with its words upper-cased and node spans computed.
struct Sentence<'a> {
    tree: &'a Tree,
    /// The words upper-cased, as slices of one buffer the caller owns (one
    /// allocation per sentence instead of one per word).
    words: Vec<&'a str>,
    /// [`word_hash`] of each word.
    hashes: Vec<u64>,
    /// The words as written, for output texts.
    orig: Vec<&'a str>,
    tags: Vec<&'a str>,
    /// Word span `[start, end)` of each node.
    span: Vec<(usize, usize)>,
    /// The pre-terminal's parent node of each word.
    parent_of_word: Vec<NodeId>,
    /// Words in comma-delimited clauses PETRARCH removes before coding.
    deleted: Vec<bool>,
}

impl<'a> Sentence<'a> {
    /// Reads the tree; `buf` receives the upper-cased words.
    fn new(tree: &'a Tree, buf: &'a mut String) -> Sentence<'a> {
        let nodes = tree.nodes();
        buf.clear();
        let mut ends = Vec::with_capacity(tree.word_count());
        let mut orig = Vec::with_capacity(tree.word_count());
        let mut tags = Vec::with_capacity(tree.word_count());
        let mut parent_of_word = Vec::with_capacity(tree.word_count());
        let mut span = vec![(usize::MAX, 0usize); nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if let Some(w) = &n.word {
                // Nearly every token is ASCII: the cheap upper-casing first.
                if w.text.is_ascii() {
                    let from = buf.len();
                    buf.push_str(&w.text);
                    buf[from..].make_ascii_uppercase();
                } else {
                    buf.extend(w.text.chars().flat_map(char::to_uppercase));
                }
                ends.push(buf.len());
                orig.push(w.text.as_str());
                tags.push(n.label.as_str());
                parent_of_word.push(n.parent.unwrap_or(NodeId(i as u32)));
                span[i] = (w.index, w.index + 1);
            }
        }
        // Children follow parents in the arena: fold spans upwards in reverse.
        for i in (0..nodes.len()).rev() {
            if let Some(p) = nodes[i].parent {
                let (a, b) = span[i];
                let ps = &mut span[p.0 as usize];
                ps.0 = ps.0.min(a);
                ps.1 = ps.1.max(b);
            }
        }
        for s in &mut span {
            if s.0 == usize::MAX {
                *s = (0, 0);
            }
        }
        let buf: &'a str = buf;
        let mut from = 0;
        let words: Vec<&str> = ends
            .into_iter()
            .map(|end| {
                let w = &buf[from..end];
                from = end;
                w
            })
            .collect();
        Sentence {
            deleted: vec![false; words.len()],
            hashes: words.iter().map(|w| word_hash(w)).collect(),
            tree,
            words,
            orig,
            tags,
            span,
            parent_of_word,
        }
    }

    /// For a clause `s` that follows `S CC` among its siblings, the subject
    /// of that earlier clause.
    fn coordinated_subject(&self, s: NodeId) -> Option<NodeId> {
        let t = self.tree;
        let parent = t.node(t.node(s).parent?);
        let k = parent.children.iter().position(|c| *c == s)?;
        if k < 2 || t.node(parent.children[k - 1]).label != "CC" {
            return None;
        }
        let prev = t.node(parent.children[k - 2]);
        if prev.label != "S" {
            return None;
        }
        prev.children.iter().copied().find(|c| is_np(&t.node(*c).label))
    }

    /// Whether a `not`, `n't` or `never` of an enclosing verb phrase comes
    /// before word `w` (`would not help`, `did n't say that … attacked`).
    fn is_negated(&self, w: usize) -> bool {
        let t = self.tree;
        let mut n = self.parent_of_word[w];
        while let Some(p) = t.node(n).parent {
            let pn = t.node(p);
            if pn.label == "VP" {
                let neg = pn.children.iter().take_while(|c| **c != n).any(|c| {
                    let (a, b) = self.span[c.0 as usize];
                    b == a + 1 && matches!(self.words[a], "NOT" | "N'T" | "NEVER")
                });
                if neg {
                    return true;
                }
            }
            n = p;
        }
        false
    }

    /// Whether word `w` is inside a prepositional phrase that opens its
    /// clause (a PP child of the `S` before the subject).
    fn in_opening_pp(&self, w: usize) -> bool {
        let t = self.tree;
        let mut n = self.parent_of_word[w];
        while let Some(p) = t.node(n).parent {
            let label = t.node(p).label.as_str();
            if t.node(n).label == "PP" && label == "S" {
                // A PP before any NP sibling of the clause opens it.
                return !t.node(p).children.iter().take_while(|c| **c != n).any(|c| is_np(&t.node(*c).label));
            }
            if label == "S" || label == "SBAR" || label == "ROOT" {
                return false;
            }
            n = p;
        }
        false
    }

    /// Words `[a, b)` with their hashes.
    fn words_in(&self, a: usize, b: usize) -> Words<'_> {
        Words {
            w: &self.words[a..b],
            h: &self.hashes[a..b],
        }
    }

    fn is_possessive(&self, np: NodeId) -> bool {
        let n = self.tree.node(np);
        n.children
            .last()
            .is_some_and(|c| self.tree.node(*c).label == "POS")
            || n.children.len() == 1 && self.tree.node(n.children[0]).label == "PRP$"
    }

    /// Verbs: each `VB*` word directly under a `VP`, with that `VP`.
    fn verbs(&self) -> Vec<(usize, NodeId)> {
        let mut out = Vec::new();
        for (i, tag) in self.tags.iter().enumerate() {
            if !tag.starts_with("VB") || self.deleted[i] {
                continue;
            }
            let vp = self.parent_of_word[i];
            if self.tree.node(vp).label == "VP" {
                out.push((i, vp));
            }
        }
        out
    }

    /// The subject noun phrase of the clause a verb phrase belongs to:
    /// up through verb phrases (and subjectless clauses: `is about to
    /// restore`), the last `NP` before them in the first clause that has one.
    fn subject(&self, vp: NodeId) -> Option<NodeId> {
        let t = self.tree;
        let mut node = vp;
        while let Some(parent) = t.node(node).parent {
            let pn = t.node(parent);
            match pn.label.as_str() {
                "VP" => {}
                "S" | "SQ" | "SINV" => {
                    let np = pn
                        .children
                        .iter()
                        .take_while(|c| **c != node)
                        .filter(|c| is_np(&t.node(**c).label))
                        .last();
                    if let Some(np) = np {
                        return Some(*np);
                    }
                    // `Gondor launched a new bombing and [S shelling …
                    // against Osgiliath]`: a subjectless clause coordinated
                    // after one with a subject shares it (PATTERN-28).
                    if let Some(np) = self.coordinated_subject(parent) {
                        return Some(np);
                    }
                }
                _ => return None,
            }
            node = parent;
        }
        None
    }

    /// PETRARCH's comma-clause deletion: between two commas of one phrase
    /// (`comma_min`..`comma_max` words), from the start of the sentence to
    /// its first comma (`comma_bmin`..`comma_bmax`), and from its last comma
    /// to the end (`comma_emin`..`comma_emax`); a maximum of 0 turns a kind
    /// off. Only whole phrases between comma siblings are removed, so the
    /// rest of the tree stays well formed.
    fn delete_comma_clauses(&mut self, o: &Options) {
        let n = self.words.len();
        // The sentence's end, before its final punctuation.
        let mut end = n;
        while end > 0 && matches!(self.tags[end - 1], "." | "''" | ":") {
            end -= 1;
        }
        let in_range =
            |len: usize, min: u32, max: u32| max > 0 && len >= min as usize && len <= max as usize;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (i, node) in self.tree.nodes().iter().enumerate() {
            let commas: Vec<usize> = node
                .children
                .iter()
                .filter(|c| self.tree.node(**c).label == ",")
                .map(|c| self.span[c.0 as usize].0)
                .collect();
            if commas.is_empty() {
                continue;
            }
            let (a, b) = self.span[i];
            for w in commas.windows(2) {
                if in_range(w[1] - w[0] - 1, o.comma_min, o.comma_max) {
                    spans.push((w[0] + 1, w[1]));
                }
            }
            let first = commas[0];
            if a == 0 && in_range(first, o.comma_bmin, o.comma_bmax) {
                spans.push((0, first));
            }
            let last = *commas.last().expect("non-empty");
            if b >= end && last < end && in_range(end - last - 1, o.comma_emin, o.comma_emax) {
                spans.push((last + 1, end));
            }
        }
        for (x, y) in spans {
            for d in &mut self.deleted[x..y] {
                *d = true;
            }
        }
    }

    /// A new actor named by the words of `(a, b)` (possessive `'s` left
    /// out), if it has a proper noun and at most `limit` words.
    fn new_actor(&self, (a, b): (usize, usize), limit: usize) -> Option<Member> {
        let proper = (a..b).any(|k| self.tags[k].starts_with("NNP"));
        self.new_actor_words((a, b), limit).filter(|_| proper)
    }

    /// Whether noun phrase `np` coordinates noun phrases (`A and B`).
    fn is_coordination(&self, np: NodeId) -> bool {
        let n = self.tree.node(np);
        n.children.iter().any(|c| self.tree.node(*c).label == "CC")
            && n.children.iter().any(|c| is_np(&self.tree.node(*c).label))
    }

    /// The new actor named by the words of `(a, b)` (at most `limit`).
    fn new_actor_words(&self, (a, b): (usize, usize), limit: usize) -> Option<Member> {
        let words: Vec<&str> = (a..b)
            .filter(|&k| self.tags[k] != "POS" && !matches!(self.tags[k], "," | "." | ":"))
            .map(|k| self.words[k])
            .collect();
        (!words.is_empty() && words.len() <= limit).then(|| Member {
            code: Some(format!("\"{}\"", words.join(" "))),
            start: a,
            end: b,
        })
    }

    /// `(a, b)` widened to the noun phrase `X of Y` when it is the `X`.
    fn with_of_complement(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let t = self.tree;
        for (i, n) in t.nodes().iter().enumerate() {
            if self.span[i] != (a, b) || !is_np(&n.label) {
                continue;
            }
            let Some(p) = n.parent else { break };
            let pn = t.node(p);
            let of = pn.children.len() == 2
                && pn.children[0].0 as usize == i
                && t.node(pn.children[1]).label == "PP"
                && self.words.get(b).is_some_and(|w| *w == "OF");
            if is_np(&pn.label) && of {
                return self.span[p.0 as usize];
            }
            break;
        }
        (a, b)
    }

    /// A dateline: the tree is a fragment (its top phrase is not a clause)
    /// that opens with upper-case words followed by `:` (`CEBU CITY: --`).
    fn dateline(&self) -> Option<String> {
        let t = self.tree;
        let top = t
            .node(t.root())
            .children
            .first()
            .copied()
            .unwrap_or(t.root());
        if matches!(t.node(top).label.as_str(), "S" | "SINV" | "SQ" | "SBARQ") {
            return None;
        }
        let colon = self.tags.iter().take(6).position(|x| *x == ":")?;
        let upper_words = colon > 0
            && self.orig[..colon]
                .iter()
                .all(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase));
        upper_words.then(|| self.orig[..colon].join(" "))
    }

    /// Whether the clause a verb phrase heads names a subject of its own
    /// (walking up through verb phrases only, not through a subjectless
    /// clause into the one above it).
    fn own_subject(&self, vp: NodeId) -> bool {
        let t = self.tree;
        let mut node = vp;
        while let Some(parent) = t.node(node).parent {
            let pn = t.node(parent);
            match pn.label.as_str() {
                "VP" => node = parent,
                "S" | "SQ" | "SINV" => {
                    return pn
                        .children
                        .iter()
                        .take_while(|c| **c != node)
                        .any(|c| is_np(&t.node(*c).label));
                }
                _ => return false,
            }
        }
        false
    }

    /// A noun phrase that is only a pronoun (`it`, `they`).
    fn is_pronoun(&self, np: NodeId) -> bool {
        let (a, b) = self.span[np.0 as usize];
        b == a + 1 && matches!(self.tags[a], "PRP" | "EX")
    }

    /// A past participle after a form of `be` (adverbs and negation may
    /// intervene): PETRARCH's passive test.
    fn is_passive(&self, v: usize) -> bool {
        if self.tags[v] != "VBN" {
            return false;
        }
        let mut i = v;
        while i > 0 {
            i -= 1;
            match self.words[i] {
                "WAS" | "WERE" | "IS" | "ARE" | "BE" | "BEEN" | "BEING" | "AM" | "'S" => {
                    return true
                }
                _ if self.tags[i].starts_with("RB") => continue,
                _ => return false,
            }
        }
        false
    }

    /// Start of the first clause (`S`, `SBAR`) inside `vp` after word `from`.
    fn first_clause_in(&self, vp: NodeId, from: usize) -> Option<usize> {
        let (a, b) = self.span[vp.0 as usize];
        let mut best: Option<usize> = None;
        for (i, n) in self.tree.nodes().iter().enumerate().skip(vp.0 as usize + 1) {
            let (x, y) = self.span[i];
            if x >= b || y <= a {
                continue;
            }
            if matches!(n.label.as_str(), "S" | "SBAR" | "SINV" | "SQ") && x >= from {
                best = Some(best.map_or(x, |v: usize| v.min(x)));
            }
        }
        best
    }

    /// Where the upper sequence of a verb at `v` starts: after the last
    /// complete clause (`S`, `SBAR`) that ends before the verb.
    fn clause_start(&self, v: usize) -> usize {
        let mut start = 0;
        for (i, n) in self.tree.nodes().iter().enumerate() {
            if matches!(n.label.as_str(), "S" | "SBAR" | "SINV") {
                let (a, b) = self.span[i];
                if b <= v && b > start && a < b {
                    start = b;
                }
            }
        }
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorDictionary;
    use crate::verbs::{Generation, VerbDictionary};

    fn coder() -> PetrarchCoder {
        let verbs = b"&TIES\n+TIES\n+RELATIONS\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES WITH + [065]\n\n--- MEET [031:031] ---\nMEET {MET}\n- % * [036]\n";
        PetrarchCoder::new(&DictionarySet {
            verbs: Some(
                VerbDictionary::parse(verbs, "v", Generation::Petrarch1)
                    .unwrap()
                    .value,
            ),
            actors: vec![
                ActorDictionary::parse(b"ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\n", "a")
                    .unwrap()
                    .value,
            ],
            agents: None,
            discards: None,
            issues: None,
        })
    }

    fn code(c: &PetrarchCoder, tree: &str) -> Vec<(String, String, String)> {
        match c.code(&Tree::parse(tree).unwrap(), None, &Options::default()) {
            Outcome::Events(e) => e
                .into_iter()
                .map(|e| (e.source, e.target, e.code))
                .collect(),
            Outcome::Discarded(d) => panic!("discarded: {d:?}"),
        }
    }

    #[test]
    fn pattern_with_synset_and_bound_target() {
        let c = coder();
        let ev = code(&c, "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS relations)) (PP (IN with) (NP (NNP Gondor))))))");
        assert_eq!(ev, [("ARN".into(), "GON".into(), "065".into())]);
    }

    #[test]
    fn compound_subject_meets_pairwise() {
        let c = coder();
        let mut ev = code(
            &c,
            "(ROOT (S (NP (NNP Gondor) (CC and) (NNP Osgiliath)) (VP (VBD met))))",
        );
        ev.sort();
        assert_eq!(
            ev,
            [
                ("GON".into(), "OSG".into(), "036".into()),
                ("OSG".into(), "GON".into(), "036".into())
            ]
        );
    }

    #[test]
    fn no_events_without_a_dyad() {
        let c = coder();
        assert!(code(
            &c,
            "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS order)))))"
        )
        .is_empty());
    }

    #[test]
    fn petrarch2_transformation_rewrites_the_inner_event() {
        let verbs = b"--- PHYSICAL_CONFLICT [190] ---\nATTACK\n- * {BORDER POST} [193]\n\n--- DEMAND [100] ---\nWANT\n\n~ a (b . ATTACK) WANT = a b 021\n~ a (_ b ATTACK) WANT = a b 138\n";
        let c = PetrarchCoder::new(&DictionarySet {
            verbs: Some(
                VerbDictionary::parse(verbs, "v", Generation::Petrarch2)
                    .unwrap()
                    .value,
            ),
            actors: vec![
                ActorDictionary::parse(b"OBAMA [USAGOV]\nPUTIN [RUSGOV]\nSWITZERLAND [CHE]\n", "a")
                    .unwrap()
                    .value,
            ],
            agents: None,
            discards: None,
            issues: None,
        });
        let other = code(&c, "(ROOT (S (NP (NNP Obama)) (VP (VBZ wants) (S (NP (NNP Putin)) (VP (TO to) (VP (VB attack) (NP (NNP Switzerland))))))))");
        assert_eq!(other, [("USAGOV".into(), "RUSGOV".into(), "021".into())]);
        let own = code(&c, "(ROOT (S (NP (NNP Obama)) (VP (VBZ wants) (S (VP (TO to) (VP (VB attack) (NP (NNP Switzerland))))))))");
        assert_eq!(own, [("USAGOV".into(), "CHE".into(), "138".into())]);
    }

    #[test]
    fn a_repeated_pattern_replaces_the_earlier_one_in_petrarch2_only() {
        let verbs = b"--- ALLOW [080] ---\nALLOW\nRATIFY {RATIFIES RATIFYING RATIFIED}\n- * TREATY [031:031] # ALLOW\n- * TREATY [057] # RATIFY\n";
        let actors = b"UKRAINE [UKR]\nEUROPE [EUR]\n";
        let tree = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD ratified) (NP (DT a) (NN treaty)) (PP (IN with) (NP (NNP Europe))))))";
        for (generation, expected) in [
            (Generation::Petrarch2, vec![("UKR", "EUR", "057")]),
            (
                Generation::Petrarch1,
                vec![("UKR", "EUR", "031"), ("EUR", "UKR", "031")],
            ),
        ] {
            let c = PetrarchCoder::new(&DictionarySet {
                verbs: Some(VerbDictionary::parse(verbs, "v", generation).unwrap().value),
                actors: vec![ActorDictionary::parse(actors, "a").unwrap().value],
                agents: None,
                discards: None,
                issues: None,
            });
            let expected: Vec<(String, String, String)> = expected
                .into_iter()
                .map(|(a, b, c)| (a.into(), b.into(), c.into()))
                .collect();
            assert_eq!(code(&c, tree), expected, "{generation:?}");
        }
    }

    /// A coder over small dictionaries of one generation.
    fn coder_with(verbs: &[u8], actors: &[u8], agents: Option<&[u8]>, g: Generation) -> PetrarchCoder {
        PetrarchCoder::new(&DictionarySet {
            verbs: Some(VerbDictionary::parse(verbs, "v", g).unwrap().value),
            actors: vec![ActorDictionary::parse(actors, "a").unwrap().value],
            agents: agents.map(|a| crate::agents::AgentDictionary::parse(a, "g").unwrap().value),
            discards: None,
            issues: None,
        })
    }

    fn triples(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        v.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect()
    }

    #[test]
    fn a_missing_target_needs_a_noun_phrase_after_the_verb() {
        let c = coder_with(b"--- SAY [023] ---\nSAY {SAID}\n", b"BREE [BRE]\n", None, Generation::Petrarch1);
        let mut o = Options::default();
        o.set("require_dyad", "false").unwrap();
        let code = |tree: &str| match c.code(&Tree::parse(tree).unwrap(), None, &o) {
            Outcome::Events(e) => e.into_iter().map(|e| (e.source, e.target, e.code)).collect::<Vec<_>>(),
            Outcome::Discarded(d) => panic!("discarded: {d:?}"),
        };
        let today = "(ROOT (S (NP (NNP Bree)) (VP (VBD said) (NP-TMP (NN today)))))";
        assert!(code(today).is_empty());
        let saturday = "(ROOT (S (NP (NNP Bree)) (VP (VBD said) (PP (IN on) (NP (NNP Saturday))))))";
        assert_eq!(code(saturday), triples(&[("BRE", "---", "023")]));
    }

    #[test]
    fn the_patterns_own_phrase_is_not_the_default_target() {
        let verbs = b"--- OVERSEE [150] ---\nCONDUCT\n- * {MILITARY EXERCISES} [150]\n\n--- RELEASE [084] ---\nRELEASE\n- * CIVILIANS [0841]\n";
        let c = coder_with(verbs, b"RUSSIA [RUS]\nALASKA [USA]\n", Some(b"SOLDIER [~MIL]\nCIVILIAN [~CVL]\n"), Generation::Petrarch2);
        let alaska = "(ROOT (S (NP (NNP Russia)) (VP (VBZ is) (VP (VBG conducting) (NP (JJ military) (NNS exercises)) (PP (IN in) (NP (NNP Alaska)))))))";
        assert_eq!(code(&c, alaska), triples(&[("RUS", "USA", "150")]));
        // Nothing else follows: the phrase the pattern named is the target.
        let civilians = "(ROOT (S (NP (NNP Russia)) (VP (VBD released) (NP (DT the) (NNS civilians)))))";
        assert_eq!(code(&c, civilians), triples(&[("RUS", "---CVL", "0841")]));
    }

    #[test]
    fn passive_subject_is_the_patterns_object() {
        let verbs = b"--- PRESENT [010] ---\nPRESENT\n- * EVIDENCE AGAINST + [1124]\n";
        let c = coder_with(verbs, b"RUSSIA [RUS]\nUNITED STATES [USA]\n", None, Generation::Petrarch2);
        let passive = "(ROOT (S (NP (NP (NN Evidence)) (PP (IN against) (NP (NNP Russia)))) (VP (VBD was) (VP (VBN presented) (PP (IN by) (NP (DT the) (NNP United) (NNPS States)))))))";
        assert_eq!(code(&c, passive), triples(&[("USA", "RUS", "1124")]));
        let active = "(ROOT (S (NP (DT The) (NNP United) (NNPS States)) (VP (VBD presented) (NP (NP (NN evidence)) (PP (IN against) (NP (NNP Russia)))))))";
        assert_eq!(code(&c, active), triples(&[("USA", "RUS", "1124")]));
    }

    #[test]
    fn petrarch2_pairs_an_intransitive_compound_subject_and_drops_negated_verbs() {
        let verbs = b"--- MEET [040] ---\nMEET {MET}\n\n--- AID [070] ---\nHELP\n";
        let actors = b"UNITED STATES [USA]\nRUSSIA [RUS]\nSWITZERLAND [CHE]\nISRAEL [ISR]\n";
        let c = coder_with(verbs, actors, None, Generation::Petrarch2);
        let mut met = code(&c, "(ROOT (S (NP (NNP Russia) (, ,) (CC and) (NNP Switzerland)) (VP (VBD met) (NP-TMP (NN yesterday)))))");
        met.sort();
        assert_eq!(met, triples(&[("CHE", "RUS", "040"), ("RUS", "CHE", "040")]));
        let negated = "(ROOT (S (NP (NNP Russia)) (VP (MD would) (RB not) (VP (VB help) (NP (NNP Israel))))))";
        assert!(code(&c, negated).is_empty());
        let helped = "(ROOT (S (NP (NNP Russia)) (VP (MD would) (VP (VB help) (NP (NNP Israel))))))";
        assert_eq!(code(&c, helped), triples(&[("RUS", "ISR", "070")]));
        // PETRARCH-1 dictionaries keep both behaviours of PETRARCH-1.
        let p1 = coder_with(verbs, actors, None, Generation::Petrarch1);
        assert_eq!(code(&p1, negated), triples(&[("RUS", "ISR", "070")]));
    }

    #[test]
    fn a_coordinated_subjectless_clause_shares_the_subject() {
        let verbs = b"--- SHELL [190] ---\nSHELL\n";
        let c = coder_with(verbs, b"GONDOR [GON]\nOSGILIATH [OSG]\n", None, Generation::Petrarch1);
        let tree = "(ROOT (S (S (NP (NNP Gondor)) (VP (VBD launched) (NP (DT a) (NN raid)))) (CC and) (S (VP (VBG shelling) (NP (NNP Osgiliath))))))";
        assert_eq!(code(&c, tree), triples(&[("GON", "OSG", "190")]));
    }

    #[test]
    fn odd_tree_shapes_do_not_panic() {
        let c = coder();
        // Every shape the reader accepts must code without panicking:
        // bare pre-terminals, unlabelled roots, verbs outside VPs, empty-ish
        // clauses, commas at the edges.
        for t in [
            "(NN dog)",
            "(VP (VBD met))",
            "( (S (, ,) (NP (NNP Arnor)) (, ,)))",
            "(ROOT (NP (NNP ARNOR) (: :) (NP (NNP Gondor))))",
            "(ROOT (S (VP (VBD met) (NP (NP (NNP Gondor)) (CC and)))))",
            "(ROOT (NP (NP (POS 's)) (NP (PRP$ its))))",
            "(ROOT (S (NP (NNP Gondor) (CC and)) (VP (VBD met) (, ,) (, ,))))",
        ] {
            let tree = Tree::parse(t).unwrap();
            let _ = c.code(&tree, None, &Options::default());
            let _ = c.trace(&tree, None);
            let _ = c.issues(&tree);
        }
    }
}
