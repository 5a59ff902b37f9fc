//! Reading dictionary files into typed records.
//!
//! Reading is two steps: a line lexer that turns text into raw records
//! (header keyword, arguments, `key: value` attributes, each with its
//! position), then one converter per record kind that checks keys and
//! values. Both steps collect every error of a file instead of stopping at
//! the first, so `faultline dict check` shows a data writer all their
//! mistakes at once. Cross-file checks (unknown synsets, org ids, sectors,
//! CAMEO codes) happen later, in the compiler.

use faultline_ontology::CameoCode;

use crate::codes::{is_actor_code, DateRange, Iso3, OrgId, Sector};
use crate::error::{DictError, Span};

/// A value with the position where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it starts in its file.
    pub span: Span,
}

/// `status:` of a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountryStatus {
    /// A UN member state.
    Member,
    /// A UN observer state.
    Observer,
    /// Any other territory (Taiwan, Kosovo, Hong Kong…).
    Other,
}

/// A `country` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryRec<'a> {
    /// The actor code and country of everything derived from it.
    pub iso3: Iso3,
    /// The canonical name (always also a name).
    pub name: Spanned<&'a str>,
    /// `names:`.
    pub names: Vec<Spanned<&'a str>>,
    /// `adjectives:`; a trailing `-` marks a combining form (`Sino-`).
    pub adjectives: Vec<Spanned<&'a str>>,
    /// `government:` metonyms, coded `ISO3GOV`.
    pub government: Vec<Spanned<&'a str>>,
    /// `status:` (default `member`).
    pub status: Option<CountryStatus>,
    /// `valid:` (default always).
    pub valid: DateRange,
}

/// Where a person's role is held: a country or an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleWhere {
    /// A state (`CHN`).
    Country(Iso3),
    /// An organisation, by id (`org:NATO`).
    Org(OrgId),
}

/// One `role:` line of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRec<'a> {
    /// Where the role is held.
    pub place: RoleWhere,
    /// Sector codes (may be empty, written `-`).
    pub sectors: Vec<Sector>,
    /// When the role was held.
    pub valid: DateRange,
    /// Free-text title (may be empty).
    pub title: &'a str,
    /// Position of the `role:` value, for cross-file errors (unknown org, sector).
    pub span: Span,
    /// Position of the sectors field.
    pub sectors_span: Span,
}

/// A `person` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRec<'a> {
    /// Full name (always a name; the person's identity for overrides).
    pub name: Spanned<&'a str>,
    /// `names:`.
    pub names: Vec<Spanned<&'a str>>,
    /// `role:` lines.
    pub roles: Vec<RoleRec<'a>>,
}

/// An `org` or `group` record (they share keys; `group` adds `country:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRec<'a> {
    /// True for `group` records.
    pub is_group: bool,
    /// Short id (`NATO`).
    pub id: OrgId,
    /// CAMEO-style actor code (`IGOWSTNAT`).
    pub code: &'a str,
    /// Canonical name.
    pub name: Spanned<&'a str>,
    /// `names:`.
    pub names: Vec<Spanned<&'a str>>,
    /// `adjectives:`.
    pub adjectives: Vec<Spanned<&'a str>>,
    /// `type:` (free word).
    pub org_type: Option<&'a str>,
    /// `parent:` org id.
    pub parent: Option<Spanned<OrgId>>,
    /// `members:`.
    pub members: Vec<Spanned<Iso3>>,
    /// `valid:`.
    pub valid: DateRange,
    /// `country:` (groups only).
    pub country: Option<Spanned<Iso3>>,
}

/// An agent noun: its singular and, when irregular, its plural.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentNoun<'a> {
    /// Singular (`spokesman`, `foreign minister`).
    pub singular: &'a str,
    /// Explicit plural from `singular/plural`, else generated.
    pub plural: Option<&'a str>,
}

/// An `agent` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRec<'a> {
    /// The sector code (`GOV`).
    pub code: Sector,
    /// Description.
    pub description: &'a str,
    /// `nouns:`.
    pub nouns: Vec<Spanned<AgentNoun<'a>>>,
    /// `adjectives:`.
    pub adjectives: Vec<Spanned<&'a str>>,
}

/// Whether a pattern line was `verb:` or `noun:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PatternKind {
    /// A `verb:` pattern; its first word is the head verb.
    Verb,
    /// A `noun:` nominal trigger; its first word is the head noun.
    Noun,
}

/// An `event` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRec<'a> {
    /// The CAMEO code (syntax-checked; existence is checked by the compiler).
    pub code: Spanned<CameoCode>,
    /// Short label.
    pub label: &'a str,
    /// Pattern lines in order, as text with their kind.
    pub patterns: Vec<(PatternKind, Spanned<&'a str>)>,
}

/// A `synset` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynsetRec<'a> {
    /// Name used as `&NAME` in patterns.
    pub name: Spanned<&'a str>,
    /// `words:` items, as written (quoted items keep their quotes).
    pub words: Vec<Spanned<&'a str>>,
}

/// An `irregular` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrregularRec<'a> {
    /// The verb's lemma.
    pub lemma: Spanned<&'a str>,
    /// Every inflected form; replaces the generated ones.
    pub forms: Vec<Spanned<&'a str>>,
}

/// A `drop names` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropRec<'a> {
    /// `unname:` names to remove from every actor.
    pub unnames: Vec<Spanned<&'a str>>,
}

/// Any record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record<'a> {
    /// `country`.
    Country(CountryRec<'a>),
    /// `person`.
    Person(PersonRec<'a>),
    /// `org` or `group`.
    Org(OrgRec<'a>),
    /// `agent`.
    Agent(AgentRec<'a>),
    /// `event`.
    Event(EventRec<'a>),
    /// `synset`.
    Synset(SynsetRec<'a>),
    /// `irregular`.
    Irregular(IrregularRec<'a>),
    /// `drop`.
    Drop(DropRec<'a>),
}

/// A record with the position of its header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    /// The record.
    pub record: Record<'a>,
    /// Its header line.
    pub span: Span,
}

/// The records and errors of one file.
#[derive(Debug, Clone, Default)]
pub struct FileRecords<'a> {
    /// The file's path as given.
    pub path: String,
    /// Records that were read (those whose header line is bad are dropped;
    /// bad attributes are left out of their record).
    pub records: Vec<Located<'a>>,
    /// Every error found.
    pub errors: Vec<DictError>,
}

const KEYWORDS: &[&str] = &[
    "country",
    "person",
    "org",
    "group",
    "agent",
    "event",
    "synset",
    "irregular",
    "drop",
];

/// Reads a file's bytes. A line that is not valid UTF-8 is reported with
/// the column and byte offset of its first bad byte and skipped; the other
/// lines are read. Records borrow their text from `bytes`, so reading
/// allocates little.
pub fn read_bytes<'a>(path: &str, bytes: &'a [u8]) -> FileRecords<'a> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return read_str(path, text);
    }
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    let mut offset = 0usize;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let lineno = i as u32 + 1;
        match std::str::from_utf8(line) {
            Ok(l) => lines.push((lineno, l)),
            Err(e) => {
                let good = &line[..e.valid_up_to()];
                // The prefix is valid UTF-8 by definition.
                let col = std::str::from_utf8(good).map_or(0, |s| s.chars().count()) as u32 + 1;
                errors.push(DictError::new(
                    path,
                    Span::new(lineno, col),
                    format!(
                        "expected UTF-8 text, found an invalid byte at byte offset {}",
                        offset + e.valid_up_to()
                    ),
                ));
            }
        }
        offset += line.len() + 1;
    }
    let mut out = read_lines(path, lines.into_iter(), bytes.len());
    errors.append(&mut out.errors);
    out.errors = errors;
    out
}

struct RawAttr<'a> {
    key: &'a str,
    key_span: Span,
    value: &'a str,
    value_span: Span,
    line: &'a str,
    value_byte: usize,
}

struct RawRecord<'a> {
    keyword: &'a str,
    span: Span,
    args: &'a str,
    args_span: Span,
    header: &'a str,
    args_byte: usize,
    attrs: Vec<RawAttr<'a>>,
}

/// The column (1-based, in characters) of byte offset `byte` in `line`.
fn col(line: &str, byte: usize) -> u32 {
    match line.as_bytes().get(..byte) {
        // Dictionary lines are nearly all ASCII: then bytes are characters.
        Some(prefix) if prefix.is_ascii() => byte as u32 + 1,
        _ => line.get(..byte).map_or(byte, |p| p.chars().count()) as u32 + 1,
    }
}

/// Cuts a comment: `#` at the start or after whitespace.
fn strip_comment(line: &str) -> &str {
    // A plain byte scan: `#` is ASCII, so it never occurs inside a UTF-8
    // sequence, and most lines have none (a searcher costs more to set up
    // than a short line costs to scan).
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') {
            return &line[..i];
        }
    }
    line
}

/// Reads one file's text; records borrow from it.
pub fn read_str<'a>(path: &str, text: &'a str) -> FileRecords<'a> {
    read_lines(
        path,
        text.split('\n').enumerate().map(|(i, l)| (i as u32 + 1, l)),
        text.len(),
    )
}

/// Reads numbered lines (line numbers may skip lines that could not be
/// decoded); `bytes` is the file's size, to size the buffers.
fn read_lines<'a>(
    path: &str,
    lines: impl Iterator<Item = (u32, &'a str)>,
    bytes: usize,
) -> FileRecords<'a> {
    let mut errors = Vec::new();
    // The built-in files average a record per ~150 bytes; sizing up front
    // avoids regrowing (and copying) the list as it fills.
    let mut raws: Vec<RawRecord<'a>> = Vec::with_capacity(bytes / 128 + 1);
    let mut orphan_reported = false;
    for (lineno, full_line) in lines {
        let full_line = full_line.strip_suffix('\r').unwrap_or(full_line);
        let line = strip_comment(full_line).trim_end();
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let err = |byte: usize, msg: String| {
            DictError::new(path, Span::new(lineno, col(full_line, byte)), msg)
        };
        // Byte offset of `line` inside `full_line` (non-zero only after a BOM).
        let base = full_line.len() - full_line.trim_start_matches('\u{feff}').len();
        let first = line.as_bytes()[0];
        if first == b' ' || first == b'\t' {
            let indent = line.len() - line.trim_start().len();
            let body = &line[indent..];
            let Some(raw) = raws.last_mut() else {
                if !orphan_reported {
                    errors.push(err(base + indent, "expected a record header (`country`, `person`, …) in column 1 before indented attributes".into()));
                    orphan_reported = true;
                }
                continue;
            };
            let Some(colon) = body.find(':') else {
                errors.push(err(
                    base + indent,
                    format!("expected `key: value`, found `{body}`"),
                ));
                continue;
            };
            let key = &body[..colon];
            if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase()) {
                errors.push(err(
                    base + indent,
                    format!("expected a lower-case key before `:`, found `{key}`"),
                ));
                continue;
            }
            let after = &body[colon + 1..];
            let value = after.trim();
            let value_byte = base + indent + colon + 1 + (after.len() - after.trim_start().len());
            raw.attrs.push(RawAttr {
                key,
                key_span: Span::new(lineno, col(full_line, base + indent)),
                value,
                value_span: Span::new(lineno, col(full_line, value_byte)),
                line: full_line,
                value_byte,
            });
        } else {
            let kw_end = line.find([' ', '\t']).unwrap_or(line.len());
            let keyword = &line[..kw_end];
            let rest = &line[kw_end..];
            let args = rest.trim();
            let args_byte = base + kw_end + (rest.len() - rest.trim_start().len());
            if !KEYWORDS.contains(&keyword) {
                errors.push(err(
                    base,
                    format!("expected a record keyword (country, person, org, group, agent, event, synset, irregular, drop) or an indented attribute, found `{keyword}`"),
                ));
                // Attributes that follow belong to no record: swallow them
                // silently rather than reporting each one.
                raws.push(RawRecord {
                    keyword: "",
                    span: Span::new(lineno, 1),
                    args: "",
                    args_span: Span::default(),
                    header: full_line,
                    args_byte: 0,
                    attrs: Vec::new(),
                });
                continue;
            }
            raws.push(RawRecord {
                keyword,
                span: Span::new(lineno, col(full_line, base)),
                args,
                args_span: Span::new(lineno, col(full_line, args_byte)),
                header: full_line,
                args_byte,
                // Most records have two to four attribute lines.
                attrs: Vec::with_capacity(4),
            });
        }
    }
    let mut records = Vec::with_capacity(raws.len());
    for raw in &raws {
        if raw.keyword.is_empty() {
            continue;
        }
        let mut cx = Cx {
            path,
            errors: &mut errors,
            failed: false,
        };
        let record = match raw.keyword {
            "country" => cx.country(raw).map(Record::Country),
            "person" => cx.person(raw).map(Record::Person),
            "org" => cx.org(raw, false).map(Record::Org),
            "group" => cx.org(raw, true).map(Record::Org),
            "agent" => cx.agent(raw).map(Record::Agent),
            "event" => cx.event(raw).map(Record::Event),
            "synset" => cx.synset(raw).map(Record::Synset),
            "irregular" => cx.irregular(raw).map(Record::Irregular),
            "drop" => cx.drop_rec(raw).map(Record::Drop),
            _ => None,
        };
        // A record whose header could not be read is dropped; one with bad
        // attributes is kept without them, so that one typo does not cascade
        // into "unknown country" errors elsewhere (its errors still fail the load).
        if let Some(record) = record {
            records.push(Located {
                record,
                span: raw.span,
            });
        }
    }
    FileRecords {
        path: path.to_string(),
        records,
        errors,
    }
}

/// Conversion context: collects errors, remembers whether the current record failed.
struct Cx<'e> {
    path: &'e str,
    errors: &'e mut Vec<DictError>,
    failed: bool,
}

impl Cx<'_> {
    fn err(&mut self, span: Span, msg: impl Into<String>) {
        self.errors.push(DictError::new(self.path, span, msg));
        self.failed = true;
    }

    /// Splits header arguments into the first `n` words and the rest (the
    /// rest may be required).
    fn header_words<'a>(
        &mut self,
        raw: &RawRecord<'a>,
        n: usize,
        what: &str,
        rest_required: bool,
    ) -> Option<(Vec<Spanned<&'a str>>, Spanned<&'a str>)> {
        let mut words = Vec::new();
        let mut pos = raw.args_byte;
        let line = raw.header;
        for _ in 0..n {
            let s = &line[pos..];
            let skip = s.len() - s.trim_start().len();
            pos += skip;
            let s = &line[pos..];
            let end = s.find([' ', '\t']).unwrap_or(s.len());
            if end == 0 {
                self.err(
                    Span::new(raw.span.line, col(line, pos)),
                    format!("expected {what} after `{}`", raw.keyword),
                );
                return None;
            }
            words.push(Spanned {
                value: &s[..end],
                span: Span::new(raw.span.line, col(line, pos)),
            });
            pos += end;
        }
        let s = &line[pos..];
        let skip = s.len() - s.trim_start().len();
        pos += skip;
        let rest = strip_comment(&line[pos..]).trim_end();
        if rest_required && rest.is_empty() {
            self.err(
                Span::new(raw.span.line, col(line, pos)),
                format!("expected {what} after `{}`", raw.keyword),
            );
            return None;
        }
        Some((
            words,
            Spanned {
                value: rest,
                span: Span::new(raw.span.line, col(line, pos)),
            },
        ))
    }

    /// Splits a `;` list, reporting empty items with their column.
    fn list<'a>(&mut self, a: &RawAttr<'a>) -> Vec<Spanned<&'a str>> {
        let mut out = Vec::new();
        let mut start = 0usize;
        let v = a.value;
        if v.is_empty() {
            self.err(
                a.value_span,
                format!("expected a `;`-separated list after `{}:`", a.key),
            );
            return out;
        }
        for piece in v.split(';') {
            let trimmed = piece.trim();
            let lead = piece.len() - piece.trim_start().len();
            let span = Span::new(a.key_span.line, col(a.line, a.value_byte + start + lead));
            if trimmed.is_empty() {
                self.err(
                    span,
                    format!("expected a list item in `{}:`, found an empty item", a.key),
                );
            } else {
                out.push(Spanned {
                    value: trimmed,
                    span,
                });
            }
            start += piece.len() + 1;
        }
        out
    }

    fn single<'a>(&mut self, seen: &mut Vec<&'a str>, a: &RawAttr<'a>) -> bool {
        if seen.contains(&a.key) {
            self.err(
                a.key_span,
                format!("expected `{}:` at most once in a record", a.key),
            );
            return false;
        }
        seen.push(a.key);
        true
    }

    fn unknown_key(&mut self, a: &RawAttr<'_>, kind: &str, allowed: &str) {
        self.err(
            a.key_span,
            format!(
                "expected one of the keys {allowed} in a `{kind}` record, found `{}:`",
                a.key
            ),
        );
    }

    fn range(&mut self, a: &RawAttr<'_>) -> DateRange {
        match DateRange::parse(a.value) {
            Ok(r) => r,
            Err(m) => {
                self.err(a.value_span, m);
                DateRange::ALWAYS
            }
        }
    }

    fn iso3(&mut self, s: &str, span: Span) -> Option<Iso3> {
        let r = Iso3::parse(s);
        if r.is_none() {
            self.err(
                span,
                format!("expected an ISO3 country code (three upper-case letters), found `{s}`"),
            );
        }
        r
    }

    fn country<'a>(&mut self, raw: &RawRecord<'a>) -> Option<CountryRec<'a>> {
        let (w, name) = self.header_words(raw, 1, "an ISO3 code and a canonical name", true)?;
        let iso3 = self.iso3(w[0].value, w[0].span)?;
        let mut rec = CountryRec {
            iso3,
            name,
            names: vec![],
            adjectives: vec![],
            government: vec![],
            status: None,
            valid: DateRange::ALWAYS,
        };
        let mut seen = Vec::new();
        for a in &raw.attrs {
            match a.key {
                "names" => rec.names.extend(self.list(a)),
                "adjectives" => rec.adjectives.extend(self.list(a)),
                "government" => rec.government.extend(self.list(a)),
                "status" => {
                    if self.single(&mut seen, a) {
                        rec.status = match a.value {
                            "member" => Some(CountryStatus::Member),
                            "observer" => Some(CountryStatus::Observer),
                            "other" => Some(CountryStatus::Other),
                            v => {
                                self.err(
                                    a.value_span,
                                    format!(
                                        "expected `member`, `observer` or `other`, found `{v}`"
                                    ),
                                );
                                None
                            }
                        };
                    }
                }
                "valid" => {
                    if self.single(&mut seen, a) {
                        rec.valid = self.range(a);
                    }
                }
                _ => self.unknown_key(a, "country", "names, adjectives, government, status, valid"),
            }
        }
        Some(rec)
    }

    fn person<'a>(&mut self, raw: &RawRecord<'a>) -> Option<PersonRec<'a>> {
        let (_, name) = self.header_words(raw, 0, "the person's full name", true)?;
        let mut rec = PersonRec {
            name,
            names: vec![],
            roles: vec![],
        };
        for a in &raw.attrs {
            match a.key {
                "names" => rec.names.extend(self.list(a)),
                "role" => {
                    if let Some(r) = self.role(a) {
                        rec.roles.push(r);
                    }
                }
                _ => self.unknown_key(a, "person", "names, role"),
            }
        }
        Some(rec)
    }

    /// `role: WHERE SECTORS FROM..TO title`.
    fn role<'a>(&mut self, a: &RawAttr<'a>) -> Option<RoleRec<'a>> {
        // WHERE, SECTORS and the range: a fixed array, no allocation per role.
        let mut fields: [(&'a str, Span); 3] = [("", Span::default()); 3];
        let mut pos = a.value_byte;
        let line = a.line;
        for n in 0..3 {
            let s = &line[pos..];
            pos += s.len() - s.trim_start().len();
            let s = strip_comment(&line[pos..]).trim_end();
            let end = s.find([' ', '\t']).unwrap_or(s.len());
            if end == 0 {
                let what = [
                    "WHERE (an ISO3 code or org:ID)",
                    "SECTORS (e.g. GOV or GOV,MIL, or -)",
                    "a date range FROM..TO",
                ][n];
                self.err(
                    Span::new(a.key_span.line, col(line, pos)),
                    format!("expected {what} in `role:` (WHERE SECTORS FROM..TO title)"),
                );
                return None;
            }
            fields[n] = (&s[..end], Span::new(a.key_span.line, col(line, pos)));
            pos += end;
        }
        let title = strip_comment(&line[pos..]).trim();
        let (w, wspan) = fields[0];
        let place = if let Some(id) = w.strip_prefix("org:") {
            match OrgId::parse(id) {
                Some(id) => RoleWhere::Org(id),
                None => {
                    self.err(wspan, format!("expected an organisation id after `org:` (upper-case letters and digits), found `{id}`"));
                    return None;
                }
            }
        } else {
            match Iso3::parse(w) {
                Some(c) => RoleWhere::Country(c),
                None => {
                    self.err(
                        wspan,
                        format!("expected WHERE to be an ISO3 code or org:ID, found `{w}`"),
                    );
                    return None;
                }
            }
        };
        let (s, sspan) = fields[1];
        let mut sectors = Vec::new();
        if s != "-" {
            for part in s.split(',') {
                match Sector::parse(part) {
                    Some(sec) => sectors.push(sec),
                    None => {
                        self.err(sspan, format!("expected comma-separated sector codes of three upper-case letters (or `-`), found `{s}`"));
                        return None;
                    }
                }
            }
        }
        let (r, rspan) = fields[2];
        let valid = match DateRange::parse(r) {
            Ok(v) => v,
            Err(m) => {
                self.err(rspan, m);
                return None;
            }
        };
        Some(RoleRec {
            place,
            sectors,
            valid,
            title,
            span: a.value_span,
            sectors_span: sspan,
        })
    }

    fn org<'a>(&mut self, raw: &RawRecord<'a>, is_group: bool) -> Option<OrgRec<'a>> {
        let kind = if is_group { "group" } else { "org" };
        let (w, name) =
            self.header_words(raw, 2, "an ID, an actor CODE and a canonical name", true)?;
        let id = OrgId::parse(w[0].value);
        if id.is_none() {
            self.err(
                w[0].span,
                format!(
                    "expected an upper-case id (letters, digits, - or _), found `{}`",
                    w[0].value
                ),
            );
        }
        if !is_actor_code(w[1].value) {
            self.err(w[1].span, format!("expected an actor code of three or more upper-case letters or digits, found `{}`", w[1].value));
        }
        let mut rec = OrgRec {
            is_group,
            id: id?,
            code: w[1].value,
            name,
            names: vec![],
            adjectives: vec![],
            org_type: None,
            parent: None,
            members: vec![],
            valid: DateRange::ALWAYS,
            country: None,
        };
        let mut seen = Vec::new();
        for a in &raw.attrs {
            match a.key {
                "names" => rec.names.extend(self.list(a)),
                "adjectives" => rec.adjectives.extend(self.list(a)),
                "type" => {
                    if self.single(&mut seen, a) {
                        if a.value.is_empty() {
                            self.err(a.value_span, "expected a type after `type:` (igo, ngo, court, bank, alliance, armed group, …)");
                        }
                        rec.org_type = Some(a.value);
                    }
                }
                "parent" => {
                    if self.single(&mut seen, a) {
                        match OrgId::parse(a.value) {
                            Some(p) => {
                                rec.parent = Some(Spanned {
                                    value: p,
                                    span: a.value_span,
                                })
                            }
                            None => self.err(
                                a.value_span,
                                format!(
                                    "expected an organisation id after `parent:`, found `{}`",
                                    a.value
                                ),
                            ),
                        }
                    }
                }
                "members" => {
                    for it in self.list(a) {
                        if let Some(c) = self.iso3(it.value, it.span) {
                            rec.members.push(Spanned {
                                value: c,
                                span: it.span,
                            });
                        }
                    }
                }
                "valid" => {
                    if self.single(&mut seen, a) {
                        rec.valid = self.range(a);
                    }
                }
                "country" if is_group => {
                    if self.single(&mut seen, a) {
                        if let Some(c) = self.iso3(a.value, a.value_span) {
                            rec.country = Some(Spanned {
                                value: c,
                                span: a.value_span,
                            });
                        }
                    }
                }
                _ => {
                    let allowed = if is_group {
                        "names, adjectives, type, parent, members, valid, country"
                    } else {
                        "names, adjectives, type, parent, members, valid"
                    };
                    self.unknown_key(a, kind, allowed)
                }
            }
        }
        Some(rec)
    }

    fn agent<'a>(&mut self, raw: &RawRecord<'a>) -> Option<AgentRec<'a>> {
        let (w, desc) = self.header_words(
            raw,
            1,
            "a sector CODE (three upper-case letters) and a description",
            false,
        )?;
        let Some(code) = Sector::parse(w[0].value) else {
            self.err(
                w[0].span,
                format!(
                    "expected an agent code of three upper-case letters, found `{}`",
                    w[0].value
                ),
            );
            return None;
        };
        let mut rec = AgentRec {
            code,
            description: desc.value,
            nouns: vec![],
            adjectives: vec![],
        };
        for a in &raw.attrs {
            match a.key {
                "nouns" => {
                    for it in self.list(a) {
                        let noun = match it.value.split_once('/') {
                            Some((s, p)) => {
                                let (s, p) = (s.trim(), p.trim());
                                if s.is_empty() || p.is_empty() || p.contains('/') {
                                    self.err(
                                        it.span,
                                        format!("expected `singular/plural`, found `{}`", it.value),
                                    );
                                    continue;
                                }
                                AgentNoun {
                                    singular: s,
                                    plural: Some(p),
                                }
                            }
                            None => AgentNoun {
                                singular: it.value,
                                plural: None,
                            },
                        };
                        rec.nouns.push(Spanned {
                            value: noun,
                            span: it.span,
                        });
                    }
                }
                "adjectives" => rec.adjectives.extend(self.list(a)),
                _ => self.unknown_key(a, "agent", "nouns, adjectives"),
            }
        }
        Some(rec)
    }

    fn event<'a>(&mut self, raw: &RawRecord<'a>) -> Option<EventRec<'a>> {
        let (w, label) = self.header_words(raw, 1, "a CAMEO code and a short label", false)?;
        let code = match w[0].value.parse::<CameoCode>() {
            Ok(c) => c,
            Err(e) => {
                self.err(w[0].span, e.to_string());
                return None;
            }
        };
        let mut rec = EventRec {
            code: Spanned {
                value: code,
                span: w[0].span,
            },
            label: label.value,
            patterns: vec![],
        };
        for a in &raw.attrs {
            let kind = match a.key {
                "verb" => PatternKind::Verb,
                "noun" => PatternKind::Noun,
                _ => {
                    self.unknown_key(a, "event", "verb, noun");
                    continue;
                }
            };
            if a.value.is_empty() {
                self.err(
                    a.value_span,
                    format!("expected a pattern after `{}:`", a.key),
                );
                continue;
            }
            // Full syntax is checked by the pattern compiler, which needs
            // the synsets of every file; only emptiness is checked here.
            rec.patterns.push((
                kind,
                Spanned {
                    value: a.value,
                    span: a.value_span,
                },
            ));
        }
        Some(rec)
    }

    fn synset<'a>(&mut self, raw: &RawRecord<'a>) -> Option<SynsetRec<'a>> {
        let (w, rest) = self.header_words(raw, 1, "a synset NAME", false)?;
        if !rest.value.is_empty() {
            self.err(
                rest.span,
                format!(
                    "expected nothing after the synset name, found `{}`",
                    rest.value
                ),
            );
        }
        let name = w[0].value;
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            self.err(
                w[0].span,
                format!("expected a synset name of letters, digits and `_`, found `{name}`"),
            );
        }
        let mut rec = SynsetRec {
            name: Spanned {
                value: name,
                span: w[0].span,
            },
            words: vec![],
        };
        for a in &raw.attrs {
            match a.key {
                "words" => {
                    let l = self.list(a);
                    for it in &l {
                        let q = it.value.matches('"').count();
                        if q != 0
                            && !(q == 2
                                && it.value.starts_with('"')
                                && it.value.ends_with('"')
                                && it.value.len() > 2)
                        {
                            self.err(
                                it.span,
                                format!(
                                    "expected a word or a \"quoted phrase\", found `{}`",
                                    it.value
                                ),
                            );
                        }
                    }
                    rec.words.extend(l);
                }
                _ => self.unknown_key(a, "synset", "words"),
            }
        }
        if rec.words.is_empty() && !self.failed {
            self.err(
                raw.span,
                format!("expected at least one `words:` line in synset `{name}`"),
            );
        }
        Some(rec)
    }

    fn irregular<'a>(&mut self, raw: &RawRecord<'a>) -> Option<IrregularRec<'a>> {
        let (w, rest) = self.header_words(raw, 1, "a verb lemma", false)?;
        if !rest.value.is_empty() {
            self.err(
                rest.span,
                format!("expected one word (the lemma), found also `{}`", rest.value),
            );
        }
        let mut rec = IrregularRec {
            lemma: w[0],
            forms: vec![],
        };
        for a in &raw.attrs {
            match a.key {
                "forms" => {
                    for it in self.list(a) {
                        if it.value.contains(char::is_whitespace) {
                            self.err(
                                it.span,
                                format!("expected a single-word form, found `{}`", it.value),
                            );
                        } else {
                            rec.forms.push(it);
                        }
                    }
                }
                _ => self.unknown_key(a, "irregular", "forms"),
            }
        }
        if rec.forms.is_empty() && !self.failed {
            self.err(
                raw.span,
                format!(
                    "expected a `forms:` line for irregular verb `{}`",
                    w[0].value
                ),
            );
        }
        Some(rec)
    }

    fn drop_rec<'a>(&mut self, raw: &RawRecord<'a>) -> Option<DropRec<'a>> {
        if raw.args != "names" {
            self.err(
                raw.args_span,
                format!("expected `drop names`, found `drop {}`", raw.args),
            );
            return None;
        }
        let mut rec = DropRec { unnames: vec![] };
        for a in &raw.attrs {
            match a.key {
                "unname" => {
                    if a.value.is_empty() {
                        self.err(a.value_span, "expected a name after `unname:`");
                    } else {
                        rec.unnames.push(Spanned {
                            value: a.value,
                            span: a.value_span,
                        });
                    }
                }
                _ => self.unknown_key(a, "drop", "unname"),
            }
        }
        Some(rec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Record<'_> {
        let r = read_str("t.txt", text);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.records.len(), 1);
        r.records.into_iter().next().unwrap().record
    }

    fn errs(text: &str) -> Vec<String> {
        read_str("t.txt", text)
            .errors
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_country_with_comments_and_lists() {
        let r = one("# header comment\ncountry CHN China   # trailing\n\tnames: PRC; People's Republic of China ;C#\n    adjectives: Chinese; Sino-\n    government: Beijing\n    status: member\n    valid: 1949-10-01..\n");
        let Record::Country(c) = r else { panic!() };
        assert_eq!(c.iso3.as_str(), "CHN");
        assert_eq!(c.name.value, "China");
        let names: Vec<_> = c.names.iter().map(|n| n.value).collect();
        assert_eq!(names, ["PRC", "People's Republic of China", "C#"]);
        assert_eq!(c.names[1].span, Span::new(3, 14));
        assert_eq!(c.adjectives[1].value, "Sino-");
        assert_eq!(c.status, Some(CountryStatus::Member));
        assert_eq!(c.valid.from.unwrap().to_string(), "1949-10-01");
    }

    #[test]
    fn reads_person_roles() {
        let r = one("person Li Zhanshu\n    names: Li Zhanshu; Li\n    role: CHN LEG 2018-03-17..2023-03-10 Chairman of the NPC Standing Committee\n    role: org:NATO GOV,MIL 2012-09.. Adviser\n    role: USA - ..2000\n");
        let Record::Person(p) = r else { panic!() };
        assert_eq!(p.roles.len(), 3);
        assert_eq!(
            p.roles[0].place,
            RoleWhere::Country(Iso3::parse("CHN").unwrap())
        );
        assert_eq!(p.roles[0].title, "Chairman of the NPC Standing Committee");
        assert_eq!(
            p.roles[1].place,
            RoleWhere::Org(OrgId::parse("NATO").unwrap())
        );
        assert_eq!(p.roles[1].sectors.len(), 2);
        assert!(p.roles[2].sectors.is_empty() && p.roles[2].title.is_empty());
    }

    #[test]
    fn reads_org_group_agent_event_synset_irregular_drop() {
        let text = "org NATO IGOWSTNAT North Atlantic Treaty Organization\n  names: the Atlantic alliance\n  type: alliance\n  members: USA; GBR\n\
group WAG RUSMILWAG Wagner Group\n  country: RUS\n\
agent GOV Government\n  nouns: official; spokesman/spokesmen; foreign minister\n  adjectives: governmental\n\
event 163 Impose sanctions\n  verb: impose &SANCTION (on|against) +\n  noun: &SANCTION (on|against) +\n\
synset SANCTION\n  words: sanction; \"export controls\"\n\
irregular lead\n  forms: leads; led; leading\n\
drop names\n  unname: Washington\n";
        let r = read_str("t.txt", text);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.records.len(), 7);
        let Record::Agent(a) = &r.records[2].record else {
            panic!()
        };
        assert_eq!(a.nouns[1].value.plural, Some("spokesmen"));
        let Record::Event(e) = &r.records[3].record else {
            panic!()
        };
        assert_eq!(e.patterns.len(), 2);
        assert_eq!(e.patterns[1].0, PatternKind::Noun);
    }

    #[test]
    fn every_error_kind_has_position() {
        let cases: &[(&str, &str)] = &[
            ("  names: x\n", "t.txt:1:3: expected a record header"),
            (
                "countri CHN China\n",
                "t.txt:1:1: expected a record keyword",
            ),
            (
                "country CHN China\n  names X\n",
                "t.txt:2:3: expected `key: value`",
            ),
            (
                "country CHN China\n  Names: X\n",
                "t.txt:2:3: expected a lower-case key",
            ),
            (
                "country CHN China\n  names: A;;B\n",
                "t.txt:2:12: expected a list item in `names:`, found an empty item",
            ),
            (
                "country CHN China\n  names:\n",
                "t.txt:2:9: expected a `;`-separated list",
            ),
            (
                "country chn China\n",
                "t.txt:1:9: expected an ISO3 country code",
            ),
            (
                "country CHN\n",
                "t.txt:1:12: expected an ISO3 code and a canonical name",
            ),
            (
                "country CHN China\n  capital: Beijing\n",
                "t.txt:2:3: expected one of the keys names, adjectives",
            ),
            (
                "country CHN China\n  status: member\n  status: other\n",
                "t.txt:3:3: expected `status:` at most once",
            ),
            (
                "country CHN China\n  status: maybe\n",
                "t.txt:2:11: expected `member`, `observer` or `other`",
            ),
            (
                "country CHN China\n  valid: 2020-02-30..\n",
                "t.txt:2:10: invalid date 2020-02-30",
            ),
            (
                "country CHN China\n  valid: 2020\n",
                "t.txt:2:10: expected a date range",
            ),
            (
                "person X Y\n  role: CHN GOV\n",
                "t.txt:2:16: expected a date range FROM..TO in `role:`",
            ),
            (
                "person X Y\n  role: China GOV 2020..\n",
                "t.txt:2:9: expected WHERE to be an ISO3 code or org:ID",
            ),
            (
                "person X Y\n  role: CHN gov 2020..\n",
                "t.txt:2:13: expected comma-separated sector codes",
            ),
            (
                "person X Y\n  role: org:nato GOV 2020..\n",
                "t.txt:2:9: expected an organisation id after `org:`",
            ),
            (
                "org nato IGOWSTNAT NATO\n",
                "t.txt:1:5: expected an upper-case id",
            ),
            ("org NATO igo NATO\n", "t.txt:1:10: expected an actor code"),
            (
                "org NATO IGOWSTNAT\n",
                "t.txt:1:19: expected an ID, an actor CODE and a canonical name",
            ),
            (
                "agent GOVT Government\n",
                "t.txt:1:7: expected an agent code",
            ),
            (
                "agent GOV Government\n  nouns: a/b/c\n",
                "t.txt:2:10: expected `singular/plural`",
            ),
            ("event 21 Nothing\n", "t.txt:1:7: expected a CAMEO code"),
            (
                "event 01 X\n  verb:\n",
                "t.txt:2:8: expected a pattern after `verb:`",
            ),
            (
                "synset S\n",
                "t.txt:1:1: expected at least one `words:` line",
            ),
            (
                "synset S\n  words: a\"b\n",
                "t.txt:2:10: expected a word or a \"quoted phrase\"",
            ),
            (
                "irregular go\n  forms: goes; went away\n",
                "t.txt:2:16: expected a single-word form",
            ),
            ("irregular go\n", "t.txt:1:1: expected a `forms:` line"),
            ("drop people\n", "t.txt:1:6: expected `drop names`"),
            (
                "drop names\n  unname:\n",
                "t.txt:2:10: expected a name after `unname:`",
            ),
            (
                "org NATO IGOWSTNAT NATO\n  type:\n",
                "t.txt:2:8: expected a type after `type:`",
            ),
        ];
        for (text, want) in cases {
            let got = errs(text);
            assert!(
                got.iter().any(|g| g.starts_with(want)),
                "input {text:?}: wanted `{want}`, got {got:?}"
            );
        }
    }

    #[test]
    fn collects_all_errors_of_a_file() {
        let got = errs("country chn China\ncountry CHN China\n  status: x\nperson A\n  role: ZZ GOV 2020..\nbogus\n");
        assert_eq!(got.len(), 4, "{got:?}");
        let r = read_str(
            "t.txt",
            "country chn China\ncountry RUS Russia\n  names: A;;B\n  status: x\n",
        );
        assert_eq!(r.records.len(), 1, "good records survive a bad one");
        let Record::Country(c) = &r.records[0].record else {
            panic!()
        };
        assert_eq!(
            c.names.len(),
            2,
            "bad attributes are left out, the record kept"
        );
        assert_eq!(c.status, None);
    }

    #[test]
    fn invalid_utf8_reports_position() {
        let r = read_bytes("t.txt", b"country CHN China\n  names: A\xffB\n");
        assert_eq!(
            r.errors[0].to_string(),
            "t.txt:2:11: expected UTF-8 text, found an invalid byte at byte offset 28"
        );
    }

    #[test]
    fn columns_count_characters() {
        let got = errs("country CHN Côte\n  nâmes: x\n");
        assert!(got[0].starts_with("t.txt:2:3:"), "{got:?}");
        let got = errs("country CIV Côte d'Ivoire\n  names: Côte;;x\n");
        assert!(got[0].starts_with("t.txt:2:15:"), "{got:?}");
    }
}
