//! Pattern matching: which dictionary patterns a sentence's clause heads and
//! nouns match, and what their `+`/`$` slots and gaps bound.
//!
//! [`Coder::verb_candidates`] and [`Coder::noun_candidates`] select the
//! patterns indexed under each head's lemmas and match them with a
//! backtracking walk ([`Coder::match_els`]) over the clause's token sequence
//! ([`clause_sequence`]); [`select`] keeps the most specific of overlapping
//! matches. What a match *means* — sources, targets, dates, modality — is
//! decided by the parent module (attribution), from the [`Bind`]ings.

use faultline_dict::{AltItem, Element, LemmaId, PatternId, PatternKind, Pos};
use faultline_syntax::{Analysis, Class, ClauseKind, MentionKind, VerbForm, NONE};

use super::{Candidate, Coder};

/// Gaps (`*`) span at most this many units.
const MAX_GAP: usize = 6;

/// What a pattern match bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bind {
    /// `+`: a chunk and how its actor was read.
    pub(super) target: Option<Slot>,
    /// `$`.
    pub(super) source: Option<Slot>,
    /// `+` left out in a passive clause: the subject is the target.
    pub(super) passive_target: bool,
    /// The first actor mention inside a gap.
    pub(super) gap_actor: u32,
    /// A gap crossed a gerund after a preposition ("arrested a researcher
    /// for spying for China"): what follows belongs to the gerund's own
    /// clause, so no `+`/`$` may bind there.
    pub(super) crossed_gerund: bool,
}

impl Default for Bind {
    fn default() -> Self {
        Bind { target: None, source: None, passive_target: false, gap_actor: NONE, crossed_gerund: false }
    }
}

/// Where `+`/`$` landed: either the actors of a chunk, or one mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Chunk(u32),
    Mention(u32),
    /// "its own people": the possessor's country, without its sector.
    OwnCountry(u32),
}

impl<'d> Coder<'d> {
    /// Whether pattern `id` could still replace `best` for the same head.
    ///
    /// Patterns of a head are tried in specificity order, so the first match
    /// normally wins. The exception is CAMEO's own rule — code the most
    /// specific category — when a later pattern's code is a *descendant* of
    /// the winner's ("promised to send humanitarian aid": 0333 beats 033
    /// even if the 033 pattern has more literal words).
    pub(super) fn may_improve(&self, best: Option<Candidate>, id: PatternId) -> bool {
        let Some(b) = best else { return true };
        let ps = self.dicts.patterns();
        let (won, next) = (ps.get(b.pattern).code, ps.get(id).code);
        if next.len() > won.len() && next.is_within(&won) {
            return true;
        }
        id < b.pattern && !(won.len() > next.len() && won.is_within(&next))
    }

    pub(super) fn verb_candidates(&self, a: &Analysis, cands: &mut Vec<Candidate>, seq: &mut Vec<u32>, present: &[u64]) {
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

    pub(super) fn noun_candidates(&self, a: &Analysis, cands: &mut Vec<Candidate>, seq: &mut Vec<u32>, present: &[u64]) {
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
                        if is_prep_gerund(a, t as usize) {
                            b.crossed_gerund = true;
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
                let slot_here = if bind.crossed_gerund { None } else { seq.get(pos).and_then(|&t| actor_slot(a, t as usize)) };
                if let Some((slot, start, end)) = slot_here {
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

/// Is token `p` a gerund governed by a preposition ("for spying", "of
/// passing")? It heads a clause of its own, with its own objects.
pub(super) fn is_prep_gerund(a: &Analysis, p: usize) -> bool {
    let w = a.words[p];
    w.class == Class::Verb && w.form == VerbForm::Ing && p > 0 && a.words[p - 1].class == Class::Prep
}

/// Where an actor slot (`+`/`$`) can land at token `pos`: a chunk starting
/// there with actors (or a possessor, an "of" complement, an actor
/// modifier); returns the slot and the token after it.
pub(super) fn actor_slot(a: &Analysis, pos: usize) -> Option<(Slot, u32, u32)> {
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

/// Keeps, for overlapping matches, the more specific one: a match is dropped
/// when its head lies inside the span of a match with more literal words
/// (ties: the longer span, then the earlier head).
pub(super) fn select(cands: &mut Vec<Candidate>) {
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
