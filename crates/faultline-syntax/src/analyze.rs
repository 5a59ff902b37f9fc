//! The shallow analyser: [`Sentence`] → [`Analysis`].
//!
//! Passes, each linear in the number of tokens (every inner look-around is
//! bounded by a constant window, and the name trie walk by the longest
//! dictionary name):
//!
//! 1. **words** — key, lexicon readings, closed class, suffix class;
//! 2. **disambiguation** — noun/verb readings decided by the left context;
//! 3. **mentions** — longest dictionary names, agent combinations,
//!    counterparts, hyphenated compounds, pronouns;
//! 4. **verb groups and noun phrases** — auxiliaries, modals and negation
//!    folded into the verb group; noun phrases with possessors, modifiers and
//!    coordination of actor phrases;
//! 5. **clauses** — kind, subject (appositives, relative antecedents,
//!    controllers), parent, voice and "by" agent, region;
//! 6. **negation and modality** — own cues, then scope inherited from
//!    parents and coordinated verbs;
//! 7. **pronouns and agents** — pronouns resolved within the sentence, then
//!    against the carried-over [`Context`] of the previous sentence; agents
//!    read from "of COUNTRY" and anchored to the document's dominant country;
//! 8. **dates and money** — placed on tokens.

use faultline_dict::{Dictionaries, EntityRef, NameKind, NameTarget, NameToken, Pos};
use faultline_text::{Sentence, TokenKind};

use crate::analysis::*;
use crate::money::find_money;
use crate::words::*;

/// Builds [`Analysis`] values from sentences with the dictionaries' names
/// and lexicon. Cheap to create; holds only a reference.
#[derive(Debug, Clone, Copy)]
pub struct Analyzer<'d> {
    dicts: &'d Dictionaries,
}

/// What one sentence leaves for the next: its actors, subjects first, for
/// pronouns that refer back ("Kazakhstan … its sovereignty"); and, for the
/// whole document, the countries named so far, which anchor bare domestic
/// agents ("the government", "police"; see [`Analyzer::analyze`]).
#[derive(Debug, Clone, Default)]
pub struct Context {
    items: Vec<Antecedent>,
    targets: Vec<NameTarget>,
    /// Distinct countries named in the document so far (one reading each),
    /// in order of first naming, with how often each was named.
    countries: Vec<(NameTarget, u32)>,
    /// The countries named in the current sentence (a buffer).
    here: Vec<EntityRef>,
}

#[derive(Debug, Clone, Copy)]
struct Antecedent {
    targets: (u32, u32),
    agent: Option<NameTarget>,
    kind: MentionKind,
    plural: bool,
    /// 0 = subject of a main clause, 1 = other subject, 2 = other actor.
    rank: u8,
}

impl Context {
    /// Forgets everything (a new document).
    pub fn clear(&mut self) {
        self.clear_sentence();
        self.countries.clear();
        self.here.clear();
    }

    /// Forgets the previous sentence's antecedents, keeping the document's
    /// countries.
    fn clear_sentence(&mut self) {
        self.items.clear();
        self.targets.clear();
    }
}

/// Reusable buffers for [`Analyzer::analyze`] (one per thread).
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    name_toks: Vec<NameToken>,
    tmp_targets: Vec<NameTarget>,
}

/// Pronouns that refer to actors, with (possessive, plural, person-only).
fn pronoun_info(key: &str) -> Option<(bool, bool, Option<bool>)> {
    // third field: Some(true) = persons only, Some(false) = non-persons only, None = any.
    Some(match key {
        "it" | "itself" => (false, false, Some(false)),
        "its" => (true, false, Some(false)),
        "they" | "them" | "themselves" => (false, true, None),
        "their" => (true, true, None),
        "he" | "him" | "himself" | "she" | "herself" => (false, false, Some(true)),
        "his" | "her" => (true, false, Some(true)),
        _ => return None,
    })
}

/// Common verb forms the pattern lexicon may not contain, so that word
/// classes do not depend on which verbs happen to have patterns.
fn common_verb(key: &str) -> Option<VerbForm> {
    Some(match key {
        "say" | "tell" | "seem" | "become" | "come" | "get" | "take" | "make" | "go" | "know" | "see" | "think" | "give"
        | "find" | "leave" | "keep" | "let" | "begin" | "show" | "hear" | "run" | "hold" | "bring" | "stand" | "lose"
        | "meet" | "pay" | "lead" | "grow" | "fall" | "send" | "build" | "spend" | "win" | "remain" | "want" | "need"
        | "appear" | "include" | "continue" | "allow" | "believe" | "help" | "mean" | "seek" | "fight" | "try"
        | "use" | "look" | "work" | "call" | "ask" | "feel" | "provide" | "put" | "set" | "cut" | "explore" | "gauge"
        | "mitigate" | "bridge" | "shape" | "tend" | "inflame" | "effect" | "benefit" | "rebuild" | "point" | "heed"
        | "prevent" | "claim" | "evade" | "emphasize" | "drive" | "oversimplify" | "capture" | "discuss"
        | "suspend" | "coordinate" | "mobilize" | "obstruct" | "complicate" | "require" | "play" | "avoid" => VerbForm::Base,
        "says" | "tells" | "seems" | "becomes" | "comes" | "gets" | "takes" | "makes" | "goes" | "knows" | "sees"
        | "thinks" | "gives" | "finds" | "keeps" | "shows" | "holds" | "brings" | "remains" | "wants" | "needs"
        | "appears" | "includes" | "continues" | "tends" | "puts" | "operates" | "suggests" | "drags" | "sees " => VerbForm::Third,
        "said" | "told" | "seemed" | "became" | "came" | "got" | "took" | "taken" | "made" | "went" | "gone"
        | "knew" | "known" | "saw" | "seen" | "thought" | "gave" | "given" | "found" | "left" | "kept" | "began"
        | "begun" | "shown" | "heard" | "ran" | "held" | "brought" | "stood" | "lost" | "met" | "paid" | "led"
        | "grew" | "grown" | "fell" | "fallen" | "sent" | "built" | "spent" | "won" | "sought" | "fought" | "meant"
        | "wrote" | "written" | "spoke" | "spoken" | "chose" | "chosen" | "broke" | "broken" | "drove" | "driven"
        | "struck" | "stricken" | "threw" | "thrown" | "withdrew" | "withdrawn" | "forgave" | "forgiven" => VerbForm::Past,
        _ => return None,
    })
}

impl<'d> Analyzer<'d> {
    /// An analyser over these dictionaries.
    pub fn new(dicts: &'d Dictionaries) -> Self {
        Analyzer { dicts }
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &'d Dictionaries {
        self.dicts
    }

    /// Analyses one sentence into `out` (cleared first). `ctx` carries
    /// pronoun antecedents from the previous sentence of the same document
    /// and the countries the document has named (which anchor bare domestic
    /// agents), and is updated for the next one; clear it between documents.
    pub fn analyze(&self, sentence: &Sentence, ctx: &mut Context, scratch: &mut Scratch, out: &mut Analysis) {
        self.analyze_tagged(sentence, &[], ctx, scratch, out);
    }

    /// [`Analyzer::analyze`] for a sentence whose word classes come from
    /// outside (a tagger or a treebank parse): `tags[i]`, when `Some`,
    /// replaces the class and verb form [`Analyzer::analyze`] would guess
    /// for token `i`, and the noun/verb disambiguation does not override it
    /// (an external tagger sees more context than its left-context rules).
    /// Lexicon readings are kept, and actor mentions still mark their words
    /// as names or modifiers. `None` entries, and tokens past the end of
    /// `tags`, are guessed as usual; an empty `tags` is [`Analyzer::analyze`].
    pub fn analyze_tagged(
        &self,
        sentence: &Sentence,
        tags: &[Option<(Class, VerbForm)>],
        ctx: &mut Context,
        scratch: &mut Scratch,
        out: &mut Analysis,
    ) {
        out.clear();
        out.text.push_str(&sentence.text);
        self.words(sentence, tags, out);
        self.mentions(sentence, scratch, out);
        disambiguate(out);
        restore_tags(out, tags);
        one_anaphora(out);
        place_dates(sentence, out);
        verb_groups_and_chunks(out);
        clauses(out);
        scope(out);
        resolve_pronouns(out, ctx, scratch);
        possessed_agents(out);
        self.agents_of_countries(out);
        self.document_agents(out, ctx);
        update_context(out, ctx);
        money(out);
    }

    fn words(&self, s: &Sentence, tags: &[Option<(Class, VerbForm)>], out: &mut Analysis) {
        let lexicon = self.dicts.lexicon();
        let n = s.tokens.len();
        out.words.reserve(n);
        for (i, t) in s.tokens.iter().enumerate() {
            let raw = t.text(&s.text);
            let k0 = out.keys.len() as u32;
            out.keys.push_str(&faultline_dict::normalize_key(raw));
            let k1 = out.keys.len() as u32;
            let key = &out.keys[k0 as usize..k1 as usize];
            let cap = raw.chars().next().is_some_and(char::is_uppercase);
            let l0 = out.lex.len() as u32;
            let (class, form) = match t.kind {
                TokenKind::Punct => (Class::Punct, VerbForm::None),
                TokenKind::Symbol => (Class::Symbol, VerbForm::None),
                TokenKind::Number => (Class::Num, VerbForm::None),
                TokenKind::Clitic => {
                    let prev = if i > 0 { out.key(i - 1) } else { "" };
                    match key {
                        "'s" if matches!(prev, "it" | "that" | "there" | "he" | "she" | "what" | "who" | "here" | "where" | "this") => (Class::Aux, VerbForm::None),
                        "'s" | "'" => (Class::Possessive, VerbForm::None),
                        "n't" => (Class::Neg, VerbForm::None),
                        "'ll" | "'d" => (Class::Modal, VerbForm::None),
                        _ => (Class::Aux, VerbForm::None),
                    }
                }
                TokenKind::Word => {
                    let readings = lexicon.analyses(key);
                    out.lex.extend_from_slice(readings);
                    if key == "no." {
                        (Class::Noun, VerbForm::None)
                    } else if let Some(c) = closed_class(key) {
                        (c, VerbForm::None)
                    } else if cap && i > 0 && !matches!(out.key(i - 1), "\"" | ":" | "--") {
                        // "Western sanctions": a capitalised adjective is still an adjective.
                        match suffix_class(key, false).0 {
                            Class::Adj if key.len() > 4 => (Class::Adj, VerbForm::None),
                            _ => (Class::Proper, VerbForm::None),
                        }
                    } else if let Some(cf) = self.head_class(readings) {
                        cf
                    } else if let Some(f) = common_verb(key) {
                        (Class::Verb, f)
                    } else {
                        suffix_class(key, false)
                    }
                }
            };
            // An external tag wins over the guess (the readings stay).
            let (class, form) = tags.get(i).copied().flatten().unwrap_or((class, form));
            let l1 = out.lex.len() as u32;
            out.words.push(Word {
                start: t.start,
                end: t.end,
                class,
                form,
                key: (k0, k1),
                lex: (l0, l1),
                cap,
                mention: NONE,
                chunk: NONE,
                clause: NONE,
            });
        }
        // "as well as" coordinates; "no longer" negates; "according to" is a preposition.
        for i in 0..n {
            if out.key(i) == "as" && out.key(i + 1) == "well" && out.key(i + 2) == "as" {
                for k in i..i + 3 {
                    out.words[k].class = Class::Coord;
                }
            }
            if out.key(i) == "no" && out.key(i + 1) == "longer" {
                out.words[i].class = Class::Neg;
                out.words[i + 1].class = Class::Neg;
            }
        }
    }

    /// The class a word's lexicon readings imply. Only readings whose lemma
    /// heads a pattern of that part of speech count: non-head pattern words
    /// are entered with both verb and noun forms ("economic" would otherwise
    /// read as a verb), so they say nothing about the word's class.
    fn head_class(&self, readings: &[faultline_dict::Analysis]) -> Option<(Class, VerbForm)> {
        let heads = &self.dicts.patterns().by_head;
        let verb = readings.iter().filter(|a| a.pos == Pos::Verb && heads.contains_key(&(a.lemma, faultline_dict::PatternKind::Verb)));
        let form = verb.clone().map(|a| dict_form(a.form)).max_by_key(|f| form_rank(*f));
        let noun = readings.iter().any(|a| a.pos == Pos::Noun && heads.contains_key(&(a.lemma, faultline_dict::PatternKind::Noun)));
        match (form, noun) {
            (Some(f), _) => Some((Class::Verb, f)), // ambiguous ones are settled by `disambiguate`
            (None, true) => Some((Class::Noun, VerbForm::None)),
            (None, false) => None,
        }
    }

    fn mentions(&self, s: &Sentence, scratch: &mut Scratch, out: &mut Analysis) {
        let names = self.dicts.names();
        scratch.name_toks.clear();
        for t in &s.tokens {
            scratch.name_toks.push(names.token(t.text(&s.text)));
        }
        let n = out.words.len();
        let mut i = 0;
        while i < n {
            let w = out.words[i];
            // Pronouns.
            if matches!(w.class, Class::Pron | Class::PossPron) {
                if let Some((poss, plural, _)) = pronoun_info(out.key(i)) {
                    let t0 = out.targets.len() as u32;
                    push_mention(out, Mention { start: i as u32, end: i as u32 + 1, kind: MentionKind::Pronoun, targets: (t0, t0), agent: None, possessive: poss, plural, part: 0, antecedent: NONE, alt: (t0, t0) });
                    i += 1;
                    continue;
                }
            }
            if let Some(m) = names.longest_at(&scratch.name_toks, i) {
                // A lower-case single common word at sentence start that is also a name is fine;
                // but skip names that are only closed-class words ("US" is upper-only already).
                let t0 = out.targets.len() as u32;
                out.targets.extend(m.iter().copied());
                let t1 = out.targets.len() as u32;
                let targets = &out.targets[t0 as usize..t1 as usize];
                let kind = if targets.iter().all(|t| matches!(t.kind, NameKind::AgentNoun | NameKind::AgentAdjective)) {
                    MentionKind::Agent
                } else if targets.iter().any(|t| matches!(t.entity, EntityRef::Person(_))) {
                    MentionKind::Person
                } else if targets.iter().any(|t| t.kind == NameKind::Government) {
                    MentionKind::Government
                } else if targets.iter().all(|t| matches!(t.kind, NameKind::Adjective | NameKind::CombiningForm | NameKind::AgentNoun | NameKind::AgentAdjective)) {
                    MentionKind::Adjective
                } else {
                    MentionKind::Name
                };
                // Keep only the readings that fit the kind (an agent noun reading of
                // a country name is noise).
                if kind != MentionKind::Agent {
                    let mut k = t0 as usize;
                    for j in t0 as usize..t1 as usize {
                        let t = out.targets[j];
                        if !matches!(t.entity, EntityRef::Agent(_)) {
                            out.targets[k] = t;
                            k += 1;
                        }
                    }
                    out.targets.truncate(k);
                }
                let t1 = out.targets.len() as u32;
                let last = out.key(m.end - 1);
                let plural = kind == MentionKind::Agent && last.ends_with('s') && !last.ends_with("ss");
                push_mention(out, Mention { start: i as u32, end: m.end as u32, kind, targets: (t0, t1), agent: None, possessive: false, plural, part: 0, antecedent: NONE, alt: (t0, t0) });
                i = m.end;
                continue;
            }
            // Plural demonyms: "Israelis", "Belarusians" — the people of a country.
            let key = out.key(i);
            if key.len() > 4 && key.ends_with('s') && out.words[i].cap {
                let stem = &key[..key.len() - 1];
                let nt = [NameToken { id: names.token_id(stem), upper: false }];
                if let Some(m) = names.exact(&nt) {
                    let t0 = out.targets.len() as u32;
                    out.targets.extend(m.iter().copied().filter(|t| t.kind == NameKind::Adjective && matches!(t.entity, EntityRef::Country(_))));
                    let t1 = out.targets.len() as u32;
                    if t1 > t0 {
                        push_mention(out, Mention { start: i as u32, end: i as u32 + 1, kind: MentionKind::Counterpart, targets: (t0, t1), agent: None, possessive: false, plural: true, part: 0, antecedent: NONE, alt: (t0, t0) });
                        i += 1;
                        continue;
                    }
                }
            }
            // Hyphenated compounds: "Sino-Russian", "U.S.-China", "Xi-Putin".
            if s.tokens[i].is_hyphenated() {
                self.compound(s, i, scratch, out);
            }
            i += 1;
        }
        combine_mentions(out);
        for m in 0..out.mentions.len() {
            let mm = out.mentions[m];
            for t in mm.start..mm.end {
                // Compound parts share a token: the token points at the first part.
                if out.words[t as usize].mention == NONE {
                    out.words[t as usize].mention = m as u32;
                }
            }
            if out.words.get(mm.end as usize).is_some_and(|w| w.class == Class::Possessive) {
                out.mentions[m].possessive = true;
            }
            if mm.kind != MentionKind::Pronoun && mm.kind != MentionKind::Adjective && mm.kind != MentionKind::Compound {
                for t in mm.start..mm.end {
                    let w = &mut out.words[t as usize];
                    if !matches!(w.class, Class::Det | Class::Possessive | Class::Prep) {
                        w.class = Class::Proper;
                    }
                }
            } else if matches!(mm.kind, MentionKind::Adjective | MentionKind::Compound) {
                // Modifiers: "Chinese", "U.S.-China" (trade talks).
                for t in mm.start..mm.end {
                    out.words[t as usize].class = Class::Adj;
                }
            }
        }
    }

    fn compound(&self, s: &Sentence, i: usize, scratch: &mut Scratch, out: &mut Analysis) {
        let names = self.dicts.names();
        let tok = s.tokens[i];
        let parts: Vec<&str> = tok.hyphen_parts(&s.text).collect();
        if parts.len() < 2 || parts.len() > 4 {
            return;
        }
        let save_targets = out.targets.len();
        let save_mentions = out.mentions.len();
        let mut buf = String::new();
        for (p, part) in parts.iter().enumerate() {
            let upper = faultline_dict::is_upper_token(part);
            scratch.tmp_targets.clear();
            let look = |key: &str, combining: bool, tt: &mut Vec<NameTarget>| {
                let nt = [NameToken { id: names.token_id(key), upper }];
                if let Some(m) = names.exact(&nt) {
                    for t in m.iter() {
                        let ok = if combining {
                            t.kind == NameKind::CombiningForm
                        } else {
                            matches!(t.kind, NameKind::Name | NameKind::Adjective | NameKind::Government)
                        };
                        if ok && !matches!(t.entity, EntityRef::Agent(_)) {
                            tt.push(*t);
                        }
                    }
                }
            };
            buf.clear();
            buf.push_str(&faultline_dict::normalize_key(part));
            if p + 1 < parts.len() {
                buf.push('-');
                look(&buf, true, &mut scratch.tmp_targets);
                buf.pop();
            }
            if scratch.tmp_targets.is_empty() {
                look(&buf, false, &mut scratch.tmp_targets);
            }
            if scratch.tmp_targets.is_empty() {
                out.targets.truncate(save_targets);
                out.mentions.truncate(save_mentions);
                return;
            }
            let t0 = out.targets.len() as u32;
            out.targets.extend_from_slice(&scratch.tmp_targets);
            let t1 = out.targets.len() as u32;
            push_mention(out, Mention { start: i as u32, end: i as u32 + 1, kind: MentionKind::Compound, targets: (t0, t1), agent: None, possessive: false, plural: false, part: p as u8, antecedent: NONE, alt: (t0, t0) });
        }
    }

    /// The sector of an agent mention's agent reading, with that reading.
    fn agent_sector(&self, out: &Analysis, m: &Mention) -> Option<(NameTarget, &'d str)> {
        let agent = out.mention_targets(m).iter().copied().find(|t| matches!(t.kind, NameKind::AgentNoun | NameKind::AgentAdjective))?;
        let EntityRef::Agent(ai) = agent.entity else { return None };
        self.dicts.agents().get(ai as usize).map(|a| (agent, a.code.as_str()))
    }

    /// "The government of Mali", "the President of France", "police in
    /// Kenya": a bare domestic agent followed by "of" (or, for civilian
    /// sectors, "in") and a country's name is that country's agent. The
    /// country's mention — the head the phrase's chunking gives — becomes a
    /// [`MentionKind::Combo`] with the agent's sector (`MLIGOV`). Armed,
    /// intelligence and criminal sectors take only "of": troops or militants
    /// *in* a country are often foreign to it.
    fn agents_of_countries(&self, out: &mut Analysis) {
        for mi in 0..out.mentions.len().saturating_sub(1) {
            let m = out.mentions[mi];
            if m.kind != MentionKind::Agent {
                continue;
            }
            let Some((agent, sector)) = self.agent_sector(out, &m) else { continue };
            if !DOMESTIC_SECTORS.contains(&sector) {
                continue;
            }
            let end = m.end as usize;
            let prep = out.key(end);
            let located = !matches!(sector, "MIL" | "REB" | "INS" | "SEP" | "UAF" | "SPY" | "CRM");
            if !(prep == "of" || (prep == "in" && located)) {
                continue;
            }
            let at = if out.key(end + 1) == "the" { end + 2 } else { end + 1 };
            let x = out.mentions[mi + 1];
            if x.start as usize != at || !matches!(x.kind, MentionKind::Name | MentionKind::Government) || x.possessive {
                continue;
            }
            let mut readings = out.mention_targets(&x).iter().filter(|t| matches!(t.entity, EntityRef::Country(_)));
            let Some(first) = readings.next().map(|t| t.entity) else { continue };
            if !readings.all(|t| t.entity == first) || out.mention_targets(&x).iter().any(|t| !matches!(t.entity, EntityRef::Country(_))) {
                continue;
            }
            let xm = &mut out.mentions[mi + 1];
            xm.kind = MentionKind::Combo;
            xm.agent = Some(agent);
            xm.plural = m.plural;
        }
    }

    /// Anchors bare domestic agents to the document's country: "the
    /// government", "police", "protesters" with no country in their phrase
    /// refer, in news prose, to the country the story has been talking
    /// about. The anchor is the document's dominant country: the one named
    /// (up to and including the sentence) more often than all other
    /// countries together. Without one ("Russia struck Ukraine … the
    /// military said") the reference is a guess and agents stay bare; and
    /// a sentence that names another country keeps its agents bare too
    /// ("The United States condemned Russia's arrest of the reporter":
    /// whose reporter? "Indonesia offered to send peacekeepers to Gaza").
    /// Agents of international sectors (IGO,
    /// NGO, aid agencies, multinationals, refugees…) and agents marked as
    /// foreign or generic ("foreign troops", "other governments", "world
    /// leaders") stay bare, and so does an agent whose own phrase names its
    /// country or organisation ("the government of Mali" is read from its
    /// phrase), and an agent word modifying a noun
    /// ("military cooperation"). The agent becomes a
    /// [`MentionKind::Combo`] whose span stays the agent noun's.
    fn document_agents(&self, out: &mut Analysis, ctx: &mut Context) {
        // The sentence's own countries: one of them that is not the anchor
        // makes the sentence's agents its own business ("The United States
        // condemned Russia's arrest of the reporter": whose reporter?).
        ctx.here.clear();
        for m in &out.mentions {
            let names_country = matches!(m.kind, MentionKind::Name | MentionKind::Government | MentionKind::Adjective | MentionKind::Combo | MentionKind::Counterpart);
            let mut readings = out.mention_targets(m).iter().filter(|t| names_country && matches!(t.entity, EntityRef::Country(_)));
            if let Some(first) = readings.next().copied() {
                // One country per naming: an ambiguous name ("Georgia") counts as none.
                ctx.here.push(first.entity);
                if readings.all(|t| t.entity == first.entity) {
                    match ctx.countries.iter_mut().find(|(t, _)| t.entity == first.entity) {
                        Some((_, n)) => *n += 1,
                        None => ctx.countries.push((first, 1)),
                    }
                }
            }
        }
        // The dominant country: named more often than all others together.
        let total: u32 = ctx.countries.iter().map(|(_, n)| n).sum();
        let Some(&(anchor, _)) = ctx.countries.iter().find(|(_, n)| 2 * n > total) else { return };
        if ctx.here.iter().any(|&e| e != anchor.entity) {
            return;
        }
        for mi in 0..out.mentions.len() {
            let m = out.mentions[mi];
            if m.kind != MentionKind::Agent || out.words.get(m.end as usize).is_some_and(|w| matches!(w.class, Class::Noun | Class::Proper)) {
                continue;
            }
            let Some((agent, sector)) = self.agent_sector(out, &m) else { continue };
            if !DOMESTIC_SECTORS.contains(&sector) {
                continue;
            }
            let start = m.start as usize;
            if start > 0 && GENERIC_AGENT_MODIFIERS.contains(&out.key(start - 1)) {
                continue;
            }
            // "the government of Mali", "police in Kenya": the phrase names its own country.
            let end = m.end as usize;
            if matches!(out.key(end), "of" | "in" | "from") {
                let named = out.mentions[mi + 1..].iter().take_while(|x| (x.start as usize) <= end + 2).any(|x| {
                    x.kind != MentionKind::Pronoun && out.mention_targets(x).iter().any(|t| matches!(t.entity, EntityRef::Country(_) | EntityRef::Org(_)))
                });
                if named {
                    continue;
                }
            }
            let t0 = out.targets.len() as u32;
            out.targets.push(anchor);
            let mm = &mut out.mentions[mi];
            mm.kind = MentionKind::Combo;
            mm.targets = (t0, t0 + 1);
            mm.agent = Some(agent);
        }
    }
}

/// Agent sectors that, named bare, belong to the country a story is about
/// (state institutions and domestic society); see `Analyzer::document_agents`.
const DOMESTIC_SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP", "REB", "INS", "SEP", "UAF", "LAB", "AGR", "EDU", "HLH", "CVL", "MED", "BUS", "CRM",
];

/// Words before an agent noun that make it foreign or generic ("foreign
/// troops", "other governments", "world leaders"): such an agent is not the
/// story country's.
const GENERIC_AGENT_MODIFIERS: &[&str] = &["foreign", "other", "world", "international", "western", "global", "allied", "neighbouring", "neighboring", "regional"];

fn push_mention(out: &mut Analysis, m: Mention) {
    out.mentions.push(m);
}

fn dict_form(f: faultline_dict::Form) -> VerbForm {
    use faultline_dict::Form;
    match f {
        Form::Base => VerbForm::Base,
        Form::Third => VerbForm::Third,
        Form::Past | Form::Irregular => VerbForm::Past,
        Form::Ing => VerbForm::Ing,
        Form::Plural => VerbForm::None,
    }
}

fn form_rank(f: VerbForm) -> u8 {
    match f {
        VerbForm::None => 0,
        VerbForm::Base => 1,
        VerbForm::Third => 2,
        VerbForm::Ing => 3,
        VerbForm::Past => 4,
    }
}

/// Words read as nouns that are the verb of an infinitive or of a
/// conjunct coordinated with one: "would be wise to tone down its rhetoric
/// and initially use a quiet backchannel approach". The word must have a
/// base verb reading (lexicon or common verb), follow `to` or a modal (or a
/// conjunction, when an infinitive came earlier), and be followed by what
/// starts an object — a determiner, possessive, pronoun, name or particle —
/// so that "in response to pressure from" keeps its noun.
fn infinitive_nouns(out: &mut Analysis) {
    let n = out.words.len();
    let mut seen_infinitive = false;
    for i in 1..n {
        let w = out.words[i];
        let mut j = i - 1;
        while j > 0 && out.words[j].class == Class::Adv {
            j -= 1;
        }
        let prev = out.words[j].class;
        if w.class == Class::Verb && w.form == VerbForm::Base && prev == Class::To {
            seen_infinitive = true;
        }
        if w.class != Class::Noun || w.mention != NONE || w.cap {
            continue;
        }
        let base_verb = out.lex(i).iter().any(|a| a.pos == Pos::Verb && a.form == faultline_dict::Form::Base) || common_verb(out.key(i)) == Some(VerbForm::Base);
        let left = matches!(prev, Class::To | Class::Modal) || (prev == Class::Coord && seen_infinitive);
        let right = out.words.get(i + 1).is_some_and(|x| matches!(x.class, Class::Det | Class::PossPron | Class::Pron | Class::Proper) || x.mention != NONE || matches!(out.key(i + 1), "down" | "up" | "out" | "off" | "back"));
        if base_verb && left && right {
            out.words[i].class = Class::Verb;
            out.words[i].form = VerbForm::Base;
            if prev == Class::To {
                seen_infinitive = true;
            }
        }
    }
}

/// Decides noun or verb for words with both readings, from the left context.
fn disambiguate(out: &mut Analysis) {
    let n = out.words.len();
    infinitive_nouns(out);
    let mut seen_base_verb = false;
    // "If Iran enriches uranium": an unknown -s word right after a clause-initial
    // name or pronoun is its verb.
    for i in 1..n {
        let w = out.words[i];
        let k = out.key(i);
        let prev = out.words[i - 1];
        let clause_initial = i < 2 || matches!(out.words[i - 2].class, Class::Subord | Class::Rel | Class::That | Class::Coord | Class::Punct) || out.words[i - 2].mention == prev.mention && prev.mention != NONE && (out.mentions[prev.mention as usize].start == 0 || matches!(out.words[out.mentions[prev.mention as usize].start as usize - 1].class, Class::Subord | Class::Rel | Class::That | Class::Punct));
        if w.class == Class::Noun && w.lex.0 == w.lex.1 && k.len() > 3 && k.ends_with('s') && !k.ends_with("ss") && (prev.mention != NONE || prev.class == Class::Pron) && clause_initial && out.words.get(i + 1).is_some_and(|x| matches!(x.class, Class::Det | Class::Noun | Class::Proper | Class::PossPron | Class::Adj)) {
            out.words[i].class = Class::Verb;
            out.words[i].form = VerbForm::Third;
        }
    }
    for i in 0..n {
        let w = out.words[i];
        if w.class == Class::Verb && w.form == VerbForm::Base && i > 0 && matches!(out.words[i - 1].class, Class::To | Class::Modal | Class::Aux | Class::Neg) {
            seen_base_verb = true;
        }
        let lex = out.lex(i);
        let both = lex.iter().any(|a| a.pos == Pos::Verb) && lex.iter().any(|a| a.pos == Pos::Noun);
        let unknown_past = w.class == Class::Verb && !both && common_verb(out.key(i)).is_none();
        if !(both || unknown_past) || w.class != Class::Verb {
            continue;
        }
        // The nearest non-adverb to the left.
        let mut j = i;
        let mut prev = None;
        while j > 0 {
            j -= 1;
            let c = out.words[j].class;
            if c == Class::Adv || (c == Class::Punct && out.key(j) == "\"") {
                continue;
            }
            prev = Some((j, c));
            break;
        }
        let key = out.key(i);
        let noun_plural = lex.iter().any(|a| a.pos == Pos::Noun && a.form == faultline_dict::Form::Plural);
        let verb = match prev {
            None => !noun_plural && w.form == VerbForm::Base, // imperative at sentence start
            Some((_, c)) => match c {
                Class::Det | Class::PossPron | Class::Adj | Class::Possessive | Class::Num | Class::Prep => {
                    // "in calling for", "by taking": a gerund after a preposition stays a verb.
                    c == Class::Prep && w.form == VerbForm::Ing
                }
                Class::Modal | Class::Aux | Class::Neg | Class::To | Class::Pron | Class::Rel | Class::That => true,
                Class::Noun | Class::Proper => {
                    // "U.S.-China trade talks", "Sino-Indian border talks": a plural
                    // after a modified noun heads the noun phrase.
                    let pj = prev.unwrap().0;
                    // A noun after a determiner, adjective, preposition or verb is inside a
                    // phrase ("in humanitarian aid", "join Western sanctions"), so the word
                    // after it continues that phrase rather than starting a verb group.
                    let modified = pj > 0 && (matches!(out.words[pj - 1].class, Class::Adj | Class::Det | Class::PossPron | Class::Verb | Class::Prep | Class::To | Class::Num) || out.words[pj - 1].mention != NONE && out.words[pj].mention == NONE);
                    let hyphen_mod = out.words[pj].class == Class::Proper && out.word_text(pj).contains('-');
                    // "a resolution condemning Syria": an -ing form after a noun and
                    // before a noun phrase is a participle.
                    let next_np = out.words.get(i + 1).is_some_and(|x| matches!(x.class, Class::Det | Class::Proper | Class::PossPron | Class::Num) || x.mention != NONE);
                    // "Netanyahu's judicial overhaul", "its military aid": an agent
                    // adjective after a possessive or determiner modifies the next noun.
                    let agent_mod = out.words[pj].mention != NONE
                        && out.mentions[out.words[pj].mention as usize].kind == MentionKind::Agent
                        && out.mentions[out.words[pj].mention as usize].start as usize == pj
                        && pj > 0
                        && matches!(out.words[pj - 1].class, Class::Possessive | Class::PossPron | Class::Det);
                    if w.form == VerbForm::Ing && next_np {
                        true
                    } else if matches!(w.form, VerbForm::Third | VerbForm::Base) && (agent_mod || (noun_plural || w.form == VerbForm::Base) && (modified || hyphen_mod) && out.words[pj].mention == NONE) {
                        false
                    } else {
                        matches!(w.form, VerbForm::Third | VerbForm::Past) || (w.form == VerbForm::Base && !noun_plural)
                    }
                }
                Class::Coord => {
                    // "and pledged": a tensed form after a conjunction; "or impose" when an
                    // earlier verb group of the sentence had a base-form verb ("did not send").
                    (matches!(w.form, VerbForm::Past | VerbForm::Third | VerbForm::Ing) && !key.ends_with("ss")) || (w.form == VerbForm::Base && seen_base_verb)
                }
                // "avoided criticizing": a gerund complement.
                Class::Verb => w.form == VerbForm::Ing,
                Class::Punct => matches!(w.form, VerbForm::Ing | VerbForm::Past) && out.key(prev.unwrap().0) == ",",
                _ => false,
            },
        };
        if !verb {
            let ww = &mut out.words[i];
            if unknown_past {
                // "the damaged relations": a participle used as an adjective.
                ww.class = if matches!(prev, Some((_, Class::Det | Class::PossPron | Class::Adj | Class::Possessive))) { Class::Adj } else { Class::Verb };
                if ww.class == Class::Verb {
                    continue;
                }
            } else {
                ww.class = Class::Noun;
            }
            ww.form = VerbForm::None;
        }
    }
}

/// Undoes [`disambiguate`]'s noun/verb/adjective decisions on externally
/// tagged tokens outside actor mentions (mentions set their own classes).
fn restore_tags(out: &mut Analysis, tags: &[Option<(Class, VerbForm)>]) {
    let open = |c: Class| matches!(c, Class::Noun | Class::Verb | Class::Adj | Class::Proper);
    for (w, tag) in out.words.iter_mut().zip(tags) {
        if let Some((class, form)) = *tag {
            if w.mention == NONE && open(w.class) && open(class) {
                w.class = class;
                w.form = form;
            }
        }
    }
}

/// "the one Blinken made": `one` after `the` stands for the nearest earlier
/// noun with dictionary readings, whose readings it borrows.
fn one_anaphora(out: &mut Analysis) {
    let n = out.words.len();
    for i in 1..n {
        if out.key(i) != "one" || out.key(i - 1) != "the" {
            continue;
        }
        let lo = i.saturating_sub(16);
        for j in (lo..i - 1).rev() {
            if out.words[j].class == Class::Noun && out.lex(j).iter().any(|a| a.pos == Pos::Noun) {
                let (a, b) = out.words[j].lex;
                let l0 = out.lex.len() as u32;
                out.lex.extend_from_within(a as usize..b as usize);
                let l1 = out.lex.len() as u32;
                let w = &mut out.words[i];
                w.lex = (l0, l1);
                w.class = Class::Noun;
                break;
            }
        }
    }
}

/// Merges a country/organisation (or government metonym) with a following
/// agent noun into a [`MentionKind::Combo`], and an adjective with a
/// counterpart noun into a [`MentionKind::Counterpart`].
fn combine_mentions(out: &mut Analysis) {
    let n = out.words.len();
    let mut k = 0;
    let mut i = 0;
    let len = out.mentions.len();
    while i < len {
        let m = out.mentions[i];
        let base_ok = matches!(m.kind, MentionKind::Name | MentionKind::Adjective | MentionKind::Government)
            && out.mention_targets(&m).iter().any(|t| matches!(t.entity, EntityRef::Country(_) | EntityRef::Org(_)));
        if base_ok {
            // Tokens between base and agent: a possessive and up to four modifiers ("No. 3 top").
            let mut j = m.end as usize;
            if j < n && out.words[j].class == Class::Possessive {
                j += 1;
            }
            let stop = (j + 4).min(n);
            let mut agent_idx = None;
            let mut p = j;
            while p < stop {
                if let Some(next) = out.mentions[i + 1..len].iter().position(|x| x.start as usize == p) {
                    let nm = out.mentions[i + 1 + next];
                    if nm.kind == MentionKind::Agent {
                        agent_idx = Some(i + 1 + next);
                    }
                    break;
                }
                let c = out.words[p].class;
                // "No. 3 top leader", "election officials", "border guards".
                if !(matches!(c, Class::Adj | Class::Num | Class::Adv | Class::Noun) || out.key(p) == "no." || out.key(p) == "top") {
                    break;
                }
                p += 1;
            }
            if let Some(a) = agent_idx {
                // Absorb consecutive agent nouns ("government officials").
                let mut last = a;
                while last + 1 < len && out.mentions[last + 1].kind == MentionKind::Agent && out.mentions[last + 1].start == out.mentions[last].end {
                    last += 1;
                }
                let am = out.mentions[last];
                let agent = out.mention_targets(&am).iter().copied().find(|t| matches!(t.kind, NameKind::AgentNoun | NameKind::AgentAdjective));
                let mut merged = m;
                merged.end = am.end;
                merged.kind = MentionKind::Combo;
                merged.agent = agent;
                merged.plural = am.plural;
                out.mentions[k] = merged;
                k += 1;
                i = last + 1;
                continue;
            }
            // "Thousands of Belarusians rallied": a plural demonym heading its phrase
            // names the people of the country.
            let last_key = out.key(m.end as usize - 1);
            if m.kind == MentionKind::Adjective && last_key.len() > 4 && last_key.ends_with('s') && !out.words.get(m.end as usize).is_some_and(|w| matches!(w.class, Class::Noun | Class::Proper | Class::Adj)) {
                let mut merged = m;
                merged.kind = MentionKind::Counterpart;
                merged.plural = true;
                out.mentions[k] = merged;
                k += 1;
                i += 1;
                continue;
            }
            if m.kind == MentionKind::Adjective && j == m.end as usize && is_counterpart_noun(out.key(j)) {
                let mut merged = m;
                merged.end = j as u32 + 1;
                merged.kind = MentionKind::Counterpart;
                merged.plural = out.key(j).ends_with('s');
                out.mentions[k] = merged;
                k += 1;
                i += 1;
                continue;
            }
        }
        out.mentions[k] = m;
        k += 1;
        i += 1;
    }
    out.mentions.truncate(k);
}

fn is_vg_inner(out: &Analysis, i: usize) -> bool {
    matches!(out.words[i].class, Class::Modal | Class::Aux | Class::Neg | Class::Adv) || out.key(i) == "\""
}

/// Verb groups become clauses (filled in by [`clauses`]); noun phrases
/// become chunks.
fn verb_groups_and_chunks(out: &mut Analysis) {
    let n = out.words.len();
    let mut i = 0;
    while i < n {
        let c = out.words[i].class;
        let in_mention = out.words[i].mention != NONE;
        let starts_vg = !in_mention
            && match c {
                Class::Modal | Class::Aux | Class::Verb => true,
                Class::Neg => (i + 1..(i + 3).min(n)).any(|j| matches!(out.words[j].class, Class::Verb | Class::Aux)),
                Class::To => {
                    // "to" + (adverbs/quotes) + a verb: an infinitive.
                    let mut j = i + 1;
                    while j < n && j < i + 5 && matches!(out.words[j].class, Class::Adv | Class::Punct) && (out.words[j].class == Class::Adv || out.key(j) == "\"") {
                        j += 1;
                    }
                    j < n && (matches!(out.words[j].form, VerbForm::Base) && out.words[j].class == Class::Verb || matches!(out.key(j), "be" | "have"))
                }
                _ => false,
            };
        if !starts_vg {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + if c == Class::To { 1 } else { 0 };
        let mut head = None;
        let mut last_aux = None;
        while j < n && j < start + 12 {
            let cj = out.words[j].class;
            if out.words[j].mention != NONE {
                break;
            }
            if cj == Class::Verb {
                head = Some(j);
                break;
            }
            // "urged Beijing not to provide": a negator before the infinitive marker
            // negates the infinitive, so it opens the same verb group.
            let neg_only = (start..j).all(|t| matches!(out.words[t].class, Class::Neg | Class::Adv));
            if cj == Class::To && j > start && (matches!(out.key(j - 1), "ought" | "have" | "has" | "had" | "going" | "need" | "needs" | "used") || neg_only) {
                j += 1;
                continue;
            }
            if is_vg_inner(out, j) {
                if matches!(cj, Class::Aux | Class::Modal) {
                    last_aux = Some(j);
                }
                j += 1;
                continue;
            }
            break;
        }
        let head = match head.or(last_aux) {
            Some(h) => h,
            None => {
                i = j.max(i + 1);
                continue;
            }
        };
        // Trailing adverbs/negation after an auxiliary head are not part of it.
        let clause = Clause {
            kind: ClauseKind::Main,
            vg_start: start as u32,
            verb: head as u32,
            start: start as u32,
            end: head as u32 + 1,
            subject: NONE,
            parent: NONE,
            passive: false,
            agent: NONE,
            negated: false,
            modality: Modality::Asserted,
            finite: false,
            negates_object: false,
        };
        out.clauses.push(clause);
        i = head + 1;
    }
    // Noun phrases over tokens outside verb groups.
    let mut in_vg = vec![false; 0];
    in_vg.resize(n, false);
    for c in &out.clauses {
        for t in c.vg_start..=c.verb {
            in_vg[t as usize] = true;
        }
    }
    let np_start = |out: &Analysis, i: usize| -> bool {
        let w = out.words[i];
        w.mention != NONE || matches!(w.class, Class::Det | Class::PossPron | Class::Adj | Class::Num | Class::Noun | Class::Proper | Class::Pron) || (w.class == Class::Symbol && matches!(out.key(i), "$" | "€" | "£" | "¥"))
    };
    let mut i = 0;
    while i < n {
        if in_vg[i] || !(np_start(out, i) || quantifier_len(out, i) > 0) || (out.words[i].class == Class::That) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        // "more than 200 Israelis", "hundreds of protesters": a quantifier
        // prefix belongs to the phrase it quantifies, so the phrase (and an
        // actor slot on it) starts at the quantifier.
        let q = quantifier_len(out, i);
        if q > 0 && (i..i + q).all(|t| !in_vg[t]) {
            j = i + q;
        }
        let body = j;
        let mut possessor = NONE;
        if out.words[i].class == Class::Pron && out.words[i].mention != NONE {
            j = i + 1;
        } else {
            while j < n && !in_vg[j] {
                let w = out.words[j];
                // A date does not continue a noun phrase ("visited Kazakhstan last September").
                if j > start && out.dates.iter().any(|d| d.token as usize == j) {
                    break;
                }
                let ok = w.mention != NONE
                    || match w.class {
                        Class::Det | Class::PossPron => j == body || out.words[j - 1].class == Class::Possessive || (out.words[j - 1].class == Class::PossPron && out.key(j) == "own"),
                        Class::Adj | Class::Num | Class::Noun | Class::Proper => true,
                        Class::Possessive => j > start,
                        Class::Adv => j + 1 < n && matches!(out.words[j + 1].class, Class::Adj | Class::Num),
                        Class::Symbol => matches!(out.key(j), "$" | "€" | "£" | "¥" | "%"),
                        Class::Punct => out.key(j) == "-" && j > start && j + 1 < n && out.words[j + 1].class != Class::Punct,
                        Class::Verb => {
                            // "the damaged relations", "a growing threat": a participle before a noun.
                            matches!(w.form, VerbForm::Past | VerbForm::Ing) && j > start && j + 1 < n && matches!(out.words[j + 1].class, Class::Noun | Class::Adj)
                        }
                        _ => false,
                    };
                if !ok {
                    break;
                }
                // Pronoun mention inside ("its"): possessor.
                if w.class == Class::Possessive {
                    let pm = out.words[j - 1].mention;
                    // Inside a combination ("China's No. 3 leader") the 's is part of the name.
                    if pm != NONE && out.mentions[pm as usize].end as usize <= j {
                        possessor = pm;
                    }
                }
                if w.class == Class::PossPron && w.mention != NONE {
                    possessor = w.mention;
                }
                j += 1;
            }
        }
        if j == start {
            i += 1;
            continue;
        }
        // Do not end a phrase on a determiner or possessive alone.
        let mut end = j;
        while end > start + 1 && matches!(out.words[end - 1].class, Class::Det | Class::Possessive | Class::Adv) {
            end -= 1;
        }
        push_chunk(out, start, end, possessor);
        i = end;
    }
    coordinate_chunks(out);
}

/// Length of a quantifier prefix at token `i` that must stay inside the
/// noun phrase it quantifies ("more than 200 Israelis", "at least 10
/// soldiers", "nearly 300", "up to 5,000 troops", "hundreds of
/// protesters", "tens of thousands of refugees"), or 0. Prefixes made of
/// prepositions and adverbs ("over", "about", "up to") count only before a
/// number, so "fought over Crimea" or "talks about Ukraine" are untouched;
/// "hundreds of" needs a noun phrase after it.
fn quantifier_len(out: &Analysis, i: usize) -> usize {
    let n = out.words.len();
    let is_num = |t: usize| t < n && (out.words[t].class == Class::Num || out.key(t).starts_with(|ch: char| ch.is_ascii_digit()) || (out.words[t].class == Class::Symbol && matches!(out.key(t), "$" | "€" | "£" | "¥")));
    // A number may follow directly or after "a" ("more than a million").
    let num_at = |t: usize| is_num(t) || (t + 1 < n && matches!(out.key(t), "a" | "an") && is_num(t + 1));
    let mut k = i;
    // At most three nested prefixes ("more than tens of thousands of").
    for _ in 0..3 {
        if k >= n || out.words[k].mention != NONE {
            break;
        }
        let key = out.key(k);
        let next = out.key(k + 1);
        let len = match (key, next) {
            ("more" | "fewer" | "less", "than") | ("at", "least" | "most") | ("up", "to") | ("as", "many") if num_at(k + 2) => 2,
            ("hundreds" | "thousands" | "dozens" | "millions" | "tens" | "scores", "of") if k + 2 < n && out.words[k + 2].class != Class::Punct => 2,
            ("nearly" | "about" | "some" | "over" | "almost" | "around" | "roughly" | "approximately" | "about" | "just" | "only" | "under" | "estimated" | "another", _) if num_at(k + 1) => 1,
            _ => 0,
        };
        if len == 0 {
            break;
        }
        k += len;
    }
    k - i
}

fn push_chunk(out: &mut Analysis, start: usize, end: usize, possessor: u32) {
    let head = end - 1;
    let idx = out.chunks.len() as u32;
    let a0 = out.chunk_actors.len() as u32;
    let mut hm = out.words[head].mention;
    // "President Xi Jinping" when only "President Xi" is a name: trailing name
    // words belong to the last mention.
    if hm == NONE {
        let mut t = head;
        while t > start && out.words[t].class == Class::Proper && out.words[t].mention == NONE {
            t -= 1;
        }
        let m = out.words[t].mention;
        if t < head && m != NONE && out.mentions[m as usize].end as usize == t + 1 && !matches!(out.mentions[m as usize].kind, MentionKind::Adjective | MentionKind::Compound) {
            hm = m;
        }
    }
    let mut modifier = NONE;
    if hm != NONE && out.mentions[hm as usize].kind != MentionKind::Adjective && out.mentions[hm as usize].kind != MentionKind::Compound && hm != possessor {
        out.chunk_actors.push(hm);
    }
    for t in start..head {
        let m = out.words[t].mention;
        if m != NONE && m != possessor && m != hm && modifier == NONE && out.mentions[m as usize].part == 0 {
            modifier = m;
        }
    }
    if modifier == NONE && hm != NONE && matches!(out.mentions[hm as usize].kind, MentionKind::Adjective | MentionKind::Compound) {
        modifier = hm;
    }
    let a1 = out.chunk_actors.len() as u32;
    let prep = if start > 0 && matches!(out.words[start - 1].class, Class::Prep | Class::To) { start as u32 - 1 } else { NONE };
    out.chunks.push(Chunk { start: start as u32, end: end as u32, head: head as u32, actors: (a0, a1), possessor, modifier, prep });
    for t in start..end {
        out.words[t].chunk = idx;
    }
}

/// "China and India", "Russian President Vladimir Putin and Chinese
/// President Xi Jinping", "the US, Japan and the EU": actor phrases joined
/// by commas and a conjunction become one chunk with several actors.
fn coordinate_chunks(out: &mut Analysis) {
    let mut k = 0;
    let mut i = 0;
    let len = out.chunks.len();
    // "Russian and Ukrainian delegations": an adjective left alone before a
    // conjunction stands for a conjunct.
    let elliptic = |out: &Analysis, c: &Chunk| c.actors.1 == c.actors.0 && c.modifier != NONE && out.mentions[c.modifier as usize].kind == MentionKind::Adjective && out.mentions[c.modifier as usize].end == c.end;
    let has_actor = |out: &Analysis, c: &Chunk| c.actors.1 > c.actors.0 || elliptic(out, c);
    while i < len {
        let c = out.chunks[i];
        if !has_actor(out, &c) {
            out.chunks[k] = c;
            k += 1;
            i += 1;
            continue;
        }
        // Extend over `, NP` and `(,) and/or NP` while each NP has an actor.
        let mut members = vec![i];
        let mut j = i;
        let mut closed = false;
        while j + 1 < len && !closed {
            let cur = out.chunks[j];
            let next = out.chunks[j + 1];
            let gap = cur.end as usize..next.start as usize;
            if !has_actor(out, &next) || gap.is_empty() || gap.len() > 2 {
                break;
            }
            let keys: Vec<&str> = gap.clone().map(|t| out.key(t)).collect();
            let ok = match keys.as_slice() {
                ["and"] | ["or"] | [",", "and"] | [",", "or"] => {
                    closed = true;
                    true
                }
                [","] => true,
                _ => false,
            };
            if !ok {
                break;
            }
            members.push(j + 1);
            j += 1;
        }
        if members.len() > 1 && closed {
            let a0 = out.chunk_actors.len() as u32;
            for &m in &members {
                let mc = out.chunks[m];
                if elliptic(out, &mc) {
                    out.chunk_actors.push(mc.modifier);
                }
                for x in mc.actors.0..mc.actors.1 {
                    let a = out.chunk_actors[x as usize];
                    out.chunk_actors.push(a);
                }
            }
            let a1 = out.chunk_actors.len() as u32;
            let last = out.chunks[*members.last().unwrap()];
            // "Indian and Chinese troops": the bare adjective shares the last
            // conjunct's agent.
            if let Some(&lm) = out.chunk_actors[a0 as usize..a1 as usize].last() {
                let head = out.mentions[lm as usize];
                if head.kind == MentionKind::Combo {
                    for x in a0..a1 {
                        let m = out.chunk_actors[x as usize] as usize;
                        if out.mentions[m].kind == MentionKind::Adjective {
                            out.mentions[m].kind = MentionKind::Combo;
                            out.mentions[m].agent = head.agent;
                            out.mentions[m].plural = head.plural;
                        }
                    }
                }
            }
            let merged = Chunk { start: c.start, end: last.end, head: c.head, actors: (a0, a1), possessor: NONE, modifier: c.modifier, prep: c.prep };
            out.chunks[k] = merged;
            k += 1;
            i = j + 1;
        } else {
            out.chunks[k] = c;
            k += 1;
            i += 1;
        }
    }
    out.chunks.truncate(k);
    for w in out.words.iter_mut() {
        w.chunk = NONE;
    }
    for (ci, c) in out.chunks.iter().enumerate() {
        for t in c.start..c.end {
            out.words[t as usize].chunk = ci as u32;
        }
    }
}

fn lemma_of(out: &Analysis, i: usize) -> std::borrow::Cow<'_, str> {
    rough_lemma(out.key(i))
}

fn is_be(key: &str) -> bool {
    matches!(key, "be" | "am" | "is" | "are" | "was" | "were" | "been" | "being" | "'s" | "'re" | "'m" | "get" | "gets" | "got" | "gotten")
}

/// The chunk ending just before token `i` (skipping adverbs and quotes), if any.
fn chunk_before(out: &Analysis, i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let w = out.words[j];
        if w.chunk != NONE {
            return Some((w.chunk, j));
        }
        if w.class == Class::Adv || out.key(j) == "\"" {
            continue;
        }
        return None;
    }
    None
}

/// Fills in clause kinds, subjects, parents, voice, agents and regions.
fn clauses(out: &mut Analysis) {
    let n = out.words.len();
    let nc = out.clauses.len();
    for ci in 0..nc {
        let c = out.clauses[ci];
        let vs = c.vg_start as usize;
        let head = c.verb as usize;
        // The marker may follow a negator ("not to provide").
        let infinitive = (vs..head).find(|&t| !matches!(out.words[t].class, Class::Neg | Class::Adv)).is_some_and(|t| out.words[t].class == Class::To);
        let has_aux = (vs..head).any(|t| matches!(out.words[t].class, Class::Aux | Class::Modal));
        let hform = out.words[head].form;
        let mut cl = c;
        // Passive: a form of be/get followed by a past participle head.
        cl.passive = out.words[head].class == Class::Verb && hform == VerbForm::Past && (vs..head).rev().find(|&t| matches!(out.words[t].class, Class::Aux)).is_some_and(|t| is_be(out.key(t)));
        // Subject: the chunk just before the verb group.
        let mut subject = NONE;
        let mut marker: Option<usize> = None;
        let mut left = vs;
        if !infinitive {
            // "The sanctions that Washington imposed on Moscow in 2014 have hurt":
            // a date phrase is an adverbial, never a subject; the subject is the
            // antecedent of the relative clause that precedes it.
            let before = chunk_before(out, vs);
            let date_chunk = before.is_some_and(|(ch, _)| {
                let c = out.chunks[ch as usize];
                out.dates.iter().any(|d| d.token <= c.start && d.end >= c.end)
            });
            let before = if date_chunk {
                let ante = (ci > 0).then(|| out.clauses[ci - 1]).filter(|p| p.kind == ClauseKind::Relative).and_then(|p| relative_marker(out, &p)).and_then(|m| chunk_before(out, m));
                if ante.is_none() {
                    // No subject: the verb group stays without one rather than taking
                    // the date ("in July went unanswered").
                    left = vs;
                }
                ante
            } else {
                before
            };
            if let Some((ch, _)) = before {
                subject = ch;
                left = out.chunks[ch as usize].start as usize;
                // "Beijing's refusal to condemn Moscow drew criticism": the phrase before
                // is the object of a noun's infinitive; the subject is that noun's phrase.
                if ci == 1 {
                    let p = out.clauses[0];
                    let pv = p.vg_start as usize;
                    let noun_chunk = if pv > 0 && out.words[pv].class == Class::To { out.words[pv - 1].chunk } else { NONE };
                    if noun_chunk != NONE && out.chunks[ch as usize].start > p.verb {
                        subject = noun_chunk;
                        left = out.chunks[noun_chunk as usize].start as usize;
                    }
                }
            } else if vs > 0 && out.key(vs - 1) == "," {
                // "Turkey, which did not join …, hosted": the antecedent of a
                // comma-delimited relative clause.
                // The relative's marker ("which", "who") is found from its verb group
                // rather than its region, which for the sentence's first clause is
                // widened to start at 0 ("Poland, which has taken in …, asked").
                let rel = (0..ci).rev().map(|k| out.clauses[k]).find(|p| p.kind == ClauseKind::Relative && p.subject != NONE && relative_marker(out, p).is_some_and(|m| m > 0 && out.key(m - 1) == ","));
                if let Some(p) = rel.filter(|p| p.verb as usize + 12 > vs) {
                    subject = p.subject;
                    left = out.chunks[subject as usize].start as usize;
                } else {
                    // Appositive: "NP1, NP2 (PP…), VERB" — the earlier comma within a short,
                    // verb-free stretch.
                    let mut k = vs - 1;
                    let lo = vs.saturating_sub(14);
                    let mut found = None;
                    while k > lo {
                        k -= 1;
                        let c = out.words[k].class;
                        if matches!(c, Class::Verb | Class::Aux | Class::Modal | Class::Rel | Class::Subord) {
                            break;
                        }
                        if out.key(k) == "," {
                            found = Some(k);
                            break;
                        }
                    }
                    if let Some(k) = found {
                        let np2 = out.words.get(k + 1).map(|w| w.chunk).filter(|&c| c != NONE);
                        if let Some((np1, _)) = chunk_before(out, k) {
                            let has = |c: u32| {
                                let ch = out.chunks[c as usize];
                                ch.actors.1 > ch.actors.0 || ch.possessor != NONE
                            };
                            // Prefer the phrase that names (a person, state, organisation)
                            // over the one that describes ("China's No. 3 leader").
                            let names = |c: u32| {
                                let ch = out.chunks[c as usize];
                                out.chunk_actor_ids(&ch).first().is_some_and(|&m| matches!(out.mentions[m as usize].kind, MentionKind::Person | MentionKind::Name | MentionKind::Government))
                            };
                            subject = match np2 {
                                Some(c2) if !has(np1) && has(c2) => c2,
                                Some(c2) if names(c2) && !names(np1) => c2,
                                _ => np1,
                            };
                            left = out.chunks[np1 as usize].start as usize;
                        }
                    }
                }
            }
            if left > 0 {
                let m = left - 1;
                let mc = out.words[m].class;
                if matches!(mc, Class::Subord | Class::Rel | Class::That | Class::Coord) || (mc == Class::Prep && matches!(out.key(m), "as" | "since" | "after" | "before" | "until" | "once" | "like") && subject != NONE) {
                    marker = Some(m);
                }
            }
            // A relative pronoun right before the verb group: the subject is its antecedent.
            if subject == NONE && vs > 0 && matches!(out.words[vs - 1].class, Class::Rel | Class::That) {
                marker = Some(vs - 1);
                let mut a = vs - 1;
                if a > 0 && out.key(a - 1) == "," {
                    a -= 1;
                }
                if let Some((ch, _)) = chunk_before(out, a) {
                    subject = ch;
                }
            }
        }
        cl.finite = !infinitive && (has_aux || matches!(hform, VerbForm::Third) || (hform == VerbForm::Past && subject != NONE) || (hform == VerbForm::Base && subject != NONE));
        let prev = if ci > 0 { Some(ci - 1) } else { None };
        cl.kind = if infinitive {
            ClauseKind::Infinitive
        } else if let Some(m) = marker.filter(|_| subject == NONE || out.words[marker.unwrap()].class != Class::Coord) {
            match out.words[m].class {
                Class::Subord | Class::Prep => ClauseKind::Subordinate,
                Class::Rel => ClauseKind::Relative,
                Class::That => {
                    // "said that", "told Russian lawmakers that": a complementizer
                    // right after a verb, or after a reporting verb's object.
                    let after_verb = m > 0 && prev.is_some_and(|p| {
                        let pc = out.clauses[p];
                        let d = m.saturating_sub(pc.verb as usize);
                        (pc.verb as usize) < m && (d <= 2 || (d <= 6 && is_reporting_lemma(&lemma_of(out, pc.verb as usize)) && !(pc.verb as usize..m).any(|t| out.key(t) == ",")))
                    });
                    if after_verb || !subject_is_rel(out, m) && prev.is_some_and(|p| is_reporting_lemma(&lemma_of(out, out.clauses[p].verb as usize))) {
                        ClauseKind::Complement
                    } else {
                        ClauseKind::Relative
                    }
                }
                Class::Coord => ClauseKind::Coordinate,
                _ => ClauseKind::Main,
            }
        } else if subject == NONE && vs > 0 && {
            // "and pledged", "and initially use": adverbs may stand between ("but
            // also", after "not only", keeps its own reading).
            let mut k = vs - 1;
            while k > 0 && out.words[k].class == Class::Adv && vs - k < 3 {
                k -= 1;
            }
            out.words[k].class == Class::Coord && (k == vs - 1 || out.key(k) != "but")
        } {
            ClauseKind::Coordinate
        } else if subject == NONE && !has_aux && matches!(hform, VerbForm::Ing | VerbForm::Past) && vs > 0 {
            ClauseKind::Participle
        } else if subject != NONE && !has_aux && hform == VerbForm::Base && prev.is_some_and(|p| {
            // "helped Russia evade": a bare infinitive after a verb and its object.
            let pc = out.clauses[p];
            let sc = out.chunks[subject as usize];
            sc.start == pc.verb + 1 || (sc.start > pc.verb && sc.start - pc.verb <= 2)
        }) {
            ClauseKind::Infinitive
        } else if subject != NONE && prev.is_some_and(|p| {
            // "officials say Beijing has dropped": a complement without "that".
            let pc = out.clauses[p];
            let sc = out.chunks[subject as usize];
            sc.start == pc.verb + 1 && is_reporting_lemma(&lemma_of(out, pc.verb as usize))
        }) {
            ClauseKind::Complement
        } else if subject != NONE && {
            // "the one Blinken made …": a reduced relative clause right after a noun
            // phrase (not the object of an earlier verb in this clause).
            let sc = out.chunks[subject as usize];
            sc.start > 0 && out.words[sc.start as usize - 1].chunk != NONE && prev.is_none_or(|p| out.clauses[p].verb < sc.start)
        } {
            ClauseKind::Relative
        } else {
            ClauseKind::Main
        };
        if cl.kind == ClauseKind::Coordinate && marker.is_some() && subject != NONE {
            cl.kind = ClauseKind::Main;
        }
        // "war crimes committed by Russian forces": a past participle after a noun
        // phrase and before "by" is a reduced passive relative, not a tensed verb.
        if !has_aux && hform == VerbForm::Past && out.key(head + 1) == "by" && subject != NONE && ci > 0 && matches!(cl.kind, ClauseKind::Main | ClauseKind::Relative) {
            cl.kind = ClauseKind::Participle;
            cl.passive = true;
        }
        if matches!(cl.kind, ClauseKind::Infinitive | ClauseKind::Participle) {
            cl.finite = false;
        }
        cl.subject = subject;
        cl.start = match marker {
            Some(m) => m as u32,
            None if subject != NONE && ci > 0 && out.chunks[subject as usize].start > out.clauses[ci - 1].verb => out.chunks[subject as usize].start,
            None => vs as u32,
        };
        if ci == 0 {
            cl.start = 0;
        }
        // "by" agent of a passive: the first "by" phrase after the verb, within a few tokens.
        if cl.passive {
            let mut t = head + 1;
            while t < n && t < head + 8 {
                if out.key(t) == "by" {
                    if let Some(ch) = (t + 1 < n).then(|| out.words[t + 1].chunk).filter(|&c| c != NONE) {
                        cl.agent = ch;
                    }
                    break;
                }
                if matches!(out.words[t].class, Class::Punct | Class::Verb) {
                    break;
                }
                t += 1;
            }
        }
        out.clauses[ci] = cl;
    }
    // Regions, parents and inherited subjects, in order.
    for ci in 0..nc {
        let end = if ci + 1 < nc { out.clauses[ci + 1].start.max(out.clauses[ci].verb + 1) } else { n as u32 };
        out.clauses[ci].end = end.max(out.clauses[ci].start);
        let cl = out.clauses[ci];
        let parent = match cl.kind {
            ClauseKind::Main => NONE,
            ClauseKind::Subordinate => {
                // A subordinate clause before the first main clause belongs to the next main clause.
                let later = (ci + 1..nc).find(|&k| out.clauses[k].kind == ClauseKind::Main);
                let earlier_main = (0..ci).rev().find(|&k| matches!(out.clauses[k].kind, ClauseKind::Main | ClauseKind::Coordinate | ClauseKind::Complement));
                match earlier_main {
                    Some(k) => k as u32,
                    None => later.map_or(NONE, |k| k as u32),
                }
            }
            ClauseKind::Coordinate => {
                // The sibling: the nearest earlier clause of the same shape — a
                // tensed verb pairs with a tensed clause ("had not helped … or
                // provided"), a base form with an infinitive ("to condemn … or
                // impose").
                let mut sib = NONE;
                let form = out.words[cl.verb as usize].form;
                for k in (0..ci).rev() {
                    let o = out.clauses[k];
                    let tensed = o.finite && !matches!(o.kind, ClauseKind::Infinitive | ClauseKind::Participle);
                    let same = match form {
                        VerbForm::Base => o.kind == ClauseKind::Infinitive || tensed,
                        VerbForm::Ing => o.kind == ClauseKind::Participle || tensed,
                        _ => tensed,
                    };
                    if same {
                        sib = k as u32;
                        break;
                    }
                }
                if sib == NONE && ci > 0 {
                    sib = ci as u32 - 1;
                }
                sib
            }
            _ => {
                if ci > 0 {
                    ci as u32 - 1
                } else {
                    NONE
                }
            }
        };
        out.clauses[ci].parent = parent;
        if cl.subject == NONE && cl.kind == ClauseKind::Infinitive && cl.vg_start > 0 {
            // "Beijing's refusal to condemn": the possessor of the governing noun.
            let before = out.words[cl.vg_start as usize - 1].chunk;
            if before != NONE && out.chunks[before as usize].possessor != NONE {
                out.clauses[ci].subject = before;
                continue;
            }
        }
        // "urged Beijing not to provide …", "asked Germany to send …": after an
        // object-control verb the phrase between it and the infinitive is the
        // infinitive's subject (who is asked to act), not the asker.
        if cl.subject == NONE && cl.kind == ClauseKind::Infinitive && parent != NONE {
            let pc = out.clauses[parent as usize];
            if is_object_control_lemma(&lemma_of(out, pc.verb as usize)) {
                if let Some((obj, _)) = chunk_before(out, cl.vg_start as usize) {
                    let oc = out.chunks[obj as usize];
                    if oc.start > pc.verb && oc.start <= pc.verb + 2 && obj != pc.subject {
                        out.clauses[ci].subject = obj;
                        continue;
                    }
                }
            }
        }
        if cl.subject == NONE && parent != NONE {
            let pc = out.clauses[parent as usize];
            // "Beijing's refusal to condemn": the possessor of the governing noun.
            let mut subj = pc.subject;
            if cl.kind == ClauseKind::Infinitive && cl.vg_start > 0 {
                let before = out.words[cl.vg_start as usize - 1].chunk;
                if before != NONE && out.chunks[before as usize].possessor != NONE {
                    subj = before;
                }
            }
            if cl.kind == ClauseKind::Subordinate && parent as usize > ci {
                subj = NONE;
            }
            // "condemned China for sending jets": the object of the governing verb.
            if cl.kind == ClauseKind::Participle && cl.vg_start > 0 && out.key(cl.vg_start as usize - 1) == "for" {
                if let Some((obj, _)) = chunk_before(out, cl.vg_start as usize - 1) {
                    if out.chunks[obj as usize].start > pc.verb && obj != pc.subject {
                        subj = obj;
                    }
                }
            }
            out.clauses[ci].subject = subj;
        }
    }
    for ci in 0..nc {
        let c = out.clauses[ci];
        for t in c.start..c.end.min(n as u32) {
            if out.words[t as usize].clause == NONE {
                out.words[t as usize].clause = ci as u32;
            }
        }
    }
    // Tokens before the first clause region (none, since it starts at 0) or
    // between regions belong to the previous clause.
    let mut last = NONE;
    for w in out.words.iter_mut() {
        if w.clause == NONE {
            w.clause = last;
        } else {
            last = w.clause;
        }
    }
}

/// The marker ("which", "who", "that") of a relative clause, found from its
/// verb group rather than its region, which for the sentence's first clause
/// is widened to start at 0 ("Poland, which has taken in …, asked").
fn relative_marker(out: &Analysis, p: &Clause) -> Option<usize> {
    let vs = p.vg_start as usize;
    if vs > 0 && matches!(out.words[vs - 1].class, Class::Rel | Class::That) {
        return Some(vs - 1);
    }
    let sc = (p.subject != NONE).then(|| out.chunks[p.subject as usize].start as usize)?;
    (sc > 0 && sc + 8 > p.verb as usize && matches!(out.words[sc - 1].class, Class::Rel | Class::That)).then(|| sc - 1)
}

fn subject_is_rel(out: &Analysis, m: usize) -> bool {
    m > 0 && out.words[m - 1].chunk != NONE
}

/// Own negation and modality cues, then inheritance along parents.
fn scope(out: &mut Analysis) {
    let n = out.words.len();
    let nc = out.clauses.len();
    let according = (0..n.saturating_sub(1)).any(|i| out.key(i) == "according" && out.key(i + 1) == "to");
    // A trailing reporting clause: "…, officials said." reports everything before it.
    // A trailing reporting clause: "…, officials (in Baku) said." reports everything before it.
    let trailing_report = nc > 1 && {
        let last = out.clauses[nc - 1];
        let tail_empty = (last.verb as usize + 1..n).all(|t| matches!(out.words[t].class, Class::Punct | Class::Adv));
        let comma_before = (out.clauses[nc - 2].verb as usize..last.vg_start as usize).any(|t| out.key(t) == ",");
        tail_empty && comma_before && is_reporting_lemma(&lemma_of(out, last.verb as usize))
    };
    let mut own = vec![Modality::Asserted; nc];
    let mut own_neg = vec![false; nc];
    let mut own_aux = vec![false; nc];
    for ci in 0..nc {
        let c = out.clauses[ci];
        let (vs, head) = (c.vg_start as usize, c.verb as usize);
        let mut m = Modality::Asserted;
        for t in vs..=head {
            let k = out.key(t);
            match out.words[t].class {
                Class::Neg => own_neg[ci] = true,
                Class::Modal => {
                    own_aux[ci] = true;
                    let mm = match k {
                        "will" | "'ll" | "shall" | "wo" => Modality::Future,
                        "would" | "'d" | "could" | "might" | "may" => Modality::Hypothetical,
                        "should" | "must" | "ought" => Modality::Prescriptive,
                        _ => Modality::Asserted,
                    };
                    if mm.rank() > m.rank() {
                        m = mm;
                    }
                }
                Class::Aux => {
                    own_aux[ci] = true;
                    if matches!(k, "has" | "have" | "had") && out.key(t + 1) == "to" {
                        m = Modality::Prescriptive;
                    }
                }
                _ => {}
            }
        }
        // "would be wise to", "is necessary to": the adjective decides.
        if is_be(out.key(head)) && is_prescriptive_lemma(out.key(head + 1)) {
            m = Modality::Prescriptive;
        }
        if c.kind == ClauseKind::Subordinate && c.start < n as u32 && matches!(out.key(c.start as usize), "if" | "unless") {
            m = Modality::Hypothetical;
        }
        // An imperative: a base verb opening the sentence with no subject.
        if ci == 0 && c.subject == NONE && out.words[head].form == VerbForm::Base && (0..vs).all(|t| matches!(out.words[t].class, Class::Adv | Class::Punct)) && !own_aux[ci] && out.words[vs].class != Class::To {
            m = Modality::Prescriptive;
        }
        own[ci] = m;
        out.clauses[ci].negated = own_neg[ci];
        let lemma = lemma_of(out, head);
        out.clauses[ci].negates_object = is_negating_lemma(&lemma);
    }
    // "If Iran enriches uranium, Israel will strike": the clause a condition
    // governs is hypothetical too.
    for ci in 0..nc {
        let c = out.clauses[ci];
        if c.kind == ClauseKind::Subordinate && matches!(out.key(c.start as usize), "if" | "unless") && c.parent != NONE {
            // A preposed condition, or one on a modal main clause ("Israel will strike
            // if …"); not a threat's own condition ("threatened X with sanctions if …").
            let p = c.parent as usize;
            if p > ci || own[p] != Modality::Asserted {
                own[p] = Modality::Hypothetical;
            }
        }
    }
    for ci in 0..nc {
        let c = out.clauses[ci];
        let mut m = own[ci];
        let mut neg = own_neg[ci];
        let p = c.parent;
        if p != NONE && (p as usize) < nc {
            let pc = out.clauses[p as usize];
            let plemma = lemma_of(out, pc.verb as usize);
            let inherited = if c.kind == ClauseKind::Coordinate {
                if !own_aux[ci] {
                    neg |= pc.negated;
                    if m == Modality::Asserted {
                        m = pc.modality;
                    }
                }
                pc.modality
            } else {
                let mut im = pc.modality;
                let complement = matches!(c.kind, ClauseKind::Complement | ClauseKind::Infinitive | ClauseKind::Participle);
                if is_reporting_lemma(&plemma) && matches!(c.kind, ClauseKind::Complement) && Modality::Reported.rank() > im.rank() {
                    im = Modality::Reported;
                }
                if c.kind == ClauseKind::Infinitive {
                    if is_future_lemma(&plemma) && im.rank() < Modality::Future.rank() {
                        im = Modality::Future;
                    }
                    if is_prescriptive_lemma(&plemma) || (is_be(out.key(pc.verb as usize)) && is_prescriptive_lemma(out.key(pc.verb as usize + 1))) {
                        im = Modality::Prescriptive;
                    }
                    if is_hypothetical_lemma(&plemma) && im.rank() < Modality::Hypothetical.rank() {
                        im = Modality::Hypothetical;
                    }
                    // "urged Beijing not to provide military aid": what an appeal or
                    // demand asks for is its content, prescribed, not an event that
                    // happened (its own negation stays its own).
                    if is_appeal_lemma(&plemma) && im.rank() < Modality::Prescriptive.rank() {
                        im = Modality::Prescriptive;
                    }
                }
                // "threatened sanctions against companies that help Russia": a
                // relative clause on the object of a threat states the threat's
                // condition (whoever helps Russia), not that anyone did.
                if c.kind == ClauseKind::Relative && c.vg_start > pc.verb && is_threat_lemma(&plemma) && im.rank() < Modality::Hypothetical.rank() {
                    im = Modality::Hypothetical;
                }
                let right_after = c.vg_start > 0 && (c.vg_start - 1 == pc.verb || out.words[c.vg_start as usize - 1].class == Class::Prep);
                if complement && (is_negating_lemma(&plemma) || pc.negates_object) && (c.kind != ClauseKind::Participle || right_after) {
                    neg = true;
                }
                if c.kind == ClauseKind::Infinitive && c.vg_start > 0 && is_negating_noun(out.key(c.vg_start as usize - 1)) {
                    neg = true;
                }
                // Negation of the governing clause does not reach its complement,
                // except through a coordinated verb sharing its auxiliary.
                im
            };
            // The embedded clause keeps the stronger of its own and its scope's modality;
            // a clause's own hypothetical/prescriptive cue wins ties.
            if inherited.rank() > m.rank() && inherited != Modality::Asserted {
                m = inherited;
            }
        } else if c.kind == ClauseKind::Infinitive && c.vg_start > 0 && is_negating_noun(out.key(c.vg_start as usize - 1)) {
            neg = true;
        }
        if (according || (trailing_report && ci + 1 < nc)) && m.rank() < Modality::Reported.rank() {
            m = Modality::Reported;
        }
        out.clauses[ci].modality = m;
        out.clauses[ci].negated = neg;
    }
}

fn mention_is_person(m: &Mention) -> bool {
    // "Russia's foreign minister … He": a singular role stands for a person.
    m.kind == MentionKind::Person || (m.kind == MentionKind::Combo && !m.plural)
}

/// Resolves each pronoun to the best earlier actor, by tiers (most recent
/// first within a tier):
///
/// * subject pronouns ("it has provided"): subjects of main clauses of this
///   sentence, other subjects of this sentence, the previous sentence's
///   main-clause subjects, its other subjects, then any other actor of this
///   sentence and of the previous one — a subject pronoun continues a
///   topic, and topics are subjects;
/// * possessive pronouns ("its sovereignty"): any actor of this sentence
///   (subjects first), then the previous sentence's actors.
///
/// Never an actor named in the pronoun's own clause for a non-possessive
/// pronoun (binding: "it wagged fingers at China" cannot mean China).
/// Number agrees, except that "it" may stand for a plural agent of a state
/// ("U.S. officials … it"), as news English uses it for governments.
fn resolve_pronouns(out: &mut Analysis, ctx: &Context, scratch: &mut Scratch) {
    let nm = out.mentions.len();
    for mi in 0..nm {
        let m = out.mentions[mi];
        if m.kind != MentionKind::Pronoun {
            continue;
        }
        let Some((poss, plural, person_only)) = pronoun_info(out.key(m.start as usize)) else { continue };
        let own_clause = out.words[m.start as usize].clause;
        // (tier, in-sentence mention index or context item index + marker)
        let mut best: Option<(u8, bool, usize)> = None;
        let mut cands: [Option<(u8, bool, usize)>; 2] = [None, None];
        // At most the 24 nearest earlier mentions: bounded work per pronoun.
        for ci in (mi.saturating_sub(24)..mi).rev() {
            let c = out.mentions[ci];
            if !c.is_actor() || (c.kind == MentionKind::Adjective && !c.possessive) || c.kind == MentionKind::Compound {
                continue;
            }
            let gov_plural = c.kind == MentionKind::Combo && c.plural && !plural;
            let person = if person_only == Some(true) { mention_is_person(&c) } else { c.kind == MentionKind::Person };
            if !compatible(person_only, plural, c.plural && !gov_plural, person) {
                continue;
            }
            if !poss && own_clause != NONE {
                let lo = mi.saturating_sub(24);
                let hi = (mi + 24).min(nm);
                let clash = out.mentions[lo..hi].iter().enumerate().any(|(k, o)| {
                    lo + k != mi && o.kind != MentionKind::Pronoun && o.is_actor() && out.words[o.start as usize].clause == own_clause && same_entity(out, o, &c)
                });
                if clash {
                    continue;
                }
            }
            let rank = subject_rank(out, ci as u32);
            let tier = if poss { rank.min(1) } else { [0, 1, 4][rank as usize] };
            offer(&mut cands, (tier, true, ci), out, ctx);
            if best.is_none_or(|(t, _, _)| tier < t) {
                best = Some((tier, true, ci));
            }
        }
        for (k, a) in ctx.items.iter().enumerate() {
            if !compatible(person_only, plural, a.plural && (a.kind != MentionKind::Combo || plural), a.kind == MentionKind::Person || (person_only == Some(true) && a.kind == MentionKind::Combo && !a.plural)) {
                continue;
            }
            let tier = if poss { 2 + a.rank.min(2) } else { [2, 3, 5, 6][a.rank.min(3) as usize] };
            offer(&mut cands, (tier, false, k), out, ctx);
            if best.is_none_or(|(t, _, _)| tier < t) {
                best = Some((tier, false, k));
            }
        }
        let Some((_, here, k)) = best else { continue };
        // The runner-up naming another entity, for the coder to use when the
        // best reading would make an event reflexive ("China pledged to
        // support its sovereignty" after "Kazakhstan …").
        let alt = cands[1].filter(|_| cands[0].is_some_and(|c0| (c0.1, c0.2) == (here, k)));
        let a0 = out.targets.len() as u32;
        if let Some((_, h2, k2)) = alt {
            scratch.tmp_targets.clear();
            if h2 {
                scratch.tmp_targets.extend_from_slice(out.mention_targets(&out.mentions[k2]));
            } else {
                let a = ctx.items[k2];
                scratch.tmp_targets.extend_from_slice(&ctx.targets[a.targets.0 as usize..a.targets.1 as usize]);
            }
            out.targets.extend_from_slice(&scratch.tmp_targets);
        }
        let a1 = out.targets.len() as u32;
        out.mentions[mi].alt = (a0, a1);
        let t0 = out.targets.len() as u32;
        scratch.tmp_targets.clear();
        let (agent, ante) = if here {
            let c = out.mentions[k];
            scratch.tmp_targets.extend_from_slice(out.mention_targets(&c));
            (c.agent, k as u32)
        } else {
            let a = ctx.items[k];
            scratch.tmp_targets.extend_from_slice(&ctx.targets[a.targets.0 as usize..a.targets.1 as usize]);
            (a.agent, NONE)
        };
        out.targets.extend_from_slice(&scratch.tmp_targets);
        let t1 = out.targets.len() as u32;
        let pm = &mut out.mentions[mi];
        pm.targets = (t0, t1);
        pm.agent = agent;
        pm.antecedent = ante;
    }
}

/// "its military", "their foreign ministers": an agent noun possessed by a
/// pronoun that resolved to a state or organisation names that actor's
/// sector, as "Iran's military" does (names are combined earlier, in
/// [`combine_mentions`]; pronouns only have readings once resolved). The
/// agent mention becomes a [`MentionKind::Combo`] with the pronoun's
/// readings; its span stays the agent noun's.
fn possessed_agents(out: &mut Analysis) {
    for ci in 0..out.chunks.len() {
        let c = out.chunks[ci];
        if c.possessor == NONE {
            continue;
        }
        let p = out.mentions[c.possessor as usize];
        let &[am] = out.chunk_actor_ids(&c) else { continue };
        let m = out.mentions[am as usize];
        if p.kind != MentionKind::Pronoun || m.kind != MentionKind::Agent || m.start < p.end || m.start - p.end > 3 || m.end != c.end {
            continue;
        }
        let base = out.mention_targets(&p).iter().any(|t| matches!(t.entity, EntityRef::Country(_) | EntityRef::Org(_)));
        let agent = out.mention_targets(&m).iter().copied().find(|t| matches!(t.kind, NameKind::AgentNoun | NameKind::AgentAdjective));
        if !base || agent.is_none() {
            continue;
        }
        let t0 = out.targets.len();
        out.targets.extend_from_within(p.targets.0 as usize..p.targets.1 as usize);
        let mm = &mut out.mentions[am as usize];
        mm.kind = MentionKind::Combo;
        mm.targets = (t0 as u32, out.targets.len() as u32);
        mm.agent = agent;
        mm.antecedent = p.antecedent;
    }
}

/// Keeps the two best candidates (by tier, first offered wins ties) that
/// name different entities.
fn offer(cands: &mut [Option<(u8, bool, usize)>; 2], c: (u8, bool, usize), out: &Analysis, ctx: &Context) {
    let first_target = |(_, here, k): (u8, bool, usize)| -> Option<NameTarget> {
        if here {
            out.mention_targets(&out.mentions[k]).first().copied()
        } else {
            let a = ctx.items[k];
            ctx.targets.get(a.targets.0 as usize).copied()
        }
    };
    let better = |x: &Option<(u8, bool, usize)>| x.is_none_or(|o| c.0 < o.0);
    if better(&cands[0]) {
        if cands[0].is_some_and(|o| first_target(o).map(|t| t.entity) != first_target(c).map(|t| t.entity)) {
            cands[1] = cands[0];
        }
        cands[0] = Some(c);
    } else if cands[0].is_some_and(|o| first_target(o).map(|t| t.entity) != first_target(c).map(|t| t.entity)) && better(&cands[1]) {
        cands[1] = Some(c);
    }
}

/// Compatibility of a pronoun (person-only?, plural?) with an antecedent.
fn compatible(person_only: Option<bool>, plural: bool, ante_plural: bool, is_person: bool) -> bool {
    let person_ok = match person_only {
        Some(true) => is_person,
        Some(false) => !is_person,
        None => true,
    };
    // "they" may refer to a state or organisation; "it" not to a plural.
    person_ok && (plural || !ante_plural)
}

fn same_entity(out: &Analysis, a: &Mention, b: &Mention) -> bool {
    let ta = out.mention_targets(a);
    let tb = out.mention_targets(b);
    ta.iter().any(|x| tb.iter().any(|y| x.entity == y.entity))
}

/// 0 = subject of a main (or coordinated) clause, 1 = other subject, 2 = other.
fn subject_rank(out: &Analysis, mention: u32) -> u8 {
    let m = out.mentions[mention as usize];
    let ch = out.words[m.start as usize].chunk;
    if ch == NONE {
        return 2;
    }
    let mut best = 2;
    // Clauses whose subject is this chunk: only those near the chunk (a subject
    // precedes its verb closely, or is inherited by the next few clauses).
    let first = out.clauses.partition_point(|c| c.verb < m.start);
    for c in &out.clauses[first.saturating_sub(2)..(first + 6).min(out.clauses.len())] {
        if c.subject == ch && out.chunk_actor_ids(&out.chunks[ch as usize]).contains(&mention) {
            let r = if matches!(c.kind, ClauseKind::Main | ClauseKind::Coordinate) { 0 } else { 1 };
            best = best.min(r);
        }
    }
    best
}

fn update_context(out: &Analysis, ctx: &mut Context) {
    ctx.clear_sentence();
    for (mi, m) in out.mentions.iter().enumerate() {
        if !m.is_actor() || m.kind == MentionKind::Compound {
            continue;
        }
        let rank = subject_rank(out, mi as u32);
        // Adjective modifiers ("Chinese interests") are weak antecedents.
        let rank = if m.kind == MentionKind::Adjective { 3 } else { rank };
        let t0 = ctx.targets.len() as u32;
        ctx.targets.extend_from_slice(out.mention_targets(m));
        let t1 = ctx.targets.len() as u32;
        ctx.items.push(Antecedent { targets: (t0, t1), agent: m.agent, kind: m.kind, plural: m.plural, rank });
    }
    // Within a rank, the most recent first.
    ctx.items.reverse();
    ctx.items.sort_by_key(|a| a.rank);
}

fn place_dates(s: &Sentence, out: &mut Analysis) {
    for d in &s.dates {
        // The token whose original span contains the mention's start.
        let mut tok = None;
        for (i, t) in s.tokens.iter().enumerate() {
            let span = s.original_span(t.start as usize..t.end as usize);
            if span.end > d.start {
                tok = Some((i, span.start < d.start));
                break;
            }
        }
        let Some((i, inside)) = tok else { continue };
        let mut end = i + 1;
        while end < s.tokens.len() && s.original_span(s.tokens[end].start as usize..s.tokens[end].end as usize).end <= d.end {
            end += 1;
        }
        let k = out.key(i);
        let bound = (inside && (k.starts_with("pre-") || k.starts_with("post-"))) || (i > 0 && matches!(out.key(i - 1), "pre" | "post" | "before" | "until" | "since" | "till"));
        out.dates.push(DateRef { token: i as u32, end: end as u32, value: d.value, precision: d.precision, bound });
    }
}

fn money(out: &mut Analysis) {
    let mut found = std::mem::take(&mut out.money);
    find_money(out.words.len(), |i| out.key(i), &mut found);
    out.money = found;
}
