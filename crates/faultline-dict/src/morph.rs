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
    "a", "an", "the", "to", "of", "on", "in", "into", "onto", "at", "by", "for", "from", "with", "without",
    "against", "about", "over", "under", "up", "down", "out", "off", "as", "and", "or", "nor", "but", "not",
    "no", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those", "it", "they",
    "them", "he", "she", "we", "you", "i", "me", "him", "us", "between", "among", "amid", "towards", "toward",
    "through", "across", "after", "before", "during", "upon", "within", "behind", "beyond", "near", "via",
    "than", "so", "if", "all", "any", "some", "each", "every", "more", "most", "less", "new", "own", "'s",
    "per", "whether", "while", "again", "back", "away", "also", "further", "other", "another",
];

/// True when `w` is a closed-class word (no inflections are generated).
pub fn is_closed_class(w: &str) -> bool {
    CLOSED.contains(&w)
}

/// Polysyllabic verbs stressed on a final consonant-vowel-consonant
/// syllable double it ("commit" → "committed"); stress cannot be read off
/// the spelling, so they are listed. Monosyllables are handled by rule.
const DOUBLING: &[&str] = &[
    "admit", "commit", "omit", "permit", "submit", "transmit", "emit", "remit", "acquit", "regret", "abet",
    "beget", "forget", "upset", "refer", "prefer", "confer", "defer", "infer", "transfer", "deter", "inter",
    "occur", "recur", "incur", "concur", "compel", "expel", "propel", "repel", "dispel", "rebel", "control",
    "patrol", "enrol", "extol", "equip", "kidnap", "worship", "embed", "forbid", "outbid", "overrun",
    "begin", "unpin", "annul", "handicap", "outstrip", "format", "program", "overlap", "befit", "outwit",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// True when a monosyllable ends consonant-vowel-consonant and so doubles
/// its last letter before `-ed`/`-ing` (stop → stopped, plan → planned;
/// not visit, not fix/show/play).
fn doubles(w: &str) -> bool {
    if DOUBLING.contains(&w) {
        return true;
    }
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    // "qu" acts as a consonant ("quit", "quip").
    let c1_is_cons = !is_vowel(c1) || (c1 == b'u' && n >= 4 && b[n - 4] == b'q');
    if !(c1_is_cons && is_vowel(v) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y')) {
        return false;
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
    w.ends_with('s') || w.ends_with('x') || w.ends_with('z') || w.ends_with("ch") || w.ends_with("sh")
}

/// Regular third-person singular: -s, -es (sibilants and -o), -ies.
pub fn third_person(w: &str) -> String {
    if consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else if sibilant(w) || (w.ends_with('o') && w.len() > 1 && !is_vowel(w.as_bytes()[w.len() - 2])) {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// Regular past tense and past participle: -ed, -d after -e, -ied, with
/// consonant doubling for CVC monosyllables and listed stressed verbs.
pub fn past(w: &str) -> String {
    if w.ends_with('e') {
        format!("{w}d")
    } else if consonant_y(w) {
        format!("{}ied", &w[..w.len() - 1])
    } else if doubles(w) {
        format!("{w}{}ed", &w[w.len() - 1..])
    } else if w.ends_with('c') && w.len() > 3 {
        // panic → panicked, traffic → trafficked
        format!("{w}ked")
    } else {
        format!("{w}ed")
    }
}

/// Regular present participle: -ing, dropping a silent -e (but not -ee,
/// -oe, -ye), -ie → -ying, with doubling like [`past`].
pub fn ing(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ie") {
        format!("{stem}ying")
    } else if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("oe") && !w.ends_with("ye") && w.len() > 2 {
        format!("{}ing", &w[..w.len() - 1])
    } else if doubles(w) {
        format!("{w}{}ing", &w[w.len() - 1..])
    } else if w.ends_with('c') && w.len() > 3 {
        format!("{w}king")
    } else {
        format!("{w}ing")
    }
}

/// Regular noun plural: -s, -es after sibilants, -ies after consonant + y.
/// Multi-word nouns inflect their last word (`foreign minister` →
/// `foreign ministers`). Irregular plurals are given in the data.
pub fn plural(noun: &str) -> String {
    match noun.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", plural(last)),
        None if consonant_y(noun) => format!("{}ies", &noun[..noun.len() - 1]),
        None if sibilant(noun) => format!("{noun}es"),
        None => format!("{noun}s"),
    }
}

/// Surface forms and the lemmas they can be, for every word of every
/// pattern, synset and agent noun.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    lemmas: Vec<Box<str>>,
    lemma_ids: FxHashMap<Box<str>, LemmaId>,
    surface: FxHashMap<Box<str>, Vec<Analysis>>,
    irregular: FxHashMap<Box<str>, Vec<Box<str>>>,
    // Lemmas whose forms were already generated, per part of speech, so a
    // word used in a thousand patterns ("to", "aid") is inflected once.
    expanded: crate::fx::FxHashSet<(LemmaId, u8)>,
}

impl Lexicon {
    /// An empty lexicon whose verbs inflect with `irregular` (lemma → every
    /// inflected form) where listed, by rule elsewhere.
    pub fn new(irregular: FxHashMap<Box<str>, Vec<Box<str>>>) -> Lexicon {
        Lexicon { irregular, ..Lexicon::default() }
    }

    /// The id of `lemma`, adding it if new.
    pub fn intern(&mut self, lemma: &str) -> LemmaId {
        if let Some(&id) = self.lemma_ids.get(lemma) {
            return id;
        }
        let id = LemmaId(self.lemmas.len() as u32);
        self.lemmas.push(lemma.into());
        self.lemma_ids.insert(lemma.into(), id);
        id
    }

    /// The id of a known lemma.
    pub fn lemma_id(&self, lemma: &str) -> Option<LemmaId> {
        self.lemma_ids.get(lemma).copied()
    }

    /// The text of a lemma.
    pub fn lemma(&self, id: LemmaId) -> &str {
        self.lemmas.get(id.0 as usize).map_or("", |s| s)
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
        self.surface.get(key).map_or(&[], Vec::as_slice)
    }

    fn add(&mut self, surface: &str, a: Analysis) {
        // Look up before inserting: most surfaces repeat, and `entry` would
        // allocate the key every time.
        match self.surface.get_mut(surface) {
            Some(v) => {
                if !v.contains(&a) {
                    v.push(a);
                }
            }
            None => {
                self.surface.insert(surface.into(), vec![a]);
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
        vec![(third_person(lemma), Form::Third), (past(lemma), Form::Past), (ing(lemma), Form::Ing)]
    }

    /// Adds a verb lemma and all its forms; returns its id.
    pub fn add_verb(&mut self, lemma: &str) -> LemmaId {
        let id = self.intern(lemma);
        if !self.expanded.insert((id, 0)) {
            return id;
        }
        self.add(lemma, Analysis { lemma: id, pos: Pos::Verb, form: Form::Base });
        for (f, form) in self.verb_forms(lemma) {
            self.add(&f, Analysis { lemma: id, pos: Pos::Verb, form });
        }
        id
    }

    /// Adds a noun lemma with its plural (`plural` when irregular, else
    /// generated); returns its id.
    pub fn add_noun(&mut self, lemma: &str, plural_form: Option<&str>) -> LemmaId {
        let id = self.intern(lemma);
        // An explicit plural is always entered; a generated one only once.
        if plural_form.is_none() && !self.expanded.insert((id, 1)) {
            return id;
        }
        self.add(lemma, Analysis { lemma: id, pos: Pos::Noun, form: Form::Base });
        let p = plural_form.map_or_else(|| plural(lemma), str::to_string);
        self.add(&p, Analysis { lemma: id, pos: Pos::Noun, form: Form::Plural });
        // Consonant + o takes -oes in some words (embargoes, vetoes) and -os
        // in others (photos, memos): spelling cannot tell, so accept both.
        if plural_form.is_none() && lemma.len() > 2 && lemma.ends_with('o') && !is_vowel(lemma.as_bytes()[lemma.len() - 2]) {
            self.add(&format!("{lemma}es"), Analysis { lemma: id, pos: Pos::Noun, form: Form::Plural });
        }
        id
    }

    /// Adds a word of unknown part of speech (a non-head pattern word):
    /// closed-class words stay uninflected; others get both verb and noun
    /// forms, since "impose sanction on +" must match "sanctions" and
    /// "back sanction" must match "sanctioned".
    pub fn add_word(&mut self, lemma: &str) -> LemmaId {
        if is_closed_class(lemma) || !lemma.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
            return self.add_exact(lemma);
        }
        self.add_verb(lemma);
        self.add_noun(lemma, None)
    }

    /// Adds a word that matches only itself (quoted words).
    pub fn add_exact(&mut self, word: &str) -> LemmaId {
        let id = self.intern(word);
        if !self.expanded.insert((id, 2)) {
            return id;
        }
        self.add(word, Analysis { lemma: id, pos: Pos::Word, form: Form::Base });
        id
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
            assert_eq!((third_person(w).as_str(), past(w).as_str(), ing(w).as_str()), (s, ed, ingf), "{w}");
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
        irr.insert("lead".into(), vec!["leads".into(), "led".into(), "leading".into()]);
        let mut lex = Lexicon::new(irr);
        let id = lex.add_verb("lead");
        assert!(lex.analyses("led").iter().any(|a| a.lemma == id && a.form == Form::Irregular));
        assert!(lex.analyses("leads").iter().any(|a| a.form == Form::Third));
        assert!(lex.analyses("leaded").is_empty());
        let on = lex.add_word("on");
        assert_eq!(lex.analyses("on")[0].lemma, on);
        assert!(lex.analyses("ons").is_empty());
        lex.add_word("sanction");
        assert!(lex.analyses("sanctioned").iter().any(|a| a.pos == Pos::Verb));
        assert!(lex.analyses("sanctions").iter().any(|a| a.pos == Pos::Noun));
    }
}
