//! Faultline's dictionaries: actors (countries, people with dated roles,
//! organisations, groups), agents, verb and noun patterns — readers,
//! compiler and look-ups.
//!
//! # Brief overview
//!
//! * The **reader** ([`reader`]) turns files in the format of
//!   `docs/dictionaries.md` into typed records ([`reader::Record`]),
//!   collecting every error of a file as a [`DictError`]
//!   (`file:line:column: what was expected`).
//! * The **compiler** ([`compile`]) merges records (built-in first, then
//!   `--dict-dir` files, later identities replacing earlier ones), checks
//!   cross-file references (synsets, org ids, sectors, CAMEO codes against
//!   [`faultline_ontology::Ontology::builtin`]), reports duplicates and
//!   conflicts as [`Warning`]s, and builds a [`Dictionaries`]:
//!   * a [`NameIndex`] — a token trie over normalised name keys — for
//!     countries, adjectives, metonyms, people, organisations, groups and
//!     agent nouns;
//!   * a [`Lexicon`] — surface form → (lemma, part of speech) for every
//!     word of every pattern, synset and agent noun, with regular
//!     inflections generated and irregular verbs from `irregular` records
//!     (the built-in table is `dict/verbs/irregular.txt`);
//!   * a [`PatternSet`] — typed [`Pattern`]s indexed by head lemma.
//! * **Look-ups**: [`Dictionaries::lookup`] (a name on a date →
//!   [`ActorRecord`]s), [`Dictionaries::lookup_phrase`] (also "Chinese
//!   officials" → `CHNGOV`), [`Dictionaries::lookup_compound`]
//!   ("Sino-Russian"), and the token-level [`NameIndex::longest_at`] the
//!   coder uses.
//!
//! **Speed.** The coder looks up every token: a token that starts no name
//! costs one hash probe ([`NameIndex::token`]), lemmatisation is one probe
//! ([`Lexicon::analyses`]), and candidate patterns come from the head-lemma
//! index. Compilation reads files on two threads and builds the actor side
//! and the pattern side in parallel; records borrow from the file text, and
//! repeated pattern groups are parsed once (`benches/load.rs` measures it).
//! The built-in files are compiled once, at build time: `build.rs` runs
//! this crate's reader and compiler over them and stores the result in the
//! compact form of [`binary`], which [`Dictionaries::builtin`] (and
//! [`Dictionaries::load`] without user directories) only decodes — a few
//! milliseconds instead of a full compilation; `tests/precompiled.rs`
//! checks that form against a run-time compilation of the text. With user
//! directories, [`Dictionaries::load`] compiles the text (built-in files
//! and then the user's, so user records override built-in ones), skipping
//! the conflict scans (one name for two actors, one pattern under two codes) whose
//! warnings only [`Dictionaries::check`] reports ([`compile::Checks`]); the
//! dictionaries and errors are the same either way.
//!
//! **Normalisation contract.** Text and names match through
//! [`normalize_key`] (one token) and [`phrase_tokens`] (splitting off
//! possessive `'s`). The coder must key its tokens with these same
//! functions — and split `'s` the same way — or names will not match.
//!
//! ```
//! use faultline_dict::{ActorKind, Dictionaries, SourceFile};
//!
//! let text = "country CHN China\n    adjectives: Chinese; Sino-\n    government: Beijing\n\
//!             agent GOV Government\n    nouns: official\n";
//! let file = SourceFile { path: "example.txt".into(), bytes: text.as_bytes().into() };
//! let dicts = Dictionaries::compile(&[vec![file]]).into_result()?;
//! let beijing = dicts.lookup("Beijing", None);
//! assert_eq!(beijing[0].code, "CHNGOV");
//! assert_eq!(beijing[0].kind, ActorKind::Government);
//! assert_eq!(dicts.lookup_phrase("Chinese officials", None)[0].code, "CHNGOV");
//! # Ok::<(), faultline_dict::DictError>(())
//! ```

#![warn(missing_docs)]

pub mod actors;
pub mod binary;
pub mod codes;
pub mod compile;
pub mod error;
pub mod fx;
pub mod morph;
pub mod names;
pub mod norm;
pub mod pattern;
pub mod reader;

mod dicts;

use std::path::{Path, PathBuf};

use faultline_text::Date;

pub use actors::{ActorKind, ActorRecord, Agent, Country, Org, Person, Role};
pub use binary::DecodeError;
pub use codes::{DateRange, Iso3, OrgId, Sector};
pub use compile::{CheckReport, SourceFile};
pub use dicts::Dictionaries;
pub use error::{DictError, Span, Warning};
pub use morph::{Analysis, Form, LemmaId, Lexicon, Pos};
pub use names::{EntityRef, NameIndex, NameKind, NameMatch, NameTarget, NameToken, TokenId};
pub use norm::{
    is_upper_name, is_upper_token, name_key, normalize_key, phrase_tokens, split_possessive,
};
pub use pattern::{
    AltItem, AltItems, Element, Pattern, PatternId, PatternKind, PatternMatch, PatternSet, Synset,
    SynsetId,
};
pub use reader::RoleWhere;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));
}

/// The built-in dictionary files compiled into the binary: (path such as
/// `dict/actors/countries.txt`, contents), sorted by path.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    generated::BUILTIN_FILES
}

/// The built-in dictionaries as compiled by `build.rs` ([`binary`]).
static PRECOMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.fldict"));

/// The encoded built-in dictionaries embedded in the binary (the output of
/// [`binary::encode`] on the compiled built-in files), for tests that check
/// it is current.
pub fn precompiled_bytes() -> &'static [u8] {
    PRECOMPILED
}

/// Counts by kind, for `faultline dict stats`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// `country` records.
    pub countries: usize,
    /// `person` records.
    pub people: usize,
    /// Roles of all people.
    pub roles: usize,
    /// `org` records.
    pub orgs: usize,
    /// `group` records.
    pub groups: usize,
    /// `agent` records.
    pub agents: usize,
    /// Agent nouns (singulars as written; plurals are generated).
    pub agent_nouns: usize,
    /// Distinct names in the name index (including adjectives, metonyms,
    /// agent nouns and their plurals).
    pub names: usize,
    /// `verb:` patterns.
    pub verb_patterns: usize,
    /// `noun:` patterns.
    pub noun_patterns: usize,
    /// Distinct CAMEO codes with at least one pattern.
    pub cameo_codes_covered: usize,
    /// Synsets.
    pub synsets: usize,
    /// Irregular verbs known.
    pub irregular_verbs: usize,
    /// Lemmas in the lexicon.
    pub lemmas: usize,
    /// Surface forms in the lexicon.
    pub surface_forms: usize,
}

impl CheckReport {
    /// The dictionaries when there were no errors, else the first error
    /// (with a count of the others).
    pub fn into_result(self) -> Result<Dictionaries, DictError> {
        match DictError::first_of(self.errors) {
            Some(e) => Err(e),
            None => Ok(self.dictionaries),
        }
    }
}

/// Removes records that repeat an earlier one except for how the name
/// referred to the entity (`NATO` is both the organisation's name and its
/// adjective): the caller wants actors, not name readings. Readings are
/// sorted with `Name` first, so the kept one is the most direct.
fn dedup_records(out: &mut Vec<ActorRecord>) {
    let mut i = 0;
    while i < out.len() {
        let dup = out[..i].iter().any(|r| {
            r.code == out[i].code
                && r.kind == out[i].kind
                && r.valid == out[i].valid
                && r.entity == out[i].entity
                && r.title == out[i].title
                && r.sectors == out[i].sectors
        });
        if dup {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Reads every `*.txt` file below `dir`, recursively, sorted by path.
fn user_files(dir: &Path, errors: &mut Vec<DictError>) -> Vec<SourceFile<'static>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    if let Err(e) = walk(dir, &mut paths) {
        errors.push(DictError {
            path: dir.display().to_string(),
            line: 0,
            column: 0,
            message: format!("expected a readable dictionary directory: {e}"),
        });
        return Vec::new();
    }
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        match std::fs::read(&p) {
            Ok(bytes) => out.push(SourceFile {
                path: p.display().to_string(),
                bytes: bytes.into(),
            }),
            Err(e) => errors.push(DictError {
                path: p.display().to_string(),
                line: 0,
                column: 0,
                message: format!("expected a readable file: {e}"),
            }),
        }
    }
    out
}

impl Dictionaries {
    /// Compiles layers of files (see [`compile::compile`]).
    pub fn compile(layers: &[Vec<SourceFile<'_>>]) -> CheckReport {
        compile::compile(layers)
    }

    /// The built-in dictionaries, decoded from the form `build.rs`
    /// precompiled (a few milliseconds, against ~30 ms to compile the
    /// text); errors in the built-in files fail the build instead.
    pub fn builtin() -> Result<Dictionaries, DictError> {
        binary::decode(PRECOMPILED).map_err(|e| DictError {
            path: "<built-in precompiled dictionaries>".into(),
            line: 0,
            column: u32::try_from(e.offset).unwrap_or(u32::MAX),
            message: e.to_string(),
        })
    }

    /// The built-in dictionaries (when `builtin`) overridden by the files of
    /// each user directory in turn (every `*.txt` below it, recursively,
    /// sorted). Fails with the first error; use [`Dictionaries::check`] for
    /// all errors and warnings.
    pub fn load(builtin: bool, user_dirs: &[PathBuf]) -> Result<Dictionaries, DictError> {
        if builtin && user_dirs.is_empty() {
            return Dictionaries::builtin();
        }
        // The conflict warnings are discarded here, so they are not computed
        // (start-up time); `check` computes them.
        Dictionaries::check_with(builtin, user_dirs, compile::Checks::Errors).into_result()
    }

    /// Like [`Dictionaries::load`], returning every error and warning.
    pub fn check(builtin: bool, user_dirs: &[PathBuf]) -> CheckReport {
        Dictionaries::check_with(builtin, user_dirs, compile::Checks::All)
    }

    /// Like [`Dictionaries::check`] with a choice of [`compile::Checks`]:
    /// [`compile::Checks::Errors`] gives the same dictionaries and errors
    /// without the conflict warnings, faster.
    pub fn check_with(
        builtin: bool,
        user_dirs: &[PathBuf],
        checks: compile::Checks,
    ) -> CheckReport {
        let mut io_errors = Vec::new();
        let mut layers = Vec::new();
        if builtin {
            layers.push(
                builtin_files()
                    .iter()
                    .map(|(p, t)| SourceFile {
                        path: (*p).to_string(),
                        bytes: t.as_bytes().into(),
                    })
                    .collect(),
            );
        } else {
            layers.push(Vec::new());
        }
        for d in user_dirs {
            layers.push(user_files(d, &mut io_errors));
        }
        let mut report = compile::compile_with(&layers, checks);
        io_errors.append(&mut report.errors);
        report.errors = io_errors;
        report
    }

    /// The countries.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }
    /// The people.
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }
    /// Organisations and groups.
    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }
    /// Agents.
    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }
    /// The name index (for token-level matching by the coder).
    pub fn names(&self) -> &NameIndex {
        &self.names
    }
    /// The lexicon (surface form → lemma, part of speech).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
    /// The compiled patterns.
    pub fn patterns(&self) -> &PatternSet {
        &self.patterns
    }

    /// The country with this code.
    pub fn country(&self, iso3: Iso3) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    /// Counts by kind.
    pub fn stats(&self) -> Stats {
        let pats = &self.patterns.patterns;
        let mut codes: Vec<_> = pats.iter().map(|p| p.code).collect();
        codes.sort();
        codes.dedup();
        Stats {
            countries: self.countries.len(),
            people: self.persons.len(),
            roles: self.persons.iter().map(|p| p.roles.len()).sum(),
            orgs: self.orgs.iter().filter(|o| !o.is_group).count(),
            groups: self.orgs.iter().filter(|o| o.is_group).count(),
            agents: self.agents.len(),
            agent_nouns: self.agents.iter().map(|a| a.nouns.len()).sum(),
            names: self.names.name_count(),
            verb_patterns: pats.iter().filter(|p| p.kind == PatternKind::Verb).count(),
            noun_patterns: pats.iter().filter(|p| p.kind == PatternKind::Noun).count(),
            cameo_codes_covered: codes.len(),
            synsets: self.patterns.synsets.len(),
            irregular_verbs: self.lexicon.irregular_count(),
            lemmas: self.lexicon.lemma_count(),
            surface_forms: self.lexicon.surface_count(),
        }
    }

    /// Keys raw tokens for [`NameIndex`] look-ups.
    pub fn name_tokens(&self, raw: &[&str]) -> Vec<NameToken> {
        raw.iter().map(|t| self.names.token(t)).collect()
    }

    /// The actor records of one name reading, valid on `date` (all of them,
    /// each with its range, when `date` is `None`), appended to `out`.
    /// `matched` is the text that matched, copied into each record.
    pub fn records_for(
        &self,
        target: NameTarget,
        matched: &str,
        date: Option<Date>,
        out: &mut Vec<ActorRecord>,
    ) {
        let base = |code: String, kind: ActorKind, entity: &str, valid: DateRange| ActorRecord {
            code,
            kind,
            country: None,
            org: None,
            sectors: Vec::new(),
            valid,
            entity: entity.to_string(),
            name: matched.to_string(),
            via: target.kind,
            title: None,
        };
        let before = out.len();
        match target.entity {
            EntityRef::Country(i) => {
                let c = &self.countries[i as usize];
                let mut r = if target.kind == NameKind::Government {
                    let mut r = base(
                        format!("{}GOV", c.iso3),
                        ActorKind::Government,
                        &c.name,
                        c.valid,
                    );
                    r.sectors.push(Sector::GOV);
                    r
                } else {
                    base(c.iso3.to_string(), ActorKind::Country, &c.name, c.valid)
                };
                r.country = Some(c.iso3);
                out.push(r);
            }
            EntityRef::Org(i) => {
                let o = &self.orgs[i as usize];
                let mut r = base(
                    o.code.clone(),
                    if o.is_group {
                        ActorKind::Group
                    } else {
                        ActorKind::Org
                    },
                    &o.name,
                    o.valid,
                );
                r.org = Some(o.id.clone());
                r.country = o.country;
                out.push(r);
            }
            EntityRef::Person(i) => {
                let p = &self.persons[i as usize];
                for role in &p.roles {
                    let (code, country, org) = match &role.place {
                        RoleWhere::Country(c) => (
                            format!("{c}{}", role.sectors.first().map_or("", |s| s.as_str())),
                            Some(*c),
                            None,
                        ),
                        RoleWhere::Org(id) => match self.orgs.iter().find(|o| &o.id == id) {
                            Some(o) => (o.code.clone(), o.country, Some(id.clone())),
                            None => continue,
                        },
                    };
                    let mut r = base(code, ActorKind::PersonRole, &p.name, role.valid);
                    r.country = country;
                    r.org = org;
                    r.sectors = role.sectors.clone();
                    r.title = (!role.title.is_empty()).then(|| role.title.clone());
                    out.push(r);
                }
            }
            EntityRef::Agent(i) => {
                let a = &self.agents[i as usize];
                let mut r = base(
                    a.code.to_string(),
                    ActorKind::Agent,
                    &a.description,
                    DateRange::ALWAYS,
                );
                r.sectors.push(a.code);
                out.push(r);
            }
        }
        // Drop readings not valid on the date (roles held at other times, states that did not exist).
        let mut k = before;
        while k < out.len() {
            if out[k].valid_on(date) {
                k += 1;
            } else {
                out.remove(k);
            }
        }
    }

    /// The actor records of exactly this name, valid on `date` (all readings
    /// with their ranges when `date` is `None`). The name is split with
    /// [`phrase_tokens`] and keyed with [`normalize_key`]; all-capitals
    /// dictionary names match only all-capitals text. A leading "the" is
    /// ignored when the name with it is unknown.
    pub fn lookup(&self, name: &str, date: Option<Date>) -> Vec<ActorRecord> {
        let raw = phrase_tokens(name);
        let toks = self.name_tokens(&raw);
        let mut out = Vec::new();
        if let Some(m) = self.names.exact(&toks) {
            for t in m.iter() {
                self.records_for(*t, name, date, &mut out);
            }
        }
        if out.is_empty() && toks.len() > 1 && raw[0].eq_ignore_ascii_case("the") {
            if let Some(m) = self.names.exact(&toks[1..]) {
                for t in m.iter() {
                    self.records_for(*t, name, date, &mut out);
                }
            }
        }
        dedup_records(&mut out);
        out
    }

    /// Like [`Dictionaries::lookup`], and when the phrase is not a name,
    /// reads it as an actor (country, adjective, metonym, organisation or
    /// group; optionally with a possessive `'s`) followed by an agent noun
    /// or adjective: "Chinese officials" → `CHNGOV`, "Russia's military" →
    /// `RUSMIL`, "NATO officials" → `IGOWSTNATGOV`.
    pub fn lookup_phrase(&self, phrase: &str, date: Option<Date>) -> Vec<ActorRecord> {
        let direct = self.lookup(phrase, date);
        if !direct.is_empty() {
            return direct;
        }
        let raw = phrase_tokens(phrase);
        let mut toks = self.name_tokens(&raw);
        if raw.len() > 1 && raw[0].eq_ignore_ascii_case("the") {
            toks.remove(0);
        }
        let mut out = Vec::new();
        // Longest actor prefix first.
        for split in (1..toks.len()).rev() {
            let Some(actor) = self.names.exact(&toks[..split]) else {
                continue;
            };
            let mut rest = &toks[split..];
            // A possessive between actor and agent: "Russia's military", "the allies' troops".
            if rest.len() > 1
                && matches!(
                    normalize_key(raw[raw.len() - rest.len()]).as_ref(),
                    "'s" | "'"
                )
            {
                rest = &rest[1..];
            }
            let Some(agent) = self.names.exact(rest) else {
                continue;
            };
            let mut bases = Vec::new();
            for t in actor
                .iter()
                .filter(|t| matches!(t.entity, EntityRef::Country(_) | EntityRef::Org(_)))
            {
                self.records_for(*t, phrase, date, &mut bases);
            }
            for a in agent
                .iter()
                .filter(|t| matches!(t.kind, NameKind::AgentNoun | NameKind::AgentAdjective))
            {
                let EntityRef::Agent(ai) = a.entity else {
                    continue;
                };
                let sector = self.agents[ai as usize].code;
                for b in &bases {
                    let prefix = match (b.kind, b.country) {
                        (ActorKind::Government, Some(c)) => c.to_string(),
                        _ => b.code.clone(),
                    };
                    out.push(ActorRecord {
                        code: format!("{prefix}{sector}"),
                        kind: ActorKind::Agent,
                        sectors: vec![sector],
                        via: a.kind,
                        ..b.clone()
                    });
                }
            }
            if !out.is_empty() {
                break;
            }
        }
        dedup_records(&mut out);
        out
    }

    /// Reads a hyphenated compound token such as "Sino-Russian" or
    /// "US-China": every part must be a combining form, name or adjective
    /// of a country or organisation. Returns the records of each part in
    /// order, or `None` when some part is not an actor.
    pub fn lookup_compound(
        &self,
        token: &str,
        date: Option<Date>,
    ) -> Option<Vec<Vec<ActorRecord>>> {
        let parts: Vec<&str> = token
            .split(['-', '\u{2010}', '\u{2011}', '\u{2013}'])
            .collect();
        if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        let mut out = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let mut recs = Vec::new();
            let try_key = |raw: &str, combining: bool, recs: &mut Vec<ActorRecord>| {
                let tok = [NameToken {
                    id: self.names.token_id(&normalize_key(raw)),
                    upper: is_upper_token(part),
                }];
                if let Some(m) = self.names.exact(&tok) {
                    for t in m.iter() {
                        let wanted = if combining {
                            t.kind == NameKind::CombiningForm
                        } else {
                            matches!(t.kind, NameKind::Name | NameKind::Adjective)
                        };
                        if wanted && matches!(t.entity, EntityRef::Country(_) | EntityRef::Org(_)) {
                            self.records_for(*t, part, date, recs);
                        }
                    }
                }
            };
            if i + 1 < parts.len() {
                try_key(&format!("{part}-"), true, &mut recs);
            }
            if recs.is_empty() {
                try_key(part, false, &mut recs);
            }
            if recs.is_empty() {
                return None;
            }
            out.push(recs);
        }
        Some(out)
    }

    /// Everything a phrase can refer to, for the `lookup` command: the
    /// readings of [`Dictionaries::lookup_phrase`], or when there are none
    /// and the phrase is one hyphenated word, the readings of each part of
    /// the compound ([`Dictionaries::lookup_compound`]) in order.
    pub fn lookup_any(&self, phrase: &str, date: Option<Date>) -> Vec<ActorRecord> {
        let out = self.lookup_phrase(phrase, date);
        if out.is_empty() && !phrase.trim().contains(char::is_whitespace) {
            if let Some(parts) = self.lookup_compound(phrase.trim(), date) {
                return parts.into_iter().flatten().collect();
            }
        }
        out
    }

    /// Reference pattern matcher over plain tokens (see
    /// [`PatternSet::matches_in`]): `+` marks the target, `$` the source.
    pub fn match_patterns(&self, tokens: &[&str]) -> Vec<(PatternMatch, &Pattern)> {
        self.patterns
            .matches_in(&self.lexicon, tokens)
            .into_iter()
            .map(|m| (m, self.patterns.get(m.pattern)))
            .collect()
    }
}
