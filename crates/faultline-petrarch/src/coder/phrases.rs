//! Dictionary phrases compiled for look-up: actor names and agent phrases in a flat
//! [`PhraseIndex`], the per-sentence [`Words`] with their hashes, and the small hash and
//! prefix filters the hot paths use.

use super::*;

/// Dictionary look-up tables keyed by upper-case words, with a fast hash.
pub(super) type FxMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<Fx>>;

/// An actor name's payload: its codes, a range of
/// [`PetrarchCoder::actor_codes`] shared by all the actor's names (the
/// code texts are spans of the actor index's `text`).
#[derive(Debug, Clone, Copy)]
pub(super) struct ActorEntry {
    pub(super) codes: (u32, u32),
}

/// An agent phrase's payload: its code (a span of the agent index's
/// `text`) and where it goes.
#[derive(Debug, Clone, Copy)]
pub(super) struct AgentEntry {
    pub(super) code: (u32, u32),
    pub(super) placement: CodePlacement,
}

/// One phrase of a [`PhraseIndex`]: its words (a range of
/// [`PhraseIndex::words`]) and its payload.
#[derive(Debug, Clone, Copy)]
pub(super) struct PhraseEntry<E> {
    pub(super) words: (u32, u32),
    /// Gaps that may hold other words (bit `i`: between words `i` and
    /// `i + 1`); 0 for an ordinary phrase.
    pub(super) spaced: u64,
    pub(super) payload: E,
}

/// Dictionary phrases (actor names, agent phrases), stored flat and
/// indexed by their first word and, when longer, by their first two: a
/// frequent first word (`INTERNATIONAL`, `JOSE`) has hundreds of names,
/// and comparing each against the sentence dominated the profile. Phrases
/// match as whole words, so a longer name can only match when its second
/// word does.
///
/// Flat storage (one text buffer, one span list, one entry list) rather
/// than a `Vec<String>` per phrase: the Phoenix actor files have 35,618
/// names, and allocating (and later freeing) their words one by one was
/// most of the compile time.
#[derive(Debug, Clone)]
pub(super) struct PhraseIndex<E> {
    /// Every phrase word, upper-cased, concatenated.
    pub(super) text: String,
    /// Byte span of each word in `text`.
    pub(super) words: Vec<(u32, u32)>,
    /// Phrases in insertion (dictionary) order.
    pub(super) entries: Vec<PhraseEntry<E>>,
    /// Entry indices grouped by key: each key's list is a range of this.
    pub(super) order: Vec<u32>,
    /// One-word phrases by the hash of their word ([`word_hash`]; a
    /// collision is resolved by comparing the word), in dictionary order
    /// (the first wins).
    pub(super) single: HashMap<u64, (u32, u32), std::hash::BuildHasherDefault<Fx>>,
    /// Longer phrases by the key of their first two words ([`pair_key`];
    /// a collision only costs a comparison, every word is checked),
    /// longest first, dictionary order among equals.
    pub(super) pairs: HashMap<u64, (u32, u32), std::hash::BuildHasherDefault<Fx>>,
}

impl<E> Default for PhraseIndex<E> {
    fn default() -> Self {
        PhraseIndex {
            text: String::new(),
            words: Vec::new(),
            entries: Vec::new(),
            order: Vec::new(),
            single: HashMap::default(),
            pairs: HashMap::default(),
        }
    }
}

/// The hash of one word, computed once per sentence word (see
/// [`Words`]) and once per dictionary word.
pub(super) fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = Fx::default();
    h.write(w.as_bytes());
    h.write_u8(0xff); // `AB` + `C` and `A` + `BC` hash apart in pairs
    h.finish()
}

/// The key of a phrase's first two words, from their word hashes.
pub(super) fn pair_key(a: u64, b: u64) -> u64 {
    (a.rotate_left(21) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A run of a sentence's upper-cased words with their hashes (computed
/// once per sentence: a word is looked up in the actor and agent indexes
/// many times, once for every noun phrase that holds it).
#[derive(Clone, Copy)]
pub(super) struct Words<'w> {
    pub(super) w: &'w [&'w str],
    pub(super) h: &'w [u64],
}

impl<'w> Words<'w> {
    pub(super) fn len(&self) -> usize {
        self.w.len()
    }

    pub(super) fn slice(&self, a: usize, b: usize) -> Words<'w> {
        Words {
            w: &self.w[a..b],
            h: &self.h[a..b],
        }
    }
}

/// Appends `w` upper-cased (see [`upper`]).
pub(super) fn push_upper(out: &mut String, w: &str) {
    if w.is_ascii() {
        let from = out.len();
        out.push_str(w);
        out[from..].make_ascii_uppercase();
    } else {
        out.extend(w.chars().flat_map(char::to_uppercase));
    }
}

impl<E> PhraseIndex<E> {
    /// Adds a phrase (empty ones are ignored); call [`PhraseIndex::finish`]
    /// once after all insertions.
    pub(super) fn insert<'x>(&mut self, words: impl IntoIterator<Item = &'x str>, payload: E) {
        self.insert_spaced(words, 0, payload)
    }

    /// [`PhraseIndex::insert`] for a phrase whose gaps marked in `spaced`
    /// (see [`crate::ActorName::spaced`]) may hold other words.
    pub(super) fn insert_spaced<'x>(
        &mut self,
        words: impl IntoIterator<Item = &'x str>,
        spaced: u64,
        payload: E,
    ) {
        let w0 = self.words.len() as u32;
        for w in words {
            let a = self.text.len() as u32;
            push_upper(&mut self.text, w);
            self.words.push((a, self.text.len() as u32));
        }
        let w1 = self.words.len() as u32;
        if w1 > w0 {
            self.entries.push(PhraseEntry {
                words: (w0, w1),
                spaced,
                payload,
            });
        }
    }

    /// Stores a text (a code) upper-cased beside the words; its span.
    pub(super) fn push_text(&mut self, t: &str) -> (u32, u32) {
        let a = self.text.len() as u32;
        push_upper(&mut self.text, t);
        (a, self.text.len() as u32)
    }

    /// A span of `text`.
    pub(super) fn text_at(&self, (a, b): (u32, u32)) -> &str {
        &self.text[a as usize..b as usize]
    }

    pub(super) fn word(&self, k: u32) -> &str {
        let (a, b) = self.words[k as usize];
        &self.text[a as usize..b as usize]
    }

    /// Builds the look-up maps: one sort of all entries by key, then each
    /// key's run is a range of `order`.
    pub(super) fn finish(&mut self) {
        // (is a pair, key, longest first, dictionary order)
        let mut keyed: Vec<(bool, u64, std::cmp::Reverse<u32>, u32)> = self
            .entries
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let (a, b) = e.words;
                let h0 = word_hash(self.word(a));
                if b - a == 1 || e.spaced & 1 != 0 {
                    // One word, or a first word that may stand apart from
                    // the second: found by the first word alone.
                    (false, h0, std::cmp::Reverse(b - a), k as u32)
                } else {
                    let key = pair_key(h0, word_hash(self.word(a + 1)));
                    (true, key, std::cmp::Reverse(b - a), k as u32)
                }
            })
            .collect();
        keyed.sort_unstable();
        self.order = keyed.iter().map(|k| k.3).collect();
        self.single.clear();
        self.pairs.clear();
        let mut i = 0;
        while i < keyed.len() {
            let (pair, key) = (keyed[i].0, keyed[i].1);
            let mut j = i + 1;
            while j < keyed.len() && keyed[j].0 == pair && keyed[j].1 == key {
                j += 1;
            }
            let map = if pair { &mut self.pairs } else { &mut self.single };
            map.insert(key, (i as u32, j as u32));
            i = j;
        }
    }

    /// The entries of an `order` range.
    pub(super) fn list(&self, (a, b): (u32, u32)) -> impl Iterator<Item = &PhraseEntry<E>> {
        self.order[a as usize..b as usize]
            .iter()
            .map(|&k| &self.entries[k as usize])
    }

    /// The longest phrase matching `words` at `i`, with its length.
    pub(super) fn find(&self, words: Words<'_>, i: usize) -> Option<(&E, usize)> {
        if let Some(&next) = words.h.get(i + 1) {
            if let Some(&range) = self.pairs.get(&pair_key(words.h[i], next)) {
                for e in self.list(range) {
                    if let Some(n) = self.match_at(e, words, i) {
                        return Some((&e.payload, n));
                    }
                }
            }
        }
        let &range = self.single.get(&words.h[i])?;
        self.list(range)
            .find_map(|e| self.match_at(e, words, i).map(|n| (&e.payload, n)))
    }

    /// How many words of `words` from `i` phrase `e` spans when it matches
    /// there: its words in order, adjacent except across a spaced gap,
    /// where the next word is the first later occurrence.
    fn match_at(&self, e: &PhraseEntry<E>, words: Words<'_>, i: usize) -> Option<usize> {
        let (a, b) = e.words;
        if e.spaced == 0 {
            let n = (b - a) as usize;
            let hit = i + n <= words.len()
                && (a..b).zip(&words.w[i..]).all(|(k, w)| self.word(k) == *w);
            return hit.then_some(n);
        }
        if words.w.get(i) != Some(&self.word(a)) {
            return None;
        }
        let mut at = i;
        for (gap, k) in (a + 1..b).enumerate() {
            let w = self.word(k);
            at = if gap < 64 && e.spaced & (1 << gap) != 0 {
                at + 1 + words.w.get(at + 1..)?.iter().position(|x| *x == w)?
            } else {
                (words.w.get(at + 1) == Some(&w)).then_some(at + 1)?
            };
        }
        Some(at + 1 - i)
    }

    /// Phrases indexed.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Upper-cases a dictionary word. Nearly all are ASCII, and the general
/// Unicode mapping was a fifth of compile time.
pub(super) fn upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.to_uppercase()
    }
}

/// A cheap pre-filter for "is some prefix of this word in the set": the
/// set's first two bytes (or first byte, for one-byte members) and its
/// byte lengths. `may_prefix` false means no member is a prefix of the
/// word; true means look the prefixes up.
#[derive(Debug, Clone)]
pub(super) struct PrefixFilter {
    /// Bit `256 * b0 + b1` for a member starting with bytes b0 b1; bit
    /// `256 * b0` (b1 = 0, which no word holds) for a one-byte member.
    pub(super) first_two: Vec<u64>,
    /// Bit `n` for a member of `n` bytes (bit 63: 63 bytes or more).
    pub(super) lengths: u64,
}

impl Default for PrefixFilter {
    fn default() -> Self {
        PrefixFilter {
            first_two: vec![0; 65536 / 64],
            lengths: 0,
        }
    }
}

impl PrefixFilter {
    pub(super) fn key(b: &[u8]) -> usize {
        256 * usize::from(b[0]) + b.get(1).map_or(0, |&x| usize::from(x))
    }

    pub(super) fn insert(&mut self, member: &str) {
        let b = member.as_bytes();
        if b.is_empty() {
            return;
        }
        let k = Self::key(b);
        self.first_two[k / 64] |= 1 << (k % 64);
        self.lengths |= 1 << b.len().min(63);
    }

    pub(super) fn may_prefix(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.is_empty() {
            return false;
        }
        let one = 256 * usize::from(b[0]);
        let two = Self::key(b);
        let bit = |k: usize| self.first_two[k / 64] & (1 << (k % 64)) != 0;
        bit(one) || (b.len() > 1 && bit(two))
    }

    pub(super) fn has_len(&self, n: usize) -> bool {
        self.lengths & (1 << n.min(63)) != 0
    }
}

/// FxHash (rustc's hasher): multiply-rotate over 8-byte chunks. The keys
/// are dictionary words; no adversary can make them collide usefully, and
/// SipHash dominated the profile.
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(pub(super) u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
