//! The tree seen as a sentence: upper-cased words, node spans, and the structural
//! questions the coder asks of it (subject, passive, negation, comma clauses, datelines).

use super::*;

pub(super) fn is_np(label: &str) -> bool {
    label == "NP" || label == "NX" || label == "NML"
}

/// The tree with its words upper-cased and node spans computed.
pub(super) struct Sentence<'a> {
    pub(super) tree: &'a Tree,
    /// The words upper-cased, as slices of one buffer the caller owns (one
    /// allocation per sentence instead of one per word).
    pub(super) words: Vec<&'a str>,
    /// [`word_hash`] of each word.
    pub(super) hashes: Vec<u64>,
    /// The words as written, for output texts.
    pub(super) orig: Vec<&'a str>,
    pub(super) tags: Vec<&'a str>,
    /// Word span `[start, end)` of each node.
    pub(super) span: Vec<(usize, usize)>,
    /// The pre-terminal's parent node of each word.
    pub(super) parent_of_word: Vec<NodeId>,
    /// Words in comma-delimited clauses PETRARCH removes before coding.
    pub(super) deleted: Vec<bool>,
}

impl<'a> Sentence<'a> {
    /// Reads the tree; `buf` receives the upper-cased words.
    pub(super) fn new(tree: &'a Tree, buf: &'a mut String) -> Sentence<'a> {
        let nodes = tree.nodes();
        buf.clear();
        // About eight bytes a word: one allocation for most sentences.
        buf.reserve(8 * tree.word_count());
        let mut ends = Vec::with_capacity(tree.word_count());
        let mut orig = Vec::with_capacity(tree.word_count());
        let mut tags = Vec::with_capacity(tree.word_count());
        let mut parent_of_word = Vec::with_capacity(tree.word_count());
        let mut span = vec![(usize::MAX, 0usize); nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if let Some(w) = &n.word {
                // Nearly every token is ASCII: the cheap upper-casing first.
                if w.text.is_ascii() {
                    let from = buf.len();
                    buf.push_str(&w.text);
                    buf[from..].make_ascii_uppercase();
                } else {
                    buf.extend(w.text.chars().flat_map(char::to_uppercase));
                }
                ends.push(buf.len());
                orig.push(w.text.as_str());
                tags.push(n.label.as_str());
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
        let buf: &'a str = buf;
        let mut from = 0;
        let words: Vec<&str> = ends
            .into_iter()
            .map(|end| {
                let w = &buf[from..end];
                from = end;
                w
            })
            .collect();
        Sentence {
            deleted: vec![false; words.len()],
            hashes: words.iter().map(|w| word_hash(w)).collect(),
            tree,
            words,
            orig,
            tags,
            span,
            parent_of_word,
        }
    }

    /// For a clause `s` that follows `S CC` among its siblings, the subject
    /// of that earlier clause.
    pub(super) fn coordinated_subject(&self, s: NodeId) -> Option<NodeId> {
        let t = self.tree;
        let parent = t.node(t.node(s).parent?);
        let k = parent.children.iter().position(|c| *c == s)?;
        if k < 2 || t.node(parent.children[k - 1]).label != "CC" {
            return None;
        }
        let prev = t.node(parent.children[k - 2]);
        if prev.label != "S" {
            return None;
        }
        prev.children.iter().copied().find(|c| is_np(&t.node(*c).label))
    }

    /// Whether a `not`, `n't` or `never` of an enclosing verb phrase comes
    /// before word `w` (`would not help`, `did n't say that … attacked`).
    pub(super) fn is_negated(&self, w: usize) -> bool {
        let t = self.tree;
        let mut n = self.parent_of_word[w];
        while let Some(p) = t.node(n).parent {
            let pn = t.node(p);
            if pn.label == "VP" {
                let neg = pn.children.iter().take_while(|c| **c != n).any(|c| {
                    let (a, b) = self.span[c.0 as usize];
                    b == a + 1 && matches!(self.words[a], "NOT" | "N'T" | "NEVER")
                });
                if neg {
                    return true;
                }
            }
            n = p;
        }
        false
    }

    /// Whether word `w` is inside a prepositional phrase that opens its
    /// clause (a PP child of the `S` before the subject).
    pub(super) fn in_opening_pp(&self, w: usize) -> bool {
        let t = self.tree;
        let mut n = self.parent_of_word[w];
        while let Some(p) = t.node(n).parent {
            let label = t.node(p).label.as_str();
            if t.node(n).label == "PP" && label == "S" {
                // A PP before any NP sibling of the clause opens it.
                return !t.node(p).children.iter().take_while(|c| **c != n).any(|c| is_np(&t.node(*c).label));
            }
            if label == "S" || label == "SBAR" || label == "ROOT" {
                return false;
            }
            n = p;
        }
        false
    }

    /// Words `[a, b)` with their hashes.
    pub(super) fn words_in(&self, a: usize, b: usize) -> Words<'_> {
        Words {
            w: &self.words[a..b],
            h: &self.hashes[a..b],
        }
    }

    pub(super) fn is_possessive(&self, np: NodeId) -> bool {
        let n = self.tree.node(np);
        n.children
            .last()
            .is_some_and(|c| self.tree.node(*c).label == "POS")
            || n.children.len() == 1 && self.tree.node(n.children[0]).label == "PRP$"
    }

    /// Verbs: each `VB*` word directly under a `VP`, with that `VP`.
    pub(super) fn verbs(&self) -> Vec<(usize, NodeId)> {
        let mut out = Vec::new();
        for (i, tag) in self.tags.iter().enumerate() {
            if !tag.starts_with("VB") || self.deleted[i] {
                continue;
            }
            let vp = self.parent_of_word[i];
            if self.tree.node(vp).label == "VP" {
                out.push((i, vp));
            }
        }
        out
    }

    /// The subject noun phrase of the clause a verb phrase belongs to:
    /// up through verb phrases (and subjectless clauses: `is about to
    /// restore`), the last `NP` before them in the first clause that has one.
    pub(super) fn subject(&self, vp: NodeId) -> Option<NodeId> {
        let t = self.tree;
        let mut node = vp;
        while let Some(parent) = t.node(node).parent {
            let pn = t.node(parent);
            match pn.label.as_str() {
                "VP" => {}
                "S" | "SQ" | "SINV" => {
                    let np = pn
                        .children
                        .iter()
                        .take_while(|c| **c != node)
                        .filter(|c| is_np(&t.node(**c).label))
                        .last();
                    if let Some(np) = np {
                        return Some(*np);
                    }
                    // `Gondor launched a new bombing and [S shelling …
                    // against Osgiliath]`: a subjectless clause coordinated
                    // after one with a subject shares it (PATTERN-28).
                    if let Some(np) = self.coordinated_subject(parent) {
                        return Some(np);
                    }
                }
                _ => return None,
            }
            node = parent;
        }
        None
    }

    /// PETRARCH's comma-clause deletion: between two commas of one phrase
    /// (`comma_min`..`comma_max` words), from the start of the sentence to
    /// its first comma (`comma_bmin`..`comma_bmax`), and from its last comma
    /// to the end (`comma_emin`..`comma_emax`); a maximum of 0 turns a kind
    /// off. Only whole phrases between comma siblings are removed, so the
    /// rest of the tree stays well formed.
    pub(super) fn delete_comma_clauses(&mut self, o: &Options) {
        let n = self.words.len();
        // The sentence's end, before its final punctuation.
        let mut end = n;
        while end > 0 && matches!(self.tags[end - 1], "." | "''" | ":") {
            end -= 1;
        }
        let in_range =
            |len: usize, min: u32, max: u32| max > 0 && len >= min as usize && len <= max as usize;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (i, node) in self.tree.nodes().iter().enumerate() {
            let commas: Vec<usize> = node
                .children
                .iter()
                .filter(|c| self.tree.node(**c).label == ",")
                .map(|c| self.span[c.0 as usize].0)
                .collect();
            if commas.is_empty() {
                continue;
            }
            let (a, b) = self.span[i];
            for w in commas.windows(2) {
                if in_range(w[1] - w[0] - 1, o.comma_min, o.comma_max) {
                    spans.push((w[0] + 1, w[1]));
                }
            }
            let first = commas[0];
            if a == 0 && in_range(first, o.comma_bmin, o.comma_bmax) {
                spans.push((0, first));
            }
            let last = *commas.last().expect("non-empty");
            if b >= end && last < end && in_range(end - last - 1, o.comma_emin, o.comma_emax) {
                spans.push((last + 1, end));
            }
        }
        for (x, y) in spans {
            for d in &mut self.deleted[x..y] {
                *d = true;
            }
        }
    }

    /// A new actor named by the words of `(a, b)` (possessive `'s` left
    /// out), if it has a proper noun and at most `limit` words.
    pub(super) fn new_actor(&self, (a, b): (usize, usize), limit: usize) -> Option<Member> {
        let proper = (a..b).any(|k| self.tags[k].starts_with("NNP"));
        self.new_actor_words((a, b), limit).filter(|_| proper)
    }

    /// Whether noun phrase `np` coordinates noun phrases (`A and B`).
    pub(super) fn is_coordination(&self, np: NodeId) -> bool {
        let n = self.tree.node(np);
        n.children.iter().any(|c| self.tree.node(*c).label == "CC")
            && n.children.iter().any(|c| is_np(&self.tree.node(*c).label))
    }

    /// The new actor named by the words of `(a, b)` (at most `limit`).
    pub(super) fn new_actor_words(&self, (a, b): (usize, usize), limit: usize) -> Option<Member> {
        let words: Vec<&str> = (a..b)
            .filter(|&k| self.tags[k] != "POS" && !matches!(self.tags[k], "," | "." | ":"))
            .map(|k| self.words[k])
            .collect();
        (!words.is_empty() && words.len() <= limit).then(|| Member {
            code: Some(format!("\"{}\"", words.join(" "))),
            start: a,
            end: b,
        })
    }

    /// `(a, b)` widened to the noun phrase `X of Y` when it is the `X`.
    pub(super) fn with_of_complement(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let t = self.tree;
        for (i, n) in t.nodes().iter().enumerate() {
            if self.span[i] != (a, b) || !is_np(&n.label) {
                continue;
            }
            let Some(p) = n.parent else { break };
            let pn = t.node(p);
            let of = pn.children.len() == 2
                && pn.children[0].0 as usize == i
                && t.node(pn.children[1]).label == "PP"
                && self.words.get(b).is_some_and(|w| *w == "OF");
            if is_np(&pn.label) && of {
                return self.span[p.0 as usize];
            }
            break;
        }
        (a, b)
    }

    /// A dateline: the tree is a fragment (its top phrase is not a clause)
    /// that opens with upper-case words followed by `:` (`CEBU CITY: --`).
    pub(super) fn dateline(&self) -> Option<String> {
        let t = self.tree;
        let top = t
            .node(t.root())
            .children
            .first()
            .copied()
            .unwrap_or(t.root());
        if matches!(t.node(top).label.as_str(), "S" | "SINV" | "SQ" | "SBARQ") {
            return None;
        }
        let colon = self.tags.iter().take(6).position(|x| *x == ":")?;
        let upper_words = colon > 0
            && self.orig[..colon]
                .iter()
                .all(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase));
        upper_words.then(|| self.orig[..colon].join(" "))
    }

    /// Whether the clause a verb phrase heads names a subject of its own
    /// (walking up through verb phrases only, not through a subjectless
    /// clause into the one above it).
    pub(super) fn own_subject(&self, vp: NodeId) -> bool {
        let t = self.tree;
        let mut node = vp;
        while let Some(parent) = t.node(node).parent {
            let pn = t.node(parent);
            match pn.label.as_str() {
                "VP" => node = parent,
                "S" | "SQ" | "SINV" => {
                    return pn
                        .children
                        .iter()
                        .take_while(|c| **c != node)
                        .any(|c| is_np(&t.node(*c).label));
                }
                _ => return false,
            }
        }
        false
    }

    /// A noun phrase that is only a pronoun (`it`, `they`).
    pub(super) fn is_pronoun(&self, np: NodeId) -> bool {
        let (a, b) = self.span[np.0 as usize];
        b == a + 1 && matches!(self.tags[a], "PRP" | "EX")
    }

    /// A past participle after a form of `be` (adverbs and negation may
    /// intervene): PETRARCH's passive test.
    pub(super) fn is_passive(&self, v: usize) -> bool {
        if self.tags[v] != "VBN" {
            return false;
        }
        let mut i = v;
        while i > 0 {
            i -= 1;
            match self.words[i] {
                "WAS" | "WERE" | "IS" | "ARE" | "BE" | "BEEN" | "BEING" | "AM" | "'S" => {
                    return true
                }
                _ if self.tags[i].starts_with("RB") => continue,
                _ => return false,
            }
        }
        false
    }

    /// Whether word `k` has punctuation attached in the running text:
    /// a closing mark or clitic after it (`ago,`, `Russia's`), an opening
    /// one before it (`(Hamas`, `$5`).
    pub(super) fn glued(&self, k: usize) -> bool {
        let after = self.tags.get(k + 1).is_some_and(|t| {
            matches!(*t, "," | "." | ":" | "''" | "-RRB-" | "POS")
        });
        let before = k > 0 && matches!(self.tags[k - 1], "``" | "-LRB-" | "$" | "#");
        after || before
    }

    /// A past participle heading a reduced relative clause (`soldiers
    /// [killed in Ukraine]`: a `VP` inside a noun phrase), passive in
    /// meaning.
    pub(super) fn is_reduced_relative(&self, v: usize) -> bool {
        let t = self.tree;
        self.tags[v] == "VBN"
            && t.node(self.parent_of_word[v])
                .parent
                .is_some_and(|p| is_np(&t.node(p).label))
    }

    /// Start of the first clause (`S`, `SBAR`) inside `vp` after word `from`.
    pub(super) fn first_clause_in(&self, vp: NodeId, from: usize) -> Option<usize> {
        let (a, b) = self.span[vp.0 as usize];
        let mut best: Option<usize> = None;
        for (i, n) in self.tree.nodes().iter().enumerate().skip(vp.0 as usize + 1) {
            let (x, y) = self.span[i];
            if x >= b || y <= a {
                continue;
            }
            if matches!(n.label.as_str(), "S" | "SBAR" | "SINV" | "SQ") && x >= from {
                best = Some(best.map_or(x, |v: usize| v.min(x)));
            }
        }
        best
    }

    /// Where the upper sequence of a verb at `v` starts: after the last
    /// complete clause (`S`, `SBAR`) that ends before the verb.
    pub(super) fn clause_start(&self, v: usize) -> usize {
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
