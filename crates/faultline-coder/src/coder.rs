//! The coder: analyses → events.
//!
//! For each sentence the [`Coder`] builds an [`Analysis`] and then:
//!
//! 1. **verb patterns** — for each clause, the head verb's lemmas select
//!    candidate patterns ([`faultline_dict::PatternSet::by_head`]); each is matched against
//!    the tokens that follow: words by lemma, quoted words exactly, `*` over
//!    0–6 units (a token, or a whole actor name) that are not sentence
//!    punctuation nor the verb of another finite clause, `+`/`$` on a noun
//!    phrase that resolves to an actor (its head actors, else its possessor,
//!    "the republic of X", or an actor modifier). In a passive clause `+`
//!    may be left out: the subject is then the target and the "by" agent the
//!    source. The first pattern in specificity order wins for a head.
//! 2. **noun patterns** — every noun with a nominal trigger is tried the
//!    same way; its source is `$`, else the possessor or actor modifier of
//!    its noun phrase ("Xi's visit", "Chinese aid", "Xi-Putin meeting"), else
//!    an actor inside the pattern's gap (the subject of a reduced relative,
//!    "the plea Blinken made to"), else the subject of its clause (a light
//!    verb's subject, "X paid a visit to Y").
//! 3. **overlaps** — when a match's head lies inside the span of a more
//!    specific match, it is dropped ("pledged to support its sovereignty" is
//!    one pledge, not also a support).
//! 4. **events** — one per (source, target) actor pair (coordination gives
//!    several); dated by the clause's governing date, else the sentence's,
//!    else the document's; actors looked up on that date; self-events
//!    dropped; money amounts attached to aid, loan and sanction codes.
//!
//! When a verb pattern has no `+` (or it was not bound), the target is an
//! actor crossed by the pattern's gap ("urged Armenia and Azerbaijan to
//! halt the fighting"), else the nearest actor of the sentence that is not
//! a clause subject and not the source, within the event's clause, the
//! clauses it is embedded in and the clauses the match covers — first after
//! the match, then by distance ("despite its relations with Ukraine, it has
//! provided $3 million in humanitarian aid" → Ukraine). Nominal triggers need
//! an explicit target. Events without a resolvable target are not emitted.
//! Passives and object relatives are matched on a reordered token sequence
//! (see `clause_sequence`).
//!
//! # Cost
//!
//! Each clause head and noun tries only the patterns indexed under its
//! lemmas, and of those only the ones whose mandatory words all occur in the
//! sentence (a bit-set test); synset members are found by binary search. A pattern match is a backtracking walk whose branching is bounded
//! by the pattern itself (at most 7 choices per gap, a fixed number of
//! alternatives) and looks at most `WINDOW` (48) tokens past the head, so the
//! work per head is bounded by a constant that depends on the dictionaries,
//! not on the sentence: coding is linear in sentence length. The target
//! fallback scans the sentence's mentions once per event, and overlap
//! selection compares candidates pairwise; both are bounded by the text
//! pipeline's sentence cap (400 tokens).

use faultline_dict::{ActorKind, ActorRecord, AltItem, Dictionaries, Element, EntityRef, LemmaId, NameKind, Pattern, PatternId, PatternKind, Pos};
use faultline_ontology::{CameoCode, Ontology};
use faultline_syntax::{Analysis, Analyzer, Class, ClauseKind, Context, Mention, MentionKind, Scratch, NONE};
use faultline_text::{Date, Document, Sentence};

use crate::event::{Event, EventActor, EventDate, Quantity};

/// Gaps (`*`) span at most this many units.
const MAX_GAP: usize = 6;

/// The event coder. Built once; immutable and `Sync`, so one coder serves
/// every thread (each thread brings its own [`CoderScratch`]).
#[derive(Debug, Clone)]
pub struct Coder<'d> {
    dicts: &'d Dictionaries,
    ontology: &'d Ontology,
    /// Per pattern: the lemmas of its mandatory plain-word elements after the
    /// head. A pattern is only tried when all of them occur in the sentence —
    /// a cheap filter that skips most of a common verb's patterns.
    required: Vec<Box<[LemmaId]>>,
    /// Per synset: its one-word members' lemmas, sorted (tested by binary
    /// search), and the indices of its other members (tried in order).
    synset_words: Vec<SynsetIndex>,
}

/// Per-thread reusable buffers: the sentence analysis, the pronoun context
/// and the coder's own lists.
#[derive(Debug, Default)]
pub struct CoderScratch {
    /// The last sentence's analysis (useful for debugging and tests).
    pub analysis: Analysis,
    context: Context,
    syntax: Scratch,
    records: Vec<ActorRecord>,
    cands: Vec<Candidate>,
    seq: Vec<u32>,
    /// Bit set of the lemmas present in the current sentence.
    present: Vec<u64>,
}

/// A synset's one-word members' lemmas (sorted) and its other members' indices.
type SynsetIndex = (Box<[LemmaId]>, Box<[usize]>);

/// What a pattern match bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bind {
    /// `+`: a chunk and how its actor was read.
    target: Option<Slot>,
    /// `$`.
    source: Option<Slot>,
    /// `+` left out in a passive clause: the subject is the target.
    passive_target: bool,
    /// The first actor mention inside a gap.
    gap_actor: u32,
}

impl Default for Bind {
    fn default() -> Self {
        Bind { target: None, source: None, passive_target: false, gap_actor: NONE }
    }
}

/// Where `+`/`$` landed: either the actors of a chunk, or one mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Chunk(u32),
    Mention(u32),
    /// "its own people": the possessor's country, without its sector.
    OwnCountry(u32),
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: PatternId,
    kind: PatternKind,
    head: u32,
    start: u32,
    end: u32,
    literals: u16,
    bind: Bind,
    clause: u32,
}

/// Does `code` take a money amount (aid, loans, economic cooperation, sanctions)?
fn takes_quantity(code: &CameoCode) -> bool {
    let s = code.as_str();
    matches!(code.root(), 6 | 7 | 16) || s.starts_with("033") || s.starts_with("023") || s == "163"
}

impl<'d> Coder<'d> {
    /// A coder over these dictionaries and ontology.
    pub fn new(dicts: &'d Dictionaries, ontology: &'d Ontology) -> Self {
        let required = dicts
            .patterns()
            .patterns
            .iter()
            .map(|p| {
                let mut v: Vec<LemmaId> = p.elements.iter().skip(1).filter_map(|e| if let Element::Word(l) = e { Some(*l) } else { None }).collect();
                v.sort();
                v.dedup();
                v.into_boxed_slice()
            })
            .collect();
        let synset_words = dicts
            .patterns()
            .synsets
            .iter()
            .map(|sy| {
                let mut single = Vec::new();
                let mut other = Vec::new();
                for (i, m) in sy.members.iter().enumerate() {
                    match m {
                        AltItem::Words(w) if w.len() == 1 => single.push(w[0]),
                        _ => other.push(i),
                    }
                }
                single.sort();
                single.dedup();
                (single.into_boxed_slice(), other.into_boxed_slice())
            })
            .collect();
        Coder { dicts, ontology, required, synset_words }
    }

    /// True when every mandatory word of pattern `id` occurs in the sentence.
    #[inline]
    fn plausible(&self, id: PatternId, present: &[u64]) -> bool {
        self.required[id.0 as usize].iter().all(|l| present.get(l.0 as usize / 64).is_some_and(|w| w & (1 << (l.0 % 64)) != 0))
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &'d Dictionaries {
        self.dicts
    }

    /// The ontology.
    pub fn ontology(&self) -> &'d Ontology {
        self.ontology
    }

    /// Codes a document's sentences (from [`faultline_text::Pipeline`]),
    /// in order, with a fresh pronoun context. Events come in sentence
    /// order, then trigger position, then CAMEO code (ties keep match order).
    pub fn code_document(&self, doc: &Document, sentences: &[Sentence], scratch: &mut CoderScratch) -> Vec<Event> {
        let mut out = Vec::new();
        scratch.context.clear();
        let analyzer = Analyzer::new(self.dicts);
        for s in sentences {
            let mut analysis = std::mem::take(&mut scratch.analysis);
            analyzer.analyze(s, &mut scratch.context, &mut scratch.syntax, &mut analysis);
            self.code_analysis(&analysis, s.index, (s.start, s.end), doc.date, scratch, &mut out);
            scratch.analysis = analysis;
        }
        out
    }

    /// [`Coder::code_document`] with a temporary scratch.
    pub fn code(&self, doc: &Document, sentences: &[Sentence]) -> Vec<Event> {
        self.code_document(doc, sentences, &mut CoderScratch::default())
    }

    /// Codes one analysed sentence (built by [`Analyzer`] or by another
    /// front end), appending its events to `out`. `evidence` is the
    /// sentence's byte span in the original document and `doc_date` the
    /// document's date.
    pub fn code_analysis(&self, a: &Analysis, sentence: usize, evidence: (usize, usize), doc_date: Option<Date>, scratch: &mut CoderScratch, out: &mut Vec<Event>) {
        let mut cands = std::mem::take(&mut scratch.cands);
        cands.clear();
        // The lemmas of the sentence, for the pattern pre-filter.
        let words = self.dicts.lexicon().lemma_count() / 64 + 1;
        scratch.present.clear();
        scratch.present.resize(words, 0);
        for r in &a.lex {
            if let Some(w) = scratch.present.get_mut(r.lemma.0 as usize / 64) {
                *w |= 1 << (r.lemma.0 % 64);
            }
        }
        self.verb_candidates(a, &mut cands, &mut scratch.seq, &scratch.present);
        self.noun_candidates(a, &mut cands, &mut scratch.seq, &scratch.present);
        select(&mut cands);
        let first = out.len();
        // Acknowledging or denying an act (015, 016) without an explicit target
        // waits until the clauses it reports are coded: its target is theirs.
        let mut produced: Vec<(u32, usize, usize)> = Vec::new();
        for c in cands.iter().filter(|c| !self.reports_act(a, c)) {
            let from = out.len();
            self.emit(a, c, sentence, evidence, doc_date, &[], &mut scratch.records, out);
            produced.push((c.clause, from, out.len()));
        }
        for c in cands.iter().filter(|c| self.reports_act(a, c)) {
            let content: Vec<(EventActor, EventActor)> = produced
                .iter()
                .filter(|(k, _, _)| reports_clause(a, c.clause, *k))
                .flat_map(|&(_, x, y)| out[x..y].iter().map(|e| (e.source.clone(), e.target.clone())))
                .collect();
            self.emit(a, c, sentence, evidence, doc_date, &content, &mut scratch.records, out);
        }
        // Output order: trigger position, then CAMEO code (a stable sort keeps match order for ties).
        out[first..].sort_by(|x, y| x.trigger.0.cmp(&y.trigger.0).then(x.code.cmp(&y.code)));
        // One sentence, one event: "Xi will travel to Moscow … for talks with Putin"
        // codes the same 036 from the verb and from the noun; keep the first.
        let mut k = first;
        for i in first..out.len() {
            let dup = out[first..k].iter().any(|e| e.source.code == out[i].source.code && e.target.code == out[i].target.code && e.code == out[i].code && e.date == out[i].date);
            if !dup {
                out.swap(k, i);
                k += 1;
            }
        }
        out.truncate(k);
        for (n, e) in out[first..].iter_mut().enumerate() {
            e.n = n;
        }
        scratch.cands = cands;
    }

    /// The matches chosen for an analysed sentence, as `(head token, pattern
    /// code, pattern text)` — for debugging dictionaries (see
    /// `examples/explain.rs`); events are made from exactly these.
    pub fn explain_matches(&self, a: &Analysis, scratch: &mut CoderScratch) -> Vec<(u32, CameoCode, String)> {
        let mut cands = Vec::new();
        let words = self.dicts.lexicon().lemma_count() / 64 + 1;
        scratch.present.clear();
        scratch.present.resize(words, 0);
        for r in &a.lex {
            if let Some(w) = scratch.present.get_mut(r.lemma.0 as usize / 64) {
                *w |= 1 << (r.lemma.0 % 64);
            }
        }
        self.verb_candidates(a, &mut cands, &mut scratch.seq, &scratch.present);
        self.noun_candidates(a, &mut cands, &mut scratch.seq, &scratch.present);
        select(&mut cands);
        let ps = self.dicts.patterns();
        cands.iter().map(|c| (c.head, ps.get(c.pattern).code, ps.get(c.pattern).text.to_string())).collect()
    }

    /// Whether pattern `id` could still replace `best` for the same head.
    ///
    /// Patterns of a head are tried in specificity order, so the first match
    /// normally wins. The exception is CAMEO's own rule — code the most
    /// specific category — when a later pattern's code is a *descendant* of
    /// the winner's ("promised to send humanitarian aid": 0333 beats 033
    /// even if the 033 pattern has more literal words).
    fn may_improve(&self, best: Option<Candidate>, id: PatternId) -> bool {
        let Some(b) = best else { return true };
        let ps = self.dicts.patterns();
        let (won, next) = (ps.get(b.pattern).code, ps.get(id).code);
        if next.len() > won.len() && next.is_within(&won) {
            return true;
        }
        id < b.pattern && !(won.len() > next.len() && won.is_within(&next))
    }

    fn verb_candidates(&self, a: &Analysis, cands: &mut Vec<Candidate>, seq: &mut Vec<u32>, present: &[u64]) {
        let ps = self.dicts.patterns();
        for (ci, c) in a.clauses.iter().enumerate() {
            let head = c.verb as usize;
            if a.words[head].class != Class::Verb {
                continue;
            }
            clause_sequence(a, ci, seq);
            let mut best: Option<Candidate> = None;
            for r in a.lex(head) {
                if !matches!(r.pos, Pos::Verb | Pos::Word) {
                    continue;
                }
                let Some(list) = ps.by_head.get(&(r.lemma, PatternKind::Verb)) else { continue };
                for &id in list {
                    if !self.may_improve(best, id) || !self.plausible(id, present) {
                        continue;
                    }
                    let p = ps.get(id);
                    let ctx = MatchCtx { a, seq, passive: c.passive, head_lemma: r.lemma };
                    if let Some((end, bind)) = self.match_els(&ctx, &p.elements, 0, true, Bind::default()) {
                        let end_tok = last_token(seq, end, head) + 1;
                        best = Some(Candidate { pattern: id, kind: PatternKind::Verb, head: head as u32, start: c.vg_start, end: end_tok.max(head as u32 + 1), literals: p.literals, bind, clause: ci as u32 });
                    }
                }
            }
            cands.extend(best);
        }
    }

    fn noun_candidates(&self, a: &Analysis, cands: &mut Vec<Candidate>, seq: &mut Vec<u32>, present: &[u64]) {
        let ps = self.dicts.patterns();
        // `seq` is scratch shared with other sentences and with the verb pass:
        // a window left over from a longer sentence may start at the same
        // token and run past this sentence's end.
        seq.clear();
        for i in 0..a.len() {
            let w = a.words[i];
            if !matches!(w.class, Class::Noun | Class::Proper) {
                continue;
            }
            let mut best: Option<Candidate> = None;
            for r in a.lex(i) {
                if r.pos != Pos::Noun {
                    continue;
                }
                let Some(list) = ps.by_head.get(&(r.lemma, PatternKind::Noun)) else { continue };
                if seq.first() != Some(&(i as u32)) {
                    seq.clear();
                    seq.extend(i as u32..(i + WINDOW).min(a.len()) as u32);
                }
                for &id in list {
                    if !self.may_improve(best, id) || !self.plausible(id, present) {
                        continue;
                    }
                    let p = ps.get(id);
                    let ctx = MatchCtx { a, seq, passive: false, head_lemma: r.lemma };
                    if let Some((end, bind)) = self.match_els(&ctx, &p.elements, 0, true, Bind::default()) {
                        let end_tok = last_token(seq, end, i) + 1;
                        best = Some(Candidate { pattern: id, kind: PatternKind::Noun, head: i as u32, start: i as u32, end: end_tok, literals: p.literals, bind, clause: w.clause });
                    }
                }
            }
            cands.extend(best);
        }
    }

    fn word_matches(&self, ctx: &MatchCtx, pos: usize, l: LemmaId) -> bool {
        let Some(&t) = ctx.seq.get(pos) else { return false };
        // Every lexicon word is entered with its base form, so the readings
        // suffice (no string comparison).
        ctx.a.lex(t as usize).iter().any(|r| r.lemma == l)
    }

    fn exact_at(ctx: &MatchCtx, pos: usize, keys: &[Box<str>]) -> bool {
        pos + keys.len() <= ctx.seq.len() && keys.iter().enumerate().all(|(i, k)| ctx.a.key(ctx.seq[pos + i] as usize) == &**k)
    }

    /// Length of an alternative item at `pos` (not a sequence).
    fn item_len(&self, ctx: &MatchCtx, pos: usize, it: &AltItem, head: bool) -> Option<usize> {
        match it {
            AltItem::Words(ws) => {
                let first_ok = if head { ws.first() == Some(&ctx.head_lemma) } else { ws.first().is_some_and(|&l| self.word_matches(ctx, pos, l)) };
                (first_ok && ws[1..].iter().enumerate().all(|(i, &l)| self.word_matches(ctx, pos + 1 + i, l))).then_some(ws.len())
            }
            AltItem::Exact(es) => Self::exact_at(ctx, pos, es).then_some(es.len()),
            AltItem::Synset(s) => self.synset_len(ctx, pos, s.0 as usize, head),
            // Sequences are spliced by `match_els`; variants added later match nothing here.
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Length of a synset member at `pos`: multi-word and quoted members in
    /// order, then the one-word members by a binary search per reading.
    fn synset_len(&self, ctx: &MatchCtx, pos: usize, s: usize, head: bool) -> Option<usize> {
        let members = &self.dicts.patterns().synsets[s].members;
        let (single, other) = &self.synset_words[s];
        for &i in other.iter() {
            if let Some(n) = self.item_len(ctx, pos, &members[i], head) {
                return Some(n);
            }
        }
        if head {
            return single.binary_search(&ctx.head_lemma).is_ok().then_some(1);
        }
        let &t = ctx.seq.get(pos)?;
        ctx.a.lex(t as usize).iter().any(|r| single.binary_search(&r.lemma).is_ok()).then_some(1)
    }

    /// Backtracking match of `els` at position `pos` of the clause's token
    /// sequence; returns the end position and the bindings.
    fn match_els(&self, ctx: &MatchCtx, els: &[Element], pos: usize, head: bool, bind: Bind) -> Option<(usize, Bind)> {
        self.match_tail(ctx, els, &[], pos, head, bind)
    }

    /// Matches `els` and then `tail` (the rest of the pattern after a
    /// sequence alternative such as `(access to * market|trade)`), without
    /// building a spliced copy.
    fn match_tail(&self, ctx: &MatchCtx, els: &[Element], tail: &[Element], pos: usize, head: bool, bind: Bind) -> Option<(usize, Bind)> {
        let Some((el, rest)) = els.split_first() else {
            return if tail.is_empty() { Some((pos, bind)) } else { self.match_tail(ctx, tail, &[], pos, head, bind) };
        };
        let a = ctx.a;
        let seq = ctx.seq;
        match el {
            Element::Word(l) => {
                let ok = if head { *l == ctx.head_lemma } else { self.word_matches(ctx, pos, *l) };
                if ok {
                    self.match_tail(ctx, rest, tail, pos + 1, false, bind)
                } else {
                    None
                }
            }
            Element::Exact(es) => {
                if Self::exact_at(ctx, pos, es) {
                    self.match_tail(ctx, rest, tail, pos + es.len(), false, bind)
                } else {
                    None
                }
            }
            Element::Alt { items, optional } => {
                for it in items.iter() {
                    if let AltItem::Seq(sq) = it {
                        // A sequence never contains another sequence, so `rest` can
                        // only be pending when `tail` is empty.
                        if tail.is_empty() {
                            if let Some(r) = self.match_tail(ctx, sq, rest, pos, head, bind) {
                                return Some(r);
                            }
                        }
                        continue;
                    }
                    if let Some(r) = self.item_len(ctx, pos, it, head).and_then(|n| self.match_tail(ctx, rest, tail, pos + n, false, bind)) {
                        return Some(r);
                    }
                }
                if *optional {
                    self.match_tail(ctx, rest, tail, pos, false, bind)
                } else {
                    None
                }
            }
            Element::Synset(sy) => {
                // Members of different lengths may lead to different matches: try the
                // longer (listed) members first, then a one-word reading.
                let members = &self.dicts.patterns().synsets[sy.0 as usize].members;
                for &i in self.synset_words[sy.0 as usize].1.iter() {
                    if let Some(r) = self.item_len(ctx, pos, &members[i], head).and_then(|n| self.match_tail(ctx, rest, tail, pos + n, false, bind)) {
                        return Some(r);
                    }
                }
                let single = &self.synset_words[sy.0 as usize].0;
                let one = if head {
                    single.binary_search(&ctx.head_lemma).is_ok()
                } else {
                    seq.get(pos).is_some_and(|&t| a.lex(t as usize).iter().any(|r| single.binary_search(&r.lemma).is_ok()))
                };
                if one {
                    return self.match_tail(ctx, rest, tail, pos + 1, false, bind);
                }
                None
            }
            Element::Gap => {
                let mut p = pos;
                let mut b = bind;
                for units in 0..=MAX_GAP {
                    if units > 0 {
                        // Consume one unit: a whole mention, or a token.
                        let &t = seq.get(p)?;
                        if !gap_ok(a, t as usize) {
                            return None;
                        }
                        let m = a.words[t as usize].mention;
                        if m != NONE {
                            let mm = a.mentions[m as usize];
                            if b.gap_actor == NONE && mm.is_actor() {
                                b.gap_actor = m;
                            }
                            // "taken in 200 Ukrainian refugees" against `take in *
                            // refugees`: an actor + agent-noun combination is one unit,
                            // but the rest of the pattern may begin at its agent noun
                            // (the actor stays the gap's actor, and becomes the target, so
                            // only for patterns without a later `+`/`$`: "detained a Japanese
                            // businessman in Beijing" must not trade Japan for Beijing).
                            let no_slot = |els: &[Element]| !els.iter().any(|e| matches!(e, Element::Target | Element::Source));
                            if matches!(mm.kind, MentionKind::Combo | MentionKind::Counterpart) && seq.get(p) == Some(&mm.start) && no_slot(rest) && no_slot(tail) {
                                for split in mm.start + 1..mm.end {
                                    let q = skip_span(seq, p, mm.start, split);
                                    if let Some(r) = self.match_tail(ctx, rest, tail, q, false, b) {
                                        return Some(r);
                                    }
                                }
                            }
                            p = skip_span(seq, p, mm.start, mm.end);
                        } else {
                            p += 1;
                        }
                    }
                    if let Some(r) = self.match_tail(ctx, rest, tail, p, false, b) {
                        return Some(r);
                    }
                }
                None
            }
            Element::Target | Element::Source => {
                let is_target = matches!(el, Element::Target);
                if let Some((slot, start, end)) = seq.get(pos).and_then(|&t| actor_slot(a, t as usize)) {
                    let mut b = bind;
                    if is_target {
                        b.target = Some(slot);
                    } else {
                        b.source = Some(slot);
                    }
                    let next = skip_span(seq, pos, start, end);
                    if let Some(r) = self.match_tail(ctx, rest, tail, next, false, b) {
                        return Some(r);
                    }
                    // "expelled the Russian ambassador" against `expel + (ambassador|…)`:
                    // the pattern may go on to match the agent noun inside the actor
                    // phrase, so the slot can also end before it.
                    if let Slot::Chunk(ch) = slot {
                        let c = a.chunks[ch as usize];
                        let ids = a.chunk_actor_ids(&c);
                        if let [m] = ids {
                            let mm = a.mentions[*m as usize];
                            if matches!(mm.kind, MentionKind::Combo | MentionKind::Counterpart) && mm.end == c.end {
                                for split in mm.start + 1..mm.end {
                                    let next = skip_span(seq, pos, start, split);
                                    if let Some(r) = self.match_tail(ctx, rest, tail, next, false, b) {
                                        return Some(r);
                                    }
                                }
                            }
                        }
                    }
                }
                // A passive clause leaves its object out: "Russia was condemned by X".
                if is_target && ctx.passive && !bind.passive_target && bind.target.is_none() {
                    let mut b = bind;
                    b.passive_target = true;
                    return self.match_tail(ctx, rest, tail, pos, false, b);
                }
                None
            }
        }
    }

    /// Is `c` a targetless verb match for acknowledging (015) or denying (016)
    /// an act? Such a statement is about the act its complement reports ("Iran
    /// admitted that its military had shot down the Ukrainian airliner"), so
    /// its target is the target of that act (see [`Coder::code_analysis`]).
    /// Other statement codes (010 "said", 012 …) are not: what a speaker says
    /// about a third party is not addressed to it.
    fn reports_act(&self, a: &Analysis, c: &Candidate) -> bool {
        if c.kind != PatternKind::Verb || c.bind.target.is_some() || c.bind.passive_target || c.clause == NONE {
            return false;
        }
        let code = self.dicts.patterns().get(c.pattern).code;
        let s = code.as_str();
        (s.starts_with("015") || s.starts_with("016")) && a.clauses.iter().any(|k| k.kind == ClauseKind::Complement && k.parent == c.clause)
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(&self, a: &Analysis, c: &Candidate, sentence: usize, evidence: (usize, usize), doc_date: Option<Date>, content: &[(EventActor, EventActor)], recs: &mut Vec<ActorRecord>, out: &mut Vec<Event>) {
        let p: &Pattern = self.dicts.patterns().get(c.pattern);
        let clause = (c.clause != NONE).then(|| a.clauses[c.clause as usize]);
        let date = self.event_date(a, c, doc_date);
        let lookup_date = date.date();
        // Sources and targets as mention lists.
        let mut sources: Vec<u32> = Vec::new();
        let mut targets: Vec<u32> = Vec::new();
        // "a Xi-Putin meeting": a consultation between the parts goes both ways.
        let mut symmetric = false;
        if let Some(s) = c.bind.source {
            slot_mentions(a, s, &mut sources);
        }
        if let Some(t) = c.bind.target {
            slot_mentions(a, t, &mut targets);
        }
        match c.kind {
            PatternKind::Verb => {
                let cl = clause.expect("verb candidates have clauses");
                if c.bind.source.is_some() {
                    // `$`: the subject is the target.
                    if targets.is_empty() && cl.subject != NONE {
                        chunk_mentions(a, cl.subject, &mut targets);
                    }
                } else if cl.passive && cl.agent != NONE {
                    chunk_mentions(a, cl.agent, &mut sources);
                    if c.bind.passive_target && cl.subject != NONE {
                        chunk_mentions(a, cl.subject, &mut targets);
                    }
                } else if cl.passive && c.bind.passive_target {
                    // A passive without an agent has no source.
                } else if cl.subject != NONE {
                    chunk_mentions(a, cl.subject, &mut sources);
                }
                // "urged Armenia and Azerbaijan to halt the fighting": with no `+`,
                // an actor crossed by a gap right after the verb is the target.
                if targets.is_empty() && c.bind.target.is_none() && !c.bind.passive_target && c.bind.gap_actor != NONE {
                    let gm = c.bind.gap_actor;
                    let ch = a.words[a.mentions[gm as usize].start as usize].chunk;
                    if ch != NONE && ch != cl.subject && a.chunk_actor_ids(&a.chunks[ch as usize]).contains(&gm) {
                        chunk_mentions(a, ch, &mut targets);
                    } else if ch != cl.subject {
                        targets.push(gm);
                    }
                }
            }
            PatternKind::Noun => {
                if sources.is_empty() {
                    let ch = a.words[c.head as usize].chunk;
                    let chunk = (ch != NONE).then(|| a.chunks[ch as usize]);
                    if let Some(chunk) = chunk {
                        if chunk.possessor != NONE {
                            sources.push(chunk.possessor);
                        } else if chunk.modifier != NONE {
                            let m = a.mentions[chunk.modifier as usize];
                            sources.push(chunk.modifier);
                            // "Xi-Putin meeting": the second part is the target.
                            if m.kind == MentionKind::Compound && targets.is_empty() {
                                if let Some(k) = (chunk.modifier as usize + 1..a.mentions.len()).find(|&k| a.mentions[k].kind == MentionKind::Compound && a.mentions[k].start == m.start && a.mentions[k].part == m.part + 1) {
                                    targets.push(k as u32);
                                    symmetric = p.code.root() == 4;
                                }
                            }
                        }
                    }
                    if sources.is_empty() && c.bind.gap_actor != NONE {
                        sources.push(c.bind.gap_actor);
                    }
                    // The clause subject, for a noun in the clause's object or in a
                    // prepositional phrase ("X paid a visit to Y", "on a visit to Y, X
                    // pledged"); not for a noun inside the subject itself.
                    if sources.is_empty() {
                        if let (Some(cl), Some(chunk)) = (clause, chunk) {
                            let subj_chunk = cl.subject;
                            let placed = chunk.start > cl.verb || chunk.prep != NONE;
                            if subj_chunk != NONE && subj_chunk != ch && placed {
                                chunk_mentions(a, subj_chunk, &mut sources);
                            }
                        }
                    }
                }
            }
        }
        if sources.is_empty() {
            return;
        }
        let mut code = p.code;
        let modality0 = clause.map_or(faultline_syntax::Modality::Asserted, |cl| cl.modality);
        // An announced meeting or visit is an intent to meet (036), as the codebook
        // codes future consultations (dict/verbs/04-consult.txt).
        if code.root() == 4 && modality0 == faultline_syntax::Modality::Future {
            if let Ok(c036) = "036".parse::<CameoCode>() {
                code = c036;
            }
        }
        let negated = clause.is_some_and(|cl| cl.negated || (c.kind == PatternKind::Noun && cl.negates_object && c.head > cl.verb));
        let modality = clause.map_or(faultline_syntax::Modality::Asserted, |cl| cl.modality);
        let quantity = if takes_quantity(&code) { quantity_for(a, c) } else { None };
        let trigger = a.span(c.head, c.end.max(c.head + 1));
        let mut resolved_sources = Vec::new();
        for &m in &sources {
            if let Some(s) = self.resolve(a, m, lookup_date, recs) {
                resolved_sources.push(s);
            }
        }
        if resolved_sources.is_empty() {
            return;
        }
        let mut resolved_targets = Vec::new();
        for &m in &targets {
            if let Some(t) = self.resolve(a, m, lookup_date, recs) {
                // A pronoun whose best antecedent is the source itself takes its
                // runner-up: a reflexive reading codes no event.
                let mention = a.mentions[m as usize];
                if resolved_sources.iter().any(|s| same_actor(s, &t)) && mention.alt.1 > mention.alt.0 {
                    if let Some(t2) = self.resolve_with(a, &mention, a.mention_alt_targets(&mention), lookup_date, recs) {
                        resolved_targets.push(t2);
                        continue;
                    }
                }
                resolved_targets.push(t);
            }
        }
        // "against its own people": the state, not the acting sector.
        if matches!(c.bind.target, Some(Slot::OwnCountry(_))) {
            for t in resolved_targets.iter_mut() {
                if let (Some(iso), None) = (t.country, &t.org) {
                    t.code = iso.to_string();
                    t.sectors.clear();
                }
            }
        }
        // Nominal triggers need an explicit target: a bare noun states a relation, and its
        // neighbours are usually its content ("refusal to condemn Moscow"), not its target.
        // "Indian and Chinese troops clashed", "X and Y met": a consultation or fight
        // between coordinated subjects with no object goes both ways between them.
        let joint = targets.is_empty() && c.bind.target.is_none() && c.kind == PatternKind::Verb && resolved_sources.len() > 1;
        if joint && matches!(code.root(), 4 | 19) {
            for (i, s) in resolved_sources.iter().enumerate() {
                for (j, t) in resolved_sources.iter().enumerate() {
                    if i != j && !same_actor(s, t) {
                        out.push(Event { sentence, n: 0, date, source: s.clone(), target: t.clone(), code, negated, modality, quantity, evidence, trigger });
                    }
                }
            }
            return;
        }
        // 015/016 over a reported act: the act's target, when the act is the
        // speaker's own (same state or organisation as the source).
        if resolved_targets.is_empty() && targets.is_empty() {
            let own = |x: &EventActor| resolved_sources.iter().any(|s| s.code == x.code || (s.country.is_some() && s.country == x.country) || (s.org.is_some() && s.org == x.org));
            if let Some((_, t)) = content.iter().find(|(src, t)| own(src) && !own(t)) {
                resolved_targets.push(t.clone());
            }
        }
        if resolved_targets.is_empty() && targets.is_empty() && c.kind == PatternKind::Verb {
            if let Some(t) = self.fallback_target(a, c, &sources, &resolved_sources, lookup_date, recs) {
                resolved_targets.push(t);
            }
        }
        // Likewise cooperation declared or agreed together ("Xi and Putin declared a
        // partnership", "signed an agreement"), when nothing else is its target:
        // such codes relate the parties to each other (see `reciprocal`).
        if joint && resolved_targets.is_empty() && reciprocal(&code) {
            for (i, s) in resolved_sources.iter().enumerate() {
                for (j, t) in resolved_sources.iter().enumerate() {
                    if i != j && !same_actor(s, t) {
                        out.push(Event { sentence, n: 0, date, source: s.clone(), target: t.clone(), code, negated, modality, quantity, evidence, trigger });
                    }
                }
            }
            return;
        }
        let mut pairs: Vec<(&EventActor, &EventActor)> = Vec::new();
        for s in &resolved_sources {
            for t in &resolved_targets {
                pairs.push((s, t));
                if symmetric {
                    pairs.push((t, s));
                }
            }
        }
        for (s, t) in pairs {
            {
                if same_actor(s, t) {
                    continue;
                }
                out.push(Event {
                    sentence,
                    n: 0,
                    date,
                    source: s.clone(),
                    target: t.clone(),
                    code,
                    negated,
                    modality,
                    quantity,
                    evidence,
                    trigger,
                });
            }
        }
    }

    /// The nearest actor of the sentence that is not a clause subject nor
    /// the source: first after the match within its clause, then by distance.
    fn fallback_target(&self, a: &Analysis, c: &Candidate, sources: &[u32], resolved_sources: &[EventActor], date: Option<Date>, recs: &mut Vec<ActorRecord>) -> Option<EventActor> {
        // A clause subject acts; it is not a fallback target. (Subjects are found
        // near their clauses, so only a few clauses are checked per mention.)
        let is_subject = |m: u32| {
            let mm = a.mentions[m as usize];
            let ch = a.words[mm.start as usize].chunk;
            ch != NONE && {
                let first = a.clauses.partition_point(|cl| cl.verb < mm.start);
                // The object of "allowed IAEA inspectors to visit" is also the subject
                // of the infinitive (object control); as the matrix object it is a
                // possible target.
                let controlled = |cl: &faultline_syntax::Clause| {
                    cl.kind == ClauseKind::Infinitive && cl.parent != NONE && a.chunks[ch as usize].start > a.clauses[cl.parent as usize].verb && a.chunks[ch as usize].end <= cl.vg_start
                };
                a.clauses[first.saturating_sub(2)..(first + 6).min(a.clauses.len())].iter().any(|cl| cl.subject == ch && !controlled(cl))
            }
        };
        let region_end = if c.clause != NONE { a.clauses[c.clause as usize].end } else { a.len() as u32 };
        // Only the event's clause and the clauses it is embedded in: a clause's
        // target is not found inside a sibling or in what it reports.
        let in_scope = |m: &Mention| {
            let mc = a.words[m.start as usize].clause;
            let mut k = c.clause;
            let mut steps = 0;
            while k != NONE && steps < 32 {
                if k == mc {
                    return true;
                }
                k = a.clauses[k as usize].parent;
                steps += 1;
            }
            // Clauses the match itself covers ("offered to send peacekeepers to Gaza"),
            // and participles or relatives modifying what it matched ("war crimes
            // committed by Russian forces").
            let m_cl = (mc != NONE).then(|| a.clauses[mc as usize]);
            c.clause == NONE
                || mc == NONE
                || m_cl.is_some_and(|x| x.verb >= c.start && x.verb < c.end)
                || m_cl.is_some_and(|x| x.parent == c.clause && matches!(x.kind, ClauseKind::Participle | ClauseKind::Relative) && x.vg_start >= c.end && x.vg_start <= c.end + 2)
        };
        // Score the candidates, then resolve them nearest first (resolving allocates).
        let mut scored: Vec<(u32, u32)> = Vec::new();
        for (mi, m) in a.mentions.iter().enumerate() {
            let mi = mi as u32;
            if !m.is_actor() || sources.contains(&mi) || m.kind == MentionKind::Adjective || m.kind == MentionKind::Compound || !in_scope(m) || is_subject(mi) {
                continue;
            }
            let score = if m.start >= c.end && m.start < region_end {
                m.start - c.end
            } else {
                let d = m.start.abs_diff(c.head);
                1000 + d
            };
            scored.push((score, mi));
        }
        scored.sort_unstable();
        for (_, mi) in scored {
            if let Some(t) = self.resolve(a, mi, date, recs) {
                if !resolved_sources.iter().any(|s| same_actor(s, &t)) {
                    return Some(t);
                }
            }
        }
        None
    }

    /// The governing date: the nearest date in the event's clause, else in
    /// the clauses it is embedded in (a matrix clause's date covers its
    /// complements: "agreed in March to send"), else the document's. A date
    /// elsewhere in the sentence governs another clause, and a temporal
    /// subordinate ("three weeks before Russian troops invaded Ukraine")
    /// does not share its matrix clause's time, so neither is taken: no text
    /// date is better than a wrong one. Without a clause (another front end's
    /// analysis) the nearest date of the sentence is used.
    fn event_date(&self, a: &Analysis, c: &Candidate, doc_date: Option<Date>) -> EventDate {
        let dist = |t: u32| t.abs_diff(c.head);
        let nearest = |lo: u32, hi: u32| a.dates.iter().filter(|d| !d.bound && d.token >= lo && d.token < hi).min_by_key(|d| dist(d.token));
        let found = if c.clause == NONE || c.clause as usize >= a.clauses.len() {
            nearest(0, u32::MAX)
        } else {
            let own = a.clauses[c.clause as usize];
            // Then clauses whose verb the match itself covers ("gave £2.3 billion in
            // military aid to Ukraine in 2022", where "aid" was read as a verb):
            // their words are the event's own.
            let covered = || a.clauses.iter().filter(|k| k.verb >= c.start && k.verb < c.end && k.verb != own.verb).find_map(|k| nearest(k.start, k.end));
            let mut hit = nearest(own.start, own.end).or_else(covered);
            let mut k = own;
            for _ in 0..8 {
                if hit.is_some() || (k.kind == ClauseKind::Subordinate && is_temporal_marker(a.key(k.start as usize))) || k.parent == NONE || k.parent as usize >= a.clauses.len() {
                    break;
                }
                k = a.clauses[k.parent as usize];
                hit = nearest(k.start, k.end);
            }
            hit
        };
        match found {
            Some(d) => EventDate::Text(d.value, d.precision),
            None => match doc_date {
                Some(d) => EventDate::Document(d),
                None => EventDate::Unknown,
            },
        }
    }

    /// The actor a mention names on `date`, if any.
    fn resolve(&self, a: &Analysis, m: u32, date: Option<Date>, recs: &mut Vec<ActorRecord>) -> Option<EventActor> {
        let mention: Mention = a.mentions[m as usize];
        if !mention.is_actor() {
            return None;
        }
        self.resolve_with(a, &mention, a.mention_targets(&mention), date, recs)
    }

    /// Like [`Coder::resolve`] with explicit readings.
    fn resolve_with(&self, a: &Analysis, mention: &Mention, readings: &[faultline_dict::NameTarget], date: Option<Date>, recs: &mut Vec<ActorRecord>) -> Option<EventActor> {
        for t in readings {
            if matches!(t.entity, EntityRef::Agent(_)) || matches!(t.kind, NameKind::AgentNoun | NameKind::AgentAdjective) {
                continue;
            }
            recs.clear();
            self.dicts.records_for(*t, "", date, recs);
            let Some(r) = recs.first() else { continue };
            let (mut code, mut sectors) = (r.code.clone(), r.sectors.clone());
            if let Some(agent) = mention.agent {
                if let EntityRef::Agent(ai) = agent.entity {
                    if matches!(r.kind, ActorKind::Country | ActorKind::Government | ActorKind::Org | ActorKind::Group) {
                        let sector = self.dicts.agents()[ai as usize].code;
                        let prefix = match (r.kind, r.country) {
                            (ActorKind::Government, Some(c)) => c.to_string(),
                            _ => r.code.clone(),
                        };
                        code = format!("{prefix}{sector}");
                        sectors = vec![sector];
                    }
                }
            }
            let span = a.span(mention.start, mention.end);
            return Some(EventActor { code, country: r.country, org: r.org.clone(), sectors, span });
        }
        None
    }
}

/// Matching context for one head: the tokens the pattern is matched
/// against, in order (see `clause_sequence`).
struct MatchCtx<'a> {
    a: &'a Analysis,
    seq: &'a [u32],
    passive: bool,
    head_lemma: LemmaId,
}

/// Tokens after a head that a pattern may look at: enough for any
/// dictionary pattern, and a bound that keeps matching linear.
const WINDOW: usize = 48;

/// The token sequence a verb pattern is matched against: the head verb,
/// then the noun phrase that the clause moved away from the object
/// position — the subject of a passive ("Sanctions were imposed on Iran"
/// reads "imposed [Sanctions] on Iran") or the antecedent of an object
/// relative ("the aid that Japan sent to Turkey" reads "sent [the aid] to
/// Turkey") — then the tokens after the head.
fn clause_sequence(a: &Analysis, ci: usize, seq: &mut Vec<u32>) {
    seq.clear();
    let c = a.clauses[ci];
    let head = c.verb as usize;
    seq.push(head as u32);
    let moved = if c.passive && c.subject != NONE && a.chunks[c.subject as usize].end as usize <= c.vg_start as usize {
        Some(c.subject)
    } else if c.kind == ClauseKind::Relative && c.subject != NONE {
        // An object relative ("that Japan sent", "the plea Blinken made"): its own
        // subject follows the marker; the antecedent is the phrase before the marker.
        let sc = a.chunks[c.subject as usize];
        if sc.start < c.start {
            None
        } else {
            let mut k = sc.start as usize;
            if k > 0 && matches!(a.words[k - 1].class, Class::Rel | Class::That) {
                k -= 1;
            }
            if k > 0 && a.key(k - 1) == "," {
                k -= 1;
            }
            let ante = if k > 0 { a.words[k - 1].chunk } else { NONE };
            (ante != NONE && ante != c.subject).then_some(ante)
        }
    } else {
        None
    };
    if let Some(ch) = moved {
        let ch = a.chunks[ch as usize];
        seq.extend(ch.start..ch.end);
    }
    // A time adverbial right after the verb ("agreed last week to send") is not
    // part of what the pattern describes.
    let mut from = head + 1;
    if let Some(d) = a.dates.iter().find(|d| d.token as usize == from) {
        from = (d.end as usize).max(from);
    }
    seq.extend(from as u32..(from + WINDOW).min(a.len()) as u32);
}

/// Codes whose event, between coordinated subjects and without an object
/// or other target, relates them to each other: cooperation agreed together — intent to cooperate (030, 031), diplomatic
/// cooperation and formal agreements (050, 057), material cooperation (060–062).
fn reciprocal(code: &CameoCode) -> bool {
    matches!(code.as_str(), "030" | "031" | "050" | "057" | "060" | "061" | "062")
}

/// Subordinators that place their clause at another time than the matrix
/// clause's ("before", "after", "since", "until").
fn is_temporal_marker(key: &str) -> bool {
    matches!(key, "before" | "after" | "since" | "until" | "till" | "once" | "ahead")
}

/// Is clause `k` (or a clause coordinated with or embedded in it) the
/// complement reported by clause `governor`?
fn reports_clause(a: &Analysis, governor: u32, mut k: u32) -> bool {
    for _ in 0..8 {
        if k == NONE || k as usize >= a.clauses.len() {
            return false;
        }
        let cl = a.clauses[k as usize];
        if cl.parent == governor {
            return cl.kind == ClauseKind::Complement;
        }
        k = cl.parent;
    }
    false
}

/// Advances `p` over the tokens of `start..end` that follow in `seq`.
fn skip_span(seq: &[u32], mut p: usize, start: u32, end: u32) -> usize {
    let first = p;
    while p < seq.len() && seq[p] >= start && seq[p] < end && (p == first || seq[p] == seq[p - 1] + 1) {
        p += 1;
    }
    p.max(first + 1).min(seq.len().max(first + 1))
}

/// The last sentence token matched, for a match ending at sequence position `end`.
fn last_token(seq: &[u32], end: usize, head: usize) -> u32 {
    if end == 0 {
        return head as u32;
    }
    seq[..end.min(seq.len())].iter().copied().filter(|&t| t as usize >= head).max().unwrap_or(head as u32)
}

/// May token `p` be inside a gap? Not sentence punctuation, not the verb of
/// another finite clause.
fn gap_ok(a: &Analysis, p: usize) -> bool {
    let k = a.key(p);
    if matches!(k, "." | "!" | "?" | ";" | ":") {
        return false;
    }
    if a.words[p].class == Class::Verb {
        if let Some(ci) = a.clause_at(p) {
            let cl = a.clauses[ci as usize];
            if cl.verb as usize == p && cl.finite && matches!(cl.kind, ClauseKind::Main | ClauseKind::Subordinate | ClauseKind::Complement) {
                return false;
            }
        }
    }
    true
}

/// Where an actor slot (`+`/`$`) can land at token `pos`: a chunk starting
/// there with actors (or a possessor, an "of" complement, an actor
/// modifier); returns the slot and the token after it.
fn actor_slot(a: &Analysis, pos: usize) -> Option<(Slot, u32, u32)> {
    let ch = a.chunk_starting_at(pos)?;
    let c = a.chunks[ch as usize];
    let resolvable = |m: u32| a.mentions[m as usize].is_actor();
    if a.chunk_actor_ids(&c).iter().any(|&m| resolvable(m)) {
        return Some((Slot::Chunk(ch), c.start, c.end));
    }
    // "the former Soviet republic of Kazakhstan", "the government of China".
    let e = c.end as usize;
    if a.key(e) == "of" {
        if let Some(ch2) = a.chunk_starting_at(e + 1) {
            let c2 = a.chunks[ch2 as usize];
            if a.chunk_actor_ids(&c2).iter().any(|&m| resolvable(m)) {
                return Some((Slot::Chunk(ch2), c.start, c2.end));
            }
        }
    }
    // "its border with Belarus": with a pronoun possessor, a "with" complement
    // names the other party.
    if c.possessor != NONE && a.mentions[c.possessor as usize].kind == MentionKind::Pronoun && a.key(e) == "with" {
        if let Some(ch2) = a.chunk_starting_at(e + 1) {
            let c2 = a.chunks[ch2 as usize];
            if a.chunk_actor_ids(&c2).iter().any(|&m| resolvable(m)) {
                return Some((Slot::Chunk(ch2), c.start, c2.end));
            }
        }
    }
    if c.possessor != NONE && resolvable(c.possessor) {
        let own = (c.start..c.end).any(|t| a.key(t as usize) == "own");
        let slot = if own { Slot::OwnCountry(c.possessor) } else { Slot::Mention(c.possessor) };
        // The slot is the possessor ("understand Moscow's security concerns" goes on to
        // match "concerns"); a pattern that ends there has simply matched less.
        let pm = a.mentions[c.possessor as usize];
        let mut end = pm.end;
        if a.words.get(end as usize).is_some_and(|w| w.class == Class::Possessive) {
            end += 1;
        }
        return Some((slot, c.start, end.max(c.start + 1)));
    }
    if c.modifier != NONE && resolvable(c.modifier) && a.mentions[c.modifier as usize].kind != MentionKind::Compound {
        return Some((Slot::Mention(c.modifier), c.start, c.end));
    }
    None
}

fn slot_mentions(a: &Analysis, s: Slot, out: &mut Vec<u32>) {
    match s {
        Slot::Chunk(c) => chunk_mentions(a, c, out),
        Slot::Mention(m) | Slot::OwnCountry(m) => out.push(m),
    }
}

fn chunk_mentions(a: &Analysis, c: u32, out: &mut Vec<u32>) {
    let ch = a.chunks[c as usize];
    let ids = a.chunk_actor_ids(&ch);
    if ids.is_empty() {
        // A subject like "its refusal" codes as its possessor; "Chinese media" as its modifier.
        if ch.possessor != NONE {
            out.push(ch.possessor);
        }
        return;
    }
    out.extend_from_slice(ids);
}

/// Are two actors the same party? Equal actor codes, or the same state
/// named by its name and by a metonym of its government ("China" and
/// "Beijing", both coded at the state level): an event between them is a
/// self-event. A state's people, sectors or officials acting on its
/// government ("Belarusians … demanded the resignation of President
/// Lukashenko", "North Korean spies" against North Korea) are not.
fn same_actor(s: &EventActor, t: &EventActor) -> bool {
    s.code == t.code || (s.country.is_some() && s.country == t.country && s.org.is_none() && t.org.is_none() && s.sectors.is_empty() && t.sectors.is_empty())
}

/// The money amount nearest the trigger within its clause (or the match).
fn quantity_for(a: &Analysis, c: &Candidate) -> Option<Quantity> {
    let (lo, hi) = if c.clause != NONE {
        let cl = a.clauses[c.clause as usize];
        (cl.start.min(c.head), cl.end.max(c.end))
    } else {
        (c.head, c.end)
    };
    a.money
        .iter()
        .filter(|m| m.start >= lo && m.start < hi)
        .min_by_key(|m| m.start.abs_diff(c.head))
        .map(|m| Quantity { amount: m.amount, unit: m.unit })
}

/// Keeps, for overlapping matches, the more specific one: a match is dropped
/// when its head lies inside the span of a match with more literal words
/// (ties: the longer span, then the earlier head).
fn select(cands: &mut Vec<Candidate>) {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&cands[x], &cands[y]);
        b.literals.cmp(&a.literals).then((b.end - b.start).cmp(&(a.end - a.start))).then(a.head.cmp(&b.head)).then(a.pattern.cmp(&b.pattern))
    });
    let mut keep = vec![false; cands.len()];
    let mut accepted: Vec<usize> = Vec::new();
    for &i in &order {
        let c = cands[i];
        let clash = accepted.iter().any(|&j| {
            let o = cands[j];
            (c.head >= o.start && c.head < o.end) || (o.head >= c.start && o.head < c.end)
        });
        if !clash {
            keep[i] = true;
            accepted.push(i);
        }
    }
    let mut k = 0;
    for i in 0..cands.len() {
        if keep[i] {
            cands[k] = cands[i];
            k += 1;
        }
    }
    cands.truncate(k);
}
