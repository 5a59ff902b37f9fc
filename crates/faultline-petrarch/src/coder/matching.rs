//! PETRARCH pattern matching over a verb's upper and lower [`Seq`]uences: literal words,
//! synsets, `$`/`+`/`%` bindings, `^` skips and PETRARCH2 `{…}`/`(…)` groups.

use super::*;

/// Which required word forms (by id) occur before and after the verb
/// being coded: two bit sets over the ids, refilled for each verb from the
/// sentence's occurrences, so each pattern's pre-check is a few bit tests.
pub(super) struct Present {
    pub(super) upper: Vec<u64>,
    pub(super) lower: Vec<u64>,
}

impl Present {
    pub(super) fn new(ids: usize) -> Present {
        let n = ids.div_ceil(64);
        Present {
            upper: vec![0; n],
            lower: vec![0; n],
        }
    }

    /// Marks the forms occurring in the word ranges `[a, b)` of the upper
    /// and lower sequences.
    pub(super) fn fill(&mut self, occurrences: &[(u32, u32)], up: (u32, u32), low: (u32, u32)) {
        self.upper.fill(0);
        self.lower.fill(0);
        for &(id, k) in occurrences {
            let (w, bit) = ((id / 64) as usize, 1u64 << (id % 64));
            if k >= up.0 && k < up.1 {
                self.upper[w] |= bit;
            }
            if k >= low.0 && k < low.1 {
                self.lower[w] |= bit;
            }
        }
    }

    /// Whether every required word (a list of form ids) has a form present.
    pub(super) fn has_all(&self, words: &[Vec<u32>], lower: bool) -> bool {
        let set = if lower { &self.lower } else { &self.upper };
        words.iter().all(|forms| {
            forms
                .iter()
                .any(|&id| set[(id / 64) as usize] & (1u64 << (id % 64)) != 0)
        })
    }
}

/// Items allowed between two words of a PETRARCH2 `{…}`/`(…)` group.
pub(super) const GROUP_GAP: usize = 3;

/// Extra characters a non-exact pattern word may be followed by (PETRARCH-1
/// matches pattern words as stems only loosely; see docs/petrarch.md).
pub(super) const STEM_SLACK: usize = 0;

pub(super) fn word_matches(token: &str, form: &str, exact: bool) -> bool {
    token == form
        || (!exact
            && form.len() >= 2
            && token.starts_with(form)
            && token.len() <= form.len() + STEM_SLACK)
}

/// Pre-verb parts in the order the upper sequence is read (from the verb
/// outwards), with joins moved to the part they now follow.
pub(super) fn reversed_parts(pre: &[Part], _verb_joined: bool) -> Vec<Part> {
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

/// Who the pattern bound.
#[derive(Debug, Clone, Default)]
pub(super) struct Binding {
    pub(super) source: Option<usize>,
    pub(super) target: Option<usize>,
    pub(super) compound: Option<usize>,
    /// The `%` was after the verb: the compound is the target.
    pub(super) compound_after: bool,
    /// The items of the lower sequence (the first 128) that the pattern's
    /// literal words matched: a unit holding one is part of the pattern
    /// (`conducting military exercises in Alaska` with
    /// `* {MILITARY EXERCISES}`), not its default target.
    pub(super) literal_after: u128,
}

impl Binding {
    /// Notes a literal word matched at item `at` of `seq`.
    pub(super) fn literal(&mut self, seq: &Seq, at: usize) {
        if !seq.reversed && at < 128 {
            self.literal_after |= 1 << at;
        }
    }
}

/// An item of an upper or lower sequence.
#[derive(Debug, Clone, Copy)]
pub(super) enum SeqItem {
    Word(usize),
    /// A unit; its `len` words follow as `Word` items.
    Unit {
        unit: usize,
        len: usize,
    },
}

/// A sequence of words and units seen from the verb.
pub(super) struct Seq<'a> {
    pub(super) s: &'a Sentence<'a>,
    pub(super) items: Vec<SeqItem>,
    pub(super) coded: &'a [bool],
    pub(super) compound: &'a [bool],
    /// For a word item inside a unit: the item index just past the unit's
    /// words (what `^` skips to).
    pub(super) unit_end: std::cell::OnceCell<Vec<Option<usize>>>,
    /// The upper sequence runs backwards from the verb: multi-word synset
    /// members and groups are then matched last word first.
    pub(super) reversed: bool,
}

pub(super) fn unit_ends(items: &[SeqItem]) -> Vec<Option<usize>> {
    let mut out = vec![None; items.len()];
    for (p, i) in items.iter().enumerate() {
        if let SeqItem::Unit { len, .. } = i {
            let end = (p + 1 + len).min(items.len());
            for e in &mut out[p + 1..end] {
                *e = Some(end);
            }
        }
    }
    out
}

impl<'a> Seq<'a> {
    /// Chunks of `[a, b)` in order: words and outermost units inside the
    /// range, as `(unit, first word, one past the last)`.
    pub(super) fn for_each_chunk(
        s: &Sentence,
        f: &Flags,
        units: &[Unit],
        a: usize,
        b: usize,
        mut out: impl FnMut(Option<usize>, usize, usize),
    ) {
        let mut i = a;
        while i < b {
            if s.deleted[i] {
                i += 1;
                continue;
            }
            let unit = f.starting_at(i).find(|&k| units[k].end <= b);
            if let Some(k) = unit {
                out(Some(k), i, units[k].end);
                i = units[k].end;
            } else {
                out(None, i, i + 1);
                i += 1;
            }
        }
    }

    pub(super) fn lower(s: &'a Sentence<'a>, f: &'a Flags, units: &[Unit], a: usize, b: usize) -> Seq<'a> {
        Self::lower_ranges(s, f, units, &[(a, b)])
    }

    /// A lower sequence read from several word ranges in turn (the passive
    /// reading puts the subject first, see [`PetrarchCoder::code_verb`]).
    pub(super) fn lower_ranges(
        s: &'a Sentence<'a>,
        f: &'a Flags,
        units: &[Unit],
        ranges: &[(usize, usize)],
    ) -> Seq<'a> {
        let mut items = Vec::new();
        for &(a, b) in ranges {
            Self::for_each_chunk(s, f, units, a, b, |u, x, y| {
                if let Some(u) = u {
                    items.push(SeqItem::Unit {
                        unit: u,
                        len: y - x,
                    });
                }
                items.extend((x..y).map(SeqItem::Word));
            });
        }
        let unit_end = std::cell::OnceCell::new();
        Seq {
            s,
            items,
            coded: &f.coded,
            compound: &f.compound,
            reversed: false,
            unit_end,
        }
    }

    pub(super) fn upper(s: &'a Sentence<'a>, f: &'a Flags, units: &[Unit], a: usize, b: usize) -> Seq<'a> {
        // Built forwards with each unit's marker after its words, then
        // reversed: chunks last first, each marker before its words read
        // backwards.
        let mut items = Vec::with_capacity(b.saturating_sub(a) + 8);
        Self::for_each_chunk(s, f, units, a, b, |u, x, y| {
            items.extend((x..y).map(SeqItem::Word));
            if let Some(u) = u {
                items.push(SeqItem::Unit {
                    unit: u,
                    len: y - x,
                });
            }
        });
        items.reverse();
        let unit_end = std::cell::OnceCell::new();
        Seq {
            s,
            items,
            coded: &f.coded,
            compound: &f.compound,
            reversed: true,
            unit_end,
        }
    }

    /// The word at `at`, looking through a unit marker to the unit's first
    /// word (a marker is not a word: `FOR_ASYLUM` is adjacent in `for
    /// [asylum]`). Returns the word and the item index it was found at.
    pub(super) fn word_at(&self, at: usize) -> Option<(&str, usize)> {
        match self.items.get(at)? {
            SeqItem::Word(i) => Some((self.s.words[*i], at)),
            SeqItem::Unit { .. } => match self.items.get(at + 1)? {
                SeqItem::Word(i) => Some((self.s.words[*i], at + 1)),
                SeqItem::Unit { .. } => None,
            },
        }
    }

    /// The coded units in reading order.
    pub(super) fn coded_units(&self) -> impl Iterator<Item = usize> + '_ {
        self.items.iter().filter_map(|i| match i {
            SeqItem::Unit { unit, .. } if self.coded[*unit] => Some(*unit),
            _ => None,
        })
    }

    /// The first unit holding a proper noun (a candidate new actor).
    pub(super) fn first_proper(&self, units: &[Unit]) -> Option<usize> {
        self.items.iter().find_map(|i| match i {
            SeqItem::Unit { unit, .. }
                if (units[*unit].start..units[*unit].end)
                    .any(|k| self.s.tags[k].starts_with("NNP")) =>
            {
                Some(*unit)
            }
            _ => None,
        })
    }

    /// The coded unit right after the word `w` (`by Osgiliath`).
    pub(super) fn after_word(&self, w: &str) -> Option<usize> {
        self.items.windows(2).find_map(|p| match (p[0], p[1]) {
            (SeqItem::Word(k), SeqItem::Unit { unit, .. })
                if self.s.words[k] == w && self.coded[unit] =>
            {
                Some(unit)
            }
            _ => None,
        })
    }

    /// The first coded unit that is not an agent-only phrase holding a
    /// word in `literal` (a bit set over item positions, see
    /// [`Binding::literal_after`]).
    pub(super) fn first_unit_outside(&self, literal: u128, units: &[Unit]) -> Option<usize> {
        self.items.iter().enumerate().find_map(|(p, i)| match i {
            SeqItem::Unit { unit, len } if self.coded[*unit] => {
                let words = (p + 1)..(p + 1 + len).min(128);
                let hit = words.into_iter().any(|k| literal & (1 << k) != 0);
                let actor = units[*unit]
                    .members
                    .iter()
                    .any(|m| m.code.as_deref().is_some_and(|c| !c.starts_with("---")));
                (!hit || actor).then_some(*unit)
            }
            _ => None,
        })
    }

    /// The unit with an actor (not an agent alone) that follows unit `u`
    /// across one `FROM`, `OF` or `IN`.
    pub(super) fn pp_actor_after(&self, u: usize, units: &[Unit]) -> Option<usize> {
        let p = self
            .items
            .iter()
            .position(|i| matches!(i, SeqItem::Unit { unit, .. } if *unit == u))?;
        let SeqItem::Unit { len, .. } = self.items[p] else {
            return None;
        };
        let q = p + 1 + len;
        let SeqItem::Word(k) = *self.items.get(q)? else {
            return None;
        };
        if !matches!(self.s.words[k], "FROM" | "OF" | "IN") {
            return None;
        }
        match *self.items.get(q + 1)? {
            SeqItem::Unit { unit, .. }
                if units[unit]
                    .members
                    .iter()
                    .any(|m| m.code.as_deref().is_some_and(|c| !c.contains("---"))) =>
            {
                Some(unit)
            }
            _ => None,
        }
    }

    /// The default target: the first coded unit, passing over an
    /// agent-only phrase the pattern's words name (`conducting military
    /// exercises in Alaska`: not `---MIL`) unless nothing else is coded
    /// (`released the civilians` with `* &PEOPLE`). A phrase the pattern
    /// names that holds an actor is the target (`free 150 Palestinian
    /// prisoners` with `* PRISONERS`).
    pub(super) fn default_target(&self, literal: u128, units: &[Unit]) -> Option<usize> {
        self.first_unit_outside(literal, units)
            .or_else(|| self.coded_units().next())
    }

}

impl PetrarchCoder {

    /// Matches a pattern; `rev_pre` is its pre-verb part reversed at
    /// compile time (the upper sequence is read from the verb outwards).
    pub(super) fn match_pattern(
        &self,
        p: &Pattern,
        rev_pre: &[Part],
        upper: &Seq,
        lower: &Seq,
    ) -> Option<Binding> {
        let mut b = Binding::default();
        // Lower: elements in order from the verb.
        if !p.post.is_empty() {
            let first_joined = p.post[0].joined;
            self.match_parts(&p.post, 0, lower, 0, first_joined, &mut b)?;
            b.compound_after = b.compound.is_some();
        }
        if !rev_pre.is_empty() {
            let first_joined = p.verb_joined;
            self.match_parts(rev_pre, 0, upper, 0, first_joined, &mut b)?;
        }
        Some(b)
    }

    /// Matches `parts[k..]` in `seq` from position `pos`; `adjacent` says
    /// the first part must match exactly at `pos`.
    pub(super) fn match_parts(
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
    pub(super) fn match_element(&self, e: &Element, seq: &Seq, at: usize, b: &mut Binding) -> Option<usize> {
        match e {
            Element::Word(w) => {
                let (t, at) = seq.word_at(at)?;
                let ok = w.forms.iter().any(|f| word_matches(t, f, w.exact));
                if ok {
                    b.literal(seq, at);
                }
                ok.then_some(at + 1)
            }
            Element::Synset { name, exact } => {
                let members = self.synsets.get(name.as_str())?;
                let exact = *exact;
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
            Element::Skip => match seq.items.get(at)? {
                // `^` skips a noun phrase: the next one, or the rest of the
                // one the previous word was in (`* THEIR ^ ABOUT +`).
                SeqItem::Unit { len, .. } => Some(at + 1 + len),
                SeqItem::Word(_) => seq.unit_end.get_or_init(|| unit_ends(&seq.items))[at],
            },
            Element::NounPhrase(inner) | Element::PrepPhrase(inner) => {
                // PETRARCH2 groups: the inner words in order, starting here,
                // each within a few items of the previous one (an adjective
                // or determiner may intervene inside a phrase).
                let mut pos = at;
                for (k, p) in inner.iter().enumerate() {
                    let window = if k == 0 { 1 } else { GROUP_GAP + 1 };
                    let mut found = None;
                    for q in pos..(pos + window).min(seq.items.len()) {
                        if let Some(n) = self.match_element(&p.element, seq, q, b) {
                            found = Some(n);
                            break;
                        }
                    }
                    pos = found?;
                }
                Some(pos)
            }
            Element::Verb => None,
        }
    }

    pub(super) fn match_member(
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
        let n = parts.len();
        // Indexing rather than collecting the order: this runs for every
        // synset member tried, and an allocation here dominated the profile.
        for i in 0..n {
            let p = if seq.reversed {
                &parts[n - 1 - i]
            } else {
                &parts[i]
            };
            pos = match &p.element {
                Element::Word(w) => {
                    let (t, at) = seq.word_at(pos)?;
                    let ok = w.forms.iter().any(|f| word_matches(t, f, exact || w.exact));
                    if ok {
                        b.literal(seq, at);
                    }
                    ok.then_some(at + 1)?
                }
                Element::Synset { name, exact: e2 } => {
                    let ms = self.synsets.get(name.as_str())?;
                    ms.iter()
                        .find_map(|m| self.match_member(m, seq, pos, exact || *e2, b, depth + 1))?
                }
                other => self.match_element(other, seq, pos, b)?,
            };
        }
        Some(pos)
    }
}
