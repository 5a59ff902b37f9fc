//! The sentence representation: [`Analysis`] and its parts.
//!
//! An `Analysis` is plain data with public fields, so that other front ends
//! (the PETRARCH adapter, which reads Penn Treebank trees) can build the same
//! structure the shallow [`crate::Analyzer`] builds, and the coder cannot tell
//! the difference. Everything refers to tokens by index (`u32`) and to byte
//! spans of [`Analysis::text`]; pools (`keys`, `lex`, `targets`,
//! `chunk_actors`) keep the per-token and per-chunk lists in a few flat
//! vectors that are cleared and refilled for each sentence, so analysing a
//! sentence allocates nothing once the buffers have grown.

use faultline_dict::NameTarget;
use faultline_text::{Date, Precision};

use crate::money::Money;
use crate::words::{Class, VerbForm};

/// No index (for `u32` index fields).
pub const NONE: u32 = u32::MAX;

/// What the text asserts about a clause (and so about the events in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    /// Stated as fact by the text itself.
    Asserted,
    /// Attributed to a speaker ("officials said", "according to").
    Reported,
    /// Possible or conditional (may, might, could, if, would).
    Hypothetical,
    /// Recommended or required (should, must, ought to, need to).
    Prescriptive,
    /// Announced for the future (will, plans to, is set to).
    Future,
}

impl Modality {
    /// Every modality, in output order.
    pub const ALL: [Modality; 5] =
        [Modality::Asserted, Modality::Reported, Modality::Hypothetical, Modality::Prescriptive, Modality::Future];

    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Hypothetical => "hypothetical",
            Modality::Prescriptive => "prescriptive",
            Modality::Future => "future",
        }
    }

    /// True for the modalities kept by the coder's default output policy
    /// (asserted, reported, future): the text commits to the event having
    /// happened or being announced.
    pub fn is_factual(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Reported | Modality::Future)
    }

    /// How strongly a modality overrides another when scopes nest: an
    /// embedded clause keeps the strongest of its own and its parent's.
    /// Hypothetical and prescriptive outrank reported, which outranks
    /// future: "Russia will cut gas supplies, officials said" is reported
    /// (the text attributes the announcement); "Germany should send weapons,
    /// officials said" is prescriptive.
    pub fn rank(self) -> u8 {
        match self {
            Modality::Asserted => 0,
            Modality::Future => 1,
            Modality::Reported => 2,
            Modality::Hypothetical | Modality::Prescriptive => 3,
        }
    }
}

impl std::str::FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Modality::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("expected one of asserted, reported, hypothetical, prescriptive, future; found `{s}`"))
    }
}

/// One token of the sentence with its word class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the token in [`Analysis::text`].
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// Word class.
    pub class: Class,
    /// Verb form, when a verb (or a verb reading exists).
    pub form: VerbForm,
    /// Span of the normalised key in [`Analysis::keys`].
    pub key: (u32, u32),
    /// Span of the lexicon readings in [`Analysis::lex`].
    pub lex: (u32, u32),
    /// True when the token starts with an upper-case letter.
    pub cap: bool,
    /// The actor mention covering the token, or [`NONE`].
    pub mention: u32,
    /// The noun-phrase chunk containing the token, or [`NONE`].
    pub chunk: u32,
    /// The clause whose region contains the token, or [`NONE`].
    pub clause: u32,
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A name of a country, organisation or group ("China", "NATO").
    Name,
    /// A person's name ("Xi Jinping").
    Person,
    /// A government metonym ("Beijing", "the Kremlin").
    Government,
    /// An adjective or combining form used as a modifier ("Chinese", "Sino-").
    Adjective,
    /// A country/organisation with an agent noun ("Chinese officials",
    /// "China's No. 3 top leader"): coded as the base with the agent's sector.
    Combo,
    /// An adjective with a counterpart noun ("his Chinese counterpart").
    Counterpart,
    /// An agent noun alone ("officials"): a role without a country, which
    /// does not code as an actor.
    Agent,
    /// A part of a hyphenated compound ("Sino-Russian", "Xi-Putin").
    Compound,
    /// A pronoun; its targets are copied from its antecedent when resolved.
    Pronoun,
}

/// An actor mention: a span of tokens with the dictionary readings it can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
    /// How the text names the actor.
    pub kind: MentionKind,
    /// Span of the readings in [`Analysis::targets`] (empty for an
    /// unresolved pronoun or a bare agent).
    pub targets: (u32, u32),
    /// The agent (sector) reading combined with the base, for [`MentionKind::Combo`].
    pub agent: Option<NameTarget>,
    /// True when followed by a possessive `'s` or a possessive pronoun.
    pub possessive: bool,
    /// True for plural forms ("officials", "they").
    pub plural: bool,
    /// For compounds: which part (0, 1, …).
    pub part: u8,
    /// For a resolved pronoun: the mention it was resolved to in this
    /// sentence, or [`NONE`] (previous sentence or unresolved).
    pub antecedent: u32,
    /// For a pronoun: the readings of the runner-up antecedent (another
    /// entity), in [`Analysis::targets`]; empty when there is none.
    pub alt: (u32, u32),
}

impl Mention {
    /// True when the mention can code as an actor (it has readings).
    pub fn is_actor(&self) -> bool {
        self.targets.1 > self.targets.0 && self.kind != MentionKind::Agent
    }
}

/// A noun phrase (possibly a coordination of actor phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// First token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
    /// Head token (the last noun of the first conjunct).
    pub head: u32,
    /// Span in [`Analysis::chunk_actors`] of the head actor mentions: one
    /// per coordinated conjunct ("China and India" → two).
    pub actors: (u32, u32),
    /// The possessor mention ("China's", "its"), or [`NONE`].
    pub possessor: u32,
    /// An actor modifier before the head that is not the head ("Chinese
    /// aid", the first part of "Xi-Putin meeting"), or [`NONE`].
    pub modifier: u32,
    /// The preposition governing the phrase (token index), or [`NONE`].
    pub prep: u32,
}

/// What kind of clause a verb group heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClauseKind {
    /// An independent clause.
    Main,
    /// Introduced by a subordinator ("if", "because", "even as").
    Subordinate,
    /// A relative clause ("which …", "who …", "the plea Blinken made").
    Relative,
    /// A complement of a reporting verb ("said (that) …").
    Complement,
    /// An infinitival complement ("pledged to support", "helped Russia evade").
    Infinitive,
    /// A participial clause (", threatening sanctions").
    Participle,
    /// A verb phrase coordinated with an earlier one, sharing its subject
    /// ("had not helped … or provided …").
    Coordinate,
}

/// One clause: a verb group with its subject, scope and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Kind.
    pub kind: ClauseKind,
    /// First token of the verb group (auxiliaries, modals, negation, `to`).
    pub vg_start: u32,
    /// Head verb token.
    pub verb: u32,
    /// First token of the clause's region (for dates and scope).
    pub start: u32,
    /// One past the last token of the region.
    pub end: u32,
    /// Subject noun phrase (a chunk), or [`NONE`]; for inherited subjects,
    /// the chunk of the controlling clause.
    pub subject: u32,
    /// The clause this one is embedded in (or coordinated with), or [`NONE`].
    pub parent: u32,
    /// Passive voice ("was condemned").
    pub passive: bool,
    /// The "by" agent of a passive (a chunk), or [`NONE`].
    pub agent: u32,
    /// True when the clause is negated (own negation, a negating governor,
    /// or negation shared with a coordinated verb).
    pub negated: bool,
    /// Effective modality (own cues and inherited scope).
    pub modality: Modality,
    /// True when the clause has a tensed verb or a modal.
    pub finite: bool,
    /// True when the clause's verb governs a negated complement (refuse,
    /// decline, fail, avoid): nominal events in its object are negated too.
    pub negates_object: bool,
}

/// A date mention placed in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRef {
    /// The first token of the mention.
    pub token: u32,
    /// One past its last token.
    pub end: u32,
    /// Resolved date (first day of the period).
    pub value: Date,
    /// Its precision.
    pub precision: Precision,
    /// True when the date bounds something rather than dating it ("pre-Feb. 24").
    pub bound: bool,
}

/// The analysis of one sentence (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The sentence's normalised text.
    pub text: String,
    /// Tokens.
    pub words: Vec<Word>,
    /// Normalised keys of all tokens, concatenated.
    pub keys: String,
    /// Lexicon readings of all tokens, concatenated.
    pub lex: Vec<faultline_dict::Analysis>,
    /// Actor mentions, in order.
    pub mentions: Vec<Mention>,
    /// Actor readings of all mentions, concatenated.
    pub targets: Vec<NameTarget>,
    /// Noun phrases, in order.
    pub chunks: Vec<Chunk>,
    /// Head actor mentions of all chunks, concatenated.
    pub chunk_actors: Vec<u32>,
    /// Clauses, in order of their verbs.
    pub clauses: Vec<Clause>,
    /// Dates mentioned.
    pub dates: Vec<DateRef>,
    /// Money amounts mentioned.
    pub money: Vec<Money>,
}

impl Analysis {
    /// Empties the analysis, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.words.clear();
        self.keys.clear();
        self.lex.clear();
        self.mentions.clear();
        self.targets.clear();
        self.chunks.clear();
        self.chunk_actors.clear();
        self.clauses.clear();
        self.dates.clear();
        self.money.clear();
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The normalised key of token `i` ("" out of range).
    #[inline]
    pub fn key(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| &self.keys[w.key.0 as usize..w.key.1 as usize])
    }

    /// The original text of token `i`.
    pub fn word_text(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| self.text.get(w.start as usize..w.end as usize).unwrap_or(""))
    }

    /// The lexicon readings of token `i`.
    #[inline]
    pub fn lex(&self, i: usize) -> &[faultline_dict::Analysis] {
        self.words.get(i).map_or(&[], |w| &self.lex[w.lex.0 as usize..w.lex.1 as usize])
    }

    /// The readings of a mention.
    pub fn mention_targets(&self, m: &Mention) -> &[NameTarget] {
        &self.targets[m.targets.0 as usize..m.targets.1 as usize]
    }

    /// The runner-up readings of a pronoun (see [`Mention::alt`]).
    pub fn mention_alt_targets(&self, m: &Mention) -> &[NameTarget] {
        &self.targets[m.alt.0 as usize..m.alt.1 as usize]
    }

    /// The head actor mentions of a chunk.
    pub fn chunk_actor_ids(&self, c: &Chunk) -> &[u32] {
        &self.chunk_actors[c.actors.0 as usize..c.actors.1 as usize]
    }

    /// The chunk starting exactly at token `i`, if any.
    pub fn chunk_starting_at(&self, i: usize) -> Option<u32> {
        let c = self.words.get(i)?.chunk;
        (c != NONE && self.chunks[c as usize].start as usize == i).then_some(c)
    }

    /// Byte span (in [`Analysis::text`]) of tokens `a..b`.
    pub fn span(&self, a: u32, b: u32) -> (u32, u32) {
        if a >= b || b as usize > self.words.len() {
            return (0, 0);
        }
        (self.words[a as usize].start, self.words[b as usize - 1].end)
    }

    /// The clause whose region contains token `i`, if any.
    pub fn clause_at(&self, i: usize) -> Option<u32> {
        self.words.get(i).map(|w| w.clause).filter(|&c| c != NONE)
    }
}

impl Analysis {
    /// A human-readable dump of the analysis (word classes, mentions,
    /// chunks, clauses), for debugging and the command line.
    pub fn describe(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        for i in 0..self.words.len() {
            let w = self.words[i];
            let _ = write!(s, "{}/{:?}", self.word_text(i), w.class);
            if w.form != VerbForm::None {
                let _ = write!(s, ":{:?}", w.form);
            }
            s.push(' ');
        }
        s.push('\n');
        for (k, m) in self.mentions.iter().enumerate() {
            let (a, b) = self.span(m.start, m.end);
            let _ = writeln!(s, "  mention {k} {:?} `{}` targets={} agent={} poss={}", m.kind, &self.text[a as usize..b as usize], m.targets.1 - m.targets.0, m.agent.is_some(), m.possessive);
        }
        for (k, c) in self.chunks.iter().enumerate() {
            let (a, b) = self.span(c.start, c.end);
            let _ = writeln!(s, "  chunk {k} `{}` actors={:?} poss={} mod={}", &self.text[a as usize..b as usize], self.chunk_actor_ids(c), c.possessor as i64, c.modifier as i64);
        }
        for (k, c) in self.clauses.iter().enumerate() {
            let _ = writeln!(
                s,
                "  clause {k} {:?} verb=`{}` region={}..{} subj={} parent={} passive={} agent={} neg={} {:?} finite={}",
                c.kind,
                self.word_text(c.verb as usize),
                c.start,
                c.end,
                c.subject as i64,
                c.parent as i64,
                c.passive,
                c.agent as i64,
                c.negated,
                c.modality,
                c.finite
            );
        }
        s
    }
}
