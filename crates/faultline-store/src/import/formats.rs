//! Column layouts of the importable formats and the row parser.
//!
//! Column orders follow each dataset's public codebook:
//!
//! * **GDELT 1.0** (event codebook V1.03): `GLOBALEVENTID, SQLDATE,
//!   MonthYear, Year, FractionDate`, then Actor1 and Actor2 blocks of 10
//!   (`Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
//!   Religion2Code, Type1Code, Type2Code, Type3Code`), `IsRootEvent,
//!   EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale,
//!   NumMentions, NumSources, NumArticles, AvgTone`, three geography blocks
//!   of 7 (`Type, FullName, CountryCode, ADM1Code, Lat, Long, FeatureID`),
//!   `DATEADDED` (57 columns), plus `SOURCEURL` from 2013-04-01 (58).
//! * **GDELT 2.0** (event codebook V2.0): as 1.0, but the geography blocks
//!   have 8 columns (`ADM2Code` after `ADM1Code`), `DATEADDED` is
//!   `YYYYMMDDHHMMSS` and `SOURCEURL` is always present (61 columns).
//! * **ICEWS** (Dataverse event files): `Event ID, Event Date, Source Name,
//!   Source Sectors, Source Country, Event Text, CAMEO Code, Intensity,
//!   Target Name, Target Sectors, Target Country, Story ID, Sentence Number,
//!   Publisher, City, District, Province, Country, Latitude, Longitude`.
//! * **Phoenix** (OEDA Phoenix data documentation): `EventID, Date, Year,
//!   Month, Day, SourceActorFull, SourceActorEntity, SourceActorRole,
//!   SourceActorAttribute, TargetActorFull, TargetActorEntity,
//!   TargetActorRole, TargetActorAttribute, EventCode, EventRootCode,
//!   PentaClass, GoldsteinScore, Issues, Lat, Lon, LocationName, StateName,
//!   CountryCode, SentenceID, URLs, NewsSources`.
//! * **POLECAT** (POLECAT codebook): the 40 columns of [`POLECAT_COLUMNS`];
//!   when the file has a header its names are used instead, so a release
//!   that reorders columns still imports.

use std::collections::{BTreeMap, HashMap};
use std::ops::RangeInclusive;

use faultline_dict::{ActorKind, Dictionaries};
use faultline_ontology::{CameoCode, Ontology, PloverEvent};
use faultline_text::Date;

use crate::record::{ActorRow, EventRow};
use crate::store::EVENT_COLUMNS;
use super::Format;

/// Event years accepted on import. Outside this range a date is almost
/// certainly a corrupt field (GDELT's back file starts in 1979, ICEWS in
/// 1995); the row is rejected rather than filed under year 9999.
pub const PLAUSIBLE_YEARS: RangeInclusive<i32> = 1900..=2100;

/// POLECAT's 40 columns in codebook order.
pub const POLECAT_COLUMNS: [&str; 40] = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
    "Headline",
];

/// Parses `YYYYMMDD` (GDELT, Phoenix), checking the calendar and
/// [`PLAUSIBLE_YEARS`].
pub fn parse_compact_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return Err(format!("date `{s}` is not YYYYMMDD"));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    checked_date(n(0..4) as i32, n(4..6), n(6..8), s)
}

/// Parses `YYYY-MM-DD` (ICEWS, POLECAT, Faultline CSV), checking the
/// calendar and [`PLAUSIBLE_YEARS`].
pub fn parse_iso_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        return Err(format!("date `{s}` is not YYYY-MM-DD"));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    checked_date(n(0..4) as i32, n(5..7), n(8..10), s)
}

fn checked_date(y: i32, m: u32, d: u32, s: &str) -> Result<Date, String> {
    if !PLAUSIBLE_YEARS.contains(&y) {
        return Err(format!(
            "date `{s}` out of range (years {}-{} accepted)",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        ));
    }
    Date::from_ymd(y, m, d).map_err(|_| format!("date `{s}` out of range (no such day)"))
}

/// Splits one CSV line (RFC 4180 quoting; a quoted field may not span
/// lines, since the importers are line-based).
pub fn split_csv_line(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && at_start {
            quoted = true;
            at_start = false;
        } else if c == ',' {
            out.push(std::mem::take(&mut field));
            at_start = true;
        } else {
            field.push(c);
            at_start = false;
        }
    }
    if quoted {
        return Err("unterminated quoted field".to_owned());
    }
    out.push(field);
    Ok(out)
}

/// Row parser for one file: holds the per-file state (header handling,
/// the file key for ICEWS ids, the country name cache).
pub(crate) struct Parser<'a> {
    format: Format,
    ontology: &'a Ontology,
    dicts: &'a Dictionaries,
    file_key: String,
    names: HashMap<String, Option<String>>,
    unmapped: BTreeMap<String, usize>,
    /// Column index per name for header-driven formats (POLECAT, CSV).
    columns: Option<HashMap<String, usize>>,
    /// Known ISO3 codes as a 26³ bitmap: the per-row check must not scan
    /// the country list (two look-ups per row, millions of rows).
    known: Vec<bool>,
}

/// Index of an upper-case three-letter code in a 26³ table.
fn iso3_slot(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase))
        .then(|| (usize::from(b[0] - b'A') * 26 + usize::from(b[1] - b'A')) * 26 + usize::from(b[2] - b'A'))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "NA" && s != "NULL").then(|| s.to_owned())
}

impl<'a> Parser<'a> {
    pub(crate) fn new(format: Format, ontology: &'a Ontology, dicts: &'a Dictionaries, file_key: String) -> Parser<'a> {
        let mut known = vec![false; 26 * 26 * 26];
        for c in dicts.countries() {
            if let Some(i) = iso3_slot(c.iso3.as_str()) {
                known[i] = true;
            }
        }
        Parser { format, ontology, dicts, file_key, names: HashMap::new(), unmapped: BTreeMap::new(), columns: None, known }
    }

    pub(crate) fn take_unmapped(&mut self) -> BTreeMap<String, usize> {
        std::mem::take(&mut self.unmapped)
    }

    /// One line: `Ok(None)` for a header or blank line, `Err(why)` for a
    /// malformed row.
    pub(crate) fn parse_line(&mut self, line: usize, bytes: &[u8]) -> Result<Option<EventRow>, String> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        match self.format {
            Format::Gdelt1 | Format::Gdelt2 => {
                let f: Vec<&str> = text.split('\t').collect();
                self.gdelt(&f)
            }
            Format::Icews => {
                let f: Vec<&str> = text.split('\t').collect();
                if line == 1 && f.first().is_some_and(|h| h.trim() == "Event ID") {
                    return Ok(None);
                }
                self.icews(&f)
            }
            Format::Phoenix => {
                let owned = split_csv_line(text)?;
                let f: Vec<&str> = owned.iter().map(String::as_str).collect();
                if line == 1 && f.first().is_some_and(|h| h.eq_ignore_ascii_case("EventID") || h.eq_ignore_ascii_case("aid")) {
                    return Ok(None);
                }
                self.phoenix(&f)
            }
            Format::Polecat => {
                let f: Vec<&str> = text.split('\t').collect();
                if line == 1 && f.first().is_some_and(|h| h.trim() == "Event ID") {
                    self.columns = Some(f.iter().enumerate().map(|(i, n)| (n.trim().to_ascii_lowercase(), i)).collect());
                    return Ok(None);
                }
                self.polecat(&f)
            }
            Format::Csv => {
                let owned = split_csv_line(text)?;
                let f: Vec<&str> = owned.iter().map(String::as_str).collect();
                if line == 1 && f.first() == Some(&"event_id") {
                    self.columns = Some(f.iter().enumerate().map(|(i, n)| (n.to_string(), i)).collect());
                    return Ok(None);
                }
                self.faultline_csv(&f)
            }
        }
    }

    fn cameo(&self, s: &str) -> Result<CameoCode, String> {
        s.trim().parse::<CameoCode>().map_err(|_| format!("CAMEO code `{s}` is not a CAMEO code (2-4 digits, root 01-20)"))
    }

    /// A 3-letter code that is a known country, as ISO3.
    fn iso3(&self, s: &str) -> Option<String> {
        let s = s.trim();
        iso3_slot(s).filter(|i| self.known[*i]).map(|_| s.to_owned())
    }

    /// A country name (or ISO3 code) to ISO3 via the dictionaries; unknown
    /// names are counted in the report.
    fn country_name(&mut self, name: &str) -> Option<String> {
        let name = name.trim();
        if name.is_empty() || name == "NA" {
            return None;
        }
        if let Some(iso) = self.iso3(name) {
            return Some(iso);
        }
        if let Some(hit) = self.names.get(name) {
            if hit.is_none() {
                *self.unmapped.entry(name.to_owned()).or_default() += 1;
            }
            return hit.clone();
        }
        // Dataset spellings no dictionary name covers.
        const ALIASES: [(&str, &str); 1] = [("Occupied Palestinian Territory", "Palestine")];
        let canonical = ALIASES.iter().find(|(a, _)| *a == name).map_or(name, |(_, c)| c);
        let found = self.lookup_country(canonical).or_else(|| {
            // ICEWS writes some names inverted: "Moldova, Republic of".
            let (a, b) = name.split_once(", ")?;
            self.lookup_country(&format!("{b} {a}")).or_else(|| self.lookup_country(a))
        });
        if found.is_none() {
            *self.unmapped.entry(name.to_owned()).or_default() += 1;
        }
        self.names.insert(name.to_owned(), found.clone());
        found
    }

    fn lookup_country(&self, name: &str) -> Option<String> {
        self.dicts
            .lookup(name, None)
            .into_iter()
            .find(|r| matches!(r.kind, ActorKind::Country | ActorKind::Government) && r.country.is_some())
            .and_then(|r| r.country.map(|c| c.as_str().to_owned()))
    }

    fn goldstein(s: &str, what: &str) -> Result<Option<f64>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let g: f64 = s.parse().map_err(|_| format!("{what} `{s}` is not a number"))?;
        if !(-10.0..=10.0).contains(&g) {
            return Err(format!("{what} {g} is outside -10..10"));
        }
        Ok(Some(g))
    }

    fn gdelt(&mut self, f: &[&str]) -> Result<Option<EventRow>, String> {
        let (provenance, url_at) = match (self.format, f.len()) {
            (Format::Gdelt1, 57) => ("gdelt1", None),
            (Format::Gdelt1, 58) => ("gdelt1", Some(57)),
            (Format::Gdelt2, 61) => ("gdelt2", Some(60)),
            (Format::Gdelt1, n) => return Err(format!("expected 57 or 58 tab-separated columns (GDELT 1.0), found {n}")),
            (_, n) => return Err(format!("expected 61 tab-separated columns (GDELT 2.0), found {n}")),
        };
        let id = f[0].trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("GLOBALEVENTID `{id}` is not a number"));
        }
        let date = parse_compact_date(f[1].trim())?;
        let cameo = self.cameo(f[26])?;
        let mut ev = EventRow::imported(provenance, id.to_owned(), cameo, self.ontology);
        ev.date = Some(date);
        ev.source = self.gdelt_actor(&f[5..15]);
        ev.target = self.gdelt_actor(&f[15..25]);
        if let Some(g) = Self::goldstein(f[30], "GoldsteinScale")? {
            ev.goldstein = Some(g);
        }
        let quad = f[29].trim();
        if !quad.is_empty() {
            let q: u8 = quad.parse().ok().filter(|q| (1..=4).contains(q)).ok_or_else(|| format!("QuadClass `{quad}` is not 1-4"))?;
            ev.quad_class = Some(q);
        }
        ev.url = url_at.and_then(|i| non_empty(f[i]));
        Ok(Some(ev))
    }

    fn gdelt_actor(&self, a: &[&str]) -> ActorRow {
        ActorRow {
            code: a[0].trim().to_owned(),
            country: self.iso3(a[2]),
            org: non_empty(a[3]),
            sectors: a[7..10].iter().filter_map(|s| non_empty(s)).collect(),
            text: non_empty(a[1]),
        }
    }

    fn icews(&mut self, f: &[&str]) -> Result<Option<EventRow>, String> {
        if f.len() != 20 {
            return Err(format!("expected 20 tab-separated columns (ICEWS), found {}", f.len()));
        }
        let id = f[0].trim();
        if id.is_empty() {
            return Err("empty Event ID".to_owned());
        }
        let date = parse_iso_date(f[1].trim())?;
        let cameo = self.cameo(f[6])?;
        // ICEWS ids repeat across files: the file name makes them unique.
        let mut ev = EventRow::imported("icews", format!("{}#{id}", self.file_key), cameo, self.ontology);
        ev.event_id = id.to_owned();
        ev.date = Some(date);
        if let Some(g) = Self::goldstein(f[7], "Intensity")? {
            ev.goldstein = Some(g);
        }
        ev.source = self.icews_actor(f[2], f[3], f[4]);
        ev.target = self.icews_actor(f[8], f[9], f[10]);
        ev.doc_id = non_empty(f[11]);
        ev.sentence = f[12].trim().parse().ok();
        Ok(Some(ev))
    }

    fn icews_actor(&mut self, name: &str, sectors: &str, country: &str) -> ActorRow {
        let iso = self.country_name(country);
        let sectors = icews_sectors(sectors);
        let mut code = iso.clone().unwrap_or_default();
        if let Some(first) = sectors.first() {
            code.push_str(first);
        }
        ActorRow { code, country: iso, org: None, sectors, text: non_empty(name) }
    }

    fn phoenix(&mut self, f: &[&str]) -> Result<Option<EventRow>, String> {
        if f.len() != 26 {
            return Err(format!("expected 26 comma-separated columns (Phoenix), found {}", f.len()));
        }
        let id = f[0].trim();
        if id.is_empty() {
            return Err("empty EventID".to_owned());
        }
        let date = parse_compact_date(f[1].trim())?;
        let cameo = self.cameo(f[13])?;
        let mut ev = EventRow::imported("phoenix", id.to_owned(), cameo, self.ontology);
        ev.date = Some(date);
        if let Some(g) = Self::goldstein(f[16], "GoldsteinScore")? {
            ev.goldstein = Some(g);
        }
        let actor = |full: &str, entity: &str, role: &str, attr: &str| ActorRow {
            code: full.trim().to_owned(),
            country: self.iso3(entity),
            org: None,
            sectors: [role, attr].iter().filter_map(|s| non_empty(s)).collect(),
            text: None,
        };
        ev.source = actor(f[5], f[6], f[7], f[8]);
        ev.target = actor(f[9], f[10], f[11], f[12]);
        ev.doc_id = non_empty(f[23]);
        ev.url = non_empty(f[24]);
        Ok(Some(ev))
    }

    fn col<'f>(&self, f: &[&'f str], name: &str, default: usize) -> &'f str {
        let i = match &self.columns {
            Some(m) => m.get(&name.to_ascii_lowercase()).or_else(|| m.get(name)).copied(),
            None => Some(default),
        };
        i.and_then(|i| f.get(i)).copied().unwrap_or("")
    }

    fn polecat(&mut self, f: &[&str]) -> Result<Option<EventRow>, String> {
        let expected = self.columns.as_ref().map_or(POLECAT_COLUMNS.len(), HashMap::len);
        if f.len() != expected {
            return Err(format!("expected {expected} tab-separated columns (POLECAT), found {}", f.len()));
        }
        let c = |n: &str| self.col(f, n, POLECAT_COLUMNS.iter().position(|x| *x == n).unwrap_or(usize::MAX));
        let id = c("Event ID").trim().to_owned();
        if id.is_empty() {
            return Err("empty Event ID".to_owned());
        }
        let date = parse_iso_date(c("Event Date").trim())?;
        let ty = c("Event Type").trim();
        let (event, retired_mode) = match ty.parse::<PloverEvent>() {
            Ok(e) => (e, None),
            Err(e) => PloverEvent::from_retired(ty).ok_or_else(|| e.to_string())?,
        };
        let mode = non_empty(c("Event Mode")).map(|m| m.to_ascii_lowercase()).or(retired_mode.map(str::to_owned));
        let cameo = self.ontology.cameo_for_plover(event, mode.as_deref());
        let intensity = Self::goldstein(c("Event Intensity"), "Event Intensity")?;
        let contexts: Vec<String> = c("Contexts").split([';', ',']).filter_map(non_empty).collect();
        let (a_name, a_country, a_sectors) = (c("Actor Name"), c("Actor Country"), c("Actor Sectors"));
        let (r_name, r_country, r_sectors) = (c("Recipient Name"), c("Recipient Country"), c("Recipient Sectors"));
        let (a_primary, r_primary) = (c("Primary Actor Sector"), c("Primary Recipient Sector"));
        let mut ev = EventRow::imported("polecat", id, cameo, self.ontology);
        ev.date = Some(date);
        ev.goldstein = intensity.or(ev.goldstein);
        ev.quad_class = Some(event.quad_class().number());
        ev.plover_event = Some(event.as_str().to_owned());
        ev.plover_mode = mode;
        ev.plover_context = (!contexts.is_empty()).then(|| contexts.join(";"));
        ev.source = self.polecat_actor(a_name, a_country, a_primary, a_sectors);
        ev.target = self.polecat_actor(r_name, r_country, r_primary, r_sectors);
        Ok(Some(ev))
    }

    fn polecat_actor(&mut self, name: &str, country: &str, primary: &str, sectors: &str) -> ActorRow {
        // Multi-valued cells are `;`-separated; the first value is the actor's.
        let iso = country.split(';').next().and_then(|c| self.country_name(c));
        let mut secs: Vec<String> = Vec::new();
        for s in std::iter::once(primary).chain(sectors.split(';')) {
            if let Some(s) = non_empty(s) {
                if !secs.contains(&s) {
                    secs.push(s);
                }
            }
        }
        ActorRow { code: iso.clone().unwrap_or_default(), country: iso, org: None, sectors: secs, text: non_empty(name) }
    }

    fn faultline_csv(&mut self, f: &[&str]) -> Result<Option<EventRow>, String> {
        let Some(cols) = &self.columns else {
            return Err("no header row: a Faultline CSV export starts with `event_id,...`".to_owned());
        };
        if f.len() != cols.len() {
            return Err(format!("expected {} comma-separated columns (as in the header), found {}", cols.len(), f.len()));
        }
        for required in EVENT_COLUMNS.iter().filter(|c| !matches!(**c, "trigger_text" | "event_id")) {
            let name = crate::export::csv_name(required);
            if !cols.contains_key(name) {
                return Err(format!("header lacks column `{name}`"));
            }
        }
        let c = |n: &str| -> &str { cols.get(n).and_then(|i| f.get(*i)).copied().unwrap_or("") };
        let opt = |n: &str| -> Option<String> { Some(c(n)).filter(|s| !s.is_empty()).map(str::to_owned) };
        let int = |n: &str| -> Result<Option<i64>, String> {
            opt(n).map(|s| s.parse().map_err(|_| format!("{n} `{s}` is not an integer"))).transpose()
        };
        let float = |n: &str| -> Result<Option<f64>, String> {
            opt(n).map(|s| s.parse().map_err(|_| format!("{n} `{s}` is not a number"))).transpose()
        };
        let boolean = |n: &str| -> Result<bool, String> {
            match c(n) {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                s => Err(format!("{n} `{s}` is not true/false")),
            }
        };
        let list = |n: &str| -> Vec<String> { c(n).split(';').filter(|s| !s.is_empty()).map(str::to_owned).collect() };
        let actor = |p: &str| ActorRow {
            code: c(&format!("{p}_code")).to_owned(),
            country: opt(&format!("{p}_country")),
            org: opt(&format!("{p}_org")),
            sectors: list(&format!("{p}_sectors")),
            text: opt(&format!("{p}_text")),
        };
        let provenance = c("provenance").to_owned();
        let original_id = c("original_id").to_owned();
        if provenance.is_empty() || original_id.is_empty() {
            return Err("empty provenance or original_id".to_owned());
        }
        let cameo = self.cameo(c("cameo"))?;
        let quad = int("quad_class")?;
        if let Some(q) = quad.filter(|q| !(1..=4).contains(q)) {
            return Err(format!("quad_class {q} is not 1-4"));
        }
        let goldstein = Self::goldstein(c("goldstein"), "goldstein")?;
        Ok(Some(EventRow {
            provenance,
            original_id,
            event_id: c("event_id").to_owned(),
            doc_id: opt("doc_id"),
            sentence: int("sentence")?,
            date: opt("date").map(|d| parse_iso_date(&d)).transpose()?,
            date_precision: c("date_precision").to_owned(),
            source: actor("source"),
            target: actor("target"),
            cameo: cameo.as_str().to_owned(),
            cameo_root: format!("{:02}", cameo.root()),
            goldstein,
            quad_class: quad.map(|q| q as u8),
            plover_event: opt("plover_event"),
            plover_mode: opt("plover_mode"),
            plover_context: opt("plover_context"),
            negated: boolean("negated")?,
            modality: c("modality").to_owned(),
            quantity_amount: float("quantity_amount")?,
            quantity_unit: opt("quantity_unit"),
            evidence_start: int("evidence_start")?,
            evidence_end: int("evidence_end")?,
            trigger_text: opt("trigger"),
            trigger_start: int("trigger_start")?,
            trigger_end: int("trigger_end")?,
            url: opt("url"),
            kept: boolean("kept")?,
        }))
    }
}

/// ICEWS sector names to CAMEO agent codes. ICEWS lists many fine-grained
/// sectors (`Executive,Foreign Ministry,Government`); only those with a
/// CAMEO agent equivalent are kept, in ICEWS order, without repeats.
fn icews_sectors(s: &str) -> Vec<String> {
    const MAP: [(&str, &str); 20] = [
        ("Government", "GOV"),
        ("Executive", "GOV"),
        ("Cabinet", "GOV"),
        ("Foreign Ministry", "GOV"),
        ("Military", "MIL"),
        ("Army", "MIL"),
        ("Police", "COP"),
        ("Legislative / Parliamentary", "LEG"),
        ("Parliamentary", "LEG"),
        ("Judicial", "JUD"),
        ("Business", "BUS"),
        ("Media", "MED"),
        ("News", "MED"),
        ("Education", "EDU"),
        ("Opposition", "OPP"),
        ("Rebel", "REB"),
        ("Insurgents", "INS"),
        ("Religious", "REL"),
        ("Nongovernmental Organizations", "NGO"),
        ("Elite", "ELI"),
    ];
    let mut out: Vec<String> = Vec::new();
    for part in s.split(',') {
        let part = part.trim();
        if let Some((_, code)) = MAP.iter().find(|(name, _)| part.eq_ignore_ascii_case(name) || part.starts_with(name)) {
            if !out.iter().any(|c| c == code) {
                out.push((*code).to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_compact_date("20230215").unwrap().to_string(), "2023-02-15");
        assert!(parse_compact_date("20231345").unwrap_err().contains("out of range"));
        assert!(parse_compact_date("18000101").unwrap_err().contains("out of range"));
        assert!(parse_compact_date("2023021").is_err());
        assert!(parse_iso_date("2018-02-30").unwrap_err().contains("no such day"));
        assert_eq!(parse_iso_date("2018-06-01").unwrap().to_string(), "2018-06-01");
    }

    #[test]
    fn csv_split() {
        assert_eq!(split_csv_line(r#"a,"b,c","d""e",,"#).unwrap(), ["a", "b,c", "d\"e", "", ""]);
        assert!(split_csv_line(r#"a,"b"#).is_err());
    }

    #[test]
    fn sectors() {
        assert_eq!(icews_sectors("Executive,Foreign Ministry,Government"), ["GOV"]);
        assert_eq!(icews_sectors("Military,Government"), ["MIL", "GOV"]);
        assert!(icews_sectors("NA").is_empty());
    }
}
