//! The compiler: merges the records of every file (built-in first, then
//! user files, applying overrides), checks cross-file references, and
//! builds the name index, lexicon and pattern set.

use faultline_ontology::{CameoCode, Ontology};

use crate::actors::{Agent, Country, Org, Person, Role};
use crate::codes::{DateRange, Sector, KNOWN_SECTORS};
use crate::error::{DictError, Span, Warning};
use crate::fx::{FxHashMap, FxHashSet};
use crate::morph::Lexicon;
use crate::names::{EntityRef, NameIndexBuilder, NameKind, NameTarget};
use crate::norm::{is_upper_name, normalize_key};
use crate::pattern::{
    parse_member, parse_pattern_cached, GroupCache, Pattern, PatternKind, PatternSet, Synset,
    SynsetId,
};
use crate::reader::{
    self, CountryRec, IrregularRec, OrgRec, PersonRec, Record, RoleWhere, Spanned, SynsetRec,
};
use crate::Dictionaries;

/// A dictionary file to compile: a display path and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    /// Path used in errors (`dict/actors/countries.txt`, or the user's path).
    pub path: String,
    /// The file's bytes (UTF-8 is checked by the reader).
    pub bytes: std::borrow::Cow<'a, [u8]>,
}

/// Everything `faultline dict check` reports: all errors, all warnings, and
/// the dictionaries compiled from the records that were valid.
#[derive(Debug)]
pub struct CheckReport {
    /// Every error, in file order.
    pub errors: Vec<DictError>,
    /// Duplicates, conflicts and redefinitions.
    pub warnings: Vec<Warning>,
    /// The compiled dictionaries (from the valid records, even with errors).
    pub dictionaries: Dictionaries,
}

/// Where a merged record came from.
#[derive(Debug, Clone, Copy)]
struct Origin<'a> {
    path: &'a str,
    span: Span,
    layer: usize,
}

/// Records keyed by identity; a later record with the same identity
/// replaces an earlier one in place (keeping file order stable).
struct Merged<'a, K, T> {
    items: Vec<(T, Origin<'a>)>,
    index: FxHashMap<K, usize>,
}

impl<'a, K: std::hash::Hash + Eq + std::fmt::Display, T> Merged<'a, K, T> {
    fn new() -> Self {
        Merged {
            items: Vec::new(),
            index: FxHashMap::default(),
        }
    }

    fn put(&mut self, id: K, what: &str, item: T, origin: Origin<'a>, warnings: &mut Vec<Warning>) {
        match self.index.get(&id) {
            Some(&i) => {
                let old = &self.items[i].1;
                if old.layer == origin.layer {
                    warnings.push(Warning::new(
                        origin.path,
                        origin.span,
                        format!(
                            "duplicate {what} `{id}`: replaces the one at {}:{}",
                            old.path, old.span.line
                        ),
                    ));
                }
                self.items[i] = (item, origin);
            }
            None => {
                self.index.insert(id, self.items.len());
                self.items.push((item, origin));
            }
        }
    }
}

/// Pattern text compared by its (ASCII) whitespace-separated tokens, as
/// the pattern parser splits it, so "impose  embargo" and "impose embargo"
/// are one identity without building a normalised copy of every pattern.
/// The hash is computed once: maps rehash keys as they grow.
#[derive(Debug, Clone, Copy)]
struct NormText<'a> {
    text: &'a str,
    hash: u64,
}

impl<'a> NormText<'a> {
    fn new(text: &'a str) -> Self {
        use std::hash::Hasher;
        let mut h = crate::fx::FxHasher::default();
        for w in text.split_ascii_whitespace() {
            h.write(w.as_bytes());
            h.write_u8(0xff);
        }
        NormText {
            text,
            hash: h.finish(),
        }
    }
}

impl PartialEq for NormText<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
            && self
                .text
                .split_ascii_whitespace()
                .eq(other.text.split_ascii_whitespace())
    }
}
impl Eq for NormText<'_> {}
impl std::hash::Hash for NormText<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u64(self.hash);
    }
}
impl std::fmt::Display for NormText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, w) in self.text.split_ascii_whitespace().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(w)?;
        }
        Ok(())
    }
}

/// Identity of a pattern: its code, kind and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PatternKey<'a>(CameoCode, PatternKind, NormText<'a>);

impl std::fmt::Display for PatternKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kw = if self.1 == PatternKind::Verb {
            "verb"
        } else {
            "noun"
        };
        write!(f, "{} {kw}: {}", self.0, self.2)
    }
}

struct PatternRec<'a> {
    norm: NormText<'a>,
    code: CameoCode,
    code_span: Span,
    kind: PatternKind,
    text: &'a str,
    span: Span,
}

/// How much checking a compilation does beyond what the dictionaries need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Everything `faultline dict check` reports: errors, duplicates, and
    /// the conflict warnings (one name for two actors at overlapping
    /// dates, one pattern under two codes).
    All,
    /// Errors and duplicate records only: the conflict scans produce
    /// warnings that a loading program discards, so start-up skips them.
    Errors,
}

/// Compiles layers of files: layer 0 is the built-in dictionaries, later
/// layers are user directories, each overriding the ones before. Reports
/// everything (see [`compile_with`]).
pub fn compile(layers: &[Vec<SourceFile<'_>>]) -> CheckReport {
    compile_with(layers, Checks::All)
}

/// [`compile`] with a choice of [`Checks`]: the dictionaries and the errors
/// are the same either way; only conflict warnings depend on it.
pub fn compile_with(layers: &[Vec<SourceFile<'_>>], checks: Checks) -> CheckReport {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut countries: Merged<'_, crate::Iso3, CountryRec<'_>> = Merged::new();
    let mut persons: Merged<'_, &str, PersonRec<'_>> = Merged::new();
    let mut orgs: Merged<'_, crate::OrgId, OrgRec<'_>> = Merged::new();
    let mut agents: Merged<'_, Sector, reader::AgentRec<'_>> = Merged::new();
    let mut patterns: Merged<'_, PatternKey<'_>, PatternRec<'_>> = Merged::new();
    let mut synsets: Merged<'_, &str, SynsetRec<'_>> = Merged::new();
    let mut irregulars: Merged<'_, &str, IrregularRec<'_>> = Merged::new();
    let mut unnames: Vec<(&str, Origin<'_>)> = Vec::new();

    // Reading is independent per file: the files are split between this
    // thread and one helper (start-up time matters; the machine may have
    // only two cores), then merged in the original order.
    let all: Vec<(usize, &SourceFile<'_>)> = layers
        .iter()
        .enumerate()
        .flat_map(|(l, fs)| fs.iter().map(move |f| (l, f)))
        .collect();
    let half = all.len() / 2;
    fn read_all<'a>(files: &[(usize, &'a SourceFile<'_>)]) -> Vec<reader::FileRecords<'a>> {
        files
            .iter()
            .map(|(_, f)| reader::read_bytes(&f.path, &f.bytes))
            .collect()
    }
    let reads: Vec<reader::FileRecords<'_>> = std::thread::scope(|scope| {
        // If no thread can be started, read everything here instead.
        let second = std::thread::Builder::new()
            .spawn_scoped(scope, || read_all(&all[half..]))
            .ok();
        let mut first = read_all(&all[..half]);
        match second {
            Some(h) => first.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
            None => first.extend(read_all(&all[half..])),
        }
        first
    });
    for ((layer, f), read) in all.iter().zip(reads) {
        let (layer, f) = (*layer, *f);
        errors.extend(read.errors);
        for loc in read.records {
            let origin = Origin {
                path: &f.path,
                span: loc.span,
                layer,
            };
            match loc.record {
                Record::Country(c) => countries.put(c.iso3, "country", c, origin, &mut warnings),
                Record::Person(p) => persons.put(p.name.value, "person", p, origin, &mut warnings),
                Record::Org(o) => orgs.put(
                    o.id.clone(),
                    if o.is_group { "group" } else { "org" },
                    o,
                    origin,
                    &mut warnings,
                ),
                Record::Agent(a) => agents.put(a.code, "agent", a, origin, &mut warnings),
                Record::Event(e) => {
                    for (kind, text) in e.patterns {
                        let norm = NormText::new(text.value);
                        let id = PatternKey(e.code.value, kind, norm);
                        let o = Origin {
                            path: &f.path,
                            span: text.span,
                            layer,
                        };
                        let rec = PatternRec {
                            norm,
                            code: e.code.value,
                            code_span: e.code.span,
                            kind,
                            text: text.value,
                            span: text.span,
                        };
                        patterns.put(id, "pattern", rec, o, &mut warnings);
                    }
                }
                Record::Synset(s) => synsets.put(s.name.value, "synset", s, origin, &mut warnings),
                Record::Irregular(i) => {
                    irregulars.put(i.lemma.value, "irregular verb", i, origin, &mut warnings)
                }
                Record::Drop(d) => {
                    for u in d.unnames {
                        unnames.push((
                            u.value,
                            Origin {
                                path: &f.path,
                                span: u.span,
                                layer,
                            },
                        ));
                    }
                }
            }
        }
    }

    // Actors and patterns share nothing until the end (agent nouns go into
    // the lexicon afterwards), so they compile on two threads.
    let (actors, pats) = std::thread::scope(|scope| {
        let pats = std::thread::Builder::new()
            .spawn_scoped(scope, || {
                compile_patterns(&irregulars, &synsets, &patterns, checks)
            })
            .ok();
        let actors = compile_actors(&countries, &persons, &orgs, &agents, &unnames, checks);
        let pats = match pats {
            Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            // No thread available: compile the patterns here.
            None => compile_patterns(&irregulars, &synsets, &patterns, checks),
        };
        (actors, pats)
    });
    let ActorsOut {
        countries: out_countries,
        persons: out_persons,
        orgs: out_orgs,
        agents: out_agents,
        names: name_index,
        agent_nouns,
        errors: mut actor_errors,
        warnings: mut actor_warnings,
    } = actors;
    let PatternsOut {
        mut lexicon,
        patterns: pattern_set,
        errors: mut pattern_errors,
        warnings: mut pattern_warnings,
    } = pats;
    for (noun, plural) in &agent_nouns {
        lexicon.add_noun(noun, Some(plural));
    }
    errors.append(&mut actor_errors);
    errors.append(&mut pattern_errors);
    warnings.append(&mut actor_warnings);
    warnings.append(&mut pattern_warnings);

    CheckReport {
        errors,
        warnings,
        dictionaries: Dictionaries {
            countries: out_countries,
            persons: out_persons,
            orgs: out_orgs,
            agents: out_agents,
            names: name_index,
            lexicon,
            patterns: pattern_set,
        },
    }
}

/// What [`compile_actors`] builds.
struct ActorsOut {
    countries: Vec<Country>,
    persons: Vec<Person>,
    orgs: Vec<Org>,
    agents: Vec<Agent>,
    names: crate::names::NameIndex,
    /// (noun, plural) of each agent noun's head word, for the lexicon.
    agent_nouns: Vec<(String, String)>,
    errors: Vec<DictError>,
    warnings: Vec<Warning>,
}

/// Countries, people, organisations, groups and agents: their records, the
/// name index, cross-references and name conflicts.
fn compile_actors<'a>(
    countries: &Merged<'a, crate::Iso3, CountryRec<'a>>,
    persons: &Merged<'a, &'a str, PersonRec<'a>>,
    orgs: &Merged<'a, crate::OrgId, OrgRec<'a>>,
    agents: &Merged<'a, Sector, reader::AgentRec<'a>>,
    unnames: &[(&'a str, Origin<'a>)],
    checks: Checks,
) -> ActorsOut {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let err = |errors: &mut Vec<DictError>, o: &Origin<'_>, span: Span, msg: String| {
        errors.push(DictError::new(o.path, span, msg))
    };
    // Agents.
    let mut out_agents = Vec::new();
    let mut agent_nouns: Vec<(String, String)> = Vec::new();
    let mut sector_set: FxHashSet<Sector> = KNOWN_SECTORS
        .iter()
        .filter_map(|s| Sector::parse(s))
        .collect();
    let mut names = NameSink::new(checks == Checks::All);
    for (a, o) in &agents.items {
        sector_set.insert(a.code);
        let idx = out_agents.len() as u32;
        let mut nouns = Vec::new();
        for n in &a.nouns {
            let sing = n.value.singular;
            let plur = n
                .value
                .plural
                .map_or_else(|| crate::morph::plural(sing), str::to_string);
            // The lexicon gets the head (last) word, which is what inflects.
            let last = sing.rsplit(' ').next().unwrap_or(sing);
            let last_pl = plur.rsplit(' ').next().unwrap_or(&plur);
            agent_nouns.push((
                normalize_key(last).into_owned(),
                normalize_key(last_pl).into_owned(),
            ));
            for form in [sing, plur.as_str()] {
                names.add(
                    form,
                    n.value.singular,
                    EntityRef::Agent(idx),
                    NameKind::AgentNoun,
                    o.path,
                    n.span,
                );
            }
            nouns.push((sing.to_string(), plur));
        }
        names.add_each(
            &a.adjectives,
            EntityRef::Agent(idx),
            NameKind::AgentAdjective,
            o.path,
        );
        out_agents.push(Agent {
            code: a.code,
            description: a.description.to_string(),
            nouns,
            adjectives: a.adjectives.iter().map(|s| s.value.to_string()).collect(),
        });
    }

    // Countries.
    let mut out_countries = Vec::new();
    for (c, o) in &countries.items {
        let idx = out_countries.len() as u32;
        let e = EntityRef::Country(idx);
        names.add_named(&c.name, &c.names, e, o.path);
        for n in &c.adjectives {
            let kind = if n.value.ends_with('-') && !n.value.contains(' ') {
                NameKind::CombiningForm
            } else {
                NameKind::Adjective
            };
            names.add(n.value, n.value, e, kind, o.path, n.span);
        }
        names.add_each(&c.government, e, NameKind::Government, o.path);
        out_countries.push(Country {
            iso3: c.iso3,
            name: c.name.value.to_string(),
            status: c.status.unwrap_or(crate::reader::CountryStatus::Member),
            valid: c.valid,
        });
    }
    let country_set: FxHashSet<_> = out_countries.iter().map(|c| c.iso3).collect();

    // Organisations and groups.
    let mut out_orgs = Vec::new();
    let org_ids: FxHashSet<_> = orgs.items.iter().map(|(o, _)| o.id.clone()).collect();
    for (r, o) in &orgs.items {
        let idx = out_orgs.len() as u32;
        let e = EntityRef::Org(idx);
        names.add_named(&r.name, &r.names, e, o.path);
        names.add_each(&r.adjectives, e, NameKind::Adjective, o.path);
        if let Some(p) = &r.parent {
            if !org_ids.contains(&p.value) {
                err(
                    &mut errors,
                    o,
                    p.span,
                    format!(
                        "expected the id of an `org` or `group` record after `parent:`, found `{}`",
                        p.value
                    ),
                );
            }
        }
        for m in &r.members {
            if !country_set.contains(&m.value) {
                warnings.push(Warning::new(
                    o.path,
                    m.span,
                    format!("member `{}` of `{}` has no `country` record", m.value, r.id),
                ));
            }
        }
        if let Some(c) = &r.country {
            if !country_set.contains(&c.value) {
                err(
                    &mut errors,
                    o,
                    c.span,
                    format!(
                        "expected the ISO3 code of a `country` record after `country:`, found `{}`",
                        c.value
                    ),
                );
            }
        }
        out_orgs.push(Org {
            is_group: r.is_group,
            id: r.id.clone(),
            code: r.code.to_string(),
            name: r.name.value.to_string(),
            org_type: r.org_type.map(str::to_string),
            parent: r.parent.as_ref().map(|p| p.value.clone()),
            members: r.members.iter().map(|m| m.value).collect(),
            valid: r.valid,
            country: r.country.as_ref().map(|c| c.value),
        });
    }

    // People.
    let mut out_persons = Vec::new();
    for (p, o) in &persons.items {
        let idx = out_persons.len() as u32;
        let e = EntityRef::Person(idx);
        names.add_named(&p.name, &p.names, e, o.path);
        let mut roles = Vec::new();
        for r in &p.roles {
            let mut ok = true;
            match &r.place {
                RoleWhere::Country(c) if !country_set.contains(c) => {
                    err(
                        &mut errors,
                        o,
                        r.span,
                        format!(
                            "expected WHERE to be the ISO3 code of a `country` record, found `{c}`"
                        ),
                    );
                    ok = false;
                }
                RoleWhere::Org(id) if !org_ids.contains(id) => {
                    err(&mut errors, o, r.span, format!("expected `org:ID` to name an `org` or `group` record, found `org:{id}`"));
                    ok = false;
                }
                _ => {}
            }
            for s in &r.sectors {
                if !sector_set.contains(s) {
                    err(&mut errors, o, r.sectors_span, format!("expected a sector code defined by an `agent` record (or a standard CAMEO agent code), found `{s}`"));
                    ok = false;
                }
            }
            if ok {
                roles.push(Role {
                    place: r.place.clone(),
                    sectors: r.sectors.clone(),
                    valid: r.valid,
                    title: r.title.to_string(),
                });
            }
        }
        if p.roles.is_empty() {
            warnings.push(Warning::new(
                o.path,
                o.span,
                format!(
                    "person `{}` has no `role:` lines, so no look-up returns them",
                    p.name.value
                ),
            ));
        }
        out_persons.push(Person {
            name: p.name.value.to_string(),
            roles,
        });
    }

    // Dropped names: clear every reading at the name's node(s).
    for (u, o) in unnames {
        let mut removed = 0;
        if let Some(nodes) = names.builder.find(u) {
            for node in std::iter::once(nodes.full).chain(nodes.without_the) {
                removed += names.builder.clear(node);
                names.side.retain(|n| n.node != node);
            }
        }
        if removed == 0 {
            warnings.push(Warning::new(
                o.path,
                o.span,
                format!("`unname: {u}` removes no name"),
            ));
        }
    }

    // Name conflicts: the same key for different actors valid at overlapping times.
    let entity_ranges = |e: EntityRef| -> Vec<DateRange> {
        match e {
            EntityRef::Country(i) => vec![out_countries[i as usize].valid],
            EntityRef::Org(i) => vec![out_orgs[i as usize].valid],
            EntityRef::Person(i) => out_persons[i as usize].ranges(),
            EntityRef::Agent(_) => vec![DateRange::ALWAYS],
        }
    };
    let entity_name = |e: EntityRef| -> String {
        match e {
            EntityRef::Country(i) => format!("country {}", out_countries[i as usize].iso3),
            EntityRef::Org(i) => format!(
                "{} {}",
                if out_orgs[i as usize].is_group {
                    "group"
                } else {
                    "org"
                },
                out_orgs[i as usize].id
            ),
            EntityRef::Person(i) => format!("person {}", out_persons[i as usize].name),
            EntityRef::Agent(i) => format!("agent {}", out_agents[i as usize].code),
        }
    };
    // Readings are grouped by trie node (= same key) and case rule.
    let NameSink {
        builder: names,
        mut side,
        ..
    } = names;
    side.sort_by_key(|n| (n.node, n.upper));
    for group in side.chunk_by(|a, b| (a.node, a.upper) == (b.node, b.upper)) {
        if group.len() < 2 {
            continue;
        }
        let mut seen: Vec<EntityRef> = Vec::new();
        for n in group {
            let e = n.entity;
            if seen.contains(&e) {
                continue;
            }
            let is_agent = matches!(e, EntityRef::Agent(_));
            let ranges = entity_ranges(e);
            for &prev in &seen {
                // Agents combine with actors by design; only agent-vs-agent clashes matter there.
                if is_agent != matches!(prev, EntityRef::Agent(_)) {
                    continue;
                }
                let prev_ranges = entity_ranges(prev);
                if ranges
                    .iter()
                    .any(|a| prev_ranges.iter().any(|b| a.overlaps(b)))
                {
                    warnings.push(Warning::new(
                        n.path,
                        n.span,
                        format!(
                            "name `{}` of {} also names {} at overlapping dates",
                            n.shown,
                            entity_name(e),
                            entity_name(prev)
                        ),
                    ));
                }
            }
            seen.push(e);
        }
    }
    let name_index = names.finish();

    ActorsOut {
        countries: out_countries,
        persons: out_persons,
        orgs: out_orgs,
        agents: out_agents,
        names: name_index,
        agent_nouns,
        errors,
        warnings,
    }
}

/// What [`compile_patterns`] builds.
struct PatternsOut {
    lexicon: Lexicon,
    patterns: PatternSet,
    errors: Vec<DictError>,
    warnings: Vec<Warning>,
}

/// The irregular-verb table, synsets and patterns: the lexicon and the
/// pattern set.
fn compile_patterns<'a>(
    irregulars: &Merged<'a, &'a str, IrregularRec<'a>>,
    synsets: &Merged<'a, &'a str, SynsetRec<'a>>,
    patterns: &Merged<'a, PatternKey<'a>, PatternRec<'a>>,
    checks: Checks,
) -> PatternsOut {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let err = |errors: &mut Vec<DictError>, o: &Origin<'_>, span: Span, msg: String| {
        errors.push(DictError::new(o.path, span, msg))
    };
    // Lexicon with the irregular table.
    let mut irr: FxHashMap<Box<str>, Vec<Box<str>>> = FxHashMap::default();
    for (i, o) in &irregulars.items {
        let lemma = normalize_key(i.lemma.value);
        if !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
            err(
                &mut errors,
                o,
                i.lemma.span,
                format!(
                    "expected a verb lemma of letters, found `{}`",
                    i.lemma.value
                ),
            );
            continue;
        }
        irr.insert(
            lemma.into(),
            i.forms
                .iter()
                .map(|f| Box::from(&*normalize_key(f.value)))
                .collect(),
        );
    }
    // Roughly one new lemma per 250 bytes of patterns in the built-in data.
    let pattern_bytes: usize = patterns.items.iter().map(|(p, _)| p.text.len()).sum();
    let mut lexicon = Lexicon::with_capacity(irr, 1024 + pattern_bytes / 64);

    // Synsets.
    let mut synset_ids: FxHashMap<Box<str>, SynsetId> = FxHashMap::default();
    let mut out_synsets = Vec::new();
    for (s, o) in &synsets.items {
        let mut members = Vec::new();
        for w in &s.words {
            match parse_member(w.value, &mut lexicon) {
                Some(m) => members.push(m),
                None => err(
                    &mut errors,
                    o,
                    w.span,
                    format!(
                        "expected a word or a \"quoted phrase\", found `{}`",
                        w.value
                    ),
                ),
            }
        }
        synset_ids.insert(s.name.value.into(), SynsetId(out_synsets.len() as u32));
        out_synsets.push(Synset {
            name: s.name.value.into(),
            members,
        });
    }

    // Patterns.
    let ontology = Ontology::builtin();
    let mut out_patterns: Vec<Pattern> = Vec::new();
    let mut by_text: FxHashMap<(PatternKind, NormText<'_>), (CameoCode, &str, Span)> =
        FxHashMap::default();
    let mut bad_codes: FxHashSet<(&str, u32)> = FxHashSet::default();
    let mut groups = GroupCache::default();
    for (p, o) in &patterns.items {
        if ontology.get(p.code).is_none() {
            if bad_codes.insert((o.path, p.code_span.line)) {
                err(
                    &mut errors,
                    o,
                    p.code_span,
                    format!(
                        "expected a CAMEO code that exists in the ontology, found `{}`",
                        p.code
                    ),
                );
            }
            continue;
        }
        // A trailing gap matches nothing by itself ("amnesty *"): harmless,
        // so it is dropped with a warning rather than rejected.
        let mut text = p.text;
        while let Some(stripped) = text.trim_end().strip_suffix(" *") {
            warnings.push(Warning::new(
                o.path,
                p.span,
                format!(
                    "pattern `{}` ends with `*`, which matches nothing by itself; ignored",
                    p.text
                ),
            ));
            text = stripped;
        }
        match parse_pattern_cached(p.code, p.kind, text, &mut lexicon, &synset_ids, &mut groups) {
            Ok(pat) if checks == Checks::Errors => out_patterns.push(pat),
            Ok(pat) => {
                // Without a trailing gap the text differs from the record's.
                let norm = if text.len() == p.text.len() {
                    p.norm
                } else {
                    NormText::new(text)
                };
                match by_text.get(&(pat.kind, norm)) {
                    Some((code, path, span)) if *code != pat.code => warnings.push(Warning::new(
                        o.path,
                        p.span,
                        format!(
                            "pattern `{}` is under both {} ({}:{}) and {}",
                            pat.text, code, path, span.line, pat.code
                        ),
                    )),
                    _ => {
                        by_text.insert((pat.kind, norm), (pat.code, o.path, p.span));
                    }
                }
                out_patterns.push(pat);
            }
            Err(e) => {
                let column =
                    p.span.column + p.text.get(..e.offset).map_or(0, |s| s.chars().count()) as u32;
                errors.push(DictError::new(
                    o.path,
                    Span::new(p.span.line, column),
                    e.message,
                ));
            }
        }
    }
    let pattern_set = PatternSet::new(out_patterns, out_synsets, &lexicon);

    PatternsOut {
        lexicon,
        patterns: pattern_set,
        errors,
        warnings,
    }
}

/// Where a name reading came from, for conflict warnings.
struct NameSide<'r> {
    node: u32,
    upper: bool,
    entity: EntityRef,
    path: &'r str,
    span: Span,
    shown: &'r str,
}

/// The name index being built and, when conflicts are checked, where each
/// name came from (left empty otherwise, so the conflict scan is skipped).
struct NameSink<'r> {
    builder: NameIndexBuilder,
    side: Vec<NameSide<'r>>,
    conflicts: bool,
}

impl<'r> NameSink<'r> {
    /// An empty index; `conflicts` says whether to remember origins.
    fn new(conflicts: bool) -> Self {
        NameSink {
            builder: NameIndexBuilder::new(),
            side: Vec::new(),
            conflicts,
        }
    }

    /// Enters `name` in the index; a conflict warning shows it as `shown`.
    fn add(
        &mut self,
        name: &str,
        shown: &'r str,
        entity: EntityRef,
        kind: NameKind,
        path: &'r str,
        span: Span,
    ) {
        let nodes = self.builder.insert(name, NameTarget { entity, kind });
        if self.conflicts && nodes.full != 0 {
            self.side.push(NameSide {
                node: nodes.full,
                upper: is_upper_name(name),
                entity,
                path,
                span,
                shown,
            });
        }
    }

    /// Enters each of `names` as written, with one kind.
    fn add_each(
        &mut self,
        names: &[Spanned<&'r str>],
        entity: EntityRef,
        kind: NameKind,
        path: &'r str,
    ) {
        for n in names {
            self.add(n.value, n.value, entity, kind, path, n.span);
        }
    }

    /// Enters an actor's `name:` and its other `names:` (all of kind Name).
    fn add_named(
        &mut self,
        name: &Spanned<&'r str>,
        others: &[Spanned<&'r str>],
        entity: EntityRef,
        path: &'r str,
    ) {
        self.add(
            name.value,
            name.value,
            entity,
            NameKind::Name,
            path,
            name.span,
        );
        self.add_each(others, entity, NameKind::Name, path);
    }
}
