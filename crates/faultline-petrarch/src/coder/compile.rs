//! Compiling a [`DictionarySet`](crate::DictionarySet) into a [`PetrarchCoder`]: actors
//! (on a second thread), agents with plurals, verb groups with their patterns ordered and
//! pre-checked, synsets, transformations, issues and discards.

use super::*;

/// One verb phrase (form) of a group: its words and which one is the verb.
#[derive(Debug, Clone)]
pub(super) struct VerbForm {
    pub(super) words: Vec<String>,
    pub(super) head: usize,
    pub(super) group: usize,
    pub(super) code: Option<VerbCode>,
    /// The entry's verb in its base form (`SAY` for `SAID`), which
    /// transformations name.
    pub(super) lemma: String,
}

/// The literal words one side of a pattern needs: per word, the interned
/// ids of its alternative forms.
pub(super) type Required = Vec<Vec<u32>>;

/// A group with its patterns ordered for matching (most specific first).
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(super) name: String,
    pub(super) code: VerbCode,
    pub(super) patterns: Vec<Pattern>,
    /// Per pattern: its pre-verb parts in the order the upper sequence is
    /// read (reversed once here rather than on every attempt).
    pub(super) rev_pre: Vec<Vec<Part>>,
    /// Per pattern: the literal words it needs before and after the verb,
    /// checked before the backtracking match (most patterns fail here).
    /// Each word is the ids (in [`PetrarchCoder::required_ids`]) of its
    /// alternative forms, so the check compares integers.
    pub(super) required: Vec<(Required, Required)>,
    /// Per pattern: its specificity ([`pattern_size`]), by which the
    /// patterns are ordered.
    pub(super) sizes: Vec<usize>,
}

/// Regular verb forms as TABARI generates them: `-S`, `-ED`, `-ING`.
pub(super) fn regular_verb_forms(base: &str, past: bool) -> Vec<String> {
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
pub(super) fn normalise(parts: &mut [Part]) {
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
pub(super) fn keep_last_duplicates(patterns: &mut Vec<Pattern>) {
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

pub(super) fn pattern_size(p: &Pattern) -> usize {
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

    /// The actor files' names indexed, and their codes.
    #[allow(clippy::type_complexity)]
    /// With `disconnected` (PETRARCH-1/TABARI dictionaries), a space
    /// between two words of a name lets other words of the noun phrase
    /// stand between them, as `_` does not (TABARI's disconnected phrases:
    /// `ITHILEN TELEVISION` codes `Ithilen state-run television`).
    pub(super) fn compile_actors(
        dicts: &[ActorDictionary],
        disconnected: bool,
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
                    let spaced = if disconnected { name.spaced } else { 0 };
                    let words = name.words.iter().map(String::as_str);
                    index.insert_spaced(words, spaced, ActorEntry { codes });
                }
            }
        }
        index.finish();
        (index, all_codes)
    }

    pub(super) fn add_agents(&mut self, dict: &AgentDictionary) {
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

    pub(super) fn add_verbs(&mut self, dict: &VerbDictionary) {
        self.petrarch2 = dict.generation == crate::verbs::Generation::Petrarch2;
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
            if self.petrarch2 {
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
            let sizes = patterns.iter().map(pattern_size).collect();
            self.groups.push(Group {
                name: g.name.clone(),
                code: g.code.clone(),
                patterns,
                rev_pre,
                required,
                sizes,
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
                    if !self.petrarch2 {
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
    pub(super) fn required_words(&self, parts: &[Part]) -> Vec<Word> {
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
    pub(super) fn intern_required(&mut self, words: &[Word]) -> Vec<Vec<u32>> {
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
    pub(super) fn required_occurrences(&self, s: &Sentence, out: &mut Vec<(u32, u32)>) {
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

    pub(super) fn first_words(&self, synset: &str, out: &mut Vec<String>, depth: usize) {
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

    pub(super) fn add_issues(&mut self, dict: &IssueDictionary) {
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

    pub(super) fn add_discards(&mut self, list: &DiscardList) {
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
}
