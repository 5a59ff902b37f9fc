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

/// A name to enter: its key tokens, its reading, and whether it is all
/// capitals.
#[derive(Debug, Clone)]
pub struct NameEntry {
    /// Normalised tokens ([`crate::name_key`]).
    pub key: Vec<String>,
    /// Its reading.
    pub target: NameTarget,
    /// True for all-capitals names (upper-case-only rule).
    pub upper_only: bool,
}

impl NameIndex {
    /// Builds the trie from entries (duplicates are merged).
    pub fn build(entries: &[NameEntry]) -> NameIndex {
        let mut idx = NameIndex { terminals: vec![Terminal::default()], ..NameIndex::default() };
        let mut per_node: Vec<(Vec<NameTarget>, Vec<NameTarget>)> = vec![Default::default()];
        let mut distinct = crate::fx::FxHashSet::default();
        for e in entries {
            if e.key.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for t in &e.key {
                let next_tok = idx.tokens.len() as u32;
                let tok = *idx.tokens.entry(t.as_str().into()).or_insert(TokenId(next_tok));
                let next_node = per_node.len() as u32;
                node = *idx.edges.entry((node, tok.0)).or_insert_with(|| {
                    per_node.push(Default::default());
                    next_node
                });
            }
            distinct.insert((node, e.upper_only));
            let slot = &mut per_node[node as usize];
            let list = if e.upper_only { &mut slot.1 } else { &mut slot.0 };
            if !list.contains(&e.target) {
                list.push(e.target);
            }
            idx.max_len = idx.max_len.max(e.key.len());
        }
        idx.names = distinct.len();
        idx.terminals = Vec::with_capacity(per_node.len());
        for (mut any, mut upper) in per_node {
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

    /// Number of distinct (key, case rule) names.
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
        NameToken { id: self.token_id(&normalize_key(raw)), upper: crate::norm::is_upper_token(raw) }
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
            let Some(&next) = self.edges.get(&(node, id.0)) else { break };
            node = next;
            all_upper &= t.upper;
            let term = self.terminals[node as usize];
            let targets = self.slice(term.any);
            let upper_targets = if all_upper { self.slice(term.upper) } else { &[] };
            if !targets.is_empty() || !upper_targets.is_empty() {
                best = Some(NameMatch { start, end: i + 1, targets, upper_targets });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, n: u32) -> NameEntry {
        NameEntry { key: crate::name_key(name), target: NameTarget { entity: EntityRef::Country(n), kind: NameKind::Name }, upper_only: crate::norm::is_upper_name(name) }
    }

    #[test]
    fn longest_match_and_case_rule() {
        let idx = NameIndex::build(&[e("China", 0), e("People's Republic of China", 0), e("US", 1), e("United States", 1), e("Republic", 2)]);
        let toks = |s: &str| crate::phrase_tokens(s).iter().map(|t| idx.token(t)).collect::<Vec<_>>();
        let m = idx.longest_at(&toks("the People’s Republic of China said"), 1).unwrap();
        assert_eq!((m.start, m.end), (1, 6));
        assert!(idx.longest_at(&toks("the People’s Republic of Chile"), 1).is_none());
        assert_eq!(idx.longest_at(&toks("Republic of Chile"), 0).unwrap().end, 1);
        assert_eq!(idx.exact(&toks("US")).unwrap().upper_targets.len(), 1);
        assert!(idx.exact(&toks("us")).is_none());
        assert!(idx.exact(&toks("Us")).is_none());
        let all = idx.find_all(&toks("the US and China met"));
        assert_eq!(all.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(), [(1, 2), (3, 4)]);
        assert_eq!(idx.name_count(), 5);
    }
}
