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
//!
//! This module holds the coder and its outcome types and codes a sentence
//! (discards, verbs, transformations); the work is in its children, in
//! data-flow order: `compile` (dictionaries → tables), `phrases` (the
//! actor and agent index), `sentence` (the tree's words, spans and
//! structure), `units` (noun phrases → coded units), `verb` (one verb →
//! events) and `matching` (patterns over a verb's sequences).

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

mod compile;
mod matching;
mod phrases;
mod sentence;
mod units;
mod verb;

use compile::*;
use matching::*;
use phrases::*;
use sentence::*;
use units::*;

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
    /// The verb file is PETRARCH2's dialect (CAMEO.2.0): its patterns look
    /// only at the verb's own clause, and the PETRARCH2 behaviours of
    /// `docs/petrarch.md` (steps 7, 9, 16, 18) apply; PETRARCH-1 files keep
    /// PETRARCH-1's, which the unit-test suite checks.
    petrarch2: bool,
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

impl PetrarchCoder {
    /// Compiles every dictionary of a set.
    pub fn new(set: &DictionarySet) -> PetrarchCoder {
        let mut c = PetrarchCoder::default();
        // The actor files (35,618 names in Phoenix) compile on a second
        // thread while the agents and verbs compile on this one; the result
        // does not depend on the timing.
        let (actors, actor_codes) = std::thread::scope(|scope| {
            let disconnected = set
                .verbs
                .as_ref()
                .is_some_and(|v| v.generation == crate::verbs::Generation::Petrarch1);
            let actors = scope.spawn(move || Self::compile_actors(&set.actors, disconnected));
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

    /// Codes one sentence's tree on its date with the given options.
    pub fn code(&self, tree: &Tree, date: Option<PetrDate>, options: &Options) -> Outcome {
        let mut buf = String::new();
        let mut s = Sentence::new(tree, &mut buf);
        if let Some(d) = self.discard(&s) {
            return Outcome::Discarded(d);
        }
        // PETRARCH-1 rejects a dateline fragment (`CEBU CITY: --`, its
        // `dateline` error); PETRARCH2 codes past one (GOLD_5,
        // `WASHINGTON: Obama is considering …`).
        if !self.petrarch2 {
            if let Some(d) = s.dateline() {
                return Outcome::Discarded(Discarded::Dateline(d));
            }
        }
        s.delete_comma_clauses(options);
        let mut units = self.units(&s, date);
        units.retain(|u| !s.deleted[u.start]);
        let flags = Flags::new(&units, s.words.len());
        let mut occurrences = Vec::with_capacity(2 * s.words.len());
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
            if self.petrarch2 && s.is_negated(vi) {
                continue;
            }
            for c in consumed.clone() {
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
                consumed.clone(),
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
        // PETRARCH2 compares discard phrases with the sentence text split
        // at white space, so a word with punctuation attached (`ago,`)
        // never matches (`… three years ago, a senior … officer said`
        // is coded despite the discard `YEARS AGO`).
        let hit = |k: usize, i: usize| {
            let (words, exact, _) = &self.discards[k];
            i + words.len() <= s.words.len()
                && words.iter().enumerate().all(|(j, w)| {
                    let t = &s.words[i + j];
                    t == w || (!*exact && j + 1 == words.len() && t.starts_with(w.as_str()))
                })
                && !(self.petrarch2 && (i..i + words.len()).any(|k| s.glued(k)))
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
    fn verb_at(&self, s: &Sentence, vi: usize) -> Option<(&VerbForm, std::ops::Range<usize>)> {
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
                return Some((f, start..start + f.words.len()));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
