//! The compiler: merges the records of every file (built-in first, then
//! user files, applying overrides), checks cross-file references, and
//! builds the name index, lexicon and pattern set.

use faultline_ontology::{CameoCode, Ontology};

use crate::actors::{Agent, Country, Org, Person};
use crate::codes::{DateRange, Sector, KNOWN_SECTORS};
use crate::error::{DictError, Span, Warning};
use crate::fx::{FxHashMap, FxHashSet};
use crate::morph::Lexicon;
use crate::names::{EntityRef, NameEntry, NameIndex, NameKind, NameTarget};
use crate::norm::{is_upper_name, name_key, normalize_key};
use crate::pattern::{parse_member, parse_pattern, Pattern, PatternKind, PatternSet, Synset, SynsetId};
use crate::reader::{self, CountryRec, IrregularRec, OrgRec, PersonRec, Record, RoleWhere, SynsetRec};
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
#[derive(Debug, Clone)]
struct Origin {
    path: String,
    span: Span,
    layer: usize,
}

/// Records keyed by identity; a later record with the same identity
/// replaces an earlier one in place (keeping file order stable).
struct Merged<T> {
    items: Vec<(T, Origin)>,
    index: FxHashMap<String, usize>,
}

impl<T> Merged<T> {
    fn new() -> Self {
        Merged { items: Vec::new(), index: FxHashMap::default() }
    }

    fn put(&mut self, id: String, what: &str, item: T, origin: Origin, warnings: &mut Vec<Warning>) {
        match self.index.get(&id) {
            Some(&i) => {
                let old = &self.items[i].1;
                if old.layer == origin.layer {
                    warnings.push(Warning::new(
                        &origin.path,
                        origin.span,
                        format!("duplicate {what} `{id}`: replaces the one at {}:{}", old.path, old.span.line),
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

struct PatternRec {
    code: CameoCode,
    code_span: Span,
    kind: PatternKind,
    text: String,
    span: Span,
}

/// Compiles layers of files: layer 0 is the built-in dictionaries, later
/// layers are user directories, each overriding the ones before.
pub fn compile(layers: &[Vec<SourceFile<'_>>]) -> CheckReport {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut countries: Merged<CountryRec> = Merged::new();
    let mut persons: Merged<PersonRec> = Merged::new();
    let mut orgs: Merged<OrgRec> = Merged::new();
    let mut agents: Merged<reader::AgentRec> = Merged::new();
    let mut patterns: Merged<PatternRec> = Merged::new();
    let mut synsets: Merged<SynsetRec> = Merged::new();
    let mut irregulars: Merged<IrregularRec> = Merged::new();
    let mut unnames: Vec<(String, Origin)> = Vec::new();

    for (layer, files) in layers.iter().enumerate() {
        for f in files {
            let read = reader::read_bytes(&f.path, &f.bytes);
            errors.extend(read.errors);
            for loc in read.records {
                let origin = Origin { path: f.path.clone(), span: loc.span, layer };
                match loc.record {
                    Record::Country(c) => countries.put(c.iso3.to_string(), "country", c, origin, &mut warnings),
                    Record::Person(p) => persons.put(p.name.value.clone(), "person", p, origin, &mut warnings),
                    Record::Org(o) => orgs.put(o.id.to_string(), if o.is_group { "group" } else { "org" }, o, origin, &mut warnings),
                    Record::Agent(a) => agents.put(a.code.to_string(), "agent", a, origin, &mut warnings),
                    Record::Event(e) => {
                        for (kind, text) in e.patterns {
                            let norm = text.value.split_whitespace().collect::<Vec<_>>().join(" ");
                            let kw = if kind == PatternKind::Verb { "verb" } else { "noun" };
                            let id = format!("{} {kw}: {norm}", e.code.value);
                            let o = Origin { path: f.path.clone(), span: text.span, layer };
                            let rec = PatternRec { code: e.code.value, code_span: e.code.span, kind, text: text.value, span: text.span };
                            patterns.put(id, "pattern", rec, o, &mut warnings);
                        }
                    }
                    Record::Synset(s) => synsets.put(s.name.value.clone(), "synset", s, origin, &mut warnings),
                    Record::Irregular(i) => irregulars.put(i.lemma.value.clone(), "irregular verb", i, origin, &mut warnings),
                    Record::Drop(d) => {
                        for u in d.unnames {
                            unnames.push((u.value, Origin { path: f.path.clone(), span: u.span, layer }));
                        }
                    }
                }
            }
        }
    }

    let err = |errors: &mut Vec<DictError>, o: &Origin, span: Span, msg: String| errors.push(DictError::new(&o.path, span, msg));

    // Lexicon with the irregular table.
    let mut irr: FxHashMap<Box<str>, Vec<Box<str>>> = FxHashMap::default();
    for (i, o) in &irregulars.items {
        let lemma = normalize_key(&i.lemma.value);
        if !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
            err(&mut errors, o, i.lemma.span, format!("expected a verb lemma of letters, found `{}`", i.lemma.value));
            continue;
        }
        irr.insert(lemma.into(), i.forms.iter().map(|f| Box::from(&*normalize_key(&f.value))).collect());
    }
    let mut lexicon = Lexicon::new(irr);

    // Agents.
    let mut out_agents = Vec::new();
    let mut sector_set: FxHashSet<Sector> = KNOWN_SECTORS.iter().filter_map(|s| Sector::parse(s)).collect();
    // (entry, file, position, name as written) — borrowed from the merged records.
    let mut names: Vec<(NameEntry, &str, Span, &str)> = Vec::new();
    for (a, o) in &agents.items {
        sector_set.insert(a.code);
        let idx = out_agents.len() as u32;
        let mut nouns = Vec::new();
        for n in &a.nouns {
            let sing = n.value.singular.clone();
            let plur = n.value.plural.clone().unwrap_or_else(|| crate::morph::plural(&sing));
            // The lexicon gets the head (last) word, which is what inflects.
            let last = sing.rsplit(' ').next().unwrap_or(&sing);
            let last_pl = plur.rsplit(' ').next().unwrap_or(&plur);
            lexicon.add_noun(&normalize_key(last), Some(&normalize_key(last_pl)));
            for form in [&sing, &plur] {
                names.push((name_entry(form, EntityRef::Agent(idx), NameKind::AgentNoun), &o.path, n.span, &n.value.singular));
            }
            nouns.push((sing, plur));
        }
        for adj in &a.adjectives {
            names.push((name_entry(&adj.value, EntityRef::Agent(idx), NameKind::AgentAdjective), &o.path, adj.span, &adj.value));
        }
        out_agents.push(Agent { code: a.code, description: a.description.clone(), nouns, adjectives: a.adjectives.iter().map(|s| s.value.clone()).collect() });
    }

    // Countries.
    let mut out_countries = Vec::new();
    for (c, o) in &countries.items {
        let idx = out_countries.len() as u32;
        let e = EntityRef::Country(idx);
        names.push((name_entry(&c.name.value, e, NameKind::Name), &o.path, c.name.span, &c.name.value));
        for n in &c.names {
            names.push((name_entry(&n.value, e, NameKind::Name), &o.path, n.span, &n.value));
        }
        for n in &c.adjectives {
            let kind = if n.value.ends_with('-') && !n.value.contains(' ') { NameKind::CombiningForm } else { NameKind::Adjective };
            names.push((name_entry(&n.value, e, kind), &o.path, n.span, &n.value));
        }
        for n in &c.government {
            names.push((name_entry(&n.value, e, NameKind::Government), &o.path, n.span, &n.value));
        }
        out_countries.push(Country { iso3: c.iso3, name: c.name.value.clone(), status: c.status.unwrap_or(crate::reader::CountryStatus::Member), valid: c.valid });
    }
    let country_set: FxHashSet<_> = out_countries.iter().map(|c| c.iso3).collect();

    // Organisations and groups.
    let mut out_orgs = Vec::new();
    let org_ids: FxHashSet<_> = orgs.items.iter().map(|(o, _)| o.id.clone()).collect();
    for (r, o) in &orgs.items {
        let idx = out_orgs.len() as u32;
        let e = EntityRef::Org(idx);
        names.push((name_entry(&r.name.value, e, NameKind::Name), &o.path, r.name.span, &r.name.value));
        for n in &r.names {
            names.push((name_entry(&n.value, e, NameKind::Name), &o.path, n.span, &n.value));
        }
        for n in &r.adjectives {
            names.push((name_entry(&n.value, e, NameKind::Adjective), &o.path, n.span, &n.value));
        }
        if let Some(p) = &r.parent {
            if !org_ids.contains(&p.value) {
                err(&mut errors, o, p.span, format!("expected the id of an `org` or `group` record after `parent:`, found `{}`", p.value));
            }
        }
        for m in &r.members {
            if !country_set.contains(&m.value) {
                warnings.push(Warning::new(&o.path, m.span, format!("member `{}` of `{}` has no `country` record", m.value, r.id)));
            }
        }
        if let Some(c) = &r.country {
            if !country_set.contains(&c.value) {
                err(&mut errors, o, c.span, format!("expected the ISO3 code of a `country` record after `country:`, found `{}`", c.value));
            }
        }
        out_orgs.push(Org {
            is_group: r.is_group,
            id: r.id.clone(),
            code: r.code.clone(),
            name: r.name.value.clone(),
            org_type: r.org_type.clone(),
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
        names.push((name_entry(&p.name.value, e, NameKind::Name), &o.path, p.name.span, &p.name.value));
        for n in &p.names {
            names.push((name_entry(&n.value, e, NameKind::Name), &o.path, n.span, &n.value));
        }
        let mut roles = Vec::new();
        for r in &p.roles {
            let mut ok = true;
            match &r.place {
                RoleWhere::Country(c) if !country_set.contains(c) => {
                    err(&mut errors, o, r.span, format!("expected WHERE to be the ISO3 code of a `country` record, found `{c}`"));
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
                roles.push(r.clone());
            }
        }
        if p.roles.is_empty() {
            warnings.push(Warning::new(&o.path, o.span, format!("person `{}` has no `role:` lines, so no look-up returns them", p.name.value)));
        }
        out_persons.push(Person { name: p.name.value.clone(), roles });
    }

    // Dropped names.
    if !unnames.is_empty() {
        for (u, o) in &unnames {
            let key = name_key(u);
            let before = names.len();
            names.retain(|n| n.0.key != key);
            if names.len() == before {
                warnings.push(Warning::new(&o.path, o.span, format!("`unname: {u}` removes no name")));
            }
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
            EntityRef::Org(i) => format!("{} {}", if out_orgs[i as usize].is_group { "group" } else { "org" }, out_orgs[i as usize].id),
            EntityRef::Person(i) => format!("person {}", out_persons[i as usize].name),
            EntityRef::Agent(i) => format!("agent {}", out_agents[i as usize].code),
        }
    };
    {
        let mut by_key: FxHashMap<(&[String], bool), Vec<usize>> = FxHashMap::default();
        for (i, n) in names.iter().enumerate() {
            by_key.entry((&n.0.key, n.0.upper_only)).or_default().push(i);
        }
        let mut groups: Vec<_> = by_key.into_values().filter(|v| v.len() > 1).collect();
        groups.sort();
        for g in groups {
            let mut seen: Vec<EntityRef> = Vec::new();
            for &i in &g {
                let (entry, path, span, shown) = &names[i];
                let e = entry.target.entity;
                let is_agent = matches!(e, EntityRef::Agent(_));
                if seen.contains(&e) {
                    continue;
                }
                for &prev in &seen {
                    // Agents combine with actors by design; only agent-vs-agent clashes matter there.
                    if is_agent != matches!(prev, EntityRef::Agent(_)) {
                        continue;
                    }
                    let overlap = entity_ranges(e).iter().any(|a| entity_ranges(prev).iter().any(|b| a.overlaps(b)));
                    if overlap {
                        warnings.push(Warning::new(path, *span, format!("name `{shown}` of {} also names {} at overlapping dates", entity_name(e), entity_name(prev))));
                    }
                }
                seen.push(e);
            }
        }
    }
    // A name that begins with "the" also matches without it ("the Kremlin"
    // in "Kremlin officials"); the article is optional in text.
    let mut entries: Vec<NameEntry> = Vec::with_capacity(names.len() + names.len() / 8);
    for (n, ..) in names {
        if n.key.len() > 1 && n.key[0] == "the" {
            entries.push(NameEntry { key: n.key[1..].to_vec(), ..n.clone() });
        }
        entries.push(n);
    }
    let name_index = NameIndex::build(&entries);

    // Synsets.
    let mut synset_ids: FxHashMap<Box<str>, SynsetId> = FxHashMap::default();
    let mut out_synsets = Vec::new();
    for (s, o) in &synsets.items {
        let mut members = Vec::new();
        for w in &s.words {
            match parse_member(&w.value, &mut lexicon) {
                Some(m) => members.push(m),
                None => err(&mut errors, o, w.span, format!("expected a word or a \"quoted phrase\", found `{}`", w.value)),
            }
        }
        synset_ids.insert(s.name.value.as_str().into(), SynsetId(out_synsets.len() as u32));
        out_synsets.push(Synset { name: s.name.value.as_str().into(), members });
    }

    // Patterns.
    let ontology = Ontology::builtin();
    let mut out_patterns: Vec<Pattern> = Vec::new();
    let mut by_text: FxHashMap<(PatternKind, Box<str>), (CameoCode, String, Span)> = FxHashMap::default();
    let mut bad_codes: FxHashSet<(String, u32)> = FxHashSet::default();
    for (p, o) in &patterns.items {
        if ontology.get(p.code).is_none() {
            if bad_codes.insert((o.path.clone(), p.code_span.line)) {
                err(&mut errors, o, p.code_span, format!("expected a CAMEO code that exists in the ontology, found `{}`", p.code));
            }
            continue;
        }
        // A trailing gap matches nothing by itself ("amnesty *"): harmless,
        // so it is dropped with a warning rather than rejected.
        let mut text = p.text.as_str();
        while let Some(stripped) = text.trim_end().strip_suffix(" *") {
            warnings.push(Warning::new(&o.path, p.span, format!("pattern `{}` ends with `*`, which matches nothing by itself; ignored", p.text)));
            text = stripped;
        }
        match parse_pattern(p.code, p.kind, text, &mut lexicon, &synset_ids) {
            Ok(pat) => {
                match by_text.get(&(pat.kind, pat.text.clone())) {
                    Some((code, path, span)) if *code != pat.code => warnings.push(Warning::new(
                        &o.path,
                        p.span,
                        format!("pattern `{}` is under both {} ({}:{}) and {}", pat.text, code, path, span.line, pat.code),
                    )),
                    _ => {
                        by_text.insert((pat.kind, pat.text.clone()), (pat.code, o.path.clone(), p.span));
                    }
                }
                out_patterns.push(pat);
            }
            Err(e) => {
                let column = p.span.column + p.text.get(..e.offset).map_or(0, |s| s.chars().count()) as u32;
                errors.push(DictError::new(&o.path, Span::new(p.span.line, column), e.message));
            }
        }
    }
    let pattern_set = PatternSet::new(out_patterns, out_synsets, &lexicon);

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

fn name_entry(name: &str, entity: EntityRef, kind: NameKind) -> NameEntry {
    NameEntry { key: name_key(name), target: NameTarget { entity, kind }, upper_only: is_upper_name(name) }
}
