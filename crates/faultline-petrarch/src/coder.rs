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
use crate::verbs::{CodeValue, Element, Part, Pattern, VerbCode, VerbDictionary};

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
}

/// The result of coding one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Coded (possibly to nothing).
    Events(Vec<PetrEvent>),
    /// Dropped by a discard phrase.
    Discarded(Discarded),
}

/// An actor name compiled for look-up.
#[derive(Debug, Clone)]
struct ActorEntry {
    words: Vec<String>,
    exact: bool,
    codes: Vec<(String, DateRestriction)>,
}

/// An agent phrase compiled for look-up.
#[derive(Debug, Clone)]
struct AgentEntry {
    words: Vec<String>,
    code: String,
    placement: CodePlacement,
}

/// One verb phrase (form) of a group: its words and which one is the verb.
#[derive(Debug, Clone)]
struct VerbForm {
    words: Vec<String>,
    head: usize,
    group: usize,
    code: Option<VerbCode>,
}

/// A group with its patterns ordered for matching (most specific first).
#[derive(Debug, Clone)]
struct Group {
    name: String,
    code: VerbCode,
    patterns: Vec<Pattern>,
}

/// The dictionaries compiled for coding.
#[derive(Debug, Clone, Default)]
pub struct PetrarchCoder {
    actors: HashMap<String, Vec<ActorEntry>>,
    agents: HashMap<String, Vec<AgentEntry>>,
    verbs: HashMap<String, Vec<VerbForm>>,
    groups: Vec<Group>,
    synsets: HashMap<String, Vec<Vec<Part>>>,
    discards: Vec<(Vec<String>, bool, DiscardScope)>,
    /// Issue phrases as word sequences (each a set of alternative forms),
    /// with their code; keyed by nothing: the list is short and scanned.
    issues: Vec<(Vec<Vec<String>>, String)>,
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

fn upper(s: &str) -> String {
    s.to_uppercase()
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
    let stem_e = base.strip_suffix('E').filter(|s| !s.is_empty() && !base.ends_with("EE"));
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
        for a in &set.actors {
            c.add_actors(a);
        }
        if let Some(a) = &set.agents {
            c.add_agents(a);
        }
        if let Some(v) = &set.verbs {
            c.add_verbs(v);
        }
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
            actor_names: self.actors.values().map(Vec::len).sum(),
            agent_phrases: self.agents.values().map(Vec::len).sum(),
            verb_forms: self.verbs.values().map(Vec::len).sum(),
            patterns: self.groups.iter().map(|g| g.patterns.len()).sum(),
        }
    }

    fn add_actors(&mut self, dict: &ActorDictionary) {
        for actor in &dict.actors {
            let codes: Vec<(String, DateRestriction)> = actor
                .codes
                .iter()
                .map(|c| (upper(&c.code), c.restriction))
                .collect();
            for name in &actor.names {
                let words: Vec<String> = name.words.iter().map(|w| upper(w)).collect();
                let Some(first) = words.first().cloned() else {
                    continue;
                };
                self.actors.entry(first).or_default().push(ActorEntry {
                    words,
                    exact: name.exact,
                    codes: codes.clone(),
                });
            }
        }
        // Longest names first so the first match found is the longest.
        for v in self.actors.values_mut() {
            v.sort_by(|a, b| b.words.len().cmp(&a.words.len()));
        }
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
            for words in phrases {
                let words: Vec<String> = words.iter().map(|w| upper(w)).collect();
                let Some(first) = words.first().cloned() else {
                    continue;
                };
                self.agents.entry(first).or_default().push(AgentEntry {
                    words,
                    code: upper(&agent.code.code),
                    placement: agent.code.placement,
                });
            }
        }
        for v in self.agents.values_mut() {
            v.sort_by(|a, b| b.words.len().cmp(&a.words.len()));
        }
    }

    fn add_verbs(&mut self, dict: &VerbDictionary) {
        for s in &dict.synsets {
            let name = upper(s.name.trim_end_matches('_'));
            self.synsets
                .entry(name)
                .or_default()
                .extend(s.members.iter().cloned());
        }
        for g in &dict.groups {
            let gi = self.groups.len();
            let mut patterns = g.patterns.clone();
            // Most specific first; the sort is stable so file order breaks ties.
            patterns.sort_by_key(|p| std::cmp::Reverse(pattern_size(p)));
            self.groups.push(Group {
                name: g.name.clone(),
                code: g.code.clone(),
                patterns,
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
                    if !list.iter().any(|v| v.words == words && v.group == gi) {
                        list.push(VerbForm {
                            words,
                            head,
                            group: gi,
                            code: e.code.clone(),
                        });
                    }
                }
            }
        }
        for v in self.verbs.values_mut() {
            v.sort_by(|a, b| b.words.len().cmp(&a.words.len()));
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
                .filter(|&i| phrase.iter().enumerate().all(|(k, f)| f.contains(&words[i + k])))
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
                self.discards.push((words, d.exact, d.scope));
            }
        }
    }

    /// Codes one sentence's tree on its date with the given options.
    pub fn code(&self, tree: &Tree, date: Option<PetrDate>, options: &Options) -> Outcome {
        let s = Sentence::new(tree);
        if let Some(d) = self.discard(&s) {
            return Outcome::Discarded(d);
        }
        let units = self.units(&s, date);
        let mut events: Vec<PetrEvent> = Vec::new();
        let mut done_verbs: Vec<usize> = Vec::new();
        for (vi, vp) in s.verbs() {
            if done_verbs.contains(&vi) {
                continue;
            }
            let Some((form, consumed)) = self.verb_at(&s, vi) else {
                continue;
            };
            done_verbs.extend(consumed.iter().copied());
            self.code_verb(&s, &units, vi, vp, form, &consumed, options, &mut events);
        }
        let mut seen = std::collections::HashSet::new();
        events.retain(|e| seen.insert((e.source.clone(), e.target.clone(), e.code.clone())));
        Outcome::Events(events)
    }

    /// A human-readable account of how a sentence is seen: its noun-phrase
    /// units with their codes and the verbs found in the dictionary. For
    /// diagnosing dictionary entries and coding differences.
    pub fn trace(&self, tree: &Tree, date: Option<PetrDate>) -> String {
        use std::fmt::Write;
        let s = Sentence::new(tree);
        let units = self.units(&s, date);
        let mut out = String::new();
        for u in &units {
            let codes: Vec<String> = u
                .members
                .iter()
                .map(|m| format!("{}={}", s.words[m.start..m.end].join(" "), m.code.as_deref().unwrap_or("-")))
                .collect();
            let _ = writeln!(out, "unit [{}..{}) {}", u.start, u.end, codes.join(" | "));
        }
        for (vi, _) in s.verbs() {
            let found = self.verb_at(&s, vi).map(|(f, _)| self.groups[f.group].name.clone());
            let _ = writeln!(out, "verb {} {} -> {:?}", vi, s.words[vi], found);
        }
        out
    }

    fn discard(&self, s: &Sentence) -> Option<Discarded> {
        for (words, exact, scope) in &self.discards {
            for i in 0..s.words.len() {
                if i + words.len() > s.words.len() {
                    break;
                }
                let ok = words.iter().enumerate().all(|(k, w)| {
                    let t = &s.words[i + k];
                    t == w || (!*exact && k + 1 == words.len() && t.starts_with(w.as_str()))
                });
                if ok {
                    let text = words.join(" ");
                    return Some(match scope {
                        DiscardScope::Story => Discarded::Story(text),
                        DiscardScope::Sentence => Discarded::Sentence(text),
                    });
                }
            }
        }
        None
    }

    /// The verb form that matches at word `vi` (multi-word forms first) and
    /// the word indices it covers.
    fn verb_at(&self, s: &Sentence, vi: usize) -> Option<(&VerbForm, Vec<usize>)> {
        let forms = self.verbs.get(&s.words[vi])?;
        for f in forms {
            let start = vi.checked_sub(f.head)?;
            if start + f.words.len() > s.words.len() {
                continue;
            }
            if f.words.iter().enumerate().all(|(k, w)| &s.words[start + k] == w) {
                return Some((f, (start..start + f.words.len()).collect()));
            }
        }
        None
    }

    fn actor_code(&self, entry: &ActorEntry, date: Option<PetrDate>) -> String {
        // A dated code that holds on the sentence date wins over the default.
        if let Some(d) = date {
            for (c, r) in &entry.codes {
                let holds = match r {
                    DateRestriction::Always => false,
                    DateRestriction::Before(x) => d < *x,
                    DateRestriction::After(x) => d >= *x,
                    DateRestriction::Between(a, b) => d >= *a && d <= *b,
                    DateRestriction::Unmarked(x) => d >= *x,
                };
                if holds {
                    return c.clone();
                }
            }
        }
        entry
            .codes
            .iter()
            .find(|(_, r)| matches!(r, DateRestriction::Always))
            .or(entry.codes.first())
            .map(|(c, _)| c.clone())
            .unwrap_or_else(|| "---".into())
    }

    /// The code of the words `range` of a base noun phrase: the first actor,
    /// with every agent around it; `None` when neither occurs.
    fn code_words(&self, words: &[String], date: Option<PetrDate>) -> Option<String> {
        let mut actor: Option<String> = None;
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
                match a.placement {
                    CodePlacement::Suffix => {
                        if !suffix.contains(&a.code) {
                            suffix.push_str(&a.code)
                        }
                    }
                    CodePlacement::Prefix => prefix.push_str(&a.code),
                }
                i += n;
                continue;
            }
            i += 1;
        }
        if actor.is_none() && prefix.is_empty() && suffix.is_empty() {
            return None;
        }
        let actor = actor.unwrap_or_else(|| "---".into());
        // An agent already part of the actor's code is not repeated
        // (`White House officials`: USAGOV, not USAGOVGOV).
        if suffix.len() >= 3 && actor.ends_with(&suffix) {
            suffix.clear();
        }
        if actor == "---" && !(prefix.is_empty() && suffix.is_empty()) {
            return Some(format!("{prefix}---{suffix}"));
        }
        Some(format!("{prefix}{actor}{suffix}"))
    }

    fn match_actor(&self, words: &[String], i: usize) -> Option<(&ActorEntry, usize)> {
        let cands = self.actors.get(&words[i]);
        if let Some(cands) = cands {
            for e in cands {
                if i + e.words.len() <= words.len()
                    && e.words.iter().enumerate().all(|(k, w)| {
                        let t = &words[i + k];
                        t == w || (k + 1 == e.words.len() && !e.exact && t.starts_with(w.as_str()))
                    })
                {
                    return Some((e, e.words.len()));
                }
            }
        }
        None
    }

    fn match_agent(&self, words: &[String], i: usize) -> Option<(&AgentEntry, usize)> {
        let cands = self.agents.get(&words[i])?;
        cands
            .iter()
            .find(|e| {
                i + e.words.len() <= words.len()
                    && e.words.iter().enumerate().all(|(k, w)| &words[i + k] == w)
            })
            .map(|e| (e, e.words.len()))
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
                let mut members: Vec<(usize, usize)> = Vec::new();
                if conj && node.children.iter().any(|c| t.node(*c).label == "CC") {
                    let mut start = a;
                    for c in &node.children {
                        let l = &t.node(*c).label;
                        let (ca, cb) = s.span[c.0 as usize];
                        if l == "CC" || l == "," {
                            if ca > start {
                                members.push((start, ca));
                            }
                            start = cb;
                        }
                    }
                    if start < b {
                        members.push((start, b));
                    }
                } else {
                    members.push((a, b));
                }
                // A code `A/B` names several actors at once (`ELR/GAL`).
                let coded: Vec<Member> = members
                    .iter()
                    .flat_map(|&(x, y)| split_member(self.code_words(&s.words[x..y], date), x, y))
                    .collect();
                // In a coordination whose members are not all coded, the
                // phrase is one actor (`death and injury toll`).
                let coded = if coded.len() > 1 && coded.iter().any(|m| m.code.is_none()) {
                    vec![Member {
                        code: self.code_words(&s.words[a..b], date),
                        start: a,
                        end: b,
                    }]
                } else {
                    coded
                };
                unit_of_node[id] = Some(units.len());
                units.push(Unit {
                    start: a,
                    end: b,
                    members: coded,
                    absorbed: false,
                });
            } else if conj && np_children.len() >= 2 {
                // A coordination of noun phrases: one compound unit.
                let kids: Vec<usize> = np_children
                    .iter()
                    .filter_map(|c| unit_of_node[c.0 as usize])
                    .collect();
                if kids.len() == np_children.len() {
                    let mut members = Vec::new();
                    for k in &kids {
                        members.extend(units[*k].members.iter().cloned());
                        units[*k].absorbed = true;
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
                // `soldiers from Gondor`, `the ambassadors of A, B and C`:
                // an agent-only head takes the actor of its PP's object.
                let head = np_children
                    .first()
                    .and_then(|c| unit_of_node[c.0 as usize]);
                let Some(h) = head else { continue };
                let head_code = units[h].members.first().and_then(|m| m.code.clone());
                let agent_only = head_code.as_deref().is_some_and(|c| c.contains("---"));
                if !agent_only || units[h].members.len() != 1 {
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
                        if !["OF", "FROM", "IN"].contains(&s.words[pa].as_str()) {
                            return None;
                        }
                        pn.children
                            .iter()
                            .find(|c| is_np(&t.node(**c).label))
                            .and_then(|c| unit_of_node[c.0 as usize])
                    });
                if let Some(o) = pp_obj {
                    let code = head_code.expect("agent-only");
                    let members: Vec<Member> = units[o]
                        .members
                        .iter()
                        .filter_map(|m| {
                            let c = m.code.as_deref()?;
                            if c.contains("---") {
                                return None;
                            }
                            Some(Member {
                                code: Some(code.replacen("---", c, 1)),
                                start: m.start,
                                end: m.end,
                            })
                        })
                        .collect();
                    if !members.is_empty() {
                        units[h].absorbed = true;
                        units[o].absorbed = true;
                        let (a, b) = s.span[id];
                        unit_of_node[id] = Some(units.len());
                        units.push(Unit {
                                start: a,
                            end: b,
                            members,
                            ..Unit::default()
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
        vi: usize,
        vp: NodeId,
        form: &VerbForm,
        consumed: &[usize],
        options: &Options,
        out: &mut Vec<PetrEvent>,
    ) {
        let first = *consumed.first().unwrap_or(&vi);
        let last = *consumed.last().unwrap_or(&vi);
        let (_, vp_end) = s.span[vp.0 as usize];
        let lower = Seq::lower(s, units, last + 1, vp_end.max(last + 1));
        let upper_start = s.clause_start(first);
        let upper = Seq::upper(s, units, upper_start, first);
        let group = &self.groups[form.group];
        let mut code = form.code.clone().unwrap_or_else(|| group.code.clone());
        let mut bind = Binding::default();
        let mut matched_text = String::new();
        for p in &group.patterns {
            if let Some(b) = self.match_pattern(p, &upper, &lower) {
                code = p.code.clone();
                bind = b;
                matched_text = p.text();
                break;
            }
        }
        let _ = &group.name;
        let event_text = if matched_text.is_empty() {
            consumed.iter().map(|&i| s.words[i].as_str()).collect::<Vec<_>>().join(" ")
        } else {
            format!(
                "{} <{}>",
                consumed.iter().map(|&i| s.words[i].as_str()).collect::<Vec<_>>().join(" "),
                matched_text
            )
        };
        let source_unit = bind.source.or_else(|| upper.first_unit(units));
        let target_unit = bind.target.or_else(|| lower.first_unit(units));
        let mut pairs: Vec<(Member, Member)> = Vec::new();
        if let Some(c) = bind.compound {
            // `%`: every member acts on every other.
            let ms: Vec<&Member> = units[c].members.iter().filter(|m| m.code.is_some()).collect();
            for a in &ms {
                for b in &ms {
                    if a.code != b.code {
                        pairs.push(((*a).clone(), (*b).clone()));
                    }
                }
            }
            if let Some(t) = bind.target.or(if bind.source.is_none() { None } else { target_unit }) {
                pairs.clear();
                for a in &ms {
                    for b in units[t].members.iter().filter(|m| m.code.is_some()) {
                        pairs.push(((*a).clone(), b.clone()));
                    }
                }
            }
        } else {
            let srcs = self.members(s, units, source_unit, options);
            let tgts = self.members(s, units, target_unit, options);
            if srcs.is_empty() && tgts.is_empty() {
                return;
            }
            if options.require_dyad && (srcs.is_empty() || tgts.is_empty()) {
                return;
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
        let text = |m: &Member| s.words[m.start..m.end].join(" ");
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
        code = VerbCode {
            forward: None,
            reverse: None,
        };
        let _ = code;
    }

    /// The coded members of a unit; an uncoded short unit becomes a new
    /// actor named by its words when `new_actor_length` allows.
    fn members(
        &self,
        s: &Sentence,
        units: &[Unit],
        unit: Option<usize>,
        options: &Options,
    ) -> Vec<Member> {
        let Some(u) = unit else { return vec![] };
        let u = &units[u];
        let coded: Vec<Member> = u.members.iter().filter(|m| m.code.is_some()).cloned().collect();
        if !coded.is_empty() {
            return coded;
        }
        let n = u.end - u.start;
        if options.new_actor_length > 0 && n > 0 && n <= options.new_actor_length as usize {
            return vec![Member {
                code: Some(format!("\"{}\"", s.words[u.start..u.end].join(" "))),
                start: u.start,
                end: u.end,
            }];
        }
        vec![]
    }

    fn match_pattern(&self, p: &Pattern, upper: &Seq, lower: &Seq) -> Option<Binding> {
        let mut b = Binding::default();
        // Lower: elements in order from the verb.
        if !p.post.is_empty() {
            let first_joined = p.post[0].joined;
            self.match_parts(&p.post, 0, lower, 0, first_joined, &mut b)?;
        }
        if !p.pre.is_empty() {
            let rev: Vec<Part> = reversed_parts(&p.pre, p.verb_joined);
            let first_joined = p.verb_joined;
            self.match_parts(&rev, 0, upper, 0, first_joined, &mut b)?;
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
                let t = seq.word(at)?;
                let ok = w
                    .forms
                    .iter()
                    .any(|f| word_matches(t, &upper(f), w.exact));
                ok.then_some(at + 1)
            }
            Element::Synset { name, exact } => {
                let members = self.synsets.get(&upper(name.trim_end_matches('_')))?;
                let exact = *exact || name.ends_with('_');
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
            Element::Skip => {
                let SeqItem::Unit { len, .. } = seq.items.get(at)? else {
                    return None;
                };
                Some(at + 1 + len)
            }
            Element::Verb | Element::NounPhrase(_) | Element::PrepPhrase(_) => None,
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
        for p in parts {
            pos = match &p.element {
                Element::Word(w) => {
                    let t = seq.word(pos)?;
                    w.forms
                        .iter()
                        .any(|f| word_matches(t, &upper(f), exact || w.exact))
                        .then_some(pos + 1)?
                }
                Element::Synset { name, exact: e2 } => {
                    let ms = self.synsets.get(&upper(name.trim_end_matches('_')))?;
                    ms.iter()
                        .find_map(|m| self.match_member(m, seq, pos, exact || *e2, b, depth + 1))?
                }
                other => self.match_element(other, seq, pos, b)?,
            };
        }
        Some(pos)
    }
}

fn word_matches(token: &str, form: &str, exact: bool) -> bool {
    token == form || (!exact && form.len() >= 2 && token.starts_with(form) && token.len() <= form.len() + 3)
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
    match code {
        Some(c) if c.contains('/') => c
            .split('/')
            .filter(|p| !p.is_empty())
            .map(|p| Member {
                code: Some(p.to_string()),
                start,
                end,
            })
            .collect(),
        code => vec![Member { code, start, end }],
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
    Unit { unit: usize, len: usize },
}

/// A sequence of words and units seen from the verb.
struct Seq<'a> {
    s: &'a Sentence<'a>,
    items: Vec<SeqItem>,
    coded: Vec<bool>,
    compound: Vec<bool>,
}

impl<'a> Seq<'a> {
    fn flags(units: &[Unit]) -> (Vec<bool>, Vec<bool>) {
        let coded = units
            .iter()
            .map(|u| u.members.iter().any(|m| m.code.is_some()))
            .collect();
        let compound = units
            .iter()
            .map(|u| u.members.iter().filter(|m| m.code.is_some()).count() >= 2)
            .collect();
        (coded, compound)
    }

    /// Chunks of `[a, b)`: words and outermost units inside the range.
    fn chunks(units: &[Unit], a: usize, b: usize) -> Vec<(Option<usize>, usize, usize)> {
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            if let Some((k, u)) = units
                .iter()
                .enumerate()
                .find(|(_, u)| u.start == i && u.end <= b)
            {
                out.push((Some(k), u.start, u.end));
                i = u.end;
            } else {
                out.push((None, i, i + 1));
                i += 1;
            }
        }
        out
    }

    fn lower(s: &'a Sentence<'a>, units: &[Unit], a: usize, b: usize) -> Seq<'a> {
        let (coded, compound) = Self::flags(units);
        let mut items = Vec::new();
        for (u, x, y) in Self::chunks(units, a, b) {
            if let Some(u) = u {
                items.push(SeqItem::Unit { unit: u, len: y - x });
            }
            items.extend((x..y).map(SeqItem::Word));
        }
        Seq {
            s,
            items,
            coded,
            compound,
        }
    }

    fn upper(s: &'a Sentence<'a>, units: &[Unit], a: usize, b: usize) -> Seq<'a> {
        let (coded, compound) = Self::flags(units);
        let mut items = Vec::new();
        for (u, x, y) in Self::chunks(units, a, b).into_iter().rev() {
            if let Some(u) = u {
                items.push(SeqItem::Unit { unit: u, len: y - x });
            }
            items.extend((x..y).rev().map(SeqItem::Word));
        }
        Seq {
            s,
            items,
            coded,
            compound,
        }
    }

    fn word(&self, at: usize) -> Option<&str> {
        match self.items.get(at)? {
            SeqItem::Word(i) => Some(self.s.words[*i].as_str()),
            SeqItem::Unit { .. } => None,
        }
    }

    /// The first unit with a code (or any unit, for new actors) in reading order.
    fn first_unit(&self, _units: &[Unit]) -> Option<usize> {
        self.items.iter().find_map(|i| match i {
            SeqItem::Unit { unit, .. } if self.coded[*unit] => Some(*unit),
            _ => None,
        })
    }
}

/// The tree with its words upper-cased and node spans computed.
struct Sentence<'a> {
    tree: &'a Tree,
    words: Vec<String>,
    tags: Vec<String>,
    /// Word span `[start, end)` of each node.
    span: Vec<(usize, usize)>,
    /// The pre-terminal's parent node of each word.
    parent_of_word: Vec<NodeId>,
}

impl<'a> Sentence<'a> {
    fn new(tree: &'a Tree) -> Sentence<'a> {
        let nodes = tree.nodes();
        let mut words = Vec::with_capacity(tree.word_count());
        let mut tags = Vec::with_capacity(tree.word_count());
        let mut parent_of_word = Vec::with_capacity(tree.word_count());
        let mut span = vec![(usize::MAX, 0usize); nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if let Some(w) = &n.word {
                words.push(w.text.to_uppercase());
                tags.push(n.label.clone());
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
        Sentence {
            tree,
            words,
            tags,
            span,
            parent_of_word,
        }
    }

    fn is_possessive(&self, np: NodeId) -> bool {
        let n = self.tree.node(np);
        n.children
            .last()
            .is_some_and(|c| self.tree.node(*c).label == "POS")
            || n.children.len() == 1
                && self.tree.node(n.children[0]).label == "PRP$"
    }

    /// Verbs: each `VB*` word directly under a `VP`, with that `VP`.
    fn verbs(&self) -> Vec<(usize, NodeId)> {
        let mut out = Vec::new();
        for (i, tag) in self.tags.iter().enumerate() {
            if !tag.starts_with("VB") {
                continue;
            }
            let vp = self.parent_of_word[i];
            if self.tree.node(vp).label == "VP" {
                out.push((i, vp));
            }
        }
        out
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
