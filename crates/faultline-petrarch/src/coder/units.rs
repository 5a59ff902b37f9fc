//! Noun-phrase units: the tree's noun phrases coded from the actor and agent dictionaries
//! into [`Unit`]s of [`Member`]s, and the per-sentence [`Flags`] over them.

use super::*;

/// Appends the member(s) of one coded span: a code `A/B` names several
/// actors at once (`ELR/GAL`).
pub(super) fn push_split_member(code: Option<String>, start: usize, end: usize, out: &mut Vec<Member>) {
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

/// One actor of a unit (a conjunct of a compound, or the whole phrase).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Member {
    pub(super) code: Option<String>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A noun-phrase unit: a base noun phrase or a coordination of them.
#[derive(Debug, Clone, Default)]
pub(super) struct Unit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) members: Vec<Member>,
    pub(super) absorbed: bool,
}

/// Per-sentence facts about the units, computed once for all its verbs.
pub(super) struct Flags {
    /// The unit has a coded member.
    pub(super) coded: Vec<bool>,
    /// The unit has two or more coded members.
    pub(super) compound: Vec<bool>,
    /// Units starting at each word, longest first.
    pub(super) by_start: Vec<std::ops::Range<usize>>,
}

impl Flags {
    /// The first coded unit inside the word span `(a, b)`.
    pub(super) fn first_coded_in(&self, units: &[Unit], (a, b): (usize, usize)) -> Option<usize> {
        (a..b).find_map(|i| {
            self.starting_at(i)
                .find(|&k| units[k].end <= b && self.coded[k])
        })
    }

    /// Units starting at word `i`, longest first.
    pub(super) fn starting_at(&self, i: usize) -> std::ops::Range<usize> {
        self.by_start.get(i).cloned().unwrap_or(0..0)
    }

    /// `units` must be sorted by start, longest first (as
    /// [`PetrarchCoder::units`] leaves them): each start's units are then
    /// one range.
    pub(super) fn new(units: &[Unit], words: usize) -> Flags {
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

impl PetrarchCoder {

    pub(super) fn actor_code(&self, entry: &ActorEntry, date: Option<PetrDate>) -> &str {
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
    pub(super) fn code_words(&self, words: Words<'_>, date: Option<PetrDate>) -> Option<String> {
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
    pub(super) fn share_actor(
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
    pub(super) fn agent_span_across(&self, words: Words<'_>, cut: usize) -> Option<(usize, usize)> {
        (0..cut).find_map(|i| {
            self.match_agent(words, i)
                .filter(|(_, n)| i + n > cut)
                .map(|(_, n)| (i, n))
        })
    }

    /// Where the first actor name in `words` starts and how long it is.
    pub(super) fn actor_span(&self, words: Words<'_>) -> Option<(usize, usize)> {
        (0..words.len()).find_map(|i| self.match_actor(words, i).map(|(_, n)| (i, n)))
    }

    /// The longest actor name at word `i`. Names match as whole words:
    /// PETRARCH-1 does not take a name's last word as a stem (`THE_KU` must
    /// not code `the Kuwait government`, unit test ACTOR-05).
    pub(super) fn match_actor(&self, words: Words<'_>, i: usize) -> Option<(&ActorEntry, usize)> {
        self.actors.find(words, i)
    }

    /// The longest agent phrase at word `i`.
    pub(super) fn match_agent(&self, words: Words<'_>, i: usize) -> Option<(&AgentEntry, usize)> {
        self.agents.find(words, i)
    }

    /// Noun-phrase units of the sentence.
    pub(super) fn units(&self, s: &Sentence, date: Option<PetrDate>) -> Vec<Unit> {
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
                        let mut members = Vec::new();
                        push_split_member(self.code_words(s.words_in(a, b), date), a, b, &mut members);
                        units.push(Unit {
                            start: a,
                            end: b,
                            members,
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
                            if !self.petrarch2 {
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
}
