//! The actor-name automaton: a token trie over normalised token keys.
//!
//! Why a token trie with interned token ids rather than Aho-Corasick over a
//! joined key string: the coder already walks tokens, and names must begin
//! and end on token boundaries. With the trie, a token that starts no name
//! (the vast majority) costs one string hash to find its id — usually
//! `None`, and then nothing else — and each further step is one hash of a
//! `(node, token)` pair of integers. Aho-Corasick would need a joined,
//! boundary-marked copy of every sentence and would report matches that
//! start or end inside tokens, which then must be filtered. Longest-match
//! at a position is a walk of at most [`NameIndex::max_len`] steps.

use crate::fx::FxHashMap;
use crate::normalize_key;

/// Interned id of a token key that occurs in some name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenId(pub u32);

/// Which actor a name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    /// A country, by index.
    Country(u32),
    /// A person, by index.
    Person(u32),
    /// An organisation or group, by index.
    Org(u32),
    /// An agent (sector), by index.
    Agent(u32),
}

/// How a name refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A name of the actor itself.
    Name,
    /// An adjective or demonym ("Chinese").
    Adjective,
    /// A combining form ("Sino-"), matched before a hyphen.
    CombiningForm,
    /// A metonym for the government ("Beijing", "the Kremlin").
    Government,
    /// An agent noun ("officials").
    AgentNoun,
    /// An agent adjective ("military").
    AgentAdjective,
}

/// One actor reading of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameTarget {
    /// The actor.
    pub entity: EntityRef,
    /// How the name refers to it.
    pub kind: NameKind,
}

/// A coder-side token: its interned id (if it occurs in any name) and
/// whether it is upper case (for the upper-case-only rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameToken {
    /// The token's id, `None` when no name contains it.
    pub id: Option<TokenId>,
    /// True when the raw token has no lower-case letter.
    pub upper: bool,
}

/// A name found at some position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch<'a> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Readings of names that match in any case.
    pub targets: &'a [NameTarget],
    /// Readings of all-capitals names; empty when the text is not all
    /// upper case.
    pub upper_targets: &'a [NameTarget],
}

impl NameMatch<'_> {
    /// Every reading.
    pub fn iter(&self) -> impl Iterator<Item = &NameTarget> {
        self.targets.iter().chain(self.upper_targets)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Terminal {
    any: (u32, u32),
    upper: (u32, u32),
}

/// The compiled name index.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    tokens: FxHashMap<Box<str>, TokenId>,
    edges: FxHashMap<(u32, u32), u32>,
    terminals: Vec<Terminal>,
    targets: Vec<NameTarget>,
    max_len: usize,
    names: usize,
}

/// Builds a [`NameIndex`] name by name, without materialising keys: each
/// name is walked into the trie token by token through one reusable buffer.
#[derive(Debug, Default)]
pub struct NameIndexBuilder {
    idx: NameIndex,
    per_node: Vec<(Vec<NameTarget>, Vec<NameTarget>)>,
    scratch: String,
}

/// The trie nodes a name ends at: its own, and for a name that begins with
/// "the", the node of the rest ("the Kremlin" also matches "Kremlin").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameNodes {
    /// Node of the whole name (0, the root, for an empty name).
    pub full: u32,
    /// Node of the name without its leading "the".
    pub without_the: Option<u32>,
}

impl NameIndexBuilder {
    /// An empty builder.
    pub fn new() -> NameIndexBuilder {
        NameIndexBuilder {
            per_node: vec![Default::default()],
            ..Default::default()
        }
    }

    /// Walks `name` (split with [`crate::phrase_tokens`]'s rules, keyed
    /// with [`crate::normalize_key`]) from the root; creates missing nodes
    /// when `create`, else stops (returning `None`) at the first missing one.
    fn walk(&mut self, name: &str, create: bool) -> Option<NameNodes> {
        let mut full = 0u32;
        let mut rest: Option<u32> = None;
        let mut first_is_the = false;
        let mut n = 0usize;
        for word in name.split_whitespace() {
            let (stem, poss) = match crate::norm::split_possessive(word) {
                Some((a, b)) => (a, Some(b)),
                None => (word, None),
            };
            for part in std::iter::once(stem).chain(poss) {
                self.scratch.clear();
                crate::norm::normalize_into(part, &mut self.scratch);
                let tok = match self.idx.tokens.get(self.scratch.as_str()) {
                    Some(&t) => t,
                    None if create => {
                        let t = TokenId(self.idx.tokens.len() as u32);
                        self.idx.tokens.insert(self.scratch.as_str().into(), t);
                        t
                    }
                    None => return None,
                };
                if n == 0 {
                    first_is_the = &*self.scratch == "the";
                }
                full = self.step(full, tok, create)?;
                if n == 1 && first_is_the {
                    rest = Some(self.step(0, tok, create)?);
                } else if let Some(r) = rest {
                    rest = Some(self.step(r, tok, create)?);
                }
                n += 1;
            }
        }
        self.idx.max_len = self.idx.max_len.max(n);
        Some(NameNodes {
            full,
            without_the: rest,
        })
    }

    fn step(&mut self, node: u32, tok: TokenId, create: bool) -> Option<u32> {
        if let Some(&next) = self.idx.edges.get(&(node, tok.0)) {
            return Some(next);
        }
        if !create {
            return None;
        }
        let next = self.per_node.len() as u32;
        self.per_node.push(Default::default());
        self.idx.edges.insert((node, tok.0), next);
        Some(next)
    }

    /// Enters a name with one reading; returns the nodes it ends at.
    /// All-capitals names fall under the upper-case-only rule.
    pub fn insert(&mut self, name: &str, target: NameTarget) -> NameNodes {
        let upper = crate::norm::is_upper_name(name);
        let Some(nodes) = self.walk(name, true) else {
            return NameNodes {
                full: 0,
                without_the: None,
            };
        };
        for node in std::iter::once(nodes.full).chain(nodes.without_the) {
            if node == 0 {
                continue;
            }
            let slot = &mut self.per_node[node as usize];
            let list = if upper { &mut slot.1 } else { &mut slot.0 };
            if !list.contains(&target) {
                list.push(target);
            }
        }
        nodes
    }

    /// The nodes of an already entered name, if any.
    pub fn find(&mut self, name: &str) -> Option<NameNodes> {
        self.walk(name, false).filter(|n| n.full != 0)
    }

    /// Removes every reading at `node`; returns how many there were.
    pub fn clear(&mut self, node: u32) -> usize {
        let slot = &mut self.per_node[node as usize];
        let n = slot.0.len() + slot.1.len();
        slot.0.clear();
        slot.1.clear();
        n
    }

    /// The finished index.
    pub fn finish(self) -> NameIndex {
        let mut idx = self.idx;
        idx.terminals = Vec::with_capacity(self.per_node.len());
        idx.names = 0;
        for (mut any, mut upper) in self.per_node {
            idx.names += usize::from(!any.is_empty()) + usize::from(!upper.is_empty());
            any.sort();
            upper.sort();
            let a = (idx.targets.len() as u32, any.len() as u32);
            idx.targets.extend(any);
            let u = (idx.targets.len() as u32, upper.len() as u32);
            idx.targets.extend(upper);
            idx.terminals.push(Terminal { any: a, upper: u });
        }
        idx
    }
}

impl NameIndex {
    /// Builds an index from (name, reading) pairs.
    pub fn build<'n>(names: impl IntoIterator<Item = (&'n str, NameTarget)>) -> NameIndex {
        let mut b = NameIndexBuilder::new();
        for (name, target) in names {
            b.insert(name, target);
        }
        b.finish()
    }

    /// Number of distinct (key, case rule) names, counting a name's
    /// form without a leading "the" separately.
    pub fn name_count(&self) -> usize {
        self.names
    }

    /// Longest name length in tokens.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The id of a token key (already normalised), if any name has it.
    #[inline]
    pub fn token_id(&self, key: &str) -> Option<TokenId> {
        self.tokens.get(key).copied()
    }

    /// Keys a raw token for matching (normalises it and notes its case).
    #[inline]
    pub fn token(&self, raw: &str) -> NameToken {
        NameToken {
            id: self.token_id(&normalize_key(raw)),
            upper: crate::norm::is_upper_token(raw),
        }
    }

    fn slice(&self, (s, n): (u32, u32)) -> &[NameTarget] {
        &self.targets[s as usize..(s + n) as usize]
    }

    /// The longest name starting at `start` (one with at least one reading
    /// that the text's case allows), or `None`.
    pub fn longest_at(&self, tokens: &[NameToken], start: usize) -> Option<NameMatch<'_>> {
        let mut node = 0u32;
        let mut all_upper = true;
        let mut best = None;
        for (i, t) in tokens.iter().enumerate().skip(start) {
            let Some(id) = t.id else { break };
            let Some(&next) = self.edges.get(&(node, id.0)) else {
                break;
            };
            node = next;
            all_upper &= t.upper;
            let term = self.terminals[node as usize];
            let targets = self.slice(term.any);
            let upper_targets = if all_upper {
                self.slice(term.upper)
            } else {
                &[]
            };
            if !targets.is_empty() || !upper_targets.is_empty() {
                best = Some(NameMatch {
                    start,
                    end: i + 1,
                    targets,
                    upper_targets,
                });
            }
        }
        best
    }

    /// The readings of exactly this token sequence (the whole of it).
    pub fn exact(&self, tokens: &[NameToken]) -> Option<NameMatch<'_>> {
        self.longest_at(tokens, 0).filter(|m| m.end == tokens.len())
    }

    /// Every name in a token sequence, left to right, longest first,
    /// non-overlapping.
    pub fn find_all(&self, tokens: &[NameToken]) -> Vec<NameMatch<'_>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.longest_at(tokens, i) {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

impl NameIndex {
    /// Writes the index for the precompiled form ([`crate::binary`]):
    /// tokens in id order and edges sorted, so the bytes are canonical.
    pub(crate) fn encode_into(&self, w: &mut crate::binary::Writer) {
        let mut tokens: Vec<(&str, u32)> = self.tokens.iter().map(|(k, v)| (&**k, v.0)).collect();
        tokens.sort_by_key(|&(_, id)| id);
        w.len(tokens.len());
        for (k, _) in &tokens {
            w.str(k);
        }
        let mut edges: Vec<_> = self.edges.iter().map(|(&k, &v)| (k, v)).collect();
        edges.sort_unstable();
        w.len(edges.len());
        for ((node, tok), child) in edges {
            w.u32(node);
            w.u32(tok);
            w.u32(child);
        }
        w.len(self.terminals.len());
        for t in &self.terminals {
            w.u32(t.any.0);
            w.u32(t.any.1);
            w.u32(t.upper.0);
            w.u32(t.upper.1);
        }
        w.len(self.targets.len());
        for t in &self.targets {
            crate::binary::write_target(w, t);
        }
        w.len(self.max_len);
        w.len(self.names);
    }

    /// Reads what [`NameIndex::encode_into`] wrote.
    pub(crate) fn decode_from(
        r: &mut crate::binary::Reader<'_>,
    ) -> Result<NameIndex, crate::binary::DecodeError> {
        let n = r.len()?;
        let mut tokens = FxHashMap::default();
        tokens.reserve(n);
        for i in 0..n {
            tokens.insert(Box::from(r.str()?), TokenId(i as u32));
        }
        let n = r.len()?;
        let mut edges = FxHashMap::default();
        edges.reserve(n);
        for _ in 0..n {
            let node = r.u32()?;
            let tok = r.u32()?;
            edges.insert((node, tok), r.u32()?);
        }
        let n = r.len()?;
        let mut terminals = Vec::with_capacity(n);
        for _ in 0..n {
            terminals.push(Terminal {
                any: (r.u32()?, r.u32()?),
                upper: (r.u32()?, r.u32()?),
            });
        }
        let n = r.len()?;
        let mut targets = Vec::with_capacity(n);
        for _ in 0..n {
            targets.push(crate::binary::read_target(r)?);
        }
        let idx = NameIndex {
            tokens,
            edges,
            terminals,
            targets,
            max_len: r.u32()? as usize,
            names: r.u32()? as usize,
        };
        // Every slice a terminal names must lie inside the targets, so that
        // look-ups cannot index out of bounds on a corrupt encoding.
        let ok = idx.terminals.iter().all(|t| {
            [t.any, t.upper]
                .iter()
                .all(|&(s, n)| (s as usize).saturating_add(n as usize) <= idx.targets.len())
        }) && idx
            .edges
            .values()
            .all(|&c| (c as usize) < idx.terminals.len());
        if !ok {
            return r.err("terminal and edge indices within the index");
        }
        Ok(idx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, n: u32) -> (&str, NameTarget) {
        (
            name,
            NameTarget {
                entity: EntityRef::Country(n),
                kind: NameKind::Name,
            },
        )
    }

    #[test]
    fn longest_match_and_case_rule() {
        let idx = NameIndex::build([
            e("China", 0),
            e("People's Republic of China", 0),
            e("US", 1),
            e("United States", 1),
            e("Republic", 2),
            e("the Kremlin", 3),
        ]);
        let toks = |s: &str| {
            crate::phrase_tokens(s)
                .iter()
                .map(|t| idx.token(t))
                .collect::<Vec<_>>()
        };
        let m = idx
            .longest_at(&toks("the People’s Republic of China said"), 1)
            .unwrap();
        assert_eq!((m.start, m.end), (1, 6));
        assert!(idx
            .longest_at(&toks("the People’s Republic of Chile"), 1)
            .is_none());
        assert_eq!(
            idx.longest_at(&toks("Republic of Chile"), 0).unwrap().end,
            1
        );
        assert_eq!(idx.exact(&toks("US")).unwrap().upper_targets.len(), 1);
        assert!(idx.exact(&toks("us")).is_none());
        assert!(idx.exact(&toks("Us")).is_none());
        let all = idx.find_all(&toks("the US and China met"));
        assert_eq!(
            all.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
            [(1, 2), (3, 4)]
        );
        assert_eq!(idx.name_count(), 7);
        assert_eq!(
            idx.exact(&toks("Kremlin")).unwrap().targets[0].entity,
            EntityRef::Country(3)
        );
        assert_eq!(
            idx.exact(&toks("the Kremlin")).unwrap().targets[0].entity,
            EntityRef::Country(3)
        );
        assert!(idx.exact(&toks("the")).is_none());
    }
}
