//! Morphology: regular English inflection rules, the irregular-verb table,
//! and the [`Lexicon`] that maps surface forms to lemmas.
//!
//! The coder lemmatises a token by one hash look-up ([`Lexicon::analyses`])
//! instead of running a stemmer: every word that can matter to a pattern or
//! an agent is inflected once, at start-up, and all its forms are stored.
//! That is both faster and more exact than stemming ("led" → lead, never
//! "le").

use crate::fx::FxHashMap;

/// Part of speech of an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    /// A verb form.
    Verb,
    /// A noun form.
    Noun,
    /// A word that does not inflect here (prepositions, quoted exact words).
    Word,
}

/// Which form of the lemma a surface word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// The lemma itself (base verb, singular noun).
    Base,
    /// Third-person singular present (`-s`).
    Third,
    /// Regular past / past participle (`-ed`).
    Past,
    /// Present participle (`-ing`).
    Ing,
    /// Noun plural.
    Plural,
    /// An irregular verb form (`led`, `taken`, `went`) other than `-s`/`-ing`.
    Irregular,
}

/// Index of a lemma in the [`Lexicon`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LemmaId(pub u32);

/// One reading of a surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Analysis {
    /// The lemma.
    pub lemma: LemmaId,
    /// Its part of speech in this reading.
    pub pos: Pos,
    /// Which form the surface is.
    pub form: Form,
}

/// Closed-class words that never inflect: generating "ons" or "toed" for a
/// preposition in a pattern would only add false analyses.
const CLOSED: &[&str] = &[
    "a", "an", "the", "to", "of", "on", "in", "into", "onto", "at", "by", "for", "from", "with",
    "without", "against", "about", "over", "under", "up", "down", "out", "off", "as", "and", "or",
    "nor", "but", "not", "no", "its", "their", "his", "her", "our", "your", "my", "this", "that",
    "these", "those", "it", "they", "them", "he", "she", "we", "you", "i", "me", "him", "us",
    "between", "among", "amid", "towards", "toward", "through", "across", "after", "before",
    "during", "upon", "within", "behind", "beyond", "near", "via", "than", "so", "if", "all",
    "any", "some", "each", "every", "more", "most", "less", "new", "own", "'s", "per", "whether",
    "while", "again", "back", "away", "also", "further", "other", "another",
];

/// True when `w` is a closed-class word (no inflections are generated).
pub fn is_closed_class(w: &str) -> bool {
    CLOSED.contains(&w)
}

/// Polysyllabic verbs stressed on a final consonant-vowel-consonant
/// syllable double it ("commit" → "committed"); stress cannot be read off
/// the spelling, so they are listed. Monosyllables are handled by rule.
const DOUBLING: &[&str] = &[
    "admit", "commit", "omit", "permit", "submit", "transmit", "emit", "remit", "acquit", "regret",
    "abet", "beget", "forget", "upset", "refer", "prefer", "confer", "defer", "infer", "transfer",
    "deter", "inter", "occur", "recur", "incur", "concur", "compel", "expel", "propel", "repel",
    "dispel", "rebel", "control", "patrol", "enrol", "extol", "equip", "kidnap", "worship",
    "embed", "forbid", "outbid", "overrun", "begin", "unpin", "annul", "handicap", "outstrip",
    "format", "program", "overlap", "befit", "outwit",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// True when a monosyllable ends consonant-vowel-consonant and so doubles
/// its last letter before `-ed`/`-ing` (stop → stopped, plan → planned;
/// not visit, not fix/show/play).
fn doubles(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    // "qu" acts as a consonant ("quit", "quip").
    let c1_is_cons = !is_vowel(c1) || (c1 == b'u' && n >= 4 && b[n - 4] == b'q');
    if !c1_is_cons || !is_vowel(v) || is_vowel(c2) || matches!(c2, b'w' | b'x' | b'y') {
        return false;
    }
    // Every listed verb ends consonant-vowel-consonant, so the list is only
    // consulted after the cheap test above.
    if DOUBLING.contains(&w) {
        return true;
    }
    // Count vowel groups ("y" after a consonant counts as a vowel): one group = monosyllable.
    let mut groups = 0;
    let mut prev_vowel = false;
    for (i, &c) in b.iter().enumerate() {
        let qu = c == b'u' && i > 0 && b[i - 1] == b'q';
        let vowel = (is_vowel(c) && !qu) || (c == b'y' && i > 0 && !is_vowel(b[i - 1]));
        if vowel && !prev_vowel {
            groups += 1;
        }
        prev_vowel = vowel;
    }
    groups == 1
}

fn consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

fn sibilant(w: &str) -> bool {
    w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
}

/// Regular third-person singular: -s, -es (sibilants and -o), -ies.
pub fn third_person(w: &str) -> String {
    let mut s = String::with_capacity(w.len() + 3);
    third_person_into(w, &mut s);
    s
}

/// [`third_person`], appended to `s` (start-up inflects thousands of
/// words; writing into one buffer avoids an allocation per form).
pub fn third_person_into(w: &str, s: &mut String) {
    if consonant_y(w) {
        s.push_str(&w[..w.len() - 1]);
        s.push_str("ies");
    } else if sibilant(w)
        || (w.ends_with('o') && w.len() > 1 && !is_vowel(w.as_bytes()[w.len() - 2]))
    {
        s.push_str(w);
        s.push_str("es");
    } else {
        s.push_str(w);
        s.push('s');
    }
}

/// Regular past tense and past participle: -ed, -d after -e, -ied, with
/// consonant doubling for CVC monosyllables and listed stressed verbs.
pub fn past(w: &str) -> String {
    let mut s = String::with_capacity(w.len() + 4);
    past_into(w, &mut s);
    s
}

/// [`past`], appended to `s`.
pub fn past_into(w: &str, s: &mut String) {
    if w.ends_with('e') {
        s.push_str(w);
        s.push('d');
    } else if consonant_y(w) {
        s.push_str(&w[..w.len() - 1]);
        s.push_str("ied");
    } else if doubles(w) {
        s.push_str(w);
        s.push_str(&w[w.len() - 1..]);
        s.push_str("ed");
    } else if w.ends_with('c') && w.len() > 3 {
        // panic → panicked, traffic → trafficked
        s.push_str(w);
        s.push_str("ked");
    } else {
        s.push_str(w);
        s.push_str("ed");
    }
}

/// Regular present participle: -ing, dropping a silent -e (but not -ee,
/// -oe, -ye), -ie → -ying, with doubling like [`past`].
pub fn ing(w: &str) -> String {
    let mut s = String::with_capacity(w.len() + 4);
    ing_into(w, &mut s);
    s
}

/// [`ing`], appended to `s`.
pub fn ing_into(w: &str, s: &mut String) {
    if let Some(stem) = w.strip_suffix("ie") {
        s.push_str(stem);
        s.push_str("ying");
    } else if w.ends_with('e')
        && !w.ends_with("ee")
        && !w.ends_with("oe")
        && !w.ends_with("ye")
        && w.len() > 2
    {
        s.push_str(&w[..w.len() - 1]);
        s.push_str("ing");
    } else if doubles(w) {
        s.push_str(w);
        s.push_str(&w[w.len() - 1..]);
        s.push_str("ing");
    } else if w.ends_with('c') && w.len() > 3 {
        s.push_str(w);
        s.push_str("king");
    } else {
        s.push_str(w);
        s.push_str("ing");
    }
}

/// Regular noun plural: -s, -es after sibilants, -ies after consonant + y.
/// Multi-word nouns inflect their last word (`foreign minister` →
/// `foreign ministers`). Irregular plurals are given in the data.
pub fn plural(noun: &str) -> String {
    let mut s = String::with_capacity(noun.len() + 3);
    plural_into(noun, &mut s);
    s
}

/// [`plural`], appended to `s`.
pub fn plural_into(noun: &str, s: &mut String) {
    match noun.rsplit_once(' ') {
        Some((head, last)) => {
            s.push_str(head);
            s.push(' ');
            plural_into(last, s);
        }
        None if consonant_y(noun) => {
            s.push_str(&noun[..noun.len() - 1]);
            s.push_str("ies");
        }
        None if sibilant(noun) => {
            s.push_str(noun);
            s.push_str("es");
        }
        None => {
            s.push_str(noun);
            s.push('s');
        }
    }
}

/// The readings of one surface form. Most surfaces have exactly one, kept
/// inline to save an allocation per form.
#[derive(Debug, Clone)]
enum Analyses {
    One(Analysis),
    Many(Vec<Analysis>),
}

impl Analyses {
    fn as_slice(&self) -> &[Analysis] {
        match self {
            Analyses::One(a) => std::slice::from_ref(a),
            Analyses::Many(v) => v,
        }
    }
}

/// An append-only set of strings with dense ids, stored in one arena.
///
/// Start-up interns tens of thousands of short words; a `HashMap<Box<str>,
/// _>` would allocate once per word (and again on every rehash it re-hashes
/// whole strings). Here the map is keyed by the string's 64-bit hash, with
/// a collision chain checked against the arena, so inserting costs no
/// allocation of its own.
#[derive(Debug, Clone, Default)]
struct StrTable {
    arena: String,
    spans: Vec<(u32, u32)>,
    by_hash: FxHashMap<u64, u32>,
    // Next id with the same hash (u32::MAX ends the chain).
    next: Vec<u32>,
}

impl StrTable {
    fn hash(s: &str) -> u64 {
        use std::hash::Hasher;
        let mut h = crate::fx::FxHasher::default();
        h.write(s.as_bytes());
        h.finish()
    }

    fn get_str(&self, id: u32) -> &str {
        let (a, b) = self.spans[id as usize];
        &self.arena[a as usize..b as usize]
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.get_hashed(s, Self::hash(s))
    }

    /// [`StrTable::get`] with the hash of `s` already computed, so that a
    /// look-up followed by an insert hashes the string once.
    fn get_hashed(&self, s: &str, hash: u64) -> Option<u32> {
        let mut id = *self.by_hash.get(&hash)?;
        loop {
            if self.get_str(id) == s {
                return Some(id);
            }
            id = self.next[id as usize];
            if id == u32::MAX {
                return None;
            }
        }
    }

    /// Inserts `s` (which must not be present; `hash` is [`StrTable::hash`]
    /// of it) and returns its id.
    fn insert_new(&mut self, s: &str, hash: u64) -> u32 {
        let id = self.spans.len() as u32;
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        self.spans.push((start, self.arena.len() as u32));
        let prev = self.by_hash.insert(hash, id);
        self.next.push(prev.unwrap_or(u32::MAX));
        id
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn reserve(&mut self, n: usize) {
        self.arena.reserve(n * 8);
        self.spans.reserve(n);
        self.by_hash.reserve(n);
        self.next.reserve(n);
    }
}

/// Surface forms and the lemmas they can be, for every word of every
/// pattern, synset and agent noun.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    lemmas: StrTable,
    surface: StrTable,
    // Readings of each surface, by surface id.
    readings: Vec<Analyses>,
    irregular: FxHashMap<Box<str>, Vec<Box<str>>>,
    // Per lemma id, a bit per expansion already done (verb, noun, exact,
    // word), so a word used in a thousand patterns ("to", "aid") is
    // inflected once. A byte per lemma instead of a hash set of pairs: the
    // check runs for every pattern word.
    expanded: Vec<u8>,
    // Reused buffer for generated forms.
    scratch: String,
}

impl Lexicon {
    /// An empty lexicon whose verbs inflect with `irregular` (lemma → every
    /// inflected form) where listed, by rule elsewhere.
    pub fn new(irregular: FxHashMap<Box<str>, Vec<Box<str>>>) -> Lexicon {
        Lexicon {
            irregular,
            ..Lexicon::default()
        }
    }

    /// Like [`Lexicon::new`], with room for about `lemmas` lemmas, so the
    /// tables do not rehash as they grow (each lemma gives ~4 surfaces).
    pub fn with_capacity(irregular: FxHashMap<Box<str>, Vec<Box<str>>>, lemmas: usize) -> Lexicon {
        let mut lex = Lexicon::new(irregular);
        lex.lemmas.reserve(lemmas);
        lex.expanded.reserve(lemmas);
        lex.surface.reserve(lemmas * 4);
        lex.readings.reserve(lemmas * 4);
        lex
    }

    /// The id of `lemma`, adding it if new.
    pub fn intern(&mut self, lemma: &str) -> LemmaId {
        let h = StrTable::hash(lemma);
        match self.lemmas.get_hashed(lemma, h) {
            Some(id) => LemmaId(id),
            None => LemmaId(self.lemmas.insert_new(lemma, h)),
        }
    }

    /// Marks expansion `kind` (0 verb, 1 noun, 2 exact, 3 word) of `id` as
    /// done; false when it already was.
    fn mark_expanded(&mut self, id: LemmaId, kind: u8) -> bool {
        let i = id.0 as usize;
        if i >= self.expanded.len() {
            self.expanded.resize(i + 1, 0);
        }
        let bit = 1u8 << kind;
        let new = self.expanded[i] & bit == 0;
        self.expanded[i] |= bit;
        new
    }

    /// The id of a known lemma.
    pub fn lemma_id(&self, lemma: &str) -> Option<LemmaId> {
        self.lemmas.get(lemma).map(LemmaId)
    }

    /// The text of a lemma ("" for an id from another lexicon).
    pub fn lemma(&self, id: LemmaId) -> &str {
        if (id.0 as usize) < self.lemmas.len() {
            self.lemmas.get_str(id.0)
        } else {
            ""
        }
    }

    /// Number of lemmas.
    pub fn lemma_count(&self) -> usize {
        self.lemmas.len()
    }

    /// Number of distinct surface forms.
    pub fn surface_count(&self) -> usize {
        self.surface.len()
    }

    /// Number of irregular verbs known.
    pub fn irregular_count(&self) -> usize {
        self.irregular.len()
    }

    /// Every reading of a surface form, keyed with
    /// [`crate::normalize_key`]. Empty for unknown words.
    #[inline]
    pub fn analyses(&self, key: &str) -> &[Analysis] {
        self.surface
            .get(key)
            .map_or(&[], |id| self.readings[id as usize].as_slice())
    }

    fn add(&mut self, surface: &str, a: Analysis) {
        let h = StrTable::hash(surface);
        let Some(id) = self.surface.get_hashed(surface, h) else {
            self.surface.insert_new(surface, h);
            self.readings.push(Analyses::One(a));
            return;
        };
        let slot = &mut self.readings[id as usize];
        match slot {
            Analyses::One(first) if *first != a => {
                let first = *first;
                *slot = Analyses::Many(vec![first, a]);
            }
            Analyses::One(_) => {}
            Analyses::Many(v) => {
                if !v.contains(&a) {
                    v.push(a);
                }
            }
        }
    }

    /// The inflected forms of a verb: the irregular table's forms when it
    /// has the lemma, else -s, -ed, -ing by rule.
    pub fn verb_forms(&self, lemma: &str) -> Vec<(String, Form)> {
        if let Some(forms) = self.irregular.get(lemma) {
            let regular_third = third_person(lemma);
            return forms
                .iter()
                .map(|f| {
                    let form = if **f == *regular_third {
                        Form::Third
                    } else if f.ends_with("ing") && f.len() > 4 {
                        Form::Ing
                    } else {
                        Form::Irregular
                    };
                    (f.to_string(), form)
                })
                .collect();
        }
        vec![
            (third_person(lemma), Form::Third),
            (past(lemma), Form::Past),
            (ing(lemma), Form::Ing),
        ]
    }

    /// Adds a verb lemma and all its forms; returns its id.
    pub fn add_verb(&mut self, lemma: &str) -> LemmaId {
        let id = self.intern(lemma);
        self.expand_verb(id, lemma);
        id
    }

    fn expand_verb(&mut self, id: LemmaId, lemma: &str) {
        if !self.mark_expanded(id, 0) {
            return;
        }
        self.add(
            lemma,
            Analysis {
                lemma: id,
                pos: Pos::Verb,
                form: Form::Base,
            },
        );
        if self.irregular.contains_key(lemma) {
            for (f, form) in self.verb_forms(lemma) {
                self.add(
                    &f,
                    Analysis {
                        lemma: id,
                        pos: Pos::Verb,
                        form,
                    },
                );
            }
            return;
        }
        let mut buf = std::mem::take(&mut self.scratch);
        for (gen, form) in [
            (third_person_into as fn(&str, &mut String), Form::Third),
            (past_into, Form::Past),
            (ing_into, Form::Ing),
        ] {
            buf.clear();
            gen(lemma, &mut buf);
            self.add(
                &buf,
                Analysis {
                    lemma: id,
                    pos: Pos::Verb,
                    form,
                },
            );
        }
        self.scratch = buf;
    }

    /// Adds a noun lemma with its plural (`plural` when irregular, else
    /// generated); returns its id.
    pub fn add_noun(&mut self, lemma: &str, plural_form: Option<&str>) -> LemmaId {
        let id = self.intern(lemma);
        self.expand_noun(id, lemma, plural_form);
        id
    }

    fn expand_noun(&mut self, id: LemmaId, lemma: &str, plural_form: Option<&str>) {
        // An explicit plural is always entered; a generated one only once.
        if plural_form.is_none() && !self.mark_expanded(id, 1) {
            return;
        }
        self.add(
            lemma,
            Analysis {
                lemma: id,
                pos: Pos::Noun,
                form: Form::Base,
            },
        );
        let plural_analysis = Analysis {
            lemma: id,
            pos: Pos::Noun,
            form: Form::Plural,
        };
        if let Some(p) = plural_form {
            self.add(p, plural_analysis);
            return;
        }
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        plural_into(lemma, &mut buf);
        self.add(&buf, plural_analysis);
        // Consonant + o takes -oes in some words (embargoes, vetoes) and -os
        // in others (photos, memos): spelling cannot tell, so accept both.
        if lemma.len() > 2 && lemma.ends_with('o') && !is_vowel(lemma.as_bytes()[lemma.len() - 2]) {
            buf.clear();
            buf.push_str(lemma);
            buf.push_str("es");
            self.add(&buf, plural_analysis);
        }
        self.scratch = buf;
    }

    /// Adds a word of unknown part of speech (a non-head pattern word):
    /// closed-class words stay uninflected; others get both verb and noun
    /// forms, since "impose sanction on +" must match "sanctions" and
    /// "back sanction" must match "sanctioned".
    pub fn add_word(&mut self, lemma: &str) -> LemmaId {
        let id = self.intern(lemma);
        // Pattern words repeat thousands of times; only the first use of a
        // lemma does any work.
        if !self.mark_expanded(id, 3) {
            return id;
        }
        if is_closed_class(lemma)
            || !lemma
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        {
            self.expand_exact(id, lemma);
        } else {
            self.expand_verb(id, lemma);
            self.expand_noun(id, lemma, None);
        }
        id
    }

    /// Adds a word that matches only itself (quoted words).
    pub fn add_exact(&mut self, word: &str) -> LemmaId {
        let id = self.intern(word);
        self.expand_exact(id, word);
        id
    }

    fn expand_exact(&mut self, id: LemmaId, word: &str) {
        if self.mark_expanded(id, 2) {
            self.add(
                word,
                Analysis {
                    lemma: id,
                    pos: Pos::Word,
                    form: Form::Base,
                },
            );
        }
    }
}

impl StrTable {
    /// Writes the strings in id order; re-inserting them in that order
    /// rebuilds the same ids and hash chains.
    fn encode_into(&self, w: &mut crate::binary::Writer) {
        w.len(self.len());
        for id in 0..self.len() as u32 {
            w.str(self.get_str(id));
        }
    }

    fn decode_from(
        r: &mut crate::binary::Reader<'_>,
    ) -> Result<StrTable, crate::binary::DecodeError> {
        let n = r.len()?;
        let mut t = StrTable::default();
        t.reserve(n);
        for _ in 0..n {
            let s = r.str()?;
            let h = StrTable::hash(s);
            if t.get_hashed(s, h).is_some() {
                return r.err("distinct strings in a string table");
            }
            t.insert_new(s, h);
        }
        Ok(t)
    }
}

impl Lexicon {
    /// Writes the lexicon for the precompiled form ([`crate::binary`]);
    /// the irregular table is written sorted, so the bytes are canonical.
    pub(crate) fn encode_into(&self, w: &mut crate::binary::Writer) {
        self.lemmas.encode_into(w);
        self.surface.encode_into(w);
        w.len(self.readings.len());
        for a in &self.readings {
            let s = a.as_slice();
            w.len(s.len());
            for x in s {
                crate::binary::write_analysis(w, x);
            }
        }
        let mut irr: Vec<_> = self.irregular.iter().collect();
        irr.sort();
        w.len(irr.len());
        for (k, forms) in irr {
            w.str(k);
            w.len(forms.len());
            for f in forms {
                w.str(f);
            }
        }
        w.len(self.expanded.len());
        w.buf.extend_from_slice(&self.expanded);
    }

    /// Reads what [`Lexicon::encode_into`] wrote.
    pub(crate) fn decode_from(
        r: &mut crate::binary::Reader<'_>,
    ) -> Result<Lexicon, crate::binary::DecodeError> {
        let lemmas = StrTable::decode_from(r)?;
        let surface = StrTable::decode_from(r)?;
        let n = r.len()?;
        if n != surface.len() {
            return r.err("one reading list per surface form");
        }
        let mut readings = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.len()?;
            let mut v = Vec::with_capacity(k);
            for _ in 0..k {
                let a = crate::binary::read_analysis(r)?;
                if a.lemma.0 as usize >= lemmas.len() {
                    return r.err("a lemma id within the lexicon");
                }
                v.push(a);
            }
            readings.push(if v.len() == 1 {
                Analyses::One(v[0])
            } else {
                Analyses::Many(v)
            });
        }
        let n = r.len()?;
        let mut irregular = FxHashMap::default();
        irregular.reserve(n);
        for _ in 0..n {
            let k: Box<str> = Box::from(r.str()?);
            let k2 = r.len()?;
            let mut forms = Vec::with_capacity(k2);
            for _ in 0..k2 {
                forms.push(Box::from(r.str()?));
            }
            irregular.insert(k, forms);
        }
        let n = r.len()?;
        let expanded = r.bytes(n)?.to_vec();
        Ok(Lexicon {
            lemmas,
            surface,
            readings,
            irregular,
            expanded,
            scratch: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs() {
        let cases = [
            ("stop", "stops", "stopped", "stopping"),
            ("plan", "plans", "planned", "planning"),
            ("visit", "visits", "visited", "visiting"),
            ("agree", "agrees", "agreed", "agreeing"),
            ("carry", "carries", "carried", "carrying"),
            ("pledge", "pledges", "pledged", "pledging"),
            ("impose", "imposes", "imposed", "imposing"),
            ("ban", "bans", "banned", "banning"),
            ("fix", "fixes", "fixed", "fixing"),
            ("play", "plays", "played", "playing"),
            ("reach", "reaches", "reached", "reaching"),
            ("veto", "vetoes", "vetoed", "vetoing"),
            ("commit", "commits", "committed", "committing"),
            ("offer", "offers", "offered", "offering"),
            ("quit", "quits", "quitted", "quitting"),
            ("die", "dies", "died", "dying"),
            ("free", "frees", "freed", "freeing"),
            ("rain", "rains", "rained", "raining"),
            ("panic", "panics", "panicked", "panicking"),
            ("accuse", "accuses", "accused", "accusing"),
            ("control", "controls", "controlled", "controlling"),
            ("open", "opens", "opened", "opening"),
        ];
        for (w, s, ed, ingf) in cases {
            assert_eq!(
                (third_person(w).as_str(), past(w).as_str(), ing(w).as_str()),
                (s, ed, ingf),
                "{w}"
            );
        }
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("official"), "officials");
        assert_eq!(plural("ministry"), "ministries");
        assert_eq!(plural("foreign minister"), "foreign ministers");
        assert_eq!(plural("embassy"), "embassies");
        assert_eq!(plural("boss"), "bosses");
        assert_eq!(plural("day"), "days");
    }

    #[test]
    fn lexicon_prefers_irregular_table() {
        let mut irr = FxHashMap::default();
        irr.insert(
            "lead".into(),
            vec!["leads".into(), "led".into(), "leading".into()],
        );
        let mut lex = Lexicon::new(irr);
        let id = lex.add_verb("lead");
        assert!(lex
            .analyses("led")
            .iter()
            .any(|a| a.lemma == id && a.form == Form::Irregular));
        assert!(lex.analyses("leads").iter().any(|a| a.form == Form::Third));
        assert!(lex.analyses("leaded").is_empty());
        let on = lex.add_word("on");
        assert_eq!(lex.analyses("on")[0].lemma, on);
        assert!(lex.analyses("ons").is_empty());
        lex.add_word("sanction");
        assert!(lex
            .analyses("sanctioned")
            .iter()
            .any(|a| a.pos == Pos::Verb));
        assert!(lex.analyses("sanctions").iter().any(|a| a.pos == Pos::Noun));
    }
}
