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
//!    several); dated by the governing date (below); actors looked up on
//!    that date; self-events dropped; money amounts attached to aid, loan
//!    and sanction codes. Identical events of one sentence (same source,
//!    target, code and date — "will travel to Moscow for talks with Putin"
//!    matches the verb and the noun) are kept once, the first.
//!
//! **Targets.** A `+` slot takes a noun phrase's head actors; when the head
//! noun is not an actor, its possessor ("rallied against Netanyahu's
//! judicial overhaul" → Israel's government; "condemned Russia's annexation
//! of Crimea" → Russia), an "of" complement ("the government of China") or
//! an actor modifier ("the Ukrainian airliner"). A gap may end inside an
//! actor + agent-noun phrase so that the pattern goes on with the agent noun
//! ("taken in 200 Ukrainian refugees" against `take in * refugees`; the
//! actor becomes the target), but only when no `+`/`$` follows in the
//! pattern. Acknowledging or denying an act (015, 016) with no `+` takes
//! the target of the act its complement clause reports, when that act is
//! the speaker's own ("Iran admitted that its military had shot down the
//! Ukrainian airliner" → IRN UKR 015); other statement codes do not (what
//! a speaker says about a third party is not addressed to it).
//! Coordinated subjects with no target relate to each other for
//! consultations and fights, and, when nothing else is a target, for
//! cooperation declared or agreed together (030, 031, 050, 057, 060–062:
//! "Xi and Putin declared a partnership").
//!
//! **Dates.** The governing date is the nearest date in the event's clause,
//! else in clauses its match covers, else in the clauses it is embedded in
//! (a matrix date covers its complements: "agreed in March to send"), else
//! the document's date. A date elsewhere in the sentence governs another
//! clause, and a temporal subordinate ("after Russian troops invaded
//! Ukraine") is at another time than its matrix clause, so neither is
//! taken: the event keeps the document date (precision `document`), since
//! no text date is better than a wrong one. A measured distance ("three
//! weeks before Russian troops invaded Ukraine") dates the subordinate from
//! the matrix date.
//!
//! **Context rules** (see `docs/events.md`): a cooperation noun in the
//! object of a restricting verb is not coded; a place after "in"/"at" is a
//! venue, not a fallback target, for verbal and diplomatic codes; a located
//! nominal conflict event ("the war in Syria") needs its agent named or a
//! verb that carries it out; a prepositional gerund after an object takes
//! that object as subject, and its act is alleged (hypothetical) under
//! verbs of accusing.
//!
//! **Modality** comes from the analysis (see `faultline_syntax`): the
//! infinitival content of an appeal or demand ("urged Beijing not to
//! provide military aid to Russia") is prescriptive with its own negation
//! and its own subject (the addressee), and a relative clause on the object
//! of a threat ("sanctions against companies that help Russia") is the
//! threat's condition, hypothetical.
//!
//! Matching (steps 1–3) lives in the `matching` submodule; this module
//! attributes the matches (step 4 and what follows).
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
use faultline_syntax::words::{is_light_verb, rough_lemma};
use faultline_syntax::{Analysis, Analyzer, Class, ClauseKind, Context, Mention, MentionKind, Scratch, NONE};
use faultline_text::{Date, Document, Sentence};

use crate::event::{Event, EventActor, EventDate, Quantity};

mod matching;
use matching::{is_prep_gerund, select, Bind, Slot};

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

/// Sectors of the state itself: an actor with one of them is not the
/// society a protest speaks for (see `implied_target`).
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];

/// The implied target of a domestic act that names none; its span is empty,
/// as no words name it.
///
/// * A protest (14x), or its suspension (082; promised: 0352), by a country's own society (a
///   non-state sector: "Nigerian workers went on strike", "the opposition
///   suspended its protests") is addressed to that country's government, as
///   "rallied to demand the resignation of President Lukashenko" is: `NGALAB` →
///   `NGAGOV`.
/// * An easing of administrative restrictions (081x: "lifted the curfew",
///   "eased restrictions on civil society"; promised: 0351) by a state is an easing for its
///   own society: `KENGOV` → `KENCVL`.
///
/// Organisations, and sources without a country, imply nothing.
fn implied_target(code: &CameoCode, s: &EventActor) -> Option<EventActor> {
    let iso = s.country?;
    if s.org.is_some() {
        return None;
    }
    let state = s.sectors.iter().any(|x| STATE_SECTORS.contains(&x.as_str()));
    let c = code.as_str();
    let sector = if code.root() == 14 || c.starts_with("082") || c == "0352" {
        (!state && !s.sectors.is_empty()).then_some("GOV")?
    } else if c.starts_with("081") || c == "0351" {
        (state || s.sectors.is_empty()).then_some("CVL")?
    } else {
        return None;
    };
    let sec = faultline_dict::Sector::parse(sector)?;
    Some(EventActor { code: format!("{}{sector}", iso.as_str()), country: Some(iso), org: None, sectors: vec![sec], span: (0, 0) })
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
        self.sentence_lemmas(a, &mut scratch.present);
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

    /// The lemmas of the sentence as a bit set, for the pattern pre-filter
    /// ([`Coder::plausible`]).
    fn sentence_lemmas(&self, a: &Analysis, present: &mut Vec<u64>) {
        present.clear();
        present.resize(self.dicts.lexicon().lemma_count() / 64 + 1, 0);
        for r in &a.lex {
            if let Some(w) = present.get_mut(r.lemma.0 as usize / 64) {
                *w |= 1 << (r.lemma.0 % 64);
            }
        }
    }

    /// The matches chosen for an analysed sentence, as `(head token, pattern
    /// code, pattern text)` — for debugging dictionaries (see
    /// `examples/explain.rs`); events are made from exactly these.
    pub fn explain_matches(&self, a: &Analysis, scratch: &mut CoderScratch) -> Vec<(u32, CameoCode, String)> {
        let mut cands = Vec::new();
        self.sentence_lemmas(a, &mut scratch.present);
        self.verb_candidates(a, &mut cands, &mut scratch.seq, &scratch.present);
        self.noun_candidates(a, &mut cands, &mut scratch.seq, &scratch.present);
        select(&mut cands);
        let ps = self.dicts.patterns();
        cands.iter().map(|c| (c.head, ps.get(c.pattern).code, ps.get(c.pattern).text.to_string())).collect()
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
        // A noun trigger whose source is the subject of its clause (no agent inside
        // its own noun phrase): "X paid a visit to Y", "ending the war in Syria".
        let mut subject_source = false;
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
                } else if let Some(obj) = gerund_object(a, &cl) {
                    // "sanctioned three companies for supplying drones to Russia": the
                    // gerund's subject is the matrix object, not the matrix subject
                    // ("five officers of the PLA": the "of" complement's actor).
                    chunk_mentions(a, obj, &mut sources);
                    let oc = a.chunks[obj as usize];
                    if sources.is_empty() && a.key(oc.end as usize) == "of" {
                        if let Some(ch2) = a.chunk_starting_at(oc.end as usize + 1) {
                            chunk_mentions(a, ch2, &mut sources);
                        }
                    }
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
                                subject_source = true;
                            }
                        }
                    }
                }
            }
        }
        if sources.is_empty() {
            return;
        }
        // Cooperation named as the object of a verb that restricts or stops it
        // ("restricted exports of gallium to the US") is not cooperation: the event is
        // the restriction, coded by a 16x verb pattern when one matches.
        if c.kind == PatternKind::Noun && (3..=8).contains(&p.code.root()) && self.restricted_object(a, c) {
            return;
        }
        // "the war in Syria": a place named after a locative preposition in a nominal
        // event is where it happens, not a party to it, unless the event's agent is
        // named too — inside the noun phrase ("Russia's war in Ukraine") or as the
        // subject of a verb that carries the noun out ("Russia began airstrikes in
        // Syria", "waged war in"). The subject of any other verb ("agreed on ending
        // the war in Syria", "condemned the killing of civilians in Bucha") is not
        // the one who wages it.
        // (Conflict codes only: with cooperation "in" names the object — "investment in
        // Ukraine's minerals".)
        if c.kind == PatternKind::Noun && p.code.root() >= 13 && subject_source && c.bind.target.is_some_and(|t| slot_is_located(a, t)) && !self.carries_out(a, c, clause) {
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
        let mut modality = clause.map_or(faultline_syntax::Modality::Asserted, |cl| cl.modality);
        // "accused the scientist of passing secrets to China", "arrested a researcher
        // for spying for China": the act is what the accuser alleges, not what the
        // text asserts. The accusation is the event (112x, 1125, 173).
        if clause.is_some_and(|cl| self.alleged(a, &cl)) && modality.rank() < faultline_syntax::Modality::Hypothetical.rank() {
            modality = faultline_syntax::Modality::Hypothetical;
        }
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
            if let Some(t) = self.fallback_target(a, c, &code, &sources, &resolved_sources, lookup_date, recs) {
                resolved_targets.push(t);
            }
        }
        // Domestic acts that name no target have an implied one (see `implied_target`).
        if resolved_targets.is_empty() && targets.is_empty() && c.kind == PatternKind::Verb {
            if let Some(t) = resolved_sources.iter().find_map(|s| implied_target(&code, s)) {
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
    /// For statements, appeals, intents, consultations, diplomatic
    /// cooperation and yielding (roots 01–05, 08) a place named after "in"
    /// or "at" is the venue ("met in Beijing", "said at their summit in
    /// Washington", "signed a protocol in Minsk"), not a target; for the
    /// other codes the place acted on or in ("built a plant in Kazakhstan",
    /// "condemned the change of power in Kyiv") may be all the text names of
    /// the target, so it stays a candidate.
    #[allow(clippy::too_many_arguments)]
    fn fallback_target(&self, a: &Analysis, c: &Candidate, code: &CameoCode, sources: &[u32], resolved_sources: &[EventActor], date: Option<Date>, recs: &mut Vec<ActorRecord>) -> Option<EventActor> {
        let venue_codes = matches!(code.root(), 1..=5 | 8);
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
            // A gerund after a preposition ("arrested a researcher for spying for
            // China") is a clause with its own participants: the reason for the
            // act, not its target.
            if m_cl.is_some_and(|x| mc != c.clause && x.kind == ClauseKind::Participle && is_prep_gerund(a, x.verb as usize)) {
                return false;
            }
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
            if venue_codes && is_venue(a, m) {
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
    /// subordinate ("after Russian troops invaded Ukraine") does not share
    /// its matrix clause's time, so neither is taken: no text date is better
    /// than a wrong one — unless the distance is written ("three weeks
    /// before …"), which dates it from the matrix date. Without a clause (another front end's
    /// analysis) the nearest date of the sentence is used.
    fn event_date(&self, a: &Analysis, c: &Candidate, doc_date: Option<Date>) -> EventDate {
        let dist = |t: u32| t.abs_diff(c.head);
        let nearest = |lo: u32, hi: u32| a.dates.iter().filter(|d| !d.bound && d.token >= lo && d.token < hi).min_by_key(|d| dist(d.token));
        let found = if c.clause == NONE || c.clause as usize >= a.clauses.len() {
            nearest(0, u32::MAX).map(|d| (d.value, d.precision))
        } else {
            let own = a.clauses[c.clause as usize];
            // Then clauses whose verb the match itself covers ("gave £2.3 billion in
            // military aid to Ukraine in 2022", where "aid" was read as a verb):
            // their words are the event's own.
            let covered = || a.clauses.iter().filter(|k| k.verb >= c.start && k.verb < c.end && k.verb != own.verb).find_map(|k| nearest(k.start, k.end));
            let mut hit = nearest(own.start, own.end).or_else(covered).map(|d| (d.value, d.precision));
            let mut k = own;
            for _ in 0..8 {
                if hit.is_some() || k.parent == NONE || k.parent as usize >= a.clauses.len() {
                    break;
                }
                if k.kind == ClauseKind::Subordinate && is_temporal_marker(a.key(k.start as usize)) {
                    // "three weeks before Russian troops invaded Ukraine": a measured
                    // distance from the matrix clause's date dates the subordinate.
                    let p = a.clauses[k.parent as usize];
                    hit = offset_before(a, k.start).and_then(|off| {
                        let d = nearest(p.start, p.end.min(k.start))?;
                        shift_date(d.value, d.precision, off, a.key(k.start as usize))
                    });
                    break;
                }
                k = a.clauses[k.parent as usize];
                hit = nearest(k.start, k.end).map(|d| (d.value, d.precision));
            }
            hit
        };
        match found {
            Some((d, p)) => EventDate::Text(d, p),
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

impl<'d> Coder<'d> {
    /// Does the verb at token `t` have a lemma satisfying `test`? Lexicon
    /// readings first, then a rough lemma of the word (verbs without patterns).
    fn verb_lemma_is(&self, a: &Analysis, t: u32, test: fn(&str) -> bool) -> bool {
        let lexicon = self.dicts.lexicon();
        a.lex(t as usize).iter().filter(|r| r.pos == Pos::Verb).any(|r| test(lexicon.lemma(r.lemma))) || test(&rough_lemma(a.key(t as usize)))
    }

    /// Is noun match `c` the object of a verb that restricts, stops or
    /// reduces what it names ("restricted exports of gallium", "halted
    /// shipments of grain to Egypt"), or the subject of such a passive
    /// ("exports to China were banned")?
    fn restricted_object(&self, a: &Analysis, c: &Candidate) -> bool {
        if c.clause == NONE || c.clause as usize >= a.clauses.len() {
            return false;
        }
        let cl = a.clauses[c.clause as usize];
        if a.words[cl.verb as usize].class != Class::Verb || !self.verb_lemma_is(a, cl.verb, is_restricting_lemma) {
            return false;
        }
        if cl.passive && cl.subject != NONE {
            let sc = a.chunks[cl.subject as usize];
            if c.head >= sc.start && c.head < sc.end {
                return true;
            }
        }
        // The object: a few words after the verb, with no other verb, clause
        // boundary or conjunction in between ("cut off gas supplies to").
        c.head > cl.verb
            && c.head - cl.verb <= 7
            && (cl.verb + 1..c.head).all(|t| !matches!(a.words[t as usize].class, Class::Verb | Class::Punct | Class::Coord | Class::Rel | Class::That | Class::Subord | Class::To))
    }

    /// Is clause `cl` a gerund governed by a verb of accusation or legal
    /// action through a preposition ("accused X of passing", "arrested X
    /// for spying", "charged with helping")? Its act is an allegation.
    fn alleged(&self, a: &Analysis, cl: &faultline_syntax::Clause) -> bool {
        cl.kind == ClauseKind::Participle
            && is_prep_gerund(a, cl.verb as usize)
            && cl.parent != NONE
            && (cl.parent as usize) < a.clauses.len()
            && self.verb_lemma_is(a, a.clauses[cl.parent as usize].verb, is_accusing_lemma)
    }

    /// Does the clause of noun match `c` carry the noun's event out — a light
    /// or aspectual verb with the noun in its object ("began airstrikes",
    /// "waged war", "launched an offensive")?
    fn carries_out(&self, a: &Analysis, c: &Candidate, clause: Option<faultline_syntax::Clause>) -> bool {
        let Some(cl) = clause else { return false };
        let ch = a.words[c.head as usize].chunk;
        let in_object = ch != NONE && a.chunks[ch as usize].prep == NONE && c.head > cl.verb;
        in_object && a.words[cl.verb as usize].class == Class::Verb && self.verb_lemma_is(a, cl.verb, |l| is_light_verb(l) || is_performing_lemma(l))
    }
}

/// Verbs of accusation and legal action, whose prepositional gerund
/// ("of spying", "for helping") names the alleged offence.
fn is_accusing_lemma(l: &str) -> bool {
    matches!(
        l,
        "accuse" | "charge" | "suspect" | "convict" | "indict" | "arrest" | "detain" | "jail" | "imprison" | "sentence" | "prosecute" | "blame" | "investigate"
            | "probe" | "allege" | "fault"
    )
}

/// The object of the clause that governs gerund clause `cl` through a
/// preposition ("accused [Russia] on October 7 of hacking", "sanctioned
/// [three companies] for supplying", "charged [five officers of the PLA]
/// with hacking"): the gerund's subject. "for", "from" and "with" after an
/// object always take it as their subject; "of", "on" and "in" only after
/// verbs of accusing ("accused X of"), since after other verbs they
/// usually complete the object noun ("start the process of admitting",
/// "signed memoranda on joining"). `None` when the preposition follows the
/// verb directly ("insisted on sending": the matrix subject acts).
fn gerund_object(a: &Analysis, cl: &faultline_syntax::Clause) -> Option<u32> {
    if cl.kind != ClauseKind::Participle || !is_prep_gerund(a, cl.verb as usize) || cl.parent == NONE || cl.parent as usize >= a.clauses.len() {
        return None;
    }
    let p = a.clauses[cl.parent as usize];
    let prep = cl.verb - 1;
    if p.verb >= prep || prep - p.verb > 12 || p.passive {
        return None;
    }
    let object_prep = match a.key(prep as usize) {
        "for" | "from" | "with" => true,
        "of" | "on" | "in" => is_accusing_lemma(&rough_lemma(a.key(p.verb as usize))) || a.lex(p.verb as usize).iter().any(|r| r.pos == Pos::Verb && matches!(a.key(p.verb as usize), "accused" | "accuses" | "accusing" | "suspected" | "convicted" | "congratulated")),
        _ => false,
    };
    if !object_prep {
        return None;
    }
    let ch = a.words[p.verb as usize + 1].chunk;
    if ch == NONE || ch == p.subject {
        return None;
    }
    let c = a.chunks[ch as usize];
    let clean = (c.end..prep).all(|t| !matches!(a.words[t as usize].class, Class::Verb | Class::Coord | Class::Rel | Class::That | Class::Subord) && !matches!(a.key(t as usize), "." | ";" | ":"));
    (c.prep == NONE && c.start == p.verb + 1 && c.end <= prep && clean).then_some(ch)
}

/// Verbs that restrict, stop or reduce the exchange their object names.
fn is_restricting_lemma(l: &str) -> bool {
    matches!(
        l,
        "restrict" | "ban" | "bar" | "block" | "halt" | "stop" | "suspend" | "curb" | "limit" | "cap" | "prohibit" | "outlaw" | "embargo" | "freeze" | "cut" | "reduce"
            | "curtail" | "slash" | "end" | "terminate" | "cancel" | "scrap" | "shelve" | "pause" | "postpone" | "sever" | "restrain"
    )
}

/// Verbs (beyond the light verbs) whose subject performs the event its
/// object noun names: "waged war", "began airstrikes", "stepped up attacks".
fn is_performing_lemma(l: &str) -> bool {
    matches!(l, "wage" | "begin" | "start" | "continue" | "resume" | "escalate" | "intensify" | "step" | "mount" | "carry" | "commit" | "perpetrate" | "unleash" | "expand" | "fight" | "initiate" | "undertake" | "pursue" | "order")
}

/// Prepositions that place an event rather than name its party.
fn is_locative(key: &str) -> bool {
    matches!(key, "in" | "at" | "inside" | "across" | "throughout" | "within")
}

/// The preposition before the noun phrase a mention belongs to (or before
/// the mention itself), if any.
fn prep_before<'a>(a: &'a Analysis, m: &Mention) -> Option<&'a str> {
    let ch = a.words[m.start as usize].chunk;
    let first = if ch != NONE { a.chunks[ch as usize].start } else { m.start };
    (first > 0).then(|| a.key(first as usize - 1))
}

/// Is mention `m` a place named as the venue of an event ("met in Beijing",
/// "said at the Kremlin")? Only places: a state, its capital or government
/// seat, not a person or an organisation.
fn is_venue(a: &Analysis, m: &Mention) -> bool {
    matches!(m.kind, MentionKind::Name | MentionKind::Government) && prep_before(a, m).is_some_and(|k| matches!(k, "in" | "at")) && !a.mention_targets(m).iter().any(|t| matches!(t.entity, EntityRef::Person(_) | EntityRef::Org(_)))
}

/// Did slot `s` bind a place after a locative preposition ("the war in
/// Syria", "the killing of civilians in the Ukrainian town of Bucha")?
fn slot_is_located(a: &Analysis, s: Slot) -> bool {
    let m = match s {
        Slot::Chunk(ch) => {
            let c = a.chunks[ch as usize];
            return c.start > 0 && is_locative(a.key(c.start as usize - 1));
        }
        Slot::Mention(m) | Slot::OwnCountry(m) => a.mentions[m as usize],
    };
    prep_before(a, &m).is_some_and(is_locative)
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

/// A measured distance written right before a temporal subordinator
/// ("three weeks before", "two days after", "a month before"), as a count
/// and a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offset {
    Days(i64),
    Months(i64),
}

/// The distance written before the subordinator at token `marker`, if any.
fn offset_before(a: &Analysis, marker: u32) -> Option<Offset> {
    if marker < 2 {
        return None;
    }
    let (n, u) = (a.key(marker as usize - 2), a.key(marker as usize - 1));
    let count: i64 = match n {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => n.parse().ok().filter(|&v: &i64| (1..=1000).contains(&v))?,
    };
    Some(match u {
        "day" | "days" => Offset::Days(count),
        "week" | "weeks" => Offset::Days(7 * count),
        "month" | "months" => Offset::Months(count),
        "year" | "years" => Offset::Months(12 * count),
        _ => return None,
    })
}

/// The date of a clause introduced by `marker` ("before", "after") that
/// lies `off` from the matrix clause's date `d`: "X on Feb. 4, three weeks
/// before Y" puts Y three weeks after Feb. 4. Days and weeks need a date
/// given to the day; months and years keep the matrix precision when it is
/// a day or a month (and a year only for whole years).
fn shift_date(d: Date, p: faultline_text::Precision, off: Offset, marker: &str) -> Option<(Date, faultline_text::Precision)> {
    use faultline_text::Precision;
    let sign = match marker {
        "before" | "ahead" => 1,
        "after" | "since" => -1,
        _ => return None,
    };
    match off {
        Offset::Days(n) if p == Precision::Day => Some((d.add_days(sign * n), p)),
        Offset::Months(n) if matches!(p, Precision::Day | Precision::Month) || (p == Precision::Year && n % 12 == 0) => {
            let m0 = d.year() as i64 * 12 + d.month() as i64 - 1 + sign * n;
            let (y, m) = (m0.div_euclid(12) as i32, m0.rem_euclid(12) as u32 + 1);
            let day = d.day().min(faultline_text::date::days_in_month(y, m));
            Date::from_ymd(y, m, day).ok().map(|nd| (nd, p))
        }
        _ => None,
    }
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

