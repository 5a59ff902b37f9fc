//! The precompiled form of [`Dictionaries`]: a compact, hand-written
//! binary encoding.
//!
//! `build.rs` runs the real reader and compiler over the built-in text files
//! and writes [`encode`]'s output to `OUT_DIR`; [`Dictionaries::builtin`]
//! then only [`decode`]s it, which costs a few milliseconds instead of
//! reading and compiling 1.4 MB of text. The format is private to this
//! crate and versioned by [`MAGIC`]: it is always produced by the same
//! build, so it needs no compatibility across versions.
//!
//! The encoding is canonical — hash maps are written in sorted order, and
//! shared pattern groups once each, in first-use order — so the same input
//! gives byte-identical output, and a test can compare the encoding of
//! text compiled at run time with the embedded bytes.
//!
//! [`Dictionaries::builtin`]: crate::Dictionaries::builtin

use faultline_ontology::CameoCode;
use faultline_text::Date;

use crate::actors::{Agent, Country, Org, Person, Role};
use crate::codes::{DateRange, Iso3, OrgId, Sector};
use crate::dicts::Dictionaries;
use crate::fx::FxHashMap;
use crate::morph::{Analysis, Form, LemmaId, Lexicon, Pos};
use crate::names::{EntityRef, NameIndex, NameKind, NameTarget};
use crate::pattern::{
    AltItem, AltItems, Element, Pattern, PatternId, PatternSet, Synset, SynsetId,
};
use crate::reader::{CountryStatus, PatternKind, RoleWhere};

/// First bytes of the encoding; a change of format changes the version.
pub const MAGIC: &[u8; 8] = b"FLDICT01";

/// Why bytes are not a valid encoding (only possible if the embedded form
/// is corrupt, since the same build writes and reads it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("precompiled dictionaries: at byte {offset}: expected {expected}")]
pub struct DecodeError {
    /// Byte offset where decoding failed.
    pub offset: usize,
    /// What was expected there.
    pub expected: String,
}

/// Appends primitive values to a buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// LEB128: most numbers here are small indices and lengths.
    pub(crate) fn u32(&mut self, mut v: u32) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("dictionary sizes fit in u32"));
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn bool(&mut self, b: bool) {
        self.u8(u8::from(b));
    }
    fn code3(&mut self, s: &str) {
        self.buf.extend_from_slice(&s.as_bytes()[..3]);
    }
    fn date(&mut self, d: Option<Date>) {
        match d {
            None => self.u8(0),
            Some(d) => {
                self.u8(1);
                self.buf.extend_from_slice(&d.year().to_le_bytes());
                self.u8(d.month() as u8);
                self.u8(d.day() as u8);
            }
        }
    }
    fn range(&mut self, r: &DateRange) {
        self.date(r.from);
        self.date(r.to);
    }
}

/// Reads what [`Writer`] wrote, failing with the byte offset.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn err<T>(&self, expected: &str) -> Result<T, DecodeError> {
        Err(DecodeError {
            offset: self.pos,
            expected: expected.to_string(),
        })
    }
    pub(crate) fn u8(&mut self) -> Result<u8, DecodeError> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => self.err("a byte, found the end"),
        }
    }
    pub(crate) fn u32(&mut self) -> Result<u32, DecodeError> {
        // Most values are below 128: one byte, one branch.
        if let Some(&b) = self.bytes.get(self.pos) {
            if b < 0x80 {
                self.pos += 1;
                return Ok(u32::from(b));
            }
        }
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        self.err("a variable-length integer of at most 5 bytes")
    }
    /// A length, checked against the bytes left so that a corrupt length
    /// cannot make a caller reserve gigabytes.
    pub(crate) fn len(&mut self) -> Result<usize, DecodeError> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.pos {
            return self.err("a length no greater than the bytes left");
        }
        Ok(n)
    }
    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        match self.bytes.get(self.pos..self.pos + n) {
            Some(b) => {
                self.pos += n;
                Ok(b)
            }
            None => self.err("more bytes, found the end"),
        }
    }
    pub(crate) fn str(&mut self) -> Result<&'a str, DecodeError> {
        let n = self.len()?;
        let start = self.pos;
        let b = self.bytes(n)?;
        std::str::from_utf8(b).map_err(|_| DecodeError {
            offset: start,
            expected: "UTF-8 text".into(),
        })
    }
    pub(crate) fn bool(&mut self) -> Result<bool, DecodeError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => {
                self.pos -= 1;
                self.err("a boolean (0 or 1)")
            }
        }
    }
    fn code3(&mut self) -> Result<&'a str, DecodeError> {
        let b = self.bytes(3)?;
        std::str::from_utf8(b).map_err(|_| DecodeError {
            offset: self.pos - 3,
            expected: "a three-letter code".into(),
        })
    }
    fn iso3(&mut self) -> Result<Iso3, DecodeError> {
        let s = self.code3()?;
        Iso3::parse(s).map_or_else(|| self.err("an ISO 3166 alpha-3 code"), Ok)
    }
    fn sector(&mut self) -> Result<Sector, DecodeError> {
        let s = self.code3()?;
        Sector::parse(s).map_or_else(|| self.err("a sector code"), Ok)
    }
    fn org_id(&mut self) -> Result<OrgId, DecodeError> {
        let s = self.str()?;
        OrgId::parse(s).map_or_else(|| self.err("an organisation id"), Ok)
    }
    fn date(&mut self) -> Result<Option<Date>, DecodeError> {
        if !self.bool()? {
            return Ok(None);
        }
        let y = self.bytes(4)?;
        let year = i32::from_le_bytes([y[0], y[1], y[2], y[3]]);
        let month = u32::from(self.u8()?);
        let day = u32::from(self.u8()?);
        Date::from_ymd(year, month, day).map_or_else(|_| self.err("a valid date"), |d| Ok(Some(d)))
    }
    fn range(&mut self) -> Result<DateRange, DecodeError> {
        Ok(DateRange {
            from: self.date()?,
            to: self.date()?,
        })
    }
    fn vec<T>(
        &mut self,
        mut f: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Ok(v)
    }
}

/// Encodes compiled dictionaries canonically.
pub fn encode(d: &Dictionaries) -> Vec<u8> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(MAGIC);
    w.len(d.countries.len());
    for c in &d.countries {
        w.code3(c.iso3.as_str());
        w.str(&c.name);
        w.u8(match c.status {
            CountryStatus::Member => 0,
            CountryStatus::Observer => 1,
            CountryStatus::Other => 2,
        });
        w.range(&c.valid);
    }
    w.len(d.persons.len());
    for p in &d.persons {
        w.str(&p.name);
        w.len(p.roles.len());
        for r in &p.roles {
            match &r.place {
                RoleWhere::Country(c) => {
                    w.u8(0);
                    w.code3(c.as_str());
                }
                RoleWhere::Org(o) => {
                    w.u8(1);
                    w.str(o.as_str());
                }
            }
            w.len(r.sectors.len());
            for s in &r.sectors {
                w.code3(s.as_str());
            }
            w.range(&r.valid);
            w.str(&r.title);
        }
    }
    w.len(d.orgs.len());
    for o in &d.orgs {
        w.bool(o.is_group);
        w.str(o.id.as_str());
        w.str(&o.code);
        w.str(&o.name);
        opt_str(&mut w, o.org_type.as_deref());
        opt_str(&mut w, o.parent.as_ref().map(OrgId::as_str));
        w.len(o.members.len());
        for m in &o.members {
            w.code3(m.as_str());
        }
        w.range(&o.valid);
        match o.country {
            None => w.u8(0),
            Some(c) => {
                w.u8(1);
                w.code3(c.as_str());
            }
        }
    }
    w.len(d.agents.len());
    for a in &d.agents {
        w.code3(a.code.as_str());
        w.str(&a.description);
        w.len(a.nouns.len());
        for (s, p) in &a.nouns {
            w.str(s);
            w.str(p);
        }
        w.len(a.adjectives.len());
        for s in &a.adjectives {
            w.str(s);
        }
    }
    d.names.encode_into(&mut w);
    d.lexicon.encode_into(&mut w);
    encode_patterns(&d.patterns, &mut w);
    w.buf
}

fn opt_str(w: &mut Writer, s: Option<&str>) {
    match s {
        None => w.u8(0),
        Some(s) => {
            w.u8(1);
            w.str(s);
        }
    }
}

fn read_opt_str<'a>(r: &mut Reader<'a>) -> Result<Option<&'a str>, DecodeError> {
    Ok(if r.bool()? { Some(r.str()?) } else { None })
}

/// Decodes what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<Dictionaries, DecodeError> {
    let mut r = Reader { bytes, pos: 0 };
    if r.bytes(MAGIC.len())? != MAGIC {
        return Err(DecodeError {
            offset: 0,
            expected: format!("the header {:?}", std::str::from_utf8(MAGIC).unwrap_or("")),
        });
    }
    let countries = r.vec(|r| {
        Ok(Country {
            iso3: r.iso3()?,
            name: r.str()?.to_string(),
            status: match r.u8()? {
                0 => CountryStatus::Member,
                1 => CountryStatus::Observer,
                2 => CountryStatus::Other,
                _ => return r.err("a country status (0-2)"),
            },
            valid: r.range()?,
        })
    })?;
    let persons = r.vec(|r| {
        Ok(Person {
            name: r.str()?.to_string(),
            roles: r.vec(|r| {
                let place = match r.u8()? {
                    0 => RoleWhere::Country(r.iso3()?),
                    1 => RoleWhere::Org(r.org_id()?),
                    _ => return r.err("a role place tag (0-1)"),
                };
                Ok(Role {
                    place,
                    sectors: r.vec(Reader::sector)?,
                    valid: r.range()?,
                    title: r.str()?.to_string(),
                })
            })?,
        })
    })?;
    let orgs = r.vec(|r| {
        Ok(Org {
            is_group: r.bool()?,
            id: r.org_id()?,
            code: r.str()?.to_string(),
            name: r.str()?.to_string(),
            org_type: read_opt_str(r)?.map(str::to_string),
            parent: match read_opt_str(r)? {
                None => None,
                Some(s) => Some(OrgId::parse(s).map_or_else(|| r.err("an organisation id"), Ok)?),
            },
            members: r.vec(Reader::iso3)?,
            valid: r.range()?,
            country: if r.bool()? { Some(r.iso3()?) } else { None },
        })
    })?;
    let agents = r.vec(|r| {
        Ok(Agent {
            code: r.sector()?,
            description: r.str()?.to_string(),
            nouns: r.vec(|r| Ok((r.str()?.to_string(), r.str()?.to_string())))?,
            adjectives: r.vec(|r| Ok(r.str()?.to_string()))?,
        })
    })?;
    let names = NameIndex::decode_from(&mut r)?;
    let lexicon = Lexicon::decode_from(&mut r)?;
    let patterns = decode_patterns(&mut r)?;
    if r.pos != bytes.len() {
        return r.err("the end of the encoding");
    }
    Ok(Dictionaries {
        countries,
        persons,
        orgs,
        agents,
        names,
        lexicon,
        patterns,
    })
}

/// Encodes a name reading.
pub(crate) fn write_target(w: &mut Writer, t: &NameTarget) {
    let (tag, i) = match t.entity {
        EntityRef::Country(i) => (0, i),
        EntityRef::Person(i) => (1, i),
        EntityRef::Org(i) => (2, i),
        EntityRef::Agent(i) => (3, i),
    };
    let kind = match t.kind {
        NameKind::Name => 0,
        NameKind::Adjective => 1,
        NameKind::CombiningForm => 2,
        NameKind::Government => 3,
        NameKind::AgentNoun => 4,
        NameKind::AgentAdjective => 5,
    };
    w.u8(tag << 4 | kind);
    w.u32(i);
}

/// Decodes a name reading.
pub(crate) fn read_target(r: &mut Reader<'_>) -> Result<NameTarget, DecodeError> {
    let b = r.u8()?;
    let i = r.u32()?;
    let entity = match b >> 4 {
        0 => EntityRef::Country(i),
        1 => EntityRef::Person(i),
        2 => EntityRef::Org(i),
        3 => EntityRef::Agent(i),
        _ => return r.err("an entity tag (0-3)"),
    };
    let kind = match b & 0xf {
        0 => NameKind::Name,
        1 => NameKind::Adjective,
        2 => NameKind::CombiningForm,
        3 => NameKind::Government,
        4 => NameKind::AgentNoun,
        5 => NameKind::AgentAdjective,
        _ => return r.err("a name kind (0-5)"),
    };
    Ok(NameTarget { entity, kind })
}

/// Encodes a lexicon reading.
pub(crate) fn write_analysis(w: &mut Writer, a: &Analysis) {
    w.u32(a.lemma.0);
    let pos = match a.pos {
        Pos::Verb => 0,
        Pos::Noun => 1,
        Pos::Word => 2,
    };
    let form = match a.form {
        Form::Base => 0,
        Form::Third => 1,
        Form::Past => 2,
        Form::Ing => 3,
        Form::Plural => 4,
        Form::Irregular => 5,
    };
    w.u8(pos << 4 | form);
}

/// Decodes a lexicon reading.
pub(crate) fn read_analysis(r: &mut Reader<'_>) -> Result<Analysis, DecodeError> {
    let lemma = LemmaId(r.u32()?);
    let b = r.u8()?;
    let pos = match b >> 4 {
        0 => Pos::Verb,
        1 => Pos::Noun,
        2 => Pos::Word,
        _ => return r.err("a part of speech (0-2)"),
    };
    let form = match b & 0xf {
        0 => Form::Base,
        1 => Form::Third,
        2 => Form::Past,
        3 => Form::Ing,
        4 => Form::Plural,
        5 => Form::Irregular,
        _ => return r.err("a form (0-5)"),
    };
    Ok(Analysis { lemma, pos, form })
}

fn kind_byte(k: PatternKind) -> u8 {
    match k {
        PatternKind::Verb => 0,
        PatternKind::Noun => 1,
    }
}

fn read_kind(r: &mut Reader<'_>) -> Result<PatternKind, DecodeError> {
    match r.u8()? {
        0 => Ok(PatternKind::Verb),
        1 => Ok(PatternKind::Noun),
        _ => r.err("a pattern kind (0-1)"),
    }
}

/// Shared groups: each distinct `Arc` is written once, in first-use order,
/// and elements refer to it by index, so decoding restores the sharing.
#[derive(Default)]
struct Groups<'p> {
    ids: FxHashMap<*const AltItem, u32>,
    list: Vec<&'p AltItems>,
}

impl<'p> Groups<'p> {
    fn collect_elems(&mut self, elems: &'p [Element]) {
        for e in elems {
            if let Element::Alt { items, .. } = e {
                let key = items.as_ptr();
                if !self.ids.contains_key(&key) {
                    // Inner groups first, so a group only refers to earlier ones.
                    self.collect_items(items);
                    self.ids.insert(key, self.list.len() as u32);
                    self.list.push(items);
                }
            }
        }
    }
    fn collect_items(&mut self, items: &'p [AltItem]) {
        for it in items {
            if let AltItem::Seq(s) = it {
                self.collect_elems(s);
            }
        }
    }
}

fn write_keys(w: &mut Writer, keys: &[Box<str>]) {
    w.len(keys.len());
    for k in keys {
        w.str(k);
    }
}

fn read_keys(r: &mut Reader<'_>) -> Result<Vec<Box<str>>, DecodeError> {
    r.vec(|r| Ok(Box::from(r.str()?)))
}

fn write_item(w: &mut Writer, g: &Groups<'_>, it: &AltItem) {
    match it {
        AltItem::Words(ls) => {
            w.u8(0);
            w.len(ls.len());
            for l in ls {
                w.u32(l.0);
            }
        }
        AltItem::Exact(keys) => {
            w.u8(1);
            write_keys(w, keys);
        }
        AltItem::Synset(s) => {
            w.u8(2);
            w.u32(s.0);
        }
        AltItem::Seq(es) => {
            w.u8(3);
            write_elems(w, g, es);
        }
    }
}

fn read_item(r: &mut Reader<'_>, groups: &[AltItems]) -> Result<AltItem, DecodeError> {
    Ok(match r.u8()? {
        0 => AltItem::Words(r.vec(|r| Ok(LemmaId(r.u32()?)))?),
        1 => AltItem::Exact(read_keys(r)?),
        2 => AltItem::Synset(SynsetId(r.u32()?)),
        3 => AltItem::Seq(read_elems(r, groups)?),
        _ => return r.err("an alternative tag (0-3)"),
    })
}

fn write_elems(w: &mut Writer, g: &Groups<'_>, es: &[Element]) {
    w.len(es.len());
    for e in es {
        match e {
            Element::Word(l) => {
                w.u8(0);
                w.u32(l.0);
            }
            Element::Exact(keys) => {
                w.u8(1);
                write_keys(w, keys);
            }
            Element::Alt { items, optional } => {
                w.u8(2);
                w.bool(*optional);
                w.u32(g.ids[&items.as_ptr()]);
            }
            Element::Synset(s) => {
                w.u8(3);
                w.u32(s.0);
            }
            Element::Gap => w.u8(4),
            Element::Target => w.u8(5),
            Element::Source => w.u8(6),
        }
    }
}

fn read_elems(r: &mut Reader<'_>, groups: &[AltItems]) -> Result<Vec<Element>, DecodeError> {
    r.vec(|r| {
        Ok(match r.u8()? {
            0 => Element::Word(LemmaId(r.u32()?)),
            1 => Element::Exact(read_keys(r)?),
            2 => {
                let optional = r.bool()?;
                let i = r.u32()? as usize;
                match groups.get(i) {
                    Some(g) => Element::Alt {
                        items: g.clone(),
                        optional,
                    },
                    None => return r.err("the index of an earlier group"),
                }
            }
            3 => Element::Synset(SynsetId(r.u32()?)),
            4 => Element::Gap,
            5 => Element::Target,
            6 => Element::Source,
            _ => return r.err("an element tag (0-6)"),
        })
    })
}

fn encode_patterns(ps: &PatternSet, w: &mut Writer) {
    let mut g = Groups::default();
    for p in &ps.patterns {
        g.collect_elems(&p.elements);
    }
    for s in &ps.synsets {
        g.collect_items(&s.members);
    }
    w.len(g.list.len());
    for items in &g.list {
        w.len(items.len());
        for it in items.iter() {
            write_item(w, &g, it);
        }
    }
    w.len(ps.patterns.len());
    for p in &ps.patterns {
        w.str(p.code.as_str());
        w.u8(kind_byte(p.kind));
        write_elems(w, &g, &p.elements);
        w.str(&p.text);
        w.u32(u32::from(p.literals));
    }
    w.len(ps.synsets.len());
    for s in &ps.synsets {
        w.str(&s.name);
        w.len(s.members.len());
        for m in &s.members {
            write_item(w, &g, m);
        }
    }
    let mut heads: Vec<_> = ps.by_head.iter().collect();
    heads.sort_by_key(|((l, k), _)| (l.0, kind_byte(*k)));
    w.len(heads.len());
    for ((l, k), ids) in heads {
        w.u32(l.0);
        w.u8(kind_byte(*k));
        w.len(ids.len());
        for id in ids {
            w.u32(id.0);
        }
    }
}

fn decode_patterns(r: &mut Reader<'_>) -> Result<PatternSet, DecodeError> {
    let n = r.len()?;
    let mut groups: Vec<AltItems> = Vec::with_capacity(n);
    for _ in 0..n {
        let items = r.vec(|r| read_item(r, &groups))?;
        groups.push(AltItems::from(items));
    }
    let patterns = r.vec(|r| {
        let code_at = r.pos;
        let code: CameoCode = r.str()?.parse().map_err(|_| DecodeError {
            offset: code_at,
            expected: "a CAMEO code".into(),
        })?;
        let kind = read_kind(r)?;
        let elements = read_elems(r, &groups)?;
        let text = Box::from(r.str()?);
        let literals = u16::try_from(r.u32()?).map_or_else(|_| r.err("a literal count"), Ok)?;
        Ok(Pattern {
            code,
            kind,
            elements,
            text,
            literals,
        })
    })?;
    let synsets = r.vec(|r| {
        Ok(Synset {
            name: Box::from(r.str()?),
            members: r.vec(|r| read_item(r, &groups))?,
        })
    })?;
    let n = r.len()?;
    let mut by_head = FxHashMap::default();
    by_head.reserve(n);
    for _ in 0..n {
        let l = LemmaId(r.u32()?);
        let k = read_kind(r)?;
        let ids = r.vec(|r| Ok(PatternId(r.u32()?)))?;
        by_head.insert((l, k), ids);
    }
    Ok(PatternSet {
        patterns,
        synsets,
        by_head,
    })
}
